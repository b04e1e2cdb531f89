/*
 * Cell display of c-dynamic-data-table: turns a record's value into the text, link or check mark a cell shows.
 * Formatters are built once per column plan (Intl objects are costly to create) and only ever run for the rows in
 * the rendered window, so the cost of a render does not grow with the number of loaded rows.
 */
import { linkIdOf, valueAt } from './columns';
import type { CellType, GridColumn, Row } from './columns';
import { cellStyleFor } from './cellStyles';

export interface CellDisplay {
    /** Text shown (and the tooltip); '' for an empty value. */
    text: string;
    /** Link target for record links, emails, phones and URLs. */
    href?: string;
    /** '_blank' for external URLs. */
    target?: string;
    /** Boolean columns: true shows a check mark (text "Checked" is its accessible label). */
    checked?: boolean;
    /** Boolean columns: false shows no mark, only the assistive text "Not checked". */
    unchecked?: boolean;
    /** A cell style rule matched (cellStyles.ts): the text shows as a badge with these classes… */
    badgeClass?: string;
    /** …or takes this colour class. */
    textClass?: string;
}

export interface FormatOptions {
    locale?: string;
    currency?: string;
    timeZone?: string;
    /** Builds a record link URL from an Id. */
    recordUrl: (id: string) => string;
}

type Formatter = (record: Row) => CellDisplay;

const EMPTY: CellDisplay = Object.freeze({ text: '' }) as CellDisplay;
const CHECKED: CellDisplay = Object.freeze({ text: 'Checked', checked: true }) as CellDisplay;
const NOT_CHECKED: CellDisplay = Object.freeze({ text: 'Not checked', unchecked: true }) as CellDisplay;

/**
 * Label of a picklist value; multi-select values (A;B) show each label, joined by "; ". A value without a label
 * (inactive, or not in the value set) shows as itself.
 */
export function picklistText(value: string, labels: Readonly<Record<string, string>>): string {
    const own = (v: string): string => (Object.prototype.hasOwnProperty.call(labels, v) ? labels[v] : v);
    return value.indexOf(';') < 0 ? own(value) : value.split(';').map(own).join('; ');
}

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

function numeric(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** Date-only values (YYYY-MM-DD) are calendar days: formatted in UTC so no time zone shifts the day. */
function parseDateOnly(value: string): Date | undefined {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return undefined;
    return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function hasScheme(url: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Only web and mail links become hrefs; anything else (javascript:, data:) is shown as text. */
function safeExternalUrl(url: string): string | undefined {
    const absolute = hasScheme(url) ? url : `https://${url}`;
    return /^(https?|mailto|tel):/i.test(absolute) ? absolute : undefined;
}

function formatterFor(column: GridColumn, options: FormatOptions): Formatter {
    const { locale, timeZone } = options;
    const path = column.path;
    const numberWith = (format: Intl.NumberFormat, scale = 1): Formatter => {
        return (record) => {
            const n = numeric(valueAt(record, path));
            return n === undefined ? textOf(valueAt(record, path)) : { text: format.format(n * scale) };
        };
    };
    const type: CellType = column.type;
    switch (type) {
        case 'integer':
            return numberWith(new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
        case 'number':
            return numberWith(new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }));
        case 'currency':
            return numberWith(
                new Intl.NumberFormat(locale, { style: 'currency', currency: options.currency || 'USD' })
            );
        case 'percent':
            // Salesforce stores 12.5 for 12.5 %
            return numberWith(new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }), 0.01);
        case 'date': {
            const format = new Intl.DateTimeFormat(locale, {
                year: 'numeric',
                month: 'short',
                day: '2-digit',
                timeZone: 'UTC'
            });
            return (record) => {
                const value = valueAt(record, path);
                const date = typeof value === 'string' ? parseDateOnly(value) : undefined;
                return date ? { text: format.format(date) } : textOf(value);
            };
        }
        case 'datetime': {
            const format = new Intl.DateTimeFormat(locale, {
                year: 'numeric',
                month: 'short',
                day: '2-digit',
                hour: '2-digit',
                minute: '2-digit',
                timeZone: timeZone || undefined
            });
            return (record) => {
                const value = valueAt(record, path);
                const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
                return date && !Number.isNaN(date.getTime()) ? { text: format.format(date) } : textOf(value);
            };
        }
        case 'email':
            return (record) => {
                const value = valueAt(record, path);
                return isBlank(value) ? EMPTY : { text: String(value), href: `mailto:${String(value)}` };
            };
        case 'phone':
            return (record) => {
                const value = valueAt(record, path);
                if (isBlank(value)) return EMPTY;
                const text = String(value);
                return { text, href: `tel:${text.replace(/[^\d+]/g, '')}` };
            };
        case 'url':
            return (record) => {
                const value = valueAt(record, path);
                if (isBlank(value)) return EMPTY;
                const href = safeExternalUrl(String(value));
                return href ? { text: String(value), href, target: '_blank' } : { text: String(value) };
            };
        case 'boolean':
            return (record) => {
                const value = valueAt(record, path);
                if (value === true) return CHECKED;
                return value === false ? NOT_CHECKED : EMPTY;
            };
        case 'picklist': {
            const labels = column.labels;
            return (record) => {
                const value = valueAt(record, path);
                if (isBlank(value) || !labels) return textOf(value);
                return { text: picklistText(String(value), labels) };
            };
        }
        case 'recordLink': {
            const target = column.linkTarget ?? '';
            const labelPath = column.labelPath ?? path;
            return (record) => {
                const id = linkIdOf(record, target);
                const label = valueAt(record, labelPath);
                if (!id) return textOf(label);
                return { text: isBlank(label) ? id : String(label), href: options.recordUrl(id) };
            };
        }
        default:
            return (record) => textOf(valueAt(record, path));
    }
}

function textOf(value: unknown): CellDisplay {
    if (isBlank(value)) return EMPTY;
    if (typeof value === 'object') return { text: JSON.stringify(value) };
    return { text: String(value) };
}

/** A column with cell styles: the formatted display plus the look of the first rule its raw value matches. */
function styled(column: GridColumn, format: Formatter): Formatter {
    const rules = column.cellStyles;
    if (!rules?.length) return format;
    return (record) => {
        const display = format(record);
        const style = cellStyleFor(rules, valueAt(record, column.path));
        // a blank cell has nothing to show a badge for
        return style && display.text ? { ...display, ...style } : display;
    };
}

/** One formatter per column, in column order. */
export function buildFormatters(columns: readonly GridColumn[], options: FormatOptions): Formatter[] {
    return columns.map((column) => styled(column, formatterFor(column, options)));
}

export type { Formatter };
