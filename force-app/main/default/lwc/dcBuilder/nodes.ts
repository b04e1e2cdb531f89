/*
 * New nodes for the builder's Add buttons (sensible defaults, names that are not taken yet) and renames that keep
 * the draft consistent: renaming a query updates the tables and Refresh Queries actions that name it; renaming a
 * data table updates the interactions it triggers and every {!table...} merge field; renaming a resource updates its
 * merge fields (formulas included), Set Variable actions and flow outputs; renaming a header or row action updates
 * the interactions it triggers.
 */
import { applyEdit, getAt, parsePath } from './paths';
import { ACTION_CHAINS } from './serialize';
import type { Doc } from './history';
import type { BuilderEdit } from './types';

type Json = Record<string, unknown>;

export type ResourceKind = 'variable' | 'constant' | 'formula';
export type ButtonList = 'headerActions' | 'rowActions';
export type NewActionType =
    | 'refreshQueries'
    | 'setVariable'
    | 'showToast'
    | 'navigate'
    | 'confirm'
    | 'executeFlow'
    | 'openFlowDialog'
    | 'openFlowPanel'
    | 'exportCsv';

/** Names of resources, queries and components: {!name} makes them one namespace. */
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function str(v: unknown): string | undefined {
    return typeof v === 'string' ? v : undefined;
}

/** `base`, or `base2`, `base3`… — the first that is not in `taken` (compared case-insensitively). */
export function uniqueName(base: string, taken: Iterable<string>): string {
    const used = new Set<string>();
    for (const t of taken) used.add(t.toLowerCase());
    if (!used.has(base.toLowerCase())) return base;
    for (let n = 2; ; n++) {
        const candidate = `${base}${n}`;
        if (!used.has(candidate.toLowerCase())) return candidate;
    }
}

/** Names of the shared namespace: resources, queries and components. */
export function namesInUse(doc: Doc): string[] {
    return [...list(doc.resources), ...list(doc.queries), ...list(doc.components)]
        .map((n) => str(n.name))
        .filter((n): n is string => !!n);
}

/** Every action of the definition (nested chains included) with its path. */
export function allActions(doc: Doc): { path: string; action: Json }[] {
    const out: { path: string; action: Json }[] = [];
    const walk = (actions: unknown, path: string): void => {
        (Array.isArray(actions) ? actions : []).forEach((a: unknown, i) => {
            if (!isObject(a)) return;
            const p = `${path}[${i}]`;
            out.push({ path: p, action: a });
            for (const chain of ACTION_CHAINS) walk(a[chain], `${p}.${chain}`);
        });
    };
    (Array.isArray(doc.interactions) ? doc.interactions : []).forEach((it, i) => {
        if (isObject(it)) walk(it.do, `interactions[${i}].do`);
    });
    return out;
}

function actionIds(doc: Doc): string[] {
    return allActions(doc)
        .map((a) => str(a.action.id))
        .filter((n): n is string => !!n);
}

function lowerFirst(s: string): string {
    return s.charAt(0).toLowerCase() + s.slice(1);
}

/** 'Contact' → 'contacts', 'Opportunity' → 'opportunities', 'Invoice_Line__c' → 'invoiceLines'. */
export function pluralName(objectApiName: string): string {
    const base = objectApiName
        .replace(/__(c|mdt|e|x|b)$/i, '')
        .split('_')
        .filter(Boolean)
        .map((w, i) => (i === 0 ? lowerFirst(w) : w.charAt(0).toUpperCase() + w.slice(1)))
        .join('');
    if (!base || !NAME.test(base)) return 'records';
    if (/[^aeiou]y$/i.test(base)) return `${base.slice(0, -1)}ies`;
    if (/(s|x|z|ch|sh)$/i.test(base)) return `${base}es`;
    return `${base}s`;
}

// ------------------------------------------------------------------ new nodes

/** A new variable (Text), constant (Text '') or formula (a Text formula to edit). */
export function newResource(doc: Doc, kind: ResourceKind, dataType = 'Text'): Json {
    const name = uniqueName(`new${kind.charAt(0).toUpperCase()}${kind.slice(1)}`, namesInUse(doc));
    if (kind === 'constant') return { name, kind, dataType, value: dataType === 'Text' ? '' : null };
    if (kind === 'formula') return { name, kind, dataType, formula: '""' };
    return { name, kind, dataType };
}

/**
 * A new query of `object` (default Contact) reading `fields` (default Id; the host passes the object's name field
 * when it knows it), sorted by the first field.
 */
