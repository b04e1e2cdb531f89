/*
 * Definitions ↔ flows: every flow a Dynamic Component definition names (executeFlow, openFlowDialog,
 * openFlowPanel, at any depth of do / onFinish / onError / onCancel / onClose) must be in the project and
 * fit the way it is used — the same checks FlowRunner/FlowCatalog make in the org before a run:
 *   - the flow exists (exact, case-sensitive API name; a near miss gets "did you mean") and is Active;
 *   - executeFlow runs an autolaunched flow with no trigger; openFlowDialog/openFlowPanel open a screen flow;
 *   - every configured input is a variable of the flow (case-sensitive), available for input, with the same
 *     collection-ness as the input's `collection` flag and a type compatible with its `dataType` (default Text);
 *   - every configured output is a variable available for output, and the resource receiving it has a
 *     compatible type and the same collection-ness.
 * Files that do not parse are left to the `definitions` check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { loadFlows, type FlowModel, type FlowVariable } from '../../lib/flowModel';
import { definitionFiles } from '../../validateDefinitions';
import {
    childPath,
    locate,
    parseJsonWithPositions,
    type SourcePosition
} from '../../../force-app/main/default/lwc/dcDefinition/jsonSource';
import { closest } from '../../../force-app/main/default/lwc/dcDefinition/suggest';
import { isFlowTypeCompatible } from '../../lib/flowModel';

type Json = Record<string, unknown>;

const FLOW_ACTIONS = new Set(['executeFlow', 'openFlowDialog', 'openFlowPanel']);
const NESTED_LISTS = ['onFinish', 'onError', 'onCancel', 'onClose'];

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

/** Readable flow variable type: "Text collection", "Contact record", "Number". */
function flowTypeLabel(v: FlowVariable): string {
    const base =
        v.dataType === 'String'
            ? 'Text'
            : v.dataType === 'SObject'
              ? `${v.objectType ?? 'SObject'} record`
              : v.dataType || 'untyped';
    return v.isCollection ? `${base} collection` : base;
}

function compatible(definitionType: string, flowType: string): boolean {
    return isFlowTypeCompatible(definitionType, flowType);
}

interface Context {
    root: string;
    rel: string;
    positions: Map<string, SourcePosition>;
    flows: Map<string, FlowModel>;
    /** API names of flow files that are not well-formed XML (reported by the flow-schema check). */
    unparsable: Set<string>;
    resources: Map<string, Json>;
    problems: Problem[];
    /** Flow actions seen, for the step's note. */
    counted: { actions: number };
}

function report(ctx: Context, jsonPath: string, message: string): void {
    ctx.problems.push({
        file: ctx.rel,
        line: locate(ctx.positions, jsonPath)?.line ?? 1,
        message: `${jsonPath}: ${message}`
    });
}

function flowFile(ctx: Context, flow: FlowModel): string {
    return path.relative(ctx.root, flow.file) || flow.file;
}

function findVariable(
    ctx: Context,
    flow: FlowModel,
    name: string,
    jsonPath: string,
    direction: 'input' | 'output'
): FlowVariable | undefined {
    const variable = flow.variables.find((v) => v.name === name);
    if (variable) return variable;
    const names = flow.variables.map((v) => v.name);
    const near = closest(name, names);
    const available = flow.variables.filter((v) => (direction === 'input' ? v.isInput : v.isOutput)).map((v) => v.name);
    report(
        ctx,
        jsonPath,
        `Flow '${flow.apiName}' has no variable '${name}'` +
            (near && near !== name
                ? `. Did you mean '${near}'? Flow variable names are case-sensitive.`
                : `: ${direction}s available: ${available.length ? available.join(', ') : 'none'}. ` +
                  `Fix the name here, or add the variable to ${flowFile(ctx, flow)} and mark it available for ${direction}.`)
    );
    return undefined;
}

