import { createElement } from '@lwc/engine-dom';
import BuilderInteractionEditor from 'c/builderInteractionEditor';
import type { BuilderEdit, EditorContext } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext };
type Control = HTMLElement & Record<string, unknown>;

const SET_ACTIVE: Json = {
    id: 'setActive',
    on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
    do: [
        { type: 'executeFlow', id: 'runFlow', flowApiName: 'Set_Contact_Status_Active' },
        { type: 'showToast', title: 'Done' }
    ]
};

function docWith(interaction: Json, components?: Json[]): Json {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: components ?? [
            {
                name: 'contactsTable',
                type: 'dataTable',
                title: 'Contacts',
                query: 'contacts',
                columns: [],
                headerActions: [
                    { name: 'setActive', label: 'Set as Active' },
                    { name: 'export', label: 'Export' }
                ],
                rowActions: [{ name: 'open', label: 'Open' }]
            },
            {
                name: 'otherTable',
                type: 'dataTable',
                title: '{!title}',
                query: 'contacts',
                columns: [],
                rowActions: [{ name: 'view' }]
            }
        ],
        interactions: [interaction]
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(interaction: Json = SET_ACTIVE, problems: DefinitionProblem[] = [], components?: Json[]) {
    const el = createElement('c-builder-interaction-editor', { is: BuilderInteractionEditor }) as EditorElement;
    el.path = 'interactions[0]';
    el.node = interaction;
    el.context = { doc: docWith(interaction, components), problems, services: {} as EditorContext['services'] };
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

describe('c-builder-interaction-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders the trigger picked from what exists and the ordered actions', async () => {
        const { el } = await mount();
        expect(field(el, 'id').value).toBe('setActive');
        expect(field(el, 'event').value).toBe('headerActionClick');
        expect((field(el, 'event').options as { label: string }[]).map((o) => o.label)).toEqual([
            'Header Action Click',
            'Row Action Click',
            'Selection Change',
            'Load',
            'Save'
        ]);
        expect(field(el, 'target').options).toEqual([
            { label: 'Contacts (contactsTable)', value: 'contactsTable' },
            { label: 'otherTable', value: 'otherTable' }
        ]);
        expect(field(el, 'action').label).toBe('Header action');
        expect(field(el, 'action').options).toEqual([
            { label: 'Set as Active (setActive)', value: 'setActive' },
            { label: 'Export (export)', value: 'export' }
        ]);
        expect(all(el, '.summary').map((s) => s.textContent)).toEqual([
            '1. Execute Flow: Set_Contact_Status_Active',
            '2. Show Toast: “Done”'
        ]);
        expect(q(el, 'lightning-button-menu').label).toBe('Add item');
        await expect(el).toBeAccessible();
    });

    it('changes the event, keeping the table and choosing an action the table has', async () => {
        const { el, edits } = await mount();
        change(field(el, 'event'), { value: 'headerActionClick' });
        change(field(el, 'event'), { value: 'rowActionClick' });
        change(field(el, 'event'), { value: 'selectionChange' });
        change(field(el, 'event'), { value: 'load' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].on',
                value: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                label: 'Run on Row Action Click'
            },
            {
                op: 'set',
                path: 'interactions[0].on',
                value: { event: 'selectionChange', target: 'contactsTable' },
                label: 'Run on Selection Change'
            },
            { op: 'set', path: 'interactions[0].on', value: { event: 'load' }, label: 'Run on Load' }
        ]);
        const load = await mount({ id: 'l', on: { event: 'load' }, do: [] });
        expect(field(load.el, 'target')).toBeNull();
        expect(field(load.el, 'action')).toBeNull();
        change(field(load.el, 'event'), { value: 'headerActionClick' });
        expect(load.edits[0].op === 'set' && load.edits[0].value).toEqual({
            event: 'headerActionClick',
            target: 'contactsTable',
            action: 'setActive'
        });
    });

    it('runs on Save of a table: a table and no action, with the save counts in the help', async () => {
        const { el, edits } = await mount();
        change(field(el, 'event'), { value: 'save' });
        expect(edits).toEqual([
            // the header action of the old trigger goes: the save event takes none
            {
                op: 'set',
                path: 'interactions[0].on',
                value: { event: 'save', target: 'contactsTable' },
                label: 'Run on Save'
            }
        ]);
        const saved = await mount({
            id: 'afterSave',
            on: { event: 'save', target: 'contactsTable' },
            do: [{ type: 'refreshQueries' }]
        });
        expect(field(saved.el, 'event').value).toBe('save');
        expect(field(saved.el, 'target').value).toBe('contactsTable');
        expect(field(saved.el, 'action')).toBeNull();
        const help = q(saved.el, '[data-field="event"] + .slds-form-element__help').textContent!;
        expect(help).toMatch(/^Runs after a save of inline edits that saved at least one row/);
        expect(help).toContain('{!contactsTable.LastSaveSavedCount}');
        expect(help).toContain('{!contactsTable.LastSaveFailedCount}');
        change(field(saved.el, 'target'), { value: 'otherTable' });
        expect(saved.edits[0]).toEqual({
            op: 'set',
            path: 'interactions[0].on',
            value: { event: 'save', target: 'otherTable' },
            label: 'Run for otherTable'
        });
        // back to a click event: the table's first action is chosen again
        change(field(saved.el, 'event'), { value: 'rowActionClick' });
        expect(saved.edits[1].op === 'set' && saved.edits[1].value).toEqual({
            event: 'rowActionClick',
            target: 'contactsTable',
            action: 'open'
        });
        await expect(saved.el).toBeAccessible();
    });

    it('shows the problems of a save interaction: no editable column beside the event, a stray action on top', async () => {
        const noEditable =
            "The save event of 'contactsTable' never happens: the table has no editable column. Add \"editable\": true to a column of 'contactsTable', or remove this interaction.";
        const stray =
            'A save interaction has no action: remove "action" (it runs after every save of the target table that saved a row).';
        const { el } = await mount(
            { id: 's', on: { event: 'save', target: 'contactsTable', action: 'setActive' }, do: [] },
            [
                { path: 'interactions[0].on.event', message: noEditable },
                { path: 'interactions[0].on.action', message: stray }
            ]
        );
        expect(q(el, '[data-problem-for="event"]').textContent).toBe(noEditable);
        // there is no action control for a save, so its problem is not lost but listed on top
        expect(field(el, 'action')).toBeNull();
        expect(q(el, '.other-problems').textContent).toBe(stray);
    });

    it('changes the table and the action', async () => {
        const { el, edits } = await mount();
        change(field(el, 'target'), { value: 'otherTable' });
        change(field(el, 'action'), { value: 'export' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].on',
                value: { event: 'headerActionClick', target: 'otherTable' },
                label: 'Run for otherTable'
            },
            { op: 'set', path: 'interactions[0].on.action', value: 'export', label: 'Run on export' }
        ]);
        el.node = { ...SET_ACTIVE, on: { event: 'headerActionClick', target: 'otherTable' } };
        await flush();
        expect(q(el, '.no-actions').textContent).toBe(
            "otherTable has no header actions yet: add one in the table's editor."
        );
        el.node = { ...SET_ACTIVE, on: { event: 'rowActionClick', target: 'otherTable', action: 'view' } };
        await flush();
        expect(field(el, 'action').label).toBe('Row action');
        expect(field(el, 'action').options).toEqual([{ label: 'view', value: 'view' }]);
        expect(q(el, '.no-actions')).toBeNull();
    });

    it('keeps names that do not exist visible so they can be fixed', async () => {
        const { el } = await mount({
            id: 'x',
            on: { event: 'headerActionClick', target: 'gone', action: 'missing' },
            do: []
        });
        expect(values(field(el, 'target').options)).toContain('gone');
        expect((field(el, 'action').options as { label: string }[])[0].label).toBe(
            'missing (not an action of this table)'
        );
        const none = await mount({ id: 'x', on: { event: 'selectionChange' } }, [], []);
        expect(q(none.el, '.no-tables').textContent).toBe('Add a data table first.');
        change(field(none.el, 'event'), { value: 'rowActionClick' });
        expect(none.edits[0].op === 'set' && none.edits[0].value).toEqual({ event: 'rowActionClick', target: '' });
    });

    it('adds, edits, reorders and removes actions', async () => {
        const { el, edits, selects } = await mount();
        q(el, 'lightning-button-menu').dispatchEvent(new CustomEvent('select', { detail: { value: 'executeFlow' } }));
        q(el, 'lightning-button-menu').dispatchEvent(
            new CustomEvent('select', { detail: { value: 'refreshQueries' } })
        );
        buttonIcon(el, 'Edit action 1: Execute Flow').click();
        buttonIcon(el, 'Move action 2 up').click();
        buttonIcon(el, 'Move action 1 down').click();
        buttonIcon(el, 'Remove action 2').click();
        change(field(el, 'id'), { value: ' setActive2 ' });
        change(field(el, 'description'), { value: '' });
        expect(buttonIcon(el, 'Move action 1 up').disabled).toBe(true);
        expect(buttonIcon(el, 'Move action 2 down').disabled).toBe(true);
        expect(selects).toEqual(['interactions[0].do[0]']);
        expect(edits).toEqual([
            // the new Execute Flow gets an id not used in the definition
            {
                op: 'insert',
                path: 'interactions[0].do',
                value: { type: 'executeFlow', id: 'runFlow2', flowApiName: '', inputs: [], outputs: [] },
                label: 'Add Execute Flow'
            },
            {
                op: 'insert',
                path: 'interactions[0].do',
                value: { type: 'refreshQueries' },
                label: 'Add Refresh All Queries'
            },
            { op: 'move', path: 'interactions[0].do[1]', to: 0, label: 'Move action' },
            { op: 'move', path: 'interactions[0].do[0]', to: 1, label: 'Move action' },
            { op: 'remove', path: 'interactions[0].do[1]', label: 'Remove action' },
            { op: 'set', path: 'interactions[0].id', value: 'setActive2', label: 'Change interaction id' },
            { op: 'set', path: 'interactions[0].description', value: undefined, label: 'Change description' }
        ]);
        const empty = await mount({ id: 'x', on: { event: 'load' } });
        expect(all(empty.el, '.action-item')).toHaveLength(0);
        q(empty.el, 'lightning-button-menu').dispatchEvent(
            new CustomEvent('select', { detail: { value: 'showToast' } })
        );
        expect(empty.edits[0]).toEqual({
            op: 'set',
            path: 'interactions[0].do',
            value: [{ type: 'showToast', variant: 'success', title: 'Done' }],
            label: 'Add Show Toast'
        });
    });

    it('shows problems beside the trigger controls and on the actions', async () => {
        const problems: DefinitionProblem[] = [
            { path: 'interactions[0].id', message: "Interaction id 'setActive' is already used." },
            { path: 'interactions[0].on.event', message: 'The event is missing.' },
            { path: 'interactions[0].on.target', message: "Component 'contactTable' does not exist." },
            {
                path: 'interactions[0].on.action',
                message: "Component 'contactsTable' has no header action 'setActiv'."
            },
            { path: 'interactions[0].description', message: 'description must be text.' },
            { path: 'interactions[0].do', message: 'The interaction does nothing.' },
            { path: 'interactions[0].do[0].inputs[0].value', message: 'Collection mismatch.' },
            { path: 'interactions[0].on', message: 'The trigger "on" must be an object.' },
            { path: 'interactions[1].id', message: 'not mine' }
        ];
        const { el } = await mount(SET_ACTIVE, problems);
        expect(q(el, '[data-problem-for="id"]').textContent).toContain('already used');
        expect(q(el, '[data-problem-for="event"]').textContent).toBe('The event is missing.');
        expect(q(el, '[data-problem-for="target"]').textContent).toContain("'contactTable'");
        expect(q(el, '[data-problem-for="action"]').textContent).toContain("'setActiv'");
        expect(q(el, '[data-problem-for="description"]').textContent).toBe('description must be text.');
        expect(q(el, '[data-problem-for="do"]').textContent).toBe('The interaction does nothing.');
        expect(q(el, '.item-problem').textContent).toBe('1 problem: Collection mismatch.');
        expect(q(el, '.other-problems').textContent).toBe('The trigger "on" must be an object.');
        expect(el.shadowRoot!.textContent).not.toContain('not mine');
    });

    it('copes with an empty node', async () => {
        const { el } = await mount(null as unknown as Json);
        expect(field(el, 'event').value).toBe('');
        expect(field(el, 'target')).toBeNull();
        expect(el.shadowRoot!.textContent).toContain('Choose what starts the actions.');
    });
});
