/*
 * The preview's chunked Execute Flow runner: startFlowRun / getFlowRun / cancelFlowRun / retryFlowRun /
 * listFlowRuns of DynamicComponentController (docs/CONTRACTS.md, /work contract of issue #14), with the Apex API's
 * RunView shape and error codes, over the in-memory store.
 *
 * - Start: the same server checks as executeFlow (PreviewController.prepareFlowRun: allow-list, contract,
 *   requiredPermission, the selection re-queried with the table query's conditions). Selected Ids the user cannot
 *   see are reported in the run's message and counted failed, not processed.
 * - The selection is split into chunks of the action's chunkSize (default 200). Each chunk runs in its own store
 *   transaction (prepareFlowRun again with the chunk's Ids, then runPrepared): a faulting chunk is rolled back alone.
 *   The chunk is marked Done/Failed right after its commit/rollback, with nothing in between (Node runs one task at
 *   a time), which is the Apex engine's "marked in the same transaction"; a Done chunk is never run again.
 * - Chunks run one at a time per run, a macrotask apart (setImmediate), so the server keeps answering requests.
 * - Cancel: Queued chunks → Cancelled (a chunk never runs half: there is no await inside one). Retry: Failed chunks
 *   → Queued on the same run. A run is visible only to the user who started it (NOT_FOUND for anyone else).
 * - Progress: every status or counter change emits a Dynamic_Component_Run_Event__e payload to `onEvent` (the preview
 *   server sends it on its server-sent event stream /api/events under that event name); the page can also poll
 *   getFlowRun.
 */
import type { ControllerSession, FlowRunResponse, PreparedFlowRun, PrepareOptions } from './controller';
import type {
    FlowRunChunkStatus,
    FlowRunChunkView,
    FlowRunContext,
    FlowRunEventPayload,
    FlowRunStatus,
    FlowRunView
} from '../../force-app/main/default/lwc/dcRuntime/apexContract';
import { ServiceError } from './errors';
import type { Store } from './store';

// The JSON shapes are the component's own (dcRuntime/apexContract.ts), so the preview cannot drift from them.
export type RunStatus = FlowRunStatus;
export type ChunkStatus = FlowRunChunkStatus;
export type OutputAggregate = 'last' | 'sum' | 'count' | 'collect';
export type RunChunkView = FlowRunChunkView;
export type RunView = FlowRunView;
/** The platform event's fields (Dynamic_Component_Run_Event__e), as the page's empApi subscriber reads them. */
export type RunEvent = FlowRunEventPayload;

export const RUN_EVENT = 'Dynamic_Component_Run_Event__e';
export const DEFAULT_CHUNK_SIZE = 200;
export const MAX_CHUNK_SIZE = 2000;
/** listFlowRuns returns at most this many runs, newest first. */
export const MAX_LISTED_RUNS = 50;
/** The end user of `?as=user` (the preview has one User record, the admin's). */
export const PREVIEW_END_USER_ID = '005000000000002AAA';
/** Dynamic_Component_Run__c key prefix of the preview's run Ids (the org assigns its own). */
const RUN_PREFIX = 'a0R';
const CLIENT_KEY_MAX = 80;
const RUN_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/** The controller methods the runner uses (PreviewController). */
export interface FlowRunHost {
    prepareFlowRun(
        params: { definitionName?: unknown; interactionId?: unknown; actionId?: unknown },
        sent: Record<string, unknown>,
        runContext: FlowRunContext,
        session: ControllerSession,
        options?: PrepareOptions
    ): PreparedFlowRun;
    runPrepared(prepared: PreparedFlowRun): FlowRunResponse;
    /** context.matching resolved into context.selection, with the "selection changed" message (or null). */
    resolveMatching(
        params: { definitionName?: unknown },
        runContext: FlowRunContext,
        session: ControllerSession,
        chunked: boolean
    ): { context: FlowRunContext; message: string | null };
}

interface Chunk {
    index: number;
    status: ChunkStatus;
    ids: string[];
    failedIds: string[];
    message: string | null;
    outputs: Record<string, unknown> | null;
    attempts: number;
    /** Order of completion (the "last" aggregate takes the latest Done chunk). */
    doneSeq: number;
}

