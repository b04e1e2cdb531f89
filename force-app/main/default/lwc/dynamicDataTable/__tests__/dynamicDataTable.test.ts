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
    unavailableHeaderActions: string[];
    unavailableRowActions: string[];
    objectLabelPlural: string;
    height: string;
    recordUrl: (id: string) => string;
    sortBy: string;
    sortDirection: 'asc' | 'desc';
    clearSelection(): void;
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

/** The shadow root of the table's c-data-grid (the rows live there). */
function gridRoot(element: HTMLElement): ShadowRoot {
    return (element.shadowRoot!.querySelector('c-data-grid') as HTMLElement).shadowRoot!;
}

function grid(element: HTMLElement): HTMLTableElement | null {
    const host = element.shadowRoot!.querySelector('c-data-grid');
    return host ? host.shadowRoot!.querySelector('table[role="grid"]') : null;
}

function renderedRows(element: HTMLElement): HTMLTableRowElement[] {
    return [...gridRoot(element).querySelectorAll('tr.data-row')] as HTMLTableRowElement[];
}

function renderedKeys(element: HTMLElement): string[] {
    return renderedRows(element).map((row) => row.dataset.rowKeyValue ?? '');
}

function rowOf(element: HTMLElement, key: string): HTMLTableRowElement {
    return gridRoot(element).querySelector(`tr[data-row-key-value="${key}"]`) as HTMLTableRowElement;
}

/** Text of each data cell of a row, by column label. */
function cellTexts(row: HTMLElement): Record<string, string> {
    const cells: Record<string, string> = {};
    row.querySelectorAll('td[data-label]').forEach((td) => {
        cells[(td as HTMLElement).dataset.label ?? ''] = (td.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    return cells;
}

function checkbox(element: HTMLElement, key: string): HTMLInputElement {
    return rowOf(element, key).querySelector('input.row-select') as HTMLInputElement;
}

function selectedKeysShown(element: HTMLElement): string[] {
    return renderedRows(element)
        .filter((row) => (row.querySelector('input.row-select') as HTMLInputElement | null)?.checked)
        .map((row) => row.dataset.rowKeyValue ?? '');
}

/** Clicks the checkboxes of the given rows (as a user would). */
async function clickRows(element: HTMLElement, keys: string[], init: MouseEventInit = {}): Promise<void> {
    for (const key of keys) {
        checkbox(element, key).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, ...init }));
    }
    await flush();
}

async function clickSelectAll(element: HTMLElement): Promise<void> {
    const input = gridRoot(element).querySelector('input.select-all') as HTMLInputElement;
    input.click();
    await flush();
}

function sortButton(element: HTMLElement, path: string): HTMLButtonElement {
    return gridRoot(element).querySelector(`button.sort-button[data-path="${path}"]`) as HTMLButtonElement;
}

function scroller(element: HTMLElement): HTMLElement {
    return gridRoot(element).querySelector('.grid-scroller') as HTMLElement;
}

/** jsdom has no layout: sets the scroll position the grid reads and fires the scroll event. */
async function scrollTo(element: HTMLElement, top: number, clientHeight = 400): Promise<void> {
    const area = scroller(element);
    Object.defineProperty(area, 'scrollTop', { value: top, configurable: true, writable: true });
    Object.defineProperty(area, 'clientHeight', { value: clientHeight, configurable: true });
    area.dispatchEvent(new CustomEvent('scroll'));
    await flush();
}

function button(element: HTMLElement, name: string): HTMLElement & { disabled: boolean; title: string; label: string } {
    return element.shadowRoot!.querySelector(`lightning-button[data-action="${name}"]`) as HTMLElement & {
        disabled: boolean;
        title: string;
        label: string;
    };
}

function listen(element: HTMLElement, name: string): jest.Mock {
    const handler = jest.fn();
    element.addEventListener(name, (event) => handler((event as CustomEvent).detail));
    return handler;
}

