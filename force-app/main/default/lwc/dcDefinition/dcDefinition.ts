/*
 * c/dcDefinition: parses and validates Dynamic Component definitions.
 *
 * The same rules run in the component (before rendering), in the offline scripts (validate:definitions,
 * verify, build) and - mirrored - in Apex. validateDefinition reports EVERY problem, each with the JSON
 * path of the offending value and a message saying what is wrong and how to fix it. Plain TypeScript, no
 * lwc imports, so Node scripts run the very same code.
 */
import { parseFormula, parseTemplate } from 'c/dcExpressions';
import { parseConditionLogic } from './conditionLogic';
import { childPath, locate, parseJsonWithPositions } from './jsonSource';
import { closest, didYouMean, listOf, sentence } from './suggest';
import { checkFlowContracts } from './flowContract';
import { picklistValueUnknown } from './messages';
import type { FlowCatalog, ValueTypeContext } from './valueTypes';
import {
    DATA_TYPES,
    SCHEMA_VERSION,
    TABLE_PROPERTIES,
    type DefinitionDocument,
    type DefinitionProblem,
    type FieldDescribe,
    type ObjectDescribe,
    type ParseDefinitionResult,
    type SchemaCatalog
} from './definitionTypes';

export * from './definitionTypes';
export { childPath, locate, parseJsonWithPositions, positionAt } from './jsonSource';
export type { ParsedJson, SourcePosition, JsonSyntaxError } from './jsonSource';
export { parseConditionLogic } from './conditionLogic';
export * from './valueTypes';
export * from './flowContract';
export * from './messages';

// ------------------------------------------------------------------ vocabulary

export const RESOURCE_KINDS = ['variable', 'constant', 'formula'] as const;
export const CONDITION_OPERATORS = [
    'equals',
    'notEquals',
    'lessThan',
    'greaterThan',
    'lessOrEqual',
    'greaterOrEqual',
    'contains',
    'startsWith',
    'endsWith',
    'in',
    'notIn',
    'isNull'
] as const;
export const COMPONENT_TYPES = ['dataTable'] as const;
export const INTERACTION_EVENTS = ['headerActionClick', 'rowActionClick', 'selectionChange', 'load'] as const;
export const ACTION_TYPES = [
    'refreshQueries',
    'setVariable',
    'showToast',
    'navigate',
    'confirm',
    'executeFlow',
    'openFlowDialog',
    'openFlowPanel'
] as const;
/** Global merge fields: {!$Record.Field}, {!$User.Field}, {!$Error.message} (On Error only). */
export const GLOBALS = ['$Record', '$User', '$Error'] as const;
export const ERROR_PROPERTIES = ['message', 'code', 'details'] as const;

export const LIMITS = {
    apiNameLength: 40,
    labelLength: 40,
    nameLength: 80,
    pageSizeMin: 1,
    pageSizeMax: 2000,
    maxRowsMax: 50000,
    relationshipDepth: 5
} as const;

const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const SOBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const FLOW_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const ICON_NAME = /^(utility|standard|custom|action|doctype):[a-z0-9_]+$/;
const CSS_LENGTH = /^\d+(\.\d+)?(px|rem|em|vh|%)$/;
const DATE_LITERAL = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_LITERAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const TEXT_TYPES = new Set(['STRING', 'EMAIL', 'PHONE', 'URL', 'PICKLIST', 'TEXTAREA', 'COMBOBOX', 'ENCRYPTEDSTRING']);
const NUMBER_TYPES = new Set(['DOUBLE', 'INTEGER', 'LONG', 'CURRENCY', 'PERCENT']);

// ------------------------------------------------------------------ catalog helpers

function fieldsOf(obj: ObjectDescribe): Map<string, FieldDescribe> {
    return obj.fields instanceof Map ? obj.fields : new Map(Object.entries(obj.fields));
}

const lowerIndexCache = new WeakMap<object, Map<string, FieldDescribe>>();

/** Finds a field by API name, case-insensitively. */
export function findField(obj: ObjectDescribe, name: string): FieldDescribe | undefined {
    let index = lowerIndexCache.get(obj.fields);
    if (!index) {
        index = new Map();
        for (const [k, f] of fieldsOf(obj)) index.set(k.toLowerCase(), f);
        lowerIndexCache.set(obj.fields, index);
    }
    return index.get(name.toLowerCase());
}

/** Finds a lookup field by its relationship name (Account → AccountId), case-insensitively. */
function findRelationship(obj: ObjectDescribe, relationship: string): FieldDescribe | undefined {
    const lower = relationship.toLowerCase();
    for (const f of fieldsOf(obj).values()) if (f.relationshipName?.toLowerCase() === lower) return f;
    return undefined;
}

export type FieldPathResult =
    { ok: true; field?: FieldDescribe; object?: ObjectDescribe } | { ok: false; message: string };

/**
 * Resolves a field path (Name, Account.Name, Owner.Profile.Name) from an object. Segments through objects the
 * catalog does not know are accepted unchecked; polymorphic lookups resolve through the `Name` object.
 */
export function resolveFieldPath(catalog: SchemaCatalog, objectName: string, path: string): FieldPathResult {
    const segments = path.split('.');
    let obj = catalog.describeObject(objectName);
    if (!obj) return { ok: false, message: `object '${objectName}' is not in the schema` };
    for (let s = 0; s < segments.length; s++) {
        const seg = segments[s];
        const last = s === segments.length - 1;
        if (last) {
            const field = findField(obj, seg);
            if (!field) {
                const rel = findRelationship(obj, seg);
                if (rel) {
                    return {
                        ok: false,
                        message: `'${seg}' on ${obj.name} is a relationship, not a field: name a field of it, e.g. '${[...segments.slice(0, s), seg, 'Name'].join('.')}', or use '${rel.name}' for the Id`
                    };
                }
                const names = [...fieldsOf(obj).keys()];
                return {
                    ok: false,
                    message: `${obj.name} has no field '${seg}'.${didYouMean(seg, names)} Check the API name (custom fields end in __c)`
                };
            }
            return { ok: true, field, object: obj };
        }
        const rel = findRelationship(obj, seg);
        if (!rel) {
            const relNames = [...fieldsOf(obj).values()].map((f) => f.relationshipName).filter((r): r is string => !!r);
            const asField = findField(obj, seg);
            const hint = asField?.relationshipName
                ? ` Use the relationship name '${asField.relationshipName}' in paths, not the field '${asField.name}'.`
                : asField
                  ? ` '${asField.name}' is a field, not a lookup, so it has no fields of its own.`
                  : seg.endsWith('__c')
                    ? ` For a custom lookup write the relationship name with __r (${seg.slice(0, -3)}__r).`
                    : didYouMean(seg, relNames);
            return { ok: false, message: `${obj.name} has no relationship '${seg}'.${hint}` };
        }
        const targets = rel.referenceTo ?? [];
        const next = targets.length === 1 ? targets[0] : 'Name';
        const target = catalog.describeObject(next);
        if (!target) return { ok: true };
        obj = target;
    }
    return { ok: true };
}

// ------------------------------------------------------------------ expressions

type ExpressionOutcome =
    { ok: true; references: string[] } | { ok: false; error: { message: string; position: number; hint?: string } };

/**
 * The picklist values of a field. Describes give `{ value, label, active }` entries; plain strings (the preview
 * schema's own shape) are read as active values without a label.
 */
function picklistValuesOf(field: FieldDescribe): { value: string; label?: string; active?: boolean }[] {
    const raw: unknown[] = Array.isArray(field.picklistValues) ? field.picklistValues : [];
    const out: { value: string; label?: string; active?: boolean }[] = [];
    for (const entry of raw) {
        if (typeof entry === 'string') out.push({ value: entry });
        else if (isObject(entry) && typeof entry.value === 'string') out.push(entry as { value: string });
    }
    return out;
}

// ------------------------------------------------------------------ the validator

type Json = Record<string, unknown>;

interface Entry {
    kind: 'resource' | 'query' | 'component';
    path: string;
    value: Json;
}

interface Scope {
    /** Inside an onError chain: {!$Error.*} is available. */
    inOnError: boolean;
    /** The interaction being checked, for ActionRow. */
    interaction?: { event: unknown; target: unknown };
    /** The formula resource being checked (for dependency tracking). */
    formula?: string;
}

const OUTSIDE: Scope = { inOnError: false };

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
    return `${typeof v} ${String(v)}`;
}

