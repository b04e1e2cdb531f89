// lightning/uiRecordApi: wire adapters fed by __SFDC_MOCKS__.wire; the record operations are logged.
import { record, mocks, createMockWireAdapter } from '../registry';

export const getRecord = createMockWireAdapter('getRecord');
export const getRecords = createMockWireAdapter('getRecords');
export const getRecordUi = createMockWireAdapter('getRecordUi');
export const getRecordCreateDefaults = createMockWireAdapter('getRecordCreateDefaults');

interface UiRecord {
    fields?: Record<string, { value: unknown; displayValue?: unknown }>;
}
const fieldName = (f: string | { fieldApiName: string }) =>
    typeof f === 'string' ? f.split('.').slice(1).join('.') : f.fieldApiName;

function field(rec: UiRecord | undefined, f: string | { fieldApiName: string }) {
    let node: UiRecord | undefined = rec;
    let last: { value: unknown; displayValue?: unknown } | undefined;
    for (const k of fieldName(f).split('.')) {
        last = node?.fields?.[k];
        node = last?.value as UiRecord | undefined;
    }
    return last;
}
export function getFieldValue(rec: UiRecord, f: string | { fieldApiName: string }): unknown {
    return field(rec, f)?.value;
}
export function getFieldDisplayValue(rec: UiRecord, f: string | { fieldApiName: string }): unknown {
    return field(rec, f)?.displayValue;
}
function op(name: string) {
    return (arg: unknown) => {
        record('uiRecordApi', { op: name, arg });
        const m = mocks.apex['uiRecordApi.' + name];
        return Promise.resolve(typeof m === 'function' ? (m as (a: unknown) => unknown)(arg) : m);
    };
}
export const createRecord = op('createRecord');
export const updateRecord = op('updateRecord');
export const deleteRecord = op('deleteRecord');
export function notifyRecordUpdateAvailable(items: unknown): Promise<void> {
    record('uiRecordApi', { op: 'notifyRecordUpdateAvailable', items });
    return Promise.resolve();
}
export function getRecordNotifyChange(items: unknown): void {
    record('uiRecordApi', { op: 'getRecordNotifyChange', items });
}
