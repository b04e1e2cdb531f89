/*
 * Property-based tests of the preview backend's request bodies (issue #12, point 5): arbitrary JSON values and
 * arbitrary text as the parameters of every controller and builder method (getDefinition, runQuery with
 * requestJson, executeFlow with inputsJson and contextJson, the builder endpoints), and arbitrary bytes as HTTP
 * bodies. Every answer is a result or a ServiceError with a code (over HTTP: 200, or 400 with a coded
 * AuraHandledException or the JSONException of an unreadable body), never another exception, never a 500.
 * Fixed seeds keep the runs reproducible.
 */
import { test, after, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { cleanup, contactDefinition, makeProject, type Fixture } from './helpers';
import { ServiceError } from '../backend';
import { ADMIN_SESSION, createBuilder, END_USER_SESSION, type BuilderController } from '../backend/builder';
import { startServer, type PreviewServer } from '../server';

let fixture: Fixture;
let builder: BuilderController;
let ids: string[] = [];

function board(): Record<string, unknown> {
    const def = contactDefinition('Board');
    def.resources = [
        { name: 'n', kind: 'variable', dataType: 'Number' },
        { name: 'names', kind: 'variable', dataType: 'Text', isCollection: true },
        { name: 'two', kind: 'constant', dataType: 'Number', value: 2 }
    ];
    const table = (def.components as Record<string, unknown>[])[0];
    table.maxRowSelection = 3;
    table.headerActions = [{ name: 'echo', label: 'Echo', requiresSelection: true }];
    table.rowActions = [{ name: 'echoRow', label: 'Echo' }];
    const flowAction = (id: string, inputs: unknown[]) => ({
        type: 'executeFlow',
        id,
        flowApiName: 'DC_Test_Echo',
        inputs,
        outputs: [
            { name: 'echoNames', resource: 'names' },
            { name: 'doubledAmount', resource: 'n' }
        ]
    });
    def.interactions = [
        {
            id: 'header',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'echo' },
            do: [
                flowAction('run', [
                    { name: 'names', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true },
                    { name: 'amount', value: '{!n}', dataType: 'Number' }
                ])
            ]
        },
        {
            id: 'row',
            on: { event: 'rowActionClick', target: 'contactsTable', action: 'echoRow' },
            do: [flowAction('runRow', [{ name: 'names', value: '{!contactsTable.ActionRow.Id}', collection: true }])]
        }
    ];
    return def;
}

before(() => {
    fixture = makeProject({ definitions: { Board: board() }, repoFlows: ['DC_Test_Echo'] });
    builder = createBuilder(() => fixture.backend, { root: fixture.root, saveDelayMs: 0 });
    ids = fixture.backend.store.all('Contact').map((c) => String(c.Id));
});
after(() => cleanup(fixture));

// ------------------------------------------------------------------ generators

/** Any JSON value, plus values near the expected ones (names that exist, record Ids, numbers at the edges). */
const known = fc.constantFrom<unknown>(
    'Board',
    'contacts',
    'header',
    'row',
    'run',
    'runRow',
    'Contact',
    'Account',
    'DC_Test_Echo',
    '__proto__',
    'constructor',
    '003000000000000AAA',
    '',
    ' ',
    -1,
    0,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -0.5,
    true
);
const value = fc.oneof({ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 2, arbitrary: known });
/** Mostly the name that exists (so calls get past the lookup), else anything. */
const named = (name: string): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(name) }, { weight: 1, arbitrary: value });
const recordId = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((i) => ids[i] ?? `003${String(i).padStart(15, '0')}`),
    fc.string({ maxLength: 20 }),
    value
);
/** Text, or absent, for the keys read as text (any JSON value there: the property after the next one). */
const text = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.constantFrom('Name', 'Email', 'Account.Name', 'Nope', '__proto__')
);
const request = fc.record(
    {
        pageSize: value,
        searchTerm: text,
        sortBy: text,
        sortDirection: fc.oneof(fc.constantFrom('asc', 'desc', 'sideways'), text),
        cursor: fc.oneof(fc.string({ maxLength: 30 }), value),
        binds: value,
        withCount: value,
        recordId
    },
    { requiredKeys: [] }
);
/** The same with any JSON value in the text keys too. */
const anyRequest = fc.record(
    { searchTerm: value, sortBy: value, sortDirection: value, pageSize: value, cursor: value },
    { requiredKeys: [] }
);

