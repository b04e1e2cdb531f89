import * as fs from 'node:fs';
import * as path from 'node:path';
import { createElement } from '@lwc/engine-dom';
import DynamicComponentBuilder from 'c/dynamicComponentBuilder';
import listObjects from '@salesforce/apex/DynamicComponentBuilderController.listObjects';
import describeObject from '@salesforce/apex/DynamicComponentBuilderController.describeObject';
import listFlows from '@salesforce/apex/DynamicComponentBuilderController.listFlows';
import describeFlow from '@salesforce/apex/DynamicComponentBuilderController.describeFlow';
import listDefinitions from '@salesforce/apex/DynamicComponentBuilderController.listDefinitions';
import getDefinitionForEdit from '@salesforce/apex/DynamicComponentBuilderController.getDefinitionForEdit';
import saveDefinition from '@salesforce/apex/DynamicComponentBuilderController.saveDefinition';
import getSaveStatus from '@salesforce/apex/DynamicComponentBuilderController.getSaveStatus';

jest.mock('@salesforce/apex/DynamicComponentBuilderController.listObjects', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.describeObject', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.listFlows', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.describeFlow', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.listDefinitions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.getDefinitionForEdit', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.saveDefinition', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentBuilderController.getSaveStatus', () => ({ default: jest.fn() }), {
    virtual: true
});

// The editors and the live preview are other bundles with their own tests: stand-ins record what the host passes.
jest.mock('c/builderDefinitionEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/builderResourceEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/builderQueryEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/builderTableEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/builderInteractionEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/builderActionEditor', () => jest.requireActual('./stubs/editorStub'), { virtual: true });
jest.mock('c/dynamicComponent', () => jest.requireActual('./stubs/editorStub'), { virtual: true });

const mocks = {
    listObjects: listObjects as unknown as jest.Mock,
    describeObject: describeObject as unknown as jest.Mock,
    listFlows: listFlows as unknown as jest.Mock,
    describeFlow: describeFlow as unknown as jest.Mock,
    listDefinitions: listDefinitions as unknown as jest.Mock,
    getDefinitionForEdit: getDefinitionForEdit as unknown as jest.Mock,
    saveDefinition: saveDefinition as unknown as jest.Mock,
    getSaveStatus: getSaveStatus as unknown as jest.Mock
};

const BOARD_TEXT = fs.readFileSync(
    path.resolve(__dirname, '../../../../../../definitions/Contact_Status_Board.json'),
    'utf8'
);

type Json = Record<string, unknown>;
type Stub = HTMLElement & {
    node?: Json;
    path?: string;
    focusPath?: string;
    context?: { doc: Json; problems: { path: string; message: string }[] };
    definitionJson?: string;
    draftProblems?: unknown[];
};
type Host = HTMLElement & { definitionName: string };

function field(name: string, type: string, extra: Json = {}): Json {
    return { name, label: name, type, sortable: true, filterable: true, accessible: true, ...extra };
}

const CONTACT = {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    fields: {
        Id: field('Id', 'ID'),
        Name: field('Name', 'STRING', { nameField: true }),
        Email: field('Email', 'EMAIL'),
        Phone: field('Phone', 'PHONE'),
        Status__c: field('Status__c', 'PICKLIST'),
        AccountId: field('AccountId', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' })
    }
};
const ACCOUNT = { name: 'Account', label: 'Account', fields: { Id: field('Id', 'ID'), Name: field('Name', 'STRING') } };
const USER = {
    name: 'User',
    label: 'User',
    fields: { Id: field('Id', 'ID'), FirstName: field('FirstName', 'STRING') }
};

function auraError(code: string, message: string, details: unknown[] = []): unknown {
    return { status: 400, body: { message: JSON.stringify({ code, message, details }) } };
}

/** Lets pending promise callbacks (Apex mocks, re-renders) run. */
function flush(): Promise<void> {
    let chain = Promise.resolve();
    for (let i = 0; i < 8; i++) chain = chain.then(() => undefined);
    return chain;
}

function mount(props: Partial<Host> = {}): Host {
    const element = createElement('c-dynamic-component-builder', { is: DynamicComponentBuilder }) as Host;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function $(element: Host, selector: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(selector);
}

function $$(element: Host, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot!.querySelectorAll(selector));
}

function button(element: Host, label: string): HTMLElement & { disabled?: boolean } {
    const found = $$(element, 'lightning-button').find((b) => (b as unknown as { label: string }).label === label);
    if (!found) throw new Error(`No button '${label}'`);
    return found as HTMLElement & { disabled?: boolean };
}

function treeItem(element: Host, p: string): HTMLElement {
    const item = $$(element, '[role="treeitem"]').find((i) => i.dataset.path === p);
    if (!item) throw new Error(`No tree item '${p}'`);
    return item;
}

/** Opens a node of the outline with its chevron. */
async function expand(element: Host, p: string): Promise<void> {
    (treeItem(element, p).querySelector('.chevron') as HTMLElement).click();
    await flush();
}

function treeLabels(element: Host): string[] {
    return $$(element, '[role="treeitem"]').map((i) => i.querySelector('.outline-label')!.textContent!);
}

function edit(element: Host, selector: string, detail: Json): void {
    $(element, selector)!.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
}

function menuSelect(element: Host, selector: string, value: string): void {
    $(element, selector)!.dispatchEvent(new CustomEvent('select', { detail: { value } }));
}

function change(target: HTMLElement, value: unknown): void {
    (target as unknown as { value: unknown }).value = value;
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function keydown(target: HTMLElement, key: string, init: KeyboardEventInit = {}): void {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...init }));
}

