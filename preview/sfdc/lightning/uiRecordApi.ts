// lightning/uiRecordApi: getRecord reads the preview store through the server (unless __SFDC_MOCKS__.wire.getRecord
// is set); the other adapters are fed by __SFDC_MOCKS__.wire; record operations are logged.
// notifyRecordUpdateAvailable re-reads the getRecord wires of the notified records (as LDS does) and appends the ids
// to window.__SFDC_NOTIFIED_RECORD_IDS__, so an e2e test can assert which records a save reported.
import { record, mocks, createMockWireAdapter } from '../registry';

interface GetRecordConfig {
    recordId?: string;
    fields?: (string | { objectApiName: string; fieldApiName: string })[];
    optionalFields?: (string | { objectApiName: string; fieldApiName: string })[];
}
type WireCallback = (v: { data: unknown; error: unknown }) => void;

const fieldList = (list: GetRecordConfig['fields']) =>
    (list ?? []).map((f) => (typeof f === 'string' ? f : `${f.objectApiName}.${f.fieldApiName}`));

/** The connected getRecord wires (notifyRecordUpdateAvailable refreshes those of the notified records). */
const liveRecords = new Set<getRecord>();

/** getRecord: UI API record representation of a record of the preview store. */
export class getRecord {
    private seq = 0;
    config?: GetRecordConfig;
    constructor(private readonly cb: WireCallback) {}
    connect(): void {
        liveRecords.add(this);
    }
    disconnect(): void {
        this.seq++;
        liveRecords.delete(this);
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
const notified: string[] = ((globalThis as { __SFDC_NOTIFIED_RECORD_IDS__?: string[] }).__SFDC_NOTIFIED_RECORD_IDS__ ??=
    []);

/** notifyRecordUpdateAvailable([{recordId}]): rejects like LDS when the argument is not a list of {recordId}. */
export function notifyRecordUpdateAvailable(items: unknown): Promise<void> {
    record('uiRecordApi', { op: 'notifyRecordUpdateAvailable', items });
    if (!Array.isArray(items) || items.some((i) => typeof (i as { recordId?: unknown })?.recordId !== 'string')) {
        return Promise.reject(
            new Error('notifyRecordUpdateAvailable expects a list of {recordId} objects, e.g. [{ recordId: "003…" }].')
        );
    }
    const ids = (items as { recordId: string }[]).map((i) => i.recordId);
    notified.push(...ids);
    const changed = new Set(ids);
    for (const wire of liveRecords) {
        if (wire.config?.recordId && changed.has(wire.config.recordId)) wire.update(wire.config);
    }
    return Promise.resolve();
}
export function getRecordNotifyChange(items: unknown): void {
    record('uiRecordApi', { op: 'getRecordNotifyChange', items });
}
