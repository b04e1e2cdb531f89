/*
 * The state of one validation run (names, action ids, the dependency graph, the problems found) and the generic
 * shape checks every part of the definition uses: unknown keys, required text, enums, booleans, integers, lists.
 */
import { childPath } from './jsonSource';
import { RESERVED_KEYS } from './documentShape';
import type { DependencyNode } from './dependencyGraph';
import type { DefinitionProblem, SchemaCatalog } from './definitionTypes';
import { IDENTIFIER_MAX, identifierReason } from './identifiers';
import {
    enumValueNotAllowed,
    enumValueNotText,
    integerOutOfRange,
    invalidIdentifier,
    notABoolean,
    notAList,
    notAnInteger,
    notAnObject,
    notText,
    requiredEnumMissing,
    requiredListMissing,
    requiredPropertyMissing,
    textEmpty,
    textPatternMismatch,
    textTooLong,
    unknownProperty
} from './messages';

export type Json = Record<string, unknown>;

export interface Entry {
    kind: 'resource' | 'query' | 'component';
    path: string;
    value: Json;
}

export interface Scope {
    /** Inside an onError chain: {!$Error.*} is available. */
    inOnError: boolean;
    /** Inside onFinish / onError of an executeFlow action with mode auto or async: {!$Run.*} is available. */
    inRun?: boolean;
    /** The interaction being checked, for ActionRow. */
    interaction?: { event: unknown; target: unknown };
    /** Lower-case name of the resource whose value is being checked (formula, initial value): its dependencies. */
    dependent?: string;
}

export const OUTSIDE: Scope = { inOnError: false };

export type ExpressionOutcome =
    { ok: true; references: string[] } | { ok: false; error: { message: string; position: number; hint?: string } };

export function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
    return `${typeof v} ${String(v)}`;
}

export function isMergeField(v: unknown): boolean {
    return typeof v === 'string' && v.includes('{!');
}

export class Checker {
    readonly problems: DefinitionProblem[] = [];
    readonly names = new Map<string, Entry>();
    readonly actionIds = new Map<string, string>();
    /** Formulas and computed variables by lower-case name, with what they read (dependencyGraph.ts). */
    readonly dependencies = new Map<string, DependencyNode>();

    /** Work done: shape checks, references and problems (the fuzz tests bound it by the document's size). */
    steps = 0;

    constructor(
        readonly doc: Json,
        readonly catalog?: SchemaCatalog
    ) {}

    error(path: string, message: string): void {
        this.steps++;
        this.problems.push({ path, message, severity: 'error' });
    }

    /** A problem that does not block (listed, e.g. in the builder and by validate:definitions). */
    warn(path: string, message: string): void {
        this.steps++;
        this.problems.push({ path, message, severity: 'warning' });
    }

    where(path: string): string {
        return path || 'the definition';
    }

    // ---------------------------------------------------------- generic shape checks

    keys(obj: Json, path: string, allowed: readonly string[], what: string): void {
        for (const key of Object.keys(obj)) {
            this.steps++;
            // Reserved keys (__proto__, ...) are reported once, by checkDocumentShape.
            if (allowed.includes(key) || RESERVED_KEYS.includes(key)) continue;
            this.error(childPath(path, key), unknownProperty(key, what, allowed));
        }
    }

    requireString(
        obj: Json,
        key: string,
        path: string,
        what: string,
        opts: { optional?: boolean; pattern?: RegExp; patternHint?: string; max?: number; nonEmpty?: boolean } = {}
    ): string | undefined {
        this.steps++;
        const p = childPath(path, key);
        const v = obj[key];
        if (v === undefined) {
            if (!opts.optional) this.error(p, requiredPropertyMissing(what, key, this.where(path)));
            return undefined;
        }
        if (typeof v !== 'string') {
            this.error(p, notText(what, typeName(v)));
            return undefined;
        }
        if ((opts.nonEmpty || opts.pattern) && !v.trim()) {
            this.error(p, textEmpty(what));
            return undefined;
        }
        if (opts.pattern && !opts.pattern.test(v)) {
            this.error(p, textPatternMismatch(what, v, opts.patternHint));
            return undefined;
        }
        if (opts.max !== undefined && v.length > opts.max) {
            this.error(p, textTooLong(what, v.length, opts.max));
        }
        return v;
    }

    optionalEnum(
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
            if (required) this.error(p, requiredEnumMissing(what, key, values));
            return undefined;
        }
        if (typeof v !== 'string' || !values.includes(v)) {
            if (typeof v === 'string') {
                this.error(p, enumValueNotAllowed(what, v, values));
            } else {
                this.error(p, enumValueNotText(what, values, typeName(v)));
            }
            return undefined;
        }
        return v;
    }

    optionalBoolean(obj: Json, key: string, path: string, what: string): boolean | undefined {
        const v = obj[key];
        if (v === undefined) return undefined;
        if (typeof v !== 'boolean') {
            this.error(childPath(path, key), notABoolean(what, typeName(v)));
            return undefined;
        }
        return v;
    }

    optionalInteger(obj: Json, key: string, path: string, what: string, min: number, max?: number): number | undefined {
        const v = obj[key];
        if (v === undefined) return undefined;
        const p = childPath(path, key);
        if (typeof v !== 'number' || !Number.isInteger(v)) {
            this.error(p, notAnInteger(what, typeName(v)));
            return undefined;
        }
        if (v < min || (max !== undefined && v > max)) {
            this.error(p, integerOutOfRange(what, v, min, max));
            return undefined;
        }
        return v;
    }

    array(obj: Json, key: string, path: string, what: string, required = false): unknown[] | undefined {
        this.steps++;
        const v = obj[key];
        const p = childPath(path, key);
        if (v === undefined) {
            if (required) this.error(p, requiredListMissing(what, key, this.where(path)));
            return undefined;
        }
        if (!Array.isArray(v)) {
            this.error(p, notAList(what, typeName(v)));
            return undefined;
        }
        return v;
    }

    objectAt(v: unknown, path: string, what: string): v is Json {
        this.steps++;
        if (isObject(v)) return true;
        this.error(path, notAnObject(what, typeName(v)));
        return false;
    }

    /**
     * A name or id under the developer-name rules (identifiers.ts): required unless `optional`; undefined when it
     * is missing or invalid (the problem is reported).
     */
    identifier(
        obj: Json,
        key: string,
        path: string,
        what: string,
        opts: { optional?: boolean; max?: number; namespace?: boolean; example: string }
    ): string | undefined {
        const v = this.requireString(obj, key, path, what, { optional: opts.optional, nonEmpty: true });
        if (v === undefined) return undefined;
        const reason = identifierReason(v, { max: opts.max ?? IDENTIFIER_MAX, namespace: opts.namespace });
        if (reason) {
            this.error(childPath(path, key), invalidIdentifier(what, v, reason, opts.example));
            return undefined;
        }
        return v;
    }

    nameOf(obj: Json, path: string, what: string): string | undefined {
        // Used in merge fields: {!name}.
        return this.identifier(obj, 'name', path, `The ${what} name`, { example: 'contactsTable' });
    }

    lookup(name: string): Entry | undefined {
        return this.names.get(name.toLowerCase());
    }
}
