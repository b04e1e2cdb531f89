/*
 * The builder's outline: the tree of what a draft contains (its settings, resources, queries, data tables with their
 * columns and actions, interactions with their action chains), each node with the number of problems inside it, and
 * the mapping from a problem's path to the node that owns it. Plain data; the host renders it as an ARIA tree.
 */
import type { DefinitionProblem } from 'c/dcDefinition';
import { isWithin, joinPath } from './paths';
import type { DraftPath } from './types';

export type OutlineKind =
    | 'definition'
    | 'resource'
    | 'query'
    | 'component'
    | 'column'
    | 'headerAction'
    | 'rowAction'
    | 'interaction'
    | 'action'
    /** A list heading: Resources, Queries, Components, Interactions; a table's Columns, Header actions, Row actions. */
    | 'group';

export interface OutlineNode {
    /** JSON path of the node's value ('' for the definition's own settings). Unique in the outline. */
    path: DraftPath;
    label: string;
    /** Second line: type, object, API name… (may be empty). */
    detail: string;
    kind: OutlineKind;
    /** For groups: the list key ('resources', 'columns', …). */
    list?: string;
    children: OutlineNode[];
    /** Problems owned by this node or by a node inside it. */
    problemCount: number;
    errorCount: number;
}

/** One visible row of the outline rendered as a flat ARIA tree (aria-level / aria-setsize / aria-posinset). */
export interface OutlineRow {
    node: OutlineNode;
    /** 1-based depth. */
    level: number;
    setSize: number;
    posInSet: number;
    /** undefined for a leaf. */
    expanded?: boolean;
    /** The parent row's path (undefined at the top level). */
    parentPath?: DraftPath;
}

export const EVENT_LABELS: Readonly<Record<string, string>> = Object.freeze({
    headerActionClick: 'Header Action Click',
    rowActionClick: 'Row Action Click',
    selectionChange: 'Selection Change',
    load: 'Load',
    save: 'Save'
});

export const ACTION_TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
    refreshQueries: 'Refresh Queries',
    setVariable: 'Set Variable',
    showToast: 'Show Toast',
    navigate: 'Navigate',
    confirm: 'Confirm',
    executeFlow: 'Execute Flow',
    openFlowDialog: 'Open Flow Dialog',
    openFlowPanel: 'Open Flow Panel',
    exportCsv: 'Export CSV'
});

export const CHAIN_LABELS: Readonly<Record<string, string>> = Object.freeze({
    onFinish: 'On Finish',
    onCancel: 'On Cancel',
    onClose: 'On Close',
    onError: 'On Error'
});

const NAVIGATE_TARGETS: Record<string, string> = {
    recordPage: 'Record Page',
    objectList: 'Object List',
    namedPage: 'Named Page',
    url: 'URL'
};

const RESOURCE_KINDS: Record<string, string> = { variable: 'Variable', constant: 'Constant', formula: 'Formula' };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
    return typeof v === 'string' ? v.trim() : '';
}