function checkFlowKind(ctx: Context, flow: FlowModel, actionType: string, jsonPath: string): void {
    const trigger = flow.start?.triggerType && flow.start.triggerType !== 'None' ? flow.start.triggerType : undefined;
    const file = flowFile(ctx, flow);
    if (actionType === 'executeFlow') {
        if (flow.processType === 'Flow') {
            report(
                ctx,
                jsonPath,
                `Flow '${flow.apiName}' is a screen flow; executeFlow runs autolaunched flows in the background: use openFlowDialog or openFlowPanel for screen flows.`
            );
        } else if (flow.processType !== 'AutoLaunchedFlow') {
            report(
                ctx,
                jsonPath,
                `Flow '${flow.apiName}' has processType ${flow.processType ?? '(none)'}; executeFlow runs only autolaunched flows with no trigger (processType AutoLaunchedFlow in ${file}).`
            );
        } else if (trigger || flow.start?.recordTriggerType) {
            const kind =
                (trigger ?? '').startsWith('Record') || flow.start?.recordTriggerType
                    ? 'a record-triggered'
                    : 'a triggered';
            report(
                ctx,
                jsonPath,
                `Flow '${flow.apiName}' is ${kind} flow (${trigger ?? flow.start?.recordTriggerType}${flow.start?.object ? ` on ${flow.start.object}` : ''}); executeFlow runs only autolaunched flows with no trigger.`
            );
        }
    } else if (flow.processType !== 'Flow') {
        report(
            ctx,
            jsonPath,
            `Flow '${flow.apiName}' is not a screen flow (processType ${flow.processType ?? '(none)'}); ${actionType} shows screen flows only: use executeFlow for autolaunched flows.`
        );
    }
}

function checkInputs(ctx: Context, flow: FlowModel, action: Json, actionPath: string): void {
    arrayOf(action.inputs).forEach((input, i) => {
        if (!isObject(input) || typeof input.name !== 'string') return;
        const inputPath = childPath(childPath(actionPath, 'inputs'), i);
        const variable = findVariable(ctx, flow, input.name, childPath(inputPath, 'name'), 'input');
        if (!variable) return;
        if (!variable.isInput) {
            report(
                ctx,
                childPath(inputPath, 'name'),
                `Variable '${variable.name}' of flow '${flow.apiName}' is not available for input: set <isInput>true</isInput> on it in ${flowFile(ctx, flow)} (Flow Builder: "Available for input").`
            );
            return;
        }
        const wantsCollection = input.collection === true;
        if (wantsCollection !== variable.isCollection) {
            report(
                ctx,
                inputPath,
                `Input '${variable.name}' is ${wantsCollection ? 'a collection ("collection": true)' : 'a single value'}, but flow variable '${variable.name}' of '${flow.apiName}' is a ${flowTypeLabel(variable)}: ` +
                    (variable.isCollection
                        ? 'add "collection": true to the input (e.g. for {!table.SelectedRowsKeyValue}).'
                        : 'remove "collection": true, or make the flow variable a collection.')
            );
        }
        const dataType = typeof input.dataType === 'string' ? input.dataType : 'Text';
        if (!compatible(dataType, variable.dataType)) {
            report(
                ctx,
                inputPath,
                `Input '${variable.name}' is ${dataType}${input.dataType === undefined ? ' (the default)' : ''}, but flow variable '${variable.name}' of '${flow.apiName}' is a ${flowTypeLabel(variable)}: set "dataType" to match.`
            );
        }
    });
}

function checkOutputs(ctx: Context, flow: FlowModel, action: Json, actionPath: string): void {
    arrayOf(action.outputs).forEach((output, i) => {
        if (!isObject(output) || typeof output.name !== 'string') return;
        const outputPath = childPath(childPath(actionPath, 'outputs'), i);
        const variable = findVariable(ctx, flow, output.name, childPath(outputPath, 'name'), 'output');
        if (!variable) return;
        if (!variable.isOutput) {
            report(
                ctx,
                childPath(outputPath, 'name'),
                `Variable '${variable.name}' of flow '${flow.apiName}' is not available for output: set <isOutput>true</isOutput> on it in ${flowFile(ctx, flow)} (Flow Builder: "Available for output").`
            );
            return;
        }
        // A missing or non-variable resource is reported by the definitions check.
        const resource = typeof output.resource === 'string' ? ctx.resources.get(output.resource) : undefined;
        if (!resource || resource.kind !== 'variable') return;
        const resourceType = typeof resource.dataType === 'string' ? resource.dataType : 'Text';
        const resourceIsCollection = resource.isCollection === true;
        const resourceLabel = `${resourceType}${resourceIsCollection ? ' collection' : ''}`;
        const objectMismatch =
            resourceType === 'Record' &&
            typeof resource.objectApiName === 'string' &&
            variable.objectType !== undefined &&
            resource.objectApiName.toLowerCase() !== variable.objectType.toLowerCase();
        if (
            !compatible(resourceType, variable.dataType) ||
            resourceIsCollection !== variable.isCollection ||
            objectMismatch
        ) {
            report(
                ctx,
                childPath(outputPath, 'resource'),
                `Output '${variable.name}' of flow '${flow.apiName}' is a ${flowTypeLabel(variable)}, but resource '${output.resource as string}' is a ${resourceLabel}` +
                    (objectMismatch ? ` of ${resource.objectApiName as string}` : '') +
                    `: store it in a variable of the same type and collection-ness.`
            );
        }
    });
}

