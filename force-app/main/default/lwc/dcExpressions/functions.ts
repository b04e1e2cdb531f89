/*
 * Built-in functions of the formula language. Names are case-insensitive (stored upper-case).
 * Arguments arrive unevaluated so IF, AND, OR and BLANKVALUE can short-circuit.
 */
import { FormulaError } from './ast';
import type { Ast } from './ast';
import { closestName } from './distance';

export interface FunctionSpec {
    min: number;
    max: number;
    /** Human signature used in hints, e.g. "IF(condition, valueIfTrue, valueIfFalse)". */
    signature: string;
    description: string;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
    IF: { min: 3, max: 3, signature: 'IF(condition, valueIfTrue, valueIfFalse)', description: 'Chooses a value.' },
    AND: { min: 1, max: Infinity, signature: 'AND(condition1, condition2, …)', description: 'True when all are true.' },
    OR: { min: 1, max: Infinity, signature: 'OR(condition1, condition2, …)', description: 'True when any is true.' },
    NOT: { min: 1, max: 1, signature: 'NOT(condition)', description: 'Negates a condition.' },
    ISBLANK: { min: 1, max: 1, signature: 'ISBLANK(value)', description: 'True for null, empty text or empty list.' },
    BLANKVALUE: {
        min: 2,
        max: 2,
        signature: 'BLANKVALUE(value, substitute)',
        description: 'The value, or the substitute when it is blank.'
    },
    TEXT: { min: 1, max: 1, signature: 'TEXT(value)', description: 'Converts a value to text.' },
    VALUE: { min: 1, max: 1, signature: 'VALUE(text)', description: 'Converts text to a number.' },
    LEN: { min: 1, max: 1, signature: 'LEN(text)', description: 'Number of characters (or items of a list).' },
    CONTAINS: {
        min: 2,
        max: 2,
        signature: 'CONTAINS(text, searchText)',
        description: 'True when the text (or list) contains the search value.'
    },
    UPPER: { min: 1, max: 1, signature: 'UPPER(text)', description: 'Upper-case text.' },
    LOWER: { min: 1, max: 1, signature: 'LOWER(text)', description: 'Lower-case text.' },
    TRIM: { min: 1, max: 1, signature: 'TRIM(text)', description: 'Text without leading and trailing spaces.' },
    ROUND: { min: 2, max: 2, signature: 'ROUND(number, digits)', description: 'Rounds half away from zero.' },
    TODAY: { min: 0, max: 0, signature: 'TODAY()', description: "Today's date (YYYY-MM-DD, local time)." },
    NOW: { min: 0, max: 0, signature: 'NOW()', description: 'The current date and time (ISO 8601, UTC).' }
});

export function functionSignature(name: string): string {
    return FUNCTIONS[name]?.signature ?? `${name}(…)`;
}

/** Closest candidate (case-insensitive, bounded edit distance), for "did you mean" hints. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
    return closestName(name, candidates);
}

// ------------------------------------------------------------------ value helpers

export function isBlank(value: unknown): boolean {
    return (
        value === null ||
        value === undefined ||
        value === '' ||
        (Array.isArray(value) && value.length === 0) ||
        (typeof value === 'number' && Number.isNaN(value))
    );
}

function pad(n: number, width = 2): string {
    return String(n).padStart(width, '0');
}

/** Local calendar date as YYYY-MM-DD. */
export function formatDate(date: Date): string {
    return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Text form used by TEXT(), `&` and templates. null → "". */
export function toText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') {
        // 15 significant digits, like Salesforce: 0.1 + 0.2 shows as 0.3
        return Number.isInteger(value) || !Number.isFinite(value)
            ? String(value)
            : String(Number(value.toPrecision(15)));
    }
    if (typeof value === 'boolean') return String(value);
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(toText).join(', ');
    return JSON.stringify(value);
}

export function typeName(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) return 'List';
    if (value instanceof Date) return 'DateTime';
    switch (typeof value) {
        case 'string':
            return 'Text';
        case 'number':
            return 'Number';
        case 'boolean':
            return 'Boolean';
        default:
            return 'Record';
    }
}

export function quote(value: unknown): string {
    const text = typeof value === 'string' ? `'${value}'` : toText(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Boolean view of a value for conditions: booleans, null (false) and 'true'/'false' text. */
export function toBoolean(value: unknown, where: string): boolean {
    if (typeof value === 'boolean') return value;
    if (value === null || value === undefined) return false;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new FormulaError(`${where} expects a Boolean but got ${typeName(value)} ${quote(value)}`, 'TYPE_MISMATCH');
}

export function toNumber(value: unknown, where: string): number {
    if (typeof value === 'number') return value;
    throw new FormulaError(`${where} expects a Number but got ${typeName(value)} ${quote(value)}`, 'TYPE_MISMATCH');
}

export type Evaluate = (node: Ast) => unknown;

export type FunctionImpl = (args: Ast[], evaluate: Evaluate, now: () => Date) => unknown;

export const IMPLEMENTATIONS: Readonly<Record<string, FunctionImpl>> = {
    IF: (args, ev) => (toBoolean(ev(args[0]), 'IF') ? ev(args[1]) : ev(args[2])),
    AND: (args, ev) => args.every((arg) => toBoolean(ev(arg), 'AND')),
    OR: (args, ev) => args.some((arg) => toBoolean(ev(arg), 'OR')),
    NOT: (args, ev) => !toBoolean(ev(args[0]), 'NOT'),
    ISBLANK: (args, ev) => isBlank(ev(args[0])),
    BLANKVALUE: (args, ev) => {
        const value = ev(args[0]);
        return isBlank(value) ? ev(args[1]) : value;
    },
    TEXT: (args, ev) => toText(ev(args[0])),
    VALUE: (args, ev) => {
        const value = ev(args[0]);
        if (value === null || value === undefined) return null;
        if (typeof value === 'number') return value;
        const text = toText(value).trim();
        const number = Number(text);
        if (text === '' || !Number.isFinite(number)) {
            throw new FormulaError(`VALUE cannot convert ${quote(value)} to a number`, 'INVALID_NUMBER');
        }
        return number;
    },
    LEN: (args, ev) => {
        const value = ev(args[0]);
        return Array.isArray(value) ? value.length : toText(value).length;
    },
    CONTAINS: (args, ev) => {
        const haystack = ev(args[0]);
        const needle = ev(args[1]);
        if (Array.isArray(haystack)) {
            return haystack.some((item) => item === needle || toText(item) === toText(needle));
        }
        return toText(haystack).includes(toText(needle));
    },
    UPPER: (args, ev) => toText(ev(args[0])).toUpperCase(),
    LOWER: (args, ev) => toText(ev(args[0])).toLowerCase(),
    TRIM: (args, ev) => toText(ev(args[0])).trim(),
    ROUND: (args, ev) => {
        const value = ev(args[0]);
        if (value === null || value === undefined) return null;
        const number = toNumber(value, 'ROUND');
        const factor = 10 ** toNumber(ev(args[1]), 'ROUND');
        return (Math.sign(number) * Math.round(Math.abs(number) * factor)) / factor;
    },
    TODAY: (_args, _ev, now) => formatDate(now()),
    NOW: (_args, _ev, now) => now().toISOString()
};
