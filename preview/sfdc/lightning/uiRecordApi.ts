// lightning/uiRecordApi: getRecord reads the preview store through the server (unless __SFDC_MOCKS__.wire.getRecord
// is set); the other adapters are fed by __SFDC_MOCKS__.wire; record operations are logged.
import { record, mocks, createMockWireAdapter } from '../registry';

interface GetRecordConfig {
    recordId?: string;
    fields?: (string | { objectApiName: string; fieldApiName: string })[];
    optionalFields?: (string | { objectApiName: string; fieldApiName: string })[];
}
type WireCallback = (v: { data: unknown; error: unknown }) => void;

const fieldList = (list: GetRecordConfig['fields']) =>
    (list ?? []).map((f) => (typeof f === 'string' ? f : `${f.objectApiName}.${f.fieldApiName}`));

/** getRecord: UI API record representation of a record of the preview store. */
export class getRecord {
    private seq = 0;
    private config?: GetRecordConfig;
    constructor(private readonly cb: WireCallback) {}
    connect(): void {}
    disconnect(): void {
        this.seq++;
    }
    update(config: GetRecordConfig): void {
        this.config = config;
        const seq = ++this.seq;
        if ('getRecord' in mocks.wire) {
            const m = mocks.wire.getRecord;
            Promise.resolve(typeof m === 'function' ? (m as (c: unknown) => unknown)(config) : m).then(
                (data) => seq === this.seq && this.cb({ data, error: undefined }),
                (error) => seq === this.seq && this.cb({ data: undefined, error })
            );
            return;
        }
        if (!config || !config.recordId) return;
        record('getRecord', config);
        fetch('/api/ui/getRecord', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
                recordId: config.recordId,
                fields: fieldList(config.fields),
                optionalFields: fieldList(config.optionalFields)
            })
        })
            .then(async (res) => {
                const body = await res.json();
                if (!res.ok) throw { status: res.status, body: Array.isArray(body) ? body : [body] };
                return body;
            })
            .then(
                (data) => seq === this.seq && this.cb({ data, error: undefined }),
                (error) => seq === this.seq && this.cb({ data: undefined, error })
            );
    }
}
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
