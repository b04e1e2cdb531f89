import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from './check';

/**
 * Every check lives in scripts/verify/checks/<NN>-<id>.ts and default-exports a Check;
 * the two-digit prefix fixes the order of the steps.
 */
export function loadChecks(): Check[] {
    const dir = path.join(__dirname, 'checks');
    return fs
        .readdirSync(dir)
        .filter((f) => /^\d\d-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))
        .sort()
        .map((f) => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const mod = require(path.join(dir, f)) as { default: Check };
            return mod.default;
        });
}
