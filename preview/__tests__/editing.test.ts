/*
 * Inline edit, lookup search and export of the preview backend (issue #13): saveRecords, searchLookup, exportRows
 * with the codes and messages of the Apex services, the store's DML checks they surface (required fields, the
 * validation rule, restricted picklists by record type and controlling value, lookups), and what runQuery adds for an
 * editable table (updateable, controllerName, LastModifiedDate, RecordTypeId).
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanup, contactDefinition, makeProject, sampleData, type Fixture } from './helpers';
import { createBackend } from '../backend';
import { accessPolicy, END_USER_ACCESS } from '../backend/access';
import { CONFLICT_MESSAGE, ROW_NOT_AVAILABLE_MESSAGE, type SaveResponse } from '../backend/editing';
import { ServiceError } from '../backend/errors';
import type { ControllerSession } from '../backend/controller';
import type { QueryResponse } from '../backend/query';
import { toMergeFieldSyntax } from '../backend/validationRules';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

const EDITABLE = [
    'Email',
    'LastName',
    'Status__c',
    'Status_Reason__c',
    'Preferred_Channel__c',
    'Interests__c',
    'Score__c',
    'Next_Meeting__c',
    'DoNotCall',
    'AccountId',
    'Description'
];

/** Contacts with every editable type the tests need, one read-only column and a parent path. */
function editDefinition(query: Record<string, unknown> = {}): Record<string, unknown> {
    const def = contactDefinition('Edit', {
        fields: ['Name', ...EDITABLE, 'Account.Name'],
        ...query
    });
    const table = (def.components as Record<string, unknown>[])[0];
    table.columns = [
        { field: 'Name' },
        ...EDITABLE.map((field) => ({ field, editable: true })),
        { field: 'Account.Name', label: 'Account' }
    ];
    // a second table over the same query is not needed; a read-only table over another query is
    def.queries = [
        ...(def.queries as unknown[]),
        { name: 'plain', object: 'Contact', fields: ['Name', 'Email'], orderBy: [{ field: 'Name' }] }
    ];
    def.components = [
        table,
        { name: 'plainTable', type: 'dataTable', query: 'plain', keyField: 'Id', columns: [{ field: 'Name' }] }
    ];
    return def;
}

function project(def: Record<string, unknown> = editDefinition(), repoFlows: string[] = []): Fixture {
    const f = makeProject({ definitions: { Edit: def }, repoFlows });
    fixtures.push(f);
    return f;
}

function save(f: Fixture, drafts: unknown[], session?: ControllerSession, extra: Record<string, unknown> = {}) {
    return f.backend.controller.saveRecords(
        { definitionName: 'Edit', tableName: 'contactsTable', requestJson: JSON.stringify({ drafts, ...extra }) },
        session
    );
}

function refusal(fn: () => unknown): ServiceError {
    try {
        fn();
    } catch (e) {
        if (e instanceof ServiceError) return e;
        throw e;
    }
    assert.fail('expected a ServiceError');
}

/** A contact of the sample data by its 1-based number (Person001 …), with a fresh LastModifiedDate. */
function contact(f: Fixture, n: number): Record<string, unknown> & { Id: string } {
    const c = f.backend.store.all('Contact').find((x) => x.LastName === `Person${String(n).padStart(3, '0')}`);
    assert.ok(c, `contact ${n}`);
    return c;
}

const draft = (c: { Id: string; LastModifiedDate?: unknown }, values: Record<string, unknown>) => ({
    id: c.Id,
    values,
    lastModifiedDate: c.LastModifiedDate
});

const codes = (r: SaveResponse) => r.results.map((x) => (x.success ? 'saved' : x.errors.map((e) => e.code).join('+')));

const recordTypeId = (f: Fixture, name: string) =>
    f.backend.store.all('RecordType').find((r) => r.DeveloperName === name)?.Id as string;

// ------------------------------------------------------------------ runQuery for an editable table

