// lightning/empApi: the preview server sends each Platform Event a flow run publishes on its server-sent event
// stream /api/events, under the event's API name, with the event's fields as JSON. subscribe() listens there and
// hands the callback what the Streaming API would: {channel, data: {payload, event: {replayId}}}.
import { record } from '../registry';

type Callback = (message: { channel: string; data: { payload: unknown; event: { replayId: number } } }) => void;
interface Subscription {
    id: number;
    channel: string;
    replayId: number;
}

const EVENT_PREFIX = '/event/';
let source: EventSource | null = null;
let nextId = 1;
let replayId = 0;
const listeners = new Map<number, { eventName: string; listener: (e: MessageEvent) => void }>();
const errorCallbacks: Array<(error: unknown) => void> = [];

function stream(): EventSource {
    if (!source) {
        source = new EventSource('/api/events');
        source.addEventListener('error', (error) => {
            // EventSource reconnects by itself; a closed stream is what the Streaming API reports as an error
            if (source?.readyState === EventSource.CLOSED) for (const callback of errorCallbacks) callback(error);
        });
    }
    return source;
}

export function isEmpEnabled(): Promise<boolean> {
    return Promise.resolve(typeof EventSource === 'function');
}

export function subscribe(channel: string, replay: number, callback: Callback): Promise<Subscription> {
    if (!channel.startsWith(EVENT_PREFIX)) {
        return Promise.reject(new Error(`The preview delivers Platform Events only (/event/…), not ${channel}.`));
    }
    const eventName = channel.slice(EVENT_PREFIX.length);
    const id = nextId++;
    const listener = (e: MessageEvent) => {
        let payload: unknown;
        try {
            payload = JSON.parse(String(e.data));
        } catch {
            return;
        }
        callback({ channel, data: { payload, event: { replayId: ++replayId } } });
    };
    stream().addEventListener(eventName, listener as EventListener);
    listeners.set(id, { eventName, listener });
    record('empApi.subscribe', { channel, replayId: replay });
    return Promise.resolve({ id, channel, replayId: replay });
}

export function unsubscribe(subscription: Subscription, callback?: (result: unknown) => void): Promise<boolean> {
    const entry = listeners.get(subscription?.id);
    if (entry && source) source.removeEventListener(entry.eventName, entry.listener as EventListener);
    listeners.delete(subscription?.id);
    record('empApi.unsubscribe', { channel: subscription?.channel });
    callback?.({ successful: Boolean(entry) });
    return Promise.resolve(Boolean(entry));
}

export function onError(callback: (error: unknown) => void): void {
    errorCallbacks.push(callback);
}

export function setDebugFlag(flag: boolean): Promise<boolean> {
    return Promise.resolve(flag);
}
