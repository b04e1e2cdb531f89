/*
 * SelectionModel: the row selection of one data table, keyed by the table's keyField.
 *
 * - The selection is a Map key → row (insertion ordered), so it survives paging, search, sort and refresh: rows
 *   that are not loaded any more stay selected by key. A refresh can update the stored row objects (updateRows).
 * - Every operation costs O(rows it is given) or O(selected); nothing copies the loaded row set. The derived
 *   values (SelectedRows, SelectedRowsKeyValue, selectedKeys) are built once per change and cached as frozen
 *   arrays, so reading {!table.SelectedRowsKeyValue} repeatedly (every render, every keystroke) costs O(1).
 * - maxRowSelection caps the selection (0 disables it, 1 is single select: selecting replaces the selection).
 * - "Select all" means **select all loaded rows**: the rows the table has loaded so far (the view passes them),
 *   up to maxRowSelection. Rows of pages not loaded yet are not selected; "deselect all" clears the selection,
 *   including rows selected on pages that are no longer loaded.
 */

import { TABLE_PROPERTIES as DEFINITION_TABLE_PROPERTIES } from 'c/dcDefinition';
import { getPath } from './dataTypes';

export type Row = Record<string, unknown>;

export interface SelectionOptions {
    /** Field whose value identifies a row; default Id. */
    keyField?: string;
    /** 0 disables selection, 1 is single select; default unlimited. */
    maxRowSelection?: number;
}

export interface SelectionChange {
    /** Keys added by the call. */
    added: string[];
    /** Keys removed by the call. */
    removed: string[];
    /** Keys refused because of maxRowSelection. */
    rejected: string[];
}

/** Every {!table.Property} of the definition format (c/dcDefinition's list: one place for the validator and here). */
export const TABLE_PROPERTIES = DEFINITION_TABLE_PROPERTIES;

/** The properties of the selection model itself; the host answers the others (tableHandle: LastSave*). */
const SELECTION_PROPERTIES: ReadonlySet<string> = new Set([
    'SelectedRows',
    'SelectedRowsKeyValue',
    'FirstSelectedRow',
    'SelectedRowCount'
]);

/** The table's properties its host answers (the counts of the last save); the Runtime answers ActionRow. */
const HOST_PROPERTIES: readonly string[] = TABLE_PROPERTIES.filter(
    (p) => !SELECTION_PROPERTIES.has(p) && p !== 'ActionRow'
);

/** The properties an unknown one is told to use instead; ActionRow exists in row actions only. */
const USABLE_PROPERTIES = TABLE_PROPERTIES.filter((p) => p !== 'ActionRow').join(', ');

export type SelectionListener = (change: SelectionChange) => void;

const EMPTY: readonly never[] = Object.freeze([]);

export class SelectionModel {
    readonly keyField: string;
    readonly maxRowSelection: number;
    private readonly rows = new Map<string, Row>();
    private readonly listeners = new Set<SelectionListener>();
    private cachedRows: readonly Row[] | null = EMPTY;
    private cachedKeys: readonly string[] | null = EMPTY;
    private versionNumber = 0;

    constructor(options: SelectionOptions = {}) {
        this.keyField = options.keyField || 'Id';
        const max = options.maxRowSelection;
        this.maxRowSelection = max === undefined || max === null || max < 0 ? Infinity : Math.floor(max);
    }

    /** Increments on every change; views can compare it instead of arrays. */
    get version(): number {
        return this.versionNumber;
    }

    /** Key of a row (its keyField value as text), or undefined when the row has none. */
    keyOf(row: Row): string | undefined {
        const value = row?.[this.keyField];
        return value === undefined || value === null || value === '' ? undefined : String(value);
    }

    isSelected(key: unknown): boolean {
        return this.rows.has(String(key));
    }

    get size(): number {
        return this.rows.size;
    }

    /** Adds rows (up to maxRowSelection). With maxRowSelection 1, the last given row replaces the selection. */
    select(rows: Row | readonly Row[]): SelectionChange {
        const list = Array.isArray(rows) ? (rows as readonly Row[]) : [rows as Row];
        const change: SelectionChange = { added: [], removed: [], rejected: [] };
        if (this.maxRowSelection === 1 && list.length) {
            const row = list[list.length - 1];
            const key = this.keyOf(row);
            if (key !== undefined && !this.rows.has(key)) {
                change.removed.push(...this.rows.keys());
                this.rows.clear();
                this.rows.set(key, row);
                change.added.push(key);
            }
            for (let i = 0; i < list.length - 1; i++) {
                const other = this.keyOf(list[i]);
                if (other !== undefined && other !== key) change.rejected.push(other);
            }
            return this.commit(change);
        }
        let refreshed = false;
        for (const row of list) {
            const key = this.keyOf(row);
            if (key === undefined) continue;
            if (this.rows.has(key)) {
                if (this.rows.get(key) !== row) {
                    this.rows.set(key, row);
                    refreshed = true;
                }
                continue;
            }
            if (this.rows.size >= this.maxRowSelection) {
                change.rejected.push(key);
                continue;
            }
            this.rows.set(key, row);
            change.added.push(key);
        }
        return this.commit(change, refreshed);
    }

