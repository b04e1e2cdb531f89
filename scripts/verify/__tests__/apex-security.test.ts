import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { problemsOf } from './helpers';

test('apex-security: Database.query on a concatenated string is a SOQL injection', async () => {
    const problems = await problemsOf('apex-security', 'apex-security');
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
        problems[0],
        /^force-app\/main\/default\/classes\/ContactSearch\.cls:12: ApexSOQLInjection: Avoid untrusted\/unescaped variables in DML query/
    );
});

test('apex-security: the clean fixture has no security violations', async () => {
    assert.deepEqual(await problemsOf('apex-security', 'clean'), []);
});
