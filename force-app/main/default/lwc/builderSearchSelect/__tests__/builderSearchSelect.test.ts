import { createElement } from '@lwc/engine-dom';
import BuilderSearchSelect, { MAX_RENDERED_OPTIONS } from 'c/builderSearchSelect';
import type { SearchSelectOption } from 'c/builderSearchSelect';

type SelectElement = HTMLElement & {
    label: string;
    options: SearchSelectOption[];
    value?: string;
    disabled: boolean;
    required: boolean;
    loading: boolean;
    helpText: string;
    errorMessage: string;
    variant: string;
    focus(): void;
};

const OPTIONS: SearchSelectOption[] = [
    { value: 'Account', label: 'Account', description: 'Account', group: 'Standard' },
    { value: 'Contact', label: 'Contact', description: 'Contact', group: 'Standard' },
    { value: 'Invoice__c', label: 'Invoice', description: 'Invoice__c · custom', group: 'Custom' }
];

function mount(props: Partial<SelectElement> = {}) {
    const el = createElement('c-builder-search-select', { is: BuilderSearchSelect }) as SelectElement;
    Object.assign(el, { label: 'Object', options: OPTIONS }, props);
    const changes: string[] = [];
    el.addEventListener('change', (e) => changes.push((e as CustomEvent).detail.value));
    document.body.appendChild(el);
    return { el, changes, input: () => el.shadowRoot!.querySelector('input')! };
}

const flush = () => Promise.resolve();

function key(input: HTMLElement, k: string) {
    const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
    input.dispatchEvent(event);
    return event;
}

async function type(input: HTMLInputElement, text: string) {
    input.value = text;
    input.dispatchEvent(new CustomEvent('input'));
    await flush();
}

const optionLabels = (el: HTMLElement) =>
    [...el.shadowRoot!.querySelectorAll('[role="option"] .slds-listbox__option-text')].map((o) => o.textContent);