function text(element: HTMLElement, selector: string): string {
    return (element.shadowRoot!.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Mounts a table with a listener attached before it connects (it may fire while rendering the first time). */
async function mountListening(name: string, props: Partial<TableElement>): Promise<jest.Mock> {
    const handler = jest.fn();
    const element = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as TableElement;
    Object.assign(element, { definition: DEFINITION, fields: FIELDS, ...props });
    element.addEventListener(name, handler);
    document.body.appendChild(element);
    await flush();
    return handler;
}

const key = (i: number): string => `003${String(i).padStart(15, '0')}`;

// axe over a full window of rendered rows takes seconds on a loaded machine, and a test that times out leaves axe
// running into the next one ("Axe is already running"): give these tests room
jest.setTimeout(30000);

function cleanUp(): void {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
}

describe('c-dynamic-data-table states', () => {
    afterEach(cleanUp);

    it('shows a spinner and announces loading before the first page', async () => {
        const element = createTable({ loading: true });
        await flush();
        expect(grid(element)).toBeNull();
        // a skeleton with the column headers, announced as loading
        expect(text(element, '.state-loading [role="status"]')).toBe('Loading Contacts');
        expect(element.shadowRoot!.querySelectorAll('.skeleton-header .skeleton-label').length).toBe(
            DEFINITION.columns.length
        );
        expect(text(element, '[aria-live="polite"]')).toBe('Loading Contacts…');
        await expect(element).toBeAccessible();
    });

    it('shows the error with a retry button when the first page failed', async () => {
        const element = createTable({ errorMessage: 'Insufficient access to Contact' });
        const retry = listen(element, 'retry');
        await flush();
        expect(grid(element)).toBeNull();
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

    it('renders the rows in an ARIA grid with counts, a row count and the default height', async () => {
        const element = createTable({ rows: contacts(1, 2), totalCount: 1234, hasMore: true });
        await flush();
        const table = grid(element)!;
        expect(table.getAttribute('aria-label')).toBe('Contacts');
        expect(table.getAttribute('aria-rowcount')).toBe('1235');
        // checkbox + 4 columns + actions
        expect(table.getAttribute('aria-colcount')).toBe('6');
        expect(table.getAttribute('aria-multiselectable')).toBe('true');
        expect(renderedKeys(element)).toEqual([key(1), key(2)]);
        expect(renderedRows(element).map((row) => row.getAttribute('aria-rowindex'))).toEqual(['2', '3']);
        expect(renderedRows(element)[0].getAttribute('aria-selected')).toBe('false');
        expect(text(element, '.row-count')).toBe('2 of 1,234');
        expect(text(element, '[aria-live="polite"]')).toBe('Showing 2 of 1,234 Contacts');
        expect((element.shadowRoot!.querySelector('.table-area') as HTMLElement).style.height).toBe('400px');
        // checkbox 2.5rem + 4 columns × 8rem + actions 3.25rem: a narrow region scrolls sideways instead
        expect(table.getAttribute('style')).toBe(
            'min-width: calc(0px + 37.75rem); --frozen-left-0: calc(2.5rem + 0px); --number-left: 2.5rem;'
        );
        await expect(element).toBeAccessible();
    });

    it('keeps the grid mounted with an overlay spinner while refreshing, and shows later errors as a banner', async () => {
        const element = createTable({ rows: contacts(1, 3), totalCount: 3 });
        await flush();
        const before = grid(element);
        element.loading = true;
        await flush();
        expect(grid(element)).toBe(before);
        expect(element.shadowRoot!.querySelector('.refresh-spinner')).not.toBeNull();
        expect(text(element, '[aria-live="polite"]')).toBe('Refreshing Contacts…');
        await expect(element).toBeAccessible();
        element.loading = false;
        element.errorMessage = 'Query timed out';
        await flush();
        expect(grid(element)).toBe(before);
        expect(text(element, '.error-banner')).toContain('Query timed out');
        await expect(element).toBeAccessible();
    });

    it('counts rows without a total, says when more can load and shows a row while the next page loads', async () => {
        const element = createTable({ rows: contacts(1, 1), hasMore: false });
        await flush();
        expect(text(element, '.row-count')).toBe('1 item');
        expect(grid(element)!.getAttribute('aria-rowcount')).toBe('2');
        element.rows = contacts(1, 50);
        element.hasMore = true;
        await flush();
        expect(text(element, '.row-count')).toBe('50+');
        expect(grid(element)!.getAttribute('aria-rowcount')).toBe('-1');
        element.hasMore = false;
        await flush();
        expect(text(element, '.row-count')).toBe('50 items');
        element.loadingMore = true;
        await flush();
        const spinner = gridRoot(element).querySelector('.loading-more-row lightning-spinner') as HTMLElement & {
            alternativeText: string;
        };
        expect(spinner.alternativeText).toBe('Loading more Contacts');
        expect(text(element, '[aria-live="polite"]')).toBe('Loading more Contacts…');
    });

    it('lists field notices and honours the height override, row numbers and no selection', async () => {
        const element = createTable({
            rows: contacts(1, 2),
            notices: [{ path: 'Phone', message: 'Phone is hidden: you do not have access to this field.' }],
            height: '250px',
            definition: { ...DEFINITION, showRowNumbers: true, showSearch: false, maxRowSelection: 0 }
        });
        await flush();
        expect(text(element, '.notices')).toBe('Phone is hidden: you do not have access to this field.');
        expect((element.shadowRoot!.querySelector('.table-area') as HTMLElement).style.height).toBe('250px');
        expect([...gridRoot(element).querySelectorAll('td.cell-number')].map((td) => td.textContent)).toEqual([
            '1',
            '2'
        ]);
        expect(gridRoot(element).querySelector('input.row-select')).toBeNull();
        expect(gridRoot(element).querySelector('input.select-all')).toBeNull();
        expect(grid(element)!.hasAttribute('aria-multiselectable')).toBe(false);
        expect(renderedRows(element)[0].hasAttribute('aria-selected')).toBe(false);
        expect(element.shadowRoot!.querySelector('lightning-input')).toBeNull();
        await expect(element).toBeAccessible();
    });
});

describe('c-dynamic-data-table columns and cells', () => {
    afterEach(cleanUp);

    it('labels columns from describe unless overridden, links name fields and offers the row actions', async () => {
        const element = createTable({ rows: [contact(1)] });
        await flush();
        const headers = [...gridRoot(element).querySelectorAll('thead th')].map((th) =>
            (th.textContent ?? '').replace(/\s+/g, ' ').trim()
        );
        expect(headers).toEqual(['', 'Full NameSort', 'EmailSort', 'Status', 'Account', 'Actions']);
        const row = renderedRows(element)[0];
        expect(cellTexts(row)).toEqual({
            'Full Name': 'Contact 1',
            Email: 'c1@example.com',
            Status: 'New',
            Account: 'Acme 1'
        });
        const link = row.querySelector('td[data-label="Full Name"] a') as HTMLAnchorElement;
        expect(link.getAttribute('href')).toBe(`/${key(1)}`);
        expect((row.querySelector('td[data-label="Email"] a') as HTMLAnchorElement).getAttribute('href')).toBe(
            'mailto:c1@example.com'
        );
        const menu = row.querySelector('lightning-button-menu') as HTMLElement & { alternativeText: string };
        expect(menu.alternativeText).toBe('Actions for Contact 1');
        const items = [...menu.querySelectorAll('lightning-menu-item')] as (HTMLElement & {
            value: string;
            label: string;
        })[];
        expect(items.map((item) => [item.value, item.label])).toEqual([['open', 'Open']]);
        expect(checkbox(element, key(1)).getAttribute('aria-label')).toBe('Select Contact 1');
    });

    it('formats every display type and builds parent and lookup links', async () => {
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
                    Amount__c: 1234.5,
                    Discount__c: 12.5,
                    Qty__c: 3,
                    Big__c: 1234567,
                    Score__c: 0.25,
                    Birthdate: '1990-01-05',
                    LastModifiedDate: '2024-03-01T12:30:00.000Z',
                    Phone: '(555) 010-2000',
                    Site__c: 'example.com',
                    Active__c: true,
                    Notes__c: 'Line',
                    AccountId: '001A',
                    Account: { Name: 'Acme', OwnerId: '005A', Owner: { Name: 'Olga' } },
                    Parent__c: 'a02',
                    Parent__r: null,
                    Unknown__c: { nested: 1 }
                },
                // eslint-disable-next-line no-script-url -- the test proves such a URL is never made a link
                { Id: 'a03', Discount__c: null, Account: null, Active__c: false, Site__c: 'javascript:alert(1)' }
            ]
        });
        await flush();
        const [first, second] = renderedRows(element);
        const cells = cellTexts(first);
        expect(cells.Amount__c).toBe('$1,234.50');
        expect(cells.Discount__c).toBe('12.5%');
        expect(cells.Qty__c).toBe('3');
        expect(cells.Big__c).toBe('1,234,567');
        expect(cells.Score__c).toBe('0.25');
        expect(cells.Birthdate).toBe('Jan 05, 1990');
        expect(cells.LastModifiedDate).toMatch(/^Mar 0[12], 2024, \d{2}:\d{2}/);
        expect(cells.Notes__c).toBe('Line');
        expect(cells.Unknown__c).toBe('{"nested":1}');
        const href = (label: string, row = first): string | null =>
            row.querySelector(`td[data-label="${label}"] a`)?.getAttribute('href') ?? null;
        expect(href('Phone')).toBe('tel:5550102000');
        expect(href('Site__c')).toBe('https://example.com');
        expect(first.querySelector('td[data-label="Site__c"] a')!.getAttribute('target')).toBe('_blank');
        expect(first.querySelector('td[data-label="Active__c"] lightning-icon')).not.toBeNull();
        expect(href('AccountId')).toBe('/lightning/r/001A/view');
        expect(cells.AccountId).toBe('Acme');
        expect(href('Parent__c')).toBe('/lightning/r/a02/view');
        expect(cells.Parent__c).toBe('a02');
        expect(href('Account.Name')).toBe('/lightning/r/001A/view');
        expect(href('Account.Owner.Name')).toBe('/lightning/r/005A/view');
        expect(cells['Account.Owner.Name']).toBe('Olga');
        expect(href('Id')).toBe('/lightning/r/a01/view');
        // blanks stay blank, unlinked; a script URL is never a link
        const other = cellTexts(second);
        expect(other.Discount__c).toBe('');
        expect(href('Account.Name', second)).toBeNull();
        expect(href('AccountId', second)).toBeNull();
        expect(second.querySelector('td[data-label="Active__c"] lightning-icon')).toBeNull();
        expect(href('Site__c', second)).toBeNull();
        // eslint-disable-next-line no-script-url -- the test proves such a URL is never made a link
        expect(other.Site__c).toBe('javascript:alert(1)');
        // right-aligned numbers
        expect(first.querySelector('td[data-label="Amount__c"]')!.className).toContain('align-right');
    });

    it('renders only the rows in view: spacers keep the scroll height and a scroll moves the window', async () => {
        const element = createTable({ rows: contacts(1, 1000), totalCount: 1000 });
        await flush();
        const keys = renderedKeys(element);
        expect(keys.length).toBeGreaterThan(10);
        expect(keys.length).toBeLessThan(50);
        expect(keys[0]).toBe(key(1));
        expect(gridRoot(element).querySelectorAll('tr.spacer')).toHaveLength(1);
        const bottom = gridRoot(element).querySelector('tr.spacer') as HTMLElement;
        expect(bottom.style.height).toBe(`${(1000 - keys.length) * 33}px`);

        await scrollTo(element, 500 * 33);
        const moved = renderedRows(element);
        expect(moved.map((row) => row.dataset.rowKeyValue)).toContain(key(501));
        expect(moved.length).toBeLessThan(50);
        const firstIndex = Number(moved[0].dataset.rowIndex);
        expect(moved[0].getAttribute('aria-rowindex')).toBe(String(firstIndex + 2));
        const [top] = gridRoot(element).querySelectorAll('tr.spacer') as NodeListOf<HTMLElement>;
        expect(top.style.height).toBe(`${firstIndex * 33}px`);
        await expect(element).toBeAccessible();
    });
});

