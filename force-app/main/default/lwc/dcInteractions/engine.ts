/*
 * InteractionEngine: events → matching interactions → ordered action lists.
 *
 * Semantics (documented for admins in the definition guide):
 * - Interactions matching an event run in definition order; their actions run one after the other (awaited).
 * - An action that succeeds runs its onFinish list, then the next action.
 * - An action that fails runs its onError list with {!$Error.message}, {!$Error.code}, {!$Error.details} in scope;
 *   without onError an error toast is shown (errors are never silent). Either way the remaining actions of that
 *   list are skipped.
 * - confirm: confirmed → onFinish; cancelled → onCancel and the remaining actions are skipped.
 *   openFlowDialog/openFlowPanel: FINISHED → outputs, onFinish; CLOSED → onClose, remaining actions skipped;
 *   ERROR → onError.
 * - Busy: while an interaction key (event:target:action) runs, isBusy(key) is true and a second dispatch of the
 *   same key is refused ({status:'busy'}); other interactions stay usable.
 * - Executors are registered by action type (registerExecutor), so new action types plug in without engine changes.
 * - Disabled interactions (setup problems inside interactions[i], see setDisabledInteractions) never run: a header or
 *   row action click that would trigger one is refused as a whole ({status:'disabled'}; its button is shown
 *   disabled), and a load, selectionChange or save event skips them and runs the others.
 * - save (a table saved inline edits and at least one row saved): target = the table, no action; the host has set
 *   {!table.LastSaveSavedCount} / {!table.LastSaveFailedCount} before it dispatches.
 */
import type { ErrorInfo, Runtime, ScopeExtras } from 'c/dcRuntime';
import { toText } from 'c/dcExpressions';
import type { ActionDefinition, InteractionDefinition } from 'c/dcDefinition';
import { ActionError, toErrorInfo } from './errors';
import { BUILT_IN_EXECUTORS } from './executors';
import type {
    ActionContext,
    ActionExecutor,
    ActionOutcome,
    ActionServices,
    BusyListener,
    DispatchResult,
    InteractionEngineOptions,
    InteractionEventPayload
} from './types';

/** What an end user is told about an action whose interaction has setup problems (admins see the setup panel). */
export const ACTION_NOT_SET_UP = "This action isn't set up correctly. Ask your admin.";

/** Events a user triggers with one control (a header action button, a row action menu item). */
const CLICK_EVENTS: ReadonlySet<string> = new Set(['headerActionClick', 'rowActionClick']);

/** Most actions one chain of overlapping dispatches may run (counted steps, not time). */
export const MAX_CHAIN_STEPS = 1000;

/** Interaction ids named in a CHAIN_LIMIT message before it is cut with "…". */
const CHAIN_TRAIL_SHOWN = 12;

/** Dispatches that overlap in time: actions that raise events, and the interactions those events run. */
interface Chain {
    steps: number;
    /** Ids of the interactions in the order they started. */
    trail: string[];
    /** Set once the limit is hit: the rest of the chain is skipped without further errors. */
    exceeded: boolean;
}

/** Key identifying the button/trigger of an interaction: "headerActionClick:contactsTable:setActive". */
export function interactionKey(event: { event: string; target?: string; action?: string }): string {
    return `${event.event}:${event.target ?? ''}:${event.action ?? ''}`;
}

const ERROR_TITLES: Record<string, string> = {
    executeFlow: 'The flow could not be run',
    openFlowDialog: 'The flow could not be completed',
    openFlowPanel: 'The flow could not be completed',
    refreshQueries: 'The data could not be refreshed',
    navigate: 'Could not open the page',
    setVariable: 'Could not update a value',
    showToast: 'Could not show a message',
    confirm: 'Could not ask for confirmation',
    exportCsv: 'The export could not be completed'
};

type ListResult = 'continue' | 'stop';

interface RunState {
    interaction: InteractionDefinition;
    event: InteractionEventPayload;
    errors: ErrorInfo[];
    chain: Chain;
}

