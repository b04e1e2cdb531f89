import { createElement } from '@lwc/engine-dom';
import BuilderActionEditor, { ACTION_TYPE_OPTIONS, actionSummary, actionTypeLabel } from 'c/builderActionEditor';
import type { BuilderEdit, BuilderObject, EditorContext } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';
import fixtures from '../../builderMappingPicker/__tests__/data/builderFixtures.json';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext };
type Control = HTMLElement & Record<string, unknown>;

function fakeServices() {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries)),
        describeObject: jest.fn((name: string) => Promise.resolve(objects[name])),
        cachedObject: jest.fn((name: string) => objects[name]),
        listFlows: jest.fn(() => Promise.resolve([])),
        describeFlow: jest.fn(() => Promise.reject({ message: 'none' })),
        cachedFlow: jest.fn(() => undefined)
    };
}

const EXECUTE: Json = {
    type: 'executeFlow',
    id: 'setActiveFlow',
    flowApiName: 'Set_Contact_Status_Active',
    onFinish: [
        { type: 'refreshQueries' },
        { type: 'showToast', variant: 'success', title: '{!updatedCount} contacts set to Active' }
    ],
    onError: [{ type: 'showToast', variant: 'error', title: 'Could not update', message: '{!$Error.message}' }]
};

function docWith(actions: Json[]): Json {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        resources: [
            { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'flag', kind: 'variable', dataType: 'Boolean' },
            { name: 'note', kind: 'variable', dataType: 'Text' },
            { name: 'since', kind: 'variable', dataType: 'Date' },
            { name: 'fixed', kind: 'constant', dataType: 'Text', value: 'x' }
        ],
        queries: [
            { name: 'contacts', object: 'Contact', fields: ['Name'] },
            { name: 'accounts', object: 'Account', fields: ['Name'] }
        ],
        components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [] }],
        interactions: [
            { id: 'go', on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' }, do: actions }
        ]
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(action: Json, path = 'interactions[0].do[0]', problems: DefinitionProblem[] = []) {
    const el = createElement('c-builder-action-editor', { is: BuilderActionEditor }) as EditorElement;
    el.path = path;
    el.node = action;
    el.context = { doc: docWith([action]), problems, services: fakeServices(), recordObjectApiName: 'Contact' };
    const edits: BuilderEdit[] = [];
    const selects: string[] = [];
    el.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
    el.addEventListener('select', (e) => selects.push((e as CustomEvent<{ path: string }>).detail.path));
    document.body.appendChild(el);
    await flush();
    return { el, edits, selects };
}

const q = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector(selector) as Control;
const all = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as Control[];
const field = (el: HTMLElement, name: string) => q(el, `[data-field="${name}"]`);
const change = (target: HTMLElement, detail: Json) => target.dispatchEvent(new CustomEvent('change', { detail }));
const values = (options: unknown) => (options as { value: string }[]).map((o) => o.value);
const buttonIcon = (el: HTMLElement, label: string) => {
    const found = all(el, 'lightning-button-icon').find((b) => b.alternativeText === label);
    if (!found) throw new Error(`No button ${label}`);
    return found;
};
const addItem = (el: HTMLElement, chain: string, type: string) =>
    q(el, `lightning-button-menu[data-chain="${chain}"]`).dispatchEvent(
        new CustomEvent('select', { detail: { value: type } })
    );
const setPath = (edits: BuilderEdit[]) =>
    edits.map((e) => [e.op, e.path, e.op === 'set' || e.op === 'insert' ? e.value : undefined]);

describe('c-builder-action-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders an Execute Flow action with the flow editor and its On Finish / On Error chains', async () => {
        const { el } = await mount(EXECUTE);
        expect(q(el, 'h2').textContent).toBe('Execute Flow');
        expect(field(el, 'type').value).toBe('executeFlow');
        expect(field(el, 'id').value).toBe('setActiveFlow');
        expect(field(el, 'id').required).toBe(true);
        const flow = q(el, 'c-builder-flow-editor');
        expect(flow.path).toBe('interactions[0].do[0]');
        expect((flow.node as Json).flowApiName).toBe('Set_Contact_Status_Active');
        const chains = all(el, 'fieldset.chain');
        expect(chains.map((c) => c.querySelector('legend')!.textContent)).toEqual(['On Finish', 'On Error']);
        expect([...chains[0].querySelectorAll('.summary')].map((s) => s.textContent)).toEqual([
            'Refresh All Queries',
            'Show Toast: “{!updatedCount} contacts set to Active”'
        ]);
        const menu = chains[0].querySelector('lightning-button-menu') as unknown as Control;
        expect(menu.label).toBe('Add item');
        expect([...menu.querySelectorAll('lightning-menu-item')].map((m) => (m as unknown as Control).label)).toEqual(
            ACTION_TYPE_OPTIONS.map((o) => o.label)
        );
        await expect(el).toBeAccessible();
    });

    it('adds items to a chain, starts a missing chain, selects, reorders and removes items', async () => {
        const { el, edits, selects } = await mount(EXECUTE);
        addItem(el, 'onFinish', 'navigate');
        addItem(el, 'onError', 'refreshQueries');
        buttonIcon(el, 'Edit On Finish item 2').click();
        buttonIcon(el, 'Move On Finish item 2 up').click();
        buttonIcon(el, 'Move On Finish item 1 down').click();
        buttonIcon(el, 'Remove On Finish item 1').click();
        buttonIcon(el, 'Remove On Error item 1').click();
        expect(buttonIcon(el, 'Move On Finish item 1 up').disabled).toBe(true);
        expect(selects).toEqual(['interactions[0].do[0].onFinish[1]']);
        expect(edits).toEqual([
            {
                op: 'insert',
                path: 'interactions[0].do[0].onFinish',
                value: { type: 'navigate', target: 'recordPage', recordId: '', actionName: 'view' },
                label: 'Add Navigate to On Finish'
            },
            {
                op: 'insert',
                path: 'interactions[0].do[0].onError',
                value: { type: 'refreshQueries' },
                label: 'Add Refresh All Queries to On Error'
            },
            { op: 'move', path: 'interactions[0].do[0].onFinish[1]', to: 0, label: 'Move On Finish item' },
            { op: 'move', path: 'interactions[0].do[0].onFinish[0]', to: 1, label: 'Move On Finish item' },
            { op: 'remove', path: 'interactions[0].do[0].onFinish[0]', label: 'Remove On Finish item' },
            { op: 'set', path: 'interactions[0].do[0].onError', value: undefined, label: 'Remove On Error item' }
        ]);
        const bare = await mount({ type: 'executeFlow', id: 'x', flowApiName: 'F' });
        addItem(bare.el, 'onFinish', 'refreshQueries');
        addItem(bare.el, 'onFinish', 'executeFlow');
        expect(setPath(bare.edits)).toEqual([
            ['set', 'interactions[0].do[0].onFinish', [{ type: 'refreshQueries' }]],
            // a new Execute Flow gets an id unique in the definition
            [
                'set',
                'interactions[0].do[0].onFinish',
                [{ type: 'executeFlow', id: 'runFlow', flowApiName: '', inputs: [], outputs: [] }]
            ]
        ]);
    });

    it('edits a toast: title, message, variant and mode, with the merge fields available there', async () => {
        const toast = EXECUTE.onError as Json[];
        const { el, edits } = await mount(toast[0], 'interactions[0].do[0].onError[0]');
        expect(field(el, 'title').value).toBe('Could not update');
        const help = q(el, '.merge-help').textContent!;
        expect(help).toContain('{!$Error.message}');
        expect(help).toContain('{!updatedCount}');
        expect(help).toContain('{!contactsTable.SelectedRowCount}');
        expect(values(field(el, 'variant').options)).toEqual(['success', 'info', 'warning', 'error']);
        change(field(el, 'title'), { value: 'Failed' });
        change(field(el, 'title'), { value: '' });
        change(field(el, 'message'), { value: '' });
        change(field(el, 'variant'), { value: 'warning' });
        change(field(el, 'mode'), { value: 'sticky' });
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].onError[0].title', 'Failed'],
            ['set', 'interactions[0].do[0].onError[0].title', ''],
            ['set', 'interactions[0].do[0].onError[0].message', undefined],
            ['set', 'interactions[0].do[0].onError[0].variant', 'warning'],
            ['set', 'interactions[0].do[0].onError[0].mode', 'sticky']
        ]);
        // outside On Error there is no $Error
        const finish = await mount({ type: 'showToast', title: 'x' });
        expect(q(finish.el, '.merge-help').textContent).not.toContain('$Error');
        await expect(el).toBeAccessible();
    });

    it('refreshes all queries or the chosen ones', async () => {
        const { el, edits } = await mount({ type: 'refreshQueries' });
        expect(field(el, 'refreshMode').value).toBe('all');
        expect(field(el, 'queries')).toBeNull();
        change(field(el, 'refreshMode'), { value: 'chosen' });
        el.node = { type: 'refreshQueries', queries: ['accounts', 'gone'] };
        await flush();
        expect(values(field(el, 'queries').options)).toEqual(['contacts', 'accounts', 'gone']);
        change(field(el, 'queries'), { value: ['gone', 'accounts', 'contacts'] });
        change(field(el, 'refreshMode'), { value: 'all' });
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].queries', ['contacts', 'accounts']],
            ['set', 'interactions[0].do[0].queries', ['contacts', 'accounts', 'gone']],
            ['set', 'interactions[0].do[0].queries', undefined]
        ]);
        expect(actionSummary({ type: 'refreshQueries', queries: ['accounts'] })).toBe('Refresh Queries: accounts');
    });

    it('navigates to a record page with a mapped or typed record id', async () => {
        const { el, edits } = await mount({
            type: 'navigate',
            target: 'recordPage',
            recordId: '{!contactsTable.FirstSelectedRow.Id}',
            actionName: 'edit'
        });
        expect(field(el, 'recordIdMode').value).toBe('mapped');
        const picker = field(el, 'recordId');
        expect(picker.tagName).toBe('C-BUILDER-MAPPING-PICKER');
        expect(picker.target).toEqual({ dataType: 'Text', isCollection: false });
        expect(values(field(el, 'actionName').options)).toEqual(['view', 'edit', 'clone']);
        expect(values(field(el, 'objectApiName').options)).toEqual(['Account', 'Contact', 'Invoice__c', 'User']);
        change(picker, { value: '{!contactsTable.FirstSelectedRow.Id}' });
        change(field(el, 'recordIdMode'), { value: 'typed' });
        await flush();
        expect(field(el, 'recordId').tagName).toBe('LIGHTNING-INPUT');
        change(field(el, 'recordId'), { value: '003000000000001' });
        change(field(el, 'objectApiName'), { value: 'Contact' });
        change(field(el, 'actionName'), { value: '' });
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].recordId', '{!contactsTable.FirstSelectedRow.Id}'],
            ['set', 'interactions[0].do[0].recordId', '003000000000001'],
            ['set', 'interactions[0].do[0].objectApiName', 'Contact'],
            ['set', 'interactions[0].do[0].actionName', undefined]
        ]);
        el.node = { type: 'navigate', target: 'recordPage', recordId: 'Text {!x}' };
        await flush();
        expect(field(el, 'recordIdMode').value).toBe('typed');
    });

    it('changes the navigation target keeping what still applies', async () => {
        const { el, edits } = await mount({
            type: 'navigate',
            id: 'nav',
            target: 'recordPage',
            recordId: '{!x}',
            objectApiName: 'Contact',
            actionName: 'view'
        });
        change(field(el, 'target'), { value: 'recordPage' });
        change(field(el, 'target'), { value: 'objectList' });
        change(field(el, 'target'), { value: 'url' });
        change(field(el, 'target'), { value: 'namedPage' });
        expect(setPath(edits).map((e) => e[2])).toEqual([
            { type: 'navigate', target: 'objectList', id: 'nav', objectApiName: 'Contact' },
            { type: 'navigate', target: 'url', id: 'nav' },
            { type: 'navigate', target: 'namedPage', id: 'nav' }
        ]);
        el.node = { type: 'navigate', target: 'objectList', objectApiName: 'Legacy__c', actionName: 'list' };
        await flush();
        expect(values(field(el, 'actionName').options)).toEqual(['list', 'home', 'new']);
        expect(values(field(el, 'objectApiName').options)).toContain('Legacy__c');
        expect(field(el, 'objectApiName').required).toBe(true);
        change(field(el, 'target'), { value: 'recordPage' });
        expect(edits[3].op === 'set' && edits[3].value).toEqual({
            type: 'navigate',
            target: 'recordPage',
            objectApiName: 'Legacy__c',
            recordId: ''
        });
        el.node = { type: 'navigate', target: 'url', url: 'https://x' };
        await flush();
        expect(field(el, 'url').value).toBe('https://x');
        expect(field(el, 'actionName')).toBeNull();
        el.node = { type: 'navigate', target: 'namedPage', pageName: 'home' };
        await flush();
        change(field(el, 'pageName'), { value: 'chatter' });
        expect(edits[4]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].pageName',
            value: 'chatter',
            label: 'Change pageName'
        });
    });

    it('sets a variable: variable, operation by type, static / merge field / formula values', async () => {
        const { el, edits } = await mount({ type: 'setVariable', variable: 'updatedCount', operator: 'add', value: 1 });
        expect(values(field(el, 'variable').options)).toEqual(['updatedCount', 'ids', 'flag', 'note', 'since']);
        expect(values(field(el, 'operator').options)).toEqual(['set', 'add', 'subtract', 'clear']);
        expect(field(el, 'valueMode').value).toBe('static');
        expect(field(el, 'value').type).toBe('number');
        change(field(el, 'value'), { value: '2' });
        change(field(el, 'value'), { value: '' });
        change(field(el, 'operator'), { value: 'set' });
        change(field(el, 'operator'), { value: 'clear' });
        change(field(el, 'operator'), { value: 'subtract' });
        change(field(el, 'variable'), { value: 'note' });
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].value', 2],
            ['set', 'interactions[0].do[0].value', undefined],
            ['set', 'interactions[0].do[0]', { type: 'setVariable', variable: 'updatedCount', value: 1 }],
            ['set', 'interactions[0].do[0]', { type: 'setVariable', variable: 'updatedCount', operator: 'clear' }],
            [
                'set',
                'interactions[0].do[0]',
                { type: 'setVariable', variable: 'updatedCount', operator: 'subtract', value: 1 }
            ],
            // add does not apply to text: back to set, and the old value goes
            ['set', 'interactions[0].do[0]', { type: 'setVariable', variable: 'note' }]
        ]);
    });

    it('sets a variable from a merge field or a formula, and checks the formula', async () => {
        const { el, edits } = await mount({
            type: 'setVariable',
            variable: 'ids',
            value: '{!contactsTable.SelectedRowsKeyValue}'
        });
        expect(field(el, 'valueMode').value).toBe('mapped');
        expect(values(field(el, 'operator').options)).toEqual(['set', 'add', 'subtract', 'clear']);
        expect(field(el, 'value').target).toEqual({ dataType: 'Text', isCollection: true, objectApiName: undefined });
        change(field(el, 'value'), { value: '{!ids}' });
        change(field(el, 'valueMode'), { value: 'static' });
        await flush();
        expect(field(el, 'value').tagName).toBe('LIGHTNING-TEXTAREA');
        change(field(el, 'value'), { value: 'a\n2\n' });
        change(field(el, 'valueMode'), { value: 'formula' });
        await flush();
        expect(field(el, 'value').label).toBe('Formula');
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].value', '{!ids}'],
            ['set', 'interactions[0].do[0].value', ['a', '2']]
        ]);
        el.node = { type: 'setVariable', variable: 'updatedCount', value: '={!updatedCount} +' };
        await flush();
        expect(field(el, 'valueMode').value).toBe('formula');
        expect(q(el, '.formula-error').textContent).toMatch(/^The formula does not parse: .*position/);
        // the builder writes the '=' that marks an inline formula when the admin leaves it out
        change(field(el, 'value'), { value: '{!updatedCount} + 1' });
        expect(edits[2]).toEqual({
            op: 'set',
            path: 'interactions[0].do[0].value',
            value: '={!updatedCount} + 1',
            label: 'Change formula'
        });
        el.node = { type: 'setVariable', variable: 'flag', value: true };
        await flush();
        expect(values(field(el, 'operator').options)).toEqual(['set', 'clear']);
        expect(field(el, 'value').value).toBe('true');
        change(field(el, 'value'), { value: 'false' });
        expect(edits[3].op === 'set' && edits[3].value).toBe(false);
        el.node = { type: 'setVariable', variable: 'since', operator: 'clear' };
        await flush();
        expect(field(el, 'value')).toBeNull();
        el.node = { type: 'setVariable', variable: 'since', value: '2025-01-01' };
        await flush();
        expect(field(el, 'value').type).toBe('date');
        change(field(el, 'value'), { value: '2025-02-02' });
        expect(edits[4].op === 'set' && edits[4].value).toBe('2025-02-02');
        el.node = { type: 'setVariable', variable: 'ids', operator: 'add', value: 'x' };
        await flush();
        expect(field(el, 'value').tagName).toBe('LIGHTNING-INPUT');
        change(field(el, 'valueMode'), { value: 'mapped' });
        await flush();
        expect(field(el, 'value').target).toEqual({ dataType: 'Text', isCollection: false, objectApiName: undefined });
        el.node = { type: 'setVariable', variable: 'updatedCount', value: 1 };
        await flush();
        change(field(el, 'valueMode'), { value: 'formula' });
        expect(edits[5]).toEqual({ op: 'set', path: 'interactions[0].do[0].value', value: '', label: 'Use a formula' });
        // on a collection, switching between set (a list) and add (one item) drops the value
        el.node = { type: 'setVariable', variable: 'ids', value: ['a'] };
        await flush();
        change(field(el, 'operator'), { value: 'add' });
        expect(edits[6].op === 'set' && edits[6].value).toEqual({
            type: 'setVariable',
            variable: 'ids',
            operator: 'add'
        });
    });

    it('edits a confirmation with On Finish and On Cancel', async () => {
        const { el, edits } = await mount({
            type: 'confirm',
            message: 'Sure?',
            onFinish: [{ type: 'refreshQueries' }]
        });
        expect(all(el, 'fieldset.chain legend').map((l) => l.textContent)).toEqual([
            'On Finish (after the user confirms)',
            'On Cancel',
            'On Error'
        ]);
        change(field(el, 'message'), { value: 'Really?' });
        change(field(el, 'title'), { value: 'Confirm' });
        change(field(el, 'confirmLabel'), { value: '' });
        change(field(el, 'variant'), { value: 'headerless' });
        change(field(el, 'theme'), { value: 'warning' });
        addItem(el, 'onCancel', 'showToast');
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].message', 'Really?'],
            ['set', 'interactions[0].do[0].title', 'Confirm'],
            ['set', 'interactions[0].do[0].confirmLabel', undefined],
            ['set', 'interactions[0].do[0].variant', 'headerless'],
            ['set', 'interactions[0].do[0].theme', 'warning'],
            ['set', 'interactions[0].do[0].onCancel', [{ type: 'showToast', variant: 'success', title: 'Done' }]]
        ]);
        await expect(el).toBeAccessible();
    });

    it('edits flow dialogs and panels: title, size, position and On Close', async () => {
        const { el, edits } = await mount({ type: 'openFlowPanel', flowApiName: 'Edit_Contact_Status' });
        expect(all(el, 'fieldset.chain legend').map((l) => l.textContent)).toEqual([
            'On Finish',
            'On Close',
            'On Error'
        ]);
        expect(field(el, 'id').required).toBe(false);
        change(field(el, 'title'), { value: 'Edit' });
        change(field(el, 'size'), { value: 'large' });
        change(field(el, 'position'), { value: 'left' });
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0].title', 'Edit'],
            ['set', 'interactions[0].do[0].size', 'large'],
            ['set', 'interactions[0].do[0].position', 'left']
        ]);
        const dialog = await mount({ type: 'openFlowDialog', flowApiName: 'Edit_Contact_Status' });
        expect(field(dialog.el, 'position')).toBeNull();
        expect(field(dialog.el, 'size')).not.toBeNull();
    });

    it('exports a chosen data table of the definition under an optional file name', async () => {
        const { el, edits } = await mount({ type: 'exportCsv', table: 'contactsTable' });
        expect(q(el, 'h2').textContent).toBe('Export CSV');
        const table = field(el, 'table');
        expect(table.value).toBe('contactsTable');
        expect(table.required).toBe(true);
        // the definition's data tables, not its queries or resources
        expect(table.options).toEqual([{ label: 'contactsTable', value: 'contactsTable' }]);
        const fileName = field(el, 'fileName');
        expect(fileName.value).toBe('');
        expect(fileName.required).toBeFalsy();
        expect(fileName.placeholder).toBe('Board_<YYYY-MM-DD>.csv');
        expect(fileName.fieldLevelHelp).toMatch(/^Default: Board_<YYYY-MM-DD>\.csv /);
        expect(all(el, 'fieldset.chain legend').map((l) => l.textContent)).toEqual(['On Finish', 'On Error']);
        expect(q(el, '.no-tables')).toBeNull();
        change(table, { value: 'contactsTable' });
        change(fileName, { value: 'contacts_{!$User.Alias}.csv' });
        change(fileName, { value: '' });
        expect(edits).toEqual([
            { op: 'set', path: 'interactions[0].do[0].table', value: 'contactsTable', label: 'Export contactsTable' },
            {
                op: 'set',
                path: 'interactions[0].do[0].fileName',
                value: 'contacts_{!$User.Alias}.csv',
                label: 'Change fileName'
            },
            // an empty file name is removed: the runtime's default applies
            { op: 'set', path: 'interactions[0].do[0].fileName', value: undefined, label: 'Change fileName' }
        ]);
        await expect(el).toBeAccessible();
    });

    it('keeps an export table that does not exist visible and shows the problems of an export', async () => {
        const { el } = await mount(
            { type: 'exportCsv', table: 'contacts', fileName: 'x.txt' },
            'interactions[0].do[0]',
            [
                {
                    path: 'interactions[0].do[0].table',
                    message: 'exportCsv: \'contacts\' is a query, not a data table: "table" must name a data table.'
                },
                { path: 'interactions[0].do[0].fileName', message: 'The file name does not end in .csv.' }
            ]
        );
        expect(field(el, 'table').options).toEqual([
            { label: 'contactsTable', value: 'contactsTable' },
            { label: 'contacts (not a data table of this definition)', value: 'contacts' }
        ]);
        expect(field(el, 'fileName').value).toBe('x.txt');
        expect(q(el, '[data-problem-for="table"]').textContent).toContain("'contacts' is a query");
        expect(q(el, '[data-problem-for="fileName"]').textContent).toBe('The file name does not end in .csv.');
        // both are shown beside their control, not again on top
        expect(q(el, '.other-problems')).toBeNull();
        expect(actionSummary({ type: 'exportCsv', table: 'contactsTable' })).toBe('Export CSV: contactsTable');
        expect(actionSummary({ type: 'exportCsv' })).toBe('Export CSV');
    });

    it('turns an action into an Export CSV of the first data table', async () => {
        const { el, edits } = await mount({ type: 'showToast', id: 't', title: 'x', onFinish: [] });
        expect(values(field(el, 'type').options)).toContain('exportCsv');
        change(field(el, 'type'), { value: 'exportCsv' });
        addItem(el, 'onFinish', 'exportCsv');
        expect(setPath(edits)).toEqual([
            ['set', 'interactions[0].do[0]', { type: 'exportCsv', table: 'contactsTable', id: 't', onFinish: [] }],
            ['insert', 'interactions[0].do[0].onFinish', { type: 'exportCsv', table: 'contactsTable' }]
        ]);
    });

    it('changes the type keeping id and chains, and edits the id', async () => {
        const { el, edits } = await mount(EXECUTE);
        change(field(el, 'type'), { value: 'executeFlow' });
        change(field(el, 'type'), { value: 'showToast' });
        change(field(el, 'id'), { value: ' ' });
        change(field(el, 'id'), { value: 'run1' });
        expect(setPath(edits)).toEqual([
            [
                'set',
                'interactions[0].do[0]',
                {
                    type: 'showToast',
                    variant: 'success',
                    title: 'Done',
                    id: 'setActiveFlow',
                    onFinish: EXECUTE.onFinish,
                    onError: EXECUTE.onError
                }
            ],
            ['set', 'interactions[0].do[0].id', undefined],
            ['set', 'interactions[0].do[0].id', 'run1']
        ]);
        const toast = await mount({ type: 'showToast', title: 't' });
        change(field(toast.el, 'type'), { value: 'executeFlow' });
        expect(toast.edits[0].op === 'set' && toast.edits[0].value).toEqual({
            type: 'executeFlow',
            id: 'runFlow',
            flowApiName: '',
            inputs: [],
            outputs: []
        });
    });

    it('shows problems beside their controls, on chain items, and the rest on top', async () => {
        const problems: DefinitionProblem[] = [
            { path: 'interactions[0].do[0].id', message: "Action id 'setActiveFlow' is already used." },
            { path: 'interactions[0].do[0].onFinish[1].title', message: '{!updatedCont} refers to updatedCont.' },
            { path: 'interactions[0].do[0].onFinish[1]', message: 'Second.' },
            { path: 'interactions[0].do[0].flowApiName', message: 'shown by the flow editor' },
            { path: 'interactions[0].do[0].bogus', message: "Unknown property 'bogus'." },
            { path: 'interactions[0].do[0]', message: 'The action type is missing.' }
        ];
        const { el } = await mount(EXECUTE, 'interactions[0].do[0]', problems);
        expect(q(el, '[data-problem-for="id"]').textContent).toBe("Action id 'setActiveFlow' is already used.");
        expect(q(el, '.item-problem').textContent).toBe('2 problems: {!updatedCont} refers to updatedCont.');
        expect(q(el, '.other-problems').textContent).toBe("Unknown property 'bogus'.The action type is missing.");
        const toast = await mount({ type: 'showToast' }, 'interactions[0].do[0]', [
            { path: 'interactions[0].do[0].title', message: 'The toast title is missing.' },
            { path: 'interactions[0].do[0].variant', message: 'Bad variant.' },
            { path: 'interactions[0].do[0].onFinish[0]', message: 'One.' }
        ]);
        expect(q(toast.el, '[data-problem-for="title"]').textContent).toBe('The toast title is missing.');
        expect(q(toast.el, '[data-problem-for="variant"]').textContent).toBe('Bad variant.');
        expect(q(toast.el, '.other-problems')).toBeNull();
    });

    it('copes with an empty node', async () => {
        const { el } = await mount(null as unknown as Json);
        expect(q(el, 'h2').textContent).toBe('Action');
        expect(all(el, 'fieldset.chain')).toHaveLength(2);
    });
});

describe('action catalogue', () => {
    it('names types and summarizes actions', () => {
        expect(actionTypeLabel('openFlowDialog')).toBe('Open Flow Dialog');
        expect(actionTypeLabel('nope')).toBe('Action');
        expect(actionSummary(EXECUTE)).toBe('Execute Flow: Set_Contact_Status_Active');
        expect(actionSummary({ type: 'confirm', message: 'x'.repeat(60) })).toBe(`Confirm: “${'x'.repeat(39)}…”`);
        expect(actionSummary({ type: 'setVariable', variable: 'n' })).toBe('Set Variable: n');
        expect(actionSummary({ type: 'navigate', target: 'url' })).toBe('Navigate: url');
        expect(actionSummary({ type: 'refreshQueries', queries: [] })).toBe('Refresh Queries: none');
        expect(actionSummary({ type: 'showToast' })).toBe('Show Toast');
        expect(actionSummary({ type: 'other' })).toBe('Action');
        expect(actionSummary('junk')).toBe('Action');
    });
});
