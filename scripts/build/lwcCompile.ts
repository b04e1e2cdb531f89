/*
 * Compiles every LWC bundle's emitted .js, .html and .css with the LWC compiler, the way the platform
 * does on deploy, so template and decorator errors fail here instead of in the org.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transformSync } from '@lwc/compiler';
import type { Problem } from '../lib/problems';
import { rel, sourceDir } from '../lib/paths';

interface CompilerDiagnostic {
    message: string;
    level: number;
    location?: { line: number; column: number };
}

/** Bundle folders (those with a .js-meta.xml) under the project's lwc folder. */
export function lwcBundles(root: string): string[] {
    const lwcDir = path.join(sourceDir(root), 'lwc');
    if (!fs.existsSync(lwcDir)) return [];
    return fs
        .readdirSync(lwcDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(lwcDir, d.name, `${d.name}.js-meta.xml`)))
        .map((d) => path.join(lwcDir, d.name));
}

export function compileBundle(root: string, bundleDir: string): Problem[] {
    const name = path.basename(bundleDir);
    const problems: Problem[] = [];
    const files = fs
        .readdirSync(bundleDir)
        .filter((f) => /\.(js|html|css)$/.test(f))
        .map((f) => path.join(bundleDir, f));
    if (!files.some((f) => f.endsWith(`${name}.js`))) {
        problems.push({
            file: rel(root, path.join(bundleDir, `${name}.ts`)),
            message: `LWC bundle ${name} has no ${name}.js: run the build (tsc emits it from ${name}.ts)`
        });
        return problems;
    }
    for (const file of files) {
        const source = fs.readFileSync(file, 'utf8');
        // The .ts next to a .js is the real source: report against it when the error is in emitted code.
        const reportFile =
            file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts')) ? file.replace(/\.js$/, '.ts') : file;
        try {
            const result = transformSync(source, path.basename(file), {
                name,
                namespace: 'c',
                enableDynamicComponents: true
            }) as unknown as { warnings?: CompilerDiagnostic[] };
            for (const w of result.warnings ?? []) {
                if (w.level <= 1) {
                    problems.push({
                        file: rel(root, file),
                        line: w.location?.line,
                        message: `LWC compiler: ${w.message}`
                    });
                }
            }
        } catch (e) {
            const err = e as Error & { location?: { line: number }; loc?: { line: number } };
            const line = err.location?.line ?? err.loc?.line;
            problems.push({
                file: rel(root, line !== undefined ? file : reportFile),
                line,
                message: `LWC compiler: ${err.message.split('\n')[0]}`
            });
        }
    }
    return problems;
}

export function compileAllBundles(root: string): Problem[] {
    return lwcBundles(root).flatMap((b) => compileBundle(root, b));
}
