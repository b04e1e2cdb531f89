import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, contactDefinition, makeProject, type Fixture } from './helpers';
import { portFromArgs, startServer, type PreviewServer } from '../server';

let fixture: Fixture;
let server: PreviewServer;
let bundleDir: string;

before(async () => {
    fixture = makeProject({ definitions: { Board: contactDefinition('Board') } });
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bundle-'));
    fs.writeFileSync(path.join(bundleDir, 'app.js'), 'console.log("bundle")');
    server = await startServer({ port: 0, root: fixture.root, bundleDir, quiet: true });
});
after(async () => {
    await server.close();
    cleanup(fixture);
    fs.rmSync(bundleDir, { recursive: true, force: true });
});

async function apex(
    method: string,
    params: unknown,
    headers: Record<string, string> = {}
): Promise<{ status: number; body: { result?: unknown; message?: string; exceptionType?: string } }> {
    const res = await fetch(`${server.url}api/apex/DynamicComponentController.${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(params)
    });
    return { status: res.status, body: await res.json() };
}

test('listens on 127.0.0.1 and serves the page, the bundle and SLDS', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(server.url)).text();
    assert.match(page, /Local preview — sample data, no Salesforce org/);
    assert.equal(await (await fetch(`${server.url}bundle/app.js`)).text(), 'console.log("bundle")');
    assert.equal((await fetch(`${server.url}slds/styles/salesforce-lightning-design-system.min.css`)).status, 200);
    assert.equal((await fetch(`${server.url}bundle/../../package.json`)).status, 404);
});

test('Apex calls return {result}; service errors come back as an AuraHandledException with the JSON message', async () => {
    const ok = await apex('runQuery', {
        definitionName: 'Board',
        queryName: 'contacts',
        requestJson: '{"pageSize":2}'
    });
    assert.equal(ok.status, 200);
    assert.equal((ok.body.result as { records: unknown[] }).records.length, 2);
    const bad = await apex('runQuery', { definitionName: 'Nope', queryName: 'contacts', requestJson: '{}' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.exceptionType, 'System.AuraHandledException');
    const parsed = JSON.parse(bad.body.message!);
    assert.equal(parsed.code, 'UNKNOWN_DEFINITION');
    assert.deepEqual(parsed.details, ['Board']);
    const unknownMethod = await apex('deleteEverything', {});
    assert.equal(JSON.parse(unknownMethod.body.message!).code, 'NOT_ALLOWED');
});

test('getDefinition answers canCustomize from the session: an admin by default, an end user with x-preview-as: user', async () => {
    const admin = await apex('getDefinition', { definitionName: 'Board' });
    assert.equal(admin.status, 200);
    const result = admin.body.result as { canCustomize: boolean; problems: unknown[] };
    assert.equal(result.canCustomize, true);
    assert.deepEqual(result.problems, []);
    const user = await apex('getDefinition', { definitionName: 'Board' }, { 'x-preview-as': 'user' });
    assert.equal((user.body.result as { canCustomize: boolean }).canCustomize, false);
    const bad = await apex('getDefinition', { definitionName: 'Board' }, { 'x-preview-as': 'root' });
    assert.equal(bad.status, 400);
});

test('definitions, sample records, getRecord (UI API shape) and reset', async () => {
    const defs = (await (await fetch(`${server.url}api/definitions`)).json()) as {
        apiName: string;
        problems: number;
    }[];
    assert.deepEqual(
        defs.map((d) => [d.apiName, d.problems]),
        [['Board', 0]]
    );
    const contact = fixture.backend.store.all('Contact')[0];
    const res = await fetch(`${server.url}api/ui/getRecord`, {
        method: 'POST',
        body: JSON.stringify({
            recordId: contact.Id,
            optionalFields: ['Contact.Name', 'Contact.Account.Name', 'Contact.Nope__c']
        })
    });
    const rec = (await res.json()) as { apiName: string; id: string; fields: Record<string, { value: unknown }> };
    assert.equal(rec.apiName, 'Contact');
    assert.equal(rec.id, contact.Id);
    assert.equal(rec.fields.Name.value, contact.Name);
    assert.match(
        String((rec.fields.Account.value as { fields: Record<string, { value: unknown }> }).fields.Name.value),
        /^Account [ABC]$/
    );
    assert.equal('Nope__c' in rec.fields, false);
    assert.equal(
        (await fetch(`${server.url}api/ui/getRecord`, { method: 'POST', body: '{"recordId":"003999999999999AAA"}' }))
            .status,
        404
    );
    // a change, then reset brings the sample data back
    await apex('runQuery', { definitionName: 'Board', queryName: 'contacts', requestJson: '{}' });
    server.backend.store.update('Contact', contact.Id, { LastName: 'Changed' });
    assert.equal(server.backend.store.get('Contact', contact.Id)?.LastName, 'Changed');
    await fetch(`${server.url}api/reset`, { method: 'POST' });
    assert.notEqual(server.backend.store.get('Contact', contact.Id)?.LastName, 'Changed');
});

test('port from --port, --port=, PORT, default 3344; a bad port is refused', () => {
    assert.equal(portFromArgs(['--port', '4000'], {}), 4000);
    assert.equal(portFromArgs(['--port=4001'], {}), 4001);
    assert.equal(portFromArgs([], { PORT: '4002' }), 4002);
    assert.equal(portFromArgs([], {}), 3344);
    assert.throws(() => portFromArgs(['--port', 'abc'], {}), /Invalid port 'abc'/);
});
