import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { problemsOf } from './helpers';

test('lint: an @api property reassigned in an LWC is reported with its line and rule', async () => {
    const problems = await problemsOf('lint', 'lint-errors');
    assert.deepEqual(problems, [
        'force-app/main/default/lwc/badCounter/badCounter.ts:8: Invalid reassignment of public property "count" (@lwc/lwc/no-api-reassignments)'
    ]);
});

test('lint: the clean fixture has no lint errors', async () => {
    assert.deepEqual(await problemsOf('lint', 'clean'), []);
});
