/*
 * Launches the system Chromium through playwright-core (never downloads a browser): CHROMIUM_PATH or
 * /usr/bin/chromium, headless, persistent context in a fresh temporary profile (Playwright refuses
 * --user-data-dir in args).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_MISSING = 'install chromium: apt-get install -y chromium';

export function chromiumPath(): string {
    const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
    if (!fs.existsSync(p)) throw new Error(`Chromium not found at ${p}: ${CHROMIUM_MISSING} (or set CHROMIUM_PATH)`);
    return p;
}

export interface Browser {
    context: BrowserContext;
    close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<Browser> {
    const executablePath = chromiumPath();
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        viewport,
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
        ]
    });
    // tsx (esbuild keepNames) wraps named functions in __name(...) calls, also inside callbacks given to
    // page.evaluate / waitForFunction, which run in the page: define the helper there.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(userDataDir, { recursive: true, force: true });
        }
    };
}
