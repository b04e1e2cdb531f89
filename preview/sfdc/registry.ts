/*
 * Browser-side registry shared by the preview's stand-ins for Salesforce-only modules.
 *  - window.__SFDC_CALLS__: log of toasts, navigations, Apex calls, refreshes, flow events (tests read it)
 *  - window.__SFDC_MOCKS__: optional overrides set before the bundle loads (apex methods, wire data, module values)
 * Every recorded call is also dispatched as a window event `sfdc:<kind>` so the preview shell can show it.
 */
export interface SfdcCall {
    kind: string;
    payload: unknown;
    t: number;
}
export interface SfdcMocks {
    apex: Record<string, unknown>;
    wire: Record<string, unknown>;
    modules: Record<string, unknown>;
    user?: Record<string, unknown>;
}
interface SfdcGlobal {
    __SFDC_MOCKS__?: SfdcMocks;
    __SFDC_CALLS__?: SfdcCall[];
}

const g = globalThis as unknown as SfdcGlobal & typeof globalThis;
const existing = g.__SFDC_MOCKS__;
export const mocks: SfdcMocks = (g.__SFDC_MOCKS__ = {
    apex: existing?.apex ?? {},
    wire: existing?.wire ?? {},
    modules: existing?.modules ?? {},
    user: existing?.user
});
export const calls: SfdcCall[] = (g.__SFDC_CALLS__ = g.__SFDC_CALLS__ ?? []);

export function record(kind: string, payload: unknown): void {
    calls.push({ kind, payload, t: performance.now() });
    g.dispatchEvent(new CustomEvent('sfdc:' + kind, { detail: payload }));
}

export function moduleOverride<T>(spec: string, fallback: T): T {
    return spec in mocks.modules ? (mocks.modules[spec] as T) : fallback;
}

export type PreviewAs = 'admin' | 'user';

/**
 * Who the page runs as: `?as=user` in the page's address renders it as an end user (no Customize Application, no
 * builder permission); anything else as the preview's admin. The Apex stand-in sends it to the server
 * (x-preview-as header) so the backend answers as the same session.
 */
export function previewAs(): PreviewAs {
    const search = typeof location === 'undefined' ? '' : location.search;
    return new URLSearchParams(search).get('as') === 'user' ? 'user' : 'admin';
}

/** `@salesforce/userPermission/*` and `@salesforce/customPermission/*`: granted to the admin, not to an end user. */
export function previewPermission(spec: string): boolean {
    return moduleOverride(spec, previewAs() === 'admin');
}

/** The preview's running user (the same user the backend uses for $User). */
export const DEFAULT_USER: Record<string, unknown> = {
    Id: '005000000000001AAA',
    FirstName: 'Pat',
    LastName: 'Preview',
    Name: 'Pat Preview',
    Email: 'pat.preview@example.com',
    Username: 'pat.preview@example.com',
    isGuest: false
};

export function previewUser(field: string): unknown {
    const spec = '@salesforce/user/' + field;
    if (spec in mocks.modules) return mocks.modules[spec];
    const user = { ...DEFAULT_USER, ...(mocks.user ?? {}) };
    return user[field] ?? null;
}

/** LWC wire adapter (class protocol) fed by mocks.wire[name] (a value, a promise or a function of the config). */
export function createMockWireAdapter(name: string) {
    const live = new Set<MockWireAdapter>();
    class MockWireAdapter {
        cb: (v: { data: unknown; error: unknown }) => void;
        config: unknown;
        constructor(dataCallback: (v: { data: unknown; error: unknown }) => void) {
            this.cb = dataCallback;
        }
        connect() {
            live.add(this);
        }
        disconnect() {
            live.delete(this);
        }
        update(config: unknown) {
            this.config = config;
            const m = mocks.wire[name];
            let r: unknown;
            try {
                r = typeof m === 'function' ? (m as (c: unknown) => unknown)(config) : m;
            } catch (e) {
                this.cb({ data: undefined, error: e });
                return;
            }
            if (r === undefined) {
                this.cb({ data: undefined, error: undefined });
                return;
            }
            Promise.resolve(r).then(
                (data) => this.cb({ data, error: undefined }),
                (error) => this.cb({ data: undefined, error })
            );
        }
        static emit(data: unknown) {
            live.forEach((i) => i.cb({ data, error: undefined }));
        }
        static error(error: unknown) {
            live.forEach((i) => i.cb({ data: undefined, error }));
        }
    }
    return MockWireAdapter;
}