interface Run {
    id: string;
    name: string;
    definitionName: string;
    interactionId: string;
    actionId: string;
    status: RunStatus;
    chunkSize: number;
    startedById: string;
    startedAt: string;
    finishedAt: string | null;
    clientKey: string | null;
    /** Selected Ids the user could not see at the start: counted failed, not processed. */
    unavailable: string[];
    chunks: Chunk[];
    session: ControllerSession;
    sent: Record<string, unknown>;
    context: FlowRunContext;
    table: string;
    outputNames: string[];
    aggregates: Map<string, OutputAggregate>;
    /** The "selection changed" message of a select-all-matching selection that matches other rows now. */
    notice: string | null;
    /** The run's Dynamic_Component_Run__c record in the store, and its chunks' records (by chunk index). */
    recordId?: string;
    chunkRecordIds?: string[];
}

const RUN_OBJECT = 'Dynamic_Component_Run__c';
const CHUNK_OBJECT = 'Dynamic_Component_Run_Chunk__c';

/** The Id of the user a session runs as. */
export function sessionUserId(session: ControllerSession, adminUserId: string): string {
    if (session.userId) return session.userId;
    return session.canCustomize === false ? PREVIEW_END_USER_ID : adminUserId;
}

/** Splits Ids into chunks of at most `size`, in order. */
export function chunkIds(ids: readonly string[], size: number): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
    return out;
}

/** The action's chunkSize: an integer 1..2000, else the default (the definition validator reports bad values). */
export function chunkSizeOf(action: Record<string, unknown>): number {
    const v = action.chunkSize;
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_CHUNK_SIZE ? v : DEFAULT_CHUNK_SIZE;
}

/**
 * Combines one output over the chunks' values, in completion order: last (the latest non-missing value), sum (of
 * the numbers), count (list items, or 1 per non-null value), collect (all values concatenated, lists flattened).
 */
export function aggregateValues(aggregate: OutputAggregate, values: unknown[]): unknown {
    switch (aggregate) {
        case 'sum':
            return values.reduce<number>((n, v) => (typeof v === 'number' ? n + v : n), 0);
        case 'count':
            return values.reduce<number>(
                (n, v) => n + (Array.isArray(v) ? v.length : v === null || v === undefined ? 0 : 1),
                0
            );
        case 'collect':
            return values.flatMap((v) => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]));
        default:
            return values.length ? values[values.length - 1] : null;
    }
}

function aggregateOf(value: unknown): OutputAggregate {
    return value === 'sum' || value === 'count' || value === 'collect' ? value : 'last';
}

function parseRequest(
    requestJson: unknown,
    parseRunContext: (context: unknown) => FlowRunContext
): {
    inputs: Record<string, unknown>;
    context: FlowRunContext;
    clientKey: string | null;
} {
    let parsed: unknown = {};
    if (typeof requestJson === 'string' && requestJson.trim()) {
        try {
            parsed = JSON.parse(requestJson);
        } catch (e) {
            throw new ServiceError(
                'INVALID_REQUEST',
                `The flow run request is not valid JSON: ${(e as Error).message}`
            );
        }
    } else if (requestJson && typeof requestJson === 'object') parsed = requestJson;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ServiceError(
            'INVALID_REQUEST',
            'The flow run request must be a JSON object: {"inputs": {...}, "context": {...}, "clientKey": "<uuid>"}.'
        );
    }
    const req = parsed as { inputs?: unknown; context?: unknown; clientKey?: unknown };
    if (req.inputs !== undefined && (!req.inputs || typeof req.inputs !== 'object' || Array.isArray(req.inputs))) {
        throw new ServiceError(
            'INVALID_REQUEST',
            'The flow run request\'s "inputs" must be an object keyed by flow input name.'
        );
    }
    let clientKey: string | null = null;
    if (req.clientKey !== undefined && req.clientKey !== null) {
        if (typeof req.clientKey !== 'string' || !req.clientKey.trim() || req.clientKey.length > CLIENT_KEY_MAX) {
            throw new ServiceError(
                'INVALID_REQUEST',
                `The flow run request's "clientKey" must be a text of 1 to ${CLIENT_KEY_MAX} characters (a UUID per click), not ${JSON.stringify(req.clientKey)}.`
            );
        }
        clientKey = req.clientKey.trim();
    }
    return {
        inputs: (req.inputs as Record<string, unknown> | undefined) ?? {},
        context: parseRunContext(req.context),
        clientKey
    };
}

