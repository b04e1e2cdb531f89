/*
 * Value types of a definition and of flows: what type a mapped value has ({!table.SelectedRowsKeyValue} is a Text
 * collection, {!table.FirstSelectedRow.Email} is Text, ...), what a flow variable accepts, and whether one can feed
 * the other. One table of rules, used by the flow contract check (validator, server pre-run, verify) and by the
 * builder's mapping picker, so the picker offers exactly what the check accepts.
 */
import { isInlineFormula } from 'c/dcExpressions';
import type { DataType, DefinitionDocument, FieldDescribe, SchemaCatalog } from './definitionTypes';

// ------------------------------------------------------------------ flows as the contract sees them

/** One input/output variable of a flow's active version (FlowVariableView in an org, the flow XML offline). */
export interface FlowVariableDescribe {
    name: string;
    /** FlowVariableView.DataType: String, Number, Currency, Boolean, Date, DateTime, Picklist, Multipicklist, SObject, Apex. */
    dataType: string;
    isCollection: boolean;
    isInput: boolean;
    isOutput: boolean;
    /** Object API name when dataType is SObject. */
    objectType?: string;
    /**
     * The builder pre-adds required inputs. Offline and in the preview: an input variable without a default value.
     * The org (FlowVariableView) cannot tell, so there no input is marked required.
     */
    isRequired?: boolean;
    description?: string;
}

/** A flow as FlowDefinitionView describes it, with the variables of its active version. */
export interface FlowDescribe {
    /** Exact API name (case as the org / the file spells it). */
    apiName: string;
    label?: string;
    description?: string;
    /** AutoLaunchedFlow, Flow (screen flow), Orchestrator, EvaluationFlow, Workflow, ... */
    processType: string;
    /** null or undefined = no trigger; RecordAfterSave, RecordBeforeSave, Scheduled, PlatformEvent, ... */
    triggerType?: string | null;
    /** Has an active version. */
    isActive: boolean;
    variables: FlowVariableDescribe[];
    /**
     * The flow's own Create, Update and Delete Records elements (recordCreates, recordUpdates, recordDeletes);
     * [] = none; undefined = not known (the org's FlowDefinitionView and FlowVersionView do not tell). Actions
     * (actionCalls: Apex, email, ...) are not counted: what they write is their own code's business, and an Apex
     * action runs in its class's context, not the flow's run mode. Subflows count through `subflows`.
     */
    recordWrites?: FlowRecordWrite[];
    /** The flows it starts as subflows (<subflows><flowName>); undefined = not known. */
    subflows?: string[];
    /**
     * How to Run the Flow (<runInMode>, FlowVersionView.RunInMode): null = not set (the flow runs in the context of
     * whoever starts it; from this component's `with sharing` Apex that is system context with sharing);
     * undefined = not known.
     */
    runInMode?: FlowRunInMode | null;
}

/** Flow metadata FlowRunInMode. */
export type FlowRunInMode = 'DefaultMode' | 'SystemModeWithSharing' | 'SystemModeWithoutSharing' | 'UserMode';

/** One element of a flow that writes records. */
export interface FlowRecordWrite {
    /** The element's API name. */
    element: string;
    operation: 'create' | 'update' | 'delete';
    /** The object, when the element names it (<object>). */
    object?: string;
}

/** The flows a definition is checked against: the org's, the project's flow XML, or the preview's. */
export interface FlowCatalog {
    /** The flow with this API name; case-insensitive lookup is allowed (the checker compares the exact case). */
    describeFlow(apiName: string): FlowDescribe | undefined;
    /** Every flow (for did-you-mean and the builder's flow picker). */
    listFlows(): FlowDescribe[];
}

/** Which actions may use a flow. */
export type FlowUse = 'executeFlow' | 'screenFlow' | 'none';

/** executeFlow runs active autolaunched flows with no trigger; dialogs and panels show active screen flows. */
export function flowUseOf(flow: Pick<FlowDescribe, 'processType' | 'triggerType' | 'isActive'>): FlowUse {
    if (!flow.isActive) return 'none';
    const noTrigger = !flow.triggerType || flow.triggerType === 'None';
    if (flow.processType === 'AutoLaunchedFlow' && noTrigger) return 'executeFlow';
    if (flow.processType === 'Flow') return 'screenFlow';
    return 'none';
}

// ------------------------------------------------------------------ value types

/** The type of a value in a definition; Unknown when it cannot be known offline (it then matches anything). */
export interface ValueType {
    dataType: DataType | 'Unknown';
    isCollection: boolean;
    /** For Record values: the object. */
    objectApiName?: string;
}

export const UNKNOWN_TYPE: ValueType = Object.freeze({ dataType: 'Unknown', isCollection: false });

