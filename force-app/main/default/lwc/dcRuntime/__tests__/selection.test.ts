import { SelectionModel, TABLE_PROPERTIES } from 'c/dcRuntime';
import { TABLE_PROPERTIES as DEFINITION_TABLE_PROPERTIES } from 'c/dcDefinition';

const rows = Array.from({ length: 10 }, (_, i) => ({ Id: `003${i}`, Name: `Contact ${i}`, Account: { Name: 'Acme' } }));

describe('SelectionModel', () => {
    it('selects by key and exposes the table properties', () => {
        const model = new SelectionModel({ keyField: 'Id' });
        expect(model.FirstSelectedRow).toBeNull();
        expect(model.SelectedRowsKeyValue).toEqual([]);
        const change = model.select([rows[2], rows[0]]);
        expect(change).toEqual({ added: ['0032', '0030'], removed: [], rejected: [] });
        expect(model.SelectedRowsKeyValue).toEqual(['0032', '0030']);
        expect(model.SelectedRows).toEqual([rows[2], rows[0]]);
        expect(model.FirstSelectedRow).toBe(rows[2]);
        expect(model.SelectedRowCount).toBe(2);
        expect(model.size).toBe(2);
        expect(model.getProperty(['SelectedRowsKeyValue'])).toBe(model.SelectedRowsKeyValue);
        expect(model.getProperty(['SelectedRows'])).toBe(model.SelectedRows);
        expect(model.getProperty(['SelectedRowCount'])).toBe(2);
        expect(model.getProperty(['FirstSelectedRow', 'Name'])).toBe('Contact 2');
        expect(model.getProperty(['FirstSelectedRow', 'Account', 'Name'])).toBe('Acme');
        expect(model.getProperty(['FirstSelectedRow', 'Missing'])).toBeNull();
        expect(model.getProperty(['FirstSelectedRow'])).toBe(rows[2]);
        expect(() => model.getProperty(['Selected'])).toThrow(
            "Unknown data table property 'Selected'; use SelectedRows, SelectedRowsKeyValue, FirstSelectedRow, SelectedRowCount, LastSaveSavedCount, LastSaveFailedCount (or ActionRow in row actions)."
        );
        expect(() => model.getProperty([])).toThrow("Unknown data table property ''");
    });

    it("names every property of the definition format's table in the unknown-property error", () => {
        const model = new SelectionModel();
        let message = '';
        try {
            model.getProperty(['Nope']);
        } catch (e) {
            message = (e as Error).message;
        }
        // the list is c/dcDefinition's, so a property added there is offered here too
        expect(TABLE_PROPERTIES).toBe(DEFINITION_TABLE_PROPERTIES);
        for (const property of DEFINITION_TABLE_PROPERTIES) expect(message).toContain(property);
        expect(message).toMatch(/LastSaveFailedCount \(or ActionRow in row actions\)\.$/);
    });

    it('says that the save counts come from the table host, not from a bare selection', () => {
        const model = new SelectionModel();
        for (const property of ['LastSaveSavedCount', 'LastSaveFailedCount']) {
            expect(() => model.getProperty([property])).toThrow(
                `The data table property '${property}' is not part of the table's selection: register the table with its host's handle (tableHandle), which answers it.`
            );
        }
    });

    it('caches derived arrays until the selection changes', () => {
        const model = new SelectionModel();
        model.select(rows[1]);
        const keys = model.SelectedRowsKeyValue;
        const selectedRows = model.SelectedRows;
        expect(model.SelectedRowsKeyValue).toBe(keys);
        expect(model.SelectedRows).toBe(selectedRows);
        expect(Object.isFrozen(keys)).toBe(true);
        const version = model.version;
        model.select(rows[1]);
        expect(model.version).toBe(version);
        model.select(rows[3]);
        expect(model.SelectedRowsKeyValue).not.toBe(keys);
        expect(model.version).toBe(version + 1);
        expect(model.selectedKeys).toBe(model.SelectedRowsKeyValue);
    });

    it('keeps the selection across pages, search and refresh (keys, not row objects)', () => {
        const model = new SelectionModel();
        model.select([rows[0], rows[1]]);
        // a row of page 2 / of a search result that does not contain the selected rows
        model.select(rows[5]);
        expect(model.SelectedRowsKeyValue).toEqual(['0030', '0031', '0035']);
        // refresh gives new row objects
        const refreshed = { ...rows[0], Name: 'Renamed' };
        const before = model.SelectedRows;
        model.updateRows([refreshed, { Id: '0039' }, { Name: 'no key' }]);
        expect(model.SelectedRows).not.toBe(before);
        expect(model.SelectedRowsKeyValue).toEqual(['0030', '0031', '0035']);
        expect(model.FirstSelectedRow).toBe(refreshed);
        const again = model.SelectedRows;
        model.updateRows([refreshed]);
        expect(model.SelectedRows).toBe(again);
        // selecting an already selected key with a fresher row object updates it
        const fresher = { ...rows[1], Name: 'Fresh' };
        model.select(fresher);
        expect(model.SelectedRows[1]).toBe(fresher);
    });

    it('refreshRows refreshes and counts the selected rows among the given ones in one pass', () => {
        const model = new SelectionModel();
        expect(model.refreshRows(rows)).toBe(0);
        model.select([rows[0], rows[2]]);
        const version = model.version;
        expect(model.refreshRows(rows)).toBe(2);
        expect(model.version).toBe(version); // same objects: no change, no notification
        const listener = jest.fn();
        model.subscribe(listener);
        const fresh = { ...rows[2], Name: 'Fresh' };
        expect(model.refreshRows([rows[0], fresh, { Id: '' }, { Id: null }, { Name: 'no key' }])).toBe(2);
        expect(model.version).toBe(version + 1);
        expect(listener).toHaveBeenCalledTimes(1);
        expect(model.SelectedRows[1]).toBe(fresh);
        // numeric keys are compared as text
        const numeric = new SelectionModel({ keyField: 'n' });
        numeric.select({ n: 7 });
        expect(numeric.refreshRows([{ n: 7 }, { n: 8 }])).toBe(1);
    });

    it('toggles, deselects by key or row, and select all / clear return what changed', () => {
        const model = new SelectionModel();
        expect(model.toggle(rows[1])).toEqual({ added: ['0031'], removed: [], rejected: [] });
        model.select(rows[8]);
        expect(model.toggle(rows[1])).toEqual({ added: [], removed: ['0031'], rejected: [] });
        expect(model.deselect(['nope', rows[8]]).removed).toEqual(['0038']);
        expect(model.selectAllLoaded(rows.slice(0, 4)).added).toEqual(['0030', '0031', '0032', '0033']);
        expect(model.clear().removed).toEqual(['0030', '0031', '0032', '0033']);
        expect(model.SelectedRowCount).toBe(0);
    });

    it('enforces maxRowSelection', () => {
        const model = new SelectionModel({ maxRowSelection: 2 });
        expect(model.select(rows.slice(0, 4))).toEqual({
            added: ['0030', '0031'],
            removed: [],
            rejected: ['0032', '0033']
        });
        expect(model.selectAllLoaded(rows).rejected).toHaveLength(8);
        const none = new SelectionModel({ maxRowSelection: 0 });
        expect(none.select(rows[0]).rejected).toEqual(['0030']);
        expect(new SelectionModel({ maxRowSelection: -1 }).maxRowSelection).toBe(Infinity);
    });

    it('single select replaces the selection', () => {
        const model = new SelectionModel({ maxRowSelection: 1 });
        model.select(rows[0]);
        const change = model.select([rows[1], rows[2]]);
        expect(change).toEqual({ added: ['0032'], removed: ['0030'], rejected: ['0031'] });
        expect(model.SelectedRowsKeyValue).toEqual(['0032']);
        expect(model.select(rows[2]).added).toEqual([]);
        expect(model.selectAllLoaded(rows).added).toEqual([]);
        expect(model.toggle(rows[2]).removed).toEqual(['0032']);
        expect(model.toggle(rows[3]).added).toEqual(['0033']);
    });

    it('deselects by key or row, clears, toggles and ignores rows without a key', () => {
        const model = new SelectionModel({ keyField: 'Name' });
        model.select([rows[0], rows[1], { Name: '' }, { Id: 'x' }]);
        expect(model.SelectedRowsKeyValue).toEqual(['Contact 0', 'Contact 1']);
        expect(model.keyOf({ Name: null })).toBeUndefined();
        expect(model.isSelected('Contact 0')).toBe(true);
        expect(model.deselect(rows[0]).removed).toEqual(['Contact 0']);
        expect(model.deselect('Contact 1').removed).toEqual(['Contact 1']);
        expect(model.deselect('nope').removed).toEqual([]);
        model.toggle(rows[2]);
        expect(model.isSelected('Contact 2')).toBe(true);
        expect(model.clear().removed).toEqual(['Contact 2']);
        expect(model.toggle({ Id: 'no name' }).added).toEqual([]);
    });

    it('notifies subscribers of changes only', () => {
        const model = new SelectionModel();
        const listener = jest.fn();
        const unsubscribe = model.subscribe(listener);
        model.select(rows[0]);
        model.select(rows[0]);
        model.deselect('missing');
        expect(listener).toHaveBeenCalledTimes(1);
        expect(listener).toHaveBeenCalledWith({ added: ['0030'], removed: [], rejected: [] });
        unsubscribe();
        model.clear();
        expect(listener).toHaveBeenCalledTimes(1);
    });

    it('keeps working when a listener throws', () => {
        const model = new SelectionModel();
        const errorSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        model.subscribe(() => {
            throw new Error('view broke');
        });
        model.select(rows[0]);
        expect(model.SelectedRowCount).toBe(1);
        expect(errorSpy).toHaveBeenCalledWith('SelectionModel listener failed', expect.any(Error));
        errorSpy.mockRestore();
    });

    it('handles 50,000 selected rows by key', () => {
        const many = Array.from({ length: 50_000 }, (_, i) => ({ Id: `a${i}` }));
        const model = new SelectionModel({ maxRowSelection: 50_000 });
        model.selectAllLoaded(many);
        expect(model.SelectedRowCount).toBe(50_000);
        expect(model.SelectedRowsKeyValue[49_999]).toBe('a49999');
        expect(model.selectAllLoaded([{ Id: 'extra' }]).rejected).toEqual(['extra']);
    });
});

