/* The host's table handle (selection + LastSave counts) and the merge of a save's re-read rows. */
import { SelectionModel } from 'c/dcRuntime';
import { NO_SAVE, mergeSavedRows, saveCount, tableHandle } from '../tableHandle';
import type { LastSave } from '../tableHandle';

describe('tableHandle', () => {
    it('answers LastSave* from the current counts and everything else from the selection', () => {
        const selection = new SelectionModel({ maxRowSelection: 5 });
        selection.select([{ Id: 'a' }, { Id: 'b' }]);
        let last: LastSave = NO_SAVE;
        const handle = tableHandle(selection, () => last);
        expect(handle.getProperty(['LastSaveSavedCount'])).toBe(0);
        last = { savedCount: 4, failedCount: 1 };
        expect(handle.getProperty(['LastSaveSavedCount'])).toBe(4);
        expect(handle.getProperty(['LastSaveFailedCount'])).toBe(1);
        expect(handle.getProperty(['SelectedRowCount'])).toBe(2);
        expect(handle.getProperty(['SelectedRowsKeyValue'])).toEqual(['a', 'b']);
    });

    it('says a count has no fields, and leaves unknown properties to the selection', () => {
        const handle = tableHandle(new SelectionModel(), () => NO_SAVE);
        expect(() => handle.getProperty(['LastSaveSavedCount', 'Name'])).toThrow(
            "{!…LastSaveSavedCount} is a number of rows and has no field 'Name'."
        );
        expect(() => handle.getProperty(['LastSave'])).toThrow(/Unknown data table property 'LastSave'/);
    });
});

describe('saveCount', () => {
    it.each([
        [3, 3],
        [0, 0],
        [-1, 0],
        [1.5, 0],
        ['2', 0],
        [undefined, 0]
    ])('%p → %p', (value, expected) => {
        expect(saveCount(value)).toBe(expected);
    });
});

describe('mergeSavedRows', () => {
    const rows = [
        { Id: 'a', Phone: '1' },
        { Id: 'b', Phone: '2' },
        { Id: 'c', Phone: '3' }
    ];

    it('replaces saved rows by Id and keeps the order and the other rows', () => {
        const merged = mergeSavedRows(rows, [
            { Id: 'c', Phone: '33' },
            { Id: 'a', Phone: '11' }
        ]);
        expect(merged).toEqual([
            { Id: 'a', Phone: '11' },
            { Id: 'b', Phone: '2' },
            { Id: 'c', Phone: '33' }
        ]);
        expect(merged[1]).toBe(rows[1]);
    });

    it('ignores records without an Id and rows that are not loaded', () => {
        expect(mergeSavedRows(rows, [null, 'x', { Phone: '9' }, { Id: 'z', Phone: '9' }])).toEqual(rows);
    });
});
