/*
 * Inline edit and export of a data table over the in-memory store, mirroring the Apex services of issue #13 with their
 * codes and messages (DataTableContext, RecordSaveService, LookupSearchService, TableExportService):
 *
 * - saveRecords: every key of a draft's values must be an `editable` column of the STORED table (NOT_EDITABLE for the
 *   whole request), at most 10,000 drafts (TOO_MANY_ROWS); per row ROW_NOT_AVAILABLE (not a row the table's query
 *   returns to this user), CONFLICT (LastModifiedDate newer than the draft's), FIELD_NOT_EDITABLE (read-only for the
 *   user), INVALID_VALUE (does not fit the field's type); then one partial write (allOrNone=false) in a transaction:
 *   the store's DML errors per row (REQUIRED_FIELD_MISSING, FIELD_CUSTOM_VALIDATION_EXCEPTION,
 *   INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, INVALID_CROSS_REFERENCE_KEY, ...), good rows commit, bad rows do not.
 * - searchLookup: an editable REFERENCE column's target records whose name contains the term, by name, at most 10,
 *   only records the user can see.
 * - exportRows: runQuery's request over the table's query, SELECT restricted to the table's columns (and key field),
 *   pages of up to 2,000 rows (2,000 by default); unreadable columns are left out with runQuery's notice.
 */
import { EDITABLE_TYPES } from '../../force-app/main/default/lwc/dcDefinition/vocabulary';
import type { AccessPolicy } from './access';
import { ServiceError } from './errors';
import { isoDateTimeMillis, isValidIsoDate } from './isoDates';
import {
    MAX_PAGE_SIZE,
    namedQuery,
    parseQueryRequest,
    runStructuredQuery,
    type QueryDefinition,
    type QueryRequest,
    type QueryResponse
} from './query';
import type { PreviewField, PreviewObject } from './schema';
import { DmlError, type SObject, type Store } from './store';

/** Most drafts one save takes: the DML-row limit of one transaction (Apex RecordSaveService.MAX_SAVE_ROWS). */
export const MAX_SAVE_ROWS = 10000;
/** Most options one lookup search returns (Apex LookupSearchService.MAX_OPTIONS). */
export const MAX_LOOKUP_OPTIONS = 10;
/** Read with every row of a table that has an editable column (Apex DataTableContext.EDIT_EXTRAS). */
export const EDIT_EXTRAS = ['LastModifiedDate', 'RecordTypeId'];

export const CONFLICT_MESSAGE =
    'Someone else changed this record after you loaded it. Your changes are kept: reload to see theirs, then save again.';
export const ROW_NOT_AVAILABLE_MESSAGE =
    "This row is no longer in this list for you: it was deleted, shared away or no longer matches the list's conditions. Reload to see the current rows.";

const TEXT_TYPES = new Set(['STRING', 'EMAIL', 'PHONE', 'URL', 'TEXTAREA', 'PICKLIST', 'MULTIPICKLIST']);

export interface RowError {
    code: string;
    message: string;
    fields: string[];
}
export interface RowResult {
    id: string;
    success: boolean;
    errors: RowError[];
}
export interface SaveResponse {
    results: RowResult[];
    savedCount: number;
    failedCount: number;
    records: Record<string, unknown>[];
}
export interface LookupOption {
    id: string;
    name: string;
    objectApiName: string;
}

type Json = Record<string, unknown>;

/** A data table of a stored definition with its query (Apex DataTableContext). */
export class DataTableContext {
    readonly table: Json;
    readonly query: QueryDefinition;

    constructor(
        readonly document: Json,
        readonly definitionName: string,
        readonly tableName: string
    ) {
        const tables = dataTables(document);
        const table = tables.find((c) => typeof c.name === 'string' && c.name === tableName);
        if (!table) {
            const available = tables.map((c) => c.name).filter((n): n is string => typeof n === 'string');
            throw new ServiceError(
                'UNKNOWN_COMPONENT',
                `Definition "${definitionName}" has no data table named "${String(tableName)}".${available.length ? ` Data tables: ${available.join(', ')}.` : ' It has no data tables.'}`,
                available
            );
        }
        this.table = table;
        this.query = namedQuery(definitionName, (document.queries ?? []) as QueryDefinition[], table.query);
    }

    private columns(): Json[] {
        return Array.isArray(this.table.columns)
            ? (this.table.columns as unknown[]).filter((c): c is Json => !!c && typeof c === 'object')
            : [];
    }