const context = fc.record(
    {
        recordId,
        actionRowId: recordId,
        selection: fc.oneof(
            fc.dictionary(fc.constantFrom('contactsTable', 'other', '__proto__'), fc.array(recordId, { maxLength: 5 })),
            value
        )
    },
    { requiredKeys: [] }
);
const inputs = fc.oneof(fc.dictionary(fc.constantFrom('names', 'amount', 'text', '__proto__'), value), value);
/** A parameter holding JSON text: valid JSON of the expected shape, any JSON, or any text. */
const jsonText = <T>(shape: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof(
        { weight: 3, arbitrary: shape.map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: value }
    );
const definitionText = fc.oneof(
    jsonText(fc.jsonValue({ maxDepth: 3 })),
    fc.constant(JSON.stringify(board())),
    fc
        .record(
            { apiName: value, label: value, schemaVersion: value, queries: value, components: value },
            { requiredKeys: [] }
        )
        .map((d) => JSON.stringify({ ...board(), ...d }))
);

const PARAMS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    'DynamicComponentController.getDefinition': fc.record({ definitionName: named('Board') }, { requiredKeys: [] }),
    'DynamicComponentController.runQuery': fc.record(
        { definitionName: named('Board'), queryName: named('contacts'), requestJson: jsonText(request) },
        { requiredKeys: [] }
    ),
    'DynamicComponentController.executeFlow': fc.record(
        {
            definitionName: named('Board'),
            interactionId: fc.oneof(named('header'), named('row')),
            actionId: fc.oneof(named('run'), named('runRow')),
            inputsJson: jsonText(inputs),
            contextJson: jsonText(context)
        },
        { requiredKeys: [] }
    )
};
const BUILDER_PARAMS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    listDefinitions: fc.constant({}),
    getDefinitionForEdit: fc.record({ definitionName: named('Board') }, { requiredKeys: [] }),
    listObjects: fc.constant({}),
    describeObject: fc.record({ objectApiName: fc.oneof(named('Contact'), named('Account')) }, { requiredKeys: [] }),
    listFlows: fc.constant({}),
    describeFlow: fc.record({ flowApiName: named('DC_Test_Echo') }, { requiredKeys: [] }),
    previewQuery: fc.record(
        { definitionJson: definitionText, queryName: named('contacts'), requestJson: jsonText(request) },
        { requiredKeys: [] }
    ),
    getSaveStatus: fc.record({ jobId: value }, { requiredKeys: [] })
};

/** Known parameters, with their well-known names filled at random, and junk keys beside them. */
function withJunk(arb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
    return fc
        .tuple(arb, fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 2 }))
        .map(([known, junk]) => ({ ...junk, ...known }));
}

const session = fc.constantFrom({}, { canCustomize: true }, { canCustomize: false });
const builderSession = fc.constantFrom(undefined, ADMIN_SESSION, ADMIN_SESSION, END_USER_SESSION);

/** The answer of one call: a result or a coded ServiceError; anything else fails with the exact input. */
async function answer(call: () => unknown, input: unknown): Promise<string> {
    try {
        await call();
        return 'ok';
    } catch (e) {
        if (!(e instanceof ServiceError)) {
            assert.fail(`crashed with ${(e as Error)?.stack ?? String(e)} on ${JSON.stringify(input)}`);
        }
        assert.equal(typeof e.code, 'string');
        assert.match(e.code, /^[A-Z_]+$/, `a code for ${JSON.stringify(input)}`);
        assert.ok(e.message.length > 0, `a message for ${JSON.stringify(input)}`);
        assert.ok(Array.isArray(e.details));
        return e.code;
    }
}

/** Both outcomes were reached: some calls answered, some were refused (the generators go past the first check). */
function reachedBoth(outcomes: Set<string>, method: string): void {
    assert.ok(outcomes.has('ok'), `${method}: no call answered (${[...outcomes].join(', ')})`);
    assert.ok(outcomes.size > 1, `${method}: no call was refused`);
}

// ------------------------------------------------------------------ properties

for (const [method, params] of Object.entries(PARAMS)) {
    test(`${method}: any parameters give a result or a coded ServiceError`, async () => {
        const outcomes = new Set<string>();
        await fc.assert(
            fc.asyncProperty(withJunk(params), session, async (p, s) => {
                outcomes.add(await answer(() => fixture.backend.controller.call(method, p, s), { method, p }));
            }),
            { seed: 1205, numRuns: 600 }
        );
        reachedBoth(outcomes, method);
    });
}