describe('SelectionModel: select all matching', () => {
    const page = rows.slice(0, 5);
    const more = rows.slice(5);

    it('selects the loaded rows, counts the server total, and sends query + search + exclusions, not Ids', () => {
        const model = new SelectionModel({ keyField: 'Id' });
        const seen: number[] = [];
        model.subscribe(() => seen.push(model.SelectedRowCount));
        model.selectAllMatching(25000, 'ann', page);
        expect(model.isAllMatching).toBe(true);
        expect(model.SelectedRowCount).toBe(25000);
        expect(model.SelectedRowsKeyValue).toEqual(page.map((r) => r.Id));
        expect(model.getProperty(['MatchingSelection'])).toEqual({
            searchTerm: 'ann',
            excludedIds: [],
            expectedCount: 25000
        });
        expect(seen).toEqual([25000]);
    });

    it('unticking a row excludes it (loaded or not), ticking it again takes it back; later pages come selected', () => {
        const model = new SelectionModel({ keyField: 'Id' });
        model.selectAllMatching(25000, null, page);
        model.deselect(['0031', '003999']);
        expect(model.isSelected('0031')).toBe(false);
        expect(model.SelectedRowCount).toBe(24998);
        expect(model.MatchingSelection).toEqual({
            searchTerm: null,
            excludedIds: ['0031', '003999'],
            expectedCount: 24998
        });
        model.select(rows[1]);
        expect(model.isSelected('0031')).toBe(true);
        expect(model.SelectedRowCount).toBe(24999);
        expect(model.MatchingSelection!.excludedIds).toEqual(['003999']);
        // the next page loads: its rows are selected (the view hands them over with refreshRows)
        expect(model.refreshRows([...page, ...more])).toBe(10);
        expect(model.SelectedRowsKeyValue).toHaveLength(10);
        expect(model.isSelected('0039')).toBe(true);
    });

    it('clear() ends it; endMatching() keeps the loaded rows as an ordinary selection', () => {
        const model = new SelectionModel({ keyField: 'Id' });
        model.selectAllMatching(100, null, page);
        model.endMatching();
        expect(model.isAllMatching).toBe(false);
        expect(model.SelectedRowCount).toBe(5);
        expect(model.MatchingSelection).toBeNull();
        model.selectAllMatching(100, null, page);
        model.clear();
        expect(model.isAllMatching).toBe(false);
        expect(model.SelectedRowCount).toBe(0);
        expect(model.getProperty(['MatchingSelection'])).toBeNull();
        // a cleared model does not select newly loaded rows
        expect(model.refreshRows(more)).toBe(0);
    });

    it('is refused for single select, a cap below the total, or no rows', () => {
        expect(new SelectionModel({ maxRowSelection: 1 }).selectAllMatching(10, null, page).added).toEqual([]);
        const capped = new SelectionModel({ maxRowSelection: 500 });
        capped.selectAllMatching(25000, null, page);
        expect(capped.isAllMatching).toBe(false);
        expect(capped.size).toBe(0);
        const empty = new SelectionModel();
        empty.selectAllMatching(0, null, []);
        expect(empty.isAllMatching).toBe(false);
    });
});