describe('c-dynamic-data-table actions, sort, search, paging', () => {
    afterEach(cleanUp);

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

        await clickRows(element, [key(1)]);
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
        // beside the button (a status with its text), and the grid is locked while it runs
        const spinner = element.shadowRoot!.querySelector('.action-spinner') as HTMLElement;
        expect(spinner.getAttribute('role')).toBe('status');
        expect(spinner.textContent).toContain('New is running');
        expect(element.shadowRoot!.querySelector('.header-action lightning-spinner')).toBeNull();
        const dataGrid = element.shadowRoot!.querySelector('c-data-grid') as HTMLElement & { locked: boolean };
        expect(dataGrid.locked).toBe(true);
        expect(element.shadowRoot!.querySelector('.table-area')!.getAttribute('aria-busy')).toBe('true');
        busy.dispatchEvent(new CustomEvent('click'));
        expect(headerAction).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
        element.busyActions = [];
        await flush();
        expect(button(element, 'newContact').disabled).toBe(false);
        expect(element.shadowRoot!.querySelector('.action-spinner')).toBeNull();
        expect(dataGrid.locked).toBe(false);
    });

    it('shows a header action that is not set up as disabled with the reason, visible and announced', async () => {
        const element = createTable({ rows: contacts(1, 3), unavailableHeaderActions: ['setActive'] });
        const headerAction = listen(element, 'headeraction');
        await flush();
        await clickRows(element, [key(1)]);
        const setActive = button(element, 'setActive');
        // a selection does not enable it: it is not set up
        expect(setActive.disabled).toBe(true);
        expect(setActive.title).toBe("This action isn't set up correctly. Ask your admin.");
        const hints = [...element.shadowRoot!.querySelectorAll('.header-actions .slds-assistive-text')];
        const hint = hints.find((h) => h.id === setActive.getAttribute('aria-describedby'))!;
        expect(hint.textContent).toBe("This action isn't set up correctly. Ask your admin.");
        const notes = [...element.shadowRoot!.querySelectorAll('.unavailable-note')].map((li) =>
            (li.textContent ?? '').replace(/\s+/g, ' ').trim()
        );
        expect(notes).toEqual(["Set as Active: This action isn't set up correctly. Ask your admin."]);
        expect(button(element, 'newContact').disabled).toBe(false);
        expect(button(element, 'newContact').getAttribute('aria-describedby')).not.toBe(hint.id);
        setActive.dispatchEvent(new CustomEvent('click'));
        expect(headerAction).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();

        element.unavailableHeaderActions = undefined as unknown as string[];
        await flush();
        expect(element.unavailableHeaderActions).toEqual([]);
        expect(button(element, 'setActive').disabled).toBe(false);
        expect(element.shadowRoot!.querySelector('.unavailable-notes')).toBeNull();
    });

    it('shows a row action that is not set up as a disabled menu item with the reason, and never dispatches it', async () => {
        const definition: DataTableDefinition = {
            ...DEFINITION,
            rowActions: [
                { name: 'open', label: 'Open' },
                { name: 'call', label: 'Log a call' }
            ]
        };
        const rows = contacts(1, 2);
        const element = createTable({ definition, rows, unavailableRowActions: ['call'] });
        const rowAction = listen(element, 'rowaction');
        await flush();
        const menu = rowOf(element, key(1)).querySelector('lightning-button-menu')!;
        const items = [...menu.querySelectorAll('lightning-menu-item')] as (HTMLElement & {
            value: string;
            label: string;
            disabled: boolean;
        })[];
        expect(items.map((item) => [item.value, item.label, item.disabled])).toEqual([
            ['open', 'Open', false],
            ['call', "Log a call — This action isn't set up correctly. Ask your admin.", true]
        ]);
        menu.dispatchEvent(new CustomEvent('select', { detail: { value: 'call' } }));
        menu.dispatchEvent(new CustomEvent('select', { detail: { value: 'noSuchAction' } }));
        expect(rowAction).not.toHaveBeenCalled();
        menu.dispatchEvent(new CustomEvent('select', { detail: { value: 'open' } }));
        expect(rowAction).toHaveBeenCalledWith({ action: 'open', row: rows[0], key: key(1) });
        await expect(element).toBeAccessible();

        element.unavailableRowActions = [];
        await flush();
        const gridHost = element.shadowRoot!.querySelector('c-data-grid') as HTMLElement & {
            unavailableActions: string[];
            unavailableReason: string;
        };
        expect(gridHost.unavailableActions).toEqual([]);
        expect(gridHost.unavailableReason).toBe("This action isn't set up correctly. Ask your admin.");
        expect(element.unavailableRowActions).toEqual([]);
        const enabled = [...rowOf(element, key(1)).querySelectorAll('lightning-menu-item')] as (HTMLElement & {
            label: string;
            disabled: boolean;
        })[];
        expect(enabled.map((item) => [item.label, item.disabled])).toEqual([
            ['Open', false],
            ['Log a call', false]
        ]);
        // a grid told of an unavailable action but no reason shows the plain label, still disabled
        gridHost.unavailableReason = undefined as unknown as string;
        gridHost.unavailableActions = ['open'];
        await flush();
        const plain = rowOf(element, key(1)).querySelector('lightning-menu-item') as HTMLElement & {
            label: string;
            disabled: boolean;
        };
        expect([plain.label, plain.disabled]).toEqual(['Open', true]);
        gridHost.unavailableActions = 'open' as unknown as string[];
        await flush();
        expect(gridHost.unavailableActions).toEqual([]);
    });

    it('dispatches rowaction with the raw record', async () => {
        const rows = contacts(1, 2);
        const element = createTable({ rows });
        const rowAction = listen(element, 'rowaction');
        await flush();
        rowOf(element, key(2))
            .querySelector('lightning-button-menu')!
            .dispatchEvent(new CustomEvent('select', { detail: { value: 'open' } }));
        expect(rowAction).toHaveBeenCalledWith({ action: 'open', row: rows[1], key: key(2) });
    });

    it('asks the host to sort by field path, toggles the direction and shows the sort', async () => {
        const element = createTable({ rows: contacts(1, 2), sortBy: 'Name', sortDirection: 'desc' });
        const sort = listen(element, 'sort');
        await flush();
        const th = (path: string) => sortButton(element, path).closest('th')!;
        expect(th('Name').getAttribute('aria-sort')).toBe('descending');
        expect(th('Email').getAttribute('aria-sort')).toBe('none');
        expect(sortButton(element, 'Status__c')).toBeNull();

        sortButton(element, 'Name').click();
        expect(sort).toHaveBeenLastCalledWith({ field: 'Name', direction: 'asc' });
        await flush();
        expect(th('Name').getAttribute('aria-sort')).toBe('ascending');
        sortButton(element, 'Name').click();
        expect(sort).toHaveBeenLastCalledWith({ field: 'Name', direction: 'desc' });
        sortButton(element, 'Email').click();
        expect(sort).toHaveBeenLastCalledWith({ field: 'Email', direction: 'asc' });
        await flush();
        expect(th('Email').getAttribute('aria-sort')).toBe('ascending');
        expect(th('Name').getAttribute('aria-sort')).toBe('none');
        expect(sort).toHaveBeenCalledTimes(3);
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

    it('asks for the next page once per page when the view nears the end, never while loading or at the end', async () => {
        const loadMore = jest.fn();
        const element = createTable({ rows: contacts(1, 100), hasMore: true, loading: true });
        element.addEventListener('loadmore', loadMore);
        await flush();
        expect(loadMore).not.toHaveBeenCalled(); // a refresh is running
        element.loading = false;
        await flush();
        expect(loadMore).not.toHaveBeenCalled(); // the view is far from the end
        await scrollTo(element, 75 * 33);
        expect(loadMore).toHaveBeenCalledTimes(1);
        await scrollTo(element, 76 * 33);
        expect(loadMore).toHaveBeenCalledTimes(1); // once per page
        element.loadingMore = true;
        element.rows = contacts(1, 101);
        await flush();
        await scrollTo(element, 77 * 33);
        expect(loadMore).toHaveBeenCalledTimes(1); // not while a page loads
        element.loadingMore = false;
        element.rows = contacts(1, 150);
        await flush();
        await scrollTo(element, 140 * 33);
        expect(loadMore).toHaveBeenCalledTimes(2);
        element.hasMore = false;
        element.rows = contacts(1, 200);
        await flush();
        await scrollTo(element, 190 * 33);
        expect(loadMore).toHaveBeenCalledTimes(2);
    });

    it('asks for the next page at once when the loaded rows do not fill the view (once its size is known)', async () => {
        // jsdom has no layout: the view reports a height as a browser would
        const clientHeight = jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(400);
        const loadMore = await mountListening('loadmore', { rows: contacts(1, 3), hasMore: true });
        expect(loadMore).toHaveBeenCalledTimes(1);
        clientHeight.mockRestore();
    });

    it('does not ask for more on a guessed view size', async () => {
        const loadMore = await mountListening('loadmore', { rows: contacts(1, 3), hasMore: true });
        expect(loadMore).not.toHaveBeenCalled();
    });
});

