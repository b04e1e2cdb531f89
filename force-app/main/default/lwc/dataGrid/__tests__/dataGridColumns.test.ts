/*
 * The column features through the mounted components: c-dynamic-data-table's column menu (c-column-menu), the
 * grid's resize handles and keyboard resizing, hiding and wrapping columns, remembered choices and cell style
 * badges. (jsdom does no layout: widths start from the definition or the 40 px minimum.)
 */
import { createElement } from '@lwc/engine-dom';
import DynamicDataTable from 'c/dynamicDataTable';
import type { DataTableDefinition } from 'c/dcDefinition';
import type { QueryFieldInfo } from 'c/dcRuntime';

type Row = Record<string, unknown>;
type TableElement = HTMLElement & {
    definition: DataTableDefinition;
    definitionName: string;
    fields: QueryFieldInfo[];
    rows: Row[];
    objectLabelPlural: string;
};

const FIELDS: QueryFieldInfo[] = [
    { path: 'Name', label: 'Full Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true },
    { path: 'Email', label: 'Email', type: 'EMAIL', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Status__c', label: 'Status', type: 'PICKLIST', isNameField: false, referenceTo: null, sortable: true }
];

const DEFINITION: DataTableDefinition = {
    name: 'contactsTable',
    type: 'dataTable',
    query: 'contacts',
    keyField: 'Id',
    frozenColumns: 2,
    columns: [
        { field: 'Name', label: 'Name', sortable: true },
        { field: 'Email', initialWidth: 150 },
        {
            field: 'Status__c',
            cellStyles: [
                { operator: 'equals', value: 'Active', variant: 'success', badge: true },
                { operator: 'isNull', variant: 'neutral' }
            ]
        }
    ]
};

const KEY = 'dynamicComponents.columns:Board:contactsTable';

function rows(n: number): Row[] {
    return Array.from({ length: n }, (_, i) => ({
        Id: `003${String(i).padStart(15, '0')}`,
        Name: `Contact ${i}`,
        Email: `c${i}@example.com`,
        Status__c: i % 2 ? 'Active' : 'New'
    }));
}

function createTable(): TableElement {
    const element = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as TableElement;
    Object.assign(element, {
        definition: DEFINITION,
        definitionName: 'Board',
        fields: FIELDS,
        rows: rows(30),
        objectLabelPlural: 'Contacts'
    });
    document.body.appendChild(element);
    return element;
}

/** A few microtask turns: a re-render and the re-render it causes (measured sizes, the column menu's list). */
const flush = async (): Promise<void> => {
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
};

const gridRoot = (element: HTMLElement): ShadowRoot =>
    (element.shadowRoot!.querySelector('c-data-grid') as HTMLElement).shadowRoot!;
const menuRoot = (element: HTMLElement): ShadowRoot =>
    (element.shadowRoot!.querySelector('c-column-menu') as HTMLElement).shadowRoot!;
const headers = (element: HTMLElement): string[] =>
    Array.from(gridRoot(element).querySelectorAll('thead th.column-header .slds-truncate'), (e) =>
        (e.textContent ?? '').trim()
    );
const handle = (element: HTMLElement, label: string): HTMLElement =>
    gridRoot(element).querySelector(`.resize-handle[aria-label="Resize ${label} column"]`) as HTMLElement;
const colWidths = (element: HTMLElement): string[] =>
    Array.from(gridRoot(element).querySelectorAll('colgroup col'), (c) => (c as HTMLElement).style.width);
const press = async (target: Element, key: string, init: KeyboardEventInit = {}): Promise<void> => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...init }));
    await flush();
};
const active = (element: HTMLElement): Element | null => gridRoot(element).activeElement;

async function openMenu(element: HTMLElement): Promise<ShadowRoot> {
    const root = menuRoot(element);
    (root.querySelector('button.menu-button') as HTMLElement).click();
    await flush();
    return root;
}

const item = (root: ShadowRoot, label: string): HTMLElement =>
    Array.from(root.querySelectorAll('[role^="menuitem"]')).find(
        (e) => (e.textContent ?? '').trim() === label
    ) as HTMLElement;