export class FlowRunService {
    private readonly runs = new Map<string, Run>();
    private readonly byClientKey = new Map<string, string>();
    private seq = 0;
    private doneSeq = 0;
    private disposed = false;
    private readonly pending = new Set<NodeJS.Immediate | NodeJS.Timeout>();
    /** Tests (POST /api/test/run-delay): each chunk waits this long first, so a run is slow enough to cancel. */
    chunkDelayMs = 0;
    /** Receives every run event (the preview server forwards them to /api/events). */
    onEvent: (event: RunEvent) => void = () => undefined;
    /** Clock of startedAt / finishedAt (tests may fix it). */
    now: () => Date = () => new Date();

    constructor(
        private readonly host: FlowRunHost,
        private readonly adminUserId: string,
        /** The executeFlow contextJson parser (controller.ts parseRunContext): one FlowRunContext check. */
        private readonly parseContext: (context: unknown) => FlowRunContext,
        /** Where the runs are also kept as Dynamic_Component_Run__c / _Chunk__c records (the run history lists them). */
        private readonly store?: Store
    ) {}

    /** Stops scheduling chunks (a reset or a closed server): runs stay as they are. */
    dispose(): void {
        this.disposed = true;
        for (const p of this.pending) {
            clearImmediate(p as NodeJS.Immediate);
            clearTimeout(p as NodeJS.Timeout);
        }
        this.pending.clear();
    }

    /** Resolves when no run has a chunk left to run (tests). */
    async idle(): Promise<void> {
        while (this.pending.size) await new Promise((r) => setImmediate(r));
    }

    startFlowRun(
        params: { definitionName?: unknown; interactionId?: unknown; actionId?: unknown; requestJson?: unknown },
        session: ControllerSession = {}
    ): RunView {
        const request = parseRequest(params.requestJson, this.parseContext);
        const userId = sessionUserId(session, this.adminUserId);
        if (request.clientKey) {
            // a double click: the same key answers with the run it started (only to the same user)
            const existing = this.runs.get(this.byClientKey.get(request.clientKey) ?? '');
            if (existing) {
                if (existing.startedById !== userId) {
                    throw new ServiceError(
                        'INVALID_REQUEST',
                        `clientKey '${request.clientKey}' was already used for another run; send a new key for each start.`
                    );
                }
                return this.view(existing, false);
            }
        }
        // every matching row: the server's query decides which rows the run covers (the chunks carry their Ids)
        const resolved = this.host.resolveMatching(params, request.context, session, true);
        request.context = resolved.context;
        const missing: string[] = [];
        const prepared = this.host.prepareFlowRun(params, request.inputs, request.context, session, {
            chunked: true,
            missing
        });
        const mode = prepared.action.mode;
        const place = `action '${String(params.actionId)}' of interaction '${String(params.interactionId)}' in definition '${prepared.definitionName}'`;
        if (mode !== 'auto' && mode !== 'async') {
            throw new ServiceError(
                'NOT_ALLOWED',
                `The ${place} runs in mode ${typeof mode === 'string' ? mode : 'sync'} (one transaction): start it with executeFlow, or set its mode to auto or async.`,
                [`Action: ${String(params.actionId)}`]
            );
        }
        const [table] = [...prepared.selectionInputs.keys()];
        if (!table) {
            throw new ServiceError(
                'INVALID_DEFINITION',
                `The ${place} has no input mapped to a table's selection: nothing to split into chunks. Map an input to {!<table>.SelectedRowsKeyValue} or use mode sync.`
            );
        }
        const selected = [...new Set(request.context.selection?.[table] ?? [])];
        const unavailable = new Set(missing);
        const visible = selected.filter((id) => !unavailable.has(id));
        const chunkSize = chunkSizeOf(prepared.action);
        const outputs = (Array.isArray(prepared.action.outputs) ? prepared.action.outputs : []) as {
            name?: unknown;
            aggregate?: unknown;
        }[];
        const n = ++this.seq;
        const run: Run = {
            id: RUN_PREFIX + String(n).padStart(12, '0') + 'AAA',
            name: `RUN-${String(n).padStart(6, '0')}`,
            definitionName: prepared.definitionName,
            interactionId: String(params.interactionId),
            actionId: String(params.actionId),
            status: 'Queued',
            chunkSize,
            startedById: userId,
            startedAt: this.now().toISOString(),
            finishedAt: null,
            clientKey: request.clientKey,
            unavailable: selected.filter((id) => unavailable.has(id)),
            chunks: chunkIds(visible, chunkSize).map((ids, index) => ({
                index,
                status: 'Queued',
                ids,
                failedIds: [],
                message: null,
                outputs: null,
                attempts: 0,
                doneSeq: 0
            })),
            session,
            sent: request.inputs,
            context: request.context,
            table,
            outputNames: prepared.outputs,
            aggregates: new Map(
                outputs
                    .filter((o) => typeof o?.name === 'string')
                    .map((o) => [o.name as string, aggregateOf(o.aggregate)])
            ),
            notice: resolved.message
        };
        this.runs.set(run.id, run);
        if (run.clientKey) this.byClientKey.set(run.clientKey, run.id);
        if (!run.chunks.length) this.finish(run);
        else this.schedule(run);
        this.emit(run);
        return this.view(run, false);
    }