describe('c-dynamic-data-table selection', () => {
    afterEach(cleanUp);

    it('keeps the selection across infinite-loading pages, search, sort and refresh (by key)', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 500 });
        const page1 = contacts(1, 3);
        const element = createTable({ rows: page1, hasMore: true, selection });
        const changes = listen(element, 'selectionchange');
        await flush();
        await clickRows(element, [key(1), key(2)]);
        expect(selectedKeysShown(element)).toEqual([key(1), key(2)]);
        expect(rowOf(element, key(1)).getAttribute('aria-selected')).toBe('true');
        expect(changes).toHaveBeenLastCalledWith(
            expect.objectContaining({ selectedKeys: [key(1), key(2)], selectedRowCount: 2, rejected: [] })
        );
        // the model keeps the raw (nested) record, so {!contactsTable.FirstSelectedRow.Account.Name} works
        expect(selection.SelectedRows[0]).toEqual(page1[0]);
        expect(changes.mock.calls[1][0].selectedRows).toEqual([page1[0], page1[1]]);

        // next page arrives
        element.rows = [...page1, ...contacts(4, 6)];
        await flush();
        expect(selectedKeysShown(element)).toEqual([key(1), key(2)]);
        await clickRows(element, [key(5)]);
        expect(selection.selectedKeys).toEqual([key(1), key(2), key(5)]);

        // search: only rows 5 and 6 are loaded; 1 and 2 stay selected though not loaded
        element.rows = [contact(5), contact(6)];
        await flush();
        expect(selectedKeysShown(element)).toEqual([key(5)]);
        await clickRows(element, [key(6), key(5)]);
        expect(selection.selectedKeys).toEqual([key(1), key(2), key(6)]);

        // sort / refresh: new record objects with the same keys keep the selection, with fresh data
        const refreshed = [contact(6, { Status__c: 'Active' }), contact(2, { Status__c: 'Active' }), contact(1)];
        element.rows = refreshed;
        await flush();
        expect(selectedKeysShown(element)).toEqual([key(6), key(2), key(1)]);
        expect(selection.SelectedRows.find((r) => r.Id === key(6))).toEqual(refreshed[0]);
        expect(cellTexts(renderedRows(element)[0]).Status).toBe('Active');
        await expect(element).toBeAccessible();
    });

    it('refuses selections beyond max-row-selection and tells the user', async () => {
        const element = createTable({ rows: contacts(1, 4), definition: { ...DEFINITION, maxRowSelection: 2 } });
        const changes = listen(element, 'selectionchange');
        await flush();
        await clickRows(element, [key(1), key(2), key(3)]);
        expect(selectedKeysShown(element)).toEqual([key(1), key(2)]);
        expect(checkbox(element, key(3)).checked).toBe(false);
        expect(changes).toHaveBeenLastCalledWith(expect.objectContaining({ rejected: [key(3)], selectedRowCount: 2 }));
        expect(text(element, '[aria-live="polite"]')).toBe('You can select up to 2 rows.');
        await clickRows(element, [key(1)]);
        expect(text(element, '[aria-live="polite"]')).toBe('Showing 4 items Contacts');
        // select all stops at the maximum too
        await clickSelectAll(element);
        expect(selectedKeysShown(element)).toEqual([key(1), key(2)]);
        expect(text(element, '[aria-live="polite"]')).toBe('You can select up to 2 rows.');
    });

    it('single select (max 1) uses radio buttons and replaces the selection', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 1 });
        const element = createTable({
            rows: contacts(1, 3),
            selection,
            definition: { ...DEFINITION, maxRowSelection: 1 }
        });
        await flush();
        expect(checkbox(element, key(1)).type).toBe('radio');
        expect(checkbox(element, key(1)).name).toBe(checkbox(element, key(2)).name);
        expect(gridRoot(element).querySelector('input.select-all')).toBeNull();
        expect(grid(element)!.getAttribute('aria-multiselectable')).toBe('false');
        await clickRows(element, [key(1), key(2)]);
        expect(selectedKeysShown(element)).toEqual([key(2)]);
        expect(selection.selectedKeys).toEqual([key(2)]);
    });

    it('select all selects the loaded rows; the header box shows some or all; clearSelection() clears', async () => {
        const element = createTable({ rows: contacts(1, 3) });
        await flush();
        const selectAll = () => gridRoot(element).querySelector('input.select-all') as HTMLInputElement;
        expect(selectAll().getAttribute('aria-label')).toBe('Select all loaded Contacts');
        await clickRows(element, [key(2)]);
        expect(selectAll().indeterminate).toBe(true);
        expect(selectAll().checked).toBe(false);
        await clickSelectAll(element);
        expect(selectedKeysShown(element)).toEqual([key(1), key(2), key(3)]);
        expect(selectAll().checked).toBe(true);
        expect(selectAll().indeterminate).toBe(false);
        await clickSelectAll(element);
        expect(selectedKeysShown(element)).toEqual([]);
        expect(selectAll().indeterminate).toBe(false);
        await clickRows(element, [key(1)]);
        element.clearSelection();
        await flush();
        expect(selectedKeysShown(element)).toEqual([]);
        expect(element.selection.size).toBe(0);
    });

    it('Shift+click selects or clears the range from the last clicked row', async () => {
        const element = createTable({ rows: contacts(1, 6) });
        await flush();
        await clickRows(element, [key(2)]);
        await clickRows(element, [key(5)], { shiftKey: true });
        expect(element.selection.selectedKeys).toEqual([key(2), key(3), key(4), key(5)]);
        // the range runs from the last clicked row (5) to 3, and takes 3's new state: cleared
        await clickRows(element, [key(3)], { shiftKey: true });
        expect(element.selection.selectedKeys).toEqual([key(2)]);
    });

    it('follows selection changes made by the runtime and stops listening when removed', async () => {
        const selection = new SelectionModel({ keyField: 'Id', maxRowSelection: 10 });
        const element = createTable({ rows: contacts(1, 3), selection });
        await flush();
        selection.select(contact(3));
        await flush();
        expect(selectedKeysShown(element)).toEqual([key(3)]);
        document.body.removeChild(element);
        selection.clear();
        document.body.appendChild(element);
        await flush();
        expect(selectedKeysShown(element)).toEqual([]);
    });
});

