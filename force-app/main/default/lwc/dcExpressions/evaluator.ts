/*
 * Evaluates an AST over a Scope. Pure: no eval/Function, no globals other than the injected clock.
 *
 * Null handling follows Salesforce formulas ("treat blank fields as blanks"): arithmetic with a blank operand is
 * blank, `&` and templates treat blanks as "", comparisons with a blank operand are false (except = and !=).
 * Values are typed inside an evaluation (values.ts): merge fields holding 'YYYY-MM-DD' or ISO date-time text are
 * Dates and DateTimes, so `{!due} + 7` and `NOW() + 0.5` are date arithmetic. Results leave as plain values.
 *
 * Work bound: one step per AST node evaluated, each node at most once, capped by options.maxSteps (MAX_STEPS).
 * Operator chains are walked with a loop along their left spine, so recursion depth is bounded by the parser's
 * nesting limit, not by the length of a chain.
 */
import { FormulaError } from './ast';
import type { Ast, BinaryNode, BinaryOperator, EvaluateOptions, Scope } from './ast';
import {
    checkedText,
    IMPLEMENTATIONS,
    isBlank,
    power,
    quote,
    setEquality,
    toBoolean,
    toNumber,
    toText,
    typeName
} from './functions';
import {
    checkedNumber,
    DAY_MS,
    dateFromDays,
    dateText,
    dateTimeFromMs,
    FormulaDate,
    FormulaDateTime,
    fromExternal,
    toExternal
} from './values';

/** Default work bound of one evaluation, in steps (AST nodes evaluated). */
export const MAX_STEPS = 100_000;

const blank = (value: unknown): boolean => value === null || value === undefined;

function mismatch(operator: string, left: unknown, right: unknown): never {
    throw new FormulaError(
        `'${operator}' cannot combine ${typeName(left)} ${quote(left)} with ${typeName(right)} ${quote(right)}`,
        'TYPE_MISMATCH'
    );
}

/** Days to add to a Date: whole days (Salesforce's docs are silent on fractions; they are dropped). */
function days(value: number): number {
    return Math.trunc(value);
}

function add(left: unknown, right: unknown): unknown {
    if (typeof left === 'number' && typeof right === 'number') return checkedNumber(left + right, "'+'");
    if (left instanceof FormulaDate && typeof right === 'number') return dateFromDays(left.days + days(right));
    if (typeof left === 'number' && right instanceof FormulaDate) return dateFromDays(right.days + days(left));
    if (left instanceof FormulaDateTime && typeof right === 'number') return dateTimeFromMs(left.ms + right * DAY_MS);
    if (typeof left === 'number' && right instanceof FormulaDateTime) return dateTimeFromMs(right.ms + left * DAY_MS);
    if (typeof left === 'string' || typeof right === 'string') {
        return checkedText(toText(left) + toText(right), "'+'");
    }
    return mismatch('+', left, right);
}

function subtract(left: unknown, right: unknown): unknown {
    if (typeof left === 'number' && typeof right === 'number') return checkedNumber(left - right, "'-'");
    if (left instanceof FormulaDate) {
        if (typeof right === 'number') return dateFromDays(left.days - days(right));
        if (right instanceof FormulaDate) return left.days - right.days;
    }
    if (left instanceof FormulaDateTime) {
        if (typeof right === 'number') return dateTimeFromMs(left.ms - right * DAY_MS);
        if (right instanceof FormulaDateTime) return checkedNumber((left.ms - right.ms) / DAY_MS, "'-'");
    }
    return mismatch('-', left, right);
}

function arithmetic(operator: '+' | '-' | '*' | '/' | '^', left: unknown, right: unknown): unknown {
    if (blank(left) || blank(right)) return null;
    switch (operator) {
        case '+':
            return add(left, right);
        case '-':
            return subtract(left, right);
        default: {
            if (typeof left !== 'number' || typeof right !== 'number') {
                const bad = typeof left === 'number' ? right : left;
                throw new FormulaError(
                    `'${operator}' expects Numbers but got ${typeName(bad)} ${quote(bad)}`,
                    'TYPE_MISMATCH'
                );
            }
            if (operator === '*') return checkedNumber(left * right, "'*'");
            if (operator === '^') return checkedNumber(power(left, right), "'^'");
            if (right === 0) throw new FormulaError('Division by zero', 'DIVISION_BY_ZERO');
            return checkedNumber(left / right, "'/'");
        }
    }
}

function comparable(value: unknown): unknown {
    if (value instanceof Date) return value.getTime();
    if (value instanceof FormulaDate) return value.days;
    if (value instanceof FormulaDateTime) return value.ms;
    return value;
}

function typedKind(value: unknown): string {
    return value instanceof FormulaDate ? 'Date' : value instanceof FormulaDateTime ? 'DateTime' : '';
}

/** Equality of formula values (also of plain values, e.g. in interaction conditions). */
export function valuesEqual(left: unknown, right: unknown): boolean {
    // A Date or DateTime compared with text reads the text as a date ("2024-01-31") or date-time.
    if (typedKind(left) && typeof right === 'string') right = fromExternal(right);
    if (typedKind(right) && typeof left === 'string') left = fromExternal(left);
    if (typedKind(left) !== typedKind(right)) return false;
    const a = comparable(left);
    const b = comparable(right);
    if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
    if (a === b) return true;
    if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
    if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
    if (typeof a === 'boolean' && typeof b === 'string') return String(a) === b;
    if (typeof a === 'string' && typeof b === 'boolean') return a === String(b);
    return false;
}
setEquality(valuesEqual);

