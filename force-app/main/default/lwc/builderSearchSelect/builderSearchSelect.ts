import { LightningElement, api } from 'lwc';

/** One choice of the select. */
export interface SearchSelectOption {
    value: string;
    label: string;
    /** Second line (API name, type, ...); also searched. */
    description?: string;
    /** Options with a group are listed under its heading, groups in order of first appearance. */
    group?: string;
}

interface OptionView {
    id: string;
    value: string;
    label: string;
    description?: string;
    hasDescription: boolean;
    selected: boolean;
    ariaSelected: string;
    active: boolean;
    cssClass: string;
}

interface GroupView {
    key: string;
    label: string;
    /** Accessible name of the group (none for ungrouped options). */
    ariaLabel?: string;
    hasLabel: boolean;
    options: OptionView[];
}

/** Options rendered at most; typing narrows the rest. */
export const MAX_RENDERED_OPTIONS = 100;

function matches(option: SearchSelectOption, words: string[]): boolean {
    const haystack = `${option.label} ${option.value} ${option.description ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
}

/**
 * A searchable single-select combobox for long lists (objects, fields, flows, merge fields), built on the SLDS
 * combobox pattern: an input with role="combobox", a listbox of options (grouped when options have a group), the
 * active option announced through aria-activedescendant. Typing filters (every word must match the label, value
 * or description); ArrowDown / ArrowUp move, Enter picks, Escape closes, Tab leaves.
 *
 * Inputs (@api): label (always set; variant="label-hidden" hides it visually), options, value, placeholder,
 * disabled, required, loading, helpText, errorMessage (shown below the input and linked to it).
 * Events: change {value} (does not bubble) when the admin picks an option.
 */
export default class BuilderSearchSelect extends LightningElement {
    @api label = '';
    @api value?: string;
    @api placeholder = 'Search…';
    @api disabled = false;
    @api required = false;
    @api loading = false;
    @api helpText = '';
    @api errorMessage = '';
    /** 'standard' or 'label-hidden'. */
    @api variant = 'standard';

    isOpen = false;
    /** The text typed since the list opened; undefined while the input shows the selected option. */
    filterText?: string;
    activeIndex = -1;

    private allOptions: SearchSelectOption[] = [];
    private scrollPending = false;

    @api
    get options(): SearchSelectOption[] {
        return this.allOptions;
    }
    set options(value: SearchSelectOption[]) {
        this.allOptions = Array.isArray(value) ? value : [];
        if (this.activeIndex >= this.visibleOptions.length) this.activeIndex = this.visibleOptions.length - 1;
    }

    /** Moves the focus into the input. */
    @api
    focus(): void {
        this.template?.querySelector<HTMLInputElement>('input')?.focus();
    }

    get selectedOption(): SearchSelectOption | undefined {
        return this.allOptions.find((o) => o.value === this.value);
    }

    /** What the input shows: the typed text while filtering, else the selected option's label (or raw value). */
    get inputValue(): string {
        if (this.filterText !== undefined) return this.filterText;
        return this.selectedOption?.label ?? this.value ?? '';
    }

    get matchingOptions(): SearchSelectOption[] {
        const words = (this.filterText ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        return words.length ? this.allOptions.filter((o) => matches(o, words)) : this.allOptions;
    }

    get visibleOptions(): SearchSelectOption[] {
        return this.matchingOptions.slice(0, MAX_RENDERED_OPTIONS);
    }

    /** The options in view; none while the list is closed (long lists cost nothing until opened). */
    get groups(): GroupView[] {
        const groups: GroupView[] = [];
        if (!this.isOpen) return groups;
        const byName = new Map<string, GroupView>();
        this.visibleOptions.forEach((o, i) => {
            const name = o.group ?? '';
            let group = byName.get(name);
            if (!group) {
                group = {
                    key: `group-${groups.length}`,
                    label: name,
                    ariaLabel: name || undefined,
                    hasLabel: Boolean(name),
                    options: []
                };
                byName.set(name, group);
                groups.push(group);
            }
            const active = i === this.activeIndex;
            const selected = o.value === this.value;
            group.options.push({
                id: `option-${i}`,
                value: o.value,
                label: o.label,
                description: o.description,
                hasDescription: Boolean(o.description),
                selected,
                ariaSelected: String(selected),
                active,
                cssClass: `slds-media slds-listbox__option slds-listbox__option_entity${o.description ? ' slds-listbox__option_has-meta' : ''}${active ? ' slds-has-focus' : ''}`
            });
        });
        return groups;
    }

    get activeDescendant(): string | undefined {
        return this.isOpen && this.activeIndex >= 0 && this.activeIndex < this.visibleOptions.length
            ? `option-${this.activeIndex}`
            : undefined;
    }

    get comboboxClass(): string {
        return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${this.isOpen ? ' slds-is-open' : ''}`;
    }

    get formElementClass(): string {
        return `slds-form-element${this.errorMessage ? ' slds-has-error' : ''}`;
    }

    get labelClass(): string {
        return this.variant === 'label-hidden' ? 'slds-assistive-text' : 'slds-form-element__label';
    }

    get ariaExpanded(): string {
        return String(this.isOpen);
    }

    get inputAriaInvalid(): string | undefined {
        return this.errorMessage ? 'true' : undefined;
    }

    get inputAriaRequired(): string | undefined {
        return this.required ? 'true' : undefined;
    }

    get hasError(): boolean {
        return Boolean(this.errorMessage);
    }

    get hasHelp(): boolean {
        return Boolean(this.helpText);
    }

    get describedBy(): string | undefined {
        const ids = [this.errorMessage ? 'error' : '', this.helpText ? 'help' : ''].filter(Boolean);
        return ids.length ? ids.join(' ') : undefined;
    }

    get noMatches(): boolean {
        return this.isOpen && !this.loading && this.visibleOptions.length === 0;
    }

    get showLoading(): boolean {
        return this.isOpen && this.loading;
    }

    get noMatchesText(): string {
        return this.filterText ? `No matches for “${this.filterText}”.` : 'Nothing to choose from.';
    }

    get isTruncated(): boolean {
        return this.isOpen && this.matchingOptions.length > MAX_RENDERED_OPTIONS;
    }

    get truncatedText(): string {
        return `Showing ${MAX_RENDERED_OPTIONS} of ${this.matchingOptions.length}. Type to narrow the list.`;
    }

    override renderedCallback(): void {
        if (!this.scrollPending) return;
        this.scrollPending = false;
        const active = this.template?.querySelector<HTMLElement>('.slds-has-focus');
        if (active && typeof active.scrollIntoView === 'function') active.scrollIntoView({ block: 'nearest' });
    }

    private open(): void {
        if (this.disabled || this.isOpen) return;
        this.isOpen = true;
        const selected = this.visibleOptions.findIndex((o) => o.value === this.value);
        this.activeIndex = selected >= 0 ? selected : 0;
        this.scrollPending = true;
    }

    private close(): void {
        this.isOpen = false;
        this.filterText = undefined;
        this.activeIndex = -1;
    }

    private move(delta: number): void {
        const count = this.visibleOptions.length;
        if (!count) return;
        this.activeIndex = Math.min(count - 1, Math.max(0, this.activeIndex + delta));
        this.scrollPending = true;
    }

    private pick(value: string): void {
        this.close();
        if (value !== this.value) {
            this.dispatchEvent(new CustomEvent('change', { detail: { value } }));
        }
    }

    handleInput(event: Event): void {
        this.filterText = (event.target as HTMLInputElement).value;
        this.isOpen = true;
        this.activeIndex = this.visibleOptions.length ? 0 : -1;
    }

    handleClick(): void {
        if (this.isOpen) this.close();
        else this.open();
    }

    handleKeyDown(event: KeyboardEvent): void {
        switch (event.key) {
            case 'ArrowDown':
                event.preventDefault();
                if (!this.isOpen) this.open();
                else this.move(1);
                break;
            case 'ArrowUp':
                event.preventDefault();
                if (!this.isOpen) this.open();
                else this.move(-1);
                break;
            case 'PageDown':
                if (this.isOpen) {
                    event.preventDefault();
                    this.move(10);
                }
                break;
            case 'PageUp':
                if (this.isOpen) {
                    event.preventDefault();
                    this.move(-10);
                }
                break;
            case 'Enter': {
                if (!this.isOpen) return;
                event.preventDefault();
                const option = this.visibleOptions[this.activeIndex];
                if (option) this.pick(option.value);
                break;
            }
            case 'Escape':
                if (this.isOpen || this.filterText !== undefined) {
                    event.preventDefault();
                    event.stopPropagation();
                    this.close();
                }
                break;
            case 'Tab':
                if (this.isOpen) this.close();
                break;
            default:
                break;
        }
    }

    handleBlur(): void {
        if (this.isOpen || this.filterText !== undefined) this.close();
    }

    /** Keeps the focus in the input while an option is clicked. */
    handleOptionMouseDown(event: MouseEvent): void {
        event.preventDefault();
    }

    handleOptionClick(event: MouseEvent): void {
        const value = (event.currentTarget as HTMLElement).dataset.value;
        if (value !== undefined) this.pick(value);
    }
}
