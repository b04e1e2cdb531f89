import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import LightningConfirm from 'lightning/confirm';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import userId from '@salesforce/user/Id';
import hasCustomizeApplication from '@salesforce/userPermission/CustomizeApplication';
import getDefinition from '@salesforce/apex/DynamicComponentController.getDefinition';
import runQuery from '@salesforce/apex/DynamicComponentController.runQuery';
import executeFlowApex from '@salesforce/apex/DynamicComponentController.executeFlow';
import { parseDefinition } from 'c/dcDefinition';
import type { DataTableDefinition, DefinitionDocument, DefinitionProblem, QueryDefinition } from 'c/dcDefinition';
import { Runtime, SelectionModel, parseServerError } from 'c/dcRuntime';
import type {
    DefinitionResponse,
    FlowRunResponse,
    QueryCursor,
    QueryFieldInfo,
    QueryNotice,
    QueryRequest,
    QueryResponse
} from 'c/dcRuntime';
import { InteractionEngine } from 'c/dcInteractions';
import type {
    ActionServices,
    ConfirmRequest,
    ExecuteFlowRequest,
    FlowInputVariable,
    OpenFlowRequest,
    OpenFlowResult,
    ToastRequest
} from 'c/dcInteractions';
import { toText } from 'c/dcExpressions';
import FlowDialog, { toDialogResult } from 'c/flowDialog';
import { bindsOf, recordIdsOf, referencedGlobals, toPlainRecord } from './recordData';
import type { RecordRepresentation } from './recordData';

type Row = Record<string, unknown>;

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 2000;
const DEFAULT_MAX_ROWS = 50000;
/** Record ids passed to notifyRecordUpdateAvailable after a refresh (selected rows first, then loaded rows). */
const NOTIFY_LIMIT = 200;

/** Stand-in record id for building the record URL pattern once with NavigationMixin.GenerateUrl. */
const URL_PLACEHOLDER_ID = '000000000000000AAA';

/** lightning/confirm's static open() (not in @salesforce/lightning-types 0.8.0). */
const confirmDialog = LightningConfirm as unknown as {
    open(options: { message: string; label?: string; variant?: string; theme?: string }): Promise<boolean>;
};

interface TableState {
    name: string;
    definition: DataTableDefinition;
    query: QueryDefinition;
    selection: SelectionModel;
    records: Row[];
    fields: QueryFieldInfo[];
    notices: QueryNotice[];
    totalCount: number | null;
    nextCursor: QueryCursor | null;
    objectLabelPlural: string;
    loading: boolean;
    loadingMore: boolean;
    error: string;
    searchTerm: string;
    sortBy?: string;
    sortDirection: 'asc' | 'desc';
    busy: string[];
    /** Incremented per request; a response whose number is not the latest is dropped. */
    requestSeq: number;
}

interface PanelState {
    flowApiName: string;
    inputs: FlowInputVariable[];
    title: string;
    position: 'left' | 'right';
    size: 'small' | 'medium' | 'large';
    resolve: (result: OpenFlowResult) => void;
}

interface TableView {
    name: string;
    title: string;
    showHeading: boolean;
    definition: DataTableDefinition;
    fields: QueryFieldInfo[];
    rows: Row[];
    totalCount: number | null;
    hasMore: boolean;
    loading: boolean;
    loadingMore: boolean;
    errorMessage: string;
    notices: QueryNotice[];
    selection: SelectionModel;
    busyActions: string[];
    objectLabelPlural: string;
    sortBy?: string;
    sortDirection: 'asc' | 'desc';
}

/**
 * Dynamic Component: the App Builder component that renders a definition (custom metadata Dynamic_Component__mdt).
 *
 * Loads the definition (Apex getDefinition), validates it on the client with c/dcDefinition and merges the
 * server's problems; any problem renders only c-setup-errors. Otherwise it builds the Runtime and the
 * InteractionEngine, renders a card with the data tables, runs their queries (Apex runQuery: keyset paging,
 * server-side sort and search), routes the tables' events to the interactions and implements the actions'
 * services (refresh, toast, navigation, confirm, Execute Flow through Apex, screen flows in a dialog or panel).
 */
