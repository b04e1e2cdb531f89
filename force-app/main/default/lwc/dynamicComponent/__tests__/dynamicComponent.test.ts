import { createElement } from '@lwc/engine-dom';
import DynamicComponent from 'c/dynamicComponent';
import FlowDialog from 'c/flowDialog';
import getDefinition from '@salesforce/apex/DynamicComponentController.getDefinition';
import runQuery from '@salesforce/apex/DynamicComponentController.runQuery';
import executeFlow from '@salesforce/apex/DynamicComponentController.executeFlow';
import previewQuery from '@salesforce/apex/DynamicComponentBuilderController.previewQuery';
import LightningConfirm from 'lightning/confirm';
import * as navigation from 'lightning/navigation';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import DEFINITION from './data/definition.json';

jest.mock('@salesforce/apex/DynamicComponentController.getDefinition', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.runQuery', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentController.executeFlow', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentBuilderController.previewQuery', () => ({ default: jest.fn() }), {
    virtual: true
});
// the running user of these tests can customize the application (getDefinition's canCustomize says otherwise)
jest.mock('@salesforce/userPermission/CustomizeApplication', () => ({ default: true }), { virtual: true });
/** Set to make the next Runtime constructions throw (a runtime that cannot be built). */
let mockRuntimeFailure: Error | null = null;
/** Runtimes built so far (each build of the component makes one). */
let mockRuntimeBuilds = 0;
jest.mock('c/dcRuntime', () => {
    const actual = jest.requireActual('c/dcRuntime');
    class Runtime extends actual.Runtime {
        constructor(...args: unknown[]) {
            if (mockRuntimeFailure) throw mockRuntimeFailure;
            super(...args);
            mockRuntimeBuilds++;
        }
    }
    return { ...actual, Runtime };
});

const getDefinitionMock = getDefinition as unknown as jest.Mock;
const runQueryMock = runQuery as unknown as jest.Mock;
const executeFlowMock = executeFlow as unknown as jest.Mock;
const previewQueryMock = previewQuery as unknown as jest.Mock;
const confirmOpen = (LightningConfirm as unknown as { open: jest.Mock }).open;
const dialogOpen = (FlowDialog as unknown as { open: jest.Mock }).open;
const navigateMock = (navigation as unknown as { navigateMock: jest.Mock }).navigateMock;
const generateUrlMock = (navigation as unknown as { generateUrlMock: jest.Mock }).generateUrlMock;
const getRecordAdapter = getRecord as unknown as { emit(value: unknown): void; error(): void };

type Row = Record<string, unknown>;
type HostElement = HTMLElement & {
    definitionName: string;
    cardTitle: string;
    height: number;
    recordId: string;
    objectApiName: string;
    definitionJson: string | undefined;
    draftProblems: { path: string; message: string; severity?: 'error' | 'warning' }[];
};

type SetupElement = HTMLElement & {
    problems: { path: string; message: string; severity?: string }[];
    isAdmin: boolean;
    definitionLabel: string;
    componentShown: boolean;
    draft: boolean;
};

const NOT_SET_UP = "This action isn't set up correctly. Ask your admin.";

// axe checks of the rendered card take seconds on a loaded machine, and a test that times out leaves axe running into
// the next one ("Axe is already running"): give these tests room
jest.setTimeout(30000);

const RECORD_ID = '001000000000000AAA';
const key = (i: number): string => `003${String(i).padStart(15, '0')}`;

function contact(i: number, extra: Row = {}): Row {
    return {
        Id: key(i),
        Name: `Contact ${i}`,
        Email: `c${i}@example.com`,
        Status__c: 'New',
        Account: { Name: 'Acme' },
        ...extra
    };
}

function page(from: number, to: number, extra: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
    const records: Row[] = [];
    for (let i = from; i <= to; i++) records.push(contact(i));
    return {
        records,
        nextCursor: null,
        totalCount: to - from + 1,
        fields: [
            { path: 'Name', label: 'Full Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true },
            { path: 'Email', label: 'Email', type: 'EMAIL', isNameField: false, referenceTo: null, sortable: true },
            { path: 'Phone', label: 'Phone', type: 'PHONE', isNameField: false, referenceTo: null, sortable: true },
            {
                path: 'Status__c',
                label: 'Status',
                type: 'PICKLIST',
                isNameField: false,
                referenceTo: null,
                sortable: true
            },
            {
                path: 'Account.Name',
                label: 'Account Name',
                type: 'STRING',
                isNameField: true,
                referenceTo: null,
                sortable: true
            }
        ],
        notices: [],
        objectLabel: 'Contact',
        objectLabelPlural: 'Contacts',
        ...extra
    };
}

function definitionResponse(json: unknown = DEFINITION, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        apiName: 'Contact_Status_Board',
        label: 'Contacts',
        json: typeof json === 'string' ? json : JSON.stringify(json),
        problems: [],
        canCustomize: true,
        ...extra
    };
}

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
async function settle(times = 4): Promise<void> {
    for (let i = 0; i < times; i++) await flushPromises(); // eslint-disable-line no-await-in-loop
}

function createHost(props: Partial<HostElement> = {}): HostElement {
    const element = createElement('c-dynamic-component', { is: DynamicComponent }) as HostElement;
    Object.assign(element, { definitionName: 'Contact_Status_Board', ...props });
    document.body.appendChild(element);
    return element;
}

/** Mounts the host with a record context and delivers the page record's AccountId. */
async function createReadyHost(props: Partial<HostElement> = {}): Promise<HostElement> {
    const element = createHost({ recordId: RECORD_ID, objectApiName: 'Account', ...props });
    await settle();
    getRecordAdapter.emit({
        id: RECORD_ID,
        apiName: 'Account',
        fields: { AccountId: { value: RECORD_ID, displayValue: null } }
    });
    await settle();
    getRecordAdapter.emit({
        id: '005000000000000000',
        apiName: 'User',
        fields: { FirstName: { value: 'Ada', displayValue: null } }
    });
    await settle();
    return element;
}

function table(element: HTMLElement): HTMLElement {
    return element.shadowRoot!.querySelector('c-dynamic-data-table') as HTMLElement;
}

/** The rows the grid renders (all of them in these small tests). */
function gridRows(element: HTMLElement): HTMLElement[] {
    const grid = table(element).shadowRoot!.querySelector('c-data-grid') as HTMLElement;
    return [...grid.shadowRoot!.querySelectorAll('tr.data-row')] as HTMLElement[];
}

function gridKeys(element: HTMLElement): string[] {
    return gridRows(element).map((row) => row.dataset.rowKeyValue ?? '');
}

function cellText(row: HTMLElement, columnLabel: string): string {
    return (row.querySelector(`td[data-label="${columnLabel}"]`)?.textContent ?? '').trim();
}

