/*
 * `npm run bench`: our Data Table (c-dynamic-data-table) against lightning-datatable in the same headless Chromium,
 * as three peers: plain (default settings) and its virtualized modes, virtual (render-mode role-based) and
 * virtualInline (role-based-inline), both with renderConfig { virtualize: 'vertical' } (bench/benchPage.ts says
 * where that comes from). Every table has the same editable columns.
 *
 * 1. Load and browse, at 1,000 / 10,000 / 50,000 rows: time to first rows visible, full render (interactive),
 *    select-all, sort, scroll to the end, resolving SelectedRowsKeyValue for all rows, JS heap after GC.
 * 2. Editing, at 10,000 rows (--edit-rows): open an editor, type, commit a draft; 100 drafts across scrolled rows;
 *    mass edit of 1,000 selected rows (each table's own way: our "Apply to N selected rows", lightning-datatable's
 *    "Update N selected items").
 * 3. Export of 50,000 rows (--export-rows, ours: c/dcRuntime exportTable): time and peak JS heap.
 * 4. Execute Flow at scale (--run-records 25000, bench/runs.bench.ts): a chunked run started from the preview page;
 *    the longest main-thread task while it reports progress, the table's answers to input meanwhile, the preview's
 *    throughput and per-chunk bookkeeping cost. --run-runs N (default 1): each run seeds and runs 25,000 records.
 *
 * Median of N runs (default 5; a fresh page per run). Slow steps are capped (--cap seconds) and reported as "> N s";
 * a run capped at mounting is not repeated. Writes bench/results/latest.md (+ latest.json; --out <name> for another
 * name) and prints it.
 *
 *   npm run bench [-- --runs 5] [--sizes 1000,10000,50000] [--cap 90] [--only ours,plain,virtual,virtualInline]
 *                 [--steps load,edit,export,run] [--edit-rows 10000] [--edit-runs N] [--export-rows 50000]
 *                 [--run-records 25000] [--run-runs 1] [--out latest]
 *                 [--read-only]   (no editable columns: what editing costs the load steps)
 *
 * First it runs the definition validation benchmark (bench/definitions.bench.ts, Node only, a few seconds):
 * `--only definitions` runs just that one.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, sourcesNewestMtime, type BuildTarget } from '../preview/build';
import { launchBrowser } from '../e2e/lib/browser';
import type { CDPSession, Page } from 'playwright-core';
import { runDefinitionBench } from './definitions.bench';
import type { Kind, MountOptions, StepCondition } from './benchPage';
import { runFlowRunBench, runReport, type RunSample } from './runs.bench';

const ROOT = path.resolve(__dirname, '..');
const TARGET: BuildTarget = { name: 'bench', input: path.join(__dirname, 'benchPage.ts') };
const BUNDLE_DIR = path.join(ROOT, 'preview', 'dist', 'prod', 'bench');
const SLDS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">
<script type="module" src="/bundle/bench.js"></script></head>
<body style="margin:0;background:#fff"><div id="host" style="height:640px;padding:8px"></div></body></html>`;

const ALL_KINDS: Kind[] = ['ours', 'plain', 'virtual', 'virtualInline'];
type Peer = Exclude<Kind, 'ours'>;
const EDIT_TEXT = 'Edited value';
/**
 * typeLong: EDIT_TEXT five times (64 keys). typeText's 12 keys take about four frames, so its figure moves by a
 * whole frame (~16 ms) from run to run; over 64 keys a frame is a small part of the step.
 */
const EDIT_TEXT_LONG = Array(5).fill(EDIT_TEXT).join(' ');
const MASS_TEXT = 'Mass edited';
const MASS_ROWS = 1000;
const DRAFTS = 100;

/** The page API of bench/benchPage.ts (window.__bench). */
interface BenchApi {
    mount(
        kind: Kind,
        n: number,
        timeoutMs: number,
        options: MountOptions
    ): Promise<{ firstRows: number | null; fullRender: number | null; rowsInDom: number }>;
    armEvent(type: 'click' | 'keydown', what: StepCondition, arg: string | number | undefined, timeoutMs: number): void;
    clickResult(): Promise<number | null>;
    hostSort(): number;
    scrollToEnd(timeoutMs: number): Promise<number | null>;
    resolveKeys(): { ms: number; count: number };
    rowKey(index: number): string;
    scrollToRow(index: number, timeoutMs: number): Promise<number | null>;
    editButton(key: string): HTMLElement | null;
    hasEditButton(key: string): boolean;
    peerMassEditControls(): { checkbox: HTMLInputElement | null; apply: HTMLButtonElement | null };
    draftCount(): number;
    selectFirst(count: number, timeoutMs: number): Promise<boolean>;
    exportRows(n: number): Promise<{ ms: number; rowCount: number; bytes: number; pages: number }>;
}
type BenchWindow = { __bench: BenchApi };

const METRICS = [
    'firstRows',
    'fullRender',
    'selectAll',
    'sort',
    'sortInHost',
    'scrollEnd',
    'resolveKeys',
    'heapMB'
] as const;
type Metric = (typeof METRICS)[number];
type Sample = Partial<Record<Metric, number | null>> & { rowsInDom?: number; capped?: Metric[] };

