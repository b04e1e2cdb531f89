/*
 * The structured query of a stored definition, run over the in-memory store with the same semantics as the Apex
 * query service: conditions (literal values from the definition, merge-field values as binds keyed by 1-based
 * condition number) with AND / OR / custom logic, search over searchFields, one sort field with NULLS LAST and an Id
 * tie-break in the sort direction (picklists in setup order), keyset paging through a cursor {sortValue, id},
 * pageSize 1-2000, maxRows (at most 50,000) across pages and totalCount (capped at maxRows), like Apex StructuredQuery.
 *
 * maxRows across pages, as in Apex: the cursor is a position only. The rows delivered so far are re-derived from the
 * data (the matching rows at or before the cursor, capped at maxRows), never read from the request; a `rowCount` a
 * client still sends is ignored. Rule under concurrent changes: a page holds only rows that rank within the first
 * maxRows of the list as it stands when that page is read, so a row inserted before the cursor between pages takes
 * up one of the maxRows and a deleted one frees one. No cursor a client forges reaches a row ranked past maxRows.
 */
import { FULL_ACCESS, type AccessPolicy } from './access';
import { ServiceError } from './errors';
import { isUpdateableField, type PreviewField, type PreviewObject } from './schema';
import type { SObject, Store } from './store';
import { parseLogic, type LogicNode } from './logic';

