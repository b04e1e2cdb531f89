import { createElement } from '@lwc/engine-dom';
import SetupErrors from 'c/setupErrors';
import type { SetupProblem } from 'c/setupErrors';

type SetupErrorsElement = HTMLElement & {
    problems: SetupProblem[];
    isAdmin: boolean;
    definitionLabel: string;
    componentShown: boolean;
    draft: boolean;
};

const PROBLEMS: SetupProblem[] = [
    { path: 'queries[0].fields[2]', message: "Field 'Statuz__c' does not exist on Contact. Did you mean 'Status__c'?" },
    { path: 'interactions[0].on.target', message: "No component named 'contactTable'." },
    { path: '', message: 'schemaVersion 2 is not supported; use 1.', severity: 'warning' }
];

function mount(props: Partial<SetupErrorsElement>): SetupErrorsElement {
    const el = createElement('c-setup-errors', { is: SetupErrors }) as SetupErrorsElement;
    Object.assign(el, props);
    document.body.appendChild(el);
    return el;
}

describe('c-setup-errors', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('lists every problem with its path for an admin', async () => {
        const el = mount({ problems: PROBLEMS, isAdmin: true, definitionLabel: 'Contacts' });
        await Promise.resolve();
        const root = el.shadowRoot!;
        expect(root.querySelector('h2')!.textContent).toBe('“Contacts” has 3 setup problems');
        const items = [...root.querySelectorAll('li.problem')];
        expect(items).toHaveLength(3);
        expect(items[0].querySelector('.path')!.textContent).toBe('queries[0].fields[2]');
        expect(items[0].querySelector('.message')!.textContent).toContain("Did you mean 'Status__c'?");
        // A problem without a path shows only its message.
        expect(items[2].querySelector('.path')).toBeNull();
        expect(root.querySelector('.summary')!.textContent).toMatch(/^2 errors, 1 warning\. Fix the definition in/);
        expect(items.map((item) => item.querySelector('.severity')?.textContent ?? '')).toEqual(['', '', 'Warning']);
        // nothing rendered: the list is an alert
        expect(root.querySelector('[role="alert"] ul.problems')).not.toBeNull();
        expect(root.querySelector('.friendly')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('uses the singular and a generic subject for one problem without a label', async () => {
        const el = mount({ problems: [PROBLEMS[0]], isAdmin: true });
        await Promise.resolve();
        expect(el.shadowRoot!.querySelector('h2')!.textContent).toBe('This Dynamic Component has 1 setup problem');
        expect(el.shadowRoot!.querySelector('.summary')!.textContent).toMatch(/^1 error\./);
    });

    it('shows only a short friendly sentence to other users, never the details', async () => {
        const el = mount({ problems: PROBLEMS, isAdmin: false, definitionLabel: 'Contacts' });
        await Promise.resolve();
        const root = el.shadowRoot!;
        expect(root.querySelector('.friendly')!.textContent).toContain('Ask your Salesforce admin');
        expect(root.querySelector('li.problem')).toBeNull();
        expect(root.textContent).not.toContain('Statuz__c');
        await expect(el).toBeAccessible();
    });

    it('above a component that renders: says the broken actions are off for users, and is not an alert', async () => {
        const el = mount({ problems: PROBLEMS.slice(1), isAdmin: true, componentShown: true });
        await Promise.resolve();
        const root = el.shadowRoot!;
        expect(root.querySelector('.summary')!.textContent).toBe(
            '1 error, 1 warning. The actions with errors are turned off: users see them disabled with “This action isn’t set up correctly. Ask your admin.” Fix the definition in the Definition Builder (or in Setup › Custom Metadata Types › Dynamic Component, or its JSON file), then reload the page.'
        );
        expect(root.querySelector('[role="alert"]')).toBeNull();
        expect((root.querySelector('lightning-icon') as HTMLElement & { iconName: string }).iconName).toBe(
            'utility:error'
        );
        await expect(el).toBeAccessible();
    });

    it('with only warnings in a draft: a warning icon and the builder as the place to fix', async () => {
        const el = mount({ problems: [PROBLEMS[2]], isAdmin: true, componentShown: true, draft: true });
        await Promise.resolve();
        const root = el.shadowRoot!;
        expect(root.querySelector('.summary')!.textContent).toBe(
            '0 errors, 1 warning. Warnings do not stop the component. Fix the draft in the builder; the preview follows your edits.'
        );
        const icon = root.querySelector('lightning-icon') as HTMLElement & {
            iconName: string;
            variant: string;
            alternativeText: string;
        };
        expect([icon.iconName, icon.variant, icon.alternativeText]).toEqual(['utility:warning', 'warning', 'Warning']);
    });

    it('shows nothing to other users when the component renders (the disabled actions say why)', async () => {
        const el = mount({ problems: PROBLEMS, isAdmin: false, componentShown: true });
        await Promise.resolve();
        expect(el.shadowRoot!.children).toHaveLength(0);
        expect(el.shadowRoot!.textContent).toBe('');
    });

    it('copes with no problems given', async () => {
        const el = mount({ isAdmin: true, problems: undefined as unknown as SetupProblem[] });
        await Promise.resolve();
        expect(el.shadowRoot!.querySelectorAll('li.problem')).toHaveLength(0);
        expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('0 setup problems');
    });
});