export default class DynamicComponent extends NavigationMixin(LightningElement) {
    /** API name of the definition (Dynamic_Component__mdt DeveloperName). */
    @api definitionName = '';
    /** Card title; merge fields allowed. Defaults to the definition's label. */
    @api cardTitle = '';
    /** Height of each table's scroll area in pixels (overrides the definition). */
    @api height?: number;
    /** Record page context. */
    @api recordId?: string;
    @api objectApiName?: string;

    status: 'loading' | 'setup' | 'ready' = 'loading';
    problems: DefinitionProblem[] = [];
    isAdmin = false;
    definitionLabel = '';
    panel: PanelState | null = null;
    /** Card title (merge fields resolved); recomputed by refreshView(). */
    cardHeading = '';
    /** What the template renders per table; recomputed by refreshView() whenever table or runtime state changes. */
    tableViews: TableView[] = [];
    /** id → URL of the record page, for link columns ("/<id>" until the page's own URL pattern is known). */
    recordUrl: (id: string) => string = (id) => `/${encodeURIComponent(id)}`;

    /** getRecord wire parameters; undefined until the definition says which fields it reads. */
    recordWireId?: string;
    recordWireFields: string[] = [];
    userWireId?: string;
    userWireFields: string[] = [];

    private definition?: DefinitionDocument;
    private runtime?: Runtime;
    private engine?: InteractionEngine;
    private tables = new Map<string, TableState>();
    private waitingForRecord = false;
    private waitingForUser = false;
    private started = false;
    private loadedOnce = false;

