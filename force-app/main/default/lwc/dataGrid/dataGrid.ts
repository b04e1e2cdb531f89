import { LightningElement, api, unwrap } from 'lwc';
import type { SelectionModel } from 'c/dcRuntime';
import type { QueryFieldInfo } from 'c/dcRuntime';
import type { DataTableDefinition } from 'c/dcDefinition';
import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { EMPTY_PLAN, buildTable, valueAt } from './columns';
import type { GridColumn, Row, RowAction, TablePlan } from './columns';
import { buildFormatters } from './cells';
import type { CellDisplay, Formatter } from './cells';
import { DEFAULT_ROW_HEIGHT, menuAlignment, moveCell, scrollTopOf, windowOf } from './virtualGrid';
import type { CellPosition, RowHeights } from './virtualGrid';
import { ColumnControl } from './columnControl';
import type { ColumnChange, ColumnsChangeDetail } from './columnControl';
import { headerMove } from './columnResize';
import { colCount, colgroupOf, headerSlots, headerViews, minWidthStyle, rowViews } from './gridView';
import type { FocusSlot, GridLayout, HeaderView, RowView } from './gridView';
import type { DraftStore, LookupOption } from 'c/dcRuntime';
import type { CellCommitDetail } from 'c/cellEditor';
import { buildEditPlan, decorateRows, editorProps, nextCell } from './editing';
import type { EditColumn, EditorProps, PicklistValuesByRecordType } from './editing';

export type { GridColumn, Row } from './columns';
export type { ColumnChange, ColumnsChangeDetail } from './columnControl';
export type { ColumnChoice } from './columnLayout';

/** A row action as the menu shows it: disabled, with the reason in its label, when its interaction has problems. */
export interface RowActionItem extends RowAction {
    disabled: boolean;
}

const DEFAULT_VIEWPORT_PX = 400;
/** The next page is asked for when the last visible row is this close to the end of the loaded rows. */
const LOAD_MORE_OFFSET = 20;

function parsePx(value: string): number {
    const match = /^\s*(\d+(?:\.\d+)?)px\s*$/.exec(value);
    return match ? Number(match[1]) : DEFAULT_VIEWPORT_PX;
}

function defaultRecordUrl(id: string): string {
    return `/${encodeURIComponent(id)}`;
}

/** Detail of the `selectionchange` event. */
/** Detail of the `measure` event: the rendered row and header heights (px), sent when they change. */
export interface GridMeasureDetail {
    rowHeight: number;
    headerHeight: number;
}

/** Detail of the `cellcommit` event: a value committed in a cell's editor, for the host's DraftStore. */
export interface GridCellCommitDetail {
    key: string;
    /** The loaded record. */
    row: Row;
    field: string;
    value: unknown;
    /** Lookups: the chosen record's name. */
    label?: string | null;
    /** Mass edit: the draft goes to every selected row. */
    applyToSelection: boolean;
}

export interface SelectionChangeDetail {
    selectedKeys: readonly string[];
    selectedRows: readonly Row[];
    selectedRowCount: number;
    /** Keys the user tried to select beyond maxRowSelection. */
    rejected: string[];
}

/**
 * A virtualized ARIA grid styled with SLDS: the rows of a Data Table, with selection, sortable headers, row
 * action menus and infinite loading. c-dynamic-data-table puts it under its toolbar.
 *
 * Only the rows in view are in the DOM (see virtualGrid.ts), and a cell is formatted when its row scrolls into view,
 * so mounting, selecting all, sorting and scrolling cost the same at 50 or 50,000 loaded rows. The selection lives in
 * the runtime SelectionModel (a Map by key), never in per-row copies.
 *
 * Inputs (@api): definition (DataTableDefinition: columns, rowActions, keyField, maxRowSelection, showRowNumbers),
 * fields (QueryResponse.fields), rows (all loaded records, raw and nested), selection (the table's SelectionModel),
 * totalCount, hasMore, loading, loadingMore, sortBy / sortDirection (initial sort, field paths), height (CSS
 * length of the area it fills, until it can measure it), recordUrl (id → link URL), label (the grid's accessible
 * name), itemsLabel (plural of the records, for control labels), unavailableActions (names of row actions whose
 * interaction is not set up correctly: disabled menu items showing unavailableReason), definitionName (with the
 * table's name, the key of the user's column choices). Method changeColumns(ColumnChange): a column menu choice.
 *
 * Events (none bubble): rowaction {action, row, key}; selectionchange {selectedKeys, selectedRows,
 * selectedRowCount, rejected}; sort {field, direction}; loadmore {}; columnschange {columns} (the column menu's
 * list, on every change of the shown columns or their wrap).
 *
 * Columns (columnControl.ts): resize handles on the header cells (drag; or keyboard, see columnResize.ts), wrap
 * per column (rows then have measured heights), the definition's frozenColumns stay in place on horizontal scroll,
 * and the user's widths, hidden columns and wrap choices are remembered per definition and table.
 *
 * Keyboard (WAI-ARIA grid): one tab stop in the grid; arrows move between cells, Home/End to the row's ends,
 * Ctrl+Home/End to the grid's ends, PageUp/PageDown by a page; Space toggles a row's checkbox, Enter follows a link
 * or sorts by a column; Enter, Space or the up/down arrows open a row's action menu. In the header row ArrowRight
 * from a column's label reaches its resize handle: Enter, then ArrowLeft / ArrowRight resize by 10 px, Enter
 * keeps the width, Escape puts it back.
 */
