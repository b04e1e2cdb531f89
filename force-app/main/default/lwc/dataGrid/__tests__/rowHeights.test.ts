import fc from 'fast-check';
import { MeasuredHeights, OVERSCAN, UniformHeights, rowWindow, scrollTopOf, windowOf } from '../virtualGrid';

/** Brute force: the rows that intersect [top, top + viewport), from plain prefix sums. */
function visibleRows(heights: number[], top: number, viewport: number): { first: number; last: number } {
    let y = 0;
    let first = -1;
    let last = -1;
    const bottom = Math.max(0, top) + Math.max(viewport, 1);
    for (let i = 0; i < heights.length; i++) {
        const rowTop = y;
        y += heights[i];
        if (y > Math.max(0, top) && rowTop < bottom) {
            if (first < 0) first = i;
            last = i;
        }
    }
    // scrolled past the end: the last row counts as in view
    if (first < 0) first = last = heights.length - 1;
    return { first, last };
}

const heightList = fc.array(fc.integer({ min: 20, max: 160 }), { minLength: 1, maxLength: 400 });

describe('MeasuredHeights (variable row heights)', () => {
    it('gives the same offsets and rows at offsets as prefix sums', () => {
        fc.assert(
            fc.property(heightList, fc.nat(), (heights, seed) => {
                const model = new MeasuredHeights(heights.length, 33, (i) => heights[i]);
                let sum = 0;
                for (let i = 0; i < heights.length; i++) {
                    expect(model.offsetOf(i)).toBe(sum);
                    expect(model.heightOf(i)).toBe(heights[i]);
                    // any offset inside row i finds row i
                    expect(model.indexAt(sum + ((seed % heights[i]) | 0))).toBe(i);
                    sum += heights[i];
                }
                expect(model.offsetOf(heights.length)).toBe(sum);
                expect(model.indexAt(sum + 1000)).toBe(heights.length - 1);
                expect(model.indexAt(-5)).toBe(0);
            })
        );
    });

    it('uses the estimate for unmeasured rows and updates offsets when a row is measured', () => {
        fc.assert(
            fc.property(
                heightList,
                fc.array(fc.tuple(fc.nat(), fc.integer({ min: 20, max: 160 })), { maxLength: 50 }),
                (heights, updates) => {
                    const model = new MeasuredHeights(heights.length, 33);
                    const expected = heights.map(() => 33);
                    for (const [at, height] of updates) {
                        const index = at % heights.length;
                        const changed = model.set(index, height);
                        expect(changed).toBe(Math.abs(height - expected[index]) >= 0.5);
                        expected[index] = height;
                    }
                    let sum = 0;
                    for (let i = 0; i <= heights.length; i++) {
                        expect(model.offsetOf(i)).toBe(sum);
                        sum += expected[i] ?? 0;
                    }
                }
            )
        );
    });

    it('windows exactly the rows a brute force finds in view, plus the overscan', () => {
        fc.assert(
            fc.property(
                heightList,
                fc.nat({ max: 60000 }),
                fc.integer({ min: 0, max: 1200 }),
                (heights, top, viewport) => {
                    const model = new MeasuredHeights(heights.length, 33, (i) => heights[i]);
                    const win = windowOf(top, viewport, model);
                    const { first, last } = visibleRows(heights, top, viewport);
                    // every row in view is rendered
                    expect(win.start).toBeLessThanOrEqual(first);
                    expect(win.end).toBeGreaterThan(last);
                    // and not many more: the overscan on each side (the start on an OVERSCAN step), one row of slack
                    expect(win.start).toBe(Math.max(0, Math.floor((first - OVERSCAN) / OVERSCAN) * OVERSCAN));
                    expect(win.end).toBe(Math.min(heights.length, last + 2 + OVERSCAN * 2));
                    expect(win.end - win.start).toBeLessThanOrEqual(last - first + 2 + OVERSCAN * 4);
                }
            )
        );
    });

    it('scrolls a row of any height into view under the header', () => {
        const model = new MeasuredHeights(5, 33, (i) => [30, 100, 30, 200, 30][i]);
        // row 3 (160-360) below a 300 px view with a 40 px header: its bottom aligns with the view's bottom
        expect(scrollTopOf(3, 0, 300, model, 40)).toBe(360 - 260);
        expect(scrollTopOf(1, 200, 300, model, 40)).toBe(30);
        expect(scrollTopOf(2, 100, 300, model, 40)).toBe(100);
        expect(scrollTopOf(-1, 77, 300, model, 40)).toBe(77);
    });

    it('renders nothing without rows', () => {
        expect(windowOf(0, 400, new UniformHeights(0, 33))).toEqual({ start: 0, end: 0 });
        expect(windowOf(100, 400, new MeasuredHeights(0, 33))).toEqual({ start: 0, end: 0 });
    });

    it('costs O(log n) per lookup at 50,000 rows', () => {
        const model = new MeasuredHeights(50000, 33, (i) => (i % 7 === 0 ? 66 : undefined));
        const started = performance.now();
        for (let y = 0; y < 2_000_000; y += 97) windowOf(y, 600, model);
        expect(performance.now() - started).toBeLessThan(500);
    });
});

describe('UniformHeights (no column wraps)', () => {
    it('covers the rows rowWindow renders', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 50000 }),
                fc.nat({ max: 2_000_000 }),
                fc.integer({ min: 0, max: 1200 }),
                (total, top, viewport) => {
                    const uniform = windowOf(top, viewport, new UniformHeights(total, 33));
                    const fixed = rowWindow(top, viewport, 33, total);
                    const { first, last } = visibleRows(
                        new Array<number>(Math.min(total, 70000)).fill(33),
                        top,
                        viewport
                    );
                    expect(uniform.start).toBeLessThanOrEqual(first);
                    expect(uniform.end).toBeGreaterThan(last);
                    expect(Math.abs(uniform.end - fixed.end)).toBeLessThanOrEqual(1);
                }
            ),
            { numRuns: 60 }
        );
    });
});
