/*
 * Display text of a record's field value, as the Data Table shows it: picklist labels, lookup names, numbers,
 * currency, percent, dates and date-times in the user's locale and time zone. The same Intl options as
 * dataGrid/cells.ts (the table's cells); used by the CSV export so a file reads like the table. Formatters are built
 * once per field (Intl objects are costly) and then run per row.
 */
import type { QueryFieldInfo } from './apexContract';

type Row = Record<string, unknown>;

export interface ValueFormatOptions {
    locale?: string;
    /** ISO code of CURRENCY values (default USD). */
    currency?: string;
    /** Date-times are shown in this time zone (dates are calendar days and never shift). */
    timeZone?: string;
}

/** Text of one record's value. */
export type ValueFormatter = (record: Row) => string;

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

/** Reads a dotted path (Account.Owner.Name) from a nested record; undefined past a null parent. */
export function valueAtPath(record: Row | null | undefined, path: string): unknown {
    if (path.indexOf('.') < 0) return record?.[path];
    let current: unknown = record;
    for (const part of path.split('.')) {
        if (current === null || current === undefined || typeof current !== 'object') return undefined;
        current = (current as Row)[part];
    }
    return current;
}

/**
 * Label of a picklist value; multi-select values (A;B) show each label, joined by "; ". A value without a label
 * (inactive, or not in the value set) shows as itself.
 */
export function picklistLabelText(value: string, labels: Readonly<Record<string, string>>): string {
    const own = (v: string): string => (Object.prototype.hasOwnProperty.call(labels, v) ? labels[v] : v);
    return value.indexOf(';') < 0 ? own(value) : value.split(';').map(own).join('; ');
}

function plainText(value: unknown): string {
    if (isBlank(value)) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function numeric(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

function safeNumberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    try {
        return new Intl.NumberFormat(locale, options);
    } catch {
        return new Intl.NumberFormat('en-US', { ...options, currency: options.currency ? 'USD' : undefined });
    }
}

function safeDateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    try {
        return new Intl.DateTimeFormat(locale, options);
    } catch {
        return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
}

/**
 * Remembers the text of repeated values (a column's dates repeat across thousands of rows; Intl formatting is the
 * costly part of an export). Bounded: starts over when full.
 */
function memoized(format: (value: string) => string, limit = 2000): (value: string) => string {
    let cache = new Map<string, string>();
    return (value) => {
        let text = cache.get(value);
        if (text === undefined) {
            text = format(value);
            if (cache.size >= limit) cache = new Map();
            cache.set(value, text);
        }
        return text;
    };
}

/** Relationship of a lookup field: AccountId → Account, Parent__c → Parent__r. */
function relationshipOf(path: string): string | undefined {
    if (path.endsWith('__c')) return `${path.slice(0, -3)}__r`;
    if (path.length > 2 && path.endsWith('Id')) return path.slice(0, -2);
    return undefined;
}

/**
 * How a value is shown, named as dataGrid's CellType names them (the table's cells and the export share these
 * formatters): text, integer, number, currency, percent, date, datetime, boolean, picklist.
 */
export type DisplayKind =
    'text' | 'integer' | 'number' | 'currency' | 'percent' | 'date' | 'datetime' | 'boolean' | 'picklist';

/** The display kind of a Schema.DisplayType name (REFERENCE is valueFormatter's concern: it shows a name). */
export function displayKindOf(displayType: string | null | undefined): DisplayKind {
    switch ((displayType ?? '').toUpperCase()) {
        case 'INTEGER':
        case 'LONG':
            return 'integer';
        case 'DOUBLE':
            return 'number';
        case 'CURRENCY':
            return 'currency';
        case 'PERCENT':
            return 'percent';
        case 'DATE':
            return 'date';
        case 'DATETIME':
            return 'datetime';
        case 'BOOLEAN':
            return 'boolean';
        case 'PICKLIST':
        case 'MULTIPICKLIST':
            return 'picklist';
        default:
            return 'text';
    }
}

export interface TextFormatOptions extends ValueFormatOptions {
    /** picklist: labels by API value (QueryFieldInfo.picklistLabels). */
    labels?: Readonly<Record<string, string>> | null;
}

/**
 * The text of a value of one kind, with the Intl formats built once: numbers and currency in the locale (percent:
 * Salesforce stores 12.5 for 12.5 %), dates as calendar days (never shifted by a zone), date-times in the time zone,
 * picklist labels, checkboxes "true" / "false" (the grid shows an icon instead). A value the kind cannot read, and
 * any text, shows as itself ('' for blank, JSON for an object).
 */
export function textFormatter(
    kind: DisplayKind,
    read: (record: Row) => unknown,
    options: TextFormatOptions = {}
): ValueFormatter {
    const { locale, timeZone } = options;
    const withNumber = (format: Intl.NumberFormat, scale = 1): ValueFormatter => {
        return (record) => {
            const value = read(record);
            const n = numeric(value);
            return n === undefined ? plainText(value) : format.format(n * scale);
        };
    };
    switch (kind) {
        case 'integer':
            return withNumber(safeNumberFormat(locale, { maximumFractionDigits: 0 }));
        case 'number':
            return withNumber(safeNumberFormat(locale, { maximumFractionDigits: 6 }));
        case 'currency':
            return withNumber(safeNumberFormat(locale, { style: 'currency', currency: options.currency || 'USD' }));
        case 'percent':
            return withNumber(safeNumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }), 0.01);
        case 'date': {
            const format = safeDateFormat(locale, { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' });
            const text = memoized((value) => {
                const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
                return m ? format.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))) : value;
            });
            return (record) => {
                const value = read(record);
                return typeof value === 'string' && value ? text(value) : plainText(value);
            };
        }
        case 'datetime': {
            const format = safeDateFormat(locale, {
                year: 'numeric',
                month: 'short',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                timeZone: timeZone || undefined
            });
            return (record) => {
                const value = read(record);
                const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
                return date && !Number.isNaN(date.getTime()) ? format.format(date) : plainText(value);
            };
        }
        case 'boolean':
            return (record) => {
                const value = read(record);
                return value === true ? 'true' : value === false ? 'false' : plainText(value);
            };
        case 'picklist': {
            const labels = options.labels;
            return (record) => {
                const value = read(record);
                return isBlank(value) || !labels ? plainText(value) : picklistLabelText(String(value), labels);
            };
        }
        default:
            return (record) => plainText(read(record));
    }
}

/**
 * The formatter of one field: by its describe type (Schema.DisplayType name), through textFormatter. A lookup
 * (REFERENCE) shows the related record's name (QueryFieldInfo.nameField, else <Relationship>.Name), and its Id only
 * when there is no name.
 */
export function valueFormatter(
    path: string,
    field: QueryFieldInfo | undefined,
    options: ValueFormatOptions = {}
): ValueFormatter {
    const read = (record: Row): unknown => valueAtPath(record, path);
    switch ((field?.type ?? '').toUpperCase()) {
        case 'REFERENCE': {
            const dot = path.lastIndexOf('.');
            const relationship = relationshipOf(path.slice(dot + 1));
            const namePath =
                field?.nameField ||
                (relationship ? `${dot < 0 ? '' : path.slice(0, dot + 1)}${relationship}.Name` : '');
            return (record) => {
                const name = namePath ? valueAtPath(record, namePath) : undefined;
                return isBlank(name) ? plainText(read(record)) : String(name);
            };
        }
        default:
            return textFormatter(displayKindOf(field?.type), read, { ...options, labels: field?.picklistLabels });
    }
}
