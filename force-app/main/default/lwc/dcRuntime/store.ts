/*
 * ResourceStore: the resources of one rendered definition.
 * - variables: typed by DataType (optionally collections); set() converts or throws a clear DataTypeError;
 * - constants: read-only;
 * - formulas: parsed once, evaluated lazily, recomputed only when one of their inputs changed (dependency
 *   tracking over resources, $Record, $User and external names such as components); cycles are rejected when
 *   the store is built;
 * - globals: {!$Record.Field} (the page's record) and {!$User.Field};
 * - subscribe(listener) reports the names that changed, including the formulas that depend on them.
 */
import { analyzeValue, collectReferences, evaluate, parseFormula, resolveValue, suggestName } from 'c/dcExpressions';
import type { Ast, Scope } from 'c/dcExpressions';
import type { DataType, ResourceDefinition } from 'c/dcDefinition';
import { coerceValue, getPath } from './dataTypes';

export type ChangeListener = (changed: readonly string[]) => void;

export interface ResourceStoreOptions {
    /** Fields of the page's record for {!$Record.Field}; null when the page has no record. */
    record?: Record<string, unknown> | null;
    /** Fields of the running user for {!$User.Field} (Id, FirstName, LastName, Name, Email, Username, …). */
    user?: Record<string, unknown>;
    /** Resolves names that are not resources or globals (components, queries); see Runtime. */
    external?: Scope;
    /** Clock for TODAY()/NOW(). */
    now?: () => Date;
}

interface Entry {
    definition: ResourceDefinition;
    value: unknown;
    /** Formulas, and variables whose initial value is an expression not yet overwritten by set(). */
    ast?: Ast;
    /** Variables: the initial value still comes from an expression. */
    derived: boolean;
    dirty: boolean;
}

/** Thrown for a bad resource list (formula syntax, cycles, duplicate names). */
export class ResourceDefinitionError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ResourceDefinitionError';
    }
}

export const RECORD_GLOBAL = '$Record';
export const USER_GLOBAL = '$User';

function parseOrThrow(source: string, what: string): Ast {
    const result = parseFormula(source);
    if (!result.ok) {
        throw new ResourceDefinitionError(`${what} does not parse: ${result.error.message}`);
    }
    return result.ast;
}

function headsOf(ast: Ast): string[] {
    return [...new Set(collectReferences(ast).map((path) => path.split('.')[0]))];
}

/**
 * The AST of a variable's initial value under the `=` rule (analyzeValue): "=…" is a formula, "{!a}" a merge
 * field, "{!a} - {!b}" a text template; anything else is a plain value (undefined).
 */
function initialAst(value: unknown): Ast | undefined {
    const analysis = analyzeValue(value, { formulas: true });
    if (analysis.kind === 'literal') return undefined;
    if (analysis.kind === 'mergeField') return { type: 'mergeField', path: analysis.path! };
    if (analysis.ast) return analysis.ast;
    throw new ResourceDefinitionError(`The initial value ${String(value)} does not parse: ${analysis.error!.message}`);
}

export class ResourceStore implements Scope {
    private readonly entries = new Map<string, Entry>();
    /** name → names of formulas (and derived variables) that read it directly. */
    private readonly dependents = new Map<string, Set<string>>();
    private readonly listeners = new Set<ChangeListener>();
    private readonly evaluating = new Set<string>();
    private record: Record<string, unknown> | null;
    private user: Record<string, unknown>;
    private external: Scope | undefined;
    private readonly now: (() => Date) | undefined;

    constructor(resources: readonly ResourceDefinition[] = [], options: ResourceStoreOptions = {}) {
        this.record = options.record ?? null;
        this.user = options.user ?? {};
        this.external = options.external;
        this.now = options.now;
        for (const definition of resources) {
            if (this.entries.has(definition.name)) {
                throw new ResourceDefinitionError(
                    `Resource '${definition.name}' is defined twice; names must be unique.`
                );
            }
            this.entries.set(definition.name, this.createEntry(definition));
        }
        for (const [name, entry] of this.entries) {
            if (entry.ast) {
                for (const head of headsOf(entry.ast)) this.addDependent(head, name);
            }
        }
        this.checkCycles();
    }

