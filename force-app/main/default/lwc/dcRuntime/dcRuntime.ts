/*
 * c/dcRuntime — runtime state of a rendered Dynamic Component definition:
 * ResourceStore (variables, constants, formulas, $Record, $User), SelectionModel (data table selection),
 * Runtime (store + registered components + expression scope), the Apex wire contract (apexContract), and the
 * data table's edit and export logic: DraftStore (drafts), parseEditValue (editor input), picklists (record types,
 * dependent picklists), csv and exportTable (exportCsv action), valueFormatter (display text of a value).
 * Plain TypeScript (no lwc imports): also runs in Node scripts and in the local preview.
 */
export { ResourceStore, ResourceDefinitionError, RECORD_GLOBAL, USER_GLOBAL } from './store';
export type { ChangeListener, ResourceStoreOptions } from './store';
export { SelectionModel, TABLE_PROPERTIES } from './selection';
export type { Row, SelectionChange, SelectionListener, SelectionOptions } from './selection';
export { Runtime, ERROR_GLOBAL, RUN_GLOBAL } from './runtime';
export type { ComponentHandle, ErrorInfo, RuntimeOptions, ScopeExtras } from './runtime';
export { DataTypeError, coerceValue, describeValue, getPath, isPlainRecord } from './dataTypes';
export type { CoerceOptions } from './dataTypes';
export {
    ERROR_CODES,
    FINISHED_RUN_STATUSES,
    RUN_EVENT_CHANNEL,
    RUN_STATUS_LABELS,
    inputSource,
    inputSourceScope,
    parseServerError,
    selectionReference,
    singleMergePath
} from './apexContract';
export {
    DraftStore,
    MAX_SAVE_ROWS,
    SaveLimitError,
    changesLabel,
    countLabel,
    sameFieldValue,
    saveLimitProblem
} from './drafts';
export type { DraftStoreOptions, RowErrors, SetOptions } from './drafts';
export { REQUIRED_MESSAGE, numberSymbols, parseEditValue, parseLocaleNumber, wallTimeToUtc } from './editValues';
export type { EditValueOptions, ParseResult } from './editValues';
export {
    MASTER_RECORD_TYPE_ID,
    dependentsToReset,
    hasPicklistValues,
    isDependentPicklist,
    isValidForRecordType,
    joinMultiSelect,
    picklistOptions,
    picklistValueProblem,
    recordTypeIdOf,
    splitMultiSelect
} from './picklists';
export type { PicklistOption, PicklistProblemContext } from './picklists';
export {
    CSV_BOM,
    CSV_LINE_END,
    csvField,
    csvFileName,
    csvLine,
    exportFileName,
    localDateText,
    neutralizeFormula,
    toCsv
} from './csv';
export { displayKindOf, picklistLabelText, textFormatter, valueAtPath, valueFormatter } from './format';
export type { DisplayKind, TextFormatOptions, ValueFormatOptions, ValueFormatter } from './format';
export { ExportAbortedError, exportTable } from './exporter';
export { downloadFile } from './download';
export type { ExportColumn, ExportOmission, ExportOptions, ExportProgress, ExportResult } from './exporter';
export type {
    DefinitionResponse,
    ExportRequest,
    ExportResponse,
    LookupOption,
    ErrorCode,
    FlowRunChunkStatus,
    FlowRunChunkView,
    FlowRunContext,
    FlowRunEventPayload,
    FlowRunResponse,
    FlowRunStatus,
    FlowRunView,
    MatchingSelection,
    InputSource,
    InputSourceScope,
    QueryCursor,
    QueryFieldInfo,
    QueryNotice,
    QueryRequest,
    QueryResponse,
    SaveDraft,
    SaveError,
    SaveRequest,
    SaveResponse,
    SaveResult,
    SelectionReference,
    ServerError,
    UiPicklistFieldValues,
    UiPicklistValue,
    UiPicklistValuesByRecordType
} from './apexContract';
