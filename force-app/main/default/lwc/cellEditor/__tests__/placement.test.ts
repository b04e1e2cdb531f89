import { intersect, placeEditor } from '../placement';

const BOUNDS = { top: 100, left: 0, bottom: 500, right: 800 };
const cellAt = (top: number, left = 100, height = 32, width = 150) => ({
    top,
    left,
    bottom: top + height,
    right: left + width
});

describe('placeEditor', () => {
    it('opens below the cell top when it fits', () => {
        expect(placeEditor(cellAt(120), { width: 200, height: 120 }, BOUNDS)).toEqual({
            above: false,
            alignRight: false
        });
    });

    it('flips above a cell near the bottom of the scroll area when there is more room above', () => {
        expect(placeEditor(cellAt(440), { width: 200, height: 120 }, BOUNDS).above).toBe(true);
    });

    it('stays below when neither side has room but below has more (the scroll area scrolls to it)', () => {
        expect(placeEditor(cellAt(200), { width: 200, height: 450 }, BOUNDS).above).toBe(false);
    });

    it('aligns to the right edge of a cell near the right of the scroll area', () => {
        expect(placeEditor(cellAt(120, 650), { width: 300, height: 40 }, BOUNDS).alignRight).toBe(true);
        expect(placeEditor(cellAt(120, 100), { width: 300, height: 40 }, BOUNDS).alignRight).toBe(false);
    });
});

describe('intersect', () => {
    it('keeps what both boxes share, and an empty box when they do not overlap', () => {
        expect(intersect({ top: 0, left: 0, bottom: 600, right: 400 }, BOUNDS)).toEqual({
            top: 100,
            left: 0,
            bottom: 500,
            right: 400
        });
        const empty = intersect({ top: 0, left: 0, bottom: 50, right: 50 }, BOUNDS);
        expect(empty.bottom).toBe(empty.top);
    });
});
