import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatProblem } from '../../lib/problems';
import { describeFlowModel, flowCatalogOfDirectory, loadFlowCatalog } from '../../lib/flowCatalog';
import { isFlowTypeCompatible as nodeTable, parseFlow } from '../../lib/flowModel';
import { isFlowTypeCompatible as lwcTable } from '../../../force-app/main/default/lwc/dcDefinition/valueTypes';
import { loadChecks } from '../registry';
import { FIXTURES, problemsOf } from './helpers';

const CHECK = 'definition-flows';

/** Runs the check on a fixture and asserts it reports exactly the given problems (regexes, in order). */
async function expectProblems(fixture: string, expected: RegExp[]): Promise<void> {
    const problems = await problemsOf(CHECK, fixture);
    assert.equal(problems.length, expected.length, problems.join('\n'));
    expected.forEach((re, i) => assert.match(problems[i], re, problems.join('\n')));
}

/** The check's notes (the count line, then one `warning file:line: ...` line per warning). */
async function notesOf(fixture: string): Promise<string[]> {
    const check = loadChecks().find((c) => c.id === CHECK)!;
    return (await check.run({ root: path.join(FIXTURES, fixture) })).notes ?? [];
}

test('definition-flows: a renamed flow variable fails and lists the inputs the flow has', async () => {
    await expectProblems('definition-flows-renamed-variable', [
        /^definitions\/Renamed_Variable\.json:25: interactions\[0\]\.do\[0\]\.inputs\[0\]\.name: Flow 'Mark_Contacts' has no input variable 'SelectedIds' \(inputs available: 'ContactIds'\): fix the name, or add the variable to the flow and make it available for input\.$/
    ]);
});

test('definition-flows: a case-only mismatch fails with a did-you-mean', async () => {
    await expectProblems('definition-flows-wrong-case', [
        /^definitions\/Wrong_Case\.json:25: interactions\[0\]\.do\[0\]\.inputs\[0\]\.name: Flow 'Mark_Contacts' has no input variable 'contactIds'; did you mean 'ContactIds'\? Flow variable names are case-sensitive\.$/
    ]);
});

test('definition-flows: a variable that is not available for input fails', async () => {
    await expectProblems('definition-flows-not-input', [
        /^definitions\/Not_Input\.json:30: interactions\[0\]\.do\[0\]\.inputs\[1\]\.name: Variable 'updatedCount' of flow 'Mark_Contacts' is not available for input: tick "Available for input" on it in Flow Builder, then activate the new version\.$/
    ]);
});

test('definition-flows: a single value mapped to a collection variable fails at the value', async () => {
    await expectProblems('definition-flows-collection', [
        /^definitions\/Scalar_For_Collection\.json:26: interactions\[0\]\.do\[0\]\.inputs\[0\]\.value: The value \{!\$Record\.Id\} of input 'ContactIds' is a single value, but flow variable 'ContactIds' of 'Mark_Contacts' takes a Text collection: map a collection, such as \{!<table>\.SelectedRowsKeyValue\} or a list \[ \.\.\. \], with "collection": true\.$/
    ]);
});

test('definition-flows: a screen flow used with Execute Flow fails and points to Open Flow Dialog/Panel', async () => {
    await expectProblems('definition-flows-screen-flow', [
        /^definitions\/Screen_Flow_Executed\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Review_Screen' is a screen flow; executeFlow runs autolaunched flows in the background: use openFlowDialog or openFlowPanel for screen flows\.$/
    ]);
});

test('definition-flows: a flow that is not in the project fails with a did-you-mean', async () => {
    await expectProblems('definition-flows-missing-flow', [
        /^definitions\/Missing_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contact' does not exist\. Did you mean 'Mark_Contacts'\? Fix flowApiName, or create and activate a flow with this API name\.$/
    ]);
});

test('definition-flows: an inactive flow fails', async () => {
    await expectProblems('definition-flows-inactive', [
        /^definitions\/Inactive_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contacts' has no active version: open it in Flow Builder and activate it\.$/
    ]);
});

