import { ColumnControl } from '../columnControl';
import { columnChoices, frozenOffsets, visibleColumns } from '../columnLayout';
import { EMPTY_PREFS, prefsKey } from '../columnPrefs';
import type { PrefsStorage } from '../columnPrefs';
import type { GridColumn } from '../columns';
import { MeasuredHeights, UniformHeights } from '../virtualGrid';

const COLUMNS: GridColumn[] = [
    { path: 'Name', label: 'Name', type: 'recordLink', align: 'left', sortable: true },
    { path: 'Email', label: 'Email', type: 'email', align: 'left', sortable: false, width: 120 },
    { path: 'Amount__c', label: 'Amount', type: 'currency', align: 'right', sortable: false, wrap: true }
];

function memoryStorage(): PrefsStorage & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return {
        data,
        getItem: (key) => data.get(key) ?? null,
        setItem: (key, value) => {
            data.set(key, value);
        },
        removeItem: (key) => {
            data.delete(key);
        }
    };
}

describe('columnLayout', () => {
    it('leaves hidden columns out and classes the frozen, right-aligned and wrapped ones once per column', () => {
        const shown = visibleColumns(COLUMNS, { ...EMPTY_PREFS, hidden: ['Email'], wrap: { Name: true } }, 2);
        expect(shown.map((c) => c.path)).toEqual(['Name', 'Amount__c']);
        expect(shown[0].cellClass).toBe('cell-frozen frozen-0 cell-wrap');
        expect(shown[1].cellClass).toBe('cell-frozen frozen-1 frozen-last align-right cell-wrap');
        expect(shown[1].headerClass).toBe('column-header cell-frozen frozen-1 frozen-last align-right');
        // no frozen column, the user's width over the definition's, the user's wrap over the definition's
        const none = visibleColumns(COLUMNS, { ...EMPTY_PREFS, widths: { Email: 300 }, wrap: { Amount__c: false } }, 0);
        expect(none.map((c) => c.cellClass)).toEqual(['', '', 'align-right']);
        expect(none[1].width).toBe(300);
        expect(none[2].wrap).toBe(false);
        // hiding everything (only possible through bad data) shows everything
        expect(visibleColumns(COLUMNS, { ...EMPTY_PREFS, hidden: ['Name', 'Email', 'Amount__c'] }, 1)).toHaveLength(3);
    });

    it('offsets each frozen column by the measured widths of the frozen ones before it', () => {
        expect(frozenOffsets(COLUMNS, 3, [150, 130, 90])).toEqual([0, 150, 280]);
        // not measured yet: the column's own width (none: 0)
        expect(frozenOffsets(COLUMNS, 3, [])).toEqual([0, 0, 120]);
        expect(frozenOffsets(COLUMNS, 0, [150])).toEqual([]);
        expect(frozenOffsets(COLUMNS, 5, [10, 20, 30])).toEqual([0, 10, 30]);
    });

    it('lists every column for the menu', () => {
        expect(columnChoices(COLUMNS, { ...EMPTY_PREFS, hidden: ['Email'] })).toEqual([
            { path: 'Name', label: 'Name', visible: true, wrap: false },
            { path: 'Email', label: 'Email', visible: false, wrap: false },
            { path: 'Amount__c', label: 'Amount', visible: true, wrap: true }
        ]);
    });
});

