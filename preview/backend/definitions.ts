/*
 * Definitions of the preview: definitions/*.json, each parsed and validated with the project's own validator
 * (c/dcDefinition parseDefinition, against the preview schema), like Apex does when a definition loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PreviewSchema } from './schema';

export interface DefinitionProblem {
    path: string;
    message: string;
    severity?: string;
    line?: number;
    column?: number;
}

export interface StoredDefinition {
    apiName: string;
    label: string;
    file: string;
    json: string;
    /** Parsed JSON (also when it has problems; undefined for bad JSON). */
    document?: Record<string, unknown>;
    problems: DefinitionProblem[];
}

type ParseDefinition = (text: string, catalog?: unknown) => { problems: DefinitionProblem[]; document?: unknown };

let validator: ParseDefinition | null | undefined;
/** c/dcDefinition's parseDefinition; null (with a notice) when the module cannot be loaded. */
function loadValidator(): ParseDefinition | null {
    if (validator !== undefined) return validator;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const mod = require('../../force-app/main/default/lwc/dcDefinition/dcDefinition') as {
            parseDefinition?: ParseDefinition;
        };
        validator = mod.parseDefinition ?? null;
    } catch (e) {
        console.warn(
            `preview: c/dcDefinition could not be loaded (${(e as Error).message.split('\n')[0]}); definitions are only JSON-checked.`
        );
        validator = null;
    }
    return validator;
}

export function readDefinition(file: string, schema: PreviewSchema): StoredDefinition {
    const json = fs.readFileSync(file, 'utf8');
    const base = path.basename(file, '.json');
    const validate = loadValidator();
    let document: Record<string, unknown> | undefined;
    let problems: DefinitionProblem[];
    if (validate) {
        const r = validate(json, schema.catalog());
        problems = r.problems.filter((p) => p.severity !== 'warning');
        document = r.document as Record<string, unknown> | undefined;
    } else {
        try {
            document = JSON.parse(json);
            problems = [];
        } catch (e) {
            problems = [{ path: '', message: `The definition is not valid JSON: ${(e as Error).message}` }];
        }
    }
    const apiName = typeof document?.apiName === 'string' ? document.apiName : base;
    const label = typeof document?.label === 'string' ? document.label : apiName;
    return { apiName, label, file: path.basename(file), json, document, problems };
}

export function loadDefinitions(dir: string, schema: PreviewSchema): Map<string, StoredDefinition> {
    const out = new Map<string, StoredDefinition>();
    if (!fs.existsSync(dir)) return out;
    for (const f of fs.readdirSync(dir).sort()) {
        if (!f.endsWith('.json') || f.endsWith('.schema.json')) continue;
        const d = readDefinition(path.join(dir, f), schema);
        out.set(d.apiName, d);
    }
    return out;
}
