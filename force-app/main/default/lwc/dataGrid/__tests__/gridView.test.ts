import { colCount, colgroupOf, headerSlots, minWidthStyle, slot } from '../gridView';
import type { GridLayout } from '../gridView';

const layout = (extra: Partial<GridLayout> = {}): GridLayout => ({
    columns: [
        { path: 'Name', label: 'Name', type: 'text', align: 'left', sortable: true, width: 200 },
        { path: 'Amount__c', label: 'Amount', type: 'currency', align: 'right', sortable: false }
    ],
    checkbox: true,
    multiSelect: true,
    rowNumbers: true,
    rowActions: true,
    loadedRows: 12345,
    ...extra
});

describe('grid layout', () => {
    it('counts and sizes the columns: fixed utility columns, initialWidth in px, a row number column for 5 digits', () => {
        expect(colCount(layout())).toBe(5);
        expect(colCount(layout({ checkbox: false, rowNumbers: false, rowActions: false }))).toBe(2);
        expect(colgroupOf(layout())).toEqual([
            { key: '#check', style: 'width: 2.5rem;' },
            { key: '#number', style: 'width: 4.25rem;' },
            { key: 'Name', style: 'width: 200px;' },
            { key: 'Amount__c', style: '' },
            { key: '#actions', style: 'width: 3.25rem;' }
        ]);
        // 200px + 2.5 (checkbox) + 4.25 (row numbers) + 8 (Amount) + 3.25 (actions) rem
        expect(minWidthStyle(layout())).toBe(
            'min-width: calc(200px + 18rem); --frozen-left-0: calc(6.75rem + 0px); --number-left: 2.5rem;'
        );
        expect(minWidthStyle(layout({ checkbox: false, rowNumbers: false, rowActions: false }))).toBe(
            'min-width: calc(200px + 8rem); --frozen-left-0: calc(0rem + 0px); --number-left: 0rem;'
        );
        // two frozen columns: the second sits right of the first (its measured width)
        expect(minWidthStyle(layout({ frozenOffsets: [0, 212] }))).toBe(
            'min-width: calc(200px + 18rem); --frozen-left-0: calc(6.75rem + 0px); --frozen-left-1: calc(6.75rem + 212px); --number-left: 2.5rem;'
        );
    });

    it('puts the one tab stop on the active cell, on its control when it has one', () => {
        expect(slot({ row: 2, col: 1 }, { row: 2, col: 1 }, true)).toEqual({ controlId: '2:1', controlTabindex: '0' });
        expect(slot({ row: 2, col: 1 }, { row: 0, col: 1 }, false)).toEqual({ ownId: '2:1', ownTabindex: '-1' });
        const single = headerSlots(layout({ multiSelect: false }), { row: -1, col: 0 });
        // single select has no select-all box: the header cell itself takes focus
        expect(single.check).toEqual({ ownId: '-1:0', ownTabindex: '0' });
        expect(single.number).toEqual({ ownId: '-1:1', ownTabindex: '-1' });
        expect(single.actions).toEqual({ ownId: '-1:4', ownTabindex: '-1' });
    });
});
