import { Runtime, SelectionModel } from 'c/dcRuntime';
import type { FlowRunResponse } from 'c/dcRuntime';
import {
    ACTION_NOT_SET_UP,
    ActionError,
    flowInputType,
    InteractionEngine,
    interactionKey,
    resolveFlowInputs,
    toErrorInfo
} from 'c/dcInteractions';
import type { ActionServices, OpenFlowResult } from 'c/dcInteractions';
import type { ActionDefinition, DefinitionDocument, InteractionDefinition } from 'c/dcDefinition';

type Mocked = { [K in keyof ActionServices]: jest.Mock };

function services(overrides: Partial<Mocked> = {}): Mocked {
    return {
        refreshQueries: jest.fn().mockResolvedValue(undefined),
        showToast: jest.fn(),
        navigate: jest.fn(),
        confirm: jest.fn().mockResolvedValue(true),
        executeFlow: jest.fn().mockResolvedValue({ success: true, outputs: { updatedCount: 2 }, error: null }),
        openFlow: jest.fn().mockResolvedValue({ status: 'FINISHED', outputs: {} }),
        ...overrides
    };
}

const setActive: InteractionDefinition = {
    id: 'setActive',
    on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
    do: [
        {
            type: 'executeFlow',
            id: 'runSetActive',
            flowApiName: 'Set_Contact_Status_Active',
            inputs: [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }],
            outputs: [{ name: 'updatedCount', resource: 'updatedCount' }],
            onFinish: [
                { type: 'refreshQueries' },
                { type: 'showToast', variant: 'success', title: '{!updatedCount} contacts set to Active' }
            ],
            onError: [
                {
                    type: 'showToast',
                    variant: 'error',
                    title: 'Could not update',
                    message: '{!$Error.message} ({!$Error.code})'
                }
            ]
        } as ActionDefinition
    ]
};

function definition(interactions: InteractionDefinition[]): DefinitionDocument {
    return {
        schemaVersion: 1,
        apiName: 'Contact_Status_Board',
        label: 'Contacts',
        resources: [
            { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
            { name: 'note', kind: 'variable', dataType: 'Text' },
            { name: 'flag', kind: 'variable', dataType: 'Boolean' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'activeStatus', kind: 'constant', dataType: 'Text', value: 'Active' }
        ],
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [{ field: 'Name' }] }],
        interactions
    };
}

function setup(interactions: InteractionDefinition[], svc: Mocked = services()) {
    const runtime = new Runtime(definition(interactions), {
        record: { Id: '001A', Name: 'Acme' },
        user: { Id: '005U', FirstName: 'Ann' }
    });
    const table = new SelectionModel({ keyField: 'Id', maxRowSelection: 500 });
    runtime.registerComponent('contactsTable', table);
    const engine = new InteractionEngine({ runtime, services: svc });
    return { runtime, table, engine, svc };
}

const click = { event: 'headerActionClick' as const, target: 'contactsTable', action: 'setActive' };

function single(action: Record<string, unknown>, on: InteractionDefinition['on'] = click): InteractionDefinition[] {
    return [{ id: 'i1', on, do: [action as unknown as ActionDefinition] }];
}