test('runQuery: an editable table carries updateable, controllerName, LastModifiedDate and RecordTypeId', () => {
    const f = project();
    const r = f.backend.controller.runQuery({
        definitionName: 'Edit',
        queryName: 'contacts',
        requestJson: '{"pageSize": 3}'
    });
    const info = new Map(r.fields.map((x) => [x.path, x]));
    assert.equal(info.get('Email')?.updateable, true);
    assert.equal(info.get('Name')?.updateable, false, 'Contact.Name is computed');
    assert.equal(info.get('Id')?.updateable, false);
    assert.equal(info.get('Account.Name')?.updateable, false, 'a relationship path is never updateable');
    assert.equal(info.get('Status_Reason__c')?.controllerName, 'Status__c');
    assert.equal(info.get('Status__c')?.controllerName, null);
    assert.ok(!r.fields.some((x) => x.path === 'LastModifiedDate' || x.path === 'RecordTypeId'), 'not in fields');
    for (const row of r.records) {
        assert.match(String(row.LastModifiedDate), /^\d{4}-\d{2}-\d{2}T/);
        assert.equal(row.RecordTypeId, recordTypeId(f, 'Customer'), 'the default record type');
    }
    // a table without editable columns reads neither
    const plain = f.backend.controller.runQuery({ definitionName: 'Edit', queryName: 'plain', requestJson: '{}' });
    assert.ok(plain.records.every((row) => !('LastModifiedDate' in row) && !('RecordTypeId' in row)));
    // the end user (?as=user) cannot change Contact.Description: the column is read-only for them
    const asUser = f.backend.controller.runQuery(
        { definitionName: 'Edit', queryName: 'contacts', requestJson: '{"pageSize": 1}' },
        { canCustomize: false }
    );
    assert.equal(asUser.fields.find((x) => x.path === 'Description')?.updateable, false);
    assert.equal(asUser.fields.find((x) => x.path === 'Email')?.updateable, true);
});

test('runQuery: a field the user cannot read is left out with a notice, and its rows omit it', () => {
    const f = project();
    const r = f.backend.controller.runQuery(
        { definitionName: 'Edit', queryName: 'contacts', requestJson: '{"pageSize": 2}' },
        { access: accessPolicy({ hidden: ['Contact.Score__c'] }) }
    );
    assert.ok(!r.fields.some((x) => x.path === 'Score__c'));
    assert.deepEqual(
        r.notices.find((n) => n.path === 'Score__c'),
        { path: 'Score__c', message: 'Score is hidden: you do not have access to this field.' }
    );
});

// ------------------------------------------------------------------ saveRecords: success and partial saves

test('saveRecords: good rows commit, bad rows do not (partial save), each with the platform code, message and fields', () => {
    const f = project();
    const store = f.backend.store;
    const good = contact(f, 1);
    const noEmail = contact(f, 4); // the sample data leaves Email blank on every 7th contact from the 4th
    assert.equal(noEmail.Email, undefined);
    const required = contact(f, 2);
    const before = { ...noEmail };
    const r = save(f, [
        draft(good, { Email: 'ada@example.org', Score__c: '42', DoNotCall: true }),
        draft(noEmail, { Status__c: 'Active' }),
        draft(required, { LastName: '  ' })
    ]);
    assert.deepEqual(codes(r), ['saved', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'REQUIRED_FIELD_MISSING']);
    assert.equal(r.savedCount, 1);
    assert.equal(r.failedCount, 2);
    assert.deepEqual(r.results[1].errors, [
        {
            code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'An active contact needs an email address: enter one, or choose another status.',
            fields: ['Email']
        }
    ]);
    assert.deepEqual(r.results[2].errors, [
        { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }
    ]);
    // the saved row is written, typed, and re-read with the query's SELECT plus the edit extras
    const saved = store.get('Contact', good.Id)!;
    assert.equal(saved.Email, 'ada@example.org');
    assert.equal(saved.Score__c, 42);
    assert.equal(saved.DoNotCall, true);
    assert.ok(Date.parse(String(saved.LastModifiedDate)) > Date.parse(String(good.LastModifiedDate)));
    assert.equal(r.records.length, 1);
    assert.equal(r.records[0].Id, good.Id);
    assert.equal(r.records[0].Email, 'ada@example.org');
    assert.equal(r.records[0].LastModifiedDate, saved.LastModifiedDate);
    assert.deepEqual((r.records[0].Account as { Name: string }).Name, 'Account A');
    // the failed rows are untouched
    assert.deepEqual(store.get('Contact', noEmail.Id), before);
    assert.equal(store.get('Contact', required.Id)!.LastName, 'Person002');
    // the same draft with an email passes the validation rule
    const fixed = save(f, [draft(store.get('Contact', noEmail.Id)!, { Status__c: 'Active', Email: 'p4@example.com' })]);
    assert.deepEqual(codes(fixed), ['saved']);
});