describe('ColumnControl', () => {
    it('loads, applies and saves the choices of its definition and table', () => {
        const storage = memoryStorage();
        const key = prefsKey('Def', 'table');
        storage.setItem(key, JSON.stringify({ v: 1, widths: { Name: 222 }, hidden: ['Email'], wrap: {} }));
        const control = new ColumnControl(storage);
        control.setPlan(COLUMNS, 1, 'Def', 'table');
        expect(control.columns.map((c) => [c.path, c.width])).toEqual([
            ['Name', 222],
            ['Amount__c', undefined]
        ]);
        expect(control.wraps).toBe(true);
        expect(control.change({ kind: 'visible', path: 'Email', visible: true })).toBe(true);
        expect(JSON.parse(storage.data.get(key)!).hidden).toEqual([]);
        expect(control.change({ kind: 'wrap', path: 'Amount__c', wrap: false })).toBe(true);
        expect(control.wraps).toBe(false);
        expect(control.change({ kind: 'reset' })).toBe(true);
        expect(storage.data.has(key)).toBe(false);
        expect(control.change({ kind: 'reset' })).toBe(false);
        // another table of the same definition has its own choices
        const other = new ColumnControl(storage);
        other.setPlan(COLUMNS, 1, 'Def', 'otherTable');
        expect(other.choices.every((c) => c.visible)).toBe(true);
    });

    it('resizes by drag (saved when released) and by keyboard (Escape puts the old width back)', () => {
        const storage = memoryStorage();
        const key = prefsKey('Def', 'table');
        const control = new ColumnControl(storage);
        control.setPlan(COLUMNS, 1, 'Def', 'table');
        control.startDrag('Name', 100, 180);
        expect(control.dragTo(150)).toBe(true);
        expect(control.columns[0].width).toBe(230);
        expect(storage.data.has(key)).toBe(false);
        expect(control.endDrag()).toBe(true);
        expect(JSON.parse(storage.data.get(key)!).widths).toEqual({ Name: 230 });
        expect(control.endDrag()).toBe(false);

        control.setRenderedWidths([230, 120, 200]);
        control.startResize('Amount__c');
        expect(control.resizing).toBe(true);
        expect(control.resizeKey('ArrowRight', false)).toEqual({ kind: 'width', width: 210 });
        expect(control.columns[2].width).toBe(210);
        expect(control.resizeKey('Escape', false)).toEqual({ kind: 'cancel' });
        expect(control.columns[2].width).toBeUndefined();
        control.startResize('Email');
        control.resizeKey('ArrowLeft', true);
        control.resizeKey('Enter', false);
        expect(control.resizing).toBe(false);
        expect(JSON.parse(storage.data.get(key)!).widths).toEqual({ Name: 230, Email: 70 });
    });

    it('measures the frozen offsets and keeps the row heights per record while a column wraps', () => {
        const control = new ColumnControl(memoryStorage());
        control.setPlan(COLUMNS, 2, 'Def', 'table');
        expect(control.setRenderedWidths([150.4, 120, 90])).toBe(true);
        expect(control.offsets).toEqual([0, 150]);
        expect(control.setRenderedWidths([150, 120, 90])).toBe(false);

        const rows = [{ Id: 'a' }, { Id: 'b' }, { Id: 'c' }];
        const heights = control.heightsOf(rows, 33);
        expect(heights).toBeInstanceOf(MeasuredHeights);
        expect(control.heightsOf(rows, 33)).toBe(heights);
        expect(control.measureRows(rows, [{ index: 1, height: 80 }])).toBe(true);
        expect(control.measureRows(rows, [{ index: 1, height: 80 }])).toBe(false);
        expect(heights.offsetOf(3)).toBe(33 + 80 + 33);
        // sorted: the measured height follows its record
        const sorted = [rows[1], rows[0], rows[2]];
        expect(control.heightsOf(sorted, 33).heightOf(0)).toBe(80);
        // nothing wraps: uniform rows again
        control.change({ kind: 'wrap', path: 'Amount__c', wrap: false });
        expect(control.heightsOf(sorted, 33)).toBeInstanceOf(UniformHeights);
    });

    it('keeps nothing without a table name, and stores nothing when the storage is unavailable', () => {
        const control = new ColumnControl(undefined);
        control.setPlan(COLUMNS, 1, '', '');
        expect(control.change({ kind: 'visible', path: 'Name', visible: false })).toBe(true);
        expect(control.columns.map((c) => c.path)).toEqual(['Email', 'Amount__c']);
    });
});
