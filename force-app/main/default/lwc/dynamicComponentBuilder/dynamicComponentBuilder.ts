import { LightningElement, api } from 'lwc';
import { parseDefinition } from 'c/dcDefinition';
import type { DefinitionProblem } from 'c/dcDefinition';
import {
    DraftHistory,
    TEMPLATES,
    adjustPathForEdit,
    applyEditKeepingReferences,
    buildOutline,
    chainTo,
    createFromTemplate,
    getAt,
    hasPath,
    importJson,
    insertAt,
    newDataTable,
    newInteraction,
    newQuery,
    newResource,
    nodeForProblem,
    parentPath,
    serializeDefinition,
    suggestTrigger,
    visibleRows
} from 'c/dcBuilder';
import type {
    BuilderEdit,
    DefinitionSummary,
    EditableDefinition,
    EditorContext,
    OutlineKind,
    OutlineNode,
    ReferenceUpdate,
    ResourceKind,
    SaveResponse,
    SaveStatusValue,
    TemplateId
} from 'c/dcBuilder';
import type { ServerError } from 'c/dcRuntime';
import { ApexBuilderServices } from './services';
import type { HostServices } from './services';
import { requestDescribes, validationCatalogs } from './draftCatalog';

type Doc = Record<string, unknown>;

/** The live preview re-renders this long after the last edit (ms). */
const PREVIEW_DEBOUNCE_MS = 400;
/** getSaveStatus is polled this often while a save's deploy job runs (ms). */
const SAVE_POLL_MS = 1000;
/** Consecutive getSaveStatus failures tolerated before the save is reported as unknown. */
const SAVE_POLL_RETRIES = 3;

const API_NAME = /^[A-Za-z](?:_?[A-Za-z0-9])*$/;
const NAME_MAX = 40;

const KIND_LABELS: Record<OutlineKind, string> = {
    definition: 'Definition',
    resource: 'Resource',
    query: 'Query',
    component: 'Data table',
    column: 'Column',
    headerAction: 'Header action',
    rowAction: 'Row action',
    interaction: 'Interaction',
    action: 'Action',
    group: ''
};

const RENAME_WORDS: Record<ReferenceUpdate['kind'], string> = {
    resource: 'resource',
    query: 'query',
    component: 'data table',
    headerAction: 'header action',
    rowAction: 'row action'
};

const STATUS_TEXT: Record<SaveStatusValue, string> = {
    Queued: 'queued',
    InProgress: 'deploying',
    Succeeded: 'saved',
    Failed: 'failed'
};

type DialogKind = 'new' | 'open' | 'import' | 'export' | 'duplicate' | 'saveCopy' | 'confirm';

interface DialogState {
    kind: DialogKind;
    title: string;
    primaryLabel: string;
    /** The confirm dialog's message and what its primary button does. */
    message?: string;
    onConfirm?: () => void;
}

type SavePhase = 'idle' | 'saving' | 'succeeded' | 'failed' | 'conflict' | 'refused';

interface SaveState {
    phase: SavePhase;
    status?: SaveStatusValue;
    message?: string;
    /** INVALID_DEFINITION: the server's problems. */
    problems?: { path: string; message: string }[];
    /** CONFLICT: who saved since the draft was opened. */
    conflictBy?: string;
    conflictAt?: string;
}

interface ProblemView {
    key: string;
    index: number;
    path: string;
    pathLabel: string;
    message: string;
    iconName: string;
    iconVariant: string;
    severityLabel: string;
    className: string;
}

interface RowView {
    key: string;
    path: string;
    label: string;
    detail: string;
    level: number;
    setSize: number;
    posInSet: number;
    ariaExpanded?: string;
    ariaSelected: string;
    tabIndex: number;
    className: string;
    indentStyle: string;
    hasChildren: boolean;
    chevronClass: string;
    problemText: string;
    badgeClass: string;
    accessibleProblems: string;
}

