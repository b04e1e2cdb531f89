/*
 * The column state of one c-data-grid: the user's preferences (loaded and saved per definition and table), the
 * rendered columns, resizing by pointer and keyboard, the frozen columns' offsets and the row heights the window
 * arithmetic uses (uniform, or measured once a column wraps). A plain class, no DOM: the grid reads the sizes it
 * needs from its template and hands them in, and re-renders when a method reports a change.
 */
import type { GridColumn, Row } from './columns';
import {
    EMPTY_PREFS,
    browserStorage,
    loadPrefs,
    prefsKey,
    savePrefs,
    withVisible,
    withWidth,
    withWrap
} from './columnPrefs';
import type { ColumnPrefs, PrefsStorage } from './columnPrefs';
import { anyWraps, columnChoices, frozenOffsets, visibleColumns } from './columnLayout';
import type { ColumnChoice } from './columnLayout';
import { clampWidth, dragWidth, resizeKey } from './columnResize';
import type { ResizeKeyResult } from './columnResize';
import { MeasuredHeights, UniformHeights } from './virtualGrid';
import type { RowHeights } from './virtualGrid';

/** A choice made in the column menu. */
export type ColumnChange =
    | { kind: 'visible'; path: string; visible: boolean }
    | { kind: 'wrap'; path: string; wrap: boolean }
    | { kind: 'reset' };

/** Detail of the grid's `columnschange` event: every column as the column menu lists it. */
export interface ColumnsChangeDetail {
    columns: ColumnChoice[];
}

interface Resize {
    path: string;
    /** The user's width before the resize started (undefined: none), put back by Escape. */
    before?: number;
    width: number;
}

interface Drag {
    path: string;
    startX: number;
    startWidth: number;
    rtl: boolean;
    width: number;
}

export class ColumnControl {
    /** The rendered data columns (hidden ones left out), with widths, wrap and classes. */
    columns: GridColumn[] = [];
    /** Some rendered column wraps: rows have their own heights. */
    wraps = false;
    /** Rendered widths (px) of the data columns, measured by the grid. */
    renderedWidths: number[] = [];
    /** Left offsets (px) of the frozen data columns. */
    offsets: number[] = [0];
    /** The header focus is on a resize handle. */
    resizeFocus = false;
    /** Column widths must be measured again (columns, widths or the grid's width changed). */
    widthsPending = true;
    /** The column menu's list changed since the grid last reported it. */
    choicesPending = true;

    private storage: PrefsStorage | undefined;
    private key = '';
    private all: GridColumn[] = [];
    private frozen = 1;
    private prefs: ColumnPrefs = EMPTY_PREFS;
    private resize?: Resize;
    private drag?: Drag;
    private heights?: RowHeights;
    private heightsRows?: readonly Row[];
    private heightsBase = 0;
    private heightsWrap = false;
    /** Measured heights by record, so they survive a sort or a new page. */
    private measured = new WeakMap<object, number>();

    constructor(storage: PrefsStorage | undefined = browserStorage()) {
        this.storage = storage;
    }

    /** A new column plan: loads the user's choices for this definition and table. */
    setPlan(columns: readonly GridColumn[], frozenColumns: number, definitionName: string, tableName: string): void {
        this.all = [...columns];
        this.frozen = frozenColumns;
        this.key = tableName ? prefsKey(definitionName, tableName) : '';
        const paths = this.all.map((column) => column.path);
        this.prefs = this.key ? loadPrefs(this.storage, this.key, paths) : EMPTY_PREFS;
        this.resize = undefined;
        this.drag = undefined;
        this.apply();
    }

    /** What the column menu shows. */
    get choices(): ColumnChoice[] {
        return columnChoices(this.all, this.prefs);
    }

    /** The rendered columns' paths: the cell formatters are rebuilt when it changes. */
    get visibleKey(): string {
        return this.columns.map((column) => column.path).join('\n');
    }

    get resizingPath(): string | undefined {
        return this.resize?.path ?? this.drag?.path;
    }

    /** A column menu choice; saved at once. True when something changed. */
    change(change: ColumnChange): boolean {
        const paths = this.all.map((column) => column.path);
        let next: ColumnPrefs;
        if (change.kind === 'reset') next = EMPTY_PREFS;
        else if (change.kind === 'visible') next = withVisible(this.prefs, paths, change.path, change.visible);
        else next = withWrap(this.prefs, change.path, change.wrap);
        if (next === this.prefs) return false;
        this.prefs = next;
        this.save();
        this.apply();
        return true;
    }

    // ------------------------------------------------------------------ resizing

    /** Pointer down on a column's handle, with the column's rendered width. */
    startDrag(path: string, startX: number, startWidth: number, rtl = false): void {
        this.drag = { path, startX, startWidth, rtl, width: clampWidth(startWidth) };
    }

    /** The pointer moved while dragging: true when the width changed. */
    dragTo(x: number): boolean {
        const drag = this.drag;
        if (!drag) return false;
        const width = dragWidth(drag.startWidth, drag.startX, x, drag.rtl);
        if (width === drag.width && this.widthOf(drag.path) === width) return false;
        drag.width = width;
        this.setWidth(drag.path, width, false);
        return true;
    }

