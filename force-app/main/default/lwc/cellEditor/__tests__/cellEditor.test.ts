import { createElement } from '@lwc/engine-dom';
import CellEditor from 'c/cellEditor';
import { editorKindOf } from 'c/cellEditor';

type EditorElement = HTMLElement & {
    fieldType: string;
    label: string;
    value: unknown;
    displayValue: string;
    options: { value: string; label: string }[];
    required: boolean;
    selectedRowCount: number;
    searchLookup?: (term: string) => Promise<{ id: string; name: string; objectApiName: string }[]>;
    checkValue?: (value: unknown) => string | null;
};

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function mount(props: Partial<EditorElement>): { element: EditorElement; commits: unknown[]; cancels: number } {
    const element = createElement('c-cell-editor', { is: CellEditor }) as EditorElement;
    Object.assign(element, { label: 'Field', ...props });
    const result = { element, commits: [] as unknown[], cancels: 0 };
    element.addEventListener('commit', (e) => result.commits.push((e as CustomEvent).detail));
    element.addEventListener('cancel', () => {
        result.cancels++;
    });
    document.body.appendChild(element);
    return result;
}

function main(element: EditorElement): HTMLElement & { value?: unknown; checked?: boolean } {
    return element.shadowRoot?.querySelector('[data-role="main"]') as HTMLElement & { value?: unknown };
}

/** Sets a lightning-input's value the way the user's typing does (its change event). */
function type(element: EditorElement, text: string): void {
    const input = main(element);
    input.value = text;
    input.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
}

function key(element: EditorElement, name: string, init: KeyboardEventInit = {}): void {
    const target = main(element);
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, ...init }));
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('editorKindOf', () => {
    it.each([
        ['STRING', 'text'],
        ['TEXTAREA', 'textarea'],
        ['EMAIL', 'email'],
        ['PHONE', 'phone'],
        ['URL', 'url'],
        ['DOUBLE', 'number'],
        ['INTEGER', 'number'],
        ['CURRENCY', 'currency'],
        ['PERCENT', 'percent'],
        ['BOOLEAN', 'checkbox'],
        ['DATE', 'date'],
        ['DATETIME', 'datetime'],
        ['PICKLIST', 'picklist'],
        ['MULTIPICKLIST', 'multipicklist'],
        ['REFERENCE', 'lookup']
    ])('%s edits as %s', (displayType, kind) => {
        expect(editorKindOf(displayType)).toBe(kind);
    });

    it('has no editor for a type that cannot be edited inline', () => {
        expect(editorKindOf('ADDRESS')).toBeUndefined();
        expect(editorKindOf('ID')).toBeUndefined();
    });
});

