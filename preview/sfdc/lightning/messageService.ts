import { record } from '../registry';

type Listener = (message: unknown) => void;
interface Subscription {
    channel: unknown;
    listener: Listener;
}
const subs = new Map<unknown, Subscription[]>();

export class MessageContext {
    cb: (v: unknown) => void;
    constructor(cb: (v: unknown) => void) {
        this.cb = cb;
    }
    connect() {}
    disconnect() {}
    update() {
        this.cb({});
    }
}
export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export function publish(_ctx: unknown, channel: unknown, message: unknown): void {
    record('lms', { channel, message });
    (subs.get(channel) ?? []).forEach((s) => s.listener(message));
}
export function subscribe(_ctx: unknown, channel: unknown, listener: Listener): Subscription {
    const s = { channel, listener };
    subs.set(channel, [...(subs.get(channel) ?? []), s]);
    return s;
}
export function unsubscribe(s: Subscription | null): void {
    if (!s) return;
    subs.set(
        s.channel,
        (subs.get(s.channel) ?? []).filter((x) => x !== s)
    );
}
export function createMessageContext(): object {
    return {};
}
export function releaseMessageContext(): void {}