test('saveRecords: a mass edit where the validation rule fails on some rows saves the others', () => {
    const f = project();
    const rows = [1, 2, 3, 4, 5, 11].map((n) => contact(f, n));
    const r = save(
        f,
        rows.map((c) => draft(c, { Status__c: 'Active' }))
    );
    // contacts 4 and 11 have no email
    assert.deepEqual(codes(r), [
        'saved',
        'saved',
        'saved',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        'saved',
        'FIELD_CUSTOM_VALIDATION_EXCEPTION'
    ]);
    assert.equal(r.savedCount, 4);
    assert.equal(r.failedCount, 2);
    assert.deepEqual(
        r.records.map((x) => x.Id),
        [rows[0], rows[1], rows[2], rows[4]].map((c) => c.Id)
    );
});

// ------------------------------------------------------------------ whole-request refusals

test('saveRecords: a field that is not an editable column refuses the whole request (NOT_EDITABLE), nothing saved', () => {
    const f = project();
    const c = contact(f, 1);
    for (const field of ['Name', 'Account.Name', 'Title']) {
        const e = refusal(() =>
            save(f, [draft(c, { Email: 'x@example.com' }), draft(contact(f, 2), { [field]: 'X' })])
        );
        assert.equal(e.code, 'NOT_EDITABLE');
        assert.equal(
            e.message,
            `"${field}" is not an editable column of table "contactsTable" in definition "Edit": only columns marked "editable": true can be changed. Editable columns: ${[...EDITABLE].sort().join(', ')}.`
        );
    }
    assert.equal(f.backend.store.get('Contact', c.Id)!.Email, 'p1@example.com', 'nothing saved');
    // a table without editable columns says so
    const plain = refusal(() =>
        f.backend.controller.saveRecords({
            definitionName: 'Edit',
            tableName: 'plainTable',
            requestJson: JSON.stringify({ drafts: [draft(c, { Name: 'X' })] })
        })
    );
    assert.match(plain.message, /This table has no editable columns\.$/);
});

test('saveRecords: more than 10,000 drafts are refused up front (TOO_MANY_ROWS); unknown tables and bad requests too', () => {
    const f = project();
    const c = contact(f, 1);
    const many = Array.from({ length: 10001 }, (_, i) => ({
        id: `003${String(i + 1).padStart(12, '0')}AAA`,
        values: { Email: 'x@example.com' },
        lastModifiedDate: null
    }));
    const e = refusal(() => save(f, many));
    assert.equal(e.code, 'TOO_MANY_ROWS');
    assert.equal(
        e.message,
        'This save would change 10,001 rows; one save can change at most 10,000. Save fewer rows at a time, or cancel some changes.'
    );
    const unknown = refusal(() =>
        f.backend.controller.saveRecords({ definitionName: 'Edit', tableName: 'nope', requestJson: '{"drafts":[]}' })
    );
    assert.equal(unknown.code, 'UNKNOWN_COMPONENT');
    assert.equal(
        unknown.message,
        'Definition "Edit" has no data table named "nope". Data tables: contactsTable, plainTable.'
    );
    const bad = (requestJson: string) =>
        refusal(() =>
            f.backend.controller.saveRecords({ definitionName: 'Edit', tableName: 'contactsTable', requestJson })
        );
    assert.equal(bad('{').code, 'INVALID_REQUEST');
    assert.match(bad('{').message, /^The save request is not valid JSON: /);
    assert.equal(bad('[]').message, 'The save request must be a JSON object {"drafts": [...]}.');
    assert.equal(bad('{}').message, 'drafts must be a list of {"id", "values", "lastModifiedDate"}.');
    assert.equal(
        bad(JSON.stringify({ drafts: [{ id: 'x', values: { Email: 'a@b.co' } }] })).message,
        'drafts[0].id must be the record Id of the row, not "x".'
    );
    assert.equal(
        bad(JSON.stringify({ drafts: [draft(c, { Email: 'a@b.co' }), draft(c, { Score__c: 1 })] })).message,
        `drafts[1].id ${c.Id} appears in more than one draft: send each row once with all its changed fields.`
    );
    assert.equal(
        bad(JSON.stringify({ drafts: [draft(c, {})] })).message,
        'drafts[0].values must be an object of the changed fields, e.g. {"Phone": "555"}.'
    );
    assert.equal(
        bad(JSON.stringify({ drafts: [{ id: c.Id, values: { Email: 'a@b.co' }, lastModifiedDate: 'yesterday' }] }))
            .message,
        `drafts[0].lastModifiedDate must be the row's LastModifiedDate as loaded (ISO 8601) or null, not "yesterday".`
    );
    // no drafts: nothing to do
    assert.deepEqual(save(f, []), { results: [], savedCount: 0, failedCount: 0, records: [] });
});

