/*
 * ESLint (flat config: the repository's eslint.config.js) on the checked project's LWC TypeScript
 * sources (force-app/**\/lwc/**\/*.ts) — and, when the checked project is the repository itself, on the
 * Node-side TypeScript too (scripts, preview, e2e, bench). Uses the ESLint Node API in-process
 * (one load of the parsers and plugins). Every error is a problem: `file:line: message (rule)`; warnings are
 * listed as notes (they do not fail `npm run lint` either).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { REPO_ROOT, listFiles, rel } from '../../lib/paths';

/** Folders with Node-side TypeScript that are linted only when the repository itself is checked. */
const REPO_TS_DIRS = ['scripts', 'preview', 'e2e', 'bench'];

/** The .ts files to lint under `root`. */
export function lintTargets(root: string): string[] {
    const lwc = listFiles(root, (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')).filter((f) =>
        rel(root, f).split(path.sep).includes('lwc')
    );
    const isRepo = path.resolve(root) === REPO_ROOT;
    const node = isRepo
        ? REPO_TS_DIRS.flatMap((d) => listFiles(path.join(root, d), (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')))
        : [];
    return [...lwc.filter((f) => rel(root, f).startsWith('force-app')), ...node];
}

const check: Check = {
    id: 'lint',
    title: 'ESLint (LWC TypeScript)',
    async run({ root }) {
        const files = lintTargets(root);
        if (!files.length) return { problems: [], notes: ['no TypeScript files to lint'] };
        const configFile = path.join(REPO_ROOT, 'eslint.config.js');
        if (!fs.existsSync(configFile))
            return {
                problems: [
                    { file: 'eslint.config.js', line: 1, message: 'eslint.config.js is missing at the repository root' }
                ]
            };
        const eslint = new ESLint({
            cwd: root,
            overrideConfigFile: configFile,
            errorOnUnmatchedPattern: false,
            warnIgnored: false,
            // on the repository: content-hash cache (also keyed by the config), unchanged files are not re-linted
            cache: path.resolve(root) === REPO_ROOT,
            cacheStrategy: 'content',
            cacheLocation: path.join(REPO_ROOT, '.verify-out', 'eslintcache')
        });
        const results = await eslint.lintFiles(files);
        const problems: Problem[] = [];
        const notes: string[] = [];
        for (const r of results) {
            for (const m of r.messages) {
                if (m.severity === 1) {
                    notes.push(
                        `warning ${rel(root, r.filePath)}:${m.line ?? 1}: ${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}`
                    );
                    continue;
                }
                problems.push({
                    file: rel(root, r.filePath),
                    line: m.line ?? 1,
                    message: `${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}${m.fatal ? ' (parse error)' : ''}`
                });
            }
        }
        return { problems, notes };
    }
};

export default check;
