import {
    PathError,
    adjustPathForEdit,
    applyEdit,
    formatPath,
    getAt,
    hasPath,
    insertAt,
    isWithin,
    joinPath,
    lastSegment,
    moveAt,
    parentPath,
    parsePath,
    removeAt,
    setAt
} from '../paths';
import type { BuilderEdit } from '../types';

function sample(): Record<string, unknown> {
    return {
        apiName: 'Board',
        queries: [{ name: 'contacts', fields: ['Name', 'Email'] }],
        interactions: [
            {
                id: 'a',
                do: [{ type: 'refreshQueries' }, { type: 'executeFlow', inputs: [{ name: 'ids', value: 'x' }] }]
            }
        ],
        components: [{ name: 't', columns: [{ field: 'Name' }] }]
    };
}

describe('parsePath / formatPath', () => {
    it('parses the validator notation', () => {
        expect(parsePath('')).toEqual([]);
        expect(parsePath('apiName')).toEqual(['apiName']);
        expect(parsePath('interactions[0].do[1].inputs[0]')).toEqual(['interactions', 0, 'do', 1, 'inputs', 0]);
        expect(parsePath('$schema')).toEqual(['$schema']);
        expect(parsePath('queries[0]["odd key"].x')).toEqual(['queries', 0, 'odd key', 'x']);
        expect(parsePath('[2]')).toEqual([2]);
        expect(parsePath('a["with \\"quote\\""]')).toEqual(['a', 'with "quote"']);
    });

    it('formats segments back to the same text', () => {
        for (const p of ['', 'apiName', 'interactions[0].do[1].inputs[0].value', 'a["odd key"][3].b', '$schema']) {
            expect(formatPath(parsePath(p))).toBe(p);
        }
        expect(formatPath(['a', 'b c', 0])).toBe('a["b c"][0]');
    });

    it('names the position of what does not parse', () => {
        expect(() => parsePath('queries[x]')).toThrow(
            "'queries[x]' is not a valid path: a list index was expected at position 9."
        );
        expect(() => parsePath('queries[0')).toThrow("']' was expected");
        expect(() => parsePath('a..b')).toThrow('a property name was expected at position 3');
        expect(() => parsePath('a[01]')).toThrow('no leading zeros');
        expect(() => parsePath('a["open]')).toThrow('unterminated quoted name');
        expect(() => parsePath('1abc')).toThrow(PathError);
        expect(() => parsePath('a b')).toThrow("unexpected ' '");
    });

    it('joins, splits and compares paths on segment boundaries', () => {
        expect(joinPath('queries[0]', 'fields', 2)).toBe('queries[0].fields[2]');
        expect(joinPath('', 'queries')).toBe('queries');
        expect(parentPath('queries[0].fields[2]')).toBe('queries[0].fields');
        expect(parentPath('apiName')).toBe('');
        expect(lastSegment('queries[0]')).toBe(0);
        expect(lastSegment('')).toBeUndefined();
        expect(isWithin('queries[0].fields[1]', 'queries[0]')).toBe(true);
        expect(isWithin('queries[10]', 'queries[1]')).toBe(false);
        expect(isWithin('queries[1]', 'queries[1]')).toBe(true);
        expect(isWithin('queriesX', 'queries')).toBe(false);
        expect(isWithin('anything', '')).toBe(true);
    });
});

describe('getAt / hasPath', () => {
    it('reads values and reports absence', () => {
        const doc = sample();
        expect(getAt(doc, 'queries[0].fields[1]')).toBe('Email');
        expect(getAt(doc, 'interactions[0].do[1].inputs[0].name')).toBe('ids');
        expect(getAt(doc, 'queries[3].name')).toBeUndefined();
        expect(getAt(doc, 'apiName.length')).toBeUndefined();
        expect(getAt(doc, '')).toBe(doc);
        expect(hasPath(doc, 'queries[0]')).toBe(true);
        expect(hasPath(doc, 'queries[1]')).toBe(false);
        expect(hasPath({ a: null }, 'a')).toBe(true);
        expect(hasPath(doc, 'toString')).toBe(false);
    });
});

