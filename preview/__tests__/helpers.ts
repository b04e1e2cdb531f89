/* Test helpers: a small SFDX project in a temp dir (data plan, definitions, flows) for the preview backend. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBackend, type Backend } from '../backend';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Fixture {
    root: string;
    backend: Backend;
}

/** Accounts A-1..A-n and contacts (some with null Status__c / Email) in `sf data tree` format. */
export function sampleData(accounts = 3, contacts = 30): Record<string, unknown> {
    const statuses = ['New', 'Active', 'Inactive', null];
    return {
        'data-plan.json': [
            { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Accounts.json'] },
            { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['Contacts.json'] }
        ],
        'Accounts.json': {
            records: Array.from({ length: accounts }, (_, i) => ({
                attributes: { type: 'Account', referenceId: `AccountRef${i + 1}` },
                Name: `Account ${String.fromCharCode(65 + i)}`,
                Industry: 'Media'
            }))
        },
        'Contacts.json': {
            records: Array.from({ length: contacts }, (_, i) => {
                const r: Record<string, unknown> = {
                    attributes: { type: 'Contact', referenceId: `ContactRef${i + 1}` },
                    FirstName: ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara'][i % 5],
                    LastName: `Person${String(i + 1).padStart(3, '0')}`,
                    AccountId: `@AccountRef${(i % accounts) + 1}`
                };
                if (i % 7 !== 3) r.Email = `p${i + 1}@example.com`;
                const st = statuses[i % 4];
                if (st) r.Status__c = st;
                return r;
            })
        }
    };
}

export function makeProject(
    options: {
        data?: Record<string, unknown>;
        definitions?: Record<string, unknown>;
        flows?: Record<string, string>;
        repoFlows?: string[];
    } = {}
): Fixture {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-preview-'));
    const src = path.join(root, 'force-app', 'main', 'default');
    fs.mkdirSync(path.join(src, 'flows'), { recursive: true });
    // the project's objects (Status__c) are part of the schema
    fs.cpSync(path.join(REPO, 'force-app', 'main', 'default', 'objects'), path.join(src, 'objects'), {
        recursive: true
    });
    for (const name of options.repoFlows ?? []) {
        fs.copyFileSync(
            path.join(REPO, 'force-app', 'main', 'default', 'flows', `${name}.flow-meta.xml`),
            path.join(src, 'flows', `${name}.flow-meta.xml`)
        );
    }
    for (const [name, xml] of Object.entries(options.flows ?? {}))
        fs.writeFileSync(path.join(src, 'flows', `${name}.flow-meta.xml`), xml);
    fs.mkdirSync(path.join(root, 'data'));
    for (const [file, content] of Object.entries(options.data ?? sampleData())) {
        fs.writeFileSync(path.join(root, 'data', file), JSON.stringify(content, null, 2));
    }
    fs.mkdirSync(path.join(root, 'definitions'));
    for (const [name, def] of Object.entries(options.definitions ?? {})) {
        fs.writeFileSync(
            path.join(root, 'definitions', `${name}.json`),
            typeof def === 'string' ? def : JSON.stringify(def, null, 2)
        );
    }
    return { root, backend: createBackend({ root }) };
}

export function cleanup(f: Fixture): void {
    fs.rmSync(f.root, { recursive: true, force: true });
}

/** A minimal valid definition with one Contact query. */
export function contactDefinition(
    apiName: string,
    query: Record<string, unknown> = {},
    extra: Record<string, unknown> = {}
): Record<string, unknown> {
    return {
        schemaVersion: 1,
        apiName,
        label: apiName,
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email', 'Status__c', 'Account.Name'],
                orderBy: [{ field: 'Name', direction: 'asc' }],
                searchFields: ['Name', 'Email'],
                pageSize: 50,
                ...query
            }
        ],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                keyField: 'Id',
                maxRowSelection: 500,
                columns: [{ field: 'Name' }, { field: 'Email' }, { field: 'Status__c' }]
            }
        ],
        ...extra
    };
}

/** Wraps flow elements in a minimal autolaunched flow. */
export function flowXml(body: string, options: { processType?: string; status?: string; start?: string } = {}): string {
    return `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <label>Test</label>
    <processType>${options.processType ?? 'AutoLaunchedFlow'}</processType>
    <start><connector><targetReference>${options.start ?? 'First'}</targetReference></connector></start>
    <status>${options.status ?? 'Active'}</status>
${body}
</Flow>`;
}
