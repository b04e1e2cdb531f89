import fc from 'fast-check';
import {
    DraftStore,
    MAX_SAVE_ROWS,
    SaveLimitError,
    changesLabel,
    countLabel,
    sameFieldValue,
    saveLimitProblem
} from 'c/dcRuntime';
import type { QueryFieldInfo } from 'c/dcRuntime';

type Row = Record<string, unknown>;

function rowsOf(n: number): Row[] {
    return Array.from({ length: n }, (_, i) => ({
        Id: `003${String(i).padStart(15, '0')}`,
        Name: `Contact ${i}`,
        Phone: null,
        Amount__c: i,
        Status__c: 'Active',
        LastModifiedDate: `2026-12-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`
    }));
}

function storeFor(
    rows: Row[],
    options: { fields?: QueryFieldInfo[] } = {}
): { store: DraftStore; byKey: Map<string, Row> } {
    const byKey = new Map(rows.map((r) => [r.Id as string, r]));
    return { store: new DraftStore({ rowOf: (key) => byKey.get(key), ...options }), byKey };
}

describe('labels', () => {
    it('counts in singular and plural', () => {
        expect(changesLabel(0)).toBe('0 changes');
        expect(changesLabel(1)).toBe('1 change');
        expect(changesLabel(3)).toBe('3 changes');
        expect(changesLabel(12000)).toBe('12,000 changes');
        expect(countLabel(1, 'row', 'rows')).toBe('1 row');
        expect(countLabel(2, 'entry', 'entries')).toBe('2 entries');
    });

    it('refuses a save above MAX_SAVE_ROWS with a message saying how many and what to do', () => {
        expect(MAX_SAVE_ROWS).toBe(10000);
        expect(saveLimitProblem(10000)).toBeNull();
        expect(saveLimitProblem(10001)).toBe(
            'This save would change 10,001 rows; one save can change at most 10,000. Save fewer rows at a time, or cancel some changes.'
        );
    });
});

describe('sameFieldValue', () => {
    it('treats blanks alike, numbers and their text alike, date-times by instant', () => {
        expect(sameFieldValue('', null)).toBe(true);
        expect(sameFieldValue(undefined, null)).toBe(true);
        expect(sameFieldValue('', 'a')).toBe(false);
        expect(sameFieldValue(0, null)).toBe(false);
        expect(sameFieldValue(12.5, '12.5')).toBe(true);
        expect(sameFieldValue('12', 12)).toBe(true);
        expect(sameFieldValue(' ', 0)).toBe(false);
        expect(sameFieldValue(12, 13)).toBe(false);
        expect(sameFieldValue('2026-12-01T10:00:00Z', '2026-12-01T10:00:00.000+0000')).toBe(true);
        expect(sameFieldValue('2026-12-01T10:00:00.000+0000', '2026-12-01T10:00:00Z')).toBe(true);
        expect(sameFieldValue('2026-12-01T10:00:00Z', '2026-12-01T11:00:00.000+01:00')).toBe(true);
        expect(sameFieldValue('2026-12-01T10:00:00Z', '2026-12-01T10:00:01Z')).toBe(false);
        expect(sameFieldValue('a', 'A')).toBe(false);
        expect(sameFieldValue(true, 'true')).toBe(false);
    });
});

