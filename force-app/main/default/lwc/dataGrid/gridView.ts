/*
 * What c-dynamic-data-table's template renders, as plain view objects: the column set, the header cells and the
 * rows of the rendered window, each cell with its roving-focus slot. Pure functions, no DOM and no LWC imports;
 * the component passes in its state and the template reads the results.
 */
import type { GridColumn, Row } from './columns';
import type { CellDisplay } from './cells';
import type { CellPosition } from './virtualGrid';
import { resizeLabel } from './columnResize';

/** Narrowest a column without a width gets before the grid scrolls sideways. */
const MIN_COLUMN_REM = 8;
const CHECK_COLUMN_REM = 2.5;
const ACTIONS_COLUMN_REM = 3.25;

/** The grid's columns: optional checkbox and row number columns, the data columns, an optional actions column. */
export interface GridLayout {
    columns: GridColumn[];
    checkbox: boolean;
    /** Checkboxes (true) or radio buttons (single select). */
    multiSelect: boolean;
    rowNumbers: boolean;
    rowActions: boolean;
    /** Loaded rows (sizes the row number column). */
    loadedRows: number;
    /** Left offsets (px, after the checkbox and number columns) of the frozen data columns (columnLayout.ts). */
    frozenOffsets?: readonly number[];
    /** The header focus is on the active column's resize handle rather than its label. */
    resizeFocus?: boolean;
    /** Rendered widths (px) of the data columns, for the resize handles' aria-valuenow. */
    renderedWidths?: readonly number[];
    /** Path of the column being resized. */
    resizingPath?: string;
}

/** Roving focus of one grid cell: the cell itself or the control inside it (checkbox, link, sort button, menu). */
export interface FocusSlot {
    ownId?: string;
    ownTabindex?: string;
    controlId?: string;
    controlTabindex?: string;
}

export interface CellView extends FocusSlot {
    key: string;
    label: string;
    className: string;
    text: string;
    href?: string;
    target?: string;
    checked?: boolean;
    unchecked?: boolean;
    /** A matching cell style rule: the value shows as a badge with these classes… */
    badgeClass?: string;
    /** …else the text span's classes (truncated, with the style's colour). */
    textSpanClass: string;
}

export interface RowView {
    /** Template key: the row's position, so a sort or a scroll re-uses the rendered rows and patches their text. */
    slot: string;
    key: string;
    index: number;
    ariaRowIndex: number;
    ariaSelected?: string;
    selected: boolean;
    className: string;
    selectLabel: string;
    actionsLabel: string;
    check: FocusSlot;
    number: FocusSlot & { text: string };
    actions: FocusSlot;
    cells: CellView[];
}

export interface HeaderView extends FocusSlot {
    path: string;
    label: string;
    sortable: boolean;
    className: string;
    ariaSort?: string;
    sortIcon?: string;
    sortTitle?: string;
    sortHint?: string;
    /** Grid column index (the resize handle's data-col). */
    col: number;
    resizeLabel: string;
    resizeTabindex: string;
    resizeValue?: number;
    /** 'true' while this column is resized (the handle shows it). */
    resizing?: string;
}

/** The focus slot of a cell: tabindex 0 on the active cell's control (or the cell itself), -1 elsewhere. */
export function slot(position: CellPosition, active: CellPosition, hasControl: boolean): FocusSlot {
    const id = `${position.row}:${position.col}`;
    const tabindex = position.row === active.row && position.col === active.col ? '0' : '-1';
    return hasControl ? { controlId: id, controlTabindex: tabindex } : { ownId: id, ownTabindex: tabindex };
}

/** Column index of the first data column (after the checkbox and row number columns). */
function dataColOffset(layout: GridLayout): number {
    return (layout.checkbox ? 1 : 0) + (layout.rowNumbers ? 1 : 0);
}

/** Every rendered column, including the checkbox, row number and actions columns. */
export function colCount(layout: GridLayout): number {
    return dataColOffset(layout) + layout.columns.length + (layout.rowActions ? 1 : 0);
}

function rowNumberRem(layout: GridLayout): number {
    const digits = String(Math.max(layout.loadedRows, 1)).length;
    return Math.max(2.5, digits * 0.6 + 1.25);
}

/** The <col> widths: fixed for the checkbox, row number and actions columns, the definition's initialWidth else. */
export function colgroupOf(layout: GridLayout): { key: string; style: string }[] {
    const cols: { key: string; style: string }[] = [];
    if (layout.checkbox) cols.push({ key: '#check', style: `width: ${CHECK_COLUMN_REM}rem;` });
    if (layout.rowNumbers) cols.push({ key: '#number', style: `width: ${rowNumberRem(layout)}rem;` });
    for (const column of layout.columns) {
        cols.push({ key: column.path, style: column.width ? `width: ${column.width}px;` : '' });
    }
    if (layout.rowActions) cols.push({ key: '#actions', style: `width: ${ACTIONS_COLUMN_REM}rem;` });
    return cols;
}

/**
 * The grid never squeezes a column below a readable width: in a narrow page region it scrolls sideways instead
 * (columns without a width get 8rem at least).
 */