function text(element: Host, selector: string): string {
    return $(element, selector)?.textContent?.trim() ?? '';
}

/** Opens the shipped Contacts board through getDefinitionForEdit, as ?definition= does. */
async function mountBoard(): Promise<Host> {
    const element = mount({ definitionName: 'Contact_Status_Board' });
    await flush();
    return element;
}

beforeEach(() => {
    jest.useFakeTimers();
    mocks.listObjects.mockResolvedValue([{ name: 'Contact', label: 'Contact' }]);
    mocks.describeObject.mockImplementation(({ objectApiName }: { objectApiName: string }) => {
        const known: Record<string, unknown> = { contact: CONTACT, account: ACCOUNT, user: USER };
        const o = known[objectApiName.toLowerCase()];
        return o
            ? Promise.resolve(o)
            : Promise.reject(auraError('UNKNOWN_OBJECT', `There is no object ${objectApiName}.`));
    });
    mocks.listFlows.mockResolvedValue([]);
    mocks.describeFlow.mockResolvedValue({
        apiName: 'Set_Contact_Status_Active',
        processType: 'AutoLaunchedFlow',
        isActive: true,
        variables: [
            { name: 'ContactIds', dataType: 'String', isCollection: true, isInput: true, isOutput: false },
            { name: 'updatedCount', dataType: 'Number', isCollection: false, isInput: false, isOutput: true }
        ]
    });
    mocks.listDefinitions.mockResolvedValue([
        { apiName: 'Contact_Status_Board', label: 'Contacts' },
        { apiName: 'Contact_Summary', label: 'Contact Summary' }
    ]);
    mocks.getDefinitionForEdit.mockResolvedValue({
        apiName: 'Contact_Status_Board',
        label: 'Contacts',
        json: BOARD_TEXT,
        contentHash: 'hash-1',
        lastModifiedByName: 'Ada Admin',
        lastModifiedDate: '2026-01-02T03:04:05Z'
    });
});

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
});

