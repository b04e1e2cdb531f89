/*
 * The static-literal table (lwc/dcExpressions/__tests__/staticLiterals.cases.json) expanded into one flat list of
 * cases: its own groups, then every formula of the conformance table twice (stored without '=' as a Text input:
 * literal text, or a template / merge field when it has merge fields; and with '=': a formula). Read by the Jest
 * test that runs the cases on the client and by the generator of the Apex test that runs them on the server, so
 * both sides run exactly the same cases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type StaticLiteralKind = 'literal' | 'formula' | 'template' | 'mergeField';
export type StaticLiteralSource = 'static' | 'client' | 'user' | 'record' | 'constant' | 'selection';

export interface StaticLiteralCase {
    /** "group 2 case 3" or "conformance 17 literal": names the case in both test reports. */
    id: string;
    value: unknown;
    dataType: 'Text' | 'Number' | 'Currency' | 'Boolean' | 'Date' | 'DateTime';
    collection: boolean;
    kind: StaticLiteralKind;
    source: StaticLiteralSource;
    /** "Text", "Text collection", "Unknown"; undefined: not checked. */
    valueType?: string;
    /** A literal's value as the flow variable receives it (undefined: not typed; see typedError). */
    typed?: unknown;
    typedError?: string;
}

/** Where the table lives, relative to the project root. */
export const STATIC_LITERAL_TABLE = 'force-app/main/default/lwc/dcExpressions/__tests__/staticLiterals.cases.json';

interface RawCase {
    value: unknown;
    dataType: StaticLiteralCase['dataType'];
    collection?: boolean;
    kind: StaticLiteralKind;
    source?: StaticLiteralSource;
    valueType?: string;
    typed?: unknown;
    typedError?: string;
}

interface RawTable {
    groups: { source: string; cases: RawCase[] }[];
    fromConformance?: { file: string; dataType: StaticLiteralCase['dataType'] };
}

const SINGLE_MERGE_FIELD = /^\{![^{}]*\}$/;

/** The kind the = rule gives a conformance formula stored without '=' (the rule itself, stated once here). */
function storedKind(formula: string): StaticLiteralKind {
    // a formula written with its optional leading '=' (JavaScript's \s is the white space trimStart skips)
    if (/^\s*=/.test(formula)) return 'formula';
    if (!formula.includes('{!')) return 'literal';
    return SINGLE_MERGE_FIELD.test(formula) ? 'mergeField' : 'template';
}

/** Where the server takes a template or merge field from: the running user, the record, or the browser. */
function globalSource(formula: string): StaticLiteralSource {
    if (!SINGLE_MERGE_FIELD.test(formula)) return 'client';
    if (/^\{!\s*\$User\./.test(formula)) return 'user';
    if (/^\{!\s*\$Record\./.test(formula)) return 'record';
    return 'client';
}

/** The expanded cases of the table at `tableFile` (absolute), in order. Throws on a malformed table. */
export function readStaticLiteralCases(tableFile: string): StaticLiteralCase[] {
    const table = JSON.parse(fs.readFileSync(tableFile, 'utf8')) as RawTable;
    const out: StaticLiteralCase[] = [];
    table.groups.forEach((group, g) =>
        group.cases.forEach((c, i) => {
            if (c.kind === 'literal' && !('typed' in c) && !c.typedError)
                throw new Error(
                    `${tableFile}: group ${g + 1} case ${i + 1} is a literal without "typed" or "typedError"`
                );
            out.push({
                id: `group ${g + 1} case ${i + 1}`,
                value: c.value,
                dataType: c.dataType,
                collection: c.collection === true,
                kind: c.kind,
                source: c.source ?? (c.kind === 'literal' ? 'static' : 'client'),
                valueType: c.valueType,
                typed: c.typed,
                typedError: c.typedError
            });
        })
    );
    if (table.fromConformance) {
        const file = path.join(path.dirname(tableFile), table.fromConformance.file);
        const conformance = JSON.parse(fs.readFileSync(file, 'utf8')) as { groups: { cases: { formula: string }[] }[] };
        const formulas = [...new Set(conformance.groups.flatMap((g) => g.cases.map((c) => c.formula)))];
        const dataType = table.fromConformance.dataType;
        formulas.forEach((formula, i) => {
            const kind = storedKind(formula);
            out.push({
                id: `conformance ${i + 1} stored`,
                value: formula,
                dataType,
                collection: false,
                kind,
                source: kind === 'literal' ? 'static' : kind === 'formula' ? 'client' : globalSource(formula),
                valueType: kind === 'mergeField' ? undefined : kind === 'formula' ? 'Unknown' : 'Text',
                typed: kind === 'literal' ? formula : undefined
            });
            out.push({
                id: `conformance ${i + 1} with =`,
                value: `=${formula}`,
                dataType,
                collection: false,
                kind: 'formula',
                source: 'client',
                valueType: 'Unknown'
            });
        });
    }
    return out;
}
