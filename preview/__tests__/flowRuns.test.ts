/*
 * The preview's chunked flow runner (backend/flowRuns.ts): startFlowRun / getFlowRun / cancelFlowRun /
 * retryFlowRun / listFlowRuns over the in-memory store, with Set_Contact_Status_Active as the flow.
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { cleanup, contactDefinition, makeProject, sampleData, type Fixture } from './helpers';
import { aggregateValues, chunkIds, type RunView } from '../backend/flowRuns';
import type { ControllerSession } from '../backend/controller';
import { ACTION_KEYS } from '../../force-app/main/default/lwc/dcDefinition/vocabulary';

/**
 * The definition keys mode / chunkSize / aggregate belong to c/dcDefinition (issue #14, another change): until it
 * knows them the test definition is invalid, so the runs below are skipped with this reason instead of failing.
 */
const NEEDS_RUN_KEYS = ACTION_KEYS.executeFlow.includes('mode')
    ? false
    : 'c/dcDefinition does not accept executeFlow mode/chunkSize yet';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

const ADMIN: ControllerSession = {};
const END_USER: ControllerSession = { canCustomize: false };

function project(contacts: number, action: Record<string, unknown> = {}): Fixture {
    const interactions = [
        {
            id: 'i_setActive',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
            do: [
                {
                    type: 'executeFlow',
                    id: 'setActive',
                    flowApiName: 'Set_Contact_Status_Active',
                    mode: 'async',
                    chunkSize: 200,
                    inputs: [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }],
                    outputs: [{ name: 'updatedCount', resource: 'n' }],
                    ...action
                }
            ]
        }
    ];
    const def = contactDefinition('Board', {}, { interactions });
    def.resources = [{ name: 'n', kind: 'variable', dataType: 'Number' }];
    const table = (def.components as Record<string, unknown>[])[0];
    table.headerActions = [{ name: 'setActive', label: 'Set as Active' }];
    delete table.maxRowSelection;
    // every contact has an email (the validation rule: an Active contact needs one)
    const data = sampleData(3, contacts);
    for (const [i, r] of (data['Contacts.json'] as { records: Record<string, unknown>[] }).records.entries())
        r.Email = `p${i + 1}@example.com`;
    const f = makeProject({
        data,
        definitions: { Board: def },
        repoFlows: ['Set_Contact_Status_Active']
    });
    fixtures.push(f);
    const errors = f.backend.controller
        .getDefinition({ definitionName: 'Board' })
        .problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors, [], 'the test definition is valid');
    return f;
}

/** Counts store updates per record Id (the exactly-once proof) and, separately, the committed ones. */
function countWrites(f: Fixture): Map<string, number> {
    const store = f.backend.store;
    const writes = new Map<string, number>();
    const update = store.update.bind(store);
    store.update = (objectName, id, fields) => {
        const rec = update(objectName, id, fields);
        // the run's own bookkeeping records (Dynamic_Component_Run__c / _Chunk__c) are not the flow's writes
        if (objectName === 'Contact') writes.set(id, (writes.get(id) ?? 0) + 1);
        return rec;
    };
    return writes;
}

function start(f: Fixture, ids: string[], session: ControllerSession = ADMIN, clientKey?: string): RunView {
    return f.backend.controller.call(
        'DynamicComponentController.startFlowRun',
        {
            definitionName: 'Board',
            interactionId: 'i_setActive',
            actionId: 'setActive',
            requestJson: JSON.stringify({ inputs: {}, context: { selection: { contactsTable: ids } }, clientKey })
        },
        session
    ) as RunView;
}

function get(f: Fixture, runId: string, session: ControllerSession = ADMIN): RunView {
    return f.backend.controller.call('DynamicComponentController.getFlowRun', { runId }, session) as RunView;
}

const contactIds = (f: Fixture) => f.backend.store.all('Contact').map((c) => c.Id);
const statusOf = (f: Fixture, id: string) => f.backend.store.get('Contact', id)?.Status__c;

