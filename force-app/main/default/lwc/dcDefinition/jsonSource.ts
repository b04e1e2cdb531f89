/*
 * A small strict JSON parser that remembers where every value sits in the text, so a problem found at a JSON
 * path (queries[0].fields[2]) can be shown at its line and column, and a syntax error is reported with its
 * position in every JavaScript engine (JSON.parse messages differ between browsers and Node versions).
 * It also reports duplicate keys, which JSON.parse silently collapses.
 */

export interface SourcePosition {
    /** 0-based character offset. */
    offset: number;
    /** 1-based line. */
    line: number;
    /** 1-based column. */
    column: number;
}

export interface JsonSyntaxError extends SourcePosition {
    message: string;
}

export interface ParsedJson {
    value?: unknown;
    /** JSON path → position of the property key (object members) or of the value (array items, root ''). */
    positions: Map<string, SourcePosition>;
    error?: JsonSyntaxError;
    /** Keys that appear twice in one object (the later value wins, as in JSON.parse). */
    duplicateKeys: { path: string; position: SourcePosition }[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Path of a child: `parent.key`, `parent["odd key"]` or `parent[3]`; the root path is ''. */
export function childPath(parent: string, key: string | number): string {
    if (typeof key === 'number') return `${parent}[${key}]`;
    if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
    return parent ? `${parent}.${key}` : key;
}

class SyntaxProblem extends Error {
    constructor(
        message: string,
        readonly offset: number
    ) {
        super(message);
    }
}

/** Line/column of a character offset. */
export function positionAt(text: string, offset: number): SourcePosition {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(offset, text.length);
    for (let i = 0; i < end; i++) {
        if (text.charCodeAt(i) === 10) {
            line++;
            lineStart = i + 1;
        }
    }
    return { offset, line, column: end - lineStart + 1 };
}

function describeChar(text: string, at: number): string {
    if (at >= text.length) return 'the end of the text';
    return `'${text[at]}'`;
}

/** Parses JSON text; never throws. */
export function parseJsonWithPositions(text: string): ParsedJson {
    const offsets = new Map<string, number>();
    const duplicates: { path: string; offset: number }[] = [];
    let i = 0;

    const ws = (): void => {
        while (i < text.length) {
            const c = text[i];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
            else break;
        }
    };
    const expect = (ch: string, what: string): void => {
        if (text[i] !== ch) throw new SyntaxProblem(`Expected ${what} but found ${describeChar(text, i)}`, i);
        i++;
    };

    const parseString = (): string => {
        const start = i;
        expect('"', 'a string');
        let out = '';
        while (i < text.length) {
            const c = text[i];
            if (c === '"') {
                i++;
                return out;
            }
            if (c === '\\') {
                const e = text[i + 1];
                const simple: Record<string, string> = {
                    '"': '"',
                    '\\': '\\',
                    '/': '/',
                    b: '\b',
                    f: '\f',
                    n: '\n',
                    r: '\r',
                    t: '\t'
                };
                if (e !== undefined && e in simple) {
                    out += simple[e];
                    i += 2;
                } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
                    out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
                    i += 6;
                } else {
                    throw new SyntaxProblem('Invalid escape sequence in a string', i);
                }
            } else if (c.charCodeAt(0) < 0x20) {
                throw new SyntaxProblem(
                    c === '\n' ? 'Unterminated string (a line break inside a string must be written \\n)' : 'Control character in a string',
                    i
                );
            } else {
                out += c;
                i++;
            }
        }
        throw new SyntaxProblem('Unterminated string: add the closing "', start);
    };

    const parseNumber = (): number => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!m) throw new SyntaxProblem(`Unexpected ${describeChar(text, i)}: expected a value`, i);
        i += m[0].length;
        return Number(m[0]);
    };

    const parseValue = (path: string): unknown => {
        ws();
        if (!offsets.has(path)) offsets.set(path, i);
        const c = text[i];
        if (c === '{') return parseObject(path);
        if (c === '[') return parseArray(path);
        if (c === '"') return parseString();
        if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null]
        ] as const) {
            if (text.startsWith(word, i)) {
                i += word.length;
                return value;
            }
        }
        if (c === "'") throw new SyntaxProblem("Strings must use double quotes (\"), not single quotes (')", i);
        throw new SyntaxProblem(`Unexpected ${describeChar(text, i)}: expected a value`, i);
    };

    const parseObject = (path: string): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        i++;
        ws();
        if (text[i] === '}') {
            i++;
            return out;
        }
        for (;;) {
            ws();
            if (text[i] !== '"') {
                throw new SyntaxProblem(
                    text[i] === '}'
                        ? 'Trailing comma before }: remove the last comma'
                        : `Expected a property name in double quotes but found ${describeChar(text, i)}`,
                    i
                );
            }
            const keyOffset = i;
            const key = parseString();
            const p = childPath(path, key);
            if (seen.has(key)) duplicates.push({ path: p, offset: keyOffset });
            seen.add(key);
            offsets.set(p, keyOffset);
            ws();
            expect(':', `':' after the property name "${key}"`);
            // Record the key position first; parseValue keeps it (it only sets missing entries).
            out[key] = parseValue(p);
            ws();
            if (text[i] === ',') {
                i++;
                continue;
            }
            if (text[i] === '}') {
                i++;
                return out;
            }
            throw new SyntaxProblem(`Expected ',' or '}' after a property value but found ${describeChar(text, i)}`, i);
        }
    };

    const parseArray = (path: string): unknown[] => {
        const out: unknown[] = [];
        i++;
        ws();
        if (text[i] === ']') {
            i++;
            return out;
        }
        for (;;) {
            ws();
            if (text[i] === ']') throw new SyntaxProblem('Trailing comma before ]: remove the last comma', i);
            out.push(parseValue(childPath(path, out.length)));
            ws();
            if (text[i] === ',') {
                i++;
                continue;
            }
            if (text[i] === ']') {
                i++;
                return out;
            }
            throw new SyntaxProblem(`Expected ',' or ']' after an array item but found ${describeChar(text, i)}`, i);
        }
    };

    const toPositions = (): Map<string, SourcePosition> => {
        const m = new Map<string, SourcePosition>();
        for (const [p, o] of offsets) m.set(p, positionAt(text, o));
        return m;
    };

    try {
        if (text.charCodeAt(0) === 0xfeff) i = 1;
        ws();
        if (i >= text.length) throw new SyntaxProblem('The text is empty: a definition is a JSON object { ... }', i);
        const value = parseValue('');
        ws();
        if (i < text.length) throw new SyntaxProblem(`Unexpected ${describeChar(text, i)} after the end of the JSON value`, i);
        return {
            value,
            positions: toPositions(),
            duplicateKeys: duplicates.map((d) => ({ path: d.path, position: positionAt(text, d.offset) }))
        };
    } catch (e) {
        if (!(e instanceof SyntaxProblem)) throw e;
        return {
            positions: toPositions(),
            error: { message: e.message, ...positionAt(text, e.offset) },
            duplicateKeys: []
        };
    }
}

/**
 * Position of the nearest located ancestor of `path` (a problem about a missing property points at its
 * parent object).
 */
export function locate(positions: Map<string, SourcePosition>, path: string): SourcePosition | undefined {
    let p = path;
    for (;;) {
        const hit = positions.get(p);
        if (hit) return hit;
        if (!p) return undefined;
        const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        p = cut > 0 ? p.slice(0, cut) : '';
    }
}
