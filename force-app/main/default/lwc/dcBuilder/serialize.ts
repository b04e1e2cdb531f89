/*
 * The canonical text of a definition: keys in the order docs/DEFINITIONS.md and the shipped definitions use them,
 * laid out exactly as Prettier lays out JSON with the project's settings (printWidth 120, tabWidth 4): an object or
 * list stays on one line when it fits, a list of two or more objects (or lists) of two or more entries always breaks,
 * a list of numbers fills its lines, and `"key": value` never breaks after the colon. The preview backend formats
 * saved files with Prettier; this output is what Prettier prints for it, so saved files do not change when
 * formatted again and the diff of a save shows only what the admin changed.
 */
import { DEFINITION_KEYS } from 'c/dcDefinition';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ------------------------------------------------------------------ canonical key order

/** Node kinds with a canonical key order. */
type Kind =
    | 'definition'
    | 'resource'
    | 'query'
    | 'where'
    | 'condition'
    | 'orderBy'
    | 'component'
    | 'column'
    | 'cellStyle'
    | 'button'
    | 'interaction'
    | 'trigger'
    | 'action'
    | 'flowInput'
    | 'flowOutput';

/** Properties of each kind, in order. A `description` comes after a node's own settings, before its child lists. */
export const KEY_ORDER: Readonly<Record<Exclude<Kind, 'action'>, readonly string[]>> = Object.freeze({
    definition: DEFINITION_KEYS,
    resource: ['name', 'kind', 'dataType', 'isCollection', 'objectApiName', 'value', 'formula', 'description'],
    query: ['name', 'object', 'fields', 'where', 'orderBy', 'searchFields', 'pageSize', 'maxRows', 'description'],
    where: ['logic', 'conditions'],
    condition: ['field', 'operator', 'value'],
    orderBy: ['field', 'direction', 'nulls'],
    component: [
        'name',
        'type',
        'title',
        'query',
        'keyField',
        'maxRowSelection',
        'showSearch',
        'showRowNumbers',
        'height',
        'frozenColumns',
        'emptyMessage',
        'description',
        'columns',
        'headerActions',
        'rowActions'
    ],
    column: ['field', 'label', 'linkToRecord', 'sortable', 'initialWidth', 'editable', 'wrap', 'cellStyles'],
    cellStyle: ['operator', 'value', 'variant', 'badge'],
    button: ['name', 'label', 'requiresSelection', 'variant', 'iconName'],
    interaction: ['id', 'description', 'on', 'do'],
    trigger: ['event', 'target', 'action'],
    flowInput: ['name', 'value', 'collection', 'dataType'],
    flowOutput: ['name', 'resource']
});

/** Settings of each action type, between `type`, `id` and the action chains. */
export const ACTION_KEY_ORDER: Readonly<Record<string, readonly string[]>> = Object.freeze({
    refreshQueries: ['queries'],
    setVariable: ['variable', 'operator', 'value'],
    showToast: ['variant', 'title', 'message', 'mode'],
    navigate: ['target', 'recordId', 'objectApiName', 'actionName', 'pageName', 'url'],
    confirm: ['title', 'message', 'confirmLabel', 'variant', 'theme'],
    executeFlow: ['flowApiName', 'inputs', 'outputs'],
    openFlowDialog: ['flowApiName', 'title', 'size', 'inputs', 'outputs'],
    openFlowPanel: ['flowApiName', 'title', 'position', 'size', 'inputs', 'outputs'],
    exportCsv: ['table', 'fileName']
});

/** The lists of actions an action may hold, in order. */
export const ACTION_CHAINS = ['onFinish', 'onCancel', 'onClose', 'onError'] as const;

function keysFor(kind: Kind, node: Json): readonly string[] {
    if (kind !== 'action') return KEY_ORDER[kind];
    const specific = typeof node.type === 'string' ? (ACTION_KEY_ORDER[node.type] ?? []) : [];
    return ['type', 'id', ...specific, 'description', ...ACTION_CHAINS];
}

