import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../lib/problems';
import { formatProblem } from '../lib/problems';
import { BIN, REPO_ROOT } from '../lib/paths';
import { run } from '../lib/proc';
import { apexDeclarations, readApexClasses } from './apexSurface';
import { compileAllBundles } from './lwcCompile';

export const APEX_TYPES_FILE = path.join('types', 'apex.generated.d.ts');

/** Writes a file only when its content changes (keeps mtimes stable for watchers). */
function writeIfChanged(file: string, content: string): boolean {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return false;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return true;
}

export function generateApexTypes(root: string): void {
    writeIfChanged(path.join(root, APEX_TYPES_FILE), apexDeclarations(readApexClasses(root)));
}

/** `file(12,5): error TS2322: message` → Problem. */
export function parseTscOutput(root: string, output: string): Problem[] {
    const problems: Problem[] = [];
    for (const line of output.split('\n')) {
        const m = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line.trim());
        if (m)
            problems.push({
                file: path.relative(root, path.resolve(root, m[1])),
                line: Number(m[2]),
                message: `${m[3]}: ${m[4]}`
            });
        else if (/error TS\d+/.test(line)) problems.push({ file: 'tsconfig', message: line.trim() });
    }
    return problems;
}

export async function tsc(root: string, project: string): Promise<Problem[]> {
    if (!fs.existsSync(path.join(root, project))) return [];
    const r = await run(path.join(BIN, 'tsc'), ['-p', project, '--pretty', 'false'], { cwd: root });
    const problems = parseTscOutput(root, r.stdout + r.stderr);
    if (r.code !== 0 && problems.length === 0)
        problems.push({ file: project, message: `tsc failed: ${(r.stdout + r.stderr).trim()}` });
    return problems;
}

async function generateDefinitionMetadata(root: string): Promise<Problem[]> {
    const generator = path.join(__dirname, 'definitionsToMetadata.ts');
    if (!fs.existsSync(generator)) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(generator) as { generateDefinitionRecords(root: string): Problem[] | void };
    return mod.generateDefinitionRecords(root) ?? [];
}

/**
 * Every TypeScript LWC bundle must have its `c/<bundle>` entry in tsconfig.json `paths` (TypeScript allows one `*`
 * per mapping, so the list is explicit): without it every import of the bundle fails with a confusing TS2307.
 */
export function checkTsconfigPaths(root: string): Problem[] {
    const tsconfig = path.join(root, 'tsconfig.json');
    const lwcDir = path.join(root, 'force-app', 'main', 'default', 'lwc');
    if (!fs.existsSync(tsconfig) || !fs.existsSync(lwcDir)) return [];
    const text = fs.readFileSync(tsconfig, 'utf8');
    return fs
        .readdirSync(lwcDir)
        .filter((b) => fs.existsSync(path.join(lwcDir, b, `${b}.ts`)) && !text.includes(`"c/${b}"`))
        .map((b) => ({
            file: 'tsconfig.json',
            message: `LWC bundle '${b}' has no "c/${b}" entry in compilerOptions.paths: add "c/${b}": ["./force-app/main/default/lwc/${b}/${b}"].`
        }));
}

/** The whole build; logs each step and returns every problem found. */
export async function buildProject(
    root: string = REPO_ROOT,
    log: (s: string) => void = console.log
): Promise<Problem[]> {
    const all: Problem[] = [];
    const step = async (title: string, fn: () => Promise<Problem[]> | Problem[]): Promise<boolean> => {
        const t0 = Date.now();
        const problems = await fn();
        log(
            `build: ${title.padEnd(44)} ${problems.length ? `FAIL (${problems.length})` : 'ok'} ${((Date.now() - t0) / 1000).toFixed(1)}s`
        );
        for (const p of problems) log(`    ${formatProblem(p)}`);
        all.push(...problems);
        return problems.length === 0;
    };
    // A project without a tsconfig.json (a plain-JS fixture) has nothing to generate or emit.
    const isTypeScriptProject = fs.existsSync(path.join(root, 'tsconfig.json'));
    if (isTypeScriptProject) {
        await step('Apex → types/apex.generated.d.ts', () => (generateApexTypes(root), []));
        await step('definitions → custom metadata records', () => generateDefinitionMetadata(root));
    }
    if (isTypeScriptProject) await step('tsconfig paths cover every LWC bundle', () => checkTsconfigPaths(root));
    if (await step('tsc (LWC .ts → .js)', () => tsc(root, 'tsconfig.json'))) {
        await step('LWC compiler over every bundle', () => compileAllBundles(root));
    }
    return all;
}
