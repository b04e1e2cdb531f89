/*
 * Picklist editors: the values a row may take, from the UI API's getPicklistValuesByRecordType for the row's record
 * type (labels, per-record-type value sets) and `validFor` of dependent picklists against the controlling field's
 * current value, drafts included. Pure functions over the wire adapter's data shape (UiPicklistValuesByRecordType).
 */
import type { QueryFieldInfo, UiPicklistFieldValues, UiPicklistValuesByRecordType } from './apexContract';

type Row = Record<string, unknown>;

/** The master record type: what the UI API serves for an object without record types (or a row without one). */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface PicklistOption {
    value: string;
    label: string;
}

type UiValues = UiPicklistValuesByRecordType | null | undefined;

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

function fieldValues(uiApiValues: UiValues, fieldApiName: string): UiPicklistFieldValues | undefined {
    const all = uiApiValues?.picklistFieldValues;
    return all && Object.prototype.hasOwnProperty.call(all, fieldApiName) ? all[fieldApiName] : undefined;
}

/** The record type whose picklist values apply to a row: its RecordTypeId, else the master record type. */
export function recordTypeIdOf(row: Row | null | undefined): string {
    const id = row?.RecordTypeId;
    return typeof id === 'string' && id ? id : MASTER_RECORD_TYPE_ID;
}

/** Whether the UI API data has values for the field (else the editor falls back to QueryFieldInfo.picklistLabels). */
export function hasPicklistValues(uiApiValues: UiValues, fieldApiName: string): boolean {
    return fieldValues(uiApiValues, fieldApiName) !== undefined;
}

/** Whether the field depends on a controlling field (its controllerValues are not empty). */
export function isDependentPicklist(uiApiValues: UiValues, fieldApiName: string): boolean {
    const controllerValues = fieldValues(uiApiValues, fieldApiName)?.controllerValues;
    return !!controllerValues && Object.keys(controllerValues).length > 0;
}

/** The key of a controlling value in controllerValues: checkboxes control by 'true' / 'false'. */
function controllerKey(value: unknown): string | null {
    if (value === true) return 'true';
    if (value === false) return 'false';
    return isBlank(value) ? null : String(value);
}

/**
 * The options an editor offers for `fieldApiName` of one record type. A dependent picklist, given its controlling
 * field's current value (pass it whenever the field has a controllerName, even when null), offers only the values
 * whose validFor holds that value; with a blank controlling value it offers none, as Salesforce does. `undefined`
 * (not passed) offers every value. A field the data does not have gives [].
 */
export function picklistOptions(
    uiApiValues: UiValues,
    fieldApiName: string,
    controllerValue?: unknown
): PicklistOption[] {
    const field = fieldValues(uiApiValues, fieldApiName);
    if (!field) return [];
    const values = field.values ?? [];
    const controllerValues = field.controllerValues ?? {};
    if (controllerValue === undefined || Object.keys(controllerValues).length === 0) {
        return values.map((v) => ({ value: v.value, label: v.label }));
    }
    const key = controllerKey(controllerValue);
    const index = key === null ? undefined : controllerValues[key];
    if (index === undefined) return [];
    return values.filter((v) => (v.validFor ?? []).includes(index)).map((v) => ({ value: v.value, label: v.label }));
}

