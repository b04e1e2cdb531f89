/*
 * `npm run validate:definitions -- [FILES]`: checks Dynamic Component definition files offline with the same
 * validator the component runs (c/dcDefinition), against the repo's objects and the standard object library, and
 * every flow action against the project's flow XML (c/dcDefinition checkFlowContracts: the wording the builder, the
 * setup panel, the preview and `npm run verify` show). Prints one line per problem,
 * `definitions/X.json:LINE: path: message` (warnings as `definitions/X.json:LINE: warning: path: message`), and
 * exits non-zero on any error; warnings alone do not fail. Without FILES it checks definitions/*.json.
 * `--root DIR` checks another SFDX project (its objects and flows).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    checkFlowAction,
    flowActions,
    flowUnreadable,
    parseDefinition,
    type SchemaCatalog
} from '../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { locate, parseJsonWithPositions } from '../force-app/main/default/lwc/dcDefinition/jsonSource';
import { loadFlowCatalog, type FlowXmlCatalog } from './lib/flowCatalog';
import { formatProblem, type Problem } from './lib/problems';
import { REPO_ROOT } from './lib/paths';
import { loadSchemaCatalog } from './lib/schemaCatalog';

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

/** What the flow contract found in definition files. */
export interface FlowContractResult {
    /** Errors: `path: message` at the line of the offending value. */
    problems: Problem[];
    /** Warnings (inputs the flow needs that the action does not set): listed, never failures. */
    warnings: Problem[];
    /** Flow actions checked. */
    actions: number;
}

/**
 * Checks every executeFlow / openFlowDialog / openFlowPanel action of `files` against `flows` (checkFlowAction, with
 * `catalog` typing row and record fields). A flow whose file is not well-formed XML is reported as such instead of
 * as missing. Files that are not JSON objects are left to validateDefinitionFiles.
 */
export function validateFlowContractFiles(
    root: string,
    files: string[],
    flows: FlowXmlCatalog,
    catalog?: SchemaCatalog
): FlowContractResult {
    const result: FlowContractResult = { problems: [], warnings: [], actions: 0 };
    const unreadable = new Set(flows.unreadable().map((u) => u.apiName));
    for (const file of files) {
        const rel = path.relative(root, path.resolve(root, file)) || file;
        let text: string;
        try {
            text = fs.readFileSync(path.resolve(root, file), 'utf8');
        } catch {
            continue; // reported by validateDefinitionFiles
        }
        const parsed = parseJsonWithPositions(text);
        const doc = parsed.value;
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) continue;
        const line = (jsonPath: string) => locate(parsed.positions, jsonPath)?.line ?? 1;
        for (const ref of flowActions(doc)) {
            result.actions++;
            const name = ref.action.flowApiName;
            if (typeof name === 'string' && unreadable.has(name)) {
                const at = `${ref.path}.flowApiName`;
                result.problems.push({ file: rel, line: line(at), message: `${at}: ${flowUnreadable(name)}` });
                continue;
            }
            for (const p of checkFlowAction(doc, ref, flows, { catalog })) {
                const problem = { file: rel, line: line(p.path), message: `${p.path}: ${p.message}` };
                (p.severity === 'warning' ? result.warnings : result.problems).push(problem);
            }
        }
    }
    return result;
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
    const catalog = loadSchemaCatalog(root);
    const problems = validateDefinitionFiles(root, files, catalog);
    const contract = validateFlowContractFiles(root, files, loadFlowCatalog(root), catalog);
    problems.push(...contract.problems);
    const warnings = contract.warnings.map((w) => ({ ...w, message: `warning: ${w.message}` }));
    const lines = [...problems, ...warnings].sort(
        (a, b) => a.file.localeCompare(b.file) || (a.line ?? 1) - (b.line ?? 1)
    );
    for (const p of lines) console.log(formatProblem(p));
    const bad = new Set(problems.map((p) => p.file)).size;
    const warned = warnings.length ? ` (and ${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : '';
    console.log(
        problems.length
            ? `validate:definitions: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${bad} of ${files.length} file${files.length === 1 ? '' : 's'}${warned}.`
            : `validate:definitions: ${files.length} file${files.length === 1 ? '' : 's'} valid${warned}.`
    );
    process.exitCode = problems.length ? 1 : 0;
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(2);
    });
}