function isMergeField(v: unknown): boolean {
    return typeof v === 'string' && v.includes('{!');
}

const ACTION_KEYS: Record<string, string[]> = {
    refreshQueries: ['queries'],
    setVariable: ['variable', 'value', 'operator'],
    showToast: ['variant', 'title', 'message', 'mode'],
    navigate: ['target', 'recordId', 'objectApiName', 'actionName', 'pageName', 'url'],
    confirm: ['title', 'message', 'confirmLabel', 'variant', 'theme', 'onCancel'],
    executeFlow: ['flowApiName', 'inputs', 'outputs'],
    openFlowDialog: ['flowApiName', 'title', 'inputs', 'outputs', 'onClose', 'size'],
    openFlowPanel: ['flowApiName', 'title', 'inputs', 'outputs', 'onClose', 'position', 'size']
};

class Validator {
    readonly problems: DefinitionProblem[] = [];
    private readonly names = new Map<string, Entry>();
    private readonly actionIds = new Map<string, string>();
    private readonly formulaDeps = new Map<string, { path: string; deps: Set<string> }>();

    constructor(
        private readonly doc: Json,
        private readonly catalog?: SchemaCatalog
    ) {}

    private error(path: string, message: string): void {
        this.problems.push({ path, message, severity: 'error' });
    }

    private where(path: string): string {
        return path || 'the definition';
    }

    // ---------------------------------------------------------- generic shape checks

    private keys(obj: Json, path: string, allowed: readonly string[], what: string): void {
        for (const key of Object.keys(obj)) {
            if (allowed.includes(key)) continue;
            this.error(
                childPath(path, key),
                `Unknown property '${key}' in ${what}.${didYouMean(key, allowed)} Allowed properties: ${allowed.join(', ')}.`
            );
        }
    }

    private requireString(
        obj: Json,
        key: string,
        path: string,
        what: string,
        opts: { optional?: boolean; pattern?: RegExp; patternHint?: string; max?: number; nonEmpty?: boolean } = {}
    ): string | undefined {
        const p = childPath(path, key);
        const v = obj[key];
        if (v === undefined) {
            if (!opts.optional) this.error(p, `${what} is missing: add "${key}" to ${this.where(path)}.`);
            return undefined;
        }
        if (typeof v !== 'string') {
            this.error(p, `${what} must be text, but it is ${typeName(v)}: write it in double quotes.`);
            return undefined;
        }
        if ((opts.nonEmpty || opts.pattern) && !v.trim()) {
            this.error(p, `${what} is empty: give it a value.`);
            return undefined;
        }
        if (opts.pattern && !opts.pattern.test(v)) {
            this.error(p, `${what} '${v}' is not valid: ${opts.patternHint}.`);
            return undefined;
        }
        if (opts.max !== undefined && v.length > opts.max) {
            this.error(p, `${what} is ${v.length} characters long; the limit is ${opts.max}: shorten it.`);
        }
        return v;
    }

    private optionalEnum(
        obj: Json,
        key: string,
        path: string,
        what: string,
        values: readonly string[],
        required = false
    ): string | undefined {
        const p = childPath(path, key);
        const v = obj[key];
        if (v === undefined) {
            if (required) this.error(p, `${what} is missing: add "${key}" with one of ${listOf(values)}.`);
            return undefined;
        }
        if (typeof v !== 'string' || !values.includes(v)) {
            if (typeof v === 'string') {
                this.error(p, `${what} '${v}' is not allowed.${didYouMean(v, values)} Use one of ${listOf(values)}.`);
            } else {
                this.error(p, `${what} must be one of ${listOf(values)}, but it is ${typeName(v)}.`);
            }
            return undefined;
        }
        return v;
    }

    private optionalBoolean(obj: Json, key: string, path: string, what: string): boolean | undefined {
        const v = obj[key];
        if (v === undefined) return undefined;
        if (typeof v !== 'boolean') {
            this.error(
                childPath(path, key),
                `${what} must be true or false (without quotes), but it is ${typeName(v)}.`
            );
            return undefined;
        }
        return v;
    }

    private optionalInteger(
        obj: Json,
        key: string,
        path: string,
        what: string,
        min: number,
        max?: number
    ): number | undefined {
        const v = obj[key];
        if (v === undefined) return undefined;
        const p = childPath(path, key);
        if (typeof v !== 'number' || !Number.isInteger(v)) {
            this.error(p, `${what} must be a whole number (without quotes), but it is ${typeName(v)}.`);
            return undefined;
        }
        if (v < min || (max !== undefined && v > max)) {
            const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
            this.error(p, `${what} is ${v}; it must be ${range}.`);
            return undefined;
        }
        return v;
    }

    private array(obj: Json, key: string, path: string, what: string, required = false): unknown[] | undefined {
        const v = obj[key];
        const p = childPath(path, key);
        if (v === undefined) {
            if (required) this.error(p, `${what} is missing: add "${key}": [ ... ] to ${this.where(path)}.`);
            return undefined;
        }
        if (!Array.isArray(v)) {
            this.error(p, `${what} must be a list [ ... ], but it is ${typeName(v)}.`);
            return undefined;
        }
        return v;
    }

    private objectAt(v: unknown, path: string, what: string): v is Json {
        if (isObject(v)) return true;
        this.error(path, `${what} must be an object { ... }, but it is ${typeName(v)}.`);
        return false;
    }

    // ---------------------------------------------------------- document

    run(): DefinitionProblem[] {
        const doc = this.doc;
        this.keys(
            doc,
            '',
            [
                '$schema',
                'schemaVersion',
                'apiName',
                'label',
                'description',
                'resources',
                'queries',
                'components',
                'interactions'
            ],
            'the definition'
        );
        if (doc.schemaVersion === undefined) {
            this.error('schemaVersion', `schemaVersion is missing: add "schemaVersion": ${SCHEMA_VERSION}.`);
        } else if (doc.schemaVersion !== SCHEMA_VERSION) {
            this.error(
                'schemaVersion',
                `schemaVersion ${typeName(doc.schemaVersion)} is not supported: this version reads "schemaVersion": ${SCHEMA_VERSION}.`
            );
        }
        this.requireString(doc, 'apiName', '', 'apiName', {
            pattern: API_NAME,
            patternHint:
                'use letters, digits and single underscores, start with a letter and do not end with an underscore (e.g. Contact_Status_Board)',
            max: LIMITS.apiNameLength
        });
        if (typeof doc.apiName === 'string' && doc.apiName.endsWith('_') && API_NAME.test(doc.apiName)) {
            this.error('apiName', `apiName '${doc.apiName}' ends with an underscore: remove it.`);
        }
        this.requireString(doc, '$schema', '', '$schema', { optional: true });
        this.requireString(doc, 'label', '', 'label', { nonEmpty: true, max: LIMITS.labelLength });
        this.requireString(doc, 'description', '', 'description', { optional: true });

        const resources = this.array(doc, 'resources', '', 'resources') ?? [];
        const queries = this.array(doc, 'queries', '', 'queries') ?? [];
        const components = this.array(doc, 'components', '', 'components') ?? [];
        const interactions = this.array(doc, 'interactions', '', 'interactions') ?? [];

        // Names first, so references can point forwards.
        this.collectNames(resources, 'resources', 'resource');
        this.collectNames(queries, 'queries', 'query');
        this.collectNames(components, 'components', 'component');

        resources.forEach((r, i) => this.resource(r, `resources[${i}]`));
        queries.forEach((q, i) => this.query(q, `queries[${i}]`));
        components.forEach((c, i) => this.component(c, `components[${i}]`));
        const interactionIds = new Map<string, string>();
        interactions.forEach((it, i) => this.interaction(it, `interactions[${i}]`, interactionIds));
        this.unhandledActions(components, interactions);
        this.formulaCycles();
        return this.problems;
    }

    private collectNames(items: unknown[], list: string, kind: Entry['kind']): void {
        items.forEach((item, i) => {
            const path = `${list}[${i}]`;
            if (!isObject(item)) return;
            const name = item.name;
            if (typeof name !== 'string' || !NAME.test(name)) return;
            const lower = name.toLowerCase();
            const existing = this.names.get(lower);
            if (existing) {
                this.error(
                    `${path}.name`,
                    `The name '${name}' is already used by ${existing.path} (a ${existing.kind}): resources, queries and components share one namespace, so rename one of them.`
                );
                return;
            }
            this.names.set(lower, { kind, path, value: item });
        });
    }

