import { LightningElement, api, track } from 'lwc';
import { SelectionModel } from 'c/dcRuntime';
import type { QueryFieldInfo, QueryNotice, RowSelectionDetail } from 'c/dcRuntime';
import type { ActionButtonDefinition, DataTableDefinition } from 'c/dcDefinition';
import { buildTable, flattenRow } from './columns';
import type { DatatableColumn, Row, TablePlan } from './columns';

export type { DatatableColumn, Row };

const SEARCH_DELAY_MS = 300;
const DEFAULT_HEIGHT = '400px';
const EMPTY_PLAN: TablePlan = { columns: [], plans: [], keyField: 'Id', sortFields: {} };
/** Virtualized rendering: lightning-datatable windows rows only with render-mode="role-based". */
const RENDER_CONFIG = Object.freeze({ virtualize: 'vertical', bufferSize: 10 });

interface HeaderButton {
    name: string;
    label: string;
    variant: string;
    iconName?: string;
    disabled: boolean;
    busy: boolean;
    busyText: string;
    title?: string;
    describedBy?: string;
}

/** Detail of the `sort` event. */
export interface SortDetail {
    /** Field path to sort by (Name, Account.Name). */
    field: string;
    direction: 'asc' | 'desc';
}

/** Detail of the `selectionchange` event. */
export interface SelectionChangeDetail {
    selectedKeys: readonly string[];
    selectedRows: readonly Row[];
    selectedRowCount: number;
    /** Keys the user tried to select beyond maxRowSelection. */
    rejected: string[];
}

function defaultRecordUrl(id: string): string {
    return `/${encodeURIComponent(id)}`;
}

/**
 * The Data Table view of a Dynamic Component, over lightning-datatable. It renders what the host gives it and
 * reports what the user does; the host runs the queries.
 *
 * Inputs (@api): definition (DataTableDefinition), fields (QueryResponse.fields), rows (all loaded records, raw
 * and nested as Apex returns them; the host appends pages by passing a longer array), totalCount, hasMore,
 * loading (first page / refresh / search / sort), loadingMore (next page), errorMessage, notices, selection
 * (the runtime SelectionModel of this table), busyActions (names of header actions whose interaction runs),
 * sortBy / sortDirection (initial sort, field paths), height (CSS length), recordUrl (id → link URL).
 *
 * Events (none bubble; detail in brackets):
 * - headeraction {action}                       - a header action button was clicked (not while disabled/busy)
 * - rowaction    {action, row, key}             - a row action was chosen; row is the raw record
 * - selectionchange {selectedKeys, selectedRows, selectedRowCount, rejected}
 * - sort         {field, direction}             - server-side sort requested
 * - search       {searchTerm}                   - debounced 300 ms, server-side search requested
 * - loadmore     {}                             - the next page is wanted (only while hasMore and not loading)
 * - retry        {}                             - the user asked to load again after an error
 */
export default class DynamicDataTable extends LightningElement {
    /** Search term typed in the box (drives the input). */
    searchInput = '';
    sortedBy?: string;
    sortedDirection: 'asc' | 'desc' = 'asc';
    /** Keys passed to lightning-datatable's selected-rows (new array on every change). */
    @track selectedKeys: string[] = [];
    /** Flattened rows for lightning-datatable. */
    data: Row[] = [];
    /** Announced once after the user tried to select too many rows. */
    selectionNotice = '';

    @api totalCount: number | null = null;
    @api hasMore = false;
    @api loading = false;
    @api loadingMore = false;
    @api errorMessage = '';
    @api notices: QueryNotice[] = [];
    @api objectLabelPlural = '';

    private tableDefinition?: DataTableDefinition;
    private fieldInfos: QueryFieldInfo[] = [];
    private rawRows: Row[] = [];
    private plan: TablePlan = EMPTY_PLAN;
    private flatCache = new WeakMap<object, Row>();
    private rawByKey = new Map<string, Row>();
    private model?: SelectionModel;
    private unsubscribe?: () => void;
    private busyNames: string[] = [];
    private heightValue = '';
    private recordUrlBuilder: (id: string) => string = defaultRecordUrl;
    private searchTimer?: ReturnType<typeof setTimeout>;
    private initialSort?: { field?: string; direction?: 'asc' | 'desc' };

    /** The table's definition (columns, actions, selection, search). */
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

    /** All loaded records (raw, nested). Each record object is flattened once, when it first arrives. */
    @api
    get rows(): Row[] {
        return this.rawRows;
    }
    set rows(value: Row[]) {
        this.rawRows = Array.isArray(value) ? value : [];
        this.flatten();
        this.model?.updateRows(this.rawRows);
    }

    /** The runtime SelectionModel of this table; one is created when the host passes none. */
    @api
    get selection(): SelectionModel | undefined {
        return this.model;
    }
    set selection(value: SelectionModel | undefined) {
        this.attachModel(value);
    }