describe('executeFlow (the Set as Active scenario)', () => {
    it.each([1, 3])(
        'passes %i selected key(s) as a Text collection, stores outputs, refreshes and toasts',
        async (count) => {
            const { engine, table, svc, runtime } = setup([setActive]);
            table.select(Array.from({ length: count }, (_, i) => ({ Id: `003${i}` })));
            svc.executeFlow.mockResolvedValue({ success: true, outputs: { updatedCount: count }, error: null });
            const result = await engine.dispatch(click);
            expect(result).toEqual({ status: 'completed', interactions: ['setActive'], errors: [] });
            expect(svc.executeFlow).toHaveBeenCalledWith({
                definitionName: 'Contact_Status_Board',
                interactionId: 'setActive',
                actionId: 'runSetActive',
                // the selection is sent as row Ids only; the server re-reads the rows and derives ContactIds
                inputs: {},
                context: {
                    recordId: null,
                    actionRowId: null,
                    selection: { contactsTable: table.SelectedRows.map((r) => r.Id) }
                }
            });
            expect(runtime.store.get('updatedCount')).toBe(count);
            expect(svc.refreshQueries).toHaveBeenCalledWith(undefined);
            expect(svc.showToast).toHaveBeenCalledWith({
                title: `${count} contacts set to Active`,
                message: undefined,
                variant: 'success',
                mode: undefined
            });
            expect(svc.refreshQueries.mock.invocationCallOrder[0]).toBeLessThan(
                svc.showToast.mock.invocationCallOrder[0]
            );
        }
    );

    it('runs onError with $Error when the flow faults', async () => {
        const { engine, table, svc, runtime } = setup([setActive]);
        table.select({ Id: '0031' });
        svc.executeFlow.mockResolvedValue({
            success: false,
            outputs: {},
            error: { code: 'FLOW_FAULT', message: 'Status__c is read-only', details: [] }
        } as FlowRunResponse);
        const result = await engine.dispatch(click);
        expect(result.status).toBe('failed');
        expect(result.errors).toEqual([{ code: 'FLOW_FAULT', message: 'Status__c is read-only', details: [] }]);
        expect(svc.refreshQueries).not.toHaveBeenCalled();
        expect(runtime.store.get('updatedCount')).toBeNull();
        expect(svc.showToast).toHaveBeenCalledWith({
            title: 'Could not update',
            message: 'Status__c is read-only (FLOW_FAULT)',
            variant: 'error',
            mode: undefined
        });
    });

    it('parses an Apex AuraHandledException into $Error', async () => {
        const { engine, svc } = setup([setActive]);
        svc.executeFlow.mockRejectedValue({
            body: { message: '{"code":"FLOW_INACTIVE","message":"Set_Contact_Status_Active has no active version."}' }
        });
        const result = await engine.dispatch(click);
        expect(result.errors[0].code).toBe('FLOW_INACTIVE');
        expect(svc.showToast.mock.calls[0][0].message).toBe(
            'Set_Contact_Status_Active has no active version. (FLOW_INACTIVE)'
        );
    });

    it('shows a sticky error toast when there is no onError', async () => {
        const { engine, svc } = setup(single({ type: 'executeFlow', id: 'a1', flowApiName: 'F' }));
        svc.executeFlow.mockResolvedValue({ success: false, outputs: {}, error: null });
        await engine.dispatch(click);
        expect(svc.showToast).toHaveBeenCalledWith({
            title: 'The flow could not be run',
            message: 'The flow F failed without an error message.',
            variant: 'error',
            mode: 'sticky'
        });
    });

    it('needs an action id', async () => {
        const { engine } = setup(single({ type: 'executeFlow', flowApiName: 'F' }));
        const result = await engine.dispatch(click);
        expect(result.errors[0]).toEqual(
            expect.objectContaining({
                code: 'MISSING_ID',
                message: "The executeFlow action of interaction 'i1' needs an id."
            })
        );
    });

    it('fails clearly when an output does not fit its resource', async () => {
        const { engine, svc } = setup(
            single({
                type: 'executeFlow',
                id: 'a1',
                flowApiName: 'F',
                outputs: [
                    { name: 'count', resource: 'updatedCount' },
                    { name: 'missing', resource: 'note' }
                ]
            })
        );
        svc.executeFlow.mockResolvedValue({ success: true, outputs: { count: 'abc' }, error: null });
        const result = await engine.dispatch(click);
        expect(result.errors[0]).toEqual({
            code: 'TYPE_MISMATCH',
            message:
                "Flow output 'count' could not be stored in 'updatedCount': updatedCount is a Number variable; cannot store 'abc'",
            details: []
        });
        const {
            engine: engine2,
            svc: svc2,
            runtime
        } = setup(
            single({
                type: 'executeFlow',
                id: 'a1',
                flowApiName: 'F',
                outputs: [{ name: 'x', resource: 'activeStatus' }]
            })
        );
        svc2.executeFlow.mockResolvedValue({ success: true, outputs: null, error: null });
        const result2 = await engine2.dispatch(click);
        expect(result2.errors[0].code).toBe('OUTPUT_ERROR');
        expect(runtime.store.get('activeStatus')).toBe('Active');
    });

    it('stores null for outputs the flow did not return', async () => {
        const { engine, svc, runtime } = setup(
            single({ type: 'executeFlow', id: 'a1', flowApiName: 'F', outputs: [{ name: 'n', resource: 'note' }] })
        );
        runtime.store.set('note', 'old');
        svc.executeFlow.mockResolvedValue({ success: true, outputs: {}, error: null });
        await engine.dispatch(click);
        expect(runtime.store.get('note')).toBeNull();
    });
});