// ------------------------------------------------------------------ row checks before the write

test('saveRecords: ROW_NOT_AVAILABLE for a row the query does not return to this user', () => {
    const def = editDefinition({
        where: { conditions: [{ field: 'Status__c', operator: 'notEquals', value: 'Inactive' }] }
    });
    const f = project(def);
    const store = f.backend.store;
    const inactive = store.all('Contact').find((c) => c.Status__c === 'Inactive')!;
    const hidden = contact(f, 1);
    const account = store.all('Account')[0];
    const r = save(
        f,
        [
            draft(inactive, { Email: 'x@example.com' }), // outside the query's conditions
            { id: account.Id, values: { Email: 'x@example.com' }, lastModifiedDate: null }, // another object
            { id: '003999999999999AAA', values: { Email: 'x@example.com' }, lastModifiedDate: null }, // no such record
            draft(hidden, { Email: 'x@example.com' }) // not visible to this user
        ],
        { access: accessPolicy({ invisible: [hidden.Id] }) }
    );
    assert.deepEqual(codes(r), ['ROW_NOT_AVAILABLE', 'ROW_NOT_AVAILABLE', 'ROW_NOT_AVAILABLE', 'ROW_NOT_AVAILABLE']);
    assert.deepEqual(r.results[0].errors, [
        { code: 'ROW_NOT_AVAILABLE', message: ROW_NOT_AVAILABLE_MESSAGE, fields: [] }
    ]);
    assert.equal(store.get('Contact', inactive.Id)!.Email, inactive.Email);
});

test('saveRecords: INVALID_VALUE names the field and what it expects; the row is not written', () => {
    const f = project();
    const c = contact(f, 1);
    const r = save(f, [
        draft(c, {
            Score__c: 'twelve',
            Next_Meeting__c: '2027-02-30T10:00:00Z',
            DoNotCall: null,
            Email: 'ok@example.com'
        })
    ]);
    assert.deepEqual(r.results[0].errors, [
        { code: 'INVALID_VALUE', message: 'Score expects a number, but got "twelve".', fields: ['Score__c'] },
        {
            code: 'INVALID_VALUE',
            message:
                'Next Meeting expects a date and time (ISO 8601, e.g. 2025-01-31T09:30:00Z), but got "2027-02-30T10:00:00Z".',
            fields: ['Next_Meeting__c']
        },
        {
            code: 'INVALID_VALUE',
            message: 'Do Not Call expects true or false: a checkbox cannot be empty.',
            fields: ['DoNotCall']
        }
    ]);
    assert.equal(f.backend.store.get('Contact', c.Id)!.Email, 'p1@example.com', 'no field of the row is written');
    // well-typed values are normalised: a date-time with an offset becomes UTC, a multi-select list is joined
    const ok = save(f, [
        draft(c, { Next_Meeting__c: '2027-01-15T10:30:00+01:00', Interests__c: ['Security', 'Mobile'], Score__c: 7.5 })
    ]);
    assert.deepEqual(codes(ok), ['saved']);
    const rec = f.backend.store.get('Contact', c.Id)!;
    assert.equal(rec.Next_Meeting__c, '2027-01-15T09:30:00.000Z');
    assert.equal(rec.Interests__c, 'Security;Mobile');
});

test('saveRecords: FIELD_NOT_EDITABLE for a field the user can read but not change (the end user and Description)', () => {
    const f = project();
    const c = contact(f, 1);
    const r = save(f, [draft(c, { Description: 'New text', Email: 'p1@example.org' })], { canCustomize: false });
    assert.deepEqual(r.results[0].errors, [
        {
            code: 'FIELD_NOT_EDITABLE',
            message:
                'You cannot change Contact Description: your access to this field is read-only. Ask your Salesforce admin for edit access.',
            fields: ['Description']
        }
    ]);
    assert.equal(f.backend.store.get('Contact', c.Id)!.Email, 'p1@example.com');
    assert.equal(END_USER_ACCESS.updateable('Contact', 'Email'), true);
    // the admin can
    assert.deepEqual(codes(save(f, [draft(c, { Description: 'New text' })])), ['saved']);
});