export class InteractionEngine {
    readonly runtime: Runtime;
    readonly services: ActionServices;
    readonly definitionName: string;
    private readonly interactions: InteractionDefinition[];
    private readonly executors = new Map<string, ActionExecutor>();
    private readonly busy = new Set<string>();
    private readonly busyListeners = new Set<BusyListener>();
    /** Positions (in `interactions`) of the interactions that must not run. */
    private disabled = new Set<number>();
    /** The chain of the dispatches running now (null when none runs). */
    private chain: Chain | null = null;
    private running = 0;

    constructor(options: InteractionEngineOptions) {
        this.runtime = options.runtime;
        this.services = options.services;
        this.interactions = options.interactions ?? options.runtime.definition.interactions ?? [];
        this.definitionName = options.definitionName ?? options.runtime.definitionName;
        if (options.disabledInteractions) this.setDisabledInteractions(options.disabledInteractions);
        if (options.onBusyChange) this.busyListeners.add(options.onBusyChange);
        if (options.builtInExecutors !== false) {
            for (const [type, executor] of Object.entries(BUILT_IN_EXECUTORS)) {
                this.registerExecutor(type, executor);
            }
        }
    }

    /** Registers (or replaces) the executor of an action type. */
    registerExecutor<A extends ActionDefinition>(type: string, executor: ActionExecutor<A>): void {
        this.executors.set(type, executor as unknown as ActionExecutor);
    }

    hasExecutor(type: string): boolean {
        return this.executors.has(type);
    }

    /**
     * Tells the engine which interactions must not run: positions in its interactions (the definition's
     * `interactions[i]`), typically those with setup problems. Replaces the previous set.
     */
    setDisabledInteractions(indexes: Iterable<number>): void {
        this.disabled = new Set([...indexes].filter((i) => Number.isInteger(i) && i >= 0));
    }

    /** Positions of the disabled interactions, ascending. */
    disabledInteractions(): number[] {
        return [...this.disabled].sort((a, b) => a - b);
    }

    /** True when the interaction (or the one at this position) is disabled. */
    isInteractionDisabled(interaction: InteractionDefinition | number): boolean {
        const index = typeof interaction === 'number' ? interaction : this.interactions.indexOf(interaction);
        return index >= 0 && this.disabled.has(index);
    }

    /**
     * True when the event would trigger a disabled interaction: the control that raises it (header action button,
     * row action menu item) is shown disabled, and for those click events dispatch refuses it.
     */
    isDisabled(event: InteractionEventPayload): boolean {
        return this.interactions.some((interaction, index) => this.disabled.has(index) && triggers(interaction, event));
    }

    /** Interactions that an event triggers, in definition order (disabled ones left out: they never run). */
    matching(event: InteractionEventPayload): InteractionDefinition[] {
        return this.interactions.filter(
            (interaction, index) => !this.disabled.has(index) && triggers(interaction, event)
        );
    }

    /** True while the interaction(s) of this key (or event) run. */
    isBusy(keyOrEvent: string | InteractionEventPayload): boolean {
        return this.busy.has(typeof keyOrEvent === 'string' ? keyOrEvent : interactionKey(keyOrEvent));
    }

    /** Keys currently running. */
    busyKeys(): string[] {
        return [...this.busy];
    }

    /** Calls listener(key, busy) when a key starts or stops running. Returns the unsubscribe function. */
    onBusyChange(listener: BusyListener): () => void {
        this.busyListeners.add(listener);
        return () => {
            this.busyListeners.delete(listener);
        };
    }

    private setBusy(key: string, busy: boolean): void {
        if (busy) this.busy.add(key);
        else this.busy.delete(key);
        for (const listener of [...this.busyListeners]) {
            try {
                listener(key, busy);
            } catch (e) {
                // A broken listener must not break the interaction.
                console.error('Busy listener failed', e);
            }
        }
    }