describe('c-dynamic-data-table keyboard', () => {
    afterEach(cleanUp);

    const focused = (element: HTMLElement): Element | null => gridRoot(element).activeElement;
    const press = async (element: HTMLElement, keyName: string, init: KeyboardEventInit = {}): Promise<void> => {
        const target = (focused(element) ?? grid(element)!) as HTMLElement;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, composed: true, ...init }));
        await flush();
        await flush();
    };
    const tabStops = (element: HTMLElement): Element[] =>
        [...gridRoot(element).querySelectorAll('table [tabindex="0"]')] as Element[];

    it('has one tab stop and moves it with the arrows, Home/End and PageUp/PageDown', async () => {
        const element = createTable({ rows: contacts(1, 40) });
        await flush();
        expect(tabStops(element)).toEqual([gridRoot(element).querySelector('input.select-all')]);
        (gridRoot(element).querySelector('input.select-all') as HTMLElement).focus();

        await press(element, 'ArrowDown');
        expect(focused(element)).toBe(checkbox(element, key(1)));
        expect(tabStops(element)).toEqual([checkbox(element, key(1))]);
        await press(element, 'ArrowRight');
        expect(focused(element)).toBe(rowOf(element, key(1)).querySelector('td[data-label="Full Name"] a'));
        await press(element, 'ArrowRight');
        await press(element, 'ArrowRight');
        // Status has no control: the cell itself takes focus
        expect(focused(element)).toBe(rowOf(element, key(1)).querySelector('td[data-label="Status"]'));
        await press(element, 'End');
        expect(focused(element)).toBe(rowOf(element, key(1)).querySelector('lightning-button-menu'));
        await press(element, 'Home');
        expect(focused(element)).toBe(checkbox(element, key(1)));
        await press(element, 'PageDown');
        const afterPage = Number((focused(element)!.closest('tr') as HTMLElement).dataset.rowIndex);
        expect(afterPage).toBeGreaterThan(5);
        await press(element, 'PageUp');
        expect(focused(element)).toBe(checkbox(element, key(1)));
        await press(element, 'ArrowUp');
        expect(focused(element)).toBe(gridRoot(element).querySelector('input.select-all'));
        await press(element, 'ArrowRight');
        expect(focused(element)).toBe(sortButton(element, 'Name'));
        expect(tabStops(element)).toHaveLength(1);
        await expect(element).toBeAccessible();
    });

    it('Ctrl+End scrolls to the last loaded row and focuses its last cell; a click moves the tab stop', async () => {
        const element = createTable({ rows: contacts(1, 500) });
        await flush();
        (gridRoot(element).querySelector('input.select-all') as HTMLElement).focus();
        await press(element, 'End', { ctrlKey: true });
        expect(scroller(element).scrollTop).toBeGreaterThan(400 * 33);
        expect(focused(element)).toBe(rowOf(element, key(500)).querySelector('lightning-button-menu'));
        await press(element, 'Home', { ctrlKey: true });
        expect(focused(element)).toBe(checkbox(element, key(1)));

        const cell = rowOf(element, key(3)).querySelector('td[data-label="Status"]') as HTMLElement;
        cell.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
        await flush();
        expect(tabStops(element)).toEqual([cell]);
    });

    it('leaves the keys to an open row action menu', async () => {
        const element = createTable({ rows: contacts(1, 3) });
        await flush();
        const menu = rowOf(element, key(2)).querySelector('lightning-button-menu') as HTMLElement;
        menu.classList.add('slds-is-open');
        const event = new KeyboardEvent('keydown', {
            key: 'ArrowDown',
            bubbles: true,
            composed: true,
            cancelable: true
        });
        menu.dispatchEvent(event);
        await flush();
        expect(event.defaultPrevented).toBe(false);
        expect(tabStops(element)).toEqual([gridRoot(element).querySelector('input.select-all')]);
    });
});

