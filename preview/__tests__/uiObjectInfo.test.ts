/*
 * getPicklistValuesByRecordType over the project's Contact metadata (record types Customer and Partner, the
 * dependent Status_Reason__c), its server endpoint, and the server routes of saveRecords / searchLookup / exportRows
 * with the session of the x-preview-as header.
 */
import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, contactDefinition, makeProject, REPO, type Fixture } from './helpers';
import { loadSchema, MASTER_RECORD_TYPE_ID } from '../backend/schema';
import { getPicklistValuesByRecordType } from '../backend/uiObjectInfo';
import { startServer, type PreviewServer } from '../server';

const schema = loadSchema(path.join(REPO, 'force-app', 'main', 'default'));
const contact = schema.object('Contact')!;
const rtId = (name: string) => contact.recordTypes!.find((rt) => rt.developerName === name)!.id;

test('the UI API shape: every picklist of the object, values with labels, validFor, attributes null, defaults', () => {
    const r = getPicklistValuesByRecordType(schema, 'Contact', rtId('Customer'));
    assert.deepEqual(Object.keys(r.picklistFieldValues).sort(), [
        'Interests__c',
        'Preferred_Channel__c',
        'Status_Reason__c',
        'Status__c'
    ]);
    const status = r.picklistFieldValues.Status__c;
    assert.deepEqual(status.controllerValues, {});
    assert.deepEqual(status.defaultValue, { attributes: null, label: 'New', validFor: [], value: 'New' });
    assert.deepEqual(
        status.values.map((v) => v.value),
        ['New', 'Active', 'Inactive']
    );
    assert.equal(
        status.url,
        `/services/data/v65.0/ui-api/object-info/Contact/picklist-values/${rtId('Customer')}/Status__c`
    );
    const channel = r.picklistFieldValues.Preferred_Channel__c;
    assert.deepEqual(channel.values, [
        { attributes: null, label: 'Email', validFor: [], value: 'Email' },
        { attributes: null, label: 'Phone', validFor: [], value: 'Phone' },
        { attributes: null, label: 'In Person', validFor: [], value: 'In_Person' }
    ]);
    assert.equal(channel.defaultValue?.value, 'Email');
});

test('dependent picklist: controllerValues index the controlling values, validFor lists the indexes', () => {
    const customer = getPicklistValuesByRecordType(schema, 'Contact', rtId('Customer')).picklistFieldValues
        .Status_Reason__c;
    assert.deepEqual(customer.controllerValues, { New: 0, Active: 1, Inactive: 2 });
    assert.deepEqual(
        customer.values.map((v) => [v.value, v.label, v.validFor]),
        [
            ['Referral', 'Referral', [0, 1]],
            ['Web_Signup', 'Web Signup', [0]],
            ['Onboarded', 'Onboarded', [1]],
            ['Renewed', 'Renewed', [1]],
            ['Churned', 'Churned', [2]],
            ['Moved', 'Moved', [2]]
        ]
    );
    assert.equal(customer.defaultValue, null);
});

test('record types differ: Partner offers Partner Portal and Contract Ended, not Web Signup or Churned; master has all', () => {
    const partner = getPicklistValuesByRecordType(schema, 'Contact', rtId('Partner')).picklistFieldValues;
    assert.deepEqual(
        partner.Preferred_Channel__c.values.map((v) => v.value),
        ['Email', 'Phone', 'In_Person', 'Partner_Portal']
    );
    assert.equal(partner.Preferred_Channel__c.defaultValue?.value, 'Partner_Portal');
    assert.deepEqual(
        partner.Status_Reason__c.values.map((v) => v.value),
        ['Referral', 'Onboarded', 'Renewed', 'Moved', 'Contract_Ended']
    );
    const master = getPicklistValuesByRecordType(schema, 'Contact', MASTER_RECORD_TYPE_ID).picklistFieldValues;
    assert.equal(master.Status_Reason__c.values.length, 7);
    assert.equal(master.Preferred_Channel__c.values.length, 4);
    // an object without record types answers for its master record type only
    assert.ok(getPicklistValuesByRecordType(schema, 'Account', MASTER_RECORD_TYPE_ID).picklistFieldValues.Industry);
    assert.throws(
        () => getPicklistValuesByRecordType(schema, 'Account', rtId('Partner')),
        /record type 012\w+ is not a record type of Account/
    );
    assert.throws(() => getPicklistValuesByRecordType(schema, 'Nope__c', MASTER_RECORD_TYPE_ID), /object Nope__c/);
});

// ------------------------------------------------------------------ the server routes

let fixture: Fixture;
let server: PreviewServer;
let bundleDir: string;

before(async () => {
    const def = contactDefinition('Board', { fields: ['Name', 'Email', 'Description', 'AccountId'] });
    (def.components as Record<string, unknown>[])[0].columns = [
        { field: 'Name' },
        { field: 'Email', editable: true },
        { field: 'Description', editable: true },
        { field: 'AccountId', editable: true }
    ];
    fixture = makeProject({ definitions: { Board: def } });
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bundle-'));
    fs.writeFileSync(path.join(bundleDir, 'app.js'), '');
    server = await startServer({ port: 0, root: fixture.root, bundleDir, quiet: true });
});
after(async () => {
    await server.close();
    cleanup(fixture);
    fs.rmSync(bundleDir, { recursive: true, force: true });
});