    /** Runs the interactions matching the event. Never rejects: failures are handled (onError or a toast). */
    async dispatch(event: InteractionEventPayload): Promise<DispatchResult> {
        const key = interactionKey(event);
        if (this.busy.has(key)) {
            return { status: 'busy', interactions: [], errors: [] };
        }
        const disabled = this.isDisabled(event);
        // a click runs all of its interactions or none: half of what the button does would be worse than nothing
        const interactions = disabled && CLICK_EVENTS.has(event.event) ? [] : this.matching(event);
        if (!interactions.length) {
            return { status: disabled ? 'disabled' : 'ignored', interactions: [], errors: [] };
        }
        const errors: ErrorInfo[] = [];
        this.setBusy(key, true);
        const chain = this.enterChain();
        try {
            for (const interaction of interactions) {
                // Interactions run in definition order, one after the other.
                const extras: ScopeExtras = { component: event.target, actionRow: event.row ?? null };
                chain.trail.push(String(interaction.id));
                // eslint-disable-next-line no-await-in-loop
                await this.runList(interaction.do, { interaction, event, errors, chain }, extras);
            }
        } finally {
            this.leaveChain();
            this.setBusy(key, false);
        }
        return { status: errors.length ? 'failed' : 'completed', interactions: interactions.map((i) => i.id), errors };
    }

    /**
     * Runs an action list in a given interaction context (used by dispatch; available to hosts for "run these
     * actions now", e.g. a flow dialog's own finish handler). Returns the errors that occurred.
     */
    async runActions(
        actions: ActionDefinition[],
        interaction: InteractionDefinition,
        event: InteractionEventPayload,
        extras: ScopeExtras = {}
    ): Promise<ErrorInfo[]> {
        const errors: ErrorInfo[] = [];
        if (this.isInteractionDisabled(interaction)) {
            errors.push({
                code: 'INTERACTION_DISABLED',
                message: `Interaction '${interaction.id}' has setup problems and does not run. ${ACTION_NOT_SET_UP}`,
                details: []
            });
            return errors;
        }
        const chain = this.enterChain();
        chain.trail.push(String(interaction.id));
        try {
            await this.runList(actions, { interaction, event, errors, chain }, extras);
        } finally {
            this.leaveChain();
        }
        return errors;
    }

    /** Actions run by the chain running now (0 when none runs). */
    chainSteps(): number {
        return this.chain?.steps ?? 0;
    }

    private enterChain(): Chain {
        this.running++;
        if (!this.chain) this.chain = { steps: 0, trail: [], exceeded: false };
        return this.chain;
    }

    private leaveChain(): void {
        this.running--;
        if (this.running <= 0) {
            this.running = 0;
            this.chain = null;
        }
    }

    /** Counts one step; false (after reporting CHAIN_LIMIT once) when the chain has used up its steps. */
    private step(state: RunState): boolean {
        const chain = state.chain;
        if (chain.exceeded) return false;
        chain.steps++;
        if (chain.steps <= MAX_CHAIN_STEPS) return true;
        chain.exceeded = true;
        const shown = chain.trail.slice(0, CHAIN_TRAIL_SHOWN).join(' → ');
        const error: ErrorInfo = {
            code: 'CHAIN_LIMIT',
            message:
                `Interaction chain exceeded ${MAX_CHAIN_STEPS} steps: ${shown}${chain.trail.length > CHAIN_TRAIL_SHOWN ? ' …' : ''}. ` +
                'Actions that raise events run further interactions; make sure those interactions do not trigger each other in a circle.',
            details: [...chain.trail]
        };
        state.errors.push(error);
        this.toast('The action could not be completed', error, 'Interaction chain');
        return false;
    }

    private async runList(
        actions: ActionDefinition[] | undefined,
        state: RunState,
        extras: ScopeExtras
    ): Promise<ListResult> {
        if (actions !== undefined && actions !== null && !Array.isArray(actions)) {
            // only a definition with setup problems gets here (those interactions are normally disabled)
            const error = toErrorInfo(
                new ActionError(
                    'INVALID_ACTION',
                    `An action list of interaction '${String(state.interaction.id)}' is not a list.`
                )
            );
            state.errors.push(error);
            this.toast('The action could not be completed', error, 'Action list');
            return 'stop';
        }
        for (const action of actions ?? []) {
            // Actions are sequential by design: each waits for the previous one (and its chains).
            // eslint-disable-next-line no-await-in-loop
            if ((await this.runAction(action, state, extras)) === 'stop') {
                return 'stop';
            }
        }
        return 'continue';
    }

