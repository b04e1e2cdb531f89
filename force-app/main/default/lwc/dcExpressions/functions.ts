/*
 * Built-in functions of the formula language, with Salesforce's semantics (docs/DEFINITIONS.md "## Formulas" lists
 * them). Names are case-insensitive (stored upper-case). Arguments arrive unevaluated so IF, CASE, AND, OR,
 * BLANKVALUE and NULLVALUE evaluate only what they need. Values inside an evaluation are typed (see values.ts).
 */
import { FormulaError } from './ast';
import type { Ast, FormulaType } from './ast';
import { closestName } from './distance';
import {
    checkedNumber,
    DAY_MS,
    dateFromDays,
    dateFromParts,
    dateParts,
    dateText,
    dateTimeFromMs,
    dateTimeText,
    FormulaDate,
    FormulaDateTime,
    localDate,
    MAX_TEXT_LENGTH,
    plainNumber,
    rangeError,
    roundDecimal,
    wholeNumber
} from './values';
import { daysInMonth, isValidDateText, MAX_YEAR, MIN_YEAR } from './calendar';

/** Types an argument may have (statically); 'Any' accepts everything. */
export type ParamType = 'Any' | readonly FormulaType[];

export interface FunctionSpec {
    min: number;
    max: number;
    /** Human signature used in hints, e.g. "IF(condition, valueIfTrue, valueIfFalse)". */
    signature: string;
    /** One line, Salesforce's semantics. */
    description: string;
    /** Accepted types per argument; arguments past the end use the last entry. */
    params: readonly ParamType[];
    /** Result type from the argument types ('same' = the common type of the value arguments). */
    returns: FormulaType | 'same';
    /** Extra arity rule beyond min/max (CASE needs pairs and an else value). */
    arity?: (count: number) => string | undefined;
}

const TEXT: ParamType = ['Text'];
const NUMBER: ParamType = ['Number'];
const BOOLEAN: ParamType = ['Boolean'];
const DATE: ParamType = ['Date'];
const ANY: ParamType = 'Any';

function spec(
    signature: string,
    description: string,
    params: readonly ParamType[],
    returns: FormulaType | 'same',
    min = params.length,
    max = params.length
): FunctionSpec {
    return { min, max, signature, description, params, returns };
}

/** A math function: `arity` Numbers in, a Number out. */
function mathSpec(signature: string, description: string, arity = 1): FunctionSpec {
    return spec(signature, description, new Array<ParamType>(arity).fill(NUMBER), 'Number');
}