export default class DataGrid extends LightningElement {
    /** Field path the rows are sorted by (shown in the header). */
    sortedBy?: string;
    sortedDirection: 'asc' | 'desc' = 'asc';
    /** Rendered rows [windowStart, windowEnd). */
    windowStart = 0;
    windowEnd = 0;
    /** Bumped on every selection change: re-renders the checkboxes in view. */
    selectionVersion = 0;
    /** The grid's tab stop (row -1 = header). */
    active: CellPosition = { row: -1, col: 0 };

    @api totalCount: number | null = null;
    @api hasMore = false;
    @api loading = false;
    @api loadingMore = false;
    /** Accessible name of the grid. */
    @api label = '';
    /** Plural of the records ("Contacts"), used in control labels. */
    @api itemsLabel = 'records';
    /** An action runs: the grid is aria-busy and its selection, sort and row action controls are disabled. */
    @api locked = false;

    private tableDefinition?: DataTableDefinition;
    private fieldInfos: QueryFieldInfo[] = [];
    private rawRows: Row[] = [];
    private plan: TablePlan = EMPTY_PLAN;
    private formatters: Formatter[] = [];
    /** Formatted cells per record object, filled as rows scroll into view. */
    private displayCache = new WeakMap<object, CellDisplay[]>();
    private model?: SelectionModel;
    private unsubscribe?: () => void;
    private heightValue = '';
    private recordUrlBuilder: (id: string) => string = defaultRecordUrl;
    private initialSort?: { field?: string; direction?: 'asc' | 'desc' };
    private rowHeight = DEFAULT_ROW_HEIGHT;
    /** Row and header heights are read once per column plan (reading them forces a layout). */
    private measured = false;
    private resizeObserver?: ResizeObserver;
    private headerHeight = DEFAULT_ROW_HEIGHT;
    private viewportHeight = 0;
    private viewportWidth = 0;
    private scrollTop = 0;
    private focusPending = false;
    /** Loaded row count when the next page was last asked for (one request per page). */
    private loadMoreAskedAt = -1;
    /** Row index of the last checkbox clicked, for Shift+click ranges. */
    private anchorIndex = -1;
    private allSelectedCache?: { version: number; rows: Row[]; value: boolean };
    private unavailableNames: string[] = [];
    private unavailableText = '';
    /** Row index of the row action menu that started the last row action (focus goes back to it). */
    private menuReturnIndex = -1;
    /** The row action menu items (the same array for every row), rebuilt when the actions or their state change. */
    private actionItems: RowActionItem[] = [];
    /** Widths, hidden columns, wrap, frozen offsets and row heights (columnControl.ts). */
    private columnControl = new ColumnControl();
    /** Bumped on every column or row height change the template shows. */
    columnsVersion = 0;
    private definitionApiName = '';
    private formattedColumnsKey = '';
    /** How each definition column is edited (editing.ts), before hidden columns are left out. */
    private definitionEditPlan: (EditColumn | null)[] = [];

    /** API name of the definition: with the table's name, the key under which the user's column choices are kept. */
    @api
    get definitionName(): string {
        return this.definitionApiName;
    }
    set definitionName(value: string) {
        this.definitionApiName = typeof value === 'string' ? value : '';
        this.rebuild();
    }

    /** A column menu choice (show / hide, wrap, reset), from the table's toolbar. */
    @api
    changeColumns(change: ColumnChange): void {
        if (this.columnControl.change(change)) this.afterColumnsChange();
    }
    /** The cell whose editor is open: row key, data column and row index when it opened. */
    editingCell: { key: string; column: number; row: number } | null = null;
    /** Bumped when the host's drafts change: re-renders the rows in view. */
    draftsVersion = 0;
    private draftStore?: DraftStore;
    /** Per definition column: how it is edited, or null (read-only). */
    private editPlan: (EditColumn | null)[] = [];
    private picklistValueMap: PicklistValuesByRecordType = {};
    private lookupSearch?: (field: string, term: string) => Promise<LookupOption[]>;
    /** The open editor's inputs, computed once when it opens (a re-render must not reset what the user typed). */
    private editorState?: EditorProps;
    /** Formatted cells of drafted rows (their records with the drafts laid over), by key and drafts version. */
    private draftDisplays = new Map<string, { version: number; record: Row; displays: CellDisplay[] }>();

    /** The table's drafts (c-dynamic-data-table owns them); cells show them, highlighted. */
    @api
    get drafts(): DraftStore | undefined {
        return this.draftStore;
    }
    set drafts(value: DraftStore | undefined) {
        this.draftStore = value ? (unwrap(value) as DraftStore) : undefined;
        this.draftsVersion++;
    }

    /** Changes whenever the drafts change (DraftStore.version): the rows in view re-render. */
    @api
    get draftRevision(): number {
        return this.draftsVersion;
    }
    set draftRevision(value: number) {
        this.draftsVersion = Number(value) || 0;
    }

    /** The UI API's picklist values by record type id, for each row's picklist editors. */
    @api
    get picklistValues(): PicklistValuesByRecordType {
        return this.picklistValueMap;
    }
    set picklistValues(value: PicklistValuesByRecordType) {
        this.picklistValueMap = value && typeof value === 'object' ? (unwrap(value) as PicklistValuesByRecordType) : {};
    }

    /** Runs the lookup search of a field (field, term → options). */
    @api
    get searchLookup(): ((field: string, term: string) => Promise<LookupOption[]>) | undefined {
        return this.lookupSearch;
    }
    set searchLookup(value: ((field: string, term: string) => Promise<LookupOption[]>) | undefined) {
        this.lookupSearch = typeof value === 'function' ? value : undefined;
    }

    /** The table's definition (columns, row actions, key field, selection). */
    @api
    get definition(): DataTableDefinition | undefined {
        return this.tableDefinition;
    }
    set definition(value: DataTableDefinition | undefined) {
        this.tableDefinition = value;
        this.rebuild();
    }

