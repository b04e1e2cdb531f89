/*
 * Typed values of the formula engine. Inside an evaluation a Date and a DateTime are objects (FormulaDate,
 * FormulaDateTime), never text, so `NOW() + 1` adds a day and `TEXT(NOW())` prints Salesforce's format. At the
 * edges they are plain JSON values again: a Date is 'YYYY-MM-DD', a DateTime an ISO 8601 text in UTC.
 *
 * Numbers are IEEE doubles; every arithmetic result is normalised to 15 significant digits (so 0.1 + 0.2 is 0.3, as
 * Salesforce shows it) and must be finite. ROUND, CEILING and FLOOR work on the decimal digits of the number, so
 * ROUND(1.005, 2) is 1.01 (half up), not the 1 that binary floating point gives.
 */
import { FormulaError } from './ast';
import { calendarProblem, isValidDateText, isValidDateTimeText, MAX_YEAR, MIN_YEAR } from './calendar';

export const DAY_MS = 86_400_000;
/** Longest text a formula may build (the size of a Long Text Area); beyond it evaluation stops with a FormulaError. */
export const MAX_TEXT_LENGTH = 131_072;

/** A calendar date; `days` counts days since 1970-01-01. Always within MIN_YEAR..MAX_YEAR. */
export class FormulaDate {
    constructor(readonly days: number) {}
}

/** An instant; `ms` counts milliseconds since 1970-01-01T00:00:00Z. Always within MIN_YEAR..MAX_YEAR (UTC). */
export class FormulaDateTime {
    constructor(readonly ms: number) {}
}

const MIN_DAYS = Date.UTC(MIN_YEAR, 0, 1) / DAY_MS;
const MAX_DAYS = Date.UTC(MAX_YEAR, 11, 31) / DAY_MS;

/** Throws the FormulaError for a date outside MIN_YEAR..MAX_YEAR. */
export function rangeError(what: string): never {
    throw new FormulaError(
        `${what} is outside the dates Salesforce supports (${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31)`,
        'DATE_OUT_OF_RANGE'
    );
}

/** A Date `days` after 1970-01-01; a FormulaError when it is not a whole day in range. */
export function dateFromDays(days: number): FormulaDate {
    if (!Number.isFinite(days) || days < MIN_DAYS || days > MAX_DAYS) rangeError('The resulting date');
    return new FormulaDate(Math.trunc(days));
}

export function dateTimeFromMs(ms: number): FormulaDateTime {
    if (!Number.isFinite(ms) || ms < MIN_DAYS * DAY_MS || ms >= (MAX_DAYS + 1) * DAY_MS) {
        rangeError('The resulting date-time');
    }
    return new FormulaDateTime(Math.round(ms));
}

