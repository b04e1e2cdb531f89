import { closestName } from 'c/dcExpressions';

/** The closest candidate (case-insensitive equality first, then a small bounded edit distance), if any is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
    return closestName(word, candidates);
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
