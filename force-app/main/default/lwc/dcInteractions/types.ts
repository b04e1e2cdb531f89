/*
 * Public types of the interaction engine: injected services, executor contract, dispatch results.
 */
import type { Scope } from 'c/dcExpressions';
import type { ActionDefinition, InteractionDefinition, InteractionEvent } from 'c/dcDefinition';
import type { ErrorInfo, FlowRunContext, FlowRunResponse, FlowRunView, Runtime, ScopeExtras } from 'c/dcRuntime';

export type ToastVariant = 'success' | 'error' | 'warning' | 'info';

export interface ToastRequest {
    title: string;
    message?: string;
    variant: ToastVariant;
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export interface ConfirmRequest {
    title?: string;
    message: string;
    label?: string;
    variant?: 'header' | 'headerless';
    theme?: string;
}

export interface ExecuteFlowRequest {
    definitionName: string;
    interactionId: string;
    actionId: string;
    /**
     * Flow input name → value (already typed; collections are arrays): only the inputs the browser computes
     * (inputSource 'client'); static, constant, selection, $Record and $User inputs are derived on the server.
     */
    inputs: Record<string, unknown>;
    /** Row Ids and the record Id the server derives the other inputs from (sent as contextJson). */
    context: FlowRunContext;
}

/** startFlowRun's request: executeFlow's, plus a key that makes a repeated start the same run. */
export interface StartFlowRunRequest extends ExecuteFlowRequest {
    clientKey: string;
}

/** lightning-flow input variable types. */
export type FlowInputType = 'String' | 'Number' | 'Boolean' | 'Date' | 'DateTime' | 'SObject';

/** One lightning-flow input variable ({name, type, value}; value is an array for a collection). */
export interface FlowInputVariable {
    name: string;
    type: FlowInputType;
    value: unknown;
}

export interface OpenFlowRequest {
    kind: 'dialog' | 'panel';
    flowApiName: string;
    title?: string;
    size?: 'small' | 'medium' | 'large';
    position?: 'left' | 'right';
    inputs: FlowInputVariable[];
}

export interface OpenFlowResult {
    status: 'FINISHED' | 'CLOSED' | 'ERROR';
    /** Output variable name → value. */
    outputs: Record<string, unknown>;
    errorMessage?: string;
}

/** Everything the actions do to the outside world; the host component (or a test, or the preview) injects it. */
export interface ActionServices {
    refreshQueries(names?: string[]): Promise<void>;
    showToast(toast: ToastRequest): void;
    navigate(pageReference: object): void;
    confirm(options: ConfirmRequest): Promise<boolean>;
    executeFlow(request: ExecuteFlowRequest): Promise<FlowRunResponse>;
    /**
     * Starts a chunked run of an Execute Flow action with mode auto/async (DynamicComponentController.startFlowRun).
     * Optional: without it such an action fails with RUNS_UNAVAILABLE when it needs chunks.
     */
    startFlowRun?(request: StartFlowRunRequest): Promise<FlowRunView>;
    /** Resolves with the run once it has finished (Completed, Completed_With_Errors, Failed or Cancelled). */
    watchFlowRun?(run: FlowRunView): Promise<FlowRunView>;
    openFlow(request: OpenFlowRequest): Promise<OpenFlowResult>;
    /**
     * exportCsv: downloads the rows of the data table `table` as CSV under `fileName` (undefined: the host's default,
     * `<apiName>_<YYYY-MM-DD>.csv`). Resolves when the file was handed to the browser; rejects with {code, message}
     * when it cannot. Optional: a host without it makes exportCsv fail with EXPORT_UNAVAILABLE.
     */
    exportTable?(table: string, fileName: string | undefined): Promise<void>;
}

/** An event raised by a component (or the host for load). */
export interface InteractionEventPayload {
    event: InteractionEvent;
    /** Component name (not used for load). */
    target?: string;
    /** Header or row action name for the action-click events. */
    action?: string;
    /** The row of a rowActionClick ({!target.ActionRow.Field}). */
    row?: Record<string, unknown> | null;
}

/** What an executor sees. */
export interface ActionContext {
    readonly runtime: Runtime;
    readonly services: ActionServices;
    /** Definition apiName (sent to Apex with executeFlow). */
    readonly definitionName: string;
    readonly interaction: InteractionDefinition;
    readonly event: InteractionEventPayload;
    readonly extras: ScopeExtras;
    readonly scope: Scope;
    /** resolveValue in this context; formulas: true also evaluates inline formulas, strings starting with "=" ("={!n} + 1"). */
    resolve(value: unknown, options?: { formulas?: boolean }): unknown;
    /** Resolves a template ("{!n} contacts set to Active") to text; null/undefined → ''. */
    resolveText(value: unknown): string;
}

/**
 * What an executor returns:
 * - nothing (or { next: 'finish' }): success → the engine runs action.onFinish, then the next action;
 * - { next: 'branch', actions, stop, extras }: run `actions` (e.g. onCancel, onClose) instead of onFinish, with
 *   `extras` added to their scope (a chunked run's {!$Run…}); with stop the remaining actions of the list are skipped.
 * Throwing (or rejecting) means failure → the engine runs action.onError with {!$Error…}, or shows an error toast.
 */
export type ActionOutcome =
    | void
    | { next: 'finish' }
    | { next: 'branch'; actions?: ActionDefinition[]; stop?: boolean; extras?: Partial<ScopeExtras> };

export type ActionExecutor<A extends ActionDefinition = ActionDefinition> = (
    action: A,
    context: ActionContext
) => ActionOutcome | Promise<ActionOutcome>;

export interface DispatchResult {
    /**
     * completed: every action succeeded; failed: at least one action failed (its onError or an error toast ran);
     * busy: refused because the same interaction key is still running; ignored: no interaction matches the event;
     * disabled: refused because the event triggers a disabled interaction (setup problems), or every interaction it
     * triggers is disabled.
     */
    status: 'completed' | 'failed' | 'busy' | 'ignored' | 'disabled';
    /** Ids of the interactions that ran. */
    interactions: string[];
    errors: ErrorInfo[];
}

export type BusyListener = (key: string, busy: boolean) => void;

export interface InteractionEngineOptions {
    runtime: Runtime;
    services: ActionServices;
    /** Defaults to runtime.definition.interactions. */
    interactions?: InteractionDefinition[];
    /** Defaults to runtime.definitionName. */
    definitionName?: string;
    onBusyChange?: BusyListener;
    /**
     * Positions in `interactions` of the interactions that must not run (setup problems inside
     * `interactions[i]`); see InteractionEngine.setDisabledInteractions.
     */
    disabledInteractions?: Iterable<number>;
    /** Register the built-in executors (default true). */
    builtInExecutors?: boolean;
}
