import { LightningElement, api } from 'lwc';
import listFlowRuns from '@salesforce/apex/DynamicComponentController.listFlowRuns';
import getFlowRun from '@salesforce/apex/DynamicComponentController.getFlowRun';
import retryFlowRun from '@salesforce/apex/DynamicComponentController.retryFlowRun';
import cancelFlowRun from '@salesforce/apex/DynamicComponentController.cancelFlowRun';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { downloadFile, parseServerError } from 'c/dcRuntime';
import type { FlowRunView } from 'c/dcRuntime';
import {
    chunkStatusLabel,
    countText,
    dateTimeText,
    failedRecords,
    failedRecordsCsv,
    failedRecordsFileName,
    isFinished,
    newestFirst,
    runStatusLabel
} from './runHistoryModel';

/** Rows of the chunk and failed-record tables rendered at most (a 100k run may have thousands); the CSV has all. */
export const MAX_SHOWN_ROWS = 200;
/** While the open run is Queued or Running, its details are re-read this often (ms). */
export const POLL_INTERVAL_MS = 3000;

interface RunRow {
    id: string;
    name: string;
    status: string;
    statusLabel: string;
    total: string;
    succeeded: string;
    failed: string;
    started: string;
    finished: string;
    openLabel: string;
}

interface ChunkRow {
    key: string;
    number: number;
    statusLabel: string;
    size: string;
    failed: string;
    message: string;
}

interface FailedRow {
    key: string;
    recordId: string;
    chunk: number;
    message: string;
}

/**
 * Run history of chunked Execute Flow runs (mode auto/async): the running user's runs of a definition, newest first
 * (listFlowRuns), and one run's details (getFlowRun): its chunks with status and message, the failed record Ids with
 * their chunk's message, "Download failed records (CSV)" (Record Id, Chunk, Message), Retry failed and Cancel.
 *
 * Retry failed / Cancel call retryFlowRun / cancelFlowRun themselves, so the panel works standalone (a record page,
 * the preview), then show the run the server returns and refresh the list. Only after the call succeeded they fire
 * `retry` / `cancel` (not bubbling), detail {runId, run}, so a host can track the re-queued run's progress; the
 * host must not call the Apex method again.
 *
 * Inputs (@api): definitionName (only its runs; blank: all of the user's runs), runId (open this run's details).
 * Method (@api): refresh() re-reads the list and the open run.
 * Keyboard: every control is a native button in the tab order; opening a run moves the focus to its heading,
 * "Back to runs" moves it back to that run's button in the list.
 */
export default class DcRunHistory extends LightningElement {
    @api definitionName = '';

    @api
    get runId(): string {
        return this.requestedRunId;
    }
    set runId(value: string) {
        this.requestedRunId = value || '';
        if (this.connected && this.requestedRunId) this.openRun(this.requestedRunId);
    }

    runs: FlowRunView[] = [];
    listLoading = false;
    listLoaded = false;
    listError = '';

    /** The run whose details are shown (null: the list is shown). */
    run: FlowRunView | null = null;
    detailsOpen = false;
    detailsLoading = false;
    detailsError = '';
    actionBusy = false;
    /** Announced politely (aria-live): what just happened. */
    statusText = '';

    private requestedRunId = '';
    private connected = false;
    private focusTarget: 'details' | string | null = null;
    private pollTimer: ReturnType<typeof setTimeout> | null = null;
    /** Guards against an older getFlowRun answer replacing a newer one (open B while A is still loading). */
    private detailsRequest = 0;

    override connectedCallback(): void {
        this.connected = true;
        this.loadRuns();
        if (this.requestedRunId) this.openRun(this.requestedRunId);
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.stopPolling();
    }

    override renderedCallback(): void {
        const focusTarget = this.focusTarget;
        if (!focusTarget) return;
        const selector =
            focusTarget === 'details'
                ? '.details-heading'
                : `button.run-open[data-id="${focusTarget.replace(/["\\]/g, '')}"]`;
        // a run opened by runId may not be in the list (another definition): its list's Refresh takes the focus
        const target =
            this.template?.querySelector<HTMLElement>(selector) ??
            (focusTarget === 'details' ? null : this.template?.querySelector<HTMLElement>('button.refresh-list'));
        if (target) {
            target.focus();
            this.focusTarget = null;
        }
    }

    /** Re-reads the list, and the open run's details. */
    @api
    async refresh(): Promise<void> {
        await Promise.all([this.loadRuns(), this.run ? this.loadRun(this.run.id) : Promise.resolve()]);
    }

    // ---- list -------------------------------------------------------------------------------------------------

    get heading(): string {
        return this.definitionName ? `Run history · ${this.definitionName}` : 'Run history';
    }

    get listCaption(): string {
        return this.definitionName ? `Your runs of ${this.definitionName}, newest first` : 'Your runs, newest first';
    }

    get hasRuns(): boolean {
        return this.runs.length > 0;
    }

