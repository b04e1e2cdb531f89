/*
 * Built-in action executors. Each is registered by action type on the engine; executors for new action types plug
 * in with engine.registerExecutor(type, executor).
 */
import { valuesEqual } from 'c/dcExpressions';
import { urlProblem } from 'c/dcDefinition';
import { coerceValue, DataTypeError, inputSource, inputSourceScope, selectionReference } from 'c/dcRuntime';
import type { FlowRunContext, FlowRunResponse, FlowRunView, MatchingSelection } from 'c/dcRuntime';
import type {
    ConfirmAction,
    ExecuteFlowAction,
    ExportCsvAction,
    FlowOutputMapping,
    NavigateAction,
    OpenFlowAction,
    RefreshQueriesAction,
    SetVariableAction,
    ShowToastAction
} from 'c/dcDefinition';
import { ActionError, toErrorInfo } from './errors';
import { resolveFlowInputs, toFlowInputVariables, toInputMap } from './inputs';
import type { ActionContext, ActionExecutor, ActionOutcome } from './types';

/** Records per chunk when the action sets none (the server's default too). */
export const DEFAULT_CHUNK_SIZE = 200;

function text(context: ActionContext, value: unknown, what: string, required: boolean): string | undefined {
    const resolved = context.resolveText(value).trim();
    if (!resolved && required) {
        throw new ActionError('MISSING_VALUE', `${what} is blank; check the action's settings and merge fields.`);
    }
    return resolved || undefined;
}

export const refreshQueries: ActionExecutor<RefreshQueriesAction> = async (action, context) => {
    await context.services.refreshQueries(action.queries?.length ? [...action.queries] : undefined);
};

export const setVariable: ActionExecutor<SetVariableAction> = (action, context) => {
    const store = context.runtime.store;
    const name = action.variable;
    if (typeof name !== 'string' || !name) {
        throw new ActionError('MISSING_VALUE', 'The setVariable action names no variable; set its "variable".');
    }
    const definition = store.getDefinition(name);
    if (!definition) {
        // store.set produces the "Unknown variable … did you mean" message
        store.set(name, null);
    }
    const operator = action.operator ?? 'set';
    if (operator === 'clear') {
        store.clear(name);
        return;
    }
    const value = context.resolve(action.value, { formulas: true });
    if (operator === 'set') {
        store.set(name, value);
        return;
    }
    const current = store.get(name);
    const isCollection = definition!.kind === 'variable' && definition!.isCollection === true;
    if (isCollection) {
        const list = (current as unknown[]) ?? [];
        const items = Array.isArray(value) ? value : [value];
        store.set(
            name,
            operator === 'add'
                ? [...list, ...items]
                : list.filter((item) => !items.some((other) => valuesEqual(item, other)))
        );
        return;
    }
    const dataType = definition!.dataType;
    if (dataType === 'Number' || dataType === 'Currency') {
        const amount = coerceValue(value, dataType, {
            subject: `The ${operator} value for ${name} is a ${dataType}`,
            verb: 'use'
        }) as number | null;
        const base = (current as number | null) ?? 0;
        store.set(name, operator === 'add' ? base + (amount ?? 0) : base - (amount ?? 0));
        return;
    }
    if (dataType === 'Text' && operator === 'add') {
        store.set(name, `${(current as string | null) ?? ''}${value ?? ''}`);
        return;
    }
    throw new ActionError(
        'UNSUPPORTED_OPERATOR',
        `Cannot ${operator} on ${name}: '${operator}' works on Number and Currency variables, collections${operator === 'add' ? ' and Text' : ''}, not on ${dataType}.`
    );
};

export const showToast: ActionExecutor<ShowToastAction> = (action, context) => {
    context.services.showToast({
        title: context.resolveText(action.title),
        message: action.message === undefined ? undefined : context.resolveText(action.message),
        variant: action.variant ?? 'info',
        mode: action.mode
    });
};