/** A ServiceError thrown through call(), by code. */
function throwsCode(fn: () => unknown, code: string, message?: RegExp): void {
    assert.throws(fn, (e: { code?: string; message?: string }) => {
        assert.equal(e.code, code);
        if (message) assert.match(String(e.message), message);
        return true;
    });
}

test('chunkIds and aggregateValues: 1,050 Ids in chunks of 200 are 6 chunks; last/sum/count/collect', () => {
    const ids = Array.from({ length: 1050 }, (_, i) => `003${String(i).padStart(12, '0')}AAA`);
    const chunks = chunkIds(ids, 200);
    assert.deepEqual(
        chunks.map((c) => c.length),
        [200, 200, 200, 200, 200, 50]
    );
    assert.deepEqual(chunks.flat(), ids);
    assert.equal(aggregateValues('last', [1, 2, 3]), 3);
    assert.equal(aggregateValues('last', []), null);
    assert.equal(aggregateValues('sum', [200, 50, null]), 250);
    assert.equal(aggregateValues('count', [['a', 'b'], 'c', null]), 3);
    assert.deepEqual(aggregateValues('collect', [['a', 'b'], 'c', null]), ['a', 'b', 'c']);
});

test(
    'a run over 1,050 contacts with chunkSize 200 runs 6 chunks, asynchronously, each record written once',
    { skip: NEEDS_RUN_KEYS },
    async () => {
        const f = project(1050);
        const writes = countWrites(f);
        const ids = contactIds(f);
        const events: string[] = [];
        f.backend.controller.flowRuns.onEvent = (e) => events.push(`${e.Status__c}:${e.Succeeded__c}`);
        const started = start(f, ids);
        // nothing ran in the start request itself: chunks run between requests
        assert.equal(started.status, 'Queued');
        assert.equal(started.total, 1050);
        assert.equal(started.remaining, 1050);
        assert.equal(writes.size, 0);
        await f.backend.controller.flowRuns.idle();
        const run = get(f, started.id);
        assert.equal(run.status, 'Completed', JSON.stringify(run.chunks?.[0]).slice(0, 600));
        assert.deepEqual(
            run.chunks?.map((c) => [c.index, c.status, c.size]),
            [0, 1, 2, 3, 4, 5].map((i) => [i, 'Done', i < 5 ? 200 : 50])
        );
        assert.deepEqual([run.succeeded, run.failed, run.remaining], [1050, 0, 0]);
        // updatedCount of the last chunk (aggregate last, the default)
        assert.deepEqual(run.outputs, { updatedCount: 50 });
        assert.ok(ids.every((id) => statusOf(f, id) === 'Active'));
        assert.equal(writes.size, 1050);
        assert.ok(
            [...writes.values()].every((n) => n === 1),
            'every record is written exactly once'
        );
        assert.equal(events[events.length - 1], 'Completed:1050');
        assert.ok(events.includes('Running:200'), `progress events per chunk: ${events.join(', ')}`);
    }
);

test('aggregate sum adds the chunks outputs', { skip: NEEDS_RUN_KEYS }, async () => {
    const f = project(450, { outputs: [{ name: 'updatedCount', resource: 'n', aggregate: 'sum' }] });
    const run = start(f, contactIds(f));
    await f.backend.controller.flowRuns.idle();
    assert.deepEqual(get(f, run.id).outputs, { updatedCount: 450 });
});

