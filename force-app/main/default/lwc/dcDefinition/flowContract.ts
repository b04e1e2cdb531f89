/*
 * The definition ↔ flow contract: every executeFlow / openFlowDialog / openFlowPanel action, at any depth of
 * do / onFinish / onError / onCancel / onClose, checked against the flows it names (FlowCatalog: the org's
 * FlowDefinitionView + FlowVariableView, the project's flow XML, or the preview's):
 *   - the flow exists (exact, case-sensitive API name, with a did-you-mean), has an active version and is of the
 *     kind the action runs (executeFlow: autolaunched, no trigger; dialogs and panels: screen flows);
 *   - every input names a variable (exact case) available for input; its "collection" flag, its "dataType" and
 *     the type of the mapped value itself ({!t.SelectedRowsKeyValue} is a Text collection) fit the variable;
 *   - every output names a variable available for output whose type and collection-ness fit the variable
 *     resource receiving it; with mode auto / async an output's aggregate sum / count needs a single Number or
 *     Currency flow variable, and collect the element type of the collection resource;
 *   - an input variable without a default value that the action does not set is a warning;
 *   - an executeFlow action without requiredPermission on a flow that writes records (its own Create / Update /
 *     Delete Records elements or those of its subflows, as far as the catalogue knows them) is a warning when the
 *     flow's runInMode is unset or DefaultMode (system context with sharing, unstated) or SystemModeWithoutSharing.
 *     Where the writes are not known (the org's catalogue), nothing is said.
 * Each problem sits at the JSON path of the offending value and carries the code the server answers with when it
 * refuses to start the flow. Wording: ./messages.ts (mirrored by Apex FlowContract.cls). Plain TypeScript, no lwc
 * imports: the validator, the builder, the preview and the offline scripts run this very code.
 */
import { DATA_TYPES, TABLE_PROPERTIES, type DataType, type DefinitionProblem } from './definitionTypes';
import { childPath } from './jsonSource';
import * as messages from './messages';
import type { FlowContractCode } from './messages';
import { closest } from './suggest';
import {
    flowUseOf,
    flowVariableType,
    isAssignable,
    isFlowTypeCompatible,
    valueType,
    type FlowCatalog,
    type FlowDescribe,
    type FlowVariableDescribe,
    type ValueType,
    type ValueTypeContext
} from './valueTypes';

export type { FlowContractCode } from './messages';

type Json = Record<string, unknown>;

/** The action types that run or show a flow. */
export const FLOW_ACTION_TYPES = ['executeFlow', 'openFlowDialog', 'openFlowPanel'] as const;

/** Action lists nested in an action. */
export const NESTED_ACTION_LISTS = ['onFinish', 'onError', 'onCancel', 'onClose'] as const;

/** One flow contract problem: always with a code and a severity. */
export interface FlowContractProblem extends DefinitionProblem {
    code: FlowContractCode;
    severity: 'error' | 'warning';
}

/** An action of a definition with the JSON path it sits at. */
export interface ActionRef {
    /** e.g. interactions[0].do[1].onFinish[0] */
    path: string;
    action: Json;
    /** Index of the interaction the action belongs to. */
    interactionIndex: number;
    /** That interaction's id, when it has one. */
    interactionId?: string;
}

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown): unknown[] {
    return Array.isArray(v) ? v : [];
}

/** Every action of the definition (interactions[i].do and every nested list), depth first, in document order. */
export function walkActions(doc: unknown): ActionRef[] {
    const out: ActionRef[] = [];
    if (!isObject(doc)) return out;
    const visit = (list: unknown, listPath: string, interactionIndex: number, interactionId?: string): void => {
        arrayOf(list).forEach((action, i) => {
            if (!isObject(action)) return;
            const path = childPath(listPath, i);
            out.push({ path, action, interactionIndex, interactionId });
            for (const key of NESTED_ACTION_LISTS)
                visit(action[key], childPath(path, key), interactionIndex, interactionId);
        });
    };
    arrayOf(doc.interactions).forEach((interaction, i) => {
        if (!isObject(interaction)) return;
        const id = typeof interaction.id === 'string' ? interaction.id : undefined;
        visit(interaction.do, childPath(childPath('interactions', i), 'do'), i, id);
    });
    return out;
}