    /** Field metadata from QueryResponse.fields (labels and types come from describe). */
    @api
    get fields(): QueryFieldInfo[] {
        return this.fieldInfos;
    }
    set fields(value: QueryFieldInfo[]) {
        this.fieldInfos = Array.isArray(value) ? value : [];
        this.rebuild();
    }

    /** All loaded records (raw, nested). Cells are formatted only when their row is rendered. */
    @api
    get rows(): Row[] {
        return this.rawRows;
    }
    set rows(value: Row[]) {
        // LWC hands @api values over as deep read-only proxies; reading 50,000 rows through one costs seconds,
        // so the grid keeps the host's own array (it never mutates it)
        this.rawRows = Array.isArray(value) ? (unwrap(value) as Row[]) : [];
        this.refreshSelectedRows();
        this.updateWindow();
    }

    /** The table's SelectionModel. */
    @api
    get selection(): SelectionModel | undefined {
        return this.model;
    }
    set selection(value: SelectionModel | undefined) {
        this.attachModel(value);
    }

    /** Height of the area the grid fills (CSS length), used until the real height can be measured. */
    @api
    get height(): string {
        return this.heightValue;
    }
    set height(value: string) {
        this.heightValue = value || '';
        this.updateWindow();
    }

    /** Builds the link URL of a record id (default "/<id>"). */
    @api
    get recordUrl(): (id: string) => string {
        return this.recordUrlBuilder;
    }
    set recordUrl(value: (id: string) => string) {
        this.recordUrlBuilder = typeof value === 'function' ? value : defaultRecordUrl;
        this.rebuild();
    }

    /**
     * Names of row actions whose interaction is not set up correctly: their menu items are disabled and show
     * unavailableReason, so nobody starts what cannot work.
     */
    @api
    get unavailableActions(): string[] {
        return this.unavailableNames;
    }
    set unavailableActions(value: string[]) {
        this.unavailableNames = Array.isArray(value) ? [...value] : [];
        this.buildActionItems();
    }

    /** Why an unavailable row action cannot be used (read with its label, visibly and by screen readers). */
    @api
    get unavailableReason(): string {
        return this.unavailableText;
    }
    set unavailableReason(value: string) {
        this.unavailableText = typeof value === 'string' ? value : '';
        this.buildActionItems();
    }

    /** Initial sort field path (the query's first orderBy); the user's header clicks take over. */
    @api
    get sortBy(): string | undefined {
        return this.initialSort?.field;
    }
    set sortBy(value: string | undefined) {
        this.initialSort = { ...this.initialSort, field: value };
        this.applyInitialSort();
    }

    @api
    get sortDirection(): 'asc' | 'desc' | undefined {
        return this.initialSort?.direction;
    }
    set sortDirection(value: 'asc' | 'desc' | undefined) {
        this.initialSort = { ...this.initialSort, direction: value };
        this.applyInitialSort();
    }

    override connectedCallback(): void {
        if (this.model && !this.unsubscribe) this.attachModel(this.model);
    }

    /**
     * Gives focus back after an action, dialog or panel the grid started: the row action menu that started it when
     * its row is still rendered, else the grid's tab stop.
     */
    @api
    restoreFocus(): void {
        const index = this.menuReturnIndex;
        this.menuReturnIndex = -1;
        const menu =
            index >= 0
                ? (this.template?.querySelector(
                      `lightning-button-menu[data-row-index="${index}"]`
                  ) as HTMLElement | null)
                : null;
        if (menu) {
            menu.focus();
            return;
        }
        this.focusCell(this.active.row < this.rawRows.length ? this.active : { row: -1, col: 0 });
    }

    override disconnectedCallback(): void {
        this.resizeObserver?.disconnect();
        this.resizeObserver = undefined;
        this.unsubscribe?.();
        this.unsubscribe = undefined;
    }

    override renderedCallback(): void {
        const scroller = this.template?.querySelector('.grid-scroller') as HTMLElement | null;
        if (!scroller) return;
        this.observeViewport(scroller);
        if (!this.measured) this.measure(scroller);
        this.measureColumns();
        const selectAll = this.template?.querySelector('.select-all') as HTMLInputElement | null;
        if (selectAll) selectAll.indeterminate = this.someSelected && !this.allSelected;
        if (this.focusPending) {
            this.focusPending = false;
            const selector = this.columnControl.resizeFocus
                ? `.resize-handle[data-col="${this.active.col}"]`
                : `[data-cell="${this.active.row}:${this.active.col}"]`;
            const target = this.template?.querySelector(selector) as HTMLElement | null;
            target?.focus({ preventScroll: true });
        }
        this.maybeLoadMore();
    }

    // ------------------------------------------------------------------ derived state

    get rowActions(): RowActionItem[] {
        return this.actionItems;
    }

    get maxRowSelection(): number | undefined {
        const max = this.tableDefinition?.maxRowSelection ?? 0;
        return max > 0 ? max : undefined;
    }

    get showCheckboxColumn(): boolean {
        return Boolean(this.maxRowSelection);
    }

    get multiSelect(): boolean {
        return (this.maxRowSelection ?? 0) > 1;
    }

    get checkboxType(): string {
        return this.multiSelect ? 'checkbox' : 'radio';
    }

    get radioGroup(): string | undefined {
        return this.multiSelect ? undefined : `select-${this.tableDefinition?.name ?? 'table'}`;
    }

    get ariaMultiselectable(): string | undefined {
        if (!this.showCheckboxColumn) return undefined;
        return this.multiSelect ? 'true' : 'false';
    }

    get showRowNumbers(): boolean {
        return Boolean(this.tableDefinition?.showRowNumbers);
    }

