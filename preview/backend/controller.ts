/*
 * The preview's DynamicComponentController: getDefinition, runQuery, executeFlow with the contract of
 * docs/CONTRACTS.md, over the in-memory store. Errors are ServiceError {code, message, details}; the server turns
 * them into the AuraHandledException shape (message = the JSON text).
 *
 * The flow contract (c/dcDefinition checkFlowContracts, against the project's flow XML) runs twice, as in the org:
 * in getDefinition, so the setup panel lists every problem before anything is clicked, and in executeFlow for the
 * one action, before the flow starts — a refused run starts nothing and commits nothing, with the setup panel's
 * message and the problem's code (TYPE_MISMATCH, COLLECTION_MISMATCH, UNKNOWN_INPUT, ...).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    checkFlowAction,
    findAction,
    flowNotFound,
    flowVariableType,
    isError,
    typePhrase,
    type DefinitionProblem,
    type FlowCatalog
} from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { closest } from '../../force-app/main/default/lwc/dcDefinition/suggest';
import { flowCatalogOfDirectory } from '../../scripts/lib/flowCatalog';
import { accessOf, type AccessPolicy } from './access';
import {
    DataTableContext,
    EDIT_EXTRAS,
    exportRows,
    feedsEditableTable,
    saveRecords,
    searchLookup,
    type LookupOption,
    type SaveResponse
} from './editing';
import { ServiceError } from './errors';
import { isoDateTimeMillis, isValidIsoDate } from './isoDates';
import { loadDefinitions, readDefinition, schemaCatalog, type StoredDefinition } from './definitions';
import { runNamedQuery, runStructuredQuery, type QueryDefinition, type QueryResponse } from './query';
import {
    inputSource,
    inputSourceScope,
    selectionReference,
    type FlowRunContext,
    type SelectionReference
} from '../../force-app/main/default/lwc/dcRuntime/apexContract';
import type { PreviewSchema } from './schema';
import { DmlError, type Store } from './store';
import { readFlowFile, type FlowModel, type FlowVariable } from './flow/flowModel';
import { FlowFault, FlowInterpreter } from './flow/interpreter';
import { FlowRunService, sessionUserId } from './flowRuns';
import {
    changedMessage,
    nothingMatches,
    parseMatching,
    SYNC_MAX_ROWS,
    tooManyForOneTransaction,
    tooManyForTable
} from './matching';

/** One problem of DefinitionResponse.problems: errors block (rendering, running), warnings are only listed. */
export interface ResponseProblem {
    path: string;
    message: string;
    severity: 'error' | 'warning';
    /** Flow contract problems: the code executeFlow refuses the action with. */
    code?: string;
}

/** Who calls (the preview server passes it; the org reads it from the running user). */
export interface ControllerSession {
    /** Customize Application: admins see the setup panel. Default true. */
    canCustomize?: boolean;
    /**
     * Custom permissions the caller holds (an action's requiredPermission). Default: every permission for an admin
     * session, none for an end user (canCustomize false).
     */
    permissions?: readonly string[];
    /** Field-level security and record visibility (default: access.ts accessOf — full for an admin). */
    access?: AccessPolicy;
    /** Who starts and reads flow runs (default: the preview user; the end user of `?as=user` has its own Id). */
    userId?: string;
}

/** What prepareFlowRun resolved: the flow, its typed inputs, the output names, and the action as stored. */
export interface PreparedFlowRun {
    flow: FlowModel;
    inputs: Record<string, unknown>;
    outputs: string[];
    action: Record<string, unknown>;
    definitionName: string;
    /** The inputs mapped to a table's selection (SelectedRowsKeyValue / SelectedRows), by table. */
    selectionInputs: Map<string, string[]>;
    /** Who runs it: the records the flow creates get this CreatedById. */
    userId?: string;
}

/** prepareFlowRun options of a chunked run (flowRuns.ts). */
export interface PrepareOptions {
    /** Skip the whole-selection DML row budget: each chunk is its own transaction. */
    chunked?: boolean;
    /** Collects selected Ids the user cannot see instead of refusing the run with ROW_NOT_AVAILABLE. */
    missing?: string[];
}

