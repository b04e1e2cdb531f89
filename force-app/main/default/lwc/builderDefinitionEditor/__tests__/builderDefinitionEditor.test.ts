import { createElement } from '@lwc/engine-dom';
import BuilderDefinitionEditor, { apiNameFromLabel } from 'c/builderDefinitionEditor';
import type { BuilderEdit, EditorContext } from 'c/dcBuilder';
import type { DefinitionProblem } from 'c/dcDefinition';

type EditorElement = HTMLElement & { node: Record<string, unknown>; path: string; context: EditorContext };

function mount(node: Record<string, unknown>, problems: DefinitionProblem[] = []) {
    const el = createElement('c-builder-definition-editor', { is: BuilderDefinitionEditor }) as EditorElement;
    el.node = node;
    el.path = '';
    el.context = { doc: node, problems, services: {} as EditorContext['services'] };
    const edits: BuilderEdit[] = [];
    document.body.addEventListener('edit', (e) => edits.push((e as CustomEvent<BuilderEdit>).detail));
    document.body.appendChild(el);
    return { el, edits };
}

const field = (el: HTMLElement, name: string) =>
    el.shadowRoot!.querySelector(`[data-field="${name}"]`) as HTMLElement & { value: string; label: string };

function change(target: HTMLElement, value: string) {
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-builder-definition-editor', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders the API name, label and description', async () => {
        const { el } = mount({ apiName: 'Contact_Status_Board', label: 'Contacts', description: 'Board' });
        await Promise.resolve();
        expect(field(el, 'apiName').value).toBe('Contact_Status_Board');
        expect(field(el, 'apiName').label).toBe('API name');
        expect(field(el, 'label').value).toBe('Contacts');
        expect(field(el, 'description').value).toBe('Board');
        expect(el.shadowRoot!.textContent).toContain('single underscores');
        expect(el.shadowRoot!.querySelector('legend')!.textContent).toBe('Definition');
        await expect(el).toBeAccessible();
    });

    it('fires a set edit for each control (absolute paths; empty description removes it)', async () => {
        const { el, edits } = mount({ apiName: 'Board', label: 'Contacts', description: 'x' });
        await Promise.resolve();
        change(field(el, 'apiName'), ' My_Board ');
        change(field(el, 'description'), 'Shows contacts');
        change(field(el, 'description'), '');
        expect(edits).toEqual([
            { op: 'set', path: 'apiName', value: 'My_Board', label: 'Change API name' },
            { op: 'set', path: 'description', value: 'Shows contacts', label: 'Change description' },
            { op: 'set', path: 'description', value: undefined, label: 'Change description' }
        ]);
    });

    it('fills the API name from the label while it is empty or still the suggested one', async () => {
        const { el, edits } = mount({ apiName: '', label: '' });
        await Promise.resolve();
        change(field(el, 'label'), 'Contact Board');
        expect(edits).toEqual([
            { op: 'set', path: 'label', value: 'Contact Board', label: 'Change label' },
            { op: 'set', path: 'apiName', value: 'Contact_Board', label: 'Change API name' }
        ]);
        el.node = { apiName: 'Contact_Board', label: 'Contact Board' };
        await Promise.resolve();
        edits.length = 0;
        change(field(el, 'label'), 'Contact Board 2');
        expect(edits[1]).toEqual({ op: 'set', path: 'apiName', value: 'Contact_Board_2', label: 'Change API name' });
        // an API name the admin chose is left alone
        el.node = { apiName: 'Chosen', label: 'Contact Board' };
        await Promise.resolve();
        edits.length = 0;
        change(field(el, 'label'), 'Other');
        expect(edits).toEqual([{ op: 'set', path: 'label', value: 'Other', label: 'Change label' }]);
    });

    it('shows each problem next to its control and document problems on top', async () => {
        const { el } = mount({ apiName: 'Bad__Name', label: '' }, [
            {
                path: 'apiName',
                message: "apiName 'Bad__Name' is not valid: use letters, digits and single underscores."
            },
            { path: 'label', message: 'label is empty: give it a value.' },
            { path: 'description', message: 'description must be text.' },
            { path: 'schemaVersion', message: 'schemaVersion is missing: add "schemaVersion": 1.' },
            { path: 'queries[0].name', message: 'not mine' }
        ]);
        await Promise.resolve();
        const root = el.shadowRoot!;
        expect(root.querySelector('[data-problem-for="apiName"]')!.textContent).toContain('single underscores');
        expect(root.querySelector('[data-problem-for="label"]')!.textContent).toBe('label is empty: give it a value.');
        expect(root.querySelector('[data-problem-for="description"]')!.textContent).toBe('description must be text.');
        expect(root.querySelector('.document-problems')!.textContent).toContain('schemaVersion is missing');
        expect(root.textContent).not.toContain('not mine');
        await expect(el).toBeAccessible();
    });

    it('copes with a node without values', async () => {
        const { el } = mount({ apiName: 5 });
        await Promise.resolve();
        expect(field(el, 'apiName').value).toBe('');
        expect(field(el, 'label').value).toBe('');
        expect(field(el, 'description').value).toBe('');
        expect(el.shadowRoot!.querySelector('.problem')).toBeNull();
    });
});

describe('apiNameFromLabel', () => {
    it('follows the platform rules', () => {
        expect(apiNameFromLabel('Contact Status Board')).toBe('Contact_Status_Board');
        expect(apiNameFromLabel('  Crème -- brûlée!  ')).toBe('Creme_brulee');
        expect(apiNameFromLabel('2025 board')).toBe('X2025_board');
        expect(apiNameFromLabel('***')).toBe('');
        const long = apiNameFromLabel('A very long label that goes on and on past forty characters');
        expect(long.length).toBeLessThanOrEqual(40);
        expect(long.endsWith('_')).toBe(false);
    });
});
