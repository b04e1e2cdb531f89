import {
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    RESIZE_STEP,
    clampWidth,
    dragWidth,
    headerMove,
    keyWidth,
    resizeKey,
    resizeLabel
} from '../columnResize';

describe('resize math', () => {
    it('keeps widths within 40-1000 px, whole px', () => {
        expect(MIN_COLUMN_WIDTH).toBe(40);
        expect(MAX_COLUMN_WIDTH).toBe(1000);
        expect(clampWidth(12)).toBe(40);
        expect(clampWidth(5000)).toBe(1000);
        expect(clampWidth(123.6)).toBe(124);
        expect(clampWidth(Number.NaN)).toBe(40);
    });

    it('follows the pointer from the width at the start (mirrored right to left)', () => {
        expect(dragWidth(150, 300, 380)).toBe(230);
        expect(dragWidth(150, 300, 100)).toBe(40);
        expect(dragWidth(150, 300, 2000)).toBe(1000);
        expect(dragWidth(150, 300, 380, true)).toBe(70);
    });

    it('steps by 10 px with the arrows (50 with Shift), Home/End to the limits, other keys do not resize', () => {
        expect(RESIZE_STEP).toBe(10);
        expect(keyWidth(100, 'ArrowRight')).toBe(110);
        expect(keyWidth(100, 'ArrowLeft')).toBe(90);
        expect(keyWidth(100, 'ArrowRight', true)).toBe(150);
        expect(keyWidth(45, 'ArrowLeft')).toBe(40);
        expect(keyWidth(995, 'ArrowRight')).toBe(1000);
        expect(keyWidth(100, 'Home')).toBe(40);
        expect(keyWidth(100, 'End')).toBe(1000);
        expect(keyWidth(100, 'ArrowDown')).toBeNull();
    });

    it('finishes with Enter or Tab, cancels with Escape', () => {
        expect(resizeKey(100, 'ArrowRight')).toEqual({ kind: 'width', width: 110 });
        expect(resizeKey(100, 'Enter')).toEqual({ kind: 'finish' });
        expect(resizeKey(100, 'Tab')).toEqual({ kind: 'finish' });
        expect(resizeKey(100, 'Escape')).toEqual({ kind: 'cancel' });
        expect(resizeKey(100, 'a')).toEqual({ kind: 'ignore' });
    });

    it('names the handle after its column', () => {
        expect(resizeLabel('Name')).toBe('Resize Name column');
    });
});

describe('headerMove', () => {
    // checkbox (0), data columns 1-3, actions (4)
    const data = { first: 1, last: 3 };

    it('puts each data column handle between its label and the next column', () => {
        expect(headerMove({ col: 1, onHandle: false }, 'ArrowRight', data, 4)).toEqual({ col: 1, onHandle: true });
        expect(headerMove({ col: 1, onHandle: true }, 'ArrowRight', data, 4)).toEqual({ col: 2, onHandle: false });
        expect(headerMove({ col: 3, onHandle: true }, 'ArrowRight', data, 4)).toEqual({ col: 4, onHandle: false });
        expect(headerMove({ col: 2, onHandle: false }, 'ArrowLeft', data, 4)).toEqual({ col: 1, onHandle: true });
        expect(headerMove({ col: 2, onHandle: true }, 'ArrowLeft', data, 4)).toEqual({ col: 2, onHandle: false });
    });

    it('leaves moves outside the data columns and other keys to the grid', () => {
        // the checkbox and actions columns have no handle
        expect(headerMove({ col: 0, onHandle: false }, 'ArrowRight', data, 4)).toBeNull();
        expect(headerMove({ col: 1, onHandle: false }, 'ArrowLeft', data, 4)).toBeNull();
        expect(headerMove({ col: 4, onHandle: false }, 'ArrowLeft', data, 4)).toEqual({ col: 3, onHandle: true });
        expect(headerMove({ col: 2, onHandle: true }, 'ArrowDown', data, 4)).toBeNull();
        expect(headerMove({ col: 2, onHandle: false }, 'Home', data, 4)).toBeNull();
    });
});
