/*
 * c/dcRuntime — runtime state of a rendered Dynamic Component definition:
 * ResourceStore (variables, constants, formulas, $Record, $User), SelectionModel (data table selection),
 * Runtime (store + registered components + expression scope), and the Apex wire contract (apexContract).
 * Plain TypeScript (no lwc imports): also runs in Node scripts and in the local preview.
 */
export { ResourceStore, ResourceDefinitionError, RECORD_GLOBAL, USER_GLOBAL } from './store';
export type { ChangeListener, ResourceStoreOptions } from './store';
export { SelectionModel, TABLE_PROPERTIES } from './selection';
export type { Row, SelectionChange, SelectionListener, SelectionOptions } from './selection';
export { Runtime, ERROR_GLOBAL } from './runtime';
export type { ComponentHandle, ErrorInfo, RuntimeOptions, ScopeExtras } from './runtime';
export { DataTypeError, coerceValue, describeValue, getPath, isPlainRecord } from './dataTypes';
export type { CoerceOptions } from './dataTypes';
export {
    ERROR_CODES,
    inputSource,
    inputSourceScope,
    parseServerError,
    selectionReference,
    singleMergePath
} from './apexContract';
export type {
    DefinitionResponse,
    ErrorCode,
    FlowRunContext,
    FlowRunResponse,
    InputSource,
    InputSourceScope,
    QueryCursor,
    QueryFieldInfo,
    QueryNotice,
    QueryRequest,
    QueryResponse,
    SelectionReference,
    ServerError
} from './apexContract';
