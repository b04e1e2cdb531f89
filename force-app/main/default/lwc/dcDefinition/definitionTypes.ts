/*
 * The Dynamic Component definition format, version 1.
 *
 * This file is the contract shared by the LWC runtime, the offline scripts (validate:definitions,
 * verify, build), the local preview and - by mirroring - the Apex services. The JSON Schema in
 * definitions/definition.schema.json describes the same shape for editor completion; a unit test
 * keeps the two in step.
 */

export const SCHEMA_VERSION = 1;

/** Flow-style data types a resource, an input or an output can carry. */
export const DATA_TYPES = ['Text', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Record'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Merge-field properties of a data table: {!table.Property}. */
export const TABLE_PROPERTIES = [
    'SelectedRows',
    'SelectedRowsKeyValue',
    'FirstSelectedRow',
    'SelectedRowCount',
    'ActionRow',
    'LastSaveSavedCount',
    'LastSaveFailedCount'
] as const;

/** Table properties that hold a Number (the others hold rows, keys or a row). */
export const NUMBER_TABLE_PROPERTIES = ['SelectedRowCount', 'LastSaveSavedCount', 'LastSaveFailedCount'] as const;

export interface DefinitionDocument {
    /** Path of definitions/definition.schema.json, for editor completion; ignored at runtime. */
    $schema?: string;
    /** Format version; only 1 exists. */
    schemaVersion: number;
    /** Developer name: letters, digits and underscores, starts with a letter, at most 40 characters. */
    apiName: string;
    label: string;
    description?: string;
    resources?: ResourceDefinition[];
    queries?: QueryDefinition[];
    components?: ComponentDefinition[];
    interactions?: InteractionDefinition[];
}

// ---------------------------------------------------------------- resources

export type ResourceDefinition = VariableResource | ConstantResource | FormulaResource;

interface ResourceBase {
    /** Referenced as {!name}. Unique across resources, queries and components. */
    name: string;
    dataType: DataType;
    description?: string;
}

export interface VariableResource extends ResourceBase {
    kind: 'variable';
    /** "Allow multiple values (collection)". */
    isCollection?: boolean;
    /** Object API name when dataType is Record. */
    objectApiName?: string;
    /** Initial value: a literal, or a merge-field expression such as "{!$Record.Id}". */
    value?: unknown;
}

export interface ConstantResource extends ResourceBase {
    kind: 'constant';
    value: string | number | boolean | null;
}

export interface FormulaResource extends ResourceBase {
    kind: 'formula';
    /** Formula source, e.g. `"Contacts of " & {!$User.FirstName}`. Recomputed when its inputs change. */
    formula: string;
}

// ------------------------------------------------------------------ queries

export type ConditionOperator =
    | 'equals'
    | 'notEquals'
    | 'lessThan'
    | 'greaterThan'
    | 'lessOrEqual'
    | 'greaterOrEqual'
    | 'contains'
    | 'startsWith'
    | 'endsWith'
    | 'in'
    | 'notIn'
    | 'isNull';

export interface QueryCondition {
    /** Field API name on the query object, or a parent path such as Account.Name. */
    field: string;
    operator: ConditionOperator;
    /**
     * A literal, or a merge field ({!$Record.Id}, {!$User.Id}, {!resource}) that the client resolves and
     * sends as a bind value; the server type-checks it against the field. For isNull: true or false.
     */
    value?: unknown;
}

export interface QueryDefinition {
    name: string;
    description?: string;
    /** SObject API name, e.g. Contact or Invoice__c. */
    object: string;
    /** Field paths to read; Id is always added. Parent fields use dots: Account.Name. */
    fields: string[];
    where?: {
        /** "AND" (default), "OR", or custom logic over 1-based condition numbers: "1 AND (2 OR 3)". */
        logic?: string;
        conditions: QueryCondition[];
    };
    orderBy?: { field: string; direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' }[];
    /** Text fields searched by the table's search box. */
    searchFields?: string[];
    /** Rows per page (1-2000, default 50). */
    pageSize?: number;
    /** Hard cap on rows loaded across pages (default 50000). */
    maxRows?: number;
}

// --------------------------------------------------------------- components

export type ComponentDefinition = DataTableDefinition;

export interface ColumnDefinition {
    field: string;
    /** Overrides the describe label. */
    label?: string;
    /** Shows the value as a link to the record (name fields, lookups). */
    linkToRecord?: boolean;
    sortable?: boolean;
    initialWidth?: number;
    /**
     * Inline edit. Only a direct, updateable field of the query's object with an editable type; a column the
     * running user cannot update is shown read-only.
     */
    editable?: boolean;
    /** Wrap long text (rows grow); default false = clip with an ellipsis. */
    wrap?: boolean;
    /** Conditional styles; the first matching rule wins. */
    cellStyles?: CellStyleRule[];
}

export type CellStyleVariant = 'success' | 'warning' | 'error' | 'info' | 'inverse' | 'neutral';

/** Styles a cell when its raw value matches: operator and value as in query conditions. */
export interface CellStyleRule {
    operator: ConditionOperator;
    /** A literal; an array for in / notIn; none for isNull. */
    value?: unknown;
    variant: CellStyleVariant;
    /** Show the value as an SLDS badge of the variant's theme; otherwise the text takes the variant's colour. */
    badge?: boolean;
}

export interface ActionButtonDefinition {
    name: string;
    label: string;
    /** Header actions only: disabled until at least one row is selected. */
    requiresSelection?: boolean;
    variant?: 'neutral' | 'brand' | 'destructive';
    iconName?: string;
}

export interface DataTableDefinition {
    name: string;
    type: 'dataTable';
    description?: string;
    title?: string;
    query: string;
    /** Field whose value identifies a row; default Id. */
    keyField?: string;
    /** 0 hides the checkbox column, 1 = single select. Default 0. */
    maxRowSelection?: number;
    columns: ColumnDefinition[];
    headerActions?: ActionButtonDefinition[];
    rowActions?: ActionButtonDefinition[];
    showRowNumbers?: boolean;
    showSearch?: boolean;
    /**
     * Height of the table: 'auto' (grows with its rows up to the window height), a whole number of rows the body
     * shows, or a CSS length such as '400px'; default 400px.
     */
    height?: 'auto' | number | string;
    emptyMessage?: string;
    /** Data columns frozen on horizontal scroll (0-3, default 1); checkbox and row-number columns always are. */
    frozenColumns?: number;
}

// ------------------------------------------------------------- interactions

/** save: after a table save that saved at least one row (target = the table). */
export type InteractionEvent = 'headerActionClick' | 'rowActionClick' | 'selectionChange' | 'load' | 'save';

export interface InteractionDefinition {
    /** Unique id; the server uses it (with the action id) to find an Execute Flow action. */
    id: string;
    description?: string;
    on: {
        event: InteractionEvent;
        /** Component name; not used for load. */
        target?: string;
        /** Header or row action name, for the action-click events. */
        action?: string;
    };
    do: ActionDefinition[];
}

export type ActionDefinition =
    | RefreshQueriesAction
    | SetVariableAction
    | ShowToastAction
    | NavigateAction
    | ConfirmAction
    | ExecuteFlowAction
    | OpenFlowAction
    | ExportCsvAction;

export interface ActionBase {
    type: string;
    /** Optional; required for executeFlow (unique in the definition). */
    id?: string;
    description?: string;
    onFinish?: ActionDefinition[];
    onError?: ActionDefinition[];
}

export interface RefreshQueriesAction extends ActionBase {
    type: 'refreshQueries';
    /** Query names; all queries when omitted. */
    queries?: string[];
}

export interface SetVariableAction extends ActionBase {
    type: 'setVariable';
    /** Name of a variable resource (constants and formulas cannot be set). */
    variable: string;
    /**
     * A literal; a single merge field (keeps its type: "{!contactsTable.SelectedRowsKeyValue}"); a formula such
     * as "{!count} + 1" or "TODAY()"; or text with merge fields. Not used by clear.
     */
    value?: unknown;
    /** set (default); add / subtract for Number, Currency and collection variables; clear empties it. */
    operator?: 'set' | 'add' | 'subtract' | 'clear';
}

export interface ShowToastAction extends ActionBase {
    type: 'showToast';
    variant?: 'success' | 'error' | 'warning' | 'info';
    /** Merge fields allowed: "{!updatedCount} contacts set to Active". */
    title: string;
    message?: string;
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export interface NavigateAction extends ActionBase {
    type: 'navigate';
    target: 'recordPage' | 'objectList' | 'namedPage' | 'url';
    recordId?: string;
    objectApiName?: string;
    actionName?: string;
    pageName?: string;
    url?: string;
}

export interface ConfirmAction extends ActionBase {
    type: 'confirm';
    title?: string;
    message: string;
    confirmLabel?: string;
    variant?: 'header' | 'headerless';
    theme?: string;
    /** Runs when the user confirms; onFinish runs after them, cancel runs onCancel. */
    onCancel?: ActionDefinition[];
}

export interface FlowInputMapping {
    /** Flow input variable API name (case-sensitive). */
    name: string;
    /** Literal, or merge field / formula ("{!contactsTable.SelectedRowsKeyValue}"). */
    value: unknown;
    /** "Allow multiple values (collection)". */
    collection?: boolean;
    /** Flow variable type; defaults to Text. */
    dataType?: DataType;
}

export interface FlowOutputMapping {
    /** Flow output variable API name (case-sensitive). */
    name: string;
    /** Variable resource receiving the value. */
    resource: string;
    /**
     * executeFlow with mode auto / async only: how the values of all chunks combine (default last). sum and count
     * need a Number or Currency flow output and a single Number or Currency variable; collect needs a collection
     * variable (the chunks' values concatenated, a collection output flattened).
     */
    aggregate?: FlowOutputAggregate;
}

export type FlowOutputAggregate = 'last' | 'sum' | 'count' | 'collect';

/** sync: one transaction (default); auto: sync up to chunkSize selected rows, async above; async: always chunked. */
export type FlowRunMode = 'sync' | 'auto' | 'async';

/**
 * The optional custom permission a flow action needs: the server checks it (FeatureManagement.checkPermission)
 * before anything runs and refuses the call without it. A custom permission API name, e.g. Run_Contact_Flows.
 */
interface FlowPermission {
    requiredPermission?: string;
}

export interface ExecuteFlowAction extends ActionBase, FlowPermission {
    type: 'executeFlow';
    id: string;
    flowApiName: string;
    inputs?: FlowInputMapping[];
    outputs?: FlowOutputMapping[];
    /**
     * Default sync. auto and async split the selection of the input mapped to {!table.SelectedRowsKeyValue} (or
     * SelectedRows) into chunks of chunkSize records, each run in its own transaction; onFinish / onError then see
     * {!$Run.id}, {!$Run.status}, {!$Run.total}, {!$Run.succeeded}, {!$Run.failed} and {!$Run.remaining}.
     */
    mode?: FlowRunMode;
    /** Records per chunk with mode auto / async: 1-2000, default 200. */
    chunkSize?: number;
}

export interface OpenFlowAction extends ActionBase, FlowPermission {
    type: 'openFlowDialog' | 'openFlowPanel';
    flowApiName: string;
    title?: string;
    inputs?: FlowInputMapping[];
    outputs?: FlowOutputMapping[];
    /** Runs when the user closes the dialog or panel without finishing. */
    onClose?: ActionDefinition[];
    /** Panel side; openFlowPanel only. */
    position?: 'left' | 'right';
    size?: 'small' | 'medium' | 'large';
}

export interface ExportCsvAction extends ActionBase {
    type: 'exportCsv';
    /** Name of the data table whose rows (all matching its query and current search, up to maxRows) are exported. */
    table: string;
    /** Merge fields allowed; default `<definition apiName>_<YYYY-MM-DD>.csv` in the user's time zone. */
    fileName?: string;
}

/** One problem found in a definition: `path` is a JSON path such as components[0].columns[2].field. */
export interface DefinitionProblem {
    /** JSON path of the offending value ('' for the document itself). */
    path: string;
    /** What is wrong, where, and how to fix it. */
    message: string;
    /** Omitted = 'error'. Only errors block (rendering, saving, running a flow); warnings are listed. */
    severity?: 'error' | 'warning';
    /**
     * For flow contract problems: the code the server refuses a flow run with (FLOW_NOT_FOUND, TYPE_MISMATCH,
     * COLLECTION_MISMATCH, UNKNOWN_INPUT, ...; see lwc/dcDefinition/messages.ts and docs/CONTRACTS.md).
     */
    code?: string;
    /** 1-based line and column in the JSON text, when the problem came from parseDefinition. */
    line?: number;
    column?: number;
}

// ------------------------------------------------------------------ schema catalog

/**
 * One field of an object, as the validator needs it. `type` is the Apex Schema.DisplayType name
 * (STRING, EMAIL, PICKLIST, REFERENCE, ID, DOUBLE, CURRENCY, DATE, DATETIME, BOOLEAN, TEXTAREA, ...).
 */
export interface FieldDescribe {
    name: string;
    label?: string;
    type: string;
    /** Target objects of a lookup; more than one (or none) means polymorphic (resolved through `Name`). */
    referenceTo?: string[];
    /** Relationship name used in parent paths: Account for AccountId, Invoice__r for Invoice__c. */
    relationshipName?: string;
    sortable: boolean;
    filterable: boolean;
    /**
     * False for fields no one can write (formula, auto-number, roll-up summary, Id and system audit fields).
     * Omitted = unknown (treated as updateable; the server checks the running user at save).
     */
    updateable?: boolean;
    /** Why a field is not updateable, when the catalog knows (the `editable` message says it and how to fix it). */
    readOnlyReason?: ReadOnlyReason;
    /**
     * PICKLIST / MULTIPICKLIST fields: the values (API names) in setup order, when the describe knows them.
     * A literal condition value on the field must be one of them.
     */
    picklistValues?: PicklistValueDescribe[];
}

/**
 * formula, autoNumber, rollUpSummary: computed fields; masterDetail: a master-detail field without "Allow reparenting";
 * system: Id and the audit fields; compound: a field made of others (an address, a person's Name); computed: another
 * field Salesforce derives (Opportunity.IsWon, Case.IsClosed, ...); customMetadata: a field of a custom metadata type
 * (its records are deployed, not written with DML).
 */
export type ReadOnlyReason =
    'formula' | 'autoNumber' | 'rollUpSummary' | 'masterDetail' | 'system' | 'compound' | 'computed' | 'customMetadata';

/** One value of a picklist field (Schema.PicklistEntry). */
export interface PicklistValueDescribe {
    /** The API name stored in records and compared in filters. */
    value: string;
    label?: string;
    /** Inactive values are still valid in filters (records may hold them). Default true. */
    active?: boolean;
}

export interface ObjectDescribe {
    name: string;
    label?: string;
    /** Keyed by field API name (lookups are case-insensitive). */
    fields: Map<string, FieldDescribe> | Record<string, FieldDescribe>;
}

/**
 * The objects and fields a definition is checked against: the org's describe (Apex / component), the
 * repo's objects plus the standard object library (offline), or none (structure-only checks).
 */
export interface SchemaCatalog {
    describeObject(name: string): ObjectDescribe | undefined;
}

/** Result of parseDefinition: the definition only when it has no errors (warnings may be listed). */
export interface ParseDefinitionResult {
    definition?: DefinitionDocument;
    problems: DefinitionProblem[];
    /** The parsed JSON value (also when it has problems), e.g. to show its label in the setup panel. */
    document?: unknown;
}
