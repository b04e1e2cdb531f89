import { createElement } from '@lwc/engine-dom';
import BuilderQueryEditor from 'c/builderQueryEditor';
import type { BuilderEdit, BuilderObject, EditorContext, ObjectSummary } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';
import fixtures from '../../builderMappingPicker/__tests__/data/builderFixtures.json';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext };
type Control = HTMLElement & Record<string, unknown>;

function fakeServices() {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    const loaded = new Map<string, BuilderObject>();
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries as ObjectSummary[])),
        describeObject: jest.fn((name: string) => {
            const o = objects[name];
            if (!o) return Promise.reject({ code: 'NOT_FOUND', message: `No object ${name}` });
            loaded.set(name, o);
            return Promise.resolve(o);
        }),
        cachedObject: jest.fn((name: string) => loaded.get(name)),
        listFlows: jest.fn(() => Promise.resolve([])),
        describeFlow: jest.fn(() => Promise.reject(new Error('none'))),
        cachedFlow: jest.fn(() => undefined)
    };
}

function contactsQuery(): Json {
    return {
        name: 'contacts',
        object: 'Contact',
        fields: ['Name', 'Email', 'Status__c', 'Account.Name'],
        where: {
            conditions: [
                { field: 'AccountId', operator: 'equals', value: '{!$Record.AccountId}' },
                { field: 'Status__c', operator: 'in', value: ['New', 'Active'] },
                { field: 'Email', operator: 'isNull', value: false }
            ]
        },
        orderBy: [{ field: 'Name', direction: 'asc' }],
        searchFields: ['Name'],
        pageSize: 50
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(node: Json = contactsQuery(), problems: DefinitionProblem[] = [], services = fakeServices()) {
    const el = createElement('c-builder-query-editor', { is: BuilderQueryEditor }) as EditorElement;
    el.path = 'queries[0]';
    el.node = node;
    el.context = { doc: { schemaVersion: 1, apiName: 'B', label: 'B', queries: [node] }, problems, services };
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
const button = (el: HTMLElement, label: string) => {
    const found = all(el, 'lightning-button-icon').find((b) => b.alternativeText === label);
    if (!found) throw new Error(`No button labelled ${label}`);
    return found;
};
const values = (options: unknown) => (options as { value: string }[]).map((o) => o.value);

describe('c-builder-query-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders the object, the fields with their labels, conditions, sort, search and limits', async () => {
        const { el, services } = await mount();
        expect(field(el, 'name').value).toBe('contacts');
        expect(field(el, 'object').value).toBe('Contact');
        expect(values(field(el, 'object').options)).toEqual(['Account', 'Contact', 'Invoice__c', 'User']);
        expect(field(el, 'object').helpText).toContain('clears the fields');
        expect(all(el, '.field-label').map((l) => l.textContent)).toEqual([
            'Full Name',
            'Email',
            'Status',
            'Account › Account Name'
        ]);
        expect(services.describeObject).toHaveBeenCalledWith('Account');
        expect(all(el, 'li.condition')).toHaveLength(3);
        expect(role(el, 'operator', 2).value).toBe('isNull:false');
        expect(field(el, 'logic').value).toBe('AND');
        expect(role(el, 'sortField', 0).value).toBe('Name');
        expect(field(el, 'pageSize').value).toBe('50');
        expect(field(el, 'maxRows').value).toBe('');
        await expect(el).toBeAccessible();
    });

    it('changing the object resets what depended on it, in one edit', async () => {
        const { el, edits } = await mount();
        change(field(el, 'object'), { value: 'Contact' });
        change(field(el, 'object'), { value: 'Account' });
        change(field(el, 'name'), { value: ' accounts ' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'queries[0]',
                value: { name: 'contacts', object: 'Account', fields: [], pageSize: 50 },
                label: 'Query Account'
            },
            { op: 'set', path: 'queries[0].name', value: 'accounts', label: 'Rename query' }
        ]);
    });

    it('adds a field, or a field of a related object (one level), and lists only unlisted fields', async () => {
        const { el, edits } = await mount();
        const add = field(el, 'addField');
        const options = values(add.options);
        expect(options).toContain('Phone');
        expect(options).not.toContain('Email');
        expect(options).toContain('rel:Account');
        expect((add.options as { value: string; label: string }[]).find((o) => o.value === 'rel:Account')!.label).toBe(
            'Account ›'
        );
        change(add, { value: 'Phone' });
        expect(edits[0]).toEqual({ op: 'insert', path: 'queries[0].fields', value: 'Phone', label: 'Add field Phone' });

        change(add, { value: 'rel:Owner' });
        await flush();
        await flush();
        const related = field(el, 'addRelatedField');
        expect(related.label).toBe('Field of Owner');
        expect(values(related.options)).toEqual(expect.arrayContaining(['Owner.Name', 'Owner.Email']));
        change(related, { value: 'Owner.Name' });
        expect(edits[1]).toEqual({
            op: 'insert',
            path: 'queries[0].fields',
            value: 'Owner.Name',
            label: 'Add field Owner.Name'
        });
        await flush();
        expect(field(el, 'addRelatedField')).toBeNull();

        // a field of the related object already read is not offered again
        change(add, { value: 'rel:Account' });
        await flush();
        expect(values(field(el, 'addRelatedField').options)).not.toContain('Account.Name');
        all(el, 'lightning-button')
            .find((b) => b.label === 'Cancel related field')!
            .click();
        await flush();
        expect(field(el, 'addRelatedField')).toBeNull();

        // polymorphic lookups offer the shared fields
        change(add, { value: 'rel:Who' });
        await flush();
        expect(values(field(el, 'addRelatedField').options)).toEqual(['Who.Id', 'Who.Name']);
        await expect(el).toBeAccessible();
    });

    it('moves and removes fields with labelled buttons', async () => {
        const { el, edits } = await mount();
        expect(button(el, 'Move field Name up').disabled).toBe(true);
        expect(button(el, 'Move field Account.Name down').disabled).toBe(true);
        button(el, 'Move field Email up').click();
        button(el, 'Move field Email down').click();
        button(el, 'Remove field Status__c').click();
        expect(edits).toEqual([
            { op: 'move', path: 'queries[0].fields[1]', to: 0, label: 'Move field Email' },
            { op: 'move', path: 'queries[0].fields[1]', to: 2, label: 'Move field Email' },
            { op: 'remove', path: 'queries[0].fields[2]', label: 'Remove field Status__c' }
        ]);
    });

    it('offers operators by field type and keeps or resets the value when they change', async () => {
        const { el, edits } = await mount();
        expect(values(role(el, 'operator', 0).options)).toEqual([
            'equals',
            'notEquals',
            'in',
            'notIn',
            'isNull:true',
            'isNull:false'
        ]);
        expect(values(role(el, 'operator', 1).options)).toContain('startsWith');
        change(role(el, 'operator', 1), { value: 'notIn' });
        change(role(el, 'operator', 1), { value: 'equals' });
        change(role(el, 'operator', 2), { value: 'isNull:true' });
        change(role(el, 'operator', 2), { value: 'equals' });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual([
            { field: 'Status__c', operator: 'notIn', value: ['New', 'Active'] },
            { field: 'Status__c', operator: 'equals', value: '' },
            { field: 'Email', operator: 'isNull', value: true },
            { field: 'Email', operator: 'equals', value: '' }
        ]);
        expect(edits[0].path).toBe('queries[0].where.conditions[1]');
    });

    it('changes a condition field keeping what still fits', async () => {
        const { el, edits } = await mount();
        expect(values(role(el, 'conditionField', 0).options)).toContain('Account.Name');
        expect(values(role(el, 'conditionField', 0).options)).not.toContain('Description');
        change(role(el, 'conditionField', 1), { value: 'Score__c' });
        change(role(el, 'conditionField', 2), { value: 'DoNotCall' });
        change(role(el, 'conditionField', 0), { value: 'OwnerId' });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual([
            { field: 'Score__c', operator: 'in', value: [] },
            // isNull does not apply to a checkbox; its value false still fits
            { field: 'DoNotCall', operator: 'equals', value: false },
            { field: 'OwnerId', operator: 'equals', value: '{!$Record.AccountId}' }
        ]);
    });

    it('enters values by type: picklists, checkboxes, numbers, dates and lists', async () => {
        const node = contactsQuery();
        (node.where as Json).conditions = [
            { field: 'Status__c', operator: 'equals', value: 'Gone' },
            { field: 'Status__c', operator: 'in', value: ['New'] },
            { field: 'Score__c', operator: 'greaterThan', value: 3 },
            { field: 'DoNotCall', operator: 'equals', value: false },
            { field: 'Birthdate', operator: 'lessThan', value: '2000-01-01' },
            { field: 'LastModifiedDate', operator: 'greaterThan', value: '2025-01-31T09:00:00Z' },
            { field: 'Score__c', operator: 'in', value: [1, 2] },
            { field: 'Name', operator: 'startsWith', value: 'A' }
        ];
        const { el, edits } = await mount(node);
        const picklist = role(el, 'value', 0);
        expect(picklist.tagName).toBe('LIGHTNING-COMBOBOX');
        expect(picklist.options).toEqual([
            { label: 'New', value: 'New' },
            { label: 'Active', value: 'Active' },
            { label: 'Gone (not a value of this field)', value: 'Gone' }
        ]);
        expect(role(el, 'value', 1).tagName).toBe('LIGHTNING-CHECKBOX-GROUP');
        expect(role(el, 'value', 1).value).toEqual(['New']);
        expect(role(el, 'value', 1).label).toBe('Values of condition 2');
        expect(role(el, 'value', 2).type).toBe('number');
        expect(role(el, 'value', 3).type).toBe('checkbox');
        expect(role(el, 'value', 4).type).toBe('date');
        expect(role(el, 'value', 5).type).toBe('datetime');
        expect(role(el, 'value', 6).tagName).toBe('LIGHTNING-TEXTAREA');
        expect(role(el, 'value', 6).value).toBe('1\n2');
        expect(role(el, 'value', 7).value).toBe('A');
        change(picklist, { value: 'Active' });
        change(role(el, 'value', 1), { value: ['New', 'Active'] });
        change(role(el, 'value', 2), { value: '4.5' });
        change(role(el, 'value', 2), { value: '' });
        change(role(el, 'value', 3), { checked: true });
        change(role(el, 'value', 4), { value: '1999-12-31' });
        change(role(el, 'value', 6), { value: '3\n\n x \n4' });
        expect(edits.map((e) => [e.path, e.op === 'set' && e.value])).toEqual([
            ['queries[0].where.conditions[0].value', 'Active'],
            ['queries[0].where.conditions[1].value', ['New', 'Active']],
            ['queries[0].where.conditions[2].value', 4.5],
            ['queries[0].where.conditions[2].value', null],
            ['queries[0].where.conditions[3].value', true],
            ['queries[0].where.conditions[4].value', '1999-12-31'],
            ['queries[0].where.conditions[6].value', [3, 'x', 4]]
        ]);
        await expect(el).toBeAccessible();
    });

    it('compares with a merge field through the mapping picker of the field type', async () => {
        const { el, edits } = await mount();
        const picker = role(el, 'value', 0);
        expect(picker.tagName).toBe('C-BUILDER-MAPPING-PICKER');
        expect(picker.value).toBe('{!$Record.AccountId}');
        expect(picker.target).toEqual({ dataType: 'Text', isCollection: false });
        expect(picker.actionPath).toBe('queries[0]');
        expect(role(el, 'mergeToggle', 0).checked).toBe(true);
        // isNull needs no value at all
        expect(role(el, 'value', 2)).toBeNull();
        expect(role(el, 'mergeToggle', 2)).toBeNull();

        change(role(el, 'mergeToggle', 1), { checked: true });
        await flush();
        expect(role(el, 'value', 1).target).toEqual({ dataType: 'Text', isCollection: true });
        expect(edits).toEqual([]);
        change(role(el, 'value', 1), { value: '{!ids}' });
        change(role(el, 'mergeToggle', 0), { checked: false });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'queries[0].where.conditions[1].value',
                value: '{!ids}',
                label: 'Change value of condition 2'
            },
            { op: 'set', path: 'queries[0].where.conditions[0].value', value: '', label: 'Change value of condition 1' }
        ]);
        // turning the toggle off before picking changes nothing
        change(role(el, 'mergeToggle', 1), { checked: true });
        change(role(el, 'mergeToggle', 1), { checked: false });
        expect(edits).toHaveLength(2);
    });

    it('adds, moves and removes conditions; removing the last removes the filter', async () => {
        const { el, edits } = await mount();
        change(field(el, 'addCondition'), { value: 'Birthdate' });
        button(el, 'Move condition 2 up').click();
        button(el, 'Remove condition 3').click();
        expect(edits).toEqual([
            {
                op: 'insert',
                path: 'queries[0].where.conditions',
                value: { field: 'Birthdate', operator: 'equals', value: '' },
                label: 'Add condition on Birthdate'
            },
            { op: 'move', path: 'queries[0].where.conditions[1]', to: 0, label: 'Move condition 2' },
            { op: 'remove', path: 'queries[0].where.conditions[2]', label: 'Remove condition 3' }
        ]);
        const single = contactsQuery();
        delete single.where;
        const s = await mount(single);
        expect(field(s.el, 'logic')).toBeNull();
        change(field(s.el, 'addCondition'), { value: 'DoNotCall' });
        expect(s.edits[0]).toEqual({
            op: 'set',
            path: 'queries[0].where',
            value: { conditions: [{ field: 'DoNotCall', operator: 'equals', value: true }] },
            label: 'Add condition on DoNotCall'
        });
        const one = contactsQuery();
        one.where = { conditions: [{ field: 'Email', operator: 'equals', value: 'a' }] };
        const o = await mount(one);
        button(o.el, 'Remove condition 1').click();
        expect(o.edits[0]).toEqual({
            op: 'set',
            path: 'queries[0].where',
            value: undefined,
            label: 'Remove the conditions'
        });
        const broken = contactsQuery();
        broken.where = { logic: 'OR' };
        const b = await mount(broken);
        change(field(b.el, 'addCondition'), { value: 'Email' });
        expect(b.edits[0]).toMatchObject({ op: 'set', path: 'queries[0].where.conditions' });
    });

    it('sets the condition logic: all, any or custom', async () => {
        const { el, edits } = await mount();
        change(field(el, 'logic'), { value: 'OR' });
        change(field(el, 'logic'), { value: 'custom' });
        change(field(el, 'logic'), { value: 'AND' });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual(['OR', '1 AND 2 AND 3', undefined]);
        expect(edits[0].path).toBe('queries[0].where.logic');
        const custom = contactsQuery();
        (custom.where as Json).logic = '1 AND (2 OR 3)';
        const c = await mount(custom, [{ path: 'queries[0].where.logic', message: 'Condition logic is not valid.' }]);
        expect(field(c.el, 'logic').value).toBe('custom');
        expect(field(c.el, 'customLogic').value).toBe('1 AND (2 OR 3)');
        expect(q(c.el, '[data-problem-for="logic"]').textContent).toBe('Condition logic is not valid.');
        change(field(c.el, 'customLogic'), { value: '1 OR 2 OR 3' });
        expect(c.edits[0]).toEqual({
            op: 'set',
            path: 'queries[0].where.logic',
            value: '1 OR 2 OR 3',
            label: 'Change condition logic'
        });
        const or = contactsQuery();
        (or.where as Json).logic = 'or';
        expect(field((await mount(or)).el, 'logic').value).toBe('OR');
    });

    it('edits the sort order: sortable fields only, direction, reorder, remove', async () => {
        const { el, edits } = await mount();
        expect(values(field(el, 'addSort').options)).not.toContain('Name');
        expect(values(field(el, 'addSort').options)).not.toContain('Description');
        expect(values(field(el, 'addSort').options)).toContain('Account.Name');
        change(field(el, 'addSort'), { value: 'Email' });
        change(role(el, 'sortField', 0), { value: 'Phone' });
        change(role(el, 'direction', 0), { value: 'desc' });
        button(el, 'Remove sort field Name').click();
        expect(edits).toEqual([
            {
                op: 'insert',
                path: 'queries[0].orderBy',
                value: { field: 'Email', direction: 'asc' },
                label: 'Sort by Email'
            },
            { op: 'set', path: 'queries[0].orderBy[0].field', value: 'Phone', label: 'Change sort field' },
            { op: 'set', path: 'queries[0].orderBy[0].direction', value: 'desc', label: 'Change sort direction' },
            { op: 'set', path: 'queries[0].orderBy', value: undefined, label: 'Remove the sort order' }
        ]);
        const two = contactsQuery();
        two.orderBy = [{ field: 'Name' }, { field: 'Email', direction: 'desc' }];
        const t = await mount(two);
        expect(role(t.el, 'direction', 0).value).toBe('asc');
        button(t.el, 'Move sort field Email up').click();
        button(t.el, 'Move sort field Name down').click();
        button(t.el, 'Remove sort field Email').click();
        expect(t.edits).toEqual([
            { op: 'move', path: 'queries[0].orderBy[1]', to: 0, label: 'Move sort field' },
            { op: 'move', path: 'queries[0].orderBy[0]', to: 1, label: 'Move sort field' },
            { op: 'remove', path: 'queries[0].orderBy[1]', label: 'Remove sort field' }
        ]);
        const none = contactsQuery();
        delete none.orderBy;
        const n = await mount(none);
        change(field(n.el, 'addSort'), { value: 'Name' });
        expect(n.edits[0]).toEqual({
            op: 'set',
            path: 'queries[0].orderBy',
            value: [{ field: 'Name', direction: 'asc' }],
            label: 'Sort by Name'
        });
    });

    it('offers only the query text fields as search fields, in query order', async () => {
        const { el, edits } = await mount();
        const search = field(el, 'searchFields');
        expect(values(search.options)).toEqual(['Name', 'Email', 'Status__c', 'Account.Name']);
        expect(search.value).toEqual(['Name']);
        change(search, { value: ['Account.Name', 'Name'] });
        change(search, { value: [] });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual([['Name', 'Account.Name'], undefined]);
        const numbers = contactsQuery();
        numbers.fields = ['Score__c'];
        numbers.searchFields = ['Score__c'];
        const n = await mount(numbers);
        expect((field(n.el, 'searchFields').options as { label: string }[])[0].label).toBe(
            'Score__c (not a text field of this query)'
        );
        change(field(n.el, 'searchFields'), { value: ['Score__c', 'Other'] });
        expect(n.edits[0].op === 'set' && n.edits[0].value).toEqual(['Score__c', 'Other']);
        const plain = contactsQuery();
        plain.fields = ['Score__c'];
        delete plain.searchFields;
        const p = await mount(plain);
        expect(field(p.el, 'searchFields')).toBeNull();
        expect(q(p.el, '.no-search-fields').textContent).toContain('Add text fields');
    });

    it('sets page size and maximum rows as numbers; empty removes them', async () => {
        const { el, edits } = await mount();
        change(field(el, 'pageSize'), { value: '200' });
        change(field(el, 'pageSize'), { value: '' });
        change(field(el, 'maxRows'), { value: '1000' });
        change(field(el, 'maxRows'), { value: 'abc' });
        expect(edits.map((e) => [e.path, e.op === 'set' && e.value])).toEqual([
            ['queries[0].pageSize', 200],
            ['queries[0].pageSize', undefined],
            ['queries[0].maxRows', 1000],
            ['queries[0].maxRows', 'abc']
        ]);
    });

    it('shows problems next to what they concern', async () => {
        const problems: DefinitionProblem[] = [
            { path: 'queries[0].object', message: "Object 'Contct' does not exist." },
            { path: 'queries[0].name', message: 'Name taken.' },
            { path: 'queries[0].fields[1]', message: "Contact has no field 'Emial'." },
            { path: 'queries[0].fields', message: 'reads no fields' },
            { path: 'queries[0].where.conditions[1].value[0]', message: "Picklist value 'Nw' does not exist." },
            { path: 'queries[0].where.conditions[0].field', message: 'Field cannot be filtered.' },
            { path: 'queries[0].where.conditions[2].operator', message: 'Operator not allowed.' },
            { path: 'queries[0].where', message: 'where has no conditions' },
            { path: 'queries[0].orderBy[0].field', message: 'cannot be sorted' },
            { path: 'queries[0].searchFields[0]', message: 'Search field is not text.' },
            { path: 'queries[0].pageSize', message: 'pageSize is 0.' },
            { path: 'queries[0].maxRows', message: 'maxRows too big.' },
            { path: 'queries[0].limit', message: "Unknown property 'limit'." },
            { path: 'queries[1].name', message: 'not mine' }
        ];
        const { el } = await mount(contactsQuery(), problems);
        expect(field(el, 'object').errorMessage).toBe("Object 'Contct' does not exist.");
        expect(q(el, '[data-problem-for="name"]').textContent).toBe('Name taken.');
        expect(all(el, '.field-item')[1].querySelector('.problem')!.textContent).toBe("Contact has no field 'Emial'.");
        expect(q(el, '[data-problem-for="fields"]').textContent).toBe('reads no fields');
        const conditions = all(el, 'li.condition');
        expect(conditions[1].textContent).toContain("Picklist value 'Nw' does not exist.");
        expect(role(el, 'conditionField', 0).errorMessage).toBe('Field cannot be filtered.');
        expect(conditions[2].textContent).toContain('Operator not allowed.');
        expect(q(el, '[data-problem-for="where"]').textContent).toBe('where has no conditions');
        expect(all(el, '.sort-item')[0].textContent).toContain('cannot be sorted');
        expect(q(el, '[data-problem-for="searchFields"]').textContent).toBe('Search field is not text.');
        expect(q(el, '[data-problem-for="pageSize"]').textContent).toBe('pageSize is 0.');
        expect(q(el, '[data-problem-for="maxRows"]').textContent).toBe('maxRows too big.');
        expect(q(el, '.other-problems').textContent).toBe("Unknown property 'limit'.");
        expect(el.shadowRoot!.textContent).not.toContain('not mine');
    });

    it('says when the schema cannot be read, and shows only the object picker without an object', async () => {
        const services = fakeServices();
        services.describeObject.mockImplementation(() => Promise.reject({ message: 'Not readable' }));
        const { el } = await mount(contactsQuery(), [], services);
        expect(q(el, '.services-error').textContent).toBe('Could not read the fields of Contact: Not readable.');
        expect(all(el, '.field-label').map((l) => l.textContent)).toEqual([
            'Name',
            'Email',
            'Status__c',
            'Account › Name'
        ]);
        const blank = await mount({ name: 'q' });
        expect(field(blank.el, 'addField')).toBeNull();
        expect(field(blank.el, 'object').value).toBe('');
        blank.el.node = null as unknown as Json;
        await flush();
        expect(field(blank.el, 'name').value).toBe('');
        const failing = fakeServices();
        failing.listObjects.mockImplementation(() => Promise.reject({}));
        const f = await mount({ name: 'q' }, [], failing);
        expect(q(f.el, '.services-error').textContent).toBe('Could not list the objects: unknown error.');
    });
});
