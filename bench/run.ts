/*
 * `npm run bench`: our Data Table (c-dynamic-data-table) against a plain lightning-datatable with default settings,
 * in the same headless Chromium, at 1,000 / 10,000 / 50,000 rows. For each: time to first rows visible, full render
 * (interactive), select-all, sort, scroll to the end, resolving SelectedRowsKeyValue for all rows, JS heap after GC.
 * Median of N runs (default 5; a fresh page per run). Slow plain-table steps are capped and reported as "> N s".
 * Writes bench/results/latest.md (+ latest.json) and prints the table.
 *
 *   npm run bench [-- --runs 5] [--sizes 1000,10000,50000] [--cap 90] [--only ours,plain,virtual] [--resume file]
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
import type { Page } from 'playwright-core';
import { runDefinitionBench } from './definitions.bench';

const ROOT = path.resolve(__dirname, '..');
const TARGET: BuildTarget = { name: 'bench', input: path.join(__dirname, 'benchPage.ts') };
const BUNDLE_DIR = path.join(ROOT, 'preview', 'dist', 'prod', 'bench');
const SLDS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">
<script type="module" src="/bundle/bench.js"></script></head>
<body style="margin:0;background:#fff"><div id="host" style="height:640px;padding:8px"></div></body></html>`;

type Kind = 'ours' | 'plain' | 'virtual';
/** The page API of bench/benchPage.ts. */
interface BenchWindow {
    __bench: {
        mount(
            kind: Kind,
            n: number,
            timeoutMs: number
        ): Promise<{ firstRows: number | null; fullRender: number | null; rowsInDom: number }>;
        armClick(what: 'selectAll' | 'sort', timeoutMs: number): void;
        clickResult(): Promise<number | null>;
        hostSort(): number;
        scrollToEnd(timeoutMs: number): Promise<number | null>;
        resolveKeys(): { ms: number; count: number };
    };
}
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

async function oneRun(page: Page, url: string, kind: Kind, n: number, capMs: number): Promise<Sample> {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __benchReady?: boolean }).__benchReady === true);
    const s: Sample = { capped: [] };
    const mount = (await page.evaluate(
        ([k, size, cap]) => (window as unknown as BenchWindow).__bench.mount(k, size, cap),
        [kind, n, capMs] as const
    )) as { firstRows: number | null; fullRender: number | null; rowsInDom: number };
    s.firstRows = mount.firstRows;
    s.fullRender = mount.fullRender;
    s.rowsInDom = mount.rowsInDom;
    if (mount.fullRender === null) {
        s.capped!.push('fullRender');
        return s; // the page is still busy rendering: the other steps cannot be measured within the cap
    }
    const dt = page.locator(kind === 'ours' ? '#host c-dynamic-data-table' : '#host lightning-datatable').first();
    // select all: the header checkbox
    await page.evaluate((cap) => (window as unknown as BenchWindow).__bench.armClick('selectAll', cap), capMs);
    await dt
        .locator(kind === 'ours' ? 'input.select-all' : 'input.datatable-select-all')
        .first()
        .click({ force: true, timeout: capMs });
    s.selectAll = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.clickResult())) as
        number | null;
    if (s.selectAll === null) s.capped!.push('selectAll');
    const keys = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.resolveKeys())) as {
        ms: number;
        count: number;
    };
    s.resolveKeys = keys.count === n ? keys.ms : null;
    // sort by the Name column (header action of the first data column)
    const header = dt
        .locator('[data-row-key-value="HEADER"] .slds-th__action')
        .filter({ hasText: 'Full Name' })
        .first();
    await page.evaluate((cap) => (window as unknown as BenchWindow).__bench.armClick('sort', cap), capMs);
    await header.click({ timeout: capMs });
    s.sort = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.clickResult())) as number | null;
    if (s.sort === null) s.capped!.push('sort');
    else s.sortInHost = (await page.evaluate(() => (window as unknown as BenchWindow).__bench.hostSort())) as number;
    s.scrollEnd = (await page.evaluate((cap) => (window as unknown as BenchWindow).__bench.scrollToEnd(cap), capMs)) as
        number | null;
    if (s.scrollEnd === null) s.capped!.push('scrollEnd');
    s.heapMB = await heapMB(page);
    return s;
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