    private nameOf(obj: Json, path: string, what: string): string | undefined {
        return this.requireString(obj, 'name', path, `The ${what} name`, {
            pattern: NAME,
            patternHint: 'start with a letter and use only letters, digits and underscores (it is used in {!name})',
            max: LIMITS.nameLength
        });
    }

    private lookup(name: string): Entry | undefined {
        return this.names.get(name.toLowerCase());
    }

    // ---------------------------------------------------------- resources

    private resource(r: unknown, path: string): void {
        if (!this.objectAt(r, path, 'A resource')) return;
        const name = this.nameOf(r, path, 'resource');
        const kind = this.optionalEnum(r, 'kind', path, 'The resource kind', RESOURCE_KINDS, true);
        const dataType = this.optionalEnum(r, 'dataType', path, 'The resource dataType', DATA_TYPES, true);
        this.requireString(r, 'description', path, 'description', { optional: true });
        const base = ['name', 'kind', 'dataType', 'description'];
        if (kind === 'variable') {
            this.keys(r, path, [...base, 'isCollection', 'objectApiName', 'value'], `variable '${name ?? path}'`);
            const isCollection = this.optionalBoolean(r, 'isCollection', path, 'isCollection') ?? false;
            const objectApiName = this.requireString(r, 'objectApiName', path, 'objectApiName', {
                optional: dataType !== 'Record',
                pattern: SOBJECT_NAME,
                patternHint: 'use an object API name such as Account or Invoice__c'
            });
            if (objectApiName && dataType !== 'Record') {
                this.error(
                    `${path}.objectApiName`,
                    `objectApiName only applies to Record variables: remove it or set "dataType": "Record".`
                );
            } else if (objectApiName && this.catalog && !this.catalog.describeObject(objectApiName)) {
                this.error(`${path}.objectApiName`, this.unknownObjectMessage(objectApiName));
            }
            if (r.value !== undefined) {
                this.literalOrTemplate(r.value, `${path}.value`, dataType, isCollection, 'The initial value', OUTSIDE);
            }
        } else if (kind === 'constant') {
            this.keys(r, path, [...base, 'value'], `constant '${name ?? path}'`);
            if (!('value' in r)) {
                this.error(`${path}.value`, `Constant '${name ?? path}' has no value: add "value".`);
            } else if (isMergeField(r.value)) {
                this.error(
                    `${path}.value`,
                    `A constant cannot contain merge fields: use a formula resource (kind "formula") for a computed value.`
                );
            } else if (dataType === 'Record') {
                this.error(
                    `${path}.dataType`,
                    `A constant cannot be a Record: use Text, Number, Currency, Boolean, Date or DateTime.`
                );
            } else {
                this.literal(r.value, `${path}.value`, dataType, false, 'The constant value');
            }
        } else if (kind === 'formula') {
            this.keys(r, path, [...base, 'formula'], `formula '${name ?? path}'`);
            const src = this.requireString(r, 'formula', path, `The formula of '${name ?? path}'`, { nonEmpty: true });
            if (dataType === 'Record') {
                this.error(
                    `${path}.dataType`,
                    `A formula cannot return a Record: use Text, Number, Currency, Boolean, Date or DateTime.`
                );
            }
            if (src !== undefined && name) {
                this.formulaDeps.set(name.toLowerCase(), { path: `${path}.formula`, deps: new Set() });
                this.expression(src, `${path}.formula`, 'formula', { inOnError: false, formula: name.toLowerCase() });
            }
        } else {
            this.keys(
                r,
                path,
                [...base, 'isCollection', 'objectApiName', 'value', 'formula'],
                `resource '${name ?? path}'`
            );
        }
    }

    /** Checks a literal against a data type. */
    private literal(v: unknown, path: string, dataType: string | undefined, collection: boolean, what: string): void {
        if (collection) {
            if (!Array.isArray(v)) {
                this.error(
                    path,
                    `${what} of a collection must be a list [ ... ] or a merge field, but it is ${typeName(v)}.`
                );
                return;
            }
            v.forEach((item, i) => this.literal(item, `${path}[${i}]`, dataType, false, what));
            return;
        }
        if (v === null || dataType === undefined) return;
        const bad = (expected: string): void =>
            this.error(path, `${what} must be ${expected} for a ${dataType} value, but it is ${typeName(v)}.`);
        switch (dataType) {
            case 'Text':
                if (typeof v !== 'string') bad('text in double quotes');
                break;
            case 'Number':
            case 'Currency':
                if (typeof v !== 'number') bad('a number without quotes');
                break;
            case 'Boolean':
                if (typeof v !== 'boolean') bad('true or false without quotes');
                break;
            case 'Date':
                if (typeof v !== 'string' || !DATE_LITERAL.test(v)) bad('a date written "YYYY-MM-DD"');
                break;
            case 'DateTime':
                if (typeof v !== 'string' || !DATETIME_LITERAL.test(v))
                    bad('an ISO date-time such as "2025-01-31T09:00:00Z"');
                break;
            default:
                if (!isObject(v)) bad('an object { ... } or a merge field');
                break;
        }
    }

    /** A literal, or a text with merge fields. */
    private literalOrTemplate(
        v: unknown,
        path: string,
        dataType: string | undefined,
        collection: boolean,
        what: string,
        scope: Scope,
        formulas = false
    ): void {
        if (typeof v === 'string' && isMergeField(v)) {
            this.expression(v, path, 'template', scope);
            return;
        }
        if (formulas && typeof v === 'string' && v.includes('(')) {
            // Like the runtime (resolveValue with formulas): text that parses as a formula is evaluated.
            const parsed = parseFormula(v) as ExpressionOutcome & { ast?: { type?: string } };
            if (parsed.ok && parsed.ast?.type !== 'literal') return;
        }
        if (Array.isArray(v) && collection) {
            v.forEach((item, i) =>
                this.literalOrTemplate(item, `${path}[${i}]`, dataType, false, what, scope, formulas)
            );
            return;
        }
        this.literal(v, path, dataType, collection, what);
    }

    // ---------------------------------------------------------- expressions and references

    /** Parses a template (text with {!merge fields}) or a formula and checks every reference. */
    private expression(src: string, path: string, kind: 'template' | 'formula', scope: Scope): void {
        let outcome: ExpressionOutcome;
        try {
            outcome = (kind === 'formula' ? parseFormula(src) : parseTemplate(src)) as ExpressionOutcome;
        } catch (e) {
            this.error(path, `The ${kind} could not be read: ${(e as Error).message}.`);
            return;
        }
        if (!outcome.ok) {
            // The parser's message is a full sentence with the position and the hint.
            const { message } = outcome.error;
            const what = kind === 'formula' ? 'The formula does not parse' : 'A merge field does not parse';
            this.error(path, `${what}: ${message}${/[.?!]$/.test(message) ? '' : '.'}`);
            return;
        }
        for (const ref of outcome.references) this.reference(ref, path, scope);
    }

    private reference(ref: string, path: string, scope: Scope): void {
        const segments = ref.split('.');
        const head = segments[0];
        const rest = segments.slice(1);
        const shown = `{!${ref}}`;
        if (head.startsWith('$')) {
            this.globalReference(head, rest, shown, path, scope);
            return;
        }
        const entry = this.lookup(head);
        if (!entry) {
            const candidates = [...[...this.names.values()].map((e) => e.value.name as string), ...GLOBALS];
            this.error(
                path,
                `${shown} refers to '${head}', which is not a resource, query or component of this definition.${didYouMean(head, candidates)} Add a resource named '${head}' or fix the name.`
            );
            return;
        }
        const name = entry.value.name as string;
        if (name !== head) {
            this.error(path, `${shown}: names are case-sensitive in merge fields; write '${name}'.`);
        }
        if (entry.kind === 'resource') {
            if (scope.formula) this.formulaDeps.get(scope.formula)?.deps.add(name.toLowerCase());
            if (rest.length === 0) return;
            const res = entry.value;
            if (res.kind === 'variable' && res.dataType === 'Record') {
                if (typeof res.objectApiName === 'string' && this.catalog) {
                    const r = resolveFieldPath(this.catalog, res.objectApiName, rest.join('.'));
                    if (!r.ok) this.error(path, sentence(`${shown}: ${r.message}`));
                }
                return;
            }
            this.error(
                path,
                `${shown}: '${name}' is a ${String(res.dataType ?? '')} ${String(res.kind ?? 'resource')}, which has no fields; write {!${name}} or make it a Record variable with objectApiName.`
            );
            return;
        }
        if (entry.kind === 'query') {
            this.error(
                path,
                `${shown}: queries cannot be used in merge fields; use the table showing it, e.g. {!<table>.SelectedRowsKeyValue}.`
            );
            return;
        }
        this.componentReference(entry.value, name, rest, shown, path, scope);
    }