const FIELD_TYPE_TO_DATA_TYPE: Record<string, DataType> = {
    STRING: 'Text',
    EMAIL: 'Text',
    PHONE: 'Text',
    URL: 'Text',
    PICKLIST: 'Text',
    MULTIPICKLIST: 'Text',
    COMBOBOX: 'Text',
    TEXTAREA: 'Text',
    ENCRYPTEDSTRING: 'Text',
    ID: 'Text',
    REFERENCE: 'Text',
    TIME: 'Text',
    DOUBLE: 'Number',
    INTEGER: 'Number',
    LONG: 'Number',
    PERCENT: 'Number',
    CURRENCY: 'Currency',
    BOOLEAN: 'Boolean',
    DATE: 'Date',
    DATETIME: 'DateTime'
};

/** The definition DataType of a field (Schema.DisplayType name); Unknown for types with no flow equivalent. */
export function fieldValueType(field: Pick<FieldDescribe, 'type'> | undefined): ValueType {
    const dataType = field ? FIELD_TYPE_TO_DATA_TYPE[field.type.toUpperCase()] : undefined;
    return dataType ? { dataType, isCollection: false } : UNKNOWN_TYPE;
}

/** Flow variable data types (FlowVariableView.DataType) each definition DataType can feed or receive. */
const COMPATIBLE_FLOW_TYPES: Record<string, string[]> = {
    Text: ['String', 'Picklist', 'Multipicklist'],
    Number: ['Number', 'Currency'],
    Currency: ['Currency', 'Number'],
    Boolean: ['Boolean'],
    Date: ['Date'],
    DateTime: ['DateTime'],
    Record: ['SObject']
};

/** True when a value of the definition DataType can be passed to (or read from) a flow variable of flowType. */
export function isFlowTypeCompatible(definitionType: string, flowType: string): boolean {
    return (COMPATIBLE_FLOW_TYPES[definitionType] ?? []).some((t) => t.toLowerCase() === flowType.toLowerCase());
}

/** The definition DataType a flow variable corresponds to (String → Text, SObject → Record, ...); undefined for Apex. */
export function dataTypeOfFlowType(flowType: string): DataType | undefined {
    for (const [dataType, flowTypes] of Object.entries(COMPATIBLE_FLOW_TYPES)) {
        if (flowTypes[0].toLowerCase() === flowType.toLowerCase()) return dataType as DataType;
    }
    if (/^(picklist|multipicklist)$/i.test(flowType)) return 'Text';
    return undefined;
}

/** The ValueType a flow variable holds. */
export function flowVariableType(variable: FlowVariableDescribe): ValueType {
    const dataType = dataTypeOfFlowType(variable.dataType);
    if (!dataType) return { ...UNKNOWN_TYPE, isCollection: variable.isCollection };
    return dataType === 'Record'
        ? { dataType, isCollection: variable.isCollection, objectApiName: variable.objectType }
        : { dataType, isCollection: variable.isCollection };
}

/**
 * Whether a value of type `source` can be stored in `target` (a flow input variable, or a resource receiving a flow
 * output). Collection-ness must match; Unknown matches any type (it is checked at run time instead); Number and
 * Currency mix; Records must be of the same object when both are known.
 */
export function isAssignable(source: ValueType, target: ValueType): boolean {
    if (source.isCollection !== target.isCollection) return false;
    if (source.dataType === 'Unknown' || target.dataType === 'Unknown') return true;
    if (source.dataType === target.dataType) {
        if (source.dataType !== 'Record') return true;
        return (
            !source.objectApiName ||
            !target.objectApiName ||
            source.objectApiName.toLowerCase() === target.objectApiName.toLowerCase()
        );
    }
    const numeric = (t: string) => t === 'Number' || t === 'Currency';
    return numeric(source.dataType) && numeric(target.dataType);
}

/** "Text collection", "Contact record", "Number". */
export function valueTypeLabel(type: ValueType): string {
    const base =
        type.dataType === 'Record'
            ? `${type.objectApiName ?? 'SObject'} record`
            : type.dataType === 'Unknown'
              ? 'value'
              : type.dataType;
    return type.isCollection ? `${base} collection` : base;
}

// ------------------------------------------------------------------ types of merge fields

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function byName(list: unknown, name: string): Json | undefined {
    if (!Array.isArray(list)) return undefined;
    return list.find((item): item is Json => isObject(item) && item.name === name);
}

/** Where a value is read: the page's record object (for {!$Record.X}), when the builder or the page knows it. */
export interface ValueTypeContext {
    catalog?: SchemaCatalog;
    /** Object of the record page ({!$Record.*}); unknown on app and home pages. */
    recordObjectApiName?: string;
}

function fieldType(catalog: SchemaCatalog | undefined, objectName: string | undefined, path: string[]): ValueType {
    if (!catalog || !objectName || !path.length) return UNKNOWN_TYPE;
    let object = catalog.describeObject(objectName);
    for (let i = 0; object && i < path.length; i++) {
        const fields = object.fields instanceof Map ? [...object.fields.values()] : Object.values(object.fields);
        const segment = path[i].toLowerCase();
        if (i === path.length - 1) {
            return fieldValueType(fields.find((f) => f.name.toLowerCase() === segment));
        }
        const lookup = fields.find((f) => f.relationshipName?.toLowerCase() === segment);
        const target = lookup?.referenceTo?.length === 1 ? lookup.referenceTo[0] : undefined;
        object = target ? catalog.describeObject(target) : undefined;
    }
    return UNKNOWN_TYPE;
}

