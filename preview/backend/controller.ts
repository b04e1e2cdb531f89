/*
 * The preview's DynamicComponentController: getDefinition, runQuery, executeFlow with the contract of
 * docs/CONTRACTS.md, over the in-memory store. Errors are ServiceError {code, message, details}; the server turns
 * them into the AuraHandledException shape (message = the JSON text).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ServiceError } from './errors';
import { loadDefinitions, readDefinition, type StoredDefinition } from './definitions';
import { runStructuredQuery, type QueryDefinition, type QueryRequest, type QueryResponse } from './query';
import type { PreviewSchema } from './schema';
import { DmlError, type Store } from './store';
import { readFlowFile, type FlowModel, type FlowVariable } from './flow/flowModel';
import { FlowFault, FlowInterpreter } from './flow/interpreter';
import { isFlowTypeCompatible } from '../../scripts/lib/flowModel';

export interface DefinitionResponse {
    apiName: string;
    label: string;
    json: string;
    problems: { path: string; message: string }[];
    canCustomize: boolean;
}

export interface FlowRunResponse {
    success: boolean;
    outputs: Record<string, unknown>;
    error: { code: string; message: string; details: unknown[] } | null;
}

export interface ControllerOptions {
    store: Store;
    schema: PreviewSchema;
    /** definitions/ */
    definitionsDir: string;
    /** force-app/main/default/flows */
    flowsDir: string;
    user: Record<string, unknown>;
    /** Re-read definitions and flows on every call (the preview's edit-and-reload loop). Default true. */
    live?: boolean;
}

interface ActionLike {
    type?: string;
    id?: string;
    flowApiName?: string;
    inputs?: { name: string; dataType?: string; collection?: boolean }[];
    outputs?: { name: string; resource: string }[];
    onFinish?: ActionLike[];
    onError?: ActionLike[];
    onCancel?: ActionLike[];
    onClose?: ActionLike[];
}

const MAX_DML_ROWS = 10000;
const RECORD_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
/** Output variable through which a flow's fault path reports a handled fault (Apex FlowRunner.FAULT_OUTPUT). */
export const FAULT_OUTPUT = 'faultMessage';

const GENERIC_FAULT_TEXT = [
    /an unhandled fault has occurred in this flow\.?/gi,
    /an unhandled fault has occurred while processing the flow[^.]*\./gi,
    /please contact your system administrator for more information\.?/gi,
    /you can look up exceptioncode values in the soap api developer guide\.?/gi,
    /an internal server error has occurred\.?/gi
];

/** The flow's own fault text without Salesforce's generic wrapper (Apex FlowRunner.faultText). */
export function faultText(raw: string): string | null {
    let text = raw;
    for (const g of GENERIC_FAULT_TEXT) text = text.replace(g, '');
    text = text.replace(/\s+/g, ' ').trim().replace(/^:/, '').replace(/^\./, '').trim();
    return text || null;
}

function flowFault(flow: FlowModel, raw: string): { code: string; message: string; details: unknown[] } {
    const cause = faultText(raw);
    const message =
        cause ??
        `Flow '${flow.apiName}' failed without saying why. Give its data elements a fault path that assigns {!$Flow.FaultMessage} to a Text output variable named ${FAULT_OUTPUT}, or look the run up in Setup > Paused and Failed Flow Interviews.`;
    return { code: 'FLOW_FAULT', message, details: [`Flow: ${flow.apiName}`] };
}

function isCompatible(inputType: string, flowType: string): boolean {
    return isFlowTypeCompatible(inputType, flowType);
}
function typeLabel(v: FlowVariable): string {
    const base =
        v.dataType === 'SObject' ? `${v.objectType ?? 'record'} record` : v.dataType === 'String' ? 'Text' : v.dataType;
    return v.isCollection ? `${base} collection` : `single ${base}`;
}

