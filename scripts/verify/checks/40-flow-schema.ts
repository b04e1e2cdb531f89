/*
 * Flow metadata schema check: every *.flow-meta.xml against the Metadata API Flow model that Salesforce
 * publishes in @salesforce/types (lib/metadata.d.ts, generated from the official metadata WSDL).
 * Covers screen, autolaunched, record-triggered, Orchestrator and EvaluationFlow flows alike.
 *
 *  - well-formed XML (file:line of the first error);
 *  - unknown element for its parent type (e.g. <recordUpdatez> in Flow, <stageName> in FlowStageStep);
 *  - bad value: enum not in its union (operator 'Inside', assigneeType 'Person'), boolean, number;
 *    text where the type holds elements and vice versa;
 *  - element ORDER and GROUPING: the WSDL types are xsd:sequences (inherited FlowBaseElement → FlowElement →
 *    FlowNode fields first, then own fields), and the Metadata API rejects out-of-order or split groups
 *    ("Element assignments is duplicated at this location in type Flow");
 *  - NOT_REPEATABLE: a single-valued field given twice;
 *  - missing REQUIRED field (non-optional, non-array in the d.ts), except the few the d.ts marks required
 *    that Flow Builder itself omits (REQUIRED_EXEMPT);
 *  - dangling connector: a <targetReference> that names no element of the flow;
 *  - unknown reference: elementReference, leftValueReference, assignToReference, inputReference,
 *    collectionReference, … and `{!x}` merge fields in formulas/templates/texts (not descriptions) must start with a resource,
 *    element, screen field, outcome or stage step of the flow, or a global ($Record, $Flow, $User, …).
 *    Record fields (`Get_Contact.Email`), step/stage outputs and status (`Step.Outputs.x`, `Step.Status`)
 *    resolve through their first segment;
 *  - EvaluationFlow: must have the Boolean output variable isOrchestrationConditionMet that the
 *    orchestration reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { REPO_ROOT, rel } from '../../lib/paths';
import { FlowParseError, flowFiles, flowNames, parseFlow, type FlowModel, type XmlNode } from '../../lib/flowModel';
import { closest } from '../../../force-app/main/default/lwc/dcDefinition/suggest';
import { boundedDistance } from '../../../force-app/main/default/lwc/dcExpressions/distance';

// ---------------------------------------------------------------------------------------------------
// The Metadata API model from @salesforce/types
// ---------------------------------------------------------------------------------------------------

interface Field {
    name: string;
    type: string;
    isArray: boolean;
    isOptional: boolean;
}
interface Schema {
    types: Map<string, { bases: string[]; fields: Field[] }>;
    enums: Map<string, string[]>;
}

let schemaCache: Schema | undefined;

/** Parses the type aliases of @salesforce/types' metadata.d.ts (object types and string-literal unions). */
export function loadSchema(): Schema {
    if (schemaCache) return schemaCache;
    const dtsPath = path.join(
        path.dirname(require.resolve('@salesforce/types/metadata', { paths: [REPO_ROOT] })),
        'metadata.d.ts'
    );
    const dts = fs.readFileSync(dtsPath, 'utf8');
    const types: Schema['types'] = new Map();
    const enums: Schema['enums'] = new Map();
    for (const m of dts.matchAll(/^export type (\w+) = ((?:\w+ & )*)\{\n([\s\S]*?)^\};/gm)) {
        types.set(m[1], {
            bases: m[2]
                .split('&')
                .map((s) => s.trim())
                .filter(Boolean),
            fields: [...m[3].matchAll(/^\s+(\w+)(\??): (\w+)(\[\])?;/gm)].map((f) => ({
                name: f[1],
                isOptional: f[2] === '?',
                type: f[3],
                isArray: !!f[4]
            }))
        });
    }
    for (const m of dts.matchAll(/^export type (\w+) = ('[^\n]*);$/gm))
        enums.set(
            m[1],
            m[2].split(' | ').map((s) => s.slice(1, -1))
        );
    schemaCache = { types, enums };
    return schemaCache;
}

const seqCache = new Map<string, Field[]>();
/** Field sequence of a type in XML order: base types' fields first (xsd:extension), then its own. */
function sequence(schema: Schema, type: string): Field[] {
    let s = seqCache.get(type);
    if (!s) {
        const t = schema.types.get(type)!;
        s = [...t.bases.filter((b) => schema.types.has(b)).flatMap((b) => sequence(schema, b)), ...t.fields];
        seqCache.set(type, s);
    }
    return s;
}

/**
 * Fields the d.ts marks required that Salesforce-generated flows leave out (so reporting them would be
 * a false positive): `Type.field`.
 */
const REQUIRED_EXEMPT = new Set([
    // Flow Builder writes styleProperties with only the properties the user changed.
    'FlowScreenFieldStyleProperties.verticalAlignment',
    'FlowScreenFieldStyleProperties.width'
]);

// ---------------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------------

/** Suggestion suffix for a misspelt name, from the shared suggester of the definition validator. */
function suggestion(word: string, candidates: Iterable<string>): string {
    const near = closest(word, candidates);
    return near !== undefined && near !== word ? ` (did you mean <${near}>?)` : '';
}

function allowedValues(values: string[], value: string): string {
    if (values.length <= 15) return `allowed: ${values.join(', ')}`;
    const limit = Math.max(2, Math.floor(value.length / 3));
    const close = values.filter((v) => boundedDistance(value.toLowerCase(), v.toLowerCase(), limit) <= limit);
    return close.length ? `did you mean ${close.slice(0, 3).join(' or ')}?` : `${values.length} values allowed`;
}

function label(node: XmlNode): string {
    const name = node.children.find((c) => c.tag === 'name')?.text;
    return name ? `${node.tag}[${name}]` : node.tag;
}

function walk(
    schema: Schema,
    node: XmlNode,
    type: string,
    where: string,
    report: (line: number, msg: string) => void
): void {
    const fields = sequence(schema, type);
    const index = new Map(fields.map((f, i) => [f.name, i]));
    let last = -1;
    let prev: string | undefined;
    const seen = new Set<string>();
    const misplaced = new Set<string>(); // report each misplaced tag once per parent
    for (const child of node.children) {
        const i = index.get(child.tag);
        const at = `${where}/${label(child)}`;
        if (i === undefined) {
            report(
                child.line,
                `unknown element <${child.tag}> in ${where} (not a field of ${type})${suggestion(child.tag, index.keys())}; remove or rename it`
            );
            continue;
        }
        const field = fields[i];
        if (i < last) {
            if (!misplaced.has(child.tag))
                report(
                    child.line,
                    `element <${child.tag}> is out of order in ${where}: it must come before <${fields[last].name}> (${type} field order)`
                );
            misplaced.add(child.tag);
        } else if (child.tag !== prev && seen.has(child.tag)) {
            report(
                child.line,
                `<${child.tag}> elements are split in ${where}: keep all <${child.tag}> elements together (Salesforce rejects "duplicated at this location")`
            );
        }
        if (child.tag === prev && !field.isArray)
            report(child.line, `<${child.tag}> is given twice in ${where}, but ${type}.${child.tag} is single-valued`);
        seen.add(child.tag);
        prev = child.tag;
        last = Math.max(last, i);

        if (schema.types.has(field.type)) {
            if (!child.children.length && child.text)
                report(
                    child.line,
                    `<${child.tag}> in ${where} must contain elements (${field.type}), not the text '${child.text}'`
                );
            else walk(schema, child, field.type, at, report);
            continue;
        }
        if (child.children.length) {
            report(
                child.line,
                `<${child.tag}> in ${where} is a ${field.type} value and cannot contain elements (<${child.children[0].tag}>)`
            );
            continue;
        }
        if (child.nil) continue; // explicit nil: no value to check
        const value = child.text;
        const values = schema.enums.get(field.type);
        if (values && !values.includes(value))
            report(
                child.line,
                `bad value '${value}' for <${child.tag}> in ${where}: not a ${field.type}; ${allowedValues(values, value)}`
            );
        else if (field.type === 'boolean' && !/^(true|false)$/.test(value))
            report(child.line, `bad value '${value}' for <${child.tag}> in ${where}: must be true or false`);
        else if (field.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value))
            report(child.line, `bad value '${value}' for <${child.tag}> in ${where}: must be a number`);
    }
    for (const f of fields) {
        if (f.isOptional || f.isArray || seen.has(f.name) || REQUIRED_EXEMPT.has(`${type}.${f.name}`)) continue;
        report(node.line, `missing required <${f.name}> in ${where} (${type}.${f.name} is required)`);
    }
}

// ---------------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------------

/** Global variables a flow may reference (first segment of a reference starting with `$`). */
const GLOBALS = new Set(
    [
        '$Record',
        '$Record__Prior',
        '$Flow',
        '$User',
        '$UserRole',
        '$Profile',
        '$Api',
        '$Organization',
        '$Label',
        '$Setup',
        '$CustomMetadata',
        '$Permission',
        '$System',
        '$GlobalConstant',
        '$Client',
        '$Site',
        '$Network',
        '$ObjectType',
        '$Orchestration',
        '$Step',
        '$Stage'
    ].map((g) => g.toLowerCase())
);

/** Tags whose text is a reference to a resource/element (possibly with `.field` after it). */
const REFERENCE_TAGS = new Set([
    'elementReference',
    'leftValueReference',
    'assignToReference',
    'inputReference',
    'outputReference',
    'collectionReference',
    'assignNextValueToReference',
    'assignRecordIdToReference',
    'choiceReferences',
    'defaultSelectedChoiceReference',
    'stageReference'
]);

/** Tags whose values are not flow references (names of external things, builder metadata). */
const SKIP_SUBTREES = new Set(['processMetadataValues']);

function referenceRoot(ref: string): string {
    return ref.trim().split('.')[0];
}

function checkReferences(flow: FlowModel, report: (line: number, msg: string) => void): void {
    const declared = flowNames(flow);
    const names = new Set([...declared].map((n) => n.toLowerCase())); // Flow API names are case-insensitive
    const targets = new Set(
        flow.xml.children.map((c) => c.children.find((x) => x.tag === 'name')?.text).filter((n): n is string => !!n)
    );
    const known = (root: string): boolean =>
        root.startsWith('$') ? GLOBALS.has(root.toLowerCase()) : names.has(root.toLowerCase());
    const visit = (node: XmlNode, where: string): void => {
        for (const c of node.children) {
            if (SKIP_SUBTREES.has(c.tag)) continue;
            const at = `${where}/${label(c)}`;
            if (c.tag === 'targetReference' || c.tag === 'startElementReference') {
                if (c.text && !targets.has(c.text))
                    report(
                        c.line,
                        `dangling connector in ${where}: '${c.text}' is not an element of this flow${suggestion(c.text, targets).replace(/[<>]/g, "'")}`
                    );
            } else if (REFERENCE_TAGS.has(c.tag) && c.text) {
                const root = referenceRoot(c.text);
                if (!known(root))
                    report(
                        c.line,
                        `unknown reference '${c.text}' in <${c.tag}> of ${where}: no variable, formula, constant, element or global named '${root}'${suggestion(root, declared).replace(/[<>]/g, "'")}`
                    );
            } else if (!c.children.length && c.tag !== 'description' && c.text.includes('{!')) {
                for (const m of c.text.matchAll(/\{!\s*([^}\s]+)\s*\}/g)) {
                    const root = referenceRoot(m[1]);
                    if (!known(root))
                        report(
                            c.line,
                            `unknown merge field {!${m[1]}} in <${c.tag}> of ${where}: nothing named '${root}' in this flow`
                        );
                }
            }
            visit(c, at);
        }
    };
    visit(flow.xml, 'Flow');
}

function checkProcessType(flow: FlowModel, report: (line: number, msg: string) => void): void {
    if (flow.processType === 'EvaluationFlow') {
        const v = flow.variables.find((x) => x.name === 'isOrchestrationConditionMet');
        if (!v || v.dataType !== 'Boolean' || !v.isOutput || v.isCollection)
            report(
                v?.line ?? flow.xml.line,
                'an EvaluationFlow must have a Boolean, non-collection output variable named isOrchestrationConditionMet (the orchestration reads it)'
            );
    }
}

// ---------------------------------------------------------------------------------------------------

/** Problems of one flow file (path relative to `root` in the result). */
export function checkFlowFile(root: string, file: string): Problem[] {
    const problems: Problem[] = [];
    const relFile = rel(root, file);
    const report = (line: number, message: string): void => void problems.push({ file: relFile, line, message });
    let flow: FlowModel;
    try {
        flow = parseFlow(fs.readFileSync(file, 'utf8'), file);
    } catch (e) {
        report(e instanceof FlowParseError ? e.line : 1, `not a valid Flow XML file: ${(e as Error).message}`);
        return problems;
    }
    const schema = loadSchema();
    walk(schema, flow.xml, 'Flow', 'Flow', report);
    checkReferences(flow, report);
    checkProcessType(flow, report);
    return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

const check: Check = {
    id: 'flow-schema',
    title: 'Flow metadata schema and references',
    async run({ root }) {
        const files = flowFiles(root);
        return {
            problems: files.flatMap((f) => checkFlowFile(root, f)),
            notes: files.length ? undefined : ['no flows found']
        };
    }
};

export default check;
