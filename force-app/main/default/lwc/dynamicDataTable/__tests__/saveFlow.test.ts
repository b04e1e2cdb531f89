import { DraftStore, MAX_SAVE_ROWS } from 'c/dcRuntime';
import type { QueryFieldInfo, UiPicklistValuesByRecordType } from 'c/dcRuntime';
import { commitDraft, exportProgressText, saveDrafts } from '../saveFlow';

type Row = Record<string, unknown>;

const ROWS: Row[] = [
    {
        Id: '003A',
        Name: 'Ada',
        Phone: '1',
        Status__c: 'Active',
        Status_Reason__c: 'Won',
        LastModifiedDate: '2026-12-01T10:00:00.000Z'
    },
    {
        Id: '003B',
        Name: 'Bob',
        Phone: '2',
        Status__c: 'Active',
        Status_Reason__c: null,
        LastModifiedDate: '2026-12-01T11:00:00.000Z'
    }
];
const byKey = new Map(ROWS.map((r) => [String(r.Id), r]));
const rowOf = (key: string): Row | undefined => byKey.get(key);

const FIELDS: QueryFieldInfo[] = [
    { path: 'Status__c', label: 'Status', type: 'PICKLIST', isNameField: false, referenceTo: null, sortable: true },
    {
        path: 'Status_Reason__c',
        label: 'Status Reason',
        type: 'PICKLIST',
        isNameField: false,
        referenceTo: null,
        sortable: true,
        controllerName: 'Status__c'
    }
];
const VALUES: UiPicklistValuesByRecordType = {
    picklistFieldValues: {
        Status__c: {
            controllerValues: {},
            defaultValue: null,
            values: [
                { value: 'Active', label: 'Active', validFor: [], attributes: null },
                { value: 'Inactive', label: 'Inactive', validFor: [], attributes: null }
            ]
        },
        Status_Reason__c: {
            controllerValues: { Active: 0, Inactive: 1 },
            defaultValue: null,
            values: [
                { value: 'Won', label: 'Won', validFor: [0], attributes: null },
                { value: 'Moved', label: 'Moved', validFor: [1], attributes: null }
            ]
        }
    }
};

function store(): DraftStore {
    return new DraftStore({ keyField: 'Id', rowOf, fields: FIELDS });
}

describe('saveDrafts', () => {
    it('sends one saveRecords request with every draft and LastModifiedDate; saved rows clear, failed keep drafts and errors', async () => {
        const drafts = store();
        drafts.set('003A', 'Phone', '555');
        drafts.set('003B', 'Phone', null);
        const save = jest.fn().mockResolvedValue({
            results: [
                { id: '003A', success: true, errors: [] },
                {
                    id: '003B',
                    success: false,
                    errors: [
                        { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Phone is required.', fields: ['Phone'] }
                    ]
                }
            ],
            savedCount: 1,
            failedCount: 1,
            records: [{ ...ROWS[0], Phone: '555', LastModifiedDate: '2026-12-07T10:00:00.000Z' }]
        });
        const outcome = await saveDrafts(drafts, rowOf, save);
        expect(save).toHaveBeenCalledTimes(1);
        expect(JSON.parse(save.mock.calls[0][0])).toEqual({
            drafts: [
                { id: '003A', values: { Phone: '555' }, lastModifiedDate: '2026-12-01T10:00:00.000Z' },
                { id: '003B', values: { Phone: null }, lastModifiedDate: '2026-12-01T11:00:00.000Z' }
            ]
        });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome).toMatchObject({ savedCount: 1, failedCount: 1, savedIds: ['003A'], failedKeys: ['003B'] });
        expect(outcome.records.get('003A')?.Phone).toBe('555');
        expect(drafts.has('003A')).toBe(false);
        expect(drafts.get('003B', 'Phone')).toBeNull();
        expect(drafts.errorOf('003B', 'Phone')).toBe('Phone is required.');
        expect(drafts.errorsOf('003B')?.message).toBe('Phone is required.');
    });

    it("sends the query's recordId and binds, so the server re-reads the rows under the table's own conditions", async () => {
        const drafts = store();
        drafts.set('003A', 'Phone', '555');
        const save = jest.fn().mockResolvedValue({ results: [{ id: '003A', success: true, errors: [] }], records: [] });
        await saveDrafts(drafts, rowOf, save, { recordId: '001000000000001AAA', binds: { '1': 'Active' } });
        expect(JSON.parse(save.mock.calls[0][0])).toEqual({
            drafts: [{ id: '003A', values: { Phone: '555' }, lastModifiedDate: '2026-12-01T10:00:00.000Z' }],
            recordId: '001000000000001AAA',
            binds: { '1': 'Active' }
        });
    });

    it('a whole-request error keeps every draft and gives the server message', async () => {
        const drafts = store();
        drafts.set('003A', 'Phone', '555');
        const save = jest.fn().mockRejectedValue({
            body: { message: JSON.stringify({ code: 'NOT_EDITABLE', message: 'Phone is not editable.', details: [] }) }
        });
        const outcome = await saveDrafts(drafts, rowOf, save);
        expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('Phone is not editable.') });
        expect(drafts.get('003A', 'Phone')).toBe('555');
    });

    it(`refuses more than ${MAX_SAVE_ROWS} rows up front, without calling the server`, async () => {
        const drafts = new DraftStore({ keyField: 'Id' });
        for (let i = 0; i <= MAX_SAVE_ROWS; i++) drafts.set(`k${i}`, 'Phone', String(i));
        const save = jest.fn();
        const outcome = await saveDrafts(drafts, () => undefined, save);
        expect(save).not.toHaveBeenCalled();
        expect(outcome).toMatchObject({ ok: false, code: 'TOO_MANY_ROWS' });
        expect(drafts.rowCount).toBe(MAX_SAVE_ROWS + 1);
    });
});

describe('commitDraft', () => {
    it('a new controlling value clears the dependent picklist it makes invalid', () => {
        const drafts = store();
        commitDraft(drafts, {
            keys: ['003A'],
            field: 'Status__c',
            value: 'Inactive',
            rowOf,
            picklistValues: { '012000000000000AAA': VALUES },
            fields: FIELDS
        });
        expect(drafts.valuesOf('003A')).toEqual({ Status__c: 'Inactive', Status_Reason__c: null });
    });

    it('mass edit writes the draft to every selected row', () => {
        const drafts = store();
        const drafted = commitDraft(drafts, {
            keys: ['003A', '003B'],
            field: 'Phone',
            value: '999',
            rowOf,
            picklistValues: {},
            fields: FIELDS
        });
        expect(drafted).toBe(2);
        expect(drafts.count).toBe(2);
        expect(drafts.get('003B', 'Phone')).toBe('999');
    });
});

describe('exportProgressText', () => {
    it('says how many rows of how many', () => {
        expect(exportProgressText(12000, 50000, 'en-US')).toBe('Exporting 12,000 of 50,000 rows…');
        expect(exportProgressText(1, null, 'en-US')).toBe('Exporting 1 row…');
    });
});
