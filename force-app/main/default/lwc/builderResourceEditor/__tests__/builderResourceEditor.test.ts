import { createElement } from '@lwc/engine-dom';
import BuilderResourceEditor, { checkFormula, literalFits, sampleScope, valueFits } from 'c/builderResourceEditor';
import type { BuilderEdit, BuilderObject, EditorContext, ObjectSummary } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';
import fixtures from '../../builderMappingPicker/__tests__/data/builderFixtures.json';

type Json = Record<string, unknown>;
type EditorElement = HTMLElement & { node: Json; path: string; context: EditorContext };
type Control = HTMLElement & Record<string, unknown>;

function fakeServices() {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries as ObjectSummary[])),
        describeObject: jest.fn((name: string) => Promise.resolve(objects[name])),
        cachedObject: jest.fn((name: string) => objects[name]),
        listFlows: jest.fn(() => Promise.resolve([])),
        describeFlow: jest.fn(() => Promise.reject(new Error('none'))),
        cachedFlow: jest.fn(() => undefined)
    };
}

const RESOURCES: Json[] = [
    { name: 'count', kind: 'variable', dataType: 'Number', value: 3 },
    { name: 'status', kind: 'constant', dataType: 'Text', value: 'Active' },
    { name: 'title', kind: 'formula', dataType: 'Text', formula: '"Contacts of " & {!$User.FirstName}' },
    { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true, value: ['a', 'b'] },
    { name: 'current', kind: 'variable', dataType: 'Record', objectApiName: 'Contact', value: '{!$Record.Id}' }
];

function docWith(resources: Json[]): Json {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        resources,
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [] }]
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(
    index: number,
    resources: Json[] = RESOURCES,
    problems: DefinitionProblem[] = [],
    services = fakeServices()
) {
    const el = createElement('c-builder-resource-editor', { is: BuilderResourceEditor }) as EditorElement;
    el.path = `resources[${index}]`;
    el.node = resources[index];
    el.context = { doc: docWith(resources), problems, services };
    const edits: BuilderEdit[] = [];
    el.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
    document.body.appendChild(el);
    return { el, edits, services };
}

const q = (el: HTMLElement, selector: string) => el.shadowRoot!.querySelector(selector) as Control;
const field = (el: HTMLElement, name: string) => q(el, `[data-field="${name}"]`);
const change = (target: HTMLElement, detail: Json) => target.dispatchEvent(new CustomEvent('change', { detail }));

