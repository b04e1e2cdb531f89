import { createElement } from '@lwc/engine-dom';
import BuilderMappingPicker from 'c/builderMappingPicker';
import type { BuilderObject, EditorContext, ObjectSummary } from 'c/dcBuilder';
import type { FlowDescribe, ValueType } from 'c/dcDefinition';
import fixtures from './data/builderFixtures.json';

type PickerElement = HTMLElement & {
    label: string;
    value?: string;
    target: ValueType;
    actionPath: string;
    path?: string;
    context: EditorContext;
    errorMessage: string;
    helpText?: string;
};

function fakeServices(preloaded: string[] = []) {
    const objects = fixtures.objects as unknown as Record<string, BuilderObject>;
    const loaded = new Map<string, BuilderObject>(preloaded.map((n) => [n, objects[n]]));
    const flows = fixtures.flows as unknown as FlowDescribe[];
    return {
        listObjects: jest.fn(() => Promise.resolve(fixtures.summaries as ObjectSummary[])),
        describeObject: jest.fn((name: string) => {
            const o = objects[name];
            if (!o) return Promise.reject({ code: 'NOT_FOUND', message: `No object ${name}` });
            loaded.set(name, o);
            return Promise.resolve(o);
        }),
        cachedObject: jest.fn((name: string) => loaded.get(name)),
        listFlows: jest.fn(() => Promise.resolve(flows)),
        describeFlow: jest.fn((name: string) => Promise.resolve(flows.find((f) => f.apiName === name)!)),
        cachedFlow: jest.fn((name: string) => flows.find((f) => f.apiName === name))
    };
}

const DOC = {
    schemaVersion: 1,
    apiName: 'Board',
    label: 'Board',
    resources: [
        { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
        { name: 'count', kind: 'variable', dataType: 'Number' },
        { name: 'account', kind: 'variable', dataType: 'Record', objectApiName: 'Account' }
    ],
    queries: [{ name: 'contacts', object: 'Contact', fields: ['Name', 'Email', 'Account.Name'] }],
    components: [{ name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [] }],
    interactions: [
        {
            id: 'go',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' },
            do: [{ type: 'executeFlow' }]
        }
    ]
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function mount(props: Partial<PickerElement>, services = fakeServices()) {
    const el = createElement('c-builder-mapping-picker', { is: BuilderMappingPicker }) as PickerElement;
    Object.assign(el, {
        label: 'Value of ContactIds',
        actionPath: 'interactions[0].do[0]',
        context: { doc: DOC, problems: [], services, recordObjectApiName: 'Contact' },
        ...props
    });
    const changes: string[] = [];
    const edits: unknown[] = [];
    el.addEventListener('change', (e) => changes.push((e as CustomEvent).detail.value));
    document.body.addEventListener('edit', (e) => edits.push((e as CustomEvent).detail));
    document.body.appendChild(el);
    const select = () =>
        el.shadowRoot!.querySelector('c-builder-search-select') as HTMLElement & Record<string, unknown>;
    return { el, changes, edits, services, select };
}

describe('c-builder-mapping-picker', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('offers only sources of the target type, grouped, with their type', async () => {
        const { el, select, services } = mount({ target: { dataType: 'Text', isCollection: true } });
        await flush();
        const options = select().options as { value: string; group: string; description: string }[];
        const values = options.map((o) => o.value);
        expect(values).toContain('{!contactsTable.SelectedRowsKeyValue}');
        expect(values).toContain('{!ids}');
        expect(values).not.toContain('{!contactsTable.SelectedRowCount}');
        expect(options.find((o) => o.value === '{!ids}')).toMatchObject({
            group: 'Resources',
            description: 'Text collection · variable'
        });
        expect(select().label).toBe('Value of ContactIds');
        expect(select().helpText).toBe('Lists the sources that hold a Text collection.');
        // it described what types the sources: the user, the record page object, the table's object and its parent
        const described = services.describeObject.mock.calls.map((c) => c[0]).sort();
        expect(described).toEqual(['Account', 'Contact', 'User']);
        await expect(el).toBeAccessible();
    });

    it('types row and record fields once their objects are described', async () => {
        const { select } = mount({ target: { dataType: 'Text', isCollection: false } });
        await flush();
        const values = (select().options as { value: string }[]).map((o) => o.value);
        expect(values).toContain('{!contactsTable.FirstSelectedRow.Account.Name}');
        expect(values).toContain('{!$Record.Email}');
        expect(values).toContain('{!$User.FirstName}');
        expect(values).toContain('{!account.Name}');
        expect(values).not.toContain('{!$Record.Birthdate}');
        expect(values).not.toContain('{!$User.IsActive}');
    });

    it('fires change with the merge field, and an edit at its path when given one', async () => {
        const { select, changes, edits } = mount({
            target: { dataType: 'Number', isCollection: false },
            path: 'interactions[0].do[0].inputs[0].value'
        });
        await flush();
        select().dispatchEvent(new CustomEvent('change', { detail: { value: '{!contactsTable.SelectedRowCount}' } }));
        expect(changes).toEqual(['{!contactsTable.SelectedRowCount}']);
        expect(edits).toEqual([
            {
                op: 'set',
                path: 'interactions[0].do[0].inputs[0].value',
                value: '{!contactsTable.SelectedRowCount}',
                label: 'Map Value of ContactIds'
            }
        ]);
    });

    it('only fires change without a path, passes the error and its own help, survives failed describes', async () => {
        const services = fakeServices();
        services.describeObject.mockImplementation(() => Promise.reject({ code: 'NOT_ALLOWED', message: 'no' }));
        const { select, changes, edits } = mount(
            {
                target: undefined as unknown as ValueType,
                value: '{!gone}',
                errorMessage: 'Resource gone does not exist.',
                helpText: 'Pick the record id.'
            },
            services
        );
        await flush();
        expect(select().errorMessage).toBe('Resource gone does not exist.');
        expect(select().helpText).toBe('Pick the record id.');
        expect(select().value).toBe('{!gone}');
        // without a schema, unknown target: every non-collection source, with the fallback $User fields
        const values = (select().options as { value: string }[]).map((o) => o.value);
        expect(values).toContain('{!$User.FirstName}');
        expect(values).toContain('{!count}');
        select().dispatchEvent(new CustomEvent('change', { detail: { value: '{!count}' } }));
        expect(changes).toEqual(['{!count}']);
        expect(edits).toEqual([]);
    });

    it('lists nothing without a context', async () => {
        const el = createElement('c-builder-mapping-picker', { is: BuilderMappingPicker }) as PickerElement;
        el.label = 'Value';
        document.body.appendChild(el);
        await flush();
        const select = el.shadowRoot!.querySelector('c-builder-search-select') as HTMLElement & { options: unknown[] };
        expect(select.options).toEqual([]);
        expect(el.target).toEqual({ dataType: 'Unknown', isCollection: false });
        expect(el.context).toBeUndefined();
    });
});
