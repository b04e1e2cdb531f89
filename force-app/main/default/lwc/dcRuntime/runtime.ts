/*
 * Runtime: one per rendered definition. Owns the ResourceStore, knows the registered components (tables register
 * a handle exposing their merge-field properties) and builds the Scope that expressions are evaluated in:
 *   {!resource…}                      → ResourceStore
 *   {!$Record.Field}, {!$User.Field}  → ResourceStore globals
 *   {!component.Property…}            → the registered component's getProperty(['Property', …])
 *   {!component.ActionRow.Field}      → the row a row action was clicked on (per dispatch)
 *   {!$Error.message|code|details}    → the error being handled (per dispatch, On Error chains)
 *   {!$Run.succeeded|failed|…}         → the finished chunked run (On Finish / On Error of a mode auto/async run)
 */
import { resolveValue, evaluateFormula, suggestName } from 'c/dcExpressions';
import type { ResolveOptions, Scope } from 'c/dcExpressions';
import type { DefinitionDocument } from 'c/dcDefinition';
import { getPath } from './dataTypes';
import { ResourceStore } from './store';
import type { ChangeListener } from './store';
import type { FlowRunView } from './apexContract';

/** What a component exposes to merge fields: getProperty(['SelectedRowsKeyValue']) etc. */
export interface ComponentHandle {
    getProperty(path: string[]): unknown;
}

/** The error in scope of an On Error chain. */
export interface ErrorInfo {
    message: string;
    code: string;
    details?: unknown[];
}

/** Per-dispatch additions to the scope. */
export interface ScopeExtras {
    /** Component the event came from (for ActionRow). */
    component?: string;
    /** The row of a row action: {!<component>.ActionRow.Field}. */
    actionRow?: Record<string, unknown> | null;
    /** The error handled by an On Error chain: {!$Error.message}. */
    error?: ErrorInfo | null;
    /** The finished run of a chunked Execute Flow, in its On Finish / On Error chain: {!$Run.succeeded}. */
    run?: FlowRunView | null;
    /**
     * A run the page follows again (after a reload, or retried): the executeFlow action whose id is the run's actionId
     * waits for this run instead of starting one, then continues its chain as if it had started it.
     */
    resumeRun?: FlowRunView | null;
}

export interface RuntimeOptions {
    record?: Record<string, unknown> | null;
    user?: Record<string, unknown>;
    now?: () => Date;
}

export const ERROR_GLOBAL = '$Error';
export const RUN_GLOBAL = '$Run';

export class Runtime {
    readonly definition: DefinitionDocument;
    readonly store: ResourceStore;
    readonly now: () => Date;
    private readonly components = new Map<string, ComponentHandle>();
    /** Names declared in the definition that are not resources: components and queries. */
    private readonly declared = new Set<string>();
    private readonly baseScope: Scope;

    /** Throws ResourceDefinitionError / DataTypeError for a bad resource list (validate definitions first). */
    constructor(definition: DefinitionDocument, options: RuntimeOptions = {}) {
        this.definition = definition;
        this.now = options.now ?? (() => new Date());
        for (const component of definition.components ?? []) this.declared.add(component.name);
        for (const query of definition.queries ?? []) this.declared.add(query.name);
        this.store = new ResourceStore(definition.resources ?? [], {
            record: options.record ?? null,
            user: options.user ?? {},
            now: this.now,
            external: { resolve: (path) => this.resolveExternal(path, {}) }
        });
        this.baseScope = this.createScope();
    }

    /** The definition's apiName (sent to Apex with executeFlow). */
    get definitionName(): string {
        return this.definition.apiName;
    }

    /**
     * Registers a component under its definition name. Formulas reading it are invalidated. Returns the
     * unregister function.
     */
    registerComponent(name: string, handle: ComponentHandle): () => void {
        this.components.set(name, handle);
        this.store.invalidate(name);
        return () => {
            if (this.components.get(name) === handle) {
                this.components.delete(name);
                this.store.invalidate(name);
            }
        };
    }

    getComponent(name: string): ComponentHandle | undefined {
        return this.components.get(name);
    }

    /** A component's state changed (e.g. its selection): formulas reading it recompute, listeners hear `name`. */
    componentChanged(name: string): void {
        this.store.invalidate(name);
    }

    setRecord(record: Record<string, unknown> | null): void {
        this.store.setRecord(record);
    }

    setUser(user: Record<string, unknown>): void {
        this.store.setUser(user);
    }

    /** Change notifications of resources, globals and components (names that changed). */
    subscribe(listener: ChangeListener): () => void {
        return this.store.subscribe(listener);
    }

    /** Scope for expressions, with optional per-dispatch extras (ActionRow, $Error). */
    createScope(extras: ScopeExtras = {}): Scope {
        return {
            resolve: (path: string[]) => {
                const head = path[0];
                if (head === ERROR_GLOBAL) {
                    if (!extras.error) {
                        throw new Error('{!$Error…} is only available in On Error actions.');
                    }
                    return path.length === 1 ? extras.error : getPath(extras.error, path, 1);
                }
                if (head === RUN_GLOBAL) {
                    if (!extras.run) {
                        throw new Error(
                            '{!$Run…} is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async.'
                        );
                    }
                    return path.length === 1 ? extras.run : getPath(extras.run, path, 1);
                }
                if (this.store.has(head) || head.startsWith('$')) {
                    return this.store.resolve(path);
                }
                return this.resolveExternal(path, extras);
            }
        };
    }

    private resolveExternal(path: string[], extras: ScopeExtras): unknown {
        const [head, property] = path;
        if (head === ERROR_GLOBAL) {
            throw new Error('{!$Error…} is only available in On Error actions, not in formulas.');
        }
        if (property === 'ActionRow' && (this.components.has(head) || this.declared.has(head))) {
            if (extras.component !== undefined && extras.component !== head) return null;
            const value = getPath(extras.actionRow ?? null, path, 2);
            return value === undefined ? null : value;
        }
        const handle = this.components.get(head);
        if (handle) {
            return path.length === 1 ? handle : handle.getProperty(path.slice(1));
        }
        if (this.declared.has(head)) {
            return null;
        }
        const known = [...this.store.names(), ...this.declared];
        const suggestion = suggestName(head, known);
        throw new Error(
            `Unknown resource or component '${head}' in {!${path.join('.')}}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`
        );
    }

    /** resolveValue over this runtime's scope (plus extras). */
    resolve(value: unknown, extras?: ScopeExtras, options: ResolveOptions = {}): unknown {
        const scope = extras ? this.createScope(extras) : this.baseScope;
        return resolveValue(value, scope, { now: this.now, ...options });
    }

    /** Evaluates a formula source over this runtime's scope (plus extras). */
    evaluate(source: string, extras?: ScopeExtras): unknown {
        const scope = extras ? this.createScope(extras) : this.baseScope;
        return evaluateFormula(source, scope, { now: this.now });
    }
}
