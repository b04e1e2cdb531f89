import { DEFAULT_ROW_HEIGHT, OVERSCAN, UniformHeights, moveCell, rowWindow, scrollTopOf } from '../virtualGrid';
import { menuAlignment } from '../virtualGrid';

describe('rowWindow', () => {
    it('renders the rows in view plus an overscan, whatever the number of loaded rows', () => {
        const small = rowWindow(0, 330, 33, 5);
        expect(small).toEqual({ start: 0, end: 5 });
        const top = rowWindow(0, 330, 33, 50000);
        expect(top.start).toBe(0);
        expect(top.end).toBe(10 + 1 + OVERSCAN * 2);
        const middle = rowWindow(25000 * 33, 330, 33, 50000);
        expect(middle.start).toBeLessThanOrEqual(25000 - OVERSCAN);
        expect(middle.start % OVERSCAN).toBe(0);
        expect(middle.end).toBeGreaterThanOrEqual(25000 + 10);
        expect(middle.end - middle.start).toBeLessThan(50);
    });

    it('keeps the start on overscan steps so small scrolls re-use the window', () => {
        expect(rowWindow(21 * 33, 330, 33, 1000).start).toBe(rowWindow(29 * 33, 330, 33, 1000).start);
    });

    it('stays inside the loaded rows at the end and with odd inputs', () => {
        const end = rowWindow(1000 * 33, 330, 33, 1000);
        expect(end.end).toBe(1000);
        expect(end.start).toBeLessThan(1000);
        expect(rowWindow(-50, 330, 0, 100)).toEqual(rowWindow(0, 330, DEFAULT_ROW_HEIGHT, 100));
        expect(rowWindow(0, 0, 33, 0)).toEqual({ start: 0, end: 0 });
    });
});

describe('moveCell', () => {
    const size = { rows: 100, cols: 6, pageRows: 10 };

    it('moves one cell with the arrows and clamps to the grid (row -1 is the header)', () => {
        expect(moveCell({ row: 0, col: 0 }, 'ArrowDown', size)).toEqual({ row: 1, col: 0 });
        expect(moveCell({ row: 0, col: 0 }, 'ArrowUp', size)).toEqual({ row: -1, col: 0 });
        expect(moveCell({ row: -1, col: 0 }, 'ArrowUp', size)).toEqual({ row: -1, col: 0 });
        expect(moveCell({ row: 99, col: 5 }, 'ArrowDown', size)).toEqual({ row: 99, col: 5 });
        expect(moveCell({ row: 3, col: 5 }, 'ArrowRight', size)).toEqual({ row: 3, col: 5 });
        expect(moveCell({ row: 3, col: 0 }, 'ArrowLeft', size)).toEqual({ row: 3, col: 0 });
        expect(moveCell({ row: 3, col: 2 }, 'ArrowLeft', size)).toEqual({ row: 3, col: 1 });
    });

    it('goes to the row ends with Home/End and to the grid ends with Ctrl', () => {
        expect(moveCell({ row: 3, col: 2 }, 'Home', size)).toEqual({ row: 3, col: 0 });
        expect(moveCell({ row: 3, col: 2 }, 'End', size)).toEqual({ row: 3, col: 5 });
        expect(moveCell({ row: 3, col: 2 }, 'Home', size, true)).toEqual({ row: 0, col: 0 });
        expect(moveCell({ row: 3, col: 2 }, 'End', size, true)).toEqual({ row: 99, col: 5 });
        expect(moveCell({ row: 3, col: 2 }, 'Home', { rows: 0, cols: 3, pageRows: 5 }, true)).toEqual({
            row: -1,
            col: 0
        });
    });

    it('moves by a page and ignores other keys', () => {
        expect(moveCell({ row: -1, col: 1 }, 'PageDown', size)).toEqual({ row: 10, col: 1 });
        expect(moveCell({ row: 95, col: 1 }, 'PageDown', size)).toEqual({ row: 99, col: 1 });
        expect(moveCell({ row: 5, col: 1 }, 'PageUp', size)).toEqual({ row: -1, col: 1 });
        expect(moveCell({ row: 5, col: 1 }, 'PageUp', { ...size, pageRows: 0 })).toEqual({ row: 4, col: 1 });
        expect(moveCell({ row: 5, col: 1 }, 'Enter', size)).toBeNull();
        expect(moveCell({ row: 5, col: 1 }, 'a', size)).toBeNull();
    });
});

describe('scrollTopOf', () => {
    it('scrolls only as far as needed to show a row below the sticky header', () => {
        // view 330 px, header 33 px: 9 rows of 33 px fit
        const rows = new UniformHeights(100, 33);
        expect(scrollTopOf(5, 0, 330, rows, 33)).toBe(0);
        expect(scrollTopOf(20, 0, 330, rows, 33)).toBe(21 * 33 - 297);
        expect(scrollTopOf(2, 10 * 33, 330, rows, 33)).toBe(2 * 33);
        expect(scrollTopOf(-1, 500, 330, rows, 33)).toBe(500);
    });
});

describe('menuAlignment', () => {
    const room = { areaTop: 100, areaBottom: 500, items: 2 };
    it('opens downwards when the menu fits below the trigger', () => {
        expect(menuAlignment({ ...room, triggerTop: 120, triggerBottom: 140 })).toBe('right');
    });
    it('opens upwards near the bottom of the visible area', () => {
        expect(menuAlignment({ ...room, triggerTop: 470, triggerBottom: 490 })).toBe('bottom-right');
    });
    it('never opens upwards under the sticky header: the first row in view opens downwards', () => {
        // 2 items need 80 px; 40 px above the trigger would put the menu under the header
        expect(menuAlignment({ ...room, areaBottom: 250, triggerTop: 140, triggerBottom: 160 })).toBe('right');
    });
    it('takes the side with more room when it fits on neither', () => {
        expect(menuAlignment({ areaTop: 0, areaBottom: 100, items: 5, triggerTop: 70, triggerBottom: 90 })).toBe(
            'bottom-right'
        );
        expect(menuAlignment({ areaTop: 0, areaBottom: 100, items: 5, triggerTop: 10, triggerBottom: 30 })).toBe(
            'right'
        );
    });
});