function nameLink(element: HTMLElement, index: number): string | null {
    return gridRows(element)[index].querySelector('td[data-label="Full Name"] a')?.getAttribute('href') ?? null;
}

/** Keys whose checkbox is checked. */
function checkedKeys(element: HTMLElement): string[] {
    return gridRows(element)
        .filter((row) => (row.querySelector('input.row-select') as HTMLInputElement).checked)
        .map((row) => row.dataset.rowKeyValue ?? '');
}

function headerButton(element: HTMLElement, name: string): HTMLElement & { disabled: boolean } {
    return table(element).shadowRoot!.querySelector(`lightning-button[data-action="${name}"]`) as HTMLElement & {
        disabled: boolean;
    };
}

/** Clicks the checkboxes of rows that are not selected yet and clears the others (as a user would). */
function selectRows(element: HTMLElement, keys: string[]): void {
    for (const row of gridRows(element)) {
        const input = row.querySelector('input.row-select') as HTMLInputElement;
        if (keys.includes(row.dataset.rowKeyValue ?? '') !== input.checked) input.click();
    }
}

function setupPanel(element: HTMLElement): SetupElement | null {
    return element.shadowRoot!.querySelector('c-setup-errors') as SetupElement | null;
}

type MenuItem = HTMLElement & { value: string; label: string; disabled: boolean };

function rowMenuItems(element: HTMLElement, index = 0): MenuItem[] {
    return [...gridRows(element)[index].querySelectorAll('lightning-menu-item')] as MenuItem[];
}

function chooseRowAction(element: HTMLElement, index: number, action: string): void {
    const menu = gridRows(element)[index].querySelector('lightning-button-menu')!;
    menu.dispatchEvent(new CustomEvent('select', { detail: { value: action } }));
}

/** The test definition with a changed copy of some part (the JSON text of a draft, or a stored definition). */
function variant(change: (doc: typeof DEFINITION) => void): typeof DEFINITION {
    const doc = JSON.parse(JSON.stringify(DEFINITION)) as typeof DEFINITION;
    change(doc);
    return doc;
}

function toasts(element: HTMLElement): jest.Mock {
    const handler = jest.fn();
    element.addEventListener('lightning__showtoast', (event) => handler((event as CustomEvent).detail));
    return handler;
}

function lastRequest(): Record<string, unknown> {
    const call = runQueryMock.mock.calls[runQueryMock.mock.calls.length - 1][0];
    return { ...call, request: JSON.parse(call.requestJson) };
}

