/*
 * The flow contract in the preview backend: getDefinition lists every wiring mistake before anything is clicked
 * (with its severity and code), and executeFlow refuses an action with contract problems before the flow starts —
 * the same message, nothing run, nothing committed.
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanup, contactDefinition, makeProject, type Fixture } from './helpers';
import {
    executeFlowOnScreenFlow,
    flowNotFound,
    validateDefinition
} from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { flowCatalogOfDirectory } from '../../scripts/lib/flowCatalog';
import { schemaCatalog } from '../backend/definitions';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

const SELECTED = { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true };

function run(id: string, flowApiName: string, inputs: unknown[] = [SELECTED], outputs: unknown[] = [], extra = {}) {
    return {
        id: 'i_' + id,
        on: { event: 'headerActionClick', target: 'contactsTable', action: id },
        do: [{ type: 'executeFlow', id, flowApiName, inputs, outputs, ...extra }]
    };
}

/** A Board whose header actions each trigger one interaction; resources n (Number), t (Text), ids (Text list). */
function board(interactions: unknown[], query: Record<string, unknown> = {}): Record<string, unknown> {
    const def = contactDefinition('Board', query, { interactions });
    def.resources = [
        { name: 'n', kind: 'variable', dataType: 'Number' },
        { name: 't', kind: 'variable', dataType: 'Text' },
        { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true }
    ];
    (def.components as { headerActions?: unknown[] }[])[0].headerActions = interactions.map((i) => ({
        name: (i as { on: { action: string } }).on.action,
        label: 'Go'
    }));
    return def;
}

function project(def: Record<string, unknown>): Fixture {
    const f = makeProject({
        definitions: { Board: def },
        repoFlows: ['Set_Contact_Status_Active', 'Edit_Contact_Status', 'Calculate_Contact_Summary']
    });
    fixtures.push(f);
    return f;
}

/** ContactIds is the table's selection: sent as row Ids in the run context, never as a value. */
function exec(f: Fixture, actionId: string, inputs: Record<string, unknown> = {}) {
    const { ContactIds, ...values } = inputs;
    return f.backend.controller.executeFlow({
        definitionName: 'Board',
        interactionId: 'i_' + actionId,
        actionId,
        inputsJson: JSON.stringify(values),
        contextJson: JSON.stringify({ selection: { contactsTable: ContactIds ?? [] } })
    });
}

/** Status__c of every contact, to prove a refused run changed nothing. */
function statuses(f: Fixture): string {
    return JSON.stringify(f.backend.store.all('Contact').map((c) => [c.Id, c.Status__c]));
}