/** A part of a date (YEAR, MONTH, …): a Date in, a Number out. */
function datePartSpec(signature: string, description: string): FunctionSpec {
    return spec(signature, description, [DATE], 'Number');
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
    // Logical
    IF: spec(
        'IF(condition, valueIfTrue, valueIfFalse)',
        'valueIfTrue when the condition is true, else valueIfFalse (only the chosen one is evaluated).',
        [BOOLEAN, ANY, ANY],
        'same'
    ),
    CASE: {
        ...spec(
            'CASE(expression, value1, result1, value2, result2, …, elseResult)',
            'The result paired with the first value equal to the expression, else elseResult.',
            [ANY],
            'same',
            4,
            Infinity
        ),
        arity: (argumentCount: number) => {
            if (argumentCount % 2 === 0) return undefined;
            return 'CASE needs value/result pairs followed by one else result (an even number of arguments)';
        }
    },
    AND: spec(
        'AND(condition1, condition2, …)',
        'True when every condition is true (stops at the first false).',
        [BOOLEAN],
        'Boolean',
        1,
        Infinity
    ),
    OR: spec(
        'OR(condition1, condition2, …)',
        'True when any condition is true (stops at the first true).',
        [BOOLEAN],
        'Boolean',
        1,
        Infinity
    ),
    NOT: spec('NOT(condition)', 'True when the condition is false.', [BOOLEAN], 'Boolean'),
    ISBLANK: spec(
        'ISBLANK(value)',
        'True when the value is blank: null, empty text or an empty list (0 is not blank).',
        [ANY],
        'Boolean'
    ),
    ISNULL: spec(
        'ISNULL(value)',
        'True when the value is null (empty text is not null; Salesforce recommends ISBLANK).',
        [ANY],
        'Boolean'
    ),
    BLANKVALUE: spec(
        'BLANKVALUE(value, substitute)',
        'The value, or the substitute when the value is blank.',
        [ANY, ANY],
        'same'
    ),
    NULLVALUE: spec(
        'NULLVALUE(value, substitute)',
        'The value, or the substitute when the value is null.',
        [ANY, ANY],
        'same'
    ),
    ISPICKVAL: spec(
        'ISPICKVAL(picklistField, "value")',
        'True when the picklist value equals the text.',
        [ANY, TEXT],
        'Boolean'
    ),
    INCLUDES: spec(
        'INCLUDES(multiSelectField, "value")',
        'True when the multi-select picklist value (a;b;c or a list) includes the text.',
        [ANY, TEXT],
        'Boolean'
    ),
    ISNUMBER: spec('ISNUMBER(text)', 'True when VALUE(text) would give a number.', [TEXT], 'Boolean'),
    // Text
    TEXT: spec(
        'TEXT(value)',
        'The value as text: numbers without formatting or exponent, Date YYYY-MM-DD, DateTime "YYYY-MM-DD HH:MM:SSZ" in GMT.',
        [ANY],
        'Text'
    ),
    VALUE: spec(
        'VALUE(text)',
        'The number in the text (digits, one decimal point, a leading minus); blank for any other text.',
        [TEXT],
        'Number'
    ),
    LEN: spec('LEN(text)', 'The number of characters (or the number of items of a list).', [TEXT], 'Number'),
    LEFT: spec('LEFT(text, count)', 'The first count characters (a negative count is 0).', [TEXT, NUMBER], 'Text'),
    RIGHT: spec('RIGHT(text, count)', 'The last count characters (a negative count is 0).', [TEXT, NUMBER], 'Text'),
    MID: spec(
        'MID(text, start, count)',
        'count characters starting at position start (1 is the first character).',
        [TEXT, NUMBER, NUMBER],
        'Text'
    ),
    FIND: spec(
        'FIND(searchText, text, start)',
        'The position of searchText in text (1-based, case-sensitive), 0 when absent; start is optional.',
        [TEXT, TEXT, NUMBER],
        'Number',
        2,
        3
    ),
    CONTAINS: spec(
        'CONTAINS(text, compareText)',
        'True when text contains compareText (case-sensitive; for a list, when an item equals it).',
        [TEXT, TEXT],
        'Boolean'
    ),
    BEGINS: spec(
        'BEGINS(text, compareText)',
        'True when text begins with compareText (case-sensitive).',
        [TEXT, TEXT],
        'Boolean'
    ),
    SUBSTITUTE: spec(
        'SUBSTITUTE(text, oldText, newText)',
        'text with every occurrence of oldText replaced by newText.',
        [TEXT, TEXT, TEXT],
        'Text'
    ),
    TRIM: spec('TRIM(text)', 'text without leading and trailing spaces.', [TEXT], 'Text'),
    UPPER: spec('UPPER(text, locale)', 'text in capital letters (the locale is optional).', [TEXT, TEXT], 'Text', 1, 2),
    LOWER: spec(
        'LOWER(text, locale)',
        'text in lower-case letters (the locale is optional).',
        [TEXT, TEXT],
        'Text',
        1,
        2
    ),
    LPAD: spec(
        'LPAD(text, length, padText)',
        'text padded on the left with padText (default a space) to length characters, or cut to length.',
        [TEXT, NUMBER, TEXT],
        'Text',
        2,
        3
    ),
    RPAD: spec(
        'RPAD(text, length, padText)',
        'text padded on the right with padText (default a space) to length characters, or cut to length.',
        [TEXT, NUMBER, TEXT],
        'Text',
        2,
        3
    ),
    // Math
    ABS: mathSpec('ABS(number)', 'The number without its sign.'),
    CEILING: mathSpec(
        'CEILING(number)',
        'Rounded up to a whole number, away from zero when negative (CEILING(-2.5) = -3).'
    ),
    FLOOR: mathSpec('FLOOR(number)', 'Rounded down to a whole number, towards zero when negative (FLOOR(-2.5) = -2).'),
    ROUND: mathSpec(
        'ROUND(number, digits)',
        'Rounded to digits decimal places, half up on the decimal value (negative digits round to tens, hundreds…).',
        2
    ),
    MOD: mathSpec('MOD(number, divisor)', 'The remainder of number divided by divisor (it has the sign of number).', 2),
    MAX: spec('MAX(number1, number2, …)', 'The largest number.', [NUMBER], 'Number', 1, Infinity),
    MIN: spec('MIN(number1, number2, …)', 'The smallest number.', [NUMBER], 'Number', 1, Infinity),
    SQRT: mathSpec('SQRT(number)', 'The positive square root (an error for a negative number).'),
    EXP: mathSpec('EXP(number)', 'e raised to the power of number.'),
    LN: mathSpec('LN(number)', 'The natural logarithm (an error for 0 or a negative number).'),
    LOG: mathSpec('LOG(number)', 'The base-10 logarithm (an error for 0 or a negative number).'),
    POWER: mathSpec('POWER(number, exponent)', 'number raised to exponent, like number ^ exponent.', 2),
    // Date and time
    TODAY: spec('TODAY()', "Today's date in the user's time zone.", [], 'Date'),
    NOW: spec('NOW()', 'The current date and time.', [], 'DateTime'),
    DATE: spec(
        'DATE(year, month, day)',
        'The date; an error when it does not exist (30 February) or is outside 1700–4000.',
        [NUMBER, NUMBER, NUMBER],
        'Date'
    ),
    DATEVALUE: spec(
        'DATEVALUE(value)',
        'The date of a "YYYY-MM-DD" text or of a DateTime (its GMT date).',
        [['Text', 'Date', 'DateTime']],
        'Date'
    ),
    DATETIMEVALUE: spec(
        'DATETIMEVALUE(value)',
        'The date-time of a "YYYY-MM-DD HH:MM:SS" text (GMT) or of a Date (midnight GMT).',
        [['Text', 'Date', 'DateTime']],
        'DateTime'
    ),
    YEAR: datePartSpec('YEAR(date)', 'The year of a date.'),
    MONTH: datePartSpec('MONTH(date)', 'The month of a date (1 = January).'),
    DAY: datePartSpec('DAY(date)', 'The day of the month of a date.'),
    WEEKDAY: datePartSpec('WEEKDAY(date)', 'The day of the week: 1 = Sunday, 2 = Monday … 7 = Saturday.'),
    ADDMONTHS: spec(
        'ADDMONTHS(date, months)',
        'The date months later (earlier when negative); the last day of a month stays the last day.',
        [DATE, NUMBER],
        'Date'
    )
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

/** Local calendar date of a JS Date as YYYY-MM-DD. */
export function formatDate(date: Date): string {
    return dateText(localDate(date));
}

/**
 * Text form used by TEXT(), `&` and templates. null → "". Numbers print in plain decimals with at most 15
 * significant digits (1e21 → "1000000000000000000000", 0.1 + 0.2 → "0.3"); a Date prints YYYY-MM-DD and a
 * DateTime "YYYY-MM-DD HH:MM:SSZ" (GMT), as Salesforce's TEXT() does.
 */
export function toText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) return Number.isNaN(value) ? '' : String(value);
        return plainNumber(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
    }
    if (typeof value === 'boolean') return String(value);
    if (value instanceof FormulaDate) return dateText(value);
    if (value instanceof FormulaDateTime) return dateTimeText(value);
    if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : '';
    if (Array.isArray(value)) return value.map(toText).join(', ');
    return JSON.stringify(value) ?? '';
}

