import { Runtime, SelectionModel } from 'c/dcRuntime';
import type { FlowRunView } from 'c/dcRuntime';
import { InteractionEngine, needsChunks } from 'c/dcInteractions';
import type { ActionServices } from 'c/dcInteractions';
import type { ActionDefinition, DefinitionDocument, ExecuteFlowAction, InteractionDefinition } from 'c/dcDefinition';

type Mocked = { [K in keyof ActionServices]-?: jest.Mock };

function run(overrides: Partial<FlowRunView> = {}): FlowRunView {
    return {
        id: 'a01RUN',
        name: 'RUN-000012',
        definitionName: 'Contact_Status_Board',
        interactionId: 'setActive',
        actionId: 'runSetActive',
        status: 'Completed',
        total: 450,
        succeeded: 450,
        failed: 0,
        remaining: 0,
        chunkSize: 200,
        startedById: '005U',
        startedAt: '2026-12-07T20:00:00.000Z',
        finishedAt: '2026-12-07T20:01:00.000Z',
        message: null,
        outputs: { updatedCount: 450 },
        ...overrides
    };
}

function services(finished: FlowRunView): Mocked {
    const queued = { ...finished, status: 'Queued' as const, succeeded: 0, failed: 0, remaining: finished.total };
    return {
        refreshQueries: jest.fn().mockResolvedValue(undefined),
        showToast: jest.fn(),
        navigate: jest.fn(),
        confirm: jest.fn().mockResolvedValue(true),
        executeFlow: jest.fn().mockResolvedValue({ success: true, outputs: { updatedCount: 3 }, error: null }),
        openFlow: jest.fn(),
        exportTable: jest.fn(),
        startFlowRun: jest.fn().mockResolvedValue(queued),
        watchFlowRun: jest.fn().mockResolvedValue(finished)
    };
}

function interaction(action: Partial<ExecuteFlowAction>): InteractionDefinition {
    return {
        id: 'setActive',
        on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
        do: [
            {
                type: 'executeFlow',
                id: 'runSetActive',
                flowApiName: 'Set_Contact_Status_Active',
                mode: 'auto',
                inputs: [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }],
                outputs: [{ name: 'updatedCount', resource: 'updatedCount', aggregate: 'sum' }],
                onFinish: [
                    { type: 'showToast', variant: 'success', title: '{!$Run.succeeded} of {!$Run.total} set to Active' }
                ],
                onError: [
                    {
                        type: 'showToast',
                        variant: 'warning',
                        title: '{!$Run.failed} failed in {!$Run.id}',
                        message: '{!$Error.message} ({!$Error.code})'
                    }
                ],
                ...action
            } as ActionDefinition
        ]
    };
}

function setup(action: Partial<ExecuteFlowAction>, finished: FlowRunView, selected: number) {
    const definition: DefinitionDocument = {
        schemaVersion: 1,
        apiName: 'Contact_Status_Board',
        label: 'Contacts',
        resources: [{ name: 'updatedCount', kind: 'variable', dataType: 'Number' }],
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [{ field: 'Name' }] }],
        interactions: [interaction(action)]
    };
    const runtime = new Runtime(definition, { user: { Id: '005U' } });
    const table = new SelectionModel({ keyField: 'Id' });
    runtime.registerComponent('contactsTable', table);
    table.select(Array.from({ length: selected }, (_, i) => ({ Id: `003${String(i).padStart(15, '0')}` })));
    const svc = services(finished);
    const engine = new InteractionEngine({ runtime, services: svc });
    const click = { event: 'headerActionClick' as const, target: 'contactsTable', action: 'setActive' };
    return { runtime, engine, svc, table, dispatch: () => engine.dispatch(click) };
}

describe('needsChunks', () => {
    const context = (n: number) => ({ selection: { t: Array.from({ length: n }, (_, i) => String(i)) } });
    it.each([
        [undefined, undefined, 5000, false],
        ['sync', undefined, 5000, false],
        ['async', undefined, 1, true],
        ['auto', undefined, 200, false],
        ['auto', undefined, 201, true],
        ['auto', 50, 51, true],
        ['auto', 50, 50, false]
    ])('mode %s, chunkSize %s, %i selected → %s', (mode, chunkSize, selected, expected) => {
        const action = { type: 'executeFlow', flowApiName: 'F', mode, chunkSize } as unknown as ExecuteFlowAction;
        expect(needsChunks(action, context(selected))).toBe(expected);
    });
});