describe('layout', () => {
    it('renders the toolbar, the outline, the definition editor, the live preview and the problem list', async () => {
        const element = mount();
        await flush();
        for (const label of ['Open', 'Import JSON', 'Export JSON', 'Duplicate', 'Undo', 'Redo', 'Save']) {
            expect(button(element, label)).toBeTruthy();
        }
        expect(($(element, '.new-menu') as unknown as { label: string }).label).toBe('New from template');
        expect($(element, '[role="tree"]')).not.toBeNull();
        expect(treeLabels(element)).toEqual(['Definition', 'Resources', 'Queries', 'Components', 'Interactions']);
        const editor = $(element, 'c-builder-definition-editor') as Stub;
        expect(editor.path).toBe('');
        expect(editor.node?.schemaVersion).toBe(1);
        expect(editor.context?.doc).toBe(editor.node);
        const preview = $(element, 'c-dynamic-component') as Stub;
        expect(JSON.parse(preview.definitionJson!).apiName).toBe('New_Dynamic_Component');
        expect(text(element, '.problems-heading')).toContain('No problems');
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it('opens the definition named by definitionName and marks the tree for assistive technology', async () => {
        const element = await mountBoard();
        expect(mocks.getDefinitionForEdit).toHaveBeenCalledWith({ definitionName: 'Contact_Status_Board' });
        expect(text(element, '.draft-title')).toBe('Contacts');
        expect(text(element, '.toolbar-title p')).toContain('last saved by Ada Admin');
        const table = treeItem(element, 'components[0]');
        expect(table.getAttribute('aria-level')).toBe('2');
        expect(table.getAttribute('aria-expanded')).toBe('true');
        expect(treeItem(element, '').getAttribute('aria-selected')).toBe('true');
        expect(treeItem(element, '').getAttribute('tabindex')).toBe('0');
        expect(table.getAttribute('tabindex')).toBe('-1');
        expect(treeLabels(element)).toContain('Header Action Click · contactsTable · setActive');
        expect(mocks.describeObject).toHaveBeenCalledWith({ objectApiName: 'Contact' });
        expect(mocks.describeFlow).toHaveBeenCalledWith({ flowApiName: 'Set_Contact_Status_Active' });
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });
});

describe('outline selection', () => {
    it('shows the editor of the selected node; columns and actions open the table editor at them', async () => {
        const element = await mountBoard();
        treeItem(element, 'queries[0]').click();
        await flush();
        const query = $(element, 'c-builder-query-editor') as Stub;
        expect(query.path).toBe('queries[0]');
        expect(query.node?.name).toBe('contacts');
        expect(text(element, '.editor-heading')).toBe('Query · contacts');

        await expand(element, 'components[0].columns');
        treeItem(element, 'components[0].columns[1]').click();
        await flush();
        const table = $(element, 'c-builder-table-editor') as Stub;
        expect(table.path).toBe('components[0]');
        expect(table.focusPath).toBe('components[0].columns[1]');
        expect(table.node?.name).toBe('contactsTable');

        treeItem(element, 'interactions[0].do[0].onFinish[1]').click();
        await flush();
        expect(($(element, 'c-builder-action-editor') as Stub).node?.type).toBe('showToast');
        treeItem(element, 'interactions[1]').click();
        await flush();
        expect(($(element, 'c-builder-interaction-editor') as Stub).path).toBe('interactions[1]');
        treeItem(element, 'resources[2]').click();
        await flush();
        expect(($(element, 'c-builder-resource-editor') as Stub).node?.kind).toBe('formula');
    });

    it('moves through the tree with the arrow keys and selects with Enter', async () => {
        const element = await mountBoard();
        const tree = $(element, '[role="tree"]')!;
        keydown(treeItem(element, ''), 'ArrowDown');
        await flush();
        expect(treeItem(element, 'resources').getAttribute('tabindex')).toBe('0');
        keydown(treeItem(element, 'resources'), 'ArrowRight');
        await flush();
        expect(treeItem(element, 'resources').getAttribute('aria-expanded')).toBe('true');
        keydown(treeItem(element, 'resources'), 'ArrowRight');
        await flush();
        expect(treeItem(element, 'resources[0]').getAttribute('tabindex')).toBe('0');
        keydown(treeItem(element, 'resources[0]'), 'Enter');
        await flush();
        expect(($(element, 'c-builder-resource-editor') as Stub).path).toBe('resources[0]');
        keydown(treeItem(element, 'resources[0]'), 'ArrowLeft');
        await flush();
        expect(treeItem(element, 'resources').getAttribute('tabindex')).toBe('0');
        keydown(treeItem(element, 'resources'), 'ArrowLeft');
        await flush();
        expect(treeItem(element, 'resources').getAttribute('aria-expanded')).toBe('false');
        keydown(treeItem(element, 'resources'), 'End');
        await flush();
        expect($$(element, '[role="treeitem"]').pop()!.getAttribute('tabindex')).toBe('0');
        expect(tree).toBeTruthy();
    });

    it('follows select events from the editors', async () => {
        const element = await mountBoard();
        treeItem(element, 'components[0]').click();
        await flush();
        $(element, 'c-builder-table-editor')!.dispatchEvent(
            new CustomEvent('select', {
                detail: { path: 'components[0].headerActions[0]' },
                bubbles: true,
                composed: true
            })
        );
        await flush();
        expect(($(element, 'c-builder-table-editor') as Stub).focusPath).toBe('components[0].headerActions[0]');
        expect(treeItem(element, 'components[0].headerActions[0]').getAttribute('aria-selected')).toBe('true');
    });

    it('adds nodes from the outline buttons and selects them', async () => {
        const element = mount();
        await flush();
        button(element, 'Add data table').click();
        await flush();
        expect(($(element, 'c-builder-table-editor') as Stub).node).toMatchObject({
            name: 'contactsTable',
            query: 'contacts'
        });
        expect(treeLabels(element)).toEqual(expect.arrayContaining(['contacts', 'contactsTable', 'Columns']));
        menuSelect(element, '.add-resource', 'formula');
        await flush();
        expect(($(element, 'c-builder-resource-editor') as Stub).node).toMatchObject({
            name: 'newFormula',
            kind: 'formula'
        });
        button(element, 'Add interaction').click();
        await flush();
        expect(($(element, 'c-builder-interaction-editor') as Stub).node).toMatchObject({ id: 'onLoad' });
        // an interaction without actions is a problem the validator words
        expect(text(element, '.problem-list')).toContain('The interaction does nothing');
        button(element, 'Undo').click();
        await flush();
        expect(treeLabels(element)).not.toContain('Load');
    });
});

describe('edits, undo and redo', () => {
    it('applies editor edits through the history, with Undo / Redo buttons and Ctrl+Z / Ctrl+Y', async () => {
        const element = mount();
        await flush();
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'B' });
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'Bo' });
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'Board' });
        await flush();
        expect(text(element, '.draft-title')).toBe('Board');
        expect(button(element, 'Undo').disabled).toBe(false);
        expect(button(element, 'Undo').title).toBe('Undo Change label (Ctrl+Z)');
        expect($(element, '.unsaved')).not.toBeNull();

        keydown($(element, 'c-builder-definition-editor')!, 'z', { ctrlKey: true });
        await flush();
        expect(text(element, '.draft-title')).toBe('New Dynamic Component');
        expect(button(element, 'Undo').disabled).toBe(true);
        expect(text(element, '.slds-assistive-text[aria-live]')).toBe('Undone: Change label.');

        keydown($(element, '[role="tree"]')!, 'y', { ctrlKey: true });
        await flush();
        expect(text(element, '.draft-title')).toBe('Board');
        button(element, 'Undo').click();
        await flush();
        button(element, 'Redo').click();
        await flush();
        expect(text(element, '.draft-title')).toBe('Board');
        keydown($(element, '.toolbar')!, 'z', { ctrlKey: true, shiftKey: true });
        await flush();
        expect(button(element, 'Redo').disabled).toBe(true);
    });

    it('re-validates on every edit and debounces the preview', async () => {
        const element = await mountBoard();
        jest.advanceTimersByTime(500);
        await flush();
        const preview = $(element, 'c-dynamic-component') as Stub;
        const before = preview.definitionJson;
        edit(element, 'c-builder-definition-editor', {
            op: 'set',
            path: 'components[0].columns[1].field',
            value: 'Emial'
        });
        await flush();
        expect(text(element, '.problem-list')).toContain('Emial');
        expect(($(element, 'c-dynamic-component') as Stub).definitionJson).toBe(before);
        jest.advanceTimersByTime(450);
        await flush();
        const after = $(element, 'c-dynamic-component') as Stub;
        expect(after.definitionJson).toContain('"Emial"');
        expect(after.draftProblems).toEqual(
            expect.arrayContaining([expect.objectContaining({ path: 'components[0].columns[1].field' })])
        );
        expect(treeItem(element, 'components[0]').textContent).toContain('1 error');
    });

    it('says so when a rename updates references, and undoes it in one step', async () => {
        const element = await mountBoard();
        treeItem(element, 'components[0]').click();
        await flush();
        edit(element, 'c-builder-table-editor', { op: 'set', path: 'components[0].name', value: 'board' });
        await flush();
        expect(text(element, '.reference-note')).toBe(
            "Renamed data table 'contactsTable' to 'board' and updated 4 places that use it."
        );
        expect(treeLabels(element)).toContain('Header Action Click · board · setActive');
        button(element, 'Undo').click();
        await flush();
        expect(treeLabels(element)).toContain('Header Action Click · contactsTable · setActive');
    });

    it('reports an edit with a bad path and changes nothing', async () => {
        const element = mount();
        await flush();
        edit(element, 'c-builder-definition-editor', { op: 'remove', path: 'queries[3]' });
        await flush();
        expect(text(element, '.edit-error')).toBe(
            "That change could not be made: There is nothing at 'queries[3]' to remove."
        );
        expect(button(element, 'Undo').disabled).toBe(true);
    });

    it('keeps the selection on a moved item', async () => {
        const element = await mountBoard();
        await expand(element, 'components[0].columns');
        treeItem(element, 'components[0].columns[0]').click();
        await flush();
        edit(element, 'c-builder-table-editor', { op: 'move', path: 'components[0].columns[0]', to: 2 });
        await flush();
        expect(($(element, 'c-builder-table-editor') as Stub).focusPath).toBe('components[0].columns[2]');
        edit(element, 'c-builder-table-editor', { op: 'remove', path: 'components[0].columns[2]' });
        await flush();
        expect(text(element, '.editor-heading')).toBe('Data table · contactsTable · Columns');
        expect(($(element, 'c-builder-table-editor') as Stub).focusPath).toBe('components[0].columns');
    });
});

