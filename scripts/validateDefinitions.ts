/*
 * `npm run validate:definitions -- [FILES]`: checks Dynamic Component definition files offline with the same
 * validator the component runs (c/dcDefinition), against the repo's objects and the standard object library.
 * Prints one line per problem, `definitions/X.json:LINE: path: message`, and exits non-zero on any problem.
 * Without FILES it checks definitions/*.json. `--root DIR` checks another SFDX project (its objects and flows).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDefinition, type SchemaCatalog } from '../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { formatProblem, type Problem } from './lib/problems';
import { REPO_ROOT } from './lib/paths';
import { loadSchemaCatalog } from './lib/schemaCatalog';
import type { Check } from './verify/check';

export const SCHEMA_FILE = 'definition.schema.json';

/** definitions/*.json of a project, without the JSON Schema. */
export function definitionFiles(root: string): string[] {
    const dir = path.join(root, 'definitions');
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE)
        .sort()
        .map((f) => path.join(dir, f));
}

/**
 * Validates definition files; problems carry the file (relative to `root`), the line of the offending value
 * and `path: message`. Also checks that each file is named after its apiName and that apiNames are unique
 * (each becomes the custom metadata record Dynamic_Component.<apiName>).
 */
export function validateDefinitionFiles(root: string, files: string[], catalog: SchemaCatalog): Problem[] {
    const problems: Problem[] = [];
    const apiNames = new Map<string, string>();
    for (const file of files) {
        const rel = path.relative(root, path.resolve(root, file)) || file;
        let text: string;
        try {
            text = fs.readFileSync(path.resolve(root, file), 'utf8');
        } catch (e) {
            problems.push({ file: rel, line: 1, message: `cannot read the file: ${(e as Error).message}` });
            continue;
        }
        const result = parseDefinition(text, catalog);
        for (const p of result.problems) {
            problems.push({ file: rel, line: p.line ?? 1, message: p.path ? `${p.path}: ${p.message}` : p.message });
        }
        const doc = result.document as { apiName?: unknown } | undefined;
        if (doc && typeof doc.apiName === 'string') {
            const expected = `${doc.apiName}.json`;
            const line = text.split('\n').findIndex((l) => l.includes('"apiName"')) + 1 || 1;
            if (path.basename(file) !== expected) {
                problems.push({
                    file: rel,
                    line,
                    message: `apiName: the file must be named after its apiName: rename it to ${expected} (or change apiName).`
                });
            }
            const other = apiNames.get(doc.apiName.toLowerCase());
            if (other) {
                problems.push({
                    file: rel,
                    line,
                    message: `apiName: '${doc.apiName}' is also the apiName of ${other}: each definition needs its own apiName.`
                });
            } else {
                apiNames.set(doc.apiName.toLowerCase(), rel);
            }
        }
    }
    return problems;
}

/**
 * The definitions ↔ flows step of `npm run verify` (scripts/verify/checks/61-definition-flows.ts), limited to
 * `files`, so the command also reports flows that do not exist or do not fit their inputs and outputs.
 */
async function flowProblems(root: string, files: string[]): Promise<Problem[]> {
    const checkFile = path.join(__dirname, 'verify', 'checks', '61-definition-flows.ts');
    if (!fs.existsSync(checkFile)) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const check = (require(checkFile) as { default: Check }).default;
    const wanted = new Set(files.map((f) => path.relative(root, path.resolve(root, f))));
    const result = await check.run({ root });
    return result.problems.filter((p) => wanted.has(p.file));
}

async function main(): Promise<void> {
    const args = process.argv.slice(2).filter((a) => a !== '--');
    let root = REPO_ROOT;
    const at = args.indexOf('--root');
    if (at >= 0) {
        root = path.resolve(process.cwd(), args[at + 1] ?? '.');
        args.splice(at, 2);
    }
    const files = args.length ? args.map((a) => path.resolve(process.cwd(), a)) : definitionFiles(root);
    if (!files.length) {
        console.log('validate:definitions: no definition files found (definitions/*.json).');
        return;
    }
    const problems = validateDefinitionFiles(root, files, loadSchemaCatalog(root));
    problems.push(...(await flowProblems(root, files)));
    problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 1) - (b.line ?? 1));
    for (const p of problems) console.log(formatProblem(p));
    const bad = new Set(problems.map((p) => p.file)).size;
    console.log(
        problems.length
            ? `validate:definitions: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${bad} of ${files.length} file${files.length === 1 ? '' : 's'}.`
            : `validate:definitions: ${files.length} file${files.length === 1 ? '' : 's'} valid.`
    );
    process.exitCode = problems.length ? 1 : 0;
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(2);
    });
}
