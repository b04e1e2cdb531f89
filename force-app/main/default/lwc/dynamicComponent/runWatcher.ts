/*
 * Waits for a chunked Execute Flow run to finish by polling getFlowRun (the Platform Event subscription of
 * lightning/empApi is the planned fast path; polling is what every page can do). One timer per watched run, stopped
 * by stop() (the component's disconnectedCallback), so a removed component leaves no timer behind.
 */
import { FINISHED_RUN_STATUSES } from 'c/dcRuntime';
import type { FlowRunView } from 'c/dcRuntime';

/** How often a running run is read again. */
export const RUN_POLL_MS = 2000;

export interface RunWatcherOptions {
    /** getFlowRun: the run with its current counts. */
    getRun(runId: string): Promise<FlowRunView>;
    /** Each read of the run (counts for a progress display). */
    onProgress?(run: FlowRunView): void;
    intervalMs?: number;
    setTimer?: (callback: () => void, ms: number) => unknown;
    clearTimer?: (handle: unknown) => void;
}

export function isFinished(run: FlowRunView): boolean {
    return FINISHED_RUN_STATUSES.includes(run.status);
}

/** Error of a watch stopped before its run finished (the component was removed from the page). */
export class RunWatchStoppedError extends Error {
    readonly code = 'RUN_WATCH_STOPPED';
}

export class RunWatcher {
    private readonly options: RunWatcherOptions;
    private readonly active = new Map<unknown, (error: Error) => void>();

    constructor(options: RunWatcherOptions) {
        this.options = options;
    }

    /** Resolves with the finished run; rejects when getFlowRun fails or stop() is called first. */
    watch(run: FlowRunView): Promise<FlowRunView> {
        this.options.onProgress?.(run);
        if (isFinished(run)) return Promise.resolve(run);
        // a poll timer, stopped by stop() from disconnectedCallback
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        const setTimer = this.options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
        const interval = this.options.intervalMs ?? RUN_POLL_MS;
        return new Promise<FlowRunView>((resolve, reject) => {
            let handle: unknown;
            const schedule = () => {
                const key = {};
                handle = setTimer(() => {
                    this.active.delete(key);
                    this.options
                        .getRun(run.id)
                        .then((current) => {
                            this.options.onProgress?.(current);
                            if (isFinished(current)) resolve(current);
                            else schedule();
                        })
                        .catch(reject);
                }, interval);
                this.active.set(key, (error) => {
                    (this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(handle);
                    reject(error);
                });
            };
            schedule();
        });
    }

    /** Stops every watch; their promises reject with RunWatchStoppedError. */
    stop(): void {
        const pending = [...this.active.values()];
        this.active.clear();
        for (const stopOne of pending) {
            stopOne(new RunWatchStoppedError('The page stopped following the run; it goes on on the server.'));
        }
    }

    /** Runs being watched now. */
    get size(): number {
        return this.active.size;
    }
}