export function newQuery(doc: Doc, object = 'Contact', fields: string[] = ['Id']): Json {
    const query: Json = { name: uniqueName(pluralName(object), namesInUse(doc)), object, fields: [...fields] };
    if (fields[0] && fields[0] !== 'Id') query.orderBy = [{ field: fields[0], direction: 'asc' }];
    return query;
}

/** A column of `field`. */
export function newColumn(field: string): Json {
    return { field };
}

/** A new data table over the query `queryName`: one column per query field, key field Id, no selection. */
export function newDataTable(doc: Doc, queryName: string): Json {
    const query = list(doc.queries).find((q) => q.name === queryName);
    const fields = (Array.isArray(query?.fields) ? query.fields : []).filter(
        (f): f is string => typeof f === 'string' && f !== 'Id'
    );
    return {
        name: uniqueName(`${queryName || 'data'}Table`, namesInUse(doc)),
        type: 'dataTable',
        query: queryName,
        keyField: 'Id',
        maxRowSelection: 0,
        columns: (fields.length ? fields : ['Id']).map(newColumn)
    };
}

function newButton(doc: Doc, componentPath: string, key: ButtonList, base: string, label: string): Json {
    const component = getAt(doc, componentPath);
    const taken = list(isObject(component) ? component[key] : undefined)
        .map((b) => str(b.name))
        .filter((n): n is string => !!n);
    const name = uniqueName(base, taken);
    const n = name.slice(base.length);
    return { name, label: n ? `${label} ${n}` : label };
}

/** A new header action of the table at `componentPath` ('components[0]'). */
export function newHeaderAction(doc: Doc, componentPath: string): Json {
    return newButton(doc, componentPath, 'headerActions', 'newAction', 'New Action');
}

/** A new row action of the table at `componentPath`. */
export function newRowAction(doc: Doc, componentPath: string): Json {
    return newButton(doc, componentPath, 'rowActions', 'rowAction', 'Row Action');
}

/**
 * A new interaction: `event` on `target` (a component name) for `action` (a header or row action name); `do`
 * starts with `firstAction` when given (an interaction needs at least one action).
 */
export function newInteraction(doc: Doc, event: string, target?: string, action?: string, firstAction?: Json): Json {
    const ids = list(doc.interactions)
        .map((i) => str(i.id))
        .filter((n): n is string => !!n);
    const clicks = event === 'headerActionClick' || event === 'rowActionClick';
    let base: string;
    if (event === 'load') base = 'onLoad';
    else if (action && clicks) base = action;
    else base = `${target ?? 'table'}${event.charAt(0).toUpperCase()}${event.slice(1)}`;
    const on: Json = { event };
    if (event !== 'load') {
        if (target !== undefined) on.target = target;
        if (action !== undefined && clicks) on.action = action;
    }
    return { id: uniqueName(NAME.test(base) ? base : 'interaction', ids), on, do: firstAction ? [firstAction] : [] };
}

/**
 * What a new interaction should most likely react to: the first header or row action that no interaction handles
 * yet, else the table's selection change, else the component's load.
 */
export function suggestTrigger(doc: Doc): { event: string; target?: string; action?: string } {
    const handled = new Set(
        list(doc.interactions)
            .map((i) => (isObject(i.on) ? i.on : {}))
            .map((on) => `${String(on.event)}|${String(on.target)}|${String(on.action)}`)
    );
    for (const c of list(doc.components)) {
        const target = str(c.name);
        if (!target) continue;
        for (const [key, event] of [
            ['headerActions', 'headerActionClick'],
            ['rowActions', 'rowActionClick']
        ] as const) {
            for (const b of list(c[key])) {
                const action = str(b.name);
                if (action && !handled.has(`${event}|${target}|${action}`)) return { event, target, action };
            }
        }
    }
    return { event: 'load' };
}

/** A new action of `type` with what it needs to start with; Execute Flow gets a unique id. */
export function newAction(doc: Doc, type: NewActionType): Json {
    switch (type) {
        case 'refreshQueries':
            return { type };
        case 'setVariable': {
            const variable = list(doc.resources).find((r) => r.kind === 'variable');
            return { type, variable: str(variable?.name) ?? '', value: '' };
        }
        case 'showToast':
            return { type, variant: 'success', title: 'Done' };
        case 'navigate':
            return { type, target: 'recordPage', recordId: '', actionName: 'view' };
        case 'confirm':
            return { type, title: 'Are you sure?', message: 'Continue?', onFinish: [] };
        case 'executeFlow':
            return { type, id: uniqueName('runFlow', actionIds(doc)), flowApiName: '', inputs: [], outputs: [] };
        case 'openFlowDialog':
            return { type, flowApiName: '', inputs: [], outputs: [] };
        case 'openFlowPanel':
            return { type, flowApiName: '', position: 'right', inputs: [], outputs: [] };
        case 'exportCsv': {
            const table = list(doc.components).find((c) => c.type === 'dataTable');
            return { type, table: str(table?.name) ?? '' };
        }
        default:
            throw new Error(`There is no action type '${String(type)}'.`);
    }
}

