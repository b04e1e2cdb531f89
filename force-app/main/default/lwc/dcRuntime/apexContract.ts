/*
 * Wire shapes between the LWC runtime, Apex (DynamicComponentController) and the local preview backend.
 * Mirrors docs/CONTRACTS.md exactly; change both together.
 */
import { isInlineFormula } from 'c/dcExpressions';

/** Structured error: the JSON message of an AuraHandledException, and FlowRunResponse.error. */
export interface ServerError {
    code: string;
    message: string;
    details: unknown[];
}

export type ErrorCode =
    | 'UNKNOWN_DEFINITION'
    | 'UNKNOWN_INTERACTION'
    | 'NOT_ALLOWED'
    | 'FLOW_NOT_FOUND'
    | 'FLOW_INACTIVE'
    | 'WRONG_FLOW_TYPE'
    | 'UNKNOWN_INPUT'
    | 'INPUT_NOT_AVAILABLE'
    | 'UNKNOWN_OUTPUT'
    | 'OUTPUT_NOT_AVAILABLE'
    | 'TYPE_MISMATCH'
    | 'COLLECTION_MISMATCH'
    | 'TOO_MANY_ROWS'
    | 'FLOW_FAULT';

/** Error codes documented in docs/CONTRACTS.md. */
export const ERROR_CODES: readonly ErrorCode[] = [
    'UNKNOWN_DEFINITION',
    'UNKNOWN_INTERACTION',
    'NOT_ALLOWED',
    'FLOW_NOT_FOUND',
    'FLOW_INACTIVE',
    'WRONG_FLOW_TYPE',
    'UNKNOWN_INPUT',
    'INPUT_NOT_AVAILABLE',
    'UNKNOWN_OUTPUT',
    'OUTPUT_NOT_AVAILABLE',
    'TYPE_MISMATCH',
    'COLLECTION_MISMATCH',
    'TOO_MANY_ROWS',
    'FLOW_FAULT'
];

/** Returned by getDefinition(definitionName) (cacheable). */
export interface DefinitionResponse {
    apiName: string;
    label: string;
    /** The definition JSON text. */
    json: string;
    /**
     * Server-side problems (org schema and flow contract); the client adds its own before rendering. `severity`
     * 'warning' never blocks (a missing severity is an error); `code` names a flow contract problem
     * (FLOW_NOT_FOUND, TYPE_MISMATCH, ...).
     */
    problems: { path: string; message: string; severity?: 'error' | 'warning'; code?: string }[];
    /** The running user has Customize Application (admins see the setup panel). */
    canCustomize: boolean;
}

/** Keyset position after the last row of the previous page. */
export interface QueryCursor {
    sortValue: unknown;
    id: string;
}

/** runQuery(definitionName, queryName, requestJson): requestJson is JSON.stringify(QueryRequest). */
export interface QueryRequest {
    /** The page's record Id: the server resolves {!$Record.F} conditions from it (never from a bind). */
    recordId?: string | null;
    /** Bind values for conditions whose stored value is a merge field, keyed by 1-based condition number. */
    binds?: Record<string, unknown>;
    sortBy?: string | null;
    sortDirection?: 'asc' | 'desc';
    searchTerm?: string | null;
    pageSize?: number;
    /** null for the first page. */
    cursor?: QueryCursor | null;
    withCount?: boolean;
}

