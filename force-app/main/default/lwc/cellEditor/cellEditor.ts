import { LightningElement, api } from 'lwc';
import { joinMultiSelect, parseEditValue, splitMultiSelect } from 'c/dcRuntime';
import type { LookupOption } from 'c/dcRuntime';
import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { TYPED_TEXT_KINDS, editorKindOf, initialText } from './editorKinds';
import type { EditorKind } from './editorKinds';
import { intersect, placeEditor } from './placement';

export { editorKindOf } from './editorKinds';
export type { EditorKind } from './editorKinds';

/** A picklist value the editor offers (picklistOptions of the row's record type and controlling value). */
export interface EditorOption {
    value: string;
    label: string;
}

/** Where the grid moves after a commit: Tab → next cell, Shift+Tab → previous, Enter or a click outside → stays. */
export type CommitMove = 'next' | 'previous' | 'none';

/** Detail of the `commit` event. */
export interface CellCommitDetail {
    /** The typed value as the record stores it (number, 'YYYY-MM-DD', ISO date-time, boolean, 'A;B', an Id, null). */
    value: unknown;
    /** Lookups: the chosen record's name (shown until the row saves). */
    label?: string | null;
    /** Mass edit: write the draft to every selected row. */
    applyToSelection: boolean;
    move: CommitMove;
}

/** The editor's own messages (parseEditValue and the grid's checkValue word the value problems). */
export const EDITOR_MESSAGES = Object.freeze({
    chooseRecord: 'Choose a record from the list, or clear the field.',
    searchFailed: 'The search could not be run. Try again.',
    noMatches: (term: string) => (term ? `No records match “${term}”.` : 'No records to choose from.'),
    searching: 'Searching…'
});

const SEARCH_DELAY_MS = 250;

type ParseResult = { ok: true; value: unknown; label?: string | null } | { ok: false; message: string };

interface ValidityElement extends HTMLElement {
    value?: unknown;
    checkValidity?: () => boolean;
    reportValidity?: () => boolean;
    setCustomValidity?: (message: string) => void;
}

interface OptionView {
    key: string;
    value: string;
    label: string;
    domId: string;
    selected: boolean;
    ariaSelected: string;
    className: string;
}

interface LookupView {
    key: string;
    index: number;
    id: string;
    name: string;
    domId: string;
    ariaSelected: string;
    className: string;
}

/**
 * The inline editor of one Data Table cell (c-data-grid opens it in the cell, as a popover over it). The editor
 * follows the field's describe type: text, text area, email, phone and URL (lightning-input / lightning-textarea),
 * number, currency and percent typed in the user's locale (parsed by parseEditValue), checkbox, date and date-time
 * (lightning-input), picklist (a select of the row's record type's values), multi-select picklist (a multi-select
 * listbox) and lookup (a combobox that searches as you type and shows names).
 *
 * Keyboard: Enter commits (Shift+Enter is a new line in a text area), Tab / Shift+Tab commit and move to the next /
 * previous cell, Escape cancels; focus leaving the editor commits. Invalid input shows the message in the editor and
 * keeps it open.
 *
 * Inputs (@api): fieldType (Schema.DisplayType), label (the column's), value (raw, draft-aware), displayValue (a
 * lookup's current name), options (picklists), required, selectedRowCount (the selected rows when the edited row is
 * one of several selected: offers "Apply to N selected rows"), searchLookup (term → Promise<LookupOption[]>).
 *
 * Events (do not bubble): commit {value, label, applyToSelection, move}; cancel {}.
 */
export default class CellEditor extends LightningElement {
    @api label = '';
    @api required = false;
    /** Selected rows when the edited row is among them (mass edit is offered for 2 or more). */
    @api selectedRowCount = 0;
    /** Lookups: runs the server's search (searchLookup bound to the table and field). */
    @api searchLookup?: (term: string) => Promise<LookupOption[]>;
    /**
     * Picklists: why a parsed value is not valid for the row (its record type, its controlling value), or null;
     * the grid binds picklistValueProblem to the row's UI API values.
     */
    @api checkValue?: (value: unknown) => string | null;

    text = '';
    /**
     * What the text, text area and date inputs are given: the value when the editor opened. The typed text goes to
     * `text`, which those templates do not read, so a keystroke does not re-render the editor (lightning-input keeps
     * what is typed).
     */
    shownText = '';
    checked = false;
    selectedValues: string[] = [];
    errorMessage = '';
    apply = true;
    activeIndex = -1;
    lookupId: string | null = null;
    lookupName = '';
    lookupOptions: LookupOption[] = [];
    listOpen = false;
    searching = false;
    searchError = '';

