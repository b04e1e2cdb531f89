/*
 * Property-based tests of the interaction engine (issue #12, point 5): generated interactions (every action type,
 * nested onFinish/onError/onCancel/onClose lists, malformed actions, merge fields and formulas) and generated event
 * sequences run against fake services that answer, fail, and raise further events. The engine must:
 * - never reject, and report failures only as {code, message} errors (no raw TypeError/RangeError from its code);
 * - stay within its work bound (counted actions, never more than the action nodes that can run, MAX_CHAIN_STEPS
 *   for a chain of events raising events);
 * - keep state consistent: a failed flow leaves every variable unchanged.
 * Fixed seeds keep the runs reproducible.
 */
import fc from 'fast-check';
import { Runtime, SelectionModel } from 'c/dcRuntime';
import type { FlowRunResponse } from 'c/dcRuntime';
import { BUILT_IN_EXECUTORS, InteractionEngine, MAX_CHAIN_STEPS } from 'c/dcInteractions';
import type {
    ActionServices,
    DispatchResult,
    InteractionEventPayload,
    OpenFlowResult,
    ToastRequest
} from 'c/dcInteractions';
import type { ActionDefinition, DefinitionDocument, InteractionDefinition } from 'c/dcDefinition';

const TABLES = ['contactsTable', 'accountsTable'];
const ACTIONS = ['setActive', 'archive', 'open'];
const VARIABLES = ['count', 'note', 'flag', 'ids', 'when', 'activeStatus', 'doubled', 'missing', 'constructor'];
const OUTPUT_NAMES = ['updatedCount', 'message', 'ids', 'toString'];

function definition(interactions: unknown[]): DefinitionDocument {
    return {
        schemaVersion: 1,
        apiName: 'Fuzz_Board',
        label: 'Fuzz',
        resources: [
            { name: 'count', kind: 'variable', dataType: 'Number', value: 0 },
            { name: 'note', kind: 'variable', dataType: 'Text' },
            { name: 'flag', kind: 'variable', dataType: 'Boolean' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'when', kind: 'variable', dataType: 'Date' },
            { name: 'activeStatus', kind: 'constant', dataType: 'Text', value: 'Active' },
            { name: 'doubled', kind: 'formula', dataType: 'Number', formula: '{!count} * 2' }
        ],
        queries: [
            { name: 'contacts', object: 'Contact', fields: ['Name'] },
            { name: 'accounts', object: 'Account', fields: ['Name'] }
        ],
        components: TABLES.map((name, i) => ({
            name,
            type: 'dataTable',
            query: i ? 'accounts' : 'contacts',
            columns: [{ field: 'Name' }]
        })),
        interactions
    } as unknown as DefinitionDocument;
}

// ------------------------------------------------------------------ generators

