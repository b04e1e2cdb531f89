/*
 * The local preview server (127.0.0.1 only): the page, the built bundle, SLDS assets, and the backend reached by the
 * in-browser Apex stand-in (POST /api/apex/<Class.method>: DynamicComponentController.* → the preview controller,
 * DynamicComponentBuilderController.* → the builder backend). Each Apex call runs as the session the page asks for
 * with the `x-preview-as` header: `admin` (default) or `user` (an end user: no Customize Application, no builder
 * permission). Also: GET /api/definitions, GET /api/sample-records, POST /api/ui/getRecord (lightning/uiRecordApi
 * getRecord), POST /api/ui/getPicklistValuesByRecordType (lightning/uiObjectInfoApi), GET /api/events (server-sent events: reload after a rebuild), POST /api/reset (fresh sample data),
 * GET /api/records/<Object> (the store's records, for tests), POST /api/test/fail-next-save {message} (the next
 * builder save fails like a Metadata deploy error, for tests), POST /api/test/record-error {recordId, code, message,
 * fields} (every write of that record fails with it: ENTITY_IS_LOCKED, DUPLICATES_DETECTED, ...) and
 * POST /api/test/hide-from-user {recordId} (the end user no longer sees that record), POST /api/test/fail-ids
 * {recordIds, message?} (every write of those records fails: a flow run faults on their chunk, for the failure and
 * retry paths) and POST /api/test/clear-fail-ids (removes every injected record error, so a retry succeeds);
 * at scale: POST /api/test/seed {object: "Contact", count, values?} → {created, ids} (count Contacts "Seed Contact
 * 00001"…, write counts reset), GET /api/test/write-counts?object=Contact → {object, records, byWrites: {"0": n,
 * "1": n, …}} (committed updates per record since the seed: a rolled-back chunk's do not count) and
 * POST /api/test/run-delay {ms} (each chunk of a flow run waits that long: slow enough to cancel or reload).
 * Flow run progress (DynamicComponentController.startFlowRun, backend/flowRuns.ts) is sent on /api/events as
 * `Dynamic_Component_Run_Event__e` events whose data is the platform event's fields as JSON.
 *
 *   tsx preview/server.ts [--port 3344] [--prod]     (serves an existing bundle; scripts/start.ts builds + watches)
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { createBackend, type Backend, type BackendOptions } from './backend';
import { ServiceError, toServiceError } from './backend/errors';
import {
    createBuilder,
    SESSION_HEADER,
    sessionFromHeader,
    type BuilderController,
    type PreviewSession
} from './backend/builder';
import { getUiRecord, uiRecordRequest } from './backend/uiRecord';
import { RUN_EVENT } from './backend/flowRuns';
import { seedRecords } from './backend/seed';
import { getPicklistValuesByRecordType, picklistRequest } from './backend/uiObjectInfo';

const ROOT = path.resolve(__dirname, '..');
const BUILDER_CLASS = 'DynamicComponentBuilderController.';
const SLDS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png',
    '.json': 'application/json'
};

export interface ServerOptions extends BackendOptions {
    port?: number;
    host?: string;
    /** Folder holding app.js (preview/dist/<mode>/app) */
    bundleDir: string;
    /** Resolves when the bundle can be served (watch mode: the first build). */
    bundleReady?: Promise<unknown>;
    quiet?: boolean;
    /** How long a builder save's simulated deploy runs (ms, default 300). */
    saveDelayMs?: number;
}

export interface PreviewServer {
    url: string;
    backend: Backend;
    builder: BuilderController;
    reload(): void;
    buildError(message: string): void;
    close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
    const text = type === 'application/json' ? JSON.stringify(body) : String(body);
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(text);
}

function sendFile(res: http.ServerResponse, file: string): boolean {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return false;
    res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store'
    });
    fs.createReadStream(file).pipe(res);
    return true;
}

function inside(dir: string, rel: string): string | undefined {
    const f = path.normalize(path.join(dir, rel));
    return f.startsWith(dir + path.sep) ? f : undefined;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
}

export function sampleRecords(backend: Backend): { id: string; objectApiName: string; name: string }[] {
    const accounts = backend.store.all('Account').slice(0, 20);
    const contacts = backend.store.all('Contact').slice(0, 5);
    return [...accounts, ...contacts].map((r) => ({
        id: r.Id,
        objectApiName: backend.schema.objectOfId(r.Id)?.name ?? '',
        name: String(r.Name ?? r.Id)
    }));
}

