/*
 * The browser stand-ins of lightning/uiRecordApi (notifyRecordUpdateAvailable) and lightning/uiObjectInfoApi
 * (getPicklistValuesByRecordType), run in Node with fetch answered by the preview backend's own functions.
 */
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO } from './helpers';
import { loadSchema, MASTER_RECORD_TYPE_ID } from '../backend/schema';
import { getPicklistValuesByRecordType as serve, picklistRequest } from '../backend/uiObjectInfo';
import { ServiceError } from '../backend/errors';

type Global = typeof globalThis & {
    __SFDC_NOTIFIED_RECORD_IDS__?: string[];
    __SFDC_CALLS__?: { kind: string; payload: unknown }[];
};
const g = globalThis as Global;
const schema = loadSchema(path.join(REPO, 'force-app', 'main', 'default'));
const requests: { url: string; body: Record<string, unknown> }[] = [];

before(() => {
    // the page's window: events go nowhere; fetch reaches the backend functions the server calls
    (g as unknown as { dispatchEvent: () => boolean }).dispatchEvent = () => true;
    g.fetch = (async (url: string, init: { body: string }) => {
        const body = JSON.parse(init.body) as Record<string, unknown>;
        requests.push({ url, body });
        const reply = (status: number, data: unknown) =>
            ({ ok: status === 200, status, json: async () => data }) as unknown as Response;
        if (url === '/api/ui/getRecord') return reply(200, { id: body.recordId, fields: {}, n: requests.length });
        try {
            const { objectApiName, recordTypeId } = picklistRequest(body);
            return reply(200, serve(schema, objectApiName, recordTypeId));
        } catch (e) {
            const error = e as ServiceError;
            return reply(error.code === 'NOT_FOUND' ? 404 : 400, { errorCode: error.code, message: error.message });
        }
    }) as typeof fetch;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('notifyRecordUpdateAvailable records the ids on window and re-reads the getRecord wires of those records', async () => {
    const api = await import('../sfdc/lightning/uiRecordApi');
    const seen: { data: unknown }[] = [];
    const wire = new api.getRecord((v) => seen.push(v as { data: unknown }));
    wire.connect();
    wire.update({ recordId: '003000000000001AAA', fields: ['Contact.Name'] });
    await settle();
    assert.equal(seen.length, 1);
    await api.notifyRecordUpdateAvailable([{ recordId: '003000000000002AAA' }]);
    await settle();
    assert.equal(seen.length, 1, 'another record: no re-read');
    await api.notifyRecordUpdateAvailable([{ recordId: '003000000000001AAA' }, { recordId: '003000000000003AAA' }]);
    await settle();
    assert.equal(seen.length, 2, 'the notified record is read again');
    assert.deepEqual(g.__SFDC_NOTIFIED_RECORD_IDS__, [
        '003000000000002AAA',
        '003000000000001AAA',
        '003000000000003AAA'
    ]);
    assert.ok(g.__SFDC_CALLS__?.some((c) => c.kind === 'uiRecordApi'));
    await assert.rejects(api.notifyRecordUpdateAvailable(['003000000000001AAA']), /list of \{recordId\} objects/);
    wire.disconnect();
    await api.notifyRecordUpdateAvailable([{ recordId: '003000000000001AAA' }]);
    await settle();
    assert.equal(seen.length, 2, 'a disconnected wire is not refreshed');
});

test('getPicklistValuesByRecordType: the UI API data per object and record type, cached; errors as {status, body: [...]}', async () => {
    const api = await import('../sfdc/lightning/uiObjectInfoApi');
    const partner = schema.object('Contact')!.recordTypes!.find((rt) => rt.developerName === 'Partner')!.id;
    const results: { data?: unknown; error?: unknown }[] = [];
    const wire = new api.getPicklistValuesByRecordType((v) => results.push(v));
    wire.connect();
    // nothing is asked until both parameters are known
    wire.update({ objectApiName: { objectApiName: 'Contact' } });
    await settle();
    assert.equal(results.length, 0);
    const before = requests.length;
    wire.update({ objectApiName: { objectApiName: 'Contact' }, recordTypeId: partner });
    await settle();
    const data = results[0].data as { picklistFieldValues: Record<string, { values: { value: string }[] }> };
    assert.ok(data.picklistFieldValues.Preferred_Channel__c.values.some((v) => v.value === 'Partner_Portal'));
    // a second wire for the same record type is served from the cache
    const other: { data?: unknown }[] = [];
    const second = new api.getPicklistValuesByRecordType((v) => other.push(v));
    second.update({ objectApiName: 'Contact', recordTypeId: partner });
    await settle();
    assert.deepEqual(other[0].data, data);
    assert.equal(requests.length - before, 1, 'one request for both wires');
    wire.update({ objectApiName: 'Account', recordTypeId: partner });
    await settle();
    const error = results[1].error as { status: number; body: { errorCode: string }[] };
    assert.equal(error.status, 404);
    assert.equal(error.body[0].errorCode, 'NOT_FOUND');
    wire.update({ objectApiName: 'Account', recordTypeId: MASTER_RECORD_TYPE_ID });
    await settle();
    assert.ok((results[2].data as { picklistFieldValues: Record<string, unknown> }).picklistFieldValues.Industry);
});
