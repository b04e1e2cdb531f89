import { DraftHistory, describePath, editLabel } from '../history';
import { applyEditKeepingReferences } from '../nodes';
import { getAt, PathError } from '../paths';

function clock(): { now: () => number; advance: (ms: number) => void } {
    let t = 1000;
    return { now: () => t, advance: (ms) => (t += ms) };
}

const DOC = Object.freeze({
    schemaVersion: 1,
    apiName: 'Board',
    label: 'Board',
    queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
    components: [{ name: 'table', type: 'dataTable', query: 'contacts', columns: [{ field: 'Name' }] }]
}) as Record<string, unknown>;

describe('DraftHistory', () => {
    it('applies edits, undoes and redoes them', () => {
        const h = new DraftHistory(DOC);
        expect(h.canUndo).toBe(false);
        expect(h.canRedo).toBe(false);
        h.apply({ op: 'set', path: 'label', value: 'Contacts' });
        h.apply({ op: 'insert', path: 'components[0].columns', value: { field: 'Email' } });
        expect(h.doc.label).toBe('Contacts');
        expect(getAt(h.doc, 'components[0].columns')).toHaveLength(2);
        expect(h.labels.undo).toEqual(['Change label', 'Add column']);
        expect(h.undoLabel).toBe('Add column');

        expect(h.undo()).toBe('Add column');
        expect(getAt(h.doc, 'components[0].columns')).toHaveLength(1);
        expect(h.canRedo).toBe(true);
        expect(h.redoLabel).toBe('Add column');
        expect(h.pathOfLastUndo()).toBe('components[0].columns');
        expect(h.undo()).toBe('Change label');
        expect(h.doc).toBe(DOC);
        expect(h.undo()).toBeUndefined();
        expect(h.labels.redo).toEqual(['Change label', 'Add column']);

        expect(h.redo()).toBe('Change label');
        expect(h.redo()).toBe('Add column');
        expect(h.redo()).toBeUndefined();
        expect(h.doc.label).toBe('Contacts');
        expect(h.pathOfLastStep()).toBe('components[0].columns');
    });

    it('drops the redo steps when a new edit follows an undo', () => {
        const h = new DraftHistory(DOC);
        h.apply({ op: 'set', path: 'label', value: 'A' });
        h.undo();
        h.apply({ op: 'set', path: 'apiName', value: 'B' });
        expect(h.canRedo).toBe(false);
        expect(h.labels.undo).toEqual(['Change API name']);
    });

    it('merges consecutive typing into one field into one undo step', () => {
        const c = clock();
        const h = new DraftHistory(DOC, { now: c.now });
        for (const value of ['C', 'Co', 'Con', 'Cont']) {
            h.apply({ op: 'set', path: 'label', value });
            c.advance(200);
        }
        expect(h.labels.undo).toEqual(['Change label']);
        expect(h.doc.label).toBe('Cont');
        h.undo();
        expect(h.doc.label).toBe('Board');
    });

    it('starts a new step for another field, after a pause, after breakMerge, and for non-text values', () => {
        const c = clock();
        const h = new DraftHistory(DOC, { now: c.now, mergeWindowMs: 500 });
        h.apply({ op: 'set', path: 'label', value: 'A' });
        h.apply({ op: 'set', path: 'apiName', value: 'A' });
        c.advance(600);
        h.apply({ op: 'set', path: 'apiName', value: 'AB' });
        h.breakMerge();
        h.apply({ op: 'set', path: 'apiName', value: 'ABC' });
        h.apply({ op: 'set', path: 'components[0].showSearch', value: true });
        h.apply({ op: 'set', path: 'components[0].showSearch', value: false });
        expect(h.labels.undo).toHaveLength(6);
    });

    it('merges number typing too, and keeps an explicit label', () => {
        const h = new DraftHistory(DOC);
        h.apply({ op: 'set', path: 'components[0].maxRowSelection', value: 5, label: 'Set max row selection' });
        h.apply({ op: 'set', path: 'components[0].maxRowSelection', value: 50 });
        expect(h.labels.undo).toEqual(['Set max row selection']);
    });

    it('does not merge into a step that was undone and redone', () => {
        const h = new DraftHistory(DOC);
        h.apply({ op: 'set', path: 'label', value: 'A' });
        h.undo();
        h.redo();
        h.apply({ op: 'set', path: 'label', value: 'AB' });
        expect(h.labels.undo).toHaveLength(2);
    });

    it('forgets a typing step that ends where it started', () => {
        const h = new DraftHistory(DOC);
        h.apply({ op: 'set', path: 'label', value: 'Boar' });
        h.apply({ op: 'set', path: 'label', value: 'Board' });
        expect(h.canUndo).toBe(false);
        expect(h.doc).toBe(DOC);
        expect(h.dirty).toBe(false);
    });

    it('records nothing for an edit that changes nothing, and nothing for a bad edit', () => {
        const h = new DraftHistory(DOC);
        h.apply({ op: 'set', path: 'label', value: 'Board' });
        expect(h.canUndo).toBe(false);
        expect(() => h.apply({ op: 'remove', path: 'queries[3]' })).toThrow(PathError);
        expect(h.canUndo).toBe(false);
        expect(h.doc).toBe(DOC);
    });

    it('tracks dirty against the saved snapshot by content', () => {
        const h = new DraftHistory(DOC);
        expect(h.dirty).toBe(false);
        h.apply({ op: 'set', path: 'label', value: 'X' });
        expect(h.dirty).toBe(true);
        h.undo();
        expect(h.dirty).toBe(false);
        h.redo();
        h.markSaved();
        expect(h.dirty).toBe(false);
        h.undo();
        expect(h.dirty).toBe(true);
        // the same content in another key order is clean
        h.reset({ label: 'Board', apiName: 'Board' }, { apiName: 'Board', label: 'Board' });
        expect(h.dirty).toBe(false);
        expect(h.canUndo).toBe(false);
    });

    it('is always dirty when never saved', () => {
        const h = new DraftHistory(DOC, { saved: null });
        expect(h.dirty).toBe(true);
        h.reset(DOC, null);
        expect(h.dirty).toBe(true);
        h.markSaved();
        expect(h.dirty).toBe(false);
    });

    it('keeps at most `limit` steps', () => {
        const h = new DraftHistory(DOC, { limit: 3 });
        for (let i = 0; i < 5; i++) h.apply({ op: 'set', path: 'components[0].showSearch', value: i % 2 === 0 });
        expect(h.labels.undo).toHaveLength(3);
    });

    it('renames from the start of a typing run, so intermediate names cannot capture references', () => {
        const doc = {
            ...DOC,
            resources: [{ name: 'tab', kind: 'variable', dataType: 'Text' }],
            interactions: [
                {
                    id: 'i',
                    on: { event: 'selectionChange', target: 'table' },
                    do: [{ type: 'showToast', title: '{!table.SelectedRowCount} and {!tab}' }]
                }
            ]
        };
        const h = new DraftHistory(doc, { applier: (d, e) => applyEditKeepingReferences(d, e).doc });
        // typing 'table' → 'tab' (taken by the resource: references stay) → 'tabl' → 'tablet'
        for (const value of ['tabl', 'tab', 'tabl', 'table2']) {
            h.apply({ op: 'set', path: 'components[0].name', value });
        }
        expect(getAt(h.doc, 'interactions[0].on.target')).toBe('table2');
        expect(getAt(h.doc, 'interactions[0].do[0].title')).toBe('{!table2.SelectedRowCount} and {!tab}');
        expect(h.labels.undo).toEqual(['Change name']);
        h.undo();
        expect(h.doc).toBe(doc);
    });
});

describe('labels', () => {
    it('describes paths and edits in words', () => {
        expect(describePath('')).toBe('definition');
        expect(describePath('components[0].columns[2]')).toBe('column');
        expect(describePath('components[0].maxRowSelection')).toBe('max row selection');
        expect(describePath('interactions[0].do[0].flowApiName')).toBe('flow');
        expect(describePath('interactions[0].do[0].onFinish[1]')).toBe('On Finish action');
        expect(describePath('x[3]')).toBe('item');
        expect(describePath('a["b c"]')).toBe('property');
        expect(editLabel({ op: 'set', path: 'label', value: undefined })).toBe('Remove label');
        expect(editLabel({ op: 'insert', path: 'interactions', value: {} })).toBe('Add interaction');
        expect(editLabel({ op: 'insert', path: 'x.unknownList', value: {} })).toBe('Add item');
        expect(editLabel({ op: 'remove', path: 'queries[1]' })).toBe('Remove query');
        expect(editLabel({ op: 'move', path: 'queries[0].where.conditions[1]', to: 0 })).toBe('Move condition');
        expect(editLabel({ op: 'move', path: 'a[1]', to: 0, label: 'Reorder' })).toBe('Reorder');
    });
});