    /** The pointer was released: the width is kept and saved. True when a drag ended. */
    endDrag(): boolean {
        const drag = this.drag;
        if (!drag) return false;
        this.drag = undefined;
        this.setWidth(drag.path, drag.width, true);
        return true;
    }

    get dragging(): boolean {
        return Boolean(this.drag);
    }

    /** Enter on a handle: a keyboard resize starts from the column's width (its rendered width when it has none). */
    startResize(path: string): void {
        const index = this.columns.findIndex((column) => column.path === path);
        if (index < 0) return;
        const width = clampWidth(this.columns[index].width ?? this.renderedWidths[index] ?? 0);
        this.resize = { path, before: this.prefs.widths[path], width };
    }

    get resizing(): boolean {
        return Boolean(this.resize);
    }

    /** A key while a keyboard resize runs; widths apply at once, finish saves, cancel puts the old width back. */
    resizeKey(key: string, shiftKey: boolean): ResizeKeyResult {
        const resize = this.resize;
        if (!resize) return { kind: 'ignore' };
        const result = resizeKey(resize.width, key, shiftKey);
        if (result.kind === 'width') {
            resize.width = result.width;
            this.setWidth(resize.path, result.width, false);
        } else if (result.kind === 'finish') {
            this.finishResize(true);
        } else if (result.kind === 'cancel') {
            this.finishResize(false);
        }
        return result;
    }

    /** Ends a keyboard resize: keeps (and saves) the width, or puts back the one before. */
    finishResize(keep: boolean): void {
        const resize = this.resize;
        if (!resize) return;
        this.resize = undefined;
        if (keep) {
            this.setWidth(resize.path, resize.width, true);
            return;
        }
        const widths = { ...this.prefs.widths };
        if (resize.before === undefined) delete widths[resize.path];
        else widths[resize.path] = resize.before;
        this.prefs = { ...this.prefs, widths };
        this.apply();
    }

    // ------------------------------------------------------------------ measured sizes

    /** The data columns' rendered widths; true when they (or the frozen offsets) changed. */
    setRenderedWidths(widths: number[]): boolean {
        this.widthsPending = false;
        const rounded = widths.map((w) => Math.round(w));
        const offsets = frozenOffsets(this.columns, this.frozen, rounded);
        const same =
            rounded.length === this.renderedWidths.length &&
            rounded.every((w, i) => w === this.renderedWidths[i]) &&
            offsets.length === this.offsets.length &&
            offsets.every((o, i) => o === this.offsets[i]);
        if (same) return false;
        this.renderedWidths = rounded;
        this.offsets = offsets.length ? offsets : [0];
        return true;
    }

    /**
     * The row offsets for the window: uniform rows of rowHeight while no column wraps (O(1)), else each row's
     * measured height (the single-line height until measured). Rebuilt only when the rows or the mode change.
     */
    heightsOf(rows: readonly Row[], rowHeight: number): RowHeights {
        if (
            this.heights &&
            this.heightsRows === rows &&
            this.heightsWrap === this.wraps &&
            this.heightsBase === rowHeight &&
            this.heights.count === rows.length
        )
            return this.heights;
        this.heightsRows = rows;
        this.heightsWrap = this.wraps;
        this.heightsBase = rowHeight;
        const measured = this.measured;
        this.heights = this.wraps
            ? new MeasuredHeights(rows.length, rowHeight, (i) => measured.get(rows[i]))
            : new UniformHeights(rows.length, rowHeight);
        return this.heights;
    }

    /** Heights of rendered rows (row index, px) read after a render; true when any differs from what was assumed. */
    measureRows(rows: readonly Row[], rendered: readonly { index: number; height: number }[]): boolean {
        const heights = this.heights;
        if (!this.wraps || !(heights instanceof MeasuredHeights) || this.heightsRows !== rows) return false;
        let changed = false;
        for (const { index, height } of rendered) {
            const record = rows[index];
            if (!record || !(height > 0)) continue;
            this.measured.set(record, height);
            if (heights.set(index, height)) changed = true;
        }
        return changed;
    }

    // ------------------------------------------------------------------ internals

    private widthOf(path: string): number | undefined {
        return this.columns.find((column) => column.path === path)?.width;
    }

    private setWidth(path: string, width: number, persist: boolean): void {
        this.prefs = withWidth(this.prefs, path, width);
        if (persist) this.save();
        // only the widths changed: the columns' other properties and the formatters stay
        this.columns = visibleColumns(this.all, this.prefs, this.frozen);
        this.widthsPending = true;
    }

    private save(): void {
        if (this.key) savePrefs(this.storage, this.key, this.prefs);
    }

    private apply(): void {
        this.columns = visibleColumns(this.all, this.prefs, this.frozen);
        this.wraps = anyWraps(this.columns);
        // other columns wrap (or none does): the measured heights no longer hold
        this.measured = new WeakMap();
        this.heights = undefined;
        this.widthsPending = true;
        this.choicesPending = true;
        this.offsets = frozenOffsets(this.columns, this.frozen, []);
        if (!this.offsets.length) this.offsets = [0];
    }
}
