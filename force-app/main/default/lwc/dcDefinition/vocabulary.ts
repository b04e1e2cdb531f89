/*
 * The vocabulary of the definition format: resource kinds, operators, events, action types, limits and the
 * patterns names must match. One place, so the validator modules, the builder and the docs agree.
 */

/** The top-level keys of a definition, in the canonical order (the validator's key check, the builder's file text). */
export const DEFINITION_KEYS = [
    '$schema',
    'schemaVersion',
    'apiName',
    'label',
    'description',
    'resources',
    'queries',
    'components',
    'interactions'
] as const;
export const RESOURCE_KINDS = ['variable', 'constant', 'formula'] as const;
export const CONDITION_OPERATORS = [
    'equals',
    'notEquals',
    'lessThan',
    'greaterThan',
    'lessOrEqual',
    'greaterOrEqual',
    'contains',
    'startsWith',
    'endsWith',
    'in',
    'notIn',
    'isNull'
] as const;
/** Operators that only text fields take (the others compare values of any ordered type). */
export const TEXT_OPERATORS = ['contains', 'startsWith', 'endsWith'] as const;
export const COMPONENT_TYPES = ['dataTable'] as const;
export const INTERACTION_EVENTS = ['headerActionClick', 'rowActionClick', 'selectionChange', 'load', 'save'] as const;
export const ACTION_TYPES = [
    'refreshQueries',
    'setVariable',
    'showToast',
    'navigate',
    'confirm',
    'executeFlow',
    'openFlowDialog',
    'openFlowPanel',
    'exportCsv'
] as const;
/**
 * Global merge fields: {!$Record.Field}, {!$User.Field}, {!$Error.message} (On Error only), {!$Run.succeeded} (On Finish
 * and On Error of an Execute Flow action with mode auto or async).
 */
export const GLOBALS = ['$Record', '$User', '$Error', '$Run'] as const;
export const ERROR_PROPERTIES = ['message', 'code', 'details'] as const;
/** {!$Run.*}: the run of a chunked Execute Flow action; id and status are Text, the counts Numbers. */
export const RUN_PROPERTIES = ['id', 'status', 'total', 'succeeded', 'failed', 'remaining'] as const;
export const RUN_TEXT_PROPERTIES = ['id', 'status'] as const;
/** executeFlow "mode": sync (default, one transaction), auto (sync up to chunkSize rows, else async), async. */
export const FLOW_RUN_MODES = ['sync', 'auto', 'async'] as const;
/** How a flow output of a chunked run combines the chunks' values (default last). */
export const OUTPUT_AGGREGATES = ['last', 'sum', 'count', 'collect'] as const;

export const LIMITS = {
    apiNameLength: 40,
    labelLength: 40,
    nameLength: 80,
    pageSizeMin: 1,
    pageSizeMax: 2000,
    maxRowsMax: 50000,
    relationshipDepth: 5,
    frozenColumnsMax: 3,
    /**
     * executeFlow chunkSize: one chunk is one transaction (10,000 DML rows, 10 s CPU); 2000 records keep five DML rows
     * per record of headroom.
     */
    chunkSizeMin: 1,
    chunkSizeMax: 2000,
    chunkSizeDefault: 200
} as const;

export const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
export const SOBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const ICON_NAME = /^(utility|standard|custom|action|doctype):[a-z0-9_]+$/;
export const CSS_LENGTH = /^\d+(\.\d+)?(px|rem|em|vh|%)$/;

/** Schema.DisplayType names of text fields: every operator, including TEXT_OPERATORS. */
export const TEXT_TYPES: ReadonlySet<string> = new Set([
    'STRING',
    'EMAIL',
    'PHONE',
    'URL',
    'PICKLIST',
    'TEXTAREA',
    'COMBOBOX',
    'ENCRYPTEDSTRING'
]);
/** Schema.DisplayType names of number fields. */
export const NUMBER_TYPES: ReadonlySet<string> = new Set(['DOUBLE', 'INTEGER', 'LONG', 'CURRENCY', 'PERCENT']);

/** The keys each action type takes besides type, id, onFinish, onError and description. */
export const ACTION_KEYS: Record<string, string[]> = {
    refreshQueries: ['queries'],
    setVariable: ['variable', 'value', 'operator'],
    showToast: ['variant', 'title', 'message', 'mode'],
    navigate: ['target', 'recordId', 'objectApiName', 'actionName', 'pageName', 'url'],
    confirm: ['title', 'message', 'confirmLabel', 'variant', 'theme', 'onCancel'],
    executeFlow: ['flowApiName', 'inputs', 'outputs', 'requiredPermission', 'mode', 'chunkSize'],
    openFlowDialog: ['flowApiName', 'title', 'inputs', 'outputs', 'onClose', 'size', 'requiredPermission'],
    openFlowPanel: ['flowApiName', 'title', 'inputs', 'outputs', 'onClose', 'position', 'size', 'requiredPermission'],
    exportCsv: ['table', 'fileName']
};

/** Cell style variants (cellStyles[].variant): SLDS text colours / badge themes. */
export const CELL_STYLE_VARIANTS = ['success', 'warning', 'error', 'info', 'inverse', 'neutral'] as const;
/** Schema.DisplayType names an `editable` column may have (the client has an editor for each). */
export const EDITABLE_TYPES: ReadonlySet<string> = new Set([
    'STRING',
    'TEXTAREA',
    'EMAIL',
    'PHONE',
    'URL',
    'DOUBLE',
    'INTEGER',
    'LONG',
    'CURRENCY',
    'PERCENT',
    'BOOLEAN',
    'DATE',
    'DATETIME',
    'PICKLIST',
    'MULTIPICKLIST',
    'REFERENCE'
]);
