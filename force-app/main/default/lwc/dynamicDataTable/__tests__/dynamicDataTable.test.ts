import { createElement } from '@lwc/engine-dom';
import DynamicDataTable from 'c/dynamicDataTable';
import { SelectionModel } from 'c/dcRuntime';
import type { DataTableDefinition } from 'c/dcDefinition';
import type { QueryFieldInfo } from 'c/dcRuntime';

type Row = Record<string, unknown>;
type TableElement = HTMLElement & {
    definition: DataTableDefinition;
    fields: QueryFieldInfo[];
    rows: Row[];
    totalCount: number | null;
    hasMore: boolean;
    loading: boolean;
    loadingMore: boolean;
    errorMessage: string;
    notices: { path: string; message: string }[];
    selection: SelectionModel;
    busyActions: string[];
    objectLabelPlural: string;
    height: string;
    recordUrl: (id: string) => string;
    sortBy: string;
    sortDirection: 'asc' | 'desc';
    clearSelection(): void;
};
type DatatableStub = HTMLElement & {
    columns: {
        label: string;
        fieldName: string;
        type: string;
        sortable?: boolean;
        typeAttributes?: Record<string, unknown>;
    }[];
    data: Row[];
    keyField: string;
    selectedRows: string[];
    maxRowSelection: number | undefined;
    hideCheckboxColumn: boolean;
    renderMode: string;
    renderConfig: Record<string, unknown>;
    enableInfiniteLoading: boolean;
    isLoading: boolean;
    sortedBy: string;
    sortedDirection: string;
    showRowNumberColumn: boolean;
};

