import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { problemsOf } from './helpers';

const CHECK = 'definition-flows';

/** Runs the check on a fixture and asserts it reports exactly the given problems (regexes, in order). */
async function expectProblems(fixture: string, expected: RegExp[]): Promise<void> {
    const problems = await problemsOf(CHECK, fixture);
    assert.equal(problems.length, expected.length, problems.join('\n'));
    expected.forEach((re, i) => assert.match(problems[i], re, problems.join('\n')));
}

test('definition-flows: a renamed flow variable fails and lists the inputs the flow has', async () => {
    await expectProblems('definition-flows-renamed-variable', [
        /^definitions\/Renamed_Variable\.json:25: interactions\[0\]\.do\[0\]\.inputs\[0\]\.name: Flow 'Mark_Contacts' has no variable 'SelectedIds': inputs available: ContactIds\. .*Mark_Contacts\.flow-meta\.xml/
    ]);
});

test('definition-flows: a case-only mismatch fails with a did-you-mean', async () => {
    await expectProblems('definition-flows-wrong-case', [
        /^definitions\/Wrong_Case\.json:25: interactions\[0\]\.do\[0\]\.inputs\[0\]\.name: Flow 'Mark_Contacts' has no variable 'contactIds'\. Did you mean 'ContactIds'\? Flow variable names are case-sensitive\.$/
    ]);
});

test('definition-flows: a variable that is not available for input fails', async () => {
    await expectProblems('definition-flows-not-input', [
        /^definitions\/Not_Input\.json:30: interactions\[0\]\.do\[0\]\.inputs\[1\]\.name: Variable 'updatedCount' of flow 'Mark_Contacts' is not available for input: set <isInput>true<\/isInput>/
    ]);
});

test('definition-flows: a single value bound to a collection variable fails', async () => {
    await expectProblems('definition-flows-collection', [
        /^definitions\/Scalar_For_Collection\.json:24: interactions\[0\]\.do\[0\]\.inputs\[0\]: Input 'ContactIds' is a single value, but flow variable 'ContactIds' of 'Mark_Contacts' is a Text collection: add "collection": true/
    ]);
});

test('definition-flows: a screen flow used with Execute Flow fails and points to Open Flow Dialog/Panel', async () => {
    await expectProblems('definition-flows-screen-flow', [
        /^definitions\/Screen_Flow_Executed\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Review_Screen' is a screen flow; .*use openFlowDialog or openFlowPanel/
    ]);
});

test('definition-flows: a flow that is not in the project fails with a did-you-mean', async () => {
    await expectProblems('definition-flows-missing-flow', [
        /^definitions\/Missing_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contact' is not in this project .*Did you mean 'Mark_Contacts'\?/
    ]);
});

test('definition-flows: an inactive flow fails', async () => {
    await expectProblems('definition-flows-inactive', [
        /^definitions\/Inactive_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contacts' is Draft: only an active version can run; set <status>Active<\/status>/
    ]);
});

test('definition-flows: a variable that is not available for output fails', async () => {
    await expectProblems('definition-flows-output-not-available', [
        /^definitions\/Output_Not_Available\.json:33: interactions\[0\]\.do\[0\]\.outputs\[0\]\.name: Variable 'ContactIds' of flow 'Mark_Contacts' is not available for output: set <isOutput>true<\/isOutput>/
    ]);
});

test('definition-flows: wrong output resource type, record-triggered flow, autolaunched flow in a dialog, input type (nested actions too)', async () => {
    await expectProblems('definition-flows-types', [
        /^definitions\/Type_Mismatches\.json:33: interactions\[0\]\.do\[0\]\.outputs\[0\]\.resource: Output 'updatedCount' of flow 'Mark_Contacts' is a Number, but resource 'label' is a Text/,
        /^definitions\/Type_Mismatches\.json:40: interactions\[0\]\.do\[0\]\.onFinish\[0\]\.flowApiName: Flow 'Contact_After_Save' is a record-triggered flow \(RecordAfterSave on Contact\)/,
        /^definitions\/Type_Mismatches\.json:45: interactions\[0\]\.do\[0\]\.onFinish\[1\]\.flowApiName: Flow 'Mark_Contacts' is not a screen flow \(processType AutoLaunchedFlow\); openFlowDialog shows screen flows only/,
        /^definitions\/Type_Mismatches\.json:47: interactions\[0\]\.do\[0\]\.onFinish\[1\]\.inputs\[0\]: Input 'ContactIds' is Number, but flow variable 'ContactIds' of 'Mark_Contacts' is a Text collection/
    ]);
});

test('definition-flows: the clean fixture has no problems', async () => {
    assert.deepEqual(await problemsOf(CHECK, 'clean'), []);
});

test('definition-flows: a flow that is not well-formed XML is reported instead of "not in this project"', async () => {
    await expectProblems('definition-flows-unparsable', [
        /^definitions\/Unparsable_Flow\.json:22: interactions\[0\]\.do\[0\]\.flowApiName: Flow 'Mark_Contacts' is not well-formed XML/
    ]);
});