export const navigate: ActionExecutor<NavigateAction> = (action, context) => {
    let pageReference: object;
    switch (action.target) {
        case 'recordPage':
            pageReference = {
                type: 'standard__recordPage',
                attributes: {
                    recordId: text(context, action.recordId, 'The record id to open', true),
                    ...(action.objectApiName ? { objectApiName: action.objectApiName } : {}),
                    actionName: action.actionName ?? 'view'
                }
            };
            break;
        case 'objectList':
            pageReference = {
                type: 'standard__objectPage',
                attributes: {
                    objectApiName: text(context, action.objectApiName, 'The object API name', true),
                    actionName: action.actionName ?? 'list'
                }
            };
            break;
        case 'namedPage':
            pageReference = {
                type: 'standard__namedPage',
                attributes: { pageName: text(context, action.pageName, 'The page name', true) }
            };
            break;
        case 'url': {
            // the resolved URL is checked again: a merge field must not smuggle in a javascript: or data: URL
            const url = text(context, action.url, 'The URL', true) ?? '';
            const problem = urlProblem(url);
            if (problem) throw new ActionError('URL_NOT_ALLOWED', problem);
            pageReference = { type: 'standard__webPage', attributes: { url } };
            break;
        }
        default:
            throw new ActionError(
                'UNKNOWN_TARGET',
                `Unknown navigation target '${String(action.target)}'; use recordPage, objectList, namedPage or url.`
            );
    }
    context.services.navigate(pageReference);
};

export const confirm: ActionExecutor<ConfirmAction> = async (action, context): Promise<ActionOutcome> => {
    const confirmed = await context.services.confirm({
        title: action.title === undefined ? undefined : context.resolveText(action.title),
        message: context.resolveText(action.message),
        label: action.confirmLabel,
        variant: action.variant,
        theme: action.theme
    });
    return confirmed ? { next: 'finish' } : { next: 'branch', actions: action.onCancel, stop: true };
};

/**
 * Stores flow outputs into their variable resources (type-checked by the store). All or nothing: every value is
 * checked first, so an output that cannot be stored fails the action with all the variables unchanged.
 */
export function storeOutputs(
    context: ActionContext,
    mappings: readonly FlowOutputMapping[] | undefined,
    outputs: Record<string, unknown> | null | undefined
): void {
    const store = context.runtime.store;
    const pending: { resource: string; value: unknown }[] = [];
    for (const mapping of mappings ?? []) {
        const value =
            outputs && typeof outputs === 'object' && Object.prototype.hasOwnProperty.call(outputs, mapping.name)
                ? outputs[mapping.name]
                : null;
        try {
            const definition = store.getDefinition(mapping.resource);
            if (!definition || definition.kind !== 'variable') {
                // unknown names, constants and formulas: the store's own message, nothing is changed
                store.set(mapping.resource, value);
            } else {
                const collection = definition.isCollection ? ' collection' : '';
                coerceValue(value, definition.dataType, {
                    isCollection: definition.isCollection,
                    subject: `${definition.name} is a ${definition.dataType}${collection} variable`
                });
            }
        } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            throw new ActionError(
                e instanceof DataTypeError ? e.code : 'OUTPUT_ERROR',
                `Flow output '${mapping.name}' could not be stored in '${mapping.resource}': ${message}`
            );
        }
        pending.push({ resource: mapping.resource, value });
    }
    for (const { resource, value } of pending) store.set(resource, value);
}

function rowId(row: unknown): string | null {
    const id = row && typeof row === 'object' ? (row as Record<string, unknown>).Id : undefined;
    return typeof id === 'string' && id ? id : null;
}

