/*
 * Where each resource of a draft is read and written, for the builder's "Flows and variables" catalogue: reads are
 * merge fields naming it ({!updatedCount}, {!current.Name}) anywhere in the definition, writes are setVariable
 * actions and flow outputs storing into it. Paths are the validator's JSON paths, so each one selects its node.
 */
type Json = Record<string, unknown>;

export interface ResourceUsage {
    name: string;
    kind: string;
    dataType: string;
    isCollection: boolean;
    /** JSON paths of the values that read it. */
    reads: string[];
    /** JSON paths of the setVariable actions and flow outputs that write it. */
    writes: string[];
}

const MERGE_HEAD = /\{!\s*([A-Za-z][A-Za-z0-9_]*)/g;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function child(path: string, key: string | number): string {
    return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** Every resource with the paths that read and write it, in the order of `resources`. */
export function resourceUsage(doc: unknown): ResourceUsage[] {
    if (!isObject(doc) || !Array.isArray(doc.resources)) return [];
    const usage = new Map<string, ResourceUsage>();
    for (const r of doc.resources) {
        if (!isObject(r) || typeof r.name !== 'string' || usage.has(r.name)) continue;
        usage.set(r.name, {
            name: r.name,
            kind: typeof r.kind === 'string' ? r.kind : '',
            dataType: typeof r.dataType === 'string' ? r.dataType : '',
            isCollection: r.isCollection === true,
            reads: [],
            writes: []
        });
    }
    // An explicit stack instead of recursion: a definition's depth is the admin's to choose.
    const stack: { value: unknown; path: string }[] = [{ value: doc, path: '' }];
    while (stack.length) {
        const { value, path } = stack.pop() as { value: unknown; path: string };
        if (typeof value === 'string') {
            const seen = new Set<string>();
            for (const m of value.matchAll(MERGE_HEAD)) {
                const entry = usage.get(m[1]);
                if (entry && !seen.has(m[1])) {
                    seen.add(m[1]);
                    entry.reads.push(path);
                }
            }
        } else if (Array.isArray(value)) {
            for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: child(path, i) });
        } else if (isObject(value)) {
            if (value.type === 'setVariable' && typeof value.variable === 'string') {
                usage.get(value.variable)?.writes.push(path);
            }
            if (Array.isArray(value.outputs)) {
                value.outputs.forEach((o, i) => {
                    if (isObject(o) && typeof o.resource === 'string') {
                        usage.get(o.resource)?.writes.push(child(child(path, 'outputs'), i));
                    }
                });
            }
            const keys = Object.keys(value);
            for (let k = keys.length - 1; k >= 0; k--) {
                stack.push({ value: value[keys[k]], path: child(path, keys[k]) });
            }
        }
    }
    for (const u of usage.values()) {
        u.reads.sort(comparePaths);
        u.writes.sort(comparePaths);
    }
    return [...usage.values()];
}

/** Document order of two JSON paths (list indexes compared as numbers). */
function comparePaths(a: string, b: string): number {
    const pa = a.split(/[.[\]]+/).filter(Boolean);
    const pb = b.split(/[.[\]]+/).filter(Boolean);
    for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
        if (pa[i] === pb[i]) continue;
        const na = Number(pa[i]);
        const nb = Number(pb[i]);
        return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : pa[i] < pb[i] ? -1 : 1;
    }
    return pa.length - pb.length;
}

/** The flows a draft's actions name, with the paths of the actions. */
export function flowsUsed(doc: unknown): Map<string, string[]> {
    const used = new Map<string, string[]>();
    const stack: { value: unknown; path: string }[] = [{ value: doc, path: '' }];
    while (stack.length) {
        const { value, path } = stack.pop() as { value: unknown; path: string };
        if (Array.isArray(value)) {
            value.forEach((v, i) => stack.push({ value: v, path: child(path, i) }));
        } else if (isObject(value)) {
            if (typeof value.flowApiName === 'string' && value.flowApiName && typeof value.type === 'string') {
                used.set(value.flowApiName, [...(used.get(value.flowApiName) ?? []), path].sort(comparePaths));
            }
            for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: child(path, k) });
        }
    }
    return used;
}