    private globalReference(head: string, rest: string[], shown: string, path: string, scope: Scope): void {
        if (head === '$Record') {
            if (!rest.length) this.error(path, `${shown} needs a field: write {!$Record.Id} or {!$Record.<Field>}.`);
            return;
        }
        if (head === '$User') {
            if (!rest.length) {
                this.error(path, `${shown} needs a field: write {!$User.Id}, {!$User.FirstName}, ...`);
                return;
            }
            if (this.catalog && this.catalog.describeObject('User')) {
                const r = resolveFieldPath(this.catalog, 'User', rest.join('.'));
                if (!r.ok) this.error(path, sentence(`${shown}: ${r.message}`));
            }
            return;
        }
        if (head === '$Error') {
            if (!scope.inOnError) {
                this.error(path, `${shown} is only available in an onError chain: move this action into "onError".`);
            } else if (rest.length !== 1 || !(ERROR_PROPERTIES as readonly string[]).includes(rest[0])) {
                this.error(
                    path,
                    `${shown} is not an error property.${didYouMean(rest.join('.'), ERROR_PROPERTIES)} Use ${ERROR_PROPERTIES.map((p) => `{!$Error.${p}}`).join(', ')}.`
                );
            }
            return;
        }
        this.error(
            path,
            `${shown}: unknown global '${head}'.${didYouMean(head, GLOBALS)} Globals are ${listOf(GLOBALS, 'and')}.`
        );
    }

    private componentReference(
        component: Json,
        name: string,
        rest: string[],
        shown: string,
        path: string,
        scope: Scope
    ): void {
        const props = TABLE_PROPERTIES as readonly string[];
        if (!rest.length) {
            this.error(
                path,
                `${shown} names the component itself: add a property, e.g. {!${name}.SelectedRowsKeyValue} (${props.join(', ')}).`
            );
            return;
        }
        const prop = rest[0];
        if (!props.includes(prop)) {
            this.error(
                path,
                `${shown}: a data table has no property '${prop}'.${didYouMean(prop, props)} Use ${listOf(props)}.`
            );
            return;
        }
        if (prop === 'ActionRow' && scope.interaction) {
            const it = scope.interaction;
            if (it.event !== 'rowActionClick' || it.target !== name) {
                this.error(
                    path,
                    `${shown} is only set while a row action of '${name}' runs: use it in an interaction with "event": "rowActionClick" and "target": "${name}".`
                );
            }
        }
        const rowField = rest.slice(1).join('.');
        if (prop === 'FirstSelectedRow' || prop === 'ActionRow') {
            if (!rowField) return;
            const fields = this.queryFieldsOfTable(component);
            if (fields && !fields.some((f) => f.toLowerCase() === rowField.toLowerCase())) {
                this.error(
                    path,
                    `${shown}: rows of '${name}' only hold the fields of query '${String(component.query)}'; add '${rowField}' to its "fields" (or fix the name).${didYouMean(rowField, fields)}`
                );
            }
            return;
        }
        if (rest.length > 1) {
            this.error(path, `${shown}: ${prop} has no fields; write {!${name}.${prop}}.`);
        }
    }

    /** Field paths a table's rows carry (the query's fields + Id), or undefined when the query is unknown. */
    private queryFieldsOfTable(component: Json): string[] | undefined {
        if (typeof component.query !== 'string') return undefined;
        const q = this.lookup(component.query);
        if (!q || q.kind !== 'query' || !Array.isArray(q.value.fields)) return undefined;
        return ['Id', ...q.value.fields.filter((f): f is string => typeof f === 'string')];
    }

    private formulaCycles(): void {
        const reported = new Set<string>();
        const visit = (name: string, trail: string[]): void => {
            const node = this.formulaDeps.get(name);
            if (!node) return;
            if (trail.includes(name)) {
                const cycle = [...trail.slice(trail.indexOf(name)), name];
                const key = [...new Set(cycle)].sort().join(',');
                if (!reported.has(key)) {
                    reported.add(key);
                    const shownCycle = cycle.map((n) => (this.lookup(n)?.value.name as string) ?? n).join(' → ');
                    this.error(node.path, `Formulas refer to each other in a circle (${shownCycle}): break the cycle.`);
                }
                return;
            }
            for (const d of node.deps) visit(d, [...trail, name]);
        };
        for (const name of this.formulaDeps.keys()) visit(name, []);
    }

    // ---------------------------------------------------------- queries

    private unknownObjectMessage(objectName: string): string {
        return `Object '${objectName}' does not exist in the schema: check the API name (custom objects end in __c) or deploy the object first.`;
    }

    private query(q: unknown, path: string): void {
        if (!this.objectAt(q, path, 'A query')) return;
        const name = this.nameOf(q, path, 'query');
        const label = `query '${name ?? path}'`;
        this.keys(
            q,
            path,
            ['name', 'object', 'fields', 'where', 'orderBy', 'searchFields', 'pageSize', 'maxRows', 'description'],
            label
        );
        this.requireString(q, 'description', path, 'description', { optional: true });
        const objectName = this.requireString(q, 'object', path, `The object of ${label}`, {
            pattern: SOBJECT_NAME,
            patternHint: 'use an object API name such as Contact or Invoice__c'
        });
        let object: ObjectDescribe | undefined;
        if (objectName && this.catalog) {
            object = this.catalog.describeObject(objectName);
            if (!object) this.error(`${path}.object`, this.unknownObjectMessage(objectName));
        }
        const fieldCheck = (field: unknown, p: string, what: string): FieldDescribe | undefined => {
            if (typeof field !== 'string') {
                this.error(p, `${what} must be a field API name in double quotes, but it is ${typeName(field)}.`);
                return undefined;
            }
            if (!FIELD_PATH.test(field)) {
                this.error(
                    p,
                    `${what} '${field}' is not a field path: use an API name (Email) or a parent path (Account.Name).`
                );
                return undefined;
            }
            if (field.split('.').length > LIMITS.relationshipDepth + 1) {
                this.error(
                    p,
                    `${what} '${field}' goes up more than ${LIMITS.relationshipDepth} relationships, which SOQL does not allow.`
                );
                return undefined;
            }
            if (!object || !objectName || !this.catalog) return undefined;
            const r = resolveFieldPath(this.catalog, objectName, field);
            if (!r.ok) {
                this.error(p, sentence(r.message));
                return undefined;
            }
            return r.field;
        };

        const fields = this.array(q, 'fields', path, `The fields of ${label}`, true);
        if (fields) {
            if (!fields.length)
                this.error(`${path}.fields`, `${label} reads no fields: list at least one, e.g. ["Name"].`);
            const seen = new Map<string, number>();
            fields.forEach((f, i) => {
                const p = `${path}.fields[${i}]`;
                fieldCheck(f, p, 'Field');
                if (typeof f === 'string') {
                    const prev = seen.get(f.toLowerCase());
                    if (prev !== undefined)
                        this.error(p, `Field '${f}' is listed twice (also fields[${prev}]): remove one.`);
                    else seen.set(f.toLowerCase(), i);
                }
            });
        }

        if (q.where !== undefined) this.whereClause(q.where, `${path}.where`, fieldCheck);

        const orderBy = this.array(q, 'orderBy', path, 'orderBy');
        orderBy?.forEach((o, i) => {
            const p = `${path}.orderBy[${i}]`;
            if (!this.objectAt(o, p, 'An orderBy entry')) return;
            this.keys(o, p, ['field', 'direction', 'nulls'], 'an orderBy entry');
            if (o.field === undefined) {
                this.error(`${p}.field`, `The sort field is missing: add "field".`);
            } else {
                const f = fieldCheck(o.field, `${p}.field`, 'Sort field');
                if (f && !f.sortable)
                    this.error(
                        `${p}.field`,
                        `Field '${String(o.field)}' cannot be sorted (${f.type}): choose another sort field.`
                    );
            }
            this.optionalEnum(o, 'direction', p, 'The sort direction', ['asc', 'desc']);
            this.optionalEnum(o, 'nulls', p, 'nulls', ['first', 'last']);
        });

        const searchFields = this.array(q, 'searchFields', path, 'searchFields');
        searchFields?.forEach((s, i) => {
            const p = `${path}.searchFields[${i}]`;
            const f = fieldCheck(s, p, 'Search field');
            if (f && (!TEXT_TYPES.has(f.type.toUpperCase()) || !f.filterable)) {
                this.error(
                    p,
                    `Search field '${String(s)}' is ${f.type}${f.filterable ? '' : ' and not filterable'}: search only text fields (Text, Email, Phone, Picklist, ...).`
                );
            }
        });

        this.optionalInteger(q, 'pageSize', path, 'pageSize', LIMITS.pageSizeMin, LIMITS.pageSizeMax);
        this.optionalInteger(q, 'maxRows', path, 'maxRows', 1, LIMITS.maxRowsMax);
    }

