/*
 * lightning/uiRecordApi getRecord over the preview store: the UI API record representation
 * { apiName, id, fields: { Name: { value, displayValue }, Account: { value: { apiName, id, fields }, displayValue } } }.
 */
import { ServiceError } from './errors';
import type { SObject, Store } from './store';

export interface UiRecord {
    apiName: string;
    id: string;
    fields: Record<string, { value: unknown; displayValue: string | null }>;
}

function represent(store: Store, objectName: string, rec: SObject, paths: string[][]): UiRecord {
    const fields: UiRecord['fields'] = {};
    const byHead = new Map<string, string[][]>();
    for (const p of paths) byHead.set(p[0], [...(byHead.get(p[0]) ?? []), p.slice(1)]);
    for (const [head, rests] of byHead) {
        const direct = rests.filter((r) => r.length === 0);
        const nested = rests.filter((r) => r.length > 0);
        if (nested.length) {
            const rel = store.schema.relationship(objectName, head);
            const id = rel ? rec[rel.name] : undefined;
            const parent = typeof id === 'string' ? store.byId(id) : undefined;
            const parentObj = parent ? store.schema.objectOfId(parent.Id) : undefined;
            fields[head] =
                parent && parentObj
                    ? {
                          value: represent(store, parentObj.name, parent, nested),
                          displayValue: parent.Name === undefined ? null : String(parent.Name)
                      }
                    : { value: null, displayValue: null };
        }
        if (direct.length) {
            const field = store.schema.field(objectName, head);
            if (!field) continue; // optionalFields that do not exist are left out, like UI API
            const v = rec[field.name];
            fields[field.name] = { value: v === undefined ? null : v, displayValue: null };
        }
    }
    return { apiName: objectName, id: rec.Id, fields };
}

/** The {recordId, fields, optionalFields} of a getRecord request body, checked; INVALID_REQUEST else. */
export function uiRecordRequest(body: unknown): { recordId: string; fields: string[] } {
    const bad = (what: string) =>
        new ServiceError(
            'INVALID_REQUEST',
            `getRecord: ${what}; send {"recordId": "...", "fields": ["Object.Field"]}.`
        );
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('the request body must be a JSON object');
    const { recordId, fields, optionalFields } = body as Record<string, unknown>;
    if (typeof recordId !== 'string' || !recordId) throw bad('recordId must be a record Id');
    const names = (list: unknown, key: string): string[] => {
        if (list === undefined || list === null) return [];
        if (!Array.isArray(list) || list.some((f) => typeof f !== 'string'))
            throw bad(`${key} must be a list of field names`);
        return list as string[];
    };
    return { recordId, fields: [...names(fields, 'fields'), ...names(optionalFields, 'optionalFields')] };
}

export function getUiRecord(store: Store, recordId: string, fieldNames: string[]): UiRecord {
    const obj = store.schema.objectOfId(recordId);
    const rec = obj ? store.get(obj.name, recordId) : undefined;
    if (!obj || !rec) throw new ServiceError('NOT_FOUND', `The requested resource does not exist: ${recordId}`);
    const paths = fieldNames
        .map((f) => f.split('.'))
        .filter((p) => p.length > 1 && p[0].toLowerCase() === obj.name.toLowerCase())
        .map((p) => p.slice(1));
    return represent(store, obj.name, rec, paths);
}
