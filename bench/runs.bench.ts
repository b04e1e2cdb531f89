/*
 * The bench's run step (`npm run bench -- --steps run`, issue #14): a 25,000-record Execute Flow run in the preview,
 * started from the page as a user does it (select all on the page, "Select all 25,000 matching rows", Set as Active on
 * E2E_Run_At_Scale: async, chunks of 500), measured on both sides:
 *
 * - the page: the longest main-thread task while the run reports progress (PerformanceObserver 'longtask', buffered,
 *   from before the page loads; the longest gap between animation frames beside it, as tasks under 50 ms are not
 *   reported), and whether the table stays interactive: a scroll of the grid and a click on a row's checkbox every
 *   ~1.5 s during the run, each timed from the input to the next painted frame;
 * - the preview runner: throughput (records / s, from the run's own startedAt → finishedAt) and the per-chunk
 *   bookkeeping cost. The preview server runs in this process, so the runner is timed by wrapping, on this one
 *   instance, FlowRunService.step (one chunk and its bookkeeping), PreviewController.prepareFlowRun (the per-chunk
 *   re-check of the definition, flow contract and Ids), runPrepared (the chunk's transaction) and Store.begin /
 *   commit / rollback (the transaction's snapshot). The flow's own time is runPrepared minus the snapshot work; the
 *   bookkeeping is the rest of the step (re-check, snapshot, chunk marking, counters, the progress event).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { APP_TARGET, build, sourcesNewestMtime } from '../preview/build';
import { startServer, type PreviewServer } from '../preview/server';
import { headerButton, rows, scroller, waitForTable } from '../e2e/lib/page';
import {
    getFlowRun,
    listFlowRuns,
    pollUntil,
    runProgress,
    seedContacts,
    selectAllMatching,
    setChunkDelay
} from '../e2e/lib/runKit';
import type { FlowRunView } from '../force-app/main/default/lwc/dcRuntime/apexContract';

const ROOT = path.resolve(__dirname, '..');
const DEFINITION = 'E2E_Run_At_Scale';
const FIXTURE = path.join(ROOT, 'e2e', 'fixtures', 'definitions', `${DEFINITION}.json`);
const APP_DIR = path.join(ROOT, 'preview', 'dist', 'prod', 'app');
/** Time between interaction probes during the run. */
const PROBE_EVERY_MS = 1500;

export interface RunSample {
    records: number;
    chunks: number;
    status: string;
    /** The run's own startedAt → finishedAt (server clock). */
    runSeconds: number;
    /** Records over the runner's own time: the sum of the chunk steps (the pacing delay between chunks left out). */
    recordsPerSecond: number;
    /** Pause before each chunk (POST /api/test/run-delay), so the page is watched over several seconds of progress. */
    paceMs: number;
    /** Click on Set as Active → the progress bar shows the finished run (page clock). */
    wallSeconds: number;
    /** The longest longtask entry during the run (ms), null when none was reported (every task ≤ 50 ms). */
    longestTaskMs: number | null;
    longTasks: number;
    /** When each long task began, ms after Set as Active was clicked (where to look when one shows up). */
    longTaskStartsMs: number[];
    /** The longest task between the click on Set as Active and the first progress shown (starting the run). */
    longestStartTaskMs: number | null;
    /** The longest gap between two animation frames during the run (ms). */
    longestFrameGapMs: number;
    /** Progress events the page received (updates of the bar's aria-valuenow seen by the page). */
    progressUpdates: number;
    /** Input → next painted frame during the run (ms). */
    scrollProbesMs: number[];
    clickProbesMs: number[];
    /** Per chunk (ms, medians over the run's chunks): the whole step, the flow's own time, and the rest. */
    chunkStepMs: number;
    chunkFlowMs: number;
    chunkBookkeepingMs: number;
    /** Parts of the bookkeeping (medians per chunk, ms). */
    bookkeepingParts: { recheck: number; snapshot: number; other: number };
    /** startFlowRun itself (resolving and splitting the selection), ms. */
    startMs: number;
    note?: string;
}

function median(values: number[]): number {
    const v = [...values].sort((a, b) => a - b);
    if (!v.length) return NaN;
    const m = Math.floor(v.length / 2);
    return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** definitions/*.json plus the run fixture, in a temporary folder the preview server reads. */
function definitionsDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bench-run-definitions-'));
    const src = path.join(ROOT, 'definitions');
    for (const f of fs.readdirSync(src)) if (f.endsWith('.json')) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    fs.copyFileSync(FIXTURE, path.join(dir, path.basename(FIXTURE)));
    return dir;
}