describe('c-dynamic-component', () => {
    beforeEach(() => {
        getDefinitionMock.mockResolvedValue(definitionResponse());
        runQueryMock.mockResolvedValue(page(1, 3));
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        runQueryMock.mockReset();
        executeFlowMock.mockReset();
        getDefinitionMock.mockReset();
        previewQueryMock.mockReset();
        mockRuntimeFailure = null;
    });

    it('shows a spinner while the definition loads', async () => {
        getDefinitionMock.mockReturnValue(new Promise(() => undefined));
        const element = createHost();
        await flushPromises();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
        expect(element.shadowRoot!.querySelector('lightning-card')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('renders only the setup panel for a definition with client-side problems', async () => {
        const bad = { ...DEFINITION, components: [{ ...DEFINITION.components[0], query: 'contactz' }] };
        getDefinitionMock.mockResolvedValue(
            definitionResponse(bad, { problems: [{ path: 'queries[0]', message: 'Server says no.' }] })
        );
        const element = createHost();
        await settle();
        const setup = element.shadowRoot!.querySelector('c-setup-errors') as HTMLElement & {
            problems: { path: string; message: string }[];
            isAdmin: boolean;
            definitionLabel: string;
        };
        expect(setup).not.toBeNull();
        expect(setup.isAdmin).toBe(true);
        expect(setup.definitionLabel).toBe('Contacts');
        expect(setup.problems[0]).toEqual(expect.objectContaining({ path: 'queries[0]', message: 'Server says no.' }));
        expect(setup.problems.some((p) => p.path === 'components[0].query')).toBe(true);
        expect(element.shadowRoot!.querySelector('lightning-card')).toBeNull();
        expect(element.shadowRoot!.querySelector('c-dynamic-data-table')).toBeNull();
        expect(runQueryMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('renders only the setup panel for invalid JSON, for a non-admin too', async () => {
        getDefinitionMock.mockResolvedValue(definitionResponse('{ "schemaVersion": 1,', { canCustomize: false }));
        const element = createHost();
        await settle();
        const setup = element.shadowRoot!.querySelector('c-setup-errors') as HTMLElement & {
            isAdmin: boolean;
            problems: unknown[];
        };
        expect(setup.isAdmin).toBe(false);
        expect(setup.problems).toHaveLength(1);
        expect(element.shadowRoot!.querySelector('c-dynamic-data-table')).toBeNull();
    });

    it('asks for a definition when none is selected, without calling Apex', async () => {
        const element = createHost({ definitionName: '' });
        await settle();
        const setup = element.shadowRoot!.querySelector('c-setup-errors') as HTMLElement & {
            problems: { message: string }[];
        };
        expect(setup.problems[0].message).toContain('No definition is selected');
        expect(getDefinitionMock).not.toHaveBeenCalled();
    });

    it('shows the server error in the setup panel when the definition cannot be loaded', async () => {
        getDefinitionMock.mockRejectedValue({
            body: {
                message: JSON.stringify({
                    code: 'UNKNOWN_DEFINITION',
                    message: "No definition named 'Nope'.",
                    details: []
                })
            }
        });
        const element = createHost({ definitionName: 'Nope' });
        await settle();
        const setup = element.shadowRoot!.querySelector('c-setup-errors') as HTMLElement & {
            problems: { message: string }[];
        };
        expect(setup.problems).toEqual([{ path: '', message: "No definition named 'Nope'." }]);
    });

    it('loads the first page with the record bind and renders the card and the table', async () => {
        const element = await createReadyHost({ height: 300 });
        expect(getDefinitionMock).toHaveBeenCalledWith({ definitionName: 'Contact_Status_Board' });
        expect(runQueryMock).toHaveBeenCalledTimes(1);
        const call = lastRequest();
        expect(call).toEqual(
            expect.objectContaining({ definitionName: 'Contact_Status_Board', queryName: 'contacts' })
        );
        expect(call.request).toEqual({
            recordId: RECORD_ID,
            binds: { '1': RECORD_ID },
            sortBy: 'Name',
            sortDirection: 'asc',
            searchTerm: null,
            pageSize: 50,
            cursor: null,
            withCount: true
        });
        const card = element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string };
        expect(card.title).toBe('Contacts of Ada');
        expect(gridKeys(element)).toHaveLength(3);
        expect((table(element) as HTMLElement & { height: string }).height).toBe('300px');
        await expect(element).toBeAccessible();
    });

    it("links names with the app's own record URL pattern", async () => {
        generateUrlMock.mockResolvedValueOnce('/lightning/r/000000000000000AAA/view');
        const element = await createReadyHost();
        expect(generateUrlMock).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: { recordId: '000000000000000AAA', actionName: 'view' }
        });
        expect(nameLink(element, 0)).toBe(`/lightning/r/${key(1)}/view`);
    });

    it('keeps /<id> links when the URL pattern is unknown', async () => {
        generateUrlMock.mockRejectedValueOnce(new Error('no navigation context'));
        const element = await createReadyHost();
        expect(nameLink(element, 0)).toBe(`/${key(1)}`);
    });

    it('uses the App Builder card title', async () => {
        const element = await createReadyHost({ cardTitle: 'Team of {!$User.FirstName}' });
        const card = element.shadowRoot!.querySelector('lightning-card') as HTMLElement & { title: string };
        expect(card.title).toBe('Team of Ada');
    });

    it('runs the load interactions once', async () => {
        const element = await createReadyHost();
        expect(element.shadowRoot!.querySelector('lightning-card')).not.toBeNull();
        // onLoad sets updatedCount to 0: the query ran once and nothing failed
        expect(runQueryMock).toHaveBeenCalledTimes(1);
    });

    it('shows query errors in the table and retries', async () => {
        runQueryMock.mockRejectedValueOnce({ body: { message: 'Insufficient access to Contact' } });
        const element = await createReadyHost();
        const state = table(element).shadowRoot!.querySelector('.state-error')!;
        expect(state.textContent).toContain('Insufficient access to Contact');
        state.querySelector('lightning-button')!.dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(gridKeys(element)).toHaveLength(3);
    });

    it('Set as Active: runs the flow with the selected keys, refreshes keeping the selection, toasts the output', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        const refresh = jest.fn();
        element.addEventListener('lightning__refresh', refresh);
        expect(headerButton(element, 'setActive').disabled).toBe(true);
        selectRows(element, [key(1), key(3)]);
        await settle();
        expect(headerButton(element, 'setActive').disabled).toBe(false);

        let finishFlow!: (value: unknown) => void;
        executeFlowMock.mockReturnValue(new Promise((resolve) => (finishFlow = resolve)));
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(executeFlowMock).toHaveBeenCalledWith({
            definitionName: 'Contact_Status_Board',
            interactionId: 'setActive',
            actionId: 'setActiveFlow',
            // the selection goes as Ids only: the server re-reads the rows and derives ContactIds itself
            inputsJson: '{}',
            contextJson: JSON.stringify({
                recordId: null,
                selection: { contactsTable: [key(1), key(3)] },
                actionRowId: null
            })
        });
        // busy: disabled with a spinner, a second click does not run the flow again
        expect(headerButton(element, 'setActive').disabled).toBe(true);
        expect(table(element).shadowRoot!.querySelector('.action-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));

        runQueryMock.mockResolvedValue(
            page(1, 3, {
                records: [contact(1, { Status__c: 'Active' }), contact(2), contact(3, { Status__c: 'Active' })]
            })
        );
        finishFlow({ success: true, outputs: { updatedCount: 2 }, error: null });
        await settle(6);
        expect(executeFlowMock).toHaveBeenCalledTimes(1);
        expect(runQueryMock).toHaveBeenCalledTimes(2);
        expect(lastRequest().request).toEqual(expect.objectContaining({ cursor: null, pageSize: 50, withCount: true }));
        expect(cellText(gridRows(element)[0], 'Status')).toBe('Active');
        expect(checkedKeys(element)).toEqual([key(1), key(3)]);
        expect(toast).toHaveBeenCalledWith(
            expect.objectContaining({ title: '2 contacts set to Active', variant: 'success' })
        );
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith(
            expect.arrayContaining([{ recordId: RECORD_ID }, { recordId: key(1) }, { recordId: key(3) }])
        );
        expect(refresh).toHaveBeenCalled();
        expect(headerButton(element, 'setActive').disabled).toBe(false);
        expect(table(element).shadowRoot!.querySelector('.action-spinner')).toBeNull();
    });

    it('Set as Active with one row works too', async () => {
        const element = await createReadyHost();
        selectRows(element, [key(2)]);
        await settle();
        executeFlowMock.mockResolvedValue({ success: true, outputs: { updatedCount: 1 }, error: null });
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        await settle(6);
        expect(JSON.parse(executeFlowMock.mock.calls[0][0].inputsJson)).toEqual({});
        expect(JSON.parse(executeFlowMock.mock.calls[0][0].contextJson).selection).toEqual({ contactsTable: [key(2)] });
    });

    it('Set as Active error: shows the server error through On Error and does not refresh', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        selectRows(element, [key(1)]);
        await settle();
        executeFlowMock.mockRejectedValue({
            body: {
                message: JSON.stringify({
                    code: 'FLOW_INACTIVE',
                    message: 'Set_Contact_Status_Active has no active version.',
                    details: []
                })
            }
        });
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        await settle(6);
        expect(toast).toHaveBeenCalledWith(
            expect.objectContaining({
                title: 'Could not update',
                message: 'Set_Contact_Status_Active has no active version.',
                variant: 'error'
            })
        );
        expect(runQueryMock).toHaveBeenCalledTimes(1);
        expect(headerButton(element, 'setActive').disabled).toBe(false);
    });

    it('Set as Active fault: a failed flow response runs On Error with the flow message', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        selectRows(element, [key(1)]);
        await settle();
        executeFlowMock.mockResolvedValue({
            success: false,
            outputs: {},
            error: { code: 'FLOW_FAULT', message: 'Status__c is read-only', details: [] }
        });
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        await settle(6);
        expect(toast).toHaveBeenCalledWith(
            expect.objectContaining({ message: 'Status__c is read-only', variant: 'error' })
        );
    });

    it('navigates to the record of a row action', async () => {
        const element = await createReadyHost();
        gridRows(element)[1]
            .querySelector('lightning-button-menu')!
            .dispatchEvent(new CustomEvent('select', { detail: { value: 'open' } }));
        await settle();
        expect(navigateMock).toHaveBeenCalledWith(
            {
                type: 'standard__recordPage',
                attributes: { recordId: key(2), objectApiName: 'Contact', actionName: 'view' }
            },
            undefined
        );
    });

    it('sorts, searches and pages on the server', async () => {
        runQueryMock.mockResolvedValue(
            page(1, 3, { nextCursor: { sortValue: 'Contact 3', id: key(3) }, totalCount: 10 })
        );
        const element = await createReadyHost();
        table(element).dispatchEvent(new CustomEvent('sort', { detail: { field: 'Email', direction: 'desc' } }));
        await settle();
        expect(lastRequest().request).toEqual(
            expect.objectContaining({ sortBy: 'Email', sortDirection: 'desc', cursor: null })
        );

        table(element).dispatchEvent(new CustomEvent('loadmore'));
        await settle();
        expect(lastRequest().request).toEqual(
            expect.objectContaining({
                cursor: { sortValue: 'Contact 3', id: key(3) },
                withCount: false,
                sortBy: 'Email'
            })
        );
        expect(gridKeys(element)).toHaveLength(6);

        table(element).dispatchEvent(new CustomEvent('search', { detail: { searchTerm: 'smi' } }));
        await settle();
        expect(lastRequest().request).toEqual(expect.objectContaining({ searchTerm: 'smi', cursor: null }));
        const calls = runQueryMock.mock.calls.length;
        table(element).dispatchEvent(new CustomEvent('search', { detail: { searchTerm: 'smi' } }));
        await settle();
        expect(runQueryMock.mock.calls.length).toBe(calls);
    });

    it('stops paging at maxRows and refreshes as many rows as are loaded', async () => {
        const capped = {
            ...DEFINITION,
            queries: [{ ...DEFINITION.queries[0], pageSize: 3, maxRows: 4 }]
        };
        getDefinitionMock.mockResolvedValue(definitionResponse(capped));
        runQueryMock.mockResolvedValue(
            page(1, 3, { nextCursor: { sortValue: 'Contact 3', id: key(3) }, totalCount: 9 })
        );
        const element = await createReadyHost();
        expect(lastRequest().request).toEqual(expect.objectContaining({ pageSize: 3 }));
        runQueryMock.mockResolvedValueOnce(page(4, 6, { nextCursor: { sortValue: 'Contact 6', id: key(6) } }));
        table(element).dispatchEvent(new CustomEvent('loadmore'));
        await settle();
        expect(lastRequest().request).toEqual(expect.objectContaining({ pageSize: 1, withCount: false }));
        expect(gridKeys(element)).toHaveLength(4);
        const dynamicTable = table(element) as HTMLElement & { hasMore: boolean };
        expect(dynamicTable.hasMore).toBe(false);
        expect(table(element).shadowRoot!.querySelector('.row-count')!.textContent!.trim()).toBe('4 of 9');

        // the page record changes: the refresh reloads the 4 loaded rows in one request (scroll position kept)
        getRecordAdapter.emit({
            id: RECORD_ID,
            apiName: 'Account',
            fields: { AccountId: { value: RECORD_ID, displayValue: null } }
        });
        await settle();
        expect(lastRequest().request).toEqual(expect.objectContaining({ pageSize: 4, cursor: null, withCount: true }));
    });

    it('drops a stale response when a newer request was made', async () => {
        const element = await createReadyHost();
        let slow!: (value: unknown) => void;
        runQueryMock.mockReturnValueOnce(new Promise((resolve) => (slow = resolve)));
        runQueryMock.mockResolvedValueOnce(page(7, 7));
        table(element).dispatchEvent(new CustomEvent('search', { detail: { searchTerm: 'a' } }));
        table(element).dispatchEvent(new CustomEvent('search', { detail: { searchTerm: 'ab' } }));
        await settle();
        slow(page(1, 5));
        await settle();
        expect(gridKeys(element)).toEqual([key(7)]);
    });

    it('confirm: cancelled runs On Cancel; confirmed refreshes', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        selectRows(element, [key(1)]);
        await settle();
        confirmOpen.mockResolvedValueOnce(false);
        headerButton(element, 'archive').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(confirmOpen).toHaveBeenCalledWith(
            expect.objectContaining({ label: 'Archive contacts?', message: 'Archive 1 contacts?', variant: 'header' })
        );
        expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Nothing archived' }));
        confirmOpen.mockResolvedValueOnce(true);
        headerButton(element, 'archive').dispatchEvent(new CustomEvent('click'));
        await settle(6);
        expect(runQueryMock).toHaveBeenCalledTimes(2);
    });

    it('opens a screen flow in a dialog and handles finish and close', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        selectRows(element, [key(1), key(2)]);
        await settle();
        dialogOpen.mockResolvedValueOnce({ status: 'FINISHED', outputs: {} });
        headerButton(element, 'review').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(dialogOpen).toHaveBeenCalledWith({
            label: 'Review',
            size: 'medium',
            flowApiName: 'Review_Contacts',
            inputVariables: [{ name: 'ids', type: 'String', value: [key(1), key(2)] }]
        });
        expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Reviewed' }));
        dialogOpen.mockResolvedValueOnce(undefined);
        headerButton(element, 'review').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Review closed' }));
    });

    it('opens a screen flow in a side panel inside the component', async () => {
        const element = await createReadyHost();
        const toast = toasts(element);
        headerButton(element, 'logCall').dispatchEvent(new CustomEvent('click'));
        await settle();
        let panel = element.shadowRoot!.querySelector('c-flow-panel') as HTMLElement & {
            flowApiName: string;
            inputVariables: unknown[];
            position: string;
            heading: string;
        };
        expect(panel.flowApiName).toBe('Log_Call');
        expect(panel.heading).toBe('Log a Call');
        expect(panel.position).toBe('left');
        expect(panel.inputVariables).toEqual([{ name: 'recordId', type: 'String', value: RECORD_ID }]);
        expect(headerButton(element, 'logCall').disabled).toBe(true);
        await expect(element).toBeAccessible();
        panel.dispatchEvent(new CustomEvent('finish', { detail: { outputs: {} } }));
        await settle();
        expect(element.shadowRoot!.querySelector('c-flow-panel')).toBeNull();
        expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: 'Call logged' }));

        headerButton(element, 'logCall').dispatchEvent(new CustomEvent('click'));
        await settle();
        panel = element.shadowRoot!.querySelector('c-flow-panel') as typeof panel;
        panel.dispatchEvent(new CustomEvent('close', { detail: {} }));
        await settle();
        expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: 'Panel closed' }));

        headerButton(element, 'logCall').dispatchEvent(new CustomEvent('click'));
        await settle();
        panel = element.shadowRoot!.querySelector('c-flow-panel') as typeof panel;
        panel.dispatchEvent(new CustomEvent('error', { detail: { errorMessage: 'Flow failed' } }));
        await settle();
        expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ variant: 'error', message: 'Flow failed' }));
        expect(element.shadowRoot!.querySelector('c-flow-panel')).toBeNull();
    });

    it('refreshes the queries when the page record changes', async () => {
        const element = await createReadyHost();
        getRecordAdapter.emit({
            id: RECORD_ID,
            apiName: 'Account',
            fields: { AccountId: { value: '001000000000000BBB', displayValue: null } }
        });
        await settle();
        expect(runQueryMock).toHaveBeenCalledTimes(2);
        expect(lastRequest().request).toEqual(expect.objectContaining({ binds: { '1': '001000000000000BBB' } }));
        expect(element.shadowRoot!.querySelector('lightning-card')).not.toBeNull();
    });
});