describe('flow inputs', () => {
    const { runtime, table } = setup([]);
    table.select([
        { Id: '003A', Name: 'Ann' },
        { Id: '003B', Name: 'Bob' }
    ]);
    const resolve = (value: unknown): unknown => runtime.resolve(value, {}, { formulas: true });

    it('resolves static and mapped values with types and collections', () => {
        const inputs = resolveFlowInputs(
            [
                { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true },
                { name: 'FirstId', value: '{!contactsTable.FirstSelectedRow.Id}', collection: true },
                { name: 'None', value: '{!note}', collection: true },
                { name: 'Status', value: 'Active' },
                { name: 'Amount', value: '100', dataType: 'Number' },
                { name: 'Count', value: '={!contactsTable.SelectedRowCount} + 1', dataType: 'Number' },
                { name: 'Flag', value: true, dataType: 'Boolean' },
                { name: 'When', value: '2026-01-02', dataType: 'Date' },
                { name: 'AccountId', value: '{!$Record.Id}' },
                { name: 'Who', value: 'Hi {!$User.FirstName}' },
                { name: 'OnlyOne', value: ['x'] },
                { name: 'Empty', value: [] },
                { name: 'Row', value: '{!contactsTable.FirstSelectedRow}', dataType: 'Record' }
            ],
            resolve
        );
        const byName = Object.fromEntries(inputs.map((i) => [i.name, i.value]));
        expect(byName.ContactIds).toBe(table.SelectedRowsKeyValue);
        expect(byName).toEqual(
            expect.objectContaining({
                FirstId: ['003A'],
                None: [],
                Status: 'Active',
                Amount: 100,
                Count: 3,
                Flag: true,
                When: '2026-01-02',
                AccountId: '001A',
                Who: 'Hi Ann',
                OnlyOne: 'x',
                Empty: null,
                Row: { Id: '003A', Name: 'Ann' }
            })
        );
        expect(inputs[0]).toEqual(expect.objectContaining({ dataType: 'Text', collection: true }));
        expect(resolveFlowInputs(undefined, resolve)).toEqual([]);
    });

    it('refuses several values for a non-collection input', () => {
        expect(() =>
            resolveFlowInputs([{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}' }], resolve)
        ).toThrow(
            new ActionError(
                'COLLECTION_MISMATCH',
                'Flow input \'ContactIds\' received 2 values but is not a collection. Turn on "Allow multiple values (collection)" for this input (and make the flow variable a collection), or map a single value such as {!table.FirstSelectedRow.Id}.'
            )
        );
    });

    it('reports type mismatches and resolution errors', () => {
        let caught: unknown;
        try {
            resolveFlowInputs([{ name: 'Amount', value: 'lots', dataType: 'Number' }], resolve);
        } catch (e) {
            caught = e;
        }
        expect(toErrorInfo(caught)).toEqual({
            code: 'TYPE_MISMATCH',
            message: "Flow input 'Amount' is a Number; cannot pass 'lots'",
            details: []
        });
        expect(() => resolveFlowInputs([{ name: 'X', value: '{!nope}' }], resolve)).toThrow(
            "Flow input 'X' could not be resolved: Unknown resource or component 'nope'"
        );
        expect(() => resolveFlowInputs([{ name: 'X', value: '{!nope' }], resolve)).toThrow(
            "Flow input 'X' could not be resolved: Unterminated merge field"
        );
        const throwsRaw = (): never => {
            // eslint-disable-next-line no-throw-literal -- a service may reject with a plain string
            throw 'raw';
        };
        expect(() => resolveFlowInputs([{ name: 'X', value: 'x' }], throwsRaw)).toThrow(
            "Flow input 'X' could not be resolved: raw"
        );
    });

    it('maps data types to lightning-flow types', () => {
        expect(
            (['Text', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Record', undefined] as const).map(
                flowInputType
            )
        ).toEqual(['String', 'Number', 'Number', 'Boolean', 'Date', 'DateTime', 'SObject', 'String']);
        expect(flowInputType('Blob' as never)).toBe('String');
    });
});

describe('openFlowDialog / openFlowPanel', () => {
    const dialog = {
        type: 'openFlowDialog',
        flowApiName: 'Edit_Contact',
        title: 'Edit {!contactsTable.FirstSelectedRow.Name}',
        size: 'large',
        inputs: [
            { name: 'recordId', value: '{!contactsTable.FirstSelectedRow.Id}' },
            { name: 'count', value: '{!contactsTable.SelectedRowCount}', dataType: 'Number' },
            { name: 'ids', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true },
            { name: 'row', value: '{!contactsTable.FirstSelectedRow}', dataType: 'Record' }
        ],
        outputs: [{ name: 'resultNote', resource: 'note' }],
        onFinish: [{ type: 'showToast', title: 'Saved {!note}' }],
        onClose: [{ type: 'showToast', title: 'Closed' }],
        onError: [{ type: 'showToast', variant: 'error', title: '{!$Error.message}' }]
    };

    it('opens a dialog with typed inputs and stores outputs when FINISHED', async () => {
        const { engine, table, svc, runtime } = setup(single(dialog));
        table.select({ Id: '003A', Name: 'Ann' });
        svc.openFlow.mockResolvedValue({ status: 'FINISHED', outputs: { resultNote: 'done' } } as OpenFlowResult);
        const result = await engine.dispatch(click);
        expect(result.status).toBe('completed');
        expect(svc.openFlow).toHaveBeenCalledWith({
            kind: 'dialog',
            flowApiName: 'Edit_Contact',
            title: 'Edit Ann',
            size: 'large',
            position: undefined,
            inputs: [
                { name: 'recordId', type: 'String', value: '003A' },
                { name: 'count', type: 'Number', value: 1 },
                { name: 'ids', type: 'String', value: ['003A'] },
                { name: 'row', type: 'SObject', value: { Id: '003A', Name: 'Ann' } }
            ]
        });
        expect(runtime.store.get('note')).toBe('done');
        expect(svc.showToast.mock.calls[0][0].title).toBe('Saved done');
        expect(svc.showToast.mock.calls[0][0].variant).toBe('info');
    });

    it('runs onClose and skips the rest when CLOSED', async () => {
        const interactions: InteractionDefinition[] = [
            {
                id: 'i1',
                on: click,
                do: [
                    {
                        ...dialog,
                        type: 'openFlowPanel',
                        position: 'left',
                        title: undefined
                    } as unknown as ActionDefinition,
                    { type: 'refreshQueries' }
                ]
            }
        ];
        const { engine, svc } = setup(interactions);
        svc.openFlow.mockResolvedValue({ status: 'CLOSED', outputs: {} });
        const result = await engine.dispatch(click);
        expect(result.status).toBe('completed');
        expect(svc.openFlow.mock.calls[0][0]).toEqual(
            expect.objectContaining({ kind: 'panel', position: 'left', title: undefined })
        );
        expect(svc.showToast.mock.calls.map((c) => c[0].title)).toEqual(['Closed']);
        expect(svc.refreshQueries).not.toHaveBeenCalled();
    });

    it('runs onError when the flow ends with ERROR', async () => {
        const { engine, svc } = setup(single(dialog));
        svc.openFlow.mockResolvedValue({ status: 'ERROR', outputs: {}, errorMessage: 'Screen flow failed' });
        const result = await engine.dispatch(click);
        expect(result.errors).toEqual([{ code: 'FLOW_FAULT', message: 'Screen flow failed', details: [] }]);
        expect(svc.showToast.mock.calls[0][0]).toEqual(
            expect.objectContaining({ title: 'Screen flow failed', variant: 'error' })
        );
        const { engine: engine2, svc: svc2 } = setup(single({ type: 'openFlowPanel', flowApiName: 'P' }));
        svc2.openFlow.mockResolvedValue({ status: 'ERROR', outputs: {} });
        await engine2.dispatch(click);
        expect(svc2.showToast).toHaveBeenCalledWith({
            title: 'The flow could not be completed',
            message: 'The flow P ended with an error.',
            variant: 'error',
            mode: 'sticky'
        });
    });
});

describe('confirm', () => {
    const interactions: InteractionDefinition[] = [
        {
            id: 'i1',
            on: click,
            do: [
                {
                    type: 'confirm',
                    title: 'Update {!contactsTable.SelectedRowCount}?',
                    message: 'Set {!contactsTable.SelectedRowCount} contacts to {!activeStatus}?',
                    confirmLabel: 'Update',
                    variant: 'header',
                    theme: 'warning',
                    onFinish: [{ type: 'showToast', title: 'Confirmed' }],
                    onCancel: [{ type: 'showToast', title: 'Cancelled' }]
                },
                { type: 'refreshQueries', queries: ['contacts'] }
            ]
        }
    ];

    it('runs onFinish and continues when confirmed', async () => {
        const { engine, svc, table } = setup(interactions);
        table.select({ Id: '1' });
        await engine.dispatch(click);
        expect(svc.confirm).toHaveBeenCalledWith({
            title: 'Update 1?',
            message: 'Set 1 contacts to Active?',
            label: 'Update',
            variant: 'header',
            theme: 'warning'
        });
        expect(svc.showToast.mock.calls[0][0].title).toBe('Confirmed');
        expect(svc.refreshQueries).toHaveBeenCalledWith(['contacts']);
    });

    it('runs onCancel and stops when cancelled', async () => {
        const { engine, svc } = setup(interactions);
        svc.confirm.mockResolvedValue(false);
        const result = await engine.dispatch(click);
        expect(result.status).toBe('completed');
        expect(svc.showToast.mock.calls.map((c) => c[0].title)).toEqual(['Cancelled']);
        expect(svc.refreshQueries).not.toHaveBeenCalled();
        const { engine: engine2, svc: svc2 } = setup(single({ type: 'confirm', message: 'Sure?' }));
        svc2.confirm.mockResolvedValue(false);
        await engine2.dispatch(click);
        expect(svc2.confirm).toHaveBeenCalledWith(expect.objectContaining({ title: undefined, message: 'Sure?' }));
    });
});

describe('setVariable', () => {
    async function runSet(action: Record<string, unknown>, prepare?: (runtime: Runtime) => void) {
        const context = setup(single({ type: 'setVariable', ...action }));
        prepare?.(context.runtime);
        const result = await context.engine.dispatch(click);
        return { ...context, result };
    }

    it('sets, adds, subtracts and clears numbers', async () => {
        expect(
            (
                await runSet({ variable: 'updatedCount', value: '={!contactsTable.SelectedRowCount} + 5' })
            ).runtime.store.get('updatedCount')
        ).toBe(5);
        expect(
            (await runSet({ variable: 'updatedCount', value: 2, operator: 'add' })).runtime.store.get('updatedCount')
        ).toBe(2);
        const { runtime } = await runSet({ variable: 'updatedCount', value: '3', operator: 'subtract' }, (r) =>
            r.store.set('updatedCount', 10)
        );
        expect(runtime.store.get('updatedCount')).toBe(7);
        expect(
            (await runSet({ variable: 'updatedCount', value: null, operator: 'add' })).runtime.store.get('updatedCount')
        ).toBe(0);
        const cleared = await runSet({ variable: 'updatedCount', operator: 'clear' }, (r) =>
            r.store.set('updatedCount', 4)
        );
        expect(cleared.runtime.store.get('updatedCount')).toBeNull();
    });

    it('adds to and subtracts from collections, appends text', async () => {
        const added = await runSet(
            { variable: 'ids', value: '{!contactsTable.SelectedRowsKeyValue}', operator: 'add' },
            (r) => {
                r.store.set('ids', ['x']);
                (r.getComponent('contactsTable') as SelectionModel).select([{ Id: 'a' }, { Id: 'b' }]);
            }
        );
        expect(added.runtime.store.get('ids')).toEqual(['x', 'a', 'b']);
        const one = await runSet({ variable: 'ids', value: 'y', operator: 'add' });
        expect(one.runtime.store.get('ids')).toEqual(['y']);
        const removed = await runSet({ variable: 'ids', value: 'b', operator: 'subtract' }, (r) =>
            r.store.set('ids', ['a', 'b', 'b'])
        );
        expect(removed.runtime.store.get('ids')).toEqual(['a']);
        const text = await runSet({ variable: 'note', value: ' world', operator: 'add' }, (r) =>
            r.store.set('note', 'hello')
        );
        expect(text.runtime.store.get('note')).toBe('hello world');
        const fromNull = await runSet({ variable: 'note', value: null, operator: 'add' });
        expect(fromNull.runtime.store.get('note')).toBe('');
    });

    it('fails clearly', async () => {
        const wrongType = await runSet({ variable: 'updatedCount', value: 'abc' });
        expect(wrongType.result.errors[0]).toEqual({
            code: 'TYPE_MISMATCH',
            message: "updatedCount is a Number variable; cannot store 'abc'",
            details: []
        });
        expect(wrongType.svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({ title: 'Could not update a value', variant: 'error' })
        );
        const unknown = await runSet({ variable: 'updatedCont', value: 1 });
        expect(unknown.result.errors[0].message).toContain(
            "Unknown variable 'updatedCont'. Did you mean 'updatedCount'?"
        );
        const unsupported = await runSet({ variable: 'flag', value: true, operator: 'add' });
        expect(unsupported.result.errors[0]).toEqual({
            code: 'UNSUPPORTED_OPERATOR',
            message:
                "Cannot add on flag: 'add' works on Number and Currency variables, collections and Text, not on Boolean.",
            details: []
        });
        const textSubtract = await runSet({ variable: 'note', value: 'x', operator: 'subtract' });
        expect(textSubtract.result.errors[0].message).toContain('collections, not on Text');
        const badAmount = await runSet({ variable: 'updatedCount', value: 'x', operator: 'add' });
        expect(badAmount.result.errors[0].message).toBe("The add value for updatedCount is a Number; cannot use 'x'");
        const constant = await runSet({ variable: 'activeStatus', value: 'x' });
        expect(constant.result.errors[0].message).toContain('activeStatus is a constant');
    });
});

describe('showToast and navigate', () => {
    it('resolves merge fields in title and message', async () => {
        const { engine, svc } = setup(
            single({
                type: 'showToast',
                variant: 'warning',
                mode: 'pester',
                title: 'Hi {!$User.FirstName}',
                message: '{!$Record.Name}'
            })
        );
        await engine.dispatch(click);
        expect(svc.showToast).toHaveBeenCalledWith({
            title: 'Hi Ann',
            message: 'Acme',
            variant: 'warning',
            mode: 'pester'
        });
    });

    it.each([
        [
            { target: 'recordPage', recordId: '{!contactsTable.ActionRow.Id}', objectApiName: 'Contact' },
            {
                type: 'standard__recordPage',
                attributes: { recordId: '003R', objectApiName: 'Contact', actionName: 'view' }
            }
        ],
        [
            { target: 'recordPage', recordId: '{!$Record.Id}', actionName: 'edit' },
            { type: 'standard__recordPage', attributes: { recordId: '001A', actionName: 'edit' } }
        ],
        [
            { target: 'objectList', objectApiName: 'Contact' },
            { type: 'standard__objectPage', attributes: { objectApiName: 'Contact', actionName: 'list' } }
        ],
        [
            { target: 'namedPage', pageName: 'home' },
            { type: 'standard__namedPage', attributes: { pageName: 'home' } }
        ],
        [
            { target: 'url', url: 'https://example.com/{!contactsTable.ActionRow.Id}' },
            { type: 'standard__webPage', attributes: { url: 'https://example.com/003R' } }
        ]
    ])('navigates to %p', async (action, pageReference) => {
        const on = { event: 'rowActionClick' as const, target: 'contactsTable', action: 'open' };
        const { engine, svc } = setup(single({ type: 'navigate', ...action }, on));
        const result = await engine.dispatch({ ...on, row: { Id: '003R' } });
        expect(result.status).toBe('completed');
        expect(svc.navigate).toHaveBeenCalledWith(pageReference);
    });

    it('refuses a URL whose resolved value is a script URL, and opens nothing', async () => {
        const on = { event: 'rowActionClick' as const, target: 'contactsTable', action: 'open' };
        const { engine, svc } = setup(
            single({ type: 'navigate', target: 'url', url: '{!contactsTable.ActionRow.Site}' }, on)
        );
        const result = await engine.dispatch({
            ...on,
            row: { Id: '003R', Site: ['java', 'script:alert(1)'].join('') }
        });
        expect(result.errors[0]).toEqual(expect.objectContaining({ code: 'URL_NOT_ALLOWED' }));
        expect(result.errors[0].message).toMatch(/javascript/);
        expect(svc.navigate).not.toHaveBeenCalled();
    });

    it('refuses a blank record id and an unknown target', async () => {
        const { engine, svc } = setup(
            single({ type: 'navigate', target: 'recordPage', recordId: '{!contactsTable.FirstSelectedRow.Id}' })
        );
        const result = await engine.dispatch(click);
        expect(result.errors[0]).toEqual(
            expect.objectContaining({
                code: 'MISSING_VALUE',
                message: "The record id to open is blank; check the action's settings and merge fields."
            })
        );
        expect(svc.navigate).not.toHaveBeenCalled();
        expect(svc.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Could not open the page' }));
        const other = setup(single({ type: 'navigate', target: 'app' }));
        expect((await other.engine.dispatch(click)).errors[0].message).toContain("Unknown navigation target 'app'");
    });
});

describe('engine', () => {
    it('matches events by type, target and action; load ignores the target', async () => {
        const interactions: InteractionDefinition[] = [
            { id: 'load', on: { event: 'load' }, do: [{ type: 'refreshQueries' }] },
            { id: 'sel', on: { event: 'selectionChange', target: 'contactsTable' }, do: [{ type: 'refreshQueries' }] },
            { id: 'anyHeader', on: { event: 'headerActionClick' }, do: [{ type: 'refreshQueries' }] },
            { id: 'other', on: { event: 'headerActionClick', target: 'contactsTable', action: 'other' }, do: [] }
        ];
        const { engine } = setup(interactions);
        expect(engine.matching({ event: 'load', target: 'x' }).map((i) => i.id)).toEqual(['load']);
        expect(engine.matching({ event: 'selectionChange', target: 'contactsTable' }).map((i) => i.id)).toEqual([
            'sel'
        ]);
        expect(engine.matching({ event: 'selectionChange', target: 'otherTable' })).toEqual([]);
        expect(engine.matching(click).map((i) => i.id)).toEqual(['anyHeader']);
        expect(await engine.dispatch({ event: 'rowActionClick', target: 'contactsTable', action: 'open' })).toEqual({
            status: 'ignored',
            interactions: [],
            errors: []
        });
        expect((await engine.dispatch({ event: 'load' })).interactions).toEqual(['load']);
    });

    it('is busy while running, refuses a second click and leaves other interactions usable', async () => {
        let finish!: (value: FlowRunResponse) => void;
        const svc = services({
            executeFlow: jest
                .fn()
                .mockImplementation(() => new Promise<FlowRunResponse>((resolve) => (finish = resolve)))
        });
        const busyChanges: [string, boolean][] = [];
        const interactions: InteractionDefinition[] = [
            setActive,
            {
                id: 'refresh',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'refresh' },
                do: [{ type: 'refreshQueries' }]
            }
        ];
        const { runtime } = setup([]);
        const engine = new InteractionEngine({
            runtime: new Runtime(definition(interactions)),
            services: svc,
            onBusyChange: (key, busy) => busyChanges.push([key, busy])
        });
        expect(runtime).toBeDefined();
        const key = interactionKey(click);
        expect(key).toBe('headerActionClick:contactsTable:setActive');
        const first = engine.dispatch(click);
        expect(engine.isBusy(key)).toBe(true);
        expect(engine.isBusy(click)).toBe(true);
        expect(engine.busyKeys()).toEqual([key]);
        expect(await engine.dispatch(click)).toEqual({ status: 'busy', interactions: [], errors: [] });
        const other = await engine.dispatch({ ...click, action: 'refresh' });
        expect(other.status).toBe('completed');
        await Promise.resolve();
        finish({ success: true, outputs: { updatedCount: 0 }, error: null });
        expect((await first).status).toBe('completed');
        expect(engine.isBusy(key)).toBe(false);
        expect(busyChanges).toEqual([
            [key, true],
            ['headerActionClick:contactsTable:refresh', true],
            ['headerActionClick:contactsTable:refresh', false],
            [key, false]
        ]);
        expect(interactionKey({ event: 'load' })).toBe('load::');
    });

    it('survives a failing busy listener and supports unsubscribing', async () => {
        const { engine } = setup(single({ type: 'refreshQueries' }));
        const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const unsubscribe = engine.onBusyChange(() => {
            throw new Error('listener broke');
        });
        expect((await engine.dispatch(click)).status).toBe('completed');
        expect(errorSpy).toHaveBeenCalledWith('Busy listener failed', expect.any(Error));
        unsubscribe();
        errorSpy.mockClear();
        await engine.dispatch(click);
        expect(errorSpy).not.toHaveBeenCalled();
        errorSpy.mockRestore();
    });

    it('registers custom executors and reports unknown action types', async () => {
        const { engine, svc } = setup(
            single({ type: 'postMessage', onFinish: [{ type: 'showToast', title: 'posted {!$User.FirstName}' }] })
        );
        const failed = await engine.dispatch(click);
        expect(failed.errors[0].code).toBe('UNKNOWN_ACTION');
        expect(failed.errors[0].message).toContain(
            "Unknown action type 'postMessage'. Known types: refreshQueries, setVariable"
        );
        expect(svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({ title: 'The action could not be completed' })
        );
        const executor = jest.fn(async (_action, context) => {
            expect(context.definitionName).toBe('Contact_Status_Board');
            expect(context.interaction.id).toBe('i1');
            expect(context.event).toEqual(click);
            expect(context.resolve('{!$User.Id}')).toBe('005U');
            expect(context.resolveText(null)).toBe('');
            expect(context.scope.resolve(['$Record', 'Name'])).toBe('Acme');
            expect(context.extras.component).toBe('contactsTable');
        });
        engine.registerExecutor('postMessage', executor);
        expect(engine.hasExecutor('postMessage')).toBe(true);
        svc.showToast.mockClear();
        expect((await engine.dispatch(click)).status).toBe('completed');
        expect(executor).toHaveBeenCalled();
        expect(svc.showToast.mock.calls[0][0].title).toBe('posted Ann');
    });

    it('stops the list after a failure and shows errors of onError chains too', async () => {
        const interactions: InteractionDefinition[] = [
            {
                id: 'i1',
                on: click,
                do: [
                    {
                        type: 'refreshQueries',
                        onError: [{ type: 'navigate', target: 'url', url: '{!note}' }]
                    },
                    { type: 'showToast', title: 'never' }
                ]
            }
        ];
        const svc = services({ refreshQueries: jest.fn().mockRejectedValue(new Error('Query failed')) });
        const { engine } = setup(interactions, svc);
        const result = await engine.dispatch(click);
        expect(result.errors.map((e) => e.message)).toEqual([
            'Query failed',
            "The URL is blank; check the action's settings and merge fields."
        ]);
        expect(svc.showToast.mock.calls.map((c) => c[0].title)).toEqual(['Could not open the page']);
    });

    it('logs when even the error toast fails', async () => {
        const svc = services({
            refreshQueries: jest.fn().mockRejectedValue('down'),
            showToast: jest.fn(() => {
                throw new Error('no toast');
            })
        });
        const { engine } = setup(single({ type: 'refreshQueries' }), svc);
        const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const result = await engine.dispatch(click);
        expect(result.errors[0]).toEqual({ code: 'UNKNOWN_ERROR', message: 'down', details: [] });
        expect(errorSpy).toHaveBeenCalledWith('Action refreshQueries failed: down', expect.any(Error));
        errorSpy.mockRestore();
    });

    it('runs interactions in order and can run an action list directly', async () => {
        const interactions: InteractionDefinition[] = [
            { id: 'a', on: click, do: [{ type: 'setVariable', variable: 'note', value: 'first' }] },
            { id: 'b', on: click, do: [{ type: 'setVariable', variable: 'note', value: '{!note} then second' }] }
        ];
        const { engine, runtime, svc } = setup(interactions);
        expect((await engine.dispatch(click)).interactions).toEqual(['a', 'b']);
        expect(runtime.store.get('note')).toBe('first then second');
        const errors = await engine.runActions(
            [{ type: 'showToast', title: '{!$Error.message}' }],
            interactions[0],
            click,
            { error: { code: 'X', message: 'from host' } }
        );
        expect(errors).toEqual([]);
        expect(svc.showToast.mock.calls[0][0].title).toBe('from host');
        expect(engine.definitionName).toBe('Contact_Status_Board');
    });

    it('can start without built-in executors and with explicit interactions', async () => {
        const { runtime } = setup([]);
        const svc = services();
        const engine = new InteractionEngine({
            runtime,
            services: svc,
            builtInExecutors: false,
            interactions: single({ type: 'refreshQueries' }),
            definitionName: 'Other'
        });
        expect(engine.hasExecutor('refreshQueries')).toBe(false);
        expect(engine.definitionName).toBe('Other');
        expect((await engine.dispatch(click)).errors[0].code).toBe('UNKNOWN_ACTION');
        const bare = new InteractionEngine({
            runtime: new Runtime({ schemaVersion: 1, apiName: 'E', label: 'E' }),
            services: svc
        });
        expect((await bare.dispatch({ event: 'load' })).status).toBe('ignored');
    });
});

describe('disabled interactions (setup problems inside interactions[i])', () => {
    const rowClick = { event: 'rowActionClick' as const, target: 'contactsTable', action: 'open' };
    const interactions = (): InteractionDefinition[] => [
        setActive,
        { id: 'open', on: rowClick, do: [{ type: 'navigate', target: 'url', url: 'https://example.com' }] },
        { id: 'loadA', on: { event: 'load' }, do: [{ type: 'setVariable', variable: 'note', value: 'A' }] },
        { id: 'loadB', on: { event: 'load' }, do: [{ type: 'setVariable', variable: 'flag', value: true }] },
        {
            id: 'picked',
            on: { event: 'selectionChange', target: 'contactsTable' },
            do: [{ type: 'setVariable', variable: 'note', value: 'picked' }]
        }
    ];

    it('refuses a click on a disabled interaction without running anything', async () => {
        const svc = services();
        const { runtime, engine, table } = setup(interactions(), svc);
        engine.setDisabledInteractions([0]);
        table.select({ Id: '0031' });
        expect(engine.isDisabled(click)).toBe(true);
        expect(engine.isDisabled(rowClick)).toBe(false);
        expect(await engine.dispatch(click)).toEqual({ status: 'disabled', interactions: [], errors: [] });
        expect(svc.executeFlow).not.toHaveBeenCalled();
        expect(svc.showToast).not.toHaveBeenCalled();
        expect(runtime.store.get('updatedCount')).toBeNull();
        // the other interactions still run
        expect((await engine.dispatch(rowClick)).status).toBe('completed');
        expect(svc.navigate).toHaveBeenCalledTimes(1);
    });

    it('refuses the whole click when one of the interactions it triggers is disabled', async () => {
        const svc = services();
        const both: InteractionDefinition[] = [
            { id: 'a', on: click, do: [{ type: 'setVariable', variable: 'note', value: 'a ran' }] },
            { id: 'b', on: click, do: [{ type: 'setVariable', variable: 'flag', value: true }] }
        ];
        const { runtime } = setup([]);
        const engine = new InteractionEngine({
            runtime,
            services: svc,
            interactions: both,
            disabledInteractions: [1]
        });
        expect(engine.matching(click).map((i) => i.id)).toEqual(['a']);
        expect((await engine.dispatch(click)).status).toBe('disabled');
        expect(runtime.store.get('note')).toBeNull();
        expect(runtime.store.get('flag')).toBeNull();
    });

    it('skips a disabled load or selectionChange interaction and runs the others', async () => {
        const { runtime, engine } = setup(interactions(), services());
        engine.setDisabledInteractions([2, 4]);
        expect(engine.disabledInteractions()).toEqual([2, 4]);
        const result = await engine.dispatch({ event: 'load' });
        expect(result).toEqual({ status: 'completed', interactions: ['loadB'], errors: [] });
        expect(runtime.store.get('note')).toBeNull();
        expect(runtime.store.get('flag')).toBe(true);
        expect(await engine.dispatch({ event: 'selectionChange', target: 'contactsTable' })).toEqual({
            status: 'disabled',
            interactions: [],
            errors: []
        });
        expect(runtime.store.get('note')).toBeNull();
        // told again: the set is replaced, bad positions are ignored
        engine.setDisabledInteractions([-1, 1.5, 3]);
        expect(engine.disabledInteractions()).toEqual([3]);
        expect((await engine.dispatch({ event: 'selectionChange', target: 'contactsTable' })).status).toBe('completed');
        expect(runtime.store.get('note')).toBe('picked');
    });

    it('knows disabled interactions by position or object and refuses to run their actions directly', async () => {
        const list = interactions();
        const svc = services();
        const { runtime } = setup([]);
        const engine = new InteractionEngine({ runtime, services: svc, interactions: list, disabledInteractions: [0] });
        expect(engine.isInteractionDisabled(0)).toBe(true);
        expect(engine.isInteractionDisabled(list[0])).toBe(true);
        expect(engine.isInteractionDisabled(list[1])).toBe(false);
        // by identity: an equal copy is not one of the engine's interactions
        expect(engine.isInteractionDisabled({ ...list[0] })).toBe(false);
        const errors = await engine.runActions(list[0].do, list[0], click);
        expect(errors).toEqual([
            {
                code: 'INTERACTION_DISABLED',
                message: `Interaction 'setActive' has setup problems and does not run. ${ACTION_NOT_SET_UP}`,
                details: []
            }
        ]);
        expect(svc.executeFlow).not.toHaveBeenCalled();
    });

    it('tolerates a disabled interaction whose trigger is malformed', async () => {
        const broken = [{ id: 'x', do: [] } as unknown as InteractionDefinition, ...interactions()];
        const svc = services();
        const { runtime } = setup([]);
        const engine = new InteractionEngine({
            runtime,
            services: svc,
            interactions: broken,
            disabledInteractions: [0]
        });
        expect(engine.isDisabled(click)).toBe(false);
        expect(engine.isDisabled({ event: 'load' })).toBe(false);
        expect((await engine.dispatch({ event: 'load' })).interactions).toEqual(['loadA', 'loadB']);
        expect(ACTION_NOT_SET_UP).toBe("This action isn't set up correctly. Ask your admin.");
    });
});

describe('toErrorInfo', () => {
    it('keeps codes of coded errors and parses the rest', () => {
        expect(toErrorInfo(new ActionError('X', 'm', ['d']))).toEqual({ code: 'X', message: 'm', details: ['d'] });
        const coded = Object.assign(new Error('c'), { code: 'C', details: 'not a list' });
        expect(toErrorInfo(coded)).toEqual({ code: 'C', message: 'c', details: [] });
        expect(toErrorInfo(new Error('plain'))).toEqual({ code: 'CLIENT_ERROR', message: 'plain', details: [] });
        expect(toErrorInfo({ body: { message: '{"code":"NOT_ALLOWED","message":"no"}' } }).code).toBe('NOT_ALLOWED');
    });
});