/** A multi-select value's parts: 'A;B' → ['A', 'B'] (blank → []). */
export function splitMultiSelect(value: unknown): string[] {
    if (isBlank(value)) return [];
    return String(value)
        .split(';')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** A multi-select value from its parts, once each, in the picklist's order when `options` are given: 'A;B'. */
export function joinMultiSelect(values: Iterable<string>, options?: readonly PicklistOption[]): string | null {
    const chosen = Array.from(new Set(Array.from(values).filter((v) => v !== '')));
    if (options) {
        const order = new Map(options.map((o, i) => [o.value, i]));
        chosen.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    }
    return chosen.length ? chosen.join(';') : null;
}

/** The values of `value` (every part of a multi-select) that are not options of the field for the record type. */
function invalidParts(
    uiApiValues: UiValues,
    fieldApiName: string,
    value: unknown,
    controllerValue?: unknown
): string[] {
    if (isBlank(value) || !hasPicklistValues(uiApiValues, fieldApiName)) return [];
    const allowed = new Set(picklistOptions(uiApiValues, fieldApiName, controllerValue).map((o) => o.value));
    return splitMultiSelect(value).filter((v) => !allowed.has(v));
}

/**
 * Whether `value` (a multi-select 'A;B' checks each part) is one of the field's values for the record type whose UI
 * API data is given, and valid for the controlling value when one is passed. Blank is valid (required is
 * parseEditValue's concern); a field the data does not cover is not judged here (the server still checks).
 */
export function isValidForRecordType(
    uiApiValues: UiValues,
    fieldApiName: string,
    value: unknown,
    controllerValue?: unknown
): boolean {
    return invalidParts(uiApiValues, fieldApiName, value, controllerValue).length === 0;
}

export interface PicklistProblemContext {
    /** The controlling field's label, for the message about a dependent value. */
    controllerLabel?: string;
    /** The controlling value as the user sees it (its label). */
    controllerText?: string;
}

/** Why `value` is not a valid choice for the row (message for the cell), or null. */
export function picklistValueProblem(
    uiApiValues: UiValues,
    fieldApiName: string,
    value: unknown,
    controllerValue?: unknown,
    context: PicklistProblemContext = {}
): string | null {
    const bad = invalidParts(uiApiValues, fieldApiName, value, controllerValue);
    if (!bad.length) return null;
    const list = bad.map((v) => `'${v}'`).join(', ');
    const subject = bad.length === 1 ? `${list} is not a valid value` : `${list} are not valid values`;
    if (controllerValue !== undefined && isDependentPicklist(uiApiValues, fieldApiName)) {
        const controller = context.controllerLabel ?? 'the controlling field';
        if (isBlank(controllerValue))
            return `${subject} while ${controller} is empty. Choose a value of ${controller} first.`;
        const shown = context.controllerText ?? controllerKey(controllerValue);
        const valid = isValidForRecordType(uiApiValues, fieldApiName, value);
        return valid
            ? `${subject} when ${controller} is '${shown}'. Choose one from the list.`
            : `${subject} for this record's record type. Choose one from the list.`;
    }
    return `${subject} for this record's record type. Choose one from the list.`;
}

/**
 * The dependent fields to clear when `field` takes `newValue` in `row` (the row as edited, drafts included): each
 * field whose controllerName (QueryFieldInfo) is `field` and whose current value is no longer valid for the new
 * controlling value, and so on down a chain of dependents (a cleared field clears its own invalid dependents).
 * Fields the UI API data does not cover are left alone. Returns the API names in the order to clear them.
 */
export function dependentsToReset(
    field: string,
    newValue: unknown,
    row: Row,
    uiApiValues: UiValues,
    fields: readonly QueryFieldInfo[]
): string[] {
    const dependents = new Map<string, string[]>();
    for (const f of fields) {
        if (!f.controllerName || f.path.indexOf('.') >= 0) continue;
        const list = dependents.get(f.controllerName) ?? [];
        list.push(f.path);
        dependents.set(f.controllerName, list);
    }
    const overlay = new Map<string, unknown>([[field, newValue]]);
    const valueOf = (name: string): unknown => (overlay.has(name) ? overlay.get(name) : row[name]);
    const reset: string[] = [];
    const queue = [field];
    while (queue.length) {
        const controller = queue.shift() as string;
        for (const dependent of dependents.get(controller) ?? []) {
            if (overlay.has(dependent) || !hasPicklistValues(uiApiValues, dependent)) continue;
            const current = valueOf(dependent);
            if (isBlank(current) || isValidForRecordType(uiApiValues, dependent, current, valueOf(controller)))
                continue;
            overlay.set(dependent, null);
            reset.push(dependent);
            queue.push(dependent);
        }
    }
    return reset;
}
