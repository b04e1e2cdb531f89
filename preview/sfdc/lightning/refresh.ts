// lightning/refresh: RefreshEvent bubbles to the page; registered handlers (the platform's refresh contract) run.
import { record } from '../registry';

export const REFRESH_COMPLETE = 'REFRESH_COMPLETE';
export const REFRESH_COMPLETE_WITH_ERRORS = 'REFRESH_COMPLETE_WITH_ERRORS';
export const REFRESH_ERROR = 'REFRESH_ERROR';

type Handler = () => Promise<unknown> | unknown;
const handlers = new Map<number, { element: EventTarget; handler: Handler }>();
let nextId = 1;

export class RefreshEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__refreshevent', { bubbles: true, composed: true, cancelable: true });
        record('refresh', {});
    }
}

export function registerRefreshHandler(element: EventTarget, handler: Handler): number {
    const id = nextId++;
    handlers.set(id, { element, handler });
    return id;
}
export function unregisterRefreshHandler(id: number): void {
    handlers.delete(id);
}
/** Called by the preview shell when a RefreshEvent reaches the page. */
export async function runRefreshHandlers(): Promise<string> {
    const results = await Promise.allSettled([...handlers.values()].map((h) => Promise.resolve(h.handler())));
    return results.some((r) => r.status === 'rejected') ? REFRESH_COMPLETE_WITH_ERRORS : REFRESH_COMPLETE;
}
(globalThis as unknown as { __SFDC_RUN_REFRESH__: () => Promise<string> }).__SFDC_RUN_REFRESH__ = runRefreshHandlers;