const FIELDS: QueryFieldInfo[] = [
    { path: 'Name', label: 'Full Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true },
    { path: 'Email', label: 'Email', type: 'EMAIL', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Status__c', label: 'Status', type: 'PICKLIST', isNameField: false, referenceTo: null, sortable: true },
    {
        path: 'Account.Name',
        label: 'Account Name',
        type: 'STRING',
        isNameField: true,
        referenceTo: null,
        sortable: true
    }
];

const DEFINITION: DataTableDefinition = {
    name: 'contactsTable',
    type: 'dataTable',
    title: 'Contacts',
    query: 'contacts',
    keyField: 'Id',
    maxRowSelection: 500,
    showSearch: true,
    columns: [
        { field: 'Name', linkToRecord: true, sortable: true },
        { field: 'Email', sortable: true },
        { field: 'Status__c' },
        { field: 'Account.Name', label: 'Account' }
    ],
    headerActions: [
        { name: 'setActive', label: 'Set as Active', requiresSelection: true, variant: 'brand' },
        { name: 'newContact', label: 'New', iconName: 'utility:add' }
    ],
    rowActions: [{ name: 'open', label: 'Open' }]
};

function contact(i: number, extra: Row = {}): Row {
    return {
        Id: `003${String(i).padStart(15, '0')}`,
        Name: `Contact ${i}`,
        Email: `c${i}@example.com`,
        Status__c: 'New',
        Account: { Id: `001${String(i).padStart(15, '0')}`, Name: `Acme ${i}` },
        ...extra
    };
}

function contacts(from: number, to: number): Row[] {
    const rows: Row[] = [];
    for (let i = from; i <= to; i++) rows.push(contact(i));
    return rows;
}

function createTable(props: Partial<TableElement> = {}): TableElement {
    const element = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as TableElement;
    Object.assign(element, { definition: DEFINITION, fields: FIELDS, objectLabelPlural: 'Contacts', ...props });
    document.body.appendChild(element);
    return element;
}

const flush = (): Promise<void> => Promise.resolve();

function datatable(element: HTMLElement): DatatableStub {
    return element.shadowRoot!.querySelector('lightning-datatable') as DatatableStub;
}

function button(element: HTMLElement, name: string): HTMLElement & { disabled: boolean; title: string; label: string } {
    return element.shadowRoot!.querySelector(`lightning-button[data-action="${name}"]`) as HTMLElement & {
        disabled: boolean;
        title: string;
        label: string;
    };
}

function select(element: HTMLElement, keys: string[], config?: { action: string; value?: string }): void {
    const table = datatable(element);
    const selectedRows = table.data.filter((row) => keys.includes(row.Id as string));
    table.dispatchEvent(new CustomEvent('rowselection', { detail: { selectedRows, config } }));
}

function listen(element: HTMLElement, name: string): jest.Mock {
    const handler = jest.fn();
    element.addEventListener(name, (event) => handler((event as CustomEvent).detail));
    return handler;
}

function text(element: HTMLElement, selector: string): string {
    return (element.shadowRoot!.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('c-dynamic-data-table states', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows a spinner and announces loading before the first page', async () => {
        const element = createTable({ loading: true });
        await flush();
        expect(datatable(element)).toBeNull();
        const spinner = element.shadowRoot!.querySelector('.state-loading lightning-spinner') as HTMLElement & {
            alternativeText: string;
        };
        expect(spinner.alternativeText).toBe('Loading Contacts');
        expect(text(element, '[aria-live="polite"]')).toBe('Loading Contacts…');
        await expect(element).toBeAccessible();
    });

    it('shows the error with a retry button when the first page failed', async () => {
        const element = createTable({ errorMessage: 'Insufficient access to Contact' });
        const retry = listen(element, 'retry');
        await flush();
        expect(datatable(element)).toBeNull();
        const state = element.shadowRoot!.querySelector('.state-error')!;
        expect(state.getAttribute('role')).toBe('alert');
        expect(state.textContent).toContain('Insufficient access to Contact');
        state.querySelector('lightning-button')!.dispatchEvent(new CustomEvent('click'));
        expect(retry).toHaveBeenCalledTimes(1);
        expect(text(element, '[aria-live="polite"]')).toBe('');
        await expect(element).toBeAccessible();
    });

    it('shows the empty message of the definition, or a default', async () => {
        const element = createTable({ rows: [], definition: { ...DEFINITION, emptyMessage: 'No contacts yet.' } });
        await flush();
        expect(text(element, '.state-empty')).toBe('No contacts yet.');
        await expect(element).toBeAccessible();
        element.definition = { ...DEFINITION };
        await flush();
        expect(text(element, '.state-empty')).toBe('No Contacts to display.');
    });

    it('renders rows in a virtualized, role-based datatable with a row count', async () => {
        const element = createTable({ rows: contacts(1, 2), totalCount: 1234, hasMore: true });
        await flush();
        const table = datatable(element);
        expect(table.keyField).toBe('Id');
        expect(table.renderMode).toBe('role-based');
        expect(table.renderConfig).toEqual(expect.objectContaining({ virtualize: 'vertical' }));
        expect(table.enableInfiniteLoading).toBe(true);
        expect(table.maxRowSelection).toBe(500);
        expect(table.hideCheckboxColumn).toBe(false);
        expect(table.data).toHaveLength(2);
        expect(text(element, '.row-count')).toBe('2 of 1,234');
        expect(text(element, '[aria-live="polite"]')).toBe('Showing 2 of 1,234 Contacts');
        expect((element.shadowRoot!.querySelector('.table-area') as HTMLElement).style.height).toBe('400px');
        await expect(element).toBeAccessible();
    });

    it('keeps the datatable mounted with an overlay spinner while refreshing, and shows later errors as a banner', async () => {
        const element = createTable({ rows: contacts(1, 3), totalCount: 3 });
        await flush();
        const before = datatable(element);
        element.loading = true;
        await flush();
        expect(datatable(element)).toBe(before);
        expect(element.shadowRoot!.querySelector('.refresh-spinner')).not.toBeNull();
        expect(text(element, '[aria-live="polite"]')).toBe('Refreshing Contacts…');
        await expect(element).toBeAccessible();
        element.loading = false;
        element.errorMessage = 'Query timed out';
        await flush();
        expect(datatable(element)).toBe(before);
        expect(text(element, '.error-banner')).toContain('Query timed out');
        await expect(element).toBeAccessible();
    });

    it('counts rows without a total and says when more can load', async () => {
        const element = createTable({ rows: contacts(1, 1), hasMore: false });
        await flush();
        expect(text(element, '.row-count')).toBe('1 item');
        element.rows = contacts(1, 50);
        element.hasMore = true;
        await flush();
        expect(text(element, '.row-count')).toBe('50+');
        element.hasMore = false;
        await flush();
        expect(text(element, '.row-count')).toBe('50 items');
        element.loadingMore = true;
        await flush();
        expect(datatable(element).isLoading).toBe(true);
        expect(text(element, '[aria-live="polite"]')).toBe('Loading more Contacts…');
    });

    it('lists field notices and honours the height override and row numbers', async () => {
        const element = createTable({
            rows: contacts(1, 1),
            notices: [{ path: 'Phone', message: 'Phone is hidden: you do not have access to this field.' }],
            height: '250px',
            definition: { ...DEFINITION, showRowNumbers: true, showSearch: false, maxRowSelection: 0 }
        });
        await flush();
        expect(text(element, '.notices')).toBe('Phone is hidden: you do not have access to this field.');
        expect((element.shadowRoot!.querySelector('.table-area') as HTMLElement).style.height).toBe('250px');
        expect(datatable(element).showRowNumberColumn).toBe(true);
        expect(datatable(element).hideCheckboxColumn).toBe(true);
        expect(datatable(element).maxRowSelection).toBeUndefined();
        expect(element.shadowRoot!.querySelector('lightning-input')).toBeNull();
        await expect(element).toBeAccessible();
    });
});

describe('c-dynamic-data-table columns and rows', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('types columns from describe, links name fields, and uses describe labels unless overridden', async () => {
        const element = createTable({ rows: [contact(1)] });
        await flush();
        const columns = datatable(element).columns;
        expect(columns.map((c) => [c.label, c.fieldName, c.type])).toEqual([
            ['Full Name', 'Name#url', 'url'],
            ['Email', 'Email', 'email'],
            ['Status', 'Status__c', 'text'],
            ['Account', 'Account.Name', 'text'],
            ['Actions', '', 'action']
        ]);
        expect(columns[0].typeAttributes).toEqual(expect.objectContaining({ label: { fieldName: 'Name' } }));
        expect(columns[4].typeAttributes).toEqual(
            expect.objectContaining({ rowActions: [{ label: 'Open', name: 'open' }] })
        );
        expect(datatable(element).data[0]).toEqual({
            Id: '003000000000000001',
            'Name#url': '/003000000000000001',
            Name: 'Contact 1',
            Email: 'c1@example.com',
            Status__c: 'New',
            'Account.Name': 'Acme 1'
        });
    });

    it('maps every display type and builds parent and lookup links', async () => {
        const fields: QueryFieldInfo[] = [
            ['Amount__c', 'CURRENCY'],
            ['Discount__c', 'PERCENT'],
            ['Qty__c', 'INTEGER'],
            ['Big__c', 'LONG'],
            ['Score__c', 'DOUBLE'],
            ['Birthdate', 'DATE'],
            ['LastModifiedDate', 'DATETIME'],
            ['Phone', 'PHONE'],
            ['Site__c', 'URL'],
            ['Active__c', 'BOOLEAN'],
            ['Notes__c', 'TEXTAREA'],
            ['AccountId', 'REFERENCE'],
            ['Parent__c', 'REFERENCE'],
            ['Account.Name', 'STRING'],
            ['Account.Owner.Name', 'STRING'],
            ['Id', 'ID']
        ].map(([path, type]) => ({ path, label: path, type, isNameField: false, referenceTo: null, sortable: false }));
        const definition: DataTableDefinition = {
            name: 't',
            type: 'dataTable',
            query: 'q',
            columns: [...fields.map((f) => ({ field: f.path })), { field: 'Unknown__c' }].map((c) => ({
                ...c,
                linkToRecord: ['Account.Name', 'Account.Owner.Name', 'Id'].includes(c.field)
            }))
        };
        const element = createTable({
            definition,
            fields,
            recordUrl: (id: string) => `/lightning/r/${id}/view`,
            rows: [
                {
                    Id: 'a01',
                    Amount__c: 10,
                    Discount__c: 12.5,
                    AccountId: '001A',
                    Account: { Name: 'Acme', OwnerId: '005A', Owner: { Name: 'Olga' } },
                    Parent__c: 'a02',
                    Parent__r: null
                },
                { Id: 'a03', Discount__c: null, Account: null }
            ]
        });
        await flush();
        const columns = datatable(element).columns;
        expect(Object.fromEntries(columns.map((c) => [c.label, c.type]))).toEqual({
            Amount__c: 'currency',
            Discount__c: 'percent',
            Qty__c: 'number',
            Big__c: 'number',
            Score__c: 'number',
            Birthdate: 'date-local',
            LastModifiedDate: 'date',
            Phone: 'phone',
            Site__c: 'url',
            Active__c: 'boolean',
            Notes__c: 'text',
            AccountId: 'url',
            Parent__c: 'url',
            'Account.Name': 'url',
            'Account.Owner.Name': 'url',
            Id: 'url',
            Unknown__c: 'text'
        });
        expect(columns.find((c) => c.label === 'LastModifiedDate')!.typeAttributes).toEqual(
            expect.objectContaining({ hour: '2-digit', minute: '2-digit' })
        );
        expect(columns.find((c) => c.label === 'AccountId')!.typeAttributes).toEqual(
            expect.objectContaining({ label: { fieldName: 'Account.Name' } })
        );
        const [first, second] = datatable(element).data;
        expect(first.Discount__c).toBe(0.125);
        expect(first['AccountId#url']).toBe('/lightning/r/001A/view');
        expect(first['Account.Name']).toBe('Acme');
        expect(first['Parent__c#url']).toBe('/lightning/r/a02/view');
        expect(first['Parent__r.Name']).toBe('a02');
        expect(first['Account.Name#url']).toBe('/lightning/r/001A/view');
        expect(first['Account.Owner.Name#url']).toBe('/lightning/r/005A/view');
        expect(first['Id#url']).toBe('/lightning/r/a01/view');
        expect(second.Discount__c).toBeNull();
        expect(second['Account.Name#url']).toBeUndefined();
        expect(second['AccountId#url']).toBeUndefined();
    });

    it('flattens each record once: a new page flattens only its own rows', async () => {
        const page1 = contacts(1, 2);
        const element = createTable({ rows: page1, hasMore: true });
        await flush();
        const firstRows = datatable(element).data;
        element.rows = [...page1, ...contacts(3, 4)];
        await flush();
        const data = datatable(element).data;
        expect(data).toHaveLength(4);
        expect(data[0]).toBe(firstRows[0]);
        expect(data[1]).toBe(firstRows[1]);
    });
});