export interface QueryFieldInfo {
    path: string;
    label: string;
    /** Apex Schema.DisplayType name: STRING, EMAIL, PHONE, URL, CURRENCY, PERCENT, DOUBLE, INTEGER, DATE, … */
    type: string;
    isNameField: boolean;
    referenceTo: string | null;
    sortable: boolean;
    /**
     * PICKLIST and MULTIPICKLIST: the active values' labels by API value (describe getPicklistValues()); null for
     * other types. Cells show the label and keep the API value as their data; a value not in the map shows as itself.
     */
    picklistLabels?: Record<string, string> | null;
    /**
     * REFERENCE: path of the related record's name, selected with the rows (Account.Name for AccountId, Owner.Name,
     * What.Name); the cell shows it linking to the record. null when there is none or the user cannot read it.
     */
    nameField?: string | null;
    /**
     * describe isUpdateable() for the running user; false for relationship paths (Account.Name). An `editable`
     * column whose field is not updateable is shown read-only. Absent from servers older than issue #13.
     */
    updateable?: boolean;
    /** Dependent PICKLIST / MULTIPICKLIST: API name of the controlling field; null otherwise. */
    controllerName?: string | null;
}

export interface QueryNotice {
    path: string;
    message: string;
}

export interface QueryResponse {
    records: Record<string, unknown>[];
    nextCursor: QueryCursor | null;
    /** Present when the request asked withCount. */
    totalCount?: number | null;
    fields: QueryFieldInfo[];
    notices: QueryNotice[];
    objectLabel: string;
    objectLabelPlural: string;
}

/** One row's changes in saveRecords: only the edited fields, by API name. */
export interface SaveDraft {
    /** The record Id. */
    id: string;
    values: Record<string, unknown>;
    /** The row's LastModifiedDate as loaded; the server refuses the row with CONFLICT when the record is newer. */
    lastModifiedDate: string | null;
}

/** saveRecords(definitionName, tableName, requestJson): requestJson is JSON.stringify(SaveRequest). */
export interface SaveRequest {
    drafts: SaveDraft[];
    /** The query's binds and the page record, as in a QueryRequest (a query whose conditions need them). */
    binds?: Record<string, unknown>;
    recordId?: string | null;
}

/**
 * A row's error: the platform's StatusCode name (REQUIRED_FIELD_MISSING, FIELD_CUSTOM_VALIDATION_EXCEPTION,
 * DUPLICATES_DETECTED, ENTITY_IS_LOCKED, …) or ours (ROW_NOT_AVAILABLE, INVALID_VALUE, FIELD_NOT_EDITABLE,
 * CONFLICT); `fields` names the fields it is about (empty: the whole row).
 */
export interface SaveError {
    code: string;
    message: string;
    fields: string[];
}

export interface SaveResult {
    id: string;
    success: boolean;
    errors: SaveError[];
}

/** RecordSaveService.SaveResponse. */
export interface SaveResponse {
    results: SaveResult[];
    savedCount: number;
    failedCount: number;
    /** The saved rows re-read with the query's SELECT (same shape as QueryResponse.records). */
    records: Record<string, unknown>[];
}

/** searchLookup(definitionName, tableName, fieldPath, searchTerm) → LookupOption[] (LookupSearchService.Option). */
export interface LookupOption {
    id: string;
    name: string;
    objectApiName: string;
}

/** exportRows(definitionName, tableName, requestJson): the same request as runQuery, pageSize up to 2,000. */
export type ExportRequest = QueryRequest;
/** exportRows answers like runQuery; unreadable columns are left out with a notice. */
export type ExportResponse = QueryResponse;

/** One picklist value of the UI API (getPicklistValuesByRecordType). */
export interface UiPicklistValue {
    value: string;
    label: string;
    /** Indexes into the field's controllerValues for which this value is valid (dependent picklists). */
    validFor: number[];
    attributes: unknown;
}

export interface UiPicklistFieldValues {
    /** Controlling value → index used by validFor; {} for a field that is not dependent. */
    controllerValues: Record<string, number>;
    defaultValue: UiPicklistValue | null;
    values: UiPicklistValue[];
    url?: string;
}

/** The getPicklistValuesByRecordType wire's data: every picklist of the object for one record type. */
export interface UiPicklistValuesByRecordType {
    picklistFieldValues: Record<string, UiPicklistFieldValues>;
}

