/*
 * Tokenizer and recursive-descent parser for formulas and merge-field templates.
 * Never throws: every failure becomes { ok: false, error: { message, position, hint } }.
 *
 * Grammar (lowest to highest precedence):
 *   or        := and ( '||' and )*
 *   and       := equality ( '&&' equality )*
 *   equality  := relation ( ('=' | '==' | '!=' | '<>') relation )*
 *   relation  := concat ( ('<' | '>' | '<=' | '>=') concat )*
 *   concat    := additive ( '&' additive )*
 *   additive  := term ( ('+' | '-') term )*
 *   term      := power ( ('*' | '/') power )*
 *   power     := unary ( '^' unary )*
 *   unary     := ('-' | '!') unary | primary
 *   primary   := NUMBER | STRING | TRUE | FALSE | NULL | MERGE_FIELD | NAME '(' args? ')' | '(' or ')'
 *
 * Limits (each a parse problem, never a crash): at most MAX_FORMULA_LENGTH (3,900) characters, Salesforce's own
 * formula limit; at most MAX_DEPTH (100) levels of parentheses, function calls and unary operators. Operator
 * chains are parsed by loops, and every later pass (printer, evaluator, type checker) is iterative, so a long
 * chain such as 1 + 1 + … + 1 never overflows the stack. Numbers are plain decimals (no exponent notation, as in
 * Salesforce) and must be finite. One leading `=` is ignored (the marker of inline formulas).
 */
import type { Ast, BinaryOperator, LiteralNode, MergeFieldNode, ParseError, ParseResult } from './ast';
import { FUNCTIONS, functionSignature, suggestName } from './functions';
import { childrenOf } from './walk';

type TokenKind = 'number' | 'string' | 'mergeField' | 'name' | 'operator' | '(' | ')' | ',' | 'eof';

interface Token {
    kind: TokenKind;
    /** Source text of the token (operators, names) or decoded value (strings). */
    text: string;
    position: number;
    end: number;
    value?: number;
    path?: string[];
}

