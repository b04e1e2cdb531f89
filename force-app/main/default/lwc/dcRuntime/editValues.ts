/*
 * Inline-edit input: turns what an editor returns (text typed in the user's locale, lightning-input's ISO dates and
 * date-times, a checkbox, a picklist choice) into the value a draft holds and saveRecords sends, or a message
 * saying what is wrong and how to fix it. Calendar rules come from dcExpressions (one place for what a date is).
 */
import { calendarProblem, dateTextProblem, dateTimeTextProblem } from 'c/dcExpressions';

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export interface EditValueOptions {
    /** The user's locale (Salesforce $User locale, BCP 47): group and decimal separators of typed numbers. */
    locale?: string;
    /** The user's time zone: a date-time typed without an offset is a wall-clock time there. */
    timeZone?: string;
    /** ISO currency code of CURRENCY fields: its symbol may be typed with the amount. */
    currency?: string;
    /** The field is required: clearing it is refused. */
    required?: boolean;
    /** Text fields: the field's length, when known. */
    maxLength?: number | null;
}

/** Message of a cleared required field (the wording of lightning-input's valueMissing). */
export const REQUIRED_MESSAGE = 'Complete this field.';

/** Salesforce number fields hold at most 18 digits. */
const MAX_DIGITS = 18;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const EMAIL_MAX = 80;
const PHONE_MAX = 40;
const URL_MAX = 255;

const EMAIL =
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^[0-9+\-().\s/]*[0-9][0-9+\-().\s/]*(\s*(x|ext\.?)\s*\d+)?$/i;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const WALL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const SPACES = /[\s\u00a0\u202f]/;

const ok = (value: unknown): ParseResult => ({ ok: true, value });
const fail = (message: string): ParseResult => ({ ok: false, message });

function sentence(problem: string): string {
    return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}

interface NumberSymbols {
    group: string;
    decimal: string;
    /** 1234.56 as the locale writes it, for messages. */
    example: string;
    wholeExample: string;
    format: Intl.NumberFormat;
}

const symbolsCache = new Map<string, NumberSymbols>();

/** The locale's group and decimal separators (Intl.NumberFormat), cached per locale. */
export function numberSymbols(locale?: string): NumberSymbols {
    const cacheKey = locale ?? '';
    let symbols = symbolsCache.get(cacheKey);
    if (!symbols) {
        let format: Intl.NumberFormat;
        try {
            format = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
        } catch {
            format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
        }
        const parts = format.formatToParts(1234567.5);
        symbols = {
            group: parts.find((p) => p.type === 'group')?.value ?? ',',
            decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
            example: format.format(1234.56),
            wholeExample: format.format(1234),
            format
        };
        symbolsCache.set(cacheKey, symbols);
    }
    return symbols;
}

/** Currency symbols the amount may carry ($, US$, €, USD). */
function currencySymbols(locale: string | undefined, currency: string | undefined): string[] {
    const code = currency || 'USD';
    const out = [code];
    try {
        for (const display of ['symbol', 'narrowSymbol'] as const) {
            const part = new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: display })
                .formatToParts(1)
                .find((p) => p.type === 'currency');
            if (part && !out.includes(part.value)) out.push(part.value);
        }
    } catch {
        // unknown currency code: only the code itself is stripped
    }
    return out.sort((a, b) => b.length - a.length);
}

/** A group of digits between group separators: the first 1–3 digits, the last exactly 3, others 2 or 3 (lakh). */
function validGrouping(groups: string[]): boolean {
    if (groups.length === 1) return true;
    return groups.every((g, i) => {
        if (i === 0) return g.length >= 1 && g.length <= 3;
        if (i === groups.length - 1) return g.length === 3;
        return g.length === 2 || g.length === 3;
    });
}

/**
 * Reads a number typed in the locale ("1.234,5" in de-DE, "1,234.5" in en-US, "1 234,5" in fr-FR): optional sign,
 * digits with correctly placed group separators, one decimal separator. Returns the number and its digit count, or
 * null when the text is not such a number (so "1.5" in de-DE is refused, never read as 15).
 */