/** The executeFlow / openFlowDialog / openFlowPanel actions of the definition. */
export function flowActions(doc: unknown): ActionRef[] {
    return walkActions(doc).filter((ref) => (FLOW_ACTION_TYPES as readonly unknown[]).includes(ref.action.type));
}

/** The action with this id (exact) in the interaction with this id (exact), at any depth. */
export function findAction(doc: unknown, interactionId: string, actionId: string): ActionRef | undefined {
    return walkActions(doc).find((ref) => ref.interactionId === interactionId && ref.action.id === actionId);
}

// ------------------------------------------------------------------ types of mapped values

const SINGLE_MERGE_FIELD = /^\{!\s*([A-Za-z$][A-Za-z0-9_.$]*)\s*\}$/;

function isDataType(v: unknown): v is DataType {
    return typeof v === 'string' && (DATA_TYPES as readonly string[]).includes(v);
}

function byExactName(list: unknown, name: string): Json | undefined {
    return arrayOf(list).find((item): item is Json => isObject(item) && item.name === name);
}

/**
 * Whether a merge-field reference names something of this definition (so its type, and above all its
 * collection-ness, is known). Unresolvable references are reported by the validator; the contract leaves them.
 */
function isResolvable(doc: Json, reference: string): boolean {
    const [head, ...rest] = reference.split('.');
    if (head === '$User' || head === '$Record') return rest.length > 0;
    if (head === '$Error' || head === '$Run') return true;
    const resource = byExactName(doc.resources, head);
    if (resource) return !rest.length || resource.dataType === 'Record';
    const component = byExactName(doc.components, head);
    return !!component && rest.length > 0 && (TABLE_PROPERTIES as readonly string[]).includes(rest[0]);
}

/** The type of an input's mapped value; undefined when it cannot be known (unresolvable reference, null, object). */
function mappedValueType(
    doc: Json,
    value: unknown,
    declared: { dataType: string; collection: boolean },
    context: ValueTypeContext
): { type: ValueType; isReference: boolean } | undefined {
    if (value === null || value === undefined || isObject(value)) return undefined;
    if (typeof value === 'string') {
        const single = SINGLE_MERGE_FIELD.exec(value.trim());
        if (single) {
            if (!isResolvable(doc, single[1])) return undefined;
            return { type: valueType(doc, value, declared, context), isReference: true };
        }
    }
    return { type: valueType(doc, value, declared, context), isReference: false };
}

// ------------------------------------------------------------------ the check

class ActionCheck {
    readonly problems: FlowContractProblem[] = [];
    private readonly type: string;

    constructor(
        private readonly doc: Json,
        private readonly path: string,
        private readonly action: Json,
        private readonly flows: FlowCatalog,
        private readonly context: ValueTypeContext
    ) {
        this.type = String(action.type);
    }

    /** An executeFlow action with mode auto or async: its outputs may aggregate the chunks' values. */
    private chunked(): boolean {
        return this.type === 'executeFlow' && (this.action.mode === 'auto' || this.action.mode === 'async');
    }

    private report(path: string, code: FlowContractCode, message: string, severity: 'error' | 'warning' = 'error') {
        this.problems.push({ path, message, severity, code });
    }

    run(): FlowContractProblem[] {
        const name = this.action.flowApiName;
        if (typeof name !== 'string' || !name.trim()) return this.problems; // the validator reports it
        const namePath = childPath(this.path, 'flowApiName');
        const flow = this.flow(name, namePath);
        if (!flow) return this.problems;
        this.kind(flow, namePath);
        // The variables are those of the active version: checked once there is one.
        if (!flow.isActive) return this.problems;
        this.inputs(flow);
        this.outputs(flow);
        if (this.type === 'executeFlow') this.runContext(flow);
        return this.problems;
    }

