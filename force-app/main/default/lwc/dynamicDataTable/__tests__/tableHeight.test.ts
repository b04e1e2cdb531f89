/* The table area's height from a definition's `height`. */
import {
    BORDER_PX,
    DEFAULT_TABLE_HEIGHT,
    HEADER_PX,
    ROW_PX,
    SKELETON_ROWS,
    heightForRows,
    sizedByRows,
    tableAreaHeight
} from '../tableHeight';

describe('tableAreaHeight', () => {
    it('keeps 400px when the definition sets no height', () => {
        expect(DEFAULT_TABLE_HEIGHT).toBe('400px');
        expect(tableAreaHeight(undefined, 0)).toBe('400px');
        expect(tableAreaHeight('', 500)).toBe('400px');
        expect(tableAreaHeight(null, 3)).toBe('400px');
    });

    it('passes a CSS length through unchanged', () => {
        expect(tableAreaHeight('250px', 1000)).toBe('250px');
        expect(tableAreaHeight('30rem', 0)).toBe('30rem');
    });

    it('sizes a number of rows to the header plus exactly that many rows, whatever is loaded', () => {
        expect(heightForRows(10)).toBe(HEADER_PX + 10 * ROW_PX + BORDER_PX);
        expect(tableAreaHeight(10, 0)).toBe(`${HEADER_PX + 10 * ROW_PX + BORDER_PX}px`);
        expect(tableAreaHeight(10, 50000)).toBe(tableAreaHeight(10, 3));
        expect(tableAreaHeight(1, 0)).toBe(`${HEADER_PX + ROW_PX + BORDER_PX}px`);
    });

    it("uses the grid's measured row and header heights once it reports them", () => {
        const measured = { rowHeight: 32, headerHeight: 40 };
        expect(tableAreaHeight(8, 0, measured)).toBe(`${40 + 8 * 32 + BORDER_PX}px`);
        expect(tableAreaHeight('auto', 3, measured)).toBe(`min(${40 + 3 * 32 + BORDER_PX}px, 100vh)`);
        // fractional heights round up, so the last row is never cut by a pixel
        expect(heightForRows(3, { rowHeight: 32.5, headerHeight: 40.25 })).toBe(Math.ceil(40.25 + 97.5 + BORDER_PX));
        // nothing measured (zeros) falls back to the nominal sizes
        expect(heightForRows(2, { rowHeight: 0, headerHeight: 0 })).toBe(HEADER_PX + 2 * ROW_PX + BORDER_PX);
        expect(tableAreaHeight('250px', 3, measured)).toBe('250px');
    });

    it("grows an 'auto' table with its loaded rows, capped at the window height", () => {
        expect(tableAreaHeight('auto', 3)).toBe(`min(${heightForRows(3)}px, 100vh)`);
        expect(tableAreaHeight('auto', 50000)).toBe(`min(${heightForRows(50000)}px, 100vh)`);
        // before the first page: the skeleton's rows, so the area does not jump to another size when rows arrive
        expect(tableAreaHeight('auto', 0)).toBe(`min(${heightForRows(SKELETON_ROWS)}px, 100vh)`);
    });

    it('lifts the area minimum only for heights that follow the rows', () => {
        expect(sizedByRows('auto')).toBe(true);
        expect(sizedByRows(5)).toBe(true);
        expect(sizedByRows('400px')).toBe(false);
        expect(sizedByRows(undefined)).toBe(false);
    });
});