    get hasRowActions(): boolean {
        return this.plan.rowActions.length > 0;
    }

    get selectAllLabel(): string {
        return `Select all loaded ${this.itemsLabel}`;
    }

    get busyState(): string | undefined {
        return this.locked || this.loading ? 'true' : undefined;
    }

    get loadingMoreText(): string {
        return `Loading more ${this.itemsLabel}`;
    }

    /** Some loaded rows are selected. */
    get someSelected(): boolean {
        // read selectionVersion so the getter re-runs on every selection change
        return this.selectionVersion >= 0 && Boolean(this.model?.size);
    }

    // ------------------------------------------------------------------ grid structure (see gridView.ts)

    private get layout(): GridLayout {
        const control = this.columnControl;
        return {
            // read columnsVersion so the getters re-run on every column change
            columns: this.columnsVersion >= 0 ? control.columns : [],
            checkbox: this.showCheckboxColumn,
            multiSelect: this.multiSelect,
            rowNumbers: this.showRowNumbers,
            rowActions: this.hasRowActions,
            loadedRows: this.rawRows.length,
            frozenOffsets: control.offsets,
            resizeFocus: control.resizeFocus,
            renderedWidths: control.renderedWidths,
            resizingPath: control.resizingPath
        };
    }

    get gridColCount(): number {
        return colCount(this.layout);
    }

    /** Header row + loaded rows; -1 (unknown) while more pages exist and no total is known. */
    get gridRowCount(): number {
        if (typeof this.totalCount === 'number' && this.totalCount >= this.rawRows.length) return this.totalCount + 1;
        return this.hasMore ? -1 : this.rawRows.length + 1;
    }

    get colgroup(): { key: string; style: string }[] {
        return colgroupOf(this.layout);
    }

    get gridStyle(): string {
        return minWidthStyle(this.layout);
    }

    get headerCheck(): FocusSlot {
        return headerSlots(this.layout, this.active).check;
    }

    get headerNumber(): FocusSlot {
        return headerSlots(this.layout, this.active).number;
    }

    get headerActions(): FocusSlot {
        return headerSlots(this.layout, this.active).actions;
    }

    get headerCells(): HeaderView[] {
        return headerViews(this.layout, this.active, this.sortedBy, this.sortedDirection);
    }

    get hasTopSpacer(): boolean {
        return this.windowStart > 0;
    }

    get hasBottomSpacer(): boolean {
        return this.windowEnd < this.rawRows.length;
    }

    get topSpacerStyle(): string {
        return this.columnsVersion >= 0 ? `height: ${this.rowHeights.offsetOf(this.windowStart)}px;` : '';
    }

    get bottomSpacerStyle(): string {
        const heights = this.rowHeights;
        return this.columnsVersion >= 0
            ? `height: ${heights.offsetOf(heights.count) - heights.offsetOf(this.windowEnd)}px;`
            : '';
    }

    /** The rows in the rendered window, with their formatted cells and focus slots. */
    get visibleRows(): RowView[] {
        const model = this.model;
        // read selectionVersion so the getter re-runs on every selection change
        const isSelected = this.selectionVersion >= 0 && model ? (key: string) => model.isSelected(key) : () => false;
        const views = rowViews(this.layout, this.active, {
            rows: this.rawRows,
            start: this.windowStart,
            end: this.windowEnd,
            keyOf: (record) => this.keyOf(record),
            isSelected,
            displaysOf: (record) => this.displaysOf(record)
        });
        // read draftsVersion so the rows re-render on every draft change
        return this.draftsVersion >= 0
            ? decorateRows(views, {
                  plan: this.editPlan,
                  drafts: this.draftStore,
                  locked: this.locked,
                  rowNumbers: this.showRowNumbers,
                  editing: this.editingCell,
                  editorFor: () => this.editorState
              })
            : views;
    }

    /** Every loaded row is selected (cached per selection change and row set: O(loaded rows) once). */
    get allSelected(): boolean {
        const model = this.model;
        if (!model || !this.rawRows.length || model.size < this.rawRows.length) return false;
        const cache = this.allSelectedCache;
        if (cache && cache.version === model.version && cache.rows === this.rawRows) return cache.value;
        const value = this.rawRows.every((row) => model.isSelected(this.keyOf(row)));
        this.allSelectedCache = { version: model.version, rows: this.rawRows, value };
        return value;
    }

    // ------------------------------------------------------------------ event handlers

    handleRowActionSelect(event: CustomEvent<{ value: string }>): void {
        const index = Number((event.currentTarget as HTMLElement).dataset.rowIndex);
        const row = this.rawRows[index];
        const action = this.actionItems.find((item) => item.name === event.detail.value);
        if (!row || !action || action.disabled || this.locked) return;
        this.menuReturnIndex = index;
        const key = this.keyOf(row) ?? '';
        this.dispatchEvent(new CustomEvent('rowaction', { detail: { action: action.name, row, key } }));
    }

    handleRowSelectClick(event: MouseEvent): void {
        const index = Number((event.currentTarget as HTMLElement).dataset.rowIndex);
        const row = this.rawRows[index];
        if (!row || this.locked) return;
        const model = this.model;
        if (!model) return;
        const key = this.keyOf(row);
        const select = !model.isSelected(key);
        let change;
        if (event.shiftKey && this.multiSelect && this.anchorIndex >= 0 && this.anchorIndex < this.rawRows.length) {
            // Shift+click: the range from the last clicked row takes the clicked row's new state
            const from = Math.min(this.anchorIndex, index);
            const range = this.rawRows.slice(from, Math.max(this.anchorIndex, index) + 1);
            change = select ? model.select(range) : model.deselect(range);
        } else {
            change = select ? model.select(row) : model.deselect(key);
        }
        this.anchorIndex = index;
        this.active = { row: index, col: 0 };
        this.afterSelection(change.rejected);
    }

