/*
 * c/dcExpressions — the expression engine of Dynamic Components.
 *
 * - Merge fields: {!resource}, {!component.Property.Field}, {!$Record.Field}, {!$User.FirstName}, {!$Error.message}.
 * - Formulas: literals ("text", 'text', 12.5, TRUE, FALSE, NULL), `&` concatenation, + - * / ^ with precedence,
 *   comparisons (= == != <> < > <= >=), && || !, and the functions in FUNCTIONS (Salesforce's semantics; names are
 *   case-insensitive). Typed Date/DateTime values, decimal rounding, blanks as blanks (docs/DEFINITIONS.md).
 * - Inline formulas start with `=` ("={!count} + 1"); formula resources need no `=` (one is tolerated).
 * - Own tokenizer and parser; evaluation, printing and type checking are iterative over operator chains and
 *   bounded (MAX_FORMULA_LENGTH, MAX_DEPTH, MAX_STEPS). No eval, no Function.
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
    FormulaType,
    FormulaTypeResult,
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
export { evaluate, MAX_STEPS, valuesEqual } from './evaluator';
export { FUNCTIONS, functionSignature, isBlank, suggestName, toText } from './functions';
export type { FunctionSpec, ParamType } from './functions';
export {
    collectReferences,
    MAX_DEPTH,
    MAX_FORMULA_LENGTH,
    parseFormula,
    parseTemplate,
    singleMergeField
} from './parser';
/**
 * inferFormulaType(ast, typeOfReference) → { type, problems }: the static result type of a formula (Text, Number,
 * Boolean, Date, DateTime or Unknown) and its certain type errors, for the validator to compare with a declared
 * dataType. formulaTypeOf(dataType) maps a resource/field dataType (Currency, Percent → Number) to a FormulaType.
 */
export { formulaTypeOf, inferFormulaType } from './types';
export { countNodes, foldAst } from './walk';
export { MAX_TEXT_LENGTH } from './values';
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
    /** Formula or template AST (absent for literals, single merge fields and values that do not parse). */
    ast?: Ast;
    /** The path of a single merge field. */
    path?: string[];
    /** Merge-field paths used, dotted. */
    references: string[];
    /** Why a formula ("=…") or template does not parse: resolveValue throws it. Positions count the `=`. */
    error?: ParseError;
    /**
     * Deprecated alias of `error` for a formula (kind 'formula'), kept for callers written before the `=` rule.
     * Under the `=` rule a string is a formula only when it starts with `=`, so no formula is "treated as text".
     */
    formulaError?: ParseError;
}

/** True when a definition value is an inline formula: a string whose first non-blank character is `=`. */
export function isInlineFormula(value: unknown): value is string {
    return typeof value === 'string' && value.trimStart().startsWith('=');
}

/**
 * Classifies a definition value the way resolveValue resolves it (the lead's `=` rule, docs/DEFINITIONS.md):
 * - not a string → literal (a list or object is a literal; resolveValue resolves merge fields inside lists);
 * - with options.formulas, a string starting with `=` → formula ("={!n} + 1", "=TODAY()"), `error` when it does
 *   not parse;
 * - exactly one merge field ("{!a.b}") → mergeField (raw value, type and arrays kept);
 * - a string with merge fields inside text ("{!a} - {!b}") → template (text result), never a formula;
 * - any other string → literal ("TODAY()" is the text TODAY(); without options.formulas "=1" is text too).
 */
export function analyzeValue(value: unknown, options: { formulas?: boolean } = {}): ValueAnalysis {
    if (typeof value !== 'string') {
        return { kind: 'literal', references: [] };
    }
    if (options.formulas && isInlineFormula(value)) {
        const formula = parseFormulaCached(value);
        if (formula.ok) {
            return { kind: 'formula', ast: formula.ast, references: formula.references };
        }
        return { kind: 'formula', references: [], error: formula.error, formulaError: formula.error };
    }
    if (!hasMergeFields(value)) {
        return { kind: 'literal', references: [] };
    }
    const path = singleMergeField(value);
    if (path) {
        return { kind: 'mergeField', path, references: [path.join('.')] };
    }
    const template = parseTemplateCached(value);
    if (!template.ok) {
        return { kind: 'template', references: [], error: template.error };
    }
    return { kind: 'template', ast: template.ast, references: template.references };
}

/**
 * Resolves a definition value (see analyzeValue for the rules):
 * - a string that is exactly one merge field ("{!contactsTable.SelectedRowsKeyValue}") → the raw value, arrays kept
 *   as they are (no copy), undefined → null;
 * - with `options.formulas`, a string starting with `=` ("={!n} + 1", "=TODAY()") → the formula's value;
 * - a string with merge fields inside text ("{!n} contacts set to Active") → the template's text;
 * - a list → a new list with each element resolved by these rules (["{!a}", "x"] → [value of a, "x"]); nested
 *   lists and objects inside it are kept as they are;
 * - anything else (numbers, booleans, plain text, objects) → unchanged.
 * Throws ExpressionSyntaxError for a malformed merge field or formula, and whatever evaluation throws.
 */
export function resolveValue(value: unknown, scope: Scope, options: ResolveOptions = {}): unknown {
    if (Array.isArray(value)) {
        return value.some((item) => typeof item === 'string')
            ? value.map((item) => (typeof item === 'string' ? resolveScalar(item, scope, options) : item))
            : value;
    }
    return resolveScalar(value, scope, options);
}

function resolveScalar(value: unknown, scope: Scope, options: ResolveOptions): unknown {
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

/** Evaluates a formula source (no `=` needed; one is tolerated); throws ExpressionSyntaxError when it does not parse. */
export function evaluateFormula(source: string, scope: Scope, options: ResolveOptions = {}): unknown {
    const result = parseFormulaCached(source);
    if (!result.ok) {
        throw new ExpressionSyntaxError(source, result.error);
    }
    return evaluate(result.ast, scope, options);
}