describe('problems', () => {
    it('lists every problem with its severity and path; clicking or Enter selects its node', async () => {
        const element = await mountBoard();
        edit(element, 'c-builder-definition-editor', {
            op: 'set',
            path: 'components[0].columns[3].field',
            value: 'Nope'
        });
        edit(element, 'c-builder-definition-editor', {
            op: 'set',
            path: 'interactions[0].do[0].onFinish[1].title',
            value: '{!missing}'
        });
        await flush();
        const problems = $$(element, '.problem-button');
        expect(problems.length).toBeGreaterThanOrEqual(2);
        expect(text(element, '.problems-heading')).toMatch(/Problems · \d+ errors/);
        const icon = problems[0].querySelector('lightning-icon') as unknown as { alternativeText: string };
        expect(icon.alternativeText).toBe('Error');
        const toast = problems.find((p) => p.textContent!.includes('onFinish[1].title'))!;
        toast.click();
        await flush();
        expect(($(element, 'c-builder-action-editor') as Stub).path).toBe('interactions[0].do[0].onFinish[1]');
        const column = problems.find((p) => p.textContent!.includes('columns[3].field'))!;
        expect(column.tagName).toBe('BUTTON');
        column.click();
        await flush();
        expect(($(element, 'c-builder-table-editor') as Stub).focusPath).toBe('components[0].columns[3]');
        expect(button(element, 'Save').disabled).toBe(true);
        expect(text(element, '.save-reason')).toMatch(/^Fix \d+ errors to save\.$/);
    });

    it('checks against the describes: an unknown object is reported in the validator’s words', async () => {
        const element = mount();
        await flush();
        button(element, 'Add query').click();
        await flush();
        edit(element, 'c-builder-query-editor', { op: 'set', path: 'queries[0].object', value: 'Contactt' });
        await flush();
        await flush();
        expect(mocks.describeObject).toHaveBeenCalledWith({ objectApiName: 'Contactt' });
        expect(text(element, '.problem-list')).toContain('Contactt');
    });
});

