import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file lives in scripts/lib). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(REPO_ROOT, 'node_modules', '.bin');
/** Where the project installs tools it patches (apex-ls jars). */
export const TOOLS_DIR = path.join(REPO_ROOT, '.tools');

/** Default source folder of an SFDX project (force-app/main/default). */
export function sourceDir(projectRoot: string): string {
    return path.join(projectRoot, 'force-app', 'main', 'default');
}

/** Recursively lists files under `dir` whose name passes `accept`; [] when the dir is missing. */
export function listFiles(dir: string, accept: (name: string) => boolean = () => true): string[] {
    if (!fs.existsSync(dir)) return [];
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...listFiles(full, accept));
        else if (accept(entry.name)) out.push(full);
    }
    return out.sort();
}

export function rel(projectRoot: string, file: string): string {
    return path.relative(projectRoot, file) || file;
}
