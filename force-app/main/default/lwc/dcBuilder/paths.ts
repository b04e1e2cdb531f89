/*
 * JSON paths into a draft definition, in the validator's notation ('', 'queries[0]', 'interactions[0].do[1].inputs[0]',
 * 'x["odd key"]'), and immutable changes by path: every change copies only the objects and lists on the way to the
 * changed value and shares everything else with the previous draft (structural sharing), so undo steps are cheap
 * and unchanged nodes keep their identity.
 */
import type { BuilderEdit, DraftPath } from './types';

/** One step of a path: a property name or a list index. */
export type PathSegment = string | number;

/** A path that does not parse or does not lead where an edit needs it to. Nothing was changed. */
export class PathError extends Error {
    constructor(
        message: string,
        readonly path: string
    ) {
        super(message);
        this.name = 'PathError';
    }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;

type Container = Record<string, unknown> | unknown[];

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
    if (v === undefined) return 'nothing';
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'a list';
    if (typeof v === 'object') return 'an object';
    return `the ${typeof v} ${JSON.stringify(v)}`;
}

// ------------------------------------------------------------------ parse / format

/** Splits a path into its segments. Throws PathError (with the position) when it does not parse. */
export function parsePath(path: DraftPath): PathSegment[] {
    if (typeof path !== 'string') throw new PathError(`A path must be text, not ${describe(path)}.`, String(path));
    const segments: PathSegment[] = [];
    let i = 0;
    const fail = (what: string): never => {
        throw new PathError(`'${path}' is not a valid path: ${what} at position ${i + 1}.`, path);
    };
    const identifier = (): string => {
        const start = i;
        if (!IDENTIFIER_START.test(path[i] ?? '')) fail('a property name was expected');
        while (i < path.length && IDENTIFIER_PART.test(path[i])) i++;
        return path.slice(start, i);
    };
    if (path === '') return segments;
    if (path[0] !== '[') segments.push(identifier());
    while (i < path.length) {
        const ch = path[i];
        if (ch === '.') {
            i++;
            segments.push(identifier());
        } else if (ch === '[') {
            i++;
            if (path[i] === '"') {
                const start = i;
                i++;
                while (i < path.length && path[i] !== '"') i += path[i] === '\\' ? 2 : 1;
                if (i >= path.length) fail('an unterminated quoted name');
                i++;
                try {
                    segments.push(JSON.parse(path.slice(start, i)) as string);
                } catch {
                    i = start;
                    fail('a badly quoted name');
                }
            } else {
                const start = i;
                while (i < path.length && path[i] >= '0' && path[i] <= '9') i++;
                if (i === start) fail('a list index was expected');
                const text = path.slice(start, i);
                if (text.length > 1 && text.startsWith('0')) {
                    i = start;
                    fail('a list index has no leading zeros');
                }
                segments.push(Number(text));
            }
            if (path[i] !== ']') fail("']' was expected");
            i++;
        } else {
            fail(`unexpected '${ch}'`);
        }
    }
    return segments;
}

/** The path of a list of segments, written as the validator writes its problem paths. */
export function formatPath(segments: readonly PathSegment[]): DraftPath {
    let out = '';
    for (const s of segments) {
        if (typeof s === 'number') out += `[${s}]`;
        else if (!IDENTIFIER.test(s)) out += `[${JSON.stringify(s)}]`;
        else out += out ? `.${s}` : s;
    }
    return out;
}

/** The path of a child: joinPath('queries[0]', 'fields') = 'queries[0].fields', joinPath('queries', 2) = 'queries[2]'. */
export function joinPath(parent: DraftPath, ...children: PathSegment[]): DraftPath {
    return formatPath([...parsePath(parent), ...children]);
}

/** The parent's path ('' for a top-level property and for the root itself). */
export function parentPath(path: DraftPath): DraftPath {
    const segments = parsePath(path);
    return formatPath(segments.slice(0, -1));
}

/** The last segment (undefined for the root). */
export function lastSegment(path: DraftPath): PathSegment | undefined {
    const segments = parsePath(path);
    return segments[segments.length - 1];
}

/** True when `path` is `ancestor` or lies inside it ('queries[0].fields[1]' is within 'queries[0]', not 'queries[1]'). */
export function isWithin(path: DraftPath, ancestor: DraftPath): boolean {
    if (ancestor === '') return true;
    if (path === ancestor) return true;
    if (!path.startsWith(ancestor)) return false;
    const next = path[ancestor.length];
    return next === '.' || next === '[';
}

// ------------------------------------------------------------------ read

function segmentsOf(path: DraftPath | readonly PathSegment[]): readonly PathSegment[] {
    return typeof path === 'string' ? parsePath(path) : path;
}

