/*
 * Benchmark page (built by bench/run.ts into preview/dist/prod/bench): mounts either OUR Data Table
 * (c-dynamic-data-table: a virtualized grid over the runtime SelectionModel) or a plain
 * lightning-datatable with default settings, over the same generated rows, and measures in the page.
 * Timings use requestAnimationFrame polling: a step ends when its condition holds and the main thread is idle again
 * (a frame that comes less than 34 ms after the previous one), i.e. when the user sees the result and can interact;
 * a step that completes within one frame therefore reads about one frame (~16 ms).
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import DynamicDataTable from 'c/dynamicDataTable';
import LightningDatatable from 'lightning/datatable';

type Row = Record<string, unknown> & { Id: string };
/** ours = c-dynamic-data-table; plain = lightning-datatable defaults; virtual = lightning-datatable role-based + virtualize (diagnostic). */
type Kind = 'ours' | 'plain' | 'virtual';

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

function makeRows(n: number): Row[] {
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
        const id = '003' + String(i + 1).padStart(12, '0') + 'AAA';
        const first = FIRST[(i * 7) % FIRST.length];
        const last = LAST[(i * 3 + Math.floor(i / 10)) % LAST.length];
        rows.push({
            Id: id,
            Name: `${first} ${last} ${String((i * 7919) % n).padStart(5, '0')}`,
            Email: `${first}.${last}.${i}@example.com`.toLowerCase(),
            Phone: `(555) ${String(100 + (i % 900))}-${String(1000 + (i % 9000))}`,
            Status__c: STATUSES[i % 3],
            AccountId: '001' + String((i % 20) + 1).padStart(12, '0') + 'AAA',
            Account: { Id: '001' + String((i % 20) + 1).padStart(12, '0') + 'AAA', Name: `Account ${(i % 20) + 1}` }
        });
    }
    return rows;
}