interface ChunkTiming {
    step: number;
    recheck: number;
    transaction: number;
    snapshot: number;
}

/** Wraps the runner's per-chunk work on this backend instance (see the header); returns the collected timings. */
function instrument(server: PreviewServer): { chunks: ChunkTiming[]; startMs: () => number } {
    const backend = server.backend;
    const controller = backend.controller as unknown as Record<string, (...a: unknown[]) => unknown>;
    const runs = backend.controller.flowRuns as unknown as Record<string, (...a: unknown[]) => unknown>;
    const store = backend.store as unknown as Record<string, (...a: unknown[]) => unknown>;
    const chunks: ChunkTiming[] = [];
    let current: ChunkTiming | null = null;
    let start = 0;
    const timed = (obj: Record<string, (...a: unknown[]) => unknown>, name: string, add: (ms: number) => void) => {
        const original = obj[name];
        if (typeof original !== 'function') throw new Error(`bench run: the preview has no ${name} to time.`);
        obj[name] = function (this: unknown, ...args: unknown[]) {
            const t0 = performance.now();
            try {
                return original.apply(this, args);
            } finally {
                add(performance.now() - t0);
            }
        };
    };
    const originalStep = runs.step;
    if (typeof originalStep !== 'function') throw new Error('bench run: the preview runner has no step to time.');
    runs.step = function (this: unknown, ...args: unknown[]) {
        const timing: ChunkTiming = { step: 0, recheck: 0, transaction: 0, snapshot: 0 };
        current = timing;
        const t0 = performance.now();
        try {
            return originalStep.apply(this, args);
        } finally {
            timing.step = performance.now() - t0;
            current = null;
            // a step that ran no chunk (the run's finish) is not a chunk
            if (timing.recheck > 0 || timing.transaction > 0) chunks.push(timing);
        }
    };
    timed(controller, 'prepareFlowRun', (ms) => {
        if (current) current.recheck += ms;
    });
    timed(controller, 'runPrepared', (ms) => {
        if (current) current.transaction += ms;
    });
    for (const name of ['begin', 'commit', 'rollback'])
        timed(store, name, (ms) => {
            if (current) current.snapshot += ms;
        });
    timed(runs, 'startFlowRun', (ms) => (start = ms));
    return { chunks, startMs: () => start };
}

/** In the page, before it loads: long tasks, animation frame gaps, and input → next frame latencies. */
const PAGE_PROBES = `(() => {
    const w = window;
    w.__runBench = { longTasks: [], frameGaps: [], clicks: [], watching: false };
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__runBench.longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
    } catch (e) { w.__runBench.noLongTask = String(e); }
    let last = 0;
    const frame = (t) => {
        if (w.__runBench.watching && last) w.__runBench.frameGaps.push({ at: t, gap: t - last });
        last = t;
        requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.addEventListener('click', (e) => {
        const at = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => w.__runBench.clicks.push(performance.now() - at), 0));
    }, true);
})();`;

interface PageProbes {
    longTasks: { start: number; duration: number }[];
    frameGaps: { at: number; gap: number }[];
    clicks: number[];
    watching: boolean;
    noLongTask?: string;
}

async function scrollProbe(page: Page): Promise<number> {
    const handle = await scroller(page).elementHandle();
    return page.evaluate(async (el) => {
        const s = el as HTMLElement;
        const t0 = performance.now();
        // down a screen, or back to the top near the end of what is loaded
        s.scrollTop = s.scrollTop + s.clientHeight * 2 < s.scrollHeight - s.clientHeight ? s.scrollTop + 600 : 0;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
    }, handle);
}