/** DATE(year, month, day): a FormulaError naming the problem for 30 February, month 13 or the year 99. */
export function dateFromParts(year: number, month: number, day: number): FormulaDate {
    const problem =
        Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
            ? calendarProblem(year, month, day)
            : `year, month and day must be whole numbers (got ${year}, ${month}, ${day})`;
    if (problem) throw new FormulaError(`DATE(${year}, ${month}, ${day}) is not a date: ${problem}`, 'INVALID_DATE');
    return new FormulaDate(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dateParts(date: FormulaDate): { year: number; month: number; day: number } {
    const d = new Date(date.days * DAY_MS);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function pad(n: number, width = 2): string {
    return String(n).padStart(width, '0');
}

export function dateText(date: FormulaDate): string {
    const { year, month, day } = dateParts(date);
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** TEXT() of a DateTime: "YYYY-MM-DD HH:MM:SSZ", always GMT (Salesforce's documented format). */
export function dateTimeText(value: FormulaDateTime): string {
    return new Date(value.ms).toISOString().slice(0, 19).replace('T', ' ') + 'Z';
}

/** Local calendar date of a JS Date (TODAY() is the user's day, not the GMT day). */
export function localDate(now: Date): FormulaDate {
    return dateFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * A value from the outside (a merge field) as the engine sees it: valid 'YYYY-MM-DD' text is a Date, valid ISO
 * date-time text or a JS Date is a DateTime, NaN is blank; everything else is unchanged.
 */
export function fromExternal(value: unknown): unknown {
    if (value === undefined) return null;
    if (typeof value === 'string') {
        if (value.length === 10 && isValidDateText(value)) return new FormulaDate(Date.parse(value) / DAY_MS);
        if (value.length >= 16 && value[10] === 'T' && isValidDateTimeText(value)) {
            const ms = Date.parse(value);
            if (Number.isFinite(ms)) return new FormulaDateTime(ms);
        }
        return value;
    }
    if (typeof value === 'number') {
        if (Number.isNaN(value)) return null;
        if (!Number.isFinite(value)) {
            throw new FormulaError('A merge field holds an infinite number', 'NUMBER_OUT_OF_RANGE');
        }
        return value;
    }
    if (value instanceof Date) {
        return Number.isFinite(value.getTime()) ? new FormulaDateTime(value.getTime()) : null;
    }
    return value;
}

/** A formula result as a plain value: Date → 'YYYY-MM-DD', DateTime → ISO 8601 UTC, -0 → 0. */
export function toExternal(value: unknown): unknown {
    if (value instanceof FormulaDate) return dateText(value);
    if (value instanceof FormulaDateTime) return new Date(value.ms).toISOString();
    if (value === 0) return 0;
    return value;
}

// ------------------------------------------------------------------ numbers

/** A finite arithmetic result, normalised to 15 significant digits; a FormulaError otherwise. */
export function checkedNumber(value: number, where: string): number {
    if (!Number.isFinite(value)) {
        throw new FormulaError(`The result of ${where} is too large to be a number`, 'NUMBER_OUT_OF_RANGE');
    }
    if (Number.isInteger(value)) return value === 0 ? 0 : value;
    return Number(value.toPrecision(15));
}

/** Sign, digits (no leading zeros beyond one) and the position of the decimal point of a finite number. */
function decimalDigits(value: number): { negative: boolean; digits: string; point: number } {
    const text = String(Math.abs(value));
    const [mantissa, exponentText] = text.split('e');
    const exponent = exponentText ? Number(exponentText) : 0;
    const dot = mantissa.indexOf('.');
    const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
    const point = (dot < 0 ? mantissa.length : dot) + exponent;
    return { negative: value < 0, digits, point };
}

/** Plain decimal text of a finite number, never exponent notation: 1e21 → "1000000000000000000000". */
export function plainNumber(value: number): string {
    if (value === 0) return '0';
    const { negative, digits, point } = decimalDigits(value);
    let text: string;
    if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
    else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
    else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
    text = text.replace(/^0+(?=\d)/, '');
    if (text.includes('.')) text = text.replace(/\.?0+$/, '');
    return negative ? `-${text}` : text;
}

/**
 * Rounds the decimal value of `value` to `places` decimal places (negative: tens, hundreds…).
 * mode 'halfUp': ties away from zero (ROUND); 'up': away from zero (CEILING); 'down': towards zero (FLOOR).
 * Any number of places is accepted: more places than the number has return it unchanged, so ROUND(x, 400) is x.
 */
export function roundDecimal(value: number, places: number, mode: 'halfUp' | 'up' | 'down'): number {
    if (value === 0) return 0;
    const { negative, digits, point } = decimalDigits(value);
    const keep = point + places;
    if (keep >= digits.length) return value;
    const rest = keep < 0 ? digits : digits.slice(Math.max(keep, 0));
    const head = keep <= 0 ? '0' : digits.slice(0, keep);
    let roundUp: boolean;
    if (mode === 'down') roundUp = false;
    else if (mode === 'up') roundUp = /[1-9]/.test(rest);
    else roundUp = keep >= 0 && rest[0] >= '5';
    if (keep < 0 && mode !== 'up') return 0;
    // Rounding a number smaller than the first kept place away from zero gives one unit of that place.
    let mantissa = keep < 0 ? 1n : BigInt(head) + (roundUp ? 1n : 0n);
    if (negative) mantissa = -mantissa;
    const result = Number(`${mantissa.toString()}e${-places}`);
    return result === 0 ? 0 : result;
}

/** Whole-number view of a count argument (LEFT, MID, LPAD, ADDMONTHS…): truncated towards zero. */
export function wholeNumber(value: number): number {
    return Math.trunc(value);
}