    @wire(getRecord, { recordId: '$recordWireId', optionalFields: '$recordWireFields' })
    wiredRecord({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        if (!this.recordWireId || (data && data.id && data.id !== this.recordWireId)) return;
        if (data) {
            const record = toPlainRecord(data) ?? { Id: this.recordWireId };
            if (this.waitingForRecord) {
                this.waitingForRecord = false;
                this.runtime?.setRecord(record);
                this.startWhenReady();
            } else if (this.runtime && this.started) {
                // the page's record changed: merge fields and query binds follow
                this.runtime.setRecord(record);
                this.refreshTables(undefined).catch(() => undefined);
            }
        } else if (error && this.waitingForRecord) {
            this.waitingForRecord = false;
            this.runtime?.setRecord({ Id: this.recordWireId });
            this.startWhenReady();
        }
    }

    @wire(getRecord, { recordId: '$userWireId', optionalFields: '$userWireFields' })
    wiredUser({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        if (!this.userWireId || (data && data.id && data.id !== this.userWireId)) return;
        if (data || error) {
            const user = (data && toPlainRecord(data)) || { Id: userId };
            this.runtime?.setUser(user);
            if (this.waitingForUser) {
                this.waitingForUser = false;
                this.startWhenReady();
            }
            this.refreshView();
        }
    }

    override connectedCallback(): void {
        if (!this.loadedOnce) {
            this.loadedOnce = true;
            this.load();
        }
    }

    override disconnectedCallback(): void {
        // a panel flow cannot outlive the component: its interaction ends as closed
        this.closePanel({ status: 'CLOSED', outputs: {} });
    }

    // ------------------------------------------------------------------ template state

    get isLoading(): boolean {
        return this.status === 'loading';
    }

    get hasProblems(): boolean {
        return this.status === 'setup';
    }

    get isReady(): boolean {
        return this.status === 'ready';
    }

    get tableHeight(): string {
        return this.height && this.height > 0 ? `${this.height}px` : '';
    }

    get panelLeft(): boolean {
        return this.panel?.position === 'left';
    }

    get panelRight(): boolean {
        return this.panel !== null && this.panel.position !== 'left';
    }

    get bodyClass(): string {
        return this.panel ? 'slds-grid body body_with-panel' : 'body';
    }

    // ------------------------------------------------------------------ loading

    private async load(): Promise<void> {
        this.status = 'loading';
        if (!this.definitionName) {
            this.showProblems(
                [
                    {
                        path: '',
                        message: 'No definition is selected: choose one in the Definition property of the component.'
                    }
                ],
                hasCustomizeApplication === true
            );
            return;
        }
        let response: DefinitionResponse;
        try {
            response = (await getDefinition({ definitionName: this.definitionName })) as DefinitionResponse;
        } catch (error) {
            const parsed = parseServerError(error);
            this.showProblems([{ path: '', message: parsed.message }], hasCustomizeApplication === true);
            return;
        }
        this.definitionLabel = response.label || response.apiName || this.definitionName;
        const parsed = parseDefinition(response.json);
        const problems = mergeProblems(response.problems ?? [], parsed.problems);
        if (problems.length || !parsed.definition) {
            this.showProblems(
                problems.length ? problems : [{ path: '', message: 'The definition could not be read.' }],
                response.canCustomize
            );
            return;
        }
        try {
            this.build(parsed.definition);
        } catch (error) {
            this.showProblems([{ path: '', message: parseServerError(error).message }], response.canCustomize);
            return;
        }
        this.status = 'ready';
        this.startWhenReady();
        this.generateRecordUrlPattern();
    }

    /**
     * Asks the navigation service once for the URL of a record page (Lightning Experience: /lightning/r/<id>/view,
     * Experience Cloud: the site's detail page) and reuses it for every link, so links navigate inside the app.
     */
    private async generateRecordUrlPattern(): Promise<void> {
        try {
            const url = await this[NavigationMixin.GenerateUrl]({
                type: 'standard__recordPage',
                attributes: { recordId: URL_PLACEHOLDER_ID, actionName: 'view' }
            });
            if (typeof url === 'string' && url.includes(URL_PLACEHOLDER_ID)) {
                const [before, after] = url.split(URL_PLACEHOLDER_ID);
                this.recordUrl = (id) => `${before}${encodeURIComponent(id)}${after}`;
            }
        } catch {
            // keep "/<id>", which every Salesforce UI redirects to the record
        }
    }

    private showProblems(problems: DefinitionProblem[], isAdmin: boolean): void {
        this.problems = problems;
        this.isAdmin = Boolean(isAdmin);
        this.status = 'setup';
    }

    private build(definition: DefinitionDocument): void {
        this.definition = definition;
        const globals = referencedGlobals(definition);
        const record = this.recordId ? { Id: this.recordId } : null;
        const runtime = new Runtime(definition, { record, user: { Id: userId } });
        this.runtime = runtime;
        const services: ActionServices = {
            refreshQueries: (names) => this.refreshQueries(names),
            showToast: (toast) => this.showToast(toast),
            navigate: (pageReference) => this.navigate(pageReference as PageReference),
            confirm: (options) => this.confirm(options),
            executeFlow: (request) => this.executeFlow(request),
            openFlow: (request) => this.openFlow(request)
        };
        const engine = new InteractionEngine({ runtime, services });
        this.engine = engine;
        // runtime, engine and selection models live and die with this component: no unsubscribe needed
        engine.onBusyChange((key, busy) => this.handleBusyChange(key, busy));
        runtime.subscribe(() => this.refreshView());

        const queries = new Map((definition.queries ?? []).map((query) => [query.name, query]));
        for (const component of definition.components ?? []) {
            const query = queries.get(component.query);
            if (component.type !== 'dataTable' || !query) continue;
            const selection = new SelectionModel({
                keyField: component.keyField || 'Id',
                maxRowSelection: component.maxRowSelection ?? 0
            });
            runtime.registerComponent(component.name, selection);
            const order = query.orderBy?.[0];
            this.tables.set(component.name, {
                name: component.name,
                definition: component,
                query,
                selection,
                records: [],
                fields: [],
                notices: [],
                totalCount: null,
                nextCursor: null,
                objectLabelPlural: '',
                loading: true,
                loadingMore: false,
                error: '',
                searchTerm: '',
                sortBy: order?.field,
                sortDirection: order?.direction === 'desc' ? 'desc' : 'asc',
                busy: [],
                requestSeq: 0
            });
        }

        const recordFields = globals.record.filter((field) => field !== 'Id');
        if (this.recordId && this.objectApiName && recordFields.length) {
            this.waitingForRecord = true;
            this.recordWireFields = recordFields.map((field) => `${this.objectApiName}.${field}`);
            this.recordWireId = this.recordId;
        }
        const userFields = globals.user.filter((field) => field !== 'Id');
        if (userId && userFields.length) {
            this.waitingForUser = true;
            this.userWireFields = userFields.map((field) => `User.${field}`);
            this.userWireId = userId;
        }
    }

    /** Runs the queries and the load interactions once the record and user fields the definition reads arrived. */
    private startWhenReady(): void {
        if (this.started || this.status !== 'ready' || this.waitingForRecord || this.waitingForUser) return;
        this.started = true;
        for (const table of this.tables.values()) {
            this.runTableQuery(table, 'reset').catch(() => undefined);
        }
        this.engine?.dispatch({ event: 'load' });
        this.refreshView();
    }

    private hasMore(table: TableState): boolean {
        return Boolean(table.nextCursor) && table.records.length < (table.query.maxRows ?? DEFAULT_MAX_ROWS);
    }

    /**
     * Runs a table's query. reset: first page (search, sort, initial load); refresh: reload as many rows as are
     * loaded so the scroll position and the selection stay; more: the next page after the cursor.
     */
    private async runTableQuery(table: TableState, mode: 'reset' | 'refresh' | 'more'): Promise<void> {
        const runtime = this.runtime as Runtime;
        const pageSize = Math.min(Math.max(table.query.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
        const maxRows = table.query.maxRows ?? DEFAULT_MAX_ROWS;
        const seq = ++table.requestSeq;
        const request: QueryRequest = {
            binds: bindsOf(table.query, (value) => runtime.resolve(value)),
            sortBy: table.sortBy ?? null,
            sortDirection: table.sortDirection,
            searchTerm: table.searchTerm || null,
            pageSize:
                mode === 'refresh'
                    ? Math.min(Math.max(pageSize, table.records.length), MAX_PAGE_SIZE, maxRows)
                    : Math.min(pageSize, maxRows - (mode === 'more' ? table.records.length : 0)),
            cursor: mode === 'more' ? table.nextCursor : null,
            withCount: mode !== 'more'
        };
        if (mode === 'more') table.loadingMore = true;
        else table.loading = true;
        this.refreshView();
        try {
            const response = (await runQuery({
                definitionName: this.definitionName,
                queryName: table.query.name,
                requestJson: JSON.stringify(request)
            })) as QueryResponse;
            if (seq !== table.requestSeq) return;
            const records = response.records ?? [];
            const all = mode === 'more' ? [...table.records, ...records] : records;
            table.records = all.length > maxRows ? all.slice(0, maxRows) : all;
            table.nextCursor = response.nextCursor ?? null;
            if (mode !== 'more') {
                table.totalCount = typeof response.totalCount === 'number' ? response.totalCount : null;
                table.fields = response.fields ?? table.fields;
                table.notices = response.notices ?? [];
                table.objectLabelPlural = response.objectLabelPlural || table.objectLabelPlural;
            }
            table.error = '';
        } catch (error) {
            if (seq !== table.requestSeq) return;
            table.error = parseServerError(error).message;
            throw error;
        } finally {
            if (seq === table.requestSeq) {
                table.loading = false;
                table.loadingMore = false;
                this.refreshView();
            }
        }
    }

    private async refreshTables(names: string[] | undefined): Promise<void> {
        const wanted = names?.length ? new Set(names) : null;
        const tables = [...this.tables.values()].filter((table) => !wanted || wanted.has(table.query.name));
        const results = await Promise.allSettled(tables.map((table) => this.runTableQuery(table, 'refresh')));
        const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failure) throw failure.reason;
    }

    // ------------------------------------------------------------------ ActionServices

    private async refreshQueries(names?: string[]): Promise<void> {
        await this.refreshTables(names);
        // let Lightning Data Service and the other components on the page catch up with what the flow changed
        const candidates: unknown[] = [this.recordId];
        for (const table of this.tables.values()) candidates.push(...table.selection.selectedKeys);
        for (const table of this.tables.values()) {
            for (let i = 0; i < table.records.length && candidates.length < NOTIFY_LIMIT * 2; i++) {
                candidates.push(table.records[i].Id);
            }
        }
        const ids = recordIdsOf(candidates, NOTIFY_LIMIT);
        if (ids.length) {
            try {
                await notifyRecordUpdateAvailable(ids.map((recordId) => ({ recordId })));
            } catch {
                // LDS refresh is best effort: the table itself is already fresh
            }
        }
        this.dispatchEvent(new RefreshEvent());
    }

    private showToast(toast: ToastRequest): void {
        this.dispatchEvent(
            new ShowToastEvent({
                title: toast.title,
                message: toast.message,
                variant: toast.variant,
                mode: toast.mode
            })
        );
    }

    private navigate(pageReference: PageReference): void {
        this[NavigationMixin.Navigate](pageReference);
    }

    private confirm(options: ConfirmRequest): Promise<boolean> {
        return confirmDialog
            .open({
                message: options.message,
                label: options.title || 'Confirm',
                variant: options.variant ?? 'header',
                theme: options.theme
            })
            .then((confirmed) => confirmed === true);
    }

    private async executeFlow(request: ExecuteFlowRequest): Promise<FlowRunResponse> {
        try {
            return (await executeFlowApex({
                definitionName: request.definitionName,
                interactionId: request.interactionId,
                actionId: request.actionId,
                inputsJson: JSON.stringify(request.inputs)
            })) as FlowRunResponse;
        } catch (error) {
            return { success: false, outputs: {}, error: parseServerError(error) };
        }
    }

    private async openFlow(request: OpenFlowRequest): Promise<OpenFlowResult> {
        const title = request.title || 'Flow';
        if (request.kind === 'dialog') {
            const result = await FlowDialog.open({
                label: title,
                size: request.size ?? 'medium',
                flowApiName: request.flowApiName,
                inputVariables: request.inputs
            });
            return toDialogResult(result);
        }
        // one panel at a time: a new one closes the previous
        this.panel?.resolve({ status: 'CLOSED', outputs: {} });
        return new Promise<OpenFlowResult>((resolve) => {
            this.panel = {
                flowApiName: request.flowApiName,
                inputs: request.inputs,
                title,
                position: request.position === 'left' ? 'left' : 'right',
                size: request.size ?? 'medium',
                resolve
            };
        });
    }

    // ------------------------------------------------------------------ table events

    handleHeaderAction(event: CustomEvent<{ action: string }>): void {
        const target = this.tableName(event);
        this.engine?.dispatch({ event: 'headerActionClick', target, action: event.detail.action });
    }

    handleRowAction(event: CustomEvent<{ action: string; row: Row }>): void {
        const target = this.tableName(event);
        this.engine?.dispatch({ event: 'rowActionClick', target, action: event.detail.action, row: event.detail.row });
    }

    handleSelectionChange(event: CustomEvent): void {
        const target = this.tableName(event);
        this.runtime?.componentChanged(target);
        this.engine?.dispatch({ event: 'selectionChange', target });
    }

    handleSort(event: CustomEvent<{ field: string; direction: 'asc' | 'desc' }>): void {
        const table = this.tables.get(this.tableName(event));
        if (!table) return;
        table.sortBy = event.detail.field;
        table.sortDirection = event.detail.direction;
        this.runTableQuery(table, 'reset').catch(() => undefined);
    }

    handleSearch(event: CustomEvent<{ searchTerm: string }>): void {
        const table = this.tables.get(this.tableName(event));
        if (!table || table.searchTerm === event.detail.searchTerm) return;
        table.searchTerm = event.detail.searchTerm;
        this.runTableQuery(table, 'reset').catch(() => undefined);
    }

    handleLoadMore(event: CustomEvent): void {
        const table = this.tables.get(this.tableName(event));
        if (!table || !this.hasMore(table) || table.loadingMore || table.loading) return;
        this.runTableQuery(table, 'more').catch(() => undefined);
    }

    handleRetry(event: CustomEvent): void {
        const table = this.tables.get(this.tableName(event));
        if (table) this.runTableQuery(table, 'reset').catch(() => undefined);
    }

    // ------------------------------------------------------------------ panel events

    handlePanelFinish(event: CustomEvent<{ outputs: Record<string, unknown> }>): void {
        this.closePanel({ status: 'FINISHED', outputs: event.detail.outputs ?? {} });
    }

    handlePanelError(event: CustomEvent<{ errorMessage: string }>): void {
        this.closePanel({ status: 'ERROR', outputs: {}, errorMessage: event.detail.errorMessage });
    }

    handlePanelClose(): void {
        this.closePanel({ status: 'CLOSED', outputs: {} });
    }

    // ------------------------------------------------------------------ internals

    private closePanel(result: OpenFlowResult): void {
        const panel = this.panel;
        this.panel = null;
        panel?.resolve(result);
    }

    private tableName(event: Event): string {
        return (event.currentTarget as HTMLElement).dataset.name ?? '';
    }

    private handleBusyChange(key: string, busy: boolean): void {
        const [event, target, action] = key.split(':');
        const table = this.tables.get(target);
        if (!table || event !== 'headerActionClick') return;
        const names = table.busy.filter((name) => name !== action);
        table.busy = busy ? [...names, action] : names;
        this.refreshView();
    }

    private resolveText(source: string): string {
        if (!source || !source.includes('{!') || !this.runtime) return source;
        try {
            return toText(this.runtime.resolve(source));
        } catch {
            // an unresolvable merge field shows as written rather than breaking the card
            return source;
        }
    }

    /** Recomputes the template state from the (non-reactive) table states and the runtime's values. */
    private refreshView(): void {
        const tables = [...this.tables.values()];
        const single = tables.length === 1;
        this.cardHeading = this.resolveText(
            this.cardTitle || (single && tables[0].definition.title) || this.definition?.label || this.definitionLabel
        );
        this.tableViews = tables.map((table) => ({
            name: table.name,
            title: this.resolveText(table.definition.title || ''),
            showHeading: !single && Boolean(table.definition.title),
            definition: table.definition,
            fields: table.fields,
            rows: table.records,
            totalCount: table.totalCount,
            hasMore: this.hasMore(table),
            loading: table.loading,
            loadingMore: table.loadingMore,
            errorMessage: table.error,
            notices: table.notices,
            selection: table.selection,
            busyActions: table.busy,
            objectLabelPlural: table.objectLabelPlural,
            sortBy: table.sortBy,
            sortDirection: table.sortDirection
        }));
    }
}

/** Server problems first, then the client's, without duplicates (same path and message). */
function mergeProblems(server: DefinitionProblem[], client: DefinitionProblem[]): DefinitionProblem[] {
    const seen = new Set<string>();
    const merged: DefinitionProblem[] = [];
    for (const problem of [...server, ...client]) {
        const key = `${problem.path}\u0000${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push({ path: problem.path ?? '', message: problem.message, severity: problem.severity });
    }
    return merged;
}