    handleSelectAllClick(event: Event): void {
        const checked = (event.currentTarget as HTMLInputElement).checked;
        const model = this.model;
        if (!model || this.locked) return;
        const change = checked ? model.selectAllLoaded(this.rawRows) : model.clear();
        this.afterSelection(change.rejected, checked && !change.rejected.length);
    }

    handleSortClick(event: Event): void {
        const path = (event.currentTarget as HTMLElement).dataset.path ?? '';
        const column = this.plan.columns.find((c) => c.path === path);
        if (!column?.sortable || this.locked) return;
        // a new order starts at its first row (the old offset would show some middle of it)
        const scroller = this.template?.querySelector('.grid-scroller') as HTMLElement | null;
        if (scroller) scroller.scrollTop = 0;
        this.scrollTop = 0;
        this.updateWindow();
        this.sortedDirection = this.sortedBy === path && this.sortedDirection === 'asc' ? 'desc' : 'asc';
        this.sortedBy = path;
        this.dispatchEvent(new CustomEvent('sort', { detail: { field: path, direction: this.sortedDirection } }));
    }

    handleScroll(event: Event): void {
        const scroller = event.currentTarget as HTMLElement;
        this.scrollTop = scroller.scrollTop;
        this.viewportHeight = scroller.clientHeight || this.viewportHeight;
        this.updateWindow();
        this.maybeLoadMore();
    }

    /** Grid keyboard navigation: moves the tab stop and focuses the new cell, scrolling it into view. */
    handleGridKeydown(event: KeyboardEvent): void {
        const target = event.target as HTMLElement;
        if (target.tagName === 'LIGHTNING-BUTTON-MENU' && target.classList.contains('slds-is-open')) return;
        if (this.handleResizeKeydown(event)) return;
        // Enter or F2 on an editable cell opens its editor (WAI-ARIA grid: edit mode)
        if ((event.key === 'Enter' || event.key === 'F2') && !event.altKey && !event.ctrlKey && !event.metaKey) {
            if (this.openEditor(this.active)) {
                event.preventDefault();
                return;
            }
        }
        const next = moveCell(
            this.active,
            event.key,
            {
                rows: this.rawRows.length,
                cols: this.gridColCount,
                pageRows: Math.max(1, Math.floor(this.bodyHeight / this.rowHeight) - 1)
            },
            event.ctrlKey || event.metaKey
        );
        if (!next) return;
        event.preventDefault();
        this.focusCell(next);
    }

    /** Before a row's action menu opens (by mouse or keyboard), picks the side where it is fully visible. */
    handleActionsPointerDown(event: Event): void {
        this.alignMenu(event.currentTarget as HTMLElement);
    }

    /** A click or Tab into the grid makes the focused cell the tab stop. */
    handleGridFocusIn(event: FocusEvent): void {
        const menu = (event.target as HTMLElement).closest?.('lightning-button-menu') as HTMLElement | null;
        if (menu) this.alignMenu(menu);
        if (this.resizeFocusIn(event.target as HTMLElement)) return;
        const cell = (event.target as HTMLElement).closest?.('[data-cell]') as HTMLElement | null;
        const [row, col] = (cell?.dataset.cell ?? '').split(':').map(Number);
        if (Number.isInteger(row) && Number.isInteger(col) && (row !== this.active.row || col !== this.active.col)) {
            this.active = { row, col };
        }
    }

    /** Double click on an editable cell, or its pencil button: opens the cell's editor. */
    handleEditRequest(event: Event): void {
        const element = event.currentTarget as HTMLElement;
        const column = Number(element.dataset.editColumn);
        const index = Number(element.dataset.rowIndex);
        if (!Number.isInteger(column) || !Number.isInteger(index)) return;
        if (this.openEditor({ row: index, col: this.dataColOffset + column })) event.preventDefault();
    }

    /** The editor committed a valid value: the host records the draft; focus stays or moves on with Tab. */
    handleEditorCommit(event: CustomEvent<CellCommitDetail>): void {
        event.stopPropagation();
        const cell = this.editingCell;
        const edit = cell ? this.editPlan[cell.column] : null;
        if (!cell || !edit) return;
        const record = this.rowOfEdit(cell);
        this.closeEditor();
        if (record) {
            const detail: GridCellCommitDetail = {
                key: cell.key,
                row: record,
                field: edit.field,
                value: event.detail.value,
                applyToSelection: Boolean(event.detail.applyToSelection)
            };
            if (event.detail.label !== undefined) detail.label = event.detail.label;
            this.dispatchEvent(new CustomEvent('cellcommit', { detail }));
        }
        const here = { row: cell.row, col: this.dataColOffset + cell.column };
        const move = event.detail.move;
        if (move === 'next' || move === 'previous') {
            const last = this.dataColOffset + this.columnControl.columns.length - 1;
            this.focusCell(
                nextCell(here, move === 'next' ? 1 : -1, {
                    rows: this.rawRows.length,
                    firstCol: this.dataColOffset,
                    lastCol: last
                })
            );
        } else {
            this.focusCell(here);
        }
    }

    /** Escape in the editor: nothing changes, the focus goes back to the cell. */
    handleEditorCancel(event: CustomEvent): void {
        event.stopPropagation();
        const cell = this.editingCell;
        this.closeEditor();
        if (cell) this.focusCell({ row: cell.row, col: this.dataColOffset + cell.column });
    }

    // ------------------------------------------------------------------ internals