describe('c-builder-resource-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders a variable with its name, kind, type, collection toggle and typed value', async () => {
        const { el } = mount(0);
        await flush();
        expect(field(el, 'name').value).toBe('count');
        expect(field(el, 'kind').value).toBe('variable');
        expect(field(el, 'dataType').value).toBe('Number');
        expect(field(el, 'isCollection').label).toBe('Allow multiple values (collection)');
        expect(field(el, 'valueMode').value).toBe('static');
        expect(field(el, 'value').type).toBe('number');
        expect(field(el, 'value').value).toBe('3');
        expect(q(el, 'textarea')).toBeNull();
        expect(field(el, 'objectApiName')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('fires edits for name, description, static values by type, and value modes', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'name'), { value: ' total ' });
        change(field(el, 'description'), { value: 'How many' });
        change(field(el, 'description'), { value: '' });
        change(field(el, 'value'), { value: '12.5' });
        change(field(el, 'value'), { value: '' });
        change(field(el, 'valueMode'), { value: 'none' });
        change(field(el, 'valueMode'), { value: 'static' });
        expect(edits).toEqual([
            { op: 'set', path: 'resources[0].name', value: 'total', label: 'Rename resource' },
            { op: 'set', path: 'resources[0].description', value: 'How many', label: 'Change description' },
            { op: 'set', path: 'resources[0].description', value: undefined, label: 'Change description' },
            { op: 'set', path: 'resources[0].value', value: 12.5, label: 'Change initial value' },
            { op: 'set', path: 'resources[0].value', value: undefined, label: 'Change initial value' },
            { op: 'set', path: 'resources[0].value', value: undefined, label: 'Remove initial value' },
            { op: 'set', path: 'resources[0].value', value: 0, label: 'Set initial value' }
        ]);
    });

    it('maps a variable value through the mapping picker of its type', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'valueMode'), { value: 'mapped' });
        await flush();
        const picker = field(el, 'value');
        expect(picker.tagName).toBe('C-BUILDER-MAPPING-PICKER');
        expect(picker.target).toEqual({ dataType: 'Number', isCollection: false, objectApiName: undefined });
        expect(picker.actionPath).toBe('resources[0]');
        expect(edits).toEqual([]);
        change(picker, { value: '{!contactsTable.SelectedRowCount}' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'resources[0].value',
                value: '{!contactsTable.SelectedRowCount}',
                label: 'Map initial value'
            }
        ]);
    });

    it('edits Record variables: object picker over listObjects, merge-field value only', async () => {
        const { el, edits, services } = mount(4);
        await flush();
        expect(services.listObjects).toHaveBeenCalled();
        const object = field(el, 'objectApiName');
        expect(object.value).toBe('Contact');
        expect((object.options as { value: string }[]).map((o) => o.value)).toEqual([
            'Account',
            'Contact',
            'Invoice__c',
            'User'
        ]);
        expect((field(el, 'valueMode').options as { value: string }[]).map((o) => o.value)).toEqual(['none', 'mapped']);
        expect(field(el, 'value').target).toEqual({
            dataType: 'Record',
            isCollection: false,
            objectApiName: 'Contact'
        });
        expect((field(el, 'dataType').options as { value: string }[]).map((o) => o.value)).toContain('Record');
        change(object, { value: 'Account' });
        expect(edits).toEqual([
            { op: 'set', path: 'resources[4].objectApiName', value: 'Account', label: 'Change object' }
        ]);
    });

    it('says when the objects cannot be listed', async () => {
        const services = fakeServices();
        services.listObjects.mockImplementation(() => Promise.reject({ message: 'No access' }));
        const { el } = mount(4, RESOURCES, [], services);
        await flush();
        expect(field(el, 'objectApiName').helpText).toBe('Could not list the objects: No access.');
    });

    it('changes the data type keeping values that still fit, in one edit', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'dataType'), { value: 'Currency' });
        change(field(el, 'dataType'), { value: 'Text' });
        change(field(el, 'dataType'), { value: 'Number' });
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'resources[0]',
                value: { name: 'count', kind: 'variable', dataType: 'Currency', value: 3 },
                label: 'Change data type'
            },
            {
                op: 'set',
                path: 'resources[0]',
                value: { name: 'count', kind: 'variable', dataType: 'Text' },
                label: 'Change data type'
            }
        ]);
        // from Record: the object goes
        const record = mount(4);
        await flush();
        change(field(record.el, 'dataType'), { value: 'Text' });
        expect(record.edits[0].op === 'set' && record.edits[0].value).toEqual({
            name: 'current',
            kind: 'variable',
            dataType: 'Text',
            value: '{!$Record.Id}'
        });
    });

    it('toggles the collection, clearing a value that no longer fits', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'isCollection'), { checked: true });
        expect(edits[0]).toEqual({
            op: 'set',
            path: 'resources[0]',
            value: { name: 'count', kind: 'variable', dataType: 'Number', isCollection: true },
            label: 'Allow multiple values'
        });
        const ids = mount(3);
        await flush();
        expect(field(ids.el, 'value').value).toBe('a\nb');
        change(field(ids.el, 'isCollection'), { checked: false });
        expect(ids.edits[0]).toEqual({
            op: 'set',
            path: 'resources[3]',
            value: { name: 'ids', kind: 'variable', dataType: 'Text' },
            label: 'Allow a single value'
        });
    });

    it('reads collection values one per line, typed', async () => {
        const numbers = [{ name: 'ns', kind: 'variable', dataType: 'Number', isCollection: true, value: [1] }];
        const { el, edits } = mount(0, numbers);
        await flush();
        change(field(el, 'value'), { value: '1\n 2.5 \n\nx' });
        expect(edits[0]).toEqual({
            op: 'set',
            path: 'resources[0].value',
            value: [1, 2.5, 'x'],
            label: 'Change initial values'
        });
        const flags = [{ name: 'bs', kind: 'variable', dataType: 'Boolean', isCollection: true }];
        const b = mount(0, flags);
        await flush();
        change(field(b.el, 'valueMode'), { value: 'static' });
        expect(b.edits[0]).toEqual({ op: 'set', path: 'resources[0].value', value: [], label: 'Set initial value' });
        b.el.node = { ...flags[0], value: [] };
        await flush();
        change(field(b.el, 'value'), { value: 'TRUE\nfalse' });
        expect(b.edits[1]).toEqual({
            op: 'set',
            path: 'resources[0].value',
            value: [true, false],
            label: 'Change initial values'
        });
    });

    it('edits constants: typed value, booleans and dates, no merge fields; empty becomes null', async () => {
        const constants: Json[] = [
            { name: 'flag', kind: 'constant', dataType: 'Boolean', value: true },
            { name: 'since', kind: 'constant', dataType: 'Date', value: '2025-01-31' },
            { name: 'at', kind: 'constant', dataType: 'DateTime', value: null }
        ];
        const flag = mount(0, constants);
        await flush();
        expect(field(flag.el, 'valueMode')).toBeNull();
        expect(field(flag.el, 'value').value).toBe('true');
        expect(field(flag.el, 'value').label).toBe('Value');
        change(field(flag.el, 'value'), { value: 'false' });
        expect(flag.edits[0]).toEqual({ op: 'set', path: 'resources[0].value', value: false, label: 'Change value' });
        expect((field(flag.el, 'dataType').options as { value: string }[]).map((o) => o.value)).not.toContain('Record');

        const since = mount(1, constants);
        await flush();
        expect(field(since.el, 'value').type).toBe('date');
        change(field(since.el, 'value'), { value: '' });
        change(field(since.el, 'value'), { value: '2025-02-01' });
        expect(since.edits.map((e) => e.op === 'set' && e.value)).toEqual([null, '2025-02-01']);

        const at = mount(2, constants);
        await flush();
        expect(field(at.el, 'value').type).toBe('datetime');
        expect(field(at.el, 'value').value).toBe('');
    });

    it('changes the kind, keeping what fits, in one edit', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'kind'), { value: 'constant' });
        change(field(el, 'kind'), { value: 'formula' });
        change(field(el, 'kind'), { value: 'variable' });
        expect(edits.map((e) => e.op === 'set' && e.value)).toEqual([
            { name: 'count', kind: 'constant', dataType: 'Number', value: 3 },
            { name: 'count', kind: 'formula', dataType: 'Number', formula: '' }
        ]);
        expect(edits[0].label).toBe('Make count a constant');
        // a Record variable becomes a Text constant with an empty value; merge fields do not go into constants
        const record = mount(4);
        await flush();
        change(field(record.el, 'kind'), { value: 'constant' });
        expect(record.edits[0].op === 'set' && record.edits[0].value).toEqual({
            name: 'current',
            kind: 'constant',
            dataType: 'Text',
            value: ''
        });
        const constant = mount(1);
        await flush();
        change(field(constant.el, 'kind'), { value: 'variable' });
        expect(constant.edits[0].op === 'set' && constant.edits[0].value).toEqual({
            name: 'status',
            kind: 'variable',
            dataType: 'Text',
            value: 'Active'
        });
        const described = [{ name: 'd', kind: 'formula', dataType: 'Date', formula: 'TODAY()', description: 'today' }];
        const formula = mount(0, described);
        await flush();
        change(field(formula.el, 'kind'), { value: 'constant' });
        expect(formula.edits[0].op === 'set' && formula.edits[0].value).toEqual({
            name: 'd',
            kind: 'constant',
            dataType: 'Date',
            description: 'today',
            value: null
        });
    });

    it('checks a formula and shows its value on sample values', async () => {
        const { el } = mount(2);
        await flush();
        expect(q(el, 'textarea.formula').value).toBe('"Contacts of " & {!$User.FirstName}');
        expect(q(el, '.formula-value').textContent).toBe('Value on sample values: “Contacts of Ada”');
        expect(q(el, '.parse-error')).toBeNull();
        expect(el.shadowRoot!.textContent).toContain('Sample values:');
        const buttons = [...el.shadowRoot!.querySelectorAll('button.function')];
        expect(buttons.map((b) => b.getAttribute('data-name'))).toContain('IF');
        expect(buttons[0].getAttribute('aria-label')).toBe('Insert IF: IF(condition, valueIfTrue, valueIfFalse)');
        await expect(el).toBeAccessible();
    });

    it('shows the parse error with its position as the admin types', async () => {
        const { el, edits } = mount(2);
        await flush();
        const textarea = q(el, 'textarea.formula') as unknown as HTMLTextAreaElement;
        textarea.value = 'IF({!count} > 1, "many",)';
        textarea.dispatchEvent(new CustomEvent('input'));
        expect(edits[0]).toEqual({
            op: 'set',
            path: 'resources[2].formula',
            value: 'IF({!count} > 1, "many",)',
            label: 'Edit formula'
        });
        el.node = { ...RESOURCES[2], formula: 'IF({!count} > 1, "many",)' };
        await flush();
        expect(q(el, '.parse-error').textContent).toMatch(/position 24/);
        expect(q(el, '.error-mark').textContent).toBe(')');
        expect(textarea.getAttribute('aria-invalid')).toBe('true');
        expect(q(el, '.formula-value')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('inserts a function at the cursor and puts the cursor inside its parentheses', async () => {
        const { el, edits } = mount(2);
        await flush();
        const textarea = q(el, 'textarea.formula') as unknown as HTMLTextAreaElement;
        textarea.setSelectionRange(0, 0);
        textarea.dispatchEvent(new CustomEvent('click'));
        q(el, 'button[data-name="UPPER"]').click();
        const expected = 'UPPER()"Contacts of " & {!$User.FirstName}';
        expect(edits[0]).toEqual({ op: 'set', path: 'resources[2].formula', value: expected, label: 'Insert UPPER' });
        el.node = { ...RESOURCES[2], formula: expected };
        await flush();
        expect(el.shadowRoot!.activeElement).toBe(textarea);
        expect(textarea.selectionStart).toBe(6);
        // a function without arguments: the cursor goes after it; a selection is replaced
        textarea.setSelectionRange(0, 7);
        textarea.dispatchEvent(new CustomEvent('select'));
        q(el, 'button[data-name="TODAY"]').click();
        expect(edits[1].op === 'set' && edits[1].value).toBe('TODAY()"Contacts of " & {!$User.FirstName}');
    });

    it('inserts a merge field at the cursor', async () => {
        const { el, edits } = mount(2);
        await flush();
        const textarea = q(el, 'textarea.formula') as unknown as HTMLTextAreaElement;
        textarea.setSelectionRange(textarea.value.length, textarea.value.length);
        textarea.dispatchEvent(new CustomEvent('keyup'));
        const picker = field(el, 'insertMergeField');
        expect(picker.target).toEqual({ dataType: 'Unknown', isCollection: false });
        change(picker, { value: '{!count}' });
        expect(edits[0].op === 'set' && edits[0].value).toBe('"Contacts of " & {!$User.FirstName}{!count}');
    });

    it('warns when the formula returns another type, or cannot be computed', async () => {
        const wrong = [{ name: 'n', kind: 'formula', dataType: 'Number', formula: '"a" & "b"' }];
        const { el } = mount(0, wrong);
        await flush();
        expect(q(el, '.type-warning').textContent).toBe(
            "On sample values the formula returns Text, but the resource's data type is Number: change the data type or the formula."
        );
        const failing = [{ name: 'n', kind: 'formula', dataType: 'Number', formula: '1 / 0' }];
        const f = mount(0, failing);
        await flush();
        expect(q(f.el, '.evaluation-error').textContent).toBe('Cannot compute it on sample values: Division by zero');
        const empty = [{ name: 'n', kind: 'formula', dataType: 'Number' }];
        const e = mount(0, empty);
        await flush();
        expect(q(e.el, '.parse-error').textContent).toContain('The formula is empty');
        expect(q(e.el, '.error-excerpt')).toBeNull();
    });

    it('shows problems next to their controls and the rest on top', async () => {
        const problems: DefinitionProblem[] = [
            { path: 'resources[2].name', message: "The name 'title' is already used." },
            { path: 'resources[2].formula', message: '{!cnt} refers to cnt, which is not a resource.' },
            { path: 'resources[2].dataType', message: 'A formula cannot return a Record.' },
            { path: 'resources[2].kind', message: 'kind problem' },
            { path: 'resources[2].description', message: 'description must be text.' },
            { path: 'resources[2].extra', message: "Unknown property 'extra'." },
            { path: 'resources[20].name', message: 'not mine' }
        ];
        const { el } = mount(2, RESOURCES, problems);
        await flush();
        expect(q(el, '[data-problem-for="name"]').textContent).toBe("The name 'title' is already used.");
        expect(q(el, '[data-problem-for="formula"]').textContent).toContain('{!cnt}');
        expect(q(el, '[data-problem-for="dataType"]').textContent).toBe('A formula cannot return a Record.');
        expect(q(el, '[data-problem-for="kind"]').textContent).toBe('kind problem');
        expect(q(el, '[data-problem-for="description"]').textContent).toBe('description must be text.');
        expect(q(el, '.other-problems').textContent).toBe("Unknown property 'extra'.");
        expect(el.shadowRoot!.textContent).not.toContain('not mine');
        const variableProblems: DefinitionProblem[] = [
            { path: 'resources[3].value[1]', message: 'The initial value must be text.' },
            { path: 'resources[3].isCollection', message: 'isCollection must be true or false.' }
        ];
        const v = mount(3, RESOURCES, variableProblems);
        await flush();
        expect(q(v.el, '[data-problem-for="value"]').textContent).toBe('The initial value must be text.');
        expect(q(v.el, '[data-problem-for="isCollection"]').textContent).toBe('isCollection must be true or false.');
        const r = mount(4, RESOURCES, [
            { path: 'resources[4].objectApiName', message: "Object 'Foo' does not exist." }
        ]);
        await flush();
        expect(field(r.el, 'objectApiName').errorMessage).toBe("Object 'Foo' does not exist.");
    });

    it('ignores repeated choices and copes with an empty node', async () => {
        const { el, edits } = mount(0);
        await flush();
        change(field(el, 'kind'), { value: 'variable' });
        change(field(el, 'dataType'), { value: 'Number' });
        expect(edits).toEqual([]);
        el.node = null as unknown as Json;
        await flush();
        expect(field(el, 'name').value).toBe('');
        expect(field(el, 'kind').value).toBe('');
        expect(el.shadowRoot!.textContent).not.toContain('Initial value');
    });
});

describe('resource value helpers', () => {
    it('checks literals and values against the data type', () => {
        expect(literalFits('Text', 'a')).toBe(true);
        expect(literalFits('Currency', 1)).toBe(true);
        expect(literalFits('Boolean', 'true')).toBe(false);
        expect(literalFits('DateTime', '2025-01-31T09:00:00Z')).toBe(true);
        expect(literalFits('Record', {})).toBe(false);
        expect(literalFits('Date', null)).toBe(true);
        expect(valueFits('Text', true, ['a'], true)).toBe(true);
        expect(valueFits('Text', false, ['a'], true)).toBe(false);
        expect(valueFits('Number', false, '{!x}', true)).toBe(true);
        expect(valueFits('Number', false, '{!x}', false)).toBe(false);
    });

    it('evaluates in a sample scope: resources, formulas in turn, $User, $Record, tables; circles are blank', () => {
        const doc = docWith([
            ...RESOURCES,
            { name: 'a', kind: 'formula', dataType: 'Text', formula: '{!b}' },
            { name: 'b', kind: 'formula', dataType: 'Text', formula: '{!a}' },
            { name: 'broken', kind: 'formula', dataType: 'Text', formula: '(' },
            { name: 'failing', kind: 'formula', dataType: 'Number', formula: '1/0' },
            { name: 'mapped', kind: 'variable', dataType: 'Text', value: '{!$User.Id}' },
            {
                name: 'mappedMany',
                kind: 'variable',
                dataType: 'Text',
                isCollection: true,
                value: '{!x.SelectedRowsKeyValue}'
            }
        ]);
        const scope = sampleScope(doc, () => new Date('2025-01-31T10:00:00Z'));
        expect(scope.resolve(['title'])).toBe('Contacts of Ada');
        expect(scope.resolve(['count'])).toBe(3);
        expect(scope.resolve(['a'])).toBeNull();
        expect(scope.resolve(['broken'])).toBeNull();
        expect(scope.resolve(['failing'])).toBeNull();
        expect(scope.resolve(['mapped'])).toBeNull();
        expect(scope.resolve(['mappedMany'])).toEqual([]);
        expect(scope.resolve(['$User', 'Unknown'])).toBeNull();
        expect(scope.resolve(['$Record', 'Id'])).toBe('001000000000001AAA');
        expect(scope.resolve(['$Record', 'Name'])).toBeNull();
        expect(scope.resolve(['contactsTable', 'SelectedRowCount'])).toBe(0);
        expect(scope.resolve(['contactsTable', 'SelectedRowsKeyValue'])).toEqual([]);
        expect(scope.resolve(['contactsTable', 'FirstSelectedRow', 'Name'])).toBeNull();
        expect(scope.resolve(['current', 'Name'])).toBeNull();
        expect(scope.resolve(['nothing'])).toBeNull();
        expect(checkFormula('TODAY()', 'Date', doc, () => new Date('2025-01-31T10:00:00Z'))).toMatchObject({
            ok: true,
            valueText: '“2025-01-31”',
            typeWarning: undefined
        });
        expect(checkFormula('{!count} + 1', 'Currency', doc).valueText).toBe('4');
        expect(checkFormula('NOW()', 'DateTime', doc).typeWarning).toBeUndefined();
        expect(checkFormula('TODAY()', 'Text', doc).typeWarning).toBeUndefined();
        expect(checkFormula('{!ids}', 'Text', doc).typeWarning).toContain('returns Collection');
        expect(checkFormula('{!$Record.Name}', 'Number', doc)).toMatchObject({
            valueText: 'blank (null)',
            typeWarning: undefined
        });
        expect(checkFormula('ISBLANK({!$Record.Name})', 'Boolean', doc).valueText).toBe('true');
    });
});