function compare(operator: '<' | '>' | '<=' | '>=', left: unknown, right: unknown): boolean {
    if (isBlank(left) || isBlank(right)) return false;
    // A Date compared with text compares their YYYY-MM-DD texts (ISO dates sort as text).
    if (left instanceof FormulaDate && typeof right === 'string') left = dateText(left);
    if (right instanceof FormulaDate && typeof left === 'string') right = dateText(right);
    const sameKind =
        (typeof left === 'number' && typeof right === 'number') ||
        (typeof left === 'string' && typeof right === 'string') ||
        (left instanceof FormulaDate && right instanceof FormulaDate) ||
        (left instanceof FormulaDateTime && right instanceof FormulaDateTime);
    if (!sameKind) {
        throw new FormulaError(
            `Cannot compare ${typeName(left)} ${quote(left)} with ${typeName(right)} ${quote(right)} using '${operator}'`,
            'TYPE_MISMATCH'
        );
    }
    const x = comparable(left) as number | string;
    const y = comparable(right) as number | string;
    switch (operator) {
        case '<':
            return x < y;
        case '>':
            return x > y;
        case '<=':
            return x <= y;
        default:
            return x >= y;
    }
}

/** Applies `operator` to an evaluated left value and the (lazily evaluated) right operand. */
function applyBinary(operator: BinaryOperator, left: unknown, right: Ast, ev: (node: Ast) => unknown): unknown {
    switch (operator) {
        case '&&':
            return toBoolean(left, "'&&'") && toBoolean(ev(right), "'&&'");
        case '||':
            return toBoolean(left, "'||'") || toBoolean(ev(right), "'||'");
        case '&':
            return checkedText(toText(left) + toText(ev(right)), "'&'");
        case '=':
            return valuesEqual(left, ev(right));
        case '!=':
            return !valuesEqual(left, ev(right));
        case '<':
        case '>':
        case '<=':
        case '>=':
            return compare(operator, left, ev(right));
        default:
            return arithmetic(operator, left, ev(right));
    }
}

const systemClock = (): Date => new Date();

/**
 * Evaluates an AST. Merge fields are resolved through `scope.resolve(path)` (undefined becomes null).
 * Returns plain values: Text, Number (finite), Boolean, null, a Date as 'YYYY-MM-DD', a DateTime as ISO 8601 UTC
 * text, or a list/record from a merge field.
 * Throws FormulaError for type mismatches, division by zero, out-of-range dates and numbers, bad conversions and
 * when the work bound is exceeded; errors thrown by the scope (e.g. an unknown resource) propagate unchanged.
 */
export function evaluate(ast: Ast, scope: Scope, options: EvaluateOptions = {}): unknown {
    const now = options.now ?? systemClock;
    const maxSteps = options.maxSteps ?? MAX_STEPS;
    let steps = 0;
    const step = (): void => {
        if (++steps > maxSteps) {
            throw new FormulaError(`The formula needs more than ${maxSteps} steps to compute`, 'TOO_MUCH_WORK');
        }
    };
    const ev = (node: Ast): unknown => {
        step();
        switch (node.type) {
            case 'literal':
                return node.value;
            case 'mergeField':
                return fromExternal(scope.resolve(node.path));
            case 'unary': {
                const value = ev(node.operand);
                if (node.operator === '!') return !toBoolean(value, "'!'");
                return blank(value) ? null : -toNumber(value, "'-'");
            }
            case 'binary': {
                // Walk the left spine with a loop: ((a + b) + c) + … needs no recursion per operator.
                const spine: BinaryNode[] = [node];
                let leftmost: Ast = node.left;
                while (leftmost.type === 'binary') {
                    step();
                    spine.push(leftmost);
                    leftmost = leftmost.left;
                }
                let value = ev(leftmost);
                for (let i = spine.length - 1; i >= 0; i--) {
                    value = applyBinary(spine[i].operator, value, spine[i].right, ev);
                }
                return value;
            }
            case 'call': {
                const implementation = IMPLEMENTATIONS[node.name];
                if (!implementation) {
                    throw new FormulaError(`Unknown function '${node.name}'`, 'UNKNOWN_FUNCTION');
                }
                return implementation(node.args, ev, now);
            }
            default: {
                // Templates insert merge-field values as they are (no date typing).
                let text = '';
                for (const part of node.parts) {
                    step();
                    text += toText(part.type === 'literal' ? part.value : scope.resolve(part.path));
                }
                return checkedText(text, 'the template');
            }
        }
    };
    try {
        return toExternal(ev(ast));
    } catch (e) {
        // Only an AST built by hand (the parser limits nesting) can be deep enough to exhaust the stack.
        if (e instanceof RangeError) {
            throw new FormulaError('The formula is nested too deeply to compute', 'TOO_DEEP');
        }
        throw e;
    } finally {
        if (options.stats) options.stats.steps = steps;
    }
}