/** One run of the step; the caller owns the browser context. */
export async function runFlowRunBench(
    context: BrowserContext,
    records: number,
    capMs: number,
    paceMs = 100
): Promise<RunSample> {
    const bundle = path.join(APP_DIR, 'app.js');
    if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sourcesNewestMtime()) {
        console.log('Building the preview (production build) for the run step…');
        await build(APP_TARGET, 'prod');
    }
    const defsDir = definitionsDir();
    const server = await startServer({
        port: 0,
        bundleDir: APP_DIR,
        definitionsDir: defsDir,
        flowsDir: path.join(ROOT, 'force-app', 'main', 'default', 'flows'),
        quiet: true
    });
    const page = await context.newPage();
    page.setDefaultTimeout(capMs);
    try {
        await seedContacts(server.url, records, { Status__c: 'New' });
        // unpaced, 25,000 records finish in ~3 s: too short to watch the page while progress arrives
        await setChunkDelay(server.url, paceMs);
        const timing = instrument(server);
        await page.addInitScript(PAGE_PROBES);
        await page.goto(`${server.url}?definition=${DEFINITION}`);
        await waitForTable(page);
        await selectAllMatching(page, records.toLocaleString('en-US'));
        const total = records;
        const t0 = Date.now();
        await page.evaluate(() => ((window as unknown as { __runBench: PageProbes }).__runBench.watching = true));
        const pageStart = await page.evaluate(() => performance.now());
        await headerButton(page, 'Set as Active').click();
        const progress = runProgress(page).first();
        await progress.waitFor();
        // "while the run reports progress": from the first progress shown (the start itself is measured apart)
        const progressShown = await page.evaluate(() => performance.now());
        const scrollProbesMs: number[] = [];
        const clickProbesMs: number[] = [];
        const values = new Set<string>();
        let run: FlowRunView | undefined;
        let clicks = 0;
        while (Date.now() - t0 < capMs) {
            const now = await progress.locator('[aria-valuenow]').first().getAttribute('aria-valuenow');
            if (now !== null) values.add(now);
            [run] = await listFlowRuns(server.url, DEFINITION);
            if (run && ['Completed', 'Completed_With_Errors', 'Failed', 'Cancelled'].includes(run.status)) break;
            scrollProbesMs.push(await scrollProbe(page));
            // a row's checkbox: the first one in view (ticking it in all-matching mode excludes that row from the
            // table's selection; the run already has its own)
            const box = rows(page).first().locator('input.row-select');
            if (await box.isEnabled().catch(() => false)) {
                await box.click({ timeout: 5000 }).catch(() => undefined);
                clicks++;
            }
            await page.waitForTimeout(PROBE_EVERY_MS);
        }
        const wallSeconds = (Date.now() - t0) / 1000;
        await page.evaluate(() => ((window as unknown as { __runBench: PageProbes }).__runBench.watching = false));
        const probes = await page.evaluate(() => (window as unknown as { __runBench: PageProbes }).__runBench);
        clickProbesMs.push(...probes.clicks.slice(-clicks || probes.clicks.length));
        if (!run) throw new Error('bench run: listFlowRuns shows no run after Set as Active.');
        const done = await pollUntil(
            () => getFlowRun(server.url, run!.id),
            (r) => r.finishedAt !== null,
            'bench run: the run finishes',
            30000
        );
        const runSeconds = (Date.parse(done.finishedAt as string) - Date.parse(done.startedAt)) / 1000;
        const during = probes.longTasks.filter((e) => e.start >= progressShown);
        const atStart = probes.longTasks.filter((e) => e.start >= pageStart && e.start < progressShown);
        const chunks = timing.chunks;
        const flowMs = chunks.map((c) => c.transaction - c.snapshot);
        const sample: RunSample = {
            records: total,
            chunks: done.chunks?.length ?? chunks.length,
            status: done.status,
            runSeconds,
            recordsPerSecond: done.total / (timing.chunks.reduce((sum, c) => sum + c.step, 0) / 1000),
            paceMs,
            wallSeconds,
            longestTaskMs: during.length ? Math.max(...during.map((e) => e.duration)) : null,
            longTasks: during.length,
            longTaskStartsMs: during.map((e) => Math.round(e.start - pageStart)),
            longestStartTaskMs: atStart.length ? Math.max(...atStart.map((e) => e.duration)) : null,
            longestFrameGapMs: Math.max(0, ...probes.frameGaps.map((g) => g.gap)),
            progressUpdates: values.size,
            scrollProbesMs,
            clickProbesMs,
            chunkStepMs: median(chunks.map((c) => c.step)),
            chunkFlowMs: median(flowMs),
            chunkBookkeepingMs: median(chunks.map((c, i) => c.step - flowMs[i])),
            bookkeepingParts: {
                recheck: median(chunks.map((c) => c.recheck)),
                snapshot: median(chunks.map((c) => c.snapshot)),
                other: median(chunks.map((c) => c.step - c.recheck - c.transaction))
            },
            startMs: timing.startMs()
        };
        if (probes.noLongTask) sample.note = `PerformanceObserver longtask unavailable: ${probes.noLongTask}`;
        return sample;
    } finally {
        await page.close().catch(() => undefined);
        await server.close();
        fs.rmSync(defsDir, { recursive: true, force: true });
    }
}

