import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';

test('package: a class without -meta.xml, a bundle without .js and a differing apiVersion fail', async () => {
    const problems = await problemsOf('package', 'package-shape');
    assert.equal(
        matching(problems, /NoMeta\.cls:1: no NoMeta\.cls-meta\.xml: sf would silently leave this class out/).length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(problems, /tsOnly\.js:1: LWC bundle tsOnly has no compiled tsOnly\.js/).length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(problems, /OldApi\.cls-meta\.xml:3: apiVersion 58\.0 differs from sourceApiVersion 65\.0/).length,
        1,
        problems.join('\n')
    );
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('package: the clean fixture converts with sf and has the right shape', async () => {
    assert.deepEqual(await problemsOf('package', 'clean'), []);
});
