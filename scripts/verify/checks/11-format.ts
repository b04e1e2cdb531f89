/*
 * Prettier check of the project's cls/trigger/html/ts/json/xml/md files with the repository's
 * .prettierrc (prettier-plugin-apex, @prettier/plugin-xml), honouring the repository's .prettierignore
 * (patterns applied relative to the checked project, so fixture projects are checked too).
 *
 *  - a file Prettier would change → the first line that would change, "run npm run format";
 *  - a file Prettier cannot parse → the parse error with its line:
 *      Apex: Prettier's message has no line, so the file is re-parsed with Salesforce's own parser
 *      (jorje, the native @prettier-apex/apex-ast-serializer binary that prettier-plugin-apex ships):
 *      `apex-ast-serializer -l File.cls` prints JSON with `parseErrors[].error.error.loc.line`;
 *      XML: fast-xml-parser's XMLValidator gives the line; others: Prettier's `loc.start.line`.
 * One in-process Prettier API, files checked in sequence (no process per file). Like `prettier --cache
 * --cache-strategy content`, files already known to be formatted (hash of content + options + Prettier and
 * plugin versions) are skipped: .verify-out/prettier-ok.json.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { XMLValidator } from 'fast-xml-parser';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { REPO_ROOT, listFiles, rel } from '../../lib/paths';
import { run } from '../../lib/proc';

const EXTENSIONS = /\.(cls|trigger|html|ts|json|xml|md)$/;

/**
 * A gitignore-style matcher for the .prettierignore patterns (`*`, `**`, `?`, trailing `/`, leading
 * `/`, `!` negation; a pattern without an inner `/` matches at any depth).
 */
