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
    /** Work done: loop turns of the reader (the fuzz tests bound it by the text's length). */
    steps?: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Path of a child: `parent.key`, `parent["odd key"]` or `parent[3]`; the root path is ''. */
export function childPath(parent: string, key: string | number): string {
    if (typeof key === 'number') return `${parent}[${key}]`;
    if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
    return parent ? `${parent}.${key}` : key;
}

/** Deepest nesting of objects and lists the reader accepts (a definition needs about 15 levels). */
export const MAX_NESTING = 100;

class SyntaxProblem extends Error {
    constructor(
        message: string,
        readonly offset: number
    ) {
        super(message);
    }
}

/** Offsets where each line starts, for positions in O(log n) each (one pass over the text). */
function lineStarts(text: string): number[] {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
}

function positionIn(starts: number[], text: string, offset: number): SourcePosition {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= at) lo = mid;
        else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: at - starts[lo] + 1 };
}

/** Line/column of a character offset. */
export function positionAt(text: string, offset: number): SourcePosition {
    return positionIn(lineStarts(text), text, offset);
}

function describeChar(text: string, at: number): string {
    if (at >= text.length) return 'the end of the text';
    return `'${text[at]}'`;
}

const ESCAPES = new Map<string, string>([
    ['"', '"'],
    ['\\', '\\'],
    ['/', '/'],
    ['b', '\b'],
    ['f', '\f'],
    ['n', '\n'],
    ['r', '\r'],
    ['t', '\t']
]);

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
/** A run of string characters that need no attention (no quote, backslash or control character). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what a string may not hold
const PLAIN = /[^"\\\u0000-\u001f]+/y;

/**
 * Sets a member of a parsed object as an own data property. Plain assignment of the key "__proto__" would set
 * the object's prototype; defineProperty never does (JSON.parse behaves the same way). The validator then
 * reports the reserved key.
 */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
    if (key === '__proto__') {
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
        target[key] = value;
    }
}

/** An open object or list while reading: the reader keeps its own stack, so nesting never uses the call stack. */
interface Frame {
    path: string;
    object?: Record<string, unknown>;
    list?: unknown[];
    seen?: Set<string>;
    /** The member whose value is being read (objects). */
    key?: string;
    keyPath?: string;
}

class JsonReader {
    readonly offsets = new Map<string, number>();
    readonly duplicates: { path: string; offset: number }[] = [];
    i = 0;
    steps = 0;

    constructor(private readonly text: string) {}

