import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { problemsOf } from './helpers';
import { checkPairedCases } from '../../lib/pairedCases';
import { REPO_ROOT } from '../../lib/paths';

// Spelt in two parts so this file is not itself read as a pairing declaration.
const MARK = '@paired-' + 'cases';

test('consistency: a case id on one side only, a missing partner and a one-way pairing fail, each once', async () => {
    const problems = await problemsOf('consistency', 'consistency-paired-cases');
    // sorted as strings: ':11:' sorts before ':1:'
    assert.deepEqual(problems.sort(), [
        'force-app/main/default/classes/Trust_Tests.cls:19: case TR-04 is tested here but not in preview/__tests__/trust.test.ts: add the same case there with its id, or drop the id here',
        `preview/__tests__/oneway.test.ts:3: ${MARK} GX names preview/__tests__/gone.test.ts, which does not exist: give the path of the other side's test file, relative to the project root`,
        'preview/__tests__/trust.test.ts:11: case TR-03 is tested here but not in force-app/main/default/classes/Trust_Tests.cls: add the same case there with its id, or drop the id here',
        `preview/__tests__/trust.test.ts:1: preview/__tests__/oneway.test.ts pairs its OW cases with this file, but this file does not declare it back: add the comment "${MARK} OW preview/__tests__/oneway.test.ts"`
    ]);
});

test('consistency: the repository pairs server-trust.test.ts with ServerInputs_Tests.cls and they name the same cases', () => {
    // The real pairing is found (not skipped because a path moved) and passes.
    assert.deepEqual(checkPairedCases(REPO_ROOT), []);
    const ids = (file: string) =>
        [...new Set(fs.readFileSync(`${REPO_ROOT}/${file}`, 'utf8').match(/\bST-\d{2}\b/g))].sort();
    const preview = ids('preview/__tests__/server-trust.test.ts');
    assert.ok(preview.length >= 9, preview.join(' '));
    assert.deepEqual(ids('force-app/main/default/classes/ServerInputs_Tests.cls'), preview);
});