const FIELDS = [
    { path: 'Id', label: 'Contact ID', type: 'ID', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Name', label: 'Full Name', type: 'STRING', isNameField: true, referenceTo: null, sortable: true },
    { path: 'Email', label: 'Email', type: 'EMAIL', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Phone', label: 'Business Phone', type: 'PHONE', isNameField: false, referenceTo: null, sortable: true },
    { path: 'Status__c', label: 'Status', type: 'PICKLIST', isNameField: false, referenceTo: null, sortable: true },
    {
        path: 'Account.Name',
        label: 'Account Name',
        type: 'STRING',
        isNameField: false,
        referenceTo: null,
        sortable: true
    }
];

const DEFINITION = {
    name: 'benchTable',
    type: 'dataTable',
    query: 'contacts',
    keyField: 'Id',
    maxRowSelection: 50000,
    height: '600px',
    columns: [
        { field: 'Name', sortable: true },
        { field: 'Email', sortable: true },
        { field: 'Phone' },
        { field: 'Status__c', sortable: true },
        { field: 'Account.Name', label: 'Account' }
    ]
};

/** The columns a developer would give a plain lightning-datatable for the same data (flattened Account.Name). */
const PLAIN_COLUMNS = [
    { label: 'Full Name', fieldName: 'Name', type: 'text', sortable: true },
    { label: 'Email', fieldName: 'Email', type: 'email', sortable: true },
    { label: 'Business Phone', fieldName: 'Phone', type: 'phone' },
    { label: 'Status', fieldName: 'Status__c', type: 'text', sortable: true },
    { label: 'Account', fieldName: 'AccountName', type: 'text' }
];

let kind: Kind = 'ours';
let rows: Row[] = [];
let el: HTMLElement & Record<string, unknown>;
/** The measurement of the click armed by armClick (it starts in the click's capture phase). */
let pendingClick: Promise<number | null> | null = null;
let firstBeforeSort = '';
/** Time the last sort spent in the host's in-memory sort (the stand-in for the server's ORDER BY), same for both. */
let hostSortMs = 0;

/** The lightning-datatable (plain, virtual); ours is read through the SelectionModel instead. */
function datatable(): HTMLElement & { getSelectedRows(): Row[] } {
    return el as unknown as HTMLElement & { getSelectedRows(): Row[] };
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

/** What the host does on a sort (the same for both tables): sort keys computed once, then one array sort. */
function sortRows(field: string, direction: 'asc' | 'desc'): Row[] {
    const sign = direction === 'desc' ? -1 : 1;
    const keyed = rows.map((row) => ({ row, key: String(row[field] ?? '').toLowerCase() }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.Id < b.row.Id ? -1 : 1) * sign);
    return keyed.map((k) => k.row);
}

const api = {
    /** Mounts the table with n rows; resolves with first-rows-visible and full-render times. */
    async mount(k: Kind, n: number, timeoutMs: number) {
        kind = k;
        rows = makeRows(n);
        const host = document.getElementById('host')!;
        host.textContent = '';
        if (k === 'ours') {
            el = createElement('c-dynamic-data-table', { is: DynamicDataTable }) as unknown as typeof el;
            el.definition = DEFINITION;
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
                el.rows = rows; // the host would re-query; the bench sorts in memory, the same for both tables
            });
            host.appendChild(el);
        } else {
            el = createElement('lightning-datatable', { is: LightningDatatable }) as unknown as typeof el;
            el.keyField = 'Id';
            el.columns = PLAIN_COLUMNS;
            if (k === 'virtual') {
                el.renderMode = 'role-based';
                el.renderConfig = { virtualize: 'vertical', bufferSize: 10 };
            }
            el.addEventListener('sort', (e: Event) => {
                const { fieldName, sortDirection } = (e as CustomEvent).detail;
                firstBeforeSort = rows[0]?.Id ?? '';
                const t0 = performance.now();
                rows = sortRows(fieldName, sortDirection);
                hostSortMs = performance.now() - t0;
                el.sortedBy = fieldName;
                el.sortedDirection = sortDirection;
                el.data = rows.map((r) => ({ ...r, AccountName: (r.Account as { Name: string }).Name }));
            });
            host.appendChild(el);
        }
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const start = performance.now();
        if (k === 'ours') el.rows = rows;
        else el.data = rows.map((r) => ({ ...r, AccountName: (r.Account as { Name: string }).Name }));
        const first = await firstVisible(start, timeoutMs);
        const full = await settle(
            start,
            () => (k === 'plain' ? renderedRows().length === n : renderedRows().length > 0),
            timeoutMs
        );
        return { firstRows: first, fullRender: full.ms, rowsInDom: renderedRows().length };
    },
    /**
     * Arms the measurement of the next click (Playwright makes it): from the click event until cond held and the
     * page was idle again. Polling starts in the click's capture phase, before any handler runs, so the figure
     * does not include Playwright's round trips.
     */
    armClick(what: 'selectAll' | 'sort', timeoutMs: number) {
        const cond =
            what === 'selectAll'
                ? () =>
                      kind === 'ours'
                          ? (el.selection as { size: number }).size === rows.length
                          : datatable().getSelectedRows().length === rows.length
                : () => {
                      const r = renderedRows()[0];
                      return (
                          !!firstBeforeSort &&
                          !!r &&
                          r.getAttribute('data-row-key-value') === rows[0].Id &&
                          rows[0].Id !== firstBeforeSort
                      );
                  };
        pendingClick = new Promise((resolve) => {
            document.addEventListener(
                'click',
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
    /** ms the last sort spent in the host's in-memory sort. */
    hostSort(): number {
        return hostSortMs;
    },
    /** The armed click's time (ms), or null when it did not settle within the cap. */
    clickResult(): Promise<number | null> {
        const result = pendingClick ?? Promise.resolve(null);
        pendingClick = null;
        return result;
    },
    async scrollToEnd(timeoutMs: number) {
        const root = rowsRoot();
        if (!root) return null;
        const scroller =
            (root.querySelector('.grid-scroller, .slds-scrollable_y') as HTMLElement | null) ??
            [...root.querySelectorAll('div')].find(
                (d) =>
                    d.scrollHeight > d.clientHeight + 10 && ['auto', 'scroll'].includes(getComputedStyle(d).overflowY)
            );
        if (!scroller) return null;
        const lastKey = rows[rows.length - 1].Id;
        const start = performance.now();
        scroller.scrollTop = scroller.scrollHeight;
        const r = await settle(start, () => !!root.querySelector(`[data-row-key-value="${lastKey}"]`), timeoutMs);
        return r.ms;
    },
    /** Resolves the selected rows' key values (the SelectedRowsKeyValue an Execute Flow input gets). */
    resolveKeys() {
        const start = performance.now();
        const keys =
            kind === 'ours'
                ? (el.selection as { SelectedRowsKeyValue: string[] }).SelectedRowsKeyValue
                : datatable()
                      .getSelectedRows()
                      .map((r) => r.Id);
        return { ms: performance.now() - start, count: keys.length };
    }
};

(window as unknown as { __bench: typeof api }).__bench = api;
(window as unknown as { __benchReady: boolean }).__benchReady = true;
