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
import type { Ast, ParseError, ParseResult, ResolveOptions, Scope } from './ast';
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
export { boundedDistance, closestName, SUGGEST_MAX_LENGTH } from './distance';
export * from './calendar';

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

export type ValueKind = 'literal' | 'mergeField' | 'formula' | 'template';

/** How resolveValue treats a definition value; the definition validator uses the same rules. */
export interface ValueAnalysis {
    kind: ValueKind;
    /** Formula or template AST (absent for literals, single merge fields and templates that do not parse). */
    ast?: Ast;
    /** The path of a single merge field. */
    path?: string[];
    /** Merge-field paths used, dotted. */
    references: string[];
    /** Template parse error: resolveValue throws it. */
    error?: ParseError;
    /**
     * With options.formulas: why the text was not taken as a formula although it looked like one (it contains '(' or
     * merge fields). A validator can show it as a warning ("treated as text: Unknown function 'IFF' …").
     */
    formulaError?: ParseError;
}

/**
 * Classifies a definition value the way resolveValue resolves it:
 * - not a string → literal;
 * - exactly one merge field ("{!a.b}") → mergeField (raw value, arrays kept);
 * - with options.formulas, a string containing merge fields or '(' that parses as a formula and is more than a bare
 *   literal → formula ("{!n} + 1", "TODAY()");
 * - a string with merge fields inside text → template (text result);
 * - any other string → literal.
 */
export function analyzeValue(value: unknown, options: { formulas?: boolean } = {}): ValueAnalysis {
    if (typeof value !== 'string') {
        return { kind: 'literal', references: [] };
    }
    const mergeFields = hasMergeFields(value);
    if (mergeFields) {
        const path = singleMergeField(value);
        if (path) {
            return { kind: 'mergeField', path, references: [path.join('.')] };
        }
    }
    let formulaError: ParseError | undefined;
    if (options.formulas && (mergeFields || value.includes('('))) {
        const formula = parseFormulaCached(value);
        if (formula.ok) {
            if (formula.ast.type !== 'literal') {
                return { kind: 'formula', ast: formula.ast, references: formula.references };
            }
        } else {
            formulaError = formula.error;
        }
    }
    const extra = formulaError ? { formulaError } : {};
    if (!mergeFields) {
        return { kind: 'literal', references: [], ...extra };
    }
    const template = parseTemplateCached(value);
    if (!template.ok) {
        return { kind: 'template', references: [], error: template.error, ...extra };
    }
    return { kind: 'template', ast: template.ast, references: template.references, ...extra };
}

/**
 * Resolves a definition value (see analyzeValue for the rules):
 * - a string that is exactly one merge field ("{!contactsTable.SelectedRowsKeyValue}") → the raw value, arrays kept
 *   as they are (no copy), undefined → null;
 * - with `options.formulas`, a string that parses as a formula and is more than a bare literal ("{!n} + 1",
 *   "TODAY()") → the formula's value;
 * - a string with merge fields inside text ("{!n} contacts set to Active") → the template's text;
 * - anything else (numbers, booleans, plain text, arrays, objects) → unchanged.
 * Throws ExpressionSyntaxError for a malformed merge field, and whatever evaluation throws.
 */
export function resolveValue(value: unknown, scope: Scope, options: ResolveOptions = {}): unknown {
    const analysis = analyzeValue(value, options);
    switch (analysis.kind) {
        case 'literal':
            return value;
        case 'mergeField': {
            const resolved = scope.resolve(analysis.path!);
            return resolved === undefined ? null : resolved;
        }
        default:
            if (!analysis.ast) {
                throw new ExpressionSyntaxError(value as string, analysis.error!);
            }
            return evaluate(analysis.ast, scope, options);
    }
}

/** Evaluates a formula source; throws ExpressionSyntaxError when it does not parse. */
export function evaluateFormula(source: string, scope: Scope, options: ResolveOptions = {}): unknown {
    const result = parseFormulaCached(source);
    if (!result.ok) {
        throw new ExpressionSyntaxError(source, result.error);
    }
    return evaluate(result.ast, scope, options);
}