describe('DraftStore', () => {
    it('sets, reads and counts drafts by row key and field', () => {
        const rows = rowsOf(3);
        const { store } = storeFor(rows);
        const key = rows[0].Id as string;
        expect(store.count).toBe(0);
        expect(store.label).toBe('0 changes');
        const v0 = store.version;
        expect(store.set(key, 'Name', 'Ann')).toBe(true);
        expect(store.version).toBeGreaterThan(v0);
        expect(store.set(key, 'Phone', '555')).toBe(true);
        expect(store.set(rows[1].Id as string, 'Name', 'Bob')).toBe(true);
        expect(store.count).toBe(3);
        expect(store.rowCount).toBe(2);
        expect(store.label).toBe('3 changes');
        expect(store.get(key, 'Name')).toBe('Ann');
        expect(store.get(key, 'Status__c')).toBeUndefined();
        expect(store.get('nope', 'Name')).toBeUndefined();
        expect(store.has(key)).toBe(true);
        expect(store.has(key, 'Phone')).toBe(true);
        expect(store.has(key, 'Status__c')).toBe(false);
        expect(store.has(rows[2].Id as string)).toBe(false);
        expect(store.valuesOf(key)).toEqual({ Name: 'Ann', Phone: '555' });
        expect(store.valuesOf('nope')).toEqual({});
        expect(store.keys()).toEqual([rows[0].Id, rows[1].Id]);
        // setting the same cell again does not count twice
        store.set(key, 'Name', 'Anna');
        expect(store.count).toBe(3);
        expect(store.get(key, 'Name')).toBe('Anna');
    });

    it('removes a draft set back to the original value, also a cleared empty field', () => {
        const rows = rowsOf(2);
        const { store } = storeFor(rows);
        const key = rows[0].Id as string;
        store.set(key, 'Name', 'Ann');
        store.set(key, 'Amount__c', 5);
        expect(store.count).toBe(2);
        expect(store.set(key, 'Name', 'Contact 0')).toBe(false);
        expect(store.has(key, 'Name')).toBe(false);
        expect(store.count).toBe(1);
        expect(store.set(key, 'Amount__c', '0')).toBe(false); // the number as text is the same value
        expect(store.has(key)).toBe(false);
        expect(store.rowCount).toBe(0);
        expect(store.set(key, 'Phone', '')).toBe(false); // Phone was null
        expect(store.count).toBe(0);
        // null is a real draft when the field had a value
        expect(store.set(key, 'Name', null)).toBe(true);
        expect(store.get(key, 'Name')).toBeNull();
        expect(store.set(key, 'Name', undefined)).toBe(true);
        expect(store.get(key, 'Name')).toBeNull();
    });

    it('compares with the original remembered at the first edit when the row is no longer loaded', () => {
        const rows = rowsOf(2);
        const loaded = new Map(rows.map((r) => [r.Id as string, r]));
        const store = new DraftStore({ rowOf: (key) => loaded.get(key) });
        const key = rows[0].Id as string;
        store.set(key, 'Name', 'Ann');
        loaded.clear(); // a search filtered the row out
        store.set(key, 'Phone', '555'); // original unknown: kept
        expect(store.set(key, 'Name', 'Contact 0')).toBe(false);
        expect(store.valuesOf(key)).toEqual({ Phone: '555' });
        const request = store.toRequest();
        expect(request.drafts).toEqual([
            { id: rows[0].Id, values: { Phone: '555' }, lastModifiedDate: rows[0].LastModifiedDate }
        ]);
    });

    it('keeps drafts by key across sort, paging and refresh: a refreshed row is a new object', () => {
        const rows = rowsOf(5);
        const { store, byKey } = storeFor(rows);
        store.set(rows[3].Id as string, 'Name', 'Dora');
        // refresh: new objects, different order, a newer LastModifiedDate
        const refreshed = rowsOf(5)
            .reverse()
            .map((r): Row => ({ ...r, LastModifiedDate: '2026-12-02T09:00:00.000Z' }));
        byKey.clear();
        for (const r of refreshed) byKey.set(r.Id as string, r);
        const shown = refreshed.map((r) => store.effectiveRow(r));
        expect(shown.find((r) => r.Id === rows[3].Id)?.Name).toBe('Dora');
        expect(shown.filter((r) => r.Name === 'Dora')).toHaveLength(1);
        // rows without drafts are not copied
        expect(shown[0]).toBe(refreshed[0]);
        expect(store.effectiveValue(refreshed[1], 'Name')).toBe('Dora');
        expect(store.effectiveValue(refreshed[0], 'Name')).toBe('Contact 4');
        expect(store.toRequest(byKey).drafts[0].lastModifiedDate).toBe('2026-12-02T09:00:00.000Z');
    });

    it('overlays a lookup draft with the chosen record so the cell shows its name', () => {
        const fields: QueryFieldInfo[] = [
            {
                path: 'AccountId',
                label: 'Account',
                type: 'REFERENCE',
                isNameField: false,
                referenceTo: 'Account',
                sortable: true,
                nameField: 'Account.Name'
            },
            {
                path: 'Manager__c',
                label: 'Manager',
                type: 'REFERENCE',
                isNameField: false,
                referenceTo: 'Contact',
                sortable: true
            },
            {
                path: 'Account.OwnerId',
                label: 'Owner',
                type: 'REFERENCE',
                isNameField: false,
                referenceTo: 'User',
                sortable: true
            }
        ];
        const row: Row = { Id: '003A', AccountId: '001A', Account: { Id: '001A', Name: 'Acme' }, Manager__c: null };
        const store = new DraftStore({ fields });
        store.set('003A', 'AccountId', '001B', { row, label: 'Globex' });
        store.set('003A', 'Manager__c', '003Z', { row, label: 'Zed' });
        expect(store.labelOf('003A', 'AccountId')).toBe('Globex');
        expect(store.labelOf('003A', 'Name')).toBeNull();
        const shown = store.effectiveRow(row);
        expect(shown.AccountId).toBe('001B');
        expect(shown.Account).toEqual({ Id: '001B', Name: 'Globex' });
        expect(shown.Manager__r).toEqual({ Id: '003Z', Name: 'Zed' });
        expect(row.Account).toEqual({ Id: '001A', Name: 'Acme' }); // the loaded row is untouched
        store.set('003A', 'AccountId', null, { row });
        expect(store.effectiveRow(row).Account).toBeNull();
        // a label without describe still overlays by the field's name
        const plain = new DraftStore();
        plain.set('003A', 'OwnerId', '005B', { label: 'Una' });
        expect(plain.effectiveRow({ Id: '003A', OwnerId: '005A' }).Owner).toEqual({ Id: '005B', Name: 'Una' });
    });

    it('applies results: saved rows clear, failed rows keep drafts with errors by field and for the row', () => {
        const rows = rowsOf(3);
        const { store, byKey } = storeFor(rows);
        const [a, b, c] = rows.map((r) => r.Id as string);
        store.set(a, 'Name', 'Ann');
        store.set(b, 'Phone', 'bad');
        store.set(b, 'Name', 'Bob');
        store.set(c, 'Status__c', 'Closed');
        const request = store.toRequest(byKey);
        expect(request.drafts.map((d) => d.id)).toEqual([a, b, c]);
        const outcome = store.setResults([
            { id: a, success: true, errors: [] },
            {
                id: b,
                success: false,
                errors: [
                    {
                        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message: 'Phone must have 10 digits.',
                        fields: ['Phone']
                    },
                    {
                        code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message: 'Phone must have 10 digits.',
                        fields: ['Phone']
                    },
                    { code: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }
                ]
            },
            {
                id: c,
                success: false,
                errors: [
                    {
                        code: 'CONFLICT',
                        message:
                            'Someone else changed this record after you loaded it. Your changes are kept: reload to see theirs, then save again.',
                        fields: []
                    }
                ]
            },
            { id: 'unknown', success: true, errors: [] }
        ]);
        expect(outcome).toEqual({ saved: [a, 'unknown'], failed: [b, c] });
        expect(store.has(a)).toBe(false);
        expect(store.errorsOf(a)).toBeNull();
        expect(store.valuesOf(b)).toEqual({ Phone: 'bad', Name: 'Bob' });
        expect(store.errorsOf(b)).toEqual({
            message: 'Phone must have 10 digits. Use one of these records?',
            codes: ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'DUPLICATES_DETECTED'],
            fields: { Phone: 'Phone must have 10 digits.' }
        });
        expect(store.errorOf(b, 'Phone')).toContain('10 digits');
        expect(store.errorOf(b, 'Name')).toBeNull();
        expect(store.errorOf(a, 'Name')).toBeNull();
        expect(store.errorsOf(c)?.codes).toEqual(['CONFLICT']);
        expect(store.errorCount).toBe(2);
        expect(store.errorKeys()).toEqual([b, c]);
        expect(store.count).toBe(3);
        expect(store.label).toBe('3 changes');
        // fixing the cell clears its error, the row's message stays until the next save
        store.set(b, 'Phone', '4155550100');
        expect(store.errorOf(b, 'Phone')).toBeNull();
        expect(store.errorsOf(b)?.message).toContain('Use one of these records?');
        // the next save succeeds
        store.setResults([{ id: b, success: true, errors: [] }]);
        expect(store.errorsOf(b)).toBeNull();
        expect(store.keys()).toEqual([c]);
    });

    it('gives a failed row without messages a generic one, and uses the code when the message is empty', () => {
        const store = new DraftStore();
        store.set('k1', 'Name', 'x', { row: { Id: '003X', Name: 'y' } });
        store.set('k2', 'Name', 'x', { row: { Id: '003Y', Name: 'y' } });
        store.setResults([
            { id: '003X', success: false, errors: [] },
            { id: '003Y', success: false, errors: [{ code: 'ENTITY_IS_LOCKED', message: '', fields: ['Name'] }] }
        ]);
        expect(store.errorsOf('k1')?.message).toBe('The record could not be saved.');
        expect(store.errorsOf('k2')).toEqual({
            message: 'ENTITY_IS_LOCKED',
            codes: ['ENTITY_IS_LOCKED'],
            fields: { Name: 'ENTITY_IS_LOCKED' }
        });
    });

    it('maps results back to row keys when the key field is not the Id', () => {
        const rows = [{ Id: '003A', Email: 'a@x.com', Name: 'A', LastModifiedDate: '2026-01-01T00:00:00.000Z' }];
        const store = new DraftStore({ keyField: 'Email' });
        store.set('a@x.com', 'Name', 'B', { row: rows[0] });
        expect(store.toRequest({ 'a@x.com': rows[0] })).toEqual({
            drafts: [{ id: '003A', values: { Name: 'B' }, lastModifiedDate: '2026-01-01T00:00:00.000Z' }]
        });
        expect(store.toRequest((key) => (key === 'a@x.com' ? rows[0] : undefined)).drafts).toHaveLength(1);
        expect(store.effectiveRow(rows[0]).Name).toBe('B');
        store.setResults([{ id: '003A', success: false, errors: [{ code: 'X', message: 'No.', fields: ['Name'] }] }]);
        expect(store.errorOf('a@x.com', 'Name')).toBe('No.');
        store.setResults([{ id: '003A', success: true, errors: [] }]);
        expect(store.count).toBe(0);
    });

    it('sends the key as the id and a null LastModifiedDate when it knows no row', () => {
        const store = new DraftStore();
        store.set('003Q', 'Name', 'Q');
        expect(store.toRequest()).toEqual({ drafts: [{ id: '003Q', values: { Name: 'Q' }, lastModifiedDate: null }] });
    });

    it('clears one row or everything (Cancel)', () => {
        const rows = rowsOf(3);
        const { store } = storeFor(rows);
        for (const r of rows) store.set(r.Id as string, 'Name', 'x');
        store.set(rows[0].Id as string, 'Phone', '1');
        store.setResults([
            { id: rows[1].Id as string, success: false, errors: [{ code: 'E', message: 'm', fields: [] }] }
        ]);
        store.clear(rows[0].Id as string);
        expect(store.count).toBe(2);
        expect(store.rowCount).toBe(2);
        store.clear(rows[1].Id as string);
        expect(store.errorsOf(rows[1].Id as string)).toBeNull();
        store.clear();
        expect(store.count).toBe(0);
        expect(store.rowCount).toBe(0);
        expect(store.keys()).toEqual([]);
        expect(store.errorCount).toBe(0);
        store.remove('nope', 'Name'); // nothing to remove
        expect(store.count).toBe(0);
    });

    it('mass edits the selection: rows already holding the value get no draft', () => {
        const rows = rowsOf(1000);
        const { store, byKey } = storeFor(rows);
        const keys = rows.map((r) => r.Id as string);
        expect(store.applyToSelection(keys, 'Status__c', 'Closed')).toBe(1000);
        expect(store.count).toBe(1000);
        expect(store.applyToSelection(keys.slice(0, 10), 'Status__c', 'Active', (k) => byKey.get(k))).toBe(0);
        expect(store.count).toBe(990);
        expect(store.applyToSelection(keys.slice(0, 2), 'AccountId', '001B', undefined, 'Globex')).toBe(2);
        expect(store.labelOf(keys[0], 'AccountId')).toBe('Globex');
    });

    it('refuses to build a request above MAX_SAVE_ROWS and says why', () => {
        const store = new DraftStore();
        const keys = Array.from({ length: MAX_SAVE_ROWS + 1 }, (_, i) => `k${i}`);
        store.applyToSelection(keys, 'Name', 'x');
        expect(store.saveProblem()).toContain('10,001 rows');
        expect(() => store.toRequest()).toThrow(SaveLimitError);
        expect(() => store.toRequest()).toThrow(
            expect.objectContaining({ code: 'TOO_MANY_ROWS', rows: 10001, message: saveLimitProblem(10001) })
        );
        store.remove('k0', 'Name');
        expect(store.saveProblem()).toBeNull();
        expect(store.toRequest().drafts).toHaveLength(MAX_SAVE_ROWS);
    });

    it('stays fast with thousands of drafts', () => {
        const rows = rowsOf(10000);
        const { store, byKey } = storeFor(rows);
        const start = Date.now();
        for (const r of rows) {
            store.set(r.Id as string, 'Name', `${String(r.Name)}!`);
            store.set(r.Id as string, 'Amount__c', 1 + (r.Amount__c as number));
        }
        for (const r of rows) store.effectiveRow(r);
        const request = store.toRequest(byKey);
        expect(request.drafts).toHaveLength(10000);
        expect(store.count).toBe(20000);
        // generous bound for a shared CI core; the real figure is a few ms
        expect(Date.now() - start).toBeLessThan(1500);
    });

    it('property: count always equals the drafted cells, and a draft never equals its original', () => {
        const rows = rowsOf(5);
        const fieldNames = ['Name', 'Phone', 'Amount__c', 'Status__c'];
        const op = fc.oneof(
            fc.record({
                kind: fc.constant('set' as const),
                row: fc.integer({ min: 0, max: 4 }),
                field: fc.constantFrom(...fieldNames),
                value: fc.oneof(
                    fc.constant(null),
                    fc.constant(''),
                    fc.constantFrom('Contact 1', 'Active', 'x'),
                    fc.integer({ min: 0, max: 4 })
                )
            }),
            fc.record({
                kind: fc.constant('remove' as const),
                row: fc.integer({ min: 0, max: 4 }),
                field: fc.constantFrom(...fieldNames)
            }),
            fc.record({ kind: fc.constant('clearRow' as const), row: fc.integer({ min: 0, max: 4 }) }),
            fc.record({
                kind: fc.constant('save' as const),
                row: fc.integer({ min: 0, max: 4 }),
                success: fc.boolean()
            })
        );
        fc.assert(
            fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
                const { store } = storeFor(rows);
                for (const o of ops) {
                    const key = rows[o.row].Id as string;
                    if (o.kind === 'set') store.set(key, o.field, o.value);
                    else if (o.kind === 'remove') store.remove(key, o.field);
                    else if (o.kind === 'clearRow') store.clear(key);
                    else
                        store.setResults([
                            {
                                id: key,
                                success: o.success,
                                errors: o.success ? [] : [{ code: 'E', message: 'm', fields: [] }]
                            }
                        ]);
                }
                let cells = 0;
                for (const key of store.keys()) {
                    const values = store.valuesOf(key);
                    const row = rows.find((r) => r.Id === key) as Row;
                    expect(Object.keys(values).length).toBeGreaterThan(0);
                    for (const [field, value] of Object.entries(values)) {
                        expect(sameFieldValue(value, row[field])).toBe(false);
                        cells++;
                    }
                }
                expect(store.count).toBe(cells);
                expect(store.rowCount).toBe(store.keys().length);
            })
        );
    });
});
