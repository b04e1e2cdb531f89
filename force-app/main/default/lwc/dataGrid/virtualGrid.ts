/*
 * Windowing and keyboard navigation of c-dynamic-data-table. Pure functions, no DOM.
 *
 * Only the rows in view (plus an overscan on each side) are rendered; spacer rows above and below keep the
 * scroll height of the whole loaded set, so rendering costs the same at 50 or 50,000 loaded rows.
 */

/** Rendered rows: indexes [start, end) of the loaded rows. */
export interface RowWindow {
    start: number;
    end: number;
}

/** Row height (px) used until a rendered row has been measured (SLDS table row: 2rem + border). */
export const DEFAULT_ROW_HEIGHT = 33;
/** Rows rendered above and below the visible ones, so a fast scroll does not show blanks. */
export const OVERSCAN = 10;

/** The window to render for a scroll position. The start is a multiple of OVERSCAN so small scrolls re-use it. */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number): RowWindow {
    const height = rowHeight > 0 ? rowHeight : DEFAULT_ROW_HEIGHT;
    const firstVisible = Math.max(0, Math.floor(Math.max(0, scrollTop) / height));
    const visibleCount = Math.ceil(Math.max(viewportHeight, height) / height) + 1;
    const start = Math.max(0, Math.floor((firstVisible - OVERSCAN) / OVERSCAN) * OVERSCAN);
    const end = Math.min(total, firstVisible + visibleCount + OVERSCAN * 2);
    return { start: Math.min(start, Math.max(0, end - 1)), end: Math.max(0, end) };
}

/** Active cell of the grid: row -1 is the header row; col counts every rendered column (checkbox, data, actions). */
export interface CellPosition {
    row: number;
    col: number;
}

export interface GridSize {
    /** Loaded data rows. */
    rows: number;
    /** Columns, including the checkbox, row number and actions columns. */
    cols: number;
    /** Rows per page (PageUp / PageDown). */
    pageRows: number;
}

/**
 * Where a grid navigation key moves the active cell (WAI-ARIA grid pattern), or null when the key is not a
 * navigation key. Arrows move one cell, Home/End go to the first/last cell of the row (with Ctrl: of the grid),
 * PageUp/PageDown move a page. Positions are clamped to the grid.
 */
export function moveCell(from: CellPosition, key: string, size: GridSize, ctrlKey = false): CellPosition | null {
    const lastRow = size.rows - 1;
    const lastCol = Math.max(0, size.cols - 1);
    const clampRow = (row: number) => Math.max(-1, Math.min(lastRow, row));
    const clampCol = (col: number) => Math.max(0, Math.min(lastCol, col));
    switch (key) {
        case 'ArrowDown':
            return { row: clampRow(from.row + 1), col: from.col };
        case 'ArrowUp':
            return { row: clampRow(from.row - 1), col: from.col };
        case 'ArrowRight':
            return { row: from.row, col: clampCol(from.col + 1) };
        case 'ArrowLeft':
            return { row: from.row, col: clampCol(from.col - 1) };
        case 'Home':
            return ctrlKey ? { row: clampRow(lastRow >= 0 ? 0 : -1), col: 0 } : { row: from.row, col: 0 };
        case 'End':
            return ctrlKey ? { row: clampRow(lastRow), col: lastCol } : { row: from.row, col: lastCol };
        case 'PageDown':
            return { row: clampRow(Math.max(from.row, 0) + Math.max(1, size.pageRows)), col: from.col };
        case 'PageUp':
            return { row: clampRow(from.row - Math.max(1, size.pageRows)), col: from.col };
        default:
            return null;
    }
}

/** scrollTop that brings a row into view (unchanged when it already is), below a sticky header of headerHeight. */
export function scrollTopFor(
    row: number,
    scrollTop: number,
    viewportHeight: number,
    rowHeight: number,
    headerHeight: number
): number {
    if (row < 0) return scrollTop;
    const top = row * rowHeight;
    const bottom = top + rowHeight;
    const visibleBody = Math.max(rowHeight, viewportHeight - headerHeight);
    if (top < scrollTop) return top;
    if (bottom > scrollTop + visibleBody) return bottom - visibleBody;
    return scrollTop;
}

/** Height (px) of one row action menu item and the menu's own padding, to size a menu before it opens. */
export const MENU_ITEM_PX = 36;
export const MENU_PADDING_PX = 8;

/** Where a row action menu fits: the trigger's edges and the visible area (below the sticky header, in the viewport). */
export interface MenuRoom {
    triggerTop: number;
    triggerBottom: number;
    /** Top of the visible area: the grid's sticky header bottom or the viewport top, whichever is lower. */
    areaTop: number;
    /** Bottom of the visible area: the grid's scroll area bottom or the viewport bottom, whichever is higher. */
    areaBottom: number;
    items: number;
}

/**
 * The lightning-button-menu alignment that keeps a row's menu fully visible: downwards ('right') when it fits below
 * the trigger, else upwards ('bottom-right') when it fits above it without going under the sticky header, else the
 * side with more room. ('auto' measures the page, not the grid's scroll area, and opens under the header.)
 */
export function menuAlignment(room: MenuRoom): 'right' | 'bottom-right' {
    const height = Math.max(1, room.items) * MENU_ITEM_PX + MENU_PADDING_PX;
    const below = room.areaBottom - room.triggerBottom;
    const above = room.triggerTop - room.areaTop;
    if (below >= height) return 'right';
    if (above >= height) return 'bottom-right';
    return above > below ? 'bottom-right' : 'right';
}
