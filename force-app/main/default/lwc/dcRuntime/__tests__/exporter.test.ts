import {
    ExportAbortedError,
    displayKindOf,
    exportTable,
    picklistLabelText,
    textFormatter,
    valueAtPath,
    valueFormatter
} from 'c/dcRuntime';
import type { ExportProgress, QueryCursor, QueryFieldInfo, QueryResponse } from 'c/dcRuntime';

function info(path: string, type: string, extra: Partial<QueryFieldInfo> = {}): QueryFieldInfo {
    return { path, label: path, type, isNameField: false, referenceTo: null, sortable: true, ...extra };
}

const FIELDS: QueryFieldInfo[] = [
    info('Name', 'STRING', { isNameField: true }),
    info('Status__c', 'PICKLIST', { picklistLabels: { InProgress: 'In Progress', New: 'New' } }),
    info('AccountId', 'REFERENCE', { referenceTo: 'Account', nameField: 'Account.Name' }),
    info('Amount__c', 'CURRENCY'),
    info('CloseDate', 'DATE'),
    info('LastModifiedDate', 'DATETIME'),
    info('IsActive__c', 'BOOLEAN'),
    info('Owner.Name', 'STRING')
];

describe('valueFormatter', () => {
    const row = {
        Name: 'Ann',
        Status__c: 'InProgress',
        Tags__c: 'A;B;Z',
        AccountId: '001A',
        Account: { Id: '001A', Name: 'Acme' },
        Parent__c: '001P',
        Parent__r: { Name: 'Parent Co' },
        Amount__c: -1234.5,
        Rate__c: 12.5,
        Qty__c: '3',
        Big__c: 1234567.123456789,
        CloseDate: '2026-12-07',
        LastModifiedDate: '2026-12-07T23:30:00.000Z',
        IsActive__c: true,
        Flag__c: false,
        Owner: { Name: 'Una' },
        Json__c: { a: 1 }
    };
    const fmt = (path: string, type: string, extra: Partial<QueryFieldInfo> = {}, options = {}) =>
        valueFormatter(path, info(path, type, extra), { locale: 'en-US', timeZone: 'Europe/Berlin', ...options })(row);

    it('shows values as the table does, in the locale and time zone', () => {
        expect(fmt('Name', 'STRING')).toBe('Ann');
        expect(fmt('Status__c', 'PICKLIST', { picklistLabels: { InProgress: 'In Progress' } })).toBe('In Progress');
        expect(fmt('Status__c', 'PICKLIST')).toBe('InProgress');
        expect(fmt('Tags__c', 'MULTIPICKLIST', { picklistLabels: { A: 'Alpha', B: 'Beta' } })).toBe('Alpha; Beta; Z');
        expect(fmt('AccountId', 'REFERENCE', { nameField: 'Account.Name' })).toBe('Acme');
        expect(fmt('AccountId', 'REFERENCE')).toBe('Acme');
        expect(fmt('Parent__c', 'REFERENCE')).toBe('Parent Co');
        expect(fmt('Amount__c', 'CURRENCY')).toBe('-$1,234.50');
        expect(fmt('Amount__c', 'CURRENCY', {}, { locale: 'de-DE', currency: 'EUR' })).toBe('-1.234,50\u00a0€');
        expect(fmt('Rate__c', 'PERCENT')).toBe('12.5%');
        expect(fmt('Qty__c', 'INTEGER')).toBe('3');
        expect(fmt('Big__c', 'DOUBLE')).toBe('1,234,567.123457');
        expect(fmt('Big__c', 'LONG')).toBe('1,234,567');
        expect(fmt('CloseDate', 'DATE')).toBe('Dec 07, 2026');
        expect(fmt('LastModifiedDate', 'DATETIME')).toBe('Dec 08, 2026, 12:30 AM');
        expect(fmt('IsActive__c', 'BOOLEAN')).toBe('true');
        expect(fmt('Flag__c', 'BOOLEAN')).toBe('false');
        expect(fmt('Owner.Name', 'STRING')).toBe('Una');
        expect(fmt('Json__c', 'STRING')).toBe('{"a":1}');
        expect(fmt('Missing__c', 'CURRENCY')).toBe('');
        expect(valueFormatter('Name', undefined)(row)).toBe('Ann');
    });

    it('shows a value its type cannot read as itself, and an Id when the lookup has no name', () => {
        const odd = {
            Amount__c: 'n/a',
            CloseDate: 'soon',
            LastModifiedDate: 'later',
            IsActive__c: 'yes',
            AccountId: '001X'
        };
        const f = (path: string, type: string) => valueFormatter(path, info(path, type), { locale: 'en-US' })(odd);
        expect(f('Amount__c', 'DOUBLE')).toBe('n/a');
        expect(f('CloseDate', 'DATE')).toBe('soon');
        expect(f('LastModifiedDate', 'DATETIME')).toBe('later');
        expect(f('IsActive__c', 'BOOLEAN')).toBe('yes');
        expect(f('AccountId', 'REFERENCE')).toBe('001X');
        expect(valueFormatter('Name__x', info('Name__x', 'REFERENCE'))({ Name__x: 'v' })).toBe('v');
        // bad locale or currency codes fall back instead of throwing
        expect(valueFormatter('A', info('A', 'CURRENCY'), { locale: 'en-US', currency: 'NOPE' })({ A: 1 })).toBe(
            '$1.00'
        );
        expect(
            valueFormatter('A', info('A', 'DATE'), { locale: 'en-US', timeZone: 'No/Zone' })({ A: '2026-01-02' })
        ).toBe('Jan 02, 2026');
    });

    it('names display kinds as the grid does and formats by kind for any reader', () => {
        expect(
            [
                'INTEGER',
                'LONG',
                'DOUBLE',
                'CURRENCY',
                'PERCENT',
                'DATE',
                'DATETIME',
                'BOOLEAN',
                'PICKLIST',
                'MULTIPICKLIST',
                'TEXTAREA',
                'ID',
                null
            ].map(displayKindOf)
        ).toEqual([
            'integer',
            'integer',
            'number',
            'currency',
            'percent',
            'date',
            'datetime',
            'boolean',
            'picklist',
            'picklist',
            'text',
            'text',
            'text'
        ]);
        const read = (r: Record<string, unknown>) => r.v;
        expect(textFormatter('percent', read, { locale: 'de-DE' })({ v: 12.5 })).toBe('12,5\u00a0%');
        expect(textFormatter('picklist', read, { labels: { A: 'Alpha' } })({ v: 'A' })).toBe('Alpha');
        expect(textFormatter('text', read)({ v: null })).toBe('');
        const dates = textFormatter('date', read, { locale: 'en-US' });
        expect(dates({ v: '2026-01-02' })).toBe('Jan 02, 2026');
        expect(dates({ v: '2026-01-02' })).toBe('Jan 02, 2026'); // the remembered text
        expect(dates({ v: '' })).toBe('');
        // more distinct days than the memo holds: it starts over and still formats right
        for (let d = 0; d < 2100; d++) dates({ v: new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10) });
        expect(dates({ v: '2026-01-03' })).toBe('Jan 03, 2026');
    });

    it('reads dotted paths and picklist labels', () => {
        expect(valueAtPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
        expect(valueAtPath({ a: null }, 'a.b')).toBeUndefined();
        expect(valueAtPath(undefined, 'a')).toBeUndefined();
        expect(picklistLabelText('toString', {})).toBe('toString');
    });
});

