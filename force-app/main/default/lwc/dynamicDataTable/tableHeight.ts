/*
 * The table area's CSS height from a definition's `height`: 'auto', a number of rows, or a CSS length.
 * Plain arithmetic on the grid's nominal sizes (its CSS fixes them), so the area is sized before anything renders
 * and the first page arriving shifts nothing; the grid itself still renders only the rows in view.
 */

/** Default when the definition sets no height (what the table always had). */
export const DEFAULT_TABLE_HEIGHT = '400px';

/** A body row: 2rem plus its 1px border (dataGrid.css fixes the row height). */
export const ROW_PX = 33;
/** The sticky header row. */
export const HEADER_PX = 33;
/** The scroll area's top and bottom border. */
export const BORDER_PX = 2;
/** Rows the loading skeleton shows: an 'auto' table waiting for its first page is sized for them. */
export const SKELETON_ROWS = 6;

/** Pixels of an area whose body shows exactly `rows` rows under the header. */
export function heightForRows(rows: number): number {
    return HEADER_PX + Math.max(1, rows) * ROW_PX + BORDER_PX;
}

/**
 * CSS height of the table area. `rowCount` is the number of loaded rows: an 'auto' table grows with them up to the
 * window height (then scrolls, so the rows still virtualize); with none yet it is sized for the skeleton.
 */
export function tableAreaHeight(height: string | number | undefined | null, rowCount: number): string {
    if (typeof height === 'number' && Number.isFinite(height) && height > 0) {
        return `${heightForRows(Math.round(height))}px`;
    }
    const text = typeof height === 'string' ? height.trim() : '';
    if (!text) return DEFAULT_TABLE_HEIGHT;
    if (text === 'auto') {
        const rows = rowCount > 0 ? rowCount : SKELETON_ROWS;
        return `min(${heightForRows(rows)}px, 100vh)`;
    }
    return text;
}

/** True when the height follows the rows ('auto' or a number of rows): the area then has no minimum height. */
export function sizedByRows(height: string | number | undefined | null): boolean {
    return typeof height === 'number' || (typeof height === 'string' && height.trim() === 'auto');
}
