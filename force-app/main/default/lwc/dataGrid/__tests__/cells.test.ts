import { buildFormatters } from '../cells';
import { buildTable, typeOf } from '../columns';
import type { GridColumn } from '../columns';

const recordUrl = (id: string): string => `/r/${id}`;

function column(path: string, type: GridColumn['type'], extra: Partial<GridColumn> = {}): GridColumn {
    return { path, label: path, type, align: 'left', sortable: false, ...extra };
}

function show(col: GridColumn, record: Record<string, unknown>, options = {}) {
    const [format] = buildFormatters([col], {
        locale: 'en-US',
        currency: 'EUR',
        timeZone: 'UTC',
        recordUrl,
        ...options
    });
    return format(record);
}

describe('cell formatting', () => {
    it('shows picklist labels, keeps unknown values as they are and labels each multi-select value', () => {
        const labels = { InProgress: 'In Progress', NotStarted: 'Not Started' };
        const status = column('Status', 'picklist', { labels });
        const record = { Status: 'InProgress' };
        expect(show(status, record)).toEqual({ text: 'In Progress' });
        // the record keeps the API value: sorting, filtering and flow inputs read it
        expect(record.Status).toBe('InProgress');
        expect(show(status, { Status: 'Retired' }).text).toBe('Retired');
        expect(show(status, { Status: 'constructor' }).text).toBe('constructor');
        expect(show(status, {})).toEqual({ text: '' });
        expect(show(status, { Status: 'NotStarted;InProgress;Other' }).text).toBe('Not Started; In Progress; Other');
        expect(show(column('Status', 'picklist'), record).text).toBe('InProgress');
    });

    it('shows a lookup as the name the server selected, linking to the related record', () => {
        const info = (path: string, nameField: string | null) => ({
            path,
            label: path,
            type: 'REFERENCE',
            isNameField: false,
            referenceTo: 'User',
            sortable: false,
            nameField
        });
        const plan = buildTable({ columns: [{ field: 'AssigneeId' }, { field: 'WhatId' }] } as never, [
            info('AssigneeId', 'Assignee.Name'),
            info('WhatId', null)
        ]);
        expect(plan.columns.map((c) => [c.type, c.linkTarget, c.labelPath])).toEqual([
            ['recordLink', 'Assignee', 'Assignee.Name'],
            ['recordLink', 'What', 'What.Name']
        ]);
        const [assignee] = buildFormatters(plan.columns, { locale: 'en-US', recordUrl });
        expect(assignee({ AssigneeId: '005A', Assignee: { Id: '005A', Name: 'Ada Lovelace' } })).toEqual({
            text: 'Ada Lovelace',
            href: '/r/005A'
        });
        expect(assignee({})).toEqual({ text: '' });
    });

    it('plans picklist columns with the labels of the field info', () => {
        const plan = buildTable({ columns: [{ field: 'Status' }, { field: 'Tags__c' }, { field: 'Name' }] } as never, [
            {
                path: 'Status',
                label: 'Status',
                type: 'PICKLIST',
                isNameField: false,
                referenceTo: null,
                sortable: true,
                picklistLabels: { InProgress: 'In Progress' }
            },
            {
                path: 'Tags__c',
                label: 'Tags',
                type: 'MULTIPICKLIST',
                isNameField: false,
                referenceTo: null,
                sortable: false
            },
            { path: 'Name', label: 'Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true }
        ]);
        expect(plan.columns.map((c) => c.type)).toEqual(['picklist', 'picklist', 'text']);
        expect(plan.columns[0].labels).toEqual({ InProgress: 'In Progress' });
        expect(plan.columns[1].labels).toBeUndefined();
        expect(plan.columns[2].labels).toBeUndefined();
    });

    it('formats numbers, currency in the org currency and percents stored as 12.5', () => {
        expect(show(column('n', 'integer'), { n: 1234.6 }).text).toBe('1,235');
        expect(show(column('n', 'number'), { n: '0.125' }).text).toBe('0.125');
        expect(show(column('n', 'currency'), { n: 5 }).text).toBe('€5.00');
        expect(show(column('n', 'currency'), { n: 5 }, { currency: '' }).text).toBe('$5.00');
        expect(show(column('n', 'percent'), { n: 12.5 }).text).toBe('12.5%');
        // not a number: shown as it is, never as NaN
        expect(show(column('n', 'number'), { n: 'n/a' }).text).toBe('n/a');
        expect(show(column('n', 'number'), { n: Infinity }).text).toBe('Infinity');
    });

    it('formats dates as calendar days and date-times in the user time zone', () => {
        expect(show(column('d', 'date'), { d: '2024-02-29' }).text).toBe('Feb 29, 2024');
        expect(show(column('d', 'date'), { d: 'soon' }).text).toBe('soon');
        expect(show(column('t', 'datetime'), { t: '2024-03-01T23:30:00.000Z' }).text).toBe('Mar 01, 2024, 11:30 PM');
        expect(show(column('t', 'datetime'), { t: '2024-03-01T23:30:00.000Z' }, { timeZone: 'Asia/Tokyo' }).text).toBe(
            'Mar 02, 2024, 08:30 AM'
        );
        expect(show(column('t', 'datetime'), { t: 'never' }).text).toBe('never');
        expect(show(column('t', 'datetime'), { t: null }).text).toBe('');
    });

    it('links emails, phones and web URLs, but never other schemes', () => {
        expect(show(column('e', 'email'), { e: 'a@b.co' })).toEqual({ text: 'a@b.co', href: 'mailto:a@b.co' });
        expect(show(column('e', 'email'), {})).toEqual({ text: '' });
        expect(show(column('p', 'phone'), { p: '+1 (555) 010' }).href).toBe('tel:+1555010');
        expect(show(column('p', 'phone'), { p: '' })).toEqual({ text: '' });
        expect(show(column('u', 'url'), { u: 'http://x.org' }).href).toBe('http://x.org');
        expect(show(column('u', 'url'), { u: 'x.org/a' })).toEqual({
            text: 'x.org/a',
            href: 'https://x.org/a',
            target: '_blank'
        });
        expect(show(column('u', 'url'), { u: 'data:text/html,hi' })).toEqual({ text: 'data:text/html,hi' });
        expect(show(column('u', 'url'), { u: null })).toEqual({ text: '' });
    });

    it('shows booleans as a check mark and record links with their label or the Id', () => {
        // icons with an accessible label: a check mark for true, only assistive text for false
        expect(show(column('b', 'boolean'), { b: true })).toEqual({ text: 'Checked', checked: true });
        expect(show(column('b', 'boolean'), { b: false })).toEqual({ text: 'Not checked', unchecked: true });
        expect(show(column('b', 'boolean'), {})).toEqual({ text: '' });
        const lookup = column('AccountId', 'recordLink', { linkTarget: 'Account', labelPath: 'Account.Name' });
        expect(show(lookup, { AccountId: '001', Account: { Name: 'Acme' } })).toEqual({ text: 'Acme', href: '/r/001' });
        expect(show(lookup, { AccountId: '001', Account: null })).toEqual({ text: '001', href: '/r/001' });
        expect(show(lookup, { AccountId: null, Account: null })).toEqual({ text: '' });
        const own = column('Name', 'recordLink', { linkTarget: '' });
        expect(show(own, { Id: '003', Name: 'Ada' })).toEqual({ text: 'Ada', href: '/r/003' });
    });
});

describe('column plan', () => {
    it('types every display type and right-aligns numbers', () => {
        expect(
            ['INTEGER', 'LONG', 'DOUBLE', 'CURRENCY', 'PERCENT', 'DATE', 'DATETIME', 'EMAIL', 'PHONE', 'URL'].map(
                typeOf
            )
        ).toEqual(['integer', 'integer', 'number', 'currency', 'percent', 'date', 'datetime', 'email', 'phone', 'url']);
        expect([typeOf('BOOLEAN'), typeOf('PICKLIST'), typeOf(undefined)]).toEqual(['boolean', 'picklist', 'text']);
        const plan = buildTable(
            {
                name: 't',
                type: 'dataTable',
                query: 'q',
                keyField: 'Email',
                columns: [
                    { field: 'Amount__c', sortable: true, initialWidth: 120 },
                    { field: 'Owner__c' },
                    { field: 'Name', linkToRecord: true, label: 'Contact' }
                ],
                rowActions: [{ name: 'edit', label: 'Edit', iconName: 'utility:edit' }]
            },
            [
                {
                    path: 'Amount__c',
                    label: 'Amount',
                    type: 'CURRENCY',
                    isNameField: false,
                    referenceTo: null,
                    sortable: false
                },
                {
                    path: 'Owner__c',
                    label: 'Owner',
                    type: 'REFERENCE',
                    isNameField: false,
                    referenceTo: 'User',
                    sortable: true
                }
            ]
        );
        expect(plan.keyField).toBe('Email');
        expect(plan.columns[0]).toEqual({
            path: 'Amount__c',
            label: 'Amount',
            type: 'currency',
            align: 'right',
            // describe says the field cannot be sorted: the definition's sortable is ignored
            sortable: false,
            width: 120
        });
        expect(plan.columns[1]).toEqual(
            expect.objectContaining({ type: 'recordLink', linkTarget: 'Owner__r', labelPath: 'Owner__r.Name' })
        );
        expect(plan.columns[2]).toEqual(
            expect.objectContaining({ label: 'Contact', type: 'recordLink', linkTarget: '', labelPath: 'Name' })
        );
        expect(plan.rowActions).toEqual([{ name: 'edit', label: 'Edit', iconName: 'utility:edit' }]);
    });
});