/** executeFlow(definitionName, interactionId, actionId, inputsJson) → FlowRunResponse. */
export interface FlowRunResponse {
    success: boolean;
    outputs: Record<string, unknown>;
    error: ServerError | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads {code, message, details} from a JSON string, or null when it is not such a JSON object. */
function parseErrorJson(text: string): ServerError | null {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) return null;
    try {
        const parsed: unknown = JSON.parse(trimmed);
        if (isRecord(parsed) && typeof parsed.message === 'string') {
            return {
                code: typeof parsed.code === 'string' && parsed.code ? parsed.code : 'UNKNOWN_ERROR',
                message: parsed.message,
                details: Array.isArray(parsed.details) ? parsed.details : []
            };
        }
    } catch {
        // not JSON: the raw text is the message
    }
    return null;
}

function fromMessage(text: string, code: string): ServerError {
    return parseErrorJson(text) ?? { code, message: text, details: [] };
}

function pageAndFieldErrors(body: Record<string, unknown>): string[] {
    const messages: string[] = [];
    const output = isRecord(body.output) ? body.output : body;
    if (Array.isArray(output.errors)) {
        for (const e of output.errors) if (isRecord(e) && typeof e.message === 'string') messages.push(e.message);
    }
    if (Array.isArray(body.pageErrors)) {
        for (const e of body.pageErrors) if (isRecord(e) && typeof e.message === 'string') messages.push(e.message);
    }
    const fieldErrors = isRecord(output.fieldErrors)
        ? output.fieldErrors
        : isRecord(body.fieldErrors)
          ? body.fieldErrors
          : {};
    for (const list of Object.values(fieldErrors)) {
        if (Array.isArray(list)) {
            for (const e of list) if (isRecord(e) && typeof e.message === 'string') messages.push(e.message);
        }
    }
    return messages;
}

/**
 * Normalises anything thrown or rejected into {code, message, details}:
 * - Apex AuraHandledException as delivered to LWC: `error.body.message` holds our JSON `{"code","message","details"}`
 *   (falls back to the raw text with code APEX_ERROR);
 * - UI API / DML errors: body array of {message}, body.pageErrors, body.fieldErrors, body.output.errors;
 * - an already structured {code, message, details} (FlowRunResponse.error, preview backend);
 * - Error instances (code CLIENT_ERROR, or the error's own string `code`), strings (JSON or plain text);
 * - anything else → code UNKNOWN_ERROR with a generic message. Never throws.
 */
export function parseServerError(error: unknown): ServerError {
    if (typeof error === 'string') {
        return fromMessage(error || 'Unknown error', 'UNKNOWN_ERROR');
    }
    if (isRecord(error)) {
        const body = error.body;
        if (Array.isArray(body)) {
            const messages = body
                .filter(isRecord)
                .map((b) => String(b.message ?? ''))
                .filter(Boolean);
            if (messages.length === 1) return fromMessage(messages[0], 'APEX_ERROR');
            if (messages.length > 1) return { code: 'APEX_ERROR', message: messages.join('; '), details: messages };
        }
        if (isRecord(body)) {
            if (typeof body.message === 'string' && body.message) {
                return fromMessage(body.message, typeof body.errorCode === 'string' ? body.errorCode : 'APEX_ERROR');
            }
            const messages = pageAndFieldErrors(body);
            if (messages.length) return { code: 'APEX_ERROR', message: messages.join('; '), details: messages };
        }
        if (typeof error.message === 'string' && error.message) {
            const parsed = parseErrorJson(error.message);
            if (parsed) return parsed;
            const code =
                typeof error.code === 'string' && error.code
                    ? error.code
                    : error instanceof Error
                      ? 'CLIENT_ERROR'
                      : 'UNKNOWN_ERROR';
            return { code, message: error.message, details: Array.isArray(error.details) ? error.details : [] };
        }
        if (typeof error.statusText === 'string' && error.statusText) {
            return { code: 'HTTP_ERROR', message: error.statusText, details: [] };
        }
    }
    return { code: 'UNKNOWN_ERROR', message: 'An unknown error occurred.', details: [] };
}

