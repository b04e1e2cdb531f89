import { createElement } from '@lwc/engine-dom';
import BuilderFlowEditor, { defaultInputValue, inputFor, variableFor, withFlow } from 'c/builderFlowEditor';
import type { BuilderEdit, BuilderObject, EditorContext, FlowSummary } from 'c/dcBuilder';
import type { DefinitionProblem, FlowDescribe, FlowVariableDescribe } from 'c/dcDefinition';
import fixtures from '../../builderMappingPicker/__tests__/data/builderFixtures.json';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext };
type Control = HTMLElement & Record<string, unknown>;

const FLOWS = fixtures.flows as unknown as FlowDescribe[];
const flowNamed = (name: string) => FLOWS.find((f) => f.apiName === name)!;

function fakeServices(cachedFlows: string[] = []) {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    const described = new Set(cachedFlows);
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries)),
        describeObject: jest.fn((name: string) => Promise.resolve(objects[name])),
        cachedObject: jest.fn((name: string) => objects[name]),
        listFlows: jest.fn(() =>
            Promise.resolve(FLOWS.map(({ variables: _v, ...summary }) => summary) as FlowSummary[])
        ),
        describeFlow: jest.fn((name: string) => {
            const flow = FLOWS.find((f) => f.apiName === name);
            if (!flow) return Promise.reject({ code: 'NOT_FOUND', message: `No flow ${name}` });
            described.add(name);
            return Promise.resolve(flow);
        }),
        cachedFlow: jest.fn((name: string) => (described.has(name) ? FLOWS.find((f) => f.apiName === name) : undefined))
    };
}

function doc(
    action: Json,
    resources: Json[] | null = [
        { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
        { name: 'total', kind: 'variable', dataType: 'Currency' },
        { name: 'label', kind: 'variable', dataType: 'Text' },
        { name: 'fixed', kind: 'constant', dataType: 'Number', value: 1 }
    ]
): Json {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        ...(resources ? { resources } : {}),
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [] }],
        interactions: [
            { id: 'go', on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' }, do: [action] }
        ]
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(
    action: Json,
    options: {
        cached?: string[];
        problems?: DefinitionProblem[];
        resources?: Json[] | null;
        services?: ReturnType<typeof fakeServices>;
    } = {}
) {
    const services = options.services ?? fakeServices(options.cached ?? []);
    const el = createElement('c-builder-flow-editor', { is: BuilderFlowEditor }) as EditorElement;
    el.path = 'interactions[0].do[0]';
    el.node = action;
    el.context = {
        doc: options.resources === undefined ? doc(action) : doc(action, options.resources),
        problems: options.problems ?? [],
        services
    };
    const edits: BuilderEdit[] = [];
    el.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
    document.body.appendChild(el);
    await flush();
    await flush();
    return { el, edits, services };
}

const q = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector(selector) as Control;
const all = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as Control[];
const field = (el: HTMLElement, name: string) => q(el, `[data-field="${name}"]`);
const role = (el: HTMLElement, name: string, index: number) => q(el, `[data-role="${name}"][data-index="${index}"]`);
const change = (target: HTMLElement, detail: Json) => target.dispatchEvent(new CustomEvent('change', { detail }));
const values = (options: unknown) => (options as { value: string }[]).map((o) => o.value);
const buttonIcon = (el: HTMLElement, label: string) =>
    all(el, 'lightning-button-icon').find((b) => b.alternativeText === label)!;
const button = (el: HTMLElement, label: string) => all(el, 'lightning-button').find((b) => b.label === label)!;

const SHIPPED: Json = {
    type: 'executeFlow',
    id: 'setActiveFlow',
    flowApiName: 'Set_Contact_Status_Active',
    inputs: [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }],
    outputs: [{ name: 'updatedCount', resource: 'updatedCount' }]
};

