/*
 * Display logic of c-dc-run-history, kept free of the component so it is tested on its own: status labels, the
 * failed records of a run (each failed Id with its chunk's message) and their CSV, dates and counts as text.
 * Chunks are shown and exported 1-based ("Chunk 1" is index 0), the way a user counts them.
 */
import { FINISHED_RUN_STATUSES, RUN_STATUS_LABELS, csvFileName, toCsv } from 'c/dcRuntime';
import type { FlowRunChunkStatus, FlowRunView } from 'c/dcRuntime';

export { RUN_STATUS_LABELS };

export const CHUNK_STATUS_LABELS: Readonly<Record<FlowRunChunkStatus, string>> = Object.freeze({
    Queued: 'Queued',
    Running: 'Running',
    Done: 'Done',
    Failed: 'Failed',
    Cancelled: 'Cancelled'
});

/** The CSV's columns, in order. */
export const FAILED_RECORD_COLUMNS: readonly { label: string }[] = Object.freeze([
    { label: 'Record Id' },
    { label: 'Chunk' },
    { label: 'Message' }
]);

/** Shown for a failed Id whose chunk has no message (the server always sets one; older runs may not). */
export const NO_MESSAGE = 'The flow failed on this chunk (no message recorded).';

export interface FailedRecord {
    recordId: string;
    /** 1-based chunk number. */
    chunk: number;
    message: string;
}

export function runStatusLabel(status: string): string {
    return (RUN_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function chunkStatusLabel(status: string): string {
    return (CHUNK_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function isFinished(run: Pick<FlowRunView, 'status'>): boolean {
    return FINISHED_RUN_STATUSES.includes(run.status);
}

/** Every failed Id of the run's chunks, in chunk order, each with its chunk's message. */
export function failedRecords(run: Pick<FlowRunView, 'chunks'>): FailedRecord[] {
    const records: FailedRecord[] = [];
    const chunks = [...(run.chunks ?? [])].sort((a, b) => a.index - b.index);
    for (const chunk of chunks) {
        for (const recordId of chunk.failedIds ?? []) {
            records.push({ recordId, chunk: chunk.index + 1, message: chunk.message || NO_MESSAGE });
        }
    }
    return records;
}

/** The "Download failed records (CSV)" file: BOM, header Record Id,Chunk,Message, one line per failed Id. */
export function failedRecordsCsv(run: Pick<FlowRunView, 'chunks'>): string {
    return toCsv(
        FAILED_RECORD_COLUMNS,
        failedRecords(run).map((r) => [r.recordId, String(r.chunk), r.message])
    );
}

export function failedRecordsFileName(run: Pick<FlowRunView, 'name' | 'id'>): string {
    return csvFileName(`${run.name || run.id} failed records`);
}

/** Newest first by startedAt (ISO date-times compare as text), then by Id, like the server's ORDER BY. */
export function newestFirst(runs: readonly FlowRunView[]): FlowRunView[] {
    return [...runs].sort((a, b) => {
        const byStart = (b.startedAt ?? '').localeCompare(a.startedAt ?? '');
        return byStart || (b.id ?? '').localeCompare(a.id ?? '');
    });
}

/** Date and time in the user's locale and time zone; '' for none, the raw text when it is no date. */
export function dateTimeText(value: string | null | undefined, locale: string, timeZone: string): string {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    try {
        return new Intl.DateTimeFormat(locale || undefined, { ...options, timeZone: timeZone || undefined }).format(
            date
        );
    } catch {
        // an unknown locale or time zone id: the browser's own still gives a readable date
        return new Intl.DateTimeFormat(undefined, options).format(date);
    }
}

export function countText(value: number | null | undefined, locale: string): string {
    if (value === null || value === undefined || Number.isNaN(value)) return '';
    try {
        return new Intl.NumberFormat(locale || undefined).format(value);
    } catch {
        return String(value);
    }
}