test('definition-flows: a variable that is not available for output fails', async () => {
    await expectProblems('definition-flows-output-not-available', [
        /^definitions\/Output_Not_Available\.json:33: interactions\[0\]\.do\[0\]\.outputs\[0\]\.name: Variable 'ContactIds' of flow 'Mark_Contacts' is not available for output: tick "Available for output" on it in Flow Builder, then activate the new version\.$/
    ]);
});

test('definition-flows: wrong output resource type, record-triggered flow, autolaunched flow in a dialog, input type (nested actions too)', async () => {
    await expectProblems('definition-flows-types', [
        /^definitions\/Type_Mismatches\.json:33: interactions\[0\]\.do\[0\]\.outputs\[0\]\.resource: Output 'updatedCount' of flow 'Mark_Contacts' is a single Number value, but resource 'label' is a single Text value: store it in a variable of the same type\.$/,
        /^definitions\/Type_Mismatches\.json:40: interactions\[0\]\.do\[0\]\.onFinish\[0\]\.flowApiName: Flow 'Contact_After_Save' is a record-triggered flow \(RecordAfterSave\); executeFlow runs only autolaunched flows with no trigger/,
        /^definitions\/Type_Mismatches\.json:45: interactions\[0\]\.do\[0\]\.onFinish\[1\]\.flowApiName: Flow 'Mark_Contacts' is not a screen flow \(process type AutoLaunchedFlow\); openFlowDialog shows screen flows only/,
        /^definitions\/Type_Mismatches\.json:49: interactions\[0\]\.do\[0\]\.onFinish\[1\]\.inputs\[0\]\.value: The value 5 of input 'ContactIds' is a single Number value, but flow variable 'ContactIds' of 'Mark_Contacts' takes a Text collection/,
        /^definitions\/Type_Mismatches\.json:51: interactions\[0\]\.do\[0\]\.onFinish\[1\]\.inputs\[0\]\.dataType: Input 'ContactIds' is Number, but flow variable 'ContactIds' of 'Mark_Contacts' takes a Text collection: set "dataType": "Text" on the input\.$/
    ]);
});

test('definition-flows: the type of each mapped value and of each output vs its resource, an output name in the wrong case', async () => {
    await expectProblems('definition-flows-mapped-values', [
        // a collection mapped to a single-value variable, although "collection": true was set to agree with it
        /^definitions\/Mapped_Values\.json:35: interactions\[0\]\.do\[0\]\.inputs\[1\]\.value: The value \{!contactsTable\.SelectedRowsKeyValue\} of input 'ContactId' is a Text collection, but flow variable 'ContactId' of 'Mark_Contacts' takes a single Text value: map a single value, such as \{!<table>\.FirstSelectedRow\.Id\}, or make the flow variable a collection\.$/,
        // a row field typed from the schema (Contact.Email is Text)
        /^definitions\/Mapped_Values\.json:36: interactions\[0\]\.do\[0\]\.inputs\[2\]\.value: The value \{!contactsTable\.FirstSelectedRow\.Email\} of input 'score' is a single Text value, but flow variable 'score' of 'Mark_Contacts' takes a single Number value/,
        /^definitions\/Mapped_Values\.json:40: interactions\[0\]\.do\[0\]\.outputs\[1\]\.resource: Output 'contacts' of flow 'Mark_Contacts' is a Contact record collection, but resource 'contact' is a single Contact record: make 'contact' a collection \("isCollection": true\) or store the output in a collection variable\.$/,
        /^definitions\/Mapped_Values\.json:41: interactions\[0\]\.do\[0\]\.outputs\[2\]\.resource: Output 'firstContact' of flow 'Mark_Contacts' is a single Contact record, but resource 'account' is a single Account record/,
        /^definitions\/Mapped_Values\.json:42: interactions\[0\]\.do\[0\]\.outputs\[3\]\.name: Flow 'Mark_Contacts' has no output variable 'UpdatedCount'; did you mean 'updatedCount'\? Flow variable names are case-sensitive\.$/,
        /^definitions\/Mapped_Values\.json:50: interactions\[1\]\.do\[0\]\.flowApiName: Flow 'Mark_Contacts' is not a screen flow \(process type AutoLaunchedFlow\); openFlowPanel shows screen flows only/
    ]);
});

