import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanup, contactDefinition, flowXml, makeProject, REPO, sampleData, type Fixture } from './helpers';
import { parseFlowXml } from '../backend/flow/flowModel';
import { FlowInterpreter } from '../backend/flow/interpreter';

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

function action(id: string, flowApiName: string, inputs: unknown[] = [], outputs: unknown[] = []) {
    return {
        id: 'i_' + id,
        on: { event: 'headerActionClick', target: 'contactsTable', action: id },
        do: [{ type: 'executeFlow', id, flowApiName, inputs, outputs }]
    };
}

function project(interactions: unknown[], flows: Record<string, string> = {}): Fixture {
    const def = contactDefinition('Board', {}, { interactions });
    (def.resources as unknown) = [
        { name: 'n', kind: 'variable', dataType: 'Number' },
        { name: 't', kind: 'variable', dataType: 'Text' }
    ];
    const components = def.components as { headerActions?: unknown[] }[];
    components[0].headerActions = interactions.map((i) => ({
        name: (i as { on: { action: string } }).on.action,
        label: 'Go'
    }));
    const f = makeProject({
        definitions: { Board: def },
        flows,
        repoFlows: [
            'Set_Contact_Status_Active',
            'DC_Test_Fault',
            'DC_Test_Echo',
            'Calculate_Contact_Summary',
            'Edit_Contact_Status'
        ]
    });
    fixtures.push(f);
    // test flows that write records may carry the RUN_CONTEXT warning (no runInMode); errors would stop the run
    const problems = f.backend.controller.getDefinition({ definitionName: 'Board' }).problems;
    assert.deepEqual(
        problems.filter((p) => p.severity !== 'warning' || p.code !== 'RUN_CONTEXT'),
        [],
        'the test definition is valid'
    );
    return f;
}

function exec(
    f: Fixture,
    actionId: string,
    inputs: Record<string, unknown> = {},
    context: Record<string, unknown> = {}
) {
    return f.backend.controller.executeFlow({
        definitionName: 'Board',
        interactionId: 'i_' + actionId,
        actionId,
        inputsJson: JSON.stringify(inputs),
        contextJson: JSON.stringify(context)
    });
}

/** The selection of contactsTable, as the browser sends it (row Ids only). */
const selected = (ids: string[]) => ({ selection: { contactsTable: ids } });

test('Set_Contact_Status_Active (the project flow) sets the selected contacts Active, with one and with many rows', () => {
    const f = project([
        action(
            'setActive',
            'Set_Contact_Status_Active',
            [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }],
            [{ name: 'updatedCount', resource: 'n' }]
        )
    ]);
    const store = f.backend.store;
    // with an email: Contact's validation rule Email_Required_When_Active refuses an Active contact without one
    const notActive = store.all('Contact').filter((c) => c.Status__c !== 'Active' && c.Email);
    const many = notActive.slice(0, 5).map((c) => c.Id);
    const r = exec(f, 'setActive', {}, selected(many));
    assert.deepEqual(r, { success: true, outputs: { updatedCount: 5 }, error: null });
    assert.ok(many.every((id) => store.get('Contact', id)!.Status__c === 'Active'));
    const one = exec(f, 'setActive', {}, selected([notActive[6].Id]));
    assert.equal(one.outputs.updatedCount, 1);
    assert.equal(store.get('Contact', notActive[6].Id)!.Status__c, 'Active');
    // untouched contacts keep their status
    assert.notEqual(store.get('Contact', notActive[7].Id)!.Status__c, 'Active');
    // no selection: the decision skips the update
    assert.deepEqual(exec(f, 'setActive', {}, selected([])).outputs, { updatedCount: 0 });
});

