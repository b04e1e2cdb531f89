import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';

test('node-engines: a dependency wanting a newer Node, a broken range and a README that disagrees fail', async () => {
    const problems = await problemsOf('node-engines', 'node-engines');
    const expected = [
        /package-lock\.json:6: wants-node-22@3\.12\.0 wants Node '>=22' but the project says Node 20\.0\.0 is enough/,
        /package-lock\.json:8: needs-20-19@2\.0\.0 wants Node '\^20\.19\.0 \|\| >=22\.12\.0'/,
        /package-lock\.json:9: broken-range@0\.1\.0 declares engines\.node 'node twenty', which is not a version range/,
        /README\.md:3: README says Node\.js 18\+ but engines\.node '>=20' starts at 20\.0\.0/
    ];
    for (const pattern of expected)
        assert.equal(matching(problems, pattern).length, 1, `${pattern}\n${problems.join('\n')}`);
    assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('node-engines: the project itself agrees with every dependency', async () => {
    const { loadChecks } = await import('../registry');
    const check = loadChecks().find((c) => c.id === 'node-engines')!;
    const result = await check.run({ root: process.cwd() });
    assert.deepEqual(result.problems, []);
});

test('node-engines: a project without package.json has nothing to check', async () => {
    assert.deepEqual(await problemsOf('node-engines', 'clean'), []);
});