const mergeValue = fc.constantFrom(
    '{!count}',
    '={!count} + 1',
    '={!count} / 0',
    '=1e308 * 10',
    '=TODAY()',
    '=TODAY() + 1e12',
    '=IFF(1)',
    '={!note} & "x"',
    '{!note} - {!count}',
    '{!missing}',
    '{!doubled}',
    '{!$Error.message} ({!$Error.code})',
    '{!$Record.Name}',
    '{!$User.Id}',
    '{!contactsTable.SelectedRows}',
    '{!contactsTable.SelectedRowsKeyValue}',
    '{!contactsTable.FirstSelectedRow.Id}',
    '{!contactsTable.ActionRow.Id}',
    '{!accountsTable.SelectedRows.Name}',
    '{!'
);
const anyValue = fc.oneof(
    { weight: 3, arbitrary: mergeValue },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, -0, 1e-320) }
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 3 });
const dataType = fc.constantFrom('Text', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Record', 'Picklist');
const flowInput = fc.record(
    {
        name: fc.constantFrom('ContactIds', 'Note', 'Count', '__proto__'),
        value: anyValue,
        dataType: maybe(dataType),
        collection: maybe(fc.boolean())
    },
    { requiredKeys: ['name', 'value'] }
);
const flowOutput = fc.record({ name: fc.constantFrom(...OUTPUT_NAMES), resource: fc.constantFrom(...VARIABLES) });

interface Gen {
    action: ActionDefinition;
    list: ActionDefinition[];
}

const { list: actionList } = fc.letrec<Gen>((tie) => {
    const nested = maybe(tie('list'));
    const common = { onFinish: nested, onError: nested };
    const withCommon = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
        fc.record({ ...fields, ...common }, { requiredKeys: Object.keys(fields) as (keyof T & string)[] });
    const action = fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        withCommon({
            type: fc.constant('setVariable'),
            variable: fc.constantFrom(...VARIABLES),
            operator: maybe(fc.constantFrom('set', 'add', 'subtract', 'clear', 'multiply')),
            value: anyValue
        }),
        withCommon({
            type: fc.constant('refreshQueries'),
            queries: maybe(fc.array(fc.constantFrom(...TABLES), { maxLength: 2 }))
        }),
        withCommon({
            type: fc.constant('showToast'),
            title: anyValue,
            message: maybe(anyValue),
            variant: maybe(fc.constantFrom('success', 'error', 'warning', 'info'))
        }),
        withCommon({
            type: fc.constant('navigate'),
            target: fc.constantFrom('recordPage', 'objectList', 'namedPage', 'url', 'nowhere'),
            recordId: maybe(anyValue),
            objectApiName: maybe(anyValue),
            pageName: maybe(anyValue),
            url: maybe(
                fc.oneof(
                    anyValue,
                    fc.constantFrom('https://example.com', '/lightning/o/Account/home', `${'javascript'}:alert(1)`)
                )
            )
        }),
        fc.record({
            type: fc.constant('confirm'),
            message: anyValue,
            title: maybe(anyValue),
            onCancel: nested,
            onFinish: nested
        }),
        withCommon({
            type: fc.constant('executeFlow'),
            id: fc.constantFrom('run1', 'run2', ''),
            flowApiName: fc.constant('Set_Status'),
            inputs: maybe(fc.array(flowInput, { maxLength: 3 })),
            outputs: maybe(fc.array(flowOutput, { maxLength: 3 }))
        }),
        withCommon({
            type: fc.constantFrom('openFlowDialog', 'openFlowPanel'),
            flowApiName: fc.constant('Screen_Flow'),
            title: maybe(anyValue),
            inputs: maybe(fc.array(flowInput, { maxLength: 2 })),
            outputs: maybe(fc.array(flowOutput, { maxLength: 2 })),
            onClose: nested
        }),
        // what only a definition with setup problems carries (its interaction is normally disabled)
        fc.constantFrom<unknown>(
            null,
            42,
            'refreshQueries',
            {},
            { type: 'constructor' },
            { type: 'toString' },
            { type: 'setVariable' },
            { type: 'showToast', onFinish: 'not a list' },
            { type: 'navigate', target: 'url', url: 'data:text/html,x', onError: {} }
        )
    ) as fc.Arbitrary<ActionDefinition>;
    return { action, list: fc.array(tie('action'), { maxLength: 3 }) as fc.Arbitrary<ActionDefinition[]> };
});

const on = fc.oneof(
    fc.record({ event: fc.constant('load') }),
    fc.record({ event: fc.constant('selectionChange'), target: fc.constantFrom(...TABLES) }),
    fc.record({
        event: fc.constantFrom('headerActionClick', 'rowActionClick'),
        target: maybe(fc.constantFrom(...TABLES)),
        action: maybe(fc.constantFrom(...ACTIONS))
    })
);
const interactions = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), on, do: actionList }), {
    minLength: 1,
    maxLength: 5
}) as fc.Arbitrary<InteractionDefinition[]>;

const row = fc.oneof(
    fc.constant(null),
    fc.record(
        { Id: fc.constantFrom('0031', '0032', 42, null), Name: fc.string({ maxLength: 5 }) },
        { requiredKeys: [] }
    )
);
const event: fc.Arbitrary<InteractionEventPayload> = fc.oneof(
    fc.constant({ event: 'load' as const }),
    fc.record({ event: fc.constant('selectionChange' as const), target: fc.constantFrom(...TABLES) }),
    fc.record({
        event: fc.constantFrom('headerActionClick' as const, 'rowActionClick' as const),
        target: fc.constantFrom(...TABLES),
        action: fc.constantFrom(...ACTIONS),
        row
    })
);