describe('c-dynamic-component with problems inside interactions', () => {
    /** setActive's flow input is misnamed (a server contract problem); the row action's merge field is unknown. */
    const SERVER_PROBLEM = {
        path: 'interactions[0].do[0].inputs[0].name',
        message: "Flow 'Set_Contact_Status_Active' has no input variable 'contactIds'; did you mean 'ContactIds'?"
    };

    beforeEach(() => {
        getDefinitionMock.mockResolvedValue(definitionResponse(DEFINITION, { problems: [SERVER_PROBLEM] }));
        runQueryMock.mockResolvedValue(page(1, 3));
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        runQueryMock.mockReset();
        executeFlowMock.mockReset();
        getDefinitionMock.mockReset();
    });

    it('renders the component, disables only the broken action with the reason and never runs it', async () => {
        const element = await createReadyHost();
        expect(gridKeys(element)).toHaveLength(3);
        selectRows(element, [key(1), key(2)]);
        await settle();
        const setActive = headerButton(element, 'setActive') as HTMLElement & { disabled: boolean; title: string };
        expect(setActive.disabled).toBe(true);
        expect(setActive.title).toBe(NOT_SET_UP);
        // the other actions work as usual
        expect(headerButton(element, 'archive').disabled).toBe(false);
        expect(headerButton(element, 'logCall').disabled).toBe(false);
        expect(table(element).shadowRoot!.querySelector('.unavailable-note')!.textContent).toContain(NOT_SET_UP);
        // a click that gets through anyway (the event, not the disabled button) starts no flow
        table(element).dispatchEvent(new CustomEvent('headeraction', { detail: { action: 'setActive' } }));
        await settle();
        expect(executeFlowMock).not.toHaveBeenCalled();
        expect(runQueryMock).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('shows admins every problem in the setup panel above the card', async () => {
        const element = await createReadyHost();
        const panel = setupPanel(element)!;
        expect(panel.isAdmin).toBe(true);
        expect(panel.componentShown).toBe(true);
        expect(panel.draft).toBe(false);
        expect(panel.problems).toEqual([SERVER_PROBLEM]);
        expect(panel.definitionLabel).toBe('Contacts');
        // the panel comes first, then the card
        const card = element.shadowRoot!.querySelector('lightning-card')!;
        expect(panel.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });

    it('shows end users no setup panel and no developer language, only the disabled action', async () => {
        getDefinitionMock.mockResolvedValue(
            definitionResponse(DEFINITION, { problems: [SERVER_PROBLEM], canCustomize: false })
        );
        const element = await createReadyHost();
        expect(setupPanel(element)).toBeNull();
        expect(element.shadowRoot!.querySelector('lightning-card')).not.toBeNull();
        expect(headerButton(element, 'setActive').disabled).toBe(true);
        expect(table(element).shadowRoot!.textContent).not.toContain('contactIds');
        expect(table(element).shadowRoot!.textContent).toContain(NOT_SET_UP);
    });

    it('disables a row action whose interaction has a client-side problem, with the reason in the menu', async () => {
        const doc = variant((d) => {
            (d.interactions[1].do[0] as Record<string, unknown>).recordId = '{!noSuchTable.ActionRow.Id}';
        });
        getDefinitionMock.mockResolvedValue(definitionResponse(doc));
        const element = await createReadyHost();
        const panel = setupPanel(element)!;
        expect(panel.problems.length).toBeGreaterThan(0);
        expect(panel.problems.every((p) => p.path.startsWith('interactions[1]'))).toBe(true);
        expect(rowMenuItems(element).map((item) => [item.label, item.disabled])).toEqual([
            [`Open — ${NOT_SET_UP}`, true]
        ]);
        chooseRowAction(element, 0, 'open');
        await settle();
        expect(navigateMock).not.toHaveBeenCalled();
        // header actions are unaffected
        selectRows(element, [key(1)]);
        await settle();
        expect(headerButton(element, 'setActive').disabled).toBe(false);
    });

    it('does not run a load interaction with problems, and runs the healthy ones', async () => {
        const doc = variant((d) => {
            (d.interactions as unknown[]).push(
                { id: 'hello', on: { event: 'load' }, do: [{ type: 'showToast', title: 'Hello' }] },
                { id: 'brokenHello', on: { event: 'load' }, do: [{ type: 'showToast', title: 'Broken hello' }] }
            );
        });
        getDefinitionMock.mockResolvedValue(
            definitionResponse(doc, {
                problems: [{ path: 'interactions[7]', message: 'Something is wrong with this load interaction.' }]
            })
        );
        const element = createHost({ recordId: RECORD_ID, objectApiName: 'Account' });
        const toast = toasts(element);
        await settle();
        getRecordAdapter.emit({
            id: RECORD_ID,
            apiName: 'Account',
            fields: { AccountId: { value: RECORD_ID, displayValue: null } }
        });
        getRecordAdapter.emit({
            id: '005000000000000000',
            apiName: 'User',
            fields: { FirstName: { value: 'Ada', displayValue: null } }
        });
        await settle();
        expect(toast.mock.calls.map((call) => call[0].title)).toEqual(['Hello']);
    });

    it('warnings never block: the component renders, everything works, admins see the warnings', async () => {
        getDefinitionMock.mockResolvedValue(
            definitionResponse(DEFINITION, {
                problems: [
                    { path: 'interactions[0]', message: 'Consider a confirmation first.', severity: 'warning' },
                    { path: 'queries[0]', message: 'No selective filter.', severity: 'warning' }
                ]
            })
        );
        const element = await createReadyHost();
        expect(setupPanel(element)!.problems).toHaveLength(2);
        selectRows(element, [key(1)]);
        await settle();
        expect(headerButton(element, 'setActive').disabled).toBe(false);
        expect(table(element).shadowRoot!.querySelector('.unavailable-notes')).toBeNull();
    });

    it('still renders nothing half when a problem lies outside the interactions', async () => {
        getDefinitionMock.mockResolvedValue(
            definitionResponse(DEFINITION, {
                problems: [SERVER_PROBLEM, { path: 'components[0].columns[1].field', message: 'No such field.' }]
            })
        );
        const element = createHost();
        await settle();
        const panel = setupPanel(element)!;
        expect(panel.componentShown).toBe(false);
        expect(panel.problems).toHaveLength(2);
        expect(element.shadowRoot!.querySelector('lightning-card')).toBeNull();
        expect(runQueryMock).not.toHaveBeenCalled();
    });
});

describe('c-dynamic-component never spins forever', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        getDefinitionMock.mockReset();
        runQueryMock.mockReset();
        mockRuntimeFailure = null;
    });

    it('ends in the setup panel when the runtime cannot be built', async () => {
        getDefinitionMock.mockResolvedValue(definitionResponse());
        mockRuntimeFailure = new Error('Runtime exploded');
        const element = createHost();
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
        expect(setupPanel(element)!.problems).toEqual([{ path: '', message: 'Runtime exploded' }]);
        expect(runQueryMock).not.toHaveBeenCalled();
    });

    it('ends in the setup panel when getDefinition answers something unreadable', async () => {
        getDefinitionMock.mockResolvedValue(null);
        const element = createHost();
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
        const panel = setupPanel(element)!;
        expect(panel.problems).toHaveLength(1);
        expect(panel.problems[0].message).toBeTruthy();
    });

    it('ends in the setup panel when reading the answer throws, for an end user as the friendly message', async () => {
        const response = definitionResponse(DEFINITION, { canCustomize: false });
        Object.defineProperty(response, 'json', {
            get() {
                throw new Error('unreadable');
            }
        });
        getDefinitionMock.mockResolvedValue(response);
        const element = createHost();
        await settle();
        const panel = setupPanel(element)!;
        expect(panel.isAdmin).toBe(false);
        expect(panel.problems).toEqual([{ path: '', message: 'unreadable' }]);
    });

    it.each([
        ['an admin', true],
        ['an end user', false]
    ])('ends in an error card for a definition nested far too deep, for %s', async (_who, canCustomize) => {
        const depth = 200_000;
        const nested = `{"label": ${'['.repeat(depth)}${']'.repeat(depth)}}`;
        getDefinitionMock.mockResolvedValue(definitionResponse(DEFINITION, { json: nested, canCustomize }));
        const element = createHost();
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
        const panel = setupPanel(element)!;
        expect(panel.isAdmin).toBe(canCustomize);
        expect(panel.problems.length).toBeGreaterThan(0);
        expect(runQueryMock).not.toHaveBeenCalled();
    });

    it('ends in an error card for a draft nested far too deep', async () => {
        const depth = 200_000;
        const element = createHost({
            definitionJson: `${'['.repeat(depth)}${']'.repeat(depth)}`
        } as Partial<HostElement>);
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
        expect(setupPanel(element)!.problems.length).toBeGreaterThan(0);
    });

    it('says the definition could not be read when the server sends no JSON', async () => {
        getDefinitionMock.mockResolvedValue(definitionResponse(DEFINITION, { json: '42', problems: 'nope' }));
        const element = createHost();
        await settle();
        const panel = setupPanel(element)!;
        expect(panel.problems).toHaveLength(1);
        expect(panel.problems[0].message).toMatch(/JSON object/);
    });
});