/** A server of `total` rows paged by `pageSize`, like exportRows (keyset cursor on Id). */
function server(total: number, pageSize: number, fields = FIELDS, notices: QueryResponse['notices'] = []) {
    const calls: (QueryCursor | null)[] = [];
    const fetchPage = (cursor: QueryCursor | null): Promise<QueryResponse> => {
        calls.push(cursor);
        const start = cursor ? Number(cursor.id) + 1 : 0;
        const end = Math.min(total, start + pageSize);
        const records = [];
        for (let i = start; i < end; i++) {
            records.push({
                Id: String(i),
                Name: i === 1 ? '=cmd|"/C calc"!A0' : `Row ${i}`,
                Status__c: i % 2 ? 'InProgress' : 'New',
                AccountId: '001A',
                Account: { Id: '001A', Name: 'Acme, Inc.' },
                Amount__c: i * 1000.5,
                CloseDate: '2026-12-07',
                IsActive__c: i % 2 === 0
            });
        }
        return Promise.resolve({
            records,
            nextCursor: end < total ? { sortValue: null, id: String(end - 1) } : null,
            totalCount: cursor ? undefined : total,
            fields,
            notices,
            objectLabel: 'Opportunity',
            objectLabelPlural: 'Opportunities'
        });
    };
    return { fetchPage, calls };
}

const COLUMNS = [
    { field: 'Name', label: 'Name' },
    { field: 'Status__c', label: 'Status' },
    { field: 'AccountId', label: 'Account' },
    { field: 'Amount__c', label: 'Amount' },
    { field: 'IsActive__c', label: 'Active' }
];

