/** Levenshtein distance (small strings only). */
export function editDistance(a: string, b: string): number {
    const prev = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}

/** The closest candidate (case-insensitive equality first, then small edit distance), if any is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestScore = Infinity;
    for (const c of candidates) {
        const cl = c.toLowerCase();
        if (cl === lower) return c;
        const d = editDistance(lower, cl);
        const len = Math.max(word.length, c.length);
        const limit = len <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(len / 3)));
        if (d <= limit && d < bestScore) {
            best = c;
            bestScore = d;
        }
    }
    return best;
}

/** " Did you mean 'X'?" or ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
    const c = closest(word, candidates);
    return c !== undefined && c !== word ? ` Did you mean '${c}'?` : '';
}

/** 'a', 'b' or 'c' */
export function listOf(values: readonly string[], conjunction = 'or'): string {
    const q = values.map((v) => `'${v}'`);
    if (q.length <= 1) return q.join('');
    return `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}

/** Ends a message with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
    return /[.?!]$/.test(text) ? text : `${text}.`;
}