test('definition-flows: an input the flow needs that the action does not set is a warning note, not a failure', async () => {
    assert.deepEqual(await problemsOf(CHECK, 'definition-flows-required-input'), []);
    const notes = await notesOf('definition-flows-required-input');
    assert.deepEqual(notes, [
        '1 flow action in 1 definition file checked against 1 flow',
        `warning definitions/Required_Input.json:15: interactions[0].do[0].inputs: Flow 'Mark_Contacts' has input variable 'ContactIds' (a Text collection) without a default value, and this action does not set it, so the flow gets an empty value: add it to "inputs", or give the variable a default value in the flow.`
    ]);
});

test('definition-flows: a flow that writes records started without requiredPermission or runInMode is a warning note', async () => {
    assert.deepEqual(await problemsOf(CHECK, 'definition-flows-run-context'), []);
    // the second action sets requiredPermission: no warning for it
    assert.deepEqual(await notesOf('definition-flows-run-context'), [
        '2 flow actions in 1 definition file checked against 1 flow',
        `warning definitions/Run_Context.json:10: interactions[0].do[0]: Flow 'Close_Contacts' updates records (Update Records 'Close_Selected' on Contact) and sets no run mode, so started by this action it runs in system context with sharing: record sharing applies, but the user's object and field permissions are not checked. Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing in Flow Builder to make that context explicit.`
    ]);
});

test('flow catalog: reads record writes, subflows and runInMode from the flow XML', () => {
    const close = loadFlowCatalog(path.join(FIXTURES, 'definition-flows-run-context')).describeFlow('Close_Contacts')!;
    assert.deepEqual(close.recordWrites, [{ element: 'Close_Selected', operation: 'update', object: 'Contact' }]);
    assert.deepEqual(close.subflows, []);
    assert.equal(close.runInMode, null);
    const xml = (body: string) =>
        `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata"><processType>AutoLaunchedFlow</processType>${body}<status>Active</status></Flow>`;
    const parent = describeFlowModel(
        parseFlow(
            xml(
                '<recordCreates><name>New_Task</name><object>Task</object></recordCreates>' +
                    '<recordDeletes><name>Drop_Old</name><inputReference>old</inputReference></recordDeletes>' +
                    '<runInMode>SystemModeWithoutSharing</runInMode>' +
                    '<subflows><name>Call_Child</name><flowName>Child_Flow</flowName></subflows>'
            ),
            'Parent.flow-meta.xml'
        )
    );
    assert.deepEqual(parent.recordWrites, [
        { element: 'New_Task', operation: 'create', object: 'Task' },
        { element: 'Drop_Old', operation: 'delete' }
    ]);
    assert.deepEqual(parent.subflows, ['Child_Flow']);
    assert.equal(parent.runInMode, 'SystemModeWithoutSharing');
});

test('definition-flows: the clean fixture has no problems and no warnings', async () => {
    assert.deepEqual(await problemsOf(CHECK, 'clean'), []);
    const notes = await notesOf('clean');
    assert.equal(notes.filter((n) => n.startsWith('warning')).length, 0, notes.join('\n'));
    assert.match(notes[0], /^\d+ flow actions? in 2 definition files checked against \d+ flows$/);
});

test('definition-flows: a flow that is not well-formed XML is reported instead of "does not exist"', async () => {
    await expectProblems('definition-flows-unparsable', [
        /^definitions\/Unparsable_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contacts' is not well-formed XML, so its type and variables cannot be checked: fix the flow file first \(see the flow-schema step\)\.$/
    ]);
});