describe('c-builder-flow-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('lists only active autolaunched flows without a trigger for Execute Flow', async () => {
        const { el } = await mount({ type: 'executeFlow', id: 'a' });
        const picker = field(el, 'flowApiName');
        expect(values(picker.options)).toEqual(['Score_Contacts', 'Set_Contact_Status_Active']);
        expect(picker.helpText).toBe('Lists the active autolaunched flows without a trigger.');
        expect(field(el, 'addInput')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('lists only active screen flows for dialogs and panels, and keeps a flow that is not available', async () => {
        const { el } = await mount({ type: 'openFlowPanel', flowApiName: 'Old_Flow' });
        const picker = field(el, 'flowApiName');
        expect(values(picker.options)).toEqual(['Old_Flow', 'Edit_Contact_Status']);
        expect((picker.options as { description: string }[])[0].description).toBe('Not available for this action');
        expect(picker.helpText).toBe('Lists the active screen flows.');
    });

    it('picking a flow describes it and adds its required inputs, shaped like the variable', async () => {
        const { el, edits, services } = await mount({
            type: 'executeFlow',
            id: 'a',
            onFinish: [{ type: 'refreshQueries' }]
        });
        change(field(el, 'flowApiName'), { value: 'Set_Contact_Status_Active' });
        await flush();
        expect(services.describeFlow).toHaveBeenCalledWith('Set_Contact_Status_Active');
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do[0]',
                value: {
                    type: 'executeFlow',
                    id: 'a',
                    onFinish: [{ type: 'refreshQueries' }],
                    flowApiName: 'Set_Contact_Status_Active',
                    inputs: [{ name: 'ContactIds', value: [], collection: true }]
                },
                label: 'Run flow Set_Contact_Status_Active'
            }
        ]);
        // a described flow is applied at once
        change(field(el, 'flowApiName'), { value: 'Set_Contact_Status_Active' });
        expect(edits).toHaveLength(2);
    });

    it('lists the flow variables with type, direction, collection-ness and required', async () => {
        const { el } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'] });
        const rows = all(el, 'table.variables tbody tr').map((r) =>
            [...r.querySelectorAll('th, td')].map((c) => c.textContent)
        );
        expect(rows).toEqual([
            ['ContactIds', 'Input', 'Text collection', 'Required'],
            ['updatedCount', 'Output', 'Number', ''],
            ['note', 'Input', 'Text', '']
        ]);
        await expect(el).toBeAccessible();
    });

    it('maps a collection input through the mapping picker; the collection toggle follows the variable', async () => {
        const { el, edits } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'] });
        expect(role(el, 'mode', 0).value).toBe('mapped');
        const picker = role(el, 'value', 0);
        expect(picker.tagName).toBe('C-BUILDER-MAPPING-PICKER');
        expect(picker.label).toBe('Value of ContactIds');
        expect(picker.value).toBe('{!contactsTable.SelectedRowsKeyValue}');
        expect(picker.target).toEqual({ dataType: 'Text', isCollection: true });
        expect(picker.actionPath).toBe('interactions[0].do[0]');
        const toggle = role(el, 'collection', 0);
        expect(toggle.label).toBe('Allow multiple values (collection)');
        expect(toggle.checked).toBe(true);
        expect(toggle.disabled).toBe(true);
        expect(el.shadowRoot!.textContent).toContain('Set by the flow: ContactIds is a collection (Text collection).');
        expect(q(el, '.mismatch')).toBeNull();
        change(picker, { value: '{!ids}' });
        expect(edits).toEqual([
            { op: 'set', path: 'interactions[0].do[0].inputs[0].value', value: '{!ids}', label: 'Map input value' }
        ]);
    });

    it('switches an input between a static value and a mapped one', async () => {
        const { el, edits } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'] });
        change(role(el, 'mode', 0), { value: 'static' });
        expect(edits[0]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].inputs[0].value',
            value: [],
            label: 'Use a static value'
        });
        el.node = { ...SHIPPED, inputs: [{ name: 'ContactIds', value: ['003A'], collection: true }] };
        await flush();
        expect(role(el, 'value', 0).tagName).toBe('LIGHTNING-TEXTAREA');
        expect(role(el, 'value', 0).value).toBe('003A');
        change(role(el, 'value', 0), { value: '003A\n\n 003B ' });
        expect(edits[1]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].inputs[0].value',
            value: ['003A', '003B'],
            label: 'Change input value'
        });
        change(role(el, 'mode', 0), { value: 'mapped' });
        await flush();
        expect(role(el, 'value', 0).tagName).toBe('C-BUILDER-MAPPING-PICKER');
        expect(edits).toHaveLength(2);
    });

    it('adds input variables typed from the flow, with static inputs of their type', async () => {
        const action = { type: 'executeFlow', id: 'a', flowApiName: 'Score_Contacts' };
        const { el, edits } = await mount(action, { cached: ['Score_Contacts'] });
        const add = field(el, 'addInput');
        expect(values(add.options)).toEqual(['contacts', 'minimum', 'since', 'at', 'dryRun', 'helper']);
        expect((add.options as { description: string }[])[0].description).toBe('Contact record collection · required');
        for (const name of ['contacts', 'minimum', 'since', 'at', 'dryRun', 'helper']) change(add, { value: name });
        change(add, { value: 'nope' });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual([
            [{ name: 'contacts', value: [], collection: true, dataType: 'Record' }],
            [{ name: 'minimum', value: null, dataType: 'Currency' }],
            [{ name: 'since', value: null, dataType: 'Date' }],
            [{ name: 'at', value: null, dataType: 'DateTime' }],
            [{ name: 'dryRun', value: false, dataType: 'Boolean' }],
            [{ name: 'helper', value: '' }]
        ]);
        expect(edits[0].path).toBe('interactions[0].do[0].inputs');

        const withInputs = {
            ...action,
            inputs: [
                { name: 'contacts', value: '{!contactsTable.SelectedRows}', collection: true, dataType: 'Record' },
                { name: 'minimum', value: 10, dataType: 'Currency' },
                { name: 'since', value: '2025-01-01', dataType: 'Date' },
                { name: 'dryRun', value: true, dataType: 'Boolean' },
                { name: 'at', value: null, dataType: 'DateTime' }
            ]
        };
        el.node = withInputs;
        await flush();
        // records can only be mapped
        expect(role(el, 'mode', 0)).toBeNull();
        expect(role(el, 'value', 0).target).toEqual({
            dataType: 'Record',
            isCollection: true,
            objectApiName: 'Contact'
        });
        expect(role(el, 'value', 1).type).toBe('number');
        expect(role(el, 'value', 1).value).toBe('10');
        expect(role(el, 'value', 2).type).toBe('date');
        expect(role(el, 'value', 3).checked).toBe(true);
        expect(role(el, 'value', 4).type).toBe('datetime');
        edits.length = 0;
        change(role(el, 'value', 1), { value: '12.5' });
        change(role(el, 'value', 1), { value: '' });
        change(role(el, 'value', 2), { value: '' });
        change(role(el, 'value', 4), { value: '2025-01-31T09:00:00.000Z' });
        change(role(el, 'value', 3), { checked: false });
        change(field(el, 'addInput'), { value: 'helper' });
        expect(edits.map((e) => [e.op, e.path, e.op !== 'remove' && e.op !== 'move' ? e.value : undefined])).toEqual([
            ['set', 'interactions[0].do[0].inputs[1].value', 12.5],
            ['set', 'interactions[0].do[0].inputs[1].value', null],
            ['set', 'interactions[0].do[0].inputs[2].value', null],
            ['set', 'interactions[0].do[0].inputs[4].value', '2025-01-31T09:00:00.000Z'],
            ['set', 'interactions[0].do[0].inputs[3].value', false],
            ['insert', 'interactions[0].do[0].inputs', { name: 'helper', value: '' }]
        ]);
        await expect(el).toBeAccessible();
    });

    it('offers to match an input whose collection-ness or type differs from the variable', async () => {
        const action = {
            ...SHIPPED,
            inputs: [
                { name: 'ContactIds', value: 'x' },
                { name: 'note', value: 3, dataType: 'Number' }
            ]
        };
        const { el, edits } = await mount(action, { cached: ['Set_Contact_Status_Active'] });
        expect(all(el, '.mismatch')).toHaveLength(2);
        expect(role(el, 'collection', 0).checked).toBe(true);
        button(el, 'Match ContactIds to the flow variable').click();
        button(el, 'Match note to the flow variable').click();
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do[0].inputs[0]',
                value: { name: 'ContactIds', value: [], collection: true },
                label: 'Match ContactIds to the flow'
            },
            {
                op: 'set',
                path: 'interactions[0].do[0].inputs[1]',
                value: { name: 'note', value: 3 },
                label: 'Match note to the flow'
            }
        ]);
    });

    it('removes inputs (the last one removes the list) and flags names the flow does not have', async () => {
        const action = { ...SHIPPED, inputs: [{ name: 'contactIds', value: [] }, ...(SHIPPED.inputs as Json[])] };
        const { el, edits } = await mount(action, { cached: ['Set_Contact_Status_Active'] });
        expect(q(el, '.unknown-input').textContent).toBe(
            'Set_Contact_Status_Active has no input variable named contactIds.'
        );
        buttonIcon(el, 'Remove input contactIds').click();
        expect(edits[0]).toEqual({
            op: 'remove',
            path: 'interactions[0].do[0].inputs[0]',
            label: 'Remove input contactIds'
        });
        el.node = SHIPPED;
        await flush();
        buttonIcon(el, 'Remove input ContactIds').click();
        expect(edits[1]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].inputs',
            value: undefined,
            label: 'Remove input ContactIds'
        });
    });

    it('maps outputs to compatible variables only, or creates one', async () => {
        const { el, edits } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'] });
        const resource = role(el, 'outputResource', 0);
        expect(resource.label).toBe('Store updatedCount in');
        expect(values(resource.options)).toEqual(['updatedCount', 'total']);
        expect(resource.value).toBe('updatedCount');
        change(resource, { value: 'total' });
        change(role(el, 'outputName', 0), { value: 'updatedCount' });
        button(el, 'Create variable for updatedCount').click();
        expect(edits).toEqual([
            { op: 'set', path: 'interactions[0].do[0].outputs[0].resource', value: 'total', label: 'Store the output' },
            {
                op: 'set',
                path: 'interactions[0].do[0].outputs[0].name',
                value: 'updatedCount',
                label: 'Change flow output'
            },
            {
                op: 'insert',
                path: 'resources',
                value: { name: 'updatedCount2', kind: 'variable', dataType: 'Number' },
                label: 'Create variable updatedCount2'
            },
            {
                op: 'set',
                path: 'interactions[0].do[0].outputs[0].resource',
                value: 'updatedCount2',
                label: 'Create variable updatedCount2'
            }
        ]);
        buttonIcon(el, 'Remove output updatedCount').click();
        expect(edits[4]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].outputs',
            value: undefined,
            label: 'Remove output'
        });
    });

    it('adds outputs, storing them in a same-named compatible variable when there is one', async () => {
        const action = { type: 'openFlowDialog', flowApiName: 'Edit_Contact_Status' };
        const { el, edits } = await mount(action, { cached: ['Edit_Contact_Status'], resources: null });
        const add = field(el, 'addOutput');
        expect(values(add.options)).toEqual(['changed', 'contact', 'tags']);
        change(add, { value: 'changed' });
        change(add, { value: 'missing' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do[0].outputs',
                value: [{ name: 'changed', resource: '' }],
                label: 'Add output changed'
            }
        ]);
        el.node = {
            ...action,
            outputs: [
                { name: 'contact', resource: 'label' },
                { name: 'gone', resource: '' }
            ]
        };
        await flush();
        expect(values(role(el, 'outputResource', 0).options)).toEqual(['label']);
        expect((role(el, 'outputResource', 0).options as { label: string }[])[0].label).toBe('label (not compatible)');
        expect(values(role(el, 'outputName', 1).options)).toContain('gone');
        // without resources the new variable starts the list
        button(el, 'Create variable for contact').click();
        expect(edits[1]).toEqual({
            op: 'set',
            path: 'resources',
            value: [{ name: 'contact', kind: 'variable', dataType: 'Record', objectApiName: 'Contact' }],
            label: 'Create variable contact'
        });
        expect(all(el, 'lightning-button').some((b) => b.label === 'Create variable for gone')).toBe(false);
        change(field(el, 'addOutput'), { value: 'tags' });
        expect(edits[3]).toEqual({
            op: 'insert',
            path: 'interactions[0].do[0].outputs',
            value: { name: 'tags', resource: '' },
            label: 'Add output tags'
        });
        buttonIcon(el, 'Remove output gone').click();
        expect(edits[4]).toEqual({ op: 'remove', path: 'interactions[0].do[0].outputs[1]', label: 'Remove output' });
    });

    it('shows problems beside the flow, inputs and outputs', async () => {
        const problems: DefinitionProblem[] = [
            {
                path: 'interactions[0].do[0].flowApiName',
                message: "Flow 'Set_Contact_Status_Activ' does not exist. Did you mean 'Set_Contact_Status_Active'?"
            },
            { path: 'interactions[0].do[0].inputs[0].value', message: 'ContactIds is a collection: map a collection.' },
            { path: 'interactions[0].do[0].inputs', message: 'Required input note is missing.' },
            {
                path: 'interactions[0].do[0].outputs[0].resource',
                message: "Variable 'updatedCount' is Text, the output is Number."
            },
            { path: 'interactions[0].do[0].outputs[0].name', message: 'Not an output.' },
            { path: 'interactions[0].do[0].outputs[0].extra', message: 'Unknown property.' },
            { path: 'interactions[0].do[0].outputs', message: 'outputs must be a list.' }
        ];
        const { el } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'], problems });
        expect(field(el, 'flowApiName').errorMessage).toContain('Did you mean');
        expect(q(el, 'li.input').textContent).toContain('ContactIds is a collection: map a collection.');
        expect(q(el, '[data-problem-for="inputs"]').textContent).toBe('Required input note is missing.');
        const output = q(el, 'li.output').textContent;
        expect(output).toContain('is Text, the output is Number.');
        expect(output).toContain('Not an output.');
        expect(output).toContain('Unknown property.');
        expect(q(el, '[data-problem-for="outputs"]').textContent).toBe('outputs must be a list.');
    });

    it('says when flows cannot be listed or described, and still sets the flow', async () => {
        const services = fakeServices();
        services.listFlows.mockImplementation(() => Promise.reject({ message: 'No access' }));
        const { el } = await mount({ type: 'executeFlow', id: 'a' }, { services });
        expect(q(el, '.services-error').textContent).toBe('Could not list the flows: No access.');

        const missing = await mount({ type: 'executeFlow', id: 'a', flowApiName: 'Gone_Flow' });
        expect(q(missing.el, '.services-error').textContent).toBe(
            'Could not read the variables of Gone_Flow: No flow Gone_Flow.'
        );
        change(field(missing.el, 'flowApiName'), { value: 'Other_Gone' });
        await flush();
        expect(missing.edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do[0]',
                value: { type: 'executeFlow', id: 'a', flowApiName: 'Other_Gone' },
                label: 'Run flow Other_Gone'
            }
        ]);
        const none = await mount(null as unknown as Json);
        expect(field(none.el, 'flowApiName').value).toBe('');
    });
});

