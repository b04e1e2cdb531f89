import { createElement } from '@lwc/engine-dom';
import DcRunProgress from 'c/dcRunProgress';
import type { FlowRunView } from 'c/dcRuntime';

type ProgressElement = HTMLElement & { run: FlowRunView | null; label: string; busy: boolean };

function view(overrides: Partial<FlowRunView>): FlowRunView {
    return {
        id: 'a01RUN',
        name: 'RUN-000012',
        definitionName: 'Board',
        interactionId: 'activate',
        actionId: 'runIt',
        status: 'Running',
        total: 25000,
        succeeded: 12350,
        failed: 50,
        remaining: 12600,
        chunkSize: 200,
        startedById: '005U',
        startedAt: '2026-12-07T20:00:00.000Z',
        finishedAt: null,
        message: null,
        outputs: {},
        ...overrides
    };
}

function mount(run: FlowRunView | null, label = 'Set as Active'): ProgressElement {
    const element = createElement('c-dc-run-progress', { is: DcRunProgress }) as ProgressElement;
    Object.assign(element, { run, label });
    document.body.appendChild(element);
    return element;
}

const q = (element: HTMLElement, selector: string) => element.shadowRoot!.querySelector(selector) as HTMLElement | null;
const buttons = (element: HTMLElement) =>
    [...element.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('c-dc-run-progress', () => {
    it('a running run: bar with aria-valuenow, counts with thousands separators, Cancel and View details', async () => {
        const element = mount(view({}));
        await Promise.resolve();
        const bar = q(element, '[role="progressbar"]')!;
        expect(bar.getAttribute('aria-valuenow')).toBe('50');
        expect(bar.getAttribute('aria-label')).toBe('Progress of Set as Active · RUN-000012');
        expect((q(element, '.slds-progress-bar__value') as HTMLElement).style.width).toBe('50%');
        expect(q(element, '.counts')!.textContent).toBe('12,400 of 25,000 · 50 failed');
        expect(q(element, '.run-status')!.textContent).toBe('Running');
        expect(q(element, '[role="status"]')!.getAttribute('aria-live')).toBe('polite');
        expect(buttons(element)).toEqual(['Cancel', 'View details']);
        await expect(element).toBeAccessible();
    });

    it('a run finished with failed records offers Retry failed and Dismiss, and shows the message', async () => {
        const element = mount(
            view({
                status: 'Completed_With_Errors',
                succeeded: 24950,
                remaining: 0,
                message: 'The selection changed since it was made.'
            })
        );
        await Promise.resolve();
        expect(buttons(element)).toEqual(['Retry failed', 'View details', 'Dismiss']);
        expect(q(element, '.run-status')!.textContent).toBe('Completed with errors');
        expect(q(element, '.run-message')!.textContent).toBe('The selection changed since it was made.');
        expect(q(element, '[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('100');
        expect(q(element, '.slds-progress-bar__value')!.className).toContain('bar-with-errors');
    });

    it('a completed run without failures: no Retry, success bar', async () => {
        const element = mount(view({ status: 'Completed', succeeded: 25000, failed: 0, remaining: 0 }));
        await Promise.resolve();
        expect(buttons(element)).toEqual(['View details', 'Dismiss']);
        expect(q(element, '.counts')!.textContent).toBe('25,000 of 25,000');
        expect(q(element, '.slds-progress-bar__value')!.className).toContain('slds-progress-bar__value_success');
    });

    it.each([
        ['.run-cancel', 'cancel', view({})],
        ['.run-retry', 'retry', view({ status: 'Failed', succeeded: 0, failed: 25000, remaining: 0 })],
        ['.run-details', 'details', view({})],
        ['.run-dismiss', 'dismiss', view({ status: 'Cancelled' })]
    ] as const)('%s fires %s with the run id', async (selector, eventName, run) => {
        const element = mount(run);
        const handler = jest.fn();
        element.addEventListener(eventName, (e) => handler((e as CustomEvent).detail));
        await Promise.resolve();
        q(element, selector)!.click();
        expect(handler).toHaveBeenCalledWith({ runId: 'a01RUN' });
    });

    it('busy disables Cancel and Retry (a request for this run is under way)', async () => {
        const element = mount(view({}));
        element.busy = true;
        await Promise.resolve();
        expect((q(element, '.run-cancel') as HTMLButtonElement).disabled).toBe(true);
    });

    it('a queued run of no records yet shows 0%', async () => {
        const element = mount(view({ status: 'Queued', total: 0, succeeded: 0, failed: 0, remaining: 0 }), '');
        await Promise.resolve();
        expect(q(element, '[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('0');
        expect(q(element, '.run-heading')!.textContent).toBe('RUN-000012');
    });
});
