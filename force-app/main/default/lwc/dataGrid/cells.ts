/*
 * Cell display of c-dynamic-data-table: turns a record's value into the text, link or check mark a cell shows.
 * Formatters are built once per column plan (Intl objects are costly to create) and only ever run for the rows in
 * the rendered window, so the cost of a render does not grow with the number of loaded rows.
 */
import { textFormatter } from 'c/dcRuntime';
import type { DisplayKind } from 'c/dcRuntime';
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

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

function hasScheme(url: string): boolean {
    return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** Only web and mail links become hrefs; anything else (javascript:, data:) is shown as text. */
function safeExternalUrl(url: string): string | undefined {
    const absolute = hasScheme(url) ? url : `https://${url}`;
    return /^(https?|mailto|tel):/i.test(absolute) ? absolute : undefined;
}

/** The kinds textFormatter (c/dcRuntime) shows: the same text as the CSV export and the rest of the runtime. */
const TEXT_KINDS: ReadonlySet<CellType> = new Set<CellType>([
    'integer',
    'number',
    'currency',
    'percent',
    'date',
    'datetime',
    'picklist'
]);

function formatterFor(column: GridColumn, options: FormatOptions): Formatter {
    const path = column.path;
    const type: CellType = column.type;
    if (TEXT_KINDS.has(type)) {
        const text = textFormatter(type as DisplayKind, (record) => valueAt(record, path), {
            locale: options.locale,
            currency: options.currency,
            timeZone: options.timeZone,
            labels: column.labels ?? null
        });
        return (record) => {
            const shown = text(record);
            return shown ? { text: shown } : EMPTY;
        };
    }
    switch (type) {
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