// The wiring mistakes of issue #11, each as one header action of the Board.
const MISTAKES = [
    run('wrongCase', 'Set_Contact_Status_Active', [{ ...SELECTED, name: 'contactIds' }]),
    // an output-only variable used as an input
    run('notInput', 'Set_Contact_Status_Active', [SELECTED, { name: 'faultMessage', value: '{!t}' }]),
    run('collectionToSingle', 'Calculate_Contact_Summary', [
        { name: 'accountId', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
    ]),
    run('screen', 'Edit_Contact_Status', [{ name: 'recordId', value: '{!contactsTable.FirstSelectedRow.Id}' }]),
    run('outputType', 'Set_Contact_Status_Active', [SELECTED], [{ name: 'updatedCount', resource: 't' }]),
    run('misspelt', 'Set_Contact_Status_Activ')
];

test('getDefinition lists every flow wiring mistake before anything is clicked, each at its path with a code', () => {
    const f = project(board(MISTAKES));
    const response = f.backend.controller.getDefinition({ definitionName: 'Board' });
    const lines = response.problems.map((p) => `${p.severity} ${p.code} ${p.path}: ${p.message}`);
    assert.deepEqual(lines, [
        `error UNKNOWN_INPUT interactions[0].do[0].inputs[0].name: Flow 'Set_Contact_Status_Active' has no input variable 'contactIds'; did you mean 'ContactIds'? Flow variable names are case-sensitive.`,
        `error INPUT_NOT_AVAILABLE interactions[1].do[0].inputs[1].name: Variable 'faultMessage' of flow 'Set_Contact_Status_Active' is not available for input: tick "Available for input" on it in Flow Builder, then activate the new version.`,
        `error COLLECTION_MISMATCH interactions[2].do[0].inputs[0].value: The value {!contactsTable.SelectedRowsKeyValue} of input 'accountId' is a Text collection, but flow variable 'accountId' of 'Calculate_Contact_Summary' takes a single Text value: map a single value, such as {!<table>.FirstSelectedRow.Id}, or make the flow variable a collection.`,
        `error WRONG_FLOW_TYPE interactions[3].do[0].flowApiName: ${executeFlowOnScreenFlow('Edit_Contact_Status')}`,
        `error TYPE_MISMATCH interactions[4].do[0].outputs[0].resource: Output 'updatedCount' of flow 'Set_Contact_Status_Active' is a single Number value, but resource 't' is a single Text value: store it in a variable of the same type.`,
        `error FLOW_NOT_FOUND interactions[5].do[0].flowApiName: ${flowNotFound('Set_Contact_Status_Activ', 'Set_Contact_Status_Active')}`
    ]);
    // one wording: the component's own validator, given the same flows, says exactly the same
    const flows = flowCatalogOfDirectory(path.join(f.root, 'force-app', 'main', 'default', 'flows'));
    const own = validateDefinition(JSON.parse(response.json), schemaCatalog(f.backend.schema), flows);
    assert.deepEqual(
        own.map((p) => p.message),
        response.problems.map((p) => p.message)
    );
    // the other header actions and the queries still work: the problems disable their interactions only
    const rows = f.backend.controller.runQuery({ definitionName: 'Board', queryName: 'contacts', requestJson: '{}' });
    assert.ok(rows.records.length > 0);
});

test('executeFlow refuses each mistake before the flow starts, with the same message and its code; nothing commits', () => {
    const f = project(board(MISTAKES));
    const problems = f.backend.controller.getDefinition({ definitionName: 'Board' }).problems;
    const before = statuses(f);
    const ids = f.backend.store
        .all('Contact')
        .filter((c) => c.Status__c !== 'Active')
        .slice(0, 3)
        .map((c) => c.Id);
    const cases: [string, Record<string, unknown>, string][] = [
        ['wrongCase', { contactIds: ids }, 'UNKNOWN_INPUT'],
        ['notInput', { ContactIds: ids, faultMessage: 'x' }, 'INPUT_NOT_AVAILABLE'],
        ['collectionToSingle', { accountId: ids }, 'COLLECTION_MISMATCH'],
        ['screen', { recordId: ids[0] }, 'WRONG_FLOW_TYPE'],
        // before: the flow updated the contacts, then the output could not be stored ("Could not activate")
        ['outputType', { ContactIds: ids }, 'TYPE_MISMATCH'],
        ['misspelt', { ContactIds: ids }, 'FLOW_NOT_FOUND']
    ];
    cases.forEach(([actionId, inputs, code], i) => {
        const r = exec(f, actionId, inputs);
        assert.equal(r.success, false, actionId);
        assert.equal(r.error?.code, code, actionId);
        assert.equal(r.error?.message, problems[i].message, `${actionId}: the setup panel's message`);
        assert.deepEqual(
            (r.error?.details as { path: string }[]).map((d) => d.path),
            [problems[i].path],
            actionId
        );
    });
    assert.equal(statuses(f), before, 'no flow ran: no contact changed');
});

test('a flow deactivated after the definition was loaded is refused at the click and listed at the next load', () => {
    const f = project(
        board([run('setActive', 'Set_Contact_Status_Active', [SELECTED], [{ name: 'updatedCount', resource: 'n' }])])
    );
    assert.deepEqual(f.backend.controller.getDefinition({ definitionName: 'Board' }).problems, []);
    const file = path.join(f.root, 'force-app', 'main', 'default', 'flows', 'Set_Contact_Status_Active.flow-meta.xml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<status>Active</status>', '<status>Draft</status>'));
    const before = statuses(f);
    const r = exec(f, 'setActive', { ContactIds: [f.backend.store.all('Contact')[0].Id] });
    assert.equal(r.error?.code, 'FLOW_INACTIVE');
    assert.equal(
        r.error?.message,
        "Flow 'Set_Contact_Status_Active' has no active version: open it in Flow Builder and activate it."
    );
    assert.equal(statuses(f), before);
    const reloaded = f.backend.controller.getDefinition({ definitionName: 'Board' }).problems;
    assert.deepEqual(
        reloaded.map((p) => [p.code, p.path]),
        [['FLOW_INACTIVE', 'interactions[0].do[0].flowApiName']]
    );
});