/**
 * The type of a merge-field reference (the text between `{!` and `}`): a resource, a table property, a row field,
 * $Record / $User fields, $Error properties. Unknown when the reference is not resolvable offline.
 */
export function referenceType(
    doc: DefinitionDocument | Json,
    reference: string,
    context: ValueTypeContext = {}
): ValueType {
    const [head, ...rest] = reference.split('.');
    const d = doc as Json;
    if (head === '$User') return rest.length ? fieldType(context.catalog, 'User', rest) : UNKNOWN_TYPE;
    if (head === '$Record')
        return rest.length ? fieldType(context.catalog, context.recordObjectApiName, rest) : UNKNOWN_TYPE;
    if (head === '$Error') return { dataType: 'Text', isCollection: rest[0] === 'details' };
    if (head === '$Run')
        return { dataType: rest[0] === 'id' || rest[0] === 'status' ? 'Text' : 'Number', isCollection: false };
    const resource = byName(d.resources, head);
    if (resource) {
        const dataType = (
            typeof resource.dataType === 'string' ? resource.dataType : 'Unknown'
        ) as ValueType['dataType'];
        const objectApiName = typeof resource.objectApiName === 'string' ? resource.objectApiName : undefined;
        if (rest.length) {
            return dataType === 'Record' ? fieldType(context.catalog, objectApiName, rest) : UNKNOWN_TYPE;
        }
        return {
            dataType,
            isCollection: resource.kind === 'variable' && resource.isCollection === true,
            objectApiName
        };
    }
    const component = byName(d.components, head);
    if (!component) return UNKNOWN_TYPE;
    const query = typeof component.query === 'string' ? byName(d.queries, component.query) : undefined;
    const objectApiName = query && typeof query.object === 'string' ? query.object : undefined;
    const [property, ...rowPath] = rest;
    switch (property) {
        case 'SelectedRowsKeyValue': {
            const keyField = typeof component.keyField === 'string' ? component.keyField : 'Id';
            const key =
                keyField === 'Id'
                    ? { dataType: 'Text' as const, isCollection: false }
                    : fieldType(context.catalog, objectApiName, keyField.split('.'));
            return { ...key, isCollection: true };
        }
        case 'SelectedRows':
            return { dataType: 'Record', isCollection: true, objectApiName };
        case 'SelectedRowCount':
        case 'LastSaveSavedCount':
        case 'LastSaveFailedCount':
            return { dataType: 'Number', isCollection: false };
        case 'FirstSelectedRow':
        case 'ActionRow':
            if (!rowPath.length) return { dataType: 'Record', isCollection: false, objectApiName };
            if (rowPath.length === 1 && rowPath[0] === 'Id') return { dataType: 'Text', isCollection: false };
            return fieldType(context.catalog, objectApiName, rowPath);
        default:
            return UNKNOWN_TYPE;
    }
}

const SINGLE_MERGE_FIELD = /^\{!\s*([A-Za-z$][A-Za-z0-9_.$]*)\s*\}$/;

/**
 * The type of a value as written in a definition (a flow input's `value`, a setVariable value): a single merge
 * field keeps the referenced type; text with merge fields is Text; literals by their JSON type, using `declared`
 * (the input's dataType) for text that spells a date; anything else (formulas) is Unknown.
 */
export function valueType(
    doc: DefinitionDocument | Json,
    value: unknown,
    declared?: { dataType?: string; collection?: boolean },
    context: ValueTypeContext = {}
): ValueType {
    if (typeof value === 'string') {
        // the = rule: "=TODAY()" and "={!n} + 1" are formulas, typed when they run; "TODAY()" is text
        if (isInlineFormula(value as unknown)) return UNKNOWN_TYPE; // cast: keeps value a string below
        const single = SINGLE_MERGE_FIELD.exec(value.trim());
        if (single) return referenceType(doc, single[1], context);
        if (value.includes('{!')) return { dataType: 'Text', isCollection: false };
        const dataType =
            declared?.dataType === 'Date' || declared?.dataType === 'DateTime' ? declared.dataType : 'Text';
        return { dataType: dataType as DataType, isCollection: false };
    }
    if (typeof value === 'number') {
        return { dataType: declared?.dataType === 'Currency' ? 'Currency' : 'Number', isCollection: false };
    }
    if (typeof value === 'boolean') return { dataType: 'Boolean', isCollection: false };
    if (Array.isArray(value)) {
        const first = value.find((item) => item !== null && item !== undefined);
        const item = first === undefined ? UNKNOWN_TYPE : valueType(doc, first, declared, context);
        return { ...item, isCollection: true };
    }
    return UNKNOWN_TYPE;
}
