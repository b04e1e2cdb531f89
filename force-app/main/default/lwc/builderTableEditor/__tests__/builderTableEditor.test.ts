import { createElement } from '@lwc/engine-dom';
import BuilderTableEditor, { confirmationFor, notEditableReason, toggleConfirmation } from 'c/builderTableEditor';
import type { BuilderEdit, BuilderObject, EditorContext } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';
import fixtures from '../../builderMappingPicker/__tests__/data/builderFixtures.json';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext; focusPath?: string };
type Control = HTMLElement & Record<string, unknown>;

function fakeServices() {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    const loaded = new Map<string, BuilderObject>();
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries)),
        describeObject: jest.fn((name: string) => {
            const o = objects[name];
            if (!o) return Promise.reject({ message: 'no' });
            loaded.set(name, o);
            return Promise.resolve(o);
        }),
        cachedObject: jest.fn((name: string) => loaded.get(name)),
        listFlows: jest.fn(() => Promise.resolve([])),
        describeFlow: jest.fn(() => Promise.reject({ message: 'none' })),
        cachedFlow: jest.fn(() => undefined)
    };
}

function table(): Json {
    return {
        name: 'contactsTable',
        type: 'dataTable',
        title: '{!title}',
        query: 'contacts',
        keyField: 'Id',
        maxRowSelection: 500,
        showSearch: true,
        columns: [
            { field: 'Name', linkToRecord: true, sortable: true },
            { field: 'Email', sortable: true },
            { field: 'Description' },
            { field: 'Account.Name', label: 'Account' }
        ],
        headerActions: [
            { name: 'setActive', label: 'Set as Active', requiresSelection: true, variant: 'brand' },
            { name: 'export', label: 'Export' }
        ],
        rowActions: [{ name: 'open', label: 'Open' }]
    };
}

const FLOW_ACTION = { type: 'executeFlow', id: 'setActiveFlow', flowApiName: 'Set_Contact_Status_Active' };
const TOAST = { type: 'showToast', title: 'Done' };

function docWith(component: Json, interactions?: Json[]): Json {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email', 'Description', 'Account.Name'],
                searchFields: ['Name']
            },
            { name: 'accounts', object: 'Account', fields: ['Name'] }
        ],
        components: [component],
        ...(interactions
            ? { interactions }
            : {
                  interactions: [
                      {
                          id: 'setActive',
                          on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                          do: [FLOW_ACTION, TOAST]
                      },
                      {
                          id: 'open',
                          on: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                          do: [
                              {
                                  type: 'confirm',
                                  message: 'Sure?',
                                  onFinish: [{ type: 'navigate', target: 'recordPage' }]
                              },
                              TOAST
                          ]
                      }
                  ]
              })
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(
    node: Json = table(),
    options: { problems?: DefinitionProblem[]; interactions?: Json[]; focusPath?: string } = {}
) {
    const el = createElement('c-builder-table-editor', { is: BuilderTableEditor }) as EditorElement;
    el.path = 'components[0]';
    el.node = node;
    el.context = {
        doc: docWith(node, options.interactions),
        problems: options.problems ?? [],
        services: fakeServices()
    };
    if (options.focusPath) el.focusPath = options.focusPath;
    const edits: BuilderEdit[] = [];
    const selects: string[] = [];
    el.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
    el.addEventListener('select', (e) => selects.push((e as CustomEvent<{ path: string }>).detail.path));
    document.body.appendChild(el);
    await flush();
    await flush();
    return { el, edits, selects };
}

const q = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector(selector) as Control;
const all = (el: HTMLElement, selector: string) => [...el.shadowRoot!.querySelectorAll(selector)] as Control[];
const field = (el: HTMLElement, name: string) => q(el, `[data-field="${name}"]`);
const change = (target: HTMLElement, detail: Json) => target.dispatchEvent(new CustomEvent('change', { detail }));
const byLabel = (el: HTMLElement, selector: string, label: string) => {
    const found = all(el, selector).find((b) => b.label === label || b.alternativeText === label);
    if (!found) throw new Error(`No ${selector} labelled ${label}`);
    return found;
};
const values = (options: unknown) => (options as { value: string }[]).map((o) => o.value);