describe('flow mapping helpers', () => {
    const v = (over: Partial<FlowVariableDescribe>): FlowVariableDescribe => ({
        name: 'x',
        dataType: 'String',
        isCollection: false,
        isInput: true,
        isOutput: false,
        ...over
    });

    it('starts inputs with a value of the variable type', () => {
        expect(defaultInputValue(v({ isCollection: true }))).toEqual([]);
        expect(defaultInputValue(v({ dataType: 'Boolean' }))).toBe(false);
        expect(defaultInputValue(v({ dataType: 'Picklist' }))).toBe('');
        expect(defaultInputValue(v({ dataType: 'Apex' }))).toBe('');
        expect(defaultInputValue(v({ dataType: 'Number' }))).toBeNull();
        expect(inputFor(v({ dataType: 'Multipicklist' }), 'a')).toEqual({ name: 'x', value: 'a' });
    });

    it('keeps the inputs and outputs the new flow still has when the flow changes', () => {
        const action = {
            type: 'executeFlow',
            id: 'a',
            flowApiName: 'Old',
            inputs: [{ name: 'note', value: 'hi' }, { name: 'gone', value: 1 }, 'junk'],
            outputs: [
                { name: 'updatedCount', resource: 'n' },
                { name: 'gone', resource: 'm' }
            ]
        };
        expect(withFlow(action, flowNamed('Set_Contact_Status_Active'))).toEqual({
            type: 'executeFlow',
            id: 'a',
            flowApiName: 'Set_Contact_Status_Active',
            inputs: [
                { name: 'note', value: 'hi' },
                { name: 'ContactIds', value: [], collection: true }
            ],
            outputs: [{ name: 'updatedCount', resource: 'n' }]
        });
        expect(withFlow(action, flowNamed('Contact_After_Save'))).toEqual({
            type: 'executeFlow',
            id: 'a',
            flowApiName: 'Contact_After_Save'
        });
    });

    it('names a new variable after the output, unique across resources, queries and components', () => {
        const d = doc({}, [{ name: 'Contacts', kind: 'variable', dataType: 'Text' }]);
        expect(
            variableFor(v({ name: 'contacts', dataType: 'SObject', objectType: 'Contact', isCollection: true }), d)
        ).toEqual({
            name: 'contacts2',
            kind: 'variable',
            dataType: 'Record',
            isCollection: true,
            objectApiName: 'Contact'
        });
        expect(variableFor(v({ name: 'contactsTable' }), d).name).toBe('contactsTable2');
        expect(variableFor(v({ name: '1bad', dataType: 'Apex' }), {})).toEqual({
            name: 'flowOutput',
            kind: 'variable',
            dataType: 'Text'
        });
    });
});