/** The edit definition with a Set as Active header action running the project's Set_Contact_Status_Active flow. */
function withSetActive(def: Record<string, unknown>): Record<string, unknown> {
    def.interactions = [
        {
            id: 'i_setActive',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
            do: [
                {
                    type: 'executeFlow',
                    id: 'setActive',
                    flowApiName: 'Set_Contact_Status_Active',
                    inputs: [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }]
                }
            ]
        }
    ];
    (def.components as Record<string, unknown>[])[0].headerActions = [{ name: 'setActive', label: 'Set as Active' }];
    return def;
}

const runSetActive = (f: Fixture, ids: string[], session?: ControllerSession) =>
    f.backend.controller.executeFlow(
        {
            definitionName: 'Edit',
            interactionId: 'i_setActive',
            actionId: 'setActive',
            inputsJson: '{}',
            contextJson: JSON.stringify({ selection: { contactsTable: ids } })
        },
        session
    );

test('saveRecords: CONFLICT when the record changed after it was loaded (by another save or by a flow); the draft is not written', () => {
    const f = project(withSetActive(editDefinition()), ['Set_Contact_Status_Active']);
    assert.deepEqual(f.backend.controller.getDefinition({ definitionName: 'Edit' }).problems, []);
    const store = f.backend.store;
    // the clock stands still: LastModifiedDate still moves on with every write
    const frozen = new Date('2026-12-01T10:00:00.000Z');
    store.now = () => frozen;
    const loaded = { ...contact(f, 1) };
    const other = save(f, [draft(loaded, { Score__c: 5 })]);
    assert.deepEqual(codes(other), ['saved']);
    assert.ok(
        Date.parse(String(store.get('Contact', loaded.Id)!.LastModifiedDate)) >
            Date.parse(String(loaded.LastModifiedDate))
    );
    const mine = save(f, [draft(loaded, { Email: 'mine@example.com' })]);
    assert.deepEqual(mine.results[0].errors, [{ code: 'CONFLICT', message: CONFLICT_MESSAGE, fields: [] }]);
    assert.equal(store.get('Contact', loaded.Id)!.Email, 'p1@example.com');
    // a flow's write counts too
    const fresh = { ...contact(f, 2) };
    const run = runSetActive(f, [fresh.Id]);
    assert.equal(run.success, true, JSON.stringify(run.error));
    assert.deepEqual(codes(save(f, [draft(fresh, { Email: 'late@example.com' })])), ['CONFLICT']);
    // reloaded, the same change saves; without a date there is no check
    assert.deepEqual(codes(save(f, [draft(contact(f, 2), { Email: 'late@example.com' })])), ['saved']);
    assert.deepEqual(codes(save(f, [{ id: fresh.Id, values: { Score__c: 1 }, lastModifiedDate: null }])), ['saved']);
});

// ------------------------------------------------------------------ the store's DML checks through a save

test('saveRecords: picklist values must suit the row record type and its controlling value', () => {
    const f = project();
    const store = f.backend.store;
    const partner = contact(f, 6);
    store.update('Contact', partner.Id, { RecordTypeId: recordTypeId(f, 'Partner'), Status__c: 'Inactive' });
    const customer = contact(f, 5);
    store.update('Contact', customer.Id, { Status__c: 'Active' });
    const r = save(f, [
        draft(contact(f, 5), { Preferred_Channel__c: 'Partner_Portal' }), // a Partner-only value on a Customer
        draft(contact(f, 6), { Preferred_Channel__c: 'Partner_Portal' }), // fine on a Partner
        draft(contact(f, 1), { Status_Reason__c: 'Churned' }), // contact 1 is New: Churned is for Inactive
        draft(contact(f, 7), { Status__c: 'Inactive', Status_Reason__c: 'Churned' }), // both in the same row: valid
        draft(contact(f, 9), { Status__c: 'Bogus' })
    ]);
    assert.deepEqual(codes(r), [
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        'saved',
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        'saved',
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
    ]);
    assert.deepEqual(r.results[0].errors, [
        {
            code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            message:
                'Preferred Channel: bad value for restricted picklist field: Partner_Portal (record type Customer does not offer it)',
            fields: ['Preferred_Channel__c']
        }
    ]);
    assert.deepEqual(r.results[2].errors[0].fields, ['Status_Reason__c']);
    assert.equal(
        r.results[2].errors[0].message,
        'Status Reason: bad value for restricted picklist field: Churned (not valid when Status is New)'
    );
    assert.equal(r.results[4].errors[0].message, 'Status: bad value for restricted picklist field: Bogus');
    // record type and controlling value together: the Partner record type has no Churned
    const both = save(f, [draft(store.get('Contact', partner.Id)!, { Status_Reason__c: 'Churned' })]);
    assert.match(both.results[0].errors[0].message, /record type Partner does not offer it/);
    assert.deepEqual(
        codes(save(f, [draft(store.get('Contact', partner.Id)!, { Status_Reason__c: 'Contract_Ended' })])),
        ['saved']
    );
});