function didYouMean(word: string, candidates: string[]): string {
    const l = word.toLowerCase();
    const exactCase = candidates.find((c) => c.toLowerCase() === l);
    if (exactCase) return ` Did you mean '${exactCase}'? (names are case-sensitive)`;
    const close = candidates.find((c) => c.toLowerCase().includes(l) || l.includes(c.toLowerCase()));
    return close ? ` Did you mean '${close}'?` : candidates.length ? ` Available: ${candidates.join(', ')}.` : '';
}

function findAction(actions: ActionLike[] | undefined, id: string): ActionLike | undefined {
    for (const a of actions ?? []) {
        if (a.id === id) return a;
        const nested =
            findAction(a.onFinish, id) ??
            findAction(a.onError, id) ??
            findAction(a.onCancel, id) ??
            findAction(a.onClose, id);
        if (nested) return nested;
    }
    return undefined;
}

/** Coerces one input value to the flow variable's type (and collection-ness), or throws TYPE_MISMATCH. */
export function coerceFlowValue(variable: FlowVariable, value: unknown, label: string): unknown {
    if (value === null || value === undefined) return null;
    if (!variable.isCollection && Array.isArray(value)) {
        throw new ServiceError(
            'COLLECTION_MISMATCH',
            `${label} received a list of ${value.length} values, but flow variable '${variable.name}' holds a single ${typeLabel(variable).replace(/^single /, '')}: turn off "collection" for this input in the definition, or make the flow variable a collection.`
        );
    }
    if (variable.isCollection && !Array.isArray(value)) value = [value];
    const one = (v: unknown): unknown => {
        if (v === null || v === undefined) return null;
        const bad = () =>
            new ServiceError(
                'TYPE_MISMATCH',
                `${JSON.stringify(v)} is not a ${variable.dataType === 'String' ? 'Text' : variable.dataType} value for ${label.toLowerCase()}`
            );
        switch (variable.dataType) {
            case 'String':
            case 'Picklist':
            case 'Multipicklist':
                if (typeof v === 'object') throw bad();
                return String(v);
            case 'Number':
            case 'Currency': {
                const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
                if (Number.isNaN(n)) throw bad();
                return n;
            }
            case 'Boolean':
                if (typeof v === 'boolean') return v;
                if (v === 'true' || v === 'false') return v === 'true';
                throw bad();
            case 'Date':
                if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
                throw bad();
            case 'DateTime':
                if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
                throw bad();
            case 'SObject':
                if (v && typeof v === 'object' && !Array.isArray(v)) return { ...(v as object) };
                throw bad();
            default:
                return v;
        }
    };
    return Array.isArray(value) ? value.map(one) : one(value);
}

export class PreviewController {
    private definitions: Map<string, StoredDefinition>;

    constructor(private readonly options: ControllerOptions) {
        this.definitions = loadDefinitions(options.definitionsDir, options.schema);
    }

    listDefinitions(): StoredDefinition[] {
        if (this.options.live !== false)
            this.definitions = loadDefinitions(this.options.definitionsDir, this.options.schema);
        return [...this.definitions.values()];
    }

    private definition(name: unknown, mustBeValid: boolean): StoredDefinition {
        if (typeof name !== 'string' || !name.trim()) {
            throw new ServiceError(
                'UNKNOWN_DEFINITION',
                "No Dynamic Component definition was chosen. Pick one in the component's properties in Lightning App Builder."
            );
        }
        let def = this.definitions.get(name);
        if (this.options.live !== false) {
            const file = def ? path.join(this.options.definitionsDir, def.file) : undefined;
            if (file && fs.existsSync(file)) def = readDefinition(file, this.options.schema);
            else {
                this.definitions = loadDefinitions(this.options.definitionsDir, this.options.schema);
                def = this.definitions.get(name);
            }
        }
        if (!def) {
            const available = [...this.definitions.keys()];
            throw new ServiceError(
                'UNKNOWN_DEFINITION',
                `There is no Dynamic Component definition named "${name}". ${available.length ? `Available: ${available.join(', ')}.` : 'No definitions are deployed in this org.'}`,
                available
            );
        }
        if (mustBeValid && def.problems.length) {
            throw new ServiceError(
                'INVALID_DEFINITION',
                `Definition '${name}' has ${def.problems.length} problem(s); fix them first: ${def.problems[0].path ? def.problems[0].path + ': ' : ''}${def.problems[0].message}`,
                def.problems
            );
        }
        return def;
    }