    /** Names of header actions whose interaction is running: their buttons show a spinner and are disabled. */
    @api
    get busyActions(): string[] {
        return this.busyNames;
    }
    set busyActions(value: string[]) {
        this.busyNames = Array.isArray(value) ? value : [];
    }

    /** Height of the scroll area (CSS length); overrides the definition's height. */
    @api
    get height(): string {
        return this.heightValue;
    }
    set height(value: string) {
        this.heightValue = value || '';
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

    /** Clears the selection (all pages). */
    @api
    clearSelection(): void {
        this.ensureModel().clear();
        this.syncSelection();
    }

    override disconnectedCallback(): void {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        clearTimeout(this.searchTimer);
    }

    override connectedCallback(): void {
        if (this.model && !this.unsubscribe) this.attachModel(this.model);
    }

    // ------------------------------------------------------------------ derived state

    get columns(): DatatableColumn[] {
        return this.plan.columns;
    }

    get keyField(): string {
        return this.plan.keyField;
    }

    get renderConfig(): Readonly<Record<string, unknown>> {
        return RENDER_CONFIG;
    }

    get maxRowSelection(): number | undefined {
        const max = this.tableDefinition?.maxRowSelection ?? 0;
        return max > 0 ? max : undefined;
    }

    get hideCheckboxColumn(): boolean {
        return !this.maxRowSelection;
    }

    get showRowNumbers(): boolean {
        return Boolean(this.tableDefinition?.showRowNumbers);
    }

    get showSearch(): boolean {
        return Boolean(this.tableDefinition?.showSearch);
    }

    get tableLabel(): string {
        return this.objectLabelPlural || 'records';
    }

    get searchLabel(): string {
        return `Search ${this.tableLabel}`;
    }

    get searchPlaceholder(): string {
        return `Search ${this.tableLabel}…`;
    }

    get hasRows(): boolean {
        return this.data.length > 0;
    }

    /** The datatable stays mounted while rows exist, so a refresh keeps its scroll position. */
    get showTable(): boolean {
        return this.hasRows;
    }

    get showInitialLoading(): boolean {
        return this.loading && !this.hasRows;
    }

    get showError(): boolean {
        return Boolean(this.errorMessage) && !this.hasRows;
    }

    get showErrorBanner(): boolean {
        return Boolean(this.errorMessage) && this.hasRows;
    }

    get loadingText(): string {
        return this.hasRows ? `Refreshing ${this.tableLabel}` : `Loading ${this.tableLabel}`;
    }

    get emptyText(): string {
        const term = this.searchInput.trim();
        if (term) return `No ${this.tableLabel} match “${term}”.`;
        return this.tableDefinition?.emptyMessage || `No ${this.tableLabel} to display.`;
    }

    get areaStyle(): string {
        return this.hasRows ? `height: ${this.heightValue || this.tableDefinition?.height || DEFAULT_HEIGHT};` : '';
    }

    get hasNotices(): boolean {
        return Array.isArray(this.notices) && this.notices.length > 0;
    }

    get noticeItems(): { key: string; message: string }[] {
        return (this.notices ?? []).map((notice, index) => ({
            key: `${index}:${notice.path}`,
            message: notice.message
        }));
    }

    get rowCountText(): string {
        const format = new Intl.NumberFormat();
        const loaded = this.data.length;
        if (this.showInitialLoading || this.showError) return '';
        if (typeof this.totalCount === 'number' && this.totalCount >= loaded) {
            return `${format.format(loaded)} of ${format.format(this.totalCount)}`;
        }
        return this.hasMore
            ? `${format.format(loaded)}+`
            : `${format.format(loaded)} ${loaded === 1 ? 'item' : 'items'}`;
    }

    get hasSelectionText(): boolean {
        return this.selectedKeys.length > 0;
    }

    get selectionText(): string {
        return `${new Intl.NumberFormat().format(this.selectedKeys.length)} selected`;
    }

    get announcement(): string {
        if (this.errorMessage) return '';
        if (this.loading) return `${this.loadingText}…`;
        if (this.loadingMore) return `Loading more ${this.tableLabel}…`;
        if (this.selectionNotice) return this.selectionNotice;
        return this.rowCountText ? `Showing ${this.rowCountText} ${this.tableLabel}` : '';
    }

    get hasHeaderActions(): boolean {
        return (this.tableDefinition?.headerActions ?? []).length > 0;
    }

    get headerActionsLabel(): string {
        return `${this.tableDefinition?.title || this.tableLabel} actions`;
    }

    get selectionRequiredText(): string {
        return 'Select at least one row to use this action.';
    }

    get headerButtons(): HeaderButton[] {
        const selected = this.selectedKeys.length;
        return (this.tableDefinition?.headerActions ?? []).map((action: ActionButtonDefinition) => {
            const busy = this.busyNames.includes(action.name);
            const needsSelection = Boolean(action.requiresSelection) && selected === 0;
            return {
                name: action.name,
                label: action.label,
                variant: action.variant ?? 'neutral',
                iconName: action.iconName,
                busy,
                busyText: `${action.label} is running`,
                disabled: busy || needsSelection,
                title: needsSelection ? `Select at least one row to use ${action.label}.` : undefined,
                describedBy: needsSelection ? 'selection-required' : undefined
            };
        });
    }

    // ------------------------------------------------------------------ event handlers

    handleHeaderAction(event: Event): void {
        const name = (event.currentTarget as HTMLElement).dataset.action ?? '';
        const button = this.headerButtons.find((b) => b.name === name);
        if (!button || button.disabled) return;
        this.dispatchEvent(new CustomEvent('headeraction', { detail: { action: name } }));
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: Row }>): void {
        const key = String(event.detail.row?.[this.keyField] ?? '');
        const row = this.rawByKey.get(key) ?? event.detail.row;
        this.dispatchEvent(new CustomEvent('rowaction', { detail: { action: event.detail.action.name, row, key } }));
    }

