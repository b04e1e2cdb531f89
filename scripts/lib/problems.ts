/** One finding of a check, printed as `file:line: message` (paths relative to the checked project). */
export interface Problem {
    file: string;
    line?: number;
    message: string;
}

export function formatProblem(p: Problem): string {
    return `${p.file}:${p.line ?? 1}: ${p.message}`;
}

/** 1-based line number of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}

/** 1-based line of the first occurrence of `needle` (or 1 when absent). */
export function lineOfText(text: string, needle: string, from = 0): number {
    const at = text.indexOf(needle, from);
    return at < 0 ? 1 : lineOf(text, at);
}