/** The row Ids and record Id the server re-reads the action's server-derived inputs from. */
export function flowRunContext(action: ExecuteFlowAction, context: ActionContext): FlowRunContext {
    const scope = inputSourceScope(context.runtime.definition);
    const selection: Record<string, string[]> = {};
    const matching: Record<string, MatchingSelection> = {};
    let actionRowId: string | null = null;
    let recordId: string | null = null;
    for (const input of action.inputs ?? []) {
        const source = inputSource(input.value, scope);
        if (source === 'record' && recordId === null) {
            const id = context.resolve('{!$Record.Id}');
            recordId = typeof id === 'string' && id ? id : null;
        }
        const ref = source === 'selection' ? selectionReference(input.value, scope) : null;
        if (!ref) continue;
        if (ref.property === 'ActionRow') {
            actionRowId = rowId(context.extras.component === ref.table ? context.extras.actionRow : null);
        } else if (!(ref.table in selection) && !(ref.table in matching)) {
            // every matching row selected: the server resolves the Ids from the table's query (never sent as a list)
            const all = matchingSelectionOf(context, ref.table);
            if (all) {
                matching[ref.table] = all;
                continue;
            }
            const rows = context.resolve(`{!${ref.table}.SelectedRows}`);
            selection[ref.table] = (Array.isArray(rows) ? rows : [])
                .map(rowId)
                .filter((id): id is string => id !== null);
        }
    }
    return Object.keys(matching).length
        ? { recordId, selection, actionRowId, matching }
        : { recordId, selection, actionRowId };
}

function matchingSelectionOf(context: ActionContext, table: string): MatchingSelection | null {
    let value: unknown;
    try {
        value = context.resolve(`{!${table}.MatchingSelection}`);
    } catch {
        return null; // a component that is not a data table (or a test double) has no such selection
    }
    if (!value || typeof value !== 'object') return null;
    const m = value as MatchingSelection;
    return {
        searchTerm: m.searchTerm ?? null,
        excludedIds: [...(m.excludedIds ?? [])],
        expectedCount: m.expectedCount
    };
}

export const executeFlow: ActionExecutor<ExecuteFlowAction> = async (action, context) => {
    if (!action.id) {
        throw new ActionError(
            'MISSING_ID',
            `The executeFlow action of interaction '${context.interaction.id}' needs an id.`
        );
    }
    // Only what the browser computes is sent as a value; the rest the server derives (docs/CONTRACTS.md).
    const scope = inputSourceScope(context.runtime.definition);
    const clientInputs = (action.inputs ?? []).filter((input) => inputSource(input.value, scope) === 'client');
    const inputs = resolveFlowInputs(clientInputs, (value) => context.resolve(value, { formulas: true }));
    const resumed = context.extras.resumeRun;
    if (resumed && resumed.actionId === String(action.id)) {
        // a run this page started before a reload (or a retry): follow it; its inputs were sent when it started
        return followChunkedRun(action, context, (services) => services.watchFlowRun(resumed));
    }
    const runContext = flowRunContext(action, context);
    if (needsChunks(action, runContext)) {
        return executeChunked(action, context, toInputMap(inputs), runContext);
    }
    if (action.mode === 'auto') {
        return executeAutoInOneTransaction(action, context, toInputMap(inputs), runContext);
    }
    await executeInOneTransaction(action, context, toInputMap(inputs), runContext);
    return undefined;
};

/** The synchronous run: one transaction on the server; outputs stored; throws the flow's error. */
async function executeInOneTransaction(
    action: ExecuteFlowAction,
    context: ActionContext,
    inputs: Record<string, unknown>,
    runContext: FlowRunContext
): Promise<void> {
    let response: FlowRunResponse;
    try {
        response = await context.services.executeFlow({
            definitionName: context.definitionName,
            interactionId: context.interaction.id,
            actionId: String(action.id),
            inputs,
            context: runContext
        });
    } catch (e) {
        const error = toErrorInfo(e);
        throw new ActionError(error.code, error.message, error.details);
    }
    if (!response || !response.success) {
        const error = response?.error;
        throw new ActionError(
            error?.code || 'FLOW_FAULT',
            error?.message || `The flow ${action.flowApiName} failed without an error message.`,
            error?.details ?? []
        );
    }
    storeOutputs(context, action.outputs, response.outputs);
}

function chunkSizeOf(action: ExecuteFlowAction): number {
    return typeof action.chunkSize === 'number' && action.chunkSize > 0 ? action.chunkSize : DEFAULT_CHUNK_SIZE;
}

