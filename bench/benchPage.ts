/*
 * Benchmark page (built by bench/run.ts into preview/dist/prod/bench): mounts OUR Data Table (c-dynamic-data-table:
 * a virtualized grid over the runtime SelectionModel) or a lightning-datatable peer (plain: default settings;
 * virtual / virtualInline: its virtualized modes, see VIRTUAL_MODES), over the same generated rows, and measures in
 * the page. Timings use requestAnimationFrame polling: a step ends when its condition holds and the main thread is
 * idle again (a frame that comes less than 34 ms after the previous one), i.e. when the user sees the result and can
 * interact; a step that completes within one frame therefore reads about one frame (~16 ms).
 * Also: the editing steps (open an editor, type, commit a draft, mass edit) and the CSV export (c/dcRuntime
 * exportTable over generated exportRows pages).
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import DynamicDataTable from 'c/dynamicDataTable';
import LightningDatatable from 'lightning/datatable';
import { exportTable } from 'c/dcRuntime';
import type { QueryCursor, QueryResponse, SelectionModel } from 'c/dcRuntime';

type Row = Record<string, unknown> & { Id: string };
/** ours = c-dynamic-data-table; plain = lightning-datatable defaults; virtual* = lightning-datatable virtualized. */
export type Kind = 'ours' | 'plain' | 'virtual' | 'virtualInline';

/*
 * The virtualized lightning-datatable, as lightning-base-components 1.28.15-alpha (node_modules) offers it:
 * - datatable.js `set renderMode`: validValues 'default' | 'inline' | 'role-based' | 'role-based-inline';
 *   'role-based' renders the div (ARIA grid roles) template instead of <table>; 'inline' renders the cells inline in
 *   the datatable's template instead of one primitive cell component per cell (utils.js RENDER_MODE_*_REGEXP).
 * - renderManager.js `setVirtualize`: `renderConfig.virtualize = 'vertical'` is honoured only in a role-based mode
 *   (ignored otherwise); `bufferSize` = rows rendered beyond the viewport (default 5); `rowHeight` optional.
 * - the package's own example src/lightning/datatable/__examples__/withVirtualization (the Component Library's
 *   "Datatable with Virtualization"): render-mode="role-based" with render-config { virtualize: 'vertical',
 *   bufferSize: 10 }. No public Component Reference page documents these (searched: none found).
 * - 'role-based-inline' is documented next to 'role-based' in the package's datatable docs (multi-column sorting
 *   "is available for role-based and role-based-inline modes") and virtualizes too (the regexp matches it).
 * Both are measured (virtual, virtualInline): "the fastest documented mode" is whichever measures faster.
 */
export const VIRTUAL_MODES = { virtual: 'role-based', virtualInline: 'role-based-inline' } as const;
const VIRTUAL_RENDER_CONFIG = { virtualize: 'vertical', bufferSize: 10 };

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Margaret', 'Donald', 'Frances', 'Ken'];
const LAST = [
    'Lovelace',
    'Turing',
    'Hopper',
    'Torvalds',
    'Liskov',
    'Dijkstra',
    'Hamilton',
    'Knuth',
    'Allen',
    'Thompson'
];
const STATUSES = ['New', 'Active', 'Inactive'];

/** Row i of n (the same row every time: the export pages make their records with it, as a server would). */
function makeRow(i: number, n: number): Row {
    const id = '003' + String(i + 1).padStart(12, '0') + 'AAA';
    const first = FIRST[(i * 7) % FIRST.length];
    const last = LAST[(i * 3 + Math.floor(i / 10)) % LAST.length];
    const accountId = '001' + String((i % 20) + 1).padStart(12, '0') + 'AAA';
    return {
        Id: id,
        Name: `${first} ${last} ${String((i * 7919) % n).padStart(5, '0')}`,
        Email: `${first}.${last}.${i}@example.com`.toLowerCase(),
        Phone: `(555) ${String(100 + (i % 900))}-${String(1000 + (i % 9000))}`,
        Status__c: STATUSES[i % 3],
        AccountId: accountId,
        Account: { Id: accountId, Name: `Account ${(i % 20) + 1}` },
        LastModifiedDate: '2026-12-01T10:00:00.000Z'
    };
}

function makeRows(n: number): Row[] {
    const out: Row[] = [];
    for (let i = 0; i < n; i++) out.push(makeRow(i, n));
    return out;
}

