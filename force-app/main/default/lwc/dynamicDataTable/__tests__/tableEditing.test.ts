import { createElement } from '@lwc/engine-dom';
import DynamicDataTable from 'c/dynamicDataTable';
import saveRecords from '@salesforce/apex/DynamicComponentController.saveRecords';
import exportRows from '@salesforce/apex/DynamicComponentController.exportRows';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { DataTableDefinition } from 'c/dcDefinition';
import type { QueryFieldInfo } from 'c/dcRuntime';

jest.mock('@salesforce/apex/DynamicComponentController.saveRecords', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/DynamicComponentController.searchLookup', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DynamicComponentController.exportRows', () => ({ default: jest.fn() }), { virtual: true });

type Row = Record<string, unknown>;
type TableElement = HTMLElement & {
    definition: DataTableDefinition;
    fields: QueryFieldInfo[];
    rows: Row[];
    definitionName: string;
    objectApiName: string;
    exportCsv(fileName?: string): Promise<{ rowCount: number } | null>;
};

const saveMock = saveRecords as unknown as jest.Mock;
const exportMock = exportRows as unknown as jest.Mock;

const FIELDS: QueryFieldInfo[] = [
    {
        path: 'Name',
        label: 'Full Name',
        type: 'STRING',
        isNameField: true,
        referenceTo: null,
        sortable: true,
        updateable: false
    },
    {
        path: 'Title',
        label: 'Title',
        type: 'STRING',
        isNameField: false,
        referenceTo: null,
        sortable: true,
        updateable: true
    },
    {
        path: 'Phone',
        label: 'Phone',
        type: 'PHONE',
        isNameField: false,
        referenceTo: null,
        sortable: true,
        updateable: false
    }
];

const DEFINITION: DataTableDefinition = {
    name: 'contactsTable',
    type: 'dataTable',
    query: 'contacts',
    keyField: 'Id',
    columns: [{ field: 'Name' }, { field: 'Title', editable: true }, { field: 'Phone', editable: true }]
};

const ROWS: Row[] = [
    { Id: '003000000000001AAA', Name: 'Ada', Title: 'CEO', Phone: '1', LastModifiedDate: '2026-12-01T10:00:00.000Z' },
    { Id: '003000000000002AAA', Name: 'Bob', Title: 'CTO', Phone: '2', LastModifiedDate: '2026-12-01T10:00:00.000Z' }
];