test('saveRecords: a lookup to a missing record, or to one the user cannot see, is INVALID_CROSS_REFERENCE_KEY', () => {
    const f = project();
    const [a, b] = f.backend.store.all('Account');
    const session = { access: accessPolicy({ invisible: [b.Id] }) };
    const r = save(
        f,
        [
            draft(contact(f, 1), { AccountId: '001999999999999AAA' }),
            draft(contact(f, 2), { AccountId: b.Id }),
            draft(contact(f, 3), { AccountId: a.Id })
        ],
        session
    );
    assert.deepEqual(codes(r), ['INVALID_CROSS_REFERENCE_KEY', 'INVALID_CROSS_REFERENCE_KEY', 'saved']);
    assert.deepEqual(r.results[0].errors[0].fields, ['AccountId']);
    assert.deepEqual(r.results[1].errors[0], {
        code: 'INVALID_CROSS_REFERENCE_KEY',
        message: `insufficient access rights on cross-reference id: ${b.Id}`,
        fields: ['AccountId']
    });
    assert.equal((r.records[0].Account as { Name: string }).Name, 'Account A');
    const wrongType = save(f, [draft(contact(f, 4), { AccountId: contact(f, 5).Id })]);
    assert.deepEqual(codes(wrongType), ['INVALID_CROSS_REFERENCE_KEY']);
});

// ------------------------------------------------------------------ searchLookup

