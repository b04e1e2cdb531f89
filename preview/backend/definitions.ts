/*
 * Definitions of the preview: definitions/*.json, each parsed and validated with the project's own validator
 * (c/dcDefinition parseDefinition) against the preview schema and — like Apex getDefinition does against
 * FlowDefinitionView/FlowVariableView — the project's flows (the flow contract), so the setup panel lists every
 * problem before anything is clicked. Problems keep their severity: errors block, warnings are only listed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    parseDefinition,
    type DefinitionProblem,
    type FlowCatalog,
    type SchemaCatalog
} from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import type { PreviewSchema } from './schema';

export type { DefinitionProblem } from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';

export interface StoredDefinition {
    apiName: string;
    label: string;
    file: string;
    json: string;
    /** Parsed JSON (also when it has problems; undefined for bad JSON). */
    document?: Record<string, unknown>;
    /** Errors and warnings (severity 'warning'), each with its path; flow contract problems carry a code. */
    problems: DefinitionProblem[];
}

/** The preview schema as the validator's SchemaCatalog. */
export function schemaCatalog(schema: PreviewSchema): SchemaCatalog {
    return schema.catalog() as unknown as SchemaCatalog;
}

/** Reads and validates one definition file; with `flows`, its flow actions are checked against them too. */
export function readDefinition(file: string, schema: PreviewSchema, flows?: FlowCatalog): StoredDefinition {
    const json = fs.readFileSync(file, 'utf8');
    const base = path.basename(file, '.json');
    const result = parseDefinition(json, schemaCatalog(schema), flows);
    const document = result.document as Record<string, unknown> | undefined;
    const isObject = typeof document === 'object' && document !== null && !Array.isArray(document);
    const apiName = isObject && typeof document.apiName === 'string' ? document.apiName : base;
    const label = isObject && typeof document.label === 'string' ? document.label : apiName;
    return {
        apiName,
        label,
        file: path.basename(file),
        json,
        document: isObject ? document : undefined,
        problems: result.problems
    };
}

export function loadDefinitions(
    dir: string,
    schema: PreviewSchema,
    flows?: FlowCatalog
): Map<string, StoredDefinition> {
    const out = new Map<string, StoredDefinition>();
    if (!fs.existsSync(dir)) return out;
    for (const f of fs.readdirSync(dir).sort()) {
        if (!f.endsWith('.json') || f.endsWith('.schema.json')) continue;
        const d = readDefinition(path.join(dir, f), schema, flows);
        out.set(d.apiName, d);
    }
    return out;
}
