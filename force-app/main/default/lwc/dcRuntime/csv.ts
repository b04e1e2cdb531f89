/*
 * CSV for the exportCsv action: RFC 4180 (fields with '"', ',', CR or LF are quoted, inner quotes doubled, CRLF
 * line ends), UTF-8 with a byte order mark (so Excel reads accents right), and spreadsheet formula injection
 * neutralised.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with =, +, -, @ (or a tab or CR,
 * which some spreadsheets skip before reading the formula), so a record value such as `=HYPERLINK(...)` or a DDE
 * payload typed by any user would execute on the exporting user's machine. OWASP's fix is to prefix such cells with
 * a single quote, which makes the spreadsheet show them as text. Plain numbers ("-12.5", "-1,234") are no formula and
 * keep their sign, so negative amounts stay numbers.
 */

/** U+FEFF: Excel opens a UTF-8 CSV as UTF-8 only when it starts with this mark. */
export const CSV_BOM = '\uFEFF';
export const CSV_LINE_END = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number as a locale writes it (digits, group and decimal marks, optional %): safe to keep as is. */
const PLAIN_NUMBER = /^[-+]?\d[\d.,\u00a0\u202f '\u2019]*%?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes a cell a spreadsheet would run as a formula with `'` (OWASP); other text is returned unchanged. */
export function neutralizeFormula(text: string): string {
    return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Anything csvField must change: one test lets the common plain cell through untouched. */
const SPECIAL = /^[=+\-@\t\r]|[",\r\n]/;

/** One CSV field: neutralised, then quoted when it holds a quote, comma, CR or LF (inner quotes doubled). */
export function csvField(value: string | null | undefined): string {
    if (!value) return '';
    if (!SPECIAL.test(value)) return value;
    const text = neutralizeFormula(value);
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record with its CRLF line end. */
export function csvLine(cells: readonly (string | null | undefined)[]): string {
    let line = '';
    for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvField(cells[i]);
    return line + CSV_LINE_END;
}

/** The whole file: BOM, a header line of the column labels, one line per row (each ending in CRLF). */
export function toCsv(
    columns: readonly { label: string }[],
    rows: readonly (readonly (string | null | undefined)[])[]
): string {
    const parts = [CSV_BOM, csvLine(columns.map((c) => c.label))];
    for (const row of rows) parts.push(csvLine(row));
    return parts.join('');
}

/** Characters no file name may hold on Windows, macOS or Linux, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_CHARS = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name safe to download: unsafe characters become '_', and it ends in .csv. */
export function csvFileName(name: string): string {
    const safe = name.trim().replace(UNSAFE_FILE_CHARS, '_') || 'export';
    return /\.csv$/i.test(safe) ? safe : `${safe}.csv`;
}

/** The calendar day of `date` in `timeZone` as YYYY-MM-DD (the user's day, not UTC's). */
export function localDateText(date: Date, timeZone?: string): string {
    let parts: Intl.DateTimeFormatPart[];
    try {
        parts = new Intl.DateTimeFormat('en-US', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit'
        }).formatToParts(date);
    } catch {
        parts = new Intl.DateTimeFormat('en-US', {
            timeZone: 'UTC',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit'
        }).formatToParts(date);
    }
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The exportCsv default file name: `<ApiName>_<YYYY-MM-DD>.csv`, the date in the user's time zone. */
export function exportFileName(apiName: string, date: Date, timeZone?: string): string {
    return csvFileName(`${apiName}_${localDateText(date, timeZone)}`);
}
