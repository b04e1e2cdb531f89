/*
 * Calendar rules for Date and DateTime values, shared by the formula engine, the validator and the runtime's
 * value coercion (one place, so a date the validator accepts is a date the runtime and Apex accept).
 * Salesforce stores dates from 1700-01-01 to 4000-12-31; anything else is rejected, never shifted.
 */

export const MIN_YEAR = 1700;
export const MAX_YEAR = 4000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];

export interface CalendarDate {
    year: number;
    month: number;
    day: number;
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Why year/month/day is not a storable Salesforce date, or undefined when it is. */
export function calendarProblem(year: number, month: number, day: number): string | undefined {
    if (year < MIN_YEAR || year > MAX_YEAR) {
        return `the year ${year} is outside the range Salesforce stores (${MIN_YEAR} to ${MAX_YEAR})`;
    }
    if (month < 1 || month > 12) return `there is no month ${month}`;
    if (day < 1 || day > daysInMonth(year, month)) {
        return `${MONTHS[month - 1]} ${year} has no day ${day}`;
    }
    return undefined;
}

/** Why text is not a valid YYYY-MM-DD date, or undefined when it is. */
export function dateTextProblem(text: string): string | undefined {
    const m = ISO_DATE.exec(text);
    if (!m) return `'${text}' is not a date in the form YYYY-MM-DD`;
    return calendarProblem(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Why text is not a valid ISO 8601 date-time, or undefined when it is. */
export function dateTimeTextProblem(text: string): string | undefined {
    const m = ISO_DATETIME.exec(text);
    if (!m) return `'${text}' is not a date-time in the form YYYY-MM-DDThh:mm:ssZ`;
    const problem = calendarProblem(Number(m[1]), Number(m[2]), Number(m[3]));
    if (problem) return problem;
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
        return `'${text}' has a time of day that does not exist`;
    }
    const zone = m[8];
    if (zone && zone !== 'Z') {
        const hours = Number(zone.slice(1, 3));
        const minutes = Number(zone.slice(-2));
        if (hours > 14 || minutes > 59) return `'${text}' has a time zone offset that does not exist`;
    }
    return undefined;
}

export function isValidDateText(text: string): boolean {
    return dateTextProblem(text) === undefined;
}

export function isValidDateTimeText(text: string): boolean {
    return dateTimeTextProblem(text) === undefined;
}

/** The parts of a valid YYYY-MM-DD text, or undefined. */
export function parseDateText(text: string): CalendarDate | undefined {
    const m = ISO_DATE.exec(text);
    if (!m) return undefined;
    const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return calendarProblem(date.year, date.month, date.day) ? undefined : date;
}