export interface QueryCondition {
    field: string;
    operator: string;
    value?: unknown;
}
export interface QueryDefinition {
    name: string;
    object: string;
    fields: string[];
    where?: { logic?: string; conditions: QueryCondition[] };
    orderBy?: { field: string; direction?: 'asc' | 'desc' }[];
    searchFields?: string[];
    pageSize?: number;
    maxRows?: number;
}
/** A keyset position (pass it back unchanged); any other key a client adds, such as an old rowCount, is ignored. */
export interface Cursor {
    sortValue: unknown;
    id: string;
}
export interface QueryRequest {
    binds?: Record<string, unknown>;
    sortBy?: string | null;
    sortDirection?: 'asc' | 'desc' | null;
    searchTerm?: string | null;
    pageSize?: number | null;
    cursor?: Cursor | null;
    withCount?: boolean;
}
export interface FieldInfo {
    path: string;
    label: string;
    type: string;
    isNameField: boolean;
    referenceTo: string | null;
    sortable: boolean;
    /** PICKLIST and MULTIPICKLIST: active values' labels by API value (as Apex getPicklistValues()); else null. */
    picklistLabels: Record<string, string> | null;
    /** REFERENCE: path of the related record's name selected with the rows (Account.Name for AccountId); else null. */
    nameField: string | null;
    /** The running user can change this field (isUpdateable()); false for relationship paths and computed fields. */
    updateable: boolean;
    /** A dependent picklist's controlling field (API name); else null. */
    controllerName: string | null;
}
export interface QueryResponse {
    records: Record<string, unknown>[];
    nextCursor: Cursor | null;
    totalCount: number | null;
    fields: FieldInfo[];
    notices: { path: string; message: string }[];
    objectLabel: string;
    objectLabelPlural: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 2000;
export const DEFAULT_MAX_ROWS = 50000;

const NUMBER_TYPES = new Set(['DOUBLE', 'INTEGER', 'LONG', 'CURRENCY', 'PERCENT']);

interface ResolvedPath {
    path: string;
    field: PreviewField;
    /** relationship names leading to the field (Account for Account.Name) */
    relationships: PreviewField[];
    /** The user can read every field along the path (the lookups and the field itself). */
    readable: boolean;
}

/** What SOQL reads through a polymorphic relationship (RelatedRecord.Name): the record's name or Id. */
const POLYMORPHIC_FIELDS: Record<string, PreviewField> = {
    name: { name: 'Name', label: 'Name', type: 'STRING', isNameField: true, sortable: true, filterable: true },
    id: { name: 'Id', label: 'ID', type: 'ID', sortable: true, filterable: true }
};

function resolvePath(
    store: Store,
    obj: PreviewObject,
    path: string,
    where: string,
    access: AccessPolicy = FULL_ACCESS
): ResolvedPath {
    const segments = path.split('.');
    let current = obj;
    const relationships: PreviewField[] = [];
    let readable = true;
    for (let i = 0; i < segments.length - 1; i++) {
        const rel = store.schema.relationship(current.name, segments[i]);
        const polymorphic = rel?.type === 'REFERENCE' && (rel.referenceTo?.length ?? 0) !== 1;
        if (rel && polymorphic && i === segments.length - 2 && POLYMORPHIC_FIELDS[segments[i + 1].toLowerCase()]) {
            relationships.push(rel);
            readable = readable && access.readable(current.name, rel.name);
            return { path, field: POLYMORPHIC_FIELDS[segments[i + 1].toLowerCase()], relationships, readable };
        }
        const target = rel?.referenceTo?.length === 1 ? store.schema.object(rel.referenceTo[0]) : undefined;
        if (!rel || !target) {
            throw new ServiceError(
                'INVALID_QUERY',
                `${where}: '${segments[i]}' is not a relationship of ${current.name} (in '${path}').`
            );
        }
        relationships.push(rel);
        readable = readable && access.readable(current.name, rel.name);
        current = target;
    }
    const field = store.schema.field(current.name, segments[segments.length - 1]);
    if (!field) {
        throw new ServiceError(
            'INVALID_QUERY',
            `${where}: field '${segments[segments.length - 1]}' does not exist on ${current.name} (in '${path}').`
        );
    }
    readable = readable && access.readable(current.name, field.name);
    return { path, field, relationships, readable };
}

/** Case-insensitive for text, numeric for numbers; never called with nulls. */
function compareNonNull(a: unknown, b: unknown): number {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    const x = String(a).toLowerCase();
    const y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
}

function isNull(v: unknown): boolean {
    return v === null || v === undefined || v === '';
}

function coerceValue(value: unknown, field: PreviewField, label: string): unknown {
    if (isNull(value)) return null;
    if (NUMBER_TYPES.has(field.type)) {
        const n = typeof value === 'number' ? value : Number(value);
        if (Number.isNaN(n)) throw new ServiceError('TYPE_MISMATCH', `${label}: '${String(value)}' is not a number.`);
        return n;
    }
    if (field.type === 'BOOLEAN') {
        if (typeof value === 'boolean') return value;
        if (value === 'true' || value === 'false') return value === 'true';
        throw new ServiceError('TYPE_MISMATCH', `${label}: '${String(value)}' is not true or false.`);
    }
    if (typeof value === 'object')
        throw new ServiceError('TYPE_MISMATCH', `${label}: expected a single value, got ${JSON.stringify(value)}.`);
    return String(value);
}

type Predicate = (rec: SObject) => boolean;

function conditionPredicate(
    store: Store,
    obj: PreviewObject,
    c: QueryCondition,
    value: unknown,
    n: number,
    access: AccessPolicy
): Predicate {
    const label = `Condition ${n} (${c.field} ${c.operator})`;
    const rp = resolvePath(store, obj, c.field, label, access);
    if (!rp.readable) {
        throw new ServiceError(
            'NO_ACCESS',
            `This list filters on ${rp.field.label} (${rp.path}), which you do not have access to. Ask your Salesforce admin for read access.`
        );
    }
    const get = (rec: SObject) => store.valueOf(obj.name, rec, c.field);
    const like = (test: (v: string, p: string) => boolean): Predicate => {
        const p = String(coerceValue(value, rp.field, label) ?? '').toLowerCase();
        return (rec) => {
            const v = get(rec);
            return !isNull(v) && test(String(v).toLowerCase(), p);
        };
    };
    switch (c.operator) {
        case 'equals':
        case 'notEquals': {
            const v0 = coerceValue(value, rp.field, label);
            const eq = (rec: SObject) => {
                const v = get(rec);
                if (v0 === null || isNull(v)) return v0 === null && isNull(v);
                return compareNonNull(v, v0) === 0;
            };
            return c.operator === 'equals' ? eq : (rec) => !eq(rec);
        }
        case 'lessThan':
        case 'greaterThan':
        case 'lessOrEqual':
        case 'greaterOrEqual': {
            const v0 = coerceValue(value, rp.field, label);
            const test = {
                lessThan: (x: number) => x < 0,
                greaterThan: (x: number) => x > 0,
                lessOrEqual: (x: number) => x <= 0,
                greaterOrEqual: (x: number) => x >= 0
            }[c.operator];
            return (rec) => {
                const v = get(rec);
                return v0 !== null && !isNull(v) && test(compareNonNull(v, v0));
            };
        }
        case 'contains':
            return like((v, p) => v.includes(p));
        case 'startsWith':
            return like((v, p) => v.startsWith(p));
        case 'endsWith':
            return like((v, p) => v.endsWith(p));
        case 'in':
        case 'notIn': {
            const list = Array.isArray(value)
                ? value
                : isNull(value)
                  ? []
                  : String(value)
                        .split(',')
                        .map((s) => s.trim());
            const values = list.map((v) => coerceValue(v, rp.field, label)).filter((v) => v !== null);
            const member = (rec: SObject) => {
                const v = get(rec);
                return !isNull(v) && values.some((x) => compareNonNull(v, x) === 0);
            };
            return c.operator === 'in' ? member : (rec) => !member(rec);
        }
        case 'isNull': {
            const wantNull = value === true || value === 'true';
            return (rec) => isNull(get(rec)) === wantNull;
        }
        default:
            throw new ServiceError('INVALID_QUERY', `${label}: unknown operator '${c.operator}'.`);
    }
}

function logicPredicate(node: LogicNode, preds: Predicate[]): Predicate {
    switch (node.kind) {
        case 'condition':
            return preds[node.index - 1];
        case 'not': {
            const p = logicPredicate(node.operand, preds);
            return (r) => !p(r);
        }
        case 'and': {
            const ps = node.operands.map((o) => logicPredicate(o, preds));
            return (r) => ps.every((p) => p(r));
        }
        case 'or': {
            const ps = node.operands.map((o) => logicPredicate(o, preds));
            return (r) => ps.some((p) => p(r));
        }
    }
}

function isMergeField(v: unknown): boolean {
    return typeof v === 'string' && v.includes('{!');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown, ids: string[]): void {
    const segments = path.split('.');
    let node = target;
    for (let i = 0; i < segments.length - 1; i++) {
        if (ids[i] === null || ids[i] === undefined) return; // parent lookup is empty: SOQL leaves the relationship out
        let child = node[segments[i]] as Record<string, unknown> | undefined;
        if (!child) {
            child = { Id: ids[i] };
            node[segments[i]] = child;
        }
        node = child;
    }
    node[segments[segments.length - 1]] = value;
}

/** What the server knows and the browser may not forge: the running user and the page's record (CONTRACTS.md). */
export interface ServerScope {
    user: Record<string, unknown>;
    /** The page's record Id (the request's recordId); its fields are read from the store. */
    recordId?: string | null;
    /** Only these row Ids (executeFlow's re-query of a selection): no paging, no maxRows, no search. */
    onlyIds?: ReadonlySet<string>;
    /** With onlyIds: read those rows by Id alone, without the query's conditions (a save re-reads its rows). */
    byIdOnly?: boolean;
    /** Field-level security and record visibility of the running user (default: full access). */
    access?: AccessPolicy;
    /**
     * "Select all matching" (Apex MatchingSelection): every matching row's Id is pushed here, with the search, without
     * paging or maxRows; the response then carries no rows.
     */
    allIdsOut?: string[];
    /**
     * Fields of the query's object selected with the rows but not listed in `fields` (LastModifiedDate and
     * RecordTypeId of a table with an editable column); left out when the object lacks them or they are unreadable.
     */
    alsoSelect?: string[];
}

/** `{!$User.F}` / `{!$Record.F}` of a condition value, or null when the value is another merge field. */
function serverMergeField(value: unknown): { global: '$User' | '$Record'; field: string } | null {
    if (typeof value !== 'string') return null;
    const m = /^\{!\s*(\$User|\$Record)\.([^{}]+?)\s*\}$/.exec(value);
    return m ? { global: m[1] as '$User' | '$Record', field: m[2] } : null;
}

/** The value of {!$User.F} / {!$Record.F} on the server (null when there is no record or no value). */
function serverValue(store: Store, scope: ServerScope, global: '$User' | '$Record', field: string): unknown {
    if (global === '$User') {
        const v = field
            .split('.')
            .reduce<unknown>(
                (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
                scope.user
            );
        return v === undefined ? null : v;
    }
    const id = scope.recordId;
    if (typeof id !== 'string' || !RECORD_ID.test(id)) return null;
    const rec = store.byId(id);
    const obj = store.schema.objectOfId(id);
    if (!rec || !obj) return null;
    const v = store.valueOf(obj.name, rec, field);
    return v === undefined ? null : v;
}

const RECORD_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** A text key of the request: a string, or absent (null / undefined); anything else is INVALID_REQUEST, as in Apex. */
function textOf(value: unknown, key: string): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'string') {
        throw new ServiceError('INVALID_REQUEST', `${key} must be text or null, not ${JSON.stringify(value)}.`);
    }
    return value;
}