    /** Column index of the first data column. */
    private get dataColOffset(): number {
        return (this.showCheckboxColumn ? 1 : 0) + (this.showRowNumbers ? 1 : 0);
    }

    /** Opens the editor of the cell at a grid position when its column is editable; false otherwise. */
    private openEditor(position: CellPosition): boolean {
        if (this.locked || position.row < 0) return false;
        const column = position.col - this.dataColOffset;
        const edit = this.editPlan[column];
        const record = this.rawRows[position.row];
        const key = this.keyOf(record);
        if (!edit || !record || !key) return false;
        const model = this.model;
        const effective = this.draftStore ? this.draftStore.effectiveRow(record) : record;
        this.editorState = editorProps(edit, {
            row: effective,
            picklistValues: this.picklistValueMap,
            selectedRowCount: model && model.isSelected(key) && model.size > 1 ? model.size : 0,
            search: this.lookupSearch
        });
        this.active = position;
        this.editingCell = { key, column, row: position.row };
        return true;
    }

    private closeEditor(): void {
        this.editingCell = null;
        this.editorState = undefined;
    }

    /** The record of the edited cell (found by key when a sort or a refresh moved it). */
    private rowOfEdit(cell: { key: string; row: number }): Row | undefined {
        const at = this.rawRows[cell.row];
        if (at && this.keyOf(at) === cell.key) return at;
        return this.rawRows.find((row) => this.keyOf(row) === cell.key);
    }

    /** Sets the menu's alignment from the room above and below it in the visible part of the grid. */
    private alignMenu(menu: HTMLElement | null): void {
        const trigger = menu?.getBoundingClientRect();
        const scroller = this.template?.querySelector('.grid-scroller') as HTMLElement | null;
        if (!menu || !trigger || !scroller) return;
        const area = scroller.getBoundingClientRect();
        const alignment = menuAlignment({
            triggerTop: trigger.top,
            triggerBottom: trigger.bottom,
            areaTop: Math.max(area.top + this.headerHeight, 0),
            areaBottom: Math.min(area.bottom, window.innerHeight || area.bottom),
            items: this.actionItems.length
        });
        const target = menu as HTMLElement & { menuAlignment?: string };
        if (target.menuAlignment !== alignment) target.menuAlignment = alignment;
    }

    /** Height of the scroll area below the sticky header. */
    private get bodyHeight(): number {
        const viewport = this.viewportHeight || parsePx(this.heightValue);
        return Math.max(this.rowHeight, viewport - this.headerHeight);
    }

    private keyOf(row: Row | undefined): string | undefined {
        const value = valueAt(row, this.plan.keyField);
        return value === undefined || value === null || value === '' ? undefined : String(value);
    }

    private displaysOf(record: Row): CellDisplay[] {
        const drafts = this.draftStore;
        const key = drafts?.rowCount ? this.keyOf(record) : undefined;
        if (drafts && key && drafts.has(key)) return this.draftedDisplaysOf(record, key, drafts);
        let displays = this.displayCache.get(record);
        if (!displays) {
            displays = this.formatters.map((format) => format(record));
            this.displayCache.set(record, displays);
        }
        return displays;
    }

    /** A drafted row's cells: its record with the drafts laid over, formatted once per drafts version. */
    private draftedDisplaysOf(record: Row, key: string, drafts: DraftStore): CellDisplay[] {
        const cached = this.draftDisplays.get(key);
        if (cached && cached.version === drafts.version && cached.record === record) return cached.displays;
        const effective = drafts.effectiveRow(record);
        const displays = this.formatters.map((format) => format(effective));
        this.draftDisplays.set(key, { version: drafts.version, record, displays });
        return displays;
    }

    private rebuild(): void {
        this.plan = this.tableDefinition ? buildTable(this.tableDefinition, this.fieldInfos) : EMPTY_PLAN;
        this.definitionEditPlan = buildEditPlan(this.tableDefinition, this.fieldInfos);
        this.editingCell = null;
        this.draftDisplays = new Map();
        this.columnControl.setPlan(
            this.plan.columns,
            this.plan.frozenColumns,
            this.definitionApiName,
            this.tableDefinition?.name ?? ''
        );
        this.buildFormattersOf(this.columnControl.columns);
        this.columnsVersion++;
        this.buildActionItems();
        this.measured = false;
        this.active = { row: -1, col: 0 };
        this.applyInitialSort();
        this.updateWindow();
    }

    private buildActionItems(): void {
        const unavailable = new Set(this.unavailableNames);
        this.actionItems = this.plan.rowActions.map((action) => {
            const disabled = unavailable.has(action.name);
            return {
                ...action,
                label: disabled && this.unavailableText ? `${action.label} — ${this.unavailableText}` : action.label,
                disabled
            };
        });
    }

    /** One formatter (and edit plan entry) per rendered column (hidden columns are not formatted). */
    private buildFormattersOf(columns: GridColumn[]): void {
        // the edit plan follows the rendered columns, as the cells do (it is built per definition column)
        const byPath = new Map<string, EditColumn | null>();
        (this.tableDefinition?.columns ?? []).forEach((column, i) =>
            byPath.set(column.field, this.definitionEditPlan[i] ?? null)
        );
        this.editPlan = columns.map((column) => byPath.get(column.path) ?? null);
        this.formatters = buildFormatters(columns, {
            locale: LOCALE,
            currency: CURRENCY,
            timeZone: TIME_ZONE,
            recordUrl: this.recordUrlBuilder
        });
        this.formattedColumnsKey = this.columnControl.visibleKey;
        this.displayCache = new WeakMap();
        this.draftDisplays = new Map();
    }