    private createEntry(definition: ResourceDefinition): Entry {
        switch (definition.kind) {
            case 'formula':
                return {
                    definition,
                    value: null,
                    ast: parseOrThrow(definition.formula, `The formula of '${definition.name}'`),
                    derived: true,
                    dirty: true
                };
            case 'constant':
                return {
                    definition,
                    value: coerceValue(definition.value, definition.dataType, {
                        subject: `Constant ${definition.name} is a ${definition.dataType}`
                    }),
                    derived: false,
                    dirty: false
                };
            default: {
                const ast = initialAst(definition.value);
                const entry: Entry = {
                    definition,
                    value: null,
                    ast,
                    derived: ast !== undefined,
                    dirty: ast !== undefined
                };
                if (!ast) {
                    entry.value = coerceValue(
                        definition.value === undefined ? null : definition.value,
                        definition.dataType,
                        { isCollection: definition.isCollection, subject: this.subject(definition) }
                    );
                }
                return entry;
            }
        }
    }

    private subject(definition: ResourceDefinition): string {
        const collection = definition.kind === 'variable' && definition.isCollection ? ' collection' : '';
        return `${definition.name} is a ${definition.dataType}${collection} ${definition.kind}`;
    }

    private addDependent(head: string, dependent: string): void {
        let set = this.dependents.get(head);
        if (!set) {
            set = new Set();
            this.dependents.set(head, set);
        }
        set.add(dependent);
    }

    private checkCycles(): void {
        const state = new Map<string, 'visiting' | 'done'>();
        const stack: string[] = [];
        const visit = (name: string): void => {
            const entry = this.entries.get(name);
            if (!entry?.ast || state.get(name) === 'done') return;
            if (state.get(name) === 'visiting') {
                const cycle = [...stack.slice(stack.indexOf(name)), name];
                throw new ResourceDefinitionError(
                    `Formula cycle: ${cycle.join(' → ')}. A formula cannot depend on itself, directly or through other formulas.`
                );
            }
            state.set(name, 'visiting');
            stack.push(name);
            for (const head of headsOf(entry.ast)) visit(head);
            stack.pop();
            state.set(name, 'done');
        };
        for (const name of this.entries.keys()) visit(name);
    }

    /** Names of all resources, in definition order. */
    names(): string[] {
        return [...this.entries.keys()];
    }

    has(name: string): boolean {
        return this.entries.has(name);
    }

    getDefinition(name: string): ResourceDefinition | undefined {
        return this.entries.get(name)?.definition;
    }

    /** Resolves names the store does not own (components); the Runtime sets this. */
    setExternalScope(scope: Scope | undefined): void {
        this.external = scope;
    }

    /** Current value of a resource (formulas are computed on demand). Throws for an unknown name. */
    get(name: string): unknown {
        const entry = this.entries.get(name);
        if (!entry) {
            throw new Error(this.unknownMessage(name, 'resource'));
        }
        if (entry.dirty) {
            this.compute(name, entry);
        }
        return entry.value;
    }

    private compute(name: string, entry: Entry): void {
        const definition = entry.definition;
        /* c8 ignore next 3 -- cycles are rejected in the constructor; this guards external scopes that loop back */
        if (this.evaluating.has(name)) {
            throw new Error(`Formula cycle through '${name}'`);
        }
        this.evaluating.add(name);
        try {
            const raw = evaluate(entry.ast!, this, { now: this.now });
            const isCollection = definition.kind === 'variable' && definition.isCollection === true;
            entry.value = coerceValue(raw, definition.dataType, {
                isCollection,
                subject: `${definition.kind === 'formula' ? 'Formula' : 'Variable'} ${this.subject(definition)}`
            });
            entry.dirty = false;
        } catch (e) {
            const message = e instanceof Error ? e.message : String(e);
            throw new Error(
                definition.kind === 'formula'
                    ? `Formula '${name}' could not be computed: ${message}`
                    : `The initial value of '${name}' could not be computed: ${message}`
            );
        } finally {
            this.evaluating.delete(name);
        }
    }