    private typeName = 'STRING';
    private nameText = '';
    private rawValue: unknown = null;
    private optionList: EditorOption[] = [];
    private focused = false;
    /** Where the editor opens (placement.ts): flipped above the cell's bottom, aligned to its right edge. */
    placeAbove = false;
    placeRight = false;
    private done = false;
    private searchTimer?: ReturnType<typeof setTimeout>;
    private searchSeq = 0;

    @api
    get fieldType(): string {
        return this.typeName;
    }
    set fieldType(value: string) {
        this.typeName = (value || 'STRING').toUpperCase();
        this.reset();
    }

    @api
    get value(): unknown {
        return this.rawValue;
    }
    set value(value: unknown) {
        this.rawValue = value === undefined ? null : value;
        this.reset();
    }

    /** Lookups: the current record's name. */
    @api
    get displayValue(): string {
        return this.nameText;
    }
    set displayValue(value: string) {
        this.nameText = typeof value === 'string' ? value : '';
        this.reset();
    }

    @api
    get options(): EditorOption[] {
        return this.optionList;
    }
    set options(value: EditorOption[]) {
        this.optionList = Array.isArray(value) ? value : [];
    }

    /** Puts the focus in the editor's field. */
    @api
    focusEditor(): void {
        const main = this.mainElement();
        main?.focus();
    }

    override renderedCallback(): void {
        this.place();
        if (this.focused) return;
        this.focused = true;
        // lightning-input renders its own <input> after this render: focus it on the next tick
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(() => {
            if (this.isConnected && !this.done) this.focusEditor();
        }, 0);
    }

    override disconnectedCallback(): void {
        clearTimeout(this.searchTimer);
    }

    // ------------------------------------------------------------------ derived state

    get kind(): EditorKind {
        return editorKindOf(this.typeName) ?? 'text';
    }

    get sectionClass(): string {
        return `slds-popover slds-popover_edit cell-editor${this.placeAbove ? ' is-above' : ''}${this.placeRight ? ' is-right' : ''}`;
    }

    get dialogLabel(): string {
        return `Edit ${this.label}`;
    }

    get isLineInput(): boolean {
        return TYPED_TEXT_KINDS.has(this.kind) && this.kind !== 'textarea';
    }

    get isTextarea(): boolean {
        return this.kind === 'textarea';
    }

    get isCheckbox(): boolean {
        return this.kind === 'checkbox';
    }

    get isDate(): boolean {
        return this.kind === 'date';
    }

    get isDateTime(): boolean {
        return this.kind === 'datetime';
    }

    get isPicklist(): boolean {
        return this.kind === 'picklist';
    }

    get isMultiPicklist(): boolean {
        return this.kind === 'multipicklist';
    }

    get isLookup(): boolean {
        return this.kind === 'lookup';
    }

    /** lightning-input's type for the line editors: the right phone keyboard, but our own validation. */
    get inputType(): string {
        switch (this.kind) {
            case 'email':
                return 'email';
            case 'phone':
                return 'tel';
            case 'url':
                return 'url';
            default:
                return 'text';
        }
    }

    get timeZone(): string {
        return TIME_ZONE;
    }

    get showMassEdit(): boolean {
        return this.selectedRowCount > 1;
    }

    get massEditLabel(): string {
        return `Apply to ${this.selectedRowCount.toLocaleString(LOCALE)} selected rows`;
    }

    /** Our own message element: for the editors that are not lightning-input / lightning-textarea. */
    get showOwnError(): boolean {
        return Boolean(this.errorMessage) && (this.isPicklist || this.isMultiPicklist || this.isLookup);
    }

    get errorRef(): string | undefined {
        return this.showOwnError ? 'editor-error' : undefined;
    }

    /** The picklist's options: none (unless required), the values, and the current one when it is not valid. */
    get selectOptions(): OptionView[] {
        const current = this.isPicklist ? this.text : '';
        const views: OptionView[] = [];
        const add = (value: string, label: string): void => {
            const selected = value === current;
            views.push({
                key: `o:${value}`,
                value,
                label,
                domId: `option-${views.length}`,
                selected,
                ariaSelected: String(selected),
                className: ''
            });
        };
        if (!this.required || current === '') add('', '--None--');
        for (const option of this.optionList) add(option.value, option.label);
        if (current && !this.optionList.some((o) => o.value === current)) {
            add(current, `${current} (not valid for this record type)`);
        }
        return views;
    }