    /** Row offsets: uniform while no column wraps, measured per row once one does (see columnControl.ts). */
    private get rowHeights(): RowHeights {
        return this.columnControl.heightsOf(this.rawRows, this.rowHeight);
    }

    /** After a column menu choice or a resize: new formatters only when the rendered columns changed. */
    private afterColumnsChange(): void {
        const control = this.columnControl;
        if (control.visibleKey !== this.formattedColumnsKey) this.buildFormattersOf(control.columns);
        // rows are one line again: measure their height (it was not read while they wrapped)
        if (!control.wraps) this.measured = false;
        const cols = colCount(this.layout);
        if (this.active.col >= cols) this.active = { row: this.active.row, col: Math.max(0, cols - 1) };
        this.columnsVersion++;
        this.updateWindow();
    }

    /** Reads the columns' rendered widths (when they may have changed) and, with wrapped columns, the rows' heights. */
    private measureColumns(): void {
        const control = this.columnControl;
        if (control.choicesPending) {
            control.choicesPending = false;
            const detail: ColumnsChangeDetail = { columns: control.choices };
            this.dispatchEvent(new CustomEvent('columnschange', { detail }));
        }
        let changed = false;
        if (control.widthsPending) {
            const headers = this.template?.querySelectorAll('thead th.column-header') ?? [];
            const widths = Array.from(headers, (th) => (th as HTMLElement).getBoundingClientRect().width);
            changed = control.setRenderedWidths(widths);
        }
        if (control.wraps) {
            const rendered = Array.from(this.template?.querySelectorAll('tr.data-row') ?? [], (tr) => ({
                index: Number((tr as HTMLElement).dataset.rowIndex),
                height: (tr as HTMLElement).offsetHeight
            }));
            if (control.measureRows(this.rawRows, rendered)) {
                changed = true;
                this.updateWindow();
            }
        }
        if (changed) this.columnsVersion++;
    }

    /** Keys on a resize handle (and Left / Right between a header label and its handle); true when handled. */
    private handleResizeKeydown(event: KeyboardEvent): boolean {
        const control = this.columnControl;
        const handle = (event.target as HTMLElement).closest?.('.resize-handle') as HTMLElement | null;
        if (control.resizing) {
            if (!handle) {
                control.finishResize(true);
                this.columnsVersion++;
                return false;
            }
            const result = control.resizeKey(event.key, event.shiftKey);
            if (result.kind === 'ignore') {
                // no grid navigation while resizing
                if (event.key.startsWith('Arrow') || event.key.startsWith('Page')) event.preventDefault();
                return true;
            }
            if (event.key !== 'Tab') event.preventDefault();
            this.columnsVersion++;
            return true;
        }
        if (this.active.row !== -1) return false;
        if (handle && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            control.startResize(handle.dataset.path ?? '');
            this.columnsVersion++;
            return true;
        }
        const move = headerMove(
            { col: this.active.col, onHandle: control.resizeFocus },
            event.key,
            { first: this.dataColOffset, last: this.dataColOffset + control.columns.length - 1 },
            this.gridColCount - 1
        );
        if (!move) {
            // any other move lands on a cell or a label, never on a handle
            if (control.resizeFocus && moveCell(this.active, event.key, { rows: 1, cols: 1, pageRows: 1 })) {
                control.resizeFocus = false;
            }
            return false;
        }
        event.preventDefault();
        control.resizeFocus = move.onHandle;
        this.columnsVersion++;
        this.focusCell({ row: -1, col: move.col });
        return true;
    }

    /** Focus on a resize handle (a click, a key) makes it the header's tab stop; true when it did. */
    private resizeFocusIn(target: HTMLElement): boolean {
        const control = this.columnControl;
        const handle = target.closest?.('.resize-handle') as HTMLElement | null;
        if (handle) {
            const col = Number(handle.dataset.col);
            if (!control.resizeFocus || this.active.row !== -1 || this.active.col !== col) {
                control.resizeFocus = true;
                this.active = { row: -1, col };
                this.columnsVersion++;
            }
            return true;
        }
        if (control.resizeFocus) {
            control.resizeFocus = false;
            this.columnsVersion++;
        }
        return false;
    }

    /** Drag resize: pointer down on a handle captures the pointer and starts from the column's rendered width. */
    handleResizePointerDown(event: PointerEvent): void {
        if (event.button !== 0) return;
        const handle = event.currentTarget as HTMLElement;
        const header = handle.closest('th') as HTMLElement | null;
        if (!header) return;
        event.preventDefault();
        event.stopPropagation();
        handle.setPointerCapture?.(event.pointerId);
        const rtl = getComputedStyle(header).direction === 'rtl';
        this.columnControl.startDrag(
            handle.dataset.path ?? '',
            event.clientX,
            header.getBoundingClientRect().width,
            rtl
        );
        this.columnsVersion++;
    }

    handleResizePointerMove(event: PointerEvent): void {
        if (this.columnControl.dragTo(event.clientX)) this.columnsVersion++;
    }

    handleResizePointerUp(event: PointerEvent): void {
        const handle = event.currentTarget as HTMLElement;
        if (handle.hasPointerCapture?.(event.pointerId)) handle.releasePointerCapture(event.pointerId);
        if (this.columnControl.endDrag()) this.columnsVersion++;
    }

    /** A keyboard resize ends (keeping the width) when the focus leaves its handle. */
    handleResizeBlur(): void {
        if (!this.columnControl.resizing) return;
        this.columnControl.finishResize(true);
        this.columnsVersion++;
    }

    /** A click on a resize handle is not a click on its header. */
    handleResizeClick(event: Event): void {
        event.stopPropagation();
    }

    /** A drag must not select the cells' text on its way. */
    handleResizeMouseDown(event: Event): void {
        event.preventDefault();
    }

