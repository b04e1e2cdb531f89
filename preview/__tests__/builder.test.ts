/* The preview's DynamicComponentBuilderController (preview/backend/builder.ts) and its server routes. */
import { test, after, before, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { cleanup, contactDefinition, makeProject, REPO, type Fixture } from './helpers';
import {
    ADMIN_SESSION,
    apiNameProblem,
    BuilderController,
    contentHash,
    createBuilder,
    END_USER_SESSION,
    sessionFromHeader
} from '../backend/builder';
import { ServiceError } from '../backend/errors';
import { startServer, type PreviewServer } from '../server';

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

const RECORD_TRIGGERED = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <label>Contact After Save</label>
    <processType>AutoLaunchedFlow</processType>
    <start>
        <object>Contact</object>
        <recordTriggerType>Update</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>
    </start>
    <status>Active</status>
</Flow>`;

const SCREEN_DRAFT = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <description>A draft screen flow.</description>
    <label>Screen Draft</label>
    <processType>Flow</processType>
    <status>Draft</status>
    <variables>
        <name>recordId</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
    </variables>
    <variables>
        <name>mode</name>
        <dataType>String</dataType>
        <isCollection>false</isCollection>
        <isInput>true</isInput>
        <isOutput>false</isOutput>
        <value><stringValue>view</stringValue></value>
    </variables>
    <variables>
        <name>contact</name>
        <dataType>SObject</dataType>
        <isCollection>false</isCollection>
        <isInput>false</isInput>
        <isOutput>true</isOutput>
        <objectType>Contact</objectType>
    </variables>
</Flow>`;

/** A definition with the board's interaction: Execute Flow Set_Contact_Status_Active on a header action. */
function boardDefinition(apiName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const doc = contactDefinition(apiName);
    const table = (doc.components as Record<string, unknown>[])[0];
    table.headerActions = [{ name: 'setActive', label: 'Set as Active', requiresSelection: true }];
    return {
        ...doc,
        interactions: [
            {
                id: 'setActive',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                do: [
                    {
                        type: 'executeFlow',
                        id: 'runFlow',
                        flowApiName: 'Set_Contact_Status_Active',
                        inputs: [
                            { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                        ],
                        onFinish: [{ type: 'refreshQueries' }, { type: 'showToast', title: 'Done' }]
                    }
                ]
            }
        ],
        ...extra
    };
}

let fixture: Fixture;
let builder: BuilderController;
const defsDir = () => path.join(fixture.root, 'definitions');
const defFile = (name: string) => path.join(defsDir(), `${name}.json`);

function newBuilder(options: { saveDelayMs?: number } = {}): BuilderController {
    return createBuilder(() => fixture.backend, { root: fixture.root, saveDelayMs: options.saveDelayMs ?? 5 });
}

/** Calls a builder method as the admin (or the given session); returns the result or the ServiceError. */
async function call(method: string, params: Record<string, unknown> = {}, session = ADMIN_SESSION): Promise<unknown> {
    return builder.call(method, params, session);
}

async function refusal(
    method: string,
    params: Record<string, unknown> = {},
    session = ADMIN_SESSION
): Promise<ServiceError> {
    try {
        await call(method, params, session);
    } catch (e) {
        assert.ok(e instanceof ServiceError, `a ServiceError, not ${String(e)}`);
        return e;
    }
    assert.fail(`${method} should have been refused`);
}

async function saveAndWait(params: Record<string, unknown>): Promise<{
    jobId: string;
    apiName: string;
    contentHash: string;
    status: string;
    final: { status: string; message?: string };
}> {
    const r = (await call('saveDefinition', params)) as {
        jobId: string;
        apiName: string;
        contentHash: string;
        status: string;
    };
    await builder.idle();
    const final = (await call('getSaveStatus', { jobId: r.jobId })) as { status: string; message?: string };
    return { ...r, final };
}

before(() => {
    fixture = makeProject({
        definitions: {
            Board: boardDefinition('Board', { label: 'Board of contacts', description: 'The board.' }),
            Another: contactDefinition('Another'),
            Broken: '{ "apiName": "Broken", '
        },
        repoFlows: ['Set_Contact_Status_Active'],
        flows: { Contact_After_Save: RECORD_TRIGGERED, Screen_Draft: SCREEN_DRAFT }
    });
    builder = newBuilder();
});
after(() => cleanup(fixture));

describe('sessions and permission', () => {
    test('x-preview-as: absent or admin → the admin, user → an end user, anything else is refused', () => {
        assert.deepEqual(sessionFromHeader(undefined), ADMIN_SESSION);
        assert.deepEqual(sessionFromHeader('admin'), ADMIN_SESSION);
        assert.deepEqual(sessionFromHeader('user'), { canCustomize: false, hasBuilderPermission: false });
        assert.throws(() => sessionFromHeader('root'), /x-preview-as header must be 'admin' or 'user', not 'root'/);
    });

    test('every method refuses a user without the builder permission: NOT_ALLOWED', async () => {
        const methods: [string, Record<string, unknown>][] = [
            ['listDefinitions', {}],
            ['getDefinitionForEdit', { definitionName: 'Board' }],
            ['listObjects', {}],
            ['describeObject', { objectApiName: 'Contact' }],
            ['listFlows', {}],
            ['describeFlow', { flowApiName: 'Set_Contact_Status_Active' }],
            ['previewQuery', { definitionJson: JSON.stringify(contactDefinition('X')), queryName: 'contacts' }],
            ['saveDefinition', { definitionJson: JSON.stringify(contactDefinition('Y')), saveAsNew: true }],
            ['getSaveStatus', { jobId: 'x' }]
        ];
        for (const [method, params] of methods) {
            const e = await refusal(method, params, END_USER_SESSION);
            assert.equal(e.code, 'NOT_ALLOWED', method);
            assert.match(e.message, /Dynamic Components Builder permission set/);
        }
        assert.equal(fs.existsSync(defFile('Y')), false, 'nothing saved');
    });

    test('an unknown method is NOT_ALLOWED', async () => {
        const e = await refusal('deleteEverything');
        assert.equal(e.code, 'NOT_ALLOWED');
        assert.match(e.message, /no Apex method DynamicComponentBuilderController\.deleteEverything/);
        assert.equal((await refusal('toString')).code, 'NOT_ALLOWED');
    });
});

describe('definitions', () => {
    test('listDefinitions: every file (a broken one by its file name), by label, with descriptions', async () => {
        assert.deepEqual(await call('listDefinitions'), [
            { apiName: 'Another', label: 'Another' },
            { apiName: 'Board', label: 'Board of contacts', description: 'The board.' },
            { apiName: 'Broken', label: 'Broken' }
        ]);
    });

    test('getDefinitionForEdit: the file text, its SHA-256 and its modification time', async () => {
        const text = fs.readFileSync(defFile('Board'), 'utf8');
        const d = (await call('getDefinitionForEdit', { definitionName: 'Board' })) as Record<string, unknown>;
        assert.equal(d.apiName, 'Board');
        assert.equal(d.label, 'Board of contacts');
        assert.equal(d.json, text);
        assert.equal(d.contentHash, sha256(text));
        assert.match(String(d.contentHash), /^[0-9a-f]{64}$/);
        assert.equal(d.lastModifiedDate, fs.statSync(defFile('Board')).mtime.toISOString());
        // case-insensitive like a DeveloperName lookup; a broken file can be opened to fix it
        assert.equal(
            ((await call('getDefinitionForEdit', { definitionName: 'board' })) as { apiName: string }).apiName,
            'Board'
        );
        assert.equal(
            ((await call('getDefinitionForEdit', { definitionName: 'Broken' })) as { json: string }).json,
            '{ "apiName": "Broken", '
        );
    });

    test('getDefinitionForEdit of an unknown name: UNKNOWN_DEFINITION with what exists', async () => {
        const e = await refusal('getDefinitionForEdit', { definitionName: 'Boards' });
        assert.equal(e.code, 'UNKNOWN_DEFINITION');
        assert.match(e.message, /no Dynamic Component definition named "Boards"\. Did you mean 'Board'\?/);
        assert.deepEqual(e.details, ['Another', 'Board', 'Broken']);
        assert.equal((await refusal('getDefinitionForEdit', {})).code, 'UNKNOWN_DEFINITION');
    });
});

describe('schema', () => {
    test('listObjects: queryable objects by label (no platform events)', async () => {
        const objects = (await call('listObjects')) as { name: string; label: string; isCustom: boolean }[];
        const names = objects.map((o) => o.name);
        assert.ok(names.includes('Contact') && names.includes('Account') && names.includes('User'));
        assert.ok(!names.includes('FlowOrchestrationEvent'), 'a platform event cannot be queried');
        const labels = objects.map((o) => o.label);
        assert.deepEqual(
            labels,
            [...labels].sort((a, b) => a.localeCompare(b))
        );
        assert.deepEqual(
            objects.find((o) => o.name === 'Contact'),
            { name: 'Contact', label: 'Contact', labelPlural: 'Contacts', isCustom: false }
        );
    });

    test('describeObject: labels, types, lookups, access and picklist values from the field XML', async () => {
        const contact = (await call('describeObject', { objectApiName: 'contact' })) as {
            name: string;
            labelPlural: string;
            fields: Record<string, Record<string, unknown>>;
        };
        assert.equal(contact.name, 'Contact');
        assert.equal(contact.labelPlural, 'Contacts');
        assert.deepEqual(contact.fields.Status__c, {
            name: 'Status__c',
            label: 'Status',
            type: 'PICKLIST',
            referenceTo: [],
            sortable: true,
            filterable: true,
            accessible: true,
            updateable: true,
            nameField: false,
            picklistValues: [
                { value: 'New', label: 'New', active: true },
                { value: 'Active', label: 'Active', active: true },
                { value: 'Inactive', label: 'Inactive', active: true }
            ]
        });
        assert.deepEqual(
            [contact.fields.AccountId.referenceTo, contact.fields.AccountId.relationshipName],
            [['Account'], 'Account']
        );
        assert.equal(contact.fields.Name.nameField, true);
        assert.equal(contact.fields.Name.updateable, false, 'Contact.Name is computed');
        assert.equal(contact.fields.Id.updateable, false);
        // why no one can edit it, as the Apex catalog says (DefinitionRules.readOnlyReason)
        assert.equal(contact.fields.Id.readOnlyReason, 'system');
        assert.equal(contact.fields.Name.readOnlyReason, 'compound');
        assert.equal('readOnlyReason' in contact.fields.Status__c, false, 'an editable field has no reason');
        assert.equal(contact.fields.Description.sortable, false);
        const account = (await call('describeObject', { objectApiName: 'Account' })) as {
            fields: Record<string, { picklistValues?: { value: string }[] }>;
        };
        assert.ok(account.fields.Industry.picklistValues?.some((v) => v.value === 'Technology'));
    });

    test('describeObject of an unknown object: UNKNOWN_OBJECT with a did-you-mean', async () => {
        const e = await refusal('describeObject', { objectApiName: 'Contacts' });
        assert.equal(e.code, 'UNKNOWN_OBJECT');
        assert.match(e.message, /Object 'Contacts' does not exist or you cannot read it\. Did you mean 'Contact'/);
        assert.equal(
            (await refusal('describeObject', { objectApiName: 'FlowOrchestrationEvent' })).code,
            'UNKNOWN_OBJECT'
        );
    });
});

describe('flows', () => {
    test('listFlows: every flow with process type, trigger and whether it is active (no variables)', async () => {
        assert.deepEqual(await call('listFlows'), [
            {
                apiName: 'Contact_After_Save',
                label: 'Contact After Save',
                description: '',
                processType: 'AutoLaunchedFlow',
                triggerType: 'RecordAfterSave',
                isActive: true
            },
            {
                apiName: 'Screen_Draft',
                label: 'Screen Draft',
                description: 'A draft screen flow.',
                processType: 'Flow',
                triggerType: null,
                isActive: false
            },
            {
                apiName: 'Set_Contact_Status_Active',
                label: 'Set Contact Status Active',
                description: (
                    (await call('describeFlow', { flowApiName: 'Set_Contact_Status_Active' })) as {
                        description: string;
                    }
                ).description,
                processType: 'AutoLaunchedFlow',
                triggerType: null,
                isActive: true
            }
        ]);
    });

    test('describeFlow: variables; isRequired = an input without a default value; exact-case name', async () => {
        const flow = (await call('describeFlow', { flowApiName: 'screen_draft' })) as {
            apiName: string;
            variables: Record<string, unknown>[];
        };
        assert.equal(flow.apiName, 'Screen_Draft');
        assert.deepEqual(flow.variables, [
            {
                name: 'recordId',
                dataType: 'String',
                isCollection: false,
                isInput: true,
                isOutput: false,
                isRequired: true
            },
            {
                name: 'mode',
                dataType: 'String',
                isCollection: false,
                isInput: true,
                isOutput: false,
                isRequired: false
            },
            {
                name: 'contact',
                dataType: 'SObject',
                isCollection: false,
                isInput: false,
                isOutput: true,
                isRequired: false,
                objectType: 'Contact'
            }
        ]);
        const set = (await call('describeFlow', { flowApiName: 'Set_Contact_Status_Active' })) as {
            variables: { name: string; isCollection: boolean; isRequired: boolean }[];
        };
        const ids = set.variables.find((v) => v.name === 'ContactIds');
        assert.deepEqual([ids?.isCollection, ids?.isRequired], [true, true]);
    });

    test('describeFlow of an unknown flow: FLOW_NOT_FOUND with a did-you-mean', async () => {
        const e = await refusal('describeFlow', { flowApiName: 'Set_Contact_Status' });
        assert.equal(e.code, 'FLOW_NOT_FOUND');
        assert.match(
            e.message,
            /Flow 'Set_Contact_Status' does not exist in this org\. Did you mean 'Set_Contact_Status_Active'\?/
        );
    });
});

describe('previewQuery', () => {
    test('runs a query of an unsaved draft like runQuery does', async () => {
        const draft = contactDefinition('Draft_Not_Saved');
        const r = (await call('previewQuery', {
            definitionJson: JSON.stringify(draft),
            queryName: 'contacts',
            requestJson: JSON.stringify({ pageSize: 5, withCount: true })
        })) as { records: Record<string, unknown>[]; totalCount: number; objectLabelPlural: string };
        const stored = fixture.backend.controller.runQuery({
            definitionName: 'Another',
            queryName: 'contacts',
            requestJson: JSON.stringify({ pageSize: 5, withCount: true })
        });
        assert.deepEqual(r, stored, 'same rows, count, fields and labels as the stored query');
        assert.equal(r.records.length, 5);
        assert.equal(fs.existsSync(defFile('Draft_Not_Saved')), false);
    });

    test('a draft whose query has errors: INVALID_DEFINITION with the problems; other unfinished parts do not block', async () => {
        const bad = contactDefinition('Draft', { fields: ['Name', 'Emial'] });
        const e = await refusal('previewQuery', { definitionJson: JSON.stringify(bad), queryName: 'contacts' });
        assert.equal(e.code, 'INVALID_DEFINITION');
        const problems = e.details as { path: string; message: string }[];
        assert.ok(problems.length >= 1);
        assert.ok(
            problems.every((p) => p.path.startsWith('queries[0]')),
            JSON.stringify(problems)
        );
        assert.match(problems.map((p) => p.message).join('\n'), /Emial/);
        // an interaction still being built (no actions yet) does not stop the live preview
        const unfinished = {
            ...contactDefinition('Draft'),
            interactions: [
                { id: 'x', on: { event: 'headerActionClick', target: 'contactsTable', action: 'nope' }, do: [] }
            ]
        };
        const r = (await call('previewQuery', {
            definitionJson: JSON.stringify(unfinished),
            queryName: 'contacts',
            requestJson: '{"pageSize":2}'
        })) as { records: unknown[] };
        assert.equal(r.records.length, 2);
    });

    test('bad JSON, an unknown query and a bad request are refused with the runQuery codes', async () => {
        const json = await refusal('previewQuery', { definitionJson: '{ "apiName": ', queryName: 'contacts' });
        assert.equal(json.code, 'INVALID_DEFINITION');
        const unknown = await refusal('previewQuery', {
            definitionJson: JSON.stringify(contactDefinition('Draft')),
            queryName: 'accounts'
        });
        assert.equal(unknown.code, 'UNKNOWN_QUERY');
        assert.equal(unknown.message, 'Definition "Draft" has no query named "accounts". Queries: contacts.');
        const request = await refusal('previewQuery', {
            definitionJson: JSON.stringify(contactDefinition('Draft')),
            queryName: 'contacts',
            requestJson: '{nope'
        });
        assert.equal(request.code, 'INVALID_REQUEST');
        const pageSize = await refusal('previewQuery', {
            definitionJson: JSON.stringify(contactDefinition('Draft')),
            queryName: 'contacts',
            requestJson: '{"pageSize":0}'
        });
        assert.equal(pageSize.code, 'INVALID_REQUEST');
    });
});

describe('saveDefinition', () => {
    test('API names: letters, digits and single underscores, starting with a letter, at most 40 characters', () => {
        assert.equal(apiNameProblem('Contact_Status_Board'), undefined);
        assert.equal(apiNameProblem('a1'), undefined);
        for (const bad of ['', '1abc', '_abc', 'a__b', 'abc_', 'a-b', '../evil', 'a/b', 'a.json', 'x'.repeat(41), 'é'])
            assert.ok(apiNameProblem(bad), bad);
        assert.match(apiNameProblem('x'.repeat(41))!, /41 characters long; use at most 40/);
        assert.match(apiNameProblem('a__b')!, /two underscores in a row/);
    });

    test('a new definition: Queued, then InProgress, then Succeeded; the file is canonical, Prettier-clean and round-trips', async () => {
        const slow = newBuilder({ saveDelayMs: 60 });
        const doc = boardDefinition('New_Board');
        // keys in any order: the file gets the canonical one
        const scrambled = Object.fromEntries(Object.entries(doc).reverse());
        const r = (await slow.call('saveDefinition', {
            definitionJson: JSON.stringify(scrambled, null, 2),
            baseContentHash: null,
            saveAsNew: true
        })) as { jobId: string; apiName: string; contentHash: string; status: string };
        assert.equal(r.status, 'Queued');
        assert.equal(r.apiName, 'New_Board');
        assert.match(r.jobId, /^0Af[0-9A-Za-z]{15}$/);
        assert.equal(fs.existsSync(defFile('New_Board')), false, 'written only when the deploy completes');
        await new Promise((resolve) => setTimeout(resolve, 5));
        assert.equal(
            ((await slow.call('getSaveStatus', { jobId: r.jobId })) as { status: string }).status,
            'InProgress'
        );
        await slow.idle();
        assert.deepEqual(await slow.call('getSaveStatus', { jobId: r.jobId }), {
            jobId: r.jobId,
            apiName: 'New_Board',
            status: 'Succeeded'
        });
        const text = fs.readFileSync(defFile('New_Board'), 'utf8');
        assert.equal(contentHash(text), r.contentHash, 'the returned hash is the hash of the written file');
        const options = {
            ...(await prettier.resolveConfig(path.join(REPO, 'definitions', 'x.json'))),
            filepath: defFile('New_Board')
        };
        assert.ok(await prettier.check(text, options), 'the saved file passes prettier --check');
        assert.deepEqual(JSON.parse(text), { $schema: './definition.schema.json', ...doc }, 'round-trips');
        assert.deepEqual(Object.keys(JSON.parse(text)), [
            '$schema',
            'schemaVersion',
            'apiName',
            'label',
            'queries',
            'components',
            'interactions'
        ]);
        // the builder reopens it with the same hash; the component's controller picks it up at once
        const reopened = (await slow.call('getDefinitionForEdit', { definitionName: 'New_Board' })) as {
            contentHash: string;
            lastModifiedByName: string;
        };
        assert.equal(reopened.contentHash, r.contentHash);
        assert.equal(reopened.lastModifiedByName, String(fixture.backend.user.Name));
        const live = fixture.backend.controller.getDefinition({ definitionName: 'New_Board' });
        assert.equal(live.json, text);
        assert.deepEqual(live.problems, []);
        assert.ok(fixture.backend.controller.listDefinitions().some((d) => d.apiName === 'New_Board'));
        // no temporary files left behind
        assert.deepEqual(
            fs.readdirSync(defsDir()).filter((f) => f.endsWith('.tmp')),
            []
        );
    });

    test('an update from the current hash replaces the file; the shipped board is stored exactly as written', async () => {
        const shipped = fs.readFileSync(path.join(REPO, 'definitions', 'Contact_Status_Board.json'), 'utf8');
        fs.writeFileSync(defFile('Contact_Status_Board'), shipped);
        const opened = (await call('getDefinitionForEdit', { definitionName: 'Contact_Status_Board' })) as {
            json: string;
            contentHash: string;
        };
        const r = await saveAndWait({
            definitionJson: opened.json,
            baseContentHash: opened.contentHash,
            saveAsNew: false
        });
        assert.equal(r.final.status, 'Succeeded');
        assert.equal(
            fs.readFileSync(defFile('Contact_Status_Board'), 'utf8'),
            shipped,
            'canonical + Prettier = as shipped'
        );
        const changed = JSON.parse(opened.json) as Record<string, unknown>;
        changed.label = 'Contacts (changed)';
        const r2 = await saveAndWait({
            definitionJson: JSON.stringify(changed),
            baseContentHash: r.contentHash,
            saveAsNew: false
        });
        assert.equal(r2.final.status, 'Succeeded');
        assert.equal(JSON.parse(fs.readFileSync(defFile('Contact_Status_Board'), 'utf8')).label, 'Contacts (changed)');
    });

    test('errors block with INVALID_DEFINITION and the problems; nothing is written', async () => {
        const doc = boardDefinition('Bad_Board');
        (doc.queries as Record<string, unknown>[])[0].fields = ['Name', 'Nope__c'];
        const e = await refusal('saveDefinition', { definitionJson: JSON.stringify(doc), saveAsNew: true });
        assert.equal(e.code, 'INVALID_DEFINITION');
        assert.match(e.message, /^Definition 'Bad_Board' has \d+ errors?; fix (it|them) first: queries\[0\]/);
        const problems = e.details as { path: string; message: string }[];
        assert.ok(
            problems.some((p) => p.path.startsWith('queries[0].fields') && /Nope__c/.test(p.message)),
            JSON.stringify(problems)
        );
        assert.equal(fs.existsSync(defFile('Bad_Board')), false);
        const json = await refusal('saveDefinition', { definitionJson: '{"apiName": "X",', saveAsNew: true });
        assert.equal(json.code, 'INVALID_DEFINITION');
        assert.equal((json.details as { line?: number }[])[0].line, 1);
        const empty = await refusal('saveDefinition', { definitionJson: '  ', saveAsNew: true });
        assert.equal(empty.code, 'INVALID_DEFINITION');
        assert.match(empty.message, /empty/);
    });

    test('the flow contract and picklist values are checked against the project flows and the preview schema', async () => {
        const wrongCase = boardDefinition('Wrong_Case');
        const action = ((wrongCase.interactions as Record<string, unknown>[])[0].do as Record<string, unknown>[])[0];
        action.flowApiName = 'set_contact_status_active';
        const e = await refusal('saveDefinition', { definitionJson: JSON.stringify(wrongCase), saveAsNew: true });
        assert.equal(e.code, 'INVALID_DEFINITION');
        const problems = e.details as { path: string; message: string }[];
        assert.ok(
            problems.some(
                (p) => p.path.startsWith('interactions[0].do[0]') && /Set_Contact_Status_Active/.test(p.message)
            ),
            JSON.stringify(problems)
        );
        const single = boardDefinition('Single_Value');
        const input = (
            ((single.interactions as Record<string, unknown>[])[0].do as Record<string, unknown>[])[0].inputs as Record<
                string,
                unknown
            >[]
        )[0];
        input.collection = false;
        const e2 = await refusal('saveDefinition', { definitionJson: JSON.stringify(single), saveAsNew: true });
        assert.ok((e2.details as { path: string }[]).some((p) => p.path.startsWith('interactions[0].do[0].inputs[0]')));
        const picklist = contactDefinition('Bad_Status', {
            where: { conditions: [{ field: 'Status__c', operator: 'equals', value: 'Actve' }] }
        });
        const e3 = await refusal('saveDefinition', { definitionJson: JSON.stringify(picklist), saveAsNew: true });
        assert.equal(e3.code, 'INVALID_DEFINITION');
        assert.match((e3.details as { message: string }[]).map((p) => p.message).join('\n'), /Actve/);
        for (const name of ['Wrong_Case', 'Single_Value', 'Bad_Status'])
            assert.equal(fs.existsSync(defFile(name)), false);
    });

    test('warnings do not block a save', async () => {
        const lenient = new BuilderController({
            context: () => fixture.backend,
            definitionsDir: defsDir(),
            flowsDir: path.join(fixture.root, 'force-app', 'main', 'default', 'flows'),
            root: fixture.root,
            saveDelayMs: 1,
            parse: (json) => ({
                document: JSON.parse(json),
                problems: [{ path: 'label', message: 'A label this short is hard to find.', severity: 'warning' }]
            })
        });
        const r = (await lenient.call('saveDefinition', {
            definitionJson: JSON.stringify(contactDefinition('With_Warning')),
            saveAsNew: true
        })) as { jobId: string };
        await lenient.idle();
        assert.equal(
            ((await lenient.call('getSaveStatus', { jobId: r.jobId })) as { status: string }).status,
            'Succeeded'
        );
        assert.ok(fs.existsSync(defFile('With_Warning')));
    });

    test('bad API names are refused before anything touches the disk, whatever the validator says', async () => {
        const permissive = new BuilderController({
            context: () => fixture.backend,
            definitionsDir: defsDir(),
            flowsDir: path.join(fixture.root, 'force-app', 'main', 'default', 'flows'),
            root: fixture.root,
            saveDelayMs: 1,
            parse: (json) => ({ document: JSON.parse(json), problems: [] })
        });
        const before = fs.readdirSync(fixture.root).sort();
        for (const name of ['../Escaped', 'sub/dir', 'a__b', '1abc', 'x'.repeat(41), '']) {
            try {
                await permissive.call('saveDefinition', {
                    definitionJson: JSON.stringify(contactDefinition(name)),
                    saveAsNew: true
                });
                assert.fail(`'${name}' should be refused`);
            } catch (e) {
                assert.equal((e as ServiceError).code, 'INVALID_DEFINITION', name);
                assert.equal(((e as ServiceError).details as { path: string }[])[0].path, 'apiName');
            }
        }
        await permissive.idle();
        assert.deepEqual(fs.readdirSync(fixture.root).sort(), before, 'nothing written outside definitions/');
        assert.equal(fs.existsSync(path.join(fixture.root, 'Escaped.json')), false);
        // the real validator refuses them too
        const e = await refusal('saveDefinition', {
            definitionJson: JSON.stringify(contactDefinition('../x')),
            saveAsNew: true
        });
        assert.equal(e.code, 'INVALID_DEFINITION');
    });

    test('DUPLICATE_NAME: a new definition (save as new, or no base hash) may not take an existing name', async () => {
        const opened = (await call('getDefinitionForEdit', { definitionName: 'Another' })) as { contentHash: string };
        for (const params of [
            { definitionJson: JSON.stringify(contactDefinition('Another')), saveAsNew: true },
            {
                definitionJson: JSON.stringify(contactDefinition('Another')),
                baseContentHash: opened.contentHash,
                saveAsNew: true
            },
            { definitionJson: JSON.stringify(contactDefinition('Another')), baseContentHash: null, saveAsNew: false },
            { definitionJson: JSON.stringify(contactDefinition('ANOTHER')), saveAsNew: true }
        ]) {
            const e = await refusal('saveDefinition', params);
            assert.equal(e.code, 'DUPLICATE_NAME', JSON.stringify(params));
            assert.match(e.message, /A definition named 'Another' already exists\. Give this one another API name/);
            assert.deepEqual(e.details, ['Another']);
        }
        assert.equal(contentHash(fs.readFileSync(defFile('Another'), 'utf8')), opened.contentHash, 'untouched');
    });

    test('CONFLICT: the file changed since it was opened; details carry the current hash and date', async () => {
        const opened = (await call('getDefinitionForEdit', { definitionName: 'Board' })) as {
            json: string;
            contentHash: string;
        };
        const theirs = JSON.parse(opened.json) as Record<string, unknown>;
        theirs.label = 'Changed behind your back';
        const theirText = JSON.stringify(theirs, null, 4) + '\n';
        fs.writeFileSync(defFile('Board'), theirText);
        const mine = JSON.parse(opened.json) as Record<string, unknown>;
        mine.description = 'Mine';
        const e = await refusal('saveDefinition', {
            definitionJson: JSON.stringify(mine),
            baseContentHash: opened.contentHash,
            saveAsNew: false
        });
        assert.equal(e.code, 'CONFLICT');
        assert.match(
            e.message,
            /'Board' was changed by someone else since you opened it\. Reload it .*or save yours as a copy/
        );
        assert.deepEqual(e.details, [
            { contentHash: sha256(theirText), lastModifiedDate: fs.statSync(defFile('Board')).mtime.toISOString() }
        ]);
        assert.equal(fs.readFileSync(defFile('Board'), 'utf8'), theirText, 'their change is kept');
        // "Save as a copy": the same draft under a new name
        mine.apiName = 'Board_Copy';
        const copy = await saveAndWait({
            definitionJson: JSON.stringify(mine),
            baseContentHash: null,
            saveAsNew: true
        });
        assert.equal(copy.final.status, 'Succeeded');
        assert.equal(JSON.parse(fs.readFileSync(defFile('Board_Copy'), 'utf8')).description, 'Mine');
    });

    test('a save in progress counts: a second save from the old hash conflicts, one from the pending hash follows it', async () => {
        const slow = newBuilder({ saveDelayMs: 40 });
        const opened = (await slow.call('getDefinitionForEdit', { definitionName: 'Another' })) as {
            json: string;
            contentHash: string;
        };
        const first = JSON.parse(opened.json) as Record<string, unknown>;
        first.label = 'First';
        const r1 = (await slow.call('saveDefinition', {
            definitionJson: JSON.stringify(first),
            baseContentHash: opened.contentHash,
            saveAsNew: false
        })) as { jobId: string; contentHash: string };
        const second = { ...first, label: 'Second' };
        await assert.rejects(
            slow.call('saveDefinition', {
                definitionJson: JSON.stringify(second),
                baseContentHash: opened.contentHash,
                saveAsNew: false
            }),
            (e: ServiceError) => e.code === 'CONFLICT' && /a save of it is in progress/.test(e.message)
        );
        const r2 = (await slow.call('saveDefinition', {
            definitionJson: JSON.stringify(second),
            baseContentHash: r1.contentHash,
            saveAsNew: false
        })) as { jobId: string };
        await slow.idle();
        for (const id of [r1.jobId, r2.jobId])
            assert.equal(((await slow.call('getSaveStatus', { jobId: id })) as { status: string }).status, 'Succeeded');
        assert.equal(JSON.parse(fs.readFileSync(defFile('Another'), 'utf8')).label, 'Second');
    });

    test('a file edited by hand while the deploy runs is not overwritten: the job fails and says why', async () => {
        const slow = newBuilder({ saveDelayMs: 40 });
        const opened = (await slow.call('getDefinitionForEdit', { definitionName: 'Another' })) as {
            json: string;
            contentHash: string;
        };
        const r = (await slow.call('saveDefinition', {
            definitionJson: opened.json,
            baseContentHash: opened.contentHash,
            saveAsNew: false
        })) as { jobId: string };
        fs.writeFileSync(defFile('Another'), opened.json + '\n');
        await slow.idle();
        const status = (await slow.call('getSaveStatus', { jobId: r.jobId })) as { status: string; message: string };
        assert.equal(status.status, 'Failed');
        assert.match(
            status.message,
            /'Another' was changed by someone else while it was being saved; nothing was saved/
        );
        assert.equal(fs.readFileSync(defFile('Another'), 'utf8'), opened.json + '\n');
    });

    test('an injected deploy failure: Failed with the platform message, the old file untouched; only the next save fails', async () => {
        const before = fs.readFileSync(defFile('Board'), 'utf8');
        const opened = (await call('getDefinitionForEdit', { definitionName: 'Board' })) as {
            json: string;
            contentHash: string;
        };
        const draft = JSON.parse(opened.json) as Record<string, unknown>;
        draft.label = 'Never saved';
        const message = 'Dynamic_Component.Board: An unexpected error occurred. Please include this ErrorId: 1234-5678';
        builder.failNextSave(message);
        const failed = await saveAndWait({
            definitionJson: JSON.stringify(draft),
            baseContentHash: opened.contentHash,
            saveAsNew: false
        });
        assert.equal(failed.status, 'Queued');
        assert.deepEqual(failed.final, { jobId: failed.jobId, apiName: 'Board', status: 'Failed', message });
        assert.equal(fs.readFileSync(defFile('Board'), 'utf8'), before, 'the old definition still works');
        const ok = await saveAndWait({
            definitionJson: JSON.stringify(draft),
            baseContentHash: opened.contentHash,
            saveAsNew: false
        });
        assert.equal(ok.final.status, 'Succeeded');
        builder.failNextSave('x');
        builder.reset();
        const clean = await saveAndWait({
            definitionJson: JSON.stringify(contactDefinition('After_Reset')),
            saveAsNew: true
        });
        assert.equal(clean.final.status, 'Succeeded', 'reset forgets an injected failure');
    });

    test('getSaveStatus of an unknown job: UNKNOWN_JOB', async () => {
        const e = await refusal('getSaveStatus', { jobId: '0Af000000000000AAA' });
        assert.equal(e.code, 'UNKNOWN_JOB');
        assert.match(e.message, /no save job with id '0Af000000000000AAA'/);
    });
});

describe('server routes', () => {
    let server: PreviewServer;
    let bundleDir: string;
    let project: Fixture;

    before(async () => {
        project = makeProject({
            definitions: { Board: contactDefinition('Board') },
            repoFlows: ['Set_Contact_Status_Active']
        });
        bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bundle-'));
        fs.writeFileSync(path.join(bundleDir, 'app.js'), '');
        server = await startServer({ port: 0, root: project.root, bundleDir, quiet: true, saveDelayMs: 5 });
    });
    after(async () => {
        await server.close();
        cleanup(project);
        fs.rmSync(bundleDir, { recursive: true, force: true });
    });

    async function apex(
        method: string,
        params: unknown,
        as?: string
    ): Promise<{ status: number; body: { result?: unknown; message?: string; exceptionType?: string } }> {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (as) headers['x-preview-as'] = as;
        const res = await fetch(`${server.url}api/apex/${method}`, {
            method: 'POST',
            headers,
            body: JSON.stringify(params)
        });
        return { status: res.status, body: await res.json() };
    }

    const aura = (r: { body: { message?: string } }) =>
        JSON.parse(r.body.message!) as { code: string; message: string; details: unknown[] };

    test('DynamicComponentBuilderController.<method> reaches the builder; refusals are AuraHandledExceptions', async () => {
        const list = await apex('DynamicComponentBuilderController.listDefinitions', {});
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.result, [{ apiName: 'Board', label: 'Board' }]);
        const asUser = await apex('DynamicComponentBuilderController.listDefinitions', {}, 'user');
        assert.equal(asUser.status, 400);
        assert.equal(asUser.body.exceptionType, 'System.AuraHandledException');
        assert.equal(aura(asUser).code, 'NOT_ALLOWED');
        const admin = await apex('DynamicComponentBuilderController.listObjects', {}, 'admin');
        assert.equal(admin.status, 200);
        const badHeader = await apex('DynamicComponentBuilderController.listObjects', {}, 'superuser');
        assert.equal(badHeader.status, 400);
        assert.match(badHeader.body.message!, /x-preview-as header must be 'admin' or 'user'/);
        const notObject = await apex('DynamicComponentBuilderController.listObjects', [1, 2]);
        assert.equal(notObject.status, 400);
        assert.equal(notObject.body.exceptionType, 'System.JSONException');
    });

    test('the session reaches DynamicComponentController too: an end user cannot customize', async () => {
        const admin = await apex('DynamicComponentController.getDefinition', { definitionName: 'Board' });
        assert.equal((admin.body.result as { canCustomize: boolean }).canCustomize, true);
        const user = await apex('DynamicComponentController.getDefinition', { definitionName: 'Board' }, 'user');
        assert.equal(user.status, 200);
        assert.equal((user.body.result as { canCustomize: boolean }).canCustomize, false);
    });

    test('a builder save is picked up by the component controller; an injected failure leaves the old file', async () => {
        const doc = contactDefinition('Saved_Board');
        const save = await apex('DynamicComponentBuilderController.saveDefinition', {
            definitionJson: JSON.stringify(doc),
            baseContentHash: null,
            saveAsNew: true
        });
        assert.equal(save.status, 200);
        const { jobId } = save.body.result as { jobId: string };
        await server.builder.idle();
        const status = await apex('DynamicComponentBuilderController.getSaveStatus', { jobId });
        assert.equal((status.body.result as { status: string }).status, 'Succeeded');
        const defs = (await (await fetch(`${server.url}api/definitions`)).json()) as { apiName: string }[];
        assert.ok(
            defs.some((d) => d.apiName === 'Saved_Board'),
            'the Components page lists it'
        );
        const got = await apex('DynamicComponentController.getDefinition', { definitionName: 'Saved_Board' });
        assert.equal(got.status, 200);
        const rows = await apex('DynamicComponentController.runQuery', {
            definitionName: 'Saved_Board',
            queryName: 'contacts',
            requestJson: '{"pageSize":3}'
        });
        assert.equal((rows.body.result as { records: unknown[] }).records.length, 3);

        // POST /api/test/fail-next-save
        const bad = await fetch(`${server.url}api/test/fail-next-save`, { method: 'POST', body: '{}' });
        assert.equal(bad.status, 400);
        assert.match(((await bad.json()) as { message: string }).message, /Send \{"message"/);
        const inject = await fetch(`${server.url}api/test/fail-next-save`, {
            method: 'POST',
            body: JSON.stringify({ message: 'Deploy failed: INVALID_CROSS_REFERENCE_KEY' })
        });
        assert.equal(inject.status, 200);
        const before = fs.readFileSync(path.join(project.root, 'definitions', 'Saved_Board.json'), 'utf8');
        const opened = await apex('DynamicComponentBuilderController.getDefinitionForEdit', {
            definitionName: 'Saved_Board'
        });
        const { contentHash: base } = opened.body.result as { contentHash: string };
        const failing = await apex('DynamicComponentBuilderController.saveDefinition', {
            definitionJson: JSON.stringify({ ...doc, label: 'Changed' }),
            baseContentHash: base,
            saveAsNew: false
        });
        await server.builder.idle();
        const failed = await apex('DynamicComponentBuilderController.getSaveStatus', {
            jobId: (failing.body.result as { jobId: string }).jobId
        });
        assert.deepEqual(failed.body.result, {
            jobId: (failing.body.result as { jobId: string }).jobId,
            apiName: 'Saved_Board',
            status: 'Failed',
            message: 'Deploy failed: INVALID_CROSS_REFERENCE_KEY'
        });
        assert.equal(fs.readFileSync(path.join(project.root, 'definitions', 'Saved_Board.json'), 'utf8'), before);
        // reset forgets an injected failure
        await fetch(`${server.url}api/test/fail-next-save`, { method: 'POST', body: JSON.stringify({ message: 'x' }) });
        await fetch(`${server.url}api/reset`, { method: 'POST' });
        const after = await apex('DynamicComponentBuilderController.saveDefinition', {
            definitionJson: JSON.stringify({ ...doc, label: 'Changed' }),
            baseContentHash: base,
            saveAsNew: false
        });
        await server.builder.idle();
        const ok = await apex('DynamicComponentBuilderController.getSaveStatus', {
            jobId: (after.body.result as { jobId: string }).jobId
        });
        assert.equal((ok.body.result as { status: string }).status, 'Succeeded');
    });

    test('previewQuery runs over the current store (after a reset too)', async () => {
        await fetch(`${server.url}api/reset`, { method: 'POST' });
        const r = await apex('DynamicComponentBuilderController.previewQuery', {
            definitionJson: JSON.stringify(contactDefinition('Draft')),
            queryName: 'contacts',
            requestJson: '{"pageSize":1,"withCount":true}'
        });
        assert.equal(r.status, 200);
        assert.equal((r.body.result as { totalCount: number }).totalCount, server.backend.store.all('Contact').length);
    });
});