describe('c-dynamic-data-table selections hidden by a search, the selection limit', () => {
    it('counts selected rows the search hides, shows them on request and clears them', async () => {
        const element = createTable({ rows: contacts(1, 5) });
        await flush();
        await clickRows(element, [key(1), key(2), key(3)]);
        const input = element.shadowRoot!.querySelector('lightning-input')!;
        input.dispatchEvent(new CustomEvent('change', { detail: { value: 'Contact 3' } }));
        // the server answered the search: only Contact 3 (selected) is loaded now
        element.rows = [contact(3)];
        await flush();
        expect(text(element, '.row-count')).toContain('3 selected, 2 hidden by the search');
        (element.shadowRoot!.querySelector('button.show-selected') as HTMLButtonElement).click();
        await flush();
        expect(renderedKeys(element).sort()).toEqual([key(1), key(2), key(3)]);
        expect(text(element, '.showing-selected')).toBe('Showing 3 selected rows');
        (element.shadowRoot!.querySelector('button.show-all') as HTMLButtonElement).click();
        await flush();
        expect(renderedKeys(element)).toEqual([key(3)]);
        (element.shadowRoot!.querySelector('button.clear-selection') as HTMLButtonElement).click();
        await flush();
        expect(element.selection!.size).toBe(0);
        expect(text(element, '.row-count')).not.toContain('selected');
    });

    it('says when the maximum selection is reached, not before', async () => {
        const element = createTable({ rows: contacts(1, 5), definition: { ...DEFINITION, maxRowSelection: 2 } });
        await flush();
        await clickRows(element, [key(1)]);
        expect(element.shadowRoot!.querySelector('.selection-limit')).toBeNull();
        await clickRows(element, [key(2)]);
        expect(text(element, '.selection-limit')).toBe('Maximum reached: you can select up to 2 rows.');
    });
});