describe('setAt', () => {
    it('copies only the way to the change (structural sharing)', () => {
        const doc = sample();
        const next = setAt(doc, 'interactions[0].do[1].inputs[0].value', '{!t.SelectedRowsKeyValue}');
        expect(next).not.toBe(doc);
        expect(getAt(next, 'interactions[0].do[1].inputs[0].value')).toBe('{!t.SelectedRowsKeyValue}');
        expect(getAt(doc, 'interactions[0].do[1].inputs[0].value')).toBe('x');
        expect(next.queries).toBe(doc.queries);
        expect(next.components).toBe(doc.components);
        expect(getAt(next, 'interactions[0].do[0]')).toBe(getAt(doc, 'interactions[0].do[0]'));
        expect(getAt(next, 'interactions[0].do[1]')).not.toBe(getAt(doc, 'interactions[0].do[1]'));
    });

    it('returns the same document when nothing changes', () => {
        const doc = sample();
        expect(setAt(doc, 'apiName', 'Board')).toBe(doc);
        expect(setAt(doc, 'description', undefined)).toBe(doc);
    });

    it('removes a property or list item when the value is undefined', () => {
        const doc = sample();
        const noName = setAt(doc, 'apiName', undefined);
        expect('apiName' in noName).toBe(false);
        const oneField = setAt(doc, 'queries[0].fields[0]', undefined);
        expect(getAt(oneField, 'queries[0].fields')).toEqual(['Email']);
    });

    it('creates missing objects on the way and appends at the list length', () => {
        const doc = sample();
        const withWhere = setAt(doc, 'queries[0].where.logic', 'OR');
        expect(getAt(withWhere, 'queries[0].where')).toEqual({ logic: 'OR' });
        const appended = setAt(doc, 'queries[0].fields[2]', 'Phone');
        expect(getAt(appended, 'queries[0].fields')).toEqual(['Name', 'Email', 'Phone']);
    });

    it('replaces the whole document at the root path', () => {
        const doc = sample();
        const other = { apiName: 'Other' };
        expect(setAt(doc, '', other)).toBe(other);
        expect(() => setAt(doc, '', [1])).toThrow('The definition must be an object, not a list.');
    });

    it('refuses paths through the wrong kind of value', () => {
        const doc = sample();
        expect(() => setAt(doc, 'queries.name', 'x')).toThrow(
            "Cannot reach 'name' in 'queries.name': queries is a list, not an object."
        );
        expect(() => setAt(doc, 'apiName[0]', 'x')).toThrow(
            'Cannot use list index [0] in \'apiName[0]\': apiName is the string "Board", not a list.'
        );
        expect(() => setAt(doc, 'queries[5].name', 'x')).toThrow("'queries[5].name' points past the end");
        expect(() => setAt(doc, 'queries[0].fields[7]', 'x')).toThrow('points past the end of the list (2 items)');
        expect(() => setAt(doc, 'missing[0]', 'x')).toThrow('missing is nothing, not a list');
    });
});

describe('insertAt / removeAt / moveAt', () => {
    it('inserts at an index, at the end, and into a missing list', () => {
        const doc = sample();
        expect(getAt(insertAt(doc, 'queries[0].fields', 'Id', 0), 'queries[0].fields')).toEqual([
            'Id',
            'Name',
            'Email'
        ]);
        expect(getAt(insertAt(doc, 'queries[0].fields', 'Phone'), 'queries[0].fields')).toEqual([
            'Name',
            'Email',
            'Phone'
        ]);
        expect(getAt(insertAt(doc, 'resources', { name: 'r' }), 'resources')).toEqual([{ name: 'r' }]);
        expect(doc.resources).toBeUndefined();
    });

    it('refuses bad insert positions and non-lists', () => {
        const doc = sample();
        expect(() => insertAt(doc, 'queries[0].fields', 'X', 5)).toThrow(
            "Cannot insert at position 5 of 'queries[0].fields': it has 2 items."
        );
        expect(() => insertAt(doc, 'queries[0].fields', 'X', -1)).toThrow('position -1');
        expect(() => insertAt(doc, 'apiName', 'X')).toThrow("Cannot insert into 'apiName': it is the string");
        expect(() => insertAt(doc, '', 'X')).toThrow('Cannot insert into the definition itself');
    });

    it('removes list items and properties, and refuses to remove nothing', () => {
        const doc = sample();
        const next = removeAt(doc, 'interactions[0].do[0]');
        expect(getAt(next, 'interactions[0].do')).toHaveLength(1);
        expect(getAt(next, 'interactions[0].do[0].type')).toBe('executeFlow');
        expect('components' in removeAt(doc, 'components')).toBe(false);
        expect(() => removeAt(doc, 'queries[4]')).toThrow("There is nothing at 'queries[4]' to remove.");
        expect(() => removeAt(doc, 'description')).toThrow("There is nothing at 'description' to remove.");
        expect(() => removeAt(doc, '')).toThrow('Cannot remove the definition itself.');
    });

    it('moves list items within their list', () => {
        const doc = { list: ['a', 'b', 'c', 'd'] };
        expect(moveAt(doc, 'list[0]', 2).list).toEqual(['b', 'c', 'a', 'd']);
        expect(moveAt(doc, 'list[3]', 0).list).toEqual(['d', 'a', 'b', 'c']);
        expect(moveAt(doc, 'list[1]', 1)).toBe(doc);
        expect(() => moveAt(doc, 'list[1]', 4)).toThrow("Cannot move 'list[1]' to position 4: the list has 4 items.");
        expect(() => moveAt(doc, 'list[9]', 0)).toThrow("There is nothing at 'list[9]' to move.");
        expect(() => moveAt(doc, 'list', 0)).toThrow("Only list items can be moved; 'list' is not one.");
    });
});

