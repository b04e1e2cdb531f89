/*
 * c/dcExpressions — the expression engine of Dynamic Components.
 *
 * - Merge fields: {!resource}, {!component.Property.Field}, {!$Record.Field}, {!$User.FirstName}, {!$Error.message}.
 * - Formulas: literals ("text", 'text', 12.5, TRUE, FALSE, NULL), `&` concatenation, + - * / with precedence,
 *   comparisons (= == != <> < > <= >=), && || !, and the functions in FUNCTIONS (IF, AND, OR, NOT, ISBLANK,
 *   BLANKVALUE, TEXT, VALUE, LEN, CONTAINS, UPPER, LOWER, TRIM, ROUND, TODAY, NOW; names are case-insensitive).
 * - Own tokenizer and recursive-descent parser; evaluation walks the AST. No eval, no Function.
 *
 * Plain TypeScript: runs in the LWC runtime, in Node scripts and in the browser preview.
 */
import type { Ast, ParseResult, ResolveOptions, Scope } from './ast';
import { evaluate } from './evaluator';
import { parseFormula, parseTemplate, singleMergeField } from './parser';

export { FormulaError } from './ast';
export type {
    Ast,
    BinaryNode,
    BinaryOperator,
    CallNode,
    EvaluateOptions,
    LiteralNode,
    LiteralValue,
    MergeFieldNode,
    ParseError,
    ParseResult,
    ResolveOptions,
    Scope,
    TemplateNode,
    UnaryNode,
    UnaryOperator
} from './ast';
export { evaluate, valuesEqual } from './evaluator';
export { FUNCTIONS, functionSignature, isBlank, suggestName, toText } from './functions';
export type { FunctionSpec } from './functions';
export { collectReferences, parseFormula, parseTemplate, singleMergeField } from './parser';
export { printFormula } from './printer';

const CACHE_LIMIT = 1000;
const formulaCache = new Map<string, ParseResult>();
const templateCache = new Map<string, ParseResult>();

function cached(cache: Map<string, ParseResult>, text: string, parse: (text: string) => ParseResult): ParseResult {
    let result = cache.get(text);
    if (!result) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        result = parse(text);
        cache.set(text, result);
    }
    return result;
}

/** parseFormula with a bounded memo (definitions reuse the same few sources on every dispatch). */
export function parseFormulaCached(source: string): ParseResult {
    return cached(formulaCache, source, parseFormula);
}

/** parseTemplate with a bounded memo. */
export function parseTemplateCached(text: string): ParseResult {
    return cached(templateCache, text, parseTemplate);
}

/** True when the text contains at least one `{!`. */
export function hasMergeFields(text: string): boolean {
    return text.includes('{!');
}

/** Error thrown by resolveValue when a value cannot be parsed. */
export class ExpressionSyntaxError extends Error {
    readonly position: number;
    readonly hint?: string;
    constructor(source: string, error: { message: string; position: number; hint?: string }) {
        super(`${error.message} in "${source}"`);
        this.name = 'ExpressionSyntaxError';
        this.position = error.position;
        this.hint = error.hint;
    }
}

function isMoreThanLiteral(ast: Ast): boolean {
    return ast.type !== 'literal';
}

/**
 * Resolves a definition value:
 * - a string that is exactly one merge field ("{!contactsTable.SelectedRowsKeyValue}") → the raw value, arrays kept
 *   as they are (no copy), undefined → null;
 * - with `options.formulas`, a string that parses as a formula and is more than a bare literal ("{!n} + 1",
 *   "TODAY()") → the formula's value;
 * - a string with merge fields inside text ("{!n} contacts set to Active") → the template's text;
 * - anything else (numbers, booleans, plain text, arrays, objects) → unchanged.
 * Throws ExpressionSyntaxError for a malformed merge field, and whatever evaluation throws.
 */
export function resolveValue(value: unknown, scope: Scope, options: ResolveOptions = {}): unknown {
    if (typeof value !== 'string') {
        return value;
    }
    const mergeFields = hasMergeFields(value);
    if (mergeFields) {
        const path = singleMergeField(value);
        if (path) {
            const resolved = scope.resolve(path);
            return resolved === undefined ? null : resolved;
        }
    }
    if (options.formulas && (mergeFields || value.includes('('))) {
        const formula = parseFormulaCached(value);
        if (formula.ok && isMoreThanLiteral(formula.ast)) {
            return evaluate(formula.ast, scope, options);
        }
    }
    if (!mergeFields) {
        return value;
    }
    const template = parseTemplateCached(value);
    if (!template.ok) {
        throw new ExpressionSyntaxError(value, template.error);
    }
    return evaluate(template.ast, scope, options);
}

/** Evaluates a formula source; throws ExpressionSyntaxError when it does not parse. */
export function evaluateFormula(source: string, scope: Scope, options: ResolveOptions = {}): unknown {
    const result = parseFormulaCached(source);
    if (!result.ok) {
        throw new ExpressionSyntaxError(source, result.error);
    }
    return evaluate(result.ast, scope, options);
}
