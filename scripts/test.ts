/*
 * `npm test`: every offline check and test suite, then one plain closing line `N passed, N failed`.
 *
 * Suites (in order): verify (each gate step counts as one), unit (Jest over the LWC sources, with the
 * coverage threshold), scripts (node:test suites of the checks, the build, the preview backend),
 * e2e (Chromium end-to-end tests, when present).
 *
 *   npm test                     everything
 *   npm test -- --only unit      one or more suites, comma-separated: verify,unit,scripts,e2e
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, REPO_ROOT, listFiles } from './lib/paths';
import { CHROMIUM, JAVA, ensureSystemTools, type SystemTool } from './lib/systemPackages';

interface SuiteResult {
    suite: string;
    passed: number;
    failed: number;
    seconds: number;
    failures: string[];
}

const OUT = path.join(REPO_ROOT, '.verify-out');

async function timed(suite: string, fn: () => Promise<Omit<SuiteResult, 'suite' | 'seconds'>>): Promise<SuiteResult> {
    const t0 = Date.now();
    console.log(`\n━━ ${suite} ━━`);
    const r = await fn();
    return { suite, seconds: (Date.now() - t0) / 1000, ...r };
}

/** Streams a child's output to the console while keeping it for parsing. */
async function runShown(
    cmd: string,
    args: string[],
    env: NodeJS.ProcessEnv = {}
): Promise<{ code: number; out: string }> {
    const { spawn } = await import('node:child_process');
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            process.stdout.write(d);
        });
        child.stderr.on('data', (d: Buffer) => {
            out += d.toString();
            process.stderr.write(d);
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, out }));
    });
}

async function verifySuite(): Promise<Omit<SuiteResult, 'suite' | 'seconds'>> {
    const json = path.join(OUT, 'verify.json');
    const r = await runShown(path.join(BIN, 'tsx'), [path.join(REPO_ROOT, 'scripts/verify/index.ts'), '--json', json]);
    if (!fs.existsSync(json)) return { passed: 0, failed: 1, failures: [`verify crashed (exit ${r.code})`] };
    const steps = JSON.parse(fs.readFileSync(json, 'utf8')) as { id: string; problems: string[] }[];
    const failedSteps = steps.filter((s) => s.problems.length);
    return {
        passed: steps.length - failedSteps.length,
        failed: failedSteps.length,
        failures: failedSteps.map((s) => `verify step ${s.id}: ${s.problems.length} problem(s)`)
    };
}

async function unitSuite(): Promise<Omit<SuiteResult, 'suite' | 'seconds'>> {
    const json = path.join(OUT, 'jest.json');
    const r = await runShown(path.join(BIN, 'sfdx-lwc-jest'), [
        '--',
        '--ci',
        '--coverage',
        '--json',
        `--outputFile=${json}`
    ]);
    if (!fs.existsSync(json)) return { passed: 0, failed: 1, failures: [`jest crashed (exit ${r.code})`] };
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numRuntimeErrorTestSuites: number;
        testResults: { name: string; assertionResults: { status: string; fullName: string }[]; message: string }[];
    };
    const failures = j.testResults.flatMap((s) =>
        s.assertionResults
            .filter((a) => a.status === 'failed')
            .map((a) => `${path.relative(REPO_ROOT, s.name)}: ${a.fullName}`)
    );
    let failed = j.numFailedTests + j.numRuntimeErrorTestSuites;
    for (const s of j.testResults)
        if (s.assertionResults.length === 0 && s.message)
            failures.push(`${path.relative(REPO_ROOT, s.name)}: suite failed to run`);
    // A coverage-threshold miss makes jest exit non-zero with every test green: count it as a failure.
    if (r.code !== 0 && failed === 0) {
        failed = 1;
        failures.push(
            /coverage threshold/i.test(r.out)
                ? 'Jest coverage threshold not met (≥ 90% lines)'
                : `jest exited ${r.code}`
        );
    }
    return { passed: j.numPassedTests, failed, failures };
}

function nodeTestFiles(): string[] {
    const isTest = (n: string): boolean => n.endsWith('.test.ts');
    return ['scripts', 'preview']
        .flatMap((d) => listFiles(path.join(REPO_ROOT, d), isTest))
        .filter((f) => f.includes(`${path.sep}__tests__${path.sep}`) && !f.includes(`${path.sep}fixtures${path.sep}`));
}

async function scriptsSuite(): Promise<Omit<SuiteResult, 'suite' | 'seconds'>> {
    const files = nodeTestFiles();
    if (!files.length) return { passed: 0, failed: 0, failures: [] };
    const r = await runShown(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', ...files]);
    const count = (label: string): number => Number(new RegExp(`^# ${label} (\\d+)`, 'm').exec(r.out)?.[1] ?? 0);
    const failures = [...r.out.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1]);
    let failed = count('fail') + count('cancelled');
    if (r.code !== 0 && failed === 0) {
        failed = 1;
        failures.push(`node --test exited ${r.code}`);
    }
    return { passed: count('pass'), failed, failures };
}

async function e2eSuite(): Promise<Omit<SuiteResult, 'suite' | 'seconds'>> {
    const runner = path.join(REPO_ROOT, 'e2e', 'run.ts');
    if (!fs.existsSync(runner)) return { passed: 0, failed: 0, failures: [] };
    const r = await runShown(path.join(BIN, 'tsx'), [runner]);
    const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
    if (!m) return { passed: 0, failed: 1, failures: [`e2e exited ${r.code} without a summary`] };
    const failures = [...r.out.matchAll(/^\s*✗ (.*)$/gm)].map((x) => x[1]);
    let failed = Number(m[2]);
    if (r.code !== 0 && failed === 0) {
        failed = 1;
        failures.push(`e2e exited ${r.code}`);
    }
    return { passed: Number(m[1]), failed, failures };
}

const SUITES: Record<string, () => Promise<Omit<SuiteResult, 'suite' | 'seconds'>>> = {
    verify: verifySuite,
    unit: unitSuite,
    scripts: scriptsSuite,
    e2e: e2eSuite
};

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const onlyAt = args.indexOf('--only');
    const selected = onlyAt >= 0 ? args[onlyAt + 1].split(',') : Object.keys(SUITES);
    const unknown = selected.filter((s) => !SUITES[s]);
    if (unknown.length) {
        console.error(`Unknown suite(s): ${unknown.join(', ')}. Suites: ${Object.keys(SUITES).join(', ')}`);
        process.exit(2);
    }
    // Java for the Apex steps of verify, Chromium for e2e: installed now (as root) or named, before any suite runs.
    const tools: SystemTool[] = [];
    if (selected.includes('verify')) tools.push(JAVA);
    if (selected.includes('e2e')) tools.push(CHROMIUM);
    try {
        ensureSystemTools(tools);
    } catch (e) {
        console.error((e as Error).message);
        console.log('0 passed, 1 failed');
        process.exit(1);
    }
    fs.mkdirSync(OUT, { recursive: true });
    const results: SuiteResult[] = [];
    for (const name of selected) results.push(await timed(name, SUITES[name]));

    console.log('\n━━ summary ━━');
    for (const r of results) {
        console.log(
            `${r.suite.padEnd(8)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${r.seconds.toFixed(1).padStart(7)}s`
        );
        for (const f of r.failures) console.log(`    ✗ ${f}`);
    }
    const passed = results.reduce((n, r) => n + r.passed, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
});