    handleRowSelection(event: CustomEvent<RowSelectionDetail>): void {
        const model = this.ensureModel();
        const selectedRows = (event.detail.selectedRows ?? [])
            .map((row) => this.rawByKey.get(String(row[this.keyField])))
            .filter((row): row is Row => Boolean(row));
        const change = model.applySelectionEvent({ selectedRows, config: event.detail.config }, this.rawRows);
        this.selectionNotice = change.rejected.length
            ? `You can select up to ${new Intl.NumberFormat().format(model.maxRowSelection)} rows.`
            : '';
        // always hand the datatable a new array, so rejected checkboxes are cleared again
        this.syncSelection();
        this.dispatchEvent(
            new CustomEvent('selectionchange', {
                detail: {
                    selectedKeys: model.selectedKeys,
                    selectedRows: model.SelectedRows,
                    selectedRowCount: model.size,
                    rejected: change.rejected
                }
            })
        );
    }

    handleSort(event: CustomEvent<{ fieldName: string; sortDirection: 'asc' | 'desc' }>): void {
        const { fieldName, sortDirection } = event.detail;
        const field = this.plan.sortFields[fieldName];
        if (!field) return;
        this.sortedBy = fieldName;
        this.sortedDirection = sortDirection === 'desc' ? 'desc' : 'asc';
        this.dispatchEvent(new CustomEvent('sort', { detail: { field, direction: this.sortedDirection } }));
    }

    handleSearchInput(event: CustomEvent<{ value: string }>): void {
        this.searchInput = event.detail?.value ?? '';
        clearTimeout(this.searchTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            this.dispatchEvent(new CustomEvent('search', { detail: { searchTerm: this.searchInput.trim() } }));
        }, SEARCH_DELAY_MS);
    }

    handleLoadMore(): void {
        if (!this.hasMore || this.loadingMore || this.loading) return;
        this.dispatchEvent(new CustomEvent('loadmore', { detail: {} }));
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry', { detail: {} }));
    }

    // ------------------------------------------------------------------ internals

    private rebuild(): void {
        this.plan = this.tableDefinition ? buildTable(this.tableDefinition, this.fieldInfos) : EMPTY_PLAN;
        this.flatCache = new WeakMap();
        this.applyInitialSort();
        this.flatten();
        this.syncSelection();
    }

    /** Flattens records not seen before (a new page flattens only its own rows). */
    private flatten(): void {
        const plan = this.plan;
        const byKey = new Map<string, Row>();
        const data: Row[] = new Array(this.rawRows.length);
        for (let i = 0; i < this.rawRows.length; i++) {
            const record = this.rawRows[i];
            let flat = this.flatCache.get(record);
            if (!flat) {
                flat = flattenRow(record, plan, this.recordUrlBuilder);
                this.flatCache.set(record, flat);
            }
            data[i] = flat;
            byKey.set(String(flat[plan.keyField]), record);
        }
        this.rawByKey = byKey;
        this.data = data;
    }

    private applyInitialSort(): void {
        const field = this.initialSort?.field;
        if (!field) return;
        const fieldName = Object.keys(this.plan.sortFields).find((name) => this.plan.sortFields[name] === field);
        this.sortedBy = fieldName ?? field;
        this.sortedDirection = this.initialSort?.direction === 'desc' ? 'desc' : 'asc';
    }

    private ensureModel(): SelectionModel {
        if (!this.model) {
            this.attachModel(
                new SelectionModel({
                    keyField: this.plan.keyField,
                    maxRowSelection: this.tableDefinition?.maxRowSelection ?? 0
                })
            );
        }
        return this.model as SelectionModel;
    }

    private attachModel(value: SelectionModel | undefined): void {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        this.model = value;
        if (value) {
            this.unsubscribe = value.subscribe(() => this.syncSelection());
            value.updateRows(this.rawRows);
        }
        this.syncSelection();
    }

    private syncSelection(): void {
        this.selectedKeys = this.model ? [...this.model.selectedKeys] : [];
    }
}
