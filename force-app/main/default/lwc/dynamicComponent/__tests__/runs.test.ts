/*
 * c-dynamic-component following chunked runs: progress per run, re-attaching to this user's unfinished runs on load
 * (their action's On Finish runs when they end), Cancel and Retry failed from the progress, Dismiss, and the
 * Platform Event fast path (lightning/empApi) with polling as the fallback.
 */
import { createElement } from '@lwc/engine-dom';
import DynamicComponent from 'c/dynamicComponent';
import getDefinition from '@salesforce/apex/DynamicComponentController.getDefinition';
import runQuery from '@salesforce/apex/DynamicComponentController.runQuery';
import getFlowRun from '@salesforce/apex/DynamicComponentController.getFlowRun';
import cancelFlowRun from '@salesforce/apex/DynamicComponentController.cancelFlowRun';
import retryFlowRun from '@salesforce/apex/DynamicComponentController.retryFlowRun';
import listFlowRuns from '@salesforce/apex/DynamicComponentController.listFlowRuns';
import startFlowRun from '@salesforce/apex/DynamicComponentController.startFlowRun';
import { isEmpEnabled, subscribe } from 'lightning/empApi';
import type { FlowRunView } from 'c/dcRuntime';
import DEFINITION from '../../../../../../e2e/fixtures/definitions/E2E_Run_Chunked.json';

const APEX = [
    'getDefinition',
    'runQuery',
    'getFlowRun',
    'cancelFlowRun',
    'retryFlowRun',
    'listFlowRuns',
    'startFlowRun',
    'executeFlow'
];
jest.mock('@salesforce/apex/DynamicComponentController.getDefinition', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.runQuery', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentController.getFlowRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentController.cancelFlowRun', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.retryFlowRun', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.listFlowRuns', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.startFlowRun', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.executeFlow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/userPermission/CustomizeApplication', () => ({ default: true }), { virtual: true });

const mocks = {
    getDefinition: getDefinition as unknown as jest.Mock,
    runQuery: runQuery as unknown as jest.Mock,
    getFlowRun: getFlowRun as unknown as jest.Mock,
    cancelFlowRun: cancelFlowRun as unknown as jest.Mock,
    retryFlowRun: retryFlowRun as unknown as jest.Mock,
    listFlowRuns: listFlowRuns as unknown as jest.Mock,
    startFlowRun: startFlowRun as unknown as jest.Mock
};

