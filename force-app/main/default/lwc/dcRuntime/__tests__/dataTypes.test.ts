import { coerceValue, DataTypeError, describeValue, getPath, isPlainRecord } from 'c/dcRuntime';

function errorOf(run: () => unknown): DataTypeError {
    try {
        run();
    } catch (e) {
        expect(e).toBeInstanceOf(DataTypeError);
        return e as DataTypeError;
    }
    throw new Error('expected a DataTypeError');
}

describe('coerceValue', () => {
    it.each([
        ['Text', 'a', 'a'],
        ['Text', 12, '12'],
        ['Text', false, 'false'],
        ['Text', new Date(Date.UTC(2026, 0, 1)), '2026-01-01T00:00:00.000Z'],
        ['Text', '', ''],
        ['Number', 3, 3],
        ['Number', ' 4.5 ', 4.5],
        ['Number', '', null],
        ['Currency', '10', 10],
        ['Boolean', true, true],
        ['Boolean', 'TRUE', true],
        ['Boolean', 'false', false],
        ['Date', '2026-02-28', '2026-02-28'],
        ['Date', '2026-02-28T10:00:00Z', '2026-02-28'],
        ['Date', new Date(2026, 1, 3), '2026-02-03'],
        ['DateTime', '2026-02-28T10:00:00Z', '2026-02-28T10:00:00Z'],
        ['DateTime', '2026-02-28', '2026-02-28T00:00:00.000Z'],
        ['DateTime', new Date(Date.UTC(2026, 1, 3, 4)), '2026-02-03T04:00:00.000Z'],
        ['Record', { Id: '1' }, { Id: '1' }],
        ['Number', null, null],
        ['Text', undefined, null]
    ] as const)('%s accepts %p', (dataType, value, expected) => {
        expect(coerceValue(value, dataType)).toEqual(expected);
    });

    it.each([
        ['Number', 'abc', "updatedCount is a Number variable; cannot store 'abc'"],
        ['Number', true, 'cannot store true'],
        ['Number', Infinity, 'cannot store Infinity'],
        ['Boolean', 'yes', "cannot store 'yes'"],
        ['Boolean', 1, 'cannot store 1'],
        ['Date', '2026-02-30', "cannot store '2026-02-30'"],
        ['Date', 'tomorrow', "cannot store 'tomorrow'"],
        ['Date', new Date(NaN), 'cannot store Invalid Date'],
        ['DateTime', 'soon', "cannot store 'soon'"],
        ['Record', 'x', "cannot store 'x'"],
        ['Text', { a: 1 }, 'cannot store a record']
    ] as const)('%s rejects %p', (dataType, value, message) => {
        const error = errorOf(() => coerceValue(value, dataType, { subject: 'updatedCount is a Number variable' }));
        expect(error.message).toContain(message);
        expect(error.code).toBe('TYPE_MISMATCH');
    });

    it('uses a default subject and the given verb', () => {
        expect(errorOf(() => coerceValue('x', 'Number')).message).toBe("The value is a Number; cannot store 'x'");
        expect(errorOf(() => coerceValue('x', 'Number', { verb: 'pass', subject: 'Input A' })).message).toBe(
            "Input A; cannot pass 'x'"
        );
        expect(errorOf(() => coerceValue('x', 'Blob' as never)).message).toContain("unknown data type 'Blob'");
    });

    it('handles collections', () => {
        const ids = Object.freeze(['a', 'b']);
        expect(coerceValue(ids, 'Text', { isCollection: true })).toBe(ids);
        expect(coerceValue([1, '2', null, ''], 'Number', { isCollection: true })).toEqual([1, 2, null, null]);
        expect(coerceValue(null, 'Text', { isCollection: true })).toEqual([]);
        const single = errorOf(() =>
            coerceValue('a', 'Text', { isCollection: true, subject: 'ids is a Text collection variable' })
        );
        expect(single.message).toBe(
            "ids is a Text collection variable; cannot store the single value 'a' — a list is expected"
        );
        expect(single.code).toBe('COLLECTION_MISMATCH');
        const item = errorOf(() => coerceValue([1, 'x'], 'Number', { isCollection: true }));
        expect(item.message).toContain("cannot store 'x' (item 2)");
        const list = errorOf(() => coerceValue(['a', 'b'], 'Text'));
        expect(list.message).toContain('cannot store a list of 2 values — it holds a single value, not a collection');
        expect(list.code).toBe('COLLECTION_MISMATCH');
    });
});

describe('helpers', () => {
    it('describeValue shortens long text', () => {
        expect(describeValue('x'.repeat(100)).length).toBeLessThan(70);
        expect(describeValue([1])).toBe('a list of 1 value');
    });

    it('getPath walks objects, case-insensitively, ignoring prototypes', () => {
        const value = { Account: { Name: 'Acme' }, list: [1] };
        expect(getPath(value, ['Account', 'Name'])).toBe('Acme');
        expect(getPath(value, ['account', 'name'])).toBe('Acme');
        expect(getPath(value, ['Account', 'Missing'])).toBeUndefined();
        expect(getPath(value, ['list', 'length'])).toBeUndefined();
        expect(getPath(value, ['constructor'])).toBeUndefined();
        expect(getPath(null, ['a'])).toBeUndefined();
        expect(getPath(value, [])).toBe(value);
    });

    it('isPlainRecord', () => {
        expect(isPlainRecord({})).toBe(true);
        expect(isPlainRecord([])).toBe(false);
        expect(isPlainRecord(new Date())).toBe(false);
        expect(isPlainRecord(null)).toBe(false);
    });
});