describe('save', () => {
    async function editedBoard(): Promise<Host> {
        const element = await mountBoard();
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'Contacts board' });
        await flush();
        return element;
    }

    it('is disabled while the draft has no changes', async () => {
        const element = await mountBoard();
        expect(button(element, 'Save').disabled).toBe(true);
        expect(text(element, '.save-reason')).toBe('No unsaved changes.');
    });

    it('saves the canonical JSON, follows the deploy job and makes the new hash the base', async () => {
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'job-1',
            apiName: 'Contact_Status_Board',
            contentHash: 'hash-2',
            status: 'Queued'
        });
        mocks.getSaveStatus
            .mockResolvedValueOnce({ jobId: 'job-1', apiName: 'Contact_Status_Board', status: 'InProgress' })
            .mockResolvedValueOnce({ jobId: 'job-1', apiName: 'Contact_Status_Board', status: 'Succeeded' });
        const element = await editedBoard();
        button(element, 'Save').click();
        await flush();
        const [params] = mocks.saveDefinition.mock.calls[0] as [
            { definitionJson: string; baseContentHash: string; saveAsNew: boolean }
        ];
        expect(params.baseContentHash).toBe('hash-1');
        expect(params.saveAsNew).toBe(false);
        expect(params.definitionJson).toBe(BOARD_TEXT.replace('"label": "Contacts"', '"label": "Contacts board"'));
        expect(text(element, '.save-status-text')).toBe('Saving Contact_Status_Board: queued…');
        expect($(element, '.save-live')!.getAttribute('aria-live')).toBe('polite');
        expect($(element, '.save-live lightning-spinner')).not.toBeNull();
        expect(button(element, 'Save').disabled).toBe(true);

        jest.advanceTimersByTime(1000);
        await flush();
        expect(mocks.getSaveStatus).toHaveBeenCalledWith({ jobId: 'job-1' });
        expect(text(element, '.save-status-text')).toBe('Saving Contact_Status_Board: deploying…');
        jest.advanceTimersByTime(1000);
        await flush();
        expect(text(element, '.save-status-text')).toBe('Saved Contact_Status_Board.');
        expect($(element, '.unsaved')).toBeNull();
        expect(button(element, 'Save').disabled).toBe(true);

        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'description', value: 'Second save' });
        await flush();
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'job-2',
            apiName: 'Contact_Status_Board',
            contentHash: 'hash-3',
            status: 'Succeeded'
        });
        button(element, 'Save').click();
        await flush();
        expect((mocks.saveDefinition.mock.calls[1] as [{ baseContentHash: string }])[0].baseContentHash).toBe('hash-2');
    });

    it('shows the platform’s message when the deploy fails and keeps the draft', async () => {
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'job-1',
            apiName: 'Contact_Status_Board',
            contentHash: 'h',
            status: 'Queued'
        });
        mocks.getSaveStatus.mockResolvedValue({
            jobId: 'job-1',
            apiName: 'Contact_Status_Board',
            status: 'Failed',
            message: 'Definition_JSON__c: data value too large'
        });
        const element = await editedBoard();
        button(element, 'Save').click();
        await flush();
        jest.advanceTimersByTime(1000);
        await flush();
        expect(text(element, '.save-status-text')).toBe(
            'The save failed: Definition_JSON__c: data value too large. The definition in use has not changed.'
        );
        expect($(element, '.unsaved')).not.toBeNull();
        expect(button(element, 'Save').disabled).toBe(false);
    });

    it('lists the server’s problems when it refuses an invalid definition', async () => {
        mocks.saveDefinition.mockRejectedValue(
            auraError('INVALID_DEFINITION', 'The definition has 1 problem.', [
                { path: 'queries[0].object', message: 'No access to Contact.' }
            ])
        );
        const element = await editedBoard();
        button(element, 'Save').click();
        await flush();
        expect(text(element, '.save-status-text')).toBe('The definition has 1 problem.');
        expect(text(element, '.server-problems')).toBe('queries[0].object: No access to Contact.');
    });

    it('on a conflict offers Reload (after confirmation) and Save as a copy', async () => {
        mocks.saveDefinition.mockRejectedValueOnce(
            auraError('CONFLICT', 'Someone saved it since you opened it.', [
                { contentHash: 'hash-9', lastModifiedByName: 'Grace', lastModifiedDate: '2026-01-03T00:00:00Z' }
            ])
        );
        const element = await editedBoard();
        button(element, 'Save').click();
        await flush();
        expect(text(element, '.save-status-text')).toContain('Someone else saved Contact_Status_Board (Grace');
        expect(text(element, '.save-status-text')).toContain('Your draft is not saved.');

        // Save as a copy: new API name and label, saveAsNew with no base hash
        mocks.saveDefinition.mockResolvedValueOnce({
            jobId: 'job-c',
            apiName: 'Contact_Board_Mine',
            contentHash: 'hash-c',
            status: 'Succeeded'
        });
        button(element, 'Save as a copy').click();
        await flush();
        expect(text(element, '.slds-modal__title')).toBe('Save as a copy');
        change($(element, '.form-api-name')!, 'Contact_Board_Mine');
        change($(element, '.form-label')!, 'My contacts');
        await flush();
        button(element, 'Save copy').click();
        await flush();
        const [copy] = mocks.saveDefinition.mock.calls[1] as [
            { definitionJson: string; baseContentHash: string | null; saveAsNew: boolean }
        ];
        expect(copy.saveAsNew).toBe(true);
        expect(copy.baseContentHash).toBeNull();
        expect(JSON.parse(copy.definitionJson)).toMatchObject({ apiName: 'Contact_Board_Mine', label: 'My contacts' });
        expect(text(element, '.save-status-text')).toBe('Saved Contact_Board_Mine.');
    });

    it('Reload replaces the draft with the stored version after confirmation', async () => {
        mocks.saveDefinition.mockRejectedValueOnce(
            auraError('CONFLICT', 'Changed.', [{ lastModifiedByName: 'Grace' }])
        );
        const element = await editedBoard();
        button(element, 'Save').click();
        await flush();
        mocks.getDefinitionForEdit.mockResolvedValueOnce({
            apiName: 'Contact_Status_Board',
            label: 'Contacts (Grace)',
            json: BOARD_TEXT.replace('"label": "Contacts"', '"label": "Contacts (Grace)"'),
            contentHash: 'hash-9'
        });
        button(element, 'Reload').click();
        await flush();
        expect(text(element, '.confirm-message')).toBe(
            "Reload 'Contact_Status_Board' as it is saved now? Your unsaved changes will be lost."
        );
        $(element, '.dialog-primary')!.click(); // the dialog's Reload button
        await flush();
        expect(text(element, '.draft-title')).toBe('Contacts (Grace)');
        expect($(element, '.unsaved')).toBeNull();
        expect($(element, '.save-status-text')).toBeNull();
    });

    it('saves a new definition as new, and refuses a duplicate name with the server’s message', async () => {
        mocks.saveDefinition.mockRejectedValueOnce(
            auraError('DUPLICATE_NAME', 'A definition named New_Dynamic_Component already exists.')
        );
        const element = mount();
        await flush();
        expect(text(element, '.toolbar-title p')).toContain('new, not saved yet');
        expect(button(element, 'Save').disabled).toBe(false);
        button(element, 'Save').click();
        await flush();
        const [params] = mocks.saveDefinition.mock.calls[0] as [{ baseContentHash: string | null; saveAsNew: boolean }];
        expect(params).toMatchObject({ baseContentHash: null, saveAsNew: true });
        expect(text(element, '.save-status-text')).toBe('A definition named New_Dynamic_Component already exists.');
    });
});

