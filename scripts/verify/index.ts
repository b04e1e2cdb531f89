/*
 * `npm run verify`: the offline gate. Runs every check in order on the repository (or on the project
 * given with --root), prints each step with its time and each problem as `file:line: message`,
 * and exits non-zero when any step found a problem.
 *
 *   npm run verify                      all steps on the repo
 *   npm run verify -- --only apex-ls    selected steps (comma-separated ids)
 *   npm run verify -- --root DIR        check another SFDX project (used by the fixture tests)
 *   npm run verify -- --json FILE       also write the results as JSON
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem } from '../lib/problems';
import { REPO_ROOT } from '../lib/paths';
import { loadChecks } from './registry';

interface StepOutcome {
    id: string;
    title: string;
    ms: number;
    problems: string[];
    notes: string[];
}

function argValue(args: string[], name: string): string | undefined {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const root = path.resolve(argValue(args, '--root') ?? REPO_ROOT);
    const only = argValue(args, '--only')?.split(',');
    const jsonOut = argValue(args, '--json');
    const checks = loadChecks().filter((c) => !only || only.includes(c.id));
    if (only && checks.length !== only.length) {
        const known = loadChecks().map((c) => c.id);
        console.error(`Unknown step in --only ${only.join(',')}; steps are: ${known.join(', ')}`);
        process.exit(2);
    }

    const outcomes: StepOutcome[] = [];
    const started = Date.now();
    for (const check of checks) {
        const t0 = Date.now();
        let problems: string[];
        let notes: string[] = [];
        try {
            const result = await check.run({ root });
            problems = result.problems.map(formatProblem);
            notes = result.notes ?? [];
        } catch (e) {
            problems = [`${check.id}:1: the check itself crashed: ${(e as Error).stack ?? String(e)}`];
        }
        const ms = Date.now() - t0;
        const status = problems.length ? `FAIL (${problems.length})` : 'ok';
        console.log(`▸ ${check.title.padEnd(58)} ${status.padStart(10)} ${(ms / 1000).toFixed(1).padStart(6)}s`);
        for (const n of notes) console.log(`    ${n}`);
        for (const p of problems) console.log(`    ${p}`);
        outcomes.push({ id: check.id, title: check.title, ms, problems, notes });
    }
    const failed = outcomes.filter((o) => o.problems.length).length;
    console.log(
        `verify: ${outcomes.length - failed} of ${outcomes.length} steps clean in ${((Date.now() - started) / 1000).toFixed(1)}s`
    );
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(outcomes, null, 2));
    process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
    console.error(e);
    process.exit(2);
});