    /** The record writes of `flow` and of the subflows the catalogue knows, each flow visited once. */
    private recordWrites(flow: FlowDescribe): messages.RecordWriteSummary[] {
        const out: messages.RecordWriteSummary[] = [];
        const seen = new Set<string>();
        const queue: { flow: FlowDescribe; subflow?: string }[] = [{ flow }];
        while (queue.length) {
            const next = queue.shift()!;
            const key = next.flow.apiName.toLowerCase();
            if (seen.has(key)) continue;
            seen.add(key);
            for (const w of next.flow.recordWrites ?? []) out.push({ ...w, subflow: next.subflow });
            for (const name of next.flow.subflows ?? []) {
                const sub = this.flows.describeFlow(name);
                if (sub) queue.push({ flow: sub, subflow: sub.apiName });
            }
        }
        return out;
    }

    /** Warns when a flow that writes records runs in a context the definition does not guard. */
    private runContext(flow: FlowDescribe): void {
        // a flow of the wrong kind is already an error; the context matters for a flow that can run
        if (flowUseOf(flow) !== 'executeFlow') return;
        const permission = this.action.requiredPermission;
        if (typeof permission === 'string' && permission.trim()) return;
        const writes = this.recordWrites(flow);
        if (!writes.length) return;
        const mode = flow.runInMode;
        if (mode === undefined || mode === 'SystemModeWithSharing' || mode === 'UserMode') return;
        const message =
            mode === 'SystemModeWithoutSharing'
                ? messages.runContextWithoutSharing(flow.apiName, writes)
                : messages.runContextUnset(flow.apiName, writes, mode);
        this.report(this.path, 'RUN_CONTEXT', message, 'warning');
    }

    private flow(name: string, namePath: string): FlowDescribe | undefined {
        const found = this.flows.describeFlow(name);
        if (found && found.apiName === name) return found;
        const suggestion =
            found?.apiName ??
            closest(
                name,
                this.flows.listFlows().map((f) => f.apiName)
            );
        this.report(namePath, 'FLOW_NOT_FOUND', messages.flowNotFound(name, suggestion));
        return undefined;
    }

    private kind(flow: FlowDescribe, namePath: string): void {
        const name = flow.apiName;
        if (!flow.isActive) this.report(namePath, 'FLOW_INACTIVE', messages.flowInactive(name));
        const trigger = flow.triggerType && flow.triggerType !== 'None' ? flow.triggerType : undefined;
        if (this.type === 'executeFlow') {
            if (flow.processType === 'Flow') {
                this.report(namePath, 'WRONG_FLOW_TYPE', messages.executeFlowOnScreenFlow(name));
            } else if (flow.processType !== 'AutoLaunchedFlow') {
                this.report(namePath, 'WRONG_FLOW_TYPE', messages.executeFlowOnProcessType(name, flow.processType));
            } else if (trigger) {
                this.report(namePath, 'WRONG_FLOW_TYPE', messages.executeFlowOnTriggeredFlow(name, trigger));
            }
        } else if (flow.processType !== 'Flow') {
            this.report(namePath, 'WRONG_FLOW_TYPE', messages.notAScreenFlow(name, flow.processType, this.type));
        }
    }