test(
    'runQuery: any JSON value as searchTerm, sortBy or sortDirection gives a result or a coded ServiceError',
    // found by this suite: query.ts called .trim()/.toLowerCase() on them ({"searchTerm":{}} gave a TypeError)
    async () => {
        await fc.assert(
            fc.asyncProperty(anyRequest, async (r) => {
                const p = { definitionName: 'Board', queryName: 'contacts', requestJson: JSON.stringify(r) };
                await answer(() => fixture.backend.controller.runQuery(p), p);
            }),
            { seed: 1211, numRuns: 300 }
        );
    }
);

/** Mostly well-formed executeFlow requests (real and forged row Ids, 0-5 of them), sometimes anything. */
const rowIds = fc.array(
    fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 29 }).map((i) => ids[i]) },
        { weight: 1, arbitrary: fc.constant('003000000000000AAA') }
    ),
    { maxLength: 5 }
);
const flowRequest = fc.record({
    inputsJson: fc.oneof(
        {
            weight: 4,
            arbitrary: fc.oneof(
                fc.constant('{}'),
                value.map((amount) => JSON.stringify({ amount }))
            )
        },
        { weight: 1, arbitrary: jsonText(inputs) }
    ),
    contextJson: fc.oneof(
        { weight: 4, arbitrary: rowIds.map((selected) => JSON.stringify({ selection: { contactsTable: selected } })) },
        { weight: 1, arbitrary: jsonText(context) }
    )
});

test('executeFlow: answers a contract-shaped FlowRunResponse when it does not throw', async () => {
    const codes = new Map<string, number>();
    const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
    await fc.assert(
        fc.asyncProperty(flowRequest, async (p) => {
            const params = { ...p, definitionName: 'Board', interactionId: 'header', actionId: 'run' };
            let response: unknown;
            try {
                response = fixture.backend.controller.executeFlow(params);
            } catch (e) {
                await answer(() => {
                    throw e;
                }, params);
                count((e as ServiceError).code);
                return;
            }
            const r = response as { success: unknown; outputs: unknown; error: unknown };
            assert.equal(typeof r.success, 'boolean');
            assert.ok(r.outputs && typeof r.outputs === 'object', JSON.stringify(params));
            if (!r.success) assert.match(String((r.error as { code?: unknown })?.code), /^[A-Z_]+$/);
            count(r.success ? 'success' : String((r.error as { code?: unknown }).code));
        }),
        { seed: 1206, numRuns: 600 }
    );
    // the generated requests reach the flow run, and each kind of refusal, not only the first check
    assert.ok((codes.get('success') ?? 0) > 0, JSON.stringify([...codes]));
    for (const code of ['INVALID_REQUEST', 'ROW_NOT_AVAILABLE', 'SELECTION_REQUIRED', 'TOO_MANY_ROWS']) {
        assert.ok(codes.has(code), `${code} in ${JSON.stringify([...codes])}`);
    }
});

for (const [method, params] of Object.entries(BUILDER_PARAMS)) {
    test(`builder ${method}: any parameters give a result or a coded ServiceError`, async () => {
        const outcomes = new Set<string>();
        await fc.assert(
            fc.asyncProperty(withJunk(params), builderSession, async (p, s) => {
                outcomes.add(await answer(() => builder.call(method, p, s), { method, p }));
            }),
            { seed: 1207, numRuns: method === 'previewQuery' ? 400 : 150 }
        );
        // the session refuses an end user every method; an unknown job id is all getSaveStatus can be sent here
        if (method !== 'getSaveStatus') reachedBoth(outcomes, method);
    });
}

test('builder saveDefinition: any definition text gives a job or a coded ServiceError', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
        fc.asyncProperty(
            fc.record(
                {
                    definitionJson: fc.oneof(
                        definitionText,
                        fc.nat(99).map((i) => JSON.stringify(contactDefinition(`Fuzz_${i}`)))
                    ),
                    baseContentHash: value,
                    saveAsNew: value
                },
                { requiredKeys: [] }
            ),
            async (p) => {
                outcomes.add(await answer(() => builder.call('saveDefinition', p, ADMIN_SESSION), p));
            }
        ),
        { seed: 1208, numRuns: 150 }
    );
    await builder.idle();
    reachedBoth(outcomes, 'saveDefinition');
});

// ------------------------------------------------------------------ over HTTP

let server: PreviewServer;
let bundleDir: string;

