/*
 * c/dcInteractions — the interaction engine of Dynamic Components: events (headerActionClick, rowActionClick,
 * selectionChange, load, save) → matching interactions → ordered actions with onFinish / onError chains; executors by
 * action type; services (toast, navigation, confirm, Apex executeFlow, screen flows, CSV export) injected by the host.
 * Plain TypeScript (no lwc imports).
 */
export { ACTION_NOT_SET_UP, InteractionEngine, interactionKey, MAX_CHAIN_STEPS } from './engine';
export { ActionError, toErrorInfo } from './errors';
export {
    BUILT_IN_EXECUTORS,
    DEFAULT_CHUNK_SIZE,
    confirm,
    executeFlow,
    exportCsv,
    navigate,
    needsChunks,
    openFlowDialog,
    openFlowPanel,
    refreshQueries,
    setVariable,
    showToast,
    storeOutputs
} from './executors';
export { flowInputType, resolveFlowInputs, toFlowInputVariables, toInputMap } from './inputs';
export type { ResolvedFlowInput } from './inputs';
export type {
    ActionContext,
    ActionExecutor,
    ActionOutcome,
    ActionServices,
    BusyListener,
    ConfirmRequest,
    DispatchResult,
    ExecuteFlowRequest,
    FlowInputType,
    FlowInputVariable,
    InteractionEngineOptions,
    InteractionEventPayload,
    OpenFlowRequest,
    OpenFlowResult,
    StartFlowRunRequest,
    ToastRequest,
    ToastVariant
} from './types';