function clip(s: string, max = 48): string {
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function node(path: string, kind: OutlineKind, label: string, detail = '', children: OutlineNode[] = []): OutlineNode {
    return { path, kind, label, detail, children, problemCount: 0, errorCount: 0 };
}

function group(path: string, label: string, list: string, children: OutlineNode[]): OutlineNode {
    return { ...node(path, 'group', label, '', children), list };
}

function items(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** "Header Action Click · contactsTable · setActive". */
export function interactionLabel(interaction: unknown): string {
    const on = isObject(interaction) && isObject(interaction.on) ? interaction.on : {};
    const event = text(on.event);
    const parts = [EVENT_LABELS[event] ?? (event || 'No trigger'), text(on.target), text(on.action)];
    return parts.filter(Boolean).join(' · ');
}

/** "Execute Flow · Set_Contact_Status_Active", "Refresh All Queries", "Show Toast · Could not update". */
export function actionLabel(action: unknown): string {
    if (!isObject(action)) return 'Action';
    const type = text(action.type);
    const name = ACTION_TYPE_LABELS[type] ?? (type ? type : 'Action (no type)');
    let detail = '';
    switch (type) {
        case 'refreshQueries': {
            const queries = items(action.queries).filter((q): q is string => typeof q === 'string');
            if (!queries.length) return 'Refresh All Queries';
            detail = queries.join(', ');
            break;
        }
        case 'setVariable':
            detail = text(action.variable);
            break;
        case 'showToast':
            detail = text(action.title);
            break;
        case 'navigate':
            detail = NAVIGATE_TARGETS[text(action.target)] ?? text(action.target);
            break;
        case 'confirm':
            detail = text(action.title) || text(action.message);
            break;
        case 'executeFlow':
        case 'openFlowDialog':
        case 'openFlowPanel':
            detail = text(action.flowApiName);
            break;
        case 'exportCsv':
            detail = text(action.table);
            break;
        default:
            break;
    }
    return detail ? `${name} · ${clip(detail)}` : name;
}

function actionNodes(list: unknown, listPath: string, chain?: string): OutlineNode[] {
    return items(list).map((a, i) => {
        const path = joinPath(listPath, i);
        const label = chain ? `${CHAIN_LABELS[chain]}: ${actionLabel(a)}` : actionLabel(a);
        const children: OutlineNode[] = [];
        if (isObject(a)) {
            for (const key of Object.keys(CHAIN_LABELS)) {
                children.push(...actionNodes(a[key], joinPath(path, key), key));
            }
        }
        return node(path, 'action', label, isObject(a) ? text(a.id) : '', children);
    });
}

function tableGroups(component: Json, path: string): OutlineNode[] {
    const columns = items(component.columns).map((c, i) => {
        const field = isObject(c) ? text(c.field) : '';
        const label = isObject(c) ? text(c.label) : '';
        return node(joinPath(path, 'columns', i), 'column', field || 'Column (no field)', label);
    });
    const buttons = (key: 'headerActions' | 'rowActions', kind: OutlineKind): OutlineNode[] =>
        items(component[key]).map((b, i) => {
            const name = isObject(b) ? text(b.name) : '';
            const label = isObject(b) ? text(b.label) : '';
            return node(joinPath(path, key, i), kind, label || name || 'Action (no name)', label ? name : '');
        });
    return [
        group(joinPath(path, 'columns'), 'Columns', 'columns', columns),
        group(
            joinPath(path, 'headerActions'),
            'Header actions',
            'headerActions',
            buttons('headerActions', 'headerAction')
        ),
        group(joinPath(path, 'rowActions'), 'Row actions', 'rowActions', buttons('rowActions', 'rowAction'))
    ];
}

/**
 * The outline of a draft: the definition's settings, then the Resources, Queries, Components and Interactions
 * groups with one node per item. Problem counts come from `problems` (each counted once, on the node that owns it
 * and every node around it).
 */
export function buildOutline(doc: unknown, problems: readonly DefinitionProblem[] = []): OutlineNode[] {
    const d = isObject(doc) ? doc : {};
    const definition = node('', 'definition', 'Definition', text(d.label) || text(d.apiName));
    const resources = items(d.resources).map((r, i) => {
        const o = isObject(r) ? r : {};
        const kind = RESOURCE_KINDS[text(o.kind)] ?? 'Resource';
        const type = text(o.dataType);
        const detail = [kind, type + (o.isCollection === true ? ' collection' : '')].filter(Boolean).join(' · ');
        return node(`resources[${i}]`, 'resource', text(o.name) || 'Resource (no name)', detail);
    });
    const queries = items(d.queries).map((q, i) => {
        const o = isObject(q) ? q : {};
        return node(`queries[${i}]`, 'query', text(o.name) || 'Query (no name)', text(o.object));
    });
    const components = items(d.components).map((c, i) => {
        const o = isObject(c) ? c : {};
        const path = `components[${i}]`;
        const type = text(o.type) === 'dataTable' ? 'Data table' : text(o.type) || 'Component';
        const detail = [type, text(o.query)].filter(Boolean).join(' · ');
        return node(path, 'component', text(o.name) || 'Component (no name)', detail, tableGroups(o, path));
    });
    const interactions = items(d.interactions).map((it, i) => {
        const o = isObject(it) ? it : {};
        const path = `interactions[${i}]`;
        return node(path, 'interaction', interactionLabel(o), text(o.id), actionNodes(o.do, `${path}.do`));
    });
    const outline = [
        definition,
        group('resources', 'Resources', 'resources', resources),
        group('queries', 'Queries', 'queries', queries),
        group('components', 'Components', 'components', components),
        group('interactions', 'Interactions', 'interactions', interactions)
    ];
    for (const p of problems) {
        for (const n of chainTo(outline, p.path)) {
            n.problemCount++;
            if (p.severity !== 'warning') n.errorCount++;
        }
    }
    return outline;
}

/** The nodes from the top level down to the deepest one whose path contains `path` (empty when none does). */
export function chainTo(outline: readonly OutlineNode[], path: DraftPath): OutlineNode[] {
    const chain: OutlineNode[] = [];
    let level: readonly OutlineNode[] = outline;
    for (;;) {
        // The definition node ('') owns only what no other top-level node contains.
        const next = level.find((n) => n.path !== '' && isWithin(path, n.path)) ?? level.find((n) => n.path === '');
        if (!next) return chain;
        chain.push(next);
        if (next.path === '') return chain;
        level = next.children;
    }
}

/** The deepest outline node owning a problem path (the definition node for the definition's own settings). */
export function nodeForProblem(outline: readonly OutlineNode[], path: DraftPath): OutlineNode | undefined {
    const chain = chainTo(outline, path);
    return chain[chain.length - 1];
}

/** The node with exactly this path. */
export function findNode(outline: readonly OutlineNode[], path: DraftPath): OutlineNode | undefined {
    const owner = nodeForProblem(outline, path);
    return owner && owner.path === path ? owner : undefined;
}

/** Every node, depth first. */
export function allNodes(outline: readonly OutlineNode[]): OutlineNode[] {
    const out: OutlineNode[] = [];
    const walk = (list: readonly OutlineNode[]): void => {
        for (const n of list) {
            out.push(n);
            walk(n.children);
        }
    };
    walk(outline);
    return out;
}

/** The rows a tree view shows: top-level nodes, and the children of every expanded node. */
export function visibleRows(outline: readonly OutlineNode[], expanded: ReadonlySet<DraftPath>): OutlineRow[] {
    const rows: OutlineRow[] = [];
    const walk = (list: readonly OutlineNode[], level: number, parentPath?: DraftPath): void => {
        list.forEach((n, i) => {
            const hasChildren = n.children.length > 0;
            const isExpanded = hasChildren ? expanded.has(n.path) : undefined;
            rows.push({ node: n, level, setSize: list.length, posInSet: i + 1, expanded: isExpanded, parentPath });
            if (isExpanded) walk(n.children, level + 1, n.path);
        });
    };
    walk(outline, 1);
    return rows;
}
