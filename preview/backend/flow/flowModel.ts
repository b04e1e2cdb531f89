/*
 * The preview interpreter's view of a flow (force-app/main/default/flows/<Name>.flow-meta.xml). The XML is read
 * once, by the shared flow parser of the verify checks (scripts/lib/flowModel.ts); this module only turns its
 * element tree into plain objects close to the XML (every element keeps its raw object) and indexes the
 * resources and elements the interpreter walks.
 */
import * as fs from 'node:fs';
import { parseFlow, type XmlNode } from '../../../scripts/lib/flowModel';

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

/**
 * An XML element as a plain object: a leaf is its text; a container maps each child tag to the child's value, or to
 * an array when the tag repeats (callers read repeating children with list(), which accepts either).
 */
export function toRaw(node: XmlNode): unknown {
    if (!node.children.length) return node.text;
    const out: Raw = {};
    const repeated = new Set<string>();
    for (const child of node.children) {
        const value = toRaw(child);
        if (!(child.tag in out)) out[child.tag] = value;
        else if (repeated.has(child.tag)) (out[child.tag] as unknown[]).push(value);
        else {
            out[child.tag] = [out[child.tag], value];
            repeated.add(child.tag);
        }
    }
    return out;
}

export function parseFlowXml(xml: string, apiName: string): FlowModel {
    let parsed;
    try {
        parsed = parseFlow(xml, `${apiName}.flow-meta.xml`);
    } catch (e) {
        const line = (e as { line?: number }).line;
        throw new Error(
            `${apiName}: not a Flow metadata file (${(e as Error).message}${line ? `, line ${line}` : ''}).`
        );
    }
    const flow = toRaw(parsed.xml) as Raw;
    const model: FlowModel = {
        apiName,
        label: parsed.label ?? apiName,
        processType: parsed.processType ?? 'AutoLaunchedFlow',
        status: parsed.status ?? 'Draft',
        apiVersion: parsed.apiVersion ?? '',
        triggerType: parsed.start?.triggerType,
        startTarget: parsed.start?.connector ?? str(flow.startElementReference),
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
    for (const element of parsed.elements) {
        model.nodes.set(element.name, { type: element.kind, name: element.name, raw: toRaw(element.node) as Raw });
    }
    return model;
}

export function readFlowFile(file: string, apiName: string): FlowModel {
    return parseFlowXml(fs.readFileSync(file, 'utf8'), apiName);
}