    private whereClause(
        where: unknown,
        path: string,
        fieldCheck: (f: unknown, p: string, what: string) => FieldDescribe | undefined
    ): void {
        if (!this.objectAt(where, path, 'where')) return;
        this.keys(where, path, ['logic', 'conditions'], 'where');
        const conditions = this.array(where, 'conditions', path, 'The conditions', true);
        if (conditions && !conditions.length)
            this.error(`${path}.conditions`, `where has no conditions: add one or remove "where".`);
        conditions?.forEach((c, i) => this.condition(c, `${path}.conditions[${i}]`, fieldCheck));
        const logic = this.requireString(where, 'logic', path, 'The condition logic', {
            optional: true,
            nonEmpty: true
        });
        if (logic !== undefined && conditions && conditions.length) {
            const upper = logic.trim().toUpperCase();
            if (upper === 'AND' || upper === 'OR') return;
            const r = parseConditionLogic(logic, conditions.length);
            if (!r.ok) {
                this.error(`${path}.logic`, `Condition logic '${logic}' is not valid: ${r.message}.`);
                return;
            }
            const unused = conditions.map((_c, i) => i + 1).filter((n) => !r.used.has(n));
            if (unused.length) {
                this.error(
                    `${path}.logic`,
                    `Condition logic '${logic}' does not use condition${unused.length > 1 ? 's' : ''} ${unused.join(', ')}: use every condition number or remove the unused condition.`
                );
            }
        }
    }

    private condition(
        c: unknown,
        path: string,
        fieldCheck: (f: unknown, p: string, what: string) => FieldDescribe | undefined
    ): void {
        if (!this.objectAt(c, path, 'A condition')) return;
        this.keys(c, path, ['field', 'operator', 'value'], 'a condition');
        let field: FieldDescribe | undefined;
        if (c.field === undefined) this.error(`${path}.field`, `The condition field is missing: add "field".`);
        else field = fieldCheck(c.field, `${path}.field`, 'Condition field');
        const op = this.optionalEnum(c, 'operator', path, 'The operator', CONDITION_OPERATORS, true);
        const type = field?.type.toUpperCase();
        if (field && !field.filterable) {
            this.error(
                `${path}.field`,
                `Field '${String(c.field)}' (${field.type}) cannot be used in a filter: choose another field.`
            );
        }
        const v = c.value;
        const vp = `${path}.value`;
        if (op === 'isNull') {
            if (v !== undefined && typeof v !== 'boolean') {
                this.error(
                    vp,
                    `For isNull the value must be true (is empty) or false (is not empty), but it is ${typeName(v)}.`
                );
            }
            return;
        }
        if (op && v === undefined) {
            this.error(
                vp,
                `The condition has no value: add "value" (a literal or a merge field such as "{!$Record.Id}").`
            );
            return;
        }
        if (typeof v === 'string' && isMergeField(v)) {
            this.expression(v, vp, 'template', OUTSIDE);
            return;
        }
        if (op === 'in' || op === 'notIn') {
            if (!Array.isArray(v)) {
                this.error(
                    vp,
                    `For ${op} the value must be a list [ ... ] or a merge field holding a collection, but it is ${typeName(v)}.`
                );
            } else if (field) {
                v.forEach((item, i) => this.picklistValue(field, String(c.field), item, `${vp}[${i}]`));
            }
            return;
        }
        if (Array.isArray(v) || isObject(v)) {
            this.error(
                vp,
                `The value of a ${op ?? ''} condition must be a single literal or a merge field, but it is ${typeName(v)}; use "in" for a list.`
            );
            return;
        }
        if ((op === 'contains' || op === 'startsWith' || op === 'endsWith') && type && !TEXT_TYPES.has(type)) {
            this.error(
                `${path}.operator`,
                `${op} only works on text fields, and '${String(c.field)}' is ${field?.type}: use equals or a text field.`
            );
            return;
        }
        if (!type || v === null) return;
        if (type === 'BOOLEAN' && typeof v !== 'boolean') {
            this.error(
                vp,
                `'${String(c.field)}' is a checkbox: the value must be true or false without quotes, not ${typeName(v)}.`
            );
        } else if (NUMBER_TYPES.has(type) && typeof v !== 'number') {
            this.error(
                vp,
                `'${String(c.field)}' is a number field (${field?.type}): write the value as a number without quotes, not ${typeName(v)}.`
            );
        } else if (type === 'BOOLEAN' && op !== 'equals' && op !== 'notEquals') {
            this.error(`${path}.operator`, `A checkbox can only be compared with equals or notEquals.`);
        } else if (type === 'DATE' && (typeof v !== 'string' || !DATE_LITERAL.test(v))) {
            this.error(vp, `'${String(c.field)}' is a date: write the value as "YYYY-MM-DD", not ${typeName(v)}.`);
        } else if (type === 'DATETIME' && (typeof v !== 'string' || !DATETIME_LITERAL.test(v))) {
            this.error(
                vp,
                `'${String(c.field)}' is a date-time: write the value as "2025-01-31T09:00:00Z", not ${typeName(v)}.`
            );
        } else if (TEXT_TYPES.has(type) && typeof v !== 'string') {
            this.error(
                vp,
                `'${String(c.field)}' is a text field: write the value in double quotes, not ${typeName(v)}.`
            );
        } else if (field && op !== 'contains' && op !== 'startsWith' && op !== 'endsWith') {
            this.picklistValue(field, String(c.field), v, vp);
        }
    }

    /**
     * A literal compared with a PICKLIST / MULTIPICKLIST field must be one of its values (API names; compared
     * without regard to case, as SOQL does), when the catalog knows them. Multi-select values are "A;B".
     */
    private picklistValue(field: FieldDescribe, fieldName: string, v: unknown, path: string): void {
        const type = field.type.toUpperCase();
        if ((type !== 'PICKLIST' && type !== 'MULTIPICKLIST') || typeof v !== 'string' || isMergeField(v)) return;
        const values = picklistValuesOf(field);
        if (!values.length) return;
        const parts = type === 'MULTIPICKLIST' ? v.split(';').map((part) => part.trim()) : [v];
        for (const part of parts) {
            const lower = part.toLowerCase();
            if (values.some((pv) => pv.value.toLowerCase() === lower)) continue;
            const byLabel = values.find((pv) => pv.label?.toLowerCase() === lower)?.value;
            const active = values.filter((pv) => pv.active !== false).map((pv) => pv.value);
            const suggestion = byLabel ?? closest(part, active);
            this.error(path, picklistValueUnknown(fieldName, part, suggestion, active));
        }
    }

    // ---------------------------------------------------------- components

