/*
 * The preview's DynamicComponentBuilderController (docs/BUILDER.md): the Definition Builder's server side over the
 * preview schema, the project's flow XML and definitions/*.json.
 *
 *  - listDefinitions / getDefinitionForEdit: the files of definitions/ (json = the file text, contentHash = SHA-256
 *    hex of that text, lastModifiedDate = the file's mtime);
 *  - listObjects / describeObject: the preview schema (schema.ts), with labels, access and picklist values;
 *  - listFlows / describeFlow: force-app/main/default/flows/*.flow-meta.xml (processType, trigger, Active status,
 *    variables; isRequired = an input variable without a default value);
 *  - previewQuery: a query of an unsaved draft, validated with c/dcDefinition against the preview schema, then run
 *    exactly like DynamicComponentController.runQuery;
 *  - saveDefinition / getSaveStatus: validation (errors block, warnings do not), the conflict check, then an
 *    asynchronous "deploy" that writes definitions/<ApiName>.json atomically (c/dcBuilder serializeDefinition's
 *    canonical key order, then Prettier with the project's settings) after a short delay, like a Metadata deploy
 *    job. `failNextSave(message)` makes the next job fail the way a deploy does (the stored file is left untouched).
 *
 * Every method first checks the session's builder permission (NOT_ALLOWED without it). Errors are ServiceErrors
 * {code, message, details}; the server turns them into the AuraHandledException shape.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { parseDefinition } from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import type {
    DefinitionProblem,
    FlowCatalog,
    FlowDescribe,
    ParseDefinitionResult,
    SchemaCatalog
} from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import type {
    BuilderField,
    BuilderObject,
    DefinitionSummary,
    EditableDefinition,
    FlowSummary,
    ObjectSummary,
    SaveResponse,
    SaveStatus,
    SaveStatusValue
} from '../../force-app/main/default/lwc/dcBuilder/types';
import { serializeDefinition } from '../../force-app/main/default/lwc/dcBuilder/serialize';
import { flowCatalogOfDirectory, type FlowXmlCatalog } from '../../scripts/lib/flowCatalog';
import { ServiceError } from './errors';
import { runNamedQuery, type QueryDefinition, type QueryResponse } from './query';
import type { BackendOptions } from './index';
import { isUpdateableField, type PreviewField, type PreviewSchema } from './schema';
import type { Store } from './store';

// ------------------------------------------------------------------ sessions

/** Who is calling: the preview's admin (default) or an end user (`?as=user` in the page). */
export interface PreviewSession {
    /** Customize Application: the setup panel shows problems. */
    canCustomize: boolean;
    /** The custom permission Dynamic_Component_Builder (permission set Dynamic_Components_Builder). */
    hasBuilderPermission: boolean;
}

export const ADMIN_SESSION: PreviewSession = Object.freeze({ canCustomize: true, hasBuilderPermission: true });
export const END_USER_SESSION: PreviewSession = Object.freeze({ canCustomize: false, hasBuilderPermission: false });

/** The request header the page's Apex stand-in sets: `admin` (or absent) or `user`. */
export const SESSION_HEADER = 'x-preview-as';

/** The session of a request from its `x-preview-as` header; throws for any other value. */
export function sessionFromHeader(value: string | string[] | undefined): PreviewSession {
    const v = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
    if (!v || v === 'admin') return ADMIN_SESSION;
    if (v === 'user') return END_USER_SESSION;
    throw new Error(`The ${SESSION_HEADER} header must be 'admin' or 'user', not '${String(value)}'.`);
}

// ------------------------------------------------------------------ names, hashes, files

/** Developer name of a definition: letters, digits and single underscores, starts with a letter, ≤ 40 characters. */
export const API_NAME_PATTERN = /^[A-Za-z](?:_?[A-Za-z0-9])*$/;
export const API_NAME_MAX_LENGTH = 40;