    /** The multi-select picklist's options, with the values no longer valid for the row kept (and marked). */
    get multiOptions(): OptionView[] {
        const chosen = new Set(this.selectedValues);
        const all: EditorOption[] = [...this.optionList];
        for (const value of this.selectedValues) {
            if (!all.some((o) => o.value === value)) {
                all.push({ value, label: `${value} (not valid for this record type)` });
            }
        }
        return all.map((option, index) => {
            const selected = chosen.has(option.value);
            return {
                key: `m:${option.value}`,
                value: option.value,
                label: option.label,
                domId: `multi-${index}`,
                selected,
                ariaSelected: String(selected),
                className: `slds-listbox__option slds-listbox__option_plain slds-media slds-media_small multi-option${index === this.activeIndex ? ' slds-has-focus' : ''}`
            };
        });
    }

    get activeMultiId(): string | undefined {
        return this.isMultiPicklist && this.activeIndex >= 0 ? `multi-${this.activeIndex}` : undefined;
    }

    get lookupViews(): LookupView[] {
        return this.lookupOptions.map((option, index) => ({
            key: option.id,
            index,
            id: option.id,
            name: option.name,
            domId: `lookup-option-${index}`,
            ariaSelected: String(index === this.activeIndex),
            className: `slds-media slds-listbox__option slds-listbox__option_entity slds-media_center lookup-option${index === this.activeIndex ? ' slds-has-focus' : ''}`
        }));
    }

    get activeLookupId(): string | undefined {
        return this.isLookup && this.listOpen && this.activeIndex >= 0
            ? `lookup-option-${this.activeIndex}`
            : undefined;
    }

    get lookupExpanded(): string {
        return String(this.listOpen);
    }