    private component(c: unknown, path: string): void {
        if (!this.objectAt(c, path, 'A component')) return;
        const name = this.nameOf(c, path, 'component');
        const label = `component '${name ?? path}'`;
        const type = this.optionalEnum(c, 'type', path, 'The component type', COMPONENT_TYPES, true);
        if (type !== 'dataTable') return;
        this.keys(
            c,
            path,
            [
                'name',
                'type',
                'title',
                'query',
                'keyField',
                'maxRowSelection',
                'columns',
                'headerActions',
                'rowActions',
                'showRowNumbers',
                'showSearch',
                'height',
                'emptyMessage',
                'description'
            ],
            label
        );
        this.requireString(c, 'description', path, 'description', { optional: true });
        const title = this.requireString(c, 'title', path, 'title', { optional: true });
        if (title !== undefined) this.expression(title, `${path}.title`, 'template', OUTSIDE);
        const emptyMessage = this.requireString(c, 'emptyMessage', path, 'emptyMessage', { optional: true });
        if (emptyMessage !== undefined) this.expression(emptyMessage, `${path}.emptyMessage`, 'template', OUTSIDE);

        const queryName = this.requireString(c, 'query', path, `The query of ${label}`, { nonEmpty: true });
        let query: Json | undefined;
        if (queryName !== undefined) {
            const entry = this.lookup(queryName);
            if (!entry) {
                const queries = [...this.names.values()]
                    .filter((e) => e.kind === 'query')
                    .map((e) => e.value.name as string);
                this.error(
                    `${path}.query`,
                    `Query '${queryName}' does not exist.${didYouMean(queryName, queries)} Name one of the definition's queries (${queries.join(', ') || 'none defined'}).`
                );
            } else if (entry.kind !== 'query') {
                this.error(
                    `${path}.query`,
                    `'${queryName}' is a ${entry.kind}, not a query: name one of the definition's queries.`
                );
            } else {
                query = entry.value;
                if (entry.value.name !== queryName)
                    this.error(
                        `${path}.query`,
                        `Write the query name exactly as defined: '${String(entry.value.name)}'.`
                    );
            }
        }
        const queryFields =
            query && Array.isArray(query.fields)
                ? query.fields.filter((f): f is string => typeof f === 'string')
                : undefined;
        const rowFields = queryFields ? ['Id', ...queryFields] : undefined;
        const inQuery = (field: string, p: string, what: string): string | undefined => {
            if (!rowFields) return undefined;
            const exact = rowFields.find((f) => f === field);
            if (exact) return exact;
            const other = rowFields.find((f) => f.toLowerCase() === field.toLowerCase());
            if (other) {
                this.error(p, `${what} '${field}' must be written as in the query's fields: '${other}'.`);
                return other;
            }
            this.error(
                p,
                `${what} '${field}' is not read by query '${String(query?.name)}': add it to the query's "fields" or choose one of ${rowFields.join(', ')}.${didYouMean(field, rowFields)}`
            );
            return undefined;
        };

        const keyField = this.requireString(c, 'keyField', path, 'keyField', { optional: true, nonEmpty: true });
        if (keyField !== undefined) inQuery(keyField, `${path}.keyField`, 'keyField');
        this.optionalInteger(c, 'maxRowSelection', path, 'maxRowSelection', 0, LIMITS.maxRowsMax);
        this.optionalBoolean(c, 'showRowNumbers', path, 'showRowNumbers');
        const showSearch = this.optionalBoolean(c, 'showSearch', path, 'showSearch');
        if (showSearch && query && (!Array.isArray(query.searchFields) || !query.searchFields.length)) {
            this.error(
                `${path}.showSearch`,
                `showSearch needs fields to search: add "searchFields" to query '${String(query.name)}' or remove showSearch.`
            );
        }
        this.requireString(c, 'height', path, 'height', {
            optional: true,
            pattern: CSS_LENGTH,
            patternHint: 'use a CSS length such as "400px", "30rem" or "50vh"'
        });

        const columns = this.array(c, 'columns', path, `The columns of ${label}`, true);
        if (columns && !columns.length)
            this.error(`${path}.columns`, `${label} has no columns: add at least one { "field": "Name" }.`);
        columns?.forEach((col, i) => {
            const p = `${path}.columns[${i}]`;
            if (!this.objectAt(col, p, 'A column')) return;
            this.keys(col, p, ['field', 'label', 'linkToRecord', 'sortable', 'initialWidth'], 'a column');
            const field = this.requireString(col, 'field', p, 'The column field', { nonEmpty: true });
            if (field !== undefined) {
                const known = inQuery(field, `${p}.field`, 'Column');
                if (known && col.sortable === true && this.catalog && typeof query?.object === 'string') {
                    const r = resolveFieldPath(this.catalog, query.object, known);
                    if (r.ok && r.field && !r.field.sortable) {
                        this.error(
                            `${p}.sortable`,
                            `Column '${field}' (${r.field.type}) cannot be sorted: remove "sortable".`
                        );
                    }
                }
            }
            this.requireString(col, 'label', p, 'The column label', { optional: true, nonEmpty: true });
            this.optionalBoolean(col, 'linkToRecord', p, 'linkToRecord');
            this.optionalBoolean(col, 'sortable', p, 'sortable');
            this.optionalInteger(col, 'initialWidth', p, 'initialWidth', 20, 2000);
        });

        this.actionButtons(c, 'headerActions', path, label);
        this.actionButtons(c, 'rowActions', path, label);
    }

    private actionButtons(c: Json, key: 'headerActions' | 'rowActions', path: string, label: string): void {
        const list = this.array(c, key, path, key);
        const seen = new Map<string, number>();
        list?.forEach((b, i) => {
            const p = `${path}.${key}[${i}]`;
            if (!this.objectAt(b, p, 'An action button')) return;
            const allowed = ['name', 'label', 'variant', 'iconName'];
            if (key === 'headerActions') allowed.push('requiresSelection');
            this.keys(b, p, allowed, `a ${key === 'headerActions' ? 'header' : 'row'} action of ${label}`);
            const name = this.requireString(b, 'name', p, 'The action name', {
                pattern: NAME,
                patternHint: 'start with a letter and use only letters, digits and underscores'
            });
            if (name) {
                const prev = seen.get(name.toLowerCase());
                if (prev !== undefined)
                    this.error(
                        `${p}.name`,
                        `Action name '${name}' is already used by ${key}[${prev}] of ${label}: rename one.`
                    );
                else seen.set(name.toLowerCase(), i);
            }
            this.requireString(b, 'label', p, 'The action label', { nonEmpty: true, max: 80 });
            this.optionalBoolean(b, 'requiresSelection', p, 'requiresSelection');
            this.optionalEnum(b, 'variant', p, 'The button variant', ['neutral', 'brand', 'destructive']);
            this.requireString(b, 'iconName', p, 'iconName', {
                optional: true,
                pattern: ICON_NAME,
                patternHint: 'use an SLDS icon name such as "utility:check"'
            });
        });
    }

    // ---------------------------------------------------------- interactions

    private interaction(it: unknown, path: string, ids: Map<string, string>): void {
        if (!this.objectAt(it, path, 'An interaction')) return;
        this.keys(it, path, ['id', 'on', 'do', 'description'], 'an interaction');
        this.requireString(it, 'description', path, 'description', { optional: true });
        const id = this.requireString(it, 'id', path, 'The interaction id', {
            pattern: NAME,
            patternHint: 'start with a letter and use only letters, digits and underscores'
        });
        if (id) {
            const prev = ids.get(id.toLowerCase());
            if (prev)
                this.error(
                    `${path}.id`,
                    `Interaction id '${id}' is already used by ${prev}: interaction ids must be unique.`
                );
            else ids.set(id.toLowerCase(), path);
        }
        const on = it.on;
        const onPath = `${path}.on`;
        let scopeInteraction: Scope['interaction'] = { event: undefined, target: undefined };
        if (on === undefined) {
            this.error(
                onPath,
                `The trigger is missing: add "on": { "event": "headerActionClick", "target": "<table>", "action": "<action>" }.`
            );
        } else if (this.objectAt(on, onPath, 'The trigger "on"')) {
            this.keys(on, onPath, ['event', 'target', 'action'], 'the trigger');
            const event = this.optionalEnum(on, 'event', onPath, 'The event', INTERACTION_EVENTS, true);
            scopeInteraction = { event, target: on.target };
            this.trigger(on, onPath, event);
        }
        const actions = this.array(it, 'do', path, 'The actions "do"', true);
        if (actions && !actions.length)
            this.error(`${path}.do`, `The interaction does nothing: add at least one action to "do".`);
        actions?.forEach((a, i) =>
            this.action(a, `${path}.do[${i}]`, { inOnError: false, interaction: scopeInteraction })
        );
    }

