import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';
import { ignoreMatcher } from '../checks/11-format';

test('format: unformatted file, Apex syntax error with its line, malformed XML with its line', async () => {
    const problems = await problemsOf('format', 'format-errors');
    const msg = problems.join('\n');
    assert.equal(
        matching(
            problems,
            /^force-app\/main\/default\/lwc\/messyWidget\/messyWidget\.ts:1: not formatted as Prettier would \(first difference on this line\): run npm run format$/
        ).length,
        1,
        msg
    );
    assert.equal(
        matching(
            problems,
            /^force-app\/main\/default\/classes\/BrokenSyntax\.cls:8: Apex syntax error: Unexpected token ';'/
        ).length,
        1,
        msg
    );
    assert.equal(
        matching(
            problems,
            /^force-app\/main\/default\/objects\/Invoice__c\/Invoice__c\.object-meta\.xml:6: malformed XML: /
        ).length,
        1,
        msg
    );
    assert.equal(problems.length, 3, msg);
});

test('format: the clean fixture is formatted', async () => {
    assert.deepEqual(await problemsOf('format', 'clean'), []);
});

test('format: .prettierignore patterns follow gitignore rules, relative to the checked project', () => {
    const ignored = ignoreMatcher([
        '# comment',
        '**/staticresources/**',
        'coverage/',
        'force-app/**/lwc/**/*.js',
        'package-lock.json',
        'force-app/main/default/customMetadata/Dynamic_Component.*.md-meta.xml',
        'scripts/verify/fixtures/**'
    ]);
    assert.ok(ignored('force-app/main/default/staticresources/x/y.json'));
    assert.ok(ignored('coverage/lcov.json'));
    assert.ok(!ignored('coverage.md'));
    assert.ok(ignored('force-app/main/default/lwc/a/a.js'));
    assert.ok(!ignored('force-app/main/default/lwc/a/a.ts'));
    assert.ok(ignored('package-lock.json') && ignored('sub/package-lock.json'));
    assert.ok(ignored('force-app/main/default/customMetadata/Dynamic_Component.Board.md-meta.xml'));
    assert.ok(ignored('scripts/verify/fixtures/clean/force-app/main/default/classes/A.cls'));
    assert.ok(!ignored('force-app/main/default/classes/A.cls'));
});
