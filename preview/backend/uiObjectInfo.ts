/*
 * lightning/uiObjectInfoApi getPicklistValuesByRecordType over the preview schema, in the UI API's shape
 * (GET /ui-api/object-info/{object}/picklist-values/{recordTypeId}): every picklist and multi-select picklist of the
 * object with the values the record type offers (its record type XML's picklistValues; all active values for the
 * master record type or a picklist the record type does not list), their labels, the record type's default, and for
 * a dependent picklist the controlling field's values as `controllerValues` {value: index} with each value's
 * `validFor` as indexes into them (from the field XML's valueSettings).
 */
import { ServiceError } from './errors';
import { MASTER_RECORD_TYPE_ID, type PreviewField, type PreviewObject, type PreviewSchema } from './schema';

export interface UiPicklistValue {
    attributes: null;
    label: string;
    validFor: number[];
    value: string;
}
export interface UiPicklistFieldValues {
    controllerValues: Record<string, number>;
    defaultValue: UiPicklistValue | null;
    url: string;
    values: UiPicklistValue[];
}
export interface UiPicklistValuesByRecordType {
    picklistFieldValues: Record<string, UiPicklistFieldValues>;
}

const API_VERSION = 'v65.0';

/** The {objectApiName, recordTypeId} of a request body, checked; INVALID_REQUEST else. */
export function picklistRequest(body: unknown): { objectApiName: string; recordTypeId: string } {
    const bad = (what: string) =>
        new ServiceError(
            'INVALID_REQUEST',
            `getPicklistValuesByRecordType: ${what}; send {"objectApiName": "Contact", "recordTypeId": "012..."}.`
        );
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('the request body must be a JSON object');
    const { objectApiName, recordTypeId } = body as Record<string, unknown>;
    if (typeof objectApiName !== 'string' || !objectApiName) throw bad('objectApiName must be an object API name');
    if (typeof recordTypeId !== 'string' || !/^012[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(recordTypeId))
        throw bad(`recordTypeId must be a record type Id (012…), not ${JSON.stringify(recordTypeId ?? null)}`);
    return { objectApiName, recordTypeId };
}

/** The values a record type offers for one picklist field (in the field's order), and its default. */
function offered(
    obj: PreviewObject,
    field: PreviewField,
    recordTypeId: string
): { values: string[]; defaultValue: string | null } {
    const active = (field.picklistEntries ?? []).filter((e) => e.active).map((e) => e.value);
    const scoped = obj.recordTypes?.find((rt) => rt.id === recordTypeId)?.picklists.get(field.name);
    if (!scoped) {
        const def = typeof field.defaultValue === 'string' ? field.defaultValue : null;
        return { values: active, defaultValue: def };
    }
    return { values: active.filter((v) => scoped.values.includes(v)), defaultValue: scoped.defaultValue };
}

export function getPicklistValuesByRecordType(
    schema: PreviewSchema,
    objectApiName: string,
    recordTypeId: string
): UiPicklistValuesByRecordType {
    const obj = schema.object(objectApiName);
    if (!obj) throw new ServiceError('NOT_FOUND', `The requested resource does not exist: object ${objectApiName}`);
    const same = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);
    if (!same(recordTypeId, MASTER_RECORD_TYPE_ID) && !obj.recordTypes?.some((rt) => same(rt.id, recordTypeId))) {
        throw new ServiceError(
            'NOT_FOUND',
            `The requested resource does not exist: record type ${recordTypeId} is not a record type of ${obj.name}.`
        );
    }
    const id = same(recordTypeId, MASTER_RECORD_TYPE_ID)
        ? MASTER_RECORD_TYPE_ID
        : (obj.recordTypes?.find((rt) => same(rt.id, recordTypeId))?.id as string);
    const out: Record<string, UiPicklistFieldValues> = {};
    for (const field of obj.fields.values()) {
        if (field.type !== 'PICKLIST' && field.type !== 'MULTIPICKLIST') continue;
        const labels = new Map((field.picklistEntries ?? []).map((e) => [e.value, e.label]));
        const { values, defaultValue } = offered(obj, field, id);
        const controller = field.controllerName ? obj.fields.get(field.controllerName) : undefined;
        const controllerValues: Record<string, number> = {};
        if (controller?.type === 'BOOLEAN') {
            controllerValues.false = 0;
            controllerValues.true = 1;
        } else if (controller) {
            offered(obj, controller, id).values.forEach((v, i) => (controllerValues[v] = i));
        }
        const entry = (value: string): UiPicklistValue => ({
            attributes: null,
            label: labels.get(value) ?? value,
            validFor: controller
                ? (field.validFor?.get(value) ?? [])
                      .map((c) => controllerValues[c])
                      .filter((i): i is number => i !== undefined)
                      .sort((a, b) => a - b)
                : [],
            value
        });
        out[field.name] = {
            controllerValues,
            defaultValue: defaultValue !== null && values.includes(defaultValue) ? entry(defaultValue) : null,
            url: `/services/data/${API_VERSION}/ui-api/object-info/${obj.name}/picklist-values/${id}/${field.name}`,
            values: values.map(entry)
        };
    }
    return { picklistFieldValues: out };
}