/** How the fake services answer, consumed in order (cycled). */
const flowAnswer = fc.oneof(
    fc.record({
        kind: fc.constant('success' as const),
        outputs: fc.dictionary(fc.constantFrom(...OUTPUT_NAMES), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })
    }),
    fc.record({ kind: fc.constant('failure' as const), code: fc.constantFrom('FLOW_FAULT', '', 'ROW_NOT_AVAILABLE') }),
    fc.constantFrom(
        { kind: 'null' as const },
        { kind: 'rejectServer' as const },
        { kind: 'rejectString' as const },
        { kind: 'rejectJunk' as const }
    )
);
const script = fc.record({
    flow: fc.array(flowAnswer, { minLength: 1, maxLength: 4 }),
    confirm: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    openFlow: fc.array(
        fc.record({
            status: fc.constantFrom('FINISHED', 'CLOSED', 'ERROR', 'PAUSED'),
            outputs: fc.oneof(
                fc.dictionary(fc.constantFrom(...OUTPUT_NAMES), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
                fc.constant(null)
            )
        }),
        { minLength: 1, maxLength: 3 }
    ),
    // a refresh may raise a further event: awaited (nested) or fire-and-forget, or fail
    refresh: fc.array(
        fc.oneof(
            fc.constant({ kind: 'ok' as const }),
            fc.constant({ kind: 'reject' as const }),
            fc.record({ kind: fc.constantFrom('nested' as const, 'detached' as const), event })
        ),
        { minLength: 1, maxLength: 4 }
    )
});
type Script = typeof script extends fc.Arbitrary<infer S> ? S : never;

// ------------------------------------------------------------------ harness

const RAW_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

function serverError(message: string): unknown {
    return { body: { message, errorCode: 'APEX_ERROR' } };
}

function cycle<T>(items: readonly T[]): () => T {
    let i = 0;
    return () => items[i++ % items.length];
}

interface Harness {
    engine: InteractionEngine;
    runtime: Runtime;
    toasts: ToastRequest[];
    /** Executor calls (every action that reached its executor). */
    steps: number;
    raw: unknown[];
    /** Dispatches started by the fake services (fire-and-forget ones are awaited at the end). */
    raised: Promise<DispatchResult>[];
    /** Variable values before each executeFlow call, compared when it fails. */
    flowChecks: { before: Record<string, unknown>; failed: boolean }[];
}

function snapshot(runtime: Runtime): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const name of ['count', 'note', 'flag', 'ids', 'when']) values[name] = runtime.store.get(name);
    return values;
}

function harness(defs: unknown[], s: Script): Harness {
    const runtime = new Runtime(definition(defs), { record: { Id: '001A', Name: 'Acme' }, user: { Id: '005U' } });
    TABLES.forEach((name) => {
        const table = new SelectionModel({ keyField: 'Id', maxRowSelection: 5 });
        table.select([{ Id: '0031', Name: 'Ann' }]);
        runtime.registerComponent(name, table);
    });
    const h: Harness = {
        engine: undefined as unknown as InteractionEngine,
        runtime,
        toasts: [],
        steps: 0,
        raw: [],
        raised: [],
        flowChecks: []
    };
    const nextFlow = cycle(s.flow);
    const nextConfirm = cycle(s.confirm);
    const nextOpen = cycle(s.openFlow);
    const nextRefresh = cycle(s.refresh);
    const services: ActionServices = {
        refreshQueries: async () => {
            const answer = nextRefresh();
            if (answer.kind === 'reject') throw serverError('Query failed');
            if (answer.kind === 'nested') await h.engine.dispatch(answer.event);
            if (answer.kind === 'detached') h.raised.push(h.engine.dispatch(answer.event));
        },
        showToast: (toast) => {
            h.toasts.push(toast);
        },
        navigate: () => undefined,
        confirm: async () => nextConfirm(),
        executeFlow: async (): Promise<FlowRunResponse> => {
            const answer = nextFlow();
            switch (answer.kind) {
                case 'success':
                    return { success: true, outputs: answer.outputs, error: null } as FlowRunResponse;
                case 'failure':
                    return {
                        success: false,
                        outputs: {},
                        error: { code: answer.code, message: 'Flow failed', details: [] }
                    } as unknown as FlowRunResponse;
                case 'null':
                    return null as unknown as FlowRunResponse;
                case 'rejectServer':
                    throw serverError('{"code":"NOT_ALLOWED","message":"no","details":[]}');
                case 'rejectString':
                    // eslint-disable-next-line no-throw-literal -- services of a host may reject with anything
                    throw 'offline';
                default:
                    // eslint-disable-next-line no-throw-literal -- services of a host may reject with anything
                    throw { weird: true };
            }
        },
        openFlow: async () => nextOpen() as unknown as OpenFlowResult
    };
    h.engine = new InteractionEngine({ runtime, services });
    for (const [type, executor] of Object.entries(BUILT_IN_EXECUTORS)) {
        h.engine.registerExecutor(type, async (action, context) => {
            h.steps++;
            const check = type === 'executeFlow' ? { before: snapshot(runtime), failed: false } : null;
            if (check) h.flowChecks.push(check);
            try {
                return await executor(action, context);
            } catch (e) {
                if (check) check.failed = true;
                if (RAW_ERRORS.some((kind) => e instanceof kind)) h.raw.push(e);
                throw e;
            }
        });
    }
    return h;
}

