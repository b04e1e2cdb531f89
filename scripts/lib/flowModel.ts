/*
 * A typed, read-only model of a Flow (`*.flow-meta.xml`), shared by the verify checks (flow schema,
 * orchestration wiring, definitions ↔ flows) and the local preview's flow interpreter.
 *
 *   const flow = parseFlowFile('force-app/main/default/flows/My_Flow.flow-meta.xml');
 *   const flows = loadFlows(projectRoot);            // Map<apiName, FlowModel>
 *
 * The model keeps what tools need (names, types, references, orchestration wiring) and a 1-based `line`
 * for every named element. For anything it does not model, `flow.xml` is the full element tree
 * (`XmlNode`: tag, line, text, children, in document order), so callers never re-parse the file.
 *
 * Parsing is lenient: a file that is not well-formed XML throws `FlowParseError` (with the line), but
 * unknown or misplaced elements are kept as-is — validating them is the job of the flow-schema check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { listFiles } from './paths';

// ---------------------------------------------------------------------------------------------------
// Generic XML tree with line numbers
// ---------------------------------------------------------------------------------------------------

/** One XML element: tag name (namespace prefix kept), its 1-based start line, direct text, children. */
export interface XmlNode {
    tag: string;
    line: number;
    /** Concatenated direct text content (entities decoded, trimmed); '' for pure container elements. */
    text: string;
    children: XmlNode[];
    /** True for `<x xsi:nil="true"/>` (Flow Builder writes e.g. `<displayField xsi:nil="true"/>`). */
    nil?: boolean;
}

export class FlowParseError extends Error {
    constructor(
        message: string,
        readonly line: number
    ) {
        super(message);
    }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
    return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
        if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
        return ENTITIES[e] ?? m;
    });
}

/**
 * Parses XML text into an element tree with line numbers. Throws FlowParseError (with the line that
 * fast-xml-parser's validator reports) when the text is not well-formed.
 */