    /** The variable `name` (exact case), or a problem at `path`. */
    private variable(
        flow: FlowDescribe,
        name: string,
        path: string,
        direction: messages.FlowDirection
    ): FlowVariableDescribe | undefined {
        const variable = flow.variables.find((v) => v.name === name);
        if (variable) {
            if (direction === 'input' ? variable.isInput : variable.isOutput) return variable;
            this.report(
                path,
                direction === 'input' ? 'INPUT_NOT_AVAILABLE' : 'OUTPUT_NOT_AVAILABLE',
                messages.variableNotAvailable(flow.apiName, name, direction)
            );
            return undefined;
        }
        const available = flow.variables
            .filter((v) => (direction === 'input' ? v.isInput : v.isOutput))
            .map((v) => v.name);
        const sameLetters = flow.variables.find((v) => v.name.toLowerCase() === name.toLowerCase())?.name;
        this.report(
            path,
            direction === 'input' ? 'UNKNOWN_INPUT' : 'UNKNOWN_OUTPUT',
            messages.unknownFlowVariable(
                flow.apiName,
                name,
                direction,
                sameLetters ?? closest(name, available),
                available
            )
        );
        return undefined;
    }

    private inputs(flow: FlowDescribe): void {
        const inputsPath = childPath(this.path, 'inputs');
        const set = new Set<string>();
        arrayOf(this.action.inputs).forEach((input, i) => {
            if (!isObject(input) || typeof input.name !== 'string' || !input.name) return;
            set.add(input.name.toLowerCase());
            const inputPath = childPath(inputsPath, i);
            const variable = this.variable(flow, input.name, childPath(inputPath, 'name'), 'input');
            if (variable) this.input(flow, input, inputPath, variable);
        });
        for (const v of flow.variables) {
            if (!v.isInput || !v.isRequired || set.has(v.name.toLowerCase())) continue;
            this.report(
                Array.isArray(this.action.inputs) ? inputsPath : this.path,
                'REQUIRED_INPUT',
                messages.requiredInputMissing(flow.apiName, v.name, flowVariableType(v)),
                'warning'
            );
        }
    }

    private input(flow: FlowDescribe, input: Json, inputPath: string, variable: FlowVariableDescribe): void {
        const name = variable.name;
        const target = flowVariableType(variable);
        const flag = input.collection === true;
        const declaredDefault = input.dataType === undefined;
        // an unknown dataType is the validator's to report; the checks that need it are skipped
        const declared: DataType | undefined = declaredDefault
            ? 'Text'
            : isDataType(input.dataType)
              ? input.dataType
              : undefined;
        const mapped = declared
            ? mappedValueType(this.doc, input.value, { dataType: declared, collection: flag }, this.context)
            : undefined;
        const source = mapped?.type;
        const valuePath = childPath(inputPath, 'value');

        // collection-ness: of the mapped value first, then of the "collection" flag, one problem per mistake
        const sourceCollectionWrong = !!source && source.isCollection !== target.isCollection;
        if (sourceCollectionWrong) {
            this.report(
                valuePath,
                'COLLECTION_MISMATCH',
                messages.inputSourceCollection(flow.apiName, name, input.value, source, target)
            );
        }
        if (flag !== target.isCollection && !(sourceCollectionWrong && flag === source?.isCollection)) {
            this.report(
                'collection' in input ? childPath(inputPath, 'collection') : inputPath,
                'COLLECTION_MISMATCH',
                messages.inputCollectionFlag(flow.apiName, name, target)
            );
        }

        // type: of a mapped merge field, then the declared dataType (unless it only agrees with a wrong source)
        const sourceTypeWrong =
            !!mapped?.isReference &&
            !!source &&
            source.dataType !== 'Unknown' &&
            target.dataType !== 'Unknown' &&
            !isAssignable({ ...source, isCollection: target.isCollection }, target);
        if (sourceTypeWrong) {
            this.report(
                valuePath,
                'TYPE_MISMATCH',
                messages.inputSourceType(flow.apiName, name, input.value, source, target)
            );
        }
        if (!declared || isFlowTypeCompatible(declared, variable.dataType)) return;
        const declaredAgreesWithSource =
            sourceTypeWrong &&
            isAssignable({ dataType: declared, isCollection: false }, { ...source, isCollection: false });
        if (declaredAgreesWithSource) return;
        this.report(
            declaredDefault ? inputPath : childPath(inputPath, 'dataType'),
            'TYPE_MISMATCH',
            messages.inputDataType(flow.apiName, name, declared, declaredDefault, target)
        );
    }