const EDIT_METRICS = [
    'openEditor',
    'typeText',
    'typeLong',
    'commitDraft',
    'drafts100',
    'draftCommit',
    'massEdit'
] as const;
type EditMetric = (typeof EDIT_METRICS)[number];
type EditSample = Partial<Record<EditMetric, number | null>> & {
    note?: string;
    draftsDone?: number;
    drafts100Wall?: number;
    /** The 100 drafts' sums per step kind (ms). */
    drafts100Parts?: { scroll: number; open: number; type: number; commit: number };
};

type ExportSample = { ms: number; peakMB: number; baseMB: number; fileMB: number; rowCount: number };

interface Results {
    load: Record<string, Record<Kind, Sample[]>>;
    edit: Record<Kind, EditSample[]>;
    export: ExportSample[];
    /** The run step (bench/runs.bench.ts); absent in reports saved before it existed. */
    run?: RunSample[];
}

function arg(name: string, fallback: string): string {
    const i = process.argv.indexOf('--' + name);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function serve(): Promise<{ url: string; close: () => void }> {
    const server = http.createServer((req, res) => {
        const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const send = (file: string, type: string) => {
            res.writeHead(200, { 'content-type': type });
            fs.createReadStream(file).pipe(res);
        };
        if (p === '/') {
            res.writeHead(200, { 'content-type': 'text/html' });
            return res.end(PAGE);
        }
        const mounts: [string, string][] = [
            ['/bundle/', BUNDLE_DIR],
            ['/slds/', SLDS],
            ['/assets/', SLDS]
        ];
        for (const [prefix, dir] of mounts) {
            if (!p.startsWith(prefix)) continue;
            const f = path.normalize(path.join(dir, p.slice(prefix.length)));
            if (f.startsWith(dir) && fs.existsSync(f) && fs.statSync(f).isFile()) {
                return send(
                    f,
                    f.endsWith('.js')
                        ? 'text/javascript'
                        : f.endsWith('.css')
                          ? 'text/css'
                          : f.endsWith('.svg')
                            ? 'image/svg+xml'
                            : 'application/octet-stream'
                );
            }
        }
        res.writeHead(404);
        res.end();
    });
    return new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () =>
            resolve({
                url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
                close: () => server.close()
            })
        )
    );
}

async function heapMB(page: Page): Promise<number> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await cdp.detach();
    return usedSize / 1048576;
}

