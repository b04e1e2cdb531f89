/* End-to-end: Execute Flow with mode async from the page (issue #14): a chunked run in the preview's runner. */
import * as assert from 'node:assert/strict';
import { e2eTest, type TestContext } from './lib/harness';
import { cell, headerButton, row, rowCountText, rowKeys, selectRow, toast, waitForTable } from './lib/page';

const CHUNKED = 'E2E_Run_Chunked';

/** Selects `count` contacts of the first page that are not Active yet; returns their Ids. */
async function selectInactive(t: TestContext, count: number): Promise<string[]> {
    const byId = new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
    const keys = (await rowKeys(t.page)).filter((k) => byId.get(k)?.Status__c !== 'Active').slice(0, count);
    assert.equal(keys.length, count, 'enough contacts that are not Active on the first page');
    for (const k of keys) await selectRow(row(t.page, k));
    await rowCountText(t.page)
        .filter({ hasText: `${count} selected` })
        .waitFor();
    return keys;
}

async function statusOf(t: TestContext, ids: string[]): Promise<unknown[]> {
    const byId = new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
    return ids.map((id) => byId.get(id)?.Status__c);
}

e2eTest('async run from the page: three chunks of one record, started toast, On Finish with $Run', async (t) => {
    const { page } = t;
    await t.open(CHUNKED);
    await waitForTable(page);
    const keys = await selectInactive(t, 3);
    await headerButton(page, 'Set as Active').click();
    await toast(page, /Run RUN-\d+ started/).waitFor({ timeout: 20000 });
    await toast(page, 'Run finished: 3 set to Active').waitFor({ timeout: 30000 });
    assert.deepEqual(await statusOf(t, keys), ['Active', 'Active', 'Active']);
});

e2eTest('async run with one failing chunk: On Error with $Run counts, the other chunks kept', async (t) => {
    const { page } = t;
    await t.open(CHUNKED);
    await waitForTable(page);
    const keys = await selectInactive(t, 3);
    const res = await fetch(`${t.server.url}api/test/fail-ids`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ recordIds: [keys[1]], message: 'Injected fault' })
    });
    assert.equal(res.status, 200, await res.text());
    await headerButton(page, 'Set as Active').click();
    const error = toast(page, 'Run finished with errors: 1 failed');
    await error.waitFor({ timeout: 30000 });
    await error.filter({ hasText: '2 of 3 set to Active' }).waitFor();
    // a failed chunk rolled back alone: the two other contacts are Active, the failing one is not
    const [first, failing, third] = await statusOf(t, keys);
    assert.deepEqual([first, third], ['Active', 'Active']);
    assert.notEqual(failing, 'Active');
    await cell(row(page, keys[0]), 'Status').waitFor();
});