    /** The `field` of every column, trimmed, in column order. */
    columnFields(): string[] {
        return this.columns()
            .map((c) => (typeof c.field === 'string' ? c.field.trim() : ''))
            .filter((f) => f !== '');
    }

    /** The editable columns' fields (direct fields only) by lower-cased name. */
    editableFields(): Map<string, string> {
        const out = new Map<string, string>();
        for (const c of this.columns()) {
            if (c.editable === true && typeof c.field === 'string' && c.field.trim() && !c.field.includes('.'))
                out.set(c.field.trim().toLowerCase(), c.field.trim());
        }
        return out;
    }

    notEditable(field: string): ServiceError {
        const editable = [...this.editableFields().values()].sort();
        return new ServiceError(
            'NOT_EDITABLE',
            `"${field}" is not an editable column of table "${this.tableName}" in definition "${this.definitionName}": only columns marked "editable": true can be changed.${editable.length ? ` Editable columns: ${editable.join(', ')}.` : ' This table has no editable columns.'}`,
            [`Field: ${field}`, `Table: ${this.tableName}`]
        );
    }
}

function dataTables(document: Json | undefined): Json[] {
    const components = Array.isArray(document?.components) ? (document.components as unknown[]) : [];
    return components.filter((c): c is Json => !!c && typeof c === 'object' && (c as Json).type === 'dataTable');
}

/** A data table of the definition shows this query and has an editable column: its rows carry EDIT_EXTRAS. */
export function feedsEditableTable(document: Json | undefined, queryName: unknown): boolean {
    return dataTables(document).some(
        (t) =>
            typeof queryName === 'string' &&
            t.query === queryName &&
            Array.isArray(t.columns) &&
            (t.columns as Json[]).some((c) => c?.editable === true)
    );
}

export interface EditingContext {
    store: Store;
    user: Record<string, unknown>;
    /** The running user's field access and record visibility (access.ts accessOf). */
    access: AccessPolicy;
}

function invalid(message: string): ServiceError {
    return new ServiceError('INVALID_REQUEST', message);
}

function queryObject(store: Store, context: DataTableContext): PreviewObject {
    const obj = store.schema.object(context.query.object);
    if (!obj) {
        throw new ServiceError(
            'INVALID_QUERY',
            `Query "${context.query.name}" reads "${context.query.object}", which is not an object in this org.`
        );
    }
    return obj;
}

/** A direct field of the query's object named by an editable column (INVALID_QUERY when it does not exist). */
function editedField(obj: PreviewObject, context: DataTableContext, field: string): PreviewField {
    const f = [...obj.fields.values()].find((x) => x.name.toLowerCase() === field.trim().toLowerCase());
    if (!f) {
        throw new ServiceError(
            'INVALID_QUERY',
            `Editable column "${field}" of table "${context.tableName}": field '${field.trim()}' does not exist on ${obj.name}.`
        );
    }
    return f;
}

function mismatch(what: string, expected: string, value: unknown): Error {
    return new Error(`${what} expects ${expected}, but got ${JSON.stringify(value)}.`);
}

/**
 * A draft value typed for its field, as Apex RecordSaveService.valueFor / QueryValueCoercer: blank text clears the
 * field, a multi-select picklist may arrive as a list, a checkbox is never empty. Throws with the user's message.
 */