describe('c-dynamic-data-table actions, sort, search, paging', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('disables a header action that needs a selection, with the reason, until a row is selected', async () => {
        const element = createTable({ rows: contacts(1, 3) });
        const headerAction = listen(element, 'headeraction');
        await flush();
        const setActive = button(element, 'setActive');
        expect(setActive.disabled).toBe(true);
        expect(setActive.title).toBe('Select at least one row to use Set as Active.');
        const hint = element.shadowRoot!.querySelector('.header-actions .slds-assistive-text')!;
        expect(setActive.getAttribute('aria-describedby')).toBe(hint.id);
        expect(hint.textContent).toBe('Select at least one row to use this action.');
        expect(button(element, 'newContact').disabled).toBe(false);
        await expect(element).toBeAccessible();
        setActive.dispatchEvent(new CustomEvent('click'));
        expect(headerAction).not.toHaveBeenCalled();

        select(element, ['003000000000000001']);
        await flush();
        expect(button(element, 'setActive').disabled).toBe(false);
        expect(text(element, '.row-count')).toBe('3 items • 1 selected');
        button(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        expect(headerAction).toHaveBeenCalledWith({ action: 'setActive' });
        await expect(element).toBeAccessible();
    });

    it('shows a busy header action as disabled with a spinner so it cannot run twice', async () => {
        const element = createTable({ rows: contacts(1, 3), busyActions: ['newContact'] });
        const headerAction = listen(element, 'headeraction');
        await flush();
        const busy = button(element, 'newContact');
        expect(busy.disabled).toBe(true);
        const spinner = element.shadowRoot!.querySelector('.action-spinner') as HTMLElement & {
            alternativeText: string;
        };
        expect(spinner.alternativeText).toBe('New is running');
        busy.dispatchEvent(new CustomEvent('click'));
        expect(headerAction).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
        element.busyActions = [];
        await flush();
        expect(button(element, 'newContact').disabled).toBe(false);
        expect(element.shadowRoot!.querySelector('.action-spinner')).toBeNull();
    });

    it('dispatches rowaction with the raw record', async () => {
        const rows = contacts(1, 2);
        const element = createTable({ rows });
        const rowAction = listen(element, 'rowaction');
        await flush();
        const flat = datatable(element).data[1];
        datatable(element).dispatchEvent(
            new CustomEvent('rowaction', { detail: { action: { name: 'open' }, row: flat } })
        );
        expect(rowAction).toHaveBeenCalledWith({ action: 'open', row: rows[1], key: '003000000000000002' });
    });

    it('asks the host to sort by field path, and shows the initial sort', async () => {
        const element = createTable({ rows: contacts(1, 2), sortBy: 'Name', sortDirection: 'desc' });
        const sort = listen(element, 'sort');
        await flush();
        expect(datatable(element).sortedBy).toBe('Name#url');
        expect(datatable(element).sortedDirection).toBe('desc');
        datatable(element).dispatchEvent(
            new CustomEvent('sort', { detail: { fieldName: 'Name#url', sortDirection: 'asc' } })
        );
        expect(sort).toHaveBeenCalledWith({ field: 'Name', direction: 'asc' });
        datatable(element).dispatchEvent(
            new CustomEvent('sort', { detail: { fieldName: 'Email', sortDirection: 'desc' } })
        );
        expect(sort).toHaveBeenLastCalledWith({ field: 'Email', direction: 'desc' });
        await flush();
        expect(datatable(element).sortedBy).toBe('Email');
        datatable(element).dispatchEvent(
            new CustomEvent('sort', { detail: { fieldName: 'Status__c', sortDirection: 'asc' } })
        );
        expect(sort).toHaveBeenCalledTimes(2);
    });

    it('debounces the search box and sends the trimmed term', async () => {
        jest.useFakeTimers();
        const element = createTable({ rows: contacts(1, 2) });
        const search = listen(element, 'search');
        await flush();
        const input = element.shadowRoot!.querySelector('lightning-input')!;
        input.dispatchEvent(new CustomEvent('change', { detail: { value: 'sm' } }));
        input.dispatchEvent(new CustomEvent('change', { detail: { value: ' smi ' } }));
        jest.advanceTimersByTime(299);
        expect(search).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        expect(search).toHaveBeenCalledTimes(1);
        expect(search).toHaveBeenCalledWith({ searchTerm: 'smi' });
        element.rows = [];
        await flush();
        expect(text(element, '.state-empty')).toBe('No Contacts match “smi”.');
    });

    it('asks for the next page only while more rows exist and nothing loads', async () => {
        const element = createTable({ rows: contacts(1, 2), hasMore: true });
        const loadMore = listen(element, 'loadmore');
        await flush();
        datatable(element).dispatchEvent(new CustomEvent('loadmore'));
        expect(loadMore).toHaveBeenCalledTimes(1);
        element.loadingMore = true;
        await flush();
        datatable(element).dispatchEvent(new CustomEvent('loadmore'));
        element.loadingMore = false;
        element.hasMore = false;
        await flush();
        expect(datatable(element).enableInfiniteLoading).toBe(false);
        datatable(element).dispatchEvent(new CustomEvent('loadmore'));
        expect(loadMore).toHaveBeenCalledTimes(1);
    });
});

