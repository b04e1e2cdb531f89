/*
 * What c-dynamic-component needs to follow chunked runs besides the RunWatcher: finding the Execute Flow action a
 * run belongs to (to continue its chain after a reload or a retry), the label its progress shows, and the
 * lightning/empApi subscription to the run's Platform Event.
 */
import { subscribe, unsubscribe, onError, isEmpEnabled } from 'lightning/empApi';
import { RUN_EVENT_CHANNEL } from 'c/dcRuntime';
import type { FlowRunEventPayload, FlowRunView } from 'c/dcRuntime';
import type {
    ActionDefinition,
    DataTableDefinition,
    DefinitionDocument,
    ExecuteFlowAction,
    InteractionDefinition
} from 'c/dcDefinition';

export interface RunAction {
    interaction: InteractionDefinition;
    action: ExecuteFlowAction;
}

/** The nested action lists an action can hold (its chains). */
const CHAIN_KEYS = ['onFinish', 'onError', 'onClose'] as const;

function findInList(actions: unknown, actionId: string): ExecuteFlowAction | null {
    if (!Array.isArray(actions)) return null;
    for (const action of actions as ActionDefinition[]) {
        if (!action || typeof action !== 'object') continue;
        if (action.type === 'executeFlow' && String((action as ExecuteFlowAction).id) === actionId) {
            return action as ExecuteFlowAction;
        }
        for (const key of CHAIN_KEYS) {
            const found = findInList((action as unknown as Record<string, unknown>)[key], actionId);
            if (found) return found;
        }
    }
    return null;
}

/** The interaction and Execute Flow action a run was started by; null when the definition no longer has them. */
export function findRunAction(
    definition: DefinitionDocument | undefined,
    run: Pick<FlowRunView, 'interactionId' | 'actionId'>
): RunAction | null {
    const interaction = (definition?.interactions ?? []).find((i) => String(i.id) === run.interactionId);
    const action = interaction ? findInList(interaction.do, run.actionId) : null;
    return interaction && action ? { interaction, action } : null;
}

/** Whether any Execute Flow action of the definition can run in chunks (the page then follows runs). */
export function hasChunkedActions(definition: DefinitionDocument | undefined): boolean {
    const visit = (actions: unknown): boolean =>
        Array.isArray(actions) &&
        (actions as ActionDefinition[]).some(
            (action) =>
                Boolean(action) &&
                ((action.type === 'executeFlow' &&
                    ((action as ExecuteFlowAction).mode === 'auto' ||
                        (action as ExecuteFlowAction).mode === 'async')) ||
                    CHAIN_KEYS.some((key) => visit((action as unknown as Record<string, unknown>)[key])))
        );
    return (definition?.interactions ?? []).some((interaction) => visit(interaction.do));
}

/** What a run's progress is titled: the header or row action's label the user clicked, else the flow's name. */
export function runLabel(definition: DefinitionDocument | undefined, run: FlowRunView): string {
    const found = findRunAction(definition, run);
    if (!found) return '';
    const { target, action: buttonName } = found.interaction.on;
    const table = (definition?.components ?? []).find((c) => c.name === target) as DataTableDefinition | undefined;
    const buttons = [...(table?.headerActions ?? []), ...(table?.rowActions ?? [])];
    const button = buttonName ? buttons.find((b) => b.name === buttonName) : undefined;
    return button?.label || found.action.flowApiName;
}

interface EmpSubscription {
    id?: unknown;
    channel?: string;
}

/**
 * The subscription to Dynamic_Component_Run_Event__e. start() resolves true when events will arrive (the watcher
 * then polls only as a safety net) and false when empApi is unavailable (a page outside Lightning Experience, a
 * user without the Streaming API) or the subscription fails: polling carries the progress then. onError of empApi
 * (a dropped CometD connection) reports live = false.
 */
export class RunEventSubscription {
    private subscription: EmpSubscription | null = null;
    private stopped = false;

    async start(onEvent: (payload: FlowRunEventPayload) => void, onLive: (live: boolean) => void): Promise<boolean> {
        this.stopped = false;
        try {
            if (!(await isEmpEnabled())) return false;
            onError(() => onLive(false));
            // replay -1: only new events; the page reads the current state with getFlowRun / listFlowRuns
            const subscription = (await subscribe(RUN_EVENT_CHANNEL, -1, (message: unknown) => {
                const payload = (message as { data?: { payload?: FlowRunEventPayload } })?.data?.payload;
                if (payload && typeof payload.Run_Id__c === 'string') onEvent(payload);
            })) as EmpSubscription | null;
            if (!subscription) return false;
            if (this.stopped) {
                await unsubscribe(subscription, () => undefined);
                return false;
            }
            this.subscription = subscription;
            onLive(true);
            return true;
        } catch {
            return false;
        }
    }

    stop(): void {
        this.stopped = true;
        const subscription = this.subscription;
        this.subscription = null;
        if (subscription) unsubscribe(subscription, () => undefined).catch(() => undefined);
    }

    get active(): boolean {
        return this.subscription !== null;
    }
}