    private context(state: RunState, extras: ScopeExtras): ActionContext {
        const runtime = this.runtime;
        const scope = runtime.createScope(extras);
        return {
            runtime,
            services: this.services,
            definitionName: this.definitionName,
            interaction: state.interaction,
            event: state.event,
            extras,
            scope,
            resolve: (value, options) => runtime.resolve(value, extras, options),
            resolveText: (value) => {
                return value === null || value === undefined ? '' : toText(runtime.resolve(value, extras));
            }
        };
    }

    private async runAction(action: ActionDefinition, state: RunState, extras: ScopeExtras): Promise<ListResult> {
        if (!this.step(state)) return 'stop';
        let outcome: ActionOutcome;
        try {
            if (!isAction(action)) {
                throw new ActionError(
                    'INVALID_ACTION',
                    `An action of interaction '${String(state.interaction.id)}' is not an object with a type.`
                );
            }
            const executor = this.executors.get(action.type);
            if (!executor) {
                throw new ActionError(
                    'UNKNOWN_ACTION',
                    `Unknown action type '${action.type}'. Known types: ${[...this.executors.keys()].join(', ')}.`
                );
            }
            outcome = await executor(action, this.context(state, extras));
        } catch (e) {
            const error = toErrorInfo(e);
            state.errors.push(error);
            await this.handleError(action, error, state, extras);
            return 'stop';
        }
        if (outcome && outcome.next === 'branch') {
            const result = await this.runList(
                outcome.actions,
                state,
                outcome.extras ? { ...extras, ...outcome.extras } : extras
            );
            return outcome.stop ? 'stop' : result;
        }
        return this.runList(action.onFinish, state, extras);
    }

    private async handleError(
        action: ActionDefinition,
        error: ErrorInfo,
        state: RunState,
        extras: ScopeExtras
    ): Promise<void> {
        const valid = isAction(action);
        if (
            valid &&
            action.onError !== undefined &&
            action.onError !== null &&
            (action.onError as unknown[]).length !== 0
        ) {
            await this.runList(action.onError, state, { ...extras, error });
            return;
        }
        // own keys only: an action type such as 'constructor' must not pick up Object.prototype members
        const title =
            valid && Object.prototype.hasOwnProperty.call(ERROR_TITLES, action.type)
                ? ERROR_TITLES[action.type]
                : undefined;
        this.toast(title ?? 'The action could not be completed', error, `Action ${valid ? action.type : '(invalid)'}`);
    }

    /** An error toast; `what` names the failed part in the console when the toast service itself fails. */
    private toast(title: string, error: ErrorInfo, what: string): void {
        try {
            this.services.showToast({ title, message: error.message, variant: 'error', mode: 'sticky' });
        } catch (e) {
            // Last resort: the toast service itself failed; keep the error visible in the console.
            console.error(`${what} failed: ${error.message}`, e);
        }
    }
}

/** An action object with a text type (anything else reaches the engine only from a definition with problems). */
function isAction(action: unknown): action is ActionDefinition {
    return typeof action === 'object' && action !== null && typeof (action as { type?: unknown }).type === 'string';
}

/** Whether an interaction listens to this event (tolerates a malformed `on` of an interaction with problems). */
function triggers(interaction: InteractionDefinition | undefined, event: InteractionEventPayload): boolean {
    const on = interaction?.on;
    if (!on || typeof on !== 'object' || on.event !== event.event) return false;
    if (event.event === 'load') return true;
    if (on.target !== undefined && on.target !== event.target) return false;
    return on.action === undefined || on.action === event.action;
}