describe('c-dynamic-component draft mode (the builder live preview)', () => {
    const draft = (doc: unknown = DEFINITION): string => JSON.stringify(doc, null, 2);

    beforeEach(() => {
        previewQueryMock.mockResolvedValue(page(1, 3));
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        previewQueryMock.mockReset();
        getDefinitionMock.mockReset();
        runQueryMock.mockReset();
        executeFlowMock.mockReset();
    });

    it('renders the JSON it is given and queries through previewQuery, never getDefinition or runQuery', async () => {
        const json = draft();
        const element = await createReadyHost({ definitionName: 'Draft', definitionJson: json });
        expect(getDefinitionMock).not.toHaveBeenCalled();
        expect(runQueryMock).not.toHaveBeenCalled();
        expect(previewQueryMock).toHaveBeenCalledTimes(1);
        const call = previewQueryMock.mock.calls[0][0];
        expect(call.definitionJson).toBe(json);
        expect(call.queryName).toBe('contacts');
        expect(JSON.parse(call.requestJson)).toEqual(
            expect.objectContaining({ binds: { '1': RECORD_ID }, pageSize: 50, cursor: null })
        );
        expect(element.definitionJson).toBe(json);
        expect(gridKeys(element)).toHaveLength(3);
        expect(setupPanel(element)).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('does not run flow actions: an info toast says to save first; the other actions run', async () => {
        const element = await createReadyHost({ definitionJson: draft() });
        const toast = toasts(element);
        selectRows(element, [key(1)]);
        await settle();
        headerButton(element, 'setActive').dispatchEvent(new CustomEvent('click'));
        await settle();
        headerButton(element, 'review').dispatchEvent(new CustomEvent('click'));
        await settle();
        headerButton(element, 'logCall').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(executeFlowMock).not.toHaveBeenCalled();
        expect(dialogOpen).not.toHaveBeenCalled();
        expect(element.shadowRoot!.querySelector('c-flow-panel')).toBeNull();
        expect(toast.mock.calls.map((c) => [c[0].title, c[0].variant])).toEqual([
            ['Save the definition to try this action.', 'info'],
            ['Save the definition to try this action.', 'info'],
            ['Save the definition to try this action.', 'info']
        ]);
        // onFinish of a flow that did not run does not run either
        expect(previewQueryMock).toHaveBeenCalledTimes(1);
        confirmOpen.mockResolvedValueOnce(true);
        headerButton(element, 'archive').dispatchEvent(new CustomEvent('click'));
        await settle(6);
        expect(confirmOpen).toHaveBeenCalled();
        expect(previewQueryMock).toHaveBeenCalledTimes(2);
        chooseRowAction(element, 1, 'open');
        await settle();
        expect(navigateMock).toHaveBeenCalledWith(
            expect.objectContaining({
                type: 'standard__recordPage',
                attributes: expect.objectContaining({ recordId: key(2) })
            }),
            undefined
        );
    });

    it('merges the problems the builder passes: the broken interaction is off, the panel says it is a draft', async () => {
        const element = await createReadyHost({
            definitionJson: draft(),
            draftProblems: [{ path: 'interactions[0].do[0].flowApiName', message: "Flow 'Set_Status' does not exist." }]
        });
        const panel = setupPanel(element)!;
        expect(panel.draft).toBe(true);
        expect(panel.componentShown).toBe(true);
        expect(panel.definitionLabel).toBe('Contacts');
        expect(panel.problems).toEqual([
            { path: 'interactions[0].do[0].flowApiName', message: "Flow 'Set_Status' does not exist." }
        ]);
        expect(headerButton(element, 'setActive').disabled).toBe(true);

        // the builder learns the problem is fixed: the same draft rebuilds without it, without querying again
        element.draftProblems = [];
        await settle();
        expect(setupPanel(element)).toBeNull();
        selectRows(element, [key(1)]);
        await settle();
        expect(headerButton(element, 'setActive').disabled).toBe(false);
        expect(previewQueryMock).toHaveBeenCalledTimes(1);
        element.draftProblems = undefined as unknown as [];
        expect(element.draftProblems).toEqual([]);
    });

    it('rebuilds cheaply: the same definition changes nothing, a new label keeps the rows, a new query re-runs', async () => {
        const element = await createReadyHost({ definitionJson: draft() });
        const card = element.shadowRoot!.querySelector('lightning-card');
        selectRows(element, [key(2)]);
        await settle();

        // the same definition, written differently: nothing happens
        element.definitionJson = JSON.stringify(DEFINITION);
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-card')).toBe(card);
        expect(previewQueryMock).toHaveBeenCalledTimes(1);

        // a new column label: the table follows, rows and selection stay, no query
        element.definitionJson = draft(
            variant((d) => {
                (d.components[0].columns[1] as Record<string, unknown>).label = 'E-mail';
            })
        );
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
        expect(cellText(gridRows(element)[0], 'E-mail')).toBe('c1@example.com');
        expect(checkedKeys(element)).toEqual([key(2)]);
        expect(previewQueryMock).toHaveBeenCalledTimes(1);

        // a new page size: the query runs again (with the new draft) and the rows are kept meanwhile
        let answer!: (value: unknown) => void;
        previewQueryMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
        const paged = draft(
            variant((d) => {
                d.queries[0].pageSize = 20;
            })
        );
        element.definitionJson = paged;
        await settle();
        expect(previewQueryMock).toHaveBeenCalledTimes(2);
        expect(previewQueryMock.mock.calls[1][0].definitionJson).toBe(paged);
        expect(JSON.parse(previewQueryMock.mock.calls[1][0].requestJson).pageSize).toBe(20);
        // the previous rows stay under the refresh spinner until the new query answers
        expect(gridKeys(element)).toHaveLength(3);
        expect(table(element).shadowRoot!.querySelector('.refresh-spinner')).not.toBeNull();
        answer(page(1, 2));
        await settle();
        expect(gridKeys(element)).toHaveLength(2);
    });

    it('shows the setup panel for a broken draft and comes back, keeping the rows, when it is fixed', async () => {
        const element = await createReadyHost({ definitionJson: draft() });
        element.definitionJson = '{ "schemaVersion": 1,';
        await settle();
        const panel = setupPanel(element)!;
        expect(panel.componentShown).toBe(false);
        expect(panel.draft).toBe(true);
        expect(panel.problems[0].message).toMatch(/not valid JSON/);
        expect(element.shadowRoot!.querySelector('lightning-card')).toBeNull();

        element.definitionJson = draft();
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-card')).not.toBeNull();
        expect(gridKeys(element)).toHaveLength(3);
        expect(previewQueryMock).toHaveBeenCalledTimes(1);
    });

    it('refreshes a kept table when a rebuild changes its bind values, keeping the loaded rows', async () => {
        const withStatus = (status: string) =>
            draft(
                variant((d) => {
                    (d.resources[1] as Record<string, unknown>).value = status;
                    (d.queries[0].where!.conditions as unknown[]).push({
                        field: 'Status__c',
                        operator: 'equals',
                        value: '{!activeStatus}'
                    });
                })
            );
        const element = await createReadyHost({ definitionJson: withStatus('Active') });
        expect(JSON.parse(previewQueryMock.mock.calls[0][0].requestJson).binds).toEqual({
            '1': RECORD_ID,
            '3': 'Active'
        });
        element.definitionJson = withStatus('Inactive');
        await settle();
        expect(previewQueryMock).toHaveBeenCalledTimes(2);
        const request = JSON.parse(previewQueryMock.mock.calls[1][0].requestJson);
        expect(request.binds).toEqual({ '1': RECORD_ID, '3': 'Inactive' });
        expect(request).toEqual(expect.objectContaining({ cursor: null, withCount: true, pageSize: 50 }));
        // the page record moves on: merge fields and binds follow, as for a stored definition
        getRecordAdapter.emit({
            id: RECORD_ID,
            apiName: 'Account',
            fields: { AccountId: { value: '001000000000000BBB', displayValue: null } }
        });
        await settle();
        expect(previewQueryMock).toHaveBeenCalledTimes(3);
        expect(JSON.parse(previewQueryMock.mock.calls[2][0].requestJson).binds['1']).toBe('001000000000000BBB');
    });

    it('coalesces a new JSON and new problems set together into one rebuild', async () => {
        const element = await createReadyHost({ definitionJson: draft() });
        const builds = mockRuntimeBuilds;
        element.definitionJson = draft(variant((d) => (d.queries[0].pageSize = 10)));
        element.draftProblems = [{ path: 'interactions[4]', message: 'Archive is broken.' }];
        await settle();
        expect(mockRuntimeBuilds).toBe(builds + 1);
        expect(previewQueryMock).toHaveBeenCalledTimes(2);
        expect(headerButton(element, 'archive').disabled).toBe(true);
        // problems the builder passes again unchanged rebuild nothing
        element.draftProblems = [{ path: 'interactions[4]', message: 'Archive is broken.' }];
        await settle();
        expect(mockRuntimeBuilds).toBe(builds + 1);
    });

    it('ends a draft that cannot be built or read in the setup panel', async () => {
        mockRuntimeFailure = new Error('Runtime exploded');
        const element = createHost({ definitionJson: draft() });
        await settle();
        expect(setupPanel(element)!.problems).toEqual([{ path: '', message: 'Runtime exploded' }]);
        expect(setupPanel(element)!.draft).toBe(true);
        mockRuntimeFailure = null;
        const unreadable = {
            path: 'interactions[0]',
            get message(): string {
                throw new Error('This problem cannot be read.');
            }
        };
        element.draftProblems = [unreadable];
        await settle();
        expect(setupPanel(element)!.problems).toEqual([{ path: '', message: 'This problem cannot be read.' }]);
        expect(previewQueryMock).not.toHaveBeenCalled();
    });

    it('falls back to loading definitionName when the draft is taken away', async () => {
        getDefinitionMock.mockResolvedValue(definitionResponse());
        runQueryMock.mockResolvedValue(page(1, 3));
        const element = await createReadyHost({ definitionJson: draft() });
        element.definitionJson = undefined;
        await settle();
        expect(getDefinitionMock).toHaveBeenCalledWith({ definitionName: 'Contact_Status_Board' });
        expect(runQueryMock).toHaveBeenCalledTimes(1);
        expect(gridKeys(element)).toHaveLength(3);

        // a draft set while a getDefinition is still on its way wins over its late answer
        element.definitionJson = draft();
        await settle();
        const previews = previewQueryMock.mock.calls.length;
        let late!: (value: unknown) => void;
        getDefinitionMock.mockReturnValueOnce(new Promise((resolve) => (late = resolve)));
        element.definitionJson = undefined;
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
        element.definitionJson = draft(variant((d) => (d.label = 'Later')));
        await settle();
        late(definitionResponse(DEFINITION, { label: 'Stale' }));
        await settle();
        expect(element.shadowRoot!.querySelector('lightning-card')).not.toBeNull();
        expect(previewQueryMock.mock.calls.length).toBe(previews + 1);
        expect(runQueryMock).toHaveBeenCalledTimes(1);
    });
});

describe('c-dynamic-component inline-edit saves and CSV export (issue #13)', () => {
    type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

    /** The Contacts board with an editable Phone column, an Export header action and a save interaction. */
    function editableDefinition(fileName?: string): Doc {
        const doc = JSON.parse(JSON.stringify(DEFINITION)) as Doc;
        const contacts = doc.components[0];
        contacts.columns.find((c: Doc) => c.field === 'Phone').editable = true;
        contacts.headerActions.push({ name: 'export', label: 'Export' });
        doc.resources.push({ name: 'lastSaved', kind: 'variable', dataType: 'Number', value: 0 });
        doc.interactions.push(
            {
                id: 'exportIt',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'export' },
                do: [{ type: 'exportCsv', table: 'contactsTable', ...(fileName ? { fileName } : {}) }]
            },
            {
                id: 'afterSave',
                on: { event: 'save', target: 'contactsTable' },
                do: [
                    { type: 'setVariable', variable: 'lastSaved', value: '{!contactsTable.LastSaveSavedCount}' },
                    {
                        type: 'showToast',
                        title: '{!contactsTable.LastSaveSavedCount} saved, {!contactsTable.LastSaveFailedCount} failed'
                    }
                ]
            }
        );
        return doc;
    }

    async function hostWith(doc: Doc, props: Partial<HostElement> = {}): Promise<HostElement> {
        getDefinitionMock.mockResolvedValue(definitionResponse(doc));
        runQueryMock.mockResolvedValue(page(1, 3));
        return createReadyHost(props);
    }

    /** Stands in for c-dynamic-data-table's @api exportCsv(fileName) (written with the exporter by its owner). */
    function stubExport(element: HTMLElement, implementation?: jest.Mock): jest.Mock | undefined {
        Object.defineProperty(table(element), 'exportCsv', { value: implementation, configurable: true });
        return implementation;
    }

    function save(element: HTMLElement, detail: Record<string, unknown>): void {
        table(element).dispatchEvent(new CustomEvent('save', { detail }));
    }

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
        runQueryMock.mockReset();
        getDefinitionMock.mockReset();
        previewQueryMock.mockReset();
    });

    it('passes the table the definition name, its object and its query context (for saveRecords, searchLookup and exportRows)', async () => {
        const element = await hostWith(editableDefinition());
        const grid = table(element) as HTMLElement & {
            definitionName: string;
            objectApiName: string;
            queryContext: unknown;
        };
        expect(grid.definitionName).toBe('Contact_Status_Board');
        expect(grid.objectApiName).toBe('Contact');
        // what a save sends with the drafts: the page record and binds of the query that loaded the rows
        expect(grid.queryContext).toEqual({ recordId: RECORD_ID, binds: { '1': RECORD_ID } });
    });

    it('a save that saved rows runs the save interaction with the counts and shows the re-read rows', async () => {
        const element = await hostWith(editableDefinition());
        const toast = toasts(element);
        const queries = runQueryMock.mock.calls.length;
        save(element, { savedCount: 2, failedCount: 1, records: [contact(1, { Phone: '555-0100' })] });
        await settle();
        expect(toast.mock.calls.map((c) => c[0].title)).toEqual(['2 saved, 1 failed']);
        expect(cellText(gridRows(element)[0], 'Phone')).toBe('555-0100');
        expect(gridKeys(element)).toEqual([key(1), key(2), key(3)]);
        // the save response carried the rows: no query runs again
        expect(runQueryMock.mock.calls.length).toBe(queries);
    });

    it('a save that saved nothing runs no interaction, but its counts are there for the next action', async () => {
        const element = await hostWith(editableDefinition('{!contactsTable.LastSaveFailedCount}_failed.csv'));
        const toast = toasts(element);
        const exportCsv = stubExport(element, jest.fn().mockResolvedValue({ rowCount: 3 }))!;
        save(element, { savedCount: 0, failedCount: 3 });
        await settle();
        expect(toast).not.toHaveBeenCalled();
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(exportCsv).toHaveBeenCalledWith('3_failed.csv', expect.anything());
    });

    it('reads counts that are not whole numbers of rows as 0', async () => {
        const element = await hostWith(editableDefinition('{!contactsTable.LastSaveSavedCount}.csv'));
        const toast = toasts(element);
        const exportCsv = stubExport(element, jest.fn().mockResolvedValue(undefined))!;
        save(element, { savedCount: '2', failedCount: -1 });
        await settle();
        expect(toast).not.toHaveBeenCalled();
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(exportCsv).toHaveBeenCalledWith('0.csv', expect.anything());
    });

    it('exportCsv calls the table with the default name <apiName>_<YYYY-MM-DD>.csv', async () => {
        const element = await hostWith(editableDefinition());
        const exportCsv = stubExport(element, jest.fn().mockResolvedValue({ rowCount: 3 }))!;
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(exportCsv).toHaveBeenCalledTimes(1);
        expect(exportCsv.mock.calls[0][0]).toMatch(/^Contact_Status_Board_\d{4}-\d{2}-\d{2}\.csv$/);
        // the table's query as the table shows it: the page record, its binds now and its row cap
        expect(exportCsv.mock.calls[0][1]).toEqual({ recordId: RECORD_ID, binds: { '1': RECORD_ID }, maxRows: 50000 });
    });

    it('exportCsv failures end in an error toast with the reason', async () => {
        const element = await hostWith(editableDefinition('contacts.csv'));
        const toast = toasts(element);
        stubExport(element, jest.fn().mockRejectedValue({ body: { message: 'You cannot read Contact.Phone.' } }));
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(toast).toHaveBeenCalledWith(
            expect.objectContaining({
                title: 'The export could not be completed',
                message: 'You cannot read Contact.Phone.',
                variant: 'error'
            })
        );
    });

    it('exportCsv says so when the table cannot export', async () => {
        const element = await hostWith(editableDefinition());
        const toast = toasts(element);
        stubExport(element, undefined);
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(toast).toHaveBeenCalledWith(
            expect.objectContaining({
                title: 'The export could not be completed',
                message: "The table 'contactsTable' is not shown, so it cannot be exported.",
                variant: 'error'
            })
        );
    });

    it('does not export from a draft: an info toast says to save first', async () => {
        previewQueryMock.mockResolvedValue(page(1, 3));
        const element = await createReadyHost({ definitionJson: JSON.stringify(editableDefinition()) });
        const toast = toasts(element);
        const exportCsv = stubExport(element, jest.fn().mockResolvedValue(undefined))!;
        headerButton(element, 'export').dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(exportCsv).not.toHaveBeenCalled();
        expect(toast.mock.calls.map((c) => [c[0].title, c[0].variant])).toEqual([
            ['Save the definition to try this action.', 'info']
        ]);
    });
});
