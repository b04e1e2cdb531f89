import { DataTypeError, ResourceDefinitionError, ResourceStore } from 'c/dcRuntime';
import type { ResourceDefinition } from 'c/dcDefinition';

const resources: ResourceDefinition[] = [
    { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
    { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
    { name: 'activeStatus', kind: 'constant', dataType: 'Text', value: 'Active' },
    { name: 'title', kind: 'formula', dataType: 'Text', formula: '"Contacts of " & {!$User.FirstName}' },
    { name: 'doubled', kind: 'formula', dataType: 'Number', formula: '{!updatedCount} * 2' },
    { name: 'label', kind: 'formula', dataType: 'Text', formula: '{!doubled} & " / " & {!activeStatus}' },
    { name: 'accountId', kind: 'variable', dataType: 'Text', value: '{!$Record.AccountId}' },
    { name: 'greeting', kind: 'variable', dataType: 'Text', value: 'Hello {!$User.FirstName}' },
    { name: 'limit', kind: 'variable', dataType: 'Number', value: '25' }
];

function createStore(): ResourceStore {
    return new ResourceStore(resources, {
        record: { Id: '003X', AccountId: '001A', Account: { Name: 'Acme' } },
        user: { Id: '005U', FirstName: 'Ann' }
    });
}

describe('ResourceStore', () => {
    it('reads initial values by the = rule: "=…" computes, merge fields in text stay text', () => {
        const store = new ResourceStore([
            { name: 'a', kind: 'variable', dataType: 'Number', value: 5 },
            { name: 'b', kind: 'variable', dataType: 'Number', value: 2 },
            { name: 'difference', kind: 'variable', dataType: 'Number', value: '={!a} - {!b}' },
            { name: 'label', kind: 'variable', dataType: 'Text', value: '{!a} - {!b}' },
            { name: 'due', kind: 'formula', dataType: 'Date', formula: '=DATE(2026, 2, 28) + 1' },
            { name: 'todayText', kind: 'variable', dataType: 'Text', value: 'TODAY()' }
        ]);
        expect(store.get('difference')).toBe(3);
        expect(store.get('label')).toBe('5 - 2');
        expect(store.get('due')).toBe('2026-03-01');
        expect(store.get('todayText')).toBe('TODAY()');
        expect(
            () => new ResourceStore([{ name: 'x', kind: 'variable', dataType: 'Number', value: '=IFF(1, 2, 3)' }])
        ).toThrow(
            "The initial value =IFF(1, 2, 3) does not parse: Unknown function 'IFF' at position 1 — did you mean IF?"
        );
    });

    it('reads variables, constants, formulas and globals', () => {
        const store = createStore();
        expect(store.get('updatedCount')).toBeNull();
        expect(store.get('ids')).toEqual([]);
        expect(store.get('activeStatus')).toBe('Active');
        expect(store.get('title')).toBe('Contacts of Ann');
        expect(store.get('doubled')).toBeNull();
        expect(store.get('label')).toBe(' / Active');
        expect(store.get('accountId')).toBe('001A');
        expect(store.get('greeting')).toBe('Hello Ann');
        expect(store.get('limit')).toBe(25);
        expect(store.resolve(['$Record', 'Account', 'Name'])).toBe('Acme');
        expect(store.resolve(['$Record'])).toEqual(expect.objectContaining({ Id: '003X' }));
        expect(store.resolve(['$User', 'FirstName'])).toBe('Ann');
        expect(store.resolve(['$User'])).toEqual({ Id: '005U', FirstName: 'Ann' });
        expect(store.names()).toHaveLength(resources.length);
        expect(store.has('title')).toBe(true);
        expect(store.getDefinition('title')?.kind).toBe('formula');
        expect(store.dataTypeOf('doubled')).toBe('Number');
        expect(store.getRecord()).toEqual(expect.objectContaining({ AccountId: '001A' }));
        expect(store.getUser().FirstName).toBe('Ann');
    });

    it('sets variables with type conversion and notifies dependents', () => {
        const store = createStore();
        const changes: string[][] = [];
        const unsubscribe = store.subscribe((names) => changes.push([...names]));
        store.set('updatedCount', '3');
        expect(store.get('updatedCount')).toBe(3);
        expect(store.get('doubled')).toBe(6);
        expect(store.get('label')).toBe('6 / Active');
        expect(changes).toEqual([['updatedCount', 'doubled', 'label']]);
        store.set('updatedCount', 3);
        expect(changes).toHaveLength(1);
        store.set('ids', ['a', 'b']);
        expect(store.get('ids')).toEqual(['a', 'b']);
        unsubscribe();
        store.clear('ids');
        expect(store.get('ids')).toEqual([]);
        expect(changes).toHaveLength(2);
    });

    it('recomputes formulas only when inputs change', () => {
        const store = createStore();
        const spy = jest.spyOn(store, 'resolve');
        store.get('title');
        const calls = spy.mock.calls.length;
        store.get('title');
        expect(spy.mock.calls.length).toBe(calls);
        store.setUser({ FirstName: 'Bob' });
        expect(store.get('title')).toBe('Contacts of Bob');
        expect(store.get('greeting')).toBe('Hello Bob');
    });

    it('derived initial values follow their inputs until set', () => {
        const store = createStore();
        store.setRecord({ AccountId: '001B' });
        expect(store.get('accountId')).toBe('001B');
        store.set('accountId', 'manual');
        store.setRecord({ AccountId: '001C' });
        expect(store.get('accountId')).toBe('manual');
        store.setRecord(null);
        expect(store.resolve(['$Record', 'AccountId'])).toBeUndefined();
    });

    it('rejects values of the wrong type with a clear message', () => {
        const store = createStore();
        expect(() => store.set('updatedCount', 'abc')).toThrow(
            new DataTypeError("updatedCount is a Number variable; cannot store 'abc'")
        );
        expect(() => store.set('ids', 'a')).toThrow(
            "ids is a Text collection variable; cannot store the single value 'a' — a list is expected"
        );
    });

    it('refuses constants, formulas and unknown names', () => {
        const store = createStore();
        expect(() => store.set('activeStatus', 'x')).toThrow('activeStatus is a constant; its value cannot be changed');
        expect(() => store.set('title', 'x')).toThrow('title is a formula; its value is computed');
        expect(() => store.set('updatedCont', 1)).toThrow(
            "Unknown variable 'updatedCont'. Did you mean 'updatedCount'? Known resources: updatedCount"
        );
        expect(() => store.get('nope')).toThrow("Unknown resource 'nope'.");
        expect(() => store.resolve(['nope'])).toThrow("Unknown resource 'nope'.");
        expect(() => new ResourceStore().get('x')).toThrow('This definition has no resources.');
    });

    it('rejects formula cycles, bad formulas and duplicates when built', () => {
        expect(
            () =>
                new ResourceStore([
                    { name: 'a', kind: 'formula', dataType: 'Number', formula: '{!b} + 1' },
                    { name: 'b', kind: 'formula', dataType: 'Number', formula: '{!c} + 1' },
                    { name: 'c', kind: 'formula', dataType: 'Number', formula: '{!a} + 1' }
                ])
        ).toThrow(
            new ResourceDefinitionError(
                'Formula cycle: a → b → c → a. A formula cannot depend on itself, directly or through other formulas.'
            )
        );
        expect(() => new ResourceStore([{ name: 'a', kind: 'formula', dataType: 'Number', formula: '{!a}' }])).toThrow(
            'Formula cycle: a → a.'
        );
        expect(() => new ResourceStore([{ name: 'a', kind: 'formula', dataType: 'Number', formula: '1 +' }])).toThrow(
            "The formula of 'a' does not parse: Unexpected end of formula at position 3"
        );
        expect(
            () =>
                new ResourceStore([
                    { name: 'a', kind: 'variable', dataType: 'Number' },
                    { name: 'a', kind: 'variable', dataType: 'Text' }
                ])
        ).toThrow("Resource 'a' is defined twice");
        expect(() => new ResourceStore([{ name: 'a', kind: 'variable', dataType: 'Text', value: 'x {!b' }])).toThrow(
            'The initial value x {!b does not parse: Unterminated merge field at position 2'
        );
        expect(() => new ResourceStore([{ name: 'a', kind: 'constant', dataType: 'Number', value: 'x' }])).toThrow(
            "Constant a is a Number; cannot store 'x'"
        );
    });

    it('reports formula evaluation errors with the formula name', () => {
        const store = new ResourceStore([
            { name: 'n', kind: 'variable', dataType: 'Number', value: 0 },
            { name: 'ratio', kind: 'formula', dataType: 'Number', formula: '10 / {!n}' },
            { name: 'asNumber', kind: 'formula', dataType: 'Number', formula: '"abc"' },
            { name: 'init', kind: 'variable', dataType: 'Number', value: '{!missing}' }
        ]);
        expect(() => store.get('ratio')).toThrow("Formula 'ratio' could not be computed: Division by zero");
        store.set('n', 5);
        expect(store.get('ratio')).toBe(2);
        expect(() => store.get('asNumber')).toThrow(
            "Formula 'asNumber' could not be computed: Formula asNumber is a Number formula; cannot store 'abc'"
        );
        expect(() => store.get('init')).toThrow(
            "The initial value of 'init' could not be computed: Unknown resource 'missing'"
        );
        expect(() => store.snapshot()).toThrow();
    });

    it('resolves external names and invalidates formulas that read them', () => {
        let count = 1;
        const store = new ResourceStore(
            [{ name: 'selected', kind: 'formula', dataType: 'Number', formula: '{!table.SelectedRowCount}' }],
            { external: { resolve: (path) => (path[0] === 'table' ? count : undefined) } }
        );
        expect(store.get('selected')).toBe(1);
        count = 2;
        expect(store.get('selected')).toBe(1);
        const heard: string[][] = [];
        store.subscribe((names) => heard.push([...names]));
        store.invalidate('table');
        expect(store.get('selected')).toBe(2);
        expect(heard).toEqual([['table', 'selected']]);
        store.setExternalScope(undefined);
        store.invalidate('table');
        expect(() => store.get('selected')).toThrow("Unknown resource 'table'");
    });

    it('resolves definition values and takes snapshots', () => {
        const store = createStore();
        store.set('updatedCount', 4);
        expect(store.resolveValue('{!updatedCount} contacts')).toBe('4 contacts');
        expect(store.resolveValue('={!updatedCount} + 1', { formulas: true })).toBe(5);
        expect(store.snapshot()).toEqual(
            expect.objectContaining({ updatedCount: 4, doubled: 8, title: 'Contacts of Ann' })
        );
    });

    it('keeps working when a listener throws', () => {
        const store = createStore();
        const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const after = jest.fn();
        store.subscribe(() => {
            throw new Error('view broke');
        });
        store.subscribe(after);
        store.set('updatedCount', 1);
        expect(store.get('updatedCount')).toBe(1);
        expect(after).toHaveBeenCalledWith(['updatedCount', 'doubled', 'label']);
        expect(errorSpy).toHaveBeenCalledWith('ResourceStore listener failed', expect.any(Error));
        errorSpy.mockRestore();
    });

    it('uses the injected clock', () => {
        const store = new ResourceStore([{ name: 'd', kind: 'formula', dataType: 'Date', formula: 'TODAY()' }], {
            now: () => new Date(2026, 0, 15)
        });
        expect(store.get('d')).toBe('2026-01-15');
    });
});
