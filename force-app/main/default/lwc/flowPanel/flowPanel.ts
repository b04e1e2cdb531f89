import { LightningElement, api } from 'lwc';
import { resultOfStatus } from 'c/flowDialog';
import type { FlowInputVariable, FlowStatusDetail } from 'c/flowDialog';

const SIZES = new Set(['small', 'medium', 'large']);

/**
 * A docked side panel inside a Dynamic Component that runs a screen flow (Open Flow Panel).
 *
 * Events (none bubble):
 * - `finish`  detail {outputs: Record<string, unknown>} - the flow finished;
 * - `error`   detail {errorMessage: string}             - the flow failed;
 * - `close`   detail {}                                 - the user closed the panel (close button or Escape).
 * The host removes the panel after any of them. Focus moves to the close button when the panel opens.
 */
export default class FlowPanel extends LightningElement {
    /** API name of the screen flow to run. */
    @api flowApiName = '';
    /** Inputs in lightning-flow's {name, type, value} shape. */
    @api inputVariables: FlowInputVariable[] = [];
    /** Panel heading. */
    @api heading = '';
    /** Side of the component the panel docks to. */
    @api position: 'left' | 'right' = 'right';
    /** Panel width: small, medium (default) or large. */
    @api size: 'small' | 'medium' | 'large' = 'medium';

    private focused = false;
    private ended = false;

    get headingText(): string {
        return this.heading || 'Flow';
    }

    get closeLabel(): string {
        return `Close ${this.headingText}`;
    }

    get panelClass(): string {
        const side = this.position === 'left' ? 'left' : 'right';
        const size = SIZES.has(this.size) ? this.size : 'medium';
        return `slds-panel slds-size_${size} slds-panel_docked slds-panel_docked-${side} slds-is-open flow-panel`;
    }

    override renderedCallback(): void {
        if (this.focused) return;
        this.focused = true;
        this.focus();
    }

    /** Moves focus to the panel's close button. */
    @api
    focus(): void {
        const button = this.template?.querySelector<HTMLElement>('lightning-button-icon');
        button?.focus();
    }

    handleStatusChange(event: CustomEvent<FlowStatusDetail>): void {
        const result = resultOfStatus(event.detail, this.flowApiName);
        if (!result || this.ended) return;
        this.ended = true;
        if (result.status === 'FINISHED') {
            this.dispatchEvent(new CustomEvent('finish', { detail: { outputs: result.outputs } }));
        } else if (result.status === 'ERROR') {
            this.dispatchEvent(new CustomEvent('error', { detail: { errorMessage: result.errorMessage } }));
        }
    }

    handleClose(): void {
        if (this.ended) return;
        this.ended = true;
        this.dispatchEvent(new CustomEvent('close', { detail: {} }));
    }

    handleKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' || event.key === 'Esc') {
            event.stopPropagation();
            this.handleClose();
        }
    }
}
