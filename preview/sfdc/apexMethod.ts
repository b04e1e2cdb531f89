/*
 * Every `@salesforce/apex/Class.method` import becomes createApexMethod('Class.method'): an imperative function
 * returning a Promise that POSTs the parameters to the preview server (/api/apex/Class.method), which runs the
 * preview backend (the same contract as the Apex controller) as the page's session (x-preview-as: admin | user, from
 * `?as=user`). window.__SFDC_MOCKS__.apex['Class.method'] overrides
 * it (tests, benchmark). Errors reject with the platform's shape: { status, body: { message, exceptionType }, ... }.
 * The function is also a callable wire adapter (fn.adapter), so @wire(apexMethod, {...}) works.
 */
import { mocks, previewAs, record } from './registry';

export interface ApexError {
    ok: false;
    status: number;
    statusText: string;
    body: { message: string; exceptionType: string; isUserDefinedException: boolean; stackTrace: string };
    headers: Record<string, string>;
}

function apexError(status: number, message: string, exceptionType = 'System.AuraHandledException'): ApexError {
    return {
        ok: false,
        status,
        statusText: status === 400 ? 'Bad Request' : 'Server Error',
        body: { message, exceptionType, isUserDefinedException: false, stackTrace: '' },
        headers: {}
    };
}

async function callServer(qualifiedName: string, params: unknown): Promise<unknown> {
    let res: Response;
    try {
        res = await fetch('/api/apex/' + encodeURIComponent(qualifiedName), {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-preview-as': previewAs() },
            body: JSON.stringify(params ?? {})
        });
    } catch (e) {
        throw apexError(0, 'The preview server is not reachable: ' + (e as Error).message, 'NetworkError');
    }
    const text = await res.text();
    const body = text ? JSON.parse(text) : {};
    if (!res.ok) throw apexError(res.status, body.message ?? text, body.exceptionType);
    return body.result;
}

function invoke(qualifiedName: string, params: unknown): Promise<unknown> {
    const m = mocks.apex[qualifiedName];
    if (m !== undefined) {
        try {
            return Promise.resolve(typeof m === 'function' ? (m as (p: unknown) => unknown)(params) : m);
        } catch (e) {
            return Promise.reject(e);
        }
    }
    return callServer(qualifiedName, params);
}

export function createApexMethod(qualifiedName: string) {
    function apexMethod(params?: unknown): Promise<unknown> {
        record('apex', { method: qualifiedName, params });
        const p = invoke(qualifiedName, params);
        p.then(
            () => record('apexResult', { method: qualifiedName, ok: true }),
            (e) => record('apexResult', { method: qualifiedName, ok: false, error: e })
        );
        return p;
    }
    class ApexWireAdapter {
        cb: (v: { data: unknown; error: unknown }) => void;
        seq = 0;
        constructor(cb: (v: { data: unknown; error: unknown }) => void) {
            this.cb = cb;
        }
        connect() {}
        disconnect() {
            this.seq++;
        }
        update(config: unknown) {
            const seq = ++this.seq;
            record('apexWire', { method: qualifiedName, params: config });
            invoke(qualifiedName, config).then(
                (data) => seq === this.seq && this.cb({ data, error: undefined }),
                (error) => seq === this.seq && this.cb({ data: undefined, error })
            );
        }
    }
    (apexMethod as unknown as { adapter: unknown }).adapter = ApexWireAdapter;
    return apexMethod;
}