async function post(route: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('POST /api/ui/getPicklistValuesByRecordType answers the UI API shape; bad requests are 400, unknown ids 404', async () => {
    const ok = await post('api/ui/getPicklistValuesByRecordType', {
        objectApiName: 'Contact',
        recordTypeId: rtId('Partner')
    });
    assert.equal(ok.status, 200);
    const values = ok.body.picklistFieldValues as Record<string, { values: { value: string }[] }>;
    assert.ok(values.Status_Reason__c.values.some((v) => v.value === 'Contract_Ended'));
    const bad = await post('api/ui/getPicklistValuesByRecordType', { objectApiName: 'Contact', recordTypeId: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errorCode, 'INVALID_REQUEST');
    const missing = await post('api/ui/getPicklistValuesByRecordType', {
        objectApiName: 'Contact',
        recordTypeId: '012000000000099AAA'
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errorCode, 'NOT_FOUND');
});

test('the Apex stand-in routes saveRecords, searchLookup and exportRows, as the session of x-preview-as', async () => {
    const c = server.backend.store.all('Contact')[0];
    const request = JSON.stringify({
        drafts: [{ id: c.Id, values: { Description: 'Changed' }, lastModifiedDate: c.LastModifiedDate }]
    });
    const asUser = await post(
        'api/apex/DynamicComponentController.saveRecords',
        { definitionName: 'Board', tableName: 'contactsTable', requestJson: request },
        { 'x-preview-as': 'user' }
    );
    assert.equal(asUser.status, 200);
    const userResult = asUser.body.result as { failedCount: number; results: { errors: { code: string }[] }[] };
    assert.equal(userResult.failedCount, 1);
    assert.equal(userResult.results[0].errors[0].code, 'FIELD_NOT_EDITABLE');
    const asAdmin = await post('api/apex/DynamicComponentController.saveRecords', {
        definitionName: 'Board',
        tableName: 'contactsTable',
        requestJson: request
    });
    assert.equal((asAdmin.body.result as { savedCount: number }).savedCount, 1);
    const options = await post('api/apex/DynamicComponentController.searchLookup', {
        definitionName: 'Board',
        tableName: 'contactsTable',
        fieldPath: 'AccountId',
        searchTerm: 'account b'
    });
    assert.deepEqual(
        (options.body.result as { name: string }[]).map((o) => o.name),
        ['Account B']
    );
    const page = await post('api/apex/DynamicComponentController.exportRows', {
        definitionName: 'Board',
        tableName: 'contactsTable',
        requestJson: '{"pageSize": 5}'
    });
    assert.equal((page.body.result as { records: unknown[] }).records.length, 5);
    const refused = await post('api/apex/DynamicComponentController.saveRecords', {
        definitionName: 'Board',
        tableName: 'contactsTable',
        requestJson: JSON.stringify({ drafts: [{ id: c.Id, values: { Name: 'X' } }] })
    });
    assert.equal(refused.status, 400);
    assert.equal(JSON.parse(String(refused.body.message)).code, 'NOT_EDITABLE');
});

test('test endpoints: record-error makes every save of a record fail with that platform error; hide-from-user hides a record from the end user', async () => {
    const store = server.backend.store;
    const [first, second] = store.all('Contact');
    const account = store.all('Account')[1];
    const saveAs = (as: string, drafts: unknown[]) =>
        post(
            'api/apex/DynamicComponentController.saveRecords',
            { definitionName: 'Board', tableName: 'contactsTable', requestJson: JSON.stringify({ drafts }) },
            { 'x-preview-as': as }
        );
    const locked = await post('api/test/record-error', {
        recordId: first.Id,
        code: 'ENTITY_IS_LOCKED',
        message: 'This record is locked. If you need to edit it, contact your admin.'
    });
    assert.equal(locked.status, 200);
    const r = await saveAs('admin', [
        { id: first.Id, values: { Email: 'locked@example.com' }, lastModifiedDate: null },
        { id: second.Id, values: { Email: 'free@example.com' }, lastModifiedDate: null }
    ]);
    const result = r.body.result as { results: { success: boolean; errors: unknown[] }[]; savedCount: number };
    assert.equal(result.savedCount, 1);
    assert.deepEqual(result.results[0].errors, [
        {
            code: 'ENTITY_IS_LOCKED',
            message: 'This record is locked. If you need to edit it, contact your admin.',
            fields: []
        }
    ]);
    assert.equal(result.results[1].success, true);
    // the end user no longer sees the second contact nor the account
    for (const recordId of [second.Id, account.Id])
        assert.equal((await post('api/test/hide-from-user', { recordId })).status, 200);
    const hidden = await saveAs('user', [
        { id: second.Id, values: { Email: 'x@example.com' }, lastModifiedDate: null }
    ]);
    assert.equal(
        (hidden.body.result as { results: { errors: { code: string }[] }[] }).results[0].errors[0].code,
        'ROW_NOT_AVAILABLE'
    );
    const third = store.all('Contact')[2];
    const lookup = await saveAs('user', [{ id: third.Id, values: { AccountId: account.Id }, lastModifiedDate: null }]);
    assert.equal(
        (lookup.body.result as { results: { errors: { code: string }[] }[] }).results[0].errors[0].code,
        'INVALID_CROSS_REFERENCE_KEY'
    );
    const search = (as: string) =>
        post(
            'api/apex/DynamicComponentController.searchLookup',
            {
                definitionName: 'Board',
                tableName: 'contactsTable',
                fieldPath: 'AccountId',
                searchTerm: String(account.Name)
            },
            { 'x-preview-as': as }
        );
    assert.deepEqual((await search('user')).body.result, []);
    assert.equal(((await search('admin')).body.result as unknown[]).length, 1, 'the admin still sees it');
    // bad requests say what to send; /api/reset forgets both
    assert.equal((await post('api/test/record-error', { recordId: first.Id })).status, 400);
    assert.equal((await post('api/test/hide-from-user', { recordId: 'nope' })).status, 400);
    await post('api/reset', {});
    assert.equal(server.backend.store.recordErrors.size, 0);
    assert.equal(server.backend.controller.hiddenFromUser.size, 0);
});