export function minWidthStyle(layout: GridLayout): string {
    let px = 0;
    let rem = (layout.checkbox ? CHECK_COLUMN_REM : 0) + (layout.rowActions ? ACTIONS_COLUMN_REM : 0);
    if (layout.rowNumbers) rem += rowNumberRem(layout);
    for (const column of layout.columns) {
        if (column.width) px += column.width;
        else rem += MIN_COLUMN_REM;
    }
    // the frozen data columns stay in view on horizontal scroll, right of the (also frozen) checkbox and number
    const frozenLeft = (layout.checkbox ? CHECK_COLUMN_REM : 0) + (layout.rowNumbers ? rowNumberRem(layout) : 0);
    const frozen = (layout.frozenOffsets ?? [0])
        .map((offset, i) => ` --frozen-left-${i}: calc(${frozenLeft}rem + ${offset}px);`)
        .join('');
    return `min-width: calc(${px}px + ${rem}rem);${frozen} --number-left: ${layout.checkbox ? CHECK_COLUMN_REM : 0}rem;`;
}

/** Focus slots of the header's checkbox (a control only with multi-select), row number and actions cells. */
export function headerSlots(
    layout: GridLayout,
    active: CellPosition
): { check: FocusSlot; number: FocusSlot; actions: FocusSlot } {
    return {
        check: slot({ row: -1, col: 0 }, active, layout.multiSelect),
        number: slot({ row: -1, col: layout.checkbox ? 1 : 0 }, active, false),
        actions: slot({ row: -1, col: colCount(layout) - 1 }, active, false)
    };
}

/** The data column headers, with aria-sort and the sort button's icon and texts on sortable columns. */
export function headerViews(
    layout: GridLayout,
    active: CellPosition,
    sortedBy: string | undefined,
    sortedDirection: 'asc' | 'desc'
): HeaderView[] {
    const offset = dataColOffset(layout);
    return layout.columns.map((column, i) => {
        const sorted = column.sortable && sortedBy === column.path;
        const direction = sorted ? sortedDirection : undefined;
        const isActive = active.row === -1 && active.col === offset + i;
        const onHandle = isActive && Boolean(layout.resizeFocus);
        const own = slot({ row: -1, col: offset + i }, active, column.sortable);
        // with the focus on the resize handle, the handle is the header row's tab stop
        if (onHandle) {
            if (column.sortable) own.controlTabindex = '-1';
            else own.ownTabindex = '-1';
        }
        const header: HeaderView = {
            path: column.path,
            label: column.label,
            sortable: column.sortable,
            className: `${column.headerClass ?? 'column-header'}${column.sortable ? ' slds-is-sortable' : ''}${sorted ? ' slds-is-sorted' : ''}`,
            ...own,
            col: offset + i,
            resizeLabel: resizeLabel(column.label),
            resizeTabindex: onHandle ? '0' : '-1',
            resizeValue: column.width ?? layout.renderedWidths?.[i],
            resizing: layout.resizingPath === column.path ? 'true' : undefined
        };
        if (column.sortable) {
            header.ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
            header.sortIcon = direction === 'desc' ? 'utility:arrowdown' : 'utility:arrowup';
            header.sortTitle = `Sort by ${column.label}`;
            header.sortHint = sorted ? `Sorted ${header.ariaSort}` : 'Sort';
        }
        return header;
    });
}

/** The rows [start, end) of the loaded rows and how to read them. */
export interface RowSource {
    rows: readonly Row[];
    start: number;
    end: number;
    keyOf(record: Row): string | undefined;
    isSelected(key: string): boolean;
    /** The record's formatted cells, in column order. */
    displaysOf(record: Row): CellDisplay[];
}

/** The rows of the rendered window, with their formatted cells, selection state, labels and focus slots. */
export function rowViews(layout: GridLayout, active: CellPosition, source: RowSource): RowView[] {
    const columns = layout.columns;
    const offset = dataColOffset(layout);
    const actionsCol = colCount(layout) - 1;
    const numberCol = layout.checkbox ? 1 : 0;
    const views: RowView[] = [];
    const end = Math.min(source.end, source.rows.length);
    for (let index = source.start; index < end; index++) {
        const record = source.rows[index];
        const key = source.keyOf(record) ?? `#${index}`;
        const selected = source.isSelected(key);
        const displays = source.displaysOf(record);
        const name = displays.find((d) => d.text)?.text || key;
        const cells: CellView[] = displays.map((display, c) => {
            const column = columns[c];
            return {
                key: column.path,
                label: column.label,
                className: column.cellClass ?? (column.align === 'right' ? 'align-right' : ''),
                text: display.text,
                badgeClass: display.badgeClass,
                textSpanClass: display.textClass ? `slds-truncate ${display.textClass}` : 'slds-truncate',
                href: display.href,
                target: display.target,
                checked: display.checked,
                unchecked: display.unchecked,
                ...slot({ row: index, col: offset + c }, active, Boolean(display.href))
            };
        });
        views.push({
            slot: `r${index}`,
            key,
            index,
            ariaRowIndex: index + 2,
            ariaSelected: layout.checkbox ? String(selected) : undefined,
            selected,
            className: selected ? 'data-row slds-hint-parent slds-is-selected' : 'data-row slds-hint-parent',
            selectLabel: `Select ${name}`,
            actionsLabel: `Actions for ${name}`,
            check: slot({ row: index, col: 0 }, active, true),
            number: { text: String(index + 1), ...slot({ row: index, col: numberCol }, active, false) },
            actions: slot({ row: index, col: actionsCol }, active, true),
            cells
        });
    }
    return views;
}
