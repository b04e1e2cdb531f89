/*
 * Reading the schema catalog: fields by API name, relationship paths (Account.Owner.Name), picklist values.
 */
import { closest, didYouMean } from './suggest';
import { isObject } from './checker';
import type { FieldDescribe, ObjectDescribe, SchemaCatalog } from './definitionTypes';

function fieldsOf(obj: ObjectDescribe): Map<string, FieldDescribe> {
    return obj.fields instanceof Map ? obj.fields : new Map(Object.entries(obj.fields));
}

const lowerIndexCache = new WeakMap<object, Map<string, FieldDescribe>>();

/** Finds a field by API name, case-insensitively. */
export function findField(obj: ObjectDescribe, name: string): FieldDescribe | undefined {
    let index = lowerIndexCache.get(obj.fields);
    if (!index) {
        index = new Map();
        for (const [k, f] of fieldsOf(obj)) index.set(k.toLowerCase(), f);
        lowerIndexCache.set(obj.fields, index);
    }
    return index.get(name.toLowerCase());
}

/** Finds a lookup field by its relationship name (Account → AccountId), case-insensitively. */
function findRelationship(obj: ObjectDescribe, relationship: string): FieldDescribe | undefined {
    const lower = relationship.toLowerCase();
    for (const f of fieldsOf(obj).values()) if (f.relationshipName?.toLowerCase() === lower) return f;
    return undefined;
}

export type FieldPathResult =
    { ok: true; field?: FieldDescribe; object?: ObjectDescribe } | { ok: false; message: string };

/**
 * Resolves a field path (Name, Account.Name, Owner.Profile.Name) from an object. Segments through objects the
 * catalog does not know are accepted unchecked; polymorphic lookups resolve through the `Name` object.
 */
export function resolveFieldPath(catalog: SchemaCatalog, objectName: string, path: string): FieldPathResult {
    const segments = path.split('.');
    let obj = catalog.describeObject(objectName);
    if (!obj) return { ok: false, message: `object '${objectName}' is not in the schema` };
    for (let s = 0; s < segments.length; s++) {
        const seg = segments[s];
        const last = s === segments.length - 1;
        if (last) {
            const field = findField(obj, seg);
            if (!field) {
                const rel = findRelationship(obj, seg);
                if (rel) {
                    return {
                        ok: false,
                        message: `'${seg}' on ${obj.name} is a relationship, not a field: name a field of it, e.g. '${[...segments.slice(0, s), seg, 'Name'].join('.')}', or use '${rel.name}' for the Id`
                    };
                }
                const names = [...fieldsOf(obj).keys()];
                return {
                    ok: false,
                    message: `${obj.name} has no field '${seg}'.${didYouMean(seg, names)} Check the API name (custom fields end in __c)`
                };
            }
            return { ok: true, field, object: obj };
        }
        const rel = findRelationship(obj, seg);
        if (!rel) {
            const relNames = [...fieldsOf(obj).values()].map((f) => f.relationshipName).filter((r): r is string => !!r);
            const asField = findField(obj, seg);
            const hint = asField?.relationshipName
                ? ` Use the relationship name '${asField.relationshipName}' in paths, not the field '${asField.name}'.`
                : asField
                  ? ` '${asField.name}' is a field, not a lookup, so it has no fields of its own.`
                  : seg.endsWith('__c')
                    ? ` For a custom lookup write the relationship name with __r (${seg.slice(0, -3)}__r).`
                    : didYouMean(seg, relNames);
            return { ok: false, message: `${obj.name} has no relationship '${seg}'.${hint}` };
        }
        const targets = rel.referenceTo ?? [];
        const next = targets.length === 1 ? targets[0] : 'Name';
        const target = catalog.describeObject(next);
        if (!target) return { ok: true };
        obj = target;
    }
    return { ok: true };
}

/**
 * The picklist values of a field. Describes give `{ value, label, active }` entries; plain strings (the preview
 * schema's own shape) are read as active values without a label.
 */
export function picklistValuesOf(field: FieldDescribe): { value: string; label?: string; active?: boolean }[] {
    const raw: unknown[] = Array.isArray(field.picklistValues) ? field.picklistValues : [];
    const out: { value: string; label?: string; active?: boolean }[] = [];
    for (const entry of raw) {
        if (typeof entry === 'string') out.push({ value: entry });
        else if (isObject(entry) && typeof entry.value === 'string') out.push(entry as { value: string });
    }
    return out;
}

/**
 * How to point an admin at the right field when `field` is not among a query's `rowFields`: only names that really
 * exist on the object are suggested, so a typo in the query's fields is never offered as the fix for a correct
 * column. `exists` is true when `field` itself is a field of the object (then the fix is adding it to the query),
 * undefined when the catalog cannot tell. `typoInQuery` is a row field that does not exist and is close to `field`.
 */
export function rowFieldHint(
    catalog: SchemaCatalog | undefined,
    objectName: string | undefined,
    field: string,
    rowFields: readonly string[]
): { exists?: boolean; candidates: string[]; suggestion?: string; typoInQuery?: string } {
    const known = catalog && objectName && catalog.describeObject(objectName) ? catalog : undefined;
    const isField = (f: string): boolean | undefined => {
        if (!known) return undefined;
        return resolveFieldPath(known, objectName!, f).ok;
    };
    const candidates = rowFields.filter((f) => isField(f) !== false);
    const exists = isField(field);
    if (exists) {
        const missing = rowFields.filter((f) => isField(f) === false);
        return { exists, candidates, typoInQuery: closest(field, missing) };
    }
    return { exists, candidates, suggestion: closest(field, candidates) };
}