describe('applyEdit', () => {
    it('applies each kind of edit', () => {
        const doc = sample();
        expect(applyEdit(doc, { op: 'set', path: 'label', value: 'Board' }).label).toBe('Board');
        const inserted = applyEdit(doc, { op: 'insert', path: 'components[0].columns', value: { field: 'Email' } });
        expect(getAt(inserted, 'components[0].columns[1]')).toEqual({ field: 'Email' });
        const removed = applyEdit(doc, { op: 'remove', path: 'components[0].columns[0]' });
        expect(getAt(removed, 'components[0].columns')).toEqual([]);
        const moved = applyEdit(doc, { op: 'move', path: 'queries[0].fields[1]', to: 0 });
        expect(getAt(moved, 'queries[0].fields')).toEqual(['Email', 'Name']);
    });

    it('gives a clear error for a bad path or a malformed edit, and changes nothing', () => {
        const doc = sample();
        const before = JSON.stringify(doc);
        expect(() => applyEdit(doc, { op: 'set', path: 'queries[0]]', value: 1 })).toThrow(
            "'queries[0]]' is not a valid path: unexpected ']' at position 11."
        );
        expect(() => applyEdit(doc, { op: 'nope', path: 'a' } as unknown as BuilderEdit)).toThrow(
            "An edit must be { op: 'set' | 'insert' | 'remove' | 'move', path, ... }"
        );
        expect(() => applyEdit(doc, { op: 'set' } as unknown as BuilderEdit)).toThrow('The set edit has no path');
        expect(() => applyEdit(doc, null as unknown as BuilderEdit)).toThrow(PathError);
        expect(JSON.stringify(doc)).toBe(before);
    });

    it('carries the path on the error', () => {
        let error: unknown;
        try {
            applyEdit(sample(), { op: 'remove', path: 'queries[9]' });
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(PathError);
        expect((error as PathError).path).toBe('queries[9]');
    });
});

describe('adjustPathForEdit', () => {
    it('follows inserts, removals and moves of list items', () => {
        const at = 'components[0].columns[2].label';
        expect(adjustPathForEdit(at, { op: 'insert', path: 'components[0].columns', value: {}, index: 1 })).toBe(
            'components[0].columns[3].label'
        );
        expect(adjustPathForEdit(at, { op: 'insert', path: 'components[0].columns', value: {}, index: 3 })).toBe(at);
        expect(adjustPathForEdit(at, { op: 'insert', path: 'components[0].columns', value: {} })).toBe(at);
        expect(adjustPathForEdit(at, { op: 'remove', path: 'components[0].columns[0]' })).toBe(
            'components[0].columns[1].label'
        );
        expect(adjustPathForEdit(at, { op: 'remove', path: 'components[0].columns[2]' })).toBeUndefined();
        expect(adjustPathForEdit(at, { op: 'set', path: 'components[0]', value: undefined })).toBeUndefined();
        expect(adjustPathForEdit(at, { op: 'remove', path: 'components[0].columns[3]' })).toBe(at);
        expect(adjustPathForEdit(at, { op: 'remove', path: 'components[1]' })).toBe(at);
        expect(adjustPathForEdit(at, { op: 'move', path: 'components[0].columns[2]', to: 0 })).toBe(
            'components[0].columns[0].label'
        );
        expect(adjustPathForEdit(at, { op: 'move', path: 'components[0].columns[0]', to: 4 })).toBe(
            'components[0].columns[1].label'
        );
        expect(adjustPathForEdit(at, { op: 'move', path: 'components[0].columns[4]', to: 1 })).toBe(
            'components[0].columns[3].label'
        );
        expect(adjustPathForEdit(at, { op: 'move', path: 'components[0].columns[4]', to: 3 })).toBe(at);
        expect(adjustPathForEdit(at, { op: 'set', path: 'components[0].columns[2].label', value: 'x' })).toBe(at);
        expect(adjustPathForEdit('components', { op: 'remove', path: 'components[0]' })).toBe('components');
        expect(adjustPathForEdit('bad[', { op: 'remove', path: 'components[0]' })).toBe('bad[');
    });
});