/** Deepest nesting of parentheses, function calls and unary operators. */
export const MAX_DEPTH = 100;
/** Longest formula, in characters (Salesforce's formula size limit). */
export const MAX_FORMULA_LENGTH = 3900;
const FIRST_SEGMENT = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATORS = ['&&', '||', '==', '!=', '<>', '<=', '>=', '=', '<', '>', '&', '+', '-', '*', '/', '^', '!'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r' };

class SyntaxFailure {
    constructor(readonly error: ParseError) {}
}

function fail(base: string, position: number, hint?: string): never {
    const message = `${base} at position ${position}${hint ? ` — ${hint}` : ''}`;
    throw new SyntaxFailure(hint ? { message, position, hint } : { message, position });
}

function describe(token: Token): string {
    if (token.kind === 'eof') return 'end of formula';
    if (token.kind === 'string') return 'text literal';
    if (token.kind === 'mergeField') return `merge field {!${token.path!.join('.')}}`;
    return `'${token.text}'`;
}

/**
 * Parses the inside of `{!…}`: dotted names, the first may start with `$`.
 * `start` is the offset of the first character after `{!`.
 */
function parsePath(inner: string, start: number): string[] {
    const trimmedStart = inner.length - inner.trimStart().length;
    const trimmed = inner.trim();
    if (trimmed === '') {
        fail('Empty merge field', start - 2, 'write a resource or component name, e.g. {!updatedCount}');
    }
    const segments = trimmed.split('.');
    let offset = start + trimmedStart;
    segments.forEach((segment, index) => {
        const pattern = index === 0 ? FIRST_SEGMENT : SEGMENT;
        if (!pattern.test(segment)) {
            fail(
                segment === '' ? 'Empty name in merge field' : `Invalid name '${segment}' in merge field`,
                offset,
                'merge fields are names separated by dots, e.g. {!contactsTable.FirstSelectedRow.Name}'
            );
        }
        offset += segment.length + 1;
    });
    return segments;
}

/** Reads `{!path}` starting at `position` (which points at `{`). Returns the path and the offset after `}`. */
function readMergeField(source: string, position: number): { path: string[]; end: number } {
    const close = source.indexOf('}', position + 2);
    const nextOpen = source.indexOf('{!', position + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        fail('Unterminated merge field', position, "close it with '}'");
    }
    return { path: parsePath(source.slice(position + 2, close), position + 2), end: close + 1 };
}

function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < source.length) {
        const ch = source[i];
        if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
            i++;
            continue;
        }
        const start = i;
        if (ch >= '0' && ch <= '9') {
            const match = /^\d+(\.\d+)?/.exec(source.slice(i, i + 400))!;
            i += match[0].length;
            if (/[eE]/.test(source[i] ?? '') && /^[eE][+-]?\d/.test(source.slice(i, i + 3))) {
                fail(
                    `Exponent notation '${source.slice(start, i + 1)}…' is not supported`,
                    start,
                    'write the number in full, e.g. 100000 instead of 1e5'
                );
            }
            const value = Number(match[0]);
            if (/[0-9]/.test(source[i] ?? '') || !Number.isFinite(value)) {
                fail('Number is too large', start, 'a number in a formula has at most 308 digits before the point');
            }
            if (source[i] === '.' || /[A-Za-z_]/.test(source[i] ?? '')) {
                fail(`Invalid number '${source.slice(start, i + 1)}'`, start);
            }
            tokens.push({ kind: 'number', text: match[0], position: start, end: i, value });
            continue;
        }
        if (ch === '"' || ch === "'") {
            let value = '';
            i++;
            for (;;) {
                if (i >= source.length) {
                    fail('Unterminated text literal', start, `close it with ${ch}`);
                }
                const c = source[i];
                if (c === ch) {
                    i++;
                    break;
                }
                if (c === '\\' && i + 1 < source.length) {
                    const next = source[i + 1];
                    value += ESCAPES[next] ?? next;
                    i += 2;
                    continue;
                }
                value += c;
                i++;
            }
            tokens.push({ kind: 'string', text: value, position: start, end: i });
            continue;
        }
        if (ch === '{') {
            if (source[i + 1] !== '!') {
                fail("Unexpected '{'", start, 'merge fields are written {!name}');
            }
            const field = readMergeField(source, i);
            i = field.end;
            tokens.push({
                kind: 'mergeField',
                text: source.slice(start, i),
                position: start,
                end: i,
                path: field.path
            });
            continue;
        }
        if (/[A-Za-z_$]/.test(ch)) {
            const match = /^[A-Za-z_$][A-Za-z0-9_.$]*/.exec(source.slice(i))!;
            i += match[0].length;
            tokens.push({ kind: 'name', text: match[0], position: start, end: i });
            continue;
        }
        if (ch === '(' || ch === ')' || ch === ',') {
            i++;
            tokens.push({ kind: ch, text: ch, position: start, end: i });
            continue;
        }
        let operator: string | undefined;
        for (const candidate of OPERATORS) {
            if (source.startsWith(candidate, start)) {
                operator = candidate;
                break;
            }
        }
        if (!operator) {
            fail(`Unexpected character '${ch}'`, start);
        }
        i += operator.length;
        tokens.push({ kind: 'operator', text: operator, position: start, end: i });
    }
    tokens.push({ kind: 'eof', text: '', position: source.length, end: source.length });
    return tokens;
}

const LEVELS: { operators: string[]; normalise?: Record<string, BinaryOperator> }[] = [
    { operators: ['||'] },
    { operators: ['&&'] },
    { operators: ['=', '==', '!=', '<>'], normalise: { '==': '=', '<>': '!=' } },
    { operators: ['<', '>', '<=', '>='] },
    { operators: ['&'] },
    { operators: ['+', '-'] },
    { operators: ['*', '/'] },
    { operators: ['^'] }
];

class Parser {
    private index = 0;
    private depth = 0;

    constructor(private readonly tokens: Token[]) {}

