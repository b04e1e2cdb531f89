import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';

test('definitions: a field that does not exist fails, at its line, with a suggestion', async () => {
    const problems = await problemsOf('definitions', 'definitions-missing-field');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(/^definitions\/Ticket_Board\.json:9: queries\[0\]\.fields\[2\]: Ticket__c has no field 'Severity__c'/);
    one(/^definitions\/Ticket_Board\.json:9: queries\[0\]\.fields\[3\]: Contact has no field 'Emial'\. Did you mean 'Email'\?/);
    one(/^definitions\/Ticket_Board\.json:18: components\[0\]\.columns\[2\]\.field: Column 'Status__c' is not read by query 'tickets'/);
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('definitions: a query on an object that is not in the project or the standard library fails', async () => {
    const problems = await problemsOf('definitions', 'definitions-missing-object');
    assert.deepEqual(
        problems.map((p) => p.replace(/: check the API name.*/, '')),
        ["definitions/Invoice_Board.json:5: queries[0].object: Object 'Invoice__c' does not exist in the schema"]
    );
});

test('definitions: a formula or merge field that does not parse, or names a missing property, fails', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-expression');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(/Ticket_Actions\.json:6: resources\[0\]\.formula: The formula does not parse: Unexpected ','/);
    one(/Ticket_Actions\.json:24: interactions\[0\]\.do\[0\]\.title: .*no property 'SelectedRowCont'\. Did you mean 'SelectedRowCount'\?/);
    one(/Ticket_Actions\.json:24: interactions\[0\]\.do\[0\]\.message: A merge field does not parse: Unterminated merge field/);
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('definitions: invalid JSON fails with its line and column', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-json');
    assert.deepEqual(problems, [
        'definitions/Broken_Json.json:6: The definition is not valid JSON: Trailing comma before }: remove the last comma at line 6, column 65.'
    ]);
});

test('definitions: the clean fixture has no problems', async () => {
    assert.deepEqual(await problemsOf('definitions', 'clean'), []);
});
