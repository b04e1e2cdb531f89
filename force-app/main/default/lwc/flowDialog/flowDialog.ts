import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import type { FlowInputVariable, OpenFlowResult } from 'c/dcInteractions';

export type { FlowInputVariable };

/** How a screen flow shown in a dialog or panel ended (the engine's OpenFlowResult). */
export type FlowRunResult = OpenFlowResult;

/** lightning-flow `statuschange` event detail (the fields this package reads). */
export interface FlowStatusDetail {
    status?: string;
    flowTitle?: string;
    outputVariables?: { name: string; value: unknown; flowName?: string }[];
    errorMessage?: string;
}

export interface FlowDialogOptions {
    /** Modal header text. */
    label: string;
    size?: 'small' | 'medium' | 'large';
    /** Accessible description of the modal. */
    description?: string;
    flowApiName: string;
    inputVariables?: FlowInputVariable[];
}

/** Output variables of a finished flow as name → value (the named flow's own variables win over subflows'). */
export function outputsOf(detail: FlowStatusDetail | undefined, flowApiName?: string): Record<string, unknown> {
    const outputs: Record<string, unknown> = {};
    for (const variable of detail?.outputVariables ?? []) {
        const own = !variable.flowName || !flowApiName || variable.flowName === flowApiName;
        if (own || !(variable.name in outputs)) outputs[variable.name] = variable.value;
    }
    return outputs;
}

/**
 * Maps a lightning-flow status to how the run ended, or null while the flow is still running (STARTED, PAUSED…).
 */
export function resultOfStatus(detail: FlowStatusDetail | undefined, flowApiName: string): FlowRunResult | null {
    switch (detail?.status) {
        case 'FINISHED':
        case 'FINISHED_SCREEN':
            return { status: 'FINISHED', outputs: outputsOf(detail, flowApiName) };
        case 'ERROR':
            return {
                status: 'ERROR',
                outputs: {},
                errorMessage: detail.errorMessage || `The flow ${flowApiName} stopped because of an error.`
            };
        default:
            return null;
    }
}

/** What FlowDialog.open() resolved to: a result, or undefined when the user closed the modal (X or Escape). */
export function toDialogResult(value: unknown): FlowRunResult {
    if (value && typeof value === 'object' && 'status' in value) return value as FlowRunResult;
    return { status: 'CLOSED', outputs: {} };
}

/**
 * Runs a screen flow in a modal (Open Flow Dialog). Closes itself when the flow finishes or fails:
 * `await FlowDialog.open({label, flowApiName, inputVariables})` resolves to {status:'FINISHED', outputs},
 * {status:'ERROR', outputs: {}, errorMessage}, or undefined when the user closed it - pass that through toDialogResult()
 * to get {status:'CLOSED', outputs: {}}.
 */
export default class FlowDialog extends LightningModal {
    declare static open: (options: FlowDialogOptions) => Promise<FlowRunResult | undefined>;

    /** API name of the screen flow to run. */
    @api flowApiName = '';
    /** Inputs in lightning-flow's {name, type, value} shape (the engine's OpenFlowRequest.inputs). */
    @api inputVariables: FlowInputVariable[] = [];

    get heading(): string {
        return this.label || 'Flow';
    }

    handleStatusChange(event: CustomEvent<FlowStatusDetail>): void {
        const result = resultOfStatus(event.detail, this.flowApiName);
        if (result) this.close(result);
    }
}