    private trigger(on: Json, path: string, event: string | undefined): void {
        if (event === 'load') {
            if (on.target !== undefined)
                this.error(`${path}.target`, `A load interaction has no target: remove "target".`);
            if (on.action !== undefined)
                this.error(`${path}.action`, `A load interaction has no action: remove "action".`);
            return;
        }
        const target = this.requireString(on, 'target', path, 'The trigger target', { nonEmpty: true });
        let component: Json | undefined;
        if (target !== undefined) {
            const entry = this.lookup(target);
            const componentNames = [...this.names.values()]
                .filter((e) => e.kind === 'component')
                .map((e) => e.value.name as string);
            if (!entry) {
                this.error(
                    `${path}.target`,
                    `Component '${target}' does not exist.${didYouMean(target, componentNames)} Name one of the definition's components (${componentNames.join(', ') || 'none defined'}).`
                );
            } else if (entry.kind !== 'component') {
                this.error(
                    `${path}.target`,
                    `'${target}' is a ${entry.kind}, not a component: the target must be a component.`
                );
            } else {
                component = entry.value;
                if (entry.value.name !== target)
                    this.error(
                        `${path}.target`,
                        `Write the component name exactly as defined: '${String(entry.value.name)}'.`
                    );
            }
        }
        if (event === 'selectionChange' || event === undefined) {
            if (event === 'selectionChange' && on.action !== undefined) {
                this.error(`${path}.action`, `A selectionChange interaction has no action: remove "action".`);
            }
            return;
        }
        const listKey = event === 'headerActionClick' ? 'headerActions' : 'rowActions';
        const action = this.requireString(
            on,
            'action',
            path,
            `The ${listKey === 'headerActions' ? 'header' : 'row'} action name`,
            { nonEmpty: true }
        );
        if (action === undefined || !component) return;
        const buttons = Array.isArray(component[listKey]) ? (component[listKey] as unknown[]).filter(isObject) : [];
        const names = buttons.map((b) => b.name).filter((n): n is string => typeof n === 'string');
        if (!names.includes(action)) {
            const otherKey = listKey === 'headerActions' ? 'rowActions' : 'headerActions';
            const other = Array.isArray(component[otherKey])
                ? (component[otherKey] as unknown[]).filter(isObject).some((b) => b.name === action)
                : false;
            const hint = other
                ? ` '${action}' is in ${otherKey}: use the event ${otherKey === 'headerActions' ? 'headerActionClick' : 'rowActionClick'}.`
                : didYouMean(action, names) +
                  ` Add it to ${listKey} of '${String(component.name)}' or use one of: ${names.join(', ') || 'none defined'}.`;
            this.error(
                `${path}.action`,
                `Component '${String(component.name)}' has no ${listKey === 'headerActions' ? 'header' : 'row'} action '${action}'.${hint}`
            );
        }
    }

    /** A header or row action that no interaction handles would be a button that does nothing. */
    private unhandledActions(components: unknown[], interactions: unknown[]): void {
        const handled = new Set<string>();
        for (const it of interactions) {
            if (isObject(it) && isObject(it.on))
                handled.add(`${String(it.on.event)}/${String(it.on.target)}/${String(it.on.action)}`);
        }
        components.forEach((c, ci) => {
            if (!isObject(c) || typeof c.name !== 'string') return;
            for (const [key, event] of [
                ['headerActions', 'headerActionClick'],
                ['rowActions', 'rowActionClick']
            ] as const) {
                const list = c[key];
                if (!Array.isArray(list)) continue;
                list.forEach((b, bi) => {
                    if (!isObject(b) || typeof b.name !== 'string') return;
                    if (handled.has(`${event}/${c.name}/${b.name}`)) return;
                    this.error(
                        `components[${ci}].${key}[${bi}]`,
                        `The ${key === 'headerActions' ? 'header' : 'row'} action '${b.name}' of '${c.name}' does nothing: add an interaction with "on": { "event": "${event}", "target": "${c.name}", "action": "${b.name}" } or remove the action.`
                    );
                });
            }
        });
    }

    // ---------------------------------------------------------- actions

    private actionChain(owner: Json, key: string, path: string, scope: Scope): void {
        const list = this.array(owner, key, path, key);
        list?.forEach((a, i) => this.action(a, `${path}.${key}[${i}]`, scope));
    }

    private action(a: unknown, path: string, scope: Scope): void {
        if (!this.objectAt(a, path, 'An action')) return;
        const type = this.optionalEnum(a, 'type', path, 'The action type', ACTION_TYPES, true);
        const base = ['type', 'id', 'onFinish', 'onError', 'description'];
        if (!type) {
            this.actionChain(a, 'onFinish', path, scope);
            this.actionChain(a, 'onError', path, { ...scope, inOnError: true });
            return;
        }
        this.keys(a, path, [...base, ...ACTION_KEYS[type]], `a ${type} action`);
        this.requireString(a, 'description', path, 'description', { optional: true });
        const id = this.requireString(a, 'id', path, 'The action id', {
            optional: type !== 'executeFlow',
            pattern: NAME,
            patternHint: 'start with a letter and use only letters, digits and underscores'
        });
        if (id) {
            const prev = this.actionIds.get(id.toLowerCase());
            if (prev)
                this.error(
                    `${path}.id`,
                    `Action id '${id}' is already used by ${prev}: action ids must be unique in the definition.`
                );
            else this.actionIds.set(id.toLowerCase(), path);
        }
        const template = (key: string, what: string, required = false): void => {
            const v = this.requireString(a, key, path, what, { optional: !required, nonEmpty: required });
            if (v !== undefined) this.expression(v, `${path}.${key}`, 'template', scope);
        };

        switch (type) {
            case 'refreshQueries': {
                const queries = this.array(a, 'queries', path, 'queries');
                queries?.forEach((q, i) => {
                    const p = `${path}.queries[${i}]`;
                    if (typeof q !== 'string') {
                        this.error(p, `A query name must be text, but it is ${typeName(q)}.`);
                        return;
                    }
                    const entry = this.lookup(q);
                    if (!entry || entry.kind !== 'query') {
                        const names = [...this.names.values()]
                            .filter((e) => e.kind === 'query')
                            .map((e) => e.value.name as string);
                        this.error(
                            p,
                            `Query '${q}' does not exist.${didYouMean(q, names)} Name one of: ${names.join(', ') || 'none defined'} (or omit "queries" to refresh all).`
                        );
                    }
                });
                break;
            }
            case 'setVariable': {
                const variable = this.requireString(a, 'variable', path, 'The variable to set', { nonEmpty: true });
                const operator =
                    this.optionalEnum(a, 'operator', path, 'The operator', ['set', 'add', 'subtract', 'clear']) ??
                    'set';
                const resource =
                    variable !== undefined
                        ? this.variableResource(variable, `${path}.variable`, 'setVariable')
                        : undefined;
                if (operator === 'clear') {
                    if (a.value !== undefined) this.error(`${path}.value`, `clear needs no value: remove "value".`);
                    break;
                }
                if (a.value === undefined) {
                    this.error(`${path}.value`, `setVariable has no value: add "value" (a literal or a merge field).`);
                    break;
                }
                const dataType = typeof resource?.dataType === 'string' ? resource.dataType : undefined;
                const collection = resource?.isCollection === true;
                if (
                    (operator === 'add' || operator === 'subtract') &&
                    resource &&
                    !collection &&
                    dataType !== 'Number' &&
                    dataType !== 'Currency'
                ) {
                    this.error(
                        `${path}.operator`,
                        `${operator} works on Number, Currency and collection variables; '${variable}' is ${dataType}: use "set".`
                    );
                }
                this.literalOrTemplate(
                    a.value,
                    `${path}.value`,
                    collection && operator !== 'set' ? undefined : dataType,
                    collection && operator === 'set',
                    'The value',
                    scope,
                    true
                );
                break;
            }
            case 'showToast':
                template('title', 'The toast title', true);
                template('message', 'The toast message');
                this.optionalEnum(a, 'variant', path, 'The toast variant', ['success', 'error', 'warning', 'info']);
                this.optionalEnum(a, 'mode', path, 'The toast mode', ['dismissible', 'pester', 'sticky']);
                break;
            case 'navigate': {
                const target = this.optionalEnum(
                    a,
                    'target',
                    path,
                    'The navigation target',
                    ['recordPage', 'objectList', 'namedPage', 'url'],
                    true
                );
                const needs: Record<string, string> = {
                    recordPage: 'recordId',
                    objectList: 'objectApiName',
                    namedPage: 'pageName',
                    url: 'url'
                };
                for (const key of ['recordId', 'objectApiName', 'pageName', 'url']) {
                    template(key, key, target !== undefined && needs[target] === key);
                }
                const obj = a.objectApiName;
                if (
                    typeof obj === 'string' &&
                    !isMergeField(obj) &&
                    this.catalog &&
                    !this.catalog.describeObject(obj)
                ) {
                    this.error(`${path}.objectApiName`, this.unknownObjectMessage(obj));
                }
                this.optionalEnum(a, 'actionName', path, 'actionName', [
                    'view',
                    'edit',
                    'clone',
                    'home',
                    'list',
                    'new'
                ]);
                break;
            }
            case 'confirm':
                template('title', 'The dialog title');
                template('message', 'The confirmation message', true);
                this.requireString(a, 'confirmLabel', path, 'confirmLabel', { optional: true, nonEmpty: true });
                this.optionalEnum(a, 'variant', path, 'The dialog variant', ['header', 'headerless']);
                this.optionalEnum(a, 'theme', path, 'The dialog theme', [
                    'default',
                    'shade',
                    'inverse',
                    'alt-inverse',
                    'success',
                    'info',
                    'warning',
                    'error',
                    'offline'
                ]);
                this.actionChain(a, 'onCancel', path, scope);
                break;
            case 'executeFlow':
            case 'openFlowDialog':
            case 'openFlowPanel':
                this.requireString(a, 'flowApiName', path, 'flowApiName', {
                    pattern: FLOW_NAME,
                    patternHint: 'use the flow API name, e.g. Set_Contact_Status_Active'
                });
                this.flowMappings(a, path, scope);
                if (type !== 'executeFlow') {
                    template('title', 'The title');
                    this.optionalEnum(a, 'size', path, 'size', ['small', 'medium', 'large']);
                    if (type === 'openFlowPanel') this.optionalEnum(a, 'position', path, 'position', ['left', 'right']);
                    this.actionChain(a, 'onClose', path, scope);
                }
                break;
            default:
                break;
        }
        this.actionChain(a, 'onFinish', path, scope);
        this.actionChain(a, 'onError', path, { ...scope, inOnError: true });
    }