describe('templates, open, import, export, duplicate', () => {
    it('creates a new definition from the Contacts board template with the admin’s names', async () => {
        const element = mount();
        await flush();
        menuSelect(element, '.new-menu', 'contactsBoard');
        await flush();
        expect(text(element, '.slds-modal__title')).toBe('New definition');
        expect(($(element, '.template-choice') as unknown as { value: string }).value).toBe('contactsBoard');
        change($(element, '.form-api-name')!, 'Team board');
        await flush();
        button(element, 'Create').click();
        await flush();
        expect(text(element, '.dialog-error')).toBe(
            'The API name must start with a letter and use only letters, digits and single underscores, with no underscore at the end.'
        );
        change($(element, '.form-api-name')!, 'Team_Board');
        change($(element, '.form-label')!, 'Team');
        await flush();
        button(element, 'Create').click();
        await flush();
        expect($(element, '[role="dialog"]')).toBeNull();
        expect(text(element, '.draft-title')).toBe('Team');
        expect(treeLabels(element)).toEqual(
            expect.arrayContaining(['contactsTable', 'Execute Flow · Set_Contact_Status_Active'])
        );
    });

    it('asks before discarding unsaved changes', async () => {
        const element = await mountBoard();
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'Changed' });
        await flush();
        menuSelect(element, '.new-menu', 'blank');
        await flush();
        button(element, 'Create').click();
        await flush();
        expect(text(element, '.confirm-message')).toBe('The draft has unsaved changes. Discard them?');
        button(element, 'Cancel').click();
        await flush();
        expect(text(element, '.draft-title')).toBe('Changed');
        const event = new CustomEvent('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        expect(event.defaultPrevented).toBe(true);
    });

    it('opens a definition from the list', async () => {
        const element = mount();
        await flush();
        button(element, 'Open').click();
        await flush();
        const choice = $(element, '.definition-choice') as unknown as { options: { label: string; value: string }[] };
        expect(choice.options).toEqual([
            { label: 'Contacts (Contact_Status_Board)', value: 'Contact_Status_Board' },
            { label: 'Contact Summary (Contact_Summary)', value: 'Contact_Summary' }
        ]);
        $(element, '.dialog-primary')!.click(); // the dialog's Open button
        await flush();
        expect(text(element, '.draft-title')).toBe('Contacts');
    });

    it('refuses an import that is not a definition, with its message, and replaces nothing', async () => {
        const element = await mountBoard();
        button(element, 'Import JSON').click();
        await flush();
        change($(element, '.import-text')!, '{ "name": "contacts", "object": "Contact" }');
        await flush();
        button(element, 'Import').click();
        await flush();
        expect(text(element, '.dialog-error')).toBe(
            'The pasted text is a JSON object but not a Dynamic Component definition: it has no "schemaVersion" and no "apiName". Export a definition from the builder, or copy a file from definitions/. Nothing was imported.'
        );
        expect($(element, '.dialog-error')!.getAttribute('role')).toBe('alert');
        button(element, 'Cancel').click();
        await flush();
        expect(text(element, '.draft-title')).toBe('Contacts');
    });

    it('imports a definition from a file', async () => {
        const element = mount();
        await flush();
        button(element, 'Import JSON').click();
        await flush();
        const file = { name: 'board.json', text: () => Promise.resolve(BOARD_TEXT) };
        $(element, '.import-file')!.dispatchEvent(new CustomEvent('change', { detail: { files: [file] } }));
        await flush();
        button(element, 'Import').click();
        await flush();
        expect(text(element, '.draft-title')).toBe('Contacts');
        expect($(element, '.unsaved')).not.toBeNull();
    });

    it('exports the canonical JSON for download and copy', async () => {
        const writeText = jest.fn().mockResolvedValue(undefined);
        Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
        const element = await mountBoard();
        button(element, 'Export JSON').click();
        await flush();
        expect(($(element, '.export-text') as unknown as { value: string }).value).toBe(BOARD_TEXT);
        const link = $(element, '.download-json') as HTMLAnchorElement;
        expect(link.getAttribute('download')).toBe('Contact_Status_Board.json');
        expect(decodeURIComponent(link.getAttribute('href')!.split(',').slice(1).join(','))).toBe(BOARD_TEXT);
        button(element, 'Copy to clipboard').click();
        await flush();
        expect(writeText).toHaveBeenCalledWith(BOARD_TEXT);
        expect(text(element, '.export-status')).toBe('Copied to the clipboard.');
        keydown($(element, '[role="dialog"]')!, 'Escape');
        await flush();
        expect($(element, '[role="dialog"]')).toBeNull();
    });

    it('duplicates the draft as a new definition saved under the new name', async () => {
        const element = await mountBoard();
        treeItem(element, 'components[0].columns').click();
        await flush();
        button(element, 'Duplicate').click();
        await flush();
        expect(($(element, '.form-api-name') as unknown as { value: string }).value).toBe('Contact_Status_Board_Copy');
        $(element, '.dialog-primary')!.click(); // the dialog's Duplicate button
        await flush();
        expect(text(element, '.toolbar-title p')).toContain(
            'Contact_Status_Board_Copy · saves as a new definition (Contact_Status_Board stays as it is)'
        );
        expect($(element, '.unsaved')).not.toBeNull();
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'j',
            apiName: 'Contact_Status_Board_Copy',
            contentHash: 'x',
            status: 'Succeeded'
        });
        button(element, 'Save').click();
        await flush();
        expect(mocks.saveDefinition).toHaveBeenCalledWith(
            expect.objectContaining({ saveAsNew: true, baseContentHash: null })
        );
    });
});