test('a handled fault (faultMessage output) rolls back everything and returns FLOW_FAULT with the platform text', () => {
    const f = project([
        action('boom', 'DC_Test_Fault', [
            { name: 'accountName', value: 'Rollback Inc' },
            { name: 'contactEmail', value: 'not-an-email' }
        ])
    ]);
    const before = f.backend.store.count('Account');
    const r = exec(f, 'boom');
    assert.equal(r.success, false);
    assert.equal(r.error?.code, 'FLOW_FAULT');
    assert.equal(
        r.error?.message,
        'This error occurred when the flow tried to create records: INVALID_EMAIL_ADDRESS: Email: invalid email address: not-an-email.'
    );
    assert.deepEqual(r.error?.details, ['Flow: DC_Test_Fault']);
    assert.equal(f.backend.store.count('Account'), before, 'the Account created before the fault is rolled back');
});

test('formulas, AssignCount, record fields and Get Records with In (DC_Test_Echo, Calculate_Contact_Summary)', () => {
    const f = project([
        action(
            'echo',
            'DC_Test_Echo',
            [
                { name: 'names', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true },
                { name: 'amount', value: '{!n}', dataType: 'Number' }
            ],
            [
                { name: 'doubledAmount', resource: 'n' },
                { name: 'nameCount', resource: 'n' }
            ]
        ),
        action(
            'summary',
            'Calculate_Contact_Summary',
            [{ name: 'accountId', value: '{!$Record.Id}' }],
            [
                { name: 'summary', resource: 't' },
                { name: 'totalContacts', resource: 'n' }
            ]
        )
    ]);
    const three = f.backend.store
        .all('Contact')
        .slice(0, 3)
        .map((c) => c.Id);
    const echo = exec(f, 'echo', { amount: '2.5' }, selected(three));
    assert.deepEqual(echo, { success: true, outputs: { doubledAmount: 5, nameCount: 3 }, error: null });
    const account = f.backend.store.all('Account')[0];
    const contacts = f.backend.store.all('Contact').filter((c) => c.AccountId === account.Id);
    const active = contacts.filter((c) => c.Status__c === 'Active').length;
    const s = exec(f, 'summary', {}, { recordId: account.Id });
    assert.equal(s.success, true, JSON.stringify(s.error));
    assert.equal(s.outputs.totalContacts, contacts.length);
    assert.equal(s.outputs.summary, `${active} of ${contacts.length} contacts are active`);
});

test('the allow-list: unknown inputs, interactions and actions, other action types', () => {
    const f = project([
        action('setActive', 'Set_Contact_Status_Active', [
            { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
        ]),
        {
            id: 'i_toast',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'toast' },
            do: [{ type: 'showToast', id: 'toast', title: 'Hi' }]
        }
    ]);
    const code = (r: { error: { code: string } | null }) => r.error?.code;
    const other = exec(f, 'setActive', { Other: 1 });
    assert.equal(code(other), 'NOT_ALLOWED');
    assert.deepEqual(other.error?.details, ['Configured inputs: ContactIds']);
    const toast = exec(f, 'toast');
    assert.equal(code(toast), 'NOT_ALLOWED');
    assert.match(toast.error!.message, /is a showToast action; only Execute Flow actions run flows on the server\.$/);
    const run = (interactionId: string, actionId: string) =>
        f.backend.controller.executeFlow({ definitionName: 'Board', interactionId, actionId, inputsJson: '{}' });
    assert.equal(code(run('zzz', 'x')), 'UNKNOWN_INTERACTION');
    assert.match(run('i_setActive', 'nope').error!.message, /has no action with id 'nope'\. Reload the page/);
    // forged Ids are refused before anything runs (the selection is re-read; server-trust.test.ts has the rest)
    const ids = Array.from({ length: 3 }, (_, i) => `003zzzzzzzzzzz${i}AAA`);
    const forged = exec(f, 'setActive', {}, selected(ids));
    assert.equal(code(forged), 'ROW_NOT_AVAILABLE');
    assert.deepEqual(forged.error?.details, ids);
    assert.throws(
        () => f.backend.controller.executeFlow({ definitionName: 'Board', inputsJson: '[1]' }),
        /must be a JSON object keyed by flow input name/
    );
    assert.throws(
        () => f.backend.controller.executeFlow({ definitionName: 'Board', inputsJson: '{' }),
        /The flow inputs are not valid JSON/
    );
});