function isObject(v: unknown): v is Doc {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

function errorOf(e: unknown): ServerError {
    if (isObject(e) && typeof e.code === 'string' && typeof e.message === 'string') return e as unknown as ServerError;
    return { code: 'CLIENT_ERROR', message: e instanceof Error ? e.message : String(e), details: [] };
}

/** Why an API name / label pair cannot be used, or '' when it can. */
export function namesProblem(apiName: string, label: string): string {
    if (!apiName) return 'Enter an API name.';
    if (apiName.length > NAME_MAX)
        return `The API name has ${apiName.length} characters; at most ${NAME_MAX} are allowed.`;
    if (!API_NAME.test(apiName)) {
        return 'The API name must start with a letter and use only letters, digits and single underscores, with no underscore at the end.';
    }
    if (!label.trim()) return 'Enter a label.';
    if (label.length > NAME_MAX) return `The label has ${label.length} characters; at most ${NAME_MAX} are allowed.`;
    return '';
}

/**
 * Dynamic Component Builder: builds and fixes a Dynamic Component definition without writing JSON.
 *
 * Left, the outline of the draft (an ARIA tree with problem counts and Add buttons); centre, the property editor of
 * the selected node (c-builder-*-editor, which fire `edit` / `select`); right, the live preview (c-dynamic-component
 * in draft mode) and the problem list (each problem selects its node). Every edit goes through the draft history
 * (undo / redo, Ctrl+Z / Ctrl+Y) and re-runs the shared validator against the schema and flows the draft names.
 * Save deploys through DynamicComponentBuilderController.saveDefinition and follows the job to its end, with the
 * conflict check (Reload / Save as a copy) when someone else saved since the draft was opened.
 */
export default class DynamicComponentBuilder extends LightningElement {
    /** The draft's current document, its problems, outline and canonical JSON. */
    doc: Doc = createFromTemplate('blank');
    problems: DefinitionProblem[] = [];
    outline: OutlineNode[] = buildOutline(this.doc);
    draftJson = '';
    /** The JSON and problems the preview renders (debounced). */
    previewJson = '';
    previewProblems: DefinitionProblem[] = [];
    checking = false;

    selectedPath = '';
    focusedPath = '';
    expanded: Set<string> = new Set(['resources', 'queries', 'components', 'interactions']);

    /** The stored version the draft was opened from (null: a new definition). */
    openedApiName: string | null = null;
    baseContentHash: string | null = null;
    lastModifiedText = '';

    saveState: SaveState = { phase: 'idle' };
    announcement = '';
    referenceNote = '';
    editError = '';
    loading = false;
    loadError = '';

    dialog: DialogState | null = null;
    dialogError = '';
    formTemplate: TemplateId = 'blank';
    formApiName = '';
    formLabel = '';
    importText = '';
    importSource = 'The pasted text';
    definitions: DefinitionSummary[] = [];
    definitionsLoading = false;
    openSelection = '';
    exportStatus = '';

    private readonly services: HostServices = new ApexBuilderServices();
    private readonly history: DraftHistory;
    private lastReference: ReferenceUpdate | null = null;
    private requestedDefinition = '';
    private connected = false;
    private previewTimer?: ReturnType<typeof setTimeout>;
    private pollTimer?: ReturnType<typeof setTimeout>;
    private pollFailures = 0;
    private focusTreeOnRender = false;
    private focusDialogOnRender = false;
    private focusEditorOnRender = false;
    private returnFocus: HTMLElement | null = null;
    private readonly beforeUnload = (event: BeforeUnloadEvent): void => {
        if (!this.history.dirty) return;
        event.preventDefault();
        event.returnValue = '';
    };

    constructor() {
        super();
        this.history = new DraftHistory(this.doc, {
            applier: (doc, edit) => {
                const result = applyEditKeepingReferences(doc, edit);
                this.lastReference = result.reference;
                return result.doc;
            }
        });
    }

    /**
     * Object of the record pages the definitions are built for (App Builder property): types {!$Record.*} in the
     * mapping picker and the checks. Empty for app and home pages.
     */
    @api recordObjectApiName = '';

    /** API name of the definition to open at start (App Builder property; the preview passes ?definition=). */
    @api
    get definitionName(): string {
        return this.requestedDefinition;
    }
    set definitionName(value: string) {
        const name = typeof value === 'string' ? value.trim() : '';
        const changed = name !== this.requestedDefinition;
        this.requestedDefinition = name;
        if (changed && this.connected && name && name !== this.openedApiName) {
            this.confirmDiscard(`Open '${name}'?`, () => {
                this.openDefinition(name);
            });
        }
    }

    override connectedCallback(): void {
        this.connected = true;
        this.services.onChange = () => this.revalidate();
        window.addEventListener('beforeunload', this.beforeUnload);
        this.revalidate();
        this.publishPreview();
        if (this.requestedDefinition) this.openDefinition(this.requestedDefinition);
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.services.onChange = undefined;
        window.removeEventListener('beforeunload', this.beforeUnload);
        clearTimeout(this.previewTimer);
        clearTimeout(this.pollTimer);
    }

    override renderedCallback(): void {
        if (this.focusDialogOnRender) {
            this.focusDialogOnRender = false;
            const target =
                this.template?.querySelector<HTMLElement>('.slds-modal [data-autofocus]') ??
                this.template?.querySelector<HTMLElement>('.slds-modal .dialog-cancel');
            target?.focus();
        }
        if (this.focusTreeOnRender) {
            this.focusTreeOnRender = false;
            this.treeItem(this.focusedPath)?.focus();
        }
        if (this.focusEditorOnRender) {
            this.focusEditorOnRender = false;
            this.template?.querySelector<HTMLElement>('.editor-heading')?.focus();
        }
    }

    // -------------------------------------------------------------- draft state

    get dirty(): boolean {
        return this.history.dirty;
    }

    /** The draft is not stored under its API name yet (new, duplicated, or its API name changed). */
    get savesAsNew(): boolean {
        return !this.openedApiName || this.doc.apiName !== this.openedApiName;
    }

    private revalidate(): void {
        const doc = this.history.doc;
        this.doc = doc;
        requestDescribes(doc, this.services);
        const { catalog, flows, pending } = validationCatalogs(doc, this.services);
        this.draftJson = serializeDefinition(doc);
        // The shared validator, with the flow contract check when the flows are known: one wording everywhere.
        this.problems = parseDefinition(this.draftJson, catalog, flows, {
            recordObjectApiName: this.recordObjectApiName || undefined
        }).problems;
        this.checking = pending;
        this.outline = buildOutline(doc, this.problems);
        this.keepSelectionValid();
        this.schedulePreview();
    }

    private schedulePreview(): void {
        clearTimeout(this.previewTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.previewTimer = setTimeout(() => this.publishPreview(), PREVIEW_DEBOUNCE_MS);
    }

    private publishPreview(): void {
        this.previewJson = this.draftJson;
        this.previewProblems = this.problems;
    }

    /** Starts over with `doc` (new, opened, imported): empty history, the selection on the definition. */
    private replaceDraft(doc: Doc, saved: Doc | null): void {
        clearTimeout(this.pollTimer);
        this.history.reset(doc, saved);
        this.saveState = { phase: 'idle' };
        this.selectedPath = '';
        this.focusedPath = '';
        this.referenceNote = '';
        this.editError = '';
        this.expanded = new Set(['resources', 'queries', 'components', 'interactions']);
        this.revalidate();
        this.publishPreview();
        // Open everything but a table's lists of columns and actions (long, and shown in the table editor).
        const expanded = new Set<string>();
        const walk = (nodes: OutlineNode[], inTable: boolean): void => {
            for (const n of nodes) {
                if (!n.children.length || (inTable && n.kind === 'group')) continue;
                expanded.add(n.path);
                walk(n.children, inTable || n.kind === 'component');
            }
        };
        walk(this.outline, false);
        this.expanded = expanded;
    }

    private applyEdit(edit: BuilderEdit, announce = false): boolean {
        this.lastReference = null;
        const before = this.history.doc;
        try {
            this.history.apply(edit);
        } catch (e) {
            this.editError = `That change could not be made: ${(e as Error).message}`;
            return false;
        }
        this.editError = '';
        if (this.history.doc === before) return true;
        const moved = adjustPathForEdit(this.selectedPath, edit);
        // A removed selection moves to the list it was in (its owner's editor shows what is left).
        this.selectedPath = moved ?? parentPath(edit.path);
        const ref = this.lastReference as ReferenceUpdate | null;
        if (ref) {
            this.referenceNote = ref.references
                ? `Renamed ${RENAME_WORDS[ref.kind]} '${ref.from}' to '${ref.to}' and updated ${plural(ref.references, 'place')} that use${ref.references === 1 ? 's' : ''} it.`
                : `Renamed ${RENAME_WORDS[ref.kind]} '${ref.from}' to '${ref.to}' (nothing else used it).`;
        }
        this.revalidate();
        if (announce) this.announce(this.history.undoLabel ?? 'Changed');
        return true;
    }

    private announce(text: string): void {
        // The same text twice in a row is still a change of the live region (so it is read again).
        this.announcement = this.announcement === text ? `${text}\u00a0` : text;
    }

    // -------------------------------------------------------------- editors

    handleEdit(event: CustomEvent<BuilderEdit>): void {
        event.stopPropagation();
        const edit = event.detail;
        if (!isObject(edit)) return;
        this.applyEdit(edit);
    }

    handleEditorSelect(event: CustomEvent<{ path?: unknown }>): void {
        const path = event.detail?.path;
        if (typeof path !== 'string') return;
        event.stopPropagation();
        this.select(path);
    }

    handleEditorFocusOut(): void {
        // Leaving a field ends its typing run: the next change there is a new undo step.
        this.history.breakMerge();
    }

    get editorContext(): EditorContext {
        return {
            doc: this.doc,
            problems: this.problems,
            services: this.services,
            recordObjectApiName: this.recordObjectApiName || undefined
        };
    }

    /** The node whose editor is shown: the selection, or what is left of it after an undo or a removal. */
    get selectedNode(): OutlineNode {
        const chain = chainTo(this.outline, this.selectedPath);
        return chain[chain.length - 1] ?? this.outline[0];
    }

    private keepSelectionValid(): void {
        const node = this.selectedNode;
        if (node.path !== this.selectedPath) this.selectedPath = node.path;
    }

    private get tableNodePath(): string | undefined {
        const chain = chainTo(this.outline, this.selectedPath);
        return chain.find((n) => n.kind === 'component')?.path;
    }

    get editorKind(): string {
        const node = this.selectedNode;
        if (['column', 'headerAction', 'rowAction'].includes(node.kind)) return 'component';
        if (node.kind === 'group' && this.tableNodePath) return 'component';
        return node.kind;
    }

    get showDefinitionEditor(): boolean {
        return this.editorKind === 'definition';
    }
    get showResourceEditor(): boolean {
        return this.editorKind === 'resource';
    }
    get showQueryEditor(): boolean {
        return this.editorKind === 'query';
    }
    get showTableEditor(): boolean {
        return this.editorKind === 'component';
    }
    get showInteractionEditor(): boolean {
        return this.editorKind === 'interaction';
    }
    get showActionEditor(): boolean {
        return this.editorKind === 'action';
    }
    get showGroupPanel(): boolean {
        return this.editorKind === 'group';
    }

    /** The path the editor edits (a table's path for its columns and actions). */
    get editorPath(): string {
        return this.editorKind === 'component' ? (this.tableNodePath ?? this.selectedPath) : this.selectedNode.path;
    }

    get editorNode(): unknown {
        return this.editorPath === '' ? this.doc : getAt(this.doc, this.editorPath);
    }

    /** A column or action of the table (or one of its lists): the table editor scrolls to it. */
    get editorFocusPath(): string {
        return this.editorKind === 'component' && this.selectedNode.path !== this.editorPath
            ? this.selectedNode.path
            : '';
    }

    get editorHeading(): string {
        const node = this.selectedNode;
        if (node.kind === 'definition') return `Definition · ${String(this.doc.label ?? this.doc.apiName ?? '')}`;
        if (node.kind === 'group') {
            const table = this.tableNodePath !== undefined ? getAt(this.doc, this.tableNodePath) : undefined;
            return isObject(table) ? `Data table · ${String(table.name ?? '')} · ${node.label}` : node.label;
        }
        return `${KIND_LABELS[node.kind]} · ${node.label}`;
    }

    get groupItems(): { key: string; path: string; label: string; detail: string; problemText: string }[] {
        return this.selectedNode.children.map((c) => ({
            key: c.path,
            path: c.path,
            label: c.label,
            detail: c.detail,
            problemText: c.problemCount ? plural(c.problemCount, 'problem') : ''
        }));
    }

    get groupEmptyText(): string {
        return `No ${this.selectedNode.label.toLowerCase()} yet.`;
    }

    get groupIsEmpty(): boolean {
        return this.selectedNode.children.length === 0;
    }

    get groupIsResources(): boolean {
        return this.selectedNode.list === 'resources';
    }
    get groupIsQueries(): boolean {
        return this.selectedNode.list === 'queries';
    }
    get groupIsComponents(): boolean {
        return this.selectedNode.list === 'components';
    }
    get groupIsInteractions(): boolean {
        return this.selectedNode.list === 'interactions';
    }

    handleGroupItemClick(event: Event): void {
        const path = (event.currentTarget as HTMLElement).dataset.path;
        if (path !== undefined) this.select(path, true);
    }

    // -------------------------------------------------------------- selection and the outline tree

    private select(path: string, focusEditor = false, expandNode = false): void {
        const chain = chainTo(this.outline, path);
        const node = chain[chain.length - 1];
        if (!node) return;
        const expanded = new Set(this.expanded);
        for (const n of expandNode ? chain : chain.slice(0, -1)) expanded.add(n.path);
        this.expanded = expanded;
        this.selectedPath = node.path;
        this.focusedPath = node.path;
        this.referenceNote = '';
        this.history.breakMerge();
        // A column or action focuses its own field in the table editor; anything else moves focus to the editor.
        if (focusEditor && !this.editorFocusPath) this.focusEditorOnRender = true;
    }

    get outlineRows(): RowView[] {
        const rows = visibleRows(this.outline, this.expanded);
        const focused = rows.some((r) => r.node.path === this.focusedPath) ? this.focusedPath : this.selectedPath;
        return rows.map((r) => {
            const n = r.node;
            const selected = n.path === this.selectedPath;
            const hasChildren = n.children.length > 0;
            const warnings = n.problemCount - n.errorCount;
            const parts = [];
            if (n.errorCount) parts.push(plural(n.errorCount, 'error'));
            if (warnings) parts.push(plural(warnings, 'warning'));
            return {
                key: n.path || '$definition',
                path: n.path,
                label: n.label,
                detail: n.detail,
                level: r.level,
                setSize: r.setSize,
                posInSet: r.posInSet,
                ariaExpanded: hasChildren ? String(r.expanded === true) : undefined,
                ariaSelected: String(selected),
                tabIndex: n.path === focused ? 0 : -1,
                className: `outline-item${selected ? ' is-selected' : ''}${n.kind === 'group' ? ' is-group' : ''}`,
                indentStyle: `padding-left: ${(r.level - 1) * 1 + 0.25}rem`,
                hasChildren,
                chevronClass: `chevron${r.expanded ? ' is-open' : ''}`,
                problemText: n.problemCount ? String(n.problemCount) : '',
                badgeClass: `problem-badge${n.errorCount ? ' has-errors' : ''}`,
                accessibleProblems: parts.length ? `, ${parts.join(', ')}` : ''
            };
        });
    }

    private treeItem(path: string): HTMLElement | null {
        const items = this.template?.querySelectorAll<HTMLElement>('[role="treeitem"]');
        for (const item of Array.from(items ?? [])) if (item.dataset.path === path) return item;
        return null;
    }

    handleTreeClick(event: MouseEvent): void {
        const path = (event.currentTarget as HTMLElement).dataset.path;
        if (path === undefined) return;
        this.select(path);
    }

    handleChevronClick(event: MouseEvent): void {
        event.stopPropagation();
        const path = (event.currentTarget as HTMLElement).dataset.path;
        if (path !== undefined) this.toggle(path);
    }

    private toggle(path: string, open?: boolean): void {
        const expanded = new Set(this.expanded);
        const willOpen = open ?? !expanded.has(path);
        if (willOpen) expanded.add(path);
        else expanded.delete(path);
        this.expanded = expanded;
    }

    handleTreeKeyDown(event: KeyboardEvent): void {
        const rows = visibleRows(this.outline, this.expanded);
        const current = (event.target as HTMLElement).dataset?.path ?? this.focusedPath;
        const index = rows.findIndex((r) => r.node.path === current);
        if (index < 0) return;
        const row = rows[index];
        let next: string | undefined;
        switch (event.key) {
            case 'ArrowDown':
                next = rows[Math.min(index + 1, rows.length - 1)].node.path;
                break;
            case 'ArrowUp':
                next = rows[Math.max(index - 1, 0)].node.path;
                break;
            case 'Home':
                next = rows[0].node.path;
                break;
            case 'End':
                next = rows[rows.length - 1].node.path;
                break;
            case 'ArrowRight':
                if (row.expanded === false) this.toggle(row.node.path, true);
                else if (row.expanded === true) next = row.node.children[0].path;
                break;
            case 'ArrowLeft':
                if (row.expanded === true) this.toggle(row.node.path, false);
                else if (row.parentPath !== undefined) next = row.parentPath;
                break;
            case 'Enter':
            case ' ':
                this.select(row.node.path);
                break;
            default:
                return;
        }
        event.preventDefault();
        if (next !== undefined) {
            this.focusedPath = next;
            this.focusTreeOnRender = true;
        }
    }

    // -------------------------------------------------------------- adding nodes

    private insertAndSelect(list: string, value: Doc, what: string): void {
        const items = getAt(this.doc, list);
        const index = Array.isArray(items) ? items.length : 0;
        if (this.applyEdit({ op: 'insert', path: list, value, label: `Add ${what}` })) {
            this.select(`${list}[${index}]`, true, true);
            this.announce(`Added ${what} ${String(value.name ?? value.id ?? '')}.`.replace(' .', '.'));
        }
    }

    handleAddResource(event: CustomEvent<{ value: ResourceKind }>): void {
        const kind = event.detail.value;
        this.insertAndSelect('resources', newResource(this.doc, kind), kind);
    }

    handleAddResourceButton(event: Event): void {
        const kind = ((event.currentTarget as HTMLElement).dataset.kind ?? 'variable') as ResourceKind;
        this.insertAndSelect('resources', newResource(this.doc, kind), kind);
    }

    handleAddQuery(): void {
        this.insertAndSelect('queries', newQuery(this.doc, 'Contact', ['Name']), 'query');
    }

    handleAddTable(): void {
        const queries = Array.isArray(this.doc.queries) ? this.doc.queries.filter(isObject) : [];
        const selectedQuery = this.selectedNode.kind === 'query' ? getAt(this.doc, this.selectedNode.path) : undefined;
        if (queries.length === 0) {
            // A table needs a query: add both in one step.
            const query = newQuery(this.doc, 'Contact', ['Name']);
            const withQuery = insertAt(this.doc, 'queries', query);
            const table = newDataTable(withQuery, String(query.name));
            const next = insertAt(withQuery, 'components', table);
            const index = Array.isArray(this.doc.components) ? this.doc.components.length : 0;
            if (this.applyEdit({ op: 'set', path: '', value: next, label: 'Add data table' })) {
                this.select(`components[${index}]`, true, true);
                this.announce(`Added query ${String(query.name)} and data table ${String(table.name)}.`);
            }
            return;
        }
        const query = isObject(selectedQuery) ? selectedQuery : queries[0];
        this.insertAndSelect('components', newDataTable(this.doc, String(query.name ?? '')), 'data table');
    }

    handleAddInteraction(): void {
        const t = suggestTrigger(this.doc);
        this.insertAndSelect('interactions', newInteraction(this.doc, t.event, t.target, t.action), 'interaction');
    }

    get resourceKinds(): { label: string; value: ResourceKind }[] {
        return [
            { label: 'Variable', value: 'variable' },
            { label: 'Constant', value: 'constant' },
            { label: 'Formula', value: 'formula' }
        ];
    }

    // -------------------------------------------------------------- undo / redo

    get cannotUndo(): boolean {
        return !this.history.canUndo;
    }
    get cannotRedo(): boolean {
        return !this.history.canRedo;
    }
    get undoTitle(): string {
        return this.history.undoLabel ? `Undo ${this.history.undoLabel} (Ctrl+Z)` : 'Nothing to undo';
    }
    get redoTitle(): string {
        return this.history.redoLabel ? `Redo ${this.history.redoLabel} (Ctrl+Y)` : 'Nothing to redo';
    }

    handleUndo(): void {
        const label = this.history.undo();
        if (label === undefined) return;
        this.afterHistoryMove(this.history.pathOfLastUndo());
        this.announce(`Undone: ${label}.`);
    }

    handleRedo(): void {
        const label = this.history.redo();
        if (label === undefined) return;
        this.afterHistoryMove(this.history.pathOfLastStep());
        this.announce(`Redone: ${label}.`);
    }

    private afterHistoryMove(path: string | undefined): void {
        this.referenceNote = '';
        this.revalidate();
        if (path !== undefined) {
            const owner = nodeForProblem(this.outline, path);
            if (owner && owner.path !== this.selectedPath && hasPath(this.doc, owner.path)) this.select(owner.path);
        }
    }

    /** Ctrl+Z / Cmd+Z undo, Ctrl+Y / Ctrl+Shift+Z redo — anywhere in the builder but the live preview. */
    handleKeyDown(event: KeyboardEvent): void {
        if (this.dialog || !(event.ctrlKey || event.metaKey) || event.altKey) return;
        const key = event.key.toLowerCase();
        if (key === 'z' && !event.shiftKey) {
            event.preventDefault();
            this.handleUndo();
        } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
            event.preventDefault();
            this.handleRedo();
        }
    }

    // -------------------------------------------------------------- problems

    get errorCount(): number {
        return this.problems.filter((p) => p.severity !== 'warning').length;
    }

    get warningCount(): number {
        return this.problems.length - this.errorCount;
    }

    get hasProblems(): boolean {
        return this.problems.length > 0;
    }

    get problemSummary(): string {
        if (!this.problems.length) return 'No problems';
        const parts = [];
        if (this.errorCount) parts.push(plural(this.errorCount, 'error'));
        if (this.warningCount) parts.push(plural(this.warningCount, 'warning'));
        return parts.join(', ');
    }

    get checkingText(): string {
        return this.checking ? 'Checking against the org’s objects and flows…' : '';
    }

    get problemViews(): ProblemView[] {
        return this.problems.map((p, index) => {
            const warning = p.severity === 'warning';
            return {
                key: `${index}:${p.path}`,
                index,
                path: p.path,
                pathLabel: p.path || 'definition',
                message: p.message,
                iconName: warning ? 'utility:warning' : 'utility:error',
                iconVariant: warning ? 'warning' : 'error',
                severityLabel: warning ? 'Warning' : 'Error',
                className: `problem-button${warning ? ' is-warning' : ' is-error'}`
            };
        });
    }

    handleProblemClick(event: Event): void {
        const index = Number((event.currentTarget as HTMLElement).dataset.index);
        const problem = this.problems[index];
        if (!problem) return;
        const owner = nodeForProblem(this.outline, problem.path);
        if (owner) this.select(owner.path, true);
    }

    // -------------------------------------------------------------- toolbar texts

    get draftTitle(): string {
        return typeof this.doc.label === 'string' && this.doc.label ? this.doc.label : 'Untitled';
    }

    get draftSubtitle(): string {
        const name = typeof this.doc.apiName === 'string' ? this.doc.apiName : '';
        if (!this.openedApiName) return `${name} · new, not saved yet`;
        if (this.savesAsNew) return `${name} · saves as a new definition (${this.openedApiName} stays as it is)`;
        return this.lastModifiedText ? `${name} · ${this.lastModifiedText}` : name;
    }

    get showUnsaved(): boolean {
        return this.dirty;
    }

    get isSaving(): boolean {
        return this.saveState.phase === 'saving';
    }

    get saveBlockedReason(): string {
        if (this.loading) return 'Loading the definition…';
        if (this.isSaving) return '';
        if (this.errorCount) return `Fix ${plural(this.errorCount, 'error')} to save.`;
        if (!this.dirty && !this.savesAsNew) return 'No unsaved changes.';
        return '';
    }

    get saveDisabled(): boolean {
        return this.isSaving || this.saveBlockedReason !== '';
    }

    get saveNote(): string {
        return !this.errorCount && this.warningCount
            ? `${plural(this.warningCount, 'warning')} (saving is allowed)`
            : '';
    }

    // -------------------------------------------------------------- save

    get saveStatusText(): string {
        const s = this.saveState;
        const name = String(this.doc.apiName ?? '');
        switch (s.phase) {
            case 'saving':
                return `Saving ${name}: ${STATUS_TEXT[s.status ?? 'Queued']}…`;
            case 'succeeded':
                return `Saved ${name}.`;
            case 'failed':
                return `The save failed: ${s.message ?? 'the deploy did not finish'}. The definition in use has not changed.`;
            case 'conflict':
                return `Someone else saved ${this.openedApiName ?? name}${s.conflictBy ? ` (${s.conflictBy}${s.conflictAt ? `, ${s.conflictAt}` : ''})` : ''} since you opened it. Your draft is not saved.`;
            case 'refused':
                return s.message ?? 'The definition was not saved.';
            default:
                return '';
        }
    }

    get saveStatusClass(): string {
        const phase = this.saveState.phase;
        const tone = phase === 'succeeded' ? 'is-success' : phase === 'saving' ? 'is-info' : 'is-error';
        return `save-status ${tone}`;
    }

    get showSaveStatus(): boolean {
        return this.saveState.phase !== 'idle';
    }

    get isConflict(): boolean {
        return this.saveState.phase === 'conflict';
    }

    get serverProblems(): { key: string; text: string }[] {
        return (this.saveState.problems ?? []).map((p, i) => ({
            key: String(i),
            text: p.path ? `${p.path}: ${p.message}` : p.message
        }));
    }

    get hasServerProblems(): boolean {
        return this.serverProblems.length > 0;
    }

    async handleSave(): Promise<void> {
        if (this.saveDisabled) return;
        const doc = this.history.doc;
        const saveAsNew = this.savesAsNew;
        this.history.breakMerge();
        this.saveState = { phase: 'saving', status: 'Queued' };
        this.announce(this.saveStatusText);
        let response: SaveResponse;
        try {
            response = await this.services.saveDefinition(
                serializeDefinition(doc),
                saveAsNew ? null : this.baseContentHash,
                saveAsNew
            );
        } catch (e) {
            this.saveRefused(errorOf(e));
            return;
        }
        this.pollFailures = 0;
        this.followSave(response, doc);
    }

    private followSave(response: SaveResponse, doc: Doc): void {
        const status = response.status ?? 'Queued';
        if (status === 'Succeeded') {
            this.saveSucceeded(response, doc);
            return;
        }
        if (status === 'Failed') {
            this.saveFailed((response as { message?: string }).message);
            return;
        }
        this.saveState = { phase: 'saving', status };
        this.announce(this.saveStatusText);
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.pollTimer = setTimeout(() => {
            this.pollSave(response, doc);
        }, SAVE_POLL_MS);
    }

    private async pollSave(response: SaveResponse, doc: Doc): Promise<void> {
        if (!this.connected) return;
        try {
            const status = await this.services.getSaveStatus(response.jobId);
            this.pollFailures = 0;
            if (status.status === 'Succeeded') this.saveSucceeded(response, doc);
            else if (status.status === 'Failed') this.saveFailed(status.message);
            else this.followSave({ ...response, status: status.status }, doc);
        } catch (e) {
            this.pollFailures++;
            if (this.pollFailures >= SAVE_POLL_RETRIES) {
                this.saveState = {
                    phase: 'failed',
                    message: `the builder lost track of the save (${errorOf(e).message}); reopen the definition to see whether it was stored`
                };
                this.announce(this.saveStatusText);
                return;
            }
            this.followSave({ ...response, status: this.saveState.status ?? 'InProgress' }, doc);
        }
    }

    private saveSucceeded(response: SaveResponse, doc: Doc): void {
        this.baseContentHash = response.contentHash;
        this.openedApiName = response.apiName || String(doc.apiName);
        this.lastModifiedText = 'saved just now';
        this.history.markSaved(doc);
        this.saveState = { phase: 'succeeded', status: 'Succeeded' };
        this.announce(this.saveStatusText);
    }

    private saveFailed(message: string | undefined): void {
        this.saveState = { phase: 'failed', status: 'Failed', message: message || undefined };
        this.announce(this.saveStatusText);
    }

    private saveRefused(error: ServerError): void {
        if (error.code === 'CONFLICT') {
            const d = (Array.isArray(error.details) ? error.details[0] : undefined) as
                { lastModifiedByName?: string; lastModifiedDate?: string } | undefined;
            this.saveState = {
                phase: 'conflict',
                message: error.message,
                conflictBy: d?.lastModifiedByName,
                conflictAt: d?.lastModifiedDate ? new Date(d.lastModifiedDate).toLocaleString() : undefined
            };
        } else if (error.code === 'INVALID_DEFINITION') {
            const problems = (Array.isArray(error.details) ? error.details : [])
                .filter(isObject)
                .map((p) => ({ path: String(p.path ?? ''), message: String(p.message ?? '') }));
            this.saveState = { phase: 'refused', message: error.message, problems };
        } else {
            this.saveState = { phase: 'refused', message: error.message };
        }
        this.announce(this.saveStatusText);
    }

    handleReload(): void {
        const name = this.openedApiName;
        if (!name) return;
        this.openConfirm(
            'Reload the saved definition?',
            `Reload '${name}' as it is saved now? Your unsaved changes will be lost.`,
            'Reload',
            () => {
                this.openDefinition(name);
            }
        );
    }

    handleSaveAsCopy(): void {
        const apiName = String(this.doc.apiName ?? 'Definition');
        const label = String(this.doc.label ?? apiName);
        this.formApiName = `${apiName.slice(0, NAME_MAX - 5)}_Copy`;
        this.formLabel = `${label.slice(0, NAME_MAX - 7)} (copy)`;
        this.showDialog({ kind: 'saveCopy', title: 'Save as a copy', primaryLabel: 'Save copy' });
    }

    // -------------------------------------------------------------- open / new / import / export / duplicate

    private async openDefinition(name: string): Promise<void> {
        this.loading = true;
        this.loadError = '';
        let definition: EditableDefinition;
        try {
            definition = await this.services.getDefinitionForEdit(name);
        } catch (e) {
            this.loading = false;
            this.loadError = `Could not open '${name}': ${errorOf(e).message}`;
            return;
        }
        this.loading = false;
        const imported = importJson(definition.json, `The stored definition '${name}'`);
        if (!imported.ok) {
            this.loadError = imported.message;
            return;
        }
        this.openedApiName = definition.apiName;
        this.baseContentHash = definition.contentHash;
        this.lastModifiedText = definition.lastModifiedByName
            ? `last saved by ${definition.lastModifiedByName}${definition.lastModifiedDate ? ` on ${new Date(definition.lastModifiedDate).toLocaleString()}` : ''}`
            : '';
        this.replaceDraft(imported.doc, imported.doc);
        this.announce(`Opened ${definition.apiName}.`);
    }

    /** Runs `action` now when nothing unsaved would be lost, else after the admin confirms. */
    private confirmDiscard(title: string, action: () => void): void {
        if (!this.history.dirty) {
            action();
            return;
        }
        this.openConfirm(title, 'The draft has unsaved changes. Discard them?', 'Discard changes', action);
    }

    private openConfirm(title: string, message: string, primaryLabel: string, onConfirm: () => void): void {
        this.showDialog({ kind: 'confirm', title, message, primaryLabel, onConfirm });
    }

    handleNewMenu(event: CustomEvent<{ value: TemplateId }>): void {
        this.startNew(event.detail.value);
    }

    private startNew(id: TemplateId): void {
        const info = TEMPLATES.find((t) => t.id === id) ?? TEMPLATES[0];
        this.formTemplate = info.id;
        this.formApiName = info.defaultApiName;
        this.formLabel = info.defaultLabel;
        this.showDialog({ kind: 'new', title: 'New definition', primaryLabel: 'Create' });
    }

    get templateOptions(): { label: string; value: string }[] {
        return TEMPLATES.map((t) => ({ label: t.label, value: t.id }));
    }

    get templateMenu(): { label: string; value: string; key: string }[] {
        return TEMPLATES.map((t) => ({ label: t.label, value: t.id, key: t.id }));
    }

    get templateDescription(): string {
        return TEMPLATES.find((t) => t.id === this.formTemplate)?.description ?? '';
    }

    handleTemplateChange(event: CustomEvent<{ value: TemplateId }>): void {
        const previous = TEMPLATES.find((t) => t.id === this.formTemplate);
        const next = TEMPLATES.find((t) => t.id === event.detail.value);
        if (!next) return;
        // Follow the template's suggested names unless the admin typed their own.
        if (!previous || this.formApiName === previous.defaultApiName) this.formApiName = next.defaultApiName;
        if (!previous || this.formLabel === previous.defaultLabel) this.formLabel = next.defaultLabel;
        this.formTemplate = next.id;
    }

    handleFormApiName(event: CustomEvent<{ value: string }>): void {
        this.formApiName = (event.detail.value ?? '').trim();
        this.dialogError = '';
    }

    handleFormLabel(event: CustomEvent<{ value: string }>): void {
        this.formLabel = event.detail.value ?? '';
        this.dialogError = '';
    }

    async handleOpen(): Promise<void> {
        this.openSelection = '';
        this.definitions = [];
        this.definitionsLoading = true;
        this.showDialog({ kind: 'open', title: 'Open a definition', primaryLabel: 'Open' });
        try {
            this.definitions = await this.services.listDefinitions();
            this.openSelection = this.definitions[0]?.apiName ?? '';
        } catch (e) {
            this.dialogError = `Could not list the definitions: ${errorOf(e).message}`;
        }
        this.definitionsLoading = false;
    }

    get definitionOptions(): { label: string; value: string }[] {
        return this.definitions.map((d) => ({
            label: d.label && d.label !== d.apiName ? `${d.label} (${d.apiName})` : d.apiName,
            value: d.apiName
        }));
    }

    get noDefinitions(): boolean {
        return !this.definitionsLoading && !this.dialogError && this.definitions.length === 0;
    }

    handleOpenSelection(event: CustomEvent<{ value: string }>): void {
        this.openSelection = event.detail.value;
    }

    handleImport(): void {
        this.importText = '';
        this.importSource = 'The pasted text';
        this.showDialog({ kind: 'import', title: 'Import JSON', primaryLabel: 'Import' });
    }

    handleImportText(event: CustomEvent<{ value: string }>): void {
        this.importText = event.detail.value ?? '';
        this.importSource = 'The pasted text';
        this.dialogError = '';
    }

    async handleImportFile(event: CustomEvent<{ files: File[] }>): Promise<void> {
        const file = event.detail?.files?.[0];
        if (!file) return;
        try {
            this.importText = await file.text();
            this.importSource = `The file ${file.name}`;
            this.dialogError = '';
        } catch (e) {
            this.dialogError = `Could not read ${file.name}: ${(e as Error).message}`;
        }
    }

    handleExport(): void {
        this.exportStatus = '';
        this.showDialog({ kind: 'export', title: 'Export JSON', primaryLabel: 'Done' });
    }

    get exportJson(): string {
        return this.draftJson;
    }

    get exportFileName(): string {
        return `${String(this.doc.apiName || 'definition')}.json`;
    }

    get exportHref(): string {
        return `data:application/json;charset=utf-8,${encodeURIComponent(this.draftJson)}`;
    }

    get downloadLabel(): string {
        return `Download ${this.exportFileName}`;
    }

    async handleCopy(): Promise<void> {
        try {
            await navigator.clipboard.writeText(this.draftJson);
            this.exportStatus = 'Copied to the clipboard.';
        } catch {
            this.exportStatus = 'The browser did not allow copying: select the text and copy it yourself.';
        }
    }

    handleDuplicate(): void {
        const apiName = String(this.doc.apiName ?? 'Definition');
        const label = String(this.doc.label ?? apiName);
        this.formApiName = `${apiName.slice(0, NAME_MAX - 5)}_Copy`;
        this.formLabel = `${label.slice(0, NAME_MAX - 7)} (copy)`;
        this.showDialog({ kind: 'duplicate', title: 'Duplicate definition', primaryLabel: 'Duplicate' });
    }

    // -------------------------------------------------------------- dialogs

    private showDialog(dialog: DialogState): void {
        if (!this.dialog) this.returnFocus = this.template?.activeElement as HTMLElement | null;
        this.dialogError = '';
        this.dialog = dialog;
        this.focusDialogOnRender = true;
    }

    private closeDialog(): void {
        this.dialog = null;
        this.dialogError = '';
        const target = this.returnFocus;
        this.returnFocus = null;
        if (target && typeof target.focus === 'function') target.focus();
    }

    get isNewDialog(): boolean {
        return this.dialog?.kind === 'new';
    }
    get isOpenDialog(): boolean {
        return this.dialog?.kind === 'open';
    }
    get isImportDialog(): boolean {
        return this.dialog?.kind === 'import';
    }
    get isExportDialog(): boolean {
        return this.dialog?.kind === 'export';
    }
    get isNamesDialog(): boolean {
        return this.dialog?.kind === 'duplicate' || this.dialog?.kind === 'saveCopy';
    }
    get isConfirmDialog(): boolean {
        return this.dialog?.kind === 'confirm';
    }
    get showCancel(): boolean {
        return this.dialog?.kind !== 'export';
    }

    get primaryDisabled(): boolean {
        if (this.isOpenDialog) return this.definitionsLoading || !this.openSelection;
        if (this.isImportDialog) return !this.importText.trim();
        return false;
    }

    get namesHelp(): string {
        return this.dialog?.kind === 'saveCopy'
            ? 'The copy is saved as a new definition; the one someone else changed stays as they saved it.'
            : 'The copy is a new definition: Save stores it under the new API name and leaves the original as it is.';
    }

    handleDialogCancel(): void {
        this.closeDialog();
    }

    handleDialogKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            this.closeDialog();
            return;
        }
        if (event.key !== 'Tab') return;
        const focusables = Array.from(
            this.template?.querySelectorAll<HTMLElement>('.slds-modal [data-focusable]') ?? []
        ).filter((el) => !(el as HTMLButtonElement).disabled);
        if (!focusables.length) return;
        const active = this.template?.activeElement;
        const first = focusables[0];
        const last = focusables[focusables.length - 1];
        if (event.shiftKey && active === first) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && active === last) {
            event.preventDefault();
            first.focus();
        }
    }

    handleDialogPrimary(): void {
        const dialog = this.dialog;
        if (!dialog) return;
        switch (dialog.kind) {
            case 'confirm': {
                const run = dialog.onConfirm;
                this.closeDialog();
                run?.();
                break;
            }
            case 'new': {
                const problem = namesProblem(this.formApiName, this.formLabel);
                if (problem) {
                    this.dialogError = problem;
                    return;
                }
                const doc = createFromTemplate(this.formTemplate, { apiName: this.formApiName, label: this.formLabel });
                const template = TEMPLATES.find((t) => t.id === this.formTemplate)?.label ?? '';
                this.closeDialog();
                this.confirmDiscard('Start a new definition?', () => {
                    this.openedApiName = null;
                    this.baseContentHash = null;
                    this.lastModifiedText = '';
                    this.replaceDraft(doc, doc);
                    this.announce(`New definition ${String(doc.apiName)} from the ${template} template.`);
                });
                break;
            }
            case 'open': {
                const name = this.openSelection;
                if (!name) return;
                this.closeDialog();
                this.confirmDiscard(`Open '${name}'?`, () => {
                    this.openDefinition(name);
                });
                break;
            }
            case 'import': {
                const result = importJson(this.importText, this.importSource);
                if (!result.ok) {
                    this.dialogError = result.message;
                    return;
                }
                this.closeDialog();
                this.confirmDiscard('Replace the draft with the imported definition?', () => {
                    const sameDefinition = this.openedApiName !== null && result.doc.apiName === this.openedApiName;
                    if (!sameDefinition) {
                        this.openedApiName = null;
                        this.baseContentHash = null;
                        this.lastModifiedText = '';
                    }
                    // Imported content is not stored until saved: the draft is unsaved.
                    this.replaceDraft(result.doc, sameDefinition ? this.history.savedDoc : null);
                    this.announce(`Imported ${String(result.doc.apiName)}.`);
                });
                break;
            }
            case 'duplicate':
            case 'saveCopy': {
                const problem = namesProblem(this.formApiName, this.formLabel);
                if (problem) {
                    this.dialogError = problem;
                    return;
                }
                if (this.openedApiName && this.formApiName === this.openedApiName) {
                    this.dialogError = `'${this.formApiName}' is the definition you opened: a copy needs another API name.`;
                    return;
                }
                const copy = { ...this.doc, apiName: this.formApiName, label: this.formLabel };
                const saveNow = dialog.kind === 'saveCopy';
                this.closeDialog();
                this.applyEdit({ op: 'set', path: '', value: copy, label: `Duplicate as ${this.formApiName}` });
                this.announce(`The draft is now the copy ${this.formApiName}.`);
                if (saveNow) this.handleSave();
                break;
            }
            default:
                this.closeDialog();
        }
    }

    // -------------------------------------------------------------- preview

    get previewName(): string {
        return String(this.doc.apiName ?? '');
    }

    get hasPreview(): boolean {
        return this.previewJson !== '';
    }
}