export function parseXmlTree(xml: string): XmlNode {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new FlowParseError(valid.err.msg, valid.err.line);
    const root: XmlNode = { tag: '#document', line: 1, text: '', children: [] };
    const stack: XmlNode[] = [root];
    const texts: string[][] = [[]];
    let line = 1;
    const token =
        /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|[^<]+/g;
    for (const m of xml.matchAll(token)) {
        const tokenLine = line;
        for (let i = 0; i < m[0].length; i++) if (m[0].charCodeAt(i) === 10) line++;
        const top = stack[stack.length - 1];
        if (m[0].startsWith('<![CDATA[')) texts[texts.length - 1].push(m[1]);
        else if (m[0].startsWith('<!') || m[0].startsWith('<?')) continue;
        else if (m[2] !== undefined) {
            top.text = texts.pop()!.join('').trim();
            stack.pop();
        } else if (m[3] !== undefined) {
            const node: XmlNode = { tag: m[3], line: tokenLine, text: '', children: [] };
            if (/\bxsi:nil\s*=\s*["']true["']/.test(m[4])) node.nil = true;
            top.children.push(node);
            if (!m[5]) {
                stack.push(node);
                texts.push([]);
            }
        } else texts[texts.length - 1].push(decode(m[0]));
    }
    return root;
}

/** The document element of a parsed tree. */
export function documentElement(tree: XmlNode): XmlNode | undefined {
    return tree.children[0];
}

/** Direct children with the given tag. */
export function childrenOf(node: XmlNode | undefined, tag: string): XmlNode[] {
    return node ? node.children.filter((c) => c.tag === tag) : [];
}

/** First direct child with the given tag. */
export function childOf(node: XmlNode | undefined, tag: string): XmlNode | undefined {
    return node?.children.find((c) => c.tag === tag);
}

/** Text of the first direct child with the given tag (undefined when absent). */
export function textOf(node: XmlNode | undefined, tag: string): string | undefined {
    return childOf(node, tag)?.text;
}

function boolOf(node: XmlNode | undefined, tag: string): boolean {
    return textOf(node, tag) === 'true';
}

// ---------------------------------------------------------------------------------------------------
// Flow model
// ---------------------------------------------------------------------------------------------------

/**
 * A FlowElementReferenceOrValue (`<value>`, `<rightValue>`, `<assignee>`…) reduced to one string:
 * the element reference (isReference = true) or the literal (stringValue, numberValue, booleanValue…).
 */
export interface FlowValue {
    value: string;
    isReference: boolean;
    /** The XML tag the value came from: elementReference, stringValue, numberValue, booleanValue, … */
    kind: string;
}

export interface FlowVariable {
    name: string;
    dataType: string;
    isCollection: boolean;
    isInput: boolean;
    isOutput: boolean;
    /** SObject API name for dataType SObject; Apex class for dataType Apex. */
    objectType?: string;
    apexClass?: string;
    description?: string;
    /** The variable's `<value>` (its default), when it has one. */
    defaultValue?: FlowValue;
    line: number;
}

export interface FlowNamedResource {
    name: string;
    dataType?: string;
    /** Formula expression / text template body / constant literal. */
    expression?: string;
    line: number;
}

export interface FlowElement {
    name: string;
    /** The top-level tag: decisions, recordUpdates, screens, orchestratedStages, … */
    kind: string;
    label?: string;
    line: number;
    node: XmlNode;
}

export interface FlowParameter {
    name: string;
    value?: FlowValue;
    line: number;
}

export interface FlowOutputParameter {
    name: string;
    assignToReference: string;
    line: number;
}

export interface FlowCondition {
    leftValueReference: string;
    operator: string;
    rightValue?: FlowValue;
    line: number;
}

export interface FlowAssignee {
    /** User | Group | Queue | Resource | Invalid */
    type: string;
    value: string;
    isReference: boolean;
    line: number;
}

export interface FlowStageStep {
    name: string;
    label?: string;
    description?: string;
    /** The flow the step runs (screen flow for interactive steps, autolaunched flow for background steps). */
    actionName?: string;
    /** stepInteractive | stepBackground | stepMuleSoft | stepApproval | … */
    actionType?: string;
    /** InteractiveStep | BackgroundStep | … */
    stepSubtype?: string;
    assignees: FlowAssignee[];
    entryConditionLogic?: string;
    entryConditions: FlowCondition[];
    entryActionName?: string;
    entryActionType?: string;
    entryActionInputParameters: FlowParameter[];
    exitConditionLogic?: string;
    exitConditions: FlowCondition[];
    exitActionName?: string;
    exitActionType?: string;
    exitActionInputParameters: FlowParameter[];
    inputParameters: FlowParameter[];
    outputParameters: FlowOutputParameter[];
    requiresAsyncProcessing: boolean;
    runAsUser: boolean;
    line: number;
}

export interface FlowOrchestratedStage {
    name: string;
    label?: string;
    /** Next element (stage or decision); undefined on the last stage. */
    connector?: string;
    exitConditionLogic?: string;
    exitConditions: FlowCondition[];
    exitActionName?: string;
    exitActionType?: string;
    exitActionInputParameters: FlowParameter[];
    stageSteps: FlowStageStep[];
    line: number;
}

export interface FlowStart {
    /** SObject of a record-triggered flow. */
    object?: string;
    /** RecordAfterSave | RecordBeforeSave | RecordBeforeDelete | Scheduled | PlatformEvent | … */
    triggerType?: string;
    /** Create | Update | CreateAndUpdate | Delete */
    recordTriggerType?: string;
    connector?: string;
    line: number;
}

export interface FlowModel {
    /** File name without `.flow-meta.xml` (the flow's API name / DeveloperName). */
    apiName: string;
    file: string;
    label?: string;
    description?: string;
    /** Flow (screen flow) | AutoLaunchedFlow | Orchestrator | EvaluationFlow | … */
    processType?: string;
    status?: string;
    apiVersion?: string;
    start?: FlowStart;
    variables: FlowVariable[];
    formulas: FlowNamedResource[];
    constants: FlowNamedResource[];
    textTemplates: FlowNamedResource[];
    /** Every named top-level element that is not a resource (variables/formulas/constants/textTemplates/choices). */
    elements: FlowElement[];
    orchestratedStages: FlowOrchestratedStage[];
    /** The `<Flow>` element (full tree, document order, with lines). */
    xml: XmlNode;
}

/** Top-level tags that are resources (or builder metadata) rather than flow elements. */
export const RESOURCE_KINDS = new Set([
    'processMetadataValues',
    'variables',
    'formulas',
    'constants',
    'textTemplates',
    'choices',
    'dynamicChoiceSets',
    'stages'
]);

/** `.flow-meta.xml` suffix of source-format flow files. */
export const FLOW_SUFFIX = '.flow-meta.xml';

/** Reads a FlowElementReferenceOrValue node. */
export function flowValueOf(node: XmlNode | undefined): FlowValue | undefined {
    if (!node) return undefined;
    const ref = childOf(node, 'elementReference');
    if (ref) return { value: ref.text, isReference: true, kind: 'elementReference' };
    const lit = node.children[0];
    return lit ? { value: lit.text, isReference: false, kind: lit.tag } : undefined;
}

function parametersOf(node: XmlNode, tag: string): FlowParameter[] {
    return childrenOf(node, tag).map((p) => ({
        name: textOf(p, 'name') ?? '',
        value: flowValueOf(childOf(p, 'value')),
        line: p.line
    }));
}

function conditionsOf(node: XmlNode, tag: string): FlowCondition[] {
    return childrenOf(node, tag).map((c) => ({
        leftValueReference: textOf(c, 'leftValueReference') ?? '',
        operator: textOf(c, 'operator') ?? '',
        rightValue: flowValueOf(childOf(c, 'rightValue')),
        line: c.line
    }));
}

function stepOf(s: XmlNode): FlowStageStep {
    return {
        name: textOf(s, 'name') ?? '',
        label: textOf(s, 'label'),
        description: textOf(s, 'description'),
        actionName: textOf(s, 'actionName'),
        actionType: textOf(s, 'actionType'),
        stepSubtype: textOf(s, 'stepSubtype'),
        assignees: childrenOf(s, 'assignees').map((a) => {
            const v = flowValueOf(childOf(a, 'assignee'));
            return {
                type: textOf(a, 'assigneeType') ?? '',
                value: v?.value ?? '',
                isReference: v?.isReference ?? false,
                line: a.line
            };
        }),
        entryConditionLogic: textOf(s, 'entryConditionLogic'),
        entryConditions: conditionsOf(s, 'entryConditions'),
        entryActionName: textOf(s, 'entryActionName'),
        entryActionType: textOf(s, 'entryActionType'),
        entryActionInputParameters: parametersOf(s, 'entryActionInputParameters'),
        exitConditionLogic: textOf(s, 'exitConditionLogic'),
        exitConditions: conditionsOf(s, 'exitConditions'),
        exitActionName: textOf(s, 'exitActionName'),
        exitActionType: textOf(s, 'exitActionType'),
        exitActionInputParameters: parametersOf(s, 'exitActionInputParameters'),
        inputParameters: parametersOf(s, 'inputParameters'),
        outputParameters: childrenOf(s, 'outputParameters').map((p) => ({
            name: textOf(p, 'name') ?? '',
            assignToReference: textOf(p, 'assignToReference') ?? '',
            line: p.line
        })),
        requiresAsyncProcessing: boolOf(s, 'requiresAsyncProcessing'),
        runAsUser: boolOf(s, 'runAsUser'),
        line: s.line
    };
}

function stageOf(s: XmlNode): FlowOrchestratedStage {
    return {
        name: textOf(s, 'name') ?? '',
        label: textOf(s, 'label'),
        connector: textOf(childOf(s, 'connector'), 'targetReference'),
        exitConditionLogic: textOf(s, 'exitConditionLogic'),
        exitConditions: conditionsOf(s, 'exitConditions'),
        exitActionName: textOf(s, 'exitActionName'),
        exitActionType: textOf(s, 'exitActionType'),
        exitActionInputParameters: parametersOf(s, 'exitActionInputParameters'),
        stageSteps: childrenOf(s, 'stageSteps').map(stepOf),
        line: s.line
    };
}

function namedResources(flow: XmlNode, tag: string, exprTag: string): FlowNamedResource[] {
    return childrenOf(flow, tag).map((n) => ({
        name: textOf(n, 'name') ?? '',
        dataType: textOf(n, 'dataType'),
        expression: exprTag === 'value' ? flowValueOf(childOf(n, 'value'))?.value : textOf(n, exprTag),
        line: n.line
    }));
}

/** Builds the model from XML text. `file` only names the flow (apiName) and is kept for messages. */
export function parseFlow(xml: string, file: string): FlowModel {
    const flow = documentElement(parseXmlTree(xml));
    if (!flow || flow.tag !== 'Flow')
        throw new FlowParseError(`root element is <${flow?.tag ?? 'nothing'}>, expected <Flow>`, flow?.line ?? 1);
    const startNode = childOf(flow, 'start');
    return {
        apiName: path.basename(file).replace(/\.flow-meta\.xml$|\.flow$/, ''),
        file,
        label: textOf(flow, 'label'),
        description: textOf(flow, 'description'),
        processType: textOf(flow, 'processType'),
        status: textOf(flow, 'status'),
        apiVersion: textOf(flow, 'apiVersion'),
        start: startNode && {
            object: textOf(startNode, 'object'),
            triggerType: textOf(startNode, 'triggerType'),
            recordTriggerType: textOf(startNode, 'recordTriggerType'),
            connector: textOf(childOf(startNode, 'connector'), 'targetReference'),
            line: startNode.line
        },
        variables: childrenOf(flow, 'variables').map((v) => ({
            name: textOf(v, 'name') ?? '',
            dataType: textOf(v, 'dataType') ?? '',
            isCollection: boolOf(v, 'isCollection'),
            isInput: boolOf(v, 'isInput'),
            isOutput: boolOf(v, 'isOutput'),
            objectType: textOf(v, 'objectType'),
            apexClass: textOf(v, 'apexClass'),
            description: textOf(v, 'description'),
            defaultValue: flowValueOf(childOf(v, 'value')),
            line: v.line
        })),
        formulas: namedResources(flow, 'formulas', 'expression'),
        constants: namedResources(flow, 'constants', 'value'),
        textTemplates: namedResources(flow, 'textTemplates', 'text'),
        elements: flow.children
            .filter((c) => !RESOURCE_KINDS.has(c.tag) && childOf(c, 'name'))
            .map((c) => ({
                name: textOf(c, 'name') ?? '',
                kind: c.tag,
                label: textOf(c, 'label'),
                line: c.line,
                node: c
            })),
        orchestratedStages: childrenOf(flow, 'orchestratedStages').map(stageOf),
        xml: flow
    };
}

/** Reads and parses one flow file (throws FlowParseError on malformed XML). */
export function parseFlowFile(file: string): FlowModel {
    return parseFlow(fs.readFileSync(file, 'utf8'), file);
}

/** Every `*.flow-meta.xml` under the project's package directories (force-app when unknown). */
export function flowFiles(projectRoot: string): string[] {
    let dirs = ['force-app'];
    try {
        const project = JSON.parse(fs.readFileSync(path.join(projectRoot, 'sfdx-project.json'), 'utf8')) as {
            packageDirectories?: { path: string }[];
        };
        if (project.packageDirectories?.length) dirs = project.packageDirectories.map((d) => d.path);
    } catch {
        // no or unreadable sfdx-project.json: default package directory
    }
    return dirs.flatMap((d) => listFiles(path.join(projectRoot, d), (n) => n.endsWith(FLOW_SUFFIX)));
}

/**
 * Loads every flow of a project, keyed by API name. Files that fail to parse are left out and listed
 * in `errors` when a collector is given (the flow-schema check reports them with their line).
 */
export function loadFlows(
    projectRoot: string,
    errors?: { file: string; line: number; message: string }[]
): Map<string, FlowModel> {
    const flows = new Map<string, FlowModel>();
    for (const file of flowFiles(projectRoot)) {
        try {
            const flow = parseFlowFile(file);
            flows.set(flow.apiName, flow);
        } catch (e) {
            errors?.push({ file, line: e instanceof FlowParseError ? e.line : 1, message: (e as Error).message });
        }
    }
    return flows;
}

/**
 * Every name a reference in the flow may point at: resources, elements, and the named parts inside
 * them (decision outcomes, screen fields, wait events, stage steps…). Deliberately generous: any
 * `<name>` below the root except metadata and parameter names.
 */
export function flowNames(flow: FlowModel): Set<string> {
    const names = new Set<string>();
    const skip =
        /^(processMetadataValues|inputParameters|outputParameters|\w+ActionInputParameters|\w+ActionOutputParameters|inputAssignments|outputAssignments|dataTypeMappings|outputConfigParams)$/;
    const visit = (node: XmlNode): void => {
        for (const c of node.children) {
            if (skip.test(c.tag)) continue;
            if (c.tag === 'name' && node !== flow.xml) names.add(c.text);
            visit(c);
        }
    };
    visit(flow.xml);
    return names;
}

/** The flow's elements keyed by name (for walking connectors, e.g. in the preview's flow interpreter). */
export function elementsByName(flow: FlowModel): Map<string, FlowElement> {
    return new Map(flow.elements.map((e) => [e.name, e]));
}

/**
 * True when a value of the definition DataType can be passed to (or read from) a flow variable of flowType: the one
 * table of c/dcDefinition valueTypes, re-exported for the Node side.
 */
export { isFlowTypeCompatible } from '../../force-app/main/default/lwc/dcDefinition/valueTypes';