describe('exportTable', () => {
    it('pages until there is no next cursor, formatting as the table and reporting progress', async () => {
        const { fetchPage, calls } = server(5, 2);
        const progress: ExportProgress[] = [];
        const result = await exportTable({
            fetchPage,
            columns: COLUMNS,
            locale: 'en-US',
            onProgress: (p) => progress.push(p)
        });
        expect(calls).toEqual([null, { sortValue: null, id: '1' }, { sortValue: null, id: '3' }]);
        expect(progress).toEqual([
            { loaded: 2, total: 5 },
            { loaded: 4, total: 5 },
            { loaded: 5, total: 5 }
        ]);
        expect(result.rowCount).toBe(5);
        expect(result.truncated).toBe(false);
        expect(result.omitted).toEqual([]);
        expect(result.parts).toHaveLength(4); // header + one chunk per page
        const lines = result.csv.split('\r\n');
        expect(lines[0]).toBe('\uFEFFName,Status,Account,Amount,Active');
        expect(lines[1]).toBe('Row 0,New,"Acme, Inc.",$0.00,true');
        expect(lines[2]).toBe('"\'=cmd|""/C calc""!A0",In Progress,"Acme, Inc.","$1,000.50",false');
        expect(lines).toHaveLength(7); // 1 header + 5 rows + '' after the last CRLF
        expect(result.csv).toBe(result.parts.join(''));
    });

    it('stops at maxRows, also in the middle of a page', async () => {
        const { fetchPage, calls } = server(10, 4);
        const progress: ExportProgress[] = [];
        const result = await exportTable({
            fetchPage,
            columns: COLUMNS,
            maxRows: 6,
            onProgress: (p) => progress.push(p)
        });
        expect(result.rowCount).toBe(6);
        expect(result.truncated).toBe(true);
        expect(calls).toHaveLength(2);
        expect(progress.at(-1)).toEqual({ loaded: 6, total: 6 });
        const exact = await exportTable({ fetchPage: server(4, 4).fetchPage, columns: COLUMNS, maxRows: 4 });
        expect(exact.truncated).toBe(false);
    });

    it('leaves out columns the user cannot read, with the server notice or its own', async () => {
        const readable = FIELDS.filter((f) => f.path !== 'Amount__c' && f.path !== 'IsActive__c');
        const notice = { path: 'Amount__c', message: "You can't read Amount (Amount__c): the column is left out." };
        const { fetchPage } = server(1, 10, readable, [notice, notice]);
        const result = await exportTable({ fetchPage, columns: COLUMNS });
        expect(result.omitted).toEqual([
            { field: 'Amount__c', label: 'Amount', message: notice.message },
            {
                field: 'IsActive__c',
                label: 'Active',
                message: "You don't have access to Active (IsActive__c), so it is left out of the file."
            }
        ]);
        expect(result.notices).toEqual([notice]);
        expect(result.csv.split('\r\n')[0]).toBe('\uFEFFName,Status,Account');
        expect(result.csv.split('\r\n')[1]).toBe('Row 0,New,"Acme, Inc."');
    });

    it('writes only the header when there are no rows, and progress has no total without a count', async () => {
        const progress: ExportProgress[] = [];
        const result = await exportTable({
            fetchPage: () =>
                Promise.resolve({
                    records: [],
                    nextCursor: null,
                    fields: FIELDS,
                    notices: [],
                    objectLabel: 'A',
                    objectLabelPlural: 'As'
                }),
            columns: COLUMNS.slice(0, 1),
            fields: FIELDS,
            onProgress: (p) => progress.push(p)
        });
        expect(result.csv).toBe('\uFEFFName\r\n');
        expect(result.rowCount).toBe(0);
        expect(progress).toEqual([{ loaded: 0, total: null }]);
    });

    it('stops when the signal aborts, before or between pages', async () => {
        const controller = new AbortController();
        controller.abort();
        await expect(
            exportTable({ fetchPage: server(5, 2).fetchPage, columns: COLUMNS, signal: controller.signal })
        ).rejects.toThrow(ExportAbortedError);
        const later = new AbortController();
        const { fetchPage, calls } = server(10, 2);
        const promise = exportTable({
            fetchPage,
            columns: COLUMNS,
            signal: later.signal,
            onProgress: (p) => {
                if (p.loaded === 4) later.abort();
            }
        });
        await expect(promise).rejects.toMatchObject({
            name: 'AbortError',
            code: 'ABORTED',
            message: 'The export was cancelled.'
        });
        expect(calls).toHaveLength(2);
    });

    it('passes a failed page on to the caller', async () => {
        await expect(
            exportTable({ fetchPage: () => Promise.reject(new Error('UNKNOWN_COMPONENT')), columns: COLUMNS })
        ).rejects.toThrow('UNKNOWN_COMPONENT');
    });

    it('exports 50,000 rows in pages of 2,000 with one chunk per page', async () => {
        const { fetchPage } = server(50000, 2000);
        const start = Date.now();
        const result = await exportTable({ fetchPage, columns: COLUMNS, locale: 'en-US' });
        expect(result.rowCount).toBe(50000);
        expect(result.parts).toHaveLength(26);
        expect(result.csv.split('\r\n')).toHaveLength(50002);
        expect(Date.now() - start).toBeLessThan(10000);
    });
});
