/*
 * Values in a definition: literals checked against a data type (real calendar dates, years 1700-4000), and the
 * `=` rule for values that may compute (variable initial values, setVariable values, flow input values), read
 * exactly as dcExpressions analyzeValue/resolveValue read them:
 *   "=…" a formula · exactly one merge field → that value · merge fields in text → a text template ·
 *   any other string → literal text · a list → each element by these rules (where the runtime resolves lists).
 */
import {
    analyzeValue,
    dateTextProblem,
    dateTimeTextProblem,
    formulaTypeOf,
    inferFormulaType,
    parseFormula
} from 'c/dcExpressions';
import type { Ast, FormulaType } from 'c/dcExpressions';
import { Checker, isMergeField, isObject, typeName, type Scope } from './checker';
import { expression, referenceFormulaType } from './references';
import {
    collectionValueNotList,
    formulaResultType,
    literalWrongType,
    formulaTypeProblem,
    invalidDateValue,
    mergeFieldInListNotResolved,
    needsEquals,
    templateIsText
} from './messages';

/** Checks a literal against a data type (no merge fields involved). */
export function literal(
    ctx: Checker,
    v: unknown,
    path: string,
    dataType: string | undefined,
    collection: boolean,
    what: string
): void {
    if (collection) {
        if (!Array.isArray(v)) {
            ctx.error(path, collectionValueNotList(what, typeName(v)));
            return;
        }
        v.forEach((item, i) => literal(ctx, item, `${path}[${i}]`, dataType, false, what));
        return;
    }
    if (v === null || dataType === undefined) return;
    const bad = (expected: string): void => ctx.error(path, literalWrongType(what, expected, dataType, typeName(v)));
    switch (dataType) {
        case 'Text':
            if (typeof v !== 'string') bad('text in double quotes');
            break;
        case 'Number':
        case 'Currency':
            if (typeof v !== 'number') bad('a number without quotes');
            break;
        case 'Boolean':
            if (typeof v !== 'boolean') bad('true or false without quotes');
            break;
        case 'Date':
        case 'DateTime': {
            const example = dataType === 'Date' ? '"2025-01-31"' : '"2025-01-31T09:00:00Z"';
            if (typeof v !== 'string') {
                bad(dataType === 'Date' ? 'a date written "YYYY-MM-DD"' : `an ISO date-time such as ${example}`);
                break;
            }
            const problem = dataType === 'Date' ? dateTextProblem(v) : dateTimeTextProblem(v);
            if (problem) ctx.error(path, invalidDateValue(`${what} '${v}'`, dataType, problem, example));
            break;
        }
        default:
            if (!isObject(v)) bad('an object { ... } or a merge field');
            break;
    }
}

/** Where a value sits: which runtime reads it, so the validator follows the same rule. */
export interface ValueTarget {
    /** The declared data type of what receives the value (undefined: not known, anything goes). */
    dataType: string | undefined;
    collection: boolean;
    /** What the value is, for messages: "The initial value", "The value of input 'ids'". */
    what: string;
    /** The runtime resolves merge fields in the elements of a list (resolveValue); else they stay text. */
    listsResolved: boolean;
    /** Where to fix it when a list cannot carry merge fields (for the message). */
    listHint?: string;
}

/** A scalar type the target needs, as a formula type, when it is a single non-Text value. */
function computedTarget(target: ValueTarget): FormulaType | undefined {
    if (target.collection || !target.dataType || target.dataType === 'Text' || target.dataType === 'Record')
        return undefined;
    const t = formulaTypeOf(target.dataType);
    return t && t !== 'Unknown' ? t : undefined;
}

/** Checks a formula's result type against the type a target needs; reports certain type errors inside it. */
export function checkFormulaType(
    ctx: Checker,
    ast: Ast,
    path: string,
    expected: FormulaType | undefined,
    what: string
): void {
    const inferred = inferFormulaType(ast, (refPath) => referenceFormulaType(ctx, refPath));
    for (const p of inferred.problems) ctx.error(path, formulaTypeProblem(p.message));
    if (expected && inferred.type !== 'Unknown' && inferred.type !== expected && !inferred.problems.length) {
        ctx.error(path, formulaResultType(what, inferred.type, expected));
    }
}

/**
 * A value under the `=` rule (see the file comment): formulas parse and type-check against the target, merge
 * fields name what exists, an old-style formula ("{!count} + 1", "TODAY()") bound for a non-Text target gets told
 * to start with '=', literals fit the type.
 */
export function checkValue(ctx: Checker, v: unknown, path: string, target: ValueTarget, scope: Scope): void {
    if (Array.isArray(v)) {
        if (!target.collection) {
            literal(ctx, v, path, target.dataType, false, target.what);
            return;
        }
        v.forEach((item, i) => {
            const p = `${path}[${i}]`;
            if (typeof item === 'string' && (isMergeField(item) || item.trimStart().startsWith('='))) {
                if (!target.listsResolved) {
                    ctx.error(p, mergeFieldInListNotResolved(item, target.listHint ?? ''));
                    return;
                }
            }
            checkValue(ctx, item, p, { ...target, collection: false }, scope);
        });
        return;
    }
    if (typeof v !== 'string') {
        literal(ctx, v, path, target.dataType, target.collection, target.what);
        return;
    }
    const analysis = analyzeValue(v, { formulas: true });
    if (analysis.kind === 'formula') {
        const ast = expression(ctx, v, path, 'formula', scope);
        if (ast && !target.collection) checkFormulaType(ctx, ast, path, computedTarget(target), target.what);
        return;
    }
    if (analysis.kind === 'mergeField') {
        expression(ctx, v, path, 'template', scope);
        return;
    }
    const needed = computedTarget(target);
    if (analysis.kind === 'template') {
        const ast = expression(ctx, v, path, 'template', scope);
        if (ast && needed) ctx.error(path, templateIsText(target.what, v, target.dataType!, looksLikeFormula(v)));
        return;
    }
    // Plain text: a formula written without '=' is the text itself, which cannot fill a Number, Date, ... target.
    if (needed && looksLikeFormula(v)) {
        ctx.error(path, needsEquals(target.what, v, target.dataType!));
        return;
    }
    literal(ctx, v, path, target.dataType, target.collection, target.what);
}

/** True when text would compute something if it started with '=' (it parses as a formula that is not a literal). */
function looksLikeFormula(text: string): boolean {
    const parsed = parseFormula(text);
    return parsed.ok && parsed.ast.type !== 'literal';
}