/** Calls window.__bench[name](...args) in the page (arguments and result cross as JSON). */
function call<K extends keyof BenchApi>(
    page: Page,
    name: K,
    ...args: Parameters<BenchApi[K]>
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
    return page.evaluate(
        ([n, a]) => {
            const api = (window as unknown as { __bench: Record<string, (...x: unknown[]) => unknown> }).__bench;
            return api[n](...a);
        },
        [name as string, args as unknown[]] as const
    ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

async function openPage(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
}

/** --read-only: every table without editable columns (to see what editing costs; the editing steps need them). */
const READ_ONLY = process.argv.includes('--read-only');

async function mount(page: Page, kind: Kind, n: number, capMs: number) {
    return call(page, 'mount', kind, n, capMs, { editable: !READ_ONLY });
}

/** Arms a step measurement in the page, runs `act` (the user's input through Playwright), returns the step's ms. */
async function step(
    page: Page,
    type: 'click' | 'keydown',
    what: StepCondition,
    value: string | number | undefined,
    capMs: number,
    act: () => Promise<unknown>
): Promise<number | null> {
    await call(page, 'armEvent', type, what, value, capMs);
    // act resolves false when it could not make the input (then no event comes to end the measurement)
    if ((await act()) === false) return null;
    return call(page, 'clickResult');
}

async function loadRun(page: Page, url: string, kind: Kind, n: number, capMs: number): Promise<Sample> {
    await openPage(page, url);
    const s: Sample = { capped: [] };
    const m = await mount(page, kind, n, capMs);
    s.firstRows = m.firstRows;
    s.fullRender = m.fullRender;
    s.rowsInDom = m.rowsInDom;
    if (m.fullRender === null) {
        s.capped!.push('fullRender');
        return s; // the page is still busy rendering: the other steps cannot be measured within the cap
    }
    const dt = page.locator(kind === 'ours' ? '#host c-dynamic-data-table' : '#host lightning-datatable').first();
    // select all: the header checkbox
    s.selectAll = await step(page, 'click', 'selectAll', undefined, capMs, () =>
        dt
            .locator(kind === 'ours' ? 'input.select-all' : 'input.datatable-select-all')
            .first()
            .click({ force: true, timeout: capMs })
    );
    if (s.selectAll === null) s.capped!.push('selectAll');
    const keys = await call(page, 'resolveKeys');
    s.resolveKeys = keys.count === n ? keys.ms : null;
    // sort by the Name column (header action of the first data column)
    const header = dt
        .locator('[data-row-key-value="HEADER"] .slds-th__action')
        .filter({ hasText: 'Full Name' })
        .first();
    s.sort = await step(page, 'click', 'sort', undefined, capMs, () => header.click({ timeout: capMs }));
    if (s.sort === null) s.capped!.push('sort');
    else s.sortInHost = await call(page, 'hostSort');
    s.scrollEnd = await call(page, 'scrollToEnd', capMs);
    if (s.scrollEnd === null) s.capped!.push('scrollEnd');
    s.heapMB = await heapMB(page);
    return s;
}

/** Clicks the Full Name cell's edit button of the row at `index` (scrolled into view first). */
/**
 * Scrolls the row at `index` into view and clicks its Full Name cell's edit button; resolves with the scroll's ms
 * (measured in the page), or false when the row did not render or has no edit button.
 */
async function clickEdit(page: Page, index: number, capMs: number): Promise<number | false> {
    const scrolled = await call(page, 'scrollToRow', index, capMs);
    if (scrolled === null) return false;
    const key = await call(page, 'rowKey', index);
    const handle = (
        await page.evaluateHandle((k) => (window as unknown as BenchWindow).__bench.editButton(k), key)
    ).asElement();
    if (!handle) return false;
    await handle.click({ force: true, timeout: capMs });
    return scrolled;
}

/**
 * The editing steps on one fresh page at n rows. Ours: the grid's edit button (Enter also opens it), our editor,
 * Enter commits. Peers: lightning-datatable's cell edit button, its inline edit panel, Enter commits.
 */
async function editRun(page: Page, url: string, kind: Kind, n: number, capMs: number): Promise<EditSample> {
    await openPage(page, url);
    const s: EditSample = {};
    const m = await mount(page, kind, n, capMs);
    if (m.fullRender === null) return { note: `did not render ${n} rows within the cap` };
    const button = await call(page, 'hasEditButton', await call(page, 'rowKey', 0));
    if (!button) return { note: 'no edit button in the first row (the table shows no editable cells)' };
    // 1. open an editor (click the cell's edit button → the editor's input has the focus)
    s.openEditor = await step(
        page,
        'click',
        'editorOpen',
        undefined,
        capMs,
        async () => (await clickEdit(page, 0, capMs)) !== false
    );
    if (s.openEditor === null) return { ...s, note: 'the editor did not open' };
    // 2. type (select the old text, then the keys of EDIT_TEXT; from the first key to the last one shown)
    await page.keyboard.press('ControlOrMeta+a');
    s.typeText = await step(page, 'keydown', 'typed', EDIT_TEXT, capMs, () => page.keyboard.type(EDIT_TEXT));
    await page.keyboard.press('ControlOrMeta+a');
    s.typeLong = await step(page, 'keydown', 'typed', EDIT_TEXT_LONG, capMs, () => page.keyboard.type(EDIT_TEXT_LONG));
    // 3. commit the draft (Enter → the editor closes and the cell shows the draft)
    s.commitDraft = await step(page, 'keydown', 'drafts', 1, capMs, () => page.keyboard.press('Enter'));
    if (s.commitDraft === null) return { ...s, note: 'the draft was not committed' };
    // 4. 100 drafts across scrolled rows: rows spread over the whole table, each scrolled to, opened, typed (its
    // number) and committed; the figure is the sum of those steps as measured in the page (Playwright's time between
    // the steps left out), the wall clock is kept in the samples
    const drafted = new Set<number>([0]);
    const commits: number[] = [];
    let total = 0;
    const parts = { scroll: 0, open: 0, type: 0, commit: 0 };
    const t0 = Date.now();
    for (let i = 1; i <= DRAFTS; i++) {
        if (Date.now() - t0 > capMs * 2) break; // the wall clock includes Playwright's round trips: 2 caps
        const index = Math.round((i * (n - 1)) / DRAFTS);
        let scrolled: number | false = false;
        const open = await step(page, 'click', 'editorOpen', undefined, capMs, async () => {
            scrolled = await clickEdit(page, index, capMs);
            return scrolled !== false;
        });
        if (open === null || scrolled === false) break;
        await page.keyboard.press('ControlOrMeta+a');
        const text = String(i);
        const typed = await step(page, 'keydown', 'typed', text, capMs, () => page.keyboard.type(text));
        drafted.add(index);
        const commit = await step(page, 'keydown', 'drafts', drafted.size, capMs, () => page.keyboard.press('Enter'));
        if (typed === null || commit === null) break;
        total += scrolled + open + typed + commit;
        parts.scroll += scrolled;
        parts.open += open;
        parts.type += typed;
        parts.commit += commit;
        commits.push(commit);
    }
    s.draftsDone = commits.length;
    s.drafts100 = commits.length === DRAFTS ? total : null;
    s.drafts100Wall = Date.now() - t0;
    s.drafts100Parts = parts;
    s.draftCommit = median(commits);
    // 5. mass edit: the first 1,000 rows selected, edit a selected row's cell, apply to all selected rows
    const selected = await call(page, 'selectFirst', MASS_ROWS, capMs);
    if (!selected) return { ...s, note: `could not select ${MASS_ROWS} rows` };
    for (let i = 0; i < MASS_ROWS; i++) drafted.add(i);
    if ((await clickEdit(page, 1, capMs)) === false) return { ...s, note: 'mass edit: no edit button on row 2' };
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(MASS_TEXT);
    if (kind === 'ours') {
        // "Apply to 1,000 selected rows" is checked by default: Enter applies to all of them
        s.massEdit = await step(page, 'keydown', 'drafts', drafted.size, capMs, () => page.keyboard.press('Enter'));
    } else {
        // lightning-datatable: check "Update 1000 selected items", then its Apply button
        const checkbox = (
            await page.evaluateHandle(() => (window as unknown as BenchWindow).__bench.peerMassEditControls().checkbox)
        ).asElement();
        if (!checkbox) return { ...s, note: 'mass edit: no "Update N selected items" checkbox' };
        // the SLDS checkbox input is visually hidden behind its faux box: click it in the page (setup, not timed)
        await checkbox.evaluate((e) => (e as HTMLElement).click());
        const apply = (
            await page.evaluateHandle(() => (window as unknown as BenchWindow).__bench.peerMassEditControls().apply)
        ).asElement();
        if (!apply) return { ...s, note: 'mass edit: no Apply button' };
        s.massEdit = await step(page, 'click', 'drafts', drafted.size, capMs, () =>
            apply.click({ force: true, timeout: capMs })
        );
    }
    return s;
}

/** One export of n rows (ours): time in the page, peak JS heap (CDP, sampled every 5 ms) above the GC'd baseline. */
async function exportRun(page: Page, url: string, n: number): Promise<ExportSample> {
    await openPage(page, url);
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const base = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    let peak = base;
    let done = false;
    const sampler = (async () => {
        while (!done) {
            const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
            peak = Math.max(peak, usedSize);
            await new Promise((r) => setTimeout(r, 5));
        }
    })();
    const r = await call(page, 'exportRows', n).finally(() => (done = true));
    await sampler;
    await cdp.detach();
    if (r.rowCount !== n) throw new Error(`The export wrote ${r.rowCount} rows, expected ${n}.`);
    return {
        ms: r.ms,
        peakMB: (peak - base) / 1048576,
        baseMB: base / 1048576,
        fileMB: r.bytes / 1048576,
        rowCount: n
    };
}

/** Resolves null when `p` does not settle within ms (the page may be stuck in one long synchronous task). */
function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([p, new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)))]).finally(() =>
        clearTimeout(timer)
    );
}