    private outputs(flow: FlowDescribe): void {
        const outputsPath = childPath(this.path, 'outputs');
        arrayOf(this.action.outputs).forEach((output, i) => {
            if (!isObject(output) || typeof output.name !== 'string' || !output.name) return;
            const outputPath = childPath(outputsPath, i);
            const variable = this.variable(flow, output.name, childPath(outputPath, 'name'), 'output');
            if (!variable || typeof output.resource !== 'string') return;
            // A missing resource, or one that is not a variable, is reported by the validator.
            const resource = byExactName(this.doc.resources, output.resource);
            if (!resource || resource.kind !== 'variable') return;
            const dataType = isDataType(resource.dataType) ? resource.dataType : 'Unknown';
            const target: ValueType = {
                dataType,
                isCollection: resource.isCollection === true,
                objectApiName: typeof resource.objectApiName === 'string' ? resource.objectApiName : undefined
            };
            const source = flowVariableType(variable);
            const aggregate = this.chunked() ? output.aggregate : undefined;
            if (aggregate === 'sum' || aggregate === 'count') {
                // the resource's type is the validator's (aggregateNeedsNumberResource); the flow's is checked here
                const isNumber = source.dataType === 'Number' || source.dataType === 'Currency';
                if (source.dataType !== 'Unknown' && (source.isCollection || !isNumber)) {
                    this.report(
                        childPath(outputPath, 'name'),
                        'TYPE_MISMATCH',
                        messages.aggregateNeedsNumberOutput(flow.apiName, variable.name, aggregate, source)
                    );
                }
                return;
            }
            if (aggregate === 'collect') {
                // the chunks' values are concatenated (a collection output flattened): the element types must fit
                if (!target.isCollection) return; // reported by the validator (aggregateNeedsCollectionResource)
                const elements = { ...source, isCollection: true };
                if (isAssignable(elements, target)) return;
                this.report(
                    childPath(outputPath, 'resource'),
                    'TYPE_MISMATCH',
                    messages.outputResourceType(flow.apiName, variable.name, elements, output.resource, target)
                );
                return;
            }
            const code: FlowContractCode | undefined =
                source.isCollection !== target.isCollection
                    ? 'COLLECTION_MISMATCH'
                    : isAssignable(source, target)
                      ? undefined
                      : 'TYPE_MISMATCH';
            if (!code) return;
            this.report(
                childPath(outputPath, 'resource'),
                code,
                messages.outputResourceType(flow.apiName, variable.name, source, output.resource, target)
            );
        });
    }
}

/**
 * The contract problems of one flow action (executeFlow, openFlowDialog, openFlowPanel) of `doc`; [] for any other
 * action. The server runs this before it starts a flow.
 */
export function checkFlowAction(
    doc: unknown,
    ref: Pick<ActionRef, 'path' | 'action'>,
    flows: FlowCatalog,
    context: ValueTypeContext = {}
): FlowContractProblem[] {
    if (!isObject(doc) || !(FLOW_ACTION_TYPES as readonly unknown[]).includes(ref.action.type)) return [];
    return new ActionCheck(doc, ref.path, ref.action, flows, context).run();
}

/**
 * Checks every flow action of a definition against `flows` and returns the problems (errors and warnings), each at
 * the JSON path of the offending value. Shapes the validator reports (missing names, bad types) are skipped.
 */
export function checkFlowContracts(
    doc: unknown,
    flows: FlowCatalog,
    context: ValueTypeContext = {}
): FlowContractProblem[] {
    return flowActions(doc).flatMap((ref) => checkFlowAction(doc, ref, flows, context));
}
