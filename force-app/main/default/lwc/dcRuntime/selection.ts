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
 * - "Select all N matching" (selectAllMatching) selects every row the table's query returns, loaded or not: the
 *   selection is then the query plus the search plus the rows the user unticks afterwards (exclusions), never a list
 *   of N Ids in the browser. Loaded rows count as selected unless excluded; SelectedRowCount is the server's total
 *   minus the exclusions; SelectedRows / SelectedRowsKeyValue hold only the loaded selected rows (what the browser
 *   has); an Execute Flow sends `matching` instead (getProperty(['MatchingSelection'])) and the server resolves
 *   the Ids. clear() or endMatching() ends it.
 */

import { TABLE_PROPERTIES as DEFINITION_TABLE_PROPERTIES } from 'c/dcDefinition';
import { getPath } from './dataTypes';
import type { MatchingSelection } from './apexContract';

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
    /** The "select all matching" state: the server's total, the search it was made with, the unticked keys. */
    private matching: { total: number; searchTerm: string | null; excluded: Set<string> } | null = null;
    private cachedMatching: MatchingSelection | null = null;

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

    /** Whether every matching row is selected (not only the loaded ones). */
    get isAllMatching(): boolean {
        return this.matching !== null;
    }

    /** The server's count of matching rows the all-matching selection was made from (0 when not in that mode). */
    get matchingTotal(): number {
        return this.matching?.total ?? 0;
    }

    /** The search the all-matching selection was made with. */
    get matchingSearchTerm(): string | null {
        return this.matching?.searchTerm ?? null;
    }

    /** Rows unticked since every matching row was selected. */
    get excludedCount(): number {
        return this.matching?.excluded.size ?? 0;
    }

    /**
     * Selects every row the query returns (`total`, the server's count for the current search): the loaded rows are
     * selected, further pages are selected as they load, unticked rows become exclusions. Refused (no change) for
     * single select or a maxRowSelection below the total.
     */
    selectAllMatching(total: number, searchTerm: string | null, loadedRows: readonly Row[]): SelectionChange {
        const none: SelectionChange = { added: [], removed: [], rejected: [] };
        if (this.maxRowSelection <= 1 || !(total > 0) || this.maxRowSelection < total) return none;
        this.matching = { total: Math.floor(total), searchTerm: searchTerm || null, excluded: new Set() };
        this.cachedMatching = null;
        // the count changed even when every loaded row was selected already
        return this.commit(this.addRows(loadedRows).change, true);
    }

    /** Leaves the all-matching mode; the loaded rows stay selected as an ordinary selection. */
    endMatching(): SelectionChange {
        if (!this.matching) return { added: [], removed: [], rejected: [] };
        this.matching = null;
        this.cachedMatching = null;
        return this.commit({ added: [], removed: [], rejected: [] }, true);
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
        const { change: added, refreshed } = this.addRows(list);
        return this.commit(added, refreshed);
    }

    /** Adds rows up to maxRowSelection without notifying; `refreshed`: a stored row or an exclusion changed. */
    private addRows(list: readonly Row[]): { change: SelectionChange; refreshed: boolean } {
        const change: SelectionChange = { added: [], removed: [], rejected: [] };
        let refreshed = false;
        const excluded = this.matching?.excluded;
        for (const row of list) {
            const key = this.keyOf(row);
            if (key === undefined) continue;
            if (excluded?.delete(key)) {
                this.cachedMatching = null;
                refreshed = true;
            }
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
        return { change, refreshed };
    }

    /** Removes rows by key (or row objects). */
    deselect(keysOrRows: unknown | readonly unknown[]): SelectionChange {
        const list = Array.isArray(keysOrRows) ? keysOrRows : [keysOrRows];
        const change: SelectionChange = { added: [], removed: [], rejected: [] };
        for (const item of list) {
            const key = typeof item === 'object' && item !== null ? this.keyOf(item as Row) : String(item);
            if (key === undefined) continue;
            if (this.matching && !this.matching.excluded.has(key)) {
                // unticked after "select all matching": an exclusion, whether the row was loaded or not
                this.matching.excluded.add(key);
                this.cachedMatching = null;
                this.rows.delete(key);
                change.removed.push(key);
            } else if (this.rows.delete(key)) {
                change.removed.push(key);
            }
        }
        return this.commit(change);
    }

    toggle(row: Row): SelectionChange {
        const key = this.keyOf(row);
        return key !== undefined && this.rows.has(key) ? this.deselect(key) : this.select(row);
    }

    clear(): SelectionChange {
        const change: SelectionChange = { added: [], removed: [...this.rows.keys()], rejected: [] };
        const wasMatching = this.matching !== null;
        this.rows.clear();
        this.matching = null;
        this.cachedMatching = null;
        return this.commit(change, wasMatching);
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
        if (!this.rows.size && !this.matching) return 0;
        let touched = false;
        let added = false;
        let selected = 0;
        const keyField = this.keyField;
        const excluded = this.matching?.excluded;
        for (const row of rows) {
            const value = row?.[keyField];
            if (value === undefined || value === null || value === '') continue;
            const key = typeof value === 'string' ? value : String(value);
            const stored = this.rows.get(key);
            if (stored === undefined) {
                // every matching row is selected: a newly loaded one is too, unless the user unticked it
                if (excluded && !excluded.has(key)) {
                    this.rows.set(key, row);
                    added = true;
                    selected++;
                }
                continue;
            }
            selected++;
            if (stored !== row) {
                this.rows.set(key, row);
                touched = true;
            }
        }
        if (added) this.cachedKeys = null;
        this.commit({ added: [], removed: [], rejected: [] }, touched || added);
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

    /** {!table.SelectedRowCount}: with every matching row selected, the server's total minus the exclusions. */
    get SelectedRowCount(): number {
        return this.matching ? Math.max(0, this.matching.total - this.matching.excluded.size) : this.rows.size;
    }

    /** What an Execute Flow sends for an all-matching selection (null otherwise); frozen, cached per change. */
    get MatchingSelection(): MatchingSelection | null {
        if (!this.matching) return null;
        if (!this.cachedMatching) {
            this.cachedMatching = Object.freeze({
                searchTerm: this.matching.searchTerm,
                excludedIds: Object.freeze([...this.matching.excluded]) as string[],
                expectedCount: this.SelectedRowCount
            });
        }
        return this.cachedMatching;
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
            case 'MatchingSelection':
                // read by the Execute Flow executor, not a merge field of the definition format
                return this.MatchingSelection;
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
