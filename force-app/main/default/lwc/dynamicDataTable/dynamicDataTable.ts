import { LightningElement, api, unwrap } from 'lwc';
import {
    DraftStore,
    ExportAbortedError,
    SelectionModel,
    downloadFile,
    exportFileName,
    exportTable,
    parseServerError
} from 'c/dcRuntime';
import type {
    LookupOption,
    QueryFieldInfo,
    QueryNotice,
    QueryRequest,
    QueryResponse,
    UiPicklistValuesByRecordType
} from 'c/dcRuntime';
import type { ActionButtonDefinition, DataTableDefinition } from 'c/dcDefinition';
import type { GridCellCommitDetail, GridMeasureDetail, Row, SelectionChangeDetail } from 'c/dataGrid';
import type { ColumnChange, ColumnChoice, ColumnsChangeDetail } from 'c/dataGrid';
import type { PicklistValuesDetail } from 'c/recordTypePicklists';
import { ACTION_NOT_SET_UP } from 'c/dcInteractions';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import saveRecords from '@salesforce/apex/DynamicComponentController.saveRecords';
import searchLookup from '@salesforce/apex/DynamicComponentController.searchLookup';
import exportRows from '@salesforce/apex/DynamicComponentController.exportRows';
import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { commitDraft, exportProgressText, saveDrafts } from './saveFlow';
import { sizedByRows, tableAreaHeight, type GridMetrics } from './tableHeight';

export type { GridColumn, Row, SelectionChangeDetail } from 'c/dataGrid';

const SEARCH_DELAY_MS = 300;
/** Rows per exportRows call (the server's maximum). */
const EXPORT_PAGE_SIZE = 2000;
const MASTER_RECORD_TYPE = '012000000000000AAA';

/** Detail of the `save` event. */
export interface TableSaveDetail {
    savedCount: number;
    failedCount: number;
}

/** The page record and bind values of the query that loaded the rows: saveRecords re-reads the rows with them. */
export interface QueryContext {
    recordId?: string | null;
    binds?: Record<string, unknown>;
}

/** What the host passes to exportCsv besides the file name: the query's binds, the page record and maxRows. */
export interface ExportContext extends QueryContext {
    maxRows?: number | null;
}
/** Formats the row and selection counts (built once: the count texts are read on every render). */
const COUNT_FORMAT = new Intl.NumberFormat(LOCALE);

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

/** The visible reason under the toolbar for a header action whose interaction is not set up correctly. */
interface UnavailableNote {
    key: string;
    label: string;
    reason: string;
}

/** Id (in the template) of the text that explains why an action is not set up; its buttons point at it. */
const NOT_SET_UP_ID = 'action-not-set-up';

/** Detail of the `sort` event. */
export interface SortDetail {
    /** Field path to sort by (Name, Account.Name). */
    field: string;
    direction: 'asc' | 'desc';
}

/**
 * The Data Table view of a Dynamic Component: the row count, search box and header actions above the rows
 * (c-data-grid, a virtualized ARIA grid), the loading, empty and error states, field notices and a live region. It
 * renders what the host gives it and reports what the user does; the host runs the queries.
 *
 * Inputs (@api): definition (DataTableDefinition), fields (QueryResponse.fields), rows (all loaded records, raw
 * and nested as Apex returns them; the host appends pages by passing a longer array), totalCount, hasMore,
 * loading (first page / refresh / search / sort), loadingMore (next page), errorMessage, notices, selection
 * (the runtime SelectionModel of this table; one is created when the host passes none), busyActions (names of
 * header actions whose interaction runs), sortBy / sortDirection (initial sort, field paths), height (CSS length),
 * recordUrl (id → link URL), queryContext (recordId and binds of the query, sent with a save), unavailableHeaderActions / unavailableRowActions (names of actions whose interaction
 * has setup problems: shown disabled with "This action isn't set up correctly. Ask your admin.").
 *
 * Events (none bubble; detail in brackets):
 * - headeraction {action}                       - a header action button was clicked (not while disabled/busy/
 *                                                 unavailable)
 * - rowaction    {action, row, key}             - a row action was chosen; row is the raw record
 * - selectionchange {selectedKeys, selectedRows, selectedRowCount, rejected}
 * - sort         {field, direction}             - server-side sort requested
 * - search       {searchTerm}                   - debounced 300 ms, server-side search requested
 * - loadmore     {}                             - the next page is wanted (only while hasMore and not loading)
 * - retry        {}                             - the user asked to load again after an error
 */