describe('c-builder-table-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders the table settings, columns with their labels, and the actions', async () => {
        const { el } = await mount();
        expect(field(el, 'title').value).toBe('{!title}');
        expect(field(el, 'title').fieldLevelHelp).toContain('Merge fields allowed');
        expect(values(field(el, 'query').options)).toEqual(['contacts', 'accounts']);
        expect(values(field(el, 'keyField').options)).toEqual(['Id', 'Name', 'Email', 'Description', 'Account.Name']);
        expect(field(el, 'maxRowSelection').value).toBe('500');
        expect(q(el, '.selection-help').textContent).toContain(
            '0 (the default) shows no checkboxes; 1 lets the user select one row'
        );
        expect(q(el, '.search-hint').textContent).toBe("Searches Name (the query's search fields).");
        expect(all(el, '.column-heading').map((h) => h.textContent)).toEqual([
            'Full Name',
            'Email',
            'Contact Description',
            'Account'
        ]);
        // a column whose field cannot be sorted
        expect(byLabel(el, 'lightning-input', 'Sortable: Description').disabled).toBe(true);
        expect(all(el, 'fieldset.buttons legend').map((l) => l.textContent)).toEqual(['Header actions', 'Row actions']);
        expect(all(el, '.button-heading').map((h) => h.textContent)).toEqual(['Set as Active', 'Export', 'Open']);
        expect(byLabel(el, 'lightning-input', 'Ask for confirmation before Set as Active').checked).toBe(false);
        expect(byLabel(el, 'lightning-input', 'Ask for confirmation before Open').checked).toBe(true);
        expect(byLabel(el, 'lightning-input', 'Set as Active requires selected rows').checked).toBe(true);
        expect(all(el, 'lightning-input').some((i) => i.label === 'Open requires selected rows')).toBe(false);
        expect(byLabel(el, 'lightning-combobox', 'Style of header action Set as Active').value).toBe('brand');
        await expect(el).toBeAccessible();
    });

    it('edits the table settings', async () => {
        const { el, edits } = await mount();
        change(field(el, 'name'), { value: ' contacts2 ' });
        change(field(el, 'title'), { value: '' });
        change(field(el, 'query'), { value: 'accounts' });
        change(field(el, 'keyField'), { value: 'Email' });
        change(field(el, 'maxRowSelection'), { value: '1' });
        change(field(el, 'maxRowSelection'), { value: '' });
        change(field(el, 'showSearch'), { checked: false });
        change(field(el, 'showRowNumbers'), { checked: true });
        change(field(el, 'height'), { value: '30rem' });
        change(field(el, 'emptyMessage'), { value: 'No contacts yet' });
        expect(edits.map((e) => [e.path, e.op === 'set' && e.value])).toEqual([
            ['components[0].name', 'contacts2'],
            ['components[0].title', undefined],
            ['components[0].query', 'accounts'],
            ['components[0].keyField', 'Email'],
            ['components[0].maxRowSelection', 1],
            ['components[0].maxRowSelection', undefined],
            ['components[0].showSearch', undefined],
            ['components[0].showRowNumbers', true],
            ['components[0].height', '30rem'],
            ['components[0].emptyMessage', 'No contacts yet']
        ]);
    });

    it('stores a height of digits as a number of rows, and auto or a length as text', async () => {
        const { el, edits } = await mount();
        change(field(el, 'height'), { value: ' 10 ' });
        change(field(el, 'height'), { value: 'auto' });
        change(field(el, 'height'), { value: '400px' });
        change(field(el, 'height'), { value: '' });
        expect(edits.map((e) => [e.path, e.op === 'set' && e.value])).toEqual([
            ['components[0].height', 10],
            ['components[0].height', 'auto'],
            ['components[0].height', '400px'],
            ['components[0].height', undefined]
        ]);
    });

    it('adds columns from the query fields; edits, reorders and removes them', async () => {
        const { el, edits } = await mount();
        expect(values(field(el, 'addColumn').options)).toEqual(['Id']);
        change(field(el, 'addColumn'), { value: 'Id' });
        change(byLabel(el, 'lightning-input', 'Label of column Email'), { value: 'E-mail' });
        change(byLabel(el, 'lightning-input', 'Label of column Account.Name'), { value: '' });
        change(byLabel(el, 'lightning-input', 'Sortable: Email'), { checked: false });
        change(byLabel(el, 'lightning-input', 'Link Email to the record'), { checked: true });
        byLabel(el, 'lightning-button-icon', 'Move column Email up').click();
        byLabel(el, 'lightning-button-icon', 'Move column Email down').click();
        byLabel(el, 'lightning-button-icon', 'Remove column Description').click();
        expect(byLabel(el, 'lightning-button-icon', 'Move column Name up').disabled).toBe(true);
        expect(edits).toEqual([
            { op: 'insert', path: 'components[0].columns', value: { field: 'Id' }, label: 'Add column Id' },
            { op: 'set', path: 'components[0].columns[1].label', value: 'E-mail', label: 'Change column label' },
            { op: 'set', path: 'components[0].columns[3].label', value: undefined, label: 'Change column label' },
            { op: 'set', path: 'components[0].columns[1].sortable', value: undefined, label: 'Change column sortable' },
            {
                op: 'set',
                path: 'components[0].columns[1].linkToRecord',
                value: true,
                label: 'Change column linkToRecord'
            },
            { op: 'move', path: 'components[0].columns[1]', to: 0, label: 'Move column' },
            { op: 'move', path: 'components[0].columns[1]', to: 2, label: 'Move column' },
            { op: 'remove', path: 'components[0].columns[2]', label: 'Remove column' }
        ]);
        const bare = await mount({ name: 'contactsTable', type: 'dataTable', query: 'accounts' });
        expect(field(bare.el, 'addColumn').helpText).toContain('Columns show the fields the query reads');
        change(field(bare.el, 'addColumn'), { value: 'Name' });
        expect(bare.edits[0]).toEqual({
            op: 'set',
            path: 'components[0].columns',
            value: [{ field: 'Name' }],
            label: 'Add column Name'
        });
    });

    it('toggles editable and wrap per column, and offers editable only where inline edit can work', async () => {
        const node = table();
        (node.columns as Json[])[1].editable = true;
        const { el, edits } = await mount(node);
        expect(byLabel(el, 'lightning-input', 'Editable: Email').checked).toBe(true);
        expect(byLabel(el, 'lightning-input', 'Editable: Name').disabled).toBe(false);
        // a related record's field cannot be edited: the box is off, with the reason
        expect(byLabel(el, 'lightning-input', 'Editable: Account.Name').disabled).toBe(true);
        expect(all(el, 'li.column')[3].querySelector('.cannot-edit')!.textContent!.trim()).toBe(
            "Account.Name is a field of a related record: only the query object's own fields can be edited."
        );
        change(byLabel(el, 'lightning-input', 'Editable: Name'), { checked: true });
        change(byLabel(el, 'lightning-input', 'Editable: Email'), { checked: false });
        change(byLabel(el, 'lightning-input', 'Wrap text: Description'), { checked: true });
        expect(edits).toEqual([
            { op: 'set', path: 'components[0].columns[0].editable', value: true, label: 'Change column editable' },
            {
                op: 'set',
                path: 'components[0].columns[1].editable',
                value: undefined,
                label: 'Change column editable'
            },
            { op: 'set', path: 'components[0].columns[2].wrap', value: true, label: 'Change column wrap' }
        ]);
    });

    it('keeps an editable column that cannot be edited tickable, so it can be turned off', async () => {
        const node = table();
        (node.columns as Json[])[3].editable = true;
        const { el } = await mount(node);
        expect(byLabel(el, 'lightning-input', 'Editable: Account.Name').disabled).toBe(false);
        expect(byLabel(el, 'lightning-input', 'Editable: Account.Name').checked).toBe(true);
    });

    it('says why a column cannot be edited', () => {
        const describe = (type: string, updateable?: boolean) => ({
            name: 'F',
            label: 'F',
            type,
            sortable: true,
            filterable: true,
            updateable
        });
        expect(notEditableReason('Id', undefined)).toBe("A record's Id cannot be edited.");
        expect(notEditableReason('Phone', undefined)).toBe('');
        expect(notEditableReason('Phone', describe('PHONE'))).toBe('');
        expect(notEditableReason('MailingAddress', describe('ADDRESS'))).toBe(
            'MailingAddress (ADDRESS) has no inline editor.'
        );
        expect(notEditableReason('Total__c', describe('CURRENCY', false))).toBe(
            'Salesforce computes Total__c, so it cannot be edited.'
        );
        // the catalog's readOnlyReason says why
        expect(notEditableReason('Score_Band__c', { ...describe('STRING', false), readOnlyReason: 'formula' })).toBe(
            'Score_Band__c cannot be edited: it is a formula field.'
        );
        expect(notEditableReason('CreatedDate', { ...describe('DATETIME', false), readOnlyReason: 'system' })).toBe(
            'CreatedDate cannot be edited: it is a system field that Salesforce maintains.'
        );
    });

    it('edits the frozen columns: digits as a number, empty as the default', async () => {
        const { el, edits } = await mount();
        expect(field(el, 'frozenColumns').value).toBe('');
        expect(field(el, 'frozenColumns').max).toBe(3);
        expect(field(el, 'frozenColumns').fieldLevelHelp).toContain('0 to 3, default 1');
        change(field(el, 'frozenColumns'), { value: ' 2 ' });
        change(field(el, 'frozenColumns'), { value: '' });
        change(field(el, 'frozenColumns'), { value: '1.5' });
        expect(edits.map((e) => [e.path, e.op === 'set' && e.value])).toEqual([
            ['components[0].frozenColumns', 2],
            ['components[0].frozenColumns', undefined],
            ['components[0].frozenColumns', '1.5']
        ]);
        const two = table();
        two.columns = (two.columns as Json[]).slice(0, 2);
        two.frozenColumns = 2;
        const small = await mount(two);
        expect(field(small.el, 'frozenColumns').value).toBe('2');
        expect(field(small.el, 'frozenColumns').max).toBe(2);
    });

    it("edits header and row actions (the host keeps a renamed action's interaction connected)", async () => {
        const { el, edits } = await mount();
        change(byLabel(el, 'lightning-input', 'API name of header action Set as Active'), { value: 'activate' });
        change(byLabel(el, 'lightning-input', 'Label of header action Export'), { value: 'Export all' });
        change(byLabel(el, 'lightning-combobox', 'Style of header action Set as Active'), { value: 'neutral' });
        change(byLabel(el, 'lightning-combobox', 'Style of row action Open'), { value: 'destructive' });
        change(byLabel(el, 'lightning-input', 'Set as Active requires selected rows'), { checked: false });
        byLabel(el, 'lightning-button-icon', 'Move header action Export up').click();
        byLabel(el, 'lightning-button-icon', 'Remove header action Export').click();
        byLabel(el, 'lightning-button-icon', 'Remove row action Open').click();
        expect(edits).toEqual([
            { op: 'set', path: 'components[0].headerActions[0].name', value: 'activate', label: 'Rename action' },
            {
                op: 'set',
                path: 'components[0].headerActions[1].label',
                value: 'Export all',
                label: 'Change action label'
            },
            {
                op: 'set',
                path: 'components[0].headerActions[0].variant',
                value: undefined,
                label: 'Change action style'
            },
            {
                op: 'set',
                path: 'components[0].rowActions[0].variant',
                value: 'destructive',
                label: 'Change action style'
            },
            {
                op: 'set',
                path: 'components[0].headerActions[0].requiresSelection',
                value: undefined,
                label: 'Change requires selection'
            },
            { op: 'move', path: 'components[0].headerActions[1]', to: 0, label: 'Move action' },
            { op: 'remove', path: 'components[0].headerActions[1]', label: 'Remove action' },
            { op: 'set', path: 'components[0].rowActions', value: undefined, label: 'Remove action' }
        ]);
    });

    it('adds header and row actions with unique names', async () => {
        const { el, edits } = await mount({
            ...table(),
            headerActions: [{ name: 'action', label: 'A' }],
            rowActions: undefined
        });
        byLabel(el, 'lightning-button', 'Add header action').click();
        byLabel(el, 'lightning-button', 'Add row action').click();
        expect(edits).toEqual([
            {
                op: 'insert',
                path: 'components[0].headerActions',
                value: { name: 'action2', label: 'New action' },
                label: 'Add header action'
            },
            {
                op: 'set',
                path: 'components[0].rowActions',
                value: [{ name: 'action', label: 'New action' }],
                label: 'Add row action'
            }
        ]);
    });

    it('"Ask for confirmation" puts a confirm in front of what the button does, and takes it out again', async () => {
        const { el, edits } = await mount();
        change(byLabel(el, 'lightning-input', 'Ask for confirmation before Set as Active'), { checked: true });
        change(byLabel(el, 'lightning-input', 'Ask for confirmation before Open'), { checked: false });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do',
                value: [
                    {
                        type: 'confirm',
                        title: 'Set as Active',
                        message: 'Set as Active for {!contactsTable.SelectedRowCount} selected rows?',
                        confirmLabel: 'Set as Active',
                        onFinish: [FLOW_ACTION, TOAST]
                    }
                ],
                label: 'Ask for confirmation'
            },
            {
                op: 'set',
                path: 'interactions[1].do',
                value: [{ type: 'navigate', target: 'recordPage' }, TOAST],
                label: 'Stop asking for confirmation'
            }
        ]);
        // a button without an interaction gets one that asks
        change(byLabel(el, 'lightning-input', 'Ask for confirmation before Export'), { checked: true });
        expect(edits[2]).toEqual({
            op: 'insert',
            path: 'interactions',
            value: {
                id: 'export',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'export' },
                do: [{ type: 'confirm', title: 'Export', message: 'Export: are you sure?', confirmLabel: 'Export' }]
            },
            label: 'Ask for confirmation'
        });
        change(byLabel(el, 'lightning-input', 'Ask for confirmation before Export'), { checked: false });
        expect(edits).toHaveLength(3);
    });

    it('opens the interaction a button triggers, or sets one up', async () => {
        const { el, edits, selects } = await mount();
        byLabel(el, 'lightning-button', 'Edit what Set as Active does').click();
        byLabel(el, 'lightning-button', 'Set up what Export does').click();
        expect(edits).toEqual([
            {
                op: 'insert',
                path: 'interactions',
                value: {
                    id: 'export',
                    on: { event: 'headerActionClick', target: 'contactsTable', action: 'export' },
                    do: []
                },
                label: 'Set up Export'
            }
        ]);
        expect(selects).toEqual(['interactions[0]', 'interactions[2]']);
        const none = await mount(
            { ...table(), rowActions: [{ name: '9', label: 'Nine' }] },
            { interactions: [{ id: 'interaction', on: { event: 'load' }, do: [] }] }
        );
        byLabel(none.el, 'lightning-button', 'Set up what Nine does').click();
        expect(none.edits[0].op === 'insert' && (none.edits[0].value as Json).id).toBe('interaction2');
        expect(none.selects).toEqual(['interactions[1]']);
    });

    it('starts the interactions list when there is none', async () => {
        const el = createElement('c-builder-table-editor', { is: BuilderTableEditor }) as EditorElement;
        el.path = 'components[0]';
        el.node = table();
        const doc = docWith(table());
        delete doc.interactions;
        el.context = { doc, problems: [], services: fakeServices() };
        const edits: BuilderEdit[] = [];
        el.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
        document.body.appendChild(el);
        await flush();
        change(byLabel(el, 'lightning-input', 'Ask for confirmation before Open'), { checked: true });
        expect(edits[0]).toMatchObject({
            op: 'set',
            path: 'interactions',
            value: [{ id: 'open', do: [{ type: 'confirm', message: 'Open: are you sure?' }] }]
        });
    });

    it('scrolls to and focuses the column or action the outline selected', async () => {
        const scrolled: string[] = [];
        Element.prototype.scrollIntoView = jest.fn(function (this: HTMLElement) {
            scrolled.push(this.dataset.path ?? '');
        });
        const { el } = await mount(table(), { focusPath: 'components[0].columns[2]' });
        expect(scrolled).toEqual(['components[0].columns[2]']);
        expect(all(el, 'li.is-focused').map((li) => li.dataset.path)).toEqual(['components[0].columns[2]']);
        el.focusPath = 'components[0].rowActions[0]';
        await flush();
        expect(scrolled).toEqual(['components[0].columns[2]', 'components[0].rowActions[0]']);
        expect(el.focusPath).toBe('components[0].rowActions[0]');
        el.focusPath = 'components[0].columns[9]';
        await flush();
        expect(scrolled).toHaveLength(2);
        delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    it('shows problems next to what they concern', async () => {
        const problems: DefinitionProblem[] = [
            { path: 'components[0].query', message: "Query 'contact' does not exist." },
            { path: 'components[0].keyField', message: "keyField 'Emial' is not read." },
            { path: 'components[0].showSearch', message: 'showSearch needs fields to search.' },
            { path: 'components[0].maxRowSelection', message: 'maxRowSelection is -1.' },
            { path: 'components[0].columns[1].field', message: "Column 'Emial' is not read by query 'contacts'." },
            { path: 'components[0].columns', message: 'has no columns' },
            { path: 'components[0].headerActions[1]', message: "The header action 'export' does nothing." },
            { path: 'components[0].headerActions[0].name', message: 'Action name is already used.' },
            { path: 'components[0].headerActions[0].label', message: 'The action label is empty.' },
            { path: 'components[0].rowActions', message: 'rowActions must be a list.' },
            { path: 'components[0].name', message: 'Name taken.' },
            { path: 'components[0].title', message: 'Bad merge field.' },
            { path: 'components[0].height', message: 'Bad height.' },
            { path: 'components[0].emptyMessage', message: 'Bad empty message.' },
            { path: 'components[0].frozenColumns', message: 'Bad frozen columns.' },
            { path: 'components[0].color', message: "Unknown property 'color'." }
        ];
        const { el } = await mount(table(), { problems });
        for (const [key, text] of [
            ['query', "Query 'contact' does not exist."],
            ['keyField', "keyField 'Emial' is not read."],
            ['showSearch', 'showSearch needs fields to search.'],
            ['maxRowSelection', 'maxRowSelection is -1.'],
            ['columns', 'has no columns'],
            ['name', 'Name taken.'],
            ['title', 'Bad merge field.'],
            ['height', 'Bad height.'],
            ['emptyMessage', 'Bad empty message.'],
            ['frozenColumns', 'Bad frozen columns.']
        ]) {
            expect(q(el, `[data-problem-for="${key}"]`).textContent).toBe(text);
        }
        expect(all(el, 'li.column')[1].textContent).toContain("is not read by query 'contacts'.");
        const actions = all(el, 'li.action');
        expect(actions[1].textContent).toContain('does nothing.');
        expect(actions[0].textContent).toContain('Action name is already used.');
        expect(actions[0].textContent).toContain('The action label is empty.');
        expect(all(el, 'fieldset.buttons')[1].textContent).toContain('rowActions must be a list.');
        expect(q(el, '.other-problems').textContent).toBe("Unknown property 'color'.");
    });

    it('keeps names that do not exist visible and copes with an empty node', async () => {
        const { el } = await mount({
            name: 't',
            type: 'dataTable',
            query: 'gone',
            keyField: 'Legacy__c',
            showSearch: true
        });
        expect(values(field(el, 'query').options)).toContain('gone');
        expect(values(field(el, 'keyField').options)).toEqual(['Id', 'Legacy__c']);
        expect(q(el, '.search-hint')).toBeNull();
        const accounts = await mount({ name: 't', type: 'dataTable', query: 'accounts', showSearch: true });
        expect(q(accounts.el, '.search-hint').textContent).toBe(
            'Query accounts has no search fields: add some in the query editor.'
        );
        const empty = await mount(null as unknown as Json);
        expect(field(empty.el, 'name').value).toBe('');
        expect(field(empty.el, 'keyField').value).toBe('Id');
        expect(all(empty.el, 'li.column')).toHaveLength(0);
    });
});

describe('confirmation helpers', () => {
    it('builds the confirm for a button and toggles it around the actions', () => {
        expect(confirmationFor('t', { name: 'go' }, false)).toEqual({
            type: 'confirm',
            title: 'go',
            message: 'go: are you sure?',
            confirmLabel: 'go'
        });
        expect(toggleConfirmation([], { type: 'confirm', message: 'x' })).toEqual([{ type: 'confirm', message: 'x' }]);
        expect(toggleConfirmation(undefined, undefined)).toEqual([]);
        expect(toggleConfirmation([TOAST], undefined)).toEqual([TOAST]);
        expect(toggleConfirmation([{ type: 'confirm', message: 'x' }, TOAST], undefined)).toEqual([TOAST]);
    });
});