describe('c-builder-flow-editor: run mode, chunk size and aggregates (Execute Flow at scale)', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('sync (default) shows only the run mode; choosing async writes mode and shows chunk size and aggregates', async () => {
        const { el, edits } = await mount(SHIPPED, { cached: ['Set_Contact_Status_Active'] });
        const mode = field(el, 'mode');
        expect(mode.value).toBe('sync');
        expect(values(mode.options)).toEqual(['sync', 'auto', 'async']);
        expect(field(el, 'chunkSize')).toBeNull();
        expect(q(el, '[data-role="outputAggregate"]')).toBeNull();
        change(mode, { value: 'async' });
        expect(edits.pop()).toEqual(
            expect.objectContaining({ op: 'set', path: 'interactions[0].do[0]', value: { ...SHIPPED, mode: 'async' } })
        );
        await expect(el).toBeAccessible();
    });

    it('with auto: chunk size and aggregate edits write their keys, defaults remove them, out of range is an error', async () => {
        const chunked = { ...SHIPPED, mode: 'auto', chunkSize: 5000 };
        const { el, edits } = await mount(chunked, { cached: ['Set_Contact_Status_Active'] });
        const size = field(el, 'chunkSize');
        expect(size).not.toBeNull();
        expect(q(el, '[data-problem-for="chunkSize"]').textContent).toMatch(/2,?000/);
        change(size, { value: '500' });
        expect(edits.pop()).toEqual(expect.objectContaining({ path: 'interactions[0].do[0].chunkSize', value: 500 }));
        change(size, { value: '' });
        expect(edits.pop()).toEqual(
            expect.objectContaining({ path: 'interactions[0].do[0].chunkSize', value: undefined })
        );
        const aggregate = role(el, 'outputAggregate', 0);
        expect(values(aggregate.options)).toEqual(expect.arrayContaining(['last', 'sum', 'count', 'collect']));
        change(aggregate, { value: 'sum' });
        expect(edits.pop()).toEqual(
            expect.objectContaining({ path: 'interactions[0].do[0].outputs[0].aggregate', value: 'sum' })
        );
        change(aggregate, { value: 'last' });
        expect(edits.pop()).toEqual(
            expect.objectContaining({ path: 'interactions[0].do[0].outputs[0].aggregate', value: undefined })
        );
    });

    it('back to sync removes mode, chunkSize and every aggregate in one edit', async () => {
        const chunked = {
            ...SHIPPED,
            mode: 'async',
            chunkSize: 100,
            outputs: [{ name: 'updatedCount', resource: 'updatedCount', aggregate: 'sum' }]
        };
        const { el, edits } = await mount(chunked, { cached: ['Set_Contact_Status_Active'] });
        change(field(el, 'mode'), { value: 'sync' });
        expect(edits).toHaveLength(1);
        expect(edits[0]).toEqual(expect.objectContaining({ op: 'set', value: SHIPPED }));
    });
});
