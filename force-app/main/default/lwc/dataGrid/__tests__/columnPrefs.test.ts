import {
    EMPTY_PREFS,
    PREFS_VERSION,
    isEmptyPrefs,
    loadPrefs,
    parsePrefs,
    prefsKey,
    savePrefs,
    serializePrefs,
    withVisible,
    withWidth,
    withWrap
} from '../columnPrefs';
import type { PrefsStorage } from '../columnPrefs';

const PATHS = ['Name', 'Email', 'Account.Name'];

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

describe('column preferences', () => {
    it('are kept per definition and table', () => {
        expect(prefsKey('Contact_Status_Board', 'contactsTable')).toBe(
            'dynamicComponents.columns:Contact_Status_Board:contactsTable'
        );
        expect(prefsKey('A', 't')).not.toBe(prefsKey('B', 't'));
    });

    it('round-trip through storage', () => {
        const storage = memoryStorage();
        let prefs = withWidth(EMPTY_PREFS, 'Email', 240);
        prefs = withVisible(prefs, PATHS, 'Account.Name', false);
        prefs = withWrap(prefs, 'Name', true);
        expect(savePrefs(storage, 'k', prefs)).toBe(true);
        expect(JSON.parse(storage.data.get('k')!).v).toBe(PREFS_VERSION);
        expect(loadPrefs(storage, 'k', PATHS)).toEqual({
            widths: { Email: 240 },
            hidden: ['Account.Name'],
            wrap: { Name: true }
        });
        // nothing left to remember: the entry goes
        expect(savePrefs(storage, 'k', EMPTY_PREFS)).toBe(true);
        expect(storage.data.has('k')).toBe(false);
    });

    it('ignore corrupt or foreign data', () => {
        for (const text of [null, '', '{', 'null', '[]', '"x"', '42', JSON.stringify({ widths: { Name: 100 } })]) {
            expect(parsePrefs(text, PATHS)).toBe(EMPTY_PREFS);
        }
        // another version is not misread
        expect(parsePrefs(JSON.stringify({ v: PREFS_VERSION + 1, widths: { Name: 100 } }), PATHS)).toBe(EMPTY_PREFS);
        // wrong shapes inside are dropped, the rest kept
        const mixed = parsePrefs(
            JSON.stringify({
                v: PREFS_VERSION,
                widths: { Name: '100', Email: 120, 'Account.Name': Number.MAX_VALUE },
                hidden: 'Email',
                wrap: { Name: 'yes', Email: false }
            }),
            PATHS
        );
        expect(mixed).toEqual({ widths: { Email: 120 }, hidden: [], wrap: { Email: false } });
    });

    it('ignore what no longer fits the definition: removed columns, widths out of range, every column hidden', () => {
        const stored = serializePrefs({
            widths: { Name: 20, Email: 1200, Phone: 200, 'Account.Name': 333.4 },
            hidden: ['Phone', 'Email', 'Email'],
            wrap: { Phone: true, Name: true }
        });
        expect(parsePrefs(stored, PATHS)).toEqual({
            widths: { 'Account.Name': 333 },
            hidden: ['Email'],
            wrap: { Name: true }
        });
        const allHidden = serializePrefs({ widths: {}, hidden: ['Name', 'Email', 'Account.Name'], wrap: {} });
        expect(parsePrefs(allHidden, PATHS).hidden).toEqual([]);
    });

    it('read and write nothing when the storage throws (blocked, full)', () => {
        const broken: PrefsStorage = {
            getItem: () => {
                throw new Error('SecurityError');
            },
            setItem: () => {
                throw new Error('QuotaExceededError');
            },
            removeItem: () => {
                throw new Error('SecurityError');
            }
        };
        expect(loadPrefs(broken, 'k', PATHS)).toBe(EMPTY_PREFS);
        expect(savePrefs(broken, 'k', withWidth(EMPTY_PREFS, 'Name', 100))).toBe(false);
        expect(loadPrefs(undefined, 'k', PATHS)).toBe(EMPTY_PREFS);
        expect(savePrefs(undefined, 'k', EMPTY_PREFS)).toBe(false);
    });

    it('never hide the last visible column, and keep the columns in definition order', () => {
        let prefs = withVisible(EMPTY_PREFS, PATHS, 'Account.Name', false);
        prefs = withVisible(prefs, PATHS, 'Name', false);
        expect(prefs.hidden).toEqual(['Name', 'Account.Name']);
        expect(withVisible(prefs, PATHS, 'Email', false)).toBe(prefs);
        expect(withVisible(prefs, PATHS, 'Unknown', false)).toBe(prefs);
        expect(withVisible(prefs, PATHS, 'Name', true).hidden).toEqual(['Account.Name']);
        expect(isEmptyPrefs(EMPTY_PREFS)).toBe(true);
        expect(isEmptyPrefs(prefs)).toBe(false);
    });
});
