/*
 * The table area's CSS height from a definition's `height`: 'auto', a number of rows, or a CSS length.
 * Plain arithmetic on the grid's nominal sizes (its CSS fixes them), so the area is sized before anything renders
 * and the first page arriving shifts nothing; the grid itself still renders only the rows in view.
 */

/** Default when the definition sets no height (what the table always had). */
export const DEFAULT_TABLE_HEIGHT = '400px';

/** A body row: 2rem plus its 1px border (dataGrid.css fixes the row height). */
export const ROW_PX = 33;
/** The sticky header row (a sortable column's header; the grid reports the real height once rendered). */
export const HEADER_PX = 33;
/** The scroll area's top and bottom border, and the bordered table's bottom border (dataGrid.css drops its top). */
export const BORDER_PX = 3;
/** Rows the loading skeleton shows: an 'auto' table waiting for its first page is sized for them. */
export const SKELETON_ROWS = 6;

/** Row and header heights (px): the grid's measured ones once it has rendered, else the nominal ones. */
export interface GridMetrics {
    rowHeight: number;
    headerHeight: number;
}

export const NOMINAL_METRICS: GridMetrics = { rowHeight: ROW_PX, headerHeight: HEADER_PX };

/** Pixels of an area whose body shows exactly `rows` rows under the header. */
export function heightForRows(rows: number, metrics: GridMetrics = NOMINAL_METRICS): number {
    const row = metrics.rowHeight > 0 ? metrics.rowHeight : ROW_PX;
    const header = metrics.headerHeight > 0 ? metrics.headerHeight : HEADER_PX;
    return Math.ceil(header + Math.max(1, rows) * row + BORDER_PX);
}

/**
 * CSS height of the table area. `rowCount` is the number of loaded rows: an 'auto' table grows with them up to the
 * window height (then scrolls, so the rows still virtualize); with none yet it is sized for the skeleton. `metrics`
 * are the grid's measured row and header heights, so a height in rows is exact whatever the header holds.
 */
export function tableAreaHeight(
    height: string | number | undefined | null,
    rowCount: number,
    metrics: GridMetrics = NOMINAL_METRICS
): string {
    if (typeof height === 'number' && Number.isFinite(height) && height > 0) {
        return `${heightForRows(Math.round(height), metrics)}px`;
    }
    const text = typeof height === 'string' ? height.trim() : '';
    if (!text) return DEFAULT_TABLE_HEIGHT;
    if (text === 'auto') {
        const rows = rowCount > 0 ? rowCount : SKELETON_ROWS;
        return `min(${heightForRows(rows, metrics)}px, 100vh)`;
    }
    return text;
}

/** True when the height follows the rows ('auto' or a number of rows): the area then has no minimum height. */
export function sizedByRows(height: string | number | undefined | null): boolean {
    return typeof height === 'number' || (typeof height === 'string' && height.trim() === 'auto');
}
