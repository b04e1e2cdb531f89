/*
 * The exportCsv action's engine: pages exportRows (through a fetchPage callback) until the server has no next page
 * or maxRows rows are in, formats each value as the table shows it (valueFormatter), and builds the CSV one page at
 * a time: a page's records become one CSV chunk and are dropped, so memory holds the text, not the records.
 */
import type { QueryCursor, QueryFieldInfo, QueryNotice, QueryResponse } from './apexContract';
import { CSV_BOM, csvLine } from './csv';
import { valueFormatter } from './format';
import type { ValueFormatOptions, ValueFormatter } from './format';

/** A column of the table, in the table's order: the field path and the header label. */
export interface ExportColumn {
    field: string;
    label: string;
}

export interface ExportProgress {
    /** Rows exported so far. */
    loaded: number;
    /** Rows to export (the server's count capped at maxRows), or null when the count is unknown. */
    total: number | null;
}

/** A column left out of the file because the running user cannot read its field. */
export interface ExportOmission {
    field: string;
    label: string;
    message: string;
}

export interface ExportOptions extends ValueFormatOptions {
    /**
     * Fetches one page of exportRows: `cursor` null for the first page (ask withCount then, for progress), else the
     * previous page's nextCursor.
     */
    fetchPage: (cursor: QueryCursor | null, pageIndex: number) => Promise<QueryResponse>;
    columns: readonly ExportColumn[];
    /** The table's field describe when already known; each response's fields are used too. */
    fields?: readonly QueryFieldInfo[];
    /** At most this many rows (the query's maxRows); none = every row the server returns. */
    maxRows?: number | null;
    onProgress?: (progress: ExportProgress) => void;
    signal?: AbortSignal;
}

export interface ExportResult {
    /** The file's text (BOM, header, rows), joined from `parts` when first read. */
    readonly csv: string;
    /** The file in chunks (one per page): `new Blob(parts)` without building one large string. */
    parts: string[];
    rowCount: number;
    /** Columns left out (unreadable fields), with the server's notice. */
    omitted: ExportOmission[];
    /** Every notice of the responses (omitted columns and others), once each. */
    notices: QueryNotice[];
    /** maxRows stopped the export while the server had more rows. */
    truncated: boolean;
}

/** Thrown when the signal aborts the export (name AbortError, like fetch's). */
export class ExportAbortedError extends Error {
    readonly code = 'ABORTED';
    constructor() {
        super('The export was cancelled.');
        this.name = 'AbortError';
    }
}

/** Pages may not make progress forever: a server bug that repeats a cursor must not hang the browser. */
const MAX_PAGES = 100000;

function throwIfAborted(signal: AbortSignal | undefined): void {
    if (signal?.aborted) throw new ExportAbortedError();
}

/** Exports the table's rows as CSV: see the module comment. Rejects with ExportAbortedError when aborted. */
export async function exportTable(options: ExportOptions): Promise<ExportResult> {
    const { fetchPage, columns, signal, onProgress } = options;
    const maxRows = options.maxRows && options.maxRows > 0 ? Math.floor(options.maxRows) : Infinity;
    const parts: string[] = [];
    const notices: QueryNotice[] = [];
    const noticeKeys = new Set<string>();
    let formatters: ValueFormatter[] | null = null;
    let kept: ExportColumn[] = [];
    let omitted: ExportOmission[] = [];
    let rowCount = 0;
    let total: number | null = null;
    let cursor: QueryCursor | null = null;
    let truncated = false;

    for (let page = 0; page < MAX_PAGES; page++) {
        throwIfAborted(signal);
        // each page needs the previous page's cursor: sequential by nature
        // eslint-disable-next-line no-await-in-loop
        const response = await fetchPage(cursor, page);
        throwIfAborted(signal);
        for (const notice of response.notices ?? []) {
            const key = `${notice.path}\u0000${notice.message}`;
            if (noticeKeys.has(key)) continue;
            noticeKeys.add(key);
            notices.push(notice);
        }
        if (!formatters) {
            const byPath = new Map<string, QueryFieldInfo>();
            for (const f of options.fields ?? []) byPath.set(f.path.toLowerCase(), f);
            for (const f of response.fields ?? []) byPath.set(f.path.toLowerCase(), f);
            const noticeOf = new Map((response.notices ?? []).map((n) => [n.path.toLowerCase(), n.message]));
            const returned = new Set((response.fields ?? []).map((f) => f.path.toLowerCase()));
            kept = [];
            omitted = [];
            for (const column of columns) {
                const path = column.field.toLowerCase();
                // the server leaves an unreadable column out of `fields` and says why in a notice of its path
                if (!returned.has(path)) {
                    omitted.push({
                        field: column.field,
                        label: column.label,
                        message:
                            noticeOf.get(path) ??
                            `You don't have access to ${column.label} (${column.field}), so it is left out of the file.`
                    });
                } else {
                    kept.push(column);
                }
            }
            formatters = kept.map((c) => valueFormatter(c.field, byPath.get(c.field.toLowerCase()), options));
            parts.push(CSV_BOM + csvLine(kept.map((c) => c.label)));
            if (typeof response.totalCount === 'number') total = Math.min(response.totalCount, maxRows);
        }
        const records = response.records ?? [];
        const take = Math.min(records.length, maxRows - rowCount);
        const lines: string[] = new Array<string>(take);
        const cells: string[] = new Array<string>(formatters.length);
        for (let r = 0; r < take; r++) {
            for (let c = 0; c < formatters.length; c++) cells[c] = formatters[c](records[r]);
            lines[r] = csvLine(cells);
        }
        // join makes one flat string per page: `+=` would keep a rope holding every cell's string alive
        if (take) parts.push(lines.join(''));
        rowCount += take;
        onProgress?.({ loaded: rowCount, total });
        const more = response.nextCursor !== null && response.nextCursor !== undefined;
        if (rowCount >= maxRows) {
            truncated = take < records.length || more;
            break;
        }
        if (!more) break;
        cursor = response.nextCursor;
    }

    let joined: string | null = null;
    return {
        get csv(): string {
            if (joined === null) joined = parts.join('');
            return joined;
        },
        parts,
        rowCount,
        omitted,
        notices,
        truncated
    };
}