export function runStructuredQuery(
    store: Store,
    query: QueryDefinition,
    request: QueryRequest = {},
    scope: ServerScope = { user: {} }
): QueryResponse {
    const obj = store.schema.object(query.object);
    if (!obj)
        throw new ServiceError('INVALID_QUERY', `Query '${query.name}': object '${query.object}' does not exist.`);

    const pageSize = request.pageSize ?? query.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new ServiceError(
            'INVALID_REQUEST',
            `pageSize must be between 1 and ${MAX_PAGE_SIZE}, not ${String(pageSize)}.`
        );
    }
    const maxRows =
        query.maxRows === undefined ? DEFAULT_MAX_ROWS : Math.max(1, Math.min(query.maxRows, DEFAULT_MAX_ROWS));

    const access = scope.access ?? FULL_ACCESS;
    const accessNotices: { path: string; message: string }[] = [];
    // fields: Id first, then the definition's paths (deduplicated, case-insensitive); unreadable ones are left out
    const paths: string[] = ['Id'];
    for (const p of query.fields) if (!paths.some((x) => x.toLowerCase() === p.toLowerCase())) paths.push(p);
    const resolved = paths
        .map((p) => resolvePath(store, obj, p, `Query '${query.name}' field`, access))
        .filter((r) => {
            if (!r.readable)
                accessNotices.push({
                    path: r.path,
                    message: `${r.field.label} is hidden: you do not have access to this field.`
                });
            return r.readable;
        });
    // lookups bring the related record's name along (as Apex does), selected once even when the definition has it
    const nameFields = resolved.map((r) => nameFieldOf(store, obj, r, access));
    const selected = [...resolved];
    for (const name of nameFields)
        if (name && !selected.some((x) => x.path.toLowerCase() === name.path.toLowerCase())) selected.push(name);
    for (const extra of scope.alsoSelect ?? []) {
        const field = store.schema.field(obj.name, extra);
        if (!field || !access.readable(obj.name, field.name)) continue;
        if (!selected.some((x) => x.path.toLowerCase() === field.name.toLowerCase()))
            selected.push({ path: field.name, field, relationships: [], readable: true });
    }

    // conditions
    const conditions = query.where?.conditions ?? [];
    const binds = request.binds ?? {};
    if (typeof binds !== 'object' || Array.isArray(binds)) {
        throw new ServiceError('INVALID_REQUEST', 'binds must be an object keyed by condition number.');
    }
    const blank: string[] = [];
    const preds = conditions.map((c, i) => {
        const n = i + 1;
        let value = c.value;
        const server = serverMergeField(c.value);
        if (server) {
            // resolved here; a bind the browser sends for it is ignored (it could name anyone)
            value = serverValue(store, scope, server.global, server.field);
        } else if (isMergeField(c.value)) {
            if (!(String(n) in binds)) {
                throw new ServiceError(
                    'INVALID_REQUEST',
                    `Condition ${n} (${c.field}) uses ${String(c.value)}: send its value in binds["${n}"].`
                );
            }
            value = binds[String(n)];
        }
        // A merge field that resolves to null empties the whole list (never `!= null`, and never widened by NOT or
        // OR); only a stored literal null means `= null` / `!= null` (docs/CONTRACTS.md "Query binds").
        if (isMergeField(c.value) && c.operator !== 'isNull' && (value === null || value === undefined)) {
            blank.push(
                `Condition ${n} (${c.field}) has no value: ${String(c.value)} is blank, so the list shows no rows.`
            );
            return () => false;
        }
        return conditionPredicate(store, obj, c, value, n, access);
    });
    let where: Predicate = () => true;
    if (preds.length) {
        const logic = (query.where?.logic ?? 'AND').trim();
        const upper = logic.toUpperCase();
        const node: LogicNode =
            upper === 'AND' || upper === 'OR'
                ? {
                      kind: upper === 'AND' ? 'and' : 'or',
                      operands: preds.map((_, i) => ({ kind: 'condition', index: i + 1 }))
                  }
                : parseLogic(logic, preds.length);
        where = blank.length ? () => false : logicPredicate(node, preds);
    }

    // search
    const term = (textOf(request.searchTerm, 'searchTerm') ?? '').trim().toLowerCase();
    let search: Predicate = () => true;
    const searchNotices: { path: string; message: string }[] = [];
    const fields = (query.searchFields ?? []).filter((f) => {
        const r = resolvePath(store, obj, f, 'search field', access);
        if (!r.readable && term)
            searchNotices.push({
                path: r.path,
                message: `Search does not look in ${r.field.label}: you do not have access to this field.`
            });
        return r.readable;
    });
    if (term && !fields.length)
        searchNotices.push({ path: 'searchFields', message: 'Search is not available for this list.' });
    if (term && fields.length) {
        search = (rec) =>
            fields.some((f) => {
                const v = store.valueOf(obj.name, rec, f);
                return !isNull(v) && String(v).toLowerCase().includes(term);
            });
    }

    // sort: one field + Id
    const sortBy = textOf(request.sortBy, 'sortBy');
    const sortPath = sortBy ?? query.orderBy?.[0]?.field ?? 'Id';
    const direction = (
        textOf(request.sortDirection, 'sortDirection') || (sortBy ? 'asc' : (query.orderBy?.[0]?.direction ?? 'asc'))
    ).toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') {
        throw new ServiceError('INVALID_REQUEST', `sortDirection must be "asc" or "desc", not "${String(direction)}".`);
    }
    let sortField =
        resolved.find((r) => r.path.toLowerCase() === sortPath.toLowerCase()) ??
        (query.orderBy?.some((o) => o.field.toLowerCase() === sortPath.toLowerCase())
            ? resolvePath(store, obj, sortPath, 'orderBy', access)
            : undefined);
    if (sortField && !sortField.readable) {
        accessNotices.push({
            path: sortField.path,
            message: `The list is not sorted by ${sortField.field.label}: you do not have access to this field.`
        });
        sortField = resolvePath(store, obj, 'Id', 'orderBy');
    }
    if (!sortField) {
        throw new ServiceError(
            'INVALID_REQUEST',
            `Cannot sort by '${sortPath}': it is not one of the query's fields (${paths.join(', ')}).`
        );
    }
    if (!sortField.field.sortable) {
        throw new ServiceError(
            'INVALID_REQUEST',
            `Cannot sort by ${sortField.field.label} (${sortField.path}): this field cannot be sorted.`
        );
    }
    const sign = direction === 'desc' ? -1 : 1;
    const rawOf = (rec: SObject) => (sortField.path === 'Id' ? rec.Id : store.valueOf(obj.name, rec, sortField.path));
    // picklists sort by their setup order (values not in the list after all defined ones), like SOQL
    const picklist =
        sortField.field.type === 'PICKLIST' && sortField.field.picklistValues
            ? sortField.field.picklistValues
            : undefined;
    const keyOf = (raw: unknown): unknown => {
        if (isNull(raw) || !picklist) return raw;
        const i = picklist.indexOf(String(raw));
        return i >= 0 ? i : picklist.length;
    };
    // ORDER BY f dir NULLS LAST, Id dir
    const compareKeys = (va: unknown, ida: string, vb: unknown, idb: string): number => {
        const na = isNull(va);
        const nb = isNull(vb);
        if (na !== nb) return na ? 1 : -1;
        if (!na) {
            const c = compareNonNull(va, vb) * sign;
            if (c !== 0) return c;
        }
        return (ida < idb ? -1 : ida > idb ? 1 : 0) * sign;
    };

    const matching: { rec: SObject; raw: unknown; key: unknown }[] = [];
    const only = scope.onlyIds;
    for (const rec of store.all(obj.name)) {
        if (only ? !only.has(rec.Id) || (!scope.byIdOnly && !where(rec)) : !where(rec) || !search(rec)) continue;
        if (!access.canSee(obj.name, rec)) continue;
        const raw = rawOf(rec);
        matching.push({ rec, raw, key: keyOf(raw) });
    }
    if (scope.allIdsOut) {
        for (const m of matching) scope.allIdsOut.push(m.rec.Id);
        matching.length = 0;
    }
    matching.sort((a, b) => compareKeys(a.key, a.rec.Id, b.key, b.rec.Id));

    // keyset: first row strictly after the cursor; the rows before it are "delivered so far" (Apex counts them with
    // SELECT COUNT() ... NOT (<cursor condition>) LIMIT maxRows)
    let start = 0;
    if (request.cursor) {
        const { sortValue, id } = request.cursor;
        if (typeof id !== 'string' || !/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) {
            throw new ServiceError(
                'INVALID_REQUEST',
                `cursor.id must be the Id of the last row of the previous page, not ${JSON.stringify(id)}.`
            );
        }
        if (store.schema.objectOfId(id)?.name !== obj.name) {
            throw new ServiceError('INVALID_REQUEST', `cursor.id ${id} is not a ${obj.label} Id.`);
        }
        const cursorKey = sortField.path === 'Id' ? id : keyOf(sortValue);
        let lo = 0;
        let hi = matching.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (compareKeys(matching[mid].key, matching[mid].rec.Id, cursorKey, id) <= 0) lo = mid + 1;
            else hi = mid;
        }
        start = lo;
    }
    const notices: { path: string; message: string }[] = [
        ...accessNotices,
        ...blank.map((message) => ({ path: 'where', message })),
        ...searchNotices
    ];
    const rowsBefore = Math.min(start, maxRows);
    const stopNotice = { path: 'maxRows', message: `Showing the first ${maxRows} rows: this list does not load more.` };
    const pageLimit = only ? matching.length : Math.max(0, Math.min(pageSize, maxRows - rowsBefore));
    if (pageLimit === 0) notices.push(stopNotice);
    const page = matching.slice(start, start + pageLimit);
    const last = page[page.length - 1];
    const hasMore = start + pageLimit < matching.length && pageLimit > 0;
    // at maxRows there is no next page, whatever follows (like Apex: the notice says so)
    const atMax = !only && rowsBefore + page.length >= maxRows;
    if (hasMore && atMax) notices.push(stopNotice);
    const nextCursor: Cursor | null =
        last && hasMore && !atMax
            ? { sortValue: sortField.path === 'Id' ? null : (last.raw ?? null), id: last.rec.Id }
            : null;
    let totalCount: number | null = null;
    if (request.withCount === true) {
        totalCount = Math.min(matching.length, maxRows);
        if (totalCount === maxRows)
            notices.push({
                path: 'maxRows',
                message: `At least ${maxRows} rows match; this list shows at most ${maxRows}.`
            });
    }

    const records = page.map(({ rec }) => {
        const out: Record<string, unknown> = {};
        for (const r of selected) {
            // ids of the parents along the path (for the nested relationship objects), plus the lookup field itself
            const ids: string[] = [];
            let cur: SObject | undefined = rec;
            for (const rel of r.relationships) {
                const id = cur?.[rel.name] as string | undefined;
                ids.push(id as string);
                cur = id ? store.byId(id) : undefined;
            }
            if (r.relationships.length && rec[r.relationships[0].name] !== undefined)
                out[r.relationships[0].name] = rec[r.relationships[0].name];
            const v = store.valueOf(obj.name, rec, r.path);
            setPath(out, r.path, v === null ? undefined : v, ids);
            if (v === null) {
                // SOQL/JSON omits null fields
                const segs = r.path.split('.');
                let node: Record<string, unknown> | undefined = out;
                for (let i = 0; i < segs.length - 1 && node; i++)
                    node = node[segs[i]] as Record<string, unknown> | undefined;
                if (node) delete node[segs[segs.length - 1]];
            }
        }
        return out;
    });

    return {
        records,
        nextCursor,
        totalCount,
        fields: resolved.map((r, i) => ({
            path: r.path,
            label: r.field.label,
            type: r.field.type,
            isNameField: !!r.field.isNameField,
            referenceTo: r.field.referenceTo?.[0] ?? null,
            sortable: r.field.sortable,
            picklistLabels: picklistLabelsOf(r.field),
            nameField: nameFields[i]?.path ?? null,
            updateable:
                r.relationships.length === 0 && isUpdateableField(r.field) && access.updateable(obj.name, r.field.name),
            controllerName: r.relationships.length === 0 ? (r.field.controllerName ?? null) : null
        })),
        notices,
        objectLabel: obj.label,
        objectLabelPlural: obj.labelPlural
    };
}

