/*
 * Column resizing of c-data-grid: the width arithmetic of a drag and of the keyboard, and how the header row's
 * keyboard navigation reaches a column's resize handle. Pure functions, no DOM.
 *
 * Keyboard (the handle is part of the header row's navigation): ArrowRight from a column's header label moves to
 * its resize handle, ArrowRight again to the next column; ArrowLeft goes back. On a handle Enter (or Space) starts
 * resizing; then ArrowLeft / ArrowRight narrow / widen the column by RESIZE_STEP px (Shift: 5 steps), Enter or Tab
 * finishes and keeps the width, Escape finishes and puts the width back as it was before.
 */

/** Narrowest and widest a column can be made (px). */
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1000;
/** One arrow key press while resizing (px); with Shift five times as much. */
export const RESIZE_STEP = 10;

/** A width kept within MIN_COLUMN_WIDTH..MAX_COLUMN_WIDTH, rounded to whole px (NaN → the minimum). */
export function clampWidth(width: number): number {
    if (!Number.isFinite(width)) return MIN_COLUMN_WIDTH;
    return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
}

/** Width while dragging: the width at the start plus how far the pointer moved (right-to-left pages mirror it). */
export function dragWidth(startWidth: number, startX: number, x: number, rtl = false): number {
    const moved = rtl ? startX - x : x - startX;
    return clampWidth(startWidth + moved);
}

/** The width after a key while resizing, or null when the key does not resize. */
export function keyWidth(width: number, key: string, shiftKey = false): number | null {
    const step = RESIZE_STEP * (shiftKey ? 5 : 1);
    switch (key) {
        case 'ArrowRight':
            return clampWidth(width + step);
        case 'ArrowLeft':
            return clampWidth(width - step);
        case 'Home':
            return MIN_COLUMN_WIDTH;
        case 'End':
            return MAX_COLUMN_WIDTH;
        default:
            return null;
    }
}

/** What a key does to a resize that runs: a new width, finish (keeping it), cancel (width back), or nothing. */
export type ResizeKeyResult =
    { kind: 'width'; width: number } | { kind: 'finish' } | { kind: 'cancel' } | { kind: 'ignore' };

export function resizeKey(width: number, key: string, shiftKey = false): ResizeKeyResult {
    if (key === 'Enter' || key === 'Tab') return { kind: 'finish' };
    if (key === 'Escape') return { kind: 'cancel' };
    const next = keyWidth(width, key, shiftKey);
    return next === null ? { kind: 'ignore' } : { kind: 'width', width: next };
}

/** Where the header focus is: a column (grid col index) and whether on its resize handle rather than its label. */
export interface HeaderFocus {
    col: number;
    onHandle: boolean;
}

/**
 * Left / right in the header row with the resize handles in between the labels: from a data column's label right
 * goes to its handle, from a handle right goes on to the next column's label; left mirrors that. Returns null for
 * any other key or move (the grid's own navigation handles it, landing on labels).
 */
export function headerMove(
    focus: HeaderFocus,
    key: string,
    dataCols: { first: number; last: number },
    lastCol: number
): HeaderFocus | null {
    const isData = (col: number) => col >= dataCols.first && col <= dataCols.last;
    if (key === 'ArrowRight') {
        if (focus.onHandle) return { col: Math.min(lastCol, focus.col + 1), onHandle: false };
        return isData(focus.col) ? { col: focus.col, onHandle: true } : null;
    }
    if (key === 'ArrowLeft') {
        if (focus.onHandle) return { col: focus.col, onHandle: false };
        return isData(focus.col - 1) ? { col: focus.col - 1, onHandle: true } : null;
    }
    return null;
}

/** Accessible name of a column's resize handle. */
export function resizeLabel(columnLabel: string): string {
    return `Resize ${columnLabel} column`;
}