function child(container: unknown, segment: PathSegment): unknown {
    if (typeof segment === 'number') return Array.isArray(container) ? container[segment] : undefined;
    return isObject(container) && Object.prototype.hasOwnProperty.call(container, segment)
        ? container[segment]
        : undefined;
}

/** The value at a path, or undefined when there is nothing there. */
export function getAt(doc: unknown, path: DraftPath | readonly PathSegment[]): unknown {
    let v = doc;
    for (const s of segmentsOf(path)) {
        v = child(v, s);
        if (v === undefined) return undefined;
    }
    return v;
}

/** True when something (null included) is at the path. */
export function hasPath(doc: unknown, path: DraftPath | readonly PathSegment[]): boolean {
    const segments = segmentsOf(path);
    if (!segments.length) return doc !== undefined;
    const parent = getAt(doc, segments.slice(0, -1));
    const last = segments[segments.length - 1];
    if (typeof last === 'number') return Array.isArray(parent) && last < parent.length;
    return isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last);
}

// ------------------------------------------------------------------ write (immutable)

/**
 * Rebuilds the containers along `segments`, calling `change` with the container that holds the last segment (a copy
 * the caller may mutate). Missing objects on the way are created when `create` is set.
 */
function update(
    doc: unknown,
    segments: readonly PathSegment[],
    path: string,
    create: boolean,
    change: (container: Container, key: PathSegment) => void
): unknown {
    const walk = (node: unknown, depth: number): unknown => {
        const key = segments[depth];
        const shownSoFar = formatPath(segments.slice(0, depth)) || 'the definition';
        let container: Container;
        if (typeof key === 'number') {
            if (!Array.isArray(node)) {
                throw new PathError(
                    `Cannot use list index [${key}] in '${path}': ${shownSoFar} is ${describe(node)}, not a list.`,
                    path
                );
            }
            container = node.slice();
        } else if (isObject(node)) {
            container = { ...node };
        } else if (node === undefined && create) {
            container = {};
        } else {
            throw new PathError(
                `Cannot reach '${key}' in '${path}': ${shownSoFar} is ${describe(node)}, not an object.`,
                path
            );
        }
        if (depth === segments.length - 1) {
            change(container, key);
            return container;
        }
        const current = child(container, key);
        if (typeof key === 'number' && key >= (container as unknown[]).length) {
            throw new PathError(
                `'${path}' points past the end of ${shownSoFar || 'the list'} (${(container as unknown[]).length} items).`,
                path
            );
        }
        const next = walk(current, depth + 1);
        (container as Record<string | number, unknown>)[key] = next;
        return container;
    };
    return walk(doc, 0);
}

/**
 * Sets the value at `path` (undefined removes the property or the list item). Missing objects on the way are
 * created; a list index may be the list's length (appends). Setting the root replaces the document.
 */
export function setAt<T>(doc: T, path: DraftPath | readonly PathSegment[], value: unknown): T {
    const segments = segmentsOf(path);
    const shown = typeof path === 'string' ? path : formatPath(segments);
    if (!segments.length) {
        if (!isObject(value)) throw new PathError(`The definition must be an object, not ${describe(value)}.`, shown);
        return value as T;
    }
    if (Object.is(getAt(doc, segments), value) && (value !== undefined || !hasPath(doc, segments))) return doc;
    return update(doc, segments, shown, true, (container, key) => {
        if (typeof key === 'number') {
            const list = container as unknown[];
            if (key > list.length || (value === undefined && key >= list.length)) {
                throw new PathError(`'${shown}' points past the end of the list (${list.length} items).`, shown);
            }
            if (value === undefined) list.splice(key, 1);
            else list[key] = value;
        } else if (value === undefined) {
            delete (container as Record<string, unknown>)[key];
        } else {
            (container as Record<string, unknown>)[key] = value;
        }
    }) as T;
}

/** Inserts `value` into the list at `listPath` at `index` (default: the end). A missing list is created. */
export function insertAt<T>(doc: T, listPath: DraftPath | readonly PathSegment[], value: unknown, index?: number): T {
    const segments = segmentsOf(listPath);
    const shown = typeof listPath === 'string' ? listPath : formatPath(segments);
    if (!segments.length) throw new PathError('Cannot insert into the definition itself: name one of its lists.', '');
    const list = getAt(doc, segments);
    if (list !== undefined && !Array.isArray(list)) {
        throw new PathError(`Cannot insert into '${shown}': it is ${describe(list)}, not a list.`, shown);
    }
    const length = list ? list.length : 0;
    const at = index ?? length;
    if (!Number.isInteger(at) || at < 0 || at > length) {
        throw new PathError(`Cannot insert at position ${at} of '${shown}': it has ${length} items.`, shown);
    }
    const next = list ? list.slice() : [];
    next.splice(at, 0, value);
    return setAt(doc, segments, next);
}

