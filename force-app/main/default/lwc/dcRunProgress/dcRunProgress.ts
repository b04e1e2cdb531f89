import { LightningElement, api } from 'lwc';
import { RUN_STATUS_LABELS } from 'c/dcRuntime';
import type { FlowRunView } from 'c/dcRuntime';

const COUNT = new Intl.NumberFormat('en-US');

/**
 * Progress of one chunked Execute Flow run, shown by c-dynamic-component above its tables while the run runs and
 * after it finished (until dismissed): a progress bar (role=progressbar with aria-valuenow), "12,400 of 25,000 ·
 * 50 failed", the run's message (e.g. that the selection changed), and the buttons that apply to the run's state.
 * It only reports the clicks; the host calls the server.
 *
 * Inputs (@api): run (FlowRunView), label (what runs: the action's or flow's label), busy (a request of the host for
 * this run is under way: the buttons are disabled).
 * Events (not bubbling), detail {runId}: cancel (while Queued/Running), retry (finished with failed records),
 * details (open the run history on this run), dismiss (a finished run).
 */
export default class DcRunProgress extends LightningElement {
    @api run: FlowRunView | null = null;
    @api label = '';
    @api busy = false;

    get heading(): string {
        const name = this.run?.name ? `${this.run.name}` : 'Run';
        return this.label ? `${this.label} · ${name}` : name;
    }

    get status(): string {
        return this.run?.status ?? '';
    }

    get statusLabel(): string {
        return this.run ? (RUN_STATUS_LABELS[this.run.status] ?? this.run.status) : '';
    }

    private get done(): number {
        return this.run ? this.run.succeeded + this.run.failed : 0;
    }

    get percent(): number {
        const total = this.run?.total ?? 0;
        if (!total) return this.isFinished ? 100 : 0;
        return Math.min(100, Math.round((this.done / total) * 100));
    }

    get barStyle(): string {
        return `width: ${this.percent}%`;
    }

    get barClass(): string {
        const failed = (this.run?.failed ?? 0) > 0 || this.run?.status === 'Failed';
        return `slds-progress-bar__value${failed ? ' bar-with-errors' : this.isFinished ? ' slds-progress-bar__value_success' : ''}`;
    }

    get barLabel(): string {
        return `Progress of ${this.heading}`;
    }

    get countsText(): string {
        if (!this.run) return '';
        const failed = this.run.failed > 0 ? ` · ${COUNT.format(this.run.failed)} failed` : '';
        return `${COUNT.format(this.done)} of ${COUNT.format(this.run.total)}${failed}`;
    }

    get message(): string {
        return this.run?.message ?? '';
    }

    get isFinished(): boolean {
        const status = this.run?.status;
        return status !== undefined && status !== 'Queued' && status !== 'Running';
    }

    get canCancel(): boolean {
        return Boolean(this.run) && !this.isFinished;
    }

    get canRetry(): boolean {
        return this.isFinished && (this.run?.failed ?? 0) > 0;
    }

    get cancelLabel(): string {
        return `Cancel ${this.heading}`;
    }

    get retryLabel(): string {
        return `Retry the failed records of ${this.heading}`;
    }

    get detailsLabel(): string {
        return `View the details of ${this.heading}`;
    }

    get dismissLabel(): string {
        return `Dismiss ${this.heading}`;
    }

    handleCancel(): void {
        this.fire('cancel');
    }

    handleRetry(): void {
        this.fire('retry');
    }

    handleDetails(): void {
        this.fire('details');
    }

    handleDismiss(): void {
        this.fire('dismiss');
    }

    private fire(name: 'cancel' | 'retry' | 'details' | 'dismiss'): void {
        if (!this.run) return;
        this.dispatchEvent(new CustomEvent(name, { detail: { runId: this.run.id } }));
    }
}