    getFlowRun(params: { runId?: unknown }, session: ControllerSession = {}): RunView {
        return this.view(this.runOf(params.runId, session), true);
    }

    cancelFlowRun(params: { runId?: unknown }, session: ControllerSession = {}): RunView {
        const run = this.runOf(params.runId, session);
        if (run.status === 'Queued' || run.status === 'Running') {
            for (const c of run.chunks) if (c.status === 'Queued') c.status = 'Cancelled';
            run.status = 'Cancelled';
            run.finishedAt = this.now().toISOString();
            this.emit(run);
        }
        return this.view(run, true);
    }

    retryFlowRun(params: { runId?: unknown }, session: ControllerSession = {}): RunView {
        const run = this.runOf(params.runId, session);
        const failed = run.chunks.filter((c) => c.status === 'Failed');
        if (!failed.length) {
            throw new ServiceError(
                'NOT_ALLOWED',
                `Run ${run.name} has no failed chunk to retry (status ${run.status}).`,
                [`Run: ${run.id}`]
            );
        }
        for (const c of failed) {
            c.status = 'Queued';
            c.failedIds = [];
            c.message = null;
            c.outputs = null;
        }
        const wasActive = run.status === 'Queued' || run.status === 'Running';
        run.status = 'Queued';
        run.finishedAt = null;
        if (!wasActive) this.schedule(run);
        this.emit(run);
        return this.view(run, true);
    }

    listFlowRuns(params: { definitionName?: unknown }, session: ControllerSession = {}): RunView[] {
        const userId = sessionUserId(session, this.adminUserId);
        const name = typeof params.definitionName === 'string' && params.definitionName ? params.definitionName : null;
        return [...this.runs.values()]
            .filter((r) => r.startedById === userId && (name === null || r.definitionName === name))
            .reverse()
            .slice(0, MAX_LISTED_RUNS)
            .map((r) => this.view(r, false));
    }