/**
 * Where the server takes a flow input's value from (docs/CONTRACTS.md "What the server takes from the browser").
 * Mirrored by Apex ServerInputs.sourceOf and used by the preview backend; change all three together.
 * - `static`: not a string, a stored null, or plain text (`"TODAY()"` is text): the stored definition's value;
 * - `constant`: exactly `{!name}` of a constant resource: the constant's stored value;
 * - `selection`: exactly `{!table.SelectedRowsKeyValue}`, `{!table.SelectedRows}`, `{!table.FirstSelectedRow.F}`
 *   or `{!table.ActionRow.F}` of a data table: re-queried on the server from the row Ids in FlowRunContext;
 * - `record` / `user`: exactly `{!$Record.F}` / `{!$User.F}`: read on the server (record Id, running user);
 * - `client`: anything else the browser computes (variables, formula resources, `=` formulas, templates).
 */
export type InputSource = 'static' | 'constant' | 'selection' | 'record' | 'user' | 'client';

/** What a stored input value reads from a data table's selection (or the acted-on row). */
export interface SelectionReference {
    table: string;
    property: 'SelectedRowsKeyValue' | 'SelectedRows' | 'FirstSelectedRow' | 'ActionRow';
    /** The field of FirstSelectedRow / ActionRow (`Account.Name`); null for the whole row or the list. */
    field: string | null;
}

const SINGLE_MERGE_FIELD = /^\{!\s*([^{}]+?)\s*\}$/;

/** The definition-level facts inputSource needs: constants and data tables by name. */
export interface InputSourceScope {
    constants: ReadonlySet<string>;
    tables: ReadonlySet<string>;
}

/** The scope of a definition document (resources of kind constant, components of type dataTable). */
export function inputSourceScope(definition: unknown): InputSourceScope {
    const doc = isRecord(definition) ? definition : {};
    const constants = new Set<string>();
    const tables = new Set<string>();
    for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
        if (isRecord(r) && r.kind === 'constant' && typeof r.name === 'string') constants.add(r.name);
    }
    for (const c of Array.isArray(doc.components) ? doc.components : []) {
        if (isRecord(c) && c.type === 'dataTable' && typeof c.name === 'string') tables.add(c.name);
    }
    return { constants, tables };
}

/** The path inside a single merge field (`{!a.b}` → ['a', 'b']), or null. */
export function singleMergePath(value: unknown): string[] | null {
    if (typeof value !== 'string') return null;
    const m = SINGLE_MERGE_FIELD.exec(value);
    return m ? m[1].split('.').map((s) => s.trim()) : null;
}

/** The selection a stored value reads, or null when it reads none (see InputSource). */
export function selectionReference(value: unknown, scope: InputSourceScope): SelectionReference | null {
    const path = singleMergePath(value);
    if (!path || path.length < 2 || !scope.tables.has(path[0])) return null;
    const [table, property] = path;
    if ((property === 'SelectedRowsKeyValue' || property === 'SelectedRows') && path.length === 2)
        return { table, property, field: null };
    if (property === 'FirstSelectedRow' || property === 'ActionRow')
        return { table, property, field: path.length > 2 ? path.slice(2).join('.') : null };
    return null;
}

/** Where the server takes the value of a stored flow input `value` from. */
export function inputSource(value: unknown, scope: InputSourceScope): InputSource {
    if (typeof value !== 'string') return 'static';
    if (isInlineFormula(value as unknown)) return 'client'; // the = rule, leading blanks as analyzeValue reads them
    const path = singleMergePath(value);
    if (path) {
        if (path[0] === '$Record' && path.length > 1) return 'record';
        if (path[0] === '$User' && path.length > 1) return 'user';
        if (path.length === 1 && scope.constants.has(path[0])) return 'constant';
        if (selectionReference(value, scope)) return 'selection';
        return 'client';
    }
    return value.includes('{!') ? 'client' : 'static';
}

