import { createElement } from '@lwc/engine-dom';
import DcRunHistory from 'c/dcRunHistory';
import listFlowRuns from '@salesforce/apex/DynamicComponentController.listFlowRuns';
import getFlowRun from '@salesforce/apex/DynamicComponentController.getFlowRun';
import retryFlowRun from '@salesforce/apex/DynamicComponentController.retryFlowRun';
import cancelFlowRun from '@salesforce/apex/DynamicComponentController.cancelFlowRun';
import type { FlowRunView } from 'c/dcRuntime';
import { failedRecords, failedRecordsCsv, failedRecordsFileName, newestFirst, NO_MESSAGE } from '../runHistoryModel';

jest.mock('@salesforce/apex/DynamicComponentController.listFlowRuns', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.getFlowRun', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentController.retryFlowRun', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.cancelFlowRun', () => ({ default: jest.fn() }), {
    virtual: true
});

const listMock = listFlowRuns as unknown as jest.Mock;
const getMock = getFlowRun as unknown as jest.Mock;
const retryMock = retryFlowRun as unknown as jest.Mock;
const cancelMock = cancelFlowRun as unknown as jest.Mock;

type HistoryElement = HTMLElement & { definitionName: string; runId: string; refresh(): Promise<void> };

function run(overrides: Partial<FlowRunView>): FlowRunView {
    return {
        id: 'a0R000000000001AAA',
        name: 'RUN-000001',
        definitionName: 'Contact_Status_Board',
        interactionId: 'setActive',
        actionId: 'runSetActive',
        status: 'Completed',
        total: 400,
        succeeded: 400,
        failed: 0,
        remaining: 0,
        chunkSize: 200,
        startedById: '005000000000001AAA',
        startedAt: '2026-12-07T10:00:00.000Z',
        finishedAt: '2026-12-07T10:05:00.000Z',
        message: null,
        outputs: {},
        ...overrides
    };
}

const OLD_RUN = run({});
const NEW_RUN = run({
    id: 'a0R000000000002AAA',
    name: 'RUN-000002',
    status: 'Completed_With_Errors',
    total: 25000,
    succeeded: 24998,
    failed: 2,
    startedAt: '2026-12-07T12:00:00.000Z',
    finishedAt: '2026-12-07T12:30:00.000Z'
});
const RUNNING = run({
    id: 'a0R000000000003AAA',
    name: 'RUN-000003',
    status: 'Running',
    total: 600,
    succeeded: 200,
    remaining: 400,
    startedAt: '2026-12-07T13:00:00.000Z',
    finishedAt: null,
    chunks: [
        { index: 0, status: 'Done', size: 200, message: null, failedIds: [] },
        { index: 1, status: 'Running', size: 200, message: null, failedIds: [] },
        { index: 2, status: 'Queued', size: 200, message: null, failedIds: [] }
    ]
});

/** NEW_RUN with its chunks: chunk 2 (index 1) failed on two records, with a message that needs CSV quoting. */
const NEW_RUN_DETAILS: FlowRunView = {
    ...NEW_RUN,
    message: 'Chunk 2 failed.',
    chunks: [
        { index: 0, status: 'Done', size: 200, message: null, failedIds: [] },
        {
            index: 1,
            status: 'Failed',
            size: 200,
            message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: "Status" is locked, ask an admin',
            failedIds: ['003000000000001AAA', '003000000000002AAA']
        },
        { index: 2, status: 'Done', size: 100, message: null, failedIds: [] }
    ]
};

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function apexError(message: string): unknown {
    // how an AuraHandledException with the controller's JSON message reaches the component
    return { body: { message: JSON.stringify({ code: 'NOT_FOUND', message, details: [] }) } };
}

function mount(props: Partial<{ definitionName: string; runId: string }> = {}): HistoryElement {
    const element = createElement('c-dc-run-history', { is: DcRunHistory }) as HistoryElement;
    Object.assign(element, { definitionName: 'Contact_Status_Board', ...props });
    document.body.appendChild(element);
    return element;
}

function q<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
    return element.shadowRoot!.querySelector<T>(selector);
}

