/*
 * Bounded edit distance for "did you mean" hints. Shared by the formula engine and the definition validator.
 * The cutoff keeps each comparison O(length × cutoff) and skips candidates whose lengths alone rule them out,
 * so a long misspelt word against a long list never costs more than a few thousand steps per candidate.
 */

/** Longest word compared at all: beyond it a suggestion would not help anyone. */
export const SUGGEST_MAX_LENGTH = 80;

/**
 * Levenshtein distance between a and b, or `max + 1` as soon as it is known to exceed `max`.
 * Only the diagonal band of width 2·max+1 is computed.
 */
export function boundedDistance(a: string, b: string, max: number): number {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    if (a === b) return 0;
    const width = b.length + 1;
    let prev = new Array<number>(width).fill(max + 1);
    let curr = new Array<number>(width).fill(max + 1);
    for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        const from = Math.max(1, i - max);
        const to = Math.min(b.length, i + max);
        curr.fill(max + 1);
        curr[0] = i <= max ? i : max + 1;
        let rowMin = curr[0];
        for (let j = from; j <= to; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            const value = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
            curr[j] = value > max ? max + 1 : value;
            if (curr[j] < rowMin) rowMin = curr[j];
        }
        if (rowMin > max) return max + 1;
        [prev, curr] = [curr, prev];
    }
    return Math.min(prev[b.length], max + 1);
}

/** How far a word of this length may be from a candidate to be suggested. */
export function suggestionLimit(length: number): number {
    return length <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(length / 3)));
}

/**
 * The closest candidate: a case-insensitive match first, else the nearest within suggestionLimit.
 * Words longer than SUGGEST_MAX_LENGTH get no suggestion.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
    if (word.length > SUGGEST_MAX_LENGTH) return undefined;
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate.length > SUGGEST_MAX_LENGTH) continue;
        const candidateLower = candidate.toLowerCase();
        if (candidateLower === lower) return candidate;
        const limit = Math.min(suggestionLimit(Math.max(word.length, candidate.length)), bestDistance - 1);
        if (limit < 1) continue;
        const d = boundedDistance(lower, candidateLower, limit);
        if (d <= limit) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}