    /** A variable resource named `name`, or a problem. */
    private variableResource(name: string, path: string, what: string): Json | undefined {
        const entry = this.lookup(name);
        const variables = [...this.names.values()]
            .filter((e) => e.kind === 'resource' && e.value.kind === 'variable')
            .map((e) => e.value.name as string);
        if (!entry) {
            this.error(
                path,
                `Variable '${name}' does not exist.${didYouMean(name, variables)} Add a resource { "name": "${name}", "kind": "variable", ... } or name one of: ${variables.join(', ') || 'none defined'}.`
            );
            return undefined;
        }
        if (entry.kind !== 'resource' || entry.value.kind !== 'variable') {
            const kind = entry.kind === 'resource' ? String(entry.value.kind) : entry.kind;
            this.error(
                path,
                `${what} can only store into a variable resource, and '${name}' is a ${kind}: use a resource with "kind": "variable".`
            );
            return undefined;
        }
        if (entry.value.name !== name)
            this.error(path, `Write the variable name exactly as defined: '${String(entry.value.name)}'.`);
        return entry.value;
    }

    private flowMappings(a: Json, path: string, scope: Scope): void {
        const inputs = this.array(a, 'inputs', path, 'inputs');
        const seenIn = new Map<string, number>();
        inputs?.forEach((m, i) => {
            const p = `${path}.inputs[${i}]`;
            if (!this.objectAt(m, p, 'An input')) return;
            this.keys(m, p, ['name', 'value', 'collection', 'dataType'], 'a flow input');
            const name = this.requireString(m, 'name', p, 'The flow input name', {
                pattern: NAME,
                patternHint: 'use the flow variable API name (case-sensitive)'
            });
            if (name) {
                const prev = seenIn.get(name);
                if (prev !== undefined)
                    this.error(`${p}.name`, `Flow input '${name}' is set twice (also inputs[${prev}]): remove one.`);
                else seenIn.set(name, i);
            }
            const collection = this.optionalBoolean(m, 'collection', p, 'collection') ?? false;
            const dataType = this.optionalEnum(m, 'dataType', p, 'The input dataType', DATA_TYPES) ?? 'Text';
            if (!('value' in m)) {
                this.error(
                    `${p}.value`,
                    `Flow input '${name ?? p}' has no value: add "value" (a literal or a merge field).`
                );
                return;
            }
            this.literalOrTemplate(
                m.value,
                `${p}.value`,
                dataType,
                collection,
                `The value of input '${name ?? p}'`,
                scope,
                true
            );
        });
        const outputs = this.array(a, 'outputs', path, 'outputs');
        const seenOut = new Map<string, number>();
        outputs?.forEach((m, i) => {
            const p = `${path}.outputs[${i}]`;
            if (!this.objectAt(m, p, 'An output')) return;
            this.keys(m, p, ['name', 'resource'], 'a flow output');
            const name = this.requireString(m, 'name', p, 'The flow output name', {
                pattern: NAME,
                patternHint: 'use the flow variable API name (case-sensitive)'
            });
            if (name) {
                const prev = seenOut.get(name);
                if (prev !== undefined)
                    this.error(
                        `${p}.name`,
                        `Flow output '${name}' is mapped twice (also outputs[${prev}]): remove one.`
                    );
                else seenOut.set(name, i);
            }
            const resource = this.requireString(m, 'resource', p, 'The resource receiving the output', {
                nonEmpty: true
            });
            if (resource !== undefined) this.variableResource(resource, `${p}.resource`, 'An output mapping');
        });
    }
}

// ------------------------------------------------------------------ public API

/** Where the definition is shown, for the flow contract's value types ({!$Record.*} on a record page). */
export type DefinitionContext = Omit<ValueTypeContext, 'catalog'>;

/**
 * Checks a parsed definition and returns every problem found (an empty list when it is valid). With a
 * catalog, objects and fields are checked against it too; with flows, every flow action is checked against the
 * flows it names (checkFlowContracts), after the other checks. Problems without severity 'warning' are errors.
 */
export function validateDefinition(
    doc: unknown,
    catalog?: SchemaCatalog,
    flows?: FlowCatalog,
    context: DefinitionContext = {}
): DefinitionProblem[] {
    if (!isObject(doc)) {
        return [
            {
                path: '',
                message: `A definition must be a JSON object { "schemaVersion": 1, "apiName": ..., ... }, but this is ${typeName(doc)}.`,
                severity: 'error'
            }
        ];
    }
    const problems = new Validator(doc, catalog).run();
    if (flows) problems.push(...checkFlowContracts(doc, flows, { ...context, catalog }));
    return problems;
}

/**
 * Parses definition JSON text and validates it. Bad JSON gives one problem with its line and column.
 * Every problem carries the line/column of the value it is about. `definition` is set only when there is no
 * error (warnings alone do not withhold it). With flows, the flow contract is checked too (see validateDefinition).
 */
export function parseDefinition(
    jsonText: string,
    catalog?: SchemaCatalog,
    flows?: FlowCatalog,
    context: DefinitionContext = {}
): ParseDefinitionResult {
    if (typeof jsonText !== 'string') {
        return {
            problems: [{ path: '', message: 'The definition is empty: paste the definition JSON.', severity: 'error' }]
        };
    }
    const parsed = parseJsonWithPositions(jsonText);
    if (parsed.error) {
        const { message, line, column } = parsed.error;
        return {
            problems: [
                {
                    path: '',
                    message: `The definition is not valid JSON: ${message} at line ${line}, column ${column}.`,
                    severity: 'error',
                    line,
                    column
                }
            ]
        };
    }
    const problems: DefinitionProblem[] = parsed.duplicateKeys.map((d) => ({
        path: d.path,
        message: `Property '${d.path.split(/[.[]/).pop()?.replace(/["\]]/g, '')}' appears twice in the same object: keep only one (the last one wins).`,
        severity: 'error',
        line: d.position.line,
        column: d.position.column
    }));
    for (const p of validateDefinition(parsed.value, catalog, flows, context)) {
        const at = locate(parsed.positions, p.path);
        problems.push(at ? { ...p, line: at.line, column: at.column } : p);
    }
    return problems.some(isError)
        ? { problems, document: parsed.value }
        : { definition: parsed.value as DefinitionDocument, problems, document: parsed.value };
}

/** True for an error (every problem without severity 'warning'): errors block, warnings are only listed. */
export function isError(problem: Pick<DefinitionProblem, 'severity'>): boolean {
    return problem.severity !== 'warning';
}

/** Small helper for callers: "path: message" lines. */
export function formatProblems(problems: DefinitionProblem[]): string[] {
    return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}
