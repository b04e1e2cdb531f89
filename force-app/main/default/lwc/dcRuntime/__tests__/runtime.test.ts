import { Runtime, SelectionModel } from 'c/dcRuntime';
import type { DefinitionDocument } from 'c/dcDefinition';

const definition: DefinitionDocument = {
    schemaVersion: 1,
    apiName: 'Contact_Status_Board',
    label: 'Contacts',
    resources: [
        { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
        { name: 'title', kind: 'formula', dataType: 'Text', formula: '"Contacts of " & {!$User.FirstName}' },
        { name: 'selectedCount', kind: 'formula', dataType: 'Number', formula: '{!contactsTable.SelectedRowCount}' }
    ],
    queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
    components: [
        { name: 'contactsTable', type: 'dataTable', query: 'contacts', keyField: 'Id', columns: [{ field: 'Name' }] },
        { name: 'otherTable', type: 'dataTable', query: 'contacts', columns: [{ field: 'Name' }] }
    ]
};

function createRuntime(): { runtime: Runtime; selection: SelectionModel } {
    const runtime = new Runtime(definition, {
        record: { Id: '001A', Name: 'Acme' },
        user: { Id: '005U', FirstName: 'Ann' },
        now: () => new Date(2026, 4, 1)
    });
    const selection = new SelectionModel({ keyField: 'Id' });
    runtime.registerComponent('contactsTable', selection);
    selection.subscribe(() => runtime.componentChanged('contactsTable'));
    return { runtime, selection };
}

describe('Runtime', () => {
    it('resolves resources, globals and component properties', () => {
        const { runtime, selection } = createRuntime();
        selection.select([
            { Id: '003A', Name: 'Ann' },
            { Id: '003B', Name: 'Bob' }
        ]);
        expect(runtime.definitionName).toBe('Contact_Status_Board');
        expect(runtime.resolve('{!contactsTable.SelectedRowsKeyValue}')).toBe(selection.SelectedRowsKeyValue);
        expect(runtime.resolve('{!contactsTable.FirstSelectedRow.Name}')).toBe('Ann');
        expect(runtime.resolve('{!contactsTable.SelectedRowCount} selected for {!$Record.Name}')).toBe(
            '2 selected for Acme'
        );
        expect(runtime.resolve('{!title}')).toBe('Contacts of Ann');
        expect(runtime.resolve('{!$User.Id}')).toBe('005U');
        expect(runtime.resolve('{!contactsTable}')).toBe(selection);
        expect(runtime.getComponent('contactsTable')).toBe(selection);
        expect(runtime.evaluate('{!contactsTable.SelectedRowCount} * 10')).toBe(20);
        expect(runtime.resolve('=TODAY()', undefined, { formulas: true })).toBe('2026-05-01');
        expect(runtime.resolve('TODAY()', undefined, { formulas: true })).toBe('TODAY()');
    });

    it('recomputes formulas that read components and notifies subscribers', () => {
        const { runtime, selection } = createRuntime();
        const heard: string[][] = [];
        runtime.subscribe((names) => heard.push([...names]));
        expect(runtime.store.get('selectedCount')).toBe(0);
        selection.select({ Id: '003A' });
        expect(runtime.store.get('selectedCount')).toBe(1);
        expect(heard).toContainEqual(['contactsTable', 'selectedCount']);
        runtime.setUser({ FirstName: 'Bob' });
        expect(runtime.resolve('{!title}')).toBe('Contacts of Bob');
        runtime.setRecord({ Name: 'Globex' });
        expect(runtime.resolve('{!$Record.Name}')).toBe('Globex');
    });

    it('gives declared but unregistered components and queries null, and unregisters', () => {
        const { runtime, selection } = createRuntime();
        expect(runtime.resolve('{!otherTable.SelectedRowCount}')).toBeNull();
        expect(runtime.resolve('{!contacts}')).toBeNull();
        const unregister = runtime.registerComponent('otherTable', selection);
        expect(runtime.resolve('{!otherTable.SelectedRowCount}')).toBe(0);
        runtime.registerComponent('otherTable', { getProperty: () => 'replacement' });
        unregister();
        expect(runtime.resolve('{!otherTable.X}')).toBe('replacement');
        const unregisterAgain = runtime.registerComponent('otherTable', selection);
        unregisterAgain();
        expect(runtime.resolve('{!otherTable.SelectedRowCount}')).toBeNull();
    });

    it('adds ActionRow and $Error per dispatch', () => {
        const { runtime } = createRuntime();
        const extras = { component: 'contactsTable', actionRow: { Id: '003Z', Account: { Name: 'Acme' } } };
        expect(runtime.resolve('{!contactsTable.ActionRow.Id}', extras)).toBe('003Z');
        expect(runtime.resolve('{!contactsTable.ActionRow.Account.Name}', extras)).toBe('Acme');
        expect(runtime.resolve('{!contactsTable.ActionRow.Missing}', extras)).toBeNull();
        expect(runtime.resolve('{!otherTable.ActionRow.Id}', extras)).toBeNull();
        expect(runtime.resolve('{!contactsTable.ActionRow.Id}')).toBeNull();
        const error = { message: 'Flow failed', code: 'FLOW_FAULT', details: [] };
        expect(runtime.resolve('{!$Error.message} ({!$Error.code})', { error })).toBe('Flow failed (FLOW_FAULT)');
        expect(runtime.resolve('{!$Error}', { error })).toBe(error);
        expect(() => runtime.resolve('{!$Error.message}')).toThrow('{!$Error…} is only available in On Error actions.');
    });

    it('throws clear errors for unknown names', () => {
        const { runtime } = createRuntime();
        expect(() => runtime.resolve('{!contactTable.SelectedRowCount}')).toThrow(
            "Unknown resource or component 'contactTable' in {!contactTable.SelectedRowCount}. Did you mean 'contactsTable'?"
        );
        expect(() => runtime.resolve('{!zzzzzz}')).toThrow("Unknown resource or component 'zzzzzz' in {!zzzzzz}.");
        expect(() => runtime.resolve('{!$Foo.Bar}')).toThrow("Unknown resource or component '$Foo'");
        expect(() => runtime.resolve('{!contactsTable.Nope}')).toThrow("Unknown data table property 'Nope'");
    });

    it('rejects $Error inside formulas', () => {
        const runtime = new Runtime({
            schemaVersion: 1,
            apiName: 'X',
            label: 'X',
            resources: [{ name: 'f', kind: 'formula', dataType: 'Text', formula: '{!$Error.message}' }]
        });
        expect(() => runtime.store.get('f')).toThrow(
            '{!$Error…} is only available in On Error actions, not in formulas.'
        );
        expect(runtime.now()).toBeInstanceOf(Date);
    });
});