describe('c-dynamic-data-table selection', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    const key = (i: number): string => `003${String(i).padStart(15, '0')}`;

    it('keeps the selection across infinite-loading pages, search, sort and refresh (by key)', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 500 });
        const page1 = contacts(1, 3);
        const element = createTable({ rows: page1, hasMore: true, selection });
        const changes = listen(element, 'selectionchange');
        await flush();
        select(element, [key(1), key(2)]);
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2)]);
        expect(changes).toHaveBeenLastCalledWith(
            expect.objectContaining({ selectedKeys: [key(1), key(2)], selectedRowCount: 2, rejected: [] })
        );
        // the model keeps the raw (nested) record, so {!contactsTable.FirstSelectedRow.Account.Name} works
        expect(selection.SelectedRows[0]).toEqual(page1[0]);

        // next page arrives
        element.rows = [...page1, ...contacts(4, 6)];
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2)]);
        select(element, [key(1), key(2), key(5)], { action: 'rowSelect', value: key(5) });
        await flush();
        expect(selection.selectedKeys).toEqual([key(1), key(2), key(5)]);

        // search: only row 5 and 6 are visible; 1 and 2 stay selected though not loaded
        element.rows = [contact(5), contact(6)];
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2), key(5)]);
        select(element, [key(5), key(6)]); // no config: reconciled against the visible rows
        await flush();
        expect(selection.selectedKeys).toEqual([key(1), key(2), key(5), key(6)]);
        select(element, [key(6)], { action: 'rowDeselect', value: key(5) });
        await flush();
        expect(selection.selectedKeys).toEqual([key(1), key(2), key(6)]);

        // sort / refresh: new record objects with the same keys keep the selection, with fresh data
        const refreshed = [contact(6, { Status__c: 'Active' }), contact(2, { Status__c: 'Active' }), contact(1)];
        element.rows = refreshed;
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2), key(6)]);
        expect(selection.SelectedRows.find((r) => r.Id === key(6))).toEqual(refreshed[0]);
        expect(datatable(element).data[0].Status__c).toBe('Active');
        await expect(element).toBeAccessible();
    });

    it('refuses selections beyond max-row-selection and tells the user', async () => {
        const element = createTable({ rows: contacts(1, 4), definition: { ...DEFINITION, maxRowSelection: 2 } });
        const changes = listen(element, 'selectionchange');
        await flush();
        expect(datatable(element).maxRowSelection).toBe(2);
        select(element, [key(1), key(2), key(3)]);
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2)]);
        expect(changes).toHaveBeenLastCalledWith(expect.objectContaining({ rejected: [key(3)], selectedRowCount: 2 }));
        expect(text(element, '[aria-live="polite"]')).toBe('You can select up to 2 rows.');
        select(element, [key(1)]);
        await flush();
        expect(text(element, '[aria-live="polite"]')).toBe('Showing 4 items Contacts');
    });

    it('single select (max 1) replaces the selection', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 1 });
        const element = createTable({
            rows: contacts(1, 3),
            selection,
            definition: { ...DEFINITION, maxRowSelection: 1 }
        });
        await flush();
        expect(datatable(element).maxRowSelection).toBe(1);
        select(element, [key(1)], { action: 'rowSelect', value: key(1) });
        select(element, [key(2)], { action: 'rowSelect', value: key(2) });
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(2)]);
    });

    it('select all selects the loaded rows; deselect all and clearSelection() clear everything', async () => {
        const element = createTable({ rows: contacts(1, 3) });
        await flush();
        select(element, [key(1), key(2), key(3)], { action: 'selectAllRows' });
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(1), key(2), key(3)]);
        select(element, [], { action: 'deselectAllRows' });
        await flush();
        expect(datatable(element).selectedRows).toEqual([]);
        select(element, [key(1)]);
        await flush();
        element.clearSelection();
        await flush();
        expect(datatable(element).selectedRows).toEqual([]);
        expect(element.selection.size).toBe(0);
    });

    it('follows selection changes made by the runtime and stops listening when removed', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 10 });
        const element = createTable({ rows: contacts(1, 3), selection });
        await flush();
        selection.select(contact(3));
        await flush();
        expect(datatable(element).selectedRows).toEqual([key(3)]);
        document.body.removeChild(element);
        selection.clear();
        document.body.appendChild(element);
        await flush();
        expect(datatable(element).selectedRows).toEqual([]);
    });
});