export interface DefinitionResponse {
    apiName: string;
    label: string;
    json: string;
    problems: ResponseProblem[];
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
    /** The flows the contract is checked against (default: the flow XML of flowsDir, re-read when it changes). */
    flows?: FlowCatalog;
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

/** Coerces one input value to the flow variable's type (and collection-ness), or throws TYPE_MISMATCH. */
export function coerceFlowValue(variable: FlowVariable, value: unknown, label: string): unknown {
    if (value === null || value === undefined) return null;
    if (!variable.isCollection && Array.isArray(value)) {
        throw new ServiceError(
            'COLLECTION_MISMATCH',
            `${label} received a list of ${value.length} values, but flow variable '${variable.name}' takes ${typePhrase(flowVariableType(variable))}: turn off "collection" for this input in the definition, or make the flow variable a collection.`
        );
    }
    if (variable.isCollection && !Array.isArray(value)) value = [value];
    // the same rules as Apex FlowValueCoercer, held to it by the shared static-literal table
    // (preview/__tests__/staticLiterals.test.ts and the generated StaticLiteralConformance_Tests)
    const one = (v: unknown, index?: number): unknown => {
        if (v === null || v === undefined) return null;
        const type = variable.dataType === 'String' ? 'Text' : variable.dataType;
        const bad = () =>
            new ServiceError(
                'TYPE_MISMATCH',
                `${JSON.stringify(v)} is not a ${type} value for ${label.toLowerCase()}${index === undefined ? '' : ` (item ${index + 1})`}`
            );
        if (Array.isArray(v)) {
            throw new ServiceError(
                'COLLECTION_MISMATCH',
                `Item ${(index ?? 0) + 1} of ${label.toLowerCase()} is itself a list; flow variable '${variable.name}' takes ${typePhrase(flowVariableType(variable))}, not nested lists.`
            );
        }
        // Apex trims text before reading a number, a boolean, a date or a date-time; blank text is no value
        const text = typeof v === 'string' ? v.trim() : undefined;
        switch (variable.dataType) {
            case 'String':
            case 'Picklist':
            case 'Multipicklist':
                if (typeof v === 'object') throw bad();
                return String(v);
            case 'Number':
            case 'Currency':
                if (typeof v === 'number') return v;
                if (text === '') return null;
                // Decimal.valueOf: optional sign, digits with an optional point, optional exponent; no hex, no Infinity
                if (text !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Number(text);
                throw bad();
            case 'Boolean':
                if (typeof v === 'boolean') return v;
                if (text === '') return null;
                if (text?.toLowerCase() === 'true' || text?.toLowerCase() === 'false')
                    return text.toLowerCase() === 'true';
                throw bad();
            case 'Date':
                if (text === '') return null;
                if (text !== undefined && isValidIsoDate(text)) return text;
                throw bad();
            case 'DateTime': {
                if (typeof v === 'number' && Number.isInteger(v)) return new Date(v).toISOString();
                if (text === '') return null;
                const instant = text === undefined ? null : isoDateTimeMillis(text);
                if (instant !== null) return new Date(instant).toISOString();
                throw bad();
            }
            case 'SObject':
                if (v && typeof v === 'object') return { ...(v as object) };
                throw bad();
            default:
                return v;
        }
    };
    return Array.isArray(value) ? value.map((v, i) => one(v, i)) : one(value);
}

/** True for a problem inside interactions[i] (only that interaction is disabled by it). */
function interactionOf(problem: DefinitionProblem): number | undefined {
    const m = /^interactions\[(\d+)\]/.exec(problem.path);
    return m ? Number(m[1]) : undefined;
}

function located(p: DefinitionProblem): string {
    return `${p.path ? p.path + ': ' : ''}${p.message}`;
}

function describeSource(source: string): string {
    switch (source) {
        case 'static':
            return 'its stored value';
        case 'constant':
            return 'a constant of the definition';
        case 'selection':
            return "a table's rows, re-read by Id";
        case 'record':
            return 'the page record';
        case 'user':
            return 'the running user';
        default:
            return source;
    }
}

/** The executeFlow contextJson (FlowRunContext): row Ids and the record Id, each checked; INVALID_REQUEST else. */
export function parseRunContext(contextJson: unknown): FlowRunContext {
    if (contextJson === undefined || contextJson === null || contextJson === '') return {};
    let parsed: unknown;
    try {
        parsed = typeof contextJson === 'string' ? JSON.parse(contextJson) : contextJson;
    } catch (e) {
        throw new ServiceError('INVALID_REQUEST', `The flow run context is not valid JSON: ${(e as Error).message}`);
    }
    const bad = (what: string) =>
        new ServiceError('INVALID_REQUEST', `The flow run context ${what} (docs/CONTRACTS.md FlowRunContext).`);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw bad('must be a JSON object');
    const ctx = parsed as Record<string, unknown>;
    const id = (v: unknown, what: string): string | null => {
        if (v === undefined || v === null) return null;
        if (typeof v !== 'string' || !RECORD_ID.test(v))
            throw bad(`${what} must be a record Id, not ${JSON.stringify(v)}`);
        return v;
    };
    const selection: Record<string, string[]> = {};
    if (ctx.selection !== undefined && ctx.selection !== null) {
        if (typeof ctx.selection !== 'object' || Array.isArray(ctx.selection))
            throw bad('selection must map table names to lists of row Ids');
        for (const [table, ids] of Object.entries(ctx.selection as Record<string, unknown>)) {
            if (!Array.isArray(ids)) throw bad(`selection.${table} must be a list of row Ids`);
            selection[table] = ids.map((v, i) => id(v, `selection.${table}[${i}]`) as string);
            if (selection[table].some((v) => v === null)) throw bad(`selection.${table} must not hold nulls`);
        }
    }
    const matching = parseMatching(ctx.matching, ctx.selection as Record<string, unknown> | undefined);
    const parsedContext: FlowRunContext = {
        recordId: id(ctx.recordId, 'recordId'),
        selection,
        actionRowId: id(ctx.actionRowId, 'actionRowId')
    };
    if (matching) parsedContext.matching = matching;
    return parsedContext;
}

export class PreviewController {
    private definitions: Map<string, StoredDefinition>;
    /** The flows of the contract check: the project's flow XML. */
    readonly flows: FlowCatalog;

    /** startFlowRun and friends: chunked asynchronous runs (flowRuns.ts). */
    readonly flowRuns: FlowRunService;

    constructor(private readonly options: ControllerOptions) {
        this.flows = options.flows ?? flowCatalogOfDirectory(options.flowsDir);
        this.definitions = this.loadAll();
        this.flowRuns = new FlowRunService(this, String(options.user.Id ?? ''), parseRunContext, options.store);
    }

    private loadAll(): Map<string, StoredDefinition> {
        return loadDefinitions(this.options.definitionsDir, this.options.schema, this.flows);
    }

    listDefinitions(): StoredDefinition[] {
        if (this.options.live !== false) this.definitions = this.loadAll();
        return [...this.definitions.values()];
    }

    private definition(name: unknown): StoredDefinition {
        if (typeof name !== 'string' || !name.trim()) {
            throw new ServiceError(
                'UNKNOWN_DEFINITION',
                "No Dynamic Component definition was chosen. Pick one in the component's properties in Lightning App Builder."
            );
        }
        let def = this.definitions.get(name);
        if (this.options.live !== false) {
            const file = def ? path.join(this.options.definitionsDir, def.file) : undefined;
            if (file && fs.existsSync(file)) def = readDefinition(file, this.options.schema, this.flows);
            else {
                this.definitions = this.loadAll();
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
        return def;
    }

    /**
     * Refuses with INVALID_DEFINITION when the definition has errors that keep the component from rendering: any
     * error outside interactions (an error inside interactions[i] disables only that interaction), and, for a flow
     * run, any error of the interaction the action belongs to.
     */
    private requireUsable(def: StoredDefinition, interactionIndex?: number): void {
        const blocking = def.problems.filter((p) => {
            if (!isError(p)) return false;
            const at = interactionOf(p);
            return at === undefined || at === interactionIndex;
        });
        if (!blocking.length) return;
        throw new ServiceError(
            'INVALID_DEFINITION',
            `Definition '${def.apiName}' has ${blocking.length} problem(s); fix them first: ${located(blocking[0])}`,
            blocking
        );
    }

    getDefinition(params: { definitionName?: unknown }, session: ControllerSession = {}): DefinitionResponse {
        const def = this.definition(params.definitionName);
        return {
            apiName: def.apiName,
            label: def.label,
            json: def.json,
            problems: def.problems.map((p) => {
                const out: ResponseProblem = {
                    path: p.path,
                    message: p.message,
                    severity: isError(p) ? 'error' : 'warning'
                };
                if (p.code) out.code = p.code;
                return out;
            }),
            canCustomize: session.canCustomize ?? true
        };
    }

    runQuery(
        params: { definitionName?: unknown; queryName?: unknown; requestJson?: unknown },
        session: ControllerSession = {}
    ): QueryResponse {
        const def = this.definition(params.definitionName);
        this.requireUsable(def);
        const queries = (def.document?.queries ?? []) as QueryDefinition[];
        return runNamedQuery(
            this.options.store,
            def.apiName,
            queries,
            params.queryName,
            params.requestJson,
            this.options.user,
            {
                access: this.accessFor(session),
                // rows of an editable table carry what a save needs: the conflict check's date, the record type
                alsoSelect: feedsEditableTable(def.document, params.queryName) ? EDIT_EXTRAS : undefined
            }
        );
    }

    /** Records the end user cannot see (POST /api/test/hide-from-user), as if sharing had changed. */
    readonly hiddenFromUser = new Set<string>();

    /** The session's field access and record visibility. */
    accessFor(session: ControllerSession = {}): AccessPolicy {
        return accessOf(session, this.hiddenFromUser);
    }

    /** A data table of a usable stored definition, with its query (Apex DataTableContext.load). */
    private tableContext(definitionName: unknown, tableName: unknown): DataTableContext {
        const def = this.definition(definitionName);
        this.requireUsable(def);
        return new DataTableContext(def.document ?? {}, def.apiName, String(tableName ?? ''));
    }

    /** Apex saveRecords (RecordSaveService): see editing.ts. */
    saveRecords(
        params: { definitionName?: unknown; tableName?: unknown; requestJson?: unknown },
        session: ControllerSession = {}
    ): SaveResponse {
        const context = this.tableContext(params.definitionName, params.tableName);
        return saveRecords(
            { store: this.options.store, user: this.options.user, access: this.accessFor(session) },
            context,
            params.requestJson
        );
    }

    /** Apex searchLookup (LookupSearchService): see editing.ts. */
    searchLookup(
        params: { definitionName?: unknown; tableName?: unknown; fieldPath?: unknown; searchTerm?: unknown },
        session: ControllerSession = {}
    ): LookupOption[] {
        const context = this.tableContext(params.definitionName, params.tableName);
        return searchLookup(
            { store: this.options.store, user: this.options.user, access: this.accessFor(session) },
            context,
            params.fieldPath,
            params.searchTerm
        );
    }

    /** Apex exportRows (TableExportService): see editing.ts. */
    exportRows(
        params: { definitionName?: unknown; tableName?: unknown; requestJson?: unknown },
        session: ControllerSession = {}
    ): QueryResponse {
        const context = this.tableContext(params.definitionName, params.tableName);
        return exportRows(
            { store: this.options.store, user: this.options.user, access: this.accessFor(session) },
            context,
            params.requestJson
        );
    }

    /** The interpreter's model of a project flow (exact API name), or FLOW_NOT_FOUND with the contract's wording. */
    flowModel(flowApiName: string): FlowModel {
        const file = path.join(this.options.flowsDir, `${flowApiName}.flow-meta.xml`);
        const exists =
            fs.existsSync(file) && fs.readdirSync(this.options.flowsDir).includes(`${flowApiName}.flow-meta.xml`);
        if (!exists) {
            const names = this.flows.listFlows().map((f) => f.apiName);
            throw new ServiceError('FLOW_NOT_FOUND', flowNotFound(flowApiName, closest(flowApiName, names)));
        }
        return readFlowFile(file, flowApiName);
    }

    /**
     * Mirrors Apex FlowRunner.run: never throws for a bad request or a flow fault, it returns {success:false, error}.
     * The flow comes from the stored definition (allow-list); only inputs the action configures are accepted and
     * literal input values always come from the stored definition. Before the flow starts, the action's flow
     * contract is checked (all its inputs and outputs, output types vs their resources): a problem refuses the run
     * with its code and message, so nothing runs whose outputs could not be stored. A fault path that sets the Text
     * output `faultMessage` counts as a failed run: everything is rolled back and the message is returned as
     * FLOW_FAULT.
     */
    executeFlow(
        params: {
            definitionName?: unknown;
            interactionId?: unknown;
            actionId?: unknown;
            inputsJson?: unknown;
            contextJson?: unknown;
        },
        session: ControllerSession = {}
    ): FlowRunResponse {
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
        // a malformed context is a bad request (thrown), like malformed inputs: Apex parses both in the controller
        const runContext = parseRunContext(params.contextJson);
        let prepared: PreparedFlowRun;
        try {
            const { context } = this.resolveMatching(params, runContext, session, false);
            prepared = this.prepareFlowRun(params, sent, context, session);
        } catch (e) {
            if (e instanceof ServiceError) return { success: false, outputs: {}, error: e.toJSON() };
            throw e;
        }
        return this.runPrepared(prepared);
    }

    /** Runs a prepared flow in one store transaction: committed on success, rolled back on any fault. */
    runPrepared(prepared: PreparedFlowRun): FlowRunResponse {
        const { flow, inputs, outputs } = prepared;
        const store = this.options.store;
        const previousUser = store.currentUserId;
        if (prepared.userId) store.currentUserId = prepared.userId;
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
        } finally {
            store.currentUserId = previousUser;
        }
    }

    /**
     * "Select all matching" (Apex MatchingSelection): each table of context.matching is resolved with its own query
     * (the page's record, the search, the session's visibility; no client binds, no sort, no maxRows) minus the
     * unticked Ids, and put in context.selection. One transaction takes at most 10,000 such rows (chunked: any
     * number), the table's maxRowSelection still caps it; when the count is not the one the user saw, the message says
     * that the run covers the rows matching now.
     */
    resolveMatching(
        params: { definitionName?: unknown },
        runContext: FlowRunContext,
        session: ControllerSession,
        chunked: boolean
    ): { context: FlowRunContext; message: string | null } {
        const matching = runContext.matching;
        if (!matching || !Object.keys(matching).length) return { context: runContext, message: null };
        const doc = this.definition(params.definitionName).document as {
            components?: Record<string, unknown>[];
            queries?: QueryDefinition[];
        };
        const selection = { ...(runContext.selection ?? {}) };
        let message: string | null = null;
        for (const [table, spec] of Object.entries(matching)) {
            const component = (doc.components ?? []).find((c) => c?.type === 'dataTable' && c.name === table);
            if (!component) {
                throw new ServiceError(
                    'INVALID_REQUEST',
                    `The flow run context matching names '${table}', which is not a data table of this definition (docs/CONTRACTS.md FlowRunContext).`
                );
            }
            const query = (doc.queries ?? []).find((q) => q?.name === component.query);
            if (!query) {
                throw new ServiceError(
                    'INVALID_DEFINITION',
                    `Data table '${table}' has no query to select its rows from.`
                );
            }
            const ids: string[] = [];
            runStructuredQuery(
                this.options.store,
                query,
                { searchTerm: spec.searchTerm },
                {
                    user: this.options.user,
                    recordId: runContext.recordId ?? null,
                    access: this.accessFor(session),
                    allIdsOut: ids
                }
            );
            const excluded = new Set(spec.excludedIds);
            const covered = ids.filter((id) => !excluded.has(id));
            const max =
                typeof component.maxRowSelection === 'number' && component.maxRowSelection >= 0
                    ? Math.floor(component.maxRowSelection)
                    : null;
            if (!covered.length) throw nothingMatches(table);
            if (max !== null && covered.length > max) throw tooManyForTable(table, covered.length, max);
            if (!chunked && covered.length > SYNC_MAX_ROWS) throw tooManyForOneTransaction(table, covered.length);
            selection[table] = covered;
            message = changedMessage(covered.length, spec.expectedCount) ?? message;
        }
        const resolved: FlowRunContext = { ...runContext, selection };
        delete resolved.matching;
        return { context: resolved, message };
    }

    /** The server checks and inputs of a flow run (Apex FlowRunner prepare); throws a ServiceError when refused. */
    prepareFlowRun(
        params: { definitionName?: unknown; interactionId?: unknown; actionId?: unknown },
        sent: Record<string, unknown>,
        runContext: FlowRunContext,
        session: ControllerSession,
        options: PrepareOptions = {}
    ): PreparedFlowRun {
        const def = this.definition(params.definitionName);
        this.requireUsable(def);
        const definitionName = def.apiName;
        const interactionId = String(params.interactionId);
        const actionId = String(params.actionId);
        const interactions = Array.isArray(def.document?.interactions) ? (def.document.interactions as unknown[]) : [];
        const interactionIndex = interactions.findIndex(
            (i) => typeof i === 'object' && i !== null && (i as { id?: unknown }).id === params.interactionId
        );
        if (interactionIndex < 0) {
            throw new ServiceError(
                'UNKNOWN_INTERACTION',
                `Definition '${definitionName}' has no interaction with id '${interactionId}'. Reload the page: the definition may have changed.`
            );
        }
        const ref = findAction(def.document, interactionId, actionId);
        if (!ref) {
            throw new ServiceError(
                'UNKNOWN_INTERACTION',
                `Interaction '${interactionId}' of definition '${definitionName}' has no action with id '${actionId}'. Reload the page: the definition may have changed.`
            );
        }
        const action = ref.action;
        const place = `action '${actionId}' of interaction '${interactionId}' in definition '${definitionName}'`;
        if (action.type !== 'executeFlow') {
            throw new ServiceError(
                'NOT_ALLOWED',
                `The ${place} is a ${String(action.type)} action; only Execute Flow actions run flows on the server.`
            );
        }
        if (typeof action.flowApiName !== 'string' || !action.flowApiName)
            throw new ServiceError('NOT_ALLOWED', `The ${place} names no flowApiName.`);
        const configured = new Map(
            (Array.isArray(action.inputs) ? (action.inputs as { name?: unknown; value?: unknown }[]) : [])
                .filter((i) => typeof i?.name === 'string')
                .map((i) => [i.name as string, i] as const)
        );
        const required = (action as { requiredPermission?: unknown }).requiredPermission;
        if (typeof required === 'string' && required) {
            const held = session.permissions ?? (session.canCustomize === false ? [] : [required]);
            if (!held.includes(required)) {
                throw new ServiceError(
                    'NOT_ALLOWED',
                    `You need the custom permission '${required}' to run this action. Ask your admin to assign a permission set that grants it.`,
                    [`Action: ${actionId}`]
                );
            }
        }
        const sourceScope = inputSourceScope(def.document);
        for (const name of Object.keys(sent)) {
            if (!configured.has(name)) {
                throw new ServiceError(
                    'NOT_ALLOWED',
                    `Input '${name}' is not configured on the ${place}; the server accepts only the inputs the stored definition lists.`,
                    [`Configured inputs: ${[...configured.keys()].join(', ')}`]
                );
            }
        }
        // the flow contract of this action, against the flows as they are now: nothing starts that could not finish
        const contract = checkFlowAction(def.document, ref, this.flows, {
            catalog: schemaCatalog(this.options.schema)
        }).filter(isError);
        if (contract.length) {
            throw new ServiceError(contract[0].code, contract[0].message, contract);
        }
        this.requireUsable(def, ref.interactionIndex);
        // after the contract, so a wiring mistake is reported as such first
        for (const name of Object.keys(sent)) {
            const stored = configured.get(name);
            if (stored && inputSource(stored.value, sourceScope) !== 'client') {
                throw new ServiceError(
                    'NOT_ALLOWED',
                    `Input '${name}' of the ${place} takes its value from the server (${describeSource(inputSource(stored.value, sourceScope))}); the request must not send it.`,
                    [`Input: ${name}`]
                );
            }
        }
        const flow = this.flowModel(action.flowApiName);
        const flowName = flow.apiName;
        const derived = this.deriveInputs(
            def,
            ref.interactionIndex,
            [...configured.values()],
            runContext,
            place,
            this.accessFor(session),
            options.missing
        );
        const inputs: Record<string, unknown> = {};
        for (const [name, config] of configured) {
            const variable = flow.variables.get(name) as FlowVariable;
            const source = inputSource(config.value, sourceScope);
            const value = source === 'static' ? config.value : source === 'client' ? sent[name] : derived.get(name);
            const typed = coerceFlowValue(variable, value ?? null, `Input '${name}'`);
            // a null value is left out, so the flow variable keeps its default
            if (typed !== null) inputs[name] = typed;
        }
        const outputs = (Array.isArray(action.outputs) ? (action.outputs as { name?: unknown }[]) : [])
            .map((o) => o?.name)
            .filter((n): n is string => typeof n === 'string');
        // the DML row budget: a selection of record ids larger than 10,000 cannot be updated in one transaction
        for (const value of options.chunked ? [] : Object.values(inputs)) {
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
        const selectionInputs = new Map<string, string[]>();
        for (const [name, config] of configured) {
            if (inputSource(config.value, sourceScope) !== 'selection') continue;
            const ref = selectionReference(config.value, sourceScope) as SelectionReference;
            if (ref.property !== 'SelectedRowsKeyValue' && ref.property !== 'SelectedRows') continue;
            selectionInputs.set(ref.table, [...(selectionInputs.get(ref.table) ?? []), name]);
        }
        return {
            flow,
            inputs,
            outputs,
            action: action as Record<string, unknown>,
            definitionName,
            selectionInputs,
            userId: sessionUserId(session, String(this.options.user.Id ?? ''))
        };
    }

    /**
     * The server-derived inputs (Apex ServerInputs): constants from the definition, $User from the running user,
     * $Record from the record Id, selections re-queried by Id with the table query's own conditions (every Id must
     * come back; maxRowSelection and requiresSelection hold). Record values carry only the query's fields.
     */
    private deriveInputs(
        def: StoredDefinition,
        interactionIndex: number,
        configured: { name?: unknown; value?: unknown }[],
        runContext: FlowRunContext,
        place: string,
        /** The running user's visibility: a selected row they cannot see is not available (USER_MODE). */
        access: AccessPolicy,
        /** A chunked run: selected rows the user cannot see are collected here (reported, not processed). */
        missingOut?: string[]
    ): Map<string, unknown> {
        const doc = def.document as {
            resources?: { name?: unknown; kind?: unknown; value?: unknown }[];
            components?: Record<string, unknown>[];
            queries?: QueryDefinition[];
            interactions?: { on?: { event?: unknown; target?: unknown; action?: unknown } }[];
        };
        const scope = inputSourceScope(doc);
        const out = new Map<string, unknown>();
        const on = doc.interactions?.[interactionIndex]?.on ?? {};
        const tables = new Map<string, Record<string, unknown>>();
        for (const c of doc.components ?? []) if (c?.type === 'dataTable') tables.set(String(c.name), c);
        const rowsByTable = new Map<string, Record<string, unknown>[]>();
        const rowsOf = (table: string, ids: string[], what: string, tolerate = false): Record<string, unknown>[] => {
            const component = tables.get(table) as Record<string, unknown>;
            const query = (doc.queries ?? []).find((q) => q?.name === component.query);
            if (!query) {
                throw new ServiceError(
                    'INVALID_DEFINITION',
                    `Data table '${table}' has no query; the ${place} cannot read its rows.`
                );
            }
            const unique = [...new Set(ids)];
            const found = runStructuredQuery(
                this.options.store,
                query,
                {},
                {
                    user: this.options.user,
                    recordId: runContext.recordId ?? null,
                    onlyIds: new Set(unique),
                    access
                }
            ).records;
            const byId = new Map(found.map((r) => [r.Id as string, r]));
            const missing = unique.filter((id) => !byId.has(id));
            if (missing.length && tolerate && missingOut) {
                missingOut.push(...missing);
                return unique.filter((id) => byId.has(id)).map((id) => byId.get(id) as Record<string, unknown>);
            }
            if (missing.length) {
                throw new ServiceError(
                    'ROW_NOT_AVAILABLE',
                    `${missing.length} of the ${what} of table '${table}' ${missing.length === 1 ? 'is' : 'are'} not a row its query '${query.name}' shows you (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}). Reload the page and select the rows again.`,
                    missing
                );
            }
            return unique.map((id) => byId.get(id) as Record<string, unknown>);
        };
        const selectionOf = (table: string): Record<string, unknown>[] => {
            const cached = rowsByTable.get(table);
            if (cached) return cached;
            const ids = runContext.selection?.[table] ?? [];
            const component = tables.get(table) as Record<string, unknown>;
            const max =
                typeof component.maxRowSelection === 'number' && component.maxRowSelection >= 0
                    ? Math.floor(component.maxRowSelection)
                    : Infinity;
            if (new Set(ids).size > max) {
                throw new ServiceError(
                    'TOO_MANY_ROWS',
                    `${new Set(ids).size} rows are selected in table '${table}', which allows at most ${max}. Select fewer rows and run it again.`,
                    [`Table: ${table}`]
                );
            }
            const rows = rowsOf(table, ids, 'selected rows', true);
            rowsByTable.set(table, rows);
            return rows;
        };
        // requiresSelection: the header action this interaction answers refuses an empty selection
        if (on.event === 'headerActionClick' && typeof on.target === 'string' && tables.has(on.target)) {
            const header = (
                (tables.get(on.target)?.headerActions ?? []) as { name?: unknown; requiresSelection?: unknown }[]
            ).find((a) => a?.name === on.action);
            if (header?.requiresSelection === true && !selectionOf(on.target).length) {
                throw new ServiceError(
                    'SELECTION_REQUIRED',
                    `Header action '${String(on.action)}' of table '${on.target}' needs at least one selected row. Select rows and run it again.`,
                    [`Table: ${on.target}`]
                );
            }
        }
        const fieldOf = (row: Record<string, unknown> | undefined, field: string | null): unknown => {
            if (!row) return null;
            if (field === null) return row;
            const v = field
                .split('.')
                .reduce<unknown>(
                    (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
                    row
                );
            return v === undefined ? null : v;
        };
        for (const input of configured) {
            const name = String(input.name);
            const source = inputSource(input.value, scope);
            if (source === 'constant') {
                const path = String(input.value).replace(/^\{!\s*|\s*\}$/g, '');
                out.set(name, doc.resources?.find((r) => r?.name === path)?.value ?? null);
            } else if (source === 'user' || source === 'record') {
                const field = String(input.value).replace(/^\{!\s*\$(User|Record)\.|\s*\}$/g, '');
                out.set(name, this.globalValue(source, field, runContext.recordId ?? null));
            } else if (source === 'selection') {
                const ref = selectionReference(input.value, scope) as SelectionReference;
                if (ref.property === 'ActionRow') {
                    const id = runContext.actionRowId;
                    if (on.event !== 'rowActionClick' || on.target !== ref.table || typeof id !== 'string' || !id) {
                        throw new ServiceError(
                            'INVALID_REQUEST',
                            `Input '${name}' reads the row action's row of table '${ref.table}', but the request names no acted-on row (actionRowId).`
                        );
                    }
                    out.set(name, fieldOf(rowsOf(ref.table, [id], 'acted-on row')[0], ref.field));
                } else {
                    const rows = selectionOf(ref.table);
                    const keyField = String(tables.get(ref.table)?.keyField ?? 'Id');
                    out.set(
                        name,
                        ref.property === 'SelectedRowsKeyValue'
                            ? rows.map((r) => fieldOf(r, keyField))
                            : ref.property === 'SelectedRows'
                              ? rows
                              : fieldOf(rows[0], ref.field)
                    );
                }
            }
        }
        return out;
    }

    /** {!$User.F} from the running user, {!$Record.F} from the store by record Id (null when absent). */
    private globalValue(global: 'user' | 'record', field: string, recordId: string | null): unknown {
        const store = this.options.store;
        if (global === 'user') {
            const v = field
                .split('.')
                .reduce<unknown>(
                    (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
                    this.options.user
                );
            return v === undefined ? null : v;
        }
        if (!recordId || !RECORD_ID.test(recordId)) return null;
        const rec = store.byId(recordId);
        const obj = store.schema.objectOfId(recordId);
        if (!rec || !obj) return null;
        const v = store.valueOf(obj.name, rec, field);
        return v === undefined ? null : v;
    }

    /**
     * Dispatches "DynamicComponentController.method" calls from the in-browser Apex mock. `session` is who calls
     * (the preview server passes it; `?as=user` is an end user without Customize Application).
     */
    call(qualifiedName: string, params: Record<string, unknown>, session?: ControllerSession): unknown {
        switch (qualifiedName) {
            case 'DynamicComponentController.getDefinition':
                return this.getDefinition(params, session);
            case 'DynamicComponentController.runQuery':
                return this.runQuery(params, session);
            case 'DynamicComponentController.saveRecords':
                return this.saveRecords(params, session);
            case 'DynamicComponentController.searchLookup':
                return this.searchLookup(params, session);
            case 'DynamicComponentController.exportRows':
                return this.exportRows(params, session);
            case 'DynamicComponentController.executeFlow':
                return this.executeFlow(params, session);
            case 'DynamicComponentController.startFlowRun':
                return this.flowRuns.startFlowRun(params, session);
            case 'DynamicComponentController.getFlowRun':
                return this.flowRuns.getFlowRun(params, session);
            case 'DynamicComponentController.cancelFlowRun':
                return this.flowRuns.cancelFlowRun(params, session);
            case 'DynamicComponentController.retryFlowRun':
                return this.flowRuns.retryFlowRun(params, session);
            case 'DynamicComponentController.listFlowRuns':
                return this.flowRuns.listFlowRuns(params, session);
            default:
                throw new ServiceError('NOT_ALLOWED', `The local preview has no Apex method ${qualifiedName}.`);
        }
    }
}