test('flow catalog: reads process type, trigger, status and variables (required = input without a default)', () => {
    const flows = loadFlowCatalog(path.join(FIXTURES, 'definition-flows-mapped-values'));
    const mark = flows.describeFlow('Mark_Contacts')!;
    assert.equal(mark.apiName, 'Mark_Contacts');
    assert.equal(mark.label, 'Mark Contacts');
    assert.equal(mark.processType, 'AutoLaunchedFlow');
    assert.equal(mark.triggerType, null);
    assert.equal(mark.isActive, true);
    const byName = Object.fromEntries(mark.variables.map((v) => [v.name, v]));
    assert.deepEqual(byName.ContactIds, {
        name: 'ContactIds',
        dataType: 'String',
        isCollection: true,
        isInput: true,
        isOutput: false,
        isRequired: true,
        description: 'The contacts to mark (required: no default value).'
    });
    assert.equal(byName.ContactId.isRequired, false, 'an input with a default <value> is not required');
    assert.equal(byName.updatedCount.isRequired, false, 'an output is never required');
    assert.equal(byName.contacts.objectType, 'Contact');
    // the org finds flows whatever the case of the name; the checker compares the exact case
    assert.equal(flows.describeFlow('mark_contacts')?.apiName, 'Mark_Contacts');
    assert.equal(flows.describeFlow('Nope'), undefined);
    assert.deepEqual(
        flows.listFlows().map((f) => f.apiName),
        ['Mark_Contacts']
    );
    const triggered = loadFlowCatalog(path.join(FIXTURES, 'definition-flows-types')).describeFlow(
        'Contact_After_Save'
    )!;
    assert.equal(triggered.triggerType, 'RecordAfterSave');
    assert.equal(loadFlowCatalog(path.join(FIXTURES, 'definition-flows-inactive')).listFlows()[0].isActive, false);
});

test('flow catalog: defaults of a sparse flow, unreadable files, and files that change or appear', () => {
    const sparse = describeFlowModel(
        parseFlow(
            '<Flow><start><triggerType>None</triggerType></start><variables><name>v</name></variables></Flow>',
            'Sparse.flow-meta.xml'
        )
    );
    assert.deepEqual(sparse, {
        apiName: 'Sparse',
        label: 'Sparse',
        description: '',
        processType: 'AutoLaunchedFlow',
        triggerType: null,
        isActive: false,
        variables: [
            { name: 'v', dataType: 'String', isCollection: false, isInput: false, isOutput: false, isRequired: false }
        ],
        // known from the XML: writes nothing, starts no subflow, run mode not set
        recordWrites: [],
        subflows: [],
        runInMode: null
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flow-catalog-'));
    try {
        const flows = flowCatalogOfDirectory(dir);
        assert.deepEqual(flows.listFlows(), []);
        const file = path.join(dir, 'Live.flow-meta.xml');
        fs.writeFileSync(file, '<Flow><processType>Flow</processType><status>Draft</status></Flow>');
        assert.equal(flows.describeFlow('Live')?.processType, 'Flow');
        fs.writeFileSync(file, '<Flow><processType>AutoLaunchedFlow</processType><status>Active</status></Flow>\n');
        assert.equal(flows.describeFlow('Live')?.isActive, true, 'a changed file is read again');
        fs.writeFileSync(path.join(dir, 'Broken.flow-meta.xml'), '<Flow>\n<status>\n</Flow>');
        assert.deepEqual(
            flows.listFlows().map((f) => f.apiName),
            ['Live']
        );
        assert.deepEqual(
            flows.unreadable().map((u) => [u.apiName, u.line > 0]),
            [['Broken', true]]
        );
        assert.equal(flows.describeFlow('Broken'), undefined);
        fs.rmSync(file);
        assert.equal(flows.describeFlow('Live'), undefined, 'a removed file is gone');
        assert.deepEqual(flowCatalogOfDirectory(path.join(dir, 'missing')).listFlows(), []);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test('flowModel.isFlowTypeCompatible is the one table of c/dcDefinition valueTypes', () => {
    assert.equal(nodeTable, lwcTable);
    assert.equal(nodeTable('Text', 'Picklist'), true);
    assert.equal(nodeTable('Boolean', 'Number'), false);
});

test('definition-flows: problems are file:line: path: message lines', async () => {
    const check = loadChecks().find((c) => c.id === CHECK)!;
    const result = await check.run({ root: path.join(FIXTURES, 'definition-flows-inactive') });
    assert.deepEqual(
        result.problems.map((p) => [p.file, p.line]),
        [['definitions/Inactive_Flow.json', 22]]
    );
    assert.match(
        formatProblem(result.problems[0]),
        /^definitions\/Inactive_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: /
    );
});