test(
    'a failing chunk is rolled back alone; the other chunks commit; retry re-runs only the failed Ids',
    { skip: NEEDS_RUN_KEYS },
    async () => {
        const f = project(1050);
        const ids = contactIds(f);
        const before = new Map(ids.map((id) => [id, f.backend.store.get('Contact', id)]));
        // fault injection as /api/test/fail-ids does: one record of chunk 2 cannot be written
        const bad = ids[450];
        f.backend.store.recordErrors.set(bad, {
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'FAIL_FLOW',
            fields: []
        });
        const writes = countWrites(f);
        const started = start(f, ids);
        await f.backend.controller.flowRuns.idle();
        const run = get(f, started.id);
        assert.equal(run.status, 'Completed_With_Errors');
        assert.deepEqual(
            run.chunks?.map((c) => c.status),
            ['Done', 'Done', 'Failed', 'Done', 'Done', 'Done']
        );
        const failed = run.chunks?.[2];
        assert.match(String(failed?.message), /^FLOW_FAULT: .*FAIL_FLOW/);
        assert.deepEqual(failed?.failedIds, ids.slice(400, 600));
        assert.deepEqual([run.succeeded, run.failed, run.remaining], [850, 200, 0]);
        // the failed chunk's records are as they were (its writes before the fault are rolled back)
        for (const id of ids.slice(400, 600)) assert.equal(f.backend.store.get('Contact', id), before.get(id));
        for (const id of [...ids.slice(0, 400), ...ids.slice(600)]) assert.equal(statusOf(f, id), 'Active');

        // the cause removed, retry runs chunk 2 only
        f.backend.store.recordErrors.clear();
        writes.clear();
        const retried = f.backend.controller.call(
            'DynamicComponentController.retryFlowRun',
            { runId: run.id },
            ADMIN
        ) as RunView;
        assert.equal(retried.id, run.id);
        assert.equal(retried.chunks?.[2].status, 'Queued');
        await f.backend.controller.flowRuns.idle();
        const after = get(f, run.id);
        assert.equal(after.status, 'Completed');
        assert.deepEqual([after.succeeded, after.failed, after.remaining], [1050, 0, 0]);
        assert.deepEqual([...writes.keys()].sort(), ids.slice(400, 600).sort(), 'only the failed Ids are re-run');
        assert.ok(ids.every((id) => statusOf(f, id) === 'Active'));
        throwsCode(
            () => f.backend.controller.call('DynamicComponentController.retryFlowRun', { runId: run.id }, ADMIN),
            'NOT_ALLOWED',
            /no failed chunk/
        );
    }
);

test('cancel mid-run: no further chunk starts, finished chunks stay', { skip: NEEDS_RUN_KEYS }, async () => {
    const f = project(1050);
    const ids = contactIds(f);
    const started = start(f, ids);
    const service = f.backend.controller.flowRuns;
    // let two chunks run, then cancel
    let doneEvents = 0;
    await new Promise<void>((resolve) => {
        service.onEvent = (e) => {
            if (e.Status__c === 'Running' && ++doneEvents === 2) {
                f.backend.controller.call('DynamicComponentController.cancelFlowRun', { runId: started.id }, ADMIN);
                resolve();
            }
        };
    });
    await service.idle();
    const run = get(f, started.id);
    assert.equal(run.status, 'Cancelled');
    assert.deepEqual(
        run.chunks?.map((c) => c.status),
        ['Done', 'Done', 'Cancelled', 'Cancelled', 'Cancelled', 'Cancelled']
    );
    assert.deepEqual([run.succeeded, run.failed, run.remaining], [400, 0, 650]);
    assert.ok(run.finishedAt);
    assert.equal(
        ids.filter((id) => statusOf(f, id) === 'Active').length,
        400 + ids.filter((_, i) => i >= 400 && i % 4 === 1).length
    );
    // cancelling again changes nothing
    const again = f.backend.controller.call(
        'DynamicComponentController.cancelFlowRun',
        { runId: started.id },
        ADMIN
    ) as RunView;
    assert.equal(again.status, 'Cancelled');
});

test(
    'the same clientKey starts one run (a double click); another key starts another',
    { skip: NEEDS_RUN_KEYS },
    async () => {
        const f = project(300);
        const ids = contactIds(f);
        const first = start(f, ids, ADMIN, 'key-1');
        const second = start(f, ids, ADMIN, 'key-1');
        assert.equal(second.id, first.id);
        await f.backend.controller.flowRuns.idle();
        assert.equal(start(f, ids, ADMIN, 'key-1').id, first.id, 'also after the run finished');
        const listed = f.backend.controller.call(
            'DynamicComponentController.listFlowRuns',
            { definitionName: 'Board' },
            ADMIN
        ) as RunView[];
        assert.deepEqual(
            listed.map((r) => r.id),
            [first.id]
        );
        const other = start(f, ids, ADMIN, 'key-2');
        assert.notEqual(other.id, first.id);
        await f.backend.controller.flowRuns.idle();
        const newest = f.backend.controller.call('DynamicComponentController.listFlowRuns', {}, ADMIN) as RunView[];
        assert.deepEqual(
            newest.map((r) => r.id),
            [other.id, first.id],
            'newest first'
        );
        assert.equal(newest[0].chunks, undefined, 'chunks only from getFlowRun');
    }
);