    parse(): Ast {
        if (this.peek().kind === 'eof') {
            fail('Empty formula', 0, 'write a value, a merge field such as {!name}, or a function call');
        }
        const ast = this.binary(0);
        const next = this.peek();
        if (next.kind !== 'eof') {
            const hint =
                next.kind === ')'
                    ? "there is a ')' without a matching '('"
                    : 'did you forget an operator such as &, + or = between the two values?';
            fail(`Unexpected ${describe(next)}`, next.position, hint);
        }
        return ast;
    }

    private peek(): Token {
        return this.tokens[this.index];
    }

    private next(): Token {
        return this.tokens[this.index++];
    }

    private binary(level: number): Ast {
        if (level === LEVELS.length) {
            return this.unary();
        }
        const { operators, normalise } = LEVELS[level];
        let left = this.binary(level + 1);
        for (;;) {
            const token = this.peek();
            if (token.kind !== 'operator' || !operators.includes(token.text)) {
                return left;
            }
            this.next();
            const right = this.binary(level + 1);
            const operator = (normalise?.[token.text] ?? token.text) as BinaryOperator;
            left = { type: 'binary', operator, left, right };
        }
    }

    private unary(): Ast {
        const token = this.peek();
        if (token.kind === 'operator' && (token.text === '-' || token.text === '!')) {
            this.next();
            this.enter(token);
            const operand = this.unary();
            this.depth--;
            return { type: 'unary', operator: token.text, operand };
        }
        return this.primary();
    }

    private enter(token: Token): void {
        if (++this.depth > MAX_DEPTH) {
            fail('Formula is nested too deeply', token.position, `use at most ${MAX_DEPTH} levels of nesting`);
        }
    }

    private primary(): Ast {
        const token = this.next();
        switch (token.kind) {
            case 'number':
                return { type: 'literal', value: token.value! };
            case 'string':
                return { type: 'literal', value: token.text };
            case 'mergeField':
                return { type: 'mergeField', path: token.path! };
            case 'name':
                return this.name(token);
            case '(': {
                this.enter(token);
                const inner = this.binary(0);
                this.depth--;
                this.expect(')', token);
                return inner;
            }
            default:
                return this.unexpected(token);
        }
    }

    private unexpected(token: Token): never {
        const before = this.tokens[this.index - 2];
        if (token.kind === 'eof') {
            fail('Unexpected end of formula', token.position, 'a value is missing after the last operator');
        }
        if (token.kind === ')' || token.kind === ',') {
            const hint =
                before && (before.kind === '(' || before.kind === ',')
                    ? 'did you forget an argument?'
                    : 'a value is missing before it';
            fail(`Unexpected '${token.text}'`, token.position, hint);
        }
        fail(`Unexpected ${describe(token)}`, token.position, 'a value, merge field or function call was expected');
    }

    private name(token: Token): Ast {
        const upper = token.text.toUpperCase();
        if (this.peek().kind !== '(') {
            if (upper === 'TRUE' || upper === 'FALSE') return { type: 'literal', value: upper === 'TRUE' };
            if (upper === 'NULL') return { type: 'literal', value: null };
            if (FUNCTIONS[upper]) {
                fail(`Function ${upper} needs parentheses`, token.end, `write ${functionSignature(upper)}`);
            }
            fail(
                `Unknown name '${token.text}'`,
                token.position,
                `merge fields are written {!${token.text}}; text literals are quoted: "${token.text}"`
            );
        }
        const spec = FUNCTIONS[upper];
        if (!spec) {
            const suggestion = suggestName(upper, Object.keys(FUNCTIONS));
            fail(
                `Unknown function '${token.text}'`,
                token.position,
                suggestion
                    ? `did you mean ${suggestion}?`
                    : `available functions: ${Object.keys(FUNCTIONS).sort().join(', ')}`
            );
        }
        const open = this.next();
        this.enter(open);
        const args: Ast[] = [];
        if (this.peek().kind !== ')') {
            for (;;) {
                args.push(this.binary(0));
                if (this.peek().kind !== ',') break;
                this.next();
            }
        }
        this.depth--;
        this.expect(')', open, true);
        if (args.length < spec.min || args.length > spec.max) {
            const expected =
                spec.min === spec.max
                    ? `${spec.min} argument${spec.min === 1 ? '' : 's'}`
                    : spec.max === Infinity
                      ? `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`
                      : `${spec.min} to ${spec.max} arguments`;
            fail(
                `${upper} expects ${expected} but got ${args.length}`,
                token.position,
                `write ${functionSignature(upper)}`
            );
        }
        const arityProblem = spec.arity?.(args.length);
        if (arityProblem) {
            fail(arityProblem, token.position, `write ${functionSignature(upper)}`);
        }
        return { type: 'call', name: upper, args };
    }