/**
 * The second request of executeFlow (`contextJson`): what the server needs to derive inputs itself. Row Ids only,
 * never row values; the server re-queries them (docs/CONTRACTS.md).
 */
export interface FlowRunContext {
    /** The page's record Id, for {!$Record.F} inputs (null off a record page). */
    recordId?: string | null;
    /** Selected row Ids per data table, for the tables the action's inputs read. */
    selection?: Record<string, string[]>;
    /** The Id of the row a row action was clicked on (the interaction's target table). */
    actionRowId?: string | null;
    /**
     * "Select all N matching rows" selections per data table: the server resolves the Ids itself from the table's
     * query, the search and the exclusions. A table named here is not also named in `selection`.
     */
    matching?: Record<string, MatchingSelection>;
}

/**
 * A selection of every row a table's query returns for the running user (with the search typed in the table), except
 * the rows the user unticked afterwards: stored as the query plus search plus exclusions, never as a list of Ids.
 */
export interface MatchingSelection {
    /** The table's search box text when the selection was made (null or '' for none). */
    searchTerm: string | null;
    /** Ids the user unticked after selecting all matching rows. */
    excludedIds: string[];
    /** The selected count the user saw: the server's count of matching rows minus the exclusions. */
    expectedCount: number;
}

/** Status of a chunked Execute Flow run (Dynamic_Component_Run__c.Status__c API names). */
export type FlowRunStatus = 'Queued' | 'Running' | 'Completed' | 'Completed_With_Errors' | 'Failed' | 'Cancelled';
/** Status of one chunk (Dynamic_Component_Run_Chunk__c.Status__c). */
export type FlowRunChunkStatus = 'Queued' | 'Running' | 'Done' | 'Failed' | 'Cancelled';

/** One chunk of a run, as getFlowRun returns it. */
export interface FlowRunChunkView {
    index: number;
    status: FlowRunChunkStatus;
    size: number;
    message: string | null;
    failedIds: string[];
}

/** A chunked run (startFlowRun, getFlowRun, cancelFlowRun, retryFlowRun, listFlowRuns), docs/CONTRACTS.md. */
export interface FlowRunView {
    id: string;
    name: string;
    definitionName: string;
    interactionId: string;
    actionId: string;
    status: FlowRunStatus;
    total: number;
    succeeded: number;
    failed: number;
    remaining: number;
    chunkSize: number;
    startedById: string;
    startedAt: string;
    finishedAt: string | null;
    message: string | null;
    outputs: Record<string, unknown>;
    /** Only from getFlowRun (and start/cancel/retry). */
    chunks?: FlowRunChunkView[];
}

/** Statuses after which a run changes no more (until a retry re-queues its failed chunks). */
export const FINISHED_RUN_STATUSES: readonly FlowRunStatus[] = Object.freeze([
    'Completed',
    'Completed_With_Errors',
    'Failed',
    'Cancelled'
]);

/** What the page calls each run status (the picklist labels of Dynamic_Component_Run__c.Status__c). */
export const RUN_STATUS_LABELS: Readonly<Record<FlowRunStatus, string>> = Object.freeze({
    Queued: 'Queued',
    Running: 'Running',
    Completed: 'Completed',
    Completed_With_Errors: 'Completed with errors',
    Failed: 'Failed',
    Cancelled: 'Cancelled'
});

/** The Platform Event a run publishes on every change (channel /event/Dynamic_Component_Run_Event__e). */
export const RUN_EVENT_CHANNEL = '/event/Dynamic_Component_Run_Event__e';

/** The event's fields, as an empApi subscriber reads them (message.data.payload). */
export interface FlowRunEventPayload {
    Run_Id__c: string;
    Status__c: FlowRunStatus;
    Total__c: number;
    Succeeded__c: number;
    Failed__c: number;
    Started_By__c: string;
}
