/*
 * Evaluates an AST over a Scope. Pure: no eval/Function, no globals other than the injected clock.
 * Null handling follows Salesforce formulas ("treat blank fields as blanks"): arithmetic with a blank operand is
 * blank, `&` and templates treat blanks as "", comparisons with a blank operand are false (except = and !=).
 */
import { FormulaError } from './ast';
import type { Ast, BinaryOperator, EvaluateOptions, Scope } from './ast';
import { IMPLEMENTATIONS, isBlank, quote, toBoolean, toNumber, toText, typeName } from './functions';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function isDateText(value: unknown): value is string {
    return typeof value === 'string' && ISO_DATE.test(value);
}

function dateToDays(text: string): number {
    return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS;
}

function daysToDate(days: number): string {
    return new Date(Math.round(days) * DAY_MS).toISOString().slice(0, 10);
}

function finite(value: number, operator: string): number {
    if (!Number.isFinite(value)) {
        throw new FormulaError(`The result of '${operator}' is not a finite number`, 'NUMBER_OUT_OF_RANGE');
    }
    return value;
}

function arithmetic(operator: '+' | '-' | '*' | '/', left: unknown, right: unknown): unknown {
    if (left === null || left === undefined || right === null || right === undefined) {
        return null;
    }
    if (typeof left === 'number' && typeof right === 'number') {
        switch (operator) {
            case '+':
                return finite(left + right, operator);
            case '-':
                return finite(left - right, operator);
            case '*':
                return finite(left * right, operator);
            default:
                if (right === 0) {
                    throw new FormulaError('Division by zero', 'DIVISION_BY_ZERO');
                }
                return finite(left / right, operator);
        }
    }
    if (isDateText(left) && typeof right === 'number' && (operator === '+' || operator === '-')) {
        return daysToDate(dateToDays(left) + (operator === '+' ? right : -right));
    }
    if (operator === '-' && isDateText(left) && isDateText(right)) {
        return dateToDays(left) - dateToDays(right);
    }
    if (operator === '+' && (typeof left === 'string' || typeof right === 'string')) {
        return toText(left) + toText(right);
    }
    const bad = typeof left === 'number' ? right : left;
    throw new FormulaError(`'${operator}' expects Numbers but got ${typeName(bad)} ${quote(bad)}`, 'TYPE_MISMATCH');
}

function comparable(value: unknown): unknown {
    return value instanceof Date ? value.getTime() : value;
}

export function valuesEqual(left: unknown, right: unknown): boolean {
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

function compare(operator: '<' | '>' | '<=' | '>=', left: unknown, right: unknown): boolean {
    const a = comparable(left);
    const b = comparable(right);
    if (isBlank(a) || isBlank(b)) return false;
    if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) {
        throw new FormulaError(
            `Cannot compare ${typeName(left)} ${quote(left)} with ${typeName(right)} ${quote(right)} using '${operator}'`,
            'TYPE_MISMATCH'
        );
    }
    const x = a as number | string;
    const y = b as number | string;
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

function binary(operator: BinaryOperator, left: Ast, right: Ast, ev: (node: Ast) => unknown): unknown {
    switch (operator) {
        case '&&':
            return toBoolean(ev(left), "'&&'") && toBoolean(ev(right), "'&&'");
        case '||':
            return toBoolean(ev(left), "'||'") || toBoolean(ev(right), "'||'");
        case '&':
            return toText(ev(left)) + toText(ev(right));
        case '=':
            return valuesEqual(ev(left), ev(right));
        case '!=':
            return !valuesEqual(ev(left), ev(right));
        case '<':
        case '>':
        case '<=':
        case '>=':
            return compare(operator, ev(left), ev(right));
        default:
            return arithmetic(operator, ev(left), ev(right));
    }
}

const systemClock = (): Date => new Date();

/**
 * Evaluates an AST. Merge fields are resolved through `scope.resolve(path)` (undefined becomes null).
 * Throws FormulaError for type mismatches, division by zero and bad conversions; errors thrown by the scope
 * (e.g. an unknown resource) propagate unchanged.
 */
export function evaluate(ast: Ast, scope: Scope, options: EvaluateOptions = {}): unknown {
    const now = options.now ?? systemClock;
    const ev = (node: Ast): unknown => {
        switch (node.type) {
            case 'literal':
                return node.value;
            case 'mergeField': {
                const value = scope.resolve(node.path);
                return value === undefined ? null : value;
            }
            case 'unary': {
                const value = ev(node.operand);
                if (node.operator === '!') return !toBoolean(value, "'!'");
                return value === null ? null : -toNumber(value, "'-'");
            }
            case 'binary':
                return binary(node.operator, node.left, node.right, ev);
            case 'call':
                return IMPLEMENTATIONS[node.name](node.args, ev, now);
            default: {
                let text = '';
                for (const part of node.parts) {
                    text += toText(ev(part));
                }
                return text;
            }
        }
    };
    return ev(ast);
}
