import type { FlowRunView } from 'c/dcRuntime';
import { RunWatcher, RunWatchStoppedError, isFinished } from '../runWatcher';

function view(status: FlowRunView['status'], succeeded: number): FlowRunView {
    return {
        id: 'a01RUN',
        name: 'RUN-000001',
        definitionName: 'D',
        interactionId: 'i',
        actionId: 'a',
        status,
        total: 600,
        succeeded,
        failed: 0,
        remaining: 600 - succeeded,
        chunkSize: 200,
        startedById: '005U',
        startedAt: '2026-12-07T20:00:00.000Z',
        finishedAt: null,
        message: null,
        outputs: {}
    };
}

describe('RunWatcher', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('polls getFlowRun every interval until the run has finished, reporting each read', async () => {
        const reads = [view('Running', 200), view('Running', 400), view('Completed', 600)];
        const getRun = jest.fn().mockImplementation(() => Promise.resolve(reads.shift()));
        const progress: number[] = [];
        const watcher = new RunWatcher({ getRun, onProgress: (r) => progress.push(r.succeeded), intervalMs: 2000 });
        const done = watcher.watch(view('Queued', 0));
        for (let i = 0; i < 3; i++) {
            expect(watcher.size).toBe(1);
            // eslint-disable-next-line no-await-in-loop
            await jest.advanceTimersByTimeAsync(2000);
        }
        await expect(done).resolves.toMatchObject({ status: 'Completed', succeeded: 600 });
        expect(getRun).toHaveBeenCalledTimes(3);
        expect(getRun).toHaveBeenCalledWith('a01RUN');
        expect(progress).toEqual([0, 200, 400, 600]);
        expect(watcher.size).toBe(0);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('a run that is already finished resolves without a read', async () => {
        const getRun = jest.fn();
        await expect(new RunWatcher({ getRun }).watch(view('Cancelled', 200))).resolves.toMatchObject({
            status: 'Cancelled'
        });
        expect(getRun).not.toHaveBeenCalled();
    });

    it('stop() clears the timers and rejects the pending watches', async () => {
        const getRun = jest.fn();
        const watcher = new RunWatcher({ getRun });
        const done = watcher.watch(view('Running', 0));
        watcher.stop();
        await expect(done).rejects.toBeInstanceOf(RunWatchStoppedError);
        expect(jest.getTimerCount()).toBe(0);
        await jest.advanceTimersByTimeAsync(10000);
        expect(getRun).not.toHaveBeenCalled();
    });

    it('a failed read rejects with the server error', async () => {
        const error = Object.assign(new Error('No run a01RUN.'), { code: 'NOT_FOUND' });
        const watcher = new RunWatcher({ getRun: jest.fn().mockRejectedValue(error) });
        const done = watcher.watch(view('Running', 0));
        const outcome = done.then(
            () => 'resolved',
            (e: unknown) => e
        );
        await jest.advanceTimersByTimeAsync(2000);
        expect(await outcome).toBe(error);
    });

    const event = (status: FlowRunView['status'], succeeded: number, failed = 0) => ({
        Run_Id__c: 'a01RUN',
        Status__c: status,
        Total__c: 600,
        Succeeded__c: succeeded,
        Failed__c: failed,
        Started_By__c: '005U'
    });

    it('an event updates the counts at once; a finished event reads the final view and resolves', async () => {
        const getRun = jest.fn().mockResolvedValue({ ...view('Completed_With_Errors', 550), failed: 50, remaining: 0 });
        const progress: Array<[string, number, number, number]> = [];
        const watcher = new RunWatcher({
            getRun,
            onProgress: (r) => progress.push([r.status, r.succeeded, r.failed, r.remaining])
        });
        watcher.setLive(true);
        const done = watcher.watch(view('Queued', 0));
        watcher.handleEvent(event('Running', 200, 0));
        watcher.handleEvent({ ...event('Running', 400, 0), Run_Id__c: 'a01OTHER' });
        expect(getRun).not.toHaveBeenCalled();
        expect(watcher.runs()[0]).toMatchObject({ status: 'Running', succeeded: 200, remaining: 400 });
        watcher.handleEvent(event('Completed_With_Errors', 550, 50));
        await expect(done).resolves.toMatchObject({ status: 'Completed_With_Errors', failed: 50 });
        expect(getRun).toHaveBeenCalledTimes(1);
        expect(progress).toEqual([
            ['Queued', 0, 0, 600],
            ['Running', 200, 0, 400],
            ['Completed_With_Errors', 550, 50, 0]
        ]);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('while events are live it polls only every 10 s (safety); falling back to polling reads every 2 s', async () => {
        const getRun = jest.fn().mockResolvedValue(view('Running', 200));
        const watcher = new RunWatcher({ getRun });
        watcher.setLive(true);
        const done = watcher.watch(view('Running', 0));
        await jest.advanceTimersByTimeAsync(9000);
        expect(getRun).not.toHaveBeenCalled();
        await jest.advanceTimersByTimeAsync(1000);
        expect(getRun).toHaveBeenCalledTimes(1);
        watcher.setLive(false);
        await jest.advanceTimersByTimeAsync(2000);
        expect(getRun).toHaveBeenCalledTimes(2);
        watcher.stop();
        await expect(done).rejects.toBeInstanceOf(RunWatchStoppedError);
    });

    it('watching a run that is already followed joins it: one timer, both resolve', async () => {
        const getRun = jest.fn().mockResolvedValue(view('Completed', 600));
        const watcher = new RunWatcher({ getRun });
        const first = watcher.watch(view('Running', 0));
        const second = watcher.watch(view('Running', 100));
        expect(watcher.size).toBe(1);
        expect(jest.getTimerCount()).toBe(1);
        await jest.advanceTimersByTimeAsync(2000);
        await expect(Promise.all([first, second])).resolves.toHaveLength(2);
        expect(getRun).toHaveBeenCalledTimes(1);
    });

    it('an event during a read reads once more when the read returns', async () => {
        let release: (run: FlowRunView) => void = () => undefined;
        const getRun = jest
            .fn()
            .mockImplementationOnce(() => new Promise<FlowRunView>((resolve) => (release = resolve)))
            .mockResolvedValueOnce(view('Completed', 600));
        const watcher = new RunWatcher({ getRun });
        const done = watcher.watch(view('Running', 0));
        await jest.advanceTimersByTimeAsync(2000);
        watcher.handleEvent(event('Completed', 600));
        expect(getRun).toHaveBeenCalledTimes(1);
        release(view('Running', 400));
        await expect(done).resolves.toMatchObject({ status: 'Completed' });
        expect(getRun).toHaveBeenCalledTimes(2);
    });

    it('a transient read failure is retried; three in a row give up', async () => {
        const dropped = new Error('Failed to fetch');
        const getRun = jest.fn().mockRejectedValueOnce(dropped).mockResolvedValueOnce(view('Completed', 600));
        const watcher = new RunWatcher({ getRun });
        const done = watcher.watch(view('Running', 0));
        await jest.advanceTimersByTimeAsync(4000);
        await expect(done).resolves.toMatchObject({ status: 'Completed' });

        const failing = new RunWatcher({ getRun: jest.fn().mockRejectedValue(dropped) });
        const outcome = failing.watch(view('Running', 0)).then(
            () => 'resolved',
            (e: unknown) => e
        );
        await jest.advanceTimersByTimeAsync(6000);
        expect(await outcome).toBe(dropped);
        expect(failing.size).toBe(0);
    });

    it.each([
        ['Queued', false],
        ['Running', false],
        ['Completed', true],
        ['Completed_With_Errors', true],
        ['Failed', true],
        ['Cancelled', true]
    ] as const)('isFinished(%s) is %s', (status, expected) => {
        expect(isFinished(view(status, 0))).toBe(expected);
    });
});