function valueAtKey(row: Row, path: string): unknown {
    let value: unknown = row;
    for (const part of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[part];
    return value;
}

export default class DynamicDataTable extends LightningElement {
    /** Search term typed in the box (drives the input). */
    searchInput = '';
    /** "3 rows saved." after a save (announced). */
    lastSaveText = '';
    /** Announced once after the user tried to select too many rows. */
    selectionNotice = '';
    /** Bumped on every selection change: re-renders the count and the header actions. */
    selectionVersion = 0;

    /** The server's count of the query's rows (with the search); a changed count ends a "select all matching". */
    @api
    get totalCount(): number | null {
        return this.total;
    }
    set totalCount(value: number | null) {
        this.total = typeof value === 'number' ? value : null;
        const model = this.model;
        if (model?.isAllMatching && this.total !== null && this.total !== model.matchingTotal) model.endMatching();
    }
    private total: number | null = null;
    @api hasMore = false;
    @api loading = false;
    @api loadingMore = false;
    @api errorMessage = '';
    @api notices: QueryNotice[] = [];
    @api objectLabelPlural = '';
    /** API name of the Dynamic Component definition (saveRecords, searchLookup and exportRows name it). */
    @api definitionName = '';
    /** API name of the query's object (the picklist values of its record types come from the UI API). */
    @api objectApiName = '';
    /**
     * The recordId and binds of the query that loaded the rows: a save sends them, so the server checks each row
     * against the same conditions (a related list's `:recordId`, a bind from the page).
     */
    @api queryContext: QueryContext | null = null;
    /** Drafts saving: the table is busy and locked. */
    saving = false;
    /** Bumped on every draft change (the grid re-renders its rows in view). */
    draftVersion = 0;
    /** The last save's message (a whole-request refusal, or how many rows failed). */
    saveMessage = '';
    /** The UI API's picklist values by record type id. */
    picklistValues: Record<string, UiPicklistValuesByRecordType> = {};
    /** The export running: its progress text ('' when none). */
    exportProgress = '';
    /** After an export: the columns left out, and other notices. */
    exportNotices: { key: string; message: string }[] = [];
    /** Builds the link URL of a record id, handed to the grid (it links to "/<id>" without one). */
    @api recordUrl?: (id: string) => string;
    /** Initial sort field path (the query's first orderBy), handed to the grid. */
    @api sortBy?: string;
    @api sortDirection?: 'asc' | 'desc';

    private tableDefinition?: DataTableDefinition;
    private rawRows: Row[] = [];
    private model?: SelectionModel;
    private unsubscribe?: () => void;
    private busyNames: string[] = [];
    private unavailableHeaderNames: string[] = [];
    private unavailableRowNames: string[] = [];
    private heightValue = '';
    /** The grid's rendered row and header heights (its `measure` event); nominal ones until then. */
    private gridMetrics: GridMetrics | undefined;
    private searchTimer?: ReturnType<typeof setTimeout>;
    private focusReturnPending = false;
    /** "Show selected": the grid shows these selected rows (a snapshot) instead of the loaded ones. */
    private selectedView: Row[] | null = null;
    /** Selected rows among the loaded ones, cached per selection version and row set (one pass). */
    private loadedSelectedCache?: { version: number; rows: Row[]; count: number };
    /** The header action whose run the user started: focus goes back to its button when the run ends. */
    private focusReturnAction = '';
    private fieldInfos: QueryFieldInfo[] = [];
    private draftStore?: DraftStore;
    /** Saved rows as the server re-read them, by key: shown in place of the loaded ones until the host reloads. */
    private savedRows = new Map<string, Row>();
    private rowIndexCache?: { rows: Row[]; index: Map<string, Row> };
    private shownRowsCache?: { rows: Row[]; version: number; out: Row[] };
    private savedRowsVersion = 0;
    private recordTypeCache?: { rows: Row[]; ids: string[] };
    private currentSort?: { field: string; direction: 'asc' | 'desc' };
    private exportAbort?: AbortController;

    /** Field metadata from QueryResponse.fields, handed to the grid (labels and types come from describe). */
    @api
    get fields(): QueryFieldInfo[] {
        return this.fieldInfos;
    }
    set fields(value: QueryFieldInfo[]) {
        this.fieldInfos = Array.isArray(value) ? (unwrap(value) as QueryFieldInfo[]) : [];
        this.draftStore?.setFields(this.fieldInfos);
    }

    /** The table's definition (columns, actions, selection, search). */
    @api
    get definition(): DataTableDefinition | undefined {
        return this.tableDefinition;
    }
    set definition(value: DataTableDefinition | undefined) {
        this.tableDefinition = value;
        this.ensureModel();
        this.ensureDrafts();
    }

    /** All loaded records (raw, nested), passed on to the grid. */
    @api
    get rows(): Row[] {
        return this.rawRows;
    }
    set rows(value: Row[]) {
        // the host's own array, not LWC's read-only proxy of it (see c-data-grid)
        this.rawRows = Array.isArray(value) ? (unwrap(value) as Row[]) : [];
        this.dropReloadedSavedRows();
    }

    /** The runtime SelectionModel of this table; one is created when the host passes none. */
    @api
    get selection(): SelectionModel | undefined {
        return this.model;
    }
    set selection(value: SelectionModel | undefined) {
        this.attachModel(value);
        this.ensureModel();
    }

    /** Names of header actions whose interaction is running: their buttons show a spinner and are disabled. */
    @api
    get busyActions(): string[] {
        return this.busyNames;
    }
    set busyActions(value: string[]) {
        const wasBusy = this.busyNames.includes(this.focusReturnAction);
        this.busyNames = Array.isArray(value) ? value : [];
        // the button was disabled while its action ran, so the focus fell to the page: give it back once it ends
        if (wasBusy && !this.busyNames.includes(this.focusReturnAction)) this.focusReturnPending = true;
    }

    /**
     * Names of header actions whose interaction is not set up correctly (setup problems): their buttons are
     * disabled, with the reason shown under the toolbar and announced with the button.
     */
    @api
    get unavailableHeaderActions(): string[] {
        return this.unavailableHeaderNames;
    }
    set unavailableHeaderActions(value: string[]) {
        this.unavailableHeaderNames = Array.isArray(value) ? [...value] : [];
    }

    /** Names of row actions whose interaction is not set up correctly: disabled menu items with the reason. */
    @api
    get unavailableRowActions(): string[] {
        return this.unavailableRowNames;
    }
    set unavailableRowActions(value: string[]) {
        this.unavailableRowNames = Array.isArray(value) ? [...value] : [];
    }

    /** Height of the scroll area (CSS length); overrides the definition's height. */
    @api
    get height(): string {
        return this.heightValue;
    }
    set height(value: string) {
        this.heightValue = value || '';
    }

    /**
     * Gives focus back to the control that started the last action, dialog or panel: its header button (the grid
     * when that button is disabled now), else the row action menu in the grid.
     */
    @api
    restoreFocus(): void {
        const name = this.focusReturnAction;
        this.focusReturnAction = '';
        this.focusReturnPending = false;
        const button = name
            ? (this.template?.querySelector(`lightning-button[data-action="${name}"]`) as
                  (HTMLElement & { disabled?: boolean }) | null)
            : null;
        if (button && !button.disabled) {
            button.focus();
            return;
        }
        (
            this.template?.querySelector('c-data-grid') as (HTMLElement & { restoreFocus?: () => void }) | null
        )?.restoreFocus?.();
    }

    /**
     * Exports every row of the table's query that matches the current search, in the current sort, up to maxRows,
     * as a CSV file (c-dynamic-component's exportCsv action). Shows the progress with a Cancel button; columns the
     * user cannot read are left out, with a notice after. Resolves when the file is downloaded or the export ends.
     */
    @api
    async exportCsv(fileName?: string, context: ExportContext = {}): Promise<{ rowCount: number } | null> {
        const definition = this.tableDefinition;
        if (!definition || this.exportAbort) return null;
        const abort = new AbortController();
        this.exportAbort = abort;
        this.exportNotices = [];
        this.exportProgress = exportProgressText(0, null, LOCALE);
        const sort =
            this.currentSort ??
            (this.sortBy ? { field: this.sortBy, direction: this.sortDirection ?? 'asc' } : undefined);
        const base: QueryRequest = {
            recordId: context.recordId ?? null,
            binds: context.binds ?? {},
            sortBy: sort?.field ?? null,
            sortDirection: sort?.direction ?? 'asc',
            searchTerm: this.searchInput.trim() || null,
            pageSize: EXPORT_PAGE_SIZE
        };
        try {
            const result = await exportTable({
                fetchPage: async (cursor) =>
                    (await exportRows({
                        definitionName: this.definitionName,
                        tableName: definition.name,
                        requestJson: JSON.stringify({ ...base, cursor, withCount: cursor === null })
                    })) as QueryResponse,
                columns: (definition.columns ?? []).map((c) => ({
                    field: c.field,
                    label: c.label || this.fieldInfos.find((f) => f.path === c.field)?.label || c.field
                })),
                fields: this.fieldInfos,
                maxRows: context.maxRows ?? null,
                locale: LOCALE,
                currency: CURRENCY,
                timeZone: TIME_ZONE,
                signal: abort.signal,
                onProgress: ({ loaded, total }) => {
                    this.exportProgress = exportProgressText(loaded, total, LOCALE);
                }
            });
            const name = fileName || exportFileName(this.definitionName || definition.name, new Date(), TIME_ZONE);
            downloadFile(result.parts, name);
            this.exportNotices = result.notices.map((notice, i) => ({
                key: `${i}:${notice.path}`,
                message: notice.message
            }));
            if (result.truncated) {
                this.exportNotices = [
                    ...this.exportNotices,
                    {
                        key: 'truncated',
                        message: `The file has the first ${COUNT_FORMAT.format(result.rowCount)} rows: the query's maximum.`
                    }
                ];
            }
            return { rowCount: result.rowCount };
        } catch (error) {
            const message =
                error instanceof ExportAbortedError || (error as Error)?.name === 'AbortError'
                    ? 'The export was cancelled.'
                    : `The export failed: ${parseServerError(error).message}`;
            this.exportNotices = [{ key: 'error', message }];
            return null;
        } finally {
            this.exportAbort = undefined;
            this.exportProgress = '';
        }
    }

    /** Drops every draft (the footer's Cancel). */
    @api
    cancelDrafts(): void {
        this.draftStore?.clear();
        this.saveMessage = '';
        this.bumpDrafts();
    }

    /** Clears the selection (all pages). */
    @api
    clearSelection(): void {
        this.ensureModel()?.clear();
    }

    override connectedCallback(): void {
        if (this.model && !this.unsubscribe) this.attachModel(this.model);
    }

    override renderedCallback(): void {
        if (!this.focusReturnPending) return;
        // only when the focus is lost (on the page body): never take it from where the user has moved it
        const active = document.activeElement;
        if (active && active !== document.body) {
            this.focusReturnPending = false;
            return;
        }
        this.restoreFocus();
    }

    override disconnectedCallback(): void {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        clearTimeout(this.searchTimer);
    }

    // ------------------------------------------------------------------ derived state

    get showSearch(): boolean {
        return Boolean(this.tableDefinition?.showSearch);
    }

    get tableLabel(): string {
        return this.objectLabelPlural || 'records';
    }

    get gridLabel(): string {
        return this.tableDefinition?.title || this.tableLabel;
    }

    get searchLabel(): string {
        return `Search ${this.tableLabel}`;
    }

    get searchPlaceholder(): string {
        return `Search ${this.tableLabel}…`;
    }

    get hasRows(): boolean {
        return this.rawRows.length > 0;
    }

    /** The grid stays mounted while rows exist, so a refresh keeps its scroll position. */
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

    /** The rows and the loading skeleton take the table's height, so the first page arriving shifts nothing. */
    get areaStyle(): string {
        if (!this.hasRows && !this.showInitialLoading) return '';
        // a height in rows or 'auto' may be less than the area's usual minimum
        const minimum = !this.heightValue && sizedByRows(this.tableDefinition?.height) ? ' min-height: 0;' : '';
        return `height: ${this.cssHeight};${minimum}`;
    }

    /** The loading skeleton's column headers: the definition's labels (the describe's come with the first page). */
    get skeletonColumns(): { key: string; label: string }[] {
        return (this.tableDefinition?.columns ?? []).map((column, i) => ({
            key: `${i}:${column.field}`,
            label: column.label || column.field
        }));
    }

    get skeletonRows(): number[] {
        return [1, 2, 3, 4, 5, 6];
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
        const loaded = this.rawRows.length;
        if (this.showInitialLoading || this.showError) return '';
        if (typeof this.totalCount === 'number' && this.totalCount >= loaded) {
            return `${COUNT_FORMAT.format(loaded)} of ${COUNT_FORMAT.format(this.totalCount)}`;
        }
        return this.hasMore
            ? `${COUNT_FORMAT.format(loaded)}+`
            : `${COUNT_FORMAT.format(loaded)} ${loaded === 1 ? 'item' : 'items'}`;
    }

    get selectedCount(): number {
        // read selectionVersion so the getter re-runs on every selection change
        return this.selectionVersion >= 0 && this.model ? this.model.SelectedRowCount : 0;
    }

    // ------------------------------------------------------------------ select all matching

    /** "All 50 loaded rows are selected. [Select all 25,000 matching rows]" or the all-matching state. */
    get showMatchingBanner(): boolean {
        return this.matchingOffer || this.isAllMatching;
    }

    get isAllMatching(): boolean {
        return this.selectionVersion >= 0 && Boolean(this.model?.isAllMatching);
    }

    /** Every loaded row is selected and the query has more: the table offers to select all of them. */
    private get matchingOffer(): boolean {
        const model = this.model;
        const total = this.totalCount;
        const loaded = this.rawRows.length;
        if (this.selectionVersion < 0 || !model || model.isAllMatching || this.selectedView) return false;
        if (typeof total !== 'number' || total <= loaded || !loaded || model.maxRowSelection <= 1) return false;
        // a cap below the total cannot take every matching row: no offer that would be refused
        if (model.maxRowSelection < total) return false;
        return model.size >= loaded && this.loadedSelectedCount(model) === loaded;
    }

    get matchingText(): string {
        const model = this.model;
        if (!model) return '';
        if (model.isAllMatching) {
            const total = COUNT_FORMAT.format(model.matchingTotal);
            return model.excludedCount
                ? `${COUNT_FORMAT.format(model.SelectedRowCount)} of ${total} matching rows are selected.`
                : `All ${total} matching rows are selected.`;
        }
        const loaded = this.rawRows.length;
        return `All ${COUNT_FORMAT.format(loaded)} loaded ${loaded === 1 ? 'row is' : 'rows are'} selected.`;
    }

    get selectAllMatchingLabel(): string {
        return `Select all ${COUNT_FORMAT.format(this.totalCount ?? 0)} matching rows`;
    }

    handleSelectAllMatching(): void {
        const model = this.model;
        if (!model || typeof this.totalCount !== 'number') return;
        model.selectAllMatching(this.totalCount, this.searchInput.trim() || null, this.rawRows);
        this.announceSelection();
    }

    handleClearMatching(): void {
        this.model?.clear();
        this.selectedView = null;
        this.announceSelection();
    }

    /** Tells the host the selection changed (as the grid does after a click). */
    private announceSelection(): void {
        const model = this.model;
        if (!model) return;
        this.dispatchEvent(
            new CustomEvent('selectionchange', {
                detail: {
                    get selectedKeys() {
                        return model.selectedKeys;
                    },
                    get selectedRows() {
                        return model.SelectedRows;
                    },
                    selectedRowCount: model.SelectedRowCount,
                    rejected: []
                }
            })
        );
    }

    get hasSelectionText(): boolean {
        return this.selectedCount > 0;
    }

    get selectionText(): string {
        const text = `${COUNT_FORMAT.format(this.selectedCount)} selected`;
        const hidden = this.hiddenSelectedCount;
        return hidden > 0 ? `${text}, ${COUNT_FORMAT.format(hidden)} hidden by the search` : text;
    }

    /**
     * Selected rows the search hides (selected before it, not among its rows): they still count and still go to the
     * actions, so the user is told and can see or clear them. Only while a search is active.
     */
    get hiddenSelectedCount(): number {
        const model = this.model;
        if (!model || this.selectedView || !this.searchInput.trim() || this.selectedCount === 0) return 0;
        // every matching row of the search is selected: none is hidden by it
        if (model.isAllMatching) return 0;
        return Math.max(0, model.size - this.loadedSelectedCount(model));
    }

    get hasHiddenSelection(): boolean {
        return this.hiddenSelectedCount > 0;
    }

    get showingSelected(): boolean {
        return this.selectedView !== null;
    }

    get showingSelectedText(): string {
        const count = this.selectedView?.length ?? 0;
        return `Showing ${COUNT_FORMAT.format(count)} selected ${count === 1 ? 'row' : 'rows'}`;
    }

    /** The rows the grid shows: the loaded ones, or the selected ones after "Show selected". */
    get gridRows(): Row[] {
        return this.withSavedRows(this.selectedView ?? this.rawRows);
    }

    get gridHasMore(): boolean {
        return this.selectedView ? false : this.hasMore;
    }

    get gridTotalCount(): number | null {
        return this.selectedView ? this.selectedView.length : this.totalCount;
    }

    /** The maximum selection is reached: said visibly (and announced), not only when a click was refused. */
    get selectionLimitText(): string {
        const max = this.model?.maxRowSelection ?? 0;
        if (max <= 1 || this.selectedCount < max) return '';
        return `Maximum reached: you can select up to ${COUNT_FORMAT.format(max)} rows.`;
    }

    // ------------------------------------------------------------------ inline edit and export

    /** The table's DraftStore (the grid reads it). */
    get drafts(): DraftStore | undefined {
        return this.draftStore;
    }

    get hasDrafts(): boolean {
        return this.draftVersion >= 0 && Boolean(this.draftStore?.count);
    }

    /** The footer bar shows while drafts exist, or a save's message is to be read. */
    get showFooter(): boolean {
        return this.hasDrafts || Boolean(this.saveMessage);
    }

    /** "1 change", "12 changes". */
    get changesText(): string {
        return this.draftVersion >= 0 && this.draftStore ? this.draftStore.label : '';
    }

    get saveDisabled(): boolean {
        return this.saving || !this.hasDrafts;
    }

    get saveLabel(): string {
        return this.saving ? 'Saving…' : 'Save';
    }

    /** The failed rows' messages under the footer, named by their first cell, visible (the icons have them too). */
    get rowErrorItems(): { key: string; text: string }[] {
        const drafts = this.draftStore;
        if (this.draftVersion < 0 || !drafts?.errorCount) return [];
        return drafts.errorKeys().map((key) => {
            const row = this.rowByKey(key);
            const name = this.rowNameOf(row) || key;
            return { key, text: `${name}: ${drafts.errorsOf(key)?.message ?? ''}` };
        });
    }

    get hasRowErrors(): boolean {
        return this.rowErrorItems.length > 0;
    }

    /**
     * One c-record-type-picklists per record type among the loaded rows, when the table edits a picklist: every
     * row's editor offers its own record type's values. Rows without RecordTypeId use the master record type.
     */
    get recordTypeIds(): string[] {
        if (!this.editsPicklists || !this.pickObjectApiName) return [];
        const rows = this.rawRows;
        if (this.recordTypeCache?.rows === rows) return this.recordTypeCache.ids;
        const ids = new Set<string>();
        for (const row of rows) {
            const id = row.RecordTypeId;
            ids.add(typeof id === 'string' && id ? id : MASTER_RECORD_TYPE);
        }
        if (!ids.size) ids.add(MASTER_RECORD_TYPE);
        const list = [...ids];
        this.recordTypeCache = { rows, ids: list };
        return list;
    }

    /** The object of the picklists: objectApiName, else the records' attributes.type (Apex returns it). */
    get pickObjectApiName(): string {
        if (this.objectApiName) return this.objectApiName;
        const type = (this.rawRows[0]?.attributes as { type?: string } | undefined)?.type;
        return typeof type === 'string' ? type : '';
    }

    private get editsPicklists(): boolean {
        const editable = new Set(
            (this.tableDefinition?.columns ?? []).filter((c) => c.editable).map((c) => c.field.toLowerCase())
        );
        return this.fieldInfos.some((f) => editable.has(f.path.toLowerCase()) && /PICKLIST/i.test(f.type ?? ''));
    }

    /** searchLookup bound to this table (the grid adds the field and the term). */
    get lookupSearch(): (field: string, term: string) => Promise<LookupOption[]> {
        return this.boundSearch;
    }

    private readonly boundSearch = async (field: string, term: string): Promise<LookupOption[]> =>
        (await searchLookup({
            definitionName: this.definitionName,
            tableName: this.tableDefinition?.name ?? '',
            fieldPath: field,
            searchTerm: term
        })) as LookupOption[];

    get exporting(): boolean {
        return Boolean(this.exportProgress);
    }

    get hasExportNotices(): boolean {
        return this.exportNotices.length > 0;
    }

    private rowNameOf(row: Row | undefined): string {
        if (!row) return '';
        for (const column of this.tableDefinition?.columns ?? []) {
            const value = valueAtKey(row, column.field);
            if (typeof value === 'string' && value) return value;
        }
        return '';
    }

    get announcement(): string {
        if (this.errorMessage) return '';
        if (this.loading) return `${this.loadingText}…`;
        if (this.loadingMore) return `Loading more ${this.tableLabel}…`;
        if (this.selectionNotice) return this.selectionNotice;
        if (this.selectionLimitText) return this.selectionLimitText;
        if (this.saving) return 'Saving changes…';
        if (this.saveMessage) return this.saveMessage;
        if (this.lastSaveText) return this.lastSaveText;
        return this.rowCountText ? `Showing ${this.rowCountText} ${this.tableLabel}` : '';
    }

    /** An action of this table runs: the grid is locked (aria-busy, selection and sort disabled). */
    get locked(): boolean {
        return this.busyNames.length > 0 || this.saving || Boolean(this.exportProgress);
    }

    get busyState(): string | undefined {
        return this.locked || this.loading ? 'true' : undefined;
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

    /** Why an action that is not set up correctly cannot be used (the same words for every such action). */
    get notSetUpText(): string {
        return ACTION_NOT_SET_UP;
    }

    /** The reason rows under the toolbar, one per header action that is not set up correctly. */
    get unavailableNotes(): UnavailableNote[] {
        const unavailable = new Set(this.unavailableHeaderNames);
        return (this.tableDefinition?.headerActions ?? [])
            .filter((action) => unavailable.has(action.name))
            .map((action) => ({ key: action.name, label: action.label, reason: ACTION_NOT_SET_UP }));
    }

    get hasUnavailableNotes(): boolean {
        return this.unavailableNotes.length > 0;
    }

    get headerButtons(): HeaderButton[] {
        const selected = this.selectedCount;
        const unavailable = new Set(this.unavailableHeaderNames);
        return (this.tableDefinition?.headerActions ?? []).map((action: ActionButtonDefinition) => {
            const busy = this.busyNames.includes(action.name);
            const notSetUp = unavailable.has(action.name);
            const needsSelection = !notSetUp && Boolean(action.requiresSelection) && selected === 0;
            let title: string | undefined;
            let describedBy: string | undefined;
            if (notSetUp) {
                title = ACTION_NOT_SET_UP;
                describedBy = NOT_SET_UP_ID;
            } else if (needsSelection) {
                title = `Select at least one row to use ${action.label}.`;
                describedBy = 'selection-required';
            }
            return {
                name: action.name,
                label: action.label,
                variant: action.variant ?? 'neutral',
                iconName: action.iconName,
                busy,
                busyText: `${action.label} is running`,
                disabled: busy || notSetUp || needsSelection,
                title,
                describedBy
            };
        });
    }

    /** Height of the table area (CSS): the override, else the definition's ('auto', rows or a length), else 400px. */
    get cssHeight(): string {
        return (
            this.heightValue || tableAreaHeight(this.tableDefinition?.height, this.gridRows.length, this.gridMetrics)
        );
    }

    // ------------------------------------------------------------------ event handlers

    handleHeaderAction(event: Event): void {
        const name = (event.currentTarget as HTMLElement).dataset.action ?? '';
        const button = this.headerButtons.find((b) => b.name === name);
        if (!button || button.disabled) return;
        this.focusReturnAction = name;
        this.dispatchEvent(new CustomEvent('headeraction', { detail: { action: name } }));
    }

    /** The grid's selection changed: tells the user about refused rows and passes the event on. */
    handleSelectionChange(event: CustomEvent<SelectionChangeDetail>): void {
        const rejected = event.detail.rejected ?? [];
        const max = this.model?.maxRowSelection ?? 0;
        this.selectionNotice = rejected.length ? `You can select up to ${COUNT_FORMAT.format(max)} rows.` : '';
        this.forward(event);
    }

    handleRowAction(event: CustomEvent): void {
        this.forward(event);
    }

    handleSort(event: CustomEvent<SortDetail>): void {
        this.currentSort = { field: event.detail.field, direction: event.detail.direction };
        this.forward(event);
    }

    handleGridMeasure(event: CustomEvent<GridMeasureDetail>): void {
        const { rowHeight, headerHeight } = event.detail;
        this.gridMetrics = { rowHeight, headerHeight };
    }

    /** The grid's columns as the column menu lists them (they change with the user's choices). */
    columnChoices: ColumnChoice[] = [];

    get hasColumnChoices(): boolean {
        return this.showTable && this.columnChoices.length > 0;
    }

    handleColumnsChange(event: CustomEvent<ColumnsChangeDetail>): void {
        event.stopPropagation();
        this.columnChoices = event.detail.columns;
    }

    /** A column menu choice: the grid applies and remembers it. */
    handleColumnChange(event: CustomEvent<ColumnChange>): void {
        (
            this.template?.querySelector('c-data-grid') as
                (HTMLElement & { changeColumns?: (c: ColumnChange) => void }) | null
        )?.changeColumns?.(event.detail);
    }

    handleLoadMore(event: CustomEvent): void {
        this.forward(event);
    }

    handleSearchInput(event: CustomEvent<{ value: string }>): void {
        this.searchInput = event.detail?.value ?? '';
        this.selectedView = null;
        // "all matching" was made for the previous search: another search matches other rows
        const model = this.model;
        if (model?.isAllMatching && (this.searchInput.trim() || null) !== model.matchingSearchTerm) {
            model.endMatching();
            this.announceSelection();
        }
        clearTimeout(this.searchTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(() => {
            this.dispatchEvent(new CustomEvent('search', { detail: { searchTerm: this.searchInput.trim() } }));
        }, SEARCH_DELAY_MS);
    }

    handleShowSelected(): void {
        this.selectedView = this.model ? [...this.model.SelectedRows] : null;
    }

    handleShowAll(): void {
        this.selectedView = null;
    }

    handleClearSelection(): void {
        this.ensureModel()?.clear();
        this.selectedView = null;
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry', { detail: {} }));
    }

    /** A value committed in a cell's editor becomes a draft of its row, or of every selected row (mass edit). */
    handleCellCommit(event: CustomEvent<GridCellCommitDetail>): void {
        event.stopPropagation();
        const drafts = this.ensureDrafts();
        const { key, row, field, value, label, applyToSelection } = event.detail;
        const model = this.model;
        const keys =
            applyToSelection && model && model.isSelected(key) ? model.selectedKeys.map((k) => String(k)) : [key];
        const input = {
            keys,
            field,
            value,
            rowOf: (k: string) => (k === key ? row : this.rowByKey(k)),
            picklistValues: this.picklistValues,
            fields: this.fieldInfos
        };
        if (!drafts) return;
        commitDraft(drafts, label !== undefined ? { ...input, label } : input);
        this.saveMessage = '';
        this.bumpDrafts();
    }

    handlePicklistValues(event: CustomEvent<PicklistValuesDetail>): void {
        const { recordTypeId, values } = event.detail;
        if (values) this.picklistValues = { ...this.picklistValues, [recordTypeId]: values };
    }

    handleCancelDrafts(): void {
        this.cancelDrafts();
    }

    /** Saves every draft in one saveRecords call; see saveFlow.ts. */
    async handleSaveDrafts(): Promise<void> {
        const drafts = this.draftStore;
        const definition = this.tableDefinition;
        if (!drafts || !definition || this.saving || drafts.count === 0) return;
        this.saving = true;
        this.saveMessage = '';
        try {
            const outcome = await saveDrafts(
                drafts,
                (key) => this.rowByKey(key),
                (requestJson) =>
                    saveRecords({ definitionName: this.definitionName, tableName: definition.name, requestJson }),
                this.queryContext
            );
            if (!outcome.ok) {
                this.saveMessage = outcome.message;
                return;
            }
            for (const [key, record] of outcome.records) this.savedRows.set(key, record);
            if (outcome.records.size) this.savedRowsVersion++;
            if (outcome.failedCount) {
                this.saveMessage = `${COUNT_FORMAT.format(outcome.failedCount)} ${outcome.failedCount === 1 ? 'row' : 'rows'} could not be saved. Fix the marked cells, then save again.`;
            }
            if (outcome.savedIds.length) {
                // every other view of these records (record pages, related lists) refreshes from LDS
                notifyRecordUpdateAvailable(outcome.savedIds.map((recordId) => ({ recordId }))).catch(() => undefined);
            }
            this.lastSaveText =
                outcome.savedCount > 0
                    ? `${COUNT_FORMAT.format(outcome.savedCount)} ${outcome.savedCount === 1 ? 'row' : 'rows'} saved.`
                    : '';
            const detail: TableSaveDetail = { savedCount: outcome.savedCount, failedCount: outcome.failedCount };
            this.dispatchEvent(new CustomEvent('save', { detail }));
        } finally {
            this.saving = false;
            this.bumpDrafts();
        }
    }

    handleCancelExport(): void {
        this.exportAbort?.abort();
    }

    // ------------------------------------------------------------------ internals

    private ensureDrafts(): DraftStore | undefined {
        if (!this.draftStore && this.tableDefinition) {
            this.draftStore = new DraftStore({
                keyField: this.tableDefinition.keyField || 'Id',
                rowOf: (key) => this.rowByKey(key),
                fields: this.fieldInfos
            });
        }
        return this.draftStore;
    }

    private bumpDrafts(): void {
        this.draftVersion = (this.draftStore?.version ?? 0) + this.savedRowsVersion * 1e9;
    }

    /** The loaded row of a key (an index built once per rows array), the saved version when there is one. */
    private rowByKey(key: string): Row | undefined {
        const saved = this.savedRows.get(key);
        if (saved) return saved;
        const rows = this.rawRows;
        if (this.rowIndexCache?.rows !== rows) {
            const path = this.tableDefinition?.keyField || 'Id';
            const index = new Map<string, Row>();
            for (const row of rows) {
                const value = valueAtKey(row, path);
                if (value !== undefined && value !== null && value !== '') index.set(String(value), row);
            }
            this.rowIndexCache = { rows, index };
        }
        return this.rowIndexCache.index.get(key);
    }

    /** The rows with the saved ones replaced by the server's re-read values (one pass per change). */
    private withSavedRows(rows: Row[]): Row[] {
        if (!this.savedRows.size) return rows;
        const cache = this.shownRowsCache;
        if (cache && cache.rows === rows && cache.version === this.savedRowsVersion) return cache.out;
        const path = this.tableDefinition?.keyField || 'Id';
        const out = rows.map((row) => {
            const key = valueAtKey(row, path);
            return (key !== undefined && key !== null && this.savedRows.get(String(key))) || row;
        });
        this.shownRowsCache = { rows, version: this.savedRowsVersion, out };
        return out;
    }

    /** A reload that brings a saved row as new as the saved one (or newer) makes the saved copy unnecessary. */
    private dropReloadedSavedRows(): void {
        if (!this.savedRows.size) return;
        const keys = [...this.savedRows.keys()];
        this.rowIndexCache = undefined;
        const saved = this.savedRows;
        this.savedRows = new Map();
        for (const key of keys) {
            const loaded = this.rowByKey(key);
            const mine = saved.get(key) as Row;
            const newer = loaded && String(loaded.LastModifiedDate ?? '') >= String(mine.LastModifiedDate ?? '\uffff');
            if (!newer) this.savedRows.set(key, mine);
        }
        this.savedRowsVersion++;
    }

    private loadedSelectedCount(model: SelectionModel): number {
        const cache = this.loadedSelectedCache;
        if (cache && cache.version === model.version && cache.rows === this.rawRows) return cache.count;
        const path = (this.tableDefinition?.keyField || 'Id').split('.');
        let count = 0;
        for (const row of this.rawRows) {
            let value: unknown = row;
            for (const part of path) value = (value as Record<string, unknown> | null | undefined)?.[part];
            if (value !== undefined && value !== null && model.isSelected(value)) count++;
        }
        this.loadedSelectedCache = { version: model.version, rows: this.rawRows, count };
        return count;
    }

    /** Re-dispatches a grid event from the table (events do not bubble out of the grid's shadow). */
    private forward(event: CustomEvent): void {
        event.stopPropagation();
        this.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
    }

    /** The host may pass no SelectionModel (a table used alone): one is made from the definition. */
    private ensureModel(): SelectionModel | undefined {
        if (!this.model && this.tableDefinition) {
            this.attachModel(
                new SelectionModel({
                    keyField: this.tableDefinition.keyField || 'Id',
                    maxRowSelection: this.tableDefinition.maxRowSelection ?? 0
                })
            );
        }
        return this.model;
    }

    private attachModel(value: SelectionModel | undefined): void {
        this.unsubscribe?.();
        this.unsubscribe = undefined;
        this.model = value;
        if (value) {
            this.unsubscribe = value.subscribe(() => {
                this.selectionVersion++;
            });
        }
        this.selectionVersion++;
    }
}