test('warnings are listed with severity "warning" and block nothing; a wired action still runs', () => {
    const f = project(
        board([
            run('setActive', 'Set_Contact_Status_Active', [SELECTED], [{ name: 'updatedCount', resource: 'n' }]),
            run('summary', 'Calculate_Contact_Summary', [], [{ name: 'totalContacts', resource: 'n' }])
        ])
    );
    const problems = f.backend.controller.getDefinition({ definitionName: 'Board' }).problems;
    assert.deepEqual(
        problems.map((p) => [p.severity, p.code, p.path]),
        [['warning', 'REQUIRED_INPUT', 'interactions[1].do[0].inputs']]
    );
    assert.match(problems[0].message, /^Flow 'Calculate_Contact_Summary' has input variable 'accountId'/);
    const ids = f.backend.store
        .all('Contact')
        .filter((c) => c.Status__c !== 'Active')
        .slice(0, 2)
        .map((c) => c.Id);
    assert.deepEqual(exec(f, 'setActive', { ContactIds: ids }), {
        success: true,
        outputs: { updatedCount: 2 },
        error: null
    });
    assert.equal(exec(f, 'summary').success, true, 'a warning does not refuse the run');
});

test('errors outside interactions block queries and runs; errors of the same interaction block its run only', () => {
    const broken = project(
        board([run('setActive', 'Set_Contact_Status_Active')], {
            fields: ['Name', 'Email', 'Status__c', 'Account.Name', 'Emial']
        })
    );
    const query = () =>
        broken.backend.controller.runQuery({ definitionName: 'Board', queryName: 'contacts', requestJson: '{}' });
    assert.throws(query, (e: { code?: string; message?: string }) => {
        assert.equal(e.code, 'INVALID_DEFINITION');
        assert.match(
            e.message!,
            /^Definition 'Board' has 1 problem\(s\); fix them first: queries\[0\]\.fields\[4\]: Contact has no field 'Emial'/
        );
        return true;
    });
    assert.equal(exec(broken, 'setActive', { ContactIds: [] }).error?.code, 'INVALID_DEFINITION');

    const interaction = run('setActive', 'Set_Contact_Status_Active', [SELECTED], [], {
        onFinish: [{ type: 'showToast', message: 'no title' }]
    });
    const f = project(board([interaction, run('other', 'Set_Contact_Status_Active')]));
    const r = exec(f, 'setActive', { ContactIds: [] });
    assert.equal(r.error?.code, 'INVALID_DEFINITION');
    assert.match(r.error!.message, /interactions\[0\]\.do\[0\]\.onFinish\[0\]\.title: The toast title is missing/);
    assert.equal(exec(f, 'other', { ContactIds: [] }).success, true, 'another interaction is not blocked');
});

test('getDefinition: canCustomize comes from the session (default true); the third parameter of call()', () => {
    const f = project(board([run('setActive', 'Set_Contact_Status_Active')]));
    const controller = f.backend.controller;
    const get = (session?: { canCustomize?: boolean }) =>
        (
            controller.call('DynamicComponentController.getDefinition', { definitionName: 'Board' }, session) as {
                canCustomize: boolean;
            }
        ).canCustomize;
    assert.equal(get(), true);
    assert.equal(get({}), true);
    assert.equal(get({ canCustomize: false }), false);
    assert.equal(get({ canCustomize: true }), true);
});

test('flowModel: a flow that is not in the project gets the contract wording (exact case)', () => {
    const f = project(board([run('setActive', 'Set_Contact_Status_Active')]));
    assert.throws(
        () => f.backend.controller.flowModel('set_contact_status_active'),
        (e: { code?: string; message?: string }) => {
            assert.equal(e.code, 'FLOW_NOT_FOUND');
            assert.equal(e.message, flowNotFound('set_contact_status_active', 'Set_Contact_Status_Active'));
            return true;
        }
    );
    assert.equal(f.backend.controller.flowModel('Set_Contact_Status_Active').apiName, 'Set_Contact_Status_Active');
});