describe('c-cell-editor', () => {
    it('commits typed text with Enter, and Tab / Shift+Tab commit and say where to move', async () => {
        const { element, commits } = mount({ fieldType: 'STRING', value: 'CEO' });
        await flush();
        expect(main(element).tagName).toBe('LIGHTNING-INPUT');
        expect(main(element).value).toBe('CEO');
        type(element, 'CTO');
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: 'CTO', applyToSelection: false, move: 'none' }]);

        const second = mount({ fieldType: 'STRING', value: 'a' });
        await flush();
        key(second.element, 'Tab');
        key(second.element, 'Tab', { shiftKey: true });
        expect(second.commits).toEqual([{ value: 'a', applyToSelection: false, move: 'next' }]);
        const third = mount({ fieldType: 'STRING', value: 'b' });
        await flush();
        key(third.element, 'Tab', { shiftKey: true });
        expect(third.commits).toEqual([{ value: 'b', applyToSelection: false, move: 'previous' }]);
    });

    it("flips above a cell near the bottom of the grid's scroll area, and opens below one near its top", async () => {
        const rect =
            (top: number, bottom: number, left = 0, right = 800) =>
            () =>
                ({ top, bottom, left, right, width: right - left, height: bottom - top, x: left, y: top }) as DOMRect;
        const height = jest.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
            this: HTMLElement
        ) {
            return this.tagName === 'SECTION' ? 150 : 0;
        });
        try {
            const open = async (cellTop: number): Promise<HTMLElement> => {
                const scroller = document.createElement('div');
                scroller.style.overflowY = 'auto';
                scroller.getBoundingClientRect = rect(0, 300);
                const row = scroller
                    .appendChild(document.createElement('table'))
                    .appendChild(document.createElement('tbody'))
                    .appendChild(document.createElement('tr'));
                const cell = row.appendChild(document.createElement('td'));
                cell.getBoundingClientRect = rect(cellTop, cellTop + 32, 10, 160);
                document.body.appendChild(scroller);
                const element = createElement('c-cell-editor', { is: CellEditor }) as EditorElement;
                Object.assign(element, { label: 'Field', fieldType: 'STRING', value: 'x' });
                cell.appendChild(element);
                await flush();
                return element.shadowRoot?.querySelector('section') as HTMLElement;
            };
            expect((await open(260)).classList.contains('is-above')).toBe(true);
            expect((await open(20)).classList.contains('is-above')).toBe(false);
        } finally {
            height.mockRestore();
        }
    });

    it('Escape cancels without a commit', async () => {
        const { element, commits } = mount({ fieldType: 'PHONE', value: '555' });
        await flush();
        type(element, '999');
        key(element, 'Escape');
        expect(commits).toEqual([]);
        expect(element.shadowRoot?.querySelector('section')).not.toBeNull();
    });

    it('numbers: typed in the locale, parsed to a number; invalid input keeps the editor open with the message', async () => {
        const { element, commits } = mount({ fieldType: 'DOUBLE', value: 12.5 });
        await flush();
        expect(main(element).value).toBe('12.5');
        type(element, '12abc');
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([]);
        const input = main(element) as HTMLElement & { setCustomValidity: jest.Mock };
        // lightning-input shows the message under the field
        expect(typeof input.setCustomValidity).toBe('function');
        type(element, '1,234.5');
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: 1234.5, applyToSelection: false, move: 'none' }]);
    });

    it.each([
        ['CURRENCY', '2500', 2500],
        ['PERCENT', '12.5', 12.5],
        ['INTEGER', '42', 42]
    ])('%s "%s" commits %p', async (fieldType, text, expected) => {
        const { element, commits } = mount({ fieldType });
        await flush();
        type(element, text);
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: expected, applyToSelection: false, move: 'none' }]);
    });

    it.each([
        ['EMAIL', 'not-an-email', 'ada@example.com'],
        ['URL', 'data:text/html,x', 'https://example.com'],
        ['PHONE', 'call me', '+1 (415) 555-0100']
    ])('%s refuses "%s" and takes "%s"', async (fieldType, bad, good) => {
        const { element, commits } = mount({ fieldType });
        await flush();
        type(element, bad);
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([]);
        type(element, good);
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: good, applyToSelection: false, move: 'none' }]);
    });

    it('text area: Shift+Enter is a new line, Enter commits', async () => {
        const { element, commits } = mount({ fieldType: 'TEXTAREA', value: 'one' });
        await flush();
        expect(main(element).tagName).toBe('LIGHTNING-TEXTAREA');
        key(element, 'Enter', { shiftKey: true });
        expect(commits).toEqual([]);
        type(element, 'one\ntwo');
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: 'one\ntwo', applyToSelection: false, move: 'none' }]);
    });

    it('checkbox commits the checked state', async () => {
        const { element, commits } = mount({ fieldType: 'BOOLEAN', value: false });
        await flush();
        const box = main(element);
        box.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: true, applyToSelection: false, move: 'none' }]);
    });

    it('date and date-time take lightning-input ISO values', async () => {
        const date = mount({ fieldType: 'DATE', value: '2026-01-31' });
        await flush();
        type(date.element, '2026-02-28');
        await flush();
        key(date.element, 'Enter');
        expect(date.commits).toEqual([{ value: '2026-02-28', applyToSelection: false, move: 'none' }]);
        const dateTime = mount({ fieldType: 'DATETIME', value: null });
        await flush();
        type(dateTime.element, '2026-03-01T09:30:00.000Z');
        await flush();
        key(dateTime.element, 'Enter');
        expect(dateTime.commits).toEqual([
            { value: '2026-03-01T09:30:00.000Z', applyToSelection: false, move: 'none' }
        ]);
    });

    it('an invalid date keeps the editor open with its message', async () => {
        const { element, commits } = mount({ fieldType: 'DATE' });
        await flush();
        type(element, '2026-02-30');
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([]);
    });

    it('picklist: offers the options (and --None--), refuses a value checkValue rejects', async () => {
        const options = [
            { value: 'Active', label: 'Active' },
            { value: 'Inactive', label: 'Inactive' }
        ];
        const problem = "'Inactive' is not a valid value for this record's record type.";
        const checkValue = jest.fn((value: unknown) => (value === 'Inactive' ? problem : null));
        const { element, commits } = mount({ fieldType: 'PICKLIST', value: 'Active', options, checkValue });
        await flush();
        const select = main(element) as unknown as HTMLSelectElement;
        expect(Array.from(select.options).map((o) => o.textContent?.trim())).toEqual([
            '--None--',
            'Active',
            'Inactive'
        ]);
        select.value = 'Inactive';
        select.dispatchEvent(new CustomEvent('change'));
        await flush();
        key(element, 'Enter');
        await flush();
        expect(commits).toEqual([]);
        expect(element.shadowRoot?.querySelector('.editor-error')?.textContent).toContain('not a valid value');
        select.value = '';
        select.dispatchEvent(new CustomEvent('change'));
        await flush();
        key(element, 'Enter');
        expect(commits).toEqual([{ value: null, applyToSelection: false, move: 'none' }]);
    });

    it('picklist: a current value no longer valid for the record type is shown and marked', async () => {
        const { element } = mount({
            fieldType: 'PICKLIST',
            value: 'Gold',
            options: [{ value: 'Silver', label: 'Silver' }]
        });
        await flush();
        const select = main(element) as unknown as HTMLSelectElement;
        expect(select.options[select.options.length - 1].textContent).toContain('not valid for this record type');
    });

    it('multi-select picklist: arrows and Space toggle values, committed in the value set order', async () => {
        const options = [
            { value: 'A', label: 'Alpha' },
            { value: 'B', label: 'Beta' },
            { value: 'C', label: 'Gamma' }
        ];
        const { element, commits } = mount({ fieldType: 'MULTIPICKLIST', value: 'C', options });
        await flush();
        const list = main(element);
        expect(list.getAttribute('role')).toBe('listbox');
        expect(list.getAttribute('aria-multiselectable')).toBe('true');
        key(element, 'ArrowDown');
        await flush();
        key(element, ' ');
        await flush();
        const selected = Array.from(element.shadowRoot?.querySelectorAll('[role="option"]') ?? []).map((o) =>
            o.getAttribute('aria-selected')
        );
        expect(selected).toEqual(['true', 'false', 'true']);
        key(element, 'Enter');
        expect(commits).toEqual([{ value: 'A;C', applyToSelection: false, move: 'none' }]);
    });

    it('lookup: searches as you type, shows names, a chosen record commits its Id and name', async () => {
        jest.useFakeTimers();
        const searchLookup = jest.fn().mockResolvedValue([
            { id: '001000000000001AAA', name: 'Acme', objectApiName: 'Account' },
            { id: '001000000000002AAA', name: 'Acme Labs', objectApiName: 'Account' }
        ]);
        const { element, commits } = mount({
            fieldType: 'REFERENCE',
            value: '001000000000009AAA',
            displayValue: 'Globex',
            searchLookup
        });
        await Promise.resolve();
        const input = main(element) as HTMLInputElement;
        expect(input.value).toBe('Globex');
        input.value = 'Acm';
        input.dispatchEvent(new CustomEvent('input'));
        jest.advanceTimersByTime(300);
        await Promise.resolve();
        await Promise.resolve();
        expect(searchLookup).toHaveBeenCalledWith('Acm');
        jest.useRealTimers();
        await flush();
        const names = Array.from(element.shadowRoot?.querySelectorAll('[role="option"]') ?? []).map((o) =>
            o.textContent?.trim()
        );
        expect(names).toEqual(['Acme', 'Acme Labs']);
        expect(input.getAttribute('aria-expanded')).toBe('true');
        // Enter picks the active option, the next Enter commits
        key(element, 'ArrowDown');
        await flush();
        key(element, 'Enter');
        await flush();
        expect(commits).toEqual([]);
        key(element, 'Enter');
        expect(commits).toEqual([
            { value: '001000000000002AAA', label: 'Acme Labs', applyToSelection: false, move: 'none' }
        ]);
    });

    it('lookup: typed text that is not a chosen record is refused with a message; a cleared lookup commits null', async () => {
        const { element, commits } = mount({
            fieldType: 'REFERENCE',
            value: null,
            searchLookup: jest.fn().mockResolvedValue([])
        });
        await flush();
        const input = main(element) as HTMLInputElement;
        input.value = 'Nobody';
        input.dispatchEvent(new CustomEvent('input'));
        key(element, 'Enter');
        await flush();
        expect(commits).toEqual([]);
        expect(element.shadowRoot?.querySelector('.editor-error')?.textContent).toContain('Choose a record');
        input.value = '';
        input.dispatchEvent(new CustomEvent('input'));
        key(element, 'Enter');
        expect(commits).toEqual([{ value: null, label: null, applyToSelection: false, move: 'none' }]);
    });

    it('mass edit: with several selected rows it offers "Apply to N selected rows", on by default', async () => {
        const { element, commits } = mount({ fieldType: 'STRING', value: 'x', selectedRowCount: 3 });
        await flush();
        const apply = element.shadowRoot?.querySelector('[data-role="apply"]') as HTMLElement & { label: string };
        expect(apply.label).toBe('Apply to 3 selected rows');
        key(element, 'Enter');
        expect(commits).toEqual([{ value: 'x', applyToSelection: true, move: 'none' }]);
        const single = mount({ fieldType: 'STRING', value: 'y', selectedRowCount: 1 });
        await flush();
        expect(single.element.shadowRoot?.querySelector('[data-role="apply"]')).toBeNull();
    });
});
