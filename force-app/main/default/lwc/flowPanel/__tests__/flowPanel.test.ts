import { createElement } from '@lwc/engine-dom';
import FlowPanel from 'c/flowPanel';

type PanelElement = HTMLElement & {
    flowApiName: string;
    inputVariables: unknown[];
    heading: string;
    position: string;
    size: string;
    focus(): void;
};

function createPanel(props: Partial<PanelElement> = {}): PanelElement {
    const element = createElement('c-flow-panel', { is: FlowPanel }) as PanelElement;
    element.flowApiName = 'Log_Call';
    element.heading = 'Log a Call';
    element.inputVariables = [{ name: 'recordId', type: 'String', value: '003000000000001' }];
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function fireStatus(element: HTMLElement, detail: unknown): void {
    element.shadowRoot!.querySelector('lightning-flow')!.dispatchEvent(new CustomEvent('statuschange', { detail }));
}

function listen(element: HTMLElement, name: string): jest.Mock {
    const handler = jest.fn();
    element.addEventListener(name, (event) => handler((event as CustomEvent).detail));
    return handler;
}

describe('c-flow-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('renders an SLDS docked panel with a labelled close button and the flow', async () => {
        const element = createPanel();
        const section = element.shadowRoot!.querySelector('section')!;
        expect(section.className).toContain('slds-panel_docked-right');
        expect(section.className).toContain('slds-size_medium');
        expect(element.shadowRoot!.querySelector('h2')!.textContent!.trim()).toBe('Log a Call');
        const close = element.shadowRoot!.querySelector('lightning-button-icon') as HTMLElement & {
            alternativeText: string;
        };
        expect(close.alternativeText).toBe('Close Log a Call');
        const flow = element.shadowRoot!.querySelector('lightning-flow') as HTMLElement & {
            flowApiName: string;
            flowInputVariables: unknown[];
        };
        expect(flow.flowApiName).toBe('Log_Call');
        expect(flow.flowInputVariables).toEqual([{ name: 'recordId', type: 'String', value: '003000000000001' }]);
        await expect(element).toBeAccessible();
    });

    it('docks left with the requested size and falls back for unknown sizes', async () => {
        const element = createPanel({ position: 'left', size: 'large' });
        expect(element.shadowRoot!.querySelector('section')!.className).toContain('slds-panel_docked-left');
        expect(element.shadowRoot!.querySelector('section')!.className).toContain('slds-size_large');
        element.size = 'huge';
        element.heading = '';
        await Promise.resolve();
        expect(element.shadowRoot!.querySelector('section')!.className).toContain('slds-size_medium');
        expect(element.shadowRoot!.querySelector('h2')!.textContent!.trim()).toBe('Flow');
    });

    it('moves focus to the close button when it opens', () => {
        const focusSpy = jest.fn();
        const element = createElement('c-flow-panel', { is: FlowPanel }) as PanelElement;
        document.body.appendChild(element);
        // the first render focused the stub; check the public focus() targets the close button
        const close = element.shadowRoot!.querySelector('lightning-button-icon') as HTMLElement;
        close.focus = focusSpy;
        element.focus();
        expect(focusSpy).toHaveBeenCalled();
    });

    it('fires finish with the outputs when the flow finishes', () => {
        const element = createPanel();
        const finish = listen(element, 'finish');
        fireStatus(element, { status: 'STARTED' });
        expect(finish).not.toHaveBeenCalled();
        fireStatus(element, { status: 'FINISHED_SCREEN', outputVariables: [{ name: 'taskId', value: '00T1' }] });
        expect(finish).toHaveBeenCalledWith({ outputs: { taskId: '00T1' } });
        // a second status after the end is ignored
        fireStatus(element, { status: 'FINISHED' });
        expect(finish).toHaveBeenCalledTimes(1);
    });

    it('fires error when the flow fails', () => {
        const element = createPanel();
        const error = listen(element, 'error');
        fireStatus(element, { status: 'ERROR', errorMessage: 'Insufficient access' });
        expect(error).toHaveBeenCalledWith({ errorMessage: 'Insufficient access' });
    });

    it('fires close from the close button, once', () => {
        const element = createPanel();
        const close = listen(element, 'close');
        const button = element.shadowRoot!.querySelector('lightning-button-icon')!;
        button.dispatchEvent(new CustomEvent('click'));
        button.dispatchEvent(new CustomEvent('click'));
        expect(close).toHaveBeenCalledTimes(1);
    });

    it('closes on Escape and ignores other keys', () => {
        const element = createPanel();
        const close = listen(element, 'close');
        const section = element.shadowRoot!.querySelector('section')!;
        section.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        expect(close).not.toHaveBeenCalled();
        section.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        expect(close).toHaveBeenCalledTimes(1);
    });
});