export function draftValue(value: unknown, field: PreviewField): unknown {
    let v = value;
    if (field.type === 'MULTIPICKLIST' && Array.isArray(v)) v = v.map((x) => (x === null ? '' : String(x))).join(';');
    if (typeof v === 'string' && v.trim() === '') v = null;
    if (v === null || v === undefined) {
        if (field.type === 'BOOLEAN')
            throw new Error(`${field.label} expects true or false: a checkbox cannot be empty.`);
        return null;
    }
    if (Array.isArray(v) || typeof v === 'object') {
        const expected =
            field.type === 'REFERENCE'
                ? 'a record Id'
                : TEXT_TYPES.has(field.type)
                  ? 'text'
                  : `a single ${field.type.toLowerCase()} value`;
        throw mismatch(field.label, expected, v);
    }
    if (TEXT_TYPES.has(field.type)) return String(v);
    const text = String(v).trim();
    switch (field.type) {
        case 'REFERENCE':
            if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text)) throw mismatch(field.label, 'a record Id', v);
            return text;
        case 'BOOLEAN':
            if (typeof v === 'boolean') return v;
            if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
            throw mismatch(field.label, 'true or false', v);
        case 'INTEGER':
        case 'LONG': {
            const n = typeof v === 'number' ? v : /^[+-]?\d+(\.0*)?$/.test(text) ? Number(text) : NaN;
            if (!Number.isInteger(n)) throw mismatch(field.label, 'a whole number', v);
            return n;
        }
        case 'DOUBLE':
        case 'CURRENCY':
        case 'PERCENT': {
            const n =
                typeof v === 'number'
                    ? v
                    : typeof v === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)
                      ? Number(text)
                      : NaN;
            if (!Number.isFinite(n)) throw mismatch(field.label, 'a number', v);
            return n;
        }
        case 'DATE':
            if (typeof v !== 'string' || !isValidIsoDate(text)) throw mismatch(field.label, 'a date (YYYY-MM-DD)', v);
            return text;
        case 'DATETIME': {
            const millis = typeof v === 'string' ? isoDateTimeMillis(text) : null;
            if (millis === null)
                throw mismatch(field.label, 'a date and time (ISO 8601, e.g. 2025-01-31T09:30:00Z)', v);
            return new Date(millis).toISOString();
        }
        default:
            return v;
    }
}

interface Draft {
    id: string;
    values: Record<string, unknown>;
    lastModifiedDate: number | null;
    result: RowResult;
    write?: Record<string, unknown>;
}

function parseSaveRequest(requestJson: unknown): Json {
    if (typeof requestJson !== 'string' || !requestJson.trim())
        throw invalid('The save request is empty: send {"drafts": [{"id", "values", "lastModifiedDate"}]}.');
    let parsed: unknown;
    try {
        parsed = JSON.parse(requestJson);
    } catch (e) {
        throw invalid(`The save request is not valid JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw invalid('The save request must be a JSON object {"drafts": [...]}.');
    return parsed as Json;
}

function parseDrafts(raw: unknown[], context: DataTableContext): Draft[] {
    const editable = context.editableFields();
    const seen = new Set<string>();
    return raw.map((item, i) => {
        const at = `drafts[${i}]`;
        if (!item || typeof item !== 'object' || Array.isArray(item))
            throw invalid(`${at} must be an object {"id", "values", "lastModifiedDate"}.`);
        const d = item as Json;
        const id = typeof d.id === 'string' ? d.id.trim() : '';
        if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id))
            throw invalid(`${at}.id must be the record Id of the row, not ${JSON.stringify(d.id ?? null)}.`);
        if (seen.has(id))
            throw invalid(
                `${at}.id ${id} appears in more than one draft: send each row once with all its changed fields.`
            );
        seen.add(id);
        const values = d.values;
        if (!values || typeof values !== 'object' || Array.isArray(values) || !Object.keys(values).length)
            throw invalid(`${at}.values must be an object of the changed fields, e.g. {"Phone": "555"}.`);
        for (const field of Object.keys(values)) {
            if (!editable.has(field.trim().toLowerCase())) throw context.notEditable(field);
        }
        let lastModifiedDate: number | null = null;
        if (d.lastModifiedDate !== undefined && d.lastModifiedDate !== null) {
            lastModifiedDate =
                typeof d.lastModifiedDate === 'string' ? isoDateTimeMillis(d.lastModifiedDate.trim()) : null;
            if (lastModifiedDate === null)
                throw invalid(
                    `${at}.lastModifiedDate must be the row's LastModifiedDate as loaded (ISO 8601) or null, not ${JSON.stringify(d.lastModifiedDate)}.`
                );
        }
        return {
            id: typeof d.id === 'string' ? d.id : id,
            values: values as Record<string, unknown>,
            lastModifiedDate,
            result: { id: typeof d.id === 'string' ? d.id : id, success: false, errors: [] }
        };
    });
}

/** The request's binds and recordId (a query whose conditions need them), as for runQuery. */
function scopeRequest(request: Json): { binds: QueryRequest['binds']; recordId: string | null } {
    const binds = request.binds as QueryRequest['binds'];
    return { binds: binds ?? {}, recordId: typeof request.recordId === 'string' ? request.recordId : null };
}