    getDefinition(params: { definitionName?: unknown }): DefinitionResponse {
        const def = this.definition(params.definitionName, false);
        return {
            apiName: def.apiName,
            label: def.label,
            json: def.json,
            problems: def.problems.map((p) => ({ path: p.path, message: p.message })),
            canCustomize: true
        };
    }

    runQuery(params: { definitionName?: unknown; queryName?: unknown; requestJson?: unknown }): QueryResponse {
        const def = this.definition(params.definitionName, true);
        const queries = (def.document?.queries ?? []) as QueryDefinition[];
        const query = queries.find((q) => q.name === params.queryName);
        if (!query) {
            const available = queries.map((q) => q.name);
            throw new ServiceError(
                'UNKNOWN_QUERY',
                `Definition "${def.apiName}" has no query named "${String(params.queryName)}".${available.length ? ` Queries: ${available.join(', ')}.` : ' It has no queries.'}`,
                available
            );
        }
        let request: QueryRequest = {};
        if (typeof params.requestJson === 'string' && params.requestJson.trim()) {
            try {
                request = JSON.parse(params.requestJson) as QueryRequest;
            } catch (e) {
                throw new ServiceError(
                    'INVALID_REQUEST',
                    `The query request is not valid JSON: ${(e as Error).message}`
                );
            }
        }
        return runStructuredQuery(this.options.store, query, request);
    }

    flowModel(flowApiName: string): FlowModel {
        const file = path.join(this.options.flowsDir, `${flowApiName}.flow-meta.xml`);
        if (!fs.existsSync(file)) {
            const names = fs.existsSync(this.options.flowsDir)
                ? fs
                      .readdirSync(this.options.flowsDir)
                      .filter((f) => f.endsWith('.flow-meta.xml'))
                      .map((f) => f.replace('.flow-meta.xml', ''))
                : [];
            const other = names.find((n) => n.toLowerCase() === flowApiName.toLowerCase());
            throw new ServiceError(
                'FLOW_NOT_FOUND',
                other
                    ? `Flow '${flowApiName}' does not exist in this org; did you mean '${other}'? Flow API names are case-sensitive.`
                    : `Flow '${flowApiName}' does not exist in this org: deploy it, or fix flowApiName in the definition.`
            );
        }
        return readFlowFile(file, flowApiName);
    }