/** The kind of each child list / object of a node kind. */
const CHILDREN: Partial<Record<Kind, Record<string, Kind>>> = {
    definition: { resources: 'resource', queries: 'query', components: 'component', interactions: 'interaction' },
    query: { where: 'where', orderBy: 'orderBy' },
    where: { conditions: 'condition' },
    component: { columns: 'column', headerActions: 'button', rowActions: 'button' },
    column: { cellStyles: 'cellStyle' },
    interaction: { on: 'trigger', do: 'action' },
    action: {
        inputs: 'flowInput',
        outputs: 'flowOutput',
        onFinish: 'action',
        onCancel: 'action',
        onClose: 'action',
        onError: 'action'
    }
};

function ordered(node: unknown, kind: Kind): unknown {
    if (Array.isArray(node)) return node.map((item) => ordered(item, kind));
    if (!isObject(node)) return node;
    const order = keysFor(kind, node);
    const out: Json = {};
    const children = CHILDREN[kind] ?? {};
    const put = (key: string): void => {
        const value = node[key];
        if (value === undefined) return;
        const childKind = children[key];
        out[key] = childKind ? ordered(value, childKind) : value;
    };
    for (const key of order) if (Object.prototype.hasOwnProperty.call(node, key)) put(key);
    // Properties the format does not know (the validator reports them) keep their place after the known ones.
    for (const key of Object.keys(node)) if (!order.includes(key)) put(key);
    return out;
}

/** A copy of the definition with every node's keys in canonical order (values such as literals are untouched). */
export function orderDefinition<T>(doc: T): T {
    return ordered(doc, 'definition') as T;
}

// ------------------------------------------------------------------ Prettier's JSON layout

const PRINT_WIDTH = 120;
const TAB = '    ';

/** Display width of text as Prettier measures it: East Asian wide characters count 2, combining marks 0. */
export function textWidth(text: string): number {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7F]*$/.test(text)) return text.length;
    let width = 0;
    for (const ch of text) {
        const code = ch.codePointAt(0)!;
        if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) continue;
        if (/\p{M}/u.test(ch) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) continue;
        width += isWide(code) ? 2 : 1;
    }
    return width;
}

function isWide(code: number): boolean {
    return (
        (code >= 0x1100 && code <= 0x115f) ||
        (code >= 0x2e80 && code <= 0x303e) ||
        (code >= 0x3041 && code <= 0x33ff) ||
        (code >= 0x3400 && code <= 0x4dbf) ||
        (code >= 0x4e00 && code <= 0x9fff) ||
        (code >= 0xa000 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        (code >= 0x1f300 && code <= 0x1f64f) ||
        (code >= 0x1f900 && code <= 0x1f9ff) ||
        (code >= 0x20000 && code <= 0x3fffd)
    );
}

/** A number as Prettier prints it: lower-case exponent without '+' or leading zeros (1e+21 → 1e21). */
function printNumber(n: number): string {
    if (!Number.isFinite(n)) return 'null';
    return JSON.stringify(n)
        .toLowerCase()
        .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, '$1$2$3');
}

function scalar(v: unknown): string {
    if (typeof v === 'number') return printNumber(v);
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return 'null';
}

type Entry = [key: string, value: unknown];