/** Columns the editing steps edit: text fields of the query's own object (Account.Name is a path, never editable). */
const EDITABLE = new Set(['Name', 'Email', 'Phone', 'Status__c']);

const FIELDS = [
    { path: 'Id', label: 'Contact ID', type: 'ID', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Name', label: 'Full Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true },
    { path: 'Email', label: 'Email', type: 'EMAIL', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Phone', label: 'Business Phone', type: 'PHONE', isNameField: false, referenceTo: null, sortable: true },
    {
        path: 'Status__c',
        label: 'Status',
        type: 'PICKLIST',
        isNameField: false,
        referenceTo: null,
        sortable: true,
        picklistLabels: { New: 'New', Active: 'Active', Inactive: 'Inactive' }
    },
    {
        path: 'Account.Name',
        label: 'Account Name',
        type: 'STRING',
        isNameField: false,
        referenceTo: null,
        sortable: true
    }
].map((f) => ({ ...f, updateable: EDITABLE.has(f.path) }));

const COLUMNS = [
    { field: 'Name', sortable: true },
    { field: 'Email', sortable: true },
    { field: 'Phone' },
    { field: 'Status__c', sortable: true },
    { field: 'Account.Name', label: 'Account' }
];

function definition(editable: boolean) {
    return {
        name: 'benchTable',
        type: 'dataTable',
        query: 'contacts',
        keyField: 'Id',
        maxRowSelection: 50000,
        height: '600px',
        columns: COLUMNS.map((c) => (editable && EDITABLE.has(c.field) ? { ...c, editable: true } : c))
    };
}

/** The columns a developer would give a lightning-datatable for the same data (flattened Account.Name). */
function peerColumns(editable: boolean) {
    return [
        { label: 'Full Name', fieldName: 'Name', type: 'text', sortable: true, editable },
        { label: 'Email', fieldName: 'Email', type: 'email', sortable: true, editable },
        { label: 'Business Phone', fieldName: 'Phone', type: 'phone', editable },
        // lightning-datatable has no picklist editor: a text column, as developers configure it
        { label: 'Status', fieldName: 'Status__c', type: 'text', sortable: true, editable },
        { label: 'Account', fieldName: 'AccountName', type: 'text' }
    ];
}

export interface MountOptions {
    /** Name, Email, Phone and Status editable (inline edit) in every table. */
    editable?: boolean;
}

/** A step's end condition (see armEvent). */
export type StepCondition = 'selectAll' | 'sort' | 'editorOpen' | 'typed' | 'drafts';

let kind: Kind = 'ours';
let rows: Row[] = [];
let el: HTMLElement & Record<string, unknown>;
/** The measurement of the event armed by armEvent (it starts in the event's capture phase). */
let pending: Promise<number | null> | null = null;
let firstBeforeSort = '';
/** Time the last sort spent in the host's in-memory sort (the stand-in for the server's ORDER BY), same for all. */
let hostSortMs = 0;

type PeerTable = HTMLElement & {
    getSelectedRows(): Row[];
    draftValues: Record<string, unknown>[];
    selectedRows: string[];
};

/** The lightning-datatable (plain, virtual*); ours is read through the SelectionModel instead. */
function datatable(): PeerTable {
    return el as unknown as PeerTable;
}

function selectionModel(): SelectionModel {
    return el.selection as SelectionModel;
}

/** The shadow root that holds the rows: lightning-datatable's, or for ours its c-data-grid's. */
function rowsRoot(): ShadowRoot | null {
    if (!el || !el.shadowRoot) return null;
    if (kind !== 'ours') return el.shadowRoot;
    return (el.shadowRoot.querySelector('c-data-grid') as HTMLElement | null)?.shadowRoot ?? null;
}

function renderedRows(): NodeListOf<HTMLElement> | [] {
    const root = rowsRoot();
    return root ? root.querySelectorAll('[data-row-key-value]:not([data-row-key-value="HEADER"])') : [];
}

function rowElement(key: string): HTMLElement | null {
    return rowsRoot()?.querySelector(`[data-row-key-value="${key}"]`) ?? null;
}

/** The first element matching `selector` under `root`, looking into shadow roots (cells are components). */
function deepQuery(root: ParentNode, selector: string): HTMLElement | null {
    const found = root.querySelector(selector) as HTMLElement | null;
    if (found) return found;
    if (root instanceof Element && root.shadowRoot) {
        const own = deepQuery(root.shadowRoot, selector);
        if (own) return own;
    }
    for (const e of root.querySelectorAll('*')) {
        if (!e.shadowRoot) continue;
        const inner = deepQuery(e.shadowRoot, selector);
        if (inner) return inner;
    }
    return null;
}

/** The focused element, through shadow roots (an editor's input sits a few shadow roots deep). */
function deepActive(): Element | null {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
}

/** The focused text input of an open cell editor, if any. */
function editorInput(): HTMLInputElement | HTMLTextAreaElement | null {
    const a = deepActive();
    if (a instanceof HTMLTextAreaElement) return a;
    if (a instanceof HTMLInputElement && a.type !== 'checkbox') return a;
    return null;
}

/** Drafted cells: ours from the footer bar ("1,000 changes"), a peer from its draftValues (one field per row here). */
function draftCount(): number {
    if (kind !== 'ours') return datatable().draftValues?.length ?? 0;
    const text = el.shadowRoot?.querySelector('.draft-count')?.textContent ?? '';
    const digits = text.replace(/[^0-9]/g, '');
    return digits ? Number(digits) : 0;
}

/** The scrolling element of the rows. */
function scroller(): HTMLElement | null {
    const root = rowsRoot();
    if (!root) return null;
    return (
        (root.querySelector('.grid-scroller, .slds-scrollable_y') as HTMLElement | null) ??
        [...root.querySelectorAll('div')].find(
            (d) => d.scrollHeight > d.clientHeight + 10 && ['auto', 'scroll'].includes(getComputedStyle(d).overflowY)
        ) ??
        null
    );
}

/** Resolves with the time (ms after `start`) when cond() held and the main thread was idle again. */
function settle(
    start: number,
    cond: () => boolean,
    timeoutMs: number
): Promise<{ ms: number | null; condMs: number | null }> {
    return new Promise((resolve) => {
        let condAt: number | null = null;
        let prev = performance.now();
        const tick = () => {
            const now = performance.now();
            if (now - start > timeoutMs) return resolve({ ms: null, condMs: condAt === null ? null : condAt - start });
            if (condAt === null && cond()) condAt = now;
            // idle again: this frame came on time after the previous one (the work finished by `now`)
            if (condAt !== null && now - prev < 34)
                return resolve({ ms: Math.max(now - start, condAt - start), condMs: condAt - start });
            prev = now;
            requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
}

function firstVisible(start: number, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
        const tick = () => {
            const now = performance.now();
            if (now - start > timeoutMs) return resolve(null);
            if (renderedRows().length > 0) return resolve(now - start);
            requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
}

/** What the host does on a sort (the same for every table): sort keys computed once, then one array sort. */
function sortRows(field: string, direction: 'asc' | 'desc'): Row[] {
    const sign = direction === 'desc' ? -1 : 1;
    const keyed = rows.map((row) => ({ row, key: String(row[field] ?? '').toLowerCase() }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.Id < b.row.Id ? -1 : 1) * sign);
    return keyed.map((k) => k.row);
}

function peerData(): Row[] {
    return rows.map((r) => ({ ...r, AccountName: (r.Account as { Name: string }).Name }));
}

function condition(what: StepCondition, arg: string | number | undefined): () => boolean {
    switch (what) {
        case 'selectAll':
            return () =>
                kind === 'ours'
                    ? selectionModel().size === rows.length
                    : datatable().getSelectedRows().length === rows.length;
        case 'sort':
            return () => {
                const r = renderedRows()[0];
                return (
                    !!firstBeforeSort &&
                    !!r &&
                    r.getAttribute('data-row-key-value') === rows[0].Id &&
                    rows[0].Id !== firstBeforeSort
                );
            };
        case 'editorOpen':
            return () => editorInput() !== null;
        case 'typed':
            return () => editorInput()?.value === arg;
        case 'drafts':
            // the draft is shown: counted, and the editor closed
            return () => draftCount() >= Number(arg) && editorInput() === null;
    }
}

const api = {
    /** Mounts the table with n rows; resolves with first-rows-visible and full-render times. */
    async mount(k: Kind, n: number, timeoutMs: number, options: MountOptions = {}) {
        kind = k;
        rows = makeRows(n);
        const editable = options.editable === true;
        const host = document.getElementById('host')!;
        host.textContent = '';
        if (k === 'ours') {
            el = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as unknown as typeof el;
            el.definition = definition(editable);
            el.fields = FIELDS;
            el.objectLabelPlural = 'Contacts';
            el.sortBy = 'Name';
            el.sortDirection = 'asc';
            el.addEventListener('sort', (e: Event) => {
                const { field, direction } = (e as CustomEvent).detail;
                firstBeforeSort = rows[0]?.Id ?? '';
                const t0 = performance.now();
                rows = sortRows(field, direction);
                hostSortMs = performance.now() - t0;
                el.rows = rows; // the host would re-query; the bench sorts in memory, the same for every table
            });
            host.appendChild(el);
        } else {
            el = createElement('lightning-datatable', { is: LightningDatatable }) as unknown as typeof el;
            el.keyField = 'Id';
            el.columns = peerColumns(editable);
            if (k === 'virtual' || k === 'virtualInline') {
                el.renderMode = VIRTUAL_MODES[k];
                el.renderConfig = VIRTUAL_RENDER_CONFIG;
            }
            el.addEventListener('sort', (e: Event) => {
                const { fieldName, sortDirection } = (e as CustomEvent).detail;
                firstBeforeSort = rows[0]?.Id ?? '';
                const t0 = performance.now();
                rows = sortRows(fieldName, sortDirection);
                hostSortMs = performance.now() - t0;
                el.sortedBy = fieldName;
                el.sortedDirection = sortDirection;
                el.data = peerData();
            });
            host.appendChild(el);
        }
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const start = performance.now();
        if (k === 'ours') el.rows = rows;
        else el.data = peerData();
        const first = await firstVisible(start, timeoutMs);
        const full = await settle(
            start,
            () => (k === 'plain' ? renderedRows().length === n : renderedRows().length > 0),
            timeoutMs
        );
        return { firstRows: first, fullRender: full.ms, rowsInDom: renderedRows().length };
    },
    /**
     * Arms the measurement of the next `type` event (Playwright makes it): from that event until the condition held
     * and the page was idle again. Polling starts in the event's capture phase, before any handler runs, so the
     * figure does not include Playwright's round trips.
     */
    armEvent(type: 'click' | 'keydown', what: StepCondition, arg: string | number | undefined, timeoutMs: number) {
        const cond = condition(what, arg);
        pending = new Promise((resolve) => {
            document.addEventListener(
                type,
                () => {
                    settle(performance.now(), cond, timeoutMs).then(
                        (r) => resolve(r.ms),
                        () => resolve(null)
                    );
                },
                { capture: true, once: true }
            );
        });
    },
    armClick(what: 'selectAll' | 'sort', timeoutMs: number) {
        api.armEvent('click', what, undefined, timeoutMs);
    },
    /** ms the last sort spent in the host's in-memory sort. */
    hostSort(): number {
        return hostSortMs;
    },
    /** The armed event's time (ms), or null when it did not settle within the cap. */
    clickResult(): Promise<number | null> {
        const result = pending ?? Promise.resolve(null);
        pending = null;
        return result;
    },
    async scrollToEnd(timeoutMs: number) {
        const root = rowsRoot();
        const s = scroller();
        if (!root || !s) return null;
        const lastKey = rows[rows.length - 1].Id;
        const start = performance.now();
        s.scrollTop = s.scrollHeight;
        const r = await settle(start, () => !!root.querySelector(`[data-row-key-value="${lastKey}"]`), timeoutMs);
        return r.ms;
    },
    /** Resolves the selected rows' key values (the SelectedRowsKeyValue an Execute Flow input gets). */
    resolveKeys() {
        const start = performance.now();
        const keys =
            kind === 'ours'
                ? selectionModel().SelectedRowsKeyValue
                : datatable()
                      .getSelectedRows()
                      .map((r) => r.Id);
        return { ms: performance.now() - start, count: keys.length };
    },
    /** Key of the row at `index` in the current order. */
    rowKey(index: number): string {
        return rows[index].Id;
    },
    /**
     * Scrolls the row at `index` into the middle of the view; resolves with the ms until it is rendered and the page
     * idle, or null when it did not render within the cap.
     */
    async scrollToRow(index: number, timeoutMs: number): Promise<number | null> {
        const s = scroller();
        if (!s) return null;
        const key = rows[index].Id;
        const start = performance.now();
        const rowHeight = Math.max(1, (s.scrollHeight - s.clientHeight) / Math.max(1, rows.length - 1));
        s.scrollTop = Math.max(0, index * rowHeight - s.clientHeight / 2);
        const r = await settle(start, () => rowElement(key) !== null, timeoutMs);
        if (r.ms === null) return null;
        // the estimate may leave the row under the sticky header or below the view: then one more scroll
        const row = rowElement(key)!.getBoundingClientRect();
        const view = s.getBoundingClientRect();
        if (row.top < view.top + 48 || row.bottom > view.bottom - 8) {
            rowElement(key)!.scrollIntoView({ block: 'center' });
            const done = await settle(start, () => true, timeoutMs);
            return done.ms;
        }
        return r.ms;
    },
    /** The first cell-edit button of the row (its Full Name cell), or null when the row is not rendered/editable. */
    editButton(key: string): HTMLElement | null {
        const row = rowElement(key);
        if (!row) return null;
        return deepQuery(row, kind === 'ours' ? 'button.edit-button' : 'button.slds-cell-edit__button');
    },
    hasEditButton(key: string): boolean {
        return api.editButton(key) !== null;
    },
    /** The open lightning-datatable editor's "Update N selected items" checkbox (mass edit) and its Apply button. */
    peerMassEditControls(): { checkbox: HTMLInputElement | null; apply: HTMLButtonElement | null } {
        const root = el.shadowRoot;
        const box = root && deepQuery(root, 'lightning-input[data-mass-selection="true"]');
        const apply = root && deepQuery(root, 'lightning-button[data-form-last-element="true"]');
        return {
            checkbox: (box && deepQuery(box, 'input')) as HTMLInputElement | null,
            apply: (apply && deepQuery(apply, 'button')) as HTMLButtonElement | null
        };
    },
    draftCount(): number {
        return draftCount();
    },
    editorValue(): string | null {
        return editorInput()?.value ?? null;
    },
    /** Selects the first `count` rows (setup for mass edit, not timed); resolves whether they are selected. */
    async selectFirst(count: number, timeoutMs: number): Promise<boolean> {
        const chosen = rows.slice(0, count);
        if (kind === 'ours') selectionModel().select(chosen);
        else datatable().selectedRows = chosen.map((r) => r.Id);
        const r = await settle(
            performance.now(),
            () => (kind === 'ours' ? selectionModel().size === count : datatable().getSelectedRows().length === count),
            timeoutMs
        );
        return r.ms !== null;
    },
    /**
     * CSV export of `n` rows with c/dcRuntime exportTable (what the exportCsv action runs), over exportRows pages of
     * 2,000 made on demand like the server's; each page resolves after a macrotask, as a network response would, so
     * the runner's heap sampling (CDP) gets its turns. The time excludes the server and the download.
     */
    async exportRows(n: number): Promise<{ ms: number; rowCount: number; bytes: number; pages: number }> {
        const PAGE = 2000;
        let pages = 0;
        const fetchPage = (cursor: QueryCursor | null): Promise<QueryResponse> => {
            const from = cursor ? Number(cursor.id) : 0;
            const to = Math.min(n, from + PAGE);
            const records: Row[] = [];
            for (let i = from; i < to; i++) records.push(makeRow(i, n));
            pages++;
            const response = {
                records,
                nextCursor: to < n ? { sortValue: null, id: String(to) } : null,
                totalCount: cursor ? undefined : n,
                fields: FIELDS,
                notices: [],
                objectLabel: 'Contact',
                objectLabelPlural: 'Contacts'
            } as unknown as QueryResponse;
            return new Promise((resolve) => setTimeout(() => resolve(response), 0));
        };
        const start = performance.now();
        const result = await exportTable({
            fetchPage,
            columns: COLUMNS.map((c) => ({
                field: c.field,
                label: c.label ?? FIELDS.find((f) => f.path === c.field)!.label
            })),
            fields: FIELDS as never,
            locale: 'en-US',
            timeZone: 'America/Los_Angeles',
            currency: 'USD'
        });
        // the file the user gets: one Blob from the parts (what the action downloads)
        const blob = new Blob(result.parts, { type: 'text/csv;charset=utf-8' });
        const ms = performance.now() - start;
        return { ms, rowCount: result.rowCount, bytes: blob.size, pages };
    }
};

(window as unknown as { __bench: typeof api }).__bench = api;
(window as unknown as { __benchReady: boolean }).__benchReady = true;