/** Why `name` cannot be a definition's API name (and file name), or undefined when it can. */
export function apiNameProblem(name: unknown): string | undefined {
    if (typeof name !== 'string' || !name.trim())
        return 'The definition needs an API name (apiName): letters, digits and underscores, starting with a letter.';
    if (name.length > API_NAME_MAX_LENGTH)
        return `API name '${name}' is ${name.length} characters long; use at most ${API_NAME_MAX_LENGTH}.`;
    if (!API_NAME_PATTERN.test(name)) {
        const why = !/^[A-Za-z]/.test(name)
            ? 'it must start with a letter'
            : /__/.test(name)
              ? 'it must not contain two underscores in a row'
              : /_$/.test(name)
                ? 'it must not end with an underscore'
                : 'it may contain only letters, digits and underscores';
        return `API name '${name}' is not valid: ${why} (for example Contact_Status_Board).`;
    }
    return undefined;
}

/** Lower-case hex SHA-256 of the text (UTF-8), like Apex EncodingUtil.convertToHex(Crypto.generateDigest(...)). */
export function contentHash(text: string): string {
    return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

interface DefinitionFile {
    apiName: string;
    label: string;
    description?: string;
    file: string;
    text: string;
    mtime: Date;
}

function readDefinitionFile(file: string): DefinitionFile {
    const text = fs.readFileSync(file, 'utf8');
    const base = path.basename(file, '.json');
    let doc: Record<string, unknown> | undefined;
    try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) doc = parsed as Record<string, unknown>;
    } catch {
        // a broken file is still listed (and can be opened to fix it): its name comes from the file
    }
    const apiName = typeof doc?.apiName === 'string' && doc.apiName ? doc.apiName : base;
    return {
        apiName,
        label: typeof doc?.label === 'string' && doc.label ? doc.label : apiName,
        description: typeof doc?.description === 'string' ? doc.description : undefined,
        file,
        text,
        mtime: fs.statSync(file).mtime
    };
}

/** The definitions in `dir` (definitions/*.json without the JSON schema), by file name. */
function readDefinitionFiles(dir: string): DefinitionFile[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && !f.startsWith('.'))
        .sort()
        .map((f) => readDefinitionFile(path.join(dir, f)));
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename (never a half-written file). */
export function writeFileAtomic(file: string, text: string): void {
    const tmp = path.join(
        path.dirname(file),
        `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`
    );
    try {
        fs.writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
        fs.renameSync(tmp, file);
    } catch (e) {
        fs.rmSync(tmp, { force: true });
        throw e;
    }
}