test('searchLookup: names containing the term, by name, at most 10, only records the user can see', () => {
    const data = {
        'data-plan.json': [{ sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Accounts.json'] }],
        'Accounts.json': {
            records: [
                ...Array.from({ length: 14 }, (_, i) => ({
                    attributes: { type: 'Account', referenceId: `A${i}` },
                    Name: `Acme ${String.fromCharCode(78 - i)}`
                })),
                { attributes: { type: 'Account', referenceId: 'G' }, Name: 'Globex' },
                { attributes: { type: 'Account', referenceId: 'P' }, Name: '100%_Pure' }
            ]
        }
    };
    const f = makeProject({ data, definitions: { Edit: editDefinition() } });
    fixtures.push(f);
    const search = (term: unknown, session?: ControllerSession, fieldPath = 'AccountId') =>
        f.backend.controller.searchLookup(
            { definitionName: 'Edit', tableName: 'contactsTable', fieldPath, searchTerm: term },
            session
        );
    const acme = search('  acme ');
    assert.equal(acme.length, 10);
    assert.deepEqual(
        acme.map((o) => o.name),
        ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((x) => `Acme ${x}`)
    );
    assert.deepEqual(Object.keys(acme[0]).sort(), ['id', 'name', 'objectApiName']);
    assert.equal(acme[0].objectApiName, 'Account');
    assert.deepEqual(
        search('GLOB').map((o) => o.name),
        ['Globex']
    );
    assert.deepEqual(
        search('%_').map((o) => o.name),
        ['100%_Pure'],
        '% and _ match themselves'
    );
    // a blank term: the first 10 by name
    assert.equal(search('')[0].name, '100%_Pure');
    assert.equal(search(null).length, 10);
    // a record the user cannot see is never offered
    const globex = f.backend.store.all('Account').find((x) => x.Name === 'Globex')!;
    assert.deepEqual(search('glob', { access: accessPolicy({ invisible: [globex.Id] }) }), []);
    // only editable lookup columns search
    const notColumn = refusal(() => search('a', undefined, 'Account.Name'));
    assert.equal(notColumn.code, 'NOT_EDITABLE');
    const notLookup = refusal(() => search('a', undefined, 'Email'));
    assert.equal(notLookup.code, 'NOT_EDITABLE');
    assert.equal(
        notLookup.message,
        'Email (Email) is not a lookup field (it is EMAIL): only editable lookup columns search for records.'
    );
    const noAccess = refusal(() => search('a', { access: accessPolicy({ hidden: ['Account.Name'] }) }));
    assert.equal(noAccess.code, 'NO_ACCESS');
    assert.equal(
        noAccess.message,
        'You do not have access to Accounts (Account), so Account ID cannot offer records. Ask your Salesforce admin for read access.'
    );
});

// ------------------------------------------------------------------ exportRows

test('exportRows: pages of up to 2,000 rows over the table query, column fields only, maxRows across pages', () => {
    const def = editDefinition({ maxRows: 45, fields: ['Name', 'Title', ...EDITABLE, 'Account.Name'] });
    const table = (def.components as Record<string, unknown>[])[0];
    table.columns = [{ field: 'Name' }, { field: 'Email' }, { field: 'Account.Name' }, { field: 'AccountId' }];
    const f = makeProject({ data: undefined, definitions: { Edit: def } });
    fixtures.push(f);
    // 30 contacts in the default sample data: add more so maxRows cuts the list
    for (let i = 0; i < 30; i++) f.backend.store.insert('Contact', { LastName: `Extra${i}`, Email: `e${i}@x.com` });
    const page = (request: Record<string, unknown>, session?: ControllerSession): QueryResponse =>
        f.backend.controller.exportRows(
            { definitionName: 'Edit', tableName: 'contactsTable', requestJson: JSON.stringify(request) },
            session
        );
    const all = page({ withCount: true });
    assert.equal(all.records.length, 45, 'default pageSize 2,000, capped by maxRows');
    assert.equal(all.nextCursor, null);
    assert.equal(all.totalCount, 45);
    assert.deepEqual(
        all.fields.map((x) => x.path),
        ['Id', 'Name', 'Email', 'AccountId', 'Account.Name'],
        "the query's fields that are columns, in the query's order"
    );
    assert.ok(all.records.every((r) => !('Title' in r) && !('LastModifiedDate' in r)));
    // paging with a cursor until nextCursor is null: maxRows holds across pages
    const ids: string[] = [];
    let cursor: unknown = null;
    let pages = 0;
    do {
        const p = page({ pageSize: 20, cursor, sortBy: 'Email', sortDirection: 'desc' });
        ids.push(...p.records.map((r) => r.Id as string));
        cursor = p.nextCursor;
        pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 3);
    assert.equal(ids.length, 45);
    assert.equal(new Set(ids).size, 45);
    // the search term applies
    assert.ok(page({ searchTerm: 'Extra1' }).records.every((r) => String(r.Name).includes('Extra1')));
    // a column the user cannot read is left out with runQuery's notice
    const hidden = page({ pageSize: 3 }, { access: accessPolicy({ hidden: ['Contact.Email'] }) });
    assert.ok(!hidden.fields.some((x) => x.path === 'Email'));
    assert.ok(hidden.records.every((r) => !('Email' in r)));
    assert.ok(
        hidden.notices.some(
            (n) => n.path === 'Email' && n.message === 'Email is hidden: you do not have access to this field.'
        )
    );
    assert.equal(refusal(() => page({ pageSize: 2001 })).code, 'INVALID_REQUEST');
});

// ------------------------------------------------------------------ validation rule formulas

test('validation rule formulas: bare field names become merge fields; strings, functions and keywords stay', () => {
    assert.equal(
        toMergeFieldSyntax('AND(ISPICKVAL(Status__c, "Active"), ISBLANK(Email))'),
        'AND(ISPICKVAL({!Status__c}, "Active"), ISBLANK({!Email}))'
    );
    assert.equal(
        toMergeFieldSyntax(
            "OR(Account.Name = 'Acme (x)', Score__c > 1.5, TRUE, NOT( {!Done__c} ), $User.Id = OwnerId)"
        ),
        "OR({!Account.Name} = 'Acme (x)', {!Score__c} > 1.5, TRUE, NOT( {!Done__c} ), {!$User.Id} = {!OwnerId})"
    );
});

test('the end user (?as=user) cannot read Contact.Birthdate: runQuery and exportRows leave it out with the notice', () => {
    const def = editDefinition({ fields: ['Name', 'Email', 'Birthdate'] });
    (def.components as Record<string, unknown>[])[0].columns = [
        { field: 'Name' },
        { field: 'Email', editable: true },
        { field: 'Birthdate' }
    ];
    const f = project(def);
    f.backend.store.update('Contact', contact(f, 1).Id, { Birthdate: '1990-05-01' });
    const notice = { path: 'Birthdate', message: 'Birthdate is hidden: you do not have access to this field.' };
    const exported = f.backend.controller.exportRows(
        { definitionName: 'Edit', tableName: 'contactsTable', requestJson: '{}' },
        { canCustomize: false }
    );
    assert.deepEqual(
        exported.fields.map((x) => x.path),
        ['Id', 'Name', 'Email']
    );
    assert.ok(exported.records.every((r) => !('Birthdate' in r)));
    assert.deepEqual(
        exported.notices.filter((n) => n.path === 'Birthdate'),
        [notice]
    );
    const listed = f.backend.controller.runQuery(
        { definitionName: 'Edit', queryName: 'contacts', requestJson: '{}' },
        { canCustomize: false }
    );
    assert.deepEqual(
        listed.notices.filter((n) => n.path === 'Birthdate'),
        [notice]
    );
    // the admin reads it
    const admin = f.backend.controller.exportRows({
        definitionName: 'Edit',
        tableName: 'contactsTable',
        requestJson: '{}'
    });
    assert.ok(admin.records.some((r) => r.Birthdate === '1990-05-01'));
    assert.deepEqual(admin.notices, []);
});

test('a custom field required by its object XML (<required>true</required>) cannot be cleared: REQUIRED_FIELD_MISSING', () => {
    const data = sampleData(2, 3);
    for (const r of (data['Contacts.json'] as { records: Record<string, unknown>[] }).records) r.Region__c = 'EMEA';
    const def = editDefinition({ fields: ['Name', 'Email', 'Region__c'] });
    (def.components as Record<string, unknown>[])[0].columns = [
        { field: 'Name' },
        { field: 'Email', editable: true },
        { field: 'Region__c', editable: true }
    ];
    // the project first (its backend loads data without the field), then the field and the data that fills it
    const first = makeProject({ data: sampleData(2, 3), definitions: { Edit: def } });
    fixtures.push(first);
    fs.writeFileSync(path.join(first.root, 'data', 'Contacts.json'), JSON.stringify(data['Contacts.json']));
    fs.writeFileSync(
        path.join(
            first.root,
            'force-app',
            'main',
            'default',
            'objects',
            'Contact',
            'fields',
            'Region__c.field-meta.xml'
        ),
        `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Region__c</fullName>
    <label>Region</label>
    <length>40</length>
    <required>true</required>
    <type>Text</type>
</CustomField>`
    );
    const f: Fixture = { root: first.root, backend: createBackend({ root: first.root }) };
    const c = f.backend.store.all('Contact')[0];
    const r = save(f, [draft(c, { Region__c: '' }), draft(f.backend.store.all('Contact')[1], { Region__c: 'APAC' })]);
    assert.deepEqual(r.results[0].errors, [
        { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Region__c]', fields: ['Region__c'] }
    ]);
    assert.equal(r.results[1].success, true);
    assert.equal(f.backend.store.get('Contact', c.Id)!.Region__c, 'EMEA');
});

test('executeFlow re-reads a selection as the user sees it: a row hidden from the end user is ROW_NOT_AVAILABLE', () => {
    const f = project(withSetActive(editDefinition()), ['Set_Contact_Status_Active']);
    const [a, b] = [contact(f, 1), contact(f, 2)];
    f.backend.controller.hiddenFromUser.add(b.Id);
    const refused = runSetActive(f, [a.Id, b.Id], { canCustomize: false });
    assert.equal(refused.success, false);
    assert.equal(refused.error?.code, 'ROW_NOT_AVAILABLE');
    assert.deepEqual(refused.error?.details, [b.Id]);
    assert.notEqual(f.backend.store.get('Contact', a.Id)!.Status__c, 'Active', 'nothing ran');
    // the admin still sees both
    assert.equal(runSetActive(f, [a.Id, b.Id]).success, true);
});