/** Sample data where every contact has an email (so the validation rule lets any of them become Active). */
function withEmails(data: Record<string, unknown>): Record<string, unknown> {
    const contacts = data['Contacts.json'] as { records: Record<string, unknown>[] };
    contacts.records.forEach((r, i) => (r.Email ??= `c${i + 1}@example.com`));
    return data;
}

test('the DML row budget: 10,001 selected rows (all real, all in the query) are refused before the flow runs', () => {
    const def = contactDefinition(
        'Big',
        {},
        {
            interactions: [
                action('setActive', 'Set_Contact_Status_Active', [
                    { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                ])
            ]
        }
    );
    const table = (def.components as Record<string, unknown>[])[0];
    table.maxRowSelection = 20000;
    table.headerActions = [{ name: 'setActive', label: 'Set as Active' }];
    const f = makeProject({
        data: withEmails(sampleData(3, 10001)),
        definitions: { Big: def },
        repoFlows: ['Set_Contact_Status_Active']
    });
    fixtures.push(f);
    assert.deepEqual(f.backend.controller.getDefinition({ definitionName: 'Big' }).problems, []);
    const ids = f.backend.store.all('Contact').map((c) => c.Id as string);
    assert.equal(ids.length, 10001);
    const before = f.backend.store.all('Contact').filter((c) => c.Status__c === 'Active').length;
    const r = f.backend.controller.executeFlow({
        definitionName: 'Big',
        interactionId: 'i_setActive',
        actionId: 'setActive',
        inputsJson: '{}',
        contextJson: JSON.stringify(selected(ids))
    });
    assert.equal(r.success, false);
    assert.equal(r.error?.code, 'TOO_MANY_ROWS');
    assert.equal(
        r.error?.message,
        '10,001 rows selected; one flow run can update at most 10,000 records per transaction. Select fewer rows and run it again.'
    );
    assert.equal(f.backend.store.all('Contact').filter((c) => c.Status__c === 'Active').length, before, 'nothing ran');
    // one row fewer fits the budget and runs
    const fits = f.backend.controller.executeFlow({
        definitionName: 'Big',
        interactionId: 'i_setActive',
        actionId: 'setActive',
        inputsJson: '{}',
        contextJson: JSON.stringify(selected(ids.slice(0, 10000)))
    });
    assert.equal(fits.error, null);
    assert.equal(fits.success, true);
    // the store's own budget, per transaction: the 10,001st row fails the statement and the whole transaction
    const store = f.backend.store;
    const count = store.all('Contact').length;
    assert.throws(
        () =>
            store.transaction(() => {
                for (let i = 0; i < 10001; i++) store.insert('Contact', { LastName: `Bulk${i}` });
            }),
        { message: 'LIMIT_EXCEEDED: Too many DML rows: 10001 (the limit is 10,000 rows per transaction).' }
    );
    assert.equal(store.all('Contact').length, count, 'rolled back');
});

const LOOP_FLOW = flowXml(`
    <variables><name>ids</name><dataType>String</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
    <variables><name>picked</name><dataType>SObject</dataType><objectType>Contact</objectType><isCollection>true</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
    <variables><name>toUpdate</name><dataType>SObject</dataType><objectType>Contact</objectType><isCollection>true</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
    <variables><name>one</name><dataType>SObject</dataType><objectType>Contact</objectType><isCollection>false</isCollection><isInput>false</isInput><isOutput>false</isOutput></variables>
    <variables><name>skipped</name><dataType>Number</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput><value><numberValue>10</numberValue></value></variables>
    <variables><name>label</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput></variables>
    <recordLookups><name>First</name><object>Contact</object><filterLogic>and</filterLogic>
        <filters><field>Id</field><operator>In</operator><value><elementReference>ids</elementReference></value></filters>
        <getFirstRecordOnly>false</getFirstRecordOnly><storeOutputAutomatically>false</storeOutputAutomatically><outputReference>picked</outputReference>
        <sortField>LastName</sortField><sortOrder>Desc</sortOrder>
        <connector><targetReference>Each</targetReference></connector></recordLookups>
    <loops><name>Each</name><collectionReference>picked</collectionReference><iterationOrder>Asc</iterationOrder>
        <nextValueConnector><targetReference>Is_New_Or_Blank</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>Save</targetReference></noMoreValuesConnector></loops>
    <decisions><name>Is_New_Or_Blank</name><defaultConnector><targetReference>Count_Skip</targetReference></defaultConnector>
        <rules><name>Is_New</name><conditionLogic>1 OR (2 AND NOT 3)</conditionLogic>
            <conditions><leftValueReference>Each.Status__c</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>New</stringValue></rightValue></conditions>
            <conditions><leftValueReference>Each.Email</leftValueReference><operator>IsNull</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
            <conditions><leftValueReference>Each.Status__c</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Active</stringValue></rightValue></conditions>
            <connector><targetReference>Mark</targetReference></connector><label>New</label></rules></decisions>
    <assignments><name>Mark</name>
        <assignmentItems><assignToReference>one</assignToReference><operator>Assign</operator><value><elementReference>Each</elementReference></value></assignmentItems>
        <assignmentItems><assignToReference>one.Status__c</assignToReference><operator>Assign</operator><value><stringValue>Inactive</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>toUpdate</assignToReference><operator>Add</operator><value><elementReference>one</elementReference></value></assignmentItems>
        <connector><targetReference>Each</targetReference></connector></assignments>
    <assignments><name>Count_Skip</name>
        <assignmentItems><assignToReference>skipped</assignToReference><operator>Subtract</operator><value><numberValue>1</numberValue></value></assignmentItems>
        <assignmentItems><assignToReference>label</assignToReference><operator>Add</operator><value><stringValue>{!Each.LastName};</stringValue></value></assignmentItems>
        <connector><targetReference>Each</targetReference></connector></assignments>
    <recordUpdates><name>Save</name><inputReference>toUpdate</inputReference></recordUpdates>`);

test('interpreter: Get Records (In, sort), loop, custom decision logic, Assign/Add/Subtract on records, Update from a collection', () => {
    const f = project([], { Loop_Flow: LOOP_FLOW });
    const store = f.backend.store;
    const ids = store
        .all('Contact')
        .slice(0, 8)
        .map((c) => c.Id);
    const before = ids.map((id) => store.get('Contact', id)!);
    const flow = f.backend.controller.flowModel('Loop_Flow');
    const result = new FlowInterpreter(flow, store, { user: f.backend.user }).run({ ids });
    const marked = before.filter((c) => c.Status__c === 'New' || (c.Email == null && c.Status__c !== 'Active'));
    const skippedRecs = before.filter((c) => !marked.includes(c));
    assert.equal(result.outputs.skipped, 10 - skippedRecs.length);
    const expectedLabel = [...skippedRecs]
        .sort((a, b) => String(b.LastName).localeCompare(String(a.LastName)))
        .map((c) => `${c.LastName};`)
        .join('');
    assert.equal(result.outputs.label, expectedLabel);
    for (const c of marked) assert.equal(store.get('Contact', c.Id)!.Status__c, 'Inactive');
    for (const c of skippedRecs) assert.equal(store.get('Contact', c.Id)!.Status__c, c.Status__c);
});

test('an unsupported element stops the run with a clear message and the store is rolled back', () => {
    const flow = flowXml(`
    <recordCreates><name>First</name><object>Account</object>
        <inputAssignments><field>Name</field><value><stringValue>Temp</stringValue></value></inputAssignments>
        <connector><targetReference>Send_Email</targetReference></connector></recordCreates>
    <actionCalls><name>Send_Email</name><actionName>emailSimple</actionName><actionType>emailSimple</actionType></actionCalls>`);
    const f = project([action('send', 'Unsupported_Flow')], { Unsupported_Flow: flow });
    const before = f.backend.store.count('Account');
    const r = exec(f, 'send');
    assert.equal(r.error?.code, 'FLOW_FAULT');
    assert.equal(r.error?.message, "actionCalls 'Send_Email' is not supported in the local preview");
    assert.equal(f.backend.store.count('Account'), before);
});

test('an unhandled DML fault (no fault connector) fails the run; a custom error carries its own message', () => {
    const f = project([action('bad', 'Bad_Update'), action('custom', 'Custom_Error')], {
        Bad_Update: flowXml(`<recordUpdates><name>First</name><object>Contact</object>
                <filters><field>LastName</field><operator>StartsWith</operator><value><stringValue>person00</stringValue></value></filters>
                <inputAssignments><field>Status__c</field><value><stringValue>Dormant</stringValue></value></inputAssignments></recordUpdates>`),
        Custom_Error: flowXml(
            `<customErrors><name>First</name><customErrorMessages><errorMessage>Only managers can do this</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>`
        )
    });
    const bad = exec(f, 'bad');
    assert.equal(
        bad.error?.message,
        'This error occurred when the flow tried to update records: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Status: bad value for restricted picklist field: Dormant.'
    );
    assert.ok(f.backend.store.all('Contact').every((c) => c.Status__c !== 'Dormant'));
    assert.equal(exec(f, 'custom').error?.message, 'Only managers can do this');
});

test('parseFlowXml reads variables, start and nodes of the project flow', () => {
    const xml = fs.readFileSync(
        path.join(REPO, 'force-app', 'main', 'default', 'flows', 'Set_Contact_Status_Active.flow-meta.xml'),
        'utf8'
    );
    const m = parseFlowXml(xml, 'Set_Contact_Status_Active');
    assert.equal(m.startTarget, 'Any_Contacts_Selected');
    assert.deepEqual([...m.nodes.keys()].sort(), [
        'Any_Contacts_Selected',
        'Capture_Fault',
        'Count_Updated',
        'Set_Status_Active'
    ]);
    assert.equal(m.variables.get('ContactIds')?.isCollection, true);
});

test('parseFlowXml uses the shared flow parser: repeated elements become lists, bad XML is refused with its line', () => {
    const m = parseFlowXml(
        `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <assignments>
        <name>Two_Items</name>
        <assignmentItems><assignToReference>a</assignToReference><operator>Assign</operator><value><stringValue>x &amp; y</stringValue></value></assignmentItems>
        <assignmentItems><assignToReference>b</assignToReference><operator>Assign</operator><value><numberValue>2</numberValue></value></assignmentItems>
    </assignments>
    <assignments>
        <name>One_Item</name>
        <assignmentItems><assignToReference>c</assignToReference><operator>Assign</operator><value><booleanValue>true</booleanValue></value></assignmentItems>
    </assignments>
    <processType>AutoLaunchedFlow</processType>
    <status>Active</status>
</Flow>`,
        'Inline'
    );
    const two = m.nodes.get('Two_Items')!.raw.assignmentItems as Record<string, unknown>[];
    assert.equal(two.length, 2);
    assert.deepEqual(two[0].value, { stringValue: 'x & y' });
    const one = m.nodes.get('One_Item')!.raw.assignmentItems as Record<string, unknown>;
    assert.deepEqual(one.value, { booleanValue: 'true' });
    assert.equal(m.status, 'Active');
    assert.throws(
        () => parseFlowXml('<Flow>\n<assignments>\n</Flow>', 'Broken'),
        /Broken: not a Flow metadata file \(.*line \d+\)/
    );
    assert.throws(() => parseFlowXml('<Other/>', 'Wrong'), /Wrong: not a Flow metadata file \(root element is <Other>/);
});
