/*
 * What the live validation checks a draft against: the objects and flows the draft names, described through the
 * builder's services. The host asks for what is missing (`requestDescribes`) and re-validates as answers arrive.
 * While an object a query or resource is built on is still loading, the draft is checked for structure only (a
 * missing describe would read as "no such object"); parent objects reached through relationship paths
 * (Account.Name) never block — the validator accepts a path through an object it does not know yet.
 */
import { ACTION_CHAINS } from 'c/dcBuilder';
import type { FlowCatalog, FlowDescribe, SchemaCatalog } from 'c/dcDefinition';
import type { HostServices } from './services';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function str(v: unknown): string | undefined {
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function actions(doc: Json): Json[] {
    const out: Json[] = [];
    const walk = (items: unknown): void => {
        for (const a of list(items)) {
            out.push(a);
            for (const chain of ACTION_CHAINS) walk(a[chain]);
        }
    };
    for (const it of list(doc.interactions)) walk(it.do);
    return out;
}

/** Objects the validator looks up directly: query objects, Record variables' objects, navigate targets' objects. */
export function rootObjects(doc: Json): string[] {
    const names = new Set<string>();
    for (const q of list(doc.queries)) {
        const o = str(q.object);
        if (o) names.add(o);
    }
    for (const r of list(doc.resources)) {
        const o = str(r.objectApiName);
        if (o && r.dataType === 'Record') names.add(o);
    }
    for (const a of actions(doc)) {
        const o = str(a.objectApiName);
        if (o && a.type === 'navigate') names.add(o);
    }
    return [...names];
}

/** Flows named by Execute Flow and Open Flow Dialog / Panel actions. */
export function flowNames(doc: Json): string[] {
    const names = new Set<string>();
    for (const a of actions(doc)) {
        const f = str(a.flowApiName);
        if (f) names.add(f);
    }
    return [...names];
}

/** Every field path a query's object is read through: fields, conditions, sort, search and its tables' columns. */
function fieldPaths(doc: Json, query: Json): string[] {
    const paths: unknown[] = [...(Array.isArray(query.fields) ? query.fields : [])];
    const where = isObject(query.where) ? query.where : {};
    for (const c of list(where.conditions)) paths.push(c.field);
    for (const o of list(query.orderBy)) paths.push(o.field);
    paths.push(...(Array.isArray(query.searchFields) ? query.searchFields : []));
    for (const c of list(doc.components)) {
        if (c.query !== query.name) continue;
        paths.push(c.keyField);
        for (const col of list(c.columns)) paths.push(col.field);
    }
    return paths.filter((p): p is string => typeof p === 'string' && p.includes('.'));
}

/** Parent objects reached through relationship paths, as far as the loaded describes tell. */
export function relatedObjects(doc: Json, services: HostServices): string[] {
    const out = new Set<string>();
    for (const q of list(doc.queries)) {
        const root = str(q.object);
        if (!root) continue;
        for (const path of fieldPaths(doc, q)) {
            let obj = services.cachedObject(root);
            const segments = path.split('.');
            for (const seg of segments.slice(0, -1)) {
                if (!obj) break;
                const lower = seg.toLowerCase();
                const rel = Object.values(obj.fields).find((f) => f.relationshipName?.toLowerCase() === lower);
                const targets = rel?.referenceTo ?? [];
                if (targets.length !== 1) break;
                out.add(targets[0]);
                obj = services.cachedObject(targets[0]);
            }
        }
    }
    return [...out];
}

/**
 * Starts the describes the draft needs and has not asked for (objects, parents, flows and the flow list for
 * did-you-mean). Returns how many it started.
 */
export function requestDescribes(doc: Json, services: HostServices): number {
    let started = 0;
    const objects = [...rootObjects(doc), ...relatedObjects(doc, services), 'User'];
    for (const name of objects) {
        if (services.objectState(name) === 'unknown') {
            started++;
            services.describeObject(name).catch(() => undefined);
        }
    }
    const flows = flowNames(doc);
    for (const name of flows) {
        if (services.flowState(name) === 'unknown') {
            started++;
            services.describeFlow(name).catch(() => undefined);
        }
    }
    if (flows.length && !services.cachedFlowList()) services.listFlows().catch(() => undefined);
    return started;
}

export interface ValidationCatalogs {
    /** Undefined while an object the draft is built on is still loading (structure-only check). */
    catalog?: SchemaCatalog;
    /** Undefined while a flow the draft runs is still loading. */
    flows?: FlowCatalog;
    /** Something is still loading: the problem list may grow when it arrives. */
    pending: boolean;
}

/** The catalogs to validate the draft with now. */
export function validationCatalogs(doc: Json, services: HostServices): ValidationCatalogs {
    const objectsPending = rootObjects(doc).some((n) => services.objectState(n) === 'pending');
    const flowsPending = flowNames(doc).some((n) => services.flowState(n) === 'pending');
    const catalog: SchemaCatalog = { describeObject: (name) => services.cachedObject(name) };
    const flows: FlowCatalog = {
        describeFlow: (name) => services.cachedFlow(name),
        listFlows: () => {
            const described = new Map<string, FlowDescribe>();
            for (const name of flowNames(doc)) {
                const f = services.cachedFlow(name);
                if (f) described.set(f.apiName.toLowerCase(), f);
            }
            for (const s of services.cachedFlowList() ?? []) {
                if (!described.has(s.apiName.toLowerCase())) {
                    described.set(s.apiName.toLowerCase(), { ...s, variables: [] });
                }
            }
            return [...described.values()];
        }
    };
    const relatedPending = relatedObjects(doc, services).some((n) => services.objectState(n) === 'pending');
    return {
        catalog: objectsPending ? undefined : catalog,
        flows: flowsPending ? undefined : flows,
        pending: objectsPending || flowsPending || relatedPending
    };
}