describe('more host behaviour', () => {
    it('shows a list heading as a panel of its items with its Add button', async () => {
        const element = await mountBoard();
        treeItem(element, 'queries').click();
        await flush();
        expect(text(element, '.editor-heading')).toBe('Queries');
        const items = $$(element, '.group-item');
        expect(items.map((i) => i.querySelector('.group-item-label')!.textContent)).toEqual(['contacts']);
        items[0].click();
        await flush();
        expect(($(element, 'c-builder-query-editor') as Stub).path).toBe('queries[0]');
        treeItem(element, 'resources').click();
        await flush();
        $$(element, '.group-add lightning-button')
            .find((b) => (b as unknown as { label: string }).label === 'Add constant')!
            .click();
        await flush();
        expect(($(element, 'c-builder-resource-editor') as Stub).node).toMatchObject({ kind: 'constant' });
    });

    it('checks structure only while the objects the draft is built on are loading', async () => {
        mocks.describeObject.mockReturnValue(new Promise(() => undefined));
        const element = await mountBoard();
        expect(text(element, '.checking')).toBe('Checking against the org’s objects and flows…');
        expect(text(element, '.problems-heading')).toContain('No problems');
    });

    it('keeps the draft and says why when a definition cannot be opened', async () => {
        mocks.getDefinitionForEdit.mockRejectedValue(
            auraError('UNKNOWN_DEFINITION', 'There is no Dynamic Component definition named "Nope".')
        );
        const element = mount({ definitionName: 'Nope' });
        await flush();
        expect(text(element, '.load-error')).toBe(
            'Could not open \'Nope\': There is no Dynamic Component definition named "Nope".'
        );
        expect(text(element, '.draft-title')).toBe('New Dynamic Component');
    });

    it('reports a save it lost track of after repeated status failures', async () => {
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'j',
            apiName: 'Contact_Status_Board',
            contentHash: 'h',
            status: 'Queued'
        });
        mocks.getSaveStatus.mockRejectedValue(auraError('UNKNOWN_JOB', 'No such job.'));
        const element = await mountBoard();
        edit(element, 'c-builder-definition-editor', { op: 'set', path: 'label', value: 'X' });
        await flush();
        button(element, 'Save').click();
        await flush();
        jest.advanceTimersByTime(1000);
        await flush();
        jest.advanceTimersByTime(1000);
        await flush();
        jest.advanceTimersByTime(1000);
        await flush();
        expect(mocks.getSaveStatus).toHaveBeenCalledTimes(3);
        expect(text(element, '.save-status-text')).toBe(
            'The save failed: the builder lost track of the save (No such job.); reopen the definition to see whether it was stored. The definition in use has not changed.'
        );
    });

    it('keeps the base hash when the imported JSON is the open definition', async () => {
        mocks.saveDefinition.mockResolvedValue({
            jobId: 'j',
            apiName: 'Contact_Status_Board',
            contentHash: 'h2',
            status: 'Succeeded'
        });
        const element = await mountBoard();
        button(element, 'Import JSON').click();
        await flush();
        change($(element, '.import-text')!, BOARD_TEXT.replace('"label": "Contacts"', '"label": "Imported"'));
        await flush();
        button(element, 'Import').click();
        await flush();
        expect(text(element, '.draft-title')).toBe('Imported');
        button(element, 'Save').click();
        await flush();
        expect(mocks.saveDefinition).toHaveBeenCalledWith(
            expect.objectContaining({ baseContentHash: 'hash-1', saveAsNew: false })
        );
    });

    it('refuses a copy under the opened API name, and a template without a label', async () => {
        const element = await mountBoard();
        button(element, 'Duplicate').click();
        await flush();
        change($(element, '.form-api-name')!, 'Contact_Status_Board');
        await flush();
        $(element, '.dialog-primary')!.click();
        await flush();
        expect(text(element, '.dialog-error')).toBe(
            "'Contact_Status_Board' is the definition you opened: a copy needs another API name."
        );
        button(element, 'Cancel').click();
        await flush();
        menuSelect(element, '.new-menu', 'blank');
        await flush();
        change($(element, '.form-label')!, ' ');
        await flush();
        button(element, 'Create').click();
        await flush();
        expect(text(element, '.dialog-error')).toBe('Enter a label.');
    });
});
