/*
 * Shared shapes of the Definition Builder: the edits editors send to the builder host, the services the host gives
 * editors (schema and flow catalogues, from Apex in an org and from the preview backend locally), and the wire
 * shapes of DynamicComponentBuilderController (docs/BUILDER.md). Plain TypeScript.
 */
import type { DefinitionProblem, FieldDescribe, FlowDescribe, ObjectDescribe } from 'c/dcDefinition';

/** A JSON path into the draft, as problems use them: '', 'queries[0]', 'components[0].columns[2].field'. */
export type DraftPath = string;

/**
 * One change to the draft. Editors fire `CustomEvent('edit', { detail: BuilderEdit, bubbles: true, composed: true })`;
 * the host applies it through dcBuilder's history (so every edit can be undone).
 * - set: sets the value at `path` (undefined removes the property, or the list item);
 * - insert: inserts `value` into the list at `path` at `index` (default: the end);
 * - remove: removes the list item or property at `path`;
 * - move: moves the list item at `path` to index `to` of the same list.
 */
export type BuilderEdit =
    | { op: 'set'; path: DraftPath; value: unknown; label?: string }
    | { op: 'insert'; path: DraftPath; value: unknown; index?: number; label?: string }
    | { op: 'remove'; path: DraftPath; label?: string }
    | { op: 'move'; path: DraftPath; to: number; label?: string };

/** Editors fire `CustomEvent('select', { detail: { path } })` to move the selection (e.g. "edit this column"). */
export interface SelectDetail {
    path: DraftPath;
}

/** An object the admin can query (Schema.getGlobalDescribe, accessible and queryable). */
export interface ObjectSummary {
    name: string;
    label: string;
    labelPlural?: string;
    isCustom?: boolean;
}

/** A picklist value of a field. */
export interface PicklistValue {
    value: string;
    label: string;
    active?: boolean;
}

/** A field as the builder needs it: the validator's FieldDescribe plus access and picklist values. */
export interface BuilderField extends FieldDescribe {
    label: string;
    /** Readable by the running user. */
    accessible?: boolean;
    updateable?: boolean;
    nameField?: boolean;
    picklistValues?: PicklistValue[];
}

export interface BuilderObject extends ObjectDescribe {
    label: string;
    labelPlural?: string;
    fields: Record<string, BuilderField>;
}

/** A flow as the flow picker lists it (no variables). */
export type FlowSummary = Omit<FlowDescribe, 'variables'>;

/**
 * What editors may ask the host for. The host caches every answer: editors may call these freely. Each promise
 * rejects with `{ code, message }` (parseServerError) when the server refuses.
 */
export interface BuilderServices {
    listObjects(): Promise<ObjectSummary[]>;
    describeObject(objectApiName: string): Promise<BuilderObject>;
    /** The object, when describeObject already loaded it (for synchronous type checks). */
    cachedObject(objectApiName: string): BuilderObject | undefined;
    listFlows(): Promise<FlowSummary[]>;
    describeFlow(flowApiName: string): Promise<FlowDescribe>;
    cachedFlow(flowApiName: string): FlowDescribe | undefined;
}

/** What every editor receives besides its node: the whole draft, its problems and the services. */
export interface EditorContext {
    /** The whole draft (read-only for editors: change it only through edits). */
    doc: Record<string, unknown>;
    problems: DefinitionProblem[];
    services: BuilderServices;
    /** Object of the record page the admin previews with ({!$Record.*} types); may be empty. */
    recordObjectApiName?: string;
}

// ------------------------------------------------------------------ DynamicComponentBuilderController wire shapes

export interface DefinitionSummary {
    apiName: string;
    label: string;
    description?: string;
}

/** getDefinitionForEdit(definitionName). */
export interface EditableDefinition {
    apiName: string;
    label: string;
    json: string;
    /** SHA-256 (hex) of the stored JSON text; send it back with saveDefinition to detect a concurrent change. */
    contentHash: string;
    lastModifiedDate?: string;
    lastModifiedByName?: string;
}

/** saveDefinition(definitionJson, baseContentHash, saveAsNew). */
export interface SaveResponse {
    /** Metadata deploy job id (org) or a local id (preview). */
    jobId: string;
    apiName: string;
    /** Hash of the JSON that is being saved (the next baseContentHash once the save succeeded). */
    contentHash: string;
    status: SaveStatusValue;
}

export type SaveStatusValue = 'Queued' | 'InProgress' | 'Succeeded' | 'Failed';

/** getSaveStatus(jobId). */
export interface SaveStatus {
    jobId: string;
    apiName: string;
    status: SaveStatusValue;
    /** The platform's message when the deploy failed. */
    message?: string;
}