describe('Data Table columns', () => {
    beforeEach(() => localStorage.clear());
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('resizes a column with the keyboard from its header handle and remembers the width', async () => {
        const element = createTable();
        await flush();
        const name = gridRoot(element).querySelector('button.sort-button[data-path="Name"]') as HTMLElement;
        name.focus();
        await press(name, 'ArrowRight');
        expect(active(element)).toBe(handle(element, 'Name'));
        expect(handle(element, 'Name').getAttribute('tabindex')).toBe('0');
        expect(name.getAttribute('tabindex')).toBe('-1');
        // the handle is a focusable separator with its value
        const email = handle(element, 'Email');
        expect(email.getAttribute('role')).toBe('separator');
        expect(email.getAttribute('aria-valuenow')).toBe('150');
        await press(handle(element, 'Name'), 'ArrowRight');
        await press(active(element)!, 'ArrowRight');
        expect(active(element)).toBe(email);
        await press(email, 'Enter');
        expect(email.dataset.resizing).toBe('true');
        await press(email, 'ArrowRight');
        await press(email, 'ArrowRight', { shiftKey: true });
        await press(email, 'Enter');
        expect(email.getAttribute('aria-valuenow')).toBe('210');
        expect(colWidths(element)).toContain('210px');
        expect(JSON.parse(localStorage.getItem(KEY)!).widths).toEqual({ Email: 210 });
        // Escape puts the width back
        await press(email, 'Enter');
        await press(email, 'ArrowLeft');
        expect(email.getAttribute('aria-valuenow')).toBe('200');
        await press(email, 'Escape');
        expect(email.getAttribute('aria-valuenow')).toBe('210');
        // a new table of the same definition starts with the remembered width
        document.body.removeChild(element);
        const again = createTable();
        await flush();
        expect(handle(again, 'Email').getAttribute('aria-valuenow')).toBe('210');
    });

    it('resizes by dragging the handle', async () => {
        const element = createTable();
        await flush();
        const email = handle(element, 'Email');
        const pointer = (type: string, clientX: number) => {
            const event = new MouseEvent(type, { bubbles: true, composed: true, clientX, button: 0 });
            Object.defineProperty(event, 'pointerId', { value: 1 });
            email.dispatchEvent(event);
        };
        // jsdom lays nothing out: the drag starts from a rendered width of 0, 80 px to the right
        pointer('pointerdown', 100);
        await flush();
        pointer('pointermove', 180);
        await flush();
        expect(colWidths(element)).toContain('80px');
        pointer('pointerup', 180);
        await flush();
        expect(JSON.parse(localStorage.getItem(KEY)!).widths).toEqual({ Email: 80 });
    });

    it('hides, shows and wraps columns from the column menu, one column always stays; Reset forgets the choices', async () => {
        const element = createTable();
        await flush();
        expect(headers(element)).toEqual(['Name', 'Email', 'Status']);
        let root = await openMenu(element);
        expect(root.querySelector('[role="menu"]')).not.toBeNull();
        expect((root.querySelector('button.menu-button') as HTMLElement).getAttribute('aria-expanded')).toBe('true');
        item(root, 'Email').click();
        await flush();
        expect(headers(element)).toEqual(['Name', 'Status']);
        expect(item(root, 'Email').getAttribute('aria-checked')).toBe('false');
        // the menu stays open for the next choice
        item(root, 'Status').click();
        await flush();
        expect(headers(element)).toEqual(['Name']);
        expect(item(root, 'Name').getAttribute('aria-disabled')).toBe('true');
        item(root, 'Name').click();
        await flush();
        expect(headers(element)).toEqual(['Name']);
        item(root, 'Wrap Name').click();
        await flush();
        expect(gridRoot(element).querySelector('td.cell-wrap')).not.toBeNull();
        expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({
            v: 1,
            widths: {},
            hidden: ['Email', 'Status__c'],
            wrap: { Name: true }
        });
        await expect(element).toBeAccessible();
        item(root, 'Reset columns').click();
        await flush();
        expect(headers(element)).toEqual(['Name', 'Email', 'Status']);
        expect(localStorage.getItem(KEY)).toBeNull();
        root = menuRoot(element);
        expect(root.querySelector('[role="menu"]')).toBeNull();
    });

    it('moves through the menu with the keyboard and closes it with Escape', async () => {
        const element = createTable();
        await flush();
        const root = menuRoot(element);
        const button = root.querySelector('button.menu-button') as HTMLElement;
        await press(button, 'ArrowDown');
        expect(root.activeElement).toBe(item(root, 'Name'));
        await press(root.activeElement!, 'ArrowDown');
        expect(root.activeElement).toBe(item(root, 'Email'));
        await press(root.activeElement!, 'End');
        expect(root.activeElement).toBe(item(root, 'Reset columns'));
        await press(root.activeElement!, 'ArrowDown');
        expect(root.activeElement).toBe(item(root, 'Name'));
        await press(root.activeElement!, 'ArrowUp');
        await press(root.activeElement!, 'Home');
        await press(root.activeElement!, 'ArrowDown');
        await press(root.activeElement!, ' ');
        expect(headers(element)).toEqual(['Name', 'Status']);
        await press(root.activeElement ?? item(root, 'Email'), 'Escape');
        expect(root.querySelector('[role="menu"]')).toBeNull();
        expect(root.activeElement).toBe(button);
    });

    it('freezes the first frozenColumns columns and shows a badge where a cell style rule matches the raw value', async () => {
        const element = createTable();
        await flush();
        const first = gridRoot(element).querySelector('tr.data-row') as HTMLElement;
        const cells = Array.from(first.querySelectorAll('td[data-label]')) as HTMLElement[];
        expect(cells.map((c) => c.className)).toEqual(['cell-frozen frozen-0', 'cell-frozen frozen-1 frozen-last', '']);
        const style = gridRoot(element).querySelector('table')!.getAttribute('style') ?? '';
        expect(style).toContain('--frozen-left-1:');
        const statuses = Array.from(gridRoot(element).querySelectorAll('td[data-label="Status"]'));
        expect(statuses[1].querySelector('.slds-badge.slds-theme_success')?.textContent).toBe('Active');
        expect(statuses[0].querySelector('.slds-badge')).toBeNull();
    });
});