/** Lets the queued renders and the mocked Apex promises settle. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function createTable(): TableElement {
    const element = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as TableElement;
    Object.assign(element, {
        definition: DEFINITION,
        fields: FIELDS,
        rows: ROWS,
        definitionName: 'Contact_Inline_Edit',
        objectApiName: 'Contact'
    });
    document.body.appendChild(element);
    return element;
}

function gridHost(element: HTMLElement): HTMLElement {
    return element.shadowRoot!.querySelector('c-data-grid') as HTMLElement;
}

function commit(element: HTMLElement, key: string, field: string, value: unknown): void {
    const row = ROWS.find((r) => r.Id === key);
    gridHost(element).dispatchEvent(
        new CustomEvent('cellcommit', { detail: { key, row, field, value, applyToSelection: false } })
    );
}

function footerText(element: HTMLElement): string {
    return (element.shadowRoot!.querySelector('.draft-footer')?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
});

describe('c-dynamic-data-table inline edit', () => {
    it('editable columns: only a definition-editable column the user can update (QueryFieldInfo.updateable) is editable', async () => {
        const element = createTable();
        await flush();
        const cells = [
            ...gridHost(element).shadowRoot!.querySelectorAll('tr.data-row')[0].querySelectorAll('td[data-label]')
        ];
        const editable = cells.map((td) => td.classList.contains('slds-cell-edit'));
        // Name: not editable in the definition; Title: editable; Phone: editable but not updateable for the user
        expect(editable).toEqual([false, true, false]);
    });

    it('a committed value becomes a draft: the footer says "1 change", the cell is highlighted; Cancel drops it', async () => {
        const element = createTable();
        await flush();
        expect(element.shadowRoot!.querySelector('.draft-footer')).toBeNull();
        commit(element, '003000000000001AAA', 'Title', 'Chief');
        await flush();
        expect(footerText(element)).toContain('1 change');
        const title = gridHost(element).shadowRoot!.querySelector('tr.data-row td[data-label="Title"]') as HTMLElement;
        expect(title.classList).toContain('slds-is-edited');
        expect(title.textContent).toContain('Chief');
        expect(title.textContent).toContain('Edited');
        commit(element, '003000000000002AAA', 'Title', 'Boss');
        await flush();
        expect(footerText(element)).toContain('2 changes');
        (element.shadowRoot!.querySelector('lightning-button.draft-cancel') as HTMLElement).click();
        await flush();
        expect(element.shadowRoot!.querySelector('.draft-footer')).toBeNull();
    });

    it('Save: one saveRecords call; saved rows take the server values, failed rows keep drafts with messages; LDS notified; save event', async () => {
        const element = createTable();
        const saved: unknown[] = [];
        element.addEventListener('save', (e) => saved.push((e as CustomEvent).detail));
        await flush();
        commit(element, '003000000000001AAA', 'Title', 'Chief');
        commit(element, '003000000000002AAA', 'Title', '');
        await flush();
        saveMock.mockResolvedValue({
            results: [
                { id: '003000000000001AAA', success: true, errors: [] },
                {
                    id: '003000000000002AAA',
                    success: false,
                    errors: [
                        {
                            code: 'REQUIRED_FIELD_MISSING',
                            message: 'Required fields are missing: [Title]',
                            fields: ['Title']
                        }
                    ]
                }
            ],
            savedCount: 1,
            failedCount: 1,
            records: [{ ...ROWS[0], Title: 'Chief (server)', LastModifiedDate: '2026-12-07T10:00:00.000Z' }]
        });
        (element.shadowRoot!.querySelector('lightning-button.draft-save') as HTMLElement).click();
        await flush();
        await flush();
        expect(saveMock).toHaveBeenCalledTimes(1);
        const params = saveMock.mock.calls[0][0];
        expect(params.definitionName).toBe('Contact_Inline_Edit');
        expect(params.tableName).toBe('contactsTable');
        expect(JSON.parse(params.requestJson).drafts).toHaveLength(2);
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: '003000000000001AAA' }]);
        expect(saved).toEqual([{ savedCount: 1, failedCount: 1 }]);
        expect(footerText(element)).toContain('1 change');
        expect(footerText(element)).toContain('Required fields are missing: [Title]');
        const rows = gridHost(element).shadowRoot!.querySelectorAll('tr.data-row');
        expect(rows[0].querySelector('td[data-label="Title"]')?.textContent).toContain('Chief (server)');
        const failed = rows[1].querySelector('td[data-label="Title"]') as HTMLElement;
        expect(failed.classList).toContain('slds-has-error');
        expect(failed.textContent).toContain('Error: Required fields are missing: [Title]');
        expect(rows[1].querySelector('.row-error')?.textContent).toContain('Error: Required fields are missing');
    });

    it('a whole-request refusal keeps every draft and shows the message', async () => {
        const element = createTable();
        await flush();
        commit(element, '003000000000001AAA', 'Title', 'Chief');
        await flush();
        saveMock.mockRejectedValue({
            body: {
                message: JSON.stringify({
                    code: 'NOT_EDITABLE',
                    message: 'Title is not an editable column.',
                    details: []
                })
            }
        });
        (element.shadowRoot!.querySelector('lightning-button.draft-save') as HTMLElement).click();
        await flush();
        await flush();
        expect(footerText(element)).toContain('1 change');
        expect(footerText(element)).toContain('Title is not an editable column.');
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
    });

    it('exportCsv pages exportRows with the sort and search and downloads the file', async () => {
        const element = createTable();
        await flush();
        const createObjectURL = jest.fn(() => 'blob:x');
        Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
        const clicks: string[] = [];
        const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
            this: HTMLAnchorElement
        ) {
            clicks.push(this.download);
        });
        exportMock
            .mockResolvedValueOnce({
                records: [ROWS[0]],
                nextCursor: { offset: 1 },
                totalCount: 2,
                fields: FIELDS,
                notices: [],
                objectLabel: 'Contact',
                objectLabelPlural: 'Contacts'
            })
            .mockResolvedValueOnce({
                records: [{ ...ROWS[1], Title: '=CMD()' }],
                nextCursor: null,
                fields: FIELDS,
                notices: [],
                objectLabel: 'Contact',
                objectLabelPlural: 'Contacts'
            });
        const result = await element.exportCsv('contacts.csv');
        expect(result).toEqual({ rowCount: 2 });
        expect(exportMock).toHaveBeenCalledTimes(2);
        const first = JSON.parse(exportMock.mock.calls[0][0].requestJson);
        expect(first).toMatchObject({ cursor: null, withCount: true, pageSize: 2000 });
        expect(JSON.parse(exportMock.mock.calls[1][0].requestJson).cursor).toEqual({ offset: 1 });
        expect(clicks).toEqual(['contacts.csv']);
        click.mockRestore();
    });
});