/**
 * The related record's name for a lookup (Account.Name for AccountId, Account.Owner.Name for Account.OwnerId): the
 * target's name field, resolved like any selected path; undefined for other fields or when it does not resolve.
 */
function nameFieldOf(
    store: Store,
    obj: PreviewObject,
    r: ResolvedPath,
    access: AccessPolicy = FULL_ACCESS
): ResolvedPath | undefined {
    if (r.field.type !== 'REFERENCE' || !r.field.relationshipName) return undefined;
    const targets = r.field.referenceTo ?? [];
    const target = targets.length === 1 ? store.schema.object(targets[0]) : undefined;
    // polymorphic lookups name their record through Name, as SOQL's What.Name does
    const leaf = target ? [...target.fields.values()].find((x) => x.isNameField)?.name : 'Name';
    if (!leaf) return undefined;
    const dot = r.path.lastIndexOf('.');
    const prefix = dot < 0 ? '' : r.path.slice(0, dot + 1);
    try {
        const name = resolvePath(store, obj, `${prefix}${r.field.relationshipName}.${leaf}`, 'name field', access);
        return name.readable ? name : undefined;
    } catch {
        return undefined;
    }
}

/** Labels of the field's active picklist values by API value, from the object XML's valueSet; null for non-picklists. */
export function picklistLabelsOf(field: PreviewField): Record<string, string> | null {
    if (field.type !== 'PICKLIST' && field.type !== 'MULTIPICKLIST') return null;
    const labels: Record<string, string> = {};
    for (const entry of field.picklistEntries ?? []) if (entry.active) labels[entry.value] = entry.label;
    return labels;
}

