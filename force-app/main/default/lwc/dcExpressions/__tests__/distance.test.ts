import fc from 'fast-check';
import { boundedDistance, closestName, SUGGEST_MAX_LENGTH } from '../distance';

/** Reference Levenshtein (full matrix), to check the banded version against. */
function levenshtein(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
    }
    return d[a.length][b.length];
}

describe('boundedDistance', () => {
    it('equals Levenshtein up to the bound and max + 1 beyond it', () => {
        fc.assert(
            fc.property(
                fc.string({ maxLength: 12 }),
                fc.string({ maxLength: 12 }),
                fc.integer({ min: 0, max: 5 }),
                (a, b, max) => {
                    const exact = levenshtein(a, b);
                    expect(boundedDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
                }
            ),
            { numRuns: 2000 }
        );
    });

    it('gives known distances', () => {
        expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
        expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
        expect(boundedDistance('', 'abc', 5)).toBe(3);
        expect(boundedDistance('same', 'same', 0)).toBe(0);
    });
});

describe('closestName', () => {
    it('prefers a case-insensitive match, then the nearest name', () => {
        expect(closestName('status', ['Stats', 'Status'])).toBe('Status');
        expect(closestName('Staus', ['Name', 'Status', 'Email'])).toBe('Status');
        expect(closestName('IFF', ['IF', 'OR', 'AND'])).toBe('IF');
    });

    it('suggests nothing that is far off', () => {
        expect(closestName('Completely', ['Name', 'Email'])).toBeUndefined();
    });

    it('gives no suggestion for words past the length cutoff', () => {
        const long = 'a'.repeat(SUGGEST_MAX_LENGTH + 1);
        expect(closestName(long, [long.slice(1)])).toBeUndefined();
    });
});