    private expect(kind: ')', opener: Token, inCall = false): void {
        const token = this.peek();
        if (token.kind === kind) {
            this.next();
            return;
        }
        if (token.kind === 'eof') {
            fail(
                "Missing ')'",
                token.position,
                `did you forget a closing ')' for the '(' at position ${opener.position}?`
            );
        }
        fail(
            `Unexpected ${describe(token)}`,
            token.position,
            inCall ? "expected ',' or ')' — did you forget a comma or an operator?" : "expected ')'"
        );
    }
}

/** Unique merge-field paths of an AST, dotted, in first-use order (iterative: any chain length). */
export function collectReferences(ast: Ast): string[] {
    const seen = new Set<string>();
    const stack: Ast[] = [ast];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === 'mergeField') {
            seen.add(node.path.join('.'));
            continue;
        }
        const children = childrenOf(node);
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return [...seen];
}

function guard(source: unknown, run: (text: string) => Ast): ParseResult {
    if (typeof source !== 'string') {
        return { ok: false, error: { message: 'Formula must be text at position 0', position: 0 } };
    }
    try {
        const ast = run(source);
        return { ok: true, ast, references: collectReferences(ast) };
    } catch (e) {
        if (e instanceof SyntaxFailure) {
            return { ok: false, error: e.error };
        }
        /* c8 ignore next 2 -- defensive: the parser reports every failure as a SyntaxFailure */
        const message = e instanceof Error ? e.message : String(e);
        return { ok: false, error: { message: `Could not parse formula: ${message} at position 0`, position: 0 } };
    }
}

/**
 * Parses a formula such as `IF({!count} > 1, "many", "one")`. Never throws. One leading `=` (the inline-formula
 * marker, "=TODAY()") is ignored; positions still count it.
 */
export function parseFormula(source: string): ParseResult {
    return guard(source, (text) => {
        if (text.length > MAX_FORMULA_LENGTH) {
            fail(
                `Formula is ${text.length} characters long`,
                MAX_FORMULA_LENGTH,
                `formulas may have at most ${MAX_FORMULA_LENGTH} characters; split it into several formula resources`
            );
        }
        const lead = text.length - text.trimStart().length;
        const body = text[lead] === '=' ? `${text.slice(0, lead)} ${text.slice(lead + 1)}` : text;
        return new Parser(tokenize(body)).parse();
    });
}

/** Parses text with embedded merge fields, e.g. "{!n} contacts set to Active". Never throws. */
export function parseTemplate(text: string): ParseResult {
    return guard(text, (source) => {
        const parts: (LiteralNode | MergeFieldNode)[] = [];
        let i = 0;
        while (i < source.length) {
            const open = source.indexOf('{!', i);
            if (open < 0) {
                parts.push({ type: 'literal', value: source.slice(i) });
                break;
            }
            if (open > i) {
                parts.push({ type: 'literal', value: source.slice(i, open) });
            }
            const field = readMergeField(source, open);
            parts.push({ type: 'mergeField', path: field.path });
            i = field.end;
        }
        return { type: 'template', parts };
    });
}

/** Path of a string that is exactly one merge field ("{!a.b}" → ['a','b']), else null. */
export function singleMergeField(text: string): string[] | null {
    if (!text.startsWith('{!') || !text.endsWith('}') || text.indexOf('}') !== text.length - 1) {
        return null;
    }
    try {
        return parsePath(text.slice(2, -1), 2);
    } catch {
        return null;
    }
}