export function typeName(value: unknown): string {
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) return 'List';
    if (value instanceof FormulaDate) return 'Date';
    if (value instanceof FormulaDateTime || value instanceof Date) return 'DateTime';
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

function mismatch(where: string, expected: string, value: unknown): never {
    throw new FormulaError(`${where} expects ${expected} but got ${typeName(value)} ${quote(value)}`, 'TYPE_MISMATCH');
}

/** Boolean view of a value for conditions: booleans, null (false) and 'true'/'false' text. */
export function toBoolean(value: unknown, where: string): boolean {
    if (typeof value === 'boolean') return value;
    if (value === null || value === undefined) return false;
    if (value === 'true' || value === 'false') return value === 'true';
    return mismatch(where, 'a Boolean', value);
}

export function toNumber(value: unknown, where: string): number {
    if (typeof value === 'number') return value;
    return mismatch(where, 'a Number', value);
}

function toDate(value: unknown, where: string): FormulaDate {
    if (value instanceof FormulaDate) return value;
    if (typeof value === 'string' && isValidDateText(value)) return new FormulaDate(Date.parse(value) / DAY_MS);
    return mismatch(where, 'a Date', value);
}

function tooLong(where: string): never {
    throw new FormulaError(`The text built by ${where} is longer than ${MAX_TEXT_LENGTH} characters`, 'TEXT_TOO_LONG');
}