    /**
     * Mirrors Apex FlowRunner.run: never throws for a bad request or a flow fault, it returns {success:false, error}.
     * The flow comes from the stored definition (allow-list); only inputs the action configures are accepted and
     * literal input values always come from the stored definition. A fault path that sets the Text output
     * `faultMessage` counts as a failed run: everything is rolled back and the message is returned as FLOW_FAULT.
     */
    executeFlow(params: {
        definitionName?: unknown;
        interactionId?: unknown;
        actionId?: unknown;
        inputsJson?: unknown;
    }): FlowRunResponse {
        let sent: Record<string, unknown> = {};
        if (typeof params.inputsJson === 'string' && params.inputsJson.trim()) {
            let parsed: unknown;
            try {
                parsed = JSON.parse(params.inputsJson);
            } catch (e) {
                throw new ServiceError(
                    'INVALID_REQUEST',
                    `The flow inputs are not valid JSON: ${(e as Error).message}`
                );
            }
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
                throw new ServiceError(
                    'INVALID_REQUEST',
                    'The flow inputs must be a JSON object keyed by flow input name.'
                );
            }
            sent = parsed as Record<string, unknown>;
        }
        let prepared: { flow: FlowModel; inputs: Record<string, unknown>; outputs: string[] };
        try {
            prepared = this.prepareFlowRun(params, sent);
        } catch (e) {
            if (e instanceof ServiceError) return { success: false, outputs: {}, error: e.toJSON() };
            throw e;
        }
        const { flow, inputs, outputs } = prepared;
        const store = this.options.store;
        store.begin();
        try {
            const result = new FlowInterpreter(flow, store, { user: this.options.user }).run(inputs);
            const handled = flow.variables.get(FAULT_OUTPUT);
            const handledFault =
                handled && handled.isOutput && !handled.isCollection && result.outputs[FAULT_OUTPUT]
                    ? String(result.outputs[FAULT_OUTPUT])
                    : '';
            if (handledFault) {
                store.rollback();
                return { success: false, outputs: {}, error: flowFault(flow, handledFault) };
            }
            store.commit();
            const out: Record<string, unknown> = {};
            for (const name of outputs) out[name] = result.outputs[name] ?? null;
            return { success: true, outputs: out, error: null };
        } catch (e) {
            store.rollback();
            if (e instanceof FlowFault || e instanceof DmlError)
                return { success: false, outputs: {}, error: flowFault(flow, e.message) };
            throw e;
        }
    }

    private prepareFlowRun(
        params: { definitionName?: unknown; interactionId?: unknown; actionId?: unknown },
        sent: Record<string, unknown>
    ): { flow: FlowModel; inputs: Record<string, unknown>; outputs: string[] } {
        const def = this.definition(params.definitionName, true);
        const definitionName = def.apiName;
        const interactionId = String(params.interactionId);
        const actionId = String(params.actionId);
        const interactions = (def.document?.interactions ?? []) as { id: string; do: ActionLike[] }[];
        const interaction = interactions.find((i) => i.id === params.interactionId);
        if (!interaction) {
            throw new ServiceError(
                'UNKNOWN_INTERACTION',
                `Definition '${definitionName}' has no interaction with id '${interactionId}'. Reload the page: the definition may have changed.`
            );
        }
        const action = findAction(interaction.do, actionId);
        if (!action) {
            throw new ServiceError(
                'UNKNOWN_INTERACTION',
                `Interaction '${interactionId}' of definition '${definitionName}' has no action with id '${actionId}'. Reload the page: the definition may have changed.`
            );
        }
        const place = `action '${actionId}' of interaction '${interactionId}' in definition '${definitionName}'`;
        if (action.type !== 'executeFlow') {
            throw new ServiceError(
                'NOT_ALLOWED',
                `The ${place} is a ${action.type} action; only Execute Flow actions run flows on the server.`
            );
        }
        if (!action.flowApiName) throw new ServiceError('NOT_ALLOWED', `The ${place} names no flowApiName.`);
        const configured = new Map((action.inputs ?? []).map((i) => [i.name, i] as const));
        for (const name of Object.keys(sent)) {
            if (!configured.has(name)) {
                throw new ServiceError(
                    'NOT_ALLOWED',
                    `Input '${name}' is not configured on the ${place}; the server accepts only the inputs the stored definition lists.`,
                    [`Configured inputs: ${[...configured.keys()].join(', ')}`]
                );
            }
        }
        const flow = this.requireAutolaunched(action.flowApiName);
        const flowName = flow.apiName;
        const inputs: Record<string, unknown> = {};
        for (const [name, config] of configured) {
            const variable = flow.variables.get(name);
            if (!variable) {
                throw new ServiceError(
                    'UNKNOWN_INPUT',
                    `Flow '${flowName}' has no variable '${name}'.${didYouMean(
                        name,
                        [...flow.variables.values()].filter((v) => v.isInput).map((v) => v.name)
                    )}`
                );
            }
            if (!variable.isInput) {
                throw new ServiceError(
                    'INPUT_NOT_AVAILABLE',
                    `Variable '${name}' of flow '${flowName}' is not available for input: tick "Available for input" on it in Flow Builder, then activate the new version.`
                );
            }
            const wantsCollection = config.collection === true;
            if (wantsCollection !== variable.isCollection) {
                throw new ServiceError(
                    'COLLECTION_MISMATCH',
                    `Input '${name}' is configured as ${wantsCollection ? 'a collection' : 'a single value'}, but flow variable '${name}' of '${flowName}' is a ${typeLabel(variable)}: ${variable.isCollection ? 'turn on' : 'turn off'} "collection" for this input in the definition.`
                );
            }
            const dataType = config.dataType ?? 'Text';
            if (!isCompatible(dataType, variable.dataType)) {
                throw new ServiceError(
                    'TYPE_MISMATCH',
                    `Input '${name}' is configured as ${dataType}, but flow variable '${name}' of '${flowName}' is a ${typeLabel(variable)}: set the input's dataType to match.`
                );
            }
            const stored = (config as { value?: unknown }).value;
            const literal =
                stored !== undefined && stored !== null && !(typeof stored === 'string' && stored.includes('{!'));
            if (literal) inputs[name] = coerceFlowValue(variable, stored, `Input '${name}'`);
            else if (name in sent) inputs[name] = coerceFlowValue(variable, sent[name], `Input '${name}'`);
        }
        const outputs: string[] = [];
        for (const o of action.outputs ?? []) {
            const variable = flow.variables.get(o.name);
            if (!variable) {
                throw new ServiceError(
                    'UNKNOWN_OUTPUT',
                    `Flow '${flowName}' has no variable '${o.name}'.${didYouMean(
                        o.name,
                        [...flow.variables.values()].filter((v) => v.isOutput).map((v) => v.name)
                    )}`
                );
            }
            if (!variable.isOutput) {
                throw new ServiceError(
                    'OUTPUT_NOT_AVAILABLE',
                    `Variable '${o.name}' of flow '${flowName}' is not available for output: tick "Available for output" on it in Flow Builder, then activate the new version.`
                );
            }
            outputs.push(o.name);
        }
        // the DML row budget: a selection of record ids larger than 10,000 cannot be updated in one transaction
        for (const value of Object.values(inputs)) {
            if (
                Array.isArray(value) &&
                value.length > MAX_DML_ROWS &&
                value.every((v) => typeof v === 'string' && RECORD_ID.test(v))
            ) {
                throw new ServiceError(
                    'TOO_MANY_ROWS',
                    `${value.length.toLocaleString('en-US')} rows selected; one flow run can update at most ${MAX_DML_ROWS.toLocaleString('en-US')} records per transaction. Select fewer rows and run it again.`,
                    [`Flow: ${flowName}`]
                );
            }
        }
        return { flow, inputs, outputs };
    }

    private requireAutolaunched(flowName: string): FlowModel {
        const flow = this.flowModel(flowName);
        if (flow.status !== 'Active') {
            throw new ServiceError(
                'FLOW_INACTIVE',
                `Flow '${flowName}' has no active version: open it in Flow Builder and activate it.`
            );
        }
        if (flow.processType === 'Flow') {
            throw new ServiceError(
                'WRONG_FLOW_TYPE',
                `Flow '${flowName}' is a screen flow; Execute Flow runs autolaunched flows in the background: use Open Flow Dialog or Open Flow Panel for screen flows.`
            );
        }
        if (flow.processType !== 'AutoLaunchedFlow') {
            throw new ServiceError(
                'WRONG_FLOW_TYPE',
                `Flow '${flowName}' has process type ${flow.processType}; Execute Flow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`
            );
        }
        if (flow.triggerType) {
            throw new ServiceError(
                'WRONG_FLOW_TYPE',
                `Flow '${flowName}' is ${flow.triggerType.startsWith('Record') ? 'a record-triggered' : 'a triggered'} flow (${flow.triggerType}); Execute Flow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`
            );
        }
        return flow;
    }

    /** Dispatches "DynamicComponentController.method" calls from the in-browser Apex mock. */
    call(qualifiedName: string, params: Record<string, unknown>): unknown {
        switch (qualifiedName) {
            case 'DynamicComponentController.getDefinition':
                return this.getDefinition(params);
            case 'DynamicComponentController.runQuery':
                return this.runQuery(params);
            case 'DynamicComponentController.executeFlow':
                return this.executeFlow(params);
            default:
                throw new ServiceError('NOT_ALLOWED', `The local preview has no Apex method ${qualifiedName}.`);
        }
    }
}