/** Rows of the largest selection the action's inputs map (the one a chunked run splits). */
function selectedCount(runContext: FlowRunContext): number {
    const listed = Object.values(runContext.selection ?? {}).reduce((most, ids) => Math.max(most, ids.length), 0);
    return Object.values(runContext.matching ?? {}).reduce((most, m) => Math.max(most, m.expectedCount), listed);
}

/**
 * Mode auto with a selection that fits one chunk runs in one transaction, and its chains still see {!$Run…} (the
 * definition may use it whichever way auto decides): a run of no stored record, all succeeded or all failed.
 */
async function executeAutoInOneTransaction(
    action: ExecuteFlowAction,
    context: ActionContext,
    inputs: Record<string, unknown>,
    runContext: FlowRunContext
): Promise<ActionOutcome> {
    const total = selectedCount(runContext);
    const chunkSize = chunkSizeOf(action);
    const oneTransactionRun = (failed: boolean, message: string | null): FlowRunView => ({
        id: '',
        name: '',
        definitionName: context.definitionName,
        interactionId: String(context.interaction.id),
        actionId: String(action.id),
        status: failed ? 'Failed' : 'Completed',
        total,
        succeeded: failed ? 0 : total,
        failed: failed ? total : 0,
        remaining: 0,
        chunkSize,
        startedById: '',
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
        message,
        outputs: {}
    });
    try {
        await executeInOneTransaction(action, context, inputs, runContext);
    } catch (e) {
        const error = toErrorInfo(e);
        if (!action.onError?.length) throw e;
        return {
            next: 'branch',
            actions: action.onError,
            stop: true,
            extras: { run: oneTransactionRun(true, error.message), error }
        };
    }
    return { next: 'branch', actions: action.onFinish, extras: { run: oneTransactionRun(false, null) } };
}

/**
 * Whether the action runs as a chunked run: mode async always; mode auto when the selection it maps holds more rows
 * than one chunk (so it would not fit one transaction comfortably); sync (the default) never.
 */
export function needsChunks(action: ExecuteFlowAction, runContext: FlowRunContext): boolean {
    if (action.mode === 'async') return true;
    if (action.mode !== 'auto') return false;
    // every matching row: the server's count decides the size, so the run is planned there
    if (Object.keys(runContext.matching ?? {}).length) return true;
    return selectedCount(runContext) > chunkSizeOf(action);
}

const COUNT = new Intl.NumberFormat('en-US');