export function parseLocaleNumber(text: string, locale?: string): { value: number; digits: number } | null {
    const { group, decimal } = numberSymbols(locale);
    let s = text.trim().replace(/\u2212/g, '-');
    let sign = '';
    if (s.startsWith('-') || s.startsWith('+')) {
        sign = s[0] === '-' ? '-' : '';
        s = s.slice(1).trim();
    }
    if (!s) return null;
    const spaceGroup = SPACES.test(group);
    const decimalAt = s.indexOf(decimal);
    if (decimalAt >= 0 && s.indexOf(decimal, decimalAt + 1) >= 0) return null;
    const whole = decimalAt >= 0 ? s.slice(0, decimalAt) : s;
    const fraction = decimalAt >= 0 ? s.slice(decimalAt + decimal.length) : '';
    if (decimalAt >= 0 && !/^\d+$/.test(fraction)) return null;
    const groups = whole === '' && decimalAt >= 0 ? ['0'] : spaceGroup ? whole.split(SPACES) : whole.split(group);
    if (!groups.every((g) => /^\d+$/.test(g)) || !validGrouping(groups)) return null;
    const digits = groups.join('');
    const value = Number(`${sign}${digits}${fraction ? `.${fraction}` : ''}`);
    if (!Number.isFinite(value)) return null;
    return { value, digits: digits.replace(/^0+(?=\d)/, '').length + fraction.length };
}

function isBlankInput(input: unknown): boolean {
    return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

function parseNumber(type: string, input: unknown, options: EditValueOptions): ParseResult {
    const symbols = numberSymbols(options.locale);
    const integer = type === 'INTEGER' || type === 'LONG';
    let value: number;
    let digits: number;
    if (typeof input === 'number') {
        if (!Number.isFinite(input)) return fail('Enter a number.');
        value = input;
        // String() writes 1e21 as '1e+21': anything that large has more digits than a field holds anyway
        const plain = String(Math.abs(input))
            .replace('.', '')
            .replace(/^0+(?=\d)/, '');
        digits = Math.abs(input) >= 1e18 ? MAX_DIGITS + 1 : plain.length;
    } else {
        let text = String(input).trim();
        if (type === 'PERCENT') text = text.replace(/^%\s*|\s*%$/g, '');
        if (type === 'CURRENCY') {
            for (const symbol of currencySymbols(options.locale, options.currency)) {
                if (text.startsWith(symbol) || text.startsWith(`-${symbol}`)) {
                    text = text.replace(symbol, '').trim();
                    break;
                }
                if (text.endsWith(symbol)) {
                    text = text.slice(0, -symbol.length).trim();
                    break;
                }
            }
        }
        const parsed = parseLocaleNumber(text, options.locale);
        if (!parsed) {
            const example = integer ? symbols.wholeExample : symbols.example;
            return fail(`'${String(input).trim()}' is not a number. Enter a number like ${example}.`);
        }
        value = parsed.value;
        digits = parsed.digits;
    }
    if (integer && !Number.isInteger(value)) {
        return fail(`Enter a whole number, without decimals, like ${symbols.wholeExample}.`);
    }
    if (type === 'INTEGER' && (value < INT_MIN || value > INT_MAX)) {
        return fail(
            `Enter a whole number between ${symbols.format.format(INT_MIN)} and ${symbols.format.format(INT_MAX)}.`
        );
    }
    if (type === 'LONG' && !Number.isSafeInteger(value)) {
        const max = symbols.format.format(Number.MAX_SAFE_INTEGER);
        return fail(`Enter a whole number between -${max} and ${max}.`);
    }
    if (digits > MAX_DIGITS) {
        return fail(`This number has ${digits} digits; a Salesforce number field holds at most ${MAX_DIGITS}.`);
    }
    return ok(value === 0 ? 0 : value); // -0 → 0
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The time zone's offset from UTC in ms at the instant `utc` (through Intl, so daylight saving is honoured). */
function zoneOffset(utc: number, timeZone: string): number {
    let format = offsetFormats.get(timeZone);
    if (!format) {
        format = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        offsetFormats.set(timeZone, format);
    }
    const p: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(utc))) p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
    return wall - (utc - (((utc % 1000) + 1000) % 1000));
}

/** UTC instant of a wall-clock time in a time zone (the later offset wins in the ambiguous autumn hour). */
export function wallTimeToUtc(wall: number, timeZone: string | undefined): number {
    if (!timeZone || timeZone === 'UTC') return wall;
    try {
        const first = wall - zoneOffset(wall, timeZone);
        const second = wall - zoneOffset(first, timeZone);
        return second;
    } catch {
        return wall; // an unknown zone name: read as UTC rather than refuse the user's input
    }
}