export function saveRecords(ctx: EditingContext, context: DataTableContext, requestJson: unknown): SaveResponse {
    const { store } = ctx;
    const { access } = ctx;
    const request = parseSaveRequest(requestJson);
    if (!Array.isArray(request.drafts)) throw invalid('drafts must be a list of {"id", "values", "lastModifiedDate"}.');
    if (request.drafts.length > MAX_SAVE_ROWS) {
        throw new ServiceError(
            'TOO_MANY_ROWS',
            `This save would change ${request.drafts.length.toLocaleString('en-US')} rows; one save can change at most ${MAX_SAVE_ROWS.toLocaleString('en-US')}. Save fewer rows at a time, or cancel some changes.`,
            [`Rows: ${request.drafts.length}`, `Table: ${context.tableName}`]
        );
    }
    const drafts = parseDrafts(request.drafts, context);
    const response: SaveResponse = { results: [], savedCount: 0, failedCount: 0, records: [] };
    if (!drafts.length) return response;
    const obj = queryObject(store, context);
    // the describe of every edited field; a type the table cannot edit refuses the whole request
    const fields = new Map<string, PreviewField>();
    for (const d of drafts) {
        for (const name of Object.keys(d.values)) {
            const key = name.trim().toLowerCase();
            if (fields.has(key)) continue;
            const f = editedField(obj, context, name);
            if (!EDITABLE_TYPES.has(f.type)) {
                throw new ServiceError(
                    'NOT_EDITABLE',
                    `${f.label} (${f.name}) is a ${f.type} field, which a data table cannot edit.`,
                    [`Field: ${f.name}`, `Table: ${context.tableName}`]
                );
            }
            fields.set(key, f);
        }
    }
    const { binds, recordId } = scopeRequest(request);
    const scope = { user: ctx.user, recordId, access, alsoSelect: EDIT_EXTRAS };
    // the drafted rows the table's query returns to this user (its own conditions, the user's visibility)
    const ids = new Set(drafts.map((d) => d.id).filter((id) => store.schema.objectOfId(id)?.name === obj.name));
    const current = new Map(
        ids.size
            ? runStructuredQuery(store, context.query, { binds }, { ...scope, onlyIds: ids }).records.map((r) => [
                  r.Id as string,
                  r
              ])
            : []
    );
    for (const d of drafts) {
        const row = current.get(d.id);
        if (!row) {
            d.result.errors.push({ code: 'ROW_NOT_AVAILABLE', message: ROW_NOT_AVAILABLE_MESSAGE, fields: [] });
            continue;
        }
        const stored = store.get(obj.name, d.id)?.LastModifiedDate;
        if (d.lastModifiedDate !== null && typeof stored === 'string' && Date.parse(stored) > d.lastModifiedDate)
            d.result.errors.push({ code: 'CONFLICT', message: CONFLICT_MESSAGE, fields: [] });
        const write: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(d.values)) {
            const f = fields.get(name.trim().toLowerCase()) as PreviewField;
            if (!access.updateable(obj.name, f.name)) {
                d.result.errors.push({
                    code: 'FIELD_NOT_EDITABLE',
                    message: `You cannot change ${f.label}: your access to this field is read-only. Ask your Salesforce admin for edit access.`,
                    fields: [f.name]
                });
                continue;
            }
            try {
                write[f.name] = draftValue(value, f);
            } catch (e) {
                d.result.errors.push({ code: 'INVALID_VALUE', message: (e as Error).message, fields: [f.name] });
            }
        }
        d.write = write;
    }
    // the one partial DML statement (Database.update(records, false, AccessLevel.USER_MODE)) in one transaction
    const written = drafts.filter((d) => d.result.errors.length === 0 && d.write);
    if (written.length) {
        store.transaction(() => {
            for (const d of written) {
                const error = lookupVisibility(store, obj, d.write as Record<string, unknown>, access);
                if (error) {
                    d.result.errors.push(error);
                    continue;
                }
                try {
                    store.update(obj.name, d.id, d.write as Record<string, unknown>);
                    d.result.success = true;
                } catch (e) {
                    if (!(e instanceof DmlError)) throw e;
                    d.result.errors.push({ code: e.statusCode, message: e.text, fields: e.fields });
                }
            }
        });
    }
    const saved = new Set<string>();
    for (const d of drafts) {
        response.results.push(d.result);
        if (d.result.success) {
            response.savedCount++;
            saved.add(d.id);
        } else response.failedCount++;
    }
    if (saved.size) {
        // re-read by Id with the query's SELECT: an edit may have moved a row out of the conditions
        const rows = runStructuredQuery(store, context.query, { binds }, { ...scope, onlyIds: saved, byIdOnly: true });
        const byId = new Map(rows.records.map((r) => [r.Id as string, r]));
        response.records = drafts.filter((d) => byId.has(d.id)).map((d) => byId.get(d.id) as Record<string, unknown>);
    }
    return response;
}