function didYouMean(word: string, candidates: string[]): string {
    const l = word.toLowerCase();
    const sameLetters = candidates.find((c) => c.toLowerCase() === l);
    if (sameLetters) return ` Did you mean '${sameLetters}'?`;
    const close = candidates.filter((c) => c.toLowerCase().includes(l) || l.includes(c.toLowerCase()));
    return close.length ? ` Did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : '';
}

// ------------------------------------------------------------------ formatting

const REPO = path.resolve(__dirname, '..', '..');

/** Formats definition JSON with the project's Prettier settings (.prettierrc of `root`, else of this repository). */
export async function formatDefinitionText(json: string, root: string = REPO): Promise<string> {
    let filepath = path.join(root, 'definitions', 'Definition.json');
    let config = await prettier.resolveConfig(filepath, { editorconfig: false });
    if (!config && root !== REPO) {
        filepath = path.join(REPO, 'definitions', 'Definition.json');
        config = await prettier.resolveConfig(filepath, { editorconfig: false });
    }
    return prettier.format(json, { ...(config ?? {}), filepath });
}

// ------------------------------------------------------------------ the controller

export interface BuilderContext {
    schema: PreviewSchema;
    store: Store;
    user: Record<string, unknown>;
}

export interface BuilderOptions {
    /** The current schema, store and user (the server replaces them on POST /api/reset). */
    context: () => BuilderContext;
    /** definitions/ */
    definitionsDir: string;
    /** force-app/main/default/flows */
    flowsDir: string;
    /** Project root whose .prettierrc formats saved files (default: this repository). */
    root?: string;
    /** How long the simulated deploy runs before the file is written (ms). Default 300. */
    saveDelayMs?: number;
    /** The definition validator (default: c/dcDefinition parseDefinition with the schema and the flows). */
    parse?: DefinitionParser;
}

export type DefinitionParser = (json: string, catalog?: SchemaCatalog, flows?: FlowCatalog) => ParseDefinitionResult;

interface SaveJob {
    jobId: string;
    apiName: string;
    file: string;
    text: string;
    contentHash: string;
    /** Hash of the file the save replaces (null: a new file). */
    replacesHash: string | null;
    status: SaveStatusValue;
    message?: string;
    failWith?: string;
    done: Promise<void>;
}

const JSON_SCHEMA_REF = './definition.schema.json';

export class BuilderController {
    private readonly jobs = new Map<string, SaveJob>();
    private queue: Promise<void> = Promise.resolve();
    private jobCount = 0;
    private failNext: string | undefined;
    /** Hashes of the files the builder wrote, with who saved them (for lastModifiedByName). */
    private readonly savedBy = new Map<string, string>();
    /** The project's flows (scripts/lib/flowCatalog: the same reader as verify and the component's controller). */
    readonly flows: FlowXmlCatalog;

    constructor(private readonly options: BuilderOptions) {
        this.flows = flowCatalogOfDirectory(options.flowsDir);
    }

    /** The folder saves are written to. */
    get definitionsDir(): string {
        return this.options.definitionsDir;
    }

    private get context(): BuilderContext {
        return this.options.context();
    }

    private get catalog(): SchemaCatalog {
        return this.context.schema.catalog();
    }

    private userName(): string {
        const u = this.context.user;
        return String(u.Name ?? [u.FirstName, u.LastName].filter(Boolean).join(' '));
    }

    private requirePermission(session: PreviewSession | undefined): void {
        if (!(session ?? ADMIN_SESSION).hasBuilderPermission) {
            throw new ServiceError(
                'NOT_ALLOWED',
                'You need the Dynamic Components Builder permission set to use the Definition Builder. Ask your admin to assign it.'
            );
        }
    }

    /** c/dcDefinition parseDefinition against the preview schema and the project's flows. */
    private validate(json: string): ParseDefinitionResult {
        // parseDefinition(json, catalog, flows): the flow contract check runs when it takes the flows
        const parse: DefinitionParser = this.options.parse ?? parseDefinition;
        return parse(json, this.catalog, this.flows);
    }

    // -------------------------------------------------------------- definitions

    listDefinitions(): DefinitionSummary[] {
        return readDefinitionFiles(this.options.definitionsDir)
            .map((d) => {
                const s: DefinitionSummary = { apiName: d.apiName, label: d.label };
                if (d.description) s.description = d.description;
                return s;
            })
            .sort((a, b) => a.label.localeCompare(b.label) || a.apiName.localeCompare(b.apiName));
    }

    private findDefinition(apiName: string): DefinitionFile | undefined {
        const all = readDefinitionFiles(this.options.definitionsDir);
        return (
            all.find((d) => d.apiName === apiName) ?? all.find((d) => d.apiName.toLowerCase() === apiName.toLowerCase())
        );
    }

    getDefinitionForEdit(params: { definitionName?: unknown }): EditableDefinition {
        const name = params.definitionName;
        if (typeof name !== 'string' || !name.trim())
            throw new ServiceError('UNKNOWN_DEFINITION', 'No definition was chosen: pick one to open in the builder.');
        const def = this.findDefinition(name.trim());
        if (!def) {
            const available = this.listDefinitions().map((d) => d.apiName);
            throw new ServiceError(
                'UNKNOWN_DEFINITION',
                `There is no Dynamic Component definition named "${name}".${didYouMean(name, available)} ${available.length ? `Available: ${available.join(', ')}.` : 'No definitions are deployed in this org.'}`,
                available
            );
        }
        const hash = contentHash(def.text);
        const out: EditableDefinition = {
            apiName: def.apiName,
            label: def.label,
            json: def.text,
            contentHash: hash,
            lastModifiedDate: def.mtime.toISOString()
        };
        const by = this.savedBy.get(hash);
        if (by) out.lastModifiedByName = by;
        return out;
    }

    // -------------------------------------------------------------- schema

    listObjects(): ObjectSummary[] {
        return [...this.context.schema.objects.values()]
            .filter((o) => o.queryable !== false)
            .map((o) => ({ name: o.name, label: o.label, labelPlural: o.labelPlural, isCustom: o.isCustom === true }))
            .sort((a, b) => a.label.localeCompare(b.label) || a.name.localeCompare(b.name));
    }

    describeObject(params: { objectApiName?: unknown }): BuilderObject {
        const name = params.objectApiName;
        const schema = this.context.schema;
        const obj = typeof name === 'string' && name.trim() ? schema.object(name.trim()) : undefined;
        if (!obj || obj.queryable === false) {
            if (typeof name !== 'string' || !name.trim())
                throw new ServiceError('UNKNOWN_OBJECT', 'No object was given: pick an object.');
            const names = this.listObjects().map((o) => o.name);
            throw new ServiceError(
                'UNKNOWN_OBJECT',
                `Object '${name}' does not exist or you cannot read it.${didYouMean(name, names)}`,
                names
            );
        }
        const fields: Record<string, BuilderField> = {};
        for (const f of obj.fields.values()) fields[f.name] = builderField(f, schema.readOnlyReason(obj.name, f));
        return { name: obj.name, label: obj.label, labelPlural: obj.labelPlural, fields };
    }

    // -------------------------------------------------------------- flows

    listFlows(): FlowSummary[] {
        return (
            this.flows
                .listFlows()
                // a summary, as the org's: no variables, no run-context facts (describeFlow has those)
                .map(({ variables: _v, recordWrites: _w, subflows: _s, runInMode: _m, ...summary }) => summary)
                .sort((a, b) => (a.label ?? a.apiName).localeCompare(b.label ?? b.apiName))
        );
    }

    describeFlow(params: { flowApiName?: unknown }): FlowDescribe {
        const name = params.flowApiName;
        if (typeof name !== 'string' || !name.trim())
            throw new ServiceError('FLOW_NOT_FOUND', 'No flow was given: pick a flow.');
        const flow = this.flows.describeFlow(name.trim());
        if (!flow) {
            const names = this.flows.listFlows().map((f) => f.apiName);
            throw new ServiceError(
                'FLOW_NOT_FOUND',
                `Flow '${name}' does not exist in this org.${didYouMean(name, names)}`,
                names
            );
        }
        return flow;
    }

    // -------------------------------------------------------------- live preview

    previewQuery(params: { definitionJson?: unknown; queryName?: unknown; requestJson?: unknown }): QueryResponse {
        const json = typeof params.definitionJson === 'string' ? params.definitionJson : '';
        const result = this.validate(json);
        const doc = result.document as Record<string, unknown> | undefined;
        const queries = (Array.isArray(doc?.queries) ? doc.queries : []) as QueryDefinition[];
        const index = queries.findIndex((q) => q && q.name === params.queryName);
        const draftName = typeof doc?.apiName === 'string' && doc.apiName ? doc.apiName : 'draft';
        // the draft's other parts may be unfinished: only problems of the JSON itself and of this query block it
        const own = `queries[${index}]`;
        const blocking = errorsOf(result.problems).filter(
            (p) =>
                !doc || p.path === '' || p.path === own || p.path.startsWith(own + '.') || p.path.startsWith(own + '[')
        );
        if (blocking.length) throw invalidDefinition(`Definition '${draftName}'`, blocking);
        return runNamedQuery(
            this.context.store,
            draftName,
            queries,
            params.queryName,
            params.requestJson,
            this.context.user
        );
    }

    // -------------------------------------------------------------- save

    /** Makes the next save job fail with `message`, as a failed Metadata deploy does (test endpoint). */
    failNextSave(message: string): void {
        this.failNext = message;
    }

    /** Forgets an injected failure (POST /api/reset). Running save jobs go on. */
    reset(): void {
        this.failNext = undefined;
    }

    /** The pending (queued or running) save of a definition, if any. */
    private pendingSave(apiName: string): SaveJob | undefined {
        let last: SaveJob | undefined;
        for (const j of this.jobs.values())
            if (
                j.apiName.toLowerCase() === apiName.toLowerCase() &&
                (j.status === 'Queued' || j.status === 'InProgress')
            )
                last = j;
        return last;
    }

    async saveDefinition(params: {
        definitionJson?: unknown;
        baseContentHash?: unknown;
        saveAsNew?: unknown;
    }): Promise<SaveResponse> {
        if (typeof params.definitionJson !== 'string' || !params.definitionJson.trim()) {
            throw invalidDefinition('The definition', [
                { path: '', message: 'The definition is empty: there is nothing to save.' }
            ]);
        }
        const baseHash =
            typeof params.baseContentHash === 'string' && params.baseContentHash.trim()
                ? params.baseContentHash.trim().toLowerCase()
                : null;
        const saveAsNew = params.saveAsNew === true || params.saveAsNew === 'true';

        // 1. valid against the preview schema and flows (errors block, warnings do not)
        const result = this.validate(params.definitionJson);
        const doc = result.document as Record<string, unknown> | undefined;
        const errors = errorsOf(result.problems);
        const apiName = doc?.apiName;
        const nameProblem = doc ? apiNameProblem(apiName) : undefined;
        if (nameProblem && !errors.some((p) => p.path === 'apiName'))
            errors.unshift({ path: 'apiName', message: nameProblem });
        const label = typeof apiName === 'string' && apiName ? `Definition '${apiName}'` : 'The definition';
        if (!doc && !errors.length) errors.push({ path: '', message: 'The definition is not a JSON object.' });
        if (errors.length || !doc) throw invalidDefinition(label, errors);
        const name = apiName as string;

        // 2. new names must be free; an update must start from what is stored now (or is about to be)
        const existing = this.findDefinition(name);
        const pending = this.pendingSave(name);
        const currentHash = pending ? pending.contentHash : existing ? contentHash(existing.text) : null;
        const exists = !!existing || !!pending;
        if (exists && (saveAsNew || !baseHash)) {
            const taken = existing?.apiName ?? pending!.apiName;
            throw new ServiceError(
                'DUPLICATE_NAME',
                `A definition named '${taken}' already exists. Give this one another API name${saveAsNew ? '' : ', or open the existing one to change it'}.`,
                [taken]
            );
        }
        if (exists && currentHash !== baseHash) {
            const detail: Record<string, unknown> = {
                contentHash: currentHash,
                lastModifiedDate: existing ? existing.mtime.toISOString() : new Date().toISOString()
            };
            const by = pending ? this.userName() : currentHash ? this.savedBy.get(currentHash) : undefined;
            if (by) detail.lastModifiedByName = by;
            throw new ServiceError(
                'CONFLICT',
                `'${name}' was changed by someone else since you opened it${pending ? ' (a save of it is in progress)' : ''}. Reload it to get their changes, or save yours as a copy under a new API name.`,
                [detail]
            );
        }

        // 3. the file text: canonical key order, the project's formatting
        const ordered: Record<string, unknown> = '$schema' in doc ? doc : { $schema: JSON_SCHEMA_REF, ...doc };
        // serializeDefinition already lays the JSON out as Prettier does; Prettier has the last word on the format
        const text = await formatDefinitionText(serializeDefinition(ordered), this.options.root);
        const hash = contentHash(text);
        const file = existing?.file ?? path.join(this.options.definitionsDir, `${name}.json`);
        if (path.dirname(path.resolve(file)) !== path.resolve(this.options.definitionsDir)) {
            // cannot happen with a valid API name; refuse rather than write anywhere else
            throw new ServiceError('INVALID_DEFINITION', `Refusing to write outside the definitions folder: ${file}`);
        }

        // 4. the "deploy": queued, then written after a short delay, one job at a time
        const jobId = `0Af${String(++this.jobCount).padStart(12, '0')}AAA`;
        const job: SaveJob = {
            jobId,
            apiName: name,
            file,
            text,
            contentHash: hash,
            replacesHash: currentHash,
            status: 'Queued',
            failWith: this.failNext,
            done: Promise.resolve()
        };
        this.failNext = undefined;
        this.jobs.set(jobId, job);
        job.done = this.queue = this.queue.then(() => this.runJob(job));
        return { jobId, apiName: name, contentHash: hash, status: 'Queued' };
    }

    private async runJob(job: SaveJob): Promise<void> {
        job.status = 'InProgress';
        await new Promise((resolve) => setTimeout(resolve, this.options.saveDelayMs ?? 300));
        if (job.failWith !== undefined) {
            job.status = 'Failed';
            job.message = job.failWith;
            return;
        }
        try {
            // the file may have been edited by hand while the job waited: never overwrite that
            const now = fs.existsSync(job.file) ? contentHash(fs.readFileSync(job.file, 'utf8')) : null;
            if (now !== job.replacesHash) {
                job.status = 'Failed';
                job.message = `'${job.apiName}' was changed by someone else while it was being saved; nothing was saved. Reload it, or save yours as a copy.`;
                return;
            }
            fs.mkdirSync(path.dirname(job.file), { recursive: true });
            writeFileAtomic(job.file, job.text);
            this.savedBy.set(job.contentHash, this.userName());
            job.status = 'Succeeded';
        } catch (e) {
            job.status = 'Failed';
            job.message = `Could not write ${path.basename(job.file)}: ${(e as Error).message}`;
        }
    }

    getSaveStatus(params: { jobId?: unknown }): SaveStatus {
        const job = typeof params.jobId === 'string' ? this.jobs.get(params.jobId) : undefined;
        if (!job) {
            throw new ServiceError(
                'UNKNOWN_JOB',
                `There is no save job with id '${String(params.jobId)}'. Save the definition again.`
            );
        }
        const status: SaveStatus = { jobId: job.jobId, apiName: job.apiName, status: job.status };
        if (job.message) status.message = job.message;
        return status;
    }

    /** Resolves when every save job started so far has ended (tests). */
    idle(): Promise<void> {
        return this.queue;
    }

    // -------------------------------------------------------------- dispatch

    /** Dispatches "method" (DynamicComponentBuilderController.<method>) calls from the in-browser Apex stand-in. */
    async call(method: string, params: Record<string, unknown>, session?: PreviewSession): Promise<unknown> {
        const handlers: Record<string, () => unknown> = {
            listDefinitions: () => this.listDefinitions(),
            getDefinitionForEdit: () => this.getDefinitionForEdit(params),
            listObjects: () => this.listObjects(),
            describeObject: () => this.describeObject(params),
            listFlows: () => this.listFlows(),
            describeFlow: () => this.describeFlow(params),
            previewQuery: () => this.previewQuery(params),
            saveDefinition: () => this.saveDefinition(params),
            getSaveStatus: () => this.getSaveStatus(params)
        };
        const handler = Object.prototype.hasOwnProperty.call(handlers, method) ? handlers[method] : undefined;
        if (!handler) {
            throw new ServiceError(
                'NOT_ALLOWED',
                `The local preview has no Apex method DynamicComponentBuilderController.${method}.`
            );
        }
        this.requirePermission(session);
        return handler();
    }
}

function errorsOf(problems: DefinitionProblem[]): { path: string; message: string }[] {
    return problems
        .filter((p) => p.severity !== 'warning')
        .map((p) => {
            const out: { path: string; message: string; line?: number; column?: number } = {
                path: p.path,
                message: p.message
            };
            if (p.line !== undefined) out.line = p.line;
            if (p.column !== undefined) out.column = p.column;
            return out;
        });
}

function invalidDefinition(what: string, problems: { path: string; message: string }[]): ServiceError {
    const first = problems[0];
    return new ServiceError(
        'INVALID_DEFINITION',
        `${what} has ${problems.length} error${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} first: ${first.path ? first.path + ': ' : ''}${first.message}`,
        problems
    );
}

function builderField(f: PreviewField, readOnlyReason: BuilderField['readOnlyReason']): BuilderField {
    const out: BuilderField = {
        name: f.name,
        label: f.label,
        type: f.type,
        referenceTo: f.referenceTo ?? [],
        sortable: f.sortable,
        filterable: f.filterable,
        accessible: true,
        updateable: isUpdateableField(f),
        nameField: f.isNameField === true
    };
    if (f.relationshipName) out.relationshipName = f.relationshipName;
    if (readOnlyReason) out.readOnlyReason = readOnlyReason;
    if (f.picklistEntries)
        out.picklistValues = f.picklistEntries.map((e) => ({ value: e.value, label: e.label, active: e.active }));
    return out;
}

/**
 * The builder controller for a preview backend, over the same folders createBackend uses (options.definitionsDir,
 * options.flowsDir, else <root>/definitions and <root>/force-app/main/default/flows).
 */
export function createBuilder(
    context: () => BuilderContext,
    options: BackendOptions & { saveDelayMs?: number } = {}
): BuilderController {
    const root = options.root ?? REPO;
    return new BuilderController({
        context,
        definitionsDir: options.definitionsDir ?? path.join(root, 'definitions'),
        flowsDir: options.flowsDir ?? path.join(root, 'force-app', 'main', 'default', 'flows'),
        root,
        saveDelayMs: options.saveDelayMs
    });
}