function parseDateTime(text: string, options: EditValueOptions): ParseResult {
    const problem = dateTimeTextProblem(text);
    if (problem) return fail(sentence(problem));
    const wall = WALL_DATETIME.exec(text);
    let instant: number;
    if (wall) {
        const ms = Number((wall[7] ?? '0').padEnd(3, '0').slice(0, 3));
        const local = Date.UTC(+wall[1], +wall[2] - 1, +wall[3], +wall[4], +wall[5], Number(wall[6] ?? 0), ms);
        instant = wallTimeToUtc(local, options.timeZone);
    } else {
        instant = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    }
    const date = new Date(instant);
    if (Number.isNaN(instant)) return fail(`'${text}' is not a date-time in the form YYYY-MM-DDThh:mm:ssZ.`);
    const range = calendarProblem(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (range) return fail(sentence(range));
    return ok(date.toISOString());
}

function parseUrl(text: string): ParseResult {
    if (text.length > URL_MAX)
        return fail(`This web address has ${text.length} characters; the field holds at most ${URL_MAX}.`);
    const invalid = `'${text}' is not a web address. Enter one like https://www.example.com.`;
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
    // only web addresses: javascript:, data: and the like are refused (the cell would link to them)
    if (/\s/.test(text) || (scheme && !/^(https?|ftp)$/i.test(scheme[1]))) return fail(invalid);
    if (!scheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) return fail(invalid);
    const host = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0];
    const validHost = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d+)?$/.test(host);
    if (!validHost || (!host.includes('.') && !/^localhost(:\d+)?$/i.test(host))) return fail(invalid);
    return ok(text);
}

/**
 * Reads an editor's value for a field of Schema.DisplayType `type`. Blank input is null (refused when required);
 * numbers are typed in options.locale (a JS number is taken as already parsed); DATE is lightning-input's
 * YYYY-MM-DD; DATETIME is ISO 8601 (with an offset, or a wall-clock time in options.timeZone) and comes back as
 * UTC `YYYY-MM-DDThh:mm:ss.sssZ`; MULTIPICKLIST takes an array or `A;B` and gives `A;B`.
 */
export function parseEditValue(type: string, input: unknown, options: EditValueOptions = {}): ParseResult {
    const kind = (type || 'STRING').toUpperCase();
    if (kind === 'BOOLEAN') {
        if (input === true || input === 'true') return ok(true);
        if (input === false || input === 'false' || isBlankInput(input)) return ok(false);
        return fail(`'${String(input)}' is not a checkbox value: use true or false.`);
    }
    if (kind === 'MULTIPICKLIST' && Array.isArray(input)) input = input.filter((v) => v !== '' && v != null).join(';');
    if (isBlankInput(input)) return options.required ? fail(REQUIRED_MESSAGE) : ok(null);
    const text = typeof input === 'string' ? input.trim() : String(input);
    switch (kind) {
        case 'DOUBLE':
        case 'INTEGER':
        case 'LONG':
        case 'CURRENCY':
        case 'PERCENT':
            return parseNumber(kind, input, options);
        case 'DATE': {
            const problem = dateTextProblem(text);
            return problem ? fail(sentence(problem)) : ok(text);
        }
        case 'DATETIME':
            return parseDateTime(text, options);
        case 'EMAIL':
            if (text.length > EMAIL_MAX) {
                return fail(`This email address has ${text.length} characters; the field holds at most ${EMAIL_MAX}.`);
            }
            return EMAIL.test(text)
                ? ok(text)
                : fail(`'${text}' is not an email address. Enter one like name@example.com.`);
        case 'PHONE':
            if (text.length > PHONE_MAX) {
                return fail(`This phone number has ${text.length} characters; the field holds at most ${PHONE_MAX}.`);
            }
            return PHONE.test(text)
                ? ok(text)
                : fail(
                      `'${text}' is not a phone number. Use digits, spaces and + ( ) - . only, like +1 (415) 555-0100.`
                  );
        case 'URL':
            return parseUrl(text);
        case 'REFERENCE':
            return RECORD_ID.test(text) ? ok(text) : fail(`'${text}' is not a record. Choose a record from the list.`);
        case 'MULTIPICKLIST': {
            const values = text
                .split(';')
                .map((v) => v.trim())
                .filter(Boolean);
            return ok(values.filter((v, i) => values.indexOf(v) === i).join(';'));
        }
        case 'PICKLIST':
            return ok(text);
        default: {
            // STRING, TEXTAREA, ENCRYPTEDSTRING, COMBOBOX: the text as typed (a text area keeps its line breaks)
            const value = typeof input === 'string' ? input : text;
            const max = options.maxLength;
            if (max && value.length > max) {
                return fail(
                    `This text has ${value.length} characters; the field holds at most ${max}. Shorten it by ${value.length - max}.`
                );
            }
            return ok(value);
        }
    }
}
