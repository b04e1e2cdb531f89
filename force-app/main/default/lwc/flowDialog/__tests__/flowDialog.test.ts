import { createElement } from '@lwc/engine-dom';
import FlowDialog, { outputsOf, resultOfStatus, toDialogResult } from 'c/flowDialog';
import LightningModal from 'lightning/modal';

type DialogElement = HTMLElement & { flowApiName: string; inputVariables: unknown[]; label: string };
type FlowStub = HTMLElement & { flowApiName: string; flowInputVariables: unknown[]; flowFinishBehavior: string };

function createDialog(): DialogElement {
    const element = createElement('c-flow-dialog', { is: FlowDialog }) as DialogElement;
    element.label = 'Close Case';
    element.flowApiName = 'Close_Case';
    element.inputVariables = [{ name: 'recordId', type: 'String', value: '500000000000001' }];
    document.body.appendChild(element);
    return element;
}

function flowOf(element: HTMLElement): FlowStub {
    return element.shadowRoot!.querySelector('lightning-flow') as FlowStub;
}

function fireStatus(element: HTMLElement, detail: unknown): void {
    flowOf(element).dispatchEvent(new CustomEvent('statuschange', { detail }));
}

describe('c-flow-dialog', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('renders the header and passes the flow name and typed inputs to lightning-flow', async () => {
        const element = createDialog();
        const header = element.shadowRoot!.querySelector('lightning-modal-header') as HTMLElement & { label: string };
        expect(header.label).toBe('Close Case');
        const flow = flowOf(element);
        expect(flow.flowApiName).toBe('Close_Case');
        expect(flow.flowInputVariables).toEqual([{ name: 'recordId', type: 'String', value: '500000000000001' }]);
        expect(flow.flowFinishBehavior).toBe('NONE');
        await expect(element).toBeAccessible();
    });

    it('falls back to a generic heading without a label', () => {
        const element = createElement('c-flow-dialog', { is: FlowDialog }) as DialogElement;
        document.body.appendChild(element);
        const header = element.shadowRoot!.querySelector('lightning-modal-header') as HTMLElement & { label: string };
        expect(header.label).toBe('Flow');
    });

    it.each(['FINISHED', 'FINISHED_SCREEN'])('closes itself with the outputs when the flow reports %s', (status) => {
        const element = createDialog();
        const closed = jest.fn();
        element.addEventListener('close', (event) => closed((event as CustomEvent).detail));
        fireStatus(element, {
            status,
            outputVariables: [{ name: 'caseNumber', value: '0001', flowName: 'Close_Case' }]
        });
        expect(closed).toHaveBeenCalledWith({ status: 'FINISHED', outputs: { caseNumber: '0001' } });
    });

    it('closes itself with the error when the flow fails', () => {
        const element = createDialog();
        const closed = jest.fn();
        element.addEventListener('close', (event) => closed((event as CustomEvent).detail));
        fireStatus(element, { status: 'ERROR' });
        expect(closed).toHaveBeenCalledWith({
            status: 'ERROR',
            outputs: {},
            errorMessage: 'The flow Close_Case stopped because of an error.'
        });
    });

    it('stays open while the flow runs or is paused', () => {
        const element = createDialog();
        const closed = jest.fn();
        element.addEventListener('close', closed);
        fireStatus(element, { status: 'STARTED' });
        fireStatus(element, { status: 'PAUSED' });
        expect(closed).not.toHaveBeenCalled();
    });

    it('exposes LightningModal.open so the host can open it', async () => {
        (LightningModal as unknown as { open: jest.Mock }).open.mockResolvedValueOnce({
            status: 'FINISHED',
            outputs: {}
        });
        const result = await FlowDialog.open({ label: 'x', flowApiName: 'Close_Case' });
        expect(result).toEqual({ status: 'FINISHED', outputs: {} });
    });
});

describe('flow helpers', () => {
    it("prefers the named flow's own outputs over a subflow's", () => {
        expect(
            outputsOf(
                {
                    outputVariables: [
                        { name: 'n', value: 'sub', flowName: 'Sub' },
                        { name: 'n', value: 'main', flowName: 'Main' },
                        { name: 'm', value: 'subOnly', flowName: 'Sub' },
                        { name: 'm', value: 'later', flowName: 'Sub2' }
                    ]
                },
                'Main'
            )
        ).toEqual({ n: 'main', m: 'subOnly' });
        expect(outputsOf(undefined)).toEqual({});
    });

    it('keeps the error text lightning-flow reports', () => {
        expect(resultOfStatus({ status: 'ERROR', errorMessage: 'Boom' }, 'F')).toEqual({
            status: 'ERROR',
            outputs: {},
            errorMessage: 'Boom'
        });
        expect(resultOfStatus(undefined, 'F')).toBeNull();
    });

    it('turns a dismissed dialog into CLOSED', () => {
        expect(toDialogResult(undefined)).toEqual({ status: 'CLOSED', outputs: {} });
        expect(toDialogResult('x')).toEqual({ status: 'CLOSED', outputs: {} });
        const error = { status: 'ERROR', outputs: {}, errorMessage: 'e' };
        expect(toDialogResult(error)).toBe(error);
    });
});