/**
 * Runs the query named `queryName` of a definition (stored or draft) with the client's request JSON: the one place
 * that resolves the name and reads the request, for runQuery and the builder's previewQuery alike.
 */
export function runNamedQuery(
    store: Store,
    definitionName: string,
    queries: QueryDefinition[],
    queryName: unknown,
    requestJson: unknown,
    user: Record<string, unknown> = {},
    extra: Pick<ServerScope, 'access' | 'alsoSelect'> = {}
): QueryResponse {
    const query = namedQuery(definitionName, queries, queryName);
    const request = parseQueryRequest(requestJson);
    const recordId = (request as { recordId?: unknown }).recordId;
    return runStructuredQuery(store, query, request, {
        user,
        recordId: typeof recordId === 'string' ? recordId : null,
        ...extra
    });
}

/** The query named `queryName` of a definition, or UNKNOWN_QUERY listing the ones it has. */
export function namedQuery(definitionName: string, queries: QueryDefinition[], queryName: unknown): QueryDefinition {
    const query = queries.find((q) => q && q.name === queryName);
    if (!query) {
        const available = queries.map((q) => q?.name).filter((n): n is string => typeof n === 'string');
        throw new ServiceError(
            'UNKNOWN_QUERY',
            `Definition "${definitionName}" has no query named "${String(queryName)}".${available.length ? ` Queries: ${available.join(', ')}.` : ' It has no queries.'}`,
            available
        );
    }
    return query;
}

/** The request JSON of runQuery / exportRows (docs/CONTRACTS.md QueryRequest), or INVALID_REQUEST. */
export function parseQueryRequest(requestJson: unknown): QueryRequest & { recordId?: unknown } {
    let request: QueryRequest = {};
    if (typeof requestJson === 'string' && requestJson.trim()) {
        try {
            request = JSON.parse(requestJson) as QueryRequest;
        } catch (e) {
            throw new ServiceError('INVALID_REQUEST', `The query request is not valid JSON: ${(e as Error).message}`);
        }
    }
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
        throw new ServiceError('INVALID_REQUEST', 'The query request must be a JSON object (docs/CONTRACTS.md).');
    }
    return request;
}