/** A lookup to a record the user cannot see fails like a USER_MODE DML does. */
function lookupVisibility(
    store: Store,
    obj: PreviewObject,
    values: Record<string, unknown>,
    access: AccessPolicy
): RowError | undefined {
    for (const [name, value] of Object.entries(values)) {
        const field = obj.fields.get(name);
        if (field?.type !== 'REFERENCE' || typeof value !== 'string') continue;
        const target = store.byId(value);
        const targetObj = store.schema.objectOfId(value);
        if (target && targetObj && !access.canSee(targetObj.name, target)) {
            return {
                code: 'INVALID_CROSS_REFERENCE_KEY',
                message: `insufficient access rights on cross-reference id: ${value}`,
                fields: [field.name]
            };
        }
    }
    return undefined;
}

export function searchLookup(
    ctx: EditingContext,
    context: DataTableContext,
    fieldPath: unknown,
    searchTerm: unknown
): LookupOption[] {
    const { store } = ctx;
    const { access } = ctx;
    const field = typeof fieldPath === 'string' ? fieldPath.trim() : '';
    if (!context.editableFields().has(field.toLowerCase())) throw context.notEditable(field);
    const obj = queryObject(store, context);
    const f = editedField(obj, context, field);
    const targetName = f.referenceTo?.[0];
    if (f.type !== 'REFERENCE' || !targetName) {
        throw new ServiceError(
            'NOT_EDITABLE',
            `${f.label} (${f.name}) is not a lookup field (it is ${f.type}): only editable lookup columns search for records.`,
            [`Field: ${f.name}`, `Table: ${context.tableName}`]
        );
    }
    const target = store.schema.object(targetName) as PreviewObject;
    const nameField = [...target.fields.values()].find((x) => x.isNameField);
    if (!nameField || !access.readable(target.name, nameField.name)) {
        throw new ServiceError(
            'NO_ACCESS',
            `You do not have access to ${target.labelPlural} (${target.name}), so ${f.label} cannot offer records. Ask your Salesforce admin for read access.`,
            [`Object: ${target.name}`]
        );
    }
    if (searchTerm !== undefined && searchTerm !== null && typeof searchTerm !== 'string')
        throw invalid(`searchTerm must be text or null, not ${JSON.stringify(searchTerm)}.`);
    // LIKE '%term%' (the term's % and _ match themselves), case-insensitive, ORDER BY name NULLS LAST, Id
    const term = (searchTerm ?? '').trim().toLowerCase();
    const nameOf = (r: SObject) =>
        r[nameField.name] === undefined || r[nameField.name] === null ? null : String(r[nameField.name]);
    return store
        .all(target.name)
        .filter((r) => access.canSee(target.name, r))
        .filter((r) => !term || (nameOf(r) ?? '').toLowerCase().includes(term))
        .sort((a, b) => {
            const x = nameOf(a);
            const y = nameOf(b);
            if (x === null || y === null) return x === y ? (a.Id < b.Id ? -1 : 1) : x === null ? 1 : -1;
            const c = x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0;
            return c || (a.Id < b.Id ? -1 : a.Id > b.Id ? 1 : 0);
        })
        .slice(0, MAX_LOOKUP_OPTIONS)
        .map((r) => ({ id: r.Id, name: nameOf(r) as string, objectApiName: target.name }));
}

export function exportRows(ctx: EditingContext, context: DataTableContext, requestJson: unknown): QueryResponse {
    const request = parseQueryRequest(requestJson);
    if (request.pageSize === undefined || request.pageSize === null) request.pageSize = MAX_PAGE_SIZE;
    // the query's fields that are columns of the table (or its key field), in the query's order
    const wanted = new Set(context.columnFields().map((f) => f.toLowerCase()));
    if (typeof context.table.keyField === 'string' && context.table.keyField.trim())
        wanted.add(context.table.keyField.trim().toLowerCase());
    const exported: QueryDefinition = {
        ...context.query,
        fields: (context.query.fields ?? []).filter((f) => typeof f === 'string' && wanted.has(f.trim().toLowerCase()))
    };
    return runStructuredQuery(ctx.store, exported, request, {
        user: ctx.user,
        recordId: typeof request.recordId === 'string' ? request.recordId : null,
        access: ctx.access
    });
}
