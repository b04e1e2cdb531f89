// lightning/uiObjectInfoApi: getPicklistValuesByRecordType reads the preview schema through the server (unless
// __SFDC_MOCKS__.wire.getPicklistValuesByRecordType is set), in the UI API's shape; the other adapters are fed by
// __SFDC_MOCKS__.wire. Answers are cached per object and record type, as LDS caches them.
import { record, mocks, createMockWireAdapter } from '../registry';

interface PicklistConfig {
    objectApiName?: string | { objectApiName: string };
    recordTypeId?: string;
}
type WireCallback = (v: { data: unknown; error: unknown }) => void;

const cache = new Map<string, Promise<unknown>>();

function load(objectApiName: string, recordTypeId: string): Promise<unknown> {
    const key = `${objectApiName}/${recordTypeId}`;
    let pending = cache.get(key);
    if (!pending) {
        record('getPicklistValuesByRecordType', { objectApiName, recordTypeId });
        pending = fetch('/api/ui/getPicklistValuesByRecordType', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ objectApiName, recordTypeId })
        }).then(async (res) => {
            const body = await res.json();
            // UI API errors reach a wire as {status, body: [{errorCode, message}]}
            if (!res.ok) throw { status: res.status, body: Array.isArray(body) ? body : [body] };
            return body;
        });
        // a failed answer is not cached: the next wire update asks again
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
    }
    return pending;
}

/** getPicklistValuesByRecordType: every picklist of the object with the record type's values and validFor. */
export class getPicklistValuesByRecordType {
    private seq = 0;
    constructor(private readonly cb: WireCallback) {}
    connect(): void {}
    disconnect(): void {
        this.seq++;
    }
    update(config: PicklistConfig): void {
        const seq = ++this.seq;
        const deliver = (p: Promise<unknown>) =>
            p.then(
                (data) => seq === this.seq && this.cb({ data, error: undefined }),
                (error) => seq === this.seq && this.cb({ data: undefined, error })
            );
        if ('getPicklistValuesByRecordType' in mocks.wire) {
            const m = mocks.wire.getPicklistValuesByRecordType;
            deliver(Promise.resolve(typeof m === 'function' ? (m as (c: unknown) => unknown)(config) : m));
            return;
        }
        const objectApiName =
            typeof config?.objectApiName === 'string' ? config.objectApiName : config?.objectApiName?.objectApiName;
        // like LDS, nothing is requested until both parameters are known
        if (!objectApiName || !config.recordTypeId) return;
        deliver(load(objectApiName, config.recordTypeId));
    }
}

export const getObjectInfo = createMockWireAdapter('getObjectInfo');
export const getObjectInfos = createMockWireAdapter('getObjectInfos');
export const getPicklistValues = createMockWireAdapter('getPicklistValues');
