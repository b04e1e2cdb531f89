import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { cleanup, contactDefinition, makeProject, type Fixture } from './helpers';
import type { QueryResponse } from '../backend/query';

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
    assert.ok(r.nextCursor && r.nextCursor.rowCount === 5);
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
    // like Apex: the cursor carries rowCount, and the page after maxRows is empty with a notice
    assert.equal(p2.nextCursor?.rowCount, 6);
    const p3 = run(f, 'Q', { cursor: p2.nextCursor });
    assert.equal(p3.records.length, 0);
    assert.equal(p3.nextCursor, null);
    assert.ok(p3.notices.some((n) => n.message === 'Showing the first 6 rows: this list does not load more.'));
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