export function startServer(options: ServerOptions): Promise<PreviewServer> {
    const clients = new Set<http.ServerResponse>();
    // flow run progress goes to the page as the platform event's name on the server-sent event stream
    const attach = (b: Backend): Backend => {
        b.controller.flowRuns.onEvent = (e) => broadcast(RUN_EVENT, JSON.stringify(e));
        return b;
    };
    let backend = attach(createBackend(options));
    const builder = createBuilder(() => backend, options);
    const appDir = path.join(__dirname, 'app');

    const handleApex = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
        let params: Record<string, unknown> = {};
        let session: PreviewSession;
        try {
            session = sessionFromHeader(req.headers[SESSION_HEADER]);
        } catch (e) {
            return send(res, 400, { message: (e as Error).message, exceptionType: 'System.IllegalArgumentException' });
        }
        try {
            const body = await readBody(req);
            params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
            return send(res, 400, { message: 'The request body is not JSON.', exceptionType: 'System.JSONException' });
        }
        if (!params || typeof params !== 'object' || Array.isArray(params)) {
            return send(res, 400, {
                message: 'The request body must be a JSON object of parameters.',
                exceptionType: 'System.JSONException'
            });
        }
        try {
            let result: unknown;
            if (name.startsWith(BUILDER_CLASS)) {
                result = await builder.call(name.slice(BUILDER_CLASS.length), params, session);
            } else {
                // the session is the controller's third parameter (canCustomize of getDefinition, ...)
                const call: (n: string, p: Record<string, unknown>, s: PreviewSession) => unknown =
                    backend.controller.call.bind(backend.controller);
                result = call(name, params, session);
            }
            send(res, 200, { result });
        } catch (e) {
            // AuraHandledException: the message is the JSON text of {code, message, details}; an unexpected failure
            // becomes UNEXPECTED with a reference, its text only for admins (as the Apex controller does)
            const error = toServiceError(e, session, (line) => {
                if (!options.quiet) console.error(`preview: ${name} failed: ${line}`);
            });
            send(res, 400, { message: JSON.stringify(error.toJSON()), exceptionType: 'System.AuraHandledException' });
        }
    };

    const server = http.createServer(async (req, res) => {
        let p: string;
        try {
            p = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
        } catch {
            return send(res, 400, { message: `The request path is not a valid URL path: ${String(req.url)}` });
        }
        try {
            if (req.method === 'POST' && p.startsWith('/api/apex/'))
                return await handleApex(req, res, p.slice('/api/apex/'.length));
            if (req.method === 'POST' && p === '/api/reset') {
                backend.controller.flowRuns.dispose();
                backend = attach(createBackend(options));
                builder.reset();
                return send(res, 200, { ok: true });
            }
            if (req.method === 'POST' && p === '/api/test/fail-next-save') {
                let body: { message?: unknown };
                try {
                    body = JSON.parse((await readBody(req)) || '{}') as { message?: unknown };
                } catch {
                    return send(res, 400, { message: 'The request body is not JSON: send {"message": "..."}.' });
                }
                if (typeof body?.message !== 'string' || !body.message.trim()) {
                    return send(res, 400, {
                        message:
                            'Send {"message": "<the deploy error to report>"}: the next builder save fails with it.'
                    });
                }
                builder.failNextSave(body.message.trim());
                return send(res, 200, { ok: true });
            }
            if (req.method === 'POST' && p === '/api/test/seed') {
                let body: { object?: unknown; count?: unknown; values?: unknown };
                try {
                    body = JSON.parse((await readBody(req)) || '{}') as typeof body;
                } catch {
                    return send(res, 400, { message: 'The request body is not JSON.' });
                }
                const values =
                    body.values && typeof body.values === 'object' && !Array.isArray(body.values)
                        ? (body.values as Record<string, unknown>)
                        : {};
                try {
                    const seeded = seedRecords(
                        backend.store,
                        String(body.object ?? 'Contact'),
                        Number(body.count),
                        values
                    );
                    return send(res, 200, seeded);
                } catch (e) {
                    if (!(e instanceof ServiceError)) throw e;
                    return send(res, 400, e.toJSON());
                }
            }
            if (req.method === 'GET' && p === '/api/test/write-counts') {
                const obj = new URL(req.url ?? '/', 'http://localhost').searchParams.get('object') ?? 'Contact';
                if (!backend.schema.object(obj)) return send(res, 404, { message: `No object ${obj}` });
                return send(res, 200, {
                    object: obj,
                    records: backend.store.count(obj),
                    byWrites: backend.store.writeCounts(obj)
                });
            }
            if (req.method === 'POST' && p === '/api/test/run-delay') {
                let body: { ms?: unknown };
                try {
                    body = JSON.parse((await readBody(req)) || '{}') as typeof body;
                } catch {
                    return send(res, 400, { message: 'The request body is not JSON.' });
                }
                const ms = Number(body.ms);
                if (!Number.isFinite(ms) || ms < 0 || ms > 5000) {
                    return send(res, 400, {
                        message: 'Send {"ms": <0 to 5000>}: each chunk of a flow run waits that long.'
                    });
                }
                backend.controller.flowRuns.chunkDelayMs = ms;
                return send(res, 200, { ok: true });
            }
            if (req.method === 'POST' && p === '/api/test/fail-ids') {
                // fault injection for flow runs: every write of these records fails, so the flow faults on them
                let body: { recordIds?: unknown; message?: unknown };
                try {
                    body = JSON.parse((await readBody(req)) || '{}') as { recordIds?: unknown; message?: unknown };
                } catch {
                    return send(res, 400, { message: 'The request body is not JSON.' });
                }
                const ids = Array.isArray(body?.recordIds) ? body.recordIds : null;
                const unknown = ids?.find((id) => typeof id !== 'string' || !backend.store.byId(id));
                if (!ids || unknown !== undefined)
                    return send(res, 400, {
                        message: `Send {"recordIds": ["<Ids of the sample data>"], "message": "<optional fault text>"}${unknown !== undefined ? `; ${JSON.stringify(unknown)} is not an Id of the sample data` : ''}: every write of those records then fails, and a flow run faults on their chunk (POST /api/test/clear-fail-ids removes it).`
                    });
                const message =
                    typeof body.message === 'string' && body.message.trim() ? body.message.trim() : 'FAIL_FLOW';
                for (const id of ids as string[])
                    backend.store.recordErrors.set(id, {
                        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                        message,
                        fields: []
                    });
                return send(res, 200, { ok: true, count: ids.length });
            }
            if (req.method === 'POST' && p === '/api/test/clear-fail-ids') {
                backend.store.recordErrors.clear();
                return send(res, 200, { ok: true });
            }
            if (req.method === 'POST' && (p === '/api/test/record-error' || p === '/api/test/hide-from-user')) {
                let body: Record<string, unknown>;
                try {
                    body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
                } catch {
                    return send(res, 400, { message: 'The request body is not JSON.' });
                }
                const recordId = typeof body?.recordId === 'string' ? body.recordId : '';
                if (!backend.store.byId(recordId))
                    return send(res, 400, {
                        message: `Send {"recordId": "<an Id of the sample data>"}, not ${JSON.stringify(body?.recordId ?? null)}.`
                    });
                if (p === '/api/test/hide-from-user') {
                    backend.controller.hiddenFromUser.add(recordId);
                    return send(res, 200, { ok: true });
                }
                const { code, message, fields } = body as { code?: unknown; message?: unknown; fields?: unknown };
                if (
                    typeof code !== 'string' ||
                    !/^[A-Z_]+$/.test(code) ||
                    typeof message !== 'string' ||
                    !message.trim()
                )
                    return send(res, 400, {
                        message:
                            'Send {"recordId": "...", "code": "ENTITY_IS_LOCKED", "message": "<the platform message>", "fields": []}: every save of that record then fails with it.'
                    });
                backend.store.recordErrors.set(recordId, {
                    statusCode: code,
                    message: message.trim(),
                    fields: Array.isArray(fields) ? fields.map(String) : []
                });
                return send(res, 200, { ok: true });
            }
            if (req.method === 'POST' && p === '/api/ui/getRecord') {
                // UI API errors: [{errorCode, message}] in the platform, {errorCode, message} here
                let body: unknown;
                try {
                    body = JSON.parse((await readBody(req)) || '{}');
                } catch {
                    return send(res, 400, {
                        errorCode: 'INVALID_REQUEST',
                        message: 'The request body is not JSON: send {"recordId": "...", "fields": ["Object.Field"]}.'
                    });
                }
                try {
                    const { recordId, fields } = uiRecordRequest(body);
                    return send(res, 200, getUiRecord(backend.store, recordId, fields));
                } catch (e) {
                    if (!(e instanceof ServiceError)) throw e;
                    return send(res, e.code === 'NOT_FOUND' ? 404 : 400, { errorCode: e.code, message: e.message });
                }
            }
            if (req.method === 'POST' && p === '/api/ui/getPicklistValuesByRecordType') {
                let body: unknown;
                try {
                    body = JSON.parse((await readBody(req)) || '{}');
                } catch {
                    return send(res, 400, {
                        errorCode: 'INVALID_REQUEST',
                        message:
                            'The request body is not JSON: send {"objectApiName": "Contact", "recordTypeId": "012..."}.'
                    });
                }
                try {
                    const { objectApiName, recordTypeId } = picklistRequest(body);
                    return send(res, 200, getPicklistValuesByRecordType(backend.schema, objectApiName, recordTypeId));
                } catch (e) {
                    if (!(e instanceof ServiceError)) throw e;
                    return send(res, e.code === 'NOT_FOUND' ? 404 : 400, { errorCode: e.code, message: e.message });
                }
            }
            if (p === '/api/definitions') {
                return send(
                    res,
                    200,
                    backend.controller
                        .listDefinitions()
                        .map((d) => ({ apiName: d.apiName, label: d.label, file: d.file, problems: d.problems.length }))
                );
            }
            if (p === '/api/sample-records') return send(res, 200, sampleRecords(backend));
            if (p.startsWith('/api/records/')) {
                const obj = p.slice('/api/records/'.length);
                if (!backend.schema.object(obj)) return send(res, 404, { message: `No object ${obj}` });
                return send(res, 200, backend.store.all(obj));
            }
            if (p === '/api/events') {
                res.writeHead(200, {
                    'content-type': 'text/event-stream',
                    'cache-control': 'no-store',
                    connection: 'keep-alive'
                });
                res.write(': connected\n\n');
                clients.add(res);
                req.on('close', () => clients.delete(res));
                return;
            }
            if (p === '/' || p === '/index.html') return void sendFile(res, path.join(appDir, 'index.html'));
            if (p === '/preview.css') return void sendFile(res, path.join(appDir, 'preview.css'));
            if (p.startsWith('/bundle/')) {
                await options.bundleReady;
                const f = inside(options.bundleDir, p.slice('/bundle/'.length));
                if (f && sendFile(res, f)) return;
            }
            // SLDS: the stylesheet under /slds/, its fonts and icons under /assets/
            for (const prefix of ['/slds/', '/assets/']) {
                if (p.startsWith(prefix)) {
                    const f = inside(SLDS, p.slice(prefix.length));
                    if (f && sendFile(res, f)) return;
                }
            }
            send(res, 404, `Not found: ${p}`, 'text/plain');
        } catch (e) {
            send(res, 500, { message: (e as Error).message });
        }
    });

    const broadcast = (event: string, data: string) => {
        for (const c of clients) c.write(`event: ${event}\ndata: ${data.replace(/\n/g, ' ')}\n\n`);
    };

    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 3344, options.host ?? '127.0.0.1', () => {
            const addr = server.address() as { port: number };
            resolve({
                url: `http://${options.host ?? '127.0.0.1'}:${addr.port}/`,
                get backend() {
                    return backend;
                },
                builder,
                reload: () => broadcast('reload', String(Date.now())),
                buildError: (m) => broadcast('build-error', m),
                close: () =>
                    new Promise<void>((done) => {
                        backend.controller.flowRuns.dispose();
                        for (const c of clients) c.end();
                        server.close(() => done());
                        server.closeAllConnections();
                    })
            });
        });
    });
}

export function portFromArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
    const i = argv.indexOf('--port');
    const raw = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--port='))?.slice(7) ?? env.PORT);
    if (raw === undefined) return 3344;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`Invalid port '${raw}': use --port <0-65535>.`);
    return port;
}

if (require.main === module) {
    const mode = process.argv.includes('--prod') ? 'prod' : 'dev';
    const bundleDir = path.join(__dirname, 'dist', mode, 'app');
    if (!fs.existsSync(path.join(bundleDir, 'app.js'))) {
        console.error(
            `No bundle in ${path.relative(ROOT, bundleDir)}: run \`npm start\` (builds and serves) or \`tsx preview/build.ts\`.`
        );
        process.exit(1);
    }
    startServer({ port: portFromArgs(process.argv), bundleDir }).then(
        (s) => console.log(`Local preview — sample data, no Salesforce org: ${s.url}`),
        (e: Error) => {
            console.error(e.message);
            process.exit(1);
        }
    );
}