/** A unique id for an action (e.g. when an action becomes an Execute Flow). */
export function newActionId(doc: Doc, base = 'runFlow'): string {
    return uniqueName(base, actionIds(doc));
}

// ------------------------------------------------------------------ renames

export type RenameKind = 'resource' | 'query' | 'component' | 'headerAction' | 'rowAction';

export interface RenameResult {
    doc: Doc;
    /** How many references elsewhere were updated. */
    references: number;
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces {!old} and {!old.…} (first segment, case-insensitive) in every text value below `value`. */
function renameMergeFields(value: unknown, from: string, to: string, counter: { n: number }): unknown {
    if (typeof value === 'string') {
        if (!value.includes('{!')) return value;
        const re = new RegExp(`\\{!(\\s*)${escapeRegExp(from)}(?=\\s*[.}])`, 'gi');
        return value.replace(re, (_m, space: string) => {
            counter.n++;
            return `{!${space}${to}`;
        });
    }
    if (Array.isArray(value)) {
        let changed = false;
        const out = value.map((v) => {
            const next = renameMergeFields(v, from, to, counter);
            if (next !== v) changed = true;
            return next;
        });
        return changed ? out : value;
    }
    if (isObject(value)) {
        let changed = false;
        const out: Json = {};
        for (const [k, v] of Object.entries(value)) {
            const next = renameMergeFields(v, from, to, counter);
            if (next !== v) changed = true;
            out[k] = next;
        }
        return changed ? out : value;
    }
    return value;
}

function same(a: unknown, b: string): boolean {
    return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Maps every action (nested chains included) of every interaction. */
function mapActions(doc: Doc, fn: (action: Json) => Json): Doc {
    const walk = (actions: unknown): unknown => {
        if (!Array.isArray(actions)) return actions;
        let changed = false;
        const out = actions.map((a) => {
            if (!isObject(a)) return a;
            let next = fn(a);
            for (const chain of ACTION_CHAINS) {
                if (next[chain] === undefined) continue;
                const mapped = walk(next[chain]);
                if (mapped !== next[chain]) next = { ...next, [chain]: mapped };
            }
            if (next !== a) changed = true;
            return next;
        });
        return changed ? out : actions;
    };
    if (!Array.isArray(doc.interactions)) return doc;
    let changed = false;
    const interactions = doc.interactions.map((it) => {
        if (!isObject(it)) return it;
        const mapped = walk(it.do);
        if (mapped === it.do) return it;
        changed = true;
        return { ...it, do: mapped };
    });
    return changed ? { ...doc, interactions } : doc;
}

/** Maps the trigger ("on") of every interaction. */
function mapTriggers(doc: Doc, fn: (on: Json) => Json): Doc {
    if (!Array.isArray(doc.interactions)) return doc;
    let changed = false;
    const interactions = doc.interactions.map((it) => {
        if (!isObject(it) || !isObject(it.on)) return it;
        const on = fn(it.on);
        if (on === it.on) return it;
        changed = true;
        return { ...it, on };
    });
    return changed ? { ...doc, interactions } : doc;
}

/**
 * Updates every reference to `from` after a node was renamed to `to` (the node itself is renamed by the caller).
 * For header / row actions, `component` names the table they belong to.
 */
export function renameReferences(
    doc: Doc,
    kind: RenameKind,
    from: string,
    to: string,
    component?: string
): RenameResult {
    const counter = { n: 0 };
    let next = doc;
    if (!from || from === to) return { doc, references: 0 };
    if (kind === 'query') {
        if (Array.isArray(next.components)) {
            const components = next.components.map((c) => {
                if (!isObject(c) || !same(c.query, from)) return c;
                counter.n++;
                return { ...c, query: to };
            });
            if (counter.n) next = { ...next, components };
        }
        next = mapActions(next, (a) => {
            if (a.type !== 'refreshQueries' || !Array.isArray(a.queries)) return a;
            if (!a.queries.some((q) => same(q, from))) return a;
            return {
                ...a,
                queries: a.queries.map((q) => {
                    if (!same(q, from)) return q;
                    counter.n++;
                    return to;
                })
            };
        });
    }
    if (kind === 'component') {
        next = mapTriggers(next, (on) => {
            if (!same(on.target, from)) return on;
            counter.n++;
            return { ...on, target: to };
        });
    }
    if (kind === 'resource') {
        next = mapActions(next, (a) => {
            let out = a;
            if (a.type === 'setVariable' && same(a.variable, from)) {
                counter.n++;
                out = { ...out, variable: to };
            }
            if (Array.isArray(a.outputs) && a.outputs.some((o) => isObject(o) && same(o.resource, from))) {
                out = {
                    ...out,
                    outputs: a.outputs.map((o) => {
                        if (!isObject(o) || !same(o.resource, from)) return o;
                        counter.n++;
                        return { ...o, resource: to };
                    })
                };
            }
            return out;
        });
    }
    if (kind === 'component' || kind === 'resource') {
        // Every text value: titles, messages, formulas, condition values, flow inputs, variable values.
        next = renameMergeFields(next, from, to, counter) as Doc;
    }
    if (kind === 'headerAction' || kind === 'rowAction') {
        const event = kind === 'headerAction' ? 'headerActionClick' : 'rowActionClick';
        next = mapTriggers(next, (on) => {
            if (on.event !== event || !same(on.target, component ?? '') || !same(on.action, from)) return on;
            counter.n++;
            return { ...on, action: to };
        });
    }
    return { doc: next, references: counter.n };
}

/** What a `set` of a name renames: 'queries[2].name' → query; 'components[0].rowActions[1].name' → row action. */
export function renameTarget(path: string): { kind: RenameKind; nodePath: (string | number)[] } | undefined {
    let segments: (string | number)[];
    try {
        segments = parsePath(path);
    } catch {
        return undefined;
    }
    if (segments[segments.length - 1] !== 'name') return undefined;
    const [top, index, sub, subIndex] = segments;
    if (typeof index !== 'number') return undefined;
    if (segments.length === 3) {
        if (top === 'resources') return { kind: 'resource', nodePath: [top, index] };
        if (top === 'queries') return { kind: 'query', nodePath: [top, index] };
        if (top === 'components') return { kind: 'component', nodePath: [top, index] };
    }
    if (segments.length === 5 && top === 'components' && typeof subIndex === 'number') {
        if (sub === 'headerActions') return { kind: 'headerAction', nodePath: [top, index, sub, subIndex] };
        if (sub === 'rowActions') return { kind: 'rowAction', nodePath: [top, index, sub, subIndex] };
    }
    return undefined;
}

export interface ReferenceUpdate {
    kind: RenameKind;
    from: string;
    to: string;
    references: number;
}

function nameTaken(doc: Doc, kind: RenameKind, nodePath: (string | number)[], name: string): boolean {
    if (kind === 'headerAction' || kind === 'rowAction') {
        const buttons = getAt(doc, nodePath.slice(0, -1));
        return list(buttons).some((b, i) => i !== nodePath[nodePath.length - 1] && same(b.name, name));
    }
    const self = getAt(doc, nodePath);
    return [...list(doc.resources), ...list(doc.queries), ...list(doc.components)].some(
        (n) => n !== self && same(n.name, name)
    );
}

/**
 * applyEdit, plus: when the edit renames a resource, query, data table or table action to a valid name that is not
 * taken, the references to the old name are updated in the same step. `reference` tells what was updated.
 */
export function applyEditKeepingReferences(
    doc: Doc,
    edit: BuilderEdit
): { doc: Doc; reference: ReferenceUpdate | null } {
    const next = applyEdit(doc, edit);
    if (edit.op !== 'set' || typeof edit.value !== 'string') return { doc: next, reference: null };
    const target = renameTarget(edit.path);
    if (!target) return { doc: next, reference: null };
    const from = getAt(doc, edit.path);
    const to = edit.value;
    if (typeof from !== 'string' || !from || from === to || !NAME.test(to)) return { doc: next, reference: null };
    if (nameTaken(doc, target.kind, target.nodePath, to)) return { doc: next, reference: null };
    const component =
        target.kind === 'headerAction' || target.kind === 'rowAction'
            ? str((getAt(doc, target.nodePath.slice(0, 2)) as Json | undefined)?.name)
            : undefined;
    const renamed = renameReferences(next, target.kind, from, to, component);
    return {
        doc: renamed.doc,
        reference: { kind: target.kind, from, to, references: renamed.references }
    };
}