    ws(): void {
        const text = this.text;
        while (this.i < text.length) {
            const c = text.charCodeAt(this.i);
            if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
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
        const parts: string[] = [];
        while (this.i < text.length) {
            this.steps++;
            PLAIN.lastIndex = this.i;
            if (PLAIN.test(text)) {
                parts.push(text.slice(this.i, PLAIN.lastIndex));
                this.i = PLAIN.lastIndex;
                continue;
            }
            const c = text[this.i];
            if (c === '"') {
                this.i++;
                return parts.join('');
            }
            if (c === '\\') {
                const e = text[this.i + 1];
                HEX4.lastIndex = this.i + 2;
                const escaped = e === undefined ? undefined : ESCAPES.get(e);
                if (escaped !== undefined) {
                    parts.push(escaped);
                    this.i += 2;
                } else if (e === 'u' && HEX4.test(text)) {
                    parts.push(String.fromCharCode(parseInt(text.slice(this.i + 2, this.i + 6), 16)));
                    this.i += 6;
                } else {
                    throw new SyntaxProblem('Invalid escape sequence in a string', this.i);
                }
            } else {
                throw new SyntaxProblem(
                    c === '\n'
                        ? 'Unterminated string (a line break inside a string must be written \\n)'
                        : 'Control character in a string',
                    this.i
                );
            }
        }
        throw new SyntaxProblem('Unterminated string: add the closing "', start);
    }

    number(): number {
        NUMBER.lastIndex = this.i;
        const m = NUMBER.exec(this.text);
        if (!m) throw new SyntaxProblem(`Unexpected ${describeChar(this.text, this.i)}: expected a value`, this.i);
        this.i += m[0].length;
        return Number(m[0]);
    }

    /** A scalar at the current position, or undefined after opening an object or list (pushed on `stack`). */
    valueStart(path: string, stack: Frame[]): { value: unknown } | undefined {
        this.ws();
        if (!this.offsets.has(path)) this.offsets.set(path, this.i);
        const c = this.text[this.i];
        if (c === '{' || c === '[') {
            if (stack.length >= MAX_NESTING) {
                throw new SyntaxProblem(
                    `The JSON is nested more than ${MAX_NESTING} levels deep (objects and lists inside each other); a definition needs far fewer: flatten it`,
                    this.i
                );
            }
            this.i++;
            stack.push(c === '{' ? { path, object: {}, seen: new Set() } : { path, list: [] });
            return undefined;
        }
        if (c === '"') return { value: this.string() };
        if (c === '-' || (c >= '0' && c <= '9')) return { value: this.number() };
        for (const [word, value] of [
            ['true', true],
            ['false', false],
            ['null', null]
        ] as const) {
            if (this.text.startsWith(word, this.i)) {
                this.i += word.length;
                return { value };
            }
        }
        if (c === "'") throw new SyntaxProblem('Strings must use double quotes ("), not single quotes (\')', this.i);
        throw new SyntaxProblem(`Unexpected ${describeChar(this.text, this.i)}: expected a value`, this.i);
    }

    /** Reads the next member key of the object on top (after '{' or ','); returns the member's value path. */
    memberKey(frame: Frame): string {
        const text = this.text;
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
        const p = childPath(frame.path, key);
        if (frame.seen!.has(key)) this.duplicates.push({ path: p, offset: keyOffset });
        frame.seen!.add(key);
        // The key's position is recorded first; valueStart() keeps it (it only sets missing entries).
        this.offsets.set(p, keyOffset);
        this.ws();
        this.expect(':', `':' after the property name "${key}"`);
        frame.key = key;
        frame.keyPath = p;
        return p;
    }

    /** Reads a whole JSON value with an explicit stack (no recursion, so no depth limit but MAX_NESTING). */
    value(rootPath: string): unknown {
        const text = this.text;
        const stack: Frame[] = [];
        let done = this.valueStart(rootPath, stack);
        for (;;) {
            this.steps++;
            if (done === undefined) {
                // A container was just opened: empty, or read its first member / item.
                const top = stack[stack.length - 1];
                this.ws();
                const close = top.object ? '}' : ']';
                if (text[this.i] === close) {
                    this.i++;
                    stack.pop();
                    done = { value: top.object ?? top.list };
                    continue;
                }
                if (top.object) {
                    done = this.valueStart(this.memberKey(top), stack);
                } else {
                    done = this.valueStart(childPath(top.path, 0), stack);
                }
                continue;
            }
            // A value is complete: store it in its parent, then read ',' or the parent's end.
            const parent = stack[stack.length - 1];
            if (!parent) return done.value;
            if (parent.object) setMember(parent.object, parent.key!, done.value);
            else parent.list!.push(done.value);
            this.ws();
            const close = parent.object ? '}' : ']';
            if (text[this.i] === ',') {
                this.i++;
                if (parent.object) {
                    done = this.valueStart(this.memberKey(parent), stack);
                } else {
                    this.ws();
                    if (text[this.i] === ']')
                        throw new SyntaxProblem('Trailing comma before ]: remove the last comma', this.i);
                    done = this.valueStart(childPath(parent.path, parent.list!.length), stack);
                }
                continue;
            }
            if (text[this.i] === close) {
                this.i++;
                stack.pop();
                done = { value: parent.object ?? parent.list };
                continue;
            }
            throw new SyntaxProblem(
                parent.object
                    ? `Expected ',' or '}' after a property value but found ${describeChar(text, this.i)}`
                    : `Expected ',' or ']' after an array item but found ${describeChar(text, this.i)}`,
                this.i
            );
        }
    }
}

/** Parses JSON text; never throws. Positions take one pass over the text plus O(log lines) per value. */
export function parseJsonWithPositions(text: string): ParsedJson {
    if (typeof text !== 'string') {
        return {
            positions: new Map(),
            error: {
                message: 'The text is empty: a definition is a JSON object { ... }',
                offset: 0,
                line: 1,
                column: 1
            },
            duplicateKeys: []
        };
    }
    const reader = new JsonReader(text);
    let starts: number[] | undefined;
    const at = (offset: number): SourcePosition => positionIn((starts ??= lineStarts(text)), text, offset);
    const toPositions = (): Map<string, SourcePosition> => {
        const m = new Map<string, SourcePosition>();
        for (const [p, o] of reader.offsets) m.set(p, at(o));
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
            duplicateKeys: reader.duplicates.map((d) => ({ path: d.path, position: at(d.offset) })),
            steps: reader.steps
        };
    } catch (e) {
        // Only SyntaxProblem is expected; anything else (e.g. out of memory on a huge text) is still a problem,
        // never an exception, so loading a definition always ends in the component or an error card.
        const offset = e instanceof SyntaxProblem ? e.offset : reader.i;
        const message = e instanceof SyntaxProblem ? e.message : `The text could not be read (${String(e)})`;
        return {
            positions: toPositions(),
            error: { message, ...at(offset) },
            duplicateKeys: [],
            steps: reader.steps
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