/** Text that may grow (concatenation, padding, substitution): a FormulaError past MAX_TEXT_LENGTH. */
export function checkedText(text: string, where: string): string {
    if (text.length > MAX_TEXT_LENGTH) tooLong(where);
    return text;
}

const VALUE_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** VALUE(text): digits with an optional decimal point and leading minus; anything else is blank (null). */
export function valueOfText(text: string): number | null {
    const trimmed = text.trim();
    if (!VALUE_TEXT.test(trimmed)) return null;
    const number = Number(trimmed);
    if (!Number.isFinite(number)) {
        throw new FormulaError(`VALUE('${trimmed.slice(0, 40)}…') is too large to be a number`, 'NUMBER_OUT_OF_RANGE');
    }
    return number === 0 ? 0 : number;
}

const DATETIME_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?)?$/;

function dateTimeOfText(text: string): FormulaDateTime {
    const m = DATETIME_TEXT.exec(text.trim());
    if (m && isValidDateText(m[1])) {
        const [hours, minutes, seconds] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
        if (hours <= 23 && minutes <= 59 && seconds <= 59) {
            const ms = Date.parse(`${m[1]}T00:00:00Z`) + ((hours * 60 + minutes) * 60 + seconds) * 1000;
            return dateTimeFromMs(ms + Number((m[5] ?? '0').padEnd(3, '0')));
        }
    }
    throw new FormulaError(
        `DATETIMEVALUE cannot read ${quote(text)}: write "YYYY-MM-DD HH:MM:SS" (GMT)`,
        'INVALID_DATE'
    );
}

export type Evaluate = (node: Ast) => unknown;

export type FunctionImpl = (args: Ast[], evaluate: Evaluate, now: () => Date) => unknown;

/** Evaluates numeric arguments; null when any is blank (arithmetic with blanks is blank). */
function numbers(args: Ast[], ev: Evaluate, where: string): number[] | null {
    const values: number[] = [];
    let blank = false;
    for (const arg of args) {
        const value = ev(arg);
        if (value === null || value === undefined) blank = true;
        else values.push(toNumber(value, where));
    }
    return blank ? null : values;
}

function math(where: string, run: (...n: number[]) => number): FunctionImpl {
    return (args, ev) => {
        const values = numbers(args, ev, where);
        return values === null ? null : checkedNumber(run(...values), where);
    };
}

function argText(args: Ast[], ev: Evaluate, index: number): string {
    return toText(ev(args[index]));
}

function countOf(value: number): number {
    return Math.max(0, wholeNumber(value));
}

function padded(side: 'left' | 'right'): FunctionImpl {
    const where = side === 'left' ? 'LPAD' : 'RPAD';
    return (args, ev) => {
        const value = argText(args, ev, 0);
        const lengthValue = ev(args[1]);
        if (lengthValue === null) return null;
        const length = countOf(toNumber(lengthValue, where));
        if (length > MAX_TEXT_LENGTH) tooLong(where);
        if (value.length >= length) return value.slice(0, length);
        const pad = args.length > 2 ? argText(args, ev, 2) : ' ';
        if (pad === '') return value;
        const fill = pad.repeat(Math.ceil((length - value.length) / pad.length)).slice(0, length - value.length);
        return side === 'left' ? fill + value : value + fill;
    };
}

function datePart(where: string, part: (date: FormulaDate) => number): FunctionImpl {
    return (args, ev) => {
        const value = ev(args[0]);
        return value === null ? null : part(toDate(value, where));
    };
}

function firstMatching(args: Ast[], ev: Evaluate, test: (value: unknown) => boolean): unknown {
    const value = ev(args[0]);
    return test(value) ? ev(args[1]) : value;
}

function caseOf(args: Ast[], ev: Evaluate, equal: (a: unknown, b: unknown) => boolean): unknown {
    const subject = ev(args[0]);
    let i = 1;
    for (; i + 1 < args.length; i += 2) {
        if (equal(subject, ev(args[i]))) return ev(args[i + 1]);
    }
    return ev(args[i]);
}

/** Set by the evaluator (avoids a module cycle): equality of two engine values. */
let equality: (a: unknown, b: unknown) => boolean = (a, b) => a === b;
export function setEquality(equal: (a: unknown, b: unknown) => boolean): void {
    equality = equal;
}

