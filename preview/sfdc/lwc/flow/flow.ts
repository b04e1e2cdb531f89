/*
 * Stand-in for the platform-only <lightning-flow>: screen flows cannot run without an org, so the preview shows a
 * clear placeholder with the flow name and the inputs it would receive, and lets the user Finish the flow or
 * simulate an Error. It fires `statuschange` like lightning-flow (STARTED, then FINISHED or ERROR).
 */
import { LightningElement, api } from 'lwc';
import { record } from '../../registry';

interface FlowInputVariable {
    name: string;
    type: string;
    value: unknown;
}

export default class PreviewFlow extends LightningElement {
    @api flowApiName?: string;
    @api flowInputVariables: FlowInputVariable[] = [];
    @api flowFinishBehavior?: string;
    @api flowVersionId?: string;

    started = false;

    get inputs(): { key: string; text: string }[] {
        return (this.flowInputVariables ?? []).map((v, i) => ({
            key: `${i}-${v.name}`,
            text: `${v.name} (${v.type}) = ${JSON.stringify(v.value)}`
        }));
    }

    get hasInputs(): boolean {
        return this.inputs.length > 0;
    }

    override connectedCallback(): void {
        if (this.started) return;
        this.started = true;
        record('screenFlow', { status: 'STARTED', flowApiName: this.flowApiName, inputs: this.flowInputVariables });
        // like lightning-flow, STARTED is reported asynchronously after the component is in the DOM
        Promise.resolve().then(() => this.fire('STARTED'));
    }

    handleFinish(): void {
        this.fire('FINISHED');
    }

    handleError(): void {
        this.fire('ERROR');
    }

    fire(status: string): void {
        if (status !== 'STARTED') record('screenFlow', { status, flowApiName: this.flowApiName });
        this.dispatchEvent(
            new CustomEvent('statuschange', {
                detail: {
                    status,
                    flowTitle: this.flowApiName,
                    guid: 'preview-' + this.flowApiName,
                    outputVariables: [],
                    ...(status === 'ERROR' ? { errorMessage: 'Simulated error in the local preview' } : {})
                }
            })
        );
    }
}