describe('c-builder-search-select', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders a labelled combobox showing the selected label, closed', async () => {
        const { el, input } = mount({ value: 'Invoice__c' });
        await flush();
        expect(el.shadowRoot!.querySelector('label')!.textContent).toBe('Object');
        // closed: no options in the page
        expect(el.shadowRoot!.querySelectorAll('[role="option"]')).toHaveLength(0);
        expect(input().getAttribute('role')).toBe('combobox');
        expect(input().value).toBe('Invoice');
        expect(input().getAttribute('aria-expanded')).toBe('false');
        expect(el.shadowRoot!.querySelector('.slds-combobox')!.classList).not.toContain('slds-is-open');
        await expect(el).toBeAccessible();
    });

    it('opens on click with groups, marks the selected option and picks by click', async () => {
        const { el, changes, input } = mount({ value: 'Contact' });
        await flush();
        input().click();
        await flush();
        expect(input().getAttribute('aria-expanded')).toBe('true');
        const headers = [...el.shadowRoot!.querySelectorAll('.slds-listbox__option-header')].map((h) => h.textContent);
        expect(headers).toEqual(['Standard', 'Custom']);
        const selected = el.shadowRoot!.querySelector('[aria-selected="true"]')!;
        expect(selected.textContent).toContain('Contact');
        // the selected option is the active one
        expect(input().getAttribute('aria-activedescendant')).toBe(selected.getAttribute('id'));
        await expect(el).toBeAccessible();
        const invoice = el.shadowRoot!.querySelector<HTMLElement>('[data-value="Invoice__c"]')!;
        const down = new MouseEvent('mousedown', { cancelable: true });
        invoice.dispatchEvent(down);
        expect(down.defaultPrevented).toBe(true);
        invoice.click();
        await flush();
        expect(changes).toEqual(['Invoice__c']);
        expect(input().getAttribute('aria-expanded')).toBe('false');
        // click toggles closed too
        input().click();
        await flush();
        input().click();
        await flush();
        expect(input().getAttribute('aria-expanded')).toBe('false');
    });

    it('filters as the admin types (every word, label, value or description) and picks with the keyboard', async () => {
        const { el, changes, input } = mount();
        await flush();
        await type(input(), 'custom inv');
        expect(optionLabels(el)).toEqual(['Invoice']);
        expect(key(input(), 'Enter').defaultPrevented).toBe(true);
        await flush();
        expect(changes).toEqual(['Invoice__c']);

        await type(input(), 'zzz');
        expect(optionLabels(el)).toEqual([]);
        expect(el.shadowRoot!.querySelector('.status')!.textContent).toBe('No matches for “zzz”.');
        key(input(), 'Enter');
        expect(changes).toHaveLength(1);
    });

    it('moves the active option with the arrows and closes with Escape without picking', async () => {
        const { el, changes, input } = mount({ value: 'Account' });
        await flush();
        key(input(), 'ArrowDown'); // opens on the selected option
        await flush();
        const active = () => el.shadowRoot!.querySelector('.slds-has-focus')!.textContent;
        expect(active()).toContain('Account');
        key(input(), 'ArrowDown');
        await flush();
        expect(active()).toContain('Contact');
        key(input(), 'PageDown');
        await flush();
        expect(active()).toContain('Invoice');
        key(input(), 'ArrowUp');
        await flush();
        expect(active()).toContain('Contact');
        key(input(), 'PageUp');
        await flush();
        expect(active()).toContain('Account');
        const escape = key(input(), 'Escape');
        await flush();
        expect(escape.defaultPrevented).toBe(true);
        expect(input().getAttribute('aria-expanded')).toBe('false');
        expect(changes).toEqual([]);
        // Escape when closed does nothing
        expect(key(input(), 'Escape').defaultPrevented).toBe(false);
        // ArrowUp opens too; picking the current value fires nothing
        key(input(), 'ArrowUp');
        await flush();
        key(input(), 'Enter');
        await flush();
        expect(changes).toEqual([]);
        // Enter while closed is left to the page
        expect(key(input(), 'Enter').defaultPrevented).toBe(false);
        expect(key(input(), 'PageDown').defaultPrevented).toBe(false);
        expect(key(input(), 'PageUp').defaultPrevented).toBe(false);
    });

    it('closes on Tab and on blur, restoring the selected label', async () => {
        const { input } = mount({ value: 'Account' });
        await flush();
        await type(input(), 'Con');
        key(input(), 'Tab');
        await flush();
        expect(input().getAttribute('aria-expanded')).toBe('false');
        expect(input().value).toBe('Account');
        await type(input(), 'Con');
        input().dispatchEvent(new CustomEvent('blur'));
        await flush();
        expect(input().value).toBe('Account');
        key(input(), 'x');
        expect(input().getAttribute('aria-expanded')).toBe('false');
    });

    it('shows a value that is not among the options as it is', async () => {
        const { input } = mount({ value: 'Legacy__c' });
        await flush();
        expect(input().value).toBe('Legacy__c');
    });

    it('shows errors and help linked to the input, required, hidden label and loading', async () => {
        const { el, input } = mount({
            errorMessage: "Object 'Foo' does not exist.",
            helpText: 'Objects you can query.',
            required: true,
            variant: 'label-hidden',
            loading: true,
            options: []
        });
        await flush();
        const root = el.shadowRoot!;
        expect(root.querySelector('.slds-form-element')!.classList).toContain('slds-has-error');
        expect(root.querySelector('.error')!.textContent).toBe("Object 'Foo' does not exist.");
        expect(root.querySelector('.help')!.textContent).toBe('Objects you can query.');
        expect(input().getAttribute('aria-describedby')!.split(' ')).toHaveLength(2);
        expect(input().getAttribute('aria-invalid')).toBe('true');
        expect(input().getAttribute('aria-required')).toBe('true');
        expect(root.querySelector('label')!.className).toBe('slds-assistive-text');
        expect(root.querySelector('abbr')).not.toBeNull();
        input().click();
        await flush();
        expect(root.querySelector('.status')!.textContent).toBe('Loading…');
        await expect(el).toBeAccessible();
    });

    it('does not open when disabled and says when there is nothing to choose', async () => {
        const { el, input } = mount({ disabled: true, options: [] });
        await flush();
        input().click();
        await flush();
        expect(input().getAttribute('aria-expanded')).toBe('false');
        expect(el.shadowRoot!.querySelector('.status')).toBeNull();
        el.disabled = false;
        await flush();
        input().click();
        await flush();
        expect(el.shadowRoot!.querySelector('.status')!.textContent).toBe('Nothing to choose from.');
    });

    it('renders at most MAX_RENDERED_OPTIONS and says how many more match', async () => {
        const many = Array.from({ length: 250 }, (_, i) => ({ value: `Obj${i}__c`, label: `Object ${i}` }));
        const { el, input } = mount({ options: many });
        await flush();
        input().click();
        await flush();
        expect(el.shadowRoot!.querySelectorAll('[role="option"]')).toHaveLength(MAX_RENDERED_OPTIONS);
        expect(el.shadowRoot!.querySelector('.status')!.textContent).toContain(
            `Showing ${MAX_RENDERED_OPTIONS} of 250`
        );
        await type(input(), 'Object 24');
        expect(optionLabels(el)).toEqual([
            'Object 24',
            'Object 124',
            'Object 224',
            ...Array.from({ length: 10 }, (_, i) => `Object 24${i}`)
        ]);
        // fewer options than the active index: the active option stays in range
        key(input(), 'PageDown');
        el.options = many.slice(0, 1);
        await flush();
        expect(el.shadowRoot!.querySelectorAll('[role="option"]')).toHaveLength(0);
        el.options = undefined as unknown as SearchSelectOption[];
        await flush();
        expect(el.options).toEqual([]);
    });

    it('focus() moves the focus into the input', async () => {
        const { el, input } = mount();
        await flush();
        el.focus();
        expect(el.shadowRoot!.activeElement).toBe(input());
    });
});
