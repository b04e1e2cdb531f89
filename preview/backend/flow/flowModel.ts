/*
 * Reads a flow's metadata XML (force-app/main/default/flows/<Name>.flow-meta.xml) into the small model the preview
 * interpreter runs. Values stay close to the XML: every element keeps its raw parsed object.
 */
import * as fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

/** Repeating child elements that must always parse as arrays. */
const ARRAYS = new Set([
    'variables',
    'constants',
    'formulas',
    'textTemplates',
    'choices',
    'dynamicChoiceSets',
    'assignments',
    'assignmentItems',
    'decisions',
    'rules',
    'conditions',
    'loops',
    'recordLookups',
    'recordCreates',
    'recordUpdates',
    'recordDeletes',
    'recordRollbacks',
    'filters',
    'inputAssignments',
    'outputAssignments',
    'queriedFields',
    'actionCalls',
    'apexPluginCalls',
    'screens',
    'subflows',
    'customErrors',
    'customErrorMessages',
    'collectionProcessors',
    'waits',
    'orchestratedStages',
    'steps',
    'transforms',
    'inputParameters',
    'outputParameters',
    'processMetadataValues',
    'fields',
    'sortOptions',
    'stageSteps',
    'scheduledPaths'
]);

/** Flow element kinds (XML tag names) that are connected nodes of the flow graph. */
export const NODE_TYPES = [
    'assignments',
    'decisions',
    'loops',
    'recordLookups',
    'recordCreates',
    'recordUpdates',
    'recordDeletes',
    'customErrors',
    'actionCalls',
    'apexPluginCalls',
    'screens',
    'subflows',
    'collectionProcessors',
    'waits',
    'recordRollbacks',
    'orchestratedStages',
    'steps',
    'transforms'
] as const;

export type Raw = Record<string, unknown>;

export interface FlowValue {
    stringValue?: string;
    numberValue?: string;
    booleanValue?: string;
    dateValue?: string;
    dateTimeValue?: string;
    elementReference?: string;
}

export interface FlowVariable {
    name: string;
    dataType: string;
    isCollection: boolean;
    isInput: boolean;
    isOutput: boolean;
    objectType?: string;
    value?: FlowValue;
    description?: string;
}

export interface FlowNode {
    type: string;
    name: string;
    raw: Raw;
}

export interface FlowModel {
    apiName: string;
    label: string;
    processType: string;
    status: string;
    apiVersion: string;
    triggerType?: string;
    startTarget?: string;
    variables: Map<string, FlowVariable>;
    constants: Map<string, { name: string; dataType: string; value?: FlowValue }>;
    formulas: Map<string, { name: string; dataType: string; expression: string }>;
    textTemplates: Map<string, { name: string; text: string }>;
    nodes: Map<string, FlowNode>;
}

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ARRAYS.has(name)
});

export function str(v: unknown): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object') return '';
    return String(v);
}

export function list<T = Raw>(v: unknown): T[] {
    return v === undefined || v === null ? [] : Array.isArray(v) ? (v as T[]) : [v as T];
}

export function targetOf(connector: unknown): string | undefined {
    return str((connector as Raw | undefined)?.targetReference)?.trim() || undefined;
}

export function parseFlowXml(xml: string, apiName: string): FlowModel {
    const doc = parser.parse(xml) as { Flow?: Raw };
    const flow = doc.Flow;
    if (!flow) throw new Error(`${apiName}: not a Flow metadata file (no <Flow> root element).`);
    const start = flow.start as Raw | undefined;
    const model: FlowModel = {
        apiName,
        label: str(flow.label) ?? apiName,
        processType: str(flow.processType) ?? 'AutoLaunchedFlow',
        status: str(flow.status) ?? 'Draft',
        apiVersion: str(flow.apiVersion) ?? '',
        triggerType: str(start?.triggerType),
        startTarget: targetOf(start?.connector) ?? str(flow.startElementReference),
        variables: new Map(),
        constants: new Map(),
        formulas: new Map(),
        textTemplates: new Map(),
        nodes: new Map()
    };
    for (const v of list(flow.variables)) {
        const name = str(v.name)!;
        model.variables.set(name, {
            name,
            dataType: str(v.dataType) ?? 'String',
            isCollection: str(v.isCollection) === 'true',
            isInput: str(v.isInput) === 'true',
            isOutput: str(v.isOutput) === 'true',
            objectType: str(v.objectType),
            value: v.value as FlowValue | undefined,
            description: str(v.description)
        });
    }
    for (const c of list(flow.constants)) {
        model.constants.set(str(c.name)!, {
            name: str(c.name)!,
            dataType: str(c.dataType) ?? 'String',
            value: c.value as FlowValue
        });
    }
    for (const f of list(flow.formulas)) {
        model.formulas.set(str(f.name)!, {
            name: str(f.name)!,
            dataType: str(f.dataType) ?? 'String',
            expression: str(f.expression) ?? ''
        });
    }
    for (const t of list(flow.textTemplates)) {
        model.textTemplates.set(str(t.name)!, { name: str(t.name)!, text: str(t.text) ?? '' });
    }
    for (const type of NODE_TYPES) {
        for (const raw of list(flow[type])) {
            const name = str(raw.name)!;
            model.nodes.set(name, { type, name, raw });
        }
    }
    return model;
}

export function readFlowFile(file: string, apiName: string): FlowModel {
    return parseFlowXml(fs.readFileSync(file, 'utf8'), apiName);
}