before(async () => {
    bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-bundle-'));
    fs.writeFileSync(path.join(bundleDir, 'app.js'), '');
    server = await startServer({ port: 0, root: fixture.root, bundleDir, quiet: true, saveDelayMs: 0 });
});
after(async () => {
    await server.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
});

const ENDPOINTS = [
    ...Object.keys(PARAMS),
    ...Object.keys(BUILDER_PARAMS).map((m) => `DynamicComponentBuilderController.${m}`),
    'DynamicComponentController.nope',
    'DynamicComponentBuilderController.__proto__'
];

test('HTTP: any body to any Apex endpoint answers 200 or a 400 with a code (or the JSONException), never a 500', async () => {
    const body = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.json({ maxDepth: 3 }),
        fc
            .constantFrom(ENDPOINTS[0])
            .chain(() => withJunk(PARAMS['DynamicComponentController.runQuery']).map((p) => JSON.stringify(p)))
    );
    await fc.assert(
        fc.asyncProperty(
            fc.constantFrom(...ENDPOINTS),
            body,
            fc.constantFrom(undefined, 'admin', 'user', 'root'),
            async (endpoint, text, as) => {
                const res = await fetch(`${server.url}api/apex/${endpoint}`, {
                    method: 'POST',
                    headers: as ? { 'x-preview-as': as } : {},
                    body: text
                });
                const answerBody = (await res.json()) as { message?: string; exceptionType?: string };
                const where = `${endpoint} ${JSON.stringify(text)} as ${String(as)}`;
                assert.ok(res.status === 200 || res.status === 400, `status ${res.status} for ${where}`);
                if (res.status === 400 && answerBody.exceptionType === 'System.AuraHandledException') {
                    const error = JSON.parse(answerBody.message!) as { code?: unknown; message?: string };
                    assert.match(String(error.code), /^[A-Z_]+$/, where);
                    // UNEXPECTED is how the server reports its own crash (a thrown non-ServiceError)
                    assert.notEqual(error.code, 'UNEXPECTED', `${where}: ${error.message}`);
                } else if (res.status === 400) {
                    // refused before any method runs: an unreadable body or an unknown session, as Apex would
                    assert.match(
                        String(answerBody.exceptionType),
                        /^System\.(JSONException|IllegalArgumentException)$/,
                        where
                    );
                    assert.ok(answerBody.message, where);
                }
            }
        ),
        { seed: 1209, numRuns: 250 }
    );
});

test('HTTP: any body to getRecord answers a record, or a 400/404 with an errorCode, never a 500', async () => {
    await fc.assert(
        fc.asyncProperty(
            fc.oneof(
                fc.string({ maxLength: 40 }),
                fc.json({ maxDepth: 2 }),
                fc
                    .record(
                        {
                            recordId,
                            fields: fc.oneof(fc.constant(['Contact.Name', 'Contact.Account.Name']), value),
                            optionalFields: value
                        },
                        { requiredKeys: [] }
                    )
                    .map((b) => JSON.stringify(b))
            ),
            async (text) => {
                const res = await fetch(`${server.url}api/ui/getRecord`, { method: 'POST', body: text });
                const body = (await res.json()) as { id?: unknown; errorCode?: unknown };
                const where = `status ${res.status} for ${JSON.stringify(text)}: ${JSON.stringify(body)}`;
                assert.ok([200, 400, 404].includes(res.status), where);
                if (res.status === 200) assert.equal(typeof body.id, 'string', where);
                else assert.match(String(body.errorCode), /^(INVALID_REQUEST|NOT_FOUND)$/, where);
            }
        ),
        { seed: 1210, numRuns: 200 }
    );
});

test('HTTP: any request path answers below 500 (a malformed escape is a 400)', async () => {
    const segment = fc.oneof(
        fc.constantFrom(
            'api',
            'apex',
            'records',
            'Contact',
            'bundle',
            '..',
            '%',
            '%E0%A4%A',
            '%zz',
            '%00',
            'slds',
            'assets'
        ),
        fc.string({ maxLength: 6 }).map(encodeURIComponent)
    );
    await fc.assert(
        fc.asyncProperty(fc.array(segment, { maxLength: 4 }), fc.constantFrom('GET', 'POST'), async (parts, method) => {
            const res = await fetch(`${server.url}${parts.join('/')}`, {
                method,
                body: method === 'POST' ? '{}' : undefined
            });
            await res.arrayBuffer();
            assert.ok(res.status < 500, `${method} /${parts.join('/')}: ${res.status}`);
        }),
        { seed: 1212, numRuns: 150 }
    );
});
