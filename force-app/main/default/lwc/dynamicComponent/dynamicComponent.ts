import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import LightningConfirm from 'lightning/confirm';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import userId from '@salesforce/user/Id';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import hasCustomizeApplication from '@salesforce/userPermission/CustomizeApplication';
import getDefinition from '@salesforce/apex/DynamicComponentController.getDefinition';
import runQuery from '@salesforce/apex/DynamicComponentController.runQuery';
import executeFlowApex from '@salesforce/apex/DynamicComponentController.executeFlow';
import startFlowRunApex from '@salesforce/apex/DynamicComponentController.startFlowRun';
import getFlowRunApex from '@salesforce/apex/DynamicComponentController.getFlowRun';
import cancelFlowRunApex from '@salesforce/apex/DynamicComponentController.cancelFlowRun';
import retryFlowRunApex from '@salesforce/apex/DynamicComponentController.retryFlowRun';
import listFlowRunsApex from '@salesforce/apex/DynamicComponentController.listFlowRuns';
import previewQuery from '@salesforce/apex/DynamicComponentBuilderController.previewQuery';
import { parseDefinition } from 'c/dcDefinition';
import type {
    DataTableDefinition,
    DefinitionDocument,
    DefinitionProblem,
    ParseDefinitionResult,
    QueryDefinition
} from 'c/dcDefinition';
import { Runtime, SelectionModel, exportFileName, parseServerError } from 'c/dcRuntime';
import type {
    DefinitionResponse,
    FlowRunResponse,
    FlowRunView,
    QueryCursor,
    QueryFieldInfo,
    QueryNotice,
    QueryRequest,
    QueryResponse
} from 'c/dcRuntime';
import { ActionError, InteractionEngine, interactionKey } from 'c/dcInteractions';
import { RunWatcher, isFinished } from './runWatcher';
import { RunEventSubscription, findRunAction, hasChunkedActions, runLabel } from './runTracking';
import type {
    ActionExecutor,
    ActionServices,
    ConfirmRequest,
    ExecuteFlowRequest,
    FlowInputVariable,
    OpenFlowRequest,
    OpenFlowResult,
    StartFlowRunRequest,
    ToastRequest
} from 'c/dcInteractions';
import { toText } from 'c/dcExpressions';
import FlowDialog, { toDialogResult } from 'c/flowDialog';
import type { ExportContext, QueryContext } from 'c/dynamicDataTable';
import { bindsOf, recordIdsOf, referencedGlobals, toPlainRecord } from './recordData';
import { NO_SAVE, mergeSavedRows, saveCount, tableHandle } from './tableHandle';
import type { LastSave } from './tableHandle';
import type { RecordRepresentation } from './recordData';

type Row = Record<string, unknown>;

/** One followed run, as the template renders its c-dc-run-progress. */
interface RunProgressView {
    id: string;
    run: FlowRunView;
    label: string;
    busy: boolean;
}

const DEFAULT_PAGE_SIZE = 50;
const RUN_COUNT = new Intl.NumberFormat('en-US');
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

/** What a flow action of a draft shows instead of running: the flow runs only from a saved definition. */
export const DRAFT_FLOW_MESSAGE = 'Save the definition to try this action.';
/** Actions the server runs only for a saved definition (a draft has no stored definition to run them from). */
const SAVED_DEFINITION_ACTION_TYPES = ['executeFlow', 'openFlowDialog', 'openFlowPanel', 'exportCsv'];

/** `interactions[3]`, `interactions[3].do[0].inputs[1].name` → 3; any other path → -1. */
const INTERACTION_PATH = /^interactions\[(\d+)\](?=$|[.[])/;

/** Position of the interaction a problem lies in, or -1 when it lies elsewhere. */
export function interactionIndexOf(path: string | undefined): number {
    const match = INTERACTION_PATH.exec(path ?? '');
    return match ? Number(match[1]) : -1;
}

/** Errors (and problems without a severity) block; warnings never do. */
function isError(problem: DefinitionProblem): boolean {
    return problem.severity !== 'warning';
}

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
    /** Header and row actions whose interaction has setup problems (shown disabled with the reason). */
    unavailableHeader: string[];
    unavailableRow: string[];
    /** Incremented per request; a response whose number is not the latest is dropped. */
    requestSeq: number;
    /** The query must run (a new table, or its query changed in a draft); false once it was asked for. */
    stale: boolean;
    /** The query and bind values of the last request, so a rebuild of a draft re-queries only when they change. */
    queryKey: string;
    bindsKey: string;
    /** The recordId and binds of the request that loaded the rows (the table sends them with a save). */
    queryContext: QueryContext | null;
    /** Counts of the last inline-edit save: {!table.LastSaveSavedCount}, {!table.LastSaveFailedCount}. */
    lastSave: LastSave;
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
    /** API name of the table query's object (the table reads its record types' picklist values). */
    objectApiName: string;
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
    unavailableHeaderActions: string[];
    unavailableRowActions: string[];
    objectLabelPlural: string;
    sortBy?: string;
    sortDirection: 'asc' | 'desc';
    queryContext: QueryContext | null;
}