function checkAction(ctx: Context, action: Json, actionPath: string): void {
    const type = typeof action.type === 'string' ? action.type : '';
    if (FLOW_ACTIONS.has(type) && typeof action.flowApiName === 'string') {
        ctx.counted.actions++;
        const namePath = childPath(actionPath, 'flowApiName');
        const flow = ctx.flows.get(action.flowApiName);
        if (!flow && ctx.unparsable.has(action.flowApiName)) {
            report(
                ctx,
                namePath,
                `Flow '${action.flowApiName}' is not well-formed XML, so its type and variables cannot be checked: fix it first (see the flow-schema step).`
            );
        } else if (!flow) {
            const near = closest(action.flowApiName, ctx.flows.keys());
            report(
                ctx,
                namePath,
                `Flow '${action.flowApiName}' is not in this project (no ${action.flowApiName}.flow-meta.xml under force-app).` +
                    (near
                        ? ` Did you mean '${near}'? Flow API names are case-sensitive.`
                        : ' Add the flow, or fix flowApiName.')
            );
        } else {
            if (flow.status !== 'Active') {
                report(
                    ctx,
                    namePath,
                    `Flow '${flow.apiName}' is ${flow.status ?? 'not active (no <status>)'}: only an active version can run; set <status>Active</status> in ${flowFile(ctx, flow)}.`
                );
            }
            checkFlowKind(ctx, flow, type, namePath);
            checkInputs(ctx, flow, action, actionPath);
            checkOutputs(ctx, flow, action, actionPath);
        }
    }
    for (const key of NESTED_LISTS) checkActions(ctx, action[key], childPath(actionPath, key));
}

function checkActions(ctx: Context, actions: unknown, listPath: string): void {
    arrayOf(actions).forEach((action, i) => {
        if (isObject(action)) checkAction(ctx, action, childPath(listPath, i));
    });
}

const check: Check = {
    id: 'definition-flows',
    title: 'Definitions ↔ flows (flow exists, active, right type, inputs and outputs match)',
    async run({ root }) {
        const files = definitionFiles(root);
        if (!files.length) return { problems: [], notes: ['no definitions/*.json in this project'] };
        const parseErrors: { file: string; line: number; message: string }[] = [];
        const flows = loadFlows(root, parseErrors);
        const unparsable = new Set(parseErrors.map((e) => path.basename(e.file).replace(/\.flow-meta\.xml$/, '')));
        const problems: Problem[] = [];
        const counted = { actions: 0 };
        for (const file of files) {
            const parsed = parseJsonWithPositions(fs.readFileSync(file, 'utf8'));
            if (!isObject(parsed.value)) continue;
            const doc = parsed.value;
            const resources = new Map<string, Json>();
            for (const r of arrayOf(doc.resources))
                if (isObject(r) && typeof r.name === 'string') resources.set(r.name, r);
            const ctx: Context = {
                root,
                rel: path.relative(root, file) || file,
                positions: parsed.positions,
                flows,
                unparsable,
                resources,
                problems,
                counted
            };
            arrayOf(doc.interactions).forEach((interaction, i) => {
                if (isObject(interaction))
                    checkActions(ctx, interaction.do, childPath(childPath('interactions', i), 'do'));
            });
        }
        return {
            problems,
            notes: [
                `${counted.actions} flow action${counted.actions === 1 ? '' : 's'} in ${files.length} definition file${files.length === 1 ? '' : 's'} checked against ${flows.size} flows`
            ]
        };
    }
};

export default check;