describe('executeFlow with mode auto / async', () => {
    it('runs synchronously when auto fits one chunk', async () => {
        const { svc, dispatch, runtime } = setup({}, run(), 3);
        const result = await dispatch();
        expect(result.status).toBe('completed');
        expect(svc.executeFlow).toHaveBeenCalledTimes(1);
        expect(svc.startFlowRun).not.toHaveBeenCalled();
        expect(runtime.store.get('updatedCount')).toBe(3);
    });

    it('a failed one-transaction auto run still gives its On Error chain {!$Run…}', async () => {
        const { svc, dispatch } = setup({}, run(), 3);
        svc.executeFlow.mockResolvedValue({
            success: false,
            outputs: {},
            error: { code: 'FLOW_FAULT', message: 'Validation failed.', details: [] }
        });
        await dispatch();
        expect(svc.startFlowRun).not.toHaveBeenCalled();
        expect(svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({ title: '3 failed in ', message: 'Validation failed. (FLOW_FAULT)' })
        );
    });

    it('starts a chunked run above chunkSize, waits for it, stores the aggregate and runs onFinish with $Run', async () => {
        const finished = run();
        const { svc, dispatch, runtime } = setup({}, finished, 450);
        const result = await dispatch();
        expect(result).toEqual({ status: 'completed', interactions: ['setActive'], errors: [] });
        expect(svc.executeFlow).not.toHaveBeenCalled();
        const request = svc.startFlowRun.mock.calls[0][0];
        expect(request).toMatchObject({
            definitionName: 'Contact_Status_Board',
            interactionId: 'setActive',
            actionId: 'runSetActive',
            inputs: {}
        });
        expect(request.context.selection.contactsTable).toHaveLength(450);
        expect(typeof request.clientKey).toBe('string');
        expect(request.clientKey.length).toBeGreaterThan(10);
        expect(svc.watchFlowRun).toHaveBeenCalledWith(expect.objectContaining({ id: 'a01RUN', status: 'Queued' }));
        expect(runtime.store.get('updatedCount')).toBe(450);
        expect(svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({ title: '450 of 450 set to Active', variant: 'success' })
        );
    });

    it('runs onError with $Run and RUN_FAILED when some records failed', async () => {
        const finished = run({
            status: 'Completed_With_Errors',
            succeeded: 400,
            failed: 50,
            outputs: { updatedCount: 400 }
        });
        const { svc, dispatch, runtime } = setup({ mode: 'async' }, finished, 450);
        await dispatch();
        expect(runtime.store.get('updatedCount')).toBe(400);
        expect(svc.showToast).toHaveBeenCalledTimes(1);
        expect(svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({
                title: '50 failed in a01RUN',
                message: '50 of 450 records failed. (RUN_FAILED)',
                variant: 'warning'
            })
        );
    });

    it('without onError a failed run is an error toast and a failed dispatch', async () => {
        const finished = run({ status: 'Failed', succeeded: 0, failed: 450, message: 'Flow deactivated.' });
        const { svc, dispatch } = setup({ mode: 'async', onError: undefined }, finished, 450);
        const result = await dispatch();
        expect(result.status).toBe('failed');
        expect(result.errors[0]).toMatchObject({
            code: 'RUN_FAILED',
            message: '450 of 450 records failed. Flow deactivated.'
        });
        expect(svc.showToast).toHaveBeenCalledWith(expect.objectContaining({ variant: 'error' }));
    });

    it('a cancelled run runs neither chain and says how far it got', async () => {
        const finished = run({ status: 'Cancelled', succeeded: 200, failed: 0, remaining: 250 });
        const { svc, dispatch, runtime } = setup({ mode: 'async' }, finished, 450);
        await dispatch();
        expect(runtime.store.get('updatedCount')).toBeNull();
        expect(svc.showToast).toHaveBeenCalledTimes(1);
        expect(svc.showToast).toHaveBeenCalledWith({
            title: 'Run RUN-000012 cancelled',
            message: '200 of 450 records were processed before it stopped.',
            variant: 'info'
        });
    });

    it('a start refused by the server is the action error, with its code', async () => {
        const { svc, dispatch } = setup({ mode: 'async', onError: undefined }, run(), 450);
        svc.startFlowRun.mockRejectedValue(
            Object.assign(new Error('Header action needs a selection.'), { code: 'SELECTION_REQUIRED' })
        );
        const result = await dispatch();
        expect(result.errors[0]).toMatchObject({ code: 'SELECTION_REQUIRED' });
        expect(svc.watchFlowRun).not.toHaveBeenCalled();
    });

    it('a host without run services says the page cannot start chunked runs', async () => {
        const { svc, dispatch } = setup({ mode: 'async', onError: undefined }, run(), 450);
        delete (svc as Partial<Mocked>).startFlowRun;
        const result = await dispatch();
        expect(result.errors[0].code).toBe('RUNS_UNAVAILABLE');
        expect(result.errors[0].message).toContain("Action 'runSetActive' runs in chunks (mode async)");
    });

    it('{!$Run…} outside a run chain is an error naming where it is set', () => {
        const { runtime } = setup({}, run(), 0);
        expect(() => runtime.resolve('{!$Run.succeeded}')).toThrow(
            '{!$Run…} is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async.'
        );
        expect(runtime.resolve('{!$Run.succeeded}', { run: run({ succeeded: 7 }) })).toBe(7);
    });
});

describe('executeFlow with every matching row selected', () => {
    it('sends the table as `matching` (search, exclusions, expected count), not as Ids, and auto runs it in chunks', async () => {
        const { svc, dispatch, table: model } = setup({}, run({ total: 24999, succeeded: 24999 }), 0);
        model.selectAllMatching(25000, 'ann', [{ Id: '003A' }, { Id: '003B' }]);
        model.deselect('003B');
        await dispatch();
        expect(svc.executeFlow).not.toHaveBeenCalled();
        expect(svc.startFlowRun).toHaveBeenCalledTimes(1);
        const request = svc.startFlowRun.mock.calls[0][0];
        expect(request.context.matching).toEqual({
            contactsTable: { searchTerm: 'ann', excludedIds: ['003B'], expectedCount: 24999 }
        });
        expect(request.context.selection).toEqual({});
    });

    it('mode sync sends `matching` to executeFlow too: the server resolves (and limits) it', async () => {
        const { svc, dispatch, table: model } = setup({ mode: 'sync' }, run(), 0);
        model.selectAllMatching(300, null, [{ Id: '003A' }]);
        await dispatch();
        expect(svc.startFlowRun).not.toHaveBeenCalled();
        expect(svc.executeFlow.mock.calls[0][0].context.matching).toEqual({
            contactsTable: { searchTerm: null, excludedIds: [], expectedCount: 300 }
        });
    });
});
