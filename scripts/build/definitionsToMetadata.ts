/*
 * Build step: definitions/<apiName>.json → force-app/main/default/customMetadata/Dynamic_Component.<apiName>.md-meta.xml,
 * one Dynamic_Component__mdt record per definition (JSON in Definition_JSON__c, description in Description__c).
 * A definition with any problem is not turned into a record: its problems are returned instead. Records whose
 * definition file is gone are deleted (the folder's Dynamic_Component.* records are generated, never edited).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDefinition } from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import type { Problem } from '../lib/problems';
import { sourceDir } from '../lib/paths';
import { loadSchemaCatalog } from '../lib/schemaCatalog';
import { definitionFiles } from '../validateDefinitions';

export const TYPE = 'Dynamic_Component';
/** Limits of the Dynamic_Component__mdt fields and of a custom metadata record label. */
export const LABEL_MAX = 40;
export const DESCRIPTION_MAX = 255;
export const JSON_MAX = 131072;

/** Escapes text for an XML element body (quotes need no escaping there, which keeps the JSON readable). */
export function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Characters XML 1.0 cannot carry at all, even escaped. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function clip(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The record XML for one definition document. */
export function recordXml(doc: { label: string; description?: string }, json: string): string {
    const value = (field: string, v: string | undefined): string =>
        [
            '    <values>',
            `        <field>${field}</field>`,
            v === undefined || v === ''
                ? '        <value xsi:nil="true"/>'
                : `        <value xsi:type="xsd:string">${escapeXml(v)}</value>`,
            '    </values>'
        ].join('\n');
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
        `    <label>${escapeXml(clip(doc.label, LABEL_MAX))}</label>`,
        '    <protected>false</protected>',
        value('Definition_JSON__c', json),
        value('Description__c', doc.description === undefined ? undefined : clip(doc.description, DESCRIPTION_MAX)),
        '</CustomMetadata>',
        ''
    ].join('\n');
}

export function recordFile(root: string, apiName: string): string {
    return path.join(sourceDir(root), 'customMetadata', `${TYPE}.${apiName}.md-meta.xml`);
}

/**
 * Writes one record per valid definition of the project at `root`; returns the problems of the invalid ones
 * (which get no record). Unchanged records are not rewritten.
 */
export function generateDefinitionRecords(root: string): Problem[] {
    const problems: Problem[] = [];
    const files = definitionFiles(root);
    const catalog = loadSchemaCatalog(root);
    const outDir = path.join(sourceDir(root), 'customMetadata');
    const wanted = new Set<string>();
    for (const file of files) {
        const rel = path.relative(root, file);
        const text = fs.readFileSync(file, 'utf8');
        const result = parseDefinition(text, catalog);
        const apiName = (result.document as { apiName?: unknown } | undefined)?.apiName;
        if (typeof apiName === 'string') wanted.add(`${TYPE}.${apiName}.md-meta.xml`);
        if (!result.definition) {
            for (const p of result.problems) {
                problems.push({
                    file: rel,
                    line: p.line,
                    message: `${p.path ? `${p.path}: ` : ''}${p.message} (no record generated)`
                });
            }
            continue;
        }
        const def = result.definition;
        if (path.basename(file) !== `${def.apiName}.json`) {
            problems.push({
                file: rel,
                line: 1,
                message: `the file must be named ${def.apiName}.json after its apiName (no record generated)`
            });
            continue;
        }
        const stored: Record<string, unknown> = { ...def };
        delete stored.$schema;
        const json = JSON.stringify(stored);
        if (json.length > JSON_MAX) {
            problems.push({
                file: rel,
                line: 1,
                message: `the definition is ${json.length} characters as JSON; Definition_JSON__c holds ${JSON_MAX}: split it (no record generated)`
            });
            continue;
        }
        if (XML_INVALID.test(json) || XML_INVALID.test(def.label) || XML_INVALID.test(def.description ?? '')) {
            problems.push({
                file: rel,
                line: 1,
                message: 'the definition contains a control character XML cannot carry: remove it (no record generated)'
            });
            continue;
        }
        const xml = recordXml(def, json);
        const out = recordFile(root, def.apiName);
        fs.mkdirSync(outDir, { recursive: true });
        if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== xml) fs.writeFileSync(out, xml);
    }
    // Remove records whose definition is gone (but keep those of definitions that are merely invalid now).
    if (fs.existsSync(outDir)) {
        for (const f of fs.readdirSync(outDir)) {
            if (f.startsWith(`${TYPE}.`) && f.endsWith('.md-meta.xml') && !wanted.has(f))
                fs.rmSync(path.join(outDir, f));
        }
    }
    return problems;
}