function newClientKey(): string {
    const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A chunked run: starts it on the server, waits until it has finished (the host tracks its progress), stores the
 * aggregated outputs, then runs On Finish (every record succeeded) or On Error (some failed) with {!$Run…} in scope.
 * A cancelled run runs neither: the user stopped it, an info toast says how far it got.
 */
function executeChunked(
    action: ExecuteFlowAction,
    context: ActionContext,
    inputs: Record<string, unknown>,
    runContext: FlowRunContext
): Promise<ActionOutcome> {
    return followChunkedRun(action, context, async (services) =>
        services.watchFlowRun(
            await services.startFlowRun({
                definitionName: context.definitionName,
                interactionId: context.interaction.id,
                actionId: String(action.id),
                inputs,
                context: runContext,
                clientKey: newClientKey()
            })
        )
    );
}

type RunServices = Required<Pick<ActionContext['services'], 'startFlowRun' | 'watchFlowRun'>>;

/**
 * Waits for a chunked run (one just started, or one followed again after a reload or a retry) and continues the
 * chain by how it ended: outputs stored, then On Finish (Completed), On Error with $Run and $Error (failed records),
 * or an info toast and no chain (Cancelled).
 */
async function followChunkedRun(
    action: ExecuteFlowAction,
    context: ActionContext,
    follow: (services: RunServices) => Promise<FlowRunView>
): Promise<ActionOutcome> {
    const services = context.services;
    if (typeof services.startFlowRun !== 'function' || typeof services.watchFlowRun !== 'function') {
        throw new ActionError(
            'RUNS_UNAVAILABLE',
            `Action '${String(action.id)}' runs in chunks (mode ${String(action.mode)}), which this page cannot start. Set its mode to sync, or place the component on a Lightning page.`
        );
    }
    let run: FlowRunView;
    try {
        run = await follow({
            startFlowRun: services.startFlowRun.bind(services),
            watchFlowRun: services.watchFlowRun.bind(services)
        });
    } catch (e) {
        const error = toErrorInfo(e);
        throw new ActionError(error.code, error.message, error.details);
    }
    if (run.status === 'Cancelled') {
        context.services.showToast({
            title: `Run ${run.name} cancelled`,
            message: `${COUNT.format(run.succeeded + run.failed)} of ${COUNT.format(run.total)} records were processed before it stopped.`,
            variant: 'info'
        });
        return { next: 'branch', actions: [], stop: true };
    }
    storeOutputs(context, action.outputs, run.outputs);
    // the chain after this action must not follow the same run again
    const extras = { run, resumeRun: null };
    if (run.status === 'Completed' && run.failed === 0) {
        return { next: 'branch', actions: action.onFinish, extras };
    }
    const error = new ActionError(
        'RUN_FAILED',
        run.failed > 0
            ? `${COUNT.format(run.failed)} of ${COUNT.format(run.total)} records failed.${run.message ? ` ${run.message}` : ''}`
            : run.message || `Run ${run.name} failed.`,
        []
    );
    if (action.onError?.length) {
        return {
            next: 'branch',
            actions: action.onError,
            stop: true,
            extras: { ...extras, error: toErrorInfo(error) }
        };
    }
    throw error;
}

function openFlow(kind: 'dialog' | 'panel'): ActionExecutor<OpenFlowAction> {
    return async (action, context): Promise<ActionOutcome> => {
        const inputs = resolveFlowInputs(action.inputs, (value) => context.resolve(value, { formulas: true }));
        const result = await context.services.openFlow({
            kind,
            flowApiName: action.flowApiName,
            title: action.title === undefined ? undefined : context.resolveText(action.title),
            size: action.size,
            position: kind === 'panel' ? action.position : undefined,
            inputs: toFlowInputVariables(inputs)
        });
        switch (result.status) {
            case 'FINISHED':
                storeOutputs(context, action.outputs, result.outputs);
                return { next: 'finish' };
            case 'CLOSED':
                return { next: 'branch', actions: action.onClose, stop: true };
            default:
                throw new ActionError(
                    'FLOW_FAULT',
                    result.errorMessage || `The flow ${action.flowApiName} ended with an error.`
                );
        }
    };
}

export const openFlowDialog = openFlow('dialog');
export const openFlowPanel = openFlow('panel');

/** exportCsv: the host exports the table (all rows of its query and search, up to maxRows) to a CSV download. */
export const exportCsv: ActionExecutor<ExportCsvAction> = async (action, context) => {
    const table = typeof action.table === 'string' ? action.table.trim() : '';
    if (!table) {
        throw new ActionError(
            'MISSING_VALUE',
            `The exportCsv action of interaction '${context.interaction.id}' names no table; set its "table" to a data table's name.`
        );
    }
    const exportTable = context.services.exportTable;
    if (typeof exportTable !== 'function') {
        throw new ActionError('EXPORT_UNAVAILABLE', `Exporting '${table}' is not available on this page.`);
    }
    // a file name that resolves to blank (an empty merge field) falls back to the default name
    const fileName = action.fileName === undefined ? undefined : text(context, action.fileName, 'The file name', false);
    try {
        await exportTable.call(context.services, table, fileName);
    } catch (e) {
        const error = toErrorInfo(e);
        throw new ActionError(error.code, error.message, error.details);
    }
};

export const BUILT_IN_EXECUTORS: Readonly<Record<string, ActionExecutor>> = {
    refreshQueries: refreshQueries as ActionExecutor,
    setVariable: setVariable as ActionExecutor,
    showToast: showToast as ActionExecutor,
    navigate: navigate as ActionExecutor,
    confirm: confirm as ActionExecutor,
    executeFlow: executeFlow as ActionExecutor,
    openFlowDialog: openFlowDialog as ActionExecutor,
    openFlowPanel: openFlowPanel as ActionExecutor,
    exportCsv: exportCsv as ActionExecutor
};