/** Action objects reachable from a list (each runs at most once per dispatch of its interaction). */
function nodes(list: unknown): number {
    if (!Array.isArray(list)) return 0;
    let n = 0;
    for (const action of list) {
        n++;
        if (action && typeof action === 'object') {
            const a = action as Record<string, unknown>;
            n += nodes(a.onFinish) + nodes(a.onError) + nodes(a.onCancel) + nodes(a.onClose);
        }
    }
    return n;
}

const STATUSES = new Set(['completed', 'failed', 'busy', 'ignored', 'disabled']);

function checkResult(result: DispatchResult): void {
    expect(STATUSES.has(result.status)).toBe(true);
    for (const error of result.errors) {
        expect(typeof error.code).toBe('string');
        expect(error.code).not.toBe('');
        expect(typeof error.message).toBe('string');
        expect(error.message).not.toBe('');
    }
}

let consoleError: jest.SpyInstance;
beforeEach(() => {
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
    consoleError.mockRestore();
});

describe('interaction engine properties', () => {
    it('any interactions and events: never rejects, only coded errors, no raw TypeError/RangeError, bounded work', async () => {
        await fc.assert(
            fc.asyncProperty(
                interactions,
                fc.array(event, { minLength: 1, maxLength: 4 }),
                script,
                async (defs, events, s) => {
                    const h = harness(defs, s);
                    const perDispatchBound = defs.reduce((sum, i) => sum + nodes(i.do), 0);
                    for (const e of events) {
                        const before = h.steps;
                        const nesting = s.refresh.some((r) => r.kind !== 'ok' && r.kind !== 'reject');
                        // eslint-disable-next-line no-await-in-loop
                        const result = await h.engine.dispatch(e);
                        checkResult(result);
                        // without services raising events, a dispatch runs each action node at most once
                        // (with them, the chain bound holds)
                        expect(h.steps - before).toBeLessThanOrEqual(nesting ? MAX_CHAIN_STEPS : perDispatchBound);
                    }
                    for (const result of await Promise.all(h.raised)) checkResult(result);
                    expect(h.raw).toEqual([]);
                    expect(consoleError).not.toHaveBeenCalled();
                    expect(h.engine.busyKeys()).toEqual([]);
                    expect(h.engine.chainSteps()).toBe(0);
                    for (const toast of h.toasts) expect(typeof toast.title).toBe('string');
                }
            ),
            { seed: 125, numRuns: 1500 }
        );
    });

    it('a failed flow leaves every variable unchanged (outputs are stored all or nothing)', async () => {
        const outputs = fc.array(flowOutput, { minLength: 1, maxLength: 4 });
        const answer = fc.dictionary(fc.constantFrom(...OUTPUT_NAMES), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 });
        await fc.assert(
            fc.asyncProperty(outputs, answer, script, async (mapped, flowOutputs, s) => {
                const action = { type: 'executeFlow', id: 'run1', flowApiName: 'Set_Status', outputs: mapped };
                const h = harness([{ id: 'a', on: { event: 'load' }, do: [action] }], {
                    ...s,
                    flow: [{ kind: 'success', outputs: flowOutputs }, ...s.flow]
                });
                h.runtime.store.set('note', 'before');
                await h.engine.dispatch({ event: 'load' });
                expect(h.flowChecks.length).toBe(1);
                const [check] = h.flowChecks;
                // after a failure the variables are exactly as before the flow ran
                expect(check.failed ? snapshot(h.runtime) : check.before).toEqual(check.before);
            }),
            { seed: 126, numRuns: 1000 }
        );
    });
});

