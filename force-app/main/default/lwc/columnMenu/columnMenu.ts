import { LightningElement, api } from 'lwc';
import type { ColumnChange, ColumnChoice } from 'c/dataGrid';

interface MenuItem {
    value: string;
    label: string;
    className: string;
    checkedText: string;
    disabledText?: string;
    tabindex: string;
}

/**
 * The column menu of a Data Table (in its toolbar): a menu button (WAI-ARIA menu button pattern) whose menu has a
 * checkable item per column to show or hide it (the last visible column cannot be hidden), one per shown column to
 * wrap its text, and "Reset columns". The checkable items keep the menu open, so several columns can be toggled in
 * a row. It only reports the choice; c-data-grid applies and remembers it.
 *
 * Keyboard: Enter, Space or ArrowDown on the button opens the menu on its first item (ArrowUp: on the last);
 * ArrowUp / ArrowDown / Home / End move; Enter or Space toggles; Escape closes and gives the focus back to the
 * button; Tab closes.
 *
 * Inputs (@api): columns (ColumnChoice[]: path, label, visible, wrap — the grid's `columnschange` detail),
 * tableLabel (the table's name, in the button's label).
 * Events (not bubbling): columnchange — detail ColumnChange ({kind: 'visible', path, visible} | {kind: 'wrap',
 * path, wrap} | {kind: 'reset'}).
 */
export default class ColumnMenu extends LightningElement {
    @api columns: ColumnChoice[] = [];
    @api tableLabel = '';

    open = false;
    /** Index (among the menu's items, in order) of the item with the roving tab stop. */
    activeIndex = 0;
    private focusPending = false;

    get menuLabel(): string {
        return this.tableLabel ? `Columns of ${this.tableLabel}` : 'Columns';
    }

    get expandedText(): string {
        return String(this.open);
    }

    get dropdownTriggerClass(): string {
        return `slds-dropdown-trigger slds-dropdown-trigger_click${this.open ? ' slds-is-open' : ''}`;
    }

    get showItems(): MenuItem[] {
        const list = this.columns ?? [];
        const visible = list.filter((column) => column.visible).length;
        return list.map((column, i) => {
            // at least one column stays visible
            const disabled = column.visible && visible <= 1;
            return {
                value: `show:${column.path}`,
                label: column.label,
                className: 'menu-item',
                checkedText: String(column.visible),
                disabledText: disabled ? 'true' : undefined,
                tabindex: this.tabindexOf(i)
            };
        });
    }

    get wrapItems(): MenuItem[] {
        const offset = (this.columns ?? []).length;
        return (this.columns ?? [])
            .filter((column) => column.visible)
            .map((column, i) => ({
                value: `wrap:${column.path}`,
                label: `Wrap ${column.label}`,
                className: 'menu-item',
                checkedText: String(column.wrap),
                tabindex: this.tabindexOf(offset + i)
            }));
    }

    get resetTabindex(): string {
        return this.tabindexOf(this.itemCount - 1);
    }

    override renderedCallback(): void {
        if (!this.focusPending) return;
        this.focusPending = false;
        (this.items()[this.activeIndex] as HTMLElement | undefined)?.focus();
    }

    handleToggle(): void {
        if (this.open) this.close(true);
        else this.openAt(0);
    }

    handleKeydown(event: KeyboardEvent): void {
        const onButton = (event.target as HTMLElement).classList.contains('menu-button');
        if (onButton) {
            if (!this.open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
                event.preventDefault();
                this.openAt(event.key === 'ArrowUp' ? this.itemCount - 1 : 0);
            } else if (this.open && event.key === 'Escape') {
                event.preventDefault();
                this.close(true);
            }
            return;
        }
        if (!this.open) return;
        const last = this.itemCount - 1;
        let next: number | undefined;
        switch (event.key) {
            case 'ArrowDown':
                next = this.activeIndex >= last ? 0 : this.activeIndex + 1;
                break;
            case 'ArrowUp':
                next = this.activeIndex <= 0 ? last : this.activeIndex - 1;
                break;
            case 'Home':
                next = 0;
                break;
            case 'End':
                next = last;
                break;
            case 'Escape':
                event.preventDefault();
                event.stopPropagation();
                this.close(true);
                return;
            case 'Tab':
                this.close(false);
                return;
            case 'Enter':
            case ' ':
                event.preventDefault();
                this.choose((event.target as HTMLElement).dataset.value ?? '');
                return;
            default:
                return;
        }
        event.preventDefault();
        this.activeIndex = next;
        this.focusPending = true;
    }

    handleItemClick(event: Event): void {
        const item = event.currentTarget as HTMLElement;
        this.activeIndex = Math.max(0, this.items().indexOf(item));
        this.choose(item.dataset.value ?? '');
    }

    /** The menu closes when the focus leaves it (a click elsewhere). */
    handleFocusOut(event: FocusEvent): void {
        const next = event.relatedTarget as Node | null;
        const root = this.template?.querySelector('.slds-dropdown-trigger');
        if (this.open && (!next || !root?.contains(next))) this.close(false);
    }

    // ------------------------------------------------------------------ internals

    private get itemCount(): number {
        const list = this.columns ?? [];
        return list.length + list.filter((column) => column.visible).length + 1;
    }

    private tabindexOf(index: number): string {
        return index === this.activeIndex ? '0' : '-1';
    }

    private items(): HTMLElement[] {
        return Array.from(this.template?.querySelectorAll('[data-value]') ?? []) as HTMLElement[];
    }

    private openAt(index: number): void {
        this.open = true;
        this.activeIndex = Math.max(0, Math.min(index, this.itemCount - 1));
        this.focusPending = true;
    }

    private close(focusButton: boolean): void {
        this.open = false;
        if (focusButton) (this.template?.querySelector('.menu-button') as HTMLElement | null)?.focus();
    }

    private choose(value: string): void {
        let change: ColumnChange | undefined;
        if (value === 'reset') {
            change = { kind: 'reset' };
            this.close(true);
        } else {
            const [kind, ...rest] = value.split(':');
            const path = rest.join(':');
            const list = this.columns ?? [];
            const column = list.find((c) => c.path === path);
            const lastVisible = list.filter((c) => c.visible).length <= 1;
            if (column && kind === 'show' && !(column.visible && lastVisible)) {
                change = { kind: 'visible', path, visible: !column.visible };
            }
            if (column && kind === 'wrap') change = { kind: 'wrap', path, wrap: !column.wrap };
            // the item keeps the focus after the grid re-renders the list
            this.focusPending = true;
        }
        if (change) this.dispatchEvent(new CustomEvent('columnchange', { detail: change }));
    }
}
