/*
 * A small end-to-end harness over playwright-core: tests register with `e2eTest(name, fn)`; `runAll()` starts the
 * preview server (fresh sample data per test via POST /api/reset) on the project's definitions and flows plus the
 * e2e fixtures (e2e/fixtures/definitions, e2e/fixtures/flows), launches the system Chromium once, gives each test
 * a new page, saves a screenshot to test-results/<test>.png on failure, prints one line per test and a final
 * `N passed, N failed` line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { startServer, type PreviewServer } from '../../preview/server';

export const ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');

/** How a page is opened: `as: 'user'` renders it as an end user (no Customize Application: no setup panel). */
export interface OpenOptions {
    as?: 'admin' | 'user';
}

export interface TestContext {
    page: Page;
    server: PreviewServer;
    /** Opens the preview page for a definition (and record context), as the preview's admin unless told otherwise. */
    open(definition: string, recordId?: string, options?: OpenOptions): Promise<void>;
    /** The store's records of an object, as the server holds them now. */
    records(objectName: string): Promise<Record<string, unknown>[]>;
}

type TestFn = (t: TestContext) => Promise<void>;
const tests: { name: string; fn: TestFn }[] = [];

export function e2eTest(name: string, fn: TestFn): void {
    tests.push({ name, fn });
}

/** The files ending in `suffix` of the given folders, copied into one new temp dir the server reads. */
function mergedDir(prefix: string, suffix: string, sources: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const src of sources) {
        if (!fs.existsSync(src)) continue;
        for (const f of fs.readdirSync(src))
            if (f.endsWith(suffix)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
    }
    return dir;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** definitions/*.json plus the e2e fixture definitions. */
function definitionsDir(): string {
    return mergedDir('dc-e2e-definitions-', '.json', [
        path.join(ROOT, 'definitions'),
        path.join(FIXTURES, 'definitions')
    ]);
}

/** The project's flows plus the e2e fixture flows (an inactive flow, ...). */
function flowsDir(): string {
    return mergedDir('dc-e2e-flows-', '.flow-meta.xml', [
        path.join(ROOT, 'force-app', 'main', 'default', 'flows'),
        path.join(FIXTURES, 'flows')
    ]);
}

function slug(name: string): string {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 80);
}

export interface RunOptions {
    bundleDir: string;
    filter?: string;
    timeoutMs?: number;
}

export async function runAll(options: RunOptions): Promise<{ passed: number; failed: number }> {
    const defsDir = definitionsDir();
    const flowDir = flowsDir();
    const server = await startServer({
        port: 0,
        bundleDir: options.bundleDir,
        definitionsDir: defsDir,
        flowsDir: flowDir,
        quiet: true
    });
    let browser: Browser | undefined;
    let passed = 0;
    let failed = 0;
    try {
        browser = await launchBrowser();
        const selected = tests.filter(
            (t) => !options.filter || t.name.toLowerCase().includes(options.filter.toLowerCase())
        );
        for (const t of selected) {
            const page = await browser.context.newPage();
            const pageErrors: string[] = [];
            page.on('pageerror', (e) => pageErrors.push(e.message));
            page.setDefaultTimeout(options.timeoutMs ?? 30000);
            const ctx: TestContext = {
                page,
                server,
                async open(definition, recordId, openOptions = {}) {
                    const q = new URLSearchParams({ definition });
                    if (recordId) q.set('recordId', recordId);
                    if (openOptions.as === 'user') q.set('as', 'user');
                    await page.goto(`${server.url}?${q}`);
                },
                async records(objectName) {
                    const res = await fetch(`${server.url}api/records/${objectName}`);
                    return (await res.json()) as Record<string, unknown>[];
                }
            };
            const started = Date.now();
            try {
                await fetch(`${server.url}api/reset`, { method: 'POST' });
                await t.fn(ctx);
                if (pageErrors.length) throw new Error(`uncaught page error: ${pageErrors[0]}`);
                passed++;
                console.log(`  ✓ ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            } catch (e) {
                failed++;
                fs.mkdirSync(RESULTS_DIR, { recursive: true });
                const shot = path.join(RESULTS_DIR, `${slug(t.name)}.png`);
                await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
                const message = ((e as Error).message ?? String(e)).split('\n').slice(0, 6).join('\n      ');
                console.log(
                    `  ✗ ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n      ${message}\n      screenshot: ${path.relative(ROOT, shot)}`
                );
            } finally {
                await page.close().catch(() => undefined);
            }
        }
    } finally {
        await browser?.close();
        await server.close();
        fs.rmSync(defsDir, { recursive: true, force: true });
        fs.rmSync(flowDir, { recursive: true, force: true });
    }
    return { passed, failed };
}