/** A definition to show, from getDefinition or from the builder's draft. */
interface DefinitionSource {
    parsed: ParseDefinitionResult;
    /** Problems found elsewhere (the server's, the builder's), merged with the client's. */
    problems: DefinitionProblem[];
    label: string;
    isAdmin: boolean;
}

/**
 * Dynamic Component: the App Builder component that renders a definition (custom metadata Dynamic_Component__mdt).
 *
 * Loads the definition (Apex getDefinition), validates it on the client with c/dcDefinition and merges the
 * server's problems (docs/BUILDER.md, "Load-time contract problems"):
 * - errors inside `interactions[i]` turn that interaction off only: the component renders, the header or row
 *   action that triggers it is disabled with "This action isn't set up correctly. Ask your admin.", a load or
 *   selectionChange interaction with errors does not run, and the InteractionEngine refuses it;
 * - any other error renders only c-setup-errors (nothing half-rendered);
 * - warnings never block;
 * - admins (Customize Application) see the setup panel with every problem (above the card when it renders); end
 *   users see no developer language.
 * Then it builds the Runtime and the InteractionEngine, renders a card with the data tables, runs their queries
 * (Apex runQuery: keyset paging, server-side sort and search), routes the tables' events to the interactions and
 * implements the actions' services (refresh, toast, navigation, confirm, Execute Flow through Apex, screen flows in
 * a dialog or panel, CSV export through the table). A table's `save` event (after an inline-edit save) stores
 * {!table.LastSaveSavedCount} / {!table.LastSaveFailedCount}, takes the rows the server re-read and runs the save
 * interactions. Loading always ends: a failing getDefinition or runtime build ends in the setup panel.
 *
 * Draft mode (docs/BUILDER.md, "Live preview of a draft"): with `definitionJson` set, it renders that JSON instead
 * (definitionName is only a label), merges `draftProblems`, runs queries through the builder's previewQuery, and
 * flow and export actions show "Save the definition to try this action." instead of running. A new draft rebuilds in place:
 * nothing happens when it means the same, and tables whose query did not change keep their rows.
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

    /**
     * Draft mode: the definition JSON to render instead of loading definitionName (the builder's live preview).
     * Each new text rebuilds the component; a text that means the same definition changes nothing.
     */
    @api
    get definitionJson(): string | undefined {
        return this.draftJson;
    }
    set definitionJson(value: string | undefined) {
        const next = typeof value === 'string' ? value : undefined;
        if (next === this.draftJson) return;
        this.draftJson = next;
        this.scheduleSource();
    }

    /** Draft mode: problems the builder already knows (server and flow contract checks), merged with the client's. */
    @api
    get draftProblems(): DefinitionProblem[] {
        return this.draftProblemList;
    }
    set draftProblems(value: DefinitionProblem[]) {
        this.draftProblemList = Array.isArray(value) ? [...value] : [];
        if (this.draftJson !== undefined) this.scheduleSource();
    }

    status: 'loading' | 'setup' | 'ready' = 'loading';
    /** Every problem of the definition (the setup panel lists them for admins). */
    problems: DefinitionProblem[] = [];
    isAdmin = false;
    /** The definition shown is the builder's draft. */
    isDraft = false;
    definitionLabel = '';
    panel: PanelState | null = null;
    /** Card title (merge fields resolved); recomputed by refreshView(). */
    cardHeading = '';
    /** What the template renders per table; recomputed by refreshView() whenever table or runtime state changes. */
    tableViews: TableView[] = [];
    /** The chunked runs this page follows (and finished ones until dismissed), newest first: one progress each. */
    runViews: RunProgressView[] = [];
    /** The run history panel: open, and on which run (null: the list). */
    historyOpen = false;
    historyRunId: string | null = null;
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
    private draftJson?: string;
    private draftProblemList: DefinitionProblem[] = [];
    /** What the current draft build was made from (document + problems), to skip rebuilds that change nothing. */
    private draftKey?: string;
    private sourceScheduled = false;
    private urlPatternAsked = false;
    /** Load requests started; an answer to an older one is dropped. */
    private loadSeq = 0;
    /** The page record and the user as the wires last delivered them (a rebuilt runtime starts from them). */
    private lastRecord?: Record<string, unknown>;
    private lastUser?: Record<string, unknown>;
    /** Listeners on the current runtime and engine, removed when a draft rebuilds them. */
    private teardown: (() => void)[] = [];
    private readonly runEvents = new RunEventSubscription();
    /** Runs whose Cancel or Retry request is under way (their buttons are disabled). */
    private runRequests = new Set<string>();
    /** Runs dismissed by the user (a late progress update must not bring them back). */
    private dismissedRuns = new Set<string>();
    /** The stored definition's runs were asked for once (listFlowRuns on load). */
    private runsAttached = false;

    @wire(getRecord, { recordId: '$recordWireId', optionalFields: '$recordWireFields' })
    wiredRecord({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        if (!this.recordWireId || (data && data.id && data.id !== this.recordWireId)) return;
        if (data) {
            const record = toPlainRecord(data) ?? { Id: this.recordWireId };
            this.lastRecord = record;
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
            this.lastUser = user;
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
            this.showSource();
        }
    }

    override disconnectedCallback(): void {
        // a panel flow cannot outlive the component: its interaction ends as closed
        this.closePanel({ status: 'CLOSED', outputs: {} });
        // chunked runs go on on the server; the page stops following them (a reload re-attaches)
        this.runWatcher.stop();
        this.runEvents.stop();
        this.runsAttached = false;
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

    /** Admins see the problems of a definition that renders anyway (interactions turned off, warnings) above it. */
    get showSetupPanel(): boolean {
        return this.status === 'ready' && this.isAdmin && this.problems.length > 0;
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

    /** Coalesces the draft's property changes of one turn (JSON and problems) into one rebuild. */
    private scheduleSource(): void {
        if (!this.loadedOnce || this.sourceScheduled) return;
        this.sourceScheduled = true;
        Promise.resolve().then(() => {
            this.sourceScheduled = false;
            this.showSource();
        });
    }

    /** Shows the draft when there is one, else loads definitionName. */
    private showSource(): void {
        if (this.draftJson !== undefined) {
            this.showDraft(this.draftJson);
        } else {
            this.draftKey = undefined;
            this.load().catch((error) => this.fail(error, hasCustomizeApplication === true));
        }
    }

    private showDraft(json: string): void {
        this.loadSeq++; // a getDefinition still on its way no longer matters
        const isAdmin = hasCustomizeApplication === true;
        try {
            const parsed = parseDefinition(json);
            const problems = this.draftProblemList;
            const key = `${JSON.stringify(parsed.document ?? null)}\u0000${JSON.stringify(mergeProblems(problems, parsed.problems))}`;
            if (this.isDraft && key === this.draftKey && this.status !== 'loading') return;
            // tables carry over from draft to draft only (a stored definition's rows came from runQuery)
            if (!this.isDraft) this.tables = new Map();
            this.draftKey = key;
            this.isDraft = true;
            const label = (parsed.document as { label?: unknown } | undefined)?.label;
            this.present({ parsed, problems, label: typeof label === 'string' ? label : '', isAdmin });
        } catch (error) {
            this.isDraft = true;
            this.fail(error, isAdmin);
        }
    }

    private async load(): Promise<void> {
        const seq = ++this.loadSeq;
        this.isDraft = false;
        this.status = 'loading';
        // nothing carries over from a draft: the stored definition's queries run on their own
        this.tables = new Map();
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
            if (seq === this.loadSeq) this.fail(error, hasCustomizeApplication === true);
            return;
        }
        if (seq !== this.loadSeq) return;
        const isAdmin = typeof response?.canCustomize === 'boolean' ? response.canCustomize : hasCustomizeApplication;
        try {
            this.present({
                parsed: parseDefinition(response.json),
                problems: Array.isArray(response.problems) ? response.problems : [],
                label: response.label || response.apiName || this.definitionName,
                isAdmin: isAdmin === true
            });
        } catch (error) {
            this.fail(error, isAdmin === true);
        }
    }

    /**
     * Renders a parsed definition with the problems known about it: errors inside interactions[i] turn those
     * interactions off, any other error shows only the setup panel; warnings never block.
     */
    private present(source: DefinitionSource): void {
        const { parsed, label, isAdmin } = source;
        this.definitionLabel = label || this.definitionName;
        const problems = mergeProblems(source.problems, parsed.problems);
        const disabled = new Set<number>();
        let blocking = false;
        for (const problem of problems) {
            if (!isError(problem)) continue;
            const index = interactionIndexOf(problem.path);
            if (index >= 0) disabled.add(index);
            else blocking = true;
        }
        const document = parsed.definition ?? (blocking ? undefined : (parsed.document as DefinitionDocument));
        if (blocking || !document || typeof document !== 'object') {
            this.showProblems(
                problems.length ? problems : [{ path: '', message: 'The definition could not be read.' }],
                isAdmin
            );
            return;
        }
        try {
            this.build(document, disabled);
        } catch (error) {
            this.fail(error, isAdmin);
            return;
        }
        this.problems = problems;
        this.isAdmin = isAdmin;
        this.status = 'ready';
        this.startWhenReady();
        if (!this.urlPatternAsked) {
            this.urlPatternAsked = true;
            this.generateRecordUrlPattern();
        }
    }

    /** Anything that went wrong while loading or building ends in the setup panel, never in an endless spinner. */
    private fail(error: unknown, isAdmin: boolean): void {
        this.showProblems([{ path: '', message: parseServerError(error).message }], isAdmin);
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
        this.dispose();
        this.problems = problems;
        this.isAdmin = Boolean(isAdmin);
        this.status = 'setup';
    }

    /** Detaches the current runtime and engine (a draft is rebuilt, or can no longer render). */
    private dispose(): void {
        for (const remove of this.teardown.splice(0)) remove();
        this.runtime = undefined;
        this.engine = undefined;
        this.started = false;
        this.closePanel({ status: 'CLOSED', outputs: {} });
        for (const table of this.tables.values()) table.busy = [];
    }

    /**
     * Builds the runtime, the engine (told which interactions are disabled) and the table states. A table of the
     * previous build (a draft's) with the same name and query is kept: rows, sort, search and (same key field and
     * limit) selection. With another query it shows the previous rows until the new query answers.
     */
    private build(definition: DefinitionDocument, disabled: ReadonlySet<number>): void {
        const previous = this.tables;
        this.dispose();
        this.tables = new Map();
        this.definition = definition;
        // what disabled interactions read is not wired: they never run
        const globals = referencedGlobals({
            ...definition,
            interactions: (definition.interactions ?? []).filter((_, index) => !disabled.has(index))
        });
        const record = this.lastRecord ?? (this.recordId ? { Id: this.recordId } : null);
        const runtime = new Runtime(definition, { record, user: this.lastUser ?? { Id: userId } });
        const services: ActionServices = {
            refreshQueries: (names) => this.refreshQueries(names),
            showToast: (toast) => this.showToast(toast),
            navigate: (pageReference) => this.navigate(pageReference as PageReference),
            confirm: (options) => this.confirm(options),
            executeFlow: (request) => this.executeFlow(request),
            startFlowRun: (request) => this.startFlowRun(request),
            watchFlowRun: (run) => this.runWatcher.watch(run),
            openFlow: (request) => this.openFlow(request),
            exportTable: (table, fileName) => this.exportTable(table, fileName)
        };
        const engine = new InteractionEngine({ runtime, services, disabledInteractions: disabled });
        if (this.isDraft) {
            // a draft's flows do not run: the server runs only the flows of a saved definition
            const notInDraft: ActionExecutor = () => {
                this.showToast({ title: DRAFT_FLOW_MESSAGE, variant: 'info' });
                return { next: 'branch', actions: [], stop: true };
            };
            for (const type of SAVED_DEFINITION_ACTION_TYPES) engine.registerExecutor(type, notInDraft);
        }
        this.runtime = runtime;
        this.engine = engine;
        this.teardown.push(
            engine.onBusyChange((key, busy) => this.handleBusyChange(key, busy)),
            runtime.subscribe(() => this.refreshView())
        );

        const queries = new Map((definition.queries ?? []).map((query) => [query.name, query]));
        for (const component of definition.components ?? []) {
            const query = queries.get(component.query);
            if (component.type !== 'dataTable' || !query) continue;
            const keyField = component.keyField || 'Id';
            const maxRowSelection = component.maxRowSelection ?? 0;
            const queryKey = JSON.stringify(query);
            const kept = previous.get(component.name);
            const reuse = kept && kept.queryKey === queryKey ? kept : undefined;
            const fresh = new SelectionModel({ keyField, maxRowSelection });
            const selection =
                reuse &&
                reuse.selection.keyField === fresh.keyField &&
                reuse.selection.maxRowSelection === fresh.maxRowSelection
                    ? reuse.selection
                    : fresh;
            const name = component.name;
            runtime.registerComponent(
                name,
                tableHandle(selection, () => this.tables.get(name)?.lastSave ?? NO_SAVE)
            );
            const unavailable = (kind: 'headerActionClick' | 'rowActionClick', actions: { name: string }[] = []) =>
                actions
                    .filter((action) => engine.isDisabled({ event: kind, target: component.name, action: action.name }))
                    .map((action) => action.name);
            const table: TableState = reuse ?? {
                name: component.name,
                definition: component,
                query,
                selection,
                records: kept?.records ?? [],
                fields: kept?.fields ?? [],
                notices: kept?.notices ?? [],
                totalCount: kept?.totalCount ?? null,
                nextCursor: null,
                objectLabelPlural: kept?.objectLabelPlural ?? '',
                loading: true,
                loadingMore: false,
                error: '',
                searchTerm: kept?.searchTerm ?? '',
                sortBy: query.orderBy?.[0]?.field,
                sortDirection: query.orderBy?.[0]?.direction === 'desc' ? 'desc' : 'asc',
                busy: [],
                unavailableHeader: [],
                unavailableRow: [],
                requestSeq: 0,
                stale: true,
                queryKey,
                bindsKey: '',
                queryContext: null,
                lastSave: NO_SAVE
            };
            table.definition = component;
            table.query = query;
            table.selection = selection;
            table.unavailableHeader = unavailable('headerActionClick', component.headerActions);
            table.unavailableRow = unavailable('rowActionClick', component.rowActions);
            this.tables.set(component.name, table);
        }

        this.waitingForRecord = false;
        this.waitingForUser = false;
        const recordFields = globals.record.filter((field) => field !== 'Id');
        if (this.recordId && this.objectApiName && recordFields.length) {
            const fields = recordFields.map((field) => `${this.objectApiName}.${field}`);
            // the wire answers again only when what it reads changes; otherwise the last record is current
            if (!this.lastRecord || !sameList(fields, this.recordWireFields) || this.recordWireId !== this.recordId) {
                this.waitingForRecord = true;
                this.recordWireFields = fields;
                this.recordWireId = this.recordId;
            }
        }
        const userFields = globals.user.filter((field) => field !== 'Id');
        if (userId && userFields.length) {
            const fields = userFields.map((field) => `User.${field}`);
            if (!this.lastUser || !sameList(fields, this.userWireFields)) {
                this.waitingForUser = true;
                this.userWireFields = fields;
                this.userWireId = userId;
            }
        }
    }

    /**
     * Runs the queries and the load interactions once the record and user fields the definition reads arrived. A
     * table kept from the previous build of a draft re-queries only when its bind values changed.
     */
    private startWhenReady(): void {
        if (this.started || this.status !== 'ready' || this.waitingForRecord || this.waitingForUser) return;
        this.started = true;
        for (const table of this.tables.values()) {
            if (table.stale) {
                this.runTableQuery(table, 'reset').catch(() => undefined);
            } else if (this.bindsKeyOf(table) !== table.bindsKey) {
                this.runTableQuery(table, 'refresh').catch(() => undefined);
            }
        }
        this.engine?.dispatch({ event: 'load' });
        this.attachRuns().catch(() => undefined);
        this.refreshView();
    }

    // ------------------------------------------------------------------ chunked runs

    get hasRuns(): boolean {
        return this.runViews.length > 0;
    }

    /** "Run history" is offered when the stored definition has an Execute Flow action that can run in chunks. */
    get showRunHistoryButton(): boolean {
        return !this.isDraft && hasChunkedActions(this.definition);
    }

    /**
     * Subscribes to the run events and follows this user's unfinished runs of the definition again (a reload, another
     * tab): their progress shows and, when they end, their action's On Finish / On Error runs here.
     */
    private async attachRuns(): Promise<void> {
        if (this.isDraft || this.runsAttached || !hasChunkedActions(this.definition)) return;
        this.runsAttached = true;
        this.runEvents
            .start(
                (payload) => this.runWatcher.handleEvent(payload),
                (live) => this.runWatcher.setLive(live)
            )
            .catch(() => undefined);
        let runs: FlowRunView[];
        try {
            runs = ((await listFlowRunsApex({ definitionName: this.definitionName })) as FlowRunView[]) ?? [];
        } catch {
            // the page works without its history; a run started from here is followed anyway
            return;
        }
        for (const run of runs.filter((r) => !isFinished(r))) this.resumeRun(run);
    }

    /** Follows a run again through its action, so the action's chain continues when it ends. */
    private resumeRun(run: FlowRunView): void {
        const found = findRunAction(this.definition, run);
        if (!found || !this.engine) {
            // its action left the definition: the progress still shows, nothing runs after it
            this.runWatcher.watch(run).catch(() => undefined);
            return;
        }
        const { interaction, action } = found;
        this.engine.runActions([action], interaction, { ...interaction.on }, { resumeRun: run }).catch(() => undefined);
    }

    private trackRun(run: FlowRunView): void {
        if (this.dismissedRuns.has(run.id)) return;
        const view: RunProgressView = {
            id: run.id,
            run,
            label: runLabel(this.definition, run),
            busy: this.runRequests.has(run.id)
        };
        const index = this.runViews.findIndex((r) => r.id === run.id);
        this.runViews =
            index === -1
                ? [view, ...this.runViews]
                : this.runViews.map((existing, i) => (i === index ? view : existing));
    }

    private setRunBusy(runId: string, busy: boolean): void {
        if (busy) this.runRequests.add(runId);
        else this.runRequests.delete(runId);
        this.runViews = this.runViews.map((view) => (view.id === runId ? { ...view, busy } : view));
    }

    async handleRunCancel(event: CustomEvent<{ runId: string }>): Promise<void> {
        const runId = event.detail.runId;
        this.setRunBusy(runId, true);
        try {
            const run = (await cancelFlowRunApex({ runId })) as FlowRunView;
            this.trackRun(run);
            // the action waiting for the run hears of it at once (not at the next poll)
            this.runWatcher.refresh(runId);
        } catch (error) {
            this.showRunError('The run could not be cancelled', error);
        } finally {
            this.setRunBusy(runId, false);
        }
    }

    async handleRunRetry(event: CustomEvent<{ runId: string }>): Promise<void> {
        const runId = event.detail.runId;
        this.setRunBusy(runId, true);
        try {
            const run = (await retryFlowRunApex({ runId })) as FlowRunView;
            this.dismissedRuns.delete(run.id);
            this.trackRun(run);
            this.showToast({
                title: `Run ${run.name} retries ${RUN_COUNT.format(run.remaining)} records`,
                message: 'Only the records that failed run again; the action finishes when they have run.',
                variant: 'info'
            });
            this.resumeRun(run);
        } catch (error) {
            this.showRunError('The failed records could not be retried', error);
        } finally {
            this.setRunBusy(runId, false);
        }
    }

    handleRunDetails(event: CustomEvent<{ runId: string }>): void {
        this.historyRunId = event.detail.runId;
        this.historyOpen = true;
    }

    handleRunDismiss(event: CustomEvent<{ runId: string }>): void {
        this.dismissedRuns.add(event.detail.runId);
        this.runViews = this.runViews.filter((view) => view.id !== event.detail.runId);
    }

    get historyExpanded(): string {
        return this.historyOpen ? 'true' : 'false';
    }

    handleOpenRunHistory(): void {
        this.historyRunId = null;
        this.historyOpen = true;
    }

    /** The history panel retried a run itself (it calls retryFlowRun): follow it again here, as Retry failed does. */
    handleHistoryRetry(event: CustomEvent<{ runId: string; run?: FlowRunView }>): void {
        const run = event.detail.run;
        if (!run) return;
        this.dismissedRuns.delete(run.id);
        this.trackRun(run);
        this.resumeRun(run);
    }

    /** The history panel cancelled a run: the action following it hears at once. */
    handleHistoryCancel(event: CustomEvent<{ runId: string; run?: FlowRunView }>): void {
        if (event.detail.run) this.trackRun(event.detail.run);
        this.runWatcher.refresh(event.detail.runId);
    }

    handleCloseRunHistory(): void {
        this.historyOpen = false;
        this.historyRunId = null;
    }

    private showRunError(title: string, error: unknown): void {
        const info = parseServerError(error);
        this.showToast({ title, message: info.message, variant: 'error', mode: 'sticky' });
    }

    private bindsKeyOf(table: TableState): string {
        const runtime = this.runtime as Runtime;
        return JSON.stringify(bindsOf(table.query, (value) => runtime.resolve(value)));
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
        table.stale = false;
        const binds = bindsOf(table.query, (value) => runtime.resolve(value));
        table.bindsKey = JSON.stringify(binds);
        const request: QueryRequest = {
            recordId: this.recordId ?? null,
            binds,
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
            const requestJson = JSON.stringify(request);
            const response = (
                this.isDraft
                    ? await previewQuery({
                          definitionJson: this.draftJson ?? '',
                          queryName: table.query.name,
                          requestJson
                      })
                    : await runQuery({ definitionName: this.definitionName, queryName: table.query.name, requestJson })
            ) as QueryResponse;
            if (seq !== table.requestSeq) return;
            const records = response.records ?? [];
            const all = mode === 'more' ? [...table.records, ...records] : records;
            table.records = all.length > maxRows ? all.slice(0, maxRows) : all;
            table.nextCursor = response.nextCursor ?? null;
            table.queryContext = { recordId: request.recordId ?? null, binds };
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

    private readonly runWatcher = new RunWatcher({
        onProgress: (run) => this.trackRun(run),
        getRun: async (runId) => {
            try {
                return (await getFlowRunApex({ runId })) as FlowRunView;
            } catch (error) {
                throw parseServerError(error);
            }
        }
    });

    private async startFlowRun(request: StartFlowRunRequest): Promise<FlowRunView> {
        let run: FlowRunView;
        try {
            run = (await startFlowRunApex({
                definitionName: request.definitionName,
                interactionId: request.interactionId,
                actionId: request.actionId,
                requestJson: JSON.stringify({
                    inputs: request.inputs,
                    context: request.context,
                    clientKey: request.clientKey
                })
            })) as FlowRunView;
        } catch (error) {
            throw parseServerError(error);
        }
        this.releaseTableOf(request.interactionId);
        const chunks = Math.ceil(run.total / Math.max(1, run.chunkSize));
        this.showToast({
            title: `Run ${run.name} started`,
            message:
                `${RUN_COUNT.format(run.total)} records in ${RUN_COUNT.format(chunks)} chunk${chunks === 1 ? '' : 's'}; ` +
                `the action finishes when every chunk has run.${run.message ? ` ${run.message}` : ''}`,
            variant: 'info'
        });
        return run;
    }

    private async executeFlow(request: ExecuteFlowRequest): Promise<FlowRunResponse> {
        try {
            return (await executeFlowApex({
                definitionName: request.definitionName,
                interactionId: request.interactionId,
                actionId: request.actionId,
                inputsJson: JSON.stringify(request.inputs),
                contextJson: JSON.stringify(request.context)
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

    /**
     * exportCsv: the table exports (c-dynamic-data-table's exportCsv pages exportRows and downloads the file). No
     * file name: `<apiName>_<YYYY-MM-DD>.csv`, the date in the user's time zone.
     */
    private async exportTable(name: string, fileName: string | undefined): Promise<void> {
        if (!this.tables.has(name)) {
            const names = [...this.tables.keys()].join(', ') || 'none';
            throw new ActionError(
                'UNKNOWN_COMPONENT',
                `There is no data table '${name}' to export (tables: ${names}).`
            );
        }
        const table = this.tables.get(name) as TableState;
        const element = this.template?.querySelector(`c-dynamic-data-table[data-name="${name}"]`) as
            (HTMLElement & { exportCsv?: (fileName: string, context: ExportContext) => Promise<unknown> }) | null;
        if (!element || typeof element.exportCsv !== 'function') {
            throw new ActionError('EXPORT_UNAVAILABLE', `The table '${name}' is not shown, so it cannot be exported.`);
        }
        const apiName = this.definition?.apiName || this.definitionName;
        const runtime = this.runtime as Runtime;
        // the same query as the table shows: its binds now, the page record, and its row cap
        await element.exportCsv(fileName || exportFileName(apiName, new Date(), TIME_ZONE), {
            recordId: this.recordId ?? null,
            binds: bindsOf(table.query, (value) => runtime.resolve(value)),
            maxRows: table.query.maxRows ?? DEFAULT_MAX_ROWS
        });
    }

    // ------------------------------------------------------------------ table events

    /**
     * A table saved its drafts (c-dynamic-data-table, after saveRecords): the counts become LastSave*, the rows the
     * server re-read replace the loaded ones, and the save interactions run when at least one row was saved.
     */
    handleSave(event: CustomEvent<{ savedCount?: unknown; failedCount?: unknown; records?: unknown }>): void {
        const name = this.tableName(event);
        const table = this.tables.get(name);
        if (!table) return;
        const detail = event.detail ?? {};
        table.lastSave = { savedCount: saveCount(detail.savedCount), failedCount: saveCount(detail.failedCount) };
        if (Array.isArray(detail.records) && detail.records.length) {
            table.records = mergeSavedRows(table.records, detail.records);
        }
        this.runtime?.componentChanged(name);
        this.refreshView();
        if (table.lastSave.savedCount > 0) this.engine?.dispatch({ event: 'save', target: name });
    }

    handleHeaderAction(event: CustomEvent<{ action: string }>): void {
        const target = this.tableName(event);
        this.actionSource = target;
        this.engine?.dispatch({ event: 'headerActionClick', target, action: event.detail.action });
    }

    handleRowAction(event: CustomEvent<{ action: string; row: Row }>): void {
        const target = this.tableName(event);
        this.actionSource = target;
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
        // the panel held the focus and is gone: give it back to the control that opened it, once re-rendered
        const source = this.actionSource;
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(() => {
            const active = document.activeElement;
            if (active && active !== document.body) return;
            const table = this.template?.querySelector(`c-dynamic-data-table[data-name="${source}"]`) as
                (HTMLElement & { restoreFocus?: () => void }) | null;
            table?.restoreFocus?.();
        }, 0);
    }

    /** The table whose action ran last (focus goes back to it when its panel closes). */
    private actionSource = '';

    private tableName(event: Event): string {
        return (event.currentTarget as HTMLElement).dataset.name ?? '';
    }

    /**
     * A started run goes on in the background: the table whose header action started it is unlocked, so the user keeps
     * working. The interaction itself stays busy until the run ends, so another click does not start a second run.
     */
    private releaseTableOf(interactionId: string): void {
        const on = (this.definition?.interactions ?? []).find((i) => String(i.id) === interactionId)?.on;
        if (on?.event === 'headerActionClick' && on.target && on.action) {
            this.handleBusyChange(interactionKey({ event: on.event, target: on.target, action: on.action }), false);
        }
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
            objectApiName: table.query.object,
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
            unavailableHeaderActions: table.unavailableHeader,
            unavailableRowActions: table.unavailableRow,
            queryContext: table.queryContext,
            objectLabelPlural: table.objectLabelPlural,
            sortBy: table.sortBy,
            sortDirection: table.sortDirection
        }));
    }
}

/** Server (or builder) problems first, then the client's, without duplicates (same path and message). */
function mergeProblems(server: DefinitionProblem[], client: DefinitionProblem[]): DefinitionProblem[] {
    const seen = new Set<string>();
    const merged: DefinitionProblem[] = [];
    for (const problem of [...server, ...client]) {
        if (!problem || typeof problem.message !== 'string') continue;
        const key = `${problem.path}\u0000${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry: DefinitionProblem = { path: problem.path ?? '', message: problem.message };
        if (problem.severity) entry.severity = problem.severity;
        merged.push(entry);
    }
    return merged;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((item, i) => item === b[i]);
}