    /** Recomputes the rendered window; assigns (and so re-renders) only when it changed. */
    private updateWindow(): void {
        const next = windowOf(this.scrollTop, this.bodyHeight, this.rowHeights);
        if (next.start !== this.windowStart) this.windowStart = next.start;
        if (next.end !== this.windowEnd) this.windowEnd = next.end;
    }

    /** Follows the scroll area's height (the page or App Builder can resize it). */
    private observeViewport(scroller: HTMLElement): void {
        if (this.resizeObserver || typeof ResizeObserver === 'undefined') return;
        this.resizeObserver = new ResizeObserver((entries) => {
            const rect = entries[entries.length - 1]?.contentRect;
            const height = rect?.height ?? 0;
            // a new width stretches the columns: the frozen offsets are measured again
            if (rect && rect.width > 0 && Math.round(rect.width) !== this.viewportWidth) {
                this.viewportWidth = Math.round(rect.width);
                this.columnControl.widthsPending = true;
                this.columnsVersion++;
            }
            if (height > 0 && height !== this.viewportHeight) {
                this.viewportHeight = height;
                this.updateWindow();
                this.maybeLoadMore();
            }
        });
        this.resizeObserver.observe(scroller);
    }

    /** Reads the real row, header and viewport heights once rendered (the defaults are estimates). */
    private measure(scroller: HTMLElement): void {
        // a wrapped row is taller than one line: the one-line height (the estimate of unmeasured rows) stays
        const wraps = this.columnControl.wraps;
        const row = wraps ? null : (this.template?.querySelector('tr.data-row') as HTMLElement | null);
        const header = this.template?.querySelector('tr.header-row') as HTMLElement | null;
        const rowHeight = row?.getBoundingClientRect().height ?? 0;
        const headerHeight = header?.getBoundingClientRect().height ?? 0;
        let changed = false;
        if (rowHeight > 0 && Math.abs(rowHeight - this.rowHeight) > 0.5) {
            this.rowHeight = rowHeight;
            changed = true;
        }
        if (headerHeight > 0 && Math.abs(headerHeight - this.headerHeight) > 0.5) {
            this.headerHeight = headerHeight;
            changed = true;
        }
        // the host sizes a table given in rows (or 'auto') from the real row and header heights
        if (changed && rowHeight > 0) {
            const detail: GridMeasureDetail = { rowHeight: this.rowHeight, headerHeight: this.headerHeight };
            this.dispatchEvent(new CustomEvent('measure', { detail }));
        }
        this.measured = rowHeight > 0 || wraps;
        if (scroller.clientHeight > 0 && scroller.clientHeight !== this.viewportHeight) {
            this.viewportHeight = scroller.clientHeight;
            changed = true;
        }
        if (changed) this.updateWindow();
    }

    /** Asks the host for the next page when the view nears the end of the loaded rows (once per page). */
    private maybeLoadMore(): void {
        // only once the real size of the view is known (never on a guessed height)
        if (!this.viewportHeight) return;
        if (!this.hasMore || this.loading || this.loadingMore || !this.rawRows.length) return;
        if (this.loadMoreAskedAt === this.rawRows.length) return;
        const lastVisible = this.rowHeights.indexAt(this.scrollTop + this.bodyHeight);
        if (lastVisible < this.rawRows.length - LOAD_MORE_OFFSET) return;
        this.loadMoreAskedAt = this.rawRows.length;
        this.dispatchEvent(new CustomEvent('loadmore', { detail: {} }));
    }

    private focusCell(next: CellPosition): void {
        const scroller = this.template?.querySelector('.grid-scroller') as HTMLElement | null;
        if (scroller && next.row >= 0) {
            const top = scrollTopOf(
                next.row,
                this.scrollTop,
                this.viewportHeight || parsePx(this.heightValue),
                this.rowHeights,
                this.headerHeight
            );
            if (top !== this.scrollTop) {
                scroller.scrollTop = top;
                this.scrollTop = top;
                this.updateWindow();
            }
        }
        this.active = next;
        this.focusPending = true;
    }

    /** Hands the model the current row objects and notes whether every loaded row is selected (one pass). */
    private refreshSelectedRows(): void {
        const model = this.model;
        if (!model) return;
        const selected = model.refreshRows(this.rawRows);
        const value = this.rawRows.length > 0 && selected === this.rawRows.length;
        this.allSelectedCache = { version: model.version, rows: this.rawRows, value };
    }

    private afterSelection(rejected: string[], allLoadedSelected = false): void {
        const model = this.model;
        if (!model) return;
        if (allLoadedSelected) this.allSelectedCache = { version: model.version, rows: this.rawRows, value: true };
        // always re-render, so a refused checkbox is cleared again
        this.selectionVersion++;
        // the arrays are built only if a listener reads them (select all over 50,000 rows would copy them twice)
        const detail: SelectionChangeDetail = {
            get selectedKeys() {
                return model.selectedKeys;
            },
            get selectedRows() {
                return model.SelectedRows;
            },
            selectedRowCount: model.size,
            rejected
        };
        this.dispatchEvent(new CustomEvent('selectionchange', { detail }));
    }

    private applyInitialSort(): void {
        const field = this.initialSort?.field;
        if (!field) return;
        this.sortedBy = field;
        this.sortedDirection = this.initialSort?.direction === 'desc' ? 'desc' : 'asc';
    }

    private attachModel(value: SelectionModel | undefined): void {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        this.model = value;
        if (value) {
            this.unsubscribe = value.subscribe(() => {
                this.selectionVersion++;
            });
            this.refreshSelectedRows();
        }
        this.selectionVersion++;
    }
}
