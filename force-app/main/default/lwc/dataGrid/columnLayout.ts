/*
 * The columns c-data-grid renders: the definition's columns with the user's choices applied (hidden ones left out,
 * widths and wrap overridden), each with its cell and header classes (frozen, aligned, wrapped) computed once per
 * change rather than per cell, and the left offsets of the frozen columns. Pure functions, no DOM.
 */
import type { GridColumn } from './columns';
import type { ColumnPrefs } from './columnPrefs';

/** A column as the column menu lists it. */
export interface ColumnChoice {
    path: string;
    label: string;
    visible: boolean;
    wrap: boolean;
}

/** The rendered data columns, in order, with the user's widths, wrap and the frozen / wrap / alignment classes. */
export function visibleColumns(
    columns: readonly GridColumn[],
    prefs: ColumnPrefs,
    frozenColumns: number
): GridColumn[] {
    const hidden = new Set(prefs.hidden);
    const shown = columns.filter((column) => !hidden.has(column.path));
    // never a blank table: if the choices hid every column, show them all
    const list = shown.length ? shown : [...columns];
    const frozen = Math.min(Math.max(0, frozenColumns), list.length);
    return list.map((column, i) => {
        const width = prefs.widths[column.path] ?? column.width;
        const wrap = prefs.wrap[column.path] ?? Boolean(column.wrap);
        const classes: string[] = [];
        if (i < frozen) classes.push('cell-frozen', `frozen-${i}`);
        if (i === frozen - 1) classes.push('frozen-last');
        if (column.align === 'right') classes.push('align-right');
        const cellClass = [...classes, ...(wrap ? ['cell-wrap'] : [])].join(' ');
        const next: GridColumn = {
            ...column,
            wrap,
            cellClass,
            headerClass: ['column-header', ...classes].join(' ')
        };
        if (width) next.width = width;
        else delete next.width;
        return next;
    });
}

/** Some rendered column wraps: rows may have different heights. */
export function anyWraps(columns: readonly GridColumn[]): boolean {
    return columns.some((column) => column.wrap);
}

/** What the column menu shows: every definition column, whether it is shown and whether it wraps. */
export function columnChoices(columns: readonly GridColumn[], prefs: ColumnPrefs): ColumnChoice[] {
    const hidden = new Set(prefs.hidden);
    return columns.map((column) => ({
        path: column.path,
        label: column.label,
        visible: !hidden.has(column.path),
        wrap: prefs.wrap[column.path] ?? Boolean(column.wrap)
    }));
}

/**
 * Left offsets (px, after the checkbox and row number columns) of the frozen columns: each sits right of the frozen
 * columns before it. Widths are the rendered ones where measured (a fixed-layout table may stretch its columns),
 * else the column's own width.
 */
export function frozenOffsets(
    columns: readonly GridColumn[],
    frozenColumns: number,
    measured: readonly number[]
): number[] {
    const count = Math.min(Math.max(0, frozenColumns), columns.length);
    const offsets: number[] = [];
    let left = 0;
    for (let i = 0; i < count; i++) {
        offsets.push(left);
        const width = measured[i] > 0 ? measured[i] : (columns[i].width ?? 0);
        left += width;
    }
    return offsets;
}