describe('chain bound', () => {
    it('stops two interactions that trigger each other with CHAIN_LIMIT after MAX_CHAIN_STEPS actions', async () => {
        // selectionChange on one table refreshes the other; the refresh (like a table reload) raises the other
        // table's selectionChange a moment later, while the first dispatch still runs: a ping-pong without end
        const defs = [
            { id: 'start', on: { event: 'load' }, do: [{ type: 'refreshQueries', queries: ['contactsTable'] }] },
            {
                id: 'pingContacts',
                on: { event: 'selectionChange', target: 'contactsTable' },
                do: [{ type: 'refreshQueries', queries: ['accountsTable'] }]
            },
            {
                id: 'pingAccounts',
                on: { event: 'selectionChange', target: 'accountsTable' },
                do: [{ type: 'refreshQueries', queries: ['contactsTable'] }]
            }
        ];
        const runtime = new Runtime(definition(defs), { record: null, user: { Id: '005U' } });
        const toasts: ToastRequest[] = [];
        const results: Promise<DispatchResult>[] = [];
        let refreshes = 0;
        const ref: { engine?: InteractionEngine } = {};
        const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
        const services = {
            refreshQueries: async (names?: string[]) => {
                refreshes++;
                const target = names?.[0] ?? '';
                // the table reloads after this answer: its selectionChange starts before this refresh resolves
                setTimeout(() => results.push(ref.engine!.dispatch({ event: 'selectionChange', target })), 0);
                await tick();
            },
            showToast: (toast: ToastRequest) => toasts.push(toast),
            navigate: jest.fn(),
            confirm: jest.fn(),
            executeFlow: jest.fn(),
            openFlow: jest.fn()
        } as unknown as ActionServices;
        const engine = new InteractionEngine({ runtime, services });
        ref.engine = engine;
        const first = await engine.dispatch({ event: 'load' });
        // let the raised dispatches drain (each raises the next until the bound stops it)
        for (let i = 0; i < 4 * MAX_CHAIN_STEPS && engine.busyKeys().length; i++) {
            // eslint-disable-next-line no-await-in-loop
            await tick();
        }
        const all = [first, ...(await Promise.all(results))];
        const limited = all.flatMap((r) => r.errors).filter((e) => e.code === 'CHAIN_LIMIT');
        expect(limited).toHaveLength(1);
        expect(limited[0].message).toMatch(
            new RegExp(
                `^Interaction chain exceeded ${MAX_CHAIN_STEPS} steps: start → pingContacts → pingAccounts → pingContacts → .* …\\.`
            )
        );
        expect(refreshes).toBe(MAX_CHAIN_STEPS);
        expect(toasts.filter((t) => t.variant === 'error')).toHaveLength(1);
        expect(engine.busyKeys()).toEqual([]);
        expect(engine.chainSteps()).toBe(0);
    });

    it('a new chain starts with a full budget once the previous one has ended', async () => {
        const runtime = new Runtime(
            definition([
                { id: 'a', on: { event: 'load' }, do: [{ type: 'setVariable', variable: 'count', value: 1 }] }
            ]),
            { record: null, user: { Id: '005U' } }
        );
        const engine = new InteractionEngine({
            runtime,
            services: { showToast: jest.fn() } as unknown as ActionServices
        });
        for (let i = 0; i < MAX_CHAIN_STEPS + 5; i++) {
            // eslint-disable-next-line no-await-in-loop
            expect((await engine.dispatch({ event: 'load' })).status).toBe('completed');
        }
    });
});
