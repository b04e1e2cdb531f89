/*
 * Follows chunked Execute Flow runs until they finish. The fast path is the run's Platform Event
 * (Dynamic_Component_Run_Event__e through lightning/empApi, handed in with handleEvent): its counts update the
 * progress at once, and a finished status triggers one getFlowRun for the final view (outputs, message). Polling
 * getFlowRun is the fallback: every 2 s while no event subscription is live, every 10 s as a safety net while one
 * is (an event can be missed: a dropped connection, a full event bus). One timer per followed run, all stopped by
 * stop() (the component's disconnectedCallback), so a removed component leaves no timer behind.
 */
import { FINISHED_RUN_STATUSES } from 'c/dcRuntime';
import type { FlowRunEventPayload, FlowRunView } from 'c/dcRuntime';

/** How often a running run is read again while no event subscription is live. */
export const RUN_POLL_MS = 2000;
/** How often it is read again while events arrive (a missed event must not stall the progress). */
export const RUN_SAFETY_POLL_MS = 10000;

export interface RunWatcherOptions {
    /** getFlowRun: the run with its current counts. */
    getRun(runId: string): Promise<FlowRunView>;
    /** Each new state of a followed run (counts for a progress display). */
    onProgress?(run: FlowRunView): void;
    intervalMs?: number;
    safetyIntervalMs?: number;
    setTimer?: (callback: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
}

export function isFinished(run: Pick<FlowRunView, 'status'>): boolean {
    return FINISHED_RUN_STATUSES.includes(run.status);
}

/** Error of a watch stopped before its run finished (the component was removed from the page). */
export class RunWatchStoppedError extends Error {
    readonly code = 'RUN_WATCH_STOPPED';
}

interface Followed {
    run: FlowRunView;
    waiters: Array<{ resolve: (run: FlowRunView) => void; reject: (error: Error) => void }>;
    timer: unknown;
    reading: boolean;
    /** An event asked for a read while one was under way: read again when it returns. */
    readAgain: boolean;
    /** Reads that failed in a row (a dropped connection): the watch gives up after MAX_READ_FAILURES. */
    failures: number;
}

/** Failed reads in a row before a watch gives up (the run goes on on the server either way). */
export const MAX_READ_FAILURES = 3;

/** Errors a second read cannot cure: the run is gone or not the user's. */
const PERMANENT_ERRORS = new Set(['NOT_FOUND', 'INSUFFICIENT_ACCESS', 'INVALID_REQUEST']);

export class RunWatcher {
    private readonly options: RunWatcherOptions;
    private readonly followed = new Map<string, Followed>();
    private live = false;

    constructor(options: RunWatcherOptions) {
        this.options = options;
    }

    /**
     * Resolves with the run once it has finished; rejects when getFlowRun fails or stop() is called first. Watching a
     * run that is already followed (a retry, a re-attach) joins the same timer.
     */
    watch(run: FlowRunView): Promise<FlowRunView> {
        this.options.onProgress?.(run);
        if (isFinished(run)) return Promise.resolve(run);
        return new Promise<FlowRunView>((resolve, reject) => {
            const existing = this.followed.get(run.id);
            if (existing) {
                existing.run = run;
                existing.waiters.push({ resolve, reject });
                return;
            }
            const entry: Followed = {
                run,
                waiters: [{ resolve, reject }],
                timer: null,
                reading: false,
                readAgain: false,
                failures: 0
            };
            this.followed.set(run.id, entry);
            this.schedule(entry);
        });
    }

    /** Whether events are being delivered (a live empApi subscription): polling slows down to the safety net. */
    setLive(live: boolean): void {
        if (this.live === live) return;
        this.live = live;
        // rescheduling picks up the new interval (a fallback to polling must not wait out a 10 s safety timer)
        for (const entry of this.followed.values()) {
            if (!entry.reading) this.schedule(entry);
        }
    }

    /** A run event: updates the counts of a followed run at once; a finished status reads the final view. */
    handleEvent(payload: FlowRunEventPayload | null | undefined): void {
        const entry = payload ? this.followed.get(payload.Run_Id__c) : undefined;
        if (!entry || !payload) return;
        const total = Number(payload.Total__c) || entry.run.total;
        const succeeded = Number(payload.Succeeded__c) || 0;
        const failed = Number(payload.Failed__c) || 0;
        entry.run = {
            ...entry.run,
            status: payload.Status__c || entry.run.status,
            total,
            succeeded,
            failed,
            remaining: Math.max(0, total - succeeded - failed)
        };
        if (isFinished(entry.run)) {
            // the final view carries the aggregated outputs and the message: read it before anyone is told
            this.read(entry);
        } else {
            this.options.onProgress?.(entry.run);
        }
    }

    /** Reads a followed run now (after a cancel or retry request: its waiter hears of the change at once). */
    refresh(runId: string): void {
        const entry = this.followed.get(runId);
        if (entry) this.read(entry);
    }

    /** Stops every watch; their promises reject with RunWatchStoppedError. */
    stop(): void {
        const entries = [...this.followed.values()];
        this.followed.clear();
        for (const entry of entries) {
            this.clear(entry);
            for (const waiter of entry.waiters) {
                waiter.reject(
                    new RunWatchStoppedError('The page stopped following the run; it goes on on the server.')
                );
            }
        }
    }

    /** Runs being followed now. */
    get size(): number {
        return this.followed.size;
    }

    /** The latest known state of every followed run. */
    runs(): FlowRunView[] {
        return [...this.followed.values()].map((entry) => entry.run);
    }

    private schedule(entry: Followed): void {
        this.clear(entry);
        const interval = this.live
            ? (this.options.safetyIntervalMs ?? RUN_SAFETY_POLL_MS)
            : (this.options.intervalMs ?? RUN_POLL_MS);
        // a poll timer, stopped by stop() from disconnectedCallback
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        const setTimer = this.options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
        entry.timer = setTimer(() => {
            entry.timer = null;
            this.read(entry);
        }, interval);
    }

    private clear(entry: Followed): void {
        if (entry.timer === null) return;
        (this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(entry.timer);
        entry.timer = null;
    }

    private read(entry: Followed): void {
        if (entry.reading) {
            entry.readAgain = true;
            return;
        }
        this.clear(entry);
        entry.reading = true;
        this.options
            .getRun(entry.run.id)
            .then((current) => {
                entry.reading = false;
                if (this.followed.get(entry.run.id) !== entry) return; // stopped meanwhile
                entry.failures = 0;
                entry.run = current;
                this.options.onProgress?.(current);
                if (isFinished(current)) {
                    this.followed.delete(current.id);
                    for (const waiter of entry.waiters) waiter.resolve(current);
                } else if (entry.readAgain) {
                    entry.readAgain = false;
                    this.read(entry);
                } else {
                    this.schedule(entry);
                }
            })
            .catch((error: Error) => {
                entry.reading = false;
                if (this.followed.get(entry.run.id) !== entry) return;
                entry.failures++;
                const code = (error as { code?: unknown })?.code;
                if (entry.failures < MAX_READ_FAILURES && !PERMANENT_ERRORS.has(String(code))) {
                    // a dropped connection: try again at the next interval
                    this.schedule(entry);
                    return;
                }
                this.followed.delete(entry.run.id);
                for (const waiter of entry.waiters) waiter.reject(error);
            });
    }
}