export const IMPLEMENTATIONS: Readonly<Record<string, FunctionImpl>> = {
    IF: (args, ev) => (toBoolean(ev(args[0]), 'IF') ? ev(args[1]) : ev(args[2])),
    CASE: (args, ev) => caseOf(args, ev, equality),
    AND: (args, ev) => args.every((arg) => toBoolean(ev(arg), 'AND')),
    OR: (args, ev) => args.some((arg) => toBoolean(ev(arg), 'OR')),
    NOT: (args, ev) => !toBoolean(ev(args[0]), 'NOT'),
    ISBLANK: (args, ev) => isBlank(ev(args[0])),
    ISNULL: (args, ev) => {
        const value = ev(args[0]);
        return value === null || value === undefined;
    },
    BLANKVALUE: (args, ev) => firstMatching(args, ev, isBlank),
    NULLVALUE: (args, ev) => firstMatching(args, ev, (value) => value === null || value === undefined),
    ISPICKVAL: (args, ev) => toText(ev(args[0])) === argText(args, ev, 1),
    INCLUDES: (args, ev) => {
        const value = ev(args[0]);
        const wanted = argText(args, ev, 1);
        const items = Array.isArray(value) ? value.map(toText) : toText(value).split(';');
        return wanted !== '' && items.includes(wanted);
    },
    ISNUMBER: (args, ev) => {
        const value = ev(args[0]);
        return typeof value === 'number' || (typeof value === 'string' && VALUE_TEXT.test(value.trim()));
    },
    TEXT: (args, ev) => toText(ev(args[0])),
    VALUE: (args, ev) => {
        const value = ev(args[0]);
        if (value === null || value === undefined) return null;
        if (typeof value === 'number') return value;
        return valueOfText(toText(value));
    },
    LEN: (args, ev) => {
        const value = ev(args[0]);
        return Array.isArray(value) ? value.length : toText(value).length;
    },
    LEFT: (args, ev) => {
        const n = ev(args[1]);
        return n === null ? null : argText(args, ev, 0).slice(0, countOf(toNumber(n, 'LEFT')));
    },
    RIGHT: (args, ev) => {
        const n = ev(args[1]);
        if (n === null) return null;
        const value = argText(args, ev, 0);
        const length = countOf(toNumber(n, 'RIGHT'));
        return length === 0 ? '' : value.slice(-length);
    },
    MID: (args, ev) => {
        const values = numbers(args.slice(1), ev, 'MID');
        if (values === null) return null;
        const start = Math.max(1, wholeNumber(values[0]));
        return argText(args, ev, 0).substr(start - 1, countOf(values[1]));
    },
    FIND: (args, ev) => {
        const search = argText(args, ev, 0);
        const within = argText(args, ev, 1);
        const startValue = args.length > 2 ? ev(args[2]) : 1;
        const start = startValue === null ? 1 : wholeNumber(toNumber(startValue, 'FIND'));
        if (search === '' || start < 1) return 0;
        return within.indexOf(search, start - 1) + 1;
    },
    CONTAINS: (args, ev) => {
        const haystack = ev(args[0]);
        const needle = ev(args[1]);
        if (Array.isArray(haystack)) {
            return haystack.some((item) => item === needle || toText(item) === toText(needle));
        }
        return toText(haystack).includes(toText(needle));
    },
    BEGINS: (args, ev) => argText(args, ev, 0).startsWith(argText(args, ev, 1)),
    SUBSTITUTE: (args, ev) => {
        const value = argText(args, ev, 0);
        const old = argText(args, ev, 1);
        const replacement = argText(args, ev, 2);
        if (old === '') return value;
        const occurrences = value.split(old).length - 1;
        if (value.length + occurrences * (replacement.length - old.length) > MAX_TEXT_LENGTH) {
            tooLong('SUBSTITUTE');
        }
        return value.split(old).join(replacement);
    },
    TRIM: (args, ev) => argText(args, ev, 0).replace(/^[ \t]+|[ \t]+$/g, ''),
    UPPER: (args, ev) => argText(args, ev, 0).toUpperCase(),
    LOWER: (args, ev) => argText(args, ev, 0).toLowerCase(),
    LPAD: padded('left'),
    RPAD: padded('right'),
    ABS: math('ABS', Math.abs),
    CEILING: math('CEILING', (n) => roundDecimal(n, 0, 'up')),
    FLOOR: math('FLOOR', (n) => roundDecimal(n, 0, 'down')),
    ROUND: math('ROUND', (n, digits) => roundDecimal(n, wholeNumber(digits), 'halfUp')),
    MOD: math('MOD', (n, divisor) => {
        if (divisor === 0) throw new FormulaError('MOD by zero: the divisor must not be 0', 'DIVISION_BY_ZERO');
        return n % divisor;
    }),
    MAX: math('MAX', Math.max),
    MIN: math('MIN', Math.min),
    SQRT: math('SQRT', (n) => {
        if (n < 0) throw new FormulaError(`SQRT of a negative number (${plainNumber(n)})`, 'INVALID_ARGUMENT');
        return Math.sqrt(n);
    }),
    EXP: math('EXP', Math.exp),
    LN: math('LN', (n) => {
        if (n <= 0) throw new FormulaError(`LN needs a positive number, not ${plainNumber(n)}`, 'INVALID_ARGUMENT');
        return Math.log(n);
    }),
    LOG: math('LOG', (n) => {
        if (n <= 0) throw new FormulaError(`LOG needs a positive number, not ${plainNumber(n)}`, 'INVALID_ARGUMENT');
        return Math.log10(n);
    }),
    POWER: math('POWER', power),
    TODAY: (_args, _ev, now) => localDate(now()),
    NOW: (_args, _ev, now) => dateTimeFromMs(now().getTime()),
    DATE: (args, ev) => {
        const values = numbers(args, ev, 'DATE');
        return values === null ? null : dateFromParts(values[0], values[1], values[2]);
    },
    DATEVALUE: (args, ev) => {
        const value = ev(args[0]);
        if (value === null || value === undefined) return null;
        if (value instanceof FormulaDate) return value;
        if (value instanceof FormulaDateTime) return dateFromDays(Math.floor(value.ms / DAY_MS));
        const trimmed = toText(value).trim();
        if (isValidDateText(trimmed)) return new FormulaDate(Date.parse(trimmed) / DAY_MS);
        if (/^\d{4}-\d{2}-\d{2}[ T]/.test(trimmed)) {
            return dateFromDays(Math.floor(dateTimeOfText(trimmed).ms / DAY_MS));
        }
        throw new FormulaError(`DATEVALUE cannot read ${quote(value)}: write "YYYY-MM-DD"`, 'INVALID_DATE');
    },
    DATETIMEVALUE: (args, ev) => {
        const value = ev(args[0]);
        if (value === null || value === undefined) return null;
        if (value instanceof FormulaDateTime) return value;
        if (value instanceof FormulaDate) return dateTimeFromMs(value.days * DAY_MS);
        return dateTimeOfText(toText(value));
    },
    YEAR: datePart('YEAR', (d) => dateParts(d).year),
    MONTH: datePart('MONTH', (d) => dateParts(d).month),
    DAY: datePart('DAY', (d) => dateParts(d).day),
    WEEKDAY: datePart('WEEKDAY', (d) => ((((d.days + 4) % 7) + 7) % 7) + 1),
    ADDMONTHS: (args, ev) => {
        const value = ev(args[0]);
        const monthsValue = ev(args[1]);
        if (value === null || monthsValue === null) return null;
        const date = toDate(value, 'ADDMONTHS');
        const months = wholeNumber(toNumber(monthsValue, 'ADDMONTHS'));
        const { year, month, day } = dateParts(date);
        const index = year * 12 + (month - 1) + months;
        const targetYear = Math.floor(index / 12);
        const targetMonth = (index % 12) + 1;
        if (targetYear < MIN_YEAR || targetYear > MAX_YEAR) rangeError(`ADDMONTHS(${dateText(date)}, ${months})`);
        const last = daysInMonth(targetYear, targetMonth);
        const targetDay = day === daysInMonth(year, month) ? last : Math.min(day, last);
        return dateFromParts(targetYear, targetMonth, targetDay);
    }
};

/** number ^ exponent; a FormulaError when the result is not a real number (e.g. (-8) ^ 0.5). */
export function power(base: number, exponent: number): number {
    const result = base ** exponent;
    if (Number.isNaN(result)) {
        throw new FormulaError(
            `${plainNumber(base)} ^ ${plainNumber(exponent)} is not a real number`,
            'INVALID_ARGUMENT'
        );
    }
    return result;
}