function entriesOf(obj: Json): Entry[] {
    return Object.entries(obj).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

function itemsOf(list: unknown[]): unknown[] {
    return list.map((v) => (v === undefined || typeof v === 'function' ? null : v));
}

function isContainer(v: unknown): boolean {
    return typeof v === 'object' && v !== null;
}

/** Prettier breaks a list of 2+ objects (or 2+ lists), each with 2+ entries, whatever its width. */
function forcedBreak(v: unknown): boolean {
    if (Array.isArray(v)) {
        const items = itemsOf(v);
        if (items.length > 1) {
            const allObjects = items.every((i) => isObject(i) && entriesOf(i).length > 1);
            const allLists = items.every((i) => Array.isArray(i) && i.length > 1);
            if (allObjects || allLists) return true;
        }
        return items.some(forcedBreak);
    }
    if (isObject(v)) return entriesOf(v).some(([, value]) => forcedBreak(value));
    return false;
}

/** The one-line form, or null when the value cannot be on one line. */
function flat(v: unknown): string | null {
    if (Array.isArray(v)) {
        const items = itemsOf(v);
        if (!items.length) return '[]';
        if (forcedBreak(v)) return null;
        const parts = items.map(flat);
        return parts.includes(null) ? null : `[${parts.join(', ')}]`;
    }
    if (isObject(v)) {
        const entries = entriesOf(v);
        if (!entries.length) return '{}';
        if (forcedBreak(v)) return null;
        const parts: string[] = [];
        for (const [key, value] of entries) {
            const f = flat(value);
            if (f === null) return null;
            parts.push(`${JSON.stringify(key)}: ${f}`);
        }
        return `{ ${parts.join(', ')} }`;
    }
    return scalar(v);
}

function isNumberList(items: unknown[]): boolean {
    return items.length > 1 && items.every((i) => typeof i === 'number' && Number.isFinite(i));
}

/**
 * Prints `v` starting at `column`, at indentation `depth`, followed on the same line by `trailing` characters
 * (the ',' after a list item or property), the way Prettier's printer decides between flat and broken groups.
 */
function print(v: unknown, depth: number, column: number, trailing: number): string {
    if (!isContainer(v)) return scalar(v);
    const oneLine = flat(v);
    if (oneLine !== null && column + textWidth(oneLine) + trailing <= PRINT_WIDTH) return oneLine;
    const inner = TAB.repeat(depth + 1);
    const close = TAB.repeat(depth);
    if (Array.isArray(v)) {
        const items = itemsOf(v);
        if (isNumberList(items)) return `[\n${inner}${fill(items as number[], inner)}\n${close}]`;
        const lines = items.map((item, i) => {
            const comma = i < items.length - 1 ? 1 : 0;
            return inner + print(item, depth + 1, inner.length, comma) + (comma ? ',' : '');
        });
        return `[\n${lines.join('\n')}\n${close}]`;
    }
    const entries = entriesOf(v as Json);
    const lines = entries.map(([key, value], i) => {
        const comma = i < entries.length - 1 ? 1 : 0;
        const head = `${inner}${JSON.stringify(key)}: `;
        return head + print(value, depth + 1, textWidth(head), comma) + (comma ? ',' : '');
    });
    return `{\n${lines.join('\n')}\n${close}}`;
}

/** Prettier's fill of a number list: as many per line as fit. */
function fill(items: number[], indent: string): string {
    const parts = items.map((n, i) => printNumber(n) + (i < items.length - 1 ? ',' : ''));
    let out = parts[0];
    let column = indent.length + parts[0].length;
    for (let i = 1; i < parts.length; i++) {
        // Prettier checks whether [previous, ' ', next] fits from where the previous one started.
        const start = column - parts[i - 1].length;
        if (start + parts[i - 1].length + 1 + parts[i].length <= PRINT_WIDTH) {
            out += ' ' + parts[i];
            column += 1 + parts[i].length;
        } else {
            out += '\n' + indent + parts[i];
            column = indent.length + parts[i].length;
        }
    }
    return out;
}

/** Pretty JSON of any value with Prettier's JSON layout (no key reordering). */
export function formatJson(value: unknown): string {
    return print(value, 0, 0, 0) + '\n';
}

/**
 * The definition as the builder saves and exports it: canonical key order, Prettier's layout with the project's
 * settings, trailing newline.
 */
export function serializeDefinition(doc: Record<string, unknown>): string {
    return formatJson(orderDefinition(doc));
}

// ------------------------------------------------------------------ equivalence

function equal(a: unknown, b: unknown): boolean {
    if (Object.is(a, b)) return true;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        return a.every((item, i) => equal(item, b[i]));
    }
    if (isObject(a) && isObject(b)) {
        const ka = Object.keys(a).filter((k) => a[k] !== undefined);
        const kb = Object.keys(b).filter((k) => b[k] !== undefined);
        if (ka.length !== kb.length) return false;
        return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
    }
    return false;
}

/** Deep equality that ignores key order (and properties set to undefined). */
export function deepEqual(a: unknown, b: unknown): boolean {
    return equal(a, b);
}

/**
 * "Equivalent definitions": the same content whatever the key order or layout. `$schema` (an editor hint, ignored at
 * run time) does not count.
 */
export function contentEquals(a: unknown, b: unknown): boolean {
    if (isObject(a) && isObject(b)) {
        const strip = ({ $schema: _schema, ...rest }: Json): Json => rest;
        return equal(strip(a), strip(b));
    }
    return equal(a, b);
}