    get lookupComboboxClass(): string {
        return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${this.listOpen ? ' slds-is-open' : ''}`;
    }

    get lookupStatus(): string {
        if (this.searching) return EDITOR_MESSAGES.searching;
        if (this.searchError) return this.searchError;
        if (this.listOpen && !this.lookupOptions.length) return EDITOR_MESSAGES.noMatches(this.text.trim());
        return '';
    }

    get lookupListLabel(): string {
        return `${this.label} results`;
    }

    // ------------------------------------------------------------------ event handlers

    handleTextChange(event: CustomEvent<{ value?: string }>): void {
        this.text = event.detail?.value ?? (event.target as ValidityElement).value?.toString() ?? '';
        this.clearError();
    }

    handleCheckboxChange(event: CustomEvent<{ checked?: boolean }>): void {
        this.checked = Boolean(event.detail?.checked ?? (event.target as HTMLInputElement).checked);
    }

    handleSelectChange(event: Event): void {
        this.text = (event.target as HTMLSelectElement).value;
        this.clearError();
    }

    handleApplyChange(event: CustomEvent<{ checked?: boolean }>): void {
        this.apply = Boolean(event.detail?.checked ?? (event.target as HTMLInputElement).checked);
    }

    handleMultiClick(event: Event): void {
        const value = (event.currentTarget as HTMLElement).dataset.value ?? '';
        const index = this.multiOptions.findIndex((o) => o.value === value);
        this.activeIndex = index;
        this.toggleMulti(value);
    }

    handleLookupInput(event: Event): void {
        this.text = (event.target as HTMLInputElement).value;
        this.clearError();
        // typing replaces the chosen record until one is chosen again
        this.lookupId = null;
        this.scheduleSearch();
    }

    handleLookupFocus(): void {
        if (!this.listOpen && !this.lookupOptions.length) this.scheduleSearch(0);
    }

    /** Keeps the focus in the input while an option is clicked (the blur would commit). */
    handleOptionMouseDown(event: Event): void {
        event.preventDefault();
    }

    handleOptionClick(event: Event): void {
        const index = Number((event.currentTarget as HTMLElement).dataset.index);
        this.choose(index);
    }

    /** Enter, Tab, Escape and the listbox keys; no key reaches the grid while the editor is open. */
    handleKeydown(event: KeyboardEvent): void {
        event.stopPropagation();
        const role = (event.target as HTMLElement)?.dataset?.role;
        switch (event.key) {
            case 'Escape':
                event.preventDefault();
                if (this.isLookup && this.listOpen) {
                    this.listOpen = false;
                    return;
                }
                this.cancel();
                return;
            case 'Enter':
                if (this.isTextarea && event.shiftKey) return;
                event.preventDefault();
                if (this.isLookup && this.listOpen && this.activeIndex >= 0) {
                    this.choose(this.activeIndex);
                    return;
                }
                this.commit('none');
                return;
            case 'Tab':
                // Tab from the field reaches "Apply to N selected rows"; leaving the editor commits and moves on
                if (!event.shiftKey && role === 'main' && this.showMassEdit) return;
                if (event.shiftKey && role === 'apply') return;
                event.preventDefault();
                this.commit(event.shiftKey ? 'previous' : 'next');
                return;
            case 'ArrowDown':
            case 'ArrowUp':
                if (this.isMultiPicklist || this.isLookup) {
                    event.preventDefault();
                    this.moveActive(event.key === 'ArrowDown' ? 1 : -1);
                }
                return;
            case ' ':
                if (this.isMultiPicklist && role === 'main' && this.activeIndex >= 0) {
                    event.preventDefault();
                    const option = this.multiOptions[this.activeIndex];
                    if (option) this.toggleMulti(option.value);
                }
                break;
            default:
        }
    }

    /** Focus leaving the editor (a click elsewhere) commits, as in lightning-datatable. */
    handleFocusOut(): void {
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(() => {
            if (this.done || !this.isConnected) return;
            const active = this.template?.activeElement;
            if (!active) this.commit('none');
        }, 0);
    }

    // ------------------------------------------------------------------ internals

    private reset(): void {
        const kind = this.kind;
        this.errorMessage = '';
        this.checked = this.rawValue === true;
        this.selectedValues = kind === 'multipicklist' ? splitMultiSelect(this.rawValue) : [];
        this.lookupId = kind === 'lookup' && typeof this.rawValue === 'string' && this.rawValue ? this.rawValue : null;
        if (kind === 'lookup') {
            this.lookupName = this.lookupId ? this.nameText || this.lookupId : '';
            this.text = this.lookupName;
        } else {
            this.text = initialText(kind, this.rawValue, LOCALE);
        }
        this.shownText = this.text;
    }

    /**
     * Flips the editor up or left when it would be cut off by the grid's scroll area or the window (a row near the
     * bottom, a multi-select list, the mass-edit checkbox). Depends only on the cell and the editor's size, so a
     * flip does not flip back on the next render.
     */
    private place(): void {
        const host = this.template?.host as HTMLElement | undefined;
        const section = this.template?.querySelector('section') as HTMLElement | null;
        const cell = host?.parentElement;
        if (!host || !section || !cell) return;
        const viewport = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
        let bounds = viewport;
        for (let el: Element | null = cell.parentElement; el; el = el.parentElement) {
            const style = getComputedStyle(el);
            if (/(auto|scroll|hidden)/.test(`${style.overflowY}${style.overflowX}`)) {
                bounds = intersect(el.getBoundingClientRect(), viewport);
                break;
            }
        }
        const placement = placeEditor(
            cell.getBoundingClientRect(),
            { width: section.offsetWidth, height: section.offsetHeight },
            bounds
        );
        if (placement.above !== this.placeAbove) this.placeAbove = placement.above;
        if (placement.alignRight !== this.placeRight) this.placeRight = placement.alignRight;
    }

    private mainElement(): ValidityElement | null {
        return (this.template?.querySelector('[data-role="main"]') as ValidityElement | null) ?? null;
    }

    private clearError(): void {
        if (!this.errorMessage) return;
        this.errorMessage = '';
        const main = this.mainElement();
        if (main?.setCustomValidity) {
            main.setCustomValidity('');
            main.reportValidity?.();
        }
    }

    private showError(message: string): void {
        this.errorMessage = message;
        const main = this.mainElement();
        if (main?.setCustomValidity && !this.showOwnError) {
            main.setCustomValidity(message);
            main.reportValidity?.();
        }
        main?.focus();
    }

    private parse(type: string, input: unknown): ParseResult {
        return parseEditValue(type, input, {
            locale: LOCALE,
            timeZone: TIME_ZONE,
            currency: CURRENCY,
            required: this.required
        });
    }

    /** A picklist value parsed, then checked against the row's record type and controlling value. */
    private againstRow(result: ParseResult): ParseResult {
        if (!result.ok || result.value === null || typeof this.checkValue !== 'function') return result;
        const problem = this.checkValue(result.value);
        return problem ? { ok: false, message: problem } : result;
    }

    private read(): ParseResult {
        const kind = this.kind;
        if (TYPED_TEXT_KINDS.has(kind)) return this.parse(this.typeName, this.text);
        switch (kind) {
            case 'checkbox':
                return this.parse('BOOLEAN', this.checked);
            case 'date':
            case 'datetime':
                return this.readDate();
            case 'picklist':
                return this.againstRow(this.parse('PICKLIST', this.text));
            case 'multipicklist':
                // in the value set's order, as Salesforce stores it
                return this.againstRow(
                    this.parse('MULTIPICKLIST', joinMultiSelect(this.selectedValues, this.optionList) ?? '')
                );
            case 'lookup': {
                const term = this.text.trim();
                if (!term) {
                    const blank = this.parse('REFERENCE', '');
                    return blank.ok ? { ok: true, value: null, label: null } : blank;
                }
                if (this.lookupId && term === this.lookupName) {
                    return { ok: true, value: this.lookupId, label: this.lookupName };
                }
                return { ok: false, message: EDITOR_MESSAGES.chooseRecord };
            }
            default:
                return this.parse(this.typeName, this.text);
        }
    }

    /** lightning-input checks the typed date / date-time in the user's format and shows its own message. */
    private readDate(): ParseResult {
        const main = this.mainElement();
        if (main?.checkValidity && main.checkValidity() === false) {
            main.reportValidity?.();
            return { ok: false, message: '' };
        }
        return this.parse(this.typeName, main?.value ?? '');
    }

    private commit(move: CommitMove): void {
        if (this.done) return;
        const result = this.read();
        if (!result.ok) {
            if (result.message) this.showError(result.message);
            else this.mainElement()?.focus();
            return;
        }
        this.done = true;
        const detail: CellCommitDetail = {
            value: result.value,
            applyToSelection: this.showMassEdit && this.apply,
            move
        };
        if (this.isLookup) detail.label = result.label ?? null;
        this.dispatchEvent(new CustomEvent('commit', { detail }));
    }

    private cancel(): void {
        if (this.done) return;
        this.done = true;
        this.dispatchEvent(new CustomEvent('cancel', { detail: {} }));
    }

    private toggleMulti(value: string): void {
        this.selectedValues = this.selectedValues.includes(value)
            ? this.selectedValues.filter((v) => v !== value)
            : [...this.selectedValues, value];
        this.clearError();
    }

    private moveActive(step: number): void {
        if (this.isLookup && !this.listOpen) {
            this.scheduleSearch(0);
            return;
        }
        const count = this.isLookup ? this.lookupOptions.length : this.multiOptions.length;
        if (!count) return;
        const next = this.activeIndex < 0 ? (step > 0 ? 0 : count - 1) : (this.activeIndex + step + count) % count;
        this.activeIndex = next;
    }

    private choose(index: number): void {
        const option = this.lookupOptions[index];
        if (!option) return;
        this.lookupId = option.id;
        this.lookupName = option.name;
        this.text = option.name;
        this.listOpen = false;
        this.activeIndex = -1;
        this.clearError();
    }

    private scheduleSearch(delay = SEARCH_DELAY_MS): void {
        clearTimeout(this.searchTimer);
        const search = this.searchLookup;
        if (typeof search !== 'function') return;
        const term = this.text.trim();
        const seq = ++this.searchSeq;
        this.searching = true;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            search(term).then(
                (options) => {
                    if (seq !== this.searchSeq) return;
                    this.searching = false;
                    this.searchError = '';
                    this.lookupOptions = Array.isArray(options) ? options : [];
                    this.activeIndex = this.lookupOptions.length ? 0 : -1;
                    this.listOpen = true;
                },
                (error: unknown) => {
                    if (seq !== this.searchSeq) return;
                    this.searching = false;
                    this.lookupOptions = [];
                    this.activeIndex = -1;
                    const body = (error as { body?: { message?: string } } | undefined)?.body;
                    this.searchError = body?.message || EDITOR_MESSAGES.searchFailed;
                    this.listOpen = true;
                }
            );
        }, delay);
    }
}