describe('c-dynamic-data-table select all matching', () => {
    afterEach(cleanUp);
    /** A cap above the total: every matching row can be selected. */
    const UNCAPPED: DataTableDefinition = { ...DEFINITION, maxRowSelection: 50000 };

    it('offers every matching row once the loaded ones are selected, then counts the total and its exclusions', async () => {
        const element = createTable({ rows: contacts(1, 50), totalCount: 25000, hasMore: true, definition: UNCAPPED });
        const changes = listen(element, 'selectionchange');
        await flush();
        expect(element.shadowRoot!.querySelector('.matching-banner')).toBeNull();
        await clickSelectAll(element);
        expect(text(element, '.matching-text')).toBe('All 50 loaded rows are selected.');
        expect(text(element, 'button.select-all-matching')).toBe('Select all 25,000 matching rows');
        expect(element.shadowRoot!.querySelector('.matching-status')!.getAttribute('role')).toBe('status');
        await expect(element).toBeAccessible();
        (element.shadowRoot!.querySelector('button.select-all-matching') as HTMLButtonElement).click();
        await flush();
        expect(text(element, '.matching-text')).toBe('All 25,000 matching rows are selected.');
        expect(text(element, '.row-count')).toBe('50 of 25,000 • 25,000 selected');
        expect(changes).toHaveBeenLastCalledWith(expect.objectContaining({ selectedRowCount: 25000 }));
        await clickRows(element, [key(2)]);
        expect(text(element, '.matching-text')).toBe('24,999 of 25,000 matching rows are selected.');
        expect(element.selection.MatchingSelection).toEqual({
            searchTerm: null,
            excludedIds: [key(2)],
            expectedCount: 24999
        });
        // the next page arrives selected
        element.rows = contacts(1, 100);
        await flush();
        expect(element.selection.isSelected(key(80))).toBe(true);
        expect(element.selection.SelectedRowsKeyValue).toHaveLength(99);
        expect(checkbox(element, key(3)).checked).toBe(true);
        expect(checkbox(element, key(2)).checked).toBe(false);
        (element.shadowRoot!.querySelector('button.clear-matching') as HTMLButtonElement).click();
        await flush();
        expect(element.selection.SelectedRowCount).toBe(0);
        expect(element.shadowRoot!.querySelector('.matching-banner')).toBeNull();
    });

    it('a new search or a changed total ends it; no offer when maxRowSelection is below the total', async () => {
        const element = createTable({ rows: contacts(1, 50), totalCount: 25000, hasMore: true, definition: UNCAPPED });
        await flush();
        await clickSelectAll(element);
        (element.shadowRoot!.querySelector('button.select-all-matching') as HTMLButtonElement).click();
        await flush();
        element.totalCount = 24000;
        await flush();
        expect(element.selection.isAllMatching).toBe(false);
        expect(text(element, '.row-count')).toBe('50 of 24,000 • 50 selected');
        (element.shadowRoot!.querySelector('button.select-all-matching') as HTMLButtonElement).click();
        await flush();
        expect(element.selection.isAllMatching).toBe(true);
        element
            .shadowRoot!.querySelector('lightning-input')!
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'ann' } }));
        await flush();
        expect(element.selection.isAllMatching).toBe(false);

        const capped = createTable({
            rows: contacts(1, 50),
            totalCount: 25000,
            hasMore: true,
            definition: { ...DEFINITION, maxRowSelection: 500 }
        });
        await flush();
        await clickSelectAll(capped);
        expect(capped.shadowRoot!.querySelector('.matching-banner')).toBeNull();
    });
});
