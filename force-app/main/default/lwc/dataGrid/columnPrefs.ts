/*
 * The user's column choices of one table: widths, hidden columns and wrap, remembered in localStorage per
 * definition and table. What is read back is validated: corrupt JSON, another version, a column the definition no
 * longer has, a width out of range or a choice that hides every column are ignored (the definition's defaults
 * apply), so a changed definition never breaks the table. Pure functions over a Storage-like object.
 */
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from './columnResize';

/** Bumped when the stored shape changes: older entries are ignored, not misread. */
export const PREFS_VERSION = 1;

export interface ColumnPrefs {
    /** User widths (px) by column path. */
    widths: Readonly<Record<string, number>>;
    /** Paths of the columns the user hid. */
    hidden: readonly string[];
    /** The user's wrap choice by column path (overrides the definition's wrap). */
    wrap: Readonly<Record<string, boolean>>;
}

export const EMPTY_PREFS: ColumnPrefs = Object.freeze({
    widths: Object.freeze({}),
    hidden: Object.freeze([]) as readonly string[],
    wrap: Object.freeze({})
}) as ColumnPrefs;

/** The part of the Web Storage API the preferences use (window.localStorage, or a stand-in in tests). */
export interface PrefsStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/** localStorage key of one table of one definition. */
export function prefsKey(definitionName: string, tableName: string): string {
    return `dynamicComponents.columns:${definitionName}:${tableName}`;
}

export function isEmptyPrefs(prefs: ColumnPrefs): boolean {
    return !Object.keys(prefs.widths).length && !prefs.hidden.length && !Object.keys(prefs.wrap).length;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The preferences in a stored text, kept only where they still fit the table's columns (paths in order); anything
 * unreadable yields EMPTY_PREFS.
 */
export function parsePrefs(text: string | null | undefined, paths: readonly string[]): ColumnPrefs {
    if (!text) return EMPTY_PREFS;
    let data: unknown;
    try {
        data = JSON.parse(text);
    } catch {
        return EMPTY_PREFS;
    }
    if (!isPlainObject(data) || data.v !== PREFS_VERSION) return EMPTY_PREFS;
    const known = new Set(paths);
    const widths: Record<string, number> = {};
    if (isPlainObject(data.widths)) {
        for (const [path, width] of Object.entries(data.widths)) {
            if (
                known.has(path) &&
                typeof width === 'number' &&
                Number.isFinite(width) &&
                width >= MIN_COLUMN_WIDTH &&
                width <= MAX_COLUMN_WIDTH
            )
                widths[path] = Math.round(width);
        }
    }
    let hidden: string[] = [];
    if (Array.isArray(data.hidden)) {
        hidden = [
            ...new Set(data.hidden.filter((path): path is string => typeof path === 'string' && known.has(path)))
        ];
        // at least one column stays visible
        if (hidden.length >= paths.length) hidden = [];
    }
    const wrap: Record<string, boolean> = {};
    if (isPlainObject(data.wrap)) {
        for (const [path, value] of Object.entries(data.wrap)) {
            if (known.has(path) && typeof value === 'boolean') wrap[path] = value;
        }
    }
    return { widths, hidden, wrap };
}

export function serializePrefs(prefs: ColumnPrefs): string {
    return JSON.stringify({ v: PREFS_VERSION, widths: prefs.widths, hidden: prefs.hidden, wrap: prefs.wrap });
}

/** Reads a table's preferences; a storage that throws (blocked, private mode) reads as none. */
export function loadPrefs(storage: PrefsStorage | undefined, key: string, paths: readonly string[]): ColumnPrefs {
    if (!storage) return EMPTY_PREFS;
    try {
        return parsePrefs(storage.getItem(key), paths);
    } catch {
        return EMPTY_PREFS;
    }
}

/** Stores a table's preferences (none: the entry is removed). False when the storage refused (full, blocked). */
export function savePrefs(storage: PrefsStorage | undefined, key: string, prefs: ColumnPrefs): boolean {
    if (!storage) return false;
    try {
        if (isEmptyPrefs(prefs)) storage.removeItem(key);
        else storage.setItem(key, serializePrefs(prefs));
        return true;
    } catch {
        return false;
    }
}

/** The browser's localStorage, or undefined where it cannot be reached. */
export function browserStorage(): PrefsStorage | undefined {
    try {
        return typeof window !== 'undefined' && window.localStorage ? window.localStorage : undefined;
    } catch {
        return undefined;
    }
}

// ------------------------------------------------------------------ changes (each returns new preferences)

export function withWidth(prefs: ColumnPrefs, path: string, width: number): ColumnPrefs {
    return { ...prefs, widths: { ...prefs.widths, [path]: width } };
}

/**
 * Shows or hides a column. Hiding the last visible column is refused (the same preferences come back): a table
 * always shows at least one column.
 */
export function withVisible(prefs: ColumnPrefs, paths: readonly string[], path: string, visible: boolean): ColumnPrefs {
    const hidden = new Set(prefs.hidden);
    if (visible) hidden.delete(path);
    else hidden.add(path);
    if (hidden.size >= paths.length || !paths.includes(path)) return prefs;
    return { ...prefs, hidden: paths.filter((p) => hidden.has(p)) };
}

export function withWrap(prefs: ColumnPrefs, path: string, wrap: boolean): ColumnPrefs {
    return { ...prefs, wrap: { ...prefs.wrap, [path]: wrap } };
}