function fmt(ms: number | null, metric: Metric, capMs: number): string {
    if (ms === null) return metric === 'heapMB' ? 'n/a' : `> ${Math.round(capMs / 1000)} s`;
    if (metric === 'heapMB') return ms.toFixed(0) + ' MB';
    return ms >= 10000 ? (ms / 1000).toFixed(1) + ' s' : ms.toFixed(ms < 10 ? 1 : 0) + ' ms';
}

async function main(): Promise<void> {
    const onlyArg = arg('only', '');
    const definitionsMet = runDefinitionBench();
    console.log('');
    if (onlyArg.split(',').every((k) => k === 'definitions') && onlyArg) {
        if (!definitionsMet) process.exit(1);
        return;
    }
    const runs = Number(arg('runs', '5'));
    const sizes = arg('sizes', '1000,10000,50000').split(',').map(Number);
    const capMs = Number(arg('cap', '90')) * 1000;
    const only = arg('only', '');
    const kinds: Kind[] = only
        ? (only.split(',').filter((k) => ['ours', 'plain', 'virtual'].includes(k)) as Kind[])
        : ['ours', 'plain'];

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
    let page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const results: Record<string, Record<Kind, Sample[]>> = {};
    // --resume <file>: samples of cells measured before (bench/results/partial.json of an interrupted run) are kept
    const resumeFile = arg('resume', '');
    const resumed = (resumeFile ? JSON.parse(fs.readFileSync(resumeFile, 'utf8')) : {}) as Record<
        string,
        Record<Kind, Sample[]>
    >;
    try {
        for (const n of sizes) {
            results[n] = resumed[n] ?? { ours: [], plain: [], virtual: [] };
            for (const kind of kinds) {
                if (results[n][kind].length) continue; // resumed from an earlier run
                for (let r = 0; r < runs; r++) {
                    // a run that blocks the page longer than the cap (plus setup time) is abandoned: new page
                    let s = await within(oneRun(page, server.url, kind, n, capMs), capMs * 2 + 60000);
                    if (!s) {
                        s = { firstRows: null, fullRender: null, capped: ['fullRender'] };
                        await within(
                            page.close().catch(() => undefined),
                            10000
                        );
                        page = await browser.context.newPage();
                        page.on('pageerror', (e) => console.error('page error:', e.message));
                    }
                    results[n][kind].push(s);
                    console.log(
                        `${kind.padEnd(7)} ${String(n).padStart(6)} run ${r + 1}/${runs}: ` +
                            METRICS.map((m) => `${m}=${fmt(s![m] ?? null, m, capMs)}`).join(' ') +
                            ` rowsInDom=${s.rowsInDom}`
                    );
                    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
                    fs.writeFileSync(path.join(__dirname, 'results', 'partial.json'), JSON.stringify(results, null, 2));
                    if (s.capped?.includes('fullRender')) {
                        console.log(`${kind} at ${n} rows exceeded the ${capMs / 1000} s cap; not repeating it.`);
                        break;
                    }
                }
            }
        }
    } finally {
        await browser.close();
        server.close();
    }

    const chromium =
        'Chromium (headless, system package), ' +
        new Date().toISOString() +
        `, ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start / ${os.loadavg()[0].toFixed(1)} at end (absolute times scale with load; compare the ratios)`;
    const lines: string[] = [
        '# Benchmark: our Data Table vs plain lightning-datatable',
        '',
        `${chromium}; ${runs} runs per cell (median; a capped plain run is not repeated); cap ${capMs / 1000} s per step.`,
        'ours = c-dynamic-data-table (virtualized grid: only the rows in view are rendered; runtime SelectionModel); plain = lightning-datatable with default settings (renders every row).',
        'firstRows = rows visible after data is set; fullRender = all rendering done and the page idle (interactive); selectAll / sort = click → result shown and idle;',
        'sortInHost = the part of sort spent in the host re-ordering the rows in memory (the stand-in for the server query; the same code for both tables);',
        'scrollEnd = scroll to the bottom → last row shown; resolveKeys = SelectedRowsKeyValue (ours) / getSelectedRows().map(Id) (plain) for all rows; heap after GC.',
        '',
        'virtual (reference, only with --only …,virtual) = lightning-datatable with role-based rendering + vertical virtualization.',
        '',
        `| rows | metric | ${kinds.join(' | ')} | plain / ours |`,
        `|---:|---|${kinds.map(() => '---:|').join('')}---:|`
    ];
    const json: Record<string, unknown> = {};
    for (const n of sizes) {
        for (const m of METRICS) {
            const med = Object.fromEntries(kinds.map((k) => [k, median(results[n][k].map((x) => x[m]))])) as Record<
                Kind,
                number | null
            >;
            const o = med.ours ?? null;
            const p = med.plain ?? null;
            const pCapped = results[n].plain.length > 0 && p === null;
            let ratio = '';
            if (o && p) ratio = `${(p / o).toFixed(1)}×`;
            else if (pCapped && o && !['heapMB', 'resolveKeys', 'sortInHost'].includes(m))
                ratio = `> ${(capMs / o).toFixed(0)}×`;
            const cells = kinds.map((k) => (results[n][k].length ? fmt(med[k], m, capMs) : '—'));
            lines.push(`| ${n.toLocaleString('en-US')} | ${m} | ${cells.join(' | ')} | ${ratio} |`);
            json[`${n}.${m}`] = med;
        }
    }
    // the targets, checked against the medians of ours (and the ratio to plain where one is asked for)
    const med = (n: number, m: Metric, k: Kind = 'ours'): number | null =>
        results[n]?.[k]?.length ? median(results[n][k].map((x) => x[m])) : null;
    const checks: [string, boolean | null][] = [];
    for (const n of sizes) {
        const first = med(n, 'firstRows');
        checks.push([
            `${n.toLocaleString('en-US')} rows: first rows visible < 300 ms (${fmt(first, 'firstRows', capMs)})`,
            first === null ? null : first < 300
        ]);
    }
    if (sizes.includes(10000)) {
        const o = med(10000, 'fullRender');
        const p = med(10000, 'fullRender', 'plain');
        const plainCapped = results[10000].plain.length > 0 && p === null;
        const ratio = o && p ? p / o : o && plainCapped ? capMs / o : null;
        checks.push([
            `10,000 rows: interactive ≥ 15× faster than plain (${ratio === null ? 'plain not measured' : (plainCapped ? '> ' : '') + ratio.toFixed(1) + '×'})`,
            ratio === null ? null : ratio >= 15
        ]);
        const sel = med(10000, 'selectAll');
        checks.push([
            `10,000 rows: select-all < 150 ms (${fmt(sel, 'selectAll', capMs)})`,
            sel === null ? null : sel < 150
        ]);
    }
    if (sizes.includes(50000)) {
        for (const m of ['selectAll', 'sort', 'scrollEnd'] as const) {
            const v = med(50000, m);
            checks.push([`50,000 rows: ${m} < 100 ms (${fmt(v, m, capMs)})`, v === null ? null : v < 100]);
        }
    }
    lines.push('', 'Targets (ours, medians):', '');
    for (const [label, ok] of checks) lines.push(`- ${ok === null ? 'not measured' : ok ? 'met' : 'MISSED'}: ${label}`);
    lines.push('', 'Raw samples: bench/results/latest.json');
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', 'latest.md'), lines.join('\n') + '\n');
    fs.writeFileSync(
        path.join(__dirname, 'results', 'latest.json'),
        JSON.stringify({ runs, capMs, medians: json, samples: results }, null, 2)
    );
    fs.rmSync(path.join(__dirname, 'results', 'partial.json'), { force: true });
    console.log('\n' + lines.join('\n'));
}

main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
});
