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

/**
 * Row offsets for the window arithmetic. Fixed-height rows (no column wraps) use UniformHeights: O(1), as fast as
 * rowWindow. Wrapped rows have their own heights: MeasuredHeights keeps each row's measured height (the estimate
 * until it has been rendered) in a Fenwick tree, so the offset of a row and the row at an offset cost O(log n).
 */
export interface RowHeights {
    /** Rows counted. */
    readonly count: number;
    /** Top of row `index` (px from the first row's top); offsetOf(count) is the height of all rows. */
    offsetOf(index: number): number;
    heightOf(index: number): number;
    /** The row that covers offset `y` (clamped to 0..count-1; 0 when there are no rows). */
    indexAt(y: number): number;
}

export class UniformHeights implements RowHeights {
    readonly count: number;
    private readonly height: number;

    constructor(count: number, height: number) {
        this.count = Math.max(0, count);
        this.height = height > 0 ? height : DEFAULT_ROW_HEIGHT;
    }

    offsetOf(index: number): number {
        return Math.max(0, Math.min(index, this.count)) * this.height;
    }

    heightOf(): number {
        return this.height;
    }

    indexAt(y: number): number {
        if (this.count === 0) return 0;
        return Math.max(0, Math.min(this.count - 1, Math.floor(Math.max(0, y) / this.height)));
    }
}

export class MeasuredHeights implements RowHeights {
    readonly count: number;
    private readonly heights: Float64Array;
    /** Fenwick tree over the heights (1-based). */
    private readonly tree: Float64Array;
    /** Highest power of two <= count, to walk the tree. */
    private readonly topBit: number;

    /** heightAt(i) gives a row's known height, or undefined for the estimate. */
    constructor(count: number, estimate: number, heightAt: (index: number) => number | undefined = () => undefined) {
        this.count = Math.max(0, count);
        const fallback = estimate > 0 ? estimate : DEFAULT_ROW_HEIGHT;
        this.heights = new Float64Array(this.count);
        this.tree = new Float64Array(this.count + 1);
        for (let i = 0; i < this.count; i++) {
            const known = heightAt(i);
            this.heights[i] = known !== undefined && known > 0 ? known : fallback;
            this.tree[i + 1] = this.heights[i];
        }
        // O(n) build: each node adds itself to its parent
        for (let i = 1; i <= this.count; i++) {
            const parent = i + (i & -i);
            if (parent <= this.count) this.tree[parent] += this.tree[i];
        }
        let bit = 1;
        while (bit * 2 <= this.count) bit *= 2;
        this.topBit = this.count ? bit : 0;
    }

    heightOf(index: number): number {
        return this.heights[index] ?? 0;
    }

    /** Sets a row's measured height; true when it changed. */
    set(index: number, height: number): boolean {
        if (index < 0 || index >= this.count || !(height > 0)) return false;
        const delta = height - this.heights[index];
        if (Math.abs(delta) < 0.5) return false;
        this.heights[index] = height;
        for (let i = index + 1; i <= this.count; i += i & -i) this.tree[i] += delta;
        return true;
    }

    offsetOf(index: number): number {
        let sum = 0;
        for (let i = Math.max(0, Math.min(index, this.count)); i > 0; i -= i & -i) sum += this.tree[i];
        return sum;
    }

    indexAt(y: number): number {
        if (this.count === 0) return 0;
        // the largest prefix whose total is <= y is the number of rows wholly above y
        let position = 0;
        let remaining = Math.max(0, y);
        for (let bit = this.topBit; bit > 0; bit >>= 1) {
            const next = position + bit;
            if (next <= this.count && this.tree[next] <= remaining) {
                position = next;
                remaining -= this.tree[next];
            }
        }
        return Math.min(this.count - 1, position);
    }
}

/**
 * rowWindow over any row heights: the rows that intersect [scrollTop, scrollTop + viewportHeight) plus OVERSCAN
 * rows on each side, the start a multiple of OVERSCAN (with UniformHeights the rows rowWindow renders, or one more).
 */
export function windowOf(scrollTop: number, viewportHeight: number, heights: RowHeights): RowWindow {
    const total = heights.count;
    if (total === 0) return { start: 0, end: 0 };
    const top = Math.max(0, scrollTop);
    const firstVisible = heights.indexAt(top);
    // the last row that starts above the bottom edge of the view (at least one row is in view)
    const lastVisible = Math.max(firstVisible, heights.indexAt(top + Math.max(viewportHeight, 1) - 0.001));
    const start = Math.max(0, Math.floor((firstVisible - OVERSCAN) / OVERSCAN) * OVERSCAN);
    const end = Math.min(total, lastVisible + 2 + OVERSCAN * 2);
    return { start: Math.min(start, end - 1), end };
}

/** scrollTop that brings a row into view (unchanged when it already is), below a sticky header of headerHeight. */
export function scrollTopOf(
    row: number,
    scrollTop: number,
    viewportHeight: number,
    heights: RowHeights,
    headerHeight: number
): number {
    if (row < 0) return scrollTop;
    const top = heights.offsetOf(row);
    const bottom = top + heights.heightOf(row);
    const visibleBody = Math.max(heights.heightOf(row), viewportHeight - headerHeight);
    if (top < scrollTop) return top;
    if (bottom > scrollTop + visibleBody) return bottom - visibleBody;
    return scrollTop;
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