    /** Removes rows by key (or row objects). */
    deselect(keysOrRows: unknown | readonly unknown[]): SelectionChange {
        const list = Array.isArray(keysOrRows) ? keysOrRows : [keysOrRows];
        const change: SelectionChange = { added: [], removed: [], rejected: [] };
        for (const item of list) {
            const key = typeof item === 'object' && item !== null ? this.keyOf(item as Row) : String(item);
            if (key !== undefined && this.rows.delete(key)) change.removed.push(key);
        }
        return this.commit(change);
    }

    toggle(row: Row): SelectionChange {
        const key = this.keyOf(row);
        return key !== undefined && this.rows.has(key) ? this.deselect(key) : this.select(row);
    }

    clear(): SelectionChange {
        const change: SelectionChange = { added: [], removed: [...this.rows.keys()], rejected: [] };
        this.rows.clear();
        return this.commit(change);
    }

    /** "Select all" = select all loaded rows (up to maxRowSelection); the view passes its loaded rows. */
    selectAllLoaded(loadedRows: readonly Row[]): SelectionChange {
        if (this.maxRowSelection === 1) {
            return this.commit({ added: [], removed: [], rejected: [] });
        }
        return this.select(loadedRows);
    }

    /**
     * Replaces the stored row objects of selected keys with fresher copies (after a refresh or a new page). Rows
     * that are not selected are ignored. Cost O(rows given). Does not notify unless a selected row changed.
     */
    updateRows(rows: readonly Row[]): void {
        this.refreshRows(rows);
    }

    /**
     * updateRows that also counts the given rows that are selected, in the same single pass (a view needs both
     * when its loaded rows change: fresh row objects for the selection, and whether every loaded row is selected).
     */
    refreshRows(rows: readonly Row[]): number {
        if (!this.rows.size) return 0;
        let touched = false;
        let selected = 0;
        const keyField = this.keyField;
        for (const row of rows) {
            const value = row?.[keyField];
            if (value === undefined || value === null || value === '') continue;
            const key = typeof value === 'string' ? value : String(value);
            const stored = this.rows.get(key);
            if (stored === undefined) continue;
            selected++;
            if (stored !== row) {
                this.rows.set(key, row);
                touched = true;
            }
        }
        this.commit({ added: [], removed: [], rejected: [] }, touched);
        return selected;
    }

    /** Selected keys in selection order (frozen, cached until the next change). */
    get selectedKeys(): readonly string[] {
        if (!this.cachedKeys) this.cachedKeys = Object.freeze([...this.rows.keys()]);
        return this.cachedKeys;
    }

    /** {!table.SelectedRows}: the selected row objects (frozen, cached). */
    get SelectedRows(): readonly Row[] {
        if (!this.cachedRows) this.cachedRows = Object.freeze([...this.rows.values()]);
        return this.cachedRows;
    }

    /** {!table.SelectedRowsKeyValue}: the keys of the selected rows (frozen, cached). */
    get SelectedRowsKeyValue(): readonly string[] {
        return this.selectedKeys;
    }

    /** {!table.FirstSelectedRow}: the first selected row, or null. */
    get FirstSelectedRow(): Row | null {
        for (const row of this.rows.values()) return row;
        return null;
    }

    /** {!table.SelectedRowCount}. */
    get SelectedRowCount(): number {
        return this.rows.size;
    }

    /**
     * Merge-field access: ['SelectedRowsKeyValue'], ['FirstSelectedRow', 'Account', 'Name'], …
     * Throws for an unknown property, listing the valid ones.
     */
    getProperty(path: readonly string[]): unknown {
        const [property, ...rest] = path;
        switch (property) {
            case 'SelectedRows':
                return this.SelectedRows;
            case 'SelectedRowsKeyValue':
                return this.SelectedRowsKeyValue;
            case 'SelectedRowCount':
                return this.SelectedRowCount;
            case 'FirstSelectedRow': {
                const value = getPath(this.FirstSelectedRow, rest);
                return value === undefined ? null : value;
            }
            default:
                if (HOST_PROPERTIES.includes(property)) {
                    // a property of the table its host answers: reaching the bare selection is a wiring mistake
                    throw new Error(
                        `The data table property '${property}' is not part of the table's selection: register the table with its host's handle (tableHandle), which answers it.`
                    );
                }
                throw new Error(
                    `Unknown data table property '${property ?? ''}'; use ${USABLE_PROPERTIES} (or ActionRow in row actions).`
                );
        }
    }

    /** Calls listener after every change. Returns the unsubscribe function. */
    subscribe(listener: SelectionListener): () => void {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }

    private commit(change: SelectionChange, rowsRefreshed = false): SelectionChange {
        if (change.added.length || change.removed.length || rowsRefreshed) {
            if (change.added.length || change.removed.length) this.cachedKeys = null;
            this.cachedRows = null;
            this.versionNumber++;
            this.emit(change);
        }
        return change;
    }

    private emit(change: SelectionChange): void {
        for (const listener of [...this.listeners]) {
            try {
                listener(change);
            } catch (e) {
                // A failing view listener must not break the selection itself.
                console.error('SelectionModel listener failed', e);
            }
        }
    }
}