    get showEmpty(): boolean {
        return this.listLoaded && !this.listError && this.runs.length === 0;
    }

    get runRows(): RunRow[] {
        return this.runs.map((run) => ({
            id: run.id,
            name: run.name || run.id,
            status: run.status,
            statusLabel: runStatusLabel(run.status),
            total: countText(run.total, LOCALE),
            succeeded: countText(run.succeeded, LOCALE),
            failed: countText(run.failed, LOCALE),
            started: dateTimeText(run.startedAt, LOCALE, TIME_ZONE),
            finished: dateTimeText(run.finishedAt, LOCALE, TIME_ZONE) || '—',
            openLabel: `Details of run ${run.name || run.id}`
        }));
    }

    /** `quiet`: a refresh after an action, whose own message stays announced. */
    private async loadRuns(quiet = false): Promise<void> {
        this.listLoading = true;
        this.listError = '';
        if (!quiet) this.statusText = 'Loading runs…';
        try {
            const runs = ((await listFlowRuns({ definitionName: this.definitionName || null })) ?? []) as FlowRunView[];
            this.runs = newestFirst(runs);
            this.listLoaded = true;
            if (!quiet) this.statusText = runs.length === 1 ? '1 run loaded.' : `${runs.length} runs loaded.`;
        } catch (error) {
            this.listError = `The runs could not be loaded: ${parseServerError(error).message}`;
            if (!quiet) this.statusText = '';
        } finally {
            this.listLoading = false;
        }
    }

    handleRefreshList(): void {
        this.loadRuns();
    }

    handleOpen(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.id;
        if (id) this.openRun(id);
    }

    // ---- details ----------------------------------------------------------------------------------------------

    private async openRun(runId: string): Promise<void> {
        this.detailsOpen = true;
        this.detailsError = '';
        // the list's row is shown as a placeholder until getFlowRun answers
        this.run = this.runs.find((r) => r.id === runId) ?? this.run;
        if (this.run && this.run.id !== runId) this.run = null;
        this.focusTarget = 'details';
        await this.loadRun(runId);
    }

    /** `poll`: a background re-read, announced only when the run's status changed. */
    private async loadRun(runId: string, poll = false): Promise<void> {
        const request = ++this.detailsRequest;
        const before = this.run?.id === runId ? this.run.status : null;
        this.stopPolling();
        this.detailsLoading = !poll;
        if (!poll) this.statusText = 'Loading the run…';
        try {
            const run = (await getFlowRun({ runId })) as FlowRunView;
            if (request !== this.detailsRequest) return;
            this.run = run;
            this.replaceInList(run);
            if (!poll || run.status !== before) {
                this.statusText = `Run ${run.name || run.id}: ${runStatusLabel(run.status)}.`;
            }
            this.schedulePoll();
        } catch (error) {
            if (request !== this.detailsRequest) return;
            this.detailsError = `The run could not be loaded: ${parseServerError(error).message}`;
            this.statusText = '';
        } finally {
            if (request === this.detailsRequest) this.detailsLoading = false;
        }
    }

    /** Keeps a Queued/Running run's details current while it is open (stopped on close and disconnect). */
    private schedulePoll(): void {
        if (!this.run || isFinished(this.run) || !this.connected || !this.detailsOpen) return;
        const runId = this.run.id;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setTimeout(() => {
            this.pollTimer = null;
            if (this.detailsOpen && this.run?.id === runId) this.loadRun(runId, true);
        }, POLL_INTERVAL_MS);
    }

    private stopPolling(): void {
        if (this.pollTimer) clearTimeout(this.pollTimer);
        this.pollTimer = null;
    }

    private replaceInList(run: FlowRunView): void {
        const at = this.runs.findIndex((r) => r.id === run.id);
        if (at < 0) return;
        // the list holds runs without chunks, as listFlowRuns returns them
        const listed: FlowRunView = { ...run };
        delete listed.chunks;
        const runs = [...this.runs];
        runs[at] = listed;
        this.runs = runs;
    }

    handleBack(): void {
        const id = this.run?.id ?? null;
        this.detailsOpen = false;
        this.detailsError = '';
        this.detailsRequest++;
        this.detailsLoading = false;
        this.stopPolling();
        this.run = null;
        this.focusTarget = id;
    }

    handleRefreshRun(): void {
        if (this.run) this.loadRun(this.run.id);
    }

    get detailsHeading(): string {
        return this.run ? `Run ${this.run.name || this.run.id}` : 'Run';
    }

    get hasRun(): boolean {
        return this.run !== null;
    }

    get runStatusLabel(): string {
        return this.run ? runStatusLabel(this.run.status) : '';
    }

    get runStatus(): string {
        return this.run?.status ?? '';
    }