export function ignoreMatcher(patterns: string[]): (relPath: string) => boolean {
    const rules = patterns
        .map((p) => p.trim())
        .filter((p) => p && !p.startsWith('#'))
        .map((p) => {
            const negate = p.startsWith('!');
            let pat = negate ? p.slice(1) : p;
            const dirOnly = pat.endsWith('/');
            pat = pat.replace(/\/+$/, '');
            const anchored = pat.includes('/');
            pat = pat.replace(/^\//, '');
            let re = '';
            for (let i = 0; i < pat.length; i++) {
                const c = pat[i];
                if (c === '*' && pat[i + 1] === '*') {
                    if (pat[i + 2] === '/') {
                        re += '(?:.*/)?';
                        i += 2;
                    } else {
                        re += '.*';
                        i += 1;
                    }
                } else if (c === '*') re += '[^/]*';
                else if (c === '?') re += '[^/]';
                else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
            }
            // a matched directory ignores everything below it; a dir-only pattern needs something below
            const tail = dirOnly ? '/.*' : '(?:/.*)?';
            return { negate, regex: new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}${tail}$`) };
        });
    return (relPath: string) => {
        const p = relPath.split(path.sep).join('/');
        let ignored = false;
        for (const r of rules) if (r.regex.test(p)) ignored = !r.negate;
        return ignored;
    };
}

function findLine(o: unknown): number | undefined {
    if (!o || typeof o !== 'object') return undefined;
    const rec = o as Record<string, unknown>;
    if (typeof rec.line === 'number') return rec.line;
    for (const v of Object.values(rec)) {
        const l = findLine(v);
        if (l !== undefined) return l;
    }
    return undefined;
}

/** Line and message of the first Apex syntax error, from Salesforce's jorje parser. */
async function apexSyntaxError(file: string): Promise<{ line?: number; message?: string }> {
    let bin: string;
    try {
        const pkg = require.resolve('@prettier-apex/apex-ast-serializer-linux-x64/package.json', {
            paths: [path.dirname(require.resolve('prettier-plugin-apex', { paths: [REPO_ROOT] }))]
        });
        bin = path.join(path.dirname(pkg), 'apex-ast-serializer-linux-x64');
    } catch {
        return {};
    }
    const anonymous = file.endsWith('.apex') ? ['-a'] : [];
    const r = await run(bin, [...anonymous, '-l', file]);
    try {
        const out = JSON.parse(r.stdout) as Record<string, { parseErrors?: { message?: string }[] }>;
        const err = Object.values(out)[0]?.parseErrors?.[0];
        return err ? { line: findLine(err), message: err.message } : {};
    } catch {
        return {};
    }
}

const CACHE_FILE = path.join(REPO_ROOT, '.verify-out', 'prettier-ok.json');

function toolVersions(): string {
    return ['prettier', 'prettier-plugin-apex', '@prettier/plugin-xml']
        .map((p) => {
            try {
                return `${p}@${(JSON.parse(fs.readFileSync(require.resolve(`${p}/package.json`, { paths: [REPO_ROOT] }), 'utf8')) as { version: string }).version}`;
            } catch {
                return p;
            }
        })
        .join(',');
}

function readCache(): Set<string> {
    try {
        return new Set(JSON.parse(fs.readFileSync(CACHE_FILE, 'utf8')) as string[]);
    } catch {
        return new Set();
    }
}

function writeCache(keys: Set<string>): void {
    try {
        fs.mkdirSync(path.dirname(CACHE_FILE), { recursive: true });
        const tmp = `${CACHE_FILE}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify([...keys].slice(-20000)));
        fs.renameSync(tmp, CACHE_FILE); // atomic: concurrent runs never see a half-written cache
    } catch {
        // the cache is an optimisation only
    }
}

/** 1-based number of the first line where two texts differ. */
function firstDifference(a: string, b: string): number {
    const la = a.split('\n');
    const lb = b.split('\n');
    let i = 0;
    while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
    return Math.min(i, la.length - 1) + 1;
}

function lineOfError(e: unknown): number | undefined {
    const loc = (e as { loc?: { start?: { line?: number } } }).loc;
    return loc?.start?.line;
}

const check: Check = {
    id: 'format',
    title: 'Prettier formatting and syntax',
    async run({ root }) {
        const ignoreFile = path.join(REPO_ROOT, '.prettierignore');
        const ignored = ignoreMatcher(fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split('\n') : []);
        const files = listFiles(root, (n) => EXTENSIONS.test(n)).filter((f) => !ignored(rel(root, f)));
        const configFile = path.join(REPO_ROOT, '.prettierrc');
        const problems: Problem[] = [];
        const cache = readCache();
        const versions = toolVersions();
        let cached = 0;
        for (const file of files) {
            const relFile = rel(root, file);
            const text = fs.readFileSync(file, 'utf8');
            if (file.endsWith('.xml')) {
                const v = XMLValidator.validate(text);
                if (v !== true) {
                    problems.push({ file: relFile, line: v.err.line, message: `malformed XML: ${v.err.msg}` });
                    continue;
                }
            }
            const options = { ...((await prettier.resolveConfig(file, { config: configFile })) ?? {}), filepath: file };
            const key = crypto
                .createHash('sha1')
                .update(`${versions}\n${JSON.stringify(options)}\n${text}`)
                .digest('hex');
            if (cache.has(key)) {
                cached++;
                continue;
            }
            try {
                const formatted = await prettier.format(text, options);
                if (formatted === text) cache.add(key);
                else {
                    problems.push({
                        file: relFile,
                        line: firstDifference(text, formatted),
                        message: 'not formatted as Prettier would (first difference on this line): run npm run format'
                    });
                }
            } catch (e) {
                const first = String((e as Error).message).split('\n')[0];
                if (/\.(cls|trigger)$/.test(file)) {
                    const apex = await apexSyntaxError(file);
                    problems.push({
                        file: relFile,
                        line: apex.line ?? 1,
                        message: `Apex syntax error: ${apex.message ?? first}`
                    });
                } else problems.push({ file: relFile, line: lineOfError(e) ?? 1, message: `syntax error: ${first}` });
            }
        }
        writeCache(cache);
        return { problems, notes: [`${files.length} files checked (${cached} unchanged since a clean check)`] };
    }
};

export default check;
