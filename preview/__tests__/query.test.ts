import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanup, contactDefinition, makeProject, REPO, type Fixture } from './helpers';
import { loadSchema } from '../backend/schema';
import { createBackend } from '../backend';
import { runStructuredQuery, type QueryResponse } from '../backend/query';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

function project(defs: Record<string, unknown>): Fixture {
    const f = makeProject({ definitions: defs });
    fixtures.push(f);
    return f;
}

function run(f: Fixture, def: string, request: Record<string, unknown> = {}, queryName = 'contacts'): QueryResponse {
    return f.backend.controller.runQuery({ definitionName: def, queryName, requestJson: JSON.stringify(request) });
}

function errorOf(fn: () => unknown): { code: string; message: string } {
    try {
        fn();
    } catch (e) {
        return e as { code: string; message: string };
    }
    assert.fail('expected an error');
}

test('first page: Id first, parent fields nested, nulls left out, totalCount, field describes', () => {
    const f = project({ Q: contactDefinition('Q', { pageSize: 5 }) });
    const r = run(f, 'Q', { withCount: true });
    assert.equal(r.records.length, 5);
    assert.equal(r.totalCount, 30);
    assert.deepEqual(Object.keys(r.records[0]).slice(0, 2), ['Id', 'Name']);
    assert.match(String((r.records[0].Account as { Name: string }).Name), /^Account [ABC]$/);
    assert.deepEqual(
        r.fields.map((x) => [x.path, x.type]),
        [
            ['Id', 'ID'],
            ['Name', 'STRING'],
            ['Email', 'EMAIL'],
            ['Status__c', 'PICKLIST'],
            ['Account.Name', 'STRING']
        ]
    );
    assert.equal(r.fields[1].isNameField, true);
    assert.equal(r.objectLabelPlural, 'Contacts');
    const names = r.records.map((x) => x.Name as string);
    assert.deepEqual(
        names,
        [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
    );
    // a position only: the server keeps no count in the cursor that a client could change
    assert.deepEqual(Object.keys(r.nextCursor ?? {}).sort(), ['id', 'sortValue']);
});

test('keyset paging walks every row exactly once in order, for asc and desc with nulls last', () => {
    const f = project({ Q: contactDefinition('Q', { pageSize: 7 }) });
    for (const [sortBy, sortDirection] of [
        ['Email', 'asc'],
        ['Email', 'desc'],
        ['Status__c', 'asc'],
        ['Name', 'desc']
    ]) {
        const seen: Record<string, unknown>[] = [];
        let cursor = null;
        for (let i = 0; i < 10; i++) {
            const r = run(f, 'Q', { sortBy, sortDirection, cursor });
            seen.push(...r.records);
            cursor = r.nextCursor;
            if (!cursor) break;
        }
        assert.equal(seen.length, 30, `${sortBy} ${sortDirection}`);
        assert.equal(new Set(seen.map((x) => x.Id)).size, 30);
        const values = seen.map((x) => x[sortBy] ?? null);
        const firstNull = values.indexOf(null);
        if (firstNull >= 0)
            assert.ok(
                values.slice(firstNull).every((v) => v === null),
                `nulls last for ${sortBy} ${sortDirection}`
            );
    }
});

test('picklists sort in setup order (New, Active, Inactive), not alphabetically; the default applies on insert', () => {
    const f = project({ Q: contactDefinition('Q', { pageSize: 100 }) });
    const statuses = run(f, 'Q', { sortBy: 'Status__c', sortDirection: 'asc' }).records.map((r) => r.Status__c ?? null);
    // contacts loaded without a status got the picklist default (New)
    assert.deepEqual([...new Set(statuses)], ['New', 'Active', 'Inactive']);
    const desc = run(f, 'Q', { sortBy: 'Status__c', sortDirection: 'desc' }).records.map((r) => r.Status__c);
    assert.deepEqual([...new Set(desc)], ['Inactive', 'Active', 'New']);
});

test('conditions with custom logic, in / notIn, isNull, contains and merge-field binds', () => {
    const f = project({
        Q: contactDefinition('Q', {
            pageSize: 100,
            where: {
                logic: '(1 OR 2) AND NOT 3',
                conditions: [
                    { field: 'Status__c', operator: 'in', value: ['Active', 'New'] },
                    { field: 'Email', operator: 'isNull', value: true },
                    { field: 'Account.Name', operator: 'equals', value: '{!$Record.Name}' }
                ]
            }
        })
    });
    const accountA = f.backend.store.all('Account').find((a) => a.Name === 'Account A')!.Id;
    // {!$Record.Name} is read on the server from the record Id; a bind the browser sends for it is ignored
    const r = run(f, 'Q', { binds: { '3': 'Account B' }, recordId: accountA, withCount: true } as never);
    const all = f.backend.store.all('Contact');
    const expected = all.filter(
        (c) => (['Active', 'New'].includes(c.Status__c as string) || c.Email == null) && c.AccountId !== accountA
    );
    assert.equal(r.totalCount, expected.length);
    assert.deepEqual(new Set(r.records.map((x) => x.Id)), new Set(expected.map((c) => c.Id)));
    // no record: {!$Record.Name} is null, and a null merge field matches no row (`!= null` would widen NOT 3)
    assert.equal(run(f, 'Q', { withCount: true }).totalCount, 0);
});

test('search over searchFields is case-insensitive; maxRows caps pages and the count', () => {
    const f = project({ Q: contactDefinition('Q', { pageSize: 4, maxRows: 6 }) });
    const s = run(f, 'Q', { searchTerm: 'GRACE', pageSize: 100 });
    assert.ok(s.records.length > 0 && s.records.every((r) => String(r.Name).startsWith('Grace')));
    const p1 = run(f, 'Q', { withCount: true });
    assert.equal(p1.totalCount, 6);
    assert.ok(p1.notices.some((n) => n.path === 'maxRows'));
    const p2 = run(f, 'Q', { cursor: p1.nextCursor });
    assert.equal(p2.records.length, 2);
    // like Apex: at maxRows there is no next cursor, and the notice says the list stops
    assert.equal(p2.nextCursor, null);
    assert.ok(p2.notices.some((n) => n.message === 'Showing the first 6 rows: this list does not load more.'));
});

const STOP_6 = 'Showing the first 6 rows: this list does not load more.';

/** Ids of the whole list in the query's order (a copy of the definition without maxRows). */
function fullOrder(f: Fixture, request: Record<string, unknown> = {}): string[] {
    return run(f, 'All', { ...request, pageSize: 2000 }).records.map((r) => r.Id as string);
}

function cursorAt(f: Fixture, rowIndex: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const row = run(f, 'All', { pageSize: 2000 }).records[rowIndex];
    return { sortValue: row.Name, id: row.Id, ...extra };
}

function maxRowsProject(maxRows: number, query: Record<string, unknown> = {}): Fixture {
    return project({
        Q: contactDefinition('Q', { maxRows, ...query }),
        All: contactDefinition('All', query)
    });
}

test('maxRows: a forged rowCount of 0 reaches no row past maxRows', () => {
    const f = maxRowsProject(6);
    const order = fullOrder(f);
    // a client that follows nextCursor but always sends rowCount 0
    const walked: string[] = [];
    let cursor: Record<string, unknown> | null = null;
    for (let i = 0; i < 20; i++) {
        const r = run(f, 'Q', { pageSize: 4, cursor });
        walked.push(...r.records.map((x) => x.Id as string));
        cursor = r.nextCursor ? { ...r.nextCursor, rowCount: 0 } : null;
        if (!cursor) break;
    }
    assert.deepEqual(walked, order.slice(0, 6), 'rowCount 0 on every page still ends after the first 6 rows');
    // a cursor on row 3 claiming nothing was delivered, with a page of 10: only rows 4 to 6
    const fromThird = run(f, 'Q', { pageSize: 10, cursor: cursorAt(f, 2, { rowCount: 0 }) });
    assert.deepEqual(
        fromThird.records.map((x) => x.Id),
        order.slice(3, 6)
    );
    assert.equal(fromThird.nextCursor, null);
    // a cursor on row 10, past maxRows
    const pastMax = run(f, 'Q', { pageSize: 10, cursor: cursorAt(f, 9, { rowCount: 0 }) });
    assert.equal(pastMax.records.length, 0);
    assert.equal(pastMax.nextCursor, null);
    assert.deepEqual(
        pastMax.notices.map((n) => n.message),
        [STOP_6]
    );
    // any rowCount, well-formed or not, is ignored rather than refused (Apex does the same)
    for (const rowCount of [-1, 'none', 1e6, { forged: true }]) {
        const r = run(f, 'Q', { pageSize: 10, cursor: cursorAt(f, 2, { rowCount }) });
        assert.deepEqual(
            r.records.map((x) => x.Id),
            order.slice(3, 6),
            `rowCount ${JSON.stringify(rowCount)}`
        );
    }
});

test('maxRows: normal paging with a filter, search and descending order reaches exactly maxRows', () => {
    const query = { where: { conditions: [{ field: 'Status__c', operator: 'notEquals', value: 'Inactive' }] } };
    const f = maxRowsProject(7, query);
    const request = { sortBy: 'Name', sortDirection: 'desc', searchTerm: 'person' };
    const order = fullOrder(f, request);
    assert.ok(order.length > 7, 'more rows match than maxRows');
    const delivered: string[] = [];
    const sizes: number[] = [];
    let cursor: unknown = null;
    let last: QueryResponse | undefined;
    for (let i = 0; i < 20; i++) {
        last = run(f, 'Q', { ...request, pageSize: 3, cursor });
        delivered.push(...last.records.map((x) => x.Id as string));
        sizes.push(last.records.length);
        cursor = last.nextCursor;
        if (!cursor) break;
    }
    assert.deepEqual(delivered, order.slice(0, 7), 'exactly the first 7 rows, in order');
    assert.deepEqual(sizes, [3, 3, 1]);
    assert.ok(last?.notices.some((n) => n.message === 'Showing the first 7 rows: this list does not load more.'));
});

test('maxRows: a page ending on the last allowed row has no next cursor, and a cursor there brings nothing', () => {
    const f = maxRowsProject(6);
    const order = fullOrder(f);
    const first = run(f, 'Q', { pageSize: 3 });
    assert.ok(first.nextCursor);
    const second = run(f, 'Q', { pageSize: 3, cursor: first.nextCursor });
    assert.equal(second.records[2].Id, order[5], 'the second page ends on row 6');
    assert.equal(second.nextCursor, null);
    const onSixth = run(f, 'Q', { pageSize: 3, cursor: cursorAt(f, 5) });
    assert.equal(onSixth.records.length, 0);
    assert.equal(onSixth.nextCursor, null);
});

test('maxRows under concurrent changes: a row inserted before the cursor takes one of the maxRows, a deleted one frees one', () => {
    const f = maxRowsProject(6);
    const first = run(f, 'Q', { pageSize: 4 });
    const early = f.backend.store.insert('Contact', { LastName: 'Aardvark' });
    const afterInsert = run(f, 'Q', { pageSize: 4, cursor: first.nextCursor });
    const nowOrder = fullOrder(f);
    assert.equal(nowOrder[0], early.Id, 'the new row sorts first');
    assert.deepEqual(
        afterInsert.records.map((x) => x.Id),
        [nowOrder[5]],
        'one row is left: the 6th of the list as it is now'
    );
    assert.equal(afterInsert.nextCursor, null);
    // deleting two rows before the cursor frees two places
    f.backend.store.delete('Contact', early.Id);
    f.backend.store.delete('Contact', first.records[0].Id as string);
    const afterDelete = run(f, 'Q', { pageSize: 4, cursor: first.nextCursor });
    const orderNow = fullOrder(f);
    assert.deepEqual(
        afterDelete.records.map((x) => x.Id),
        orderNow.slice(3, 6),
        'rows 4 to 6 of the list as it is now'
    );
    assert.equal(afterDelete.nextCursor, null);
});

test('request errors have the Apex codes and messages', () => {
    const f = project({ Q: contactDefinition('Q') });
    assert.deepEqual(
        [errorOf(() => run(f, 'Q', { pageSize: 2001 })).message, errorOf(() => run(f, 'Q', { pageSize: 0 })).code],
        ['pageSize must be between 1 and 2000, not 2001.', 'INVALID_REQUEST']
    );
    assert.equal(errorOf(() => run(f, 'Q', { sortBy: 'Phone' })).code, 'INVALID_REQUEST');
    assert.equal(
        errorOf(() => run(f, 'Q', { sortDirection: 'up' })).message,
        'sortDirection must be "asc" or "desc", not "up".'
    );
    assert.equal(
        errorOf(() => run(f, 'Q', { cursor: { sortValue: 'x', id: '001000000000001AAA' } })).message,
        'cursor.id 001000000000001AAA is not a Contact Id.'
    );
    // a text key with another JSON value is refused (as in Apex), never a TypeError
    assert.deepEqual(
        [
            errorOf(() => run(f, 'Q', { searchTerm: {} })),
            errorOf(() => run(f, 'Q', { sortBy: ['Name'] })),
            errorOf(() => run(f, 'Q', { sortDirection: 1 })),
            errorOf(() => run(f, 'Q', { binds: 5 }))
        ].map((e) => [e.code, e.message]),
        [
            ['INVALID_REQUEST', 'searchTerm must be text or null, not {}.'],
            ['INVALID_REQUEST', 'sortBy must be text or null, not ["Name"].'],
            ['INVALID_REQUEST', 'sortDirection must be text or null, not 1.'],
            ['INVALID_REQUEST', 'binds must be an object keyed by condition number.']
        ]
    );
    const unknownQuery = errorOf(() => run(f, 'Q', {}, 'nope'));
    assert.equal(unknownQuery.code, 'UNKNOWN_QUERY');
    assert.equal(unknownQuery.message, 'Definition "Q" has no query named "nope". Queries: contacts.');
    const unknownDef = errorOf(() => run(f, 'Nope'));
    assert.equal(unknownDef.code, 'UNKNOWN_DEFINITION');
    assert.equal(unknownDef.message, 'There is no Dynamic Component definition named "Nope". Available: Q.');
});

test('a definition with problems is reported by getDefinition and refused by runQuery', () => {
    const bad = contactDefinition('Bad', { fields: ['Name', 'Nope__c'] });
    const f = project({ Bad: bad });
    const d = f.backend.controller.getDefinition({ definitionName: 'Bad' });
    assert.ok(d.problems.length > 0, 'problems listed');
    assert.ok(
        d.problems.some((p) => /Nope__c/.test(p.message) || /fields\[1\]/.test(p.path)),
        JSON.stringify(d.problems)
    );
    assert.equal(errorOf(() => run(f, 'Bad')).code, 'INVALID_DEFINITION');
});

test("picklist fields carry their active values' labels from the object XML; records keep the API values", () => {
    const f = project({ Q: contactDefinition('Q', { pageSize: 30 }) });
    const xml = path.join(
        f.root,
        'force-app',
        'main',
        'default',
        'objects',
        'Contact',
        'fields',
        'Status__c.field-meta.xml'
    );
    // a label that differs from its value, and an inactive value (left out: a row holding it shows the value)
    fs.writeFileSync(
        xml,
        fs
            .readFileSync(xml, 'utf8')
            .replace('<label>Active</label>', '<label>Active Customer</label>')
            .replace('<label>Inactive</label>', '<label>Inactive</label><isActive>false</isActive>')
    );
    const backend = createBackend({ root: f.root });
    const r = backend.controller.runQuery({
        definitionName: 'Q',
        queryName: 'contacts',
        requestJson: JSON.stringify({ pageSize: 30 })
    }) as QueryResponse;
    const status = r.fields.find((x) => x.path === 'Status__c');
    assert.deepEqual(status?.picklistLabels, { New: 'New', Active: 'Active Customer' });
    assert.equal(r.fields.find((x) => x.path === 'Email')?.picklistLabels, null);
    assert.equal(r.fields.find((x) => x.path === 'Account.Name')?.picklistLabels, null);
    assert.ok(
        r.records.some((x) => x.Status__c === 'Active'),
        'the records hold API values'
    );
});

test("a lookup brings the related record's name along, once, and reports it as nameField", () => {
    const f = project({
        L: contactDefinition('L', { pageSize: 30, fields: ['Name', 'Email', 'Status__c', 'AccountId'] }),
        B: contactDefinition('B', { pageSize: 30, fields: ['Name', 'Email', 'Status__c', 'AccountId', 'Account.Name'] })
    });
    const r = run(f, 'L', { pageSize: 30 });
    assert.deepEqual(
        r.fields.map((x) => [x.path, x.nameField]),
        [
            ['Id', null],
            ['Name', null],
            ['Email', null],
            ['Status__c', null],
            ['AccountId', 'Account.Name']
        ]
    );
    const withAccount = r.records.filter((x) => x.AccountId);
    assert.ok(withAccount.length > 0, 'the sample has contacts with an account');
    for (const row of withAccount) assert.match(String((row.Account as { Name: string }).Name), /^Account [ABC]$/);
    const b = run(f, 'B', { pageSize: 30 });
    assert.deepEqual(
        b.fields.map((x) => x.path),
        ['Id', 'Name', 'Email', 'Status__c', 'AccountId', 'Account.Name']
    );
    assert.equal(b.fields[4].nameField, 'Account.Name');
});

test('built-in run statuses read as Setup labels them (In Progress, Not Started); the store keeps the API values', () => {
    const schema = loadSchema(path.join(REPO, 'force-app', 'main', 'default'));
    const entries = (object: string) =>
        Object.fromEntries(
            (schema.objects.get(object)?.fields.get('Status')?.picklistEntries ?? []).map((e) => [e.value, e.label])
        );
    assert.deepEqual(entries('FlowOrchestrationInstance'), {
        InProgress: 'In Progress',
        Completed: 'Completed',
        Error: 'Error',
        Canceled: 'Canceled',
        Suspended: 'Suspended'
    });
    assert.equal(entries('FlowOrchestrationStepInstance').NotStarted, 'Not Started');
    assert.deepEqual(schema.objects.get('FlowOrchestrationInstance')?.fields.get('Status')?.picklistValues, [
        'InProgress',
        'Completed',
        'Error',
        'Canceled',
        'Suspended'
    ]);
});

test('a polymorphic lookup (work item RelatedRecordId) names its record through RelatedRecord.Name, like Apex', () => {
    const backend = createBackend();
    const r = backend.controller.runQuery({
        definitionName: 'Orchestration_Work_Items',
        queryName: 'myWorkItems',
        requestJson: '{}'
    });
    const info = r.fields.find((x) => x.path === 'RelatedRecordId');
    assert.equal(info?.type, 'REFERENCE');
    assert.equal(info?.nameField, 'RelatedRecord.Name');
    assert.ok(r.records.length > 0);
    for (const row of r.records) {
        const related = backend.store.byId(String(row.RelatedRecordId));
        assert.ok(related, 'the related record exists');
        assert.deepEqual(row.RelatedRecord, { Id: related.Id, Name: related.Name });
    }
    // only Name and Id can be read through a polymorphic relationship
    const query = { name: 'q', object: 'FlowOrchestrationWorkItem', fields: ['RelatedRecord.Industry'] };
    assert.throws(
        () => runStructuredQuery(backend.store, query),
        /'RelatedRecord' is not a relationship of FlowOrchestrationWorkItem/
    );
});