function qa(element: HTMLElement, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(selector));
}

function cellTexts(row: Element): string[] {
    return Array.from(row.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim());
}

async function openDetailsOf(element: HTMLElement, runId: string): Promise<void> {
    q<HTMLButtonElement>(element, `button.run-open[data-id="${runId}"]`)!.click();
    await flush();
    await flush();
}

function buttonByText(element: HTMLElement, text: string): HTMLButtonElement | undefined {
    return qa(element, 'button').find((b) => (b.textContent ?? '').trim() === text) as HTMLButtonElement | undefined;
}

describe('c-dc-run-history', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('lists the runs of its definition newest first, with status label, counts and dates', async () => {
        listMock.mockResolvedValue([OLD_RUN, NEW_RUN]);
        const element = mount();
        await flush();

        expect(listMock).toHaveBeenCalledWith({ definitionName: 'Contact_Status_Board' });
        const table = q(element, 'table.runs')!;
        expect(table.querySelector('caption')!.textContent).toBe('Your runs of Contact_Status_Board, newest first');
        const headers = Array.from(table.querySelectorAll('thead th')).map((th) => [
            th.textContent!.trim(),
            th.getAttribute('scope')
        ]);
        expect(headers).toEqual([
            ['Run', 'col'],
            ['Status', 'col'],
            ['Total', 'col'],
            ['Succeeded', 'col'],
            ['Failed', 'col'],
            ['Started', 'col'],
            ['Finished', 'col']
        ]);
        const rows = Array.from(table.querySelectorAll('tbody tr'));
        expect(rows.map((r) => cellTexts(r).slice(0, 5))).toEqual([
            ['RUN-000002', 'Completed with errors', '25,000', '24,998', '2'],
            ['RUN-000001', 'Completed', '400', '400', '0']
        ]);
        expect(rows[0].querySelector('th')!.getAttribute('scope')).toBe('row');
        // started / finished are dates in the user's locale, not the raw ISO text
        const [started, finished] = cellTexts(rows[0]).slice(5);
        expect(started).toMatch(/2026/);
        expect(started).not.toContain('T12:00');
        expect(finished).toMatch(/2026/);
        const open = rows[0].querySelector('button.run-open')!;
        expect(open.getAttribute('aria-label')).toBe('Details of run RUN-000002');
        expect(q(element, '.live-status')!.textContent).toBe('2 runs loaded.');
        await expect(element).toBeAccessible();
    });

    it('asks for all of the user runs when no definition is given and says when there are none', async () => {
        listMock.mockResolvedValue([]);
        const element = mount({ definitionName: '' });
        await flush();
        expect(listMock).toHaveBeenCalledWith({ definitionName: null });
        expect(q(element, 'table.runs')).toBeNull();
        expect(q(element, '.empty')!.textContent).toBe('No runs yet.');
    });

    it('shows the server error in an alert when listFlowRuns fails, and Refresh retries', async () => {
        listMock.mockRejectedValueOnce(apexError('The list is unavailable.'));
        const element = mount();
        await flush();
        const alert = q(element, '.list-error')!;
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toBe('The runs could not be loaded: The list is unavailable.');

        listMock.mockResolvedValueOnce([OLD_RUN]);
        q<HTMLButtonElement>(element, 'button.refresh-list')!.click();
        await flush();
        expect(q(element, '.list-error')).toBeNull();
        expect(qa(element, 'table.runs tbody tr')).toHaveLength(1);
    });

    it("opens a run's details: summary, chunks with status and message, failed Ids with their chunk's message", async () => {
        listMock.mockResolvedValue([OLD_RUN, NEW_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const element = mount();
        await flush();
        await openDetailsOf(element, NEW_RUN.id);

        expect(getMock).toHaveBeenCalledWith({ runId: NEW_RUN.id });
        expect(q(element, 'table.runs')).toBeNull();
        const heading = q(element, '.details-heading')!;
        expect(heading.textContent).toBe('Run RUN-000002');
        expect(element.shadowRoot!.activeElement).toBe(heading);
        expect(q(element, 'dd[data-key="failed"]')!.textContent).toBe('2');
        expect(q(element, 'dd[data-key="status"]')!.textContent).toBe('Completed with errors');
        expect(q(element, '.run-message')!.textContent).toBe('Chunk 2 failed.');

        const chunks = q(element, 'table.chunks')!;
        expect(chunks.querySelector('caption')!.textContent).toBe('Chunks (3)');
        expect(Array.from(chunks.querySelectorAll('tbody tr')).map(cellTexts)).toEqual([
            ['1', 'Done', '200', '0', ''],
            ['2', 'Failed', '200', '2', 'FIELD_CUSTOM_VALIDATION_EXCEPTION: "Status" is locked, ask an admin'],
            ['3', 'Done', '100', '0', '']
        ]);
        const failed = q(element, 'table.failed')!;
        expect(failed.querySelector('caption')!.textContent).toBe('Failed records (2)');
        expect(Array.from(failed.querySelectorAll('thead th')).map((th) => th.textContent!.trim())).toEqual([
            'Record Id',
            'Chunk',
            'Message'
        ]);
        expect(Array.from(failed.querySelectorAll('tbody tr')).map(cellTexts)).toEqual([
            ['003000000000001AAA', '2', 'FIELD_CUSTOM_VALIDATION_EXCEPTION: "Status" is locked, ask an admin'],
            ['003000000000002AAA', '2', 'FIELD_CUSTOM_VALIDATION_EXCEPTION: "Status" is locked, ask an admin']
        ]);
        // a finished run with a failed chunk: Retry, no Cancel
        expect(q(element, 'button.retry')!.getAttribute('aria-label')).toBe('Retry failed records of run RUN-000002');
        expect(q(element, 'button.cancel')).toBeNull();
        await expect(element).toBeAccessible();

        // Back: the list again, the focus on the run that was open
        buttonByText(element, 'Back to runs')!.click();
        await flush();
        const back = q(element, `button.run-open[data-id="${NEW_RUN.id}"]`)!;
        expect(element.shadowRoot!.activeElement).toBe(back);
    });

    it('opens the run given by runId at once', async () => {
        listMock.mockResolvedValue([OLD_RUN, NEW_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const element = mount({ runId: NEW_RUN.id });
        await flush();
        await flush();
        expect(getMock).toHaveBeenCalledWith({ runId: NEW_RUN.id });
        expect(q(element, '.details-heading')!.textContent).toBe('Run RUN-000002');
        expect(qa(element, 'table.failed tbody tr')).toHaveLength(2);

        // a runId set later opens that run
        getMock.mockResolvedValue({ ...OLD_RUN, chunks: [] });
        element.runId = OLD_RUN.id;
        await flush();
        await flush();
        expect(getMock).toHaveBeenLastCalledWith({ runId: OLD_RUN.id });
        expect(q(element, '.details-heading')!.textContent).toBe('Run RUN-000001');
        expect(q(element, '.no-failed')!.textContent).toBe('No failed records.');
        expect(q<HTMLButtonElement>(element, 'button.download')!.disabled).toBe(true);
    });

    it("Back from a run that is not in the list puts the focus on the list's Refresh", async () => {
        listMock.mockResolvedValue([OLD_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const element = mount({ runId: NEW_RUN.id });
        await flush();
        await flush();
        buttonByText(element, 'Back to runs')!.click();
        await flush();
        expect(element.shadowRoot!.activeElement).toBe(q(element, 'button.refresh-list'));
        expect(qa(element, 'table.runs tbody tr')).toHaveLength(1);
    });

    it('downloads the failed records as CSV: Record Id, Chunk, Message, quoted as RFC 4180 wants', async () => {
        listMock.mockResolvedValue([NEW_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const element = mount({ runId: NEW_RUN.id });
        await flush();
        await flush();

        const parts: BlobPart[][] = [];
        const RealBlob = global.Blob;
        global.Blob = class extends RealBlob {
            constructor(blobParts?: BlobPart[], options?: BlobPropertyBag) {
                super(blobParts, options);
                parts.push(blobParts ?? []);
            }
        } as typeof Blob;
        Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() });
        const names: string[] = [];
        const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
            this: HTMLAnchorElement
        ) {
            names.push(this.download);
        });
        try {
            const button = buttonByText(element, 'Download failed records (CSV)')!;
            expect(button.disabled).toBe(false);
            button.click();
        } finally {
            global.Blob = RealBlob;
            click.mockRestore();
        }
        expect(names).toEqual(['RUN-000002 failed records.csv']);
        expect(parts).toHaveLength(1);
        expect(parts[0].join('')).toBe(
            '\uFEFFRecord Id,Chunk,Message\r\n' +
                '003000000000001AAA,2,"FIELD_CUSTOM_VALIDATION_EXCEPTION: ""Status"" is locked, ask an admin"\r\n' +
                '003000000000002AAA,2,"FIELD_CUSTOM_VALIDATION_EXCEPTION: ""Status"" is locked, ask an admin"\r\n'
        );
        await flush();
        expect(q(element, '.live-status')!.textContent).toBe('Downloaded 2 failed records.');
    });

    it('Retry failed calls retryFlowRun, shows the returned run, refreshes the list and fires retry', async () => {
        listMock.mockResolvedValue([NEW_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const requeued: FlowRunView = {
            ...NEW_RUN_DETAILS,
            status: 'Queued',
            failed: 0,
            remaining: 200,
            finishedAt: null,
            chunks: NEW_RUN_DETAILS.chunks!.map((c) => (c.status === 'Failed' ? { ...c, status: 'Queued' } : c))
        };
        retryMock.mockResolvedValue(requeued);
        const element = mount({ runId: NEW_RUN.id });
        await flush();
        await flush();
        const events: unknown[] = [];
        element.addEventListener('retry', (e) => events.push((e as CustomEvent).detail));
        listMock.mockClear();

        q<HTMLButtonElement>(element, 'button.retry')!.click();
        await flush();
        await flush();

        expect(retryMock).toHaveBeenCalledWith({ runId: NEW_RUN.id });
        expect(events).toEqual([{ runId: NEW_RUN.id, run: requeued }]);
        expect(listMock).toHaveBeenCalledTimes(1);
        expect(q(element, 'dd[data-key="status"]')!.textContent).toBe('Queued');
        // the run is no longer finished: Cancel instead of Retry
        expect(q(element, 'button.retry')).toBeNull();
        expect(q(element, 'button.cancel')).not.toBeNull();
        expect(q(element, '.live-status')!.textContent).toBe('The failed records of run RUN-000002 are queued again.');
    });

    it('Cancel calls cancelFlowRun, fires cancel, and a running run is re-read until it stops', async () => {
        jest.useFakeTimers();
        listMock.mockResolvedValue([RUNNING]);
        getMock.mockResolvedValue(RUNNING);
        const element = mount({ runId: RUNNING.id });
        await jest.advanceTimersByTimeAsync(0);
        expect(getMock).toHaveBeenCalledTimes(1);
        expect(q(element, 'button.retry')).toBeNull();
        const cancelButton = q<HTMLButtonElement>(element, 'button.cancel')!;
        expect(cancelButton.getAttribute('aria-label')).toBe('Cancel run RUN-000003');

        // while it runs, its details are polled
        await jest.advanceTimersByTimeAsync(3000);
        expect(getMock).toHaveBeenCalledTimes(2);

        const cancelled: FlowRunView = {
            ...RUNNING,
            status: 'Cancelled',
            finishedAt: '2026-12-07T13:01:00.000Z',
            chunks: RUNNING.chunks!.map((c) => (c.status === 'Queued' ? { ...c, status: 'Cancelled' } : c))
        };
        cancelMock.mockResolvedValue(cancelled);
        const events: unknown[] = [];
        element.addEventListener('cancel', (e) => events.push((e as CustomEvent).detail));
        q<HTMLButtonElement>(element, 'button.cancel')!.click();
        await jest.advanceTimersByTimeAsync(0);

        expect(cancelMock).toHaveBeenCalledWith({ runId: RUNNING.id });
        expect(events).toEqual([{ runId: RUNNING.id, run: cancelled }]);
        expect(q(element, 'dd[data-key="status"]')!.textContent).toBe('Cancelled');
        expect(q(element, 'button.cancel')).toBeNull();
        expect(cellTexts(qa(element, 'table.chunks tbody tr')[2])[1]).toBe('Cancelled');
        // finished: no more polling
        await jest.advanceTimersByTimeAsync(10000);
        expect(getMock).toHaveBeenCalledTimes(2);
    });

    it('refresh() re-reads the list and the open run', async () => {
        listMock.mockResolvedValue([NEW_RUN]);
        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        const element = mount({ runId: NEW_RUN.id });
        await flush();
        await flush();
        listMock.mockClear();
        getMock.mockClear();
        getMock.mockResolvedValue({ ...NEW_RUN_DETAILS, message: 'Re-read.' });
        await element.refresh();
        await flush();
        expect(listMock).toHaveBeenCalledWith({ definitionName: 'Contact_Status_Board' });
        expect(getMock).toHaveBeenCalledWith({ runId: NEW_RUN.id });
        expect(q(element, '.run-message')!.textContent).toBe('Re-read.');
    });

    it('shows an alert when getFlowRun or an action fails, and keeps the run shown', async () => {
        listMock.mockResolvedValue([NEW_RUN]);
        getMock.mockRejectedValueOnce(apexError('No run a0R000000000009AAA of yours exists.'));
        const element = mount({ runId: 'a0R000000000009AAA' });
        await flush();
        await flush();
        const alert = q(element, '.details-error')!;
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent!.trim()).toBe(
            'The run could not be loaded: No run a0R000000000009AAA of yours exists.'
        );

        getMock.mockResolvedValue(NEW_RUN_DETAILS);
        element.runId = NEW_RUN.id;
        await flush();
        await flush();
        expect(q(element, '.details-error')).toBeNull();

        retryMock.mockRejectedValueOnce({
            body: { message: JSON.stringify({ code: 'NOTHING_TO_RETRY', message: 'No chunk failed.', details: [] }) }
        });
        const events: unknown[] = [];
        element.addEventListener('retry', (e) => events.push(e));
        q<HTMLButtonElement>(element, 'button.retry')!.click();
        await flush();
        await flush();
        expect(q(element, '.details-error')!.textContent!.trim()).toBe(
            'The run could not be retried: No chunk failed.'
        );
        expect(events).toHaveLength(0);
        expect(q(element, '.details-heading')!.textContent).toBe('Run RUN-000002');
        expect(q<HTMLButtonElement>(element, 'button.retry')!.disabled).toBe(false);
    });
});

describe('runHistoryModel', () => {
    it('lists failed Ids in chunk order with their chunk number (1-based) and message', () => {
        const records = failedRecords({
            chunks: [
                { index: 3, status: 'Failed', size: 1, message: null, failedIds: ['003B'] },
                { index: 0, status: 'Failed', size: 2, message: 'boom', failedIds: ['003A1', '003A2'] }
            ]
        });
        expect(records).toEqual([
            { recordId: '003A1', chunk: 1, message: 'boom' },
            { recordId: '003A2', chunk: 1, message: 'boom' },
            { recordId: '003B', chunk: 4, message: NO_MESSAGE }
        ]);
    });

    it('neutralises a message a spreadsheet would run as a formula', () => {
        const csv = failedRecordsCsv({
            chunks: [{ index: 0, status: 'Failed', size: 1, message: '=HYPERLINK("x")', failedIds: ['003A'] }]
        });
        expect(csv).toBe('\uFEFFRecord Id,Chunk,Message\r\n003A,1,"\'=HYPERLINK(""x"")"\r\n');
        expect(failedRecordsCsv({ chunks: [] })).toBe('\uFEFFRecord Id,Chunk,Message\r\n');
    });

    it('names the file after the run and sorts runs newest first', () => {
        expect(failedRecordsFileName({ name: 'RUN-000007', id: 'a0R' })).toBe('RUN-000007 failed records.csv');
        expect(newestFirst([OLD_RUN, RUNNING, NEW_RUN]).map((r) => r.name)).toEqual([
            'RUN-000003',
            'RUN-000002',
            'RUN-000001'
        ]);
    });
});
