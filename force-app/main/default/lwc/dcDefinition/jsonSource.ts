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

const ESCAPES: Record<string, string> = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t'
};

class JsonReader {
    readonly offsets = new Map<string, number>();
    readonly duplicates: { path: string; offset: number }[] = [];
    i = 0;

    constructor(private readonly text: string) {}

    ws(): void {
        const text = this.text;
        while (this.i < text.length) {
            const c = text[this.i];
            if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
            else break;
        }
    }

    expect(ch: string, what: string): void {
        if (this.text[this.i] !== ch)
            throw new SyntaxProblem(`Expected ${what} but found ${describeChar(this.text, this.i)}`, this.i);
        this.i++;
    }

    string(): string {
        const text = this.text;
        const start = this.i;
        this.expect('"', 'a string');
        let out = '';
        while (this.i < text.length) {
            const c = text[this.i];
            if (c === '"') {
                this.i++;
                return out;
            }
            if (c === '\\') {
                const e = text[this.i + 1];
                if (e !== undefined && e in ESCAPES) {
                    out += ESCAPES[e];
                    this.i += 2;
                } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(this.i + 2, this.i + 6))) {
                    out += String.fromCharCode(parseInt(text.slice(this.i + 2, this.i + 6), 16));
                    this.i += 6;
                } else {
                    throw new SyntaxProblem('Invalid escape sequence in a string', this.i);
                }
            } else if (c.charCodeAt(0) < 0x20) {
                throw new SyntaxProblem(
                    c === '\n'
                        ? 'Unterminated string (a line break inside a string must be written \\n)'
                        : 'Control character in a string',
                    this.i
                );
            } else {
                out += c;
                this.i++;
            }
        }
        throw new SyntaxProblem('Unterminated string: add the closing "', start);
    }

    number(): number {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
        if (!m) throw new SyntaxProblem(`Unexpected ${describeChar(this.text, this.i)}: expected a value`, this.i);
        this.i += m[0].length;
        return Number(m[0]);
    }

    value(path: string): unknown {
        this.ws();
        if (!this.offsets.has(path)) this.offsets.set(path, this.i);
        const c = this.text[this.i];
        if (c === '{') return this.object(path);
        if (c === '[') return this.array(path);
        if (c === '"') return this.string();
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null]
        ] as const) {
            if (this.text.startsWith(word, this.i)) {
                this.i += word.length;
                return value;
            }
        }
        if (c === "'") throw new SyntaxProblem('Strings must use double quotes ("), not single quotes (\')', this.i);
        throw new SyntaxProblem(`Unexpected ${describeChar(this.text, this.i)}: expected a value`, this.i);
    }

    object(path: string): Record<string, unknown> {
        const text = this.text;
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        this.i++;
        this.ws();
        if (text[this.i] === '}') {
            this.i++;
            return out;
        }
        for (;;) {
            this.ws();
            if (text[this.i] !== '"') {
                throw new SyntaxProblem(
                    text[this.i] === '}'
                        ? 'Trailing comma before }: remove the last comma'
                        : `Expected a property name in double quotes but found ${describeChar(text, this.i)}`,
                    this.i
                );
            }
            const keyOffset = this.i;
            const key = this.string();
            const p = childPath(path, key);
            if (seen.has(key)) this.duplicates.push({ path: p, offset: keyOffset });
            seen.add(key);
            // The key's position is recorded first; value() keeps it (it only sets missing entries).
            this.offsets.set(p, keyOffset);
            this.ws();
            this.expect(':', `':' after the property name "${key}"`);
            out[key] = this.value(p);
            this.ws();
            if (text[this.i] === ',') {
                this.i++;
                continue;
            }
            if (text[this.i] === '}') {
                this.i++;
                return out;
            }
            throw new SyntaxProblem(
                `Expected ',' or '}' after a property value but found ${describeChar(text, this.i)}`,
                this.i
            );
        }
    }

    array(path: string): unknown[] {
        const text = this.text;
        const out: unknown[] = [];
        this.i++;
        this.ws();
        if (text[this.i] === ']') {
            this.i++;
            return out;
        }
        for (;;) {
            this.ws();
            if (text[this.i] === ']') throw new SyntaxProblem('Trailing comma before ]: remove the last comma', this.i);
            out.push(this.value(childPath(path, out.length)));
            this.ws();
            if (text[this.i] === ',') {
                this.i++;
                continue;
            }
            if (text[this.i] === ']') {
                this.i++;
                return out;
            }
            throw new SyntaxProblem(
                `Expected ',' or ']' after an array item but found ${describeChar(text, this.i)}`,
                this.i
            );
        }
    }
}

/** Parses JSON text; never throws. */
export function parseJsonWithPositions(text: string): ParsedJson {
    const reader = new JsonReader(text);
    const toPositions = (): Map<string, SourcePosition> => {
        const m = new Map<string, SourcePosition>();
        for (const [p, o] of reader.offsets) m.set(p, positionAt(text, o));
        return m;
    };
    try {
        if (text.charCodeAt(0) === 0xfeff) reader.i = 1;
        reader.ws();
        if (reader.i >= text.length)
            throw new SyntaxProblem('The text is empty: a definition is a JSON object { ... }', reader.i);
        const value = reader.value('');
        reader.ws();
        if (reader.i < text.length) {
            throw new SyntaxProblem(
                `Unexpected ${describeChar(text, reader.i)} after the end of the JSON value`,
                reader.i
            );
        }
        return {
            value,
            positions: toPositions(),
            duplicateKeys: reader.duplicates.map((d) => ({ path: d.path, position: positionAt(text, d.offset) }))
        };
    } catch (e) {
        /* c8 ignore next -- only SyntaxProblem is thrown by the reader */
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
