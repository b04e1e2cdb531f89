/*
 * CSV export benchmark (Node): exportTable over 50,000 rows served in exportRows pages of 2,000 (records made per
 * page, as the server sends them), 8 columns of every display type. Reports the time and the peak JS heap above the
 * baseline (sampled after every page and at the end, after a GC when --expose-gc is on), and the file size.
 *
 * Run: node --expose-gc node_modules/.bin/tsx bench/export.bench.ts [--rows 50000] [--runs 5]
 */
import { performance } from 'node:perf_hooks';
import { exportTable } from 'c/dcRuntime';
import type { QueryCursor, QueryFieldInfo, QueryResponse } from 'c/dcRuntime';

const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const ROWS = arg('--rows', 50_000);
const RUNS = Math.max(1, arg('--runs', 5));
const PAGE = 2_000;
const gc = (globalThis as { gc?: () => void }).gc;

const info = (path: string, type: string, extra: Partial<QueryFieldInfo> = {}): QueryFieldInfo => ({
    path,
    label: path,
    type,
    isNameField: false,
    referenceTo: null,
    sortable: true,
    ...extra
});
const FIELDS = [
    info('Name', 'STRING', { isNameField: true }),
    info('Status__c', 'PICKLIST', { picklistLabels: { InProgress: 'In Progress', New: 'New', Closed: 'Closed' } }),
    info('AccountId', 'REFERENCE', { referenceTo: 'Account', nameField: 'Account.Name' }),
    info('Amount__c', 'CURRENCY'),
    info('Rate__c', 'PERCENT'),
    info('CloseDate', 'DATE'),
    info('LastModifiedDate', 'DATETIME'),
    info('Description', 'TEXTAREA')
];
const COLUMNS = FIELDS.map((f) => ({ field: f.path, label: f.label }));
const STATUSES = ['New', 'InProgress', 'Closed'];

function fetchPage(cursor: QueryCursor | null): Promise<QueryResponse> {
    const start = cursor ? Number(cursor.id) + 1 : 0;
    const end = Math.min(ROWS, start + PAGE);
    const records: Record<string, unknown>[] = [];
    for (let i = start; i < end; i++) {
        records.push({
            Id: String(i),
            Name: `Opportunity ${i}`,
            Status__c: STATUSES[i % 3],
            AccountId: `001${String(i % 500).padStart(15, '0')}`,
            Account: { Id: `001${String(i % 500).padStart(15, '0')}`, Name: `Account ${i % 500}, Inc.` },
            Amount__c: (i * 37.5) % 100000,
            Rate__c: i % 100,
            CloseDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
            LastModifiedDate: new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString(),
            Description: i % 10 === 0 ? `Line one\nline "two" for ${i}` : `Note ${i}`
        });
    }
    return Promise.resolve({
        records,
        nextCursor: end < ROWS ? { sortValue: null, id: String(end - 1) } : null,
        totalCount: cursor ? undefined : ROWS,
        fields: FIELDS,
        notices: [],
        objectLabel: 'Opportunity',
        objectLabelPlural: 'Opportunities'
    });
}

async function once(): Promise<{ ms: number; peakMb: number; sizeMb: number }> {
    gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sample = (): void => {
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    };
    const t0 = performance.now();
    const result = await exportTable({
        fetchPage,
        columns: COLUMNS,
        locale: 'en-US',
        timeZone: 'Europe/Berlin',
        currency: 'USD',
        onProgress: sample
    });
    const ms = performance.now() - t0;
    sample();
    const size = result.parts.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);
    if (result.rowCount !== ROWS) throw new Error(`exported ${result.rowCount} rows, expected ${ROWS}`);
    return { ms, peakMb: peak / 2 ** 20, sizeMb: size / 2 ** 20 };
}

async function main(): Promise<void> {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once()); // runs one after another, on purpose
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ms = median(runs.map((r) => r.ms));
    const peak = median(runs.map((r) => r.peakMb));
    console.log(
        `CSV export of ${ROWS.toLocaleString('en-US')} rows × ${COLUMNS.length} columns (pages of ${PAGE}): ` +
            `median ${ms.toFixed(0)} ms, peak heap +${peak.toFixed(1)} MB over ${RUNS} runs; ` +
            `file ${runs[0].sizeMb.toFixed(1)} MB${gc ? '' : ' (run with node --expose-gc for a steady baseline)'}`
    );
}

void main();