    private runOf(runId: unknown, session: ControllerSession): Run {
        if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
            throw new ServiceError(
                'INVALID_REQUEST',
                `The run Id must be a record Id, not ${JSON.stringify(runId ?? null)}.`
            );
        }
        const run = this.runs.get(runId);
        // another user's run is as absent as an unknown one (Private sharing)
        if (!run || run.startedById !== sessionUserId(session, this.adminUserId)) {
            throw new ServiceError(
                'NOT_FOUND',
                `There is no flow run ${runId} that you can see. It may have been deleted by the clean-up job.`,
                [`Run: ${runId}`]
            );
        }
        return run;
    }

    private schedule(run: Run): void {
        if (this.disposed) return;
        // one chunk per macrotask: the server answers the page (progress reads, queries) between chunks
        const next = () => {
            this.pending.delete(handle);
            this.step(run);
        };
        const handle = this.chunkDelayMs > 0 ? setTimeout(next, this.chunkDelayMs) : setImmediate(next);
        this.pending.add(handle);
    }

    /** Runs the run's next Queued chunk, then schedules the following one (one chunk per macrotask). */
    private step(run: Run): void {
        if (run.status !== 'Queued' && run.status !== 'Running') return;
        const chunk = run.chunks.find((c) => c.status === 'Queued');
        if (!chunk) return this.finish(run);
        run.status = 'Running';
        chunk.status = 'Running';
        chunk.attempts++;
        this.runChunk(run, chunk);
        if ((chunk.status as ChunkStatus) === 'Done') chunk.doneSeq = ++this.doneSeq;
        this.emit(run);
        if (run.chunks.some((c) => c.status === 'Queued')) this.schedule(run);
        else this.finish(run);
    }

    private runChunk(run: Run, chunk: Chunk): void {
        const missing: string[] = [];
        const context: FlowRunContext = {
            ...run.context,
            selection: { ...run.context.selection, [run.table]: chunk.ids }
        };
        let prepared: PreparedFlowRun;
        try {
            // the checks again, against the definition, flow and records as they are now (a flow deactivated or a
            // record hidden mid-run fails this chunk with the reason, and a retry can run it later)
            prepared = this.host.prepareFlowRun(
                { definitionName: run.definitionName, interactionId: run.interactionId, actionId: run.actionId },
                run.sent,
                context,
                run.session,
                { chunked: true, missing }
            );
        } catch (e) {
            if (!(e instanceof ServiceError)) throw e;
            chunk.status = 'Failed';
            chunk.failedIds = [...chunk.ids];
            chunk.message = `${e.code}: ${e.message}`;
            return;
        }
        const gone = new Set(missing);
        if (gone.size === chunk.ids.length) {
            chunk.status = 'Failed';
            chunk.failedIds = [...chunk.ids];
            chunk.message = `ROW_NOT_AVAILABLE: none of the chunk's ${chunk.ids.length} records is visible to you any more.`;
            return;
        }
        const result = this.host.runPrepared(prepared);
        if (!result.success) {
            chunk.status = 'Failed';
            chunk.failedIds = [...chunk.ids];
            chunk.message = result.error ? `${result.error.code}: ${result.error.message}` : 'The flow failed.';
            return;
        }
        chunk.status = 'Done';
        chunk.outputs = result.outputs;
        if (gone.size) {
            // processed without the records the user can no longer see: those count failed
            chunk.failedIds = chunk.ids.filter((id) => gone.has(id));
            chunk.message = `ROW_NOT_AVAILABLE: ${gone.size} record(s) of this chunk are no longer visible to you and were not processed.`;
        }
    }

    private finish(run: Run): void {
        if (run.status === 'Cancelled') return;
        const done = run.chunks.filter((c) => c.status === 'Done').length;
        const failed = run.chunks.some((c) => c.status === 'Failed' || c.failedIds.length) || run.unavailable.length;
        run.status = !failed ? 'Completed' : done ? 'Completed_With_Errors' : 'Failed';
        run.finishedAt = this.now().toISOString();
        this.emit(run);
    }

    private counts(run: Run): { total: number; succeeded: number; failed: number; remaining: number } {
        let succeeded = 0;
        let failed = run.unavailable.length;
        let inChunks = 0;
        for (const c of run.chunks) {
            inChunks += c.ids.length;
            if (c.status === 'Done') {
                succeeded += c.ids.length - c.failedIds.length;
                failed += c.failedIds.length;
            } else if (c.status === 'Failed') failed += c.ids.length;
        }
        const total = inChunks + run.unavailable.length;
        return { total, succeeded, failed, remaining: total - succeeded - failed };
    }

    private outputs(run: Run): Record<string, unknown> {
        const done = run.chunks.filter((c) => c.status === 'Done').sort((a, b) => a.doneSeq - b.doneSeq);
        const out: Record<string, unknown> = {};
        for (const name of run.outputNames) {
            const values = done.map((c) => c.outputs?.[name]).filter((v) => v !== undefined);
            out[name] = aggregateValues(run.aggregates.get(name) ?? 'last', values);
        }
        return out;
    }

    private message(run: Run): string | null {
        const n = run.unavailable.length;
        const hidden = n
            ? `${n} selected record(s) are not visible to you and were not processed: ${run.unavailable.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}.`
            : null;
        return [run.notice, hidden].filter(Boolean).join(' ') || null;
    }

    private view(run: Run, withChunks: boolean): RunView {
        const view: RunView = {
            id: run.id,
            name: run.name,
            definitionName: run.definitionName,
            interactionId: run.interactionId,
            actionId: run.actionId,
            status: run.status,
            ...this.counts(run),
            chunkSize: run.chunkSize,
            startedById: run.startedById,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            message: this.message(run),
            outputs: this.outputs(run)
        };
        if (withChunks) {
            view.chunks = run.chunks.map((c) => ({
                index: c.index,
                status: c.status,
                size: c.ids.length,
                message: c.message,
                failedIds: [...c.failedIds]
            }));
        }
        return view;
    }

    /**
     * Writes the run and its chunks to the store as records created by the starting user. Called only between
     * chunks (never inside a chunk's transaction), so a failing chunk's rollback does not undo its bookkeeping.
     */
    private persist(run: Run): void {
        const store = this.store;
        if (!store?.schema.object(RUN_OBJECT) || !store.schema.object(CHUNK_OBJECT)) return;
        const c = this.counts(run);
        const fields = {
            Status__c: run.status,
            Total__c: c.total,
            Succeeded__c: c.succeeded,
            Failed__c: c.failed,
            Finished_At__c: run.finishedAt,
            Message__c: this.message(run)
        };
        const previousUser = store.currentUserId;
        store.currentUserId = run.startedById;
        try {
            if (!run.recordId) {
                run.recordId = store.insert(RUN_OBJECT, {
                    Name: run.name,
                    Definition__c: run.definitionName,
                    Interaction__c: run.interactionId,
                    Action__c: run.actionId,
                    Chunk_Size__c: run.chunkSize,
                    Client_Request_Id__c: run.clientKey,
                    ...fields
                }).Id;
                run.chunkRecordIds = run.chunks.map(
                    (chunk) =>
                        store.insert(CHUNK_OBJECT, {
                            Name: `CHUNK-${String(chunk.index + 1).padStart(8, '0')}`,
                            Run__c: run.recordId,
                            Index__c: chunk.index,
                            Status__c: chunk.status,
                            Attempts__c: chunk.attempts,
                            Record_Ids__c: chunk.ids.join(',')
                        }).Id
                );
                return;
            }
            store.update(RUN_OBJECT, run.recordId, fields);
            for (const chunk of run.chunks) {
                const id = run.chunkRecordIds?.[chunk.index];
                const rec = id ? store.get(CHUNK_OBJECT, id) : undefined;
                const failedIds = chunk.failedIds.join(',') || null;
                if (
                    !id ||
                    !rec ||
                    (rec.Status__c === chunk.status &&
                        rec.Attempts__c === chunk.attempts &&
                        (rec.Failed_Ids__c ?? null) === failedIds)
                )
                    continue;
                store.update(CHUNK_OBJECT, id, {
                    Status__c: chunk.status,
                    Attempts__c: chunk.attempts,
                    Failed_Ids__c: failedIds,
                    Message__c: chunk.message,
                    Outputs__c: chunk.outputs ? JSON.stringify(chunk.outputs) : null
                });
            }
        } finally {
            store.currentUserId = previousUser;
        }
    }

    private emit(run: Run): void {
        this.persist(run);
        const c = this.counts(run);
        this.onEvent({
            Run_Id__c: run.id,
            Status__c: run.status,
            Total__c: c.total,
            Succeeded__c: c.succeeded,
            Failed__c: c.failed,
            Started_By__c: run.startedById
        });
    }
}