function median(values: (number | null | undefined)[]): number | null {
    const v = values.filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
    if (!v.length) return null;
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function fmtMs(ms: number | null, capMs: number): string {
    if (ms === null) return `> ${Math.round(capMs / 1000)} s`;
    return ms >= 10000 ? (ms / 1000).toFixed(1) + ' s' : ms.toFixed(ms < 10 ? 1 : 0) + ' ms';
}

function fmt(ms: number | null, metric: Metric, capMs: number): string {
    if (metric === 'heapMB') return ms === null ? 'n/a' : ms.toFixed(0) + ' MB';
    return fmtMs(ms, capMs);
}

async function main(): Promise<void> {
    const onlyArg = arg('only', '');
    const definitionsMet = runDefinitionBench();
    console.log('');
    if (onlyArg.split(',').every((k) => k === 'definitions') && onlyArg) {
        if (!definitionsMet) process.exit(1);
        return;
    }
    // --report <json>: re-writes the report from the samples of an earlier run (no measuring)
    const reportFrom = arg('report', '');
    if (reportFrom) {
        const saved = JSON.parse(fs.readFileSync(reportFrom, 'utf8')) as {
            samples: Results;
            runs: number;
            capMs: number;
            command: string;
            meta?: Partial<ReportInput>;
        };
        const m = saved.meta ?? {};
        const savedKinds = ALL_KINDS.filter(
            (k) => Object.values(saved.samples.load).some((x) => x[k]?.length) || saved.samples.edit[k]?.length
        );
        report({
            results: saved.samples,
            kinds: savedKinds,
            peers: savedKinds.filter((k): k is Peer => k !== 'ours'),
            sizes: Object.keys(saved.samples.load).map(Number),
            runs: saved.runs,
            editRuns: m.editRuns ?? Math.max(...Object.values(saved.samples.edit).map((x) => x.length)),
            capMs: saved.capMs,
            editRows: m.editRows ?? 10000,
            exportRows: m.exportRows ?? 50000,
            loadBefore: m.loadBefore ?? NaN,
            loadAfter: m.loadAfter,
            date: m.date,
            command: saved.command,
            outName: arg('out', 'latest'),
            definitionsMet
        });
        return;
    }
    const runs = Number(arg('runs', '5'));
    const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
    const capMs = Number(arg('cap', '90')) * 1000;
    const kinds: Kind[] = onlyArg ? ALL_KINDS.filter((k) => onlyArg.split(',').includes(k)) : ALL_KINDS;
    const steps = arg('steps', 'load,edit,export,run').split(',');
    const runRecords = Number(arg('run-records', '25000'));
    const runRuns = Number(arg('run-runs', '1'));
    const editRows = Number(arg('edit-rows', '10000'));
    const editRuns = Number(arg('edit-runs', String(runs)));
    const exportRows = Number(arg('export-rows', '50000'));
    // --out <name>: write bench/results/<name>.md/.json instead of latest (a probe that must not replace latest)
    const outName = arg('out', 'latest');
    const peers = kinds.filter((k): k is Peer => k !== 'ours');

    const bundle = path.join(BUNDLE_DIR, 'bench.js');
    if (
        !fs.existsSync(bundle) ||
        fs.statSync(bundle).mtimeMs <
            Math.max(sourcesNewestMtime(), fs.statSync(path.join(__dirname, 'benchPage.ts')).mtimeMs)
    ) {
        console.log('Building the benchmark page (production build)…');
        const { ms } = await build(TARGET, 'prod');
        console.log(`Built in ${(ms / 1000).toFixed(1)} s.`);
    }
    const loadBefore = os.loadavg()[0];
    const server = await serve();
    const browser = await launchBrowser({ width: 1280, height: 800 });
    const newPage = async (): Promise<Page> => {
        const p = await browser.context.newPage();
        p.on('pageerror', (e) => console.error('page error:', e.message));
        return p;
    };
    let page = await newPage();
    /** Runs one measurement; one that blocks the page longer than the cap (plus setup time) is abandoned: new page. */
    const guarded = async <T>(run: (p: Page) => Promise<T>, limitMs: number): Promise<T | null> => {
        const r = await within(
            run(page).catch((e: Error) => {
                console.error('run failed:', e.message.split('\n')[0]);
                return null;
            }),
            limitMs
        );
        if (r === null) {
            await within(
                page.close().catch(() => undefined),
                10000
            );
            page = await newPage();
        }
        return r;
    };
    const results: Results = {
        load: {},
        edit: { ours: [], plain: [], virtual: [], virtualInline: [] },
        export: [],
        run: []
    };
    /** The smallest size below `n` at which `kind` did not render within the cap, or null. */
    const cappedSize = (kind: Kind, n: number): number | null => {
        const capped = Object.keys(results.load)
            .map(Number)
            .filter((m) => m < n && results.load[m][kind].some((x) => x.capped?.includes('fullRender')));
        return capped.length ? Math.min(...capped) : null;
    };
    const partial = () => {
        fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
        fs.writeFileSync(path.join(__dirname, 'results', 'partial.json'), JSON.stringify(results, null, 2));
    };
    try {
        if (steps.includes('load')) {
            for (const n of sizes) {
                results.load[n] = { ours: [], plain: [], virtual: [], virtualInline: [] };
                for (const kind of kinds) {
                    // a table that did not render fewer rows within the cap will not render more: not run again
                    const cappedAt = cappedSize(kind, n);
                    if (cappedAt !== null) {
                        results.load[n][kind].push({ firstRows: null, fullRender: null, capped: ['fullRender'] });
                        console.log(`load ${kind} ${n}: not run (capped at ${cappedAt} rows) → > cap`);
                        continue;
                    }
                    for (let r = 0; r < runs; r++) {
                        const s = (await guarded((p) => loadRun(p, server.url, kind, n, capMs), capMs * 2 + 60000)) ?? {
                            firstRows: null,
                            fullRender: null,
                            capped: ['fullRender' as Metric]
                        };
                        results.load[n][kind].push(s);
                        console.log(
                            `load ${kind.padEnd(13)} ${String(n).padStart(6)} run ${r + 1}/${runs}: ` +
                                METRICS.map((m) => `${m}=${fmt(s[m] ?? null, m, capMs)}`).join(' ') +
                                ` rowsInDom=${s.rowsInDom}`
                        );
                        partial();
                        if (s.capped?.includes('fullRender')) {
                            console.log(`${kind} at ${n} rows exceeded the ${capMs / 1000} s cap; not repeating it.`);
                            break;
                        }
                    }
                }
            }
        }
        if (steps.includes('edit')) {
            for (const kind of kinds) {
                const cappedAt = cappedSize(kind, editRows + 1);
                if (cappedAt !== null) {
                    results.edit[kind].push({ note: `not run: did not render ${cappedAt} rows within the cap` });
                    console.log(`edit ${kind}: not run (load capped at ${cappedAt} rows)`);
                    continue;
                }
                for (let r = 0; r < editRuns; r++) {
                    // 100 drafts may take up to the cap, the other steps one cap each
                    const s = (await guarded(
                        (p) => editRun(p, server.url, kind, editRows, capMs),
                        capMs * 10 + 60000
                    )) ?? {
                        note: 'abandoned: the page did not answer within the cap'
                    };
                    results.edit[kind].push(s);
                    console.log(
                        `edit ${kind.padEnd(13)} ${String(editRows).padStart(6)} run ${r + 1}/${editRuns}: ` +
                            EDIT_METRICS.map(
                                (m) => `${m}=${s[m] === undefined ? '—' : fmtMs(s[m] ?? null, capMs)}`
                            ).join(' ') +
                            ` drafts=${s.draftsDone ?? 0}${s.note ? ` (${s.note})` : ''}` +
                            (s.drafts100Parts
                                ? ` parts=${Object.entries(s.drafts100Parts)
                                      .map(([k, v]) => `${k}:${v.toFixed(0)}`)
                                      .join(',')} wall=${s.drafts100Wall} ms`
                                : '')
                    );
                    partial();
                    if (s.note || s.drafts100 === null) break; // a broken or capped run is not repeated
                }
            }
        }
        if (steps.includes('export') && kinds.includes('ours')) {
            for (let r = 0; r < runs; r++) {
                const s = await guarded((p) => exportRun(p, server.url, exportRows), capMs + 60000);
                if (!s) break;
                results.export.push(s);
                console.log(
                    `export ours ${exportRows} run ${r + 1}/${runs}: ${s.ms.toFixed(0)} ms, peak heap +${s.peakMB.toFixed(1)} MB ` +
                        `(baseline ${s.baseMB.toFixed(1)} MB), file ${s.fileMB.toFixed(1)} MB`
                );
                partial();
            }
        }
        if (steps.includes('run')) {
            for (let r = 0; r < runRuns; r++) {
                // the run's own page and preview server (seeded), in this browser
                const s = await runFlowRunBench(browser.context, runRecords, capMs * 3).catch((e: Error) => {
                    console.error('run step failed:', e.message.split('\n')[0]);
                    return null;
                });
                if (!s) break;
                results.run!.push(s);
                console.log(
                    `run ${runRecords} run ${r + 1}/${runRuns}: ${s.status}, ${s.runSeconds.toFixed(1)} s, ` +
                        `${Math.round(s.recordsPerSecond)} records/s, longest task ${s.longestTaskMs === null ? 'none > 50 ms' : s.longestTaskMs.toFixed(0) + ' ms'}, ` +
                        `frame gap ${s.longestFrameGapMs.toFixed(0)} ms, scroll ${s.scrollProbesMs.map((x) => x.toFixed(0)).join(',')} ms, ` +
                        `click ${s.clickProbesMs.map((x) => x.toFixed(0)).join(',')} ms, chunk step ${s.chunkStepMs.toFixed(0)} ms = ` +
                        `flow ${s.chunkFlowMs.toFixed(0)} + bookkeeping ${s.chunkBookkeepingMs.toFixed(0)} ms ` +
                        `(re-check ${s.bookkeepingParts.recheck.toFixed(0)}, snapshot ${s.bookkeepingParts.snapshot.toFixed(0)}, other ${s.bookkeepingParts.other.toFixed(1)})`
                );
                partial();
            }
        }
    } finally {
        await browser.close();
        server.close();
    }
    report({
        results,
        kinds,
        peers,
        sizes,
        runs,
        editRuns,
        capMs,
        editRows,
        exportRows,
        loadBefore,
        outName,
        definitionsMet
    });
}

interface ReportInput {
    results: Results;
    kinds: Kind[];
    peers: Peer[];
    sizes: number[];
    runs: number;
    editRuns: number;
    capMs: number;
    editRows: number;
    exportRows: number;
    loadBefore: number;
    loadAfter?: number;
    date?: string;
    command?: string;
    outName: string;
    definitionsMet: boolean;
}

function report(input: ReportInput): void {
    const { results, kinds, peers, sizes, runs, editRuns, capMs, editRows, exportRows, loadBefore, outName } = input;
    const measuredSizes = sizes.filter((n) => results.load[n]);
    const command =
        input.command ?? `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
    const date = input.date ?? new Date().toISOString();
    const loadAfter = input.loadAfter ?? os.loadavg()[0];
    const lines: string[] = [
        '# Benchmark: our Data Table vs lightning-datatable (plain and virtualized)',
        '',
        `Chromium (headless, system package), ${date}, ${os.cpus().length} CPUs, load average ` +
            `${loadBefore.toFixed(1)} at start / ${loadAfter.toFixed(1)} at end (the machine is shared: absolute ` +
            `times scale with load; compare the ratios); ${runs} runs per cell, ${editRuns} for editing (median; a capped ` +
            `or failed run is not repeated); ` +
            `cap ${capMs / 1000} s per step.`,
        '',
        `Command: \`${command}\``,
        '',
        '- ours = c-dynamic-data-table (virtualized grid: only the rows in view are rendered; runtime SelectionModel, DraftStore).',
        '- plain = lightning-datatable with default settings (renders every row).',
        '- virtual = lightning-datatable render-mode="role-based" + render-config { virtualize: \'vertical\', bufferSize: 10 }: its virtualized mode, as its own withVirtualization example sets it.',
        '- virtualInline = the same with render-mode="role-based-inline" (cells rendered inline; also virtualizes).',
        READ_ONLY
            ? '- --read-only: no table has editable columns; lightning-datatable from lightning-base-components 1.28.15-alpha (bench/benchPage.ts cites its source).'
            : '- Every table has the same editable columns (Full Name, Email, Phone, Status); lightning-datatable from lightning-base-components 1.28.15-alpha (bench/benchPage.ts cites its source).',
        '- A ratio is peer time / our time (> 1: ours is faster); "> N×" when the peer hit the cap.',
        ''
    ];
    const header = (first: string) => [
        `| ${first} | ${kinds.join(' | ')} |${peers.map((p) => ` ${p} / ours |`).join('')}`,
        `|---|${kinds.map(() => '---:|').join('')}${peers.map(() => '---:|').join('')}`
    ];
    const ratio = (o: number | null, p: number | null, peerCapped: boolean, timed: boolean): string => {
        if (o && p) return `${(p / o).toFixed(1)}×`;
        if (peerCapped && o && timed) return `> ${(capMs / o).toFixed(0)}×`;
        return '';
    };
    const json: Record<string, unknown> = {};
    const checks: [string, boolean | null][] = [];
    const loadMed = (n: number, m: Metric, k: Kind = 'ours'): number | null =>
        results.load[n]?.[k]?.length ? median(results.load[n][k].map((x) => x[m])) : null;

    if (measuredSizes.length) {
        lines.push(
            '## Load and browse',
            '',
            'firstRows = rows visible after data is set; fullRender = all rendering done and the page idle (interactive); selectAll / sort = click → result shown and idle;',
            'sortInHost = the part of sort spent in the host re-ordering the rows in memory (the stand-in for the server query; the same code for every table);',
            'scrollEnd = scroll to the bottom → last row shown; resolveKeys = SelectedRowsKeyValue (ours) / getSelectedRows().map(Id) (peers) for all rows; heap after GC.',
            '',
            ...header('rows · metric')
        );
        for (const n of measuredSizes) {
            for (const m of METRICS) {
                const med = Object.fromEntries(kinds.map((k) => [k, loadMed(n, m, k)])) as Record<Kind, number | null>;
                // a table capped while mounting was not measured further: "> cap" for the mount, "n/a" for the rest
                const mountCapped = (k: Kind) =>
                    results.load[n][k].length > 0 && results.load[n][k].every((x) => x.capped?.includes('fullRender'));
                const mountMetric = m === 'firstRows' || m === 'fullRender';
                const cells = kinds.map((k) =>
                    !results.load[n][k].length ? '—' : mountCapped(k) && !mountMetric ? 'n/a' : fmt(med[k], m, capMs)
                );
                const ratios = peers.map((p) =>
                    ratio(
                        med.ours,
                        med[p],
                        results.load[n][p].length > 0 && med[p] === null && (mountMetric || !mountCapped(p)),
                        !['heapMB', 'resolveKeys', 'sortInHost'].includes(m)
                    )
                );
                lines.push(
                    `| ${n.toLocaleString('en-US')} · ${m} | ${cells.join(' | ')} |${ratios.map((r) => ` ${r} |`).join('')}`
                );
                json[`load.${n}.${m}`] = med;
            }
        }
        for (const n of measuredSizes) {
            const first = loadMed(n, 'firstRows');
            checks.push([
                `${n.toLocaleString('en-US')} rows: first rows visible < 300 ms (${fmt(first, 'firstRows', capMs)})`,
                first === null ? null : first < 300
            ]);
        }
        if (results.load[10000]) {
            const o = loadMed(10000, 'fullRender');
            const targets: [Peer, number][] = [
                ['plain', 15],
                ['virtual', 5],
                ['virtualInline', 5]
            ];
            for (const [peer, target] of targets) {
                if (!peers.includes(peer)) continue;
                const p = loadMed(10000, 'fullRender', peer);
                const capped = results.load[10000][peer].length > 0 && p === null;
                const r = o && p ? p / o : o && capped ? capMs / o : null;
                checks.push([
                    `10,000 rows: interactive ≥ ${target}× faster than ${peer} (${r === null ? 'not measured' : (capped ? '> ' : '') + r.toFixed(1) + '×'})`,
                    r === null ? null : r >= target
                ]);
            }
            const sel = loadMed(10000, 'selectAll');
            checks.push([
                `10,000 rows: select-all < 150 ms (${fmt(sel, 'selectAll', capMs)})`,
                sel === null ? null : sel < 150
            ]);
        }
        if (results.load[50000]) {
            for (const m of ['selectAll', 'sort', 'scrollEnd'] as const) {
                const v = loadMed(50000, m);
                checks.push([`50,000 rows: ${m} < 100 ms (${fmt(v, m, capMs)})`, v === null ? null : v < 100]);
            }
        }
    }

    const editKinds = kinds.filter((k) => results.edit[k].length);
    if (editKinds.length) {
        const editMed = (m: EditMetric, k: Kind): number | null => median(results.edit[k].map((x) => x[m]));
        lines.push(
            '',
            `## Editing (${editRows.toLocaleString('en-US')} rows)`,
            '',
            'openEditor = click on a cell\'s edit button → its editor has the focus; typeText = the keys of "' +
                EDIT_TEXT +
                '" (12 keys, from the first keydown to the text shown; includes the key events\' round trips, alike for all; its resolution is one frame, ~16 ms);',
            `typeLong = the same over "${EDIT_TEXT_LONG}" (${EDIT_TEXT_LONG.length} keys: a frame is a small part of it);`,
            'commitDraft = Enter → editor closed and the draft counted/shown; drafts100 = 100 more drafts on rows spread over the table, each scrolled to, opened,',
            "typed (its number) and committed: the sum of those steps as measured in the page (Playwright's time between steps left out); draftCommit = median commit of those 100;",
            `massEdit = with the first ${MASS_ROWS.toLocaleString('en-US')} rows selected, commit on a selected row's cell applied to all of them (ours: Enter, "Apply to N selected rows" checked by default;`,
            'lightning-datatable: its Apply button with "Update N selected items" checked) → all drafts counted and idle.',
            '',
            ...header('metric')
        );
        for (const m of EDIT_METRICS) {
            const med = Object.fromEntries(kinds.map((k) => [k, editMed(m, k)])) as Record<Kind, number | null>;
            const cells = kinds.map((k) => {
                if (!results.edit[k].length) return '—';
                const notes = results.edit[k].map((x) => x.note).filter(Boolean);
                if (med[k] === null && notes.length) return 'n/a';
                return fmtMs(med[k], capMs);
            });
            const ratios = peers.map((p) =>
                ratio(
                    med.ours,
                    med[p],
                    results.edit[p].length > 0 && med[p] === null && !results.edit[p][0]?.note,
                    true
                )
            );
            lines.push(`| ${m} | ${cells.join(' | ')} |${ratios.map((r) => ` ${r} |`).join('')}`);
            json[`edit.${m}`] = med;
        }
        const notes = editKinds.flatMap((k) =>
            [...new Set(results.edit[k].map((x) => x.note).filter(Boolean))].map((n) => `- ${k}: ${n}`)
        );
        const short = editKinds
            .filter((k) => results.edit[k].some((x) => (x.draftsDone ?? DRAFTS) < DRAFTS && !x.note))
            .map(
                (k) =>
                    `- ${k}: ${Math.max(...results.edit[k].map((x) => x.draftsDone ?? 0))} of ${DRAFTS} drafts within the ${capMs / 1000} s cap`
            );
        const breakdown = editKinds
            .map((k) => {
                const p = results.edit[k].map((x) => x.drafts100Parts).filter((x) => x !== undefined);
                if (!p.length) return '';
                const part = (name: 'scroll' | 'open' | 'type' | 'commit') =>
                    fmtMs(median(p.map((x) => x[name])), capMs);
                return `- ${k}: drafts100 = scroll ${part('scroll')} + open ${part('open')} + type ${part('type')} + commit ${part('commit')} (medians of the sums)`;
            })
            .filter(Boolean);
        if (notes.length || short.length || breakdown.length) lines.push('', ...breakdown, ...notes, ...short);
        if (results.edit.ours.length) {
            for (const m of EDIT_METRICS) {
                const o = editMed(m, 'ours');
                const slower = peers.filter((p) => {
                    const v = editMed(m, p);
                    return o !== null && v !== null && o > v;
                });
                checks.push([
                    `editing (${editRows.toLocaleString('en-US')} rows): ${m} at least as fast as every peer (ours ${o === null ? 'not measured' : fmtMs(o, capMs)}${slower.length ? `; slower than ${slower.join(', ')}` : ''})`,
                    o === null ? null : slower.length === 0
                ]);
            }
        }
    }

    if (results.export.length) {
        const e = results.export;
        const ms = median(e.map((x) => x.ms));
        const peak = median(e.map((x) => x.peakMB));
        lines.push(
            '',
            `## Export (${exportRows.toLocaleString('en-US')} rows, ours)`,
            '',
            "c/dcRuntime exportTable (the exportCsv action's engine) over exportRows pages of 2,000 generated in the page (server time excluded), 5 columns,",
            'formatted as the table shows them, into one Blob; peak heap = the highest JS heap in use during the export above the baseline after GC (CDP Runtime.getHeapUsage every 5 ms).',
            'lightning-datatable has no export: no peer column.',
            '',
            '| metric | ours |',
            '|---|---:|',
            `| time | ${fmtMs(ms, capMs)} |`,
            `| peak JS heap (above baseline) | ${peak === null ? 'n/a' : peak.toFixed(1) + ' MB'} |`,
            `| file size | ${e[0].fileMB.toFixed(1)} MB |`
        );
        json['export'] = { ms, peakMB: peak, fileMB: e[0].fileMB };
    }

    if (results.run?.length) {
        const r = runReport(results.run);
        lines.push(...r.lines);
        checks.push(...r.checks);
        json['run'] = results.run;
    }

    lines.push('', '## Targets (ours, medians)', '');
    for (const [label, ok] of checks) lines.push(`- ${ok === null ? 'not measured' : ok ? 'met' : 'MISSED'}: ${label}`);
    lines.push('', `Raw samples: bench/results/${outName}.json`);
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', `${outName}.md`), lines.join('\n') + '\n');
    fs.writeFileSync(
        path.join(__dirname, 'results', `${outName}.json`),
        JSON.stringify(
            {
                runs,
                capMs,
                command,
                meta: { editRuns, editRows, exportRows, loadBefore, loadAfter, date },
                medians: json,
                samples: results
            },
            null,
            2
        )
    );
    fs.rmSync(path.join(__dirname, 'results', 'partial.json'), { force: true });
    console.log('\n' + lines.join('\n'));
}

main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
});