    get summary(): { key: string; label: string; value: string }[] {
        const run = this.run;
        if (!run) return [];
        const items = [
            { key: 'status', label: 'Status', value: runStatusLabel(run.status) },
            { key: 'definition', label: 'Definition', value: run.definitionName },
            { key: 'action', label: 'Action', value: run.actionId },
            { key: 'total', label: 'Total', value: countText(run.total, LOCALE) },
            { key: 'succeeded', label: 'Succeeded', value: countText(run.succeeded, LOCALE) },
            { key: 'failed', label: 'Failed', value: countText(run.failed, LOCALE) },
            { key: 'remaining', label: 'Remaining', value: countText(run.remaining, LOCALE) },
            { key: 'chunkSize', label: 'Chunk size', value: countText(run.chunkSize, LOCALE) },
            { key: 'started', label: 'Started', value: dateTimeText(run.startedAt, LOCALE, TIME_ZONE) },
            { key: 'finished', label: 'Finished', value: dateTimeText(run.finishedAt, LOCALE, TIME_ZONE) || '—' }
        ];
        return items.filter((item) => item.value);
    }

    get runMessage(): string {
        return this.run?.message ?? '';
    }

    private get chunks() {
        return [...(this.run?.chunks ?? [])].sort((a, b) => a.index - b.index);
    }

    get hasChunks(): boolean {
        return this.chunks.length > 0;
    }

    get chunkRows(): ChunkRow[] {
        return this.chunks.slice(0, MAX_SHOWN_ROWS).map((chunk) => ({
            key: `chunk-${chunk.index}`,
            number: chunk.index + 1,
            statusLabel: chunkStatusLabel(chunk.status),
            size: countText(chunk.size, LOCALE),
            failed: countText(chunk.failedIds?.length ?? 0, LOCALE),
            message: chunk.message ?? ''
        }));
    }

    get chunksCaption(): string {
        return `Chunks (${countText(this.chunks.length, LOCALE)})`;
    }

    get chunksCapped(): string {
        const total = this.chunks.length;
        return total > MAX_SHOWN_ROWS
            ? `Showing the first ${countText(MAX_SHOWN_ROWS, LOCALE)} of ${countText(total, LOCALE)} chunks.`
            : '';
    }

    private get failed() {
        return this.run ? failedRecords(this.run) : [];
    }

    get hasFailedRecords(): boolean {
        return this.failed.length > 0;
    }

    get noFailedRecords(): boolean {
        return !this.hasFailedRecords;
    }

    get failedRows(): FailedRow[] {
        return this.failed.slice(0, MAX_SHOWN_ROWS).map((r, i) => ({ key: `${r.recordId}-${i}`, ...r }));
    }

    get failedCaption(): string {
        return `Failed records (${countText(this.failed.length, LOCALE)})`;
    }

    get failedCapped(): string {
        const total = this.failed.length;
        return total > MAX_SHOWN_ROWS
            ? `Showing the first ${countText(MAX_SHOWN_ROWS, LOCALE)} of ${countText(total, LOCALE)} failed records; the CSV has all of them.`
            : '';
    }

    /** Retry re-queues the Failed chunks only (Done chunks never run again), so it needs a finished run with one. */
    get canRetry(): boolean {
        return !!this.run && isFinished(this.run) && this.chunks.some((c) => c.status === 'Failed');
    }

    get canCancel(): boolean {
        return !!this.run && !isFinished(this.run);
    }

    get retryLabel(): string {
        return `Retry failed records of run ${this.run?.name ?? ''}`.trim();
    }

    get cancelLabel(): string {
        return `Cancel run ${this.run?.name ?? ''}`.trim();
    }

    handleDownload(): void {
        if (!this.run || !this.hasFailedRecords) return;
        downloadFile([failedRecordsCsv(this.run)], failedRecordsFileName(this.run));
        this.statusText = `Downloaded ${countText(this.failed.length, LOCALE)} failed records.`;
    }

    handleRetry(): void {
        this.runAction('retry');
    }

    handleCancel(): void {
        this.runAction('cancel');
    }

    private async runAction(kind: 'retry' | 'cancel'): Promise<void> {
        const current = this.run;
        if (!current || this.actionBusy) return;
        this.actionBusy = true;
        this.detailsError = '';
        this.statusText = kind === 'retry' ? 'Retrying the failed records…' : 'Cancelling the run…';
        try {
            const call = kind === 'retry' ? retryFlowRun : cancelFlowRun;
            const run = (await call({ runId: current.id })) as FlowRunView;
            this.detailsRequest++;
            this.run = run;
            this.detailsLoading = false;
            this.statusText =
                kind === 'retry'
                    ? `The failed records of run ${run.name || run.id} are queued again.`
                    : `Run ${run.name || run.id} is cancelled: no further chunk starts.`;
            this.dispatchEvent(new CustomEvent(kind, { detail: { runId: current.id, run } }));
            this.stopPolling();
            this.schedulePoll();
            await this.loadRuns(true);
        } catch (error) {
            const what = kind === 'retry' ? 'retried' : 'cancelled';
            this.detailsError = `The run could not be ${what}: ${parseServerError(error).message}`;
            this.statusText = '';
        } finally {
            this.actionBusy = false;
        }
    }
}