/** Removes the list item or property at `path`. Throws when there is nothing there. */
export function removeAt<T>(doc: T, path: DraftPath | readonly PathSegment[]): T {
    const segments = segmentsOf(path);
    const shown = typeof path === 'string' ? path : formatPath(segments);
    if (!segments.length) throw new PathError('Cannot remove the definition itself.', '');
    if (!hasPath(doc, segments)) throw new PathError(`There is nothing at '${shown}' to remove.`, shown);
    return setAt(doc, segments, undefined);
}

/** Moves the list item at `path` to index `to` of the same list. */
export function moveAt<T>(doc: T, path: DraftPath | readonly PathSegment[], to: number): T {
    const segments = segmentsOf(path);
    const shown = typeof path === 'string' ? path : formatPath(segments);
    const from = segments[segments.length - 1];
    if (typeof from !== 'number') throw new PathError(`Only list items can be moved; '${shown}' is not one.`, shown);
    const listSegments = segments.slice(0, -1);
    const list = getAt(doc, listSegments);
    if (!Array.isArray(list) || from >= list.length) {
        throw new PathError(`There is nothing at '${shown}' to move.`, shown);
    }
    if (!Number.isInteger(to) || to < 0 || to >= list.length) {
        throw new PathError(`Cannot move '${shown}' to position ${to}: the list has ${list.length} items.`, shown);
    }
    if (to === from) return doc;
    const next = list.slice();
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    return setAt(doc, listSegments, next);
}

const OPS = ['set', 'insert', 'remove', 'move'];

/**
 * Applies one editor edit immutably and returns the new document. Throws PathError, naming the path and what is
 * wrong with it, for a malformed edit or a path that does not lead where the edit needs it to (nothing is changed).
 */
export function applyEdit<T extends Record<string, unknown>>(doc: T, edit: BuilderEdit): T {
    if (!isObject(edit) || !OPS.includes((edit as { op?: unknown }).op as string)) {
        throw new PathError(
            `An edit must be { op: 'set' | 'insert' | 'remove' | 'move', path, ... }, not ${JSON.stringify(edit)}.`,
            ''
        );
    }
    const path = (edit as { path?: unknown }).path;
    if (typeof path !== 'string') {
        throw new PathError(`The ${edit.op} edit has no path: give the JSON path of the value it changes.`, '');
    }
    switch (edit.op) {
        case 'set':
            return setAt(doc, path, edit.value);
        case 'insert':
            return insertAt(doc, path, edit.value, edit.index);
        case 'remove':
            return removeAt(doc, path);
        default:
            return moveAt(doc, path, edit.to);
    }
}

/**
 * Where a path points after an edit: list items after an inserted or removed item shift, a moved item follows its
 * move. Returns undefined when the edit removed the value at `path` (or around it).
 */
export function adjustPathForEdit(path: DraftPath, edit: BuilderEdit): DraftPath | undefined {
    let segments: PathSegment[];
    let target: PathSegment[];
    try {
        segments = parsePath(path);
        target = parsePath(edit.path);
    } catch {
        return path;
    }
    const startsWith = (list: readonly PathSegment[]): boolean =>
        list.length <= segments.length && list.every((s, i) => segments[i] === s);
    const withIndex = (listLength: number, index: number): DraftPath => {
        const next = segments.slice();
        next[listLength] = index;
        return formatPath(next);
    };
    if (edit.op === 'insert') {
        // target is the list; the new item is at edit.index (default: the end, which shifts nothing)
        if (!startsWith(target) || segments.length === target.length || edit.index === undefined) return path;
        const current = segments[target.length];
        return typeof current === 'number' && current >= edit.index ? withIndex(target.length, current + 1) : path;
    }
    const last = target[target.length - 1];
    const list = target.slice(0, -1);
    const removes = edit.op === 'remove' || (edit.op === 'set' && edit.value === undefined);
    if (removes) {
        if (startsWith(target)) return undefined;
        if (typeof last !== 'number' || !startsWith(list) || segments.length === list.length) return path;
        const current = segments[list.length];
        return typeof current === 'number' && current > last ? withIndex(list.length, current - 1) : path;
    }
    if (edit.op === 'set') {
        // Replacing a value keeps the paths inside it only if the new value still has them; the caller checks.
        return path;
    }
    if (typeof last !== 'number' || !startsWith(list) || segments.length === list.length) return path;
    const current = segments[list.length];
    if (typeof current !== 'number') return path;
    const from = last;
    const to = edit.to;
    if (current === from) return withIndex(list.length, to);
    if (from < to && current > from && current <= to) return withIndex(list.length, current - 1);
    if (from > to && current >= to && current < from) return withIndex(list.length, current + 1);
    return path;
}