function run(overrides: Partial<FlowRunView> = {}): FlowRunView {
    return {
        id: 'a01RUN',
        name: 'RUN-000007',
        definitionName: 'E2E_Run_Chunked',
        interactionId: 'setActive',
        actionId: 'setActiveFlow',
        status: 'Running',
        total: 3,
        succeeded: 1,
        failed: 0,
        remaining: 2,
        chunkSize: 1,
        startedById: '005U',
        startedAt: '2026-12-07T20:00:00.000Z',
        finishedAt: null,
        message: null,
        outputs: {},
        ...overrides
    };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
async function settle(times = 5): Promise<void> {
    for (let i = 0; i < times; i++) await flush(); // eslint-disable-line no-await-in-loop
}

function mount(): { element: HTMLElement; toasts: jest.Mock } {
    const element = createElement('c-dynamic-component', { is: DynamicComponent });
    Object.assign(element, { definitionName: 'E2E_Run_Chunked' });
    const toasts = jest.fn();
    element.addEventListener('lightning__showtoast', (event) => toasts((event as CustomEvent).detail));
    document.body.appendChild(element);
    return { element, toasts };
}

const progresses = (element: HTMLElement) =>
    [...element.shadowRoot!.querySelectorAll('c-dc-run-progress')] as Array<HTMLElement & { run: FlowRunView }>;
const button = (progress: HTMLElement, selector: string) =>
    progress.shadowRoot!.querySelector(selector) as HTMLButtonElement | null;

beforeEach(() => {
    for (const name of APEX)
        (
            jest.requireMock(`@salesforce/apex/DynamicComponentController.${name}`) as { default: jest.Mock }
        ).default.mockReset();
    mocks.getDefinition.mockResolvedValue({
        apiName: 'E2E_Run_Chunked',
        label: 'E2E chunked run',
        json: JSON.stringify(DEFINITION),
        problems: [],
        canCustomize: true
    });
    mocks.runQuery.mockResolvedValue({
        records: [],
        nextCursor: null,
        totalCount: 0,
        fields: [],
        notices: [],
        objectLabel: 'Contact',
        objectLabelPlural: 'Contacts'
    });
    mocks.listFlowRuns.mockResolvedValue([]);
    (isEmpEnabled as jest.Mock).mockResolvedValue(false);
    (subscribe as jest.Mock).mockReset().mockResolvedValue({ id: 1, channel: '/event/Dynamic_Component_Run_Event__e' });
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
});

describe('c-dynamic-component: chunked runs', () => {
    it('re-attaches to an unfinished run on load; when it completes, its action`s On Finish runs with $Run', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        mocks.listFlowRuns.mockResolvedValue([run(), run({ id: 'a01OLD', name: 'RUN-000001', status: 'Completed' })]);
        mocks.getFlowRun.mockResolvedValue(run({ status: 'Completed', succeeded: 3, remaining: 0 }));
        const { element, toasts } = mount();
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.listFlowRuns).toHaveBeenCalledWith({ definitionName: 'E2E_Run_Chunked' });
        // only the unfinished run is followed
        let shown = progresses(element);
        expect(shown.map((p) => p.run.id)).toEqual(['a01RUN']);
        expect(shown[0].shadowRoot!.querySelector('.run-heading')!.textContent).toBe('Set as Active · RUN-000007');
        expect(shown[0].shadowRoot!.querySelector('.counts')!.textContent).toBe('1 of 3');
        await jest.advanceTimersByTimeAsync(2000);
        expect(mocks.getFlowRun).toHaveBeenCalledWith({ runId: 'a01RUN' });
        shown = progresses(element);
        expect(shown[0].run.status).toBe('Completed');
        expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ title: 'Run finished: 3 set to Active' }));
    });

    it('Cancel asks the server, and the action hears at once: the cancelled toast, no On Finish', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        mocks.listFlowRuns.mockResolvedValue([run()]);
        const cancelled = run({ status: 'Cancelled', remaining: 0 });
        mocks.cancelFlowRun.mockResolvedValue(cancelled);
        mocks.getFlowRun.mockResolvedValue(cancelled);
        const { element, toasts } = mount();
        await jest.advanceTimersByTimeAsync(10);
        button(progresses(element)[0], '.run-cancel')!.click();
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.cancelFlowRun).toHaveBeenCalledWith({ runId: 'a01RUN' });
        expect(toasts).toHaveBeenCalledWith(
            expect.objectContaining({ title: 'Run RUN-000007 cancelled', variant: 'info' })
        );
        expect(toasts).not.toHaveBeenCalledWith(expect.objectContaining({ title: 'Run finished: 1 set to Active' }));
        // the finished run stays until dismissed
        const progress = progresses(element)[0];
        expect(button(progress, '.run-cancel')).toBeNull();
        button(progress, '.run-dismiss')!.click();
        await jest.advanceTimersByTimeAsync(10);
        expect(progresses(element)).toHaveLength(0);
    });

    it('Retry failed re-runs the failed records and the action`s chain continues when the retry finishes', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        mocks.listFlowRuns.mockResolvedValue([run()]);
        mocks.getFlowRun
            .mockResolvedValueOnce(run({ status: 'Completed_With_Errors', succeeded: 2, failed: 1, remaining: 0 }))
            .mockResolvedValue(run({ status: 'Completed', succeeded: 3, failed: 0, remaining: 0 }));
        mocks.retryFlowRun.mockResolvedValue(run({ status: 'Running', succeeded: 2, failed: 0, remaining: 1 }));
        const { element, toasts } = mount();
        await jest.advanceTimersByTimeAsync(2010);
        expect(toasts).toHaveBeenCalledWith(
            expect.objectContaining({ title: 'Run finished with errors: 1 failed', message: '2 of 3 set to Active' })
        );
        button(progresses(element)[0], '.run-retry')!.click();
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.retryFlowRun).toHaveBeenCalledWith({ runId: 'a01RUN' });
        expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ title: 'Run RUN-000007 retries 1 records' }));
        await jest.advanceTimersByTimeAsync(2000);
        expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ title: 'Run finished: 3 set to Active' }));
        expect(progresses(element)[0].run.status).toBe('Completed');
    });

    it('with empApi, events carry the progress and polling drops to the 10 s safety net', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        (isEmpEnabled as jest.Mock).mockResolvedValue(true);
        let deliver: (message: unknown) => void = () => undefined;
        (subscribe as jest.Mock).mockImplementation((_channel: string, _replay: number, callback: typeof deliver) => {
            deliver = callback;
            return Promise.resolve({ id: 1 });
        });
        mocks.listFlowRuns.mockResolvedValue([run()]);
        mocks.getFlowRun.mockResolvedValue(run({ status: 'Completed', succeeded: 3, remaining: 0 }));
        const { element, toasts } = mount();
        await jest.advanceTimersByTimeAsync(10);
        expect(subscribe).toHaveBeenCalledWith('/event/Dynamic_Component_Run_Event__e', -1, expect.any(Function));
        deliver({
            data: {
                payload: {
                    Run_Id__c: 'a01RUN',
                    Status__c: 'Running',
                    Total__c: 3,
                    Succeeded__c: 2,
                    Failed__c: 0,
                    Started_By__c: '005U'
                }
            }
        });
        await jest.advanceTimersByTimeAsync(2500);
        expect(mocks.getFlowRun).not.toHaveBeenCalled();
        expect(progresses(element)[0].shadowRoot!.querySelector('.counts')!.textContent).toBe('2 of 3');
        deliver({
            data: {
                payload: {
                    Run_Id__c: 'a01RUN',
                    Status__c: 'Completed',
                    Total__c: 3,
                    Succeeded__c: 3,
                    Failed__c: 0,
                    Started_By__c: '005U'
                }
            }
        });
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.getFlowRun).toHaveBeenCalledTimes(1);
        expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ title: 'Run finished: 3 set to Active' }));
    });

    it('Run history opens the panel; View details opens it on that run; Close hides it', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        mocks.listFlowRuns.mockResolvedValue([run()]);
        mocks.getFlowRun.mockResolvedValue(run());
        const { element } = mount();
        await jest.advanceTimersByTimeAsync(10);
        const historyButton = element.shadowRoot!.querySelector('.run-history-button') as HTMLButtonElement;
        expect(historyButton.getAttribute('aria-expanded')).toBe('false');
        historyButton.click();
        await jest.advanceTimersByTimeAsync(10);
        let panel = element.shadowRoot!.querySelector('c-dc-run-history') as HTMLElement & {
            definitionName: string;
            runId: string;
        };
        expect(panel.definitionName).toBe('E2E_Run_Chunked');
        expect(panel.runId).toBe('');
        expect(historyButton.getAttribute('aria-expanded')).toBe('true');
        (element.shadowRoot!.querySelector('.run-history-close') as HTMLButtonElement).click();
        await jest.advanceTimersByTimeAsync(10);
        expect(element.shadowRoot!.querySelector('c-dc-run-history')).toBeNull();
        button(progresses(element)[0], '.run-details')!.click();
        await jest.advanceTimersByTimeAsync(10);
        panel = element.shadowRoot!.querySelector('c-dc-run-history') as typeof panel;
        expect(panel.runId).toBe('a01RUN');
    });

    it('a started run frees its table for work while the interaction stays busy (a second click starts nothing)', async () => {
        jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
        mocks.runQuery.mockResolvedValue({
            records: [
                { Id: '003000000000001AAA', Name: 'Ann', Email: 'a@example.com', Status__c: 'New' },
                { Id: '003000000000002AAA', Name: 'Bo', Email: 'b@example.com', Status__c: 'New' }
            ],
            nextCursor: null,
            totalCount: 2,
            fields: [],
            notices: [],
            objectLabel: 'Contact',
            objectLabelPlural: 'Contacts'
        });
        mocks.startFlowRun.mockResolvedValue(run({ status: 'Queued', succeeded: 0, remaining: 2, total: 2 }));
        mocks.getFlowRun.mockResolvedValue(run({ status: 'Running', total: 2, remaining: 1 }));
        const { element } = mount();
        await jest.advanceTimersByTimeAsync(10);
        const table = element.shadowRoot!.querySelector('c-dynamic-data-table') as HTMLElement & {
            busyActions: string[];
        };
        const grid = table.shadowRoot!.querySelector('c-data-grid') as HTMLElement;
        (grid.shadowRoot!.querySelector('input.select-all') as HTMLInputElement).click();
        await jest.advanceTimersByTimeAsync(10);
        const header = () =>
            table.shadowRoot!.querySelector('lightning-button[data-action="setActive"]') as HTMLElement;
        header().click();
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.startFlowRun).toHaveBeenCalledTimes(1);
        expect(progresses(element)).toHaveLength(1);
        expect(table.busyActions).toEqual([]);
        header().click();
        await jest.advanceTimersByTimeAsync(10);
        expect(mocks.startFlowRun).toHaveBeenCalledTimes(1);
    });

    it('a failing listFlowRuns leaves the page working and shows no progress', async () => {
        mocks.listFlowRuns.mockRejectedValue({ body: { message: 'No access' } });
        const { element } = mount();
        await settle();
        expect(progresses(element)).toHaveLength(0);
        expect(element.shadowRoot!.querySelector('c-dynamic-data-table')).not.toBeNull();
    });
});
