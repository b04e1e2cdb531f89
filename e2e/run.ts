/*
 * End-to-end tests in Chromium: `npm run test:e2e` (the lead's `npm test` calls this file too).
 * Builds the preview bundle when it is older than its sources, serves it with the preview backend, runs every
 * e2e/*.e2e.ts test in the system Chromium (CHROMIUM_PATH or /usr/bin/chromium; never downloads a browser), prints
 * one line per test and a final "N passed, N failed" line, and exits non-zero on any failure. Screenshots of
 * failures go to test-results/.
 *
 *   tsx e2e/run.ts [--grep <text>] [--no-build]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_TARGET, build, sourcesNewestMtime } from '../preview/build';
import { CHROMIUM_MISSING, chromiumPath } from './lib/browser';
import { runAll } from './lib/harness';

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    const grepAt = argv.indexOf('--grep');
    const filter = grepAt >= 0 ? argv[grepAt + 1] : undefined;
    try {
        chromiumPath();
    } catch {
        console.error(CHROMIUM_MISSING);
        console.log('0 passed, 1 failed');
        return 1;
    }
    const bundleDir = path.join(__dirname, '..', 'preview', 'dist', 'dev', 'app');
    const bundle = path.join(bundleDir, 'app.js');
    if (
        !argv.includes('--no-build') &&
        (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sourcesNewestMtime())
    ) {
        console.log('Building the preview bundle…');
        const { ms } = await build(APP_TARGET, 'dev');
        console.log(`Built in ${(ms / 1000).toFixed(1)} s.`);
    }
    for (const f of fs
        .readdirSync(__dirname)
        .filter((n) => n.endsWith('.e2e.ts'))
        .sort()) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- test files register themselves on load
        require(path.join(__dirname, f));
    }
    console.log('End-to-end tests (Chromium):');
    const { passed, failed } = await runAll({ bundleDir, filter });
    console.log(`${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: Error) => {
        console.error(e.stack ?? e.message);
        console.log('0 passed, 1 failed');
        process.exit(1);
    }
);
