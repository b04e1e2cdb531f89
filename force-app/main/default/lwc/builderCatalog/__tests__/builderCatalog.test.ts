import { createElement } from 'lwc';
import BuilderCatalog from 'c/builderCatalog';
import board from '../../../../../../definitions/Contact_Status_Board.json';

const flows = [
    {
        apiName: 'Set_Contact_Status_Active',
        label: 'Set Contact Status Active',
        processType: 'AutoLaunchedFlow',
        isActive: true
    },
    { apiName: 'Edit_Contact_Status', label: 'Edit Contact Status', processType: 'Flow', isActive: true },
    { apiName: 'Old_Flow', label: 'Old', processType: 'AutoLaunchedFlow', isActive: false },
    {
        apiName: 'On_Update',
        label: 'On update',
        processType: 'AutoLaunchedFlow',
        triggerType: 'RecordAfterSave',
        isActive: true
    }
];

function mount(services: Record<string, jest.Mock>) {
    const el = createElement('c-builder-catalog', { is: BuilderCatalog });
    (el as unknown as { context: unknown }).context = { doc: board, problems: [], services };
    document.body.appendChild(el);
    return el;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('c-builder-catalog', () => {
    it('lists only usable flows with their use, marks the ones the definition uses, and lists resources with reads and writes', async () => {
        const el = mount({ listFlows: jest.fn().mockResolvedValue(flows), describeFlow: jest.fn() });
        await flush();
        const text = el.shadowRoot!.textContent ?? '';
        expect(text).toContain('Set Contact Status Active');
        expect(text).toContain('Execute Flow · Used by 1 action');
        expect(text).toContain('Open Flow Dialog or Panel · Not used');
        expect(text).not.toContain('Old');
        expect(text).not.toContain('On update');
        expect(text).toContain('updatedCount');
        expect(text).toContain('Written in 1 place');
        expect(text).toContain('Read in 1 place');
        await expect(el).toBeAccessible();
    });

    it('shows a flow’s variables on demand, and a link selects the node that uses it', async () => {
        const describeFlow = jest.fn().mockResolvedValue({
            ...flows[0],
            variables: [
                { name: 'ContactIds', dataType: 'String', isCollection: true, isInput: true, isOutput: false },
                { name: 'updatedCount', dataType: 'Number', isCollection: false, isInput: false, isOutput: true },
                { name: 'internal', dataType: 'Number', isCollection: false, isInput: false, isOutput: false }
            ]
        });
        const el = mount({ listFlows: jest.fn().mockResolvedValue(flows), describeFlow });
        await flush();
        const toggle = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
            b.textContent?.includes('Show variables of Set Contact Status Active')
        ) as HTMLButtonElement;
        toggle.click();
        await flush();
        await flush();
        const text = el.shadowRoot!.textContent ?? '';
        expect(describeFlow).toHaveBeenCalledWith('Set_Contact_Status_Active');
        expect(text).toContain('ContactIds · input · String collection');
        expect(text).toContain('updatedCount · output · Number');
        expect(text).not.toContain('internal ·');

        const selected: string[] = [];
        el.addEventListener('select', (e) => selected.push((e as CustomEvent).detail.path));
        const link = el.shadowRoot!.querySelector('button[data-path="interactions[0].do[0]"]') as HTMLButtonElement;
        link.click();
        expect(selected).toEqual(['interactions[0].do[0]']);

        const hide = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
            b.textContent?.includes('Hide variables')
        ) as HTMLButtonElement;
        hide.click();
        await flush();
        expect(el.shadowRoot!.textContent).not.toContain('ContactIds · input');
    });

    it('filters by the search term and reports a failing listing or describe', async () => {
        const el = mount({
            listFlows: jest.fn().mockResolvedValue(flows),
            describeFlow: jest.fn().mockRejectedValue({ message: 'No access to flow' })
        });
        await flush();
        const search = el.shadowRoot!.querySelector('lightning-input') as HTMLInputElement & { value: string };
        search.value = 'edit';
        search.dispatchEvent(new CustomEvent('change'));
        await flush();
        let text = el.shadowRoot!.textContent ?? '';
        expect(text).toContain('Edit Contact Status');
        expect(text).not.toContain('Set Contact Status Active');
        expect(text).toContain('No resource matches.');
        (el.shadowRoot!.querySelector('button[data-flow="Edit_Contact_Status"]') as HTMLButtonElement).click();
        await flush();
        await flush();
        expect(el.shadowRoot!.textContent).toContain('No access to flow');
        search.value = 'zzz';
        search.dispatchEvent(new CustomEvent('change'));
        await flush();
        text = el.shadowRoot!.textContent ?? '';
        expect(text).toContain('No flow matches.');

        const failing = mount({
            listFlows: jest.fn().mockRejectedValue({ message: 'NOT_ALLOWED' }),
            describeFlow: jest.fn()
        });
        await flush();
        expect(failing.shadowRoot!.textContent).toContain('NOT_ALLOWED');
    });
});
