/*
 * Issue #13 in the interaction engine: the exportCsv executor (the host's exportTable service) and the save event.
 */
import { Runtime, SelectionModel } from 'c/dcRuntime';
import { ActionError, BUILT_IN_EXECUTORS, InteractionEngine } from 'c/dcInteractions';
import type { ActionServices } from 'c/dcInteractions';
import type { ActionDefinition, DefinitionDocument, InteractionDefinition } from 'c/dcDefinition';

type Services = { [K in Exclude<keyof ActionServices, 'startFlowRun' | 'watchFlowRun'>]-?: jest.Mock };

function services(): Services {
    return {
        refreshQueries: jest.fn().mockResolvedValue(undefined),
        showToast: jest.fn(),
        navigate: jest.fn(),
        confirm: jest.fn().mockResolvedValue(true),
        executeFlow: jest.fn(),
        openFlow: jest.fn(),
        exportTable: jest.fn().mockResolvedValue(undefined)
    };
}

function definition(interactions: InteractionDefinition[]): DefinitionDocument {
    return {
        schemaVersion: 1,
        apiName: 'Export_Board',
        label: 'Export',
        resources: [
            { name: 'suffix', kind: 'variable', dataType: 'Text', value: 'active' },
            { name: 'savedTotal', kind: 'variable', dataType: 'Number', value: 0 }
        ],
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                columns: [{ field: 'Name', editable: true }],
                headerActions: [{ name: 'export', label: 'Export' }]
            }
        ],
        interactions
    };
}

const click = { event: 'headerActionClick' as const, target: 'contactsTable', action: 'export' };

function setup(actions: Record<string, unknown>[], svc: Partial<ActionServices> = services()) {
    const interactions: InteractionDefinition[] = [
        { id: 'exportIt', on: { ...click }, do: actions as unknown as ActionDefinition[] }
    ];
    const runtime = new Runtime(definition(interactions), { user: { Id: '005U' } });
    runtime.registerComponent('contactsTable', new SelectionModel());
    const engine = new InteractionEngine({ runtime, services: svc as ActionServices });
    return { runtime, engine, svc: svc as Services };
}

describe('exportCsv', () => {
    it('is a built-in executor', () => {
        expect(typeof BUILT_IN_EXECUTORS.exportCsv).toBe('function');
    });

    it('asks the host to export the table under the resolved file name, then runs onFinish', async () => {
        const { engine, svc } = setup([
            {
                type: 'exportCsv',
                table: 'contactsTable',
                fileName: 'contacts_{!suffix}.csv',
                onFinish: [{ type: 'showToast', title: 'Exported' }]
            }
        ]);
        const result = await engine.dispatch(click);
        expect(result).toEqual({ status: 'completed', interactions: ['exportIt'], errors: [] });
        expect(svc.exportTable).toHaveBeenCalledWith('contactsTable', 'contacts_active.csv');
        expect(svc.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Exported' }));
    });

    it('leaves the default file name to the host when none is given or it resolves to blank', async () => {
        const { engine, svc } = setup([{ type: 'exportCsv', table: 'contactsTable' }]);
        await engine.dispatch(click);
        expect(svc.exportTable).toHaveBeenLastCalledWith('contactsTable', undefined);

        const blank = setup([{ type: 'exportCsv', table: 'contactsTable', fileName: '{!suffix}' }]);
        blank.runtime.store.set('suffix', '');
        await blank.engine.dispatch(click);
        expect(blank.svc.exportTable).toHaveBeenLastCalledWith('contactsTable', undefined);
    });

    it("reports the host's failure with its code to onError", async () => {
        const svc = services();
        svc.exportTable.mockRejectedValue(new ActionError('EXPORT_FAILED', 'The server stopped answering.'));
        const { engine } = setup(
            [
                {
                    type: 'exportCsv',
                    table: 'contactsTable',
                    onError: [{ type: 'showToast', variant: 'error', title: '{!$Error.code}: {!$Error.message}' }]
                }
            ],
            svc
        );
        const result = await engine.dispatch(click);
        expect(result.status).toBe('failed');
        expect(result.errors).toEqual([
            { code: 'EXPORT_FAILED', message: 'The server stopped answering.', details: [] }
        ]);
        expect(svc.showToast).toHaveBeenCalledWith(
            expect.objectContaining({ title: 'EXPORT_FAILED: The server stopped answering.', variant: 'error' })
        );
    });

    it('shows an error toast with its own title when there is no onError', async () => {
        const svc = services();
        svc.exportTable.mockRejectedValue({ body: { message: 'Insufficient access' } });
        const { engine } = setup([{ type: 'exportCsv', table: 'contactsTable' }], svc);
        const result = await engine.dispatch(click);
        expect(result.status).toBe('failed');
        expect(svc.showToast).toHaveBeenCalledWith({
            title: 'The export could not be completed',
            message: 'Insufficient access',
            variant: 'error',
            mode: 'sticky'
        });
    });

    it('fails with EXPORT_UNAVAILABLE when the host has no export service', async () => {
        const svc: Partial<ActionServices> = { ...services() };
        delete svc.exportTable;
        const { engine } = setup([{ type: 'exportCsv', table: 'contactsTable' }], svc);
        const result = await engine.dispatch(click);
        expect(result.errors).toEqual([
            {
                code: 'EXPORT_UNAVAILABLE',
                message: "Exporting 'contactsTable' is not available on this page.",
                details: []
            }
        ]);
    });

    it('fails with MISSING_VALUE when no table is named', async () => {
        const { engine, svc } = setup([{ type: 'exportCsv', table: '  ' }]);
        const result = await engine.dispatch(click);
        expect(result.errors[0].code).toBe('MISSING_VALUE');
        expect(result.errors[0].message).toMatch(/names no table; set its "table"/);
        expect(svc.exportTable).not.toHaveBeenCalled();
    });
});

describe('the save event', () => {
    function saveSetup() {
        const svc = services();
        const saved: InteractionDefinition = {
            id: 'afterSave',
            on: { event: 'save', target: 'contactsTable' },
            do: [
                { type: 'setVariable', variable: 'savedTotal', operator: 'add', value: 1 } as ActionDefinition,
                { type: 'refreshQueries' } as ActionDefinition
            ]
        };
        const runtime = new Runtime(definition([saved]), { user: { Id: '005U' } });
        runtime.registerComponent('contactsTable', new SelectionModel());
        return { runtime, svc, engine: new InteractionEngine({ runtime, services: svc }) };
    }

    it('runs the interactions on the saved table', async () => {
        const { engine, runtime, svc } = saveSetup();
        const result = await engine.dispatch({ event: 'save', target: 'contactsTable' });
        expect(result).toEqual({ status: 'completed', interactions: ['afterSave'], errors: [] });
        expect(runtime.store.get('savedTotal')).toBe(1);
        expect(svc.refreshQueries).toHaveBeenCalledWith(undefined);
    });

    it('ignores a save of another table', async () => {
        const { engine, runtime } = saveSetup();
        const result = await engine.dispatch({ event: 'save', target: 'otherTable' });
        expect(result.status).toBe('ignored');
        expect(runtime.store.get('savedTotal')).toBe(0);
    });
});