    /**
     * Stores a variable's value after converting it to the variable's type. Throws for constants, formulas, unknown
     * names and values of the wrong type ("updatedCount is a Number variable; cannot store 'abc'").
     */
    set(name: string, value: unknown): void {
        const entry = this.entries.get(name);
        if (!entry) {
            throw new Error(this.unknownMessage(name, 'variable'));
        }
        const definition = entry.definition;
        if (definition.kind === 'constant') {
            throw new Error(`${name} is a constant; its value cannot be changed. Use a variable resource instead.`);
        }
        if (definition.kind === 'formula') {
            throw new Error(`${name} is a formula; its value is computed from its inputs and cannot be set.`);
        }
        const converted = coerceValue(value, definition.dataType, {
            isCollection: definition.isCollection,
            subject: this.subject(definition)
        });
        const previous = entry.value;
        if (entry.derived) {
            entry.derived = false;
            entry.dirty = false;
            entry.ast = undefined;
        } else if (previous === converted && !Array.isArray(converted)) {
            return;
        }
        entry.value = converted;
        this.changed([name]);
    }

    /** Sets a variable to null (or [] for a collection). */
    clear(name: string): void {
        this.set(name, null);
    }

    /** Replaces the page record ({!$Record.*}); dependents are recomputed on next read. */
    setRecord(record: Record<string, unknown> | null): void {
        this.record = record;
        this.changed([RECORD_GLOBAL]);
    }

    getRecord(): Record<string, unknown> | null {
        return this.record;
    }

    /** Replaces the running user's fields ({!$User.*}). */
    setUser(user: Record<string, unknown>): void {
        this.user = user;
        this.changed([USER_GLOBAL]);
    }

    getUser(): Record<string, unknown> {
        return this.user;
    }

    /** Marks formulas reading an external name (e.g. a component) stale and notifies listeners. */
    invalidate(name: string): void {
        this.changed([name]);
    }

    private changed(names: string[]): void {
        const all = new Set(names);
        const queue = [...names];
        while (queue.length) {
            const current = queue.shift()!;
            const dependents = this.dependents.get(current);
            if (!dependents) continue;
            for (const dependent of dependents) {
                if (all.has(dependent)) continue;
                const entry = this.entries.get(dependent)!;
                if (entry.derived) {
                    entry.dirty = true;
                    all.add(dependent);
                    queue.push(dependent);
                }
            }
        }
        const list = [...all];
        for (const listener of [...this.listeners]) {
            try {
                listener(list);
            } catch (e) {
                // A failing view listener must not undo or break the change itself.
                console.error('ResourceStore listener failed', e);
            }
        }
    }

    /** Calls `listener(changedNames)` after every change. Returns the unsubscribe function. */
    subscribe(listener: ChangeListener): () => void {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }

    /** Scope implementation: $Record.*, $User.*, resource[.field…], else the external scope. */
    resolve(path: string[]): unknown {
        const head = path[0];
        if (head === RECORD_GLOBAL) return path.length === 1 ? this.record : getPath(this.record, path, 1);
        if (head === USER_GLOBAL) return path.length === 1 ? this.user : getPath(this.user, path, 1);
        if (this.entries.has(head)) {
            const value = this.get(head);
            return path.length === 1 ? value : getPath(value, path, 1);
        }
        if (this.external) {
            return this.external.resolve(path);
        }
        throw new Error(this.unknownMessage(head, 'resource'));
    }

    /** Resolves a definition value (literal, merge field, template; formulas when options.formulas). */
    resolveValue(value: unknown, options: { formulas?: boolean } = {}): unknown {
        return resolveValue(value, this, { ...options, now: this.now });
    }

    /** Plain snapshot of every resource value (formulas computed). */
    snapshot(): Record<string, unknown> {
        const result: Record<string, unknown> = {};
        for (const name of this.entries.keys()) result[name] = this.get(name);
        return result;
    }

    /** Data type of a resource, or undefined. */
    dataTypeOf(name: string): DataType | undefined {
        return this.entries.get(name)?.definition.dataType;
    }

    private unknownMessage(name: string, what: 'resource' | 'variable'): string {
        const names = [...this.entries.keys()];
        const suggestion = suggestName(name, names);
        const known = names.length ? ` Known resources: ${names.join(', ')}.` : ' This definition has no resources.';
        return `Unknown ${what} '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}${known}`;
    }
}
