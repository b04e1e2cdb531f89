import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { problemsOf } from './helpers';

const FLOW = 'force-app/main/default/flows/Delete_In_Loop.flow-meta.xml';

test('flow-scanner: a delete inside a loop and a hard-coded Id, at the element line', async () => {
    const problems = await problemsOf('flow-scanner', 'flow-scanner-errors');
    assert.deepEqual(
        problems.map((p) => p.split(': ').slice(0, 2).join(': ')),
        [`${FLOW}:20: DMLStatementInLoop`, `${FLOW}:20: HardcodedId`]
    );
    assert.match(problems[0], /DML Statement In A Loop at recordDeletes 'Delete_Contact'/);
});

test('flow-scanner: the clean fixture (autolaunched, screen, evaluation, orchestration) has no findings', async () => {
    assert.deepEqual(await problemsOf('flow-scanner', 'clean'), []);
});