test(
    'another user cannot see a run: NOT_FOUND for get, cancel and retry; it is not listed',
    { skip: NEEDS_RUN_KEYS },
    async () => {
        const f = project(50);
        const run = start(f, contactIds(f), ADMIN);
        for (const method of ['getFlowRun', 'cancelFlowRun', 'retryFlowRun']) {
            throwsCode(
                () => f.backend.controller.call(`DynamicComponentController.${method}`, { runId: run.id }, END_USER),
                'NOT_FOUND'
            );
        }
        assert.deepEqual(f.backend.controller.call('DynamicComponentController.listFlowRuns', {}, END_USER), []);
        await f.backend.controller.flowRuns.idle();
        assert.equal(get(f, run.id).status, 'Completed', 'the cancel of the other user did nothing');
        throwsCode(() => get(f, 'not an id'), 'INVALID_REQUEST');
        throwsCode(() => get(f, 'a0R000000000999AAA'), 'NOT_FOUND');
    }
);

test(
    'records the user cannot see are reported and counted failed, not processed',
    { skip: NEEDS_RUN_KEYS },
    async () => {
        const f = project(30);
        const ids = contactIds(f);
        f.backend.controller.hiddenFromUser.add(ids[0]);
        const writes = countWrites(f);
        const run = start(f, ids, END_USER);
        assert.match(String(run.message), /1 selected record\(s\) are not visible to you/);
        await f.backend.controller.flowRuns.idle();
        const done = get(f, run.id, END_USER);
        assert.equal(done.status, 'Completed_With_Errors');
        assert.deepEqual([done.total, done.succeeded, done.failed], [30, 29, 1]);
        assert.equal(writes.has(ids[0]), false);
    }
);

test('the server checks of executeFlow hold: a sync action, a malformed request', { skip: NEEDS_RUN_KEYS }, () => {
    const f = project(10, { mode: 'sync', chunkSize: undefined });
    throwsCode(() => start(f, contactIds(f)), 'NOT_ALLOWED', /runs in mode sync.*executeFlow/);
    throwsCode(
        () =>
            f.backend.controller.call(
                'DynamicComponentController.startFlowRun',
                { definitionName: 'Board', interactionId: 'i_setActive', actionId: 'setActive', requestJson: '{' },
                ADMIN
            ),
        'INVALID_REQUEST'
    );
    throwsCode(
        () =>
            f.backend.controller.call(
                'DynamicComponentController.startFlowRun',
                { definitionName: 'Board', interactionId: 'i_setActive', actionId: 'nope', requestJson: '{}' },
                ADMIN
            ),
        'UNKNOWN_INTERACTION'
    );
});

test('a 25,000-record run completes, every record written once', { skip: NEEDS_RUN_KEYS }, async (t) => {
    const f = project(25000, { chunkSize: 500 });
    const ids = contactIds(f);
    const writes = countWrites(f);
    const began = Date.now();
    const run = start(f, ids);
    await f.backend.controller.flowRuns.idle();
    const seconds = (Date.now() - began) / 1000;
    t.diagnostic(
        `25,000 records in ${seconds.toFixed(1)} s: ${Math.round(25000 / seconds).toLocaleString('en-US')} records/s`
    );
    const done = get(f, run.id);
    assert.equal(done.status, 'Completed');
    assert.equal(done.chunks?.length, 50);
    assert.deepEqual([done.succeeded, done.failed, done.remaining], [25000, 0, 0]);
    assert.equal(writes.size, 25000);
    assert.ok([...writes.values()].every((n) => n === 1));
});