/** The report's lines and target checks of the run step. */
export function runReport(samples: RunSample[]): { lines: string[]; checks: [string, boolean | null][] } {
    if (!samples.length) return { lines: [], checks: [] };
    const m = (f: (s: RunSample) => number | null) => {
        const v = samples.map(f).filter((x): x is number => typeof x === 'number' && !Number.isNaN(x));
        return v.length ? median(v) : null;
    };
    const ms = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(v < 10 ? 1 : 0)} ms`);
    const worst = (f: (s: RunSample) => number[]) => Math.max(0, ...samples.flatMap(f));
    const longest = samples.some((s) => s.longestTaskMs !== null)
        ? Math.max(...samples.map((s) => s.longestTaskMs ?? 0))
        : null;
    const s0 = samples[0];
    const lines = [
        '',
        `## Execute Flow at scale (${s0.records.toLocaleString('en-US')} records, preview)`,
        '',
        `Set as Active over every matching Contact (E2E_Run_At_Scale: async, ${s0.chunks} chunks of 500), started from the page (select all, "Select all matching rows").`,
        'Page: longtask entries (PerformanceObserver, > 50 ms only) and the longest gap between animation frames while the run reports progress; a grid scroll and a row',
        "checkbox click every 1.5 s during the run, each timed from the input to the next painted frame. Preview runner (in the bench's process, timed by wrapping",
        "FlowRunService.step / PreviewController.prepareFlowRun / runPrepared / Store.begin+commit+rollback): throughput over the run's startedAt → finishedAt;",
        "per chunk: the flow's own time (the transaction minus its snapshot) and the bookkeeping (re-check of definition, contract and Ids; snapshot; marking, counters, event).",
        '',
        '| metric | value |',
        '|---|---:|',
        `| longest main-thread task while progress is reported | ${longest === null ? 'none > 50 ms reported' : ms(longest)} |`,
        `| longest task while starting the run (click → first progress) | ${samples.map((s) => (s.longestStartTaskMs === null ? 'none > 50 ms' : ms(s.longestStartTaskMs))).join(' / ')} |`,
        `| long tasks (> 50 ms) while progress is reported (start, ms after the click) | ${samples.map((s) => `${s.longTasks}${s.longTaskStartsMs.length ? ` (${s.longTaskStartsMs.join(', ')})` : ''}`).join(' / ')} |`,
        `| longest gap between frames | ${ms(m((s) => s.longestFrameGapMs))} |`,
        `| scroll → next frame (median / worst) | ${ms(m((s) => median(s.scrollProbesMs)))} / ${ms(worst((s) => s.scrollProbesMs))} |`,
        `| row checkbox click → next frame (median / worst) | ${ms(m((s) => median(s.clickProbesMs)))} / ${ms(worst((s) => s.clickProbesMs))} |`,
        `| progress values seen by the page | ${samples.map((s) => s.progressUpdates).join(' / ')} |`,
        `| run time (server, paced ${s0.paceMs} ms before each chunk) / wall time (page) | ${m((s) => s.runSeconds)?.toFixed(1)} s / ${m((s) => s.wallSeconds)?.toFixed(1)} s |`,
        `| throughput (records over the sum of the chunk steps, pacing left out) | ${Math.round(m((s) => s.recordsPerSecond) ?? 0).toLocaleString('en-US')} records/s |`,
        `| startFlowRun (resolve + split the selection) | ${ms(m((s) => s.startMs))} |`,
        `| per chunk: whole step | ${ms(m((s) => s.chunkStepMs))} |`,
        `| per chunk: the flow's own time | ${ms(m((s) => s.chunkFlowMs))} |`,
        `| per chunk: bookkeeping | ${ms(m((s) => s.chunkBookkeepingMs))} (re-check ${ms(m((s) => s.bookkeepingParts.recheck))}, snapshot ${ms(m((s) => s.bookkeepingParts.snapshot))}, other ${ms(m((s) => s.bookkeepingParts.other))}) |`,
        ...samples.filter((s) => s.note).map((s) => `- ${s.note}`)
    ];
    const probes = samples.flatMap((s) => [...s.scrollProbesMs, ...s.clickProbesMs]);
    const checks: [string, boolean | null][] = [
        [
            `run of ${s0.records.toLocaleString('en-US')}: no main-thread task longer than 50 ms while progress is reported (${longest === null ? 'none reported' : ms(longest)})`,
            longest === null ? samples.every((s) => !s.note) : longest <= 50
        ],
        [
            `run of ${s0.records.toLocaleString('en-US')}: the table stays interactive, every scroll/click answered within 100 ms (worst ${ms(probes.length ? Math.max(...probes) : null)})`,
            probes.length ? Math.max(...probes) < 100 : null
        ]
    ];
    return { lines, checks };
}
