/*
 * "Select all matching" on the preview's server (backend/matching.ts, controller resolveMatching), the run records'
 * CreatedById, the seed and the committed write counts (store.writeCounts) that the 25,000-record e2e relies on.
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { cleanup, contactDefinition, makeProject, sampleData, type Fixture } from './helpers';
import { seedRecords } from '../backend/seed';
import { changedMessage } from '../backend/matching';
import type { RunView } from '../backend/flowRuns';
import type { FlowRunResponse } from '../backend/controller';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

function project(mode: string, maxRowSelection?: number): Fixture {
    const def = contactDefinition(
        'Board',
        {},
        {
            interactions: [
                {
                    id: 'i_setActive',
                    on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                    do: [
                        {
                            type: 'executeFlow',
                            id: 'setActive',
                            flowApiName: 'Set_Contact_Status_Active',
                            mode,
                            inputs: [
                                { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                            ]
                        }
                    ]
                }
            ]
        }
    );
    const table = (def.components as Record<string, unknown>[])[0];
    table.headerActions = [{ name: 'setActive', label: 'Set as Active' }];
    if (maxRowSelection === undefined) delete table.maxRowSelection;
    else table.maxRowSelection = maxRowSelection;
    const data = sampleData(2, 0);
    (data['Contacts.json'] as { records: unknown[] }).records = [];
    const f = makeProject({ data, definitions: { Board: def }, repoFlows: ['Set_Contact_Status_Active'] });
    fixtures.push(f);
    return f;
}

const params = (context: unknown) => ({
    definitionName: 'Board',
    interactionId: 'i_setActive',
    actionId: 'setActive',
    contextJson: JSON.stringify(context),
    requestJson: JSON.stringify({ inputs: {}, context })
});

function execute(f: Fixture, context: unknown): FlowRunResponse {
    return f.backend.controller.executeFlow(params(context));
}

test('seed: distinct names and emails, write counts reset; a sync matching run updates all but the excluded', () => {
    const f = project('sync');
    const seeded = seedRecords(f.backend.store, 'Contact', 30, { Status__c: 'New' });
    assert.equal(seeded.created, 30);
    assert.equal(seeded.ids.length, 5);
    const all = f.backend.store.all('Contact');
    assert.equal(new Set(all.map((c) => c.Email)).size, 30);
    assert.equal(all[0].LastName, 'Contact 00001');
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 30 });
    const excluded = [all[0].Id, all[1].Id];
    const r = execute(f, {
        matching: { contactsTable: { searchTerm: null, excludedIds: excluded, expectedCount: 28 } }
    });
    assert.equal(r.success, true, JSON.stringify(r.error));
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 2, '1': 28 });
    assert.equal(f.backend.store.get('Contact', excluded[0])?.Status__c, 'New');
    // the search narrows it like the table's search box
    const narrowed = execute(f, {
        matching: { contactsTable: { searchTerm: 'Contact 0001', excludedIds: [], expectedCount: 10 } }
    });
    assert.equal(narrowed.success, true);
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 2, '1': 18, '2': 10 });
});

test('matching errors: a table in both, more than 2,000 exclusions, a bad Id, maxRowSelection, nothing matching', () => {
    const f = project('sync', 5);
    seedRecords(f.backend.store, 'Contact', 8);
    const ids = f.backend.store.all('Contact').map((c) => c.Id);
    const code = (context: unknown) => {
        try {
            const r = execute(f, context);
            return r.error ? `${r.error.code}: ${r.error.message}` : 'ok';
        } catch (e) {
            return `${(e as { code?: string }).code}: ${(e as Error).message}`;
        }
    };
    const spec = (extra: Record<string, unknown> = {}) => ({
        searchTerm: null,
        excludedIds: [],
        expectedCount: 8,
        ...extra
    });
    assert.match(
        code({ selection: { contactsTable: [ids[0]] }, matching: { contactsTable: spec() } }),
        /^INVALID_REQUEST: .*names table 'contactsTable' in both selection and matching/
    );
    assert.match(
        code({ matching: { contactsTable: spec({ excludedIds: Array(2001).fill(ids[0]) }) } }),
        /^INVALID_REQUEST: .*excludedIds holds 2,001 Ids; at most 2,000 rows/
    );
    assert.match(
        code({ matching: { contactsTable: spec({ excludedIds: ['nope'] }) } }),
        /^INVALID_REQUEST: .*excludedIds\[0\]/
    );
    assert.match(
        code({ matching: { contactsTable: spec() } }),
        /^TOO_MANY_ROWS: 8 rows match in table 'contactsTable', which allows at most 5 selected rows/
    );
    assert.match(
        code({ matching: { contactsTable: spec({ searchTerm: 'no such contact' }) } }),
        /^SELECTION_REQUIRED: No row of table 'contactsTable' matches now/
    );
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 8 });
});

test('a sync run over more than 10,000 matching rows is TOO_MANY_ROWS with the Apex text', () => {
    const f = project('sync');
    seedRecords(f.backend.store, 'Contact', 10001);
    const r = execute(f, { matching: { contactsTable: { searchTerm: null, excludedIds: [], expectedCount: 10001 } } });
    assert.equal(r.error?.code, 'TOO_MANY_ROWS');
    assert.equal(
        r.error?.message,
        "10,001 rows match in table 'contactsTable'; one transaction handles at most 10,000. Set the action's mode to auto or async to run it in chunks."
    );
});

test('a chunked matching run: the changed-selection message, a failing chunk rolled back and not counted, retry counts once', async () => {
    assert.equal(
        changedMessage(24990, 25000),
        'The selection changed since it was made: 24,990 rows match now, not the 25,000 you selected. The run covers the 24,990 rows that match now.'
    );
    const f = project('async');
    seedRecords(f.backend.store, 'Contact', 1000, { Status__c: 'New' });
    const all = f.backend.store.all('Contact');
    // one record of the third chunk fails every write: its chunk of 200 is rolled back
    f.backend.store.recordErrors.set(all[450].Id, {
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'FAIL_FLOW',
        fields: []
    });
    const started = f.backend.controller.call(
        'DynamicComponentController.startFlowRun',
        params({ matching: { contactsTable: { searchTerm: null, excludedIds: [all[0].Id], expectedCount: 1000 } } }),
        {}
    ) as RunView;
    assert.equal(started.total, 999);
    assert.equal(
        started.message,
        'The selection changed since it was made: 999 rows match now, not the 1,000 you selected. The run covers the 999 rows that match now.'
    );
    await f.backend.controller.flowRuns.idle();
    const failed = f.backend.controller.call(
        'DynamicComponentController.getFlowRun',
        { runId: started.id },
        {}
    ) as RunView;
    assert.equal(failed.status, 'Completed_With_Errors');
    assert.equal(failed.failed, 200);
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 201, '1': 799 });
    f.backend.store.recordErrors.clear();
    f.backend.controller.call('DynamicComponentController.retryFlowRun', { runId: started.id }, {});
    await f.backend.controller.flowRuns.idle();
    assert.deepEqual(f.backend.store.writeCounts('Contact'), { '0': 1, '1': 999 });
    // the run is also a Dynamic_Component_Run__c record with its chunks, created by the starting user
    const [runRecord] = f.backend.store.all('Dynamic_Component_Run__c');
    assert.equal(runRecord.Status__c, 'Completed');
    assert.equal(runRecord.Succeeded__c, 999);
    assert.equal(runRecord.CreatedById, f.backend.user.Id);
    const chunks = f.backend.store.all('Dynamic_Component_Run_Chunk__c');
    assert.equal(chunks.length, 5);
    assert.ok(chunks.every((c) => c.Run__c === runRecord.Id && c.Status__c === 'Done'));
    assert.equal(chunks[2].Attempts__c, 2);
});

test('CreatedById: custom objects have it (not updateable), set from the creating user', () => {
    const f = project('sync');
    const field = f.backend.schema.field('Dynamic_Component_Save__c', 'CreatedById');
    assert.equal(field?.type, 'REFERENCE');
    assert.deepEqual(field?.referenceTo, ['User']);
    assert.equal(field?.relationshipName, 'CreatedBy');
    const problems = f.backend.schema.object('Dynamic_Component_Run__c')?.fields.has('CreatedById');
    assert.equal(problems, true);
    assert.equal(f.backend.store.currentUserId, f.backend.user.Id);
});
