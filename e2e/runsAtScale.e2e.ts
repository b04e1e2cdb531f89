/*
 * End-to-end (issue #14): Execute Flow over every matching record at scale in the preview. 25,000 seeded Contacts,
 * "Select all 25,000 matching rows", Set as Active as an async run in chunks of 500 with live progress; a chunk fails
 * on purpose, Retry failed after removing the cause; every Contact ends Active and was written exactly once (the
 * store counts committed writes). Also: Cancel mid-run, reload mid-run (the progress re-attaches), another user's run.
 */
import * as assert from 'node:assert/strict';
import { e2eTest } from './lib/harness';
import { headerButton, rowCountText, toast, waitForTable } from './lib/page';
import {
    clearFailIds,
    failIds,
    listFlowRuns,
    progressCounts,
    runProgress,
    seedContacts,
    selectAllMatching,
    setChunkDelay,
    writeCounts
} from './lib/runKit';

const AT_SCALE = 'E2E_Run_At_Scale';
const SEEDED = 25000;

async function seededStatuses(records: Record<string, unknown>[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const r of records) {
        if (!String(r.Name ?? '').startsWith('Seed Contact')) continue;
        const status = String(r.Status__c ?? '');
        counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    return counts;
}

e2eTest(
    '25,000 matching contacts: select all matching, progress, a failing chunk, Retry failed, each written once',
    async (t) => {
        const { page } = t;
        const seeded = await seedContacts(t.server.url, SEEDED, { Status__c: 'New' });
        assert.equal(seeded.created, SEEDED);
        await t.open(AT_SCALE);
        await waitForTable(page);
        await rowCountText(page).filter({ hasText: '50 of 25,000' }).waitFor();
        await selectAllMatching(page, '25,000');
        await rowCountText(page).filter({ hasText: '25,000 selected' }).waitFor();

        // one record in the middle faults: its whole chunk of 500 rolls back
        const seededIds = (await t.records('Contact'))
            .filter((r) => String(r.Name).startsWith('Seed Contact'))
            .map((r) => String(r.Id));
        await failIds(t.server.url, [seededIds[12345]], 'Injected fault: this contact is locked');
        // slow enough to see the progress move
        await setChunkDelay(t.server.url, 40);

        await headerButton(page, 'Set as Active').click();
        await toast(page, /Run RUN-\d+ started/).waitFor({ timeout: 30000 });
        const progress = runProgress(page).first();
        await progress.waitFor();
        // live progress: a count between none and all is shown while the run runs
        let seenPartial = false;
        for (let i = 0; i < 200 && !seenPartial; i++) {
            const { done, total } = await progressCounts(page);
            assert.equal(total, SEEDED);
            seenPartial = done > 0 && done < SEEDED;
            if (!seenPartial) await page.waitForTimeout(50);
        }
        assert.ok(seenPartial, 'the progress showed a partial count while the run ran');
        assert.equal(await progress.locator('[role="progressbar"]').count(), 1);

        const failed = toast(page, 'Run finished with errors: 500 failed');
        await failed.waitFor({ timeout: 120000 });
        await failed.filter({ hasText: '24500 of 25000 set to Active' }).waitFor();
        assert.deepEqual(await progressCounts(page), { done: SEEDED, total: SEEDED, failed: 500 });
        let statuses = await seededStatuses(await t.records('Contact'));
        assert.equal(statuses.get('Active'), 24500);
        assert.equal(statuses.get('New'), 500);

        // remove the cause, retry only the failed records
        await clearFailIds(t.server.url);
        await progress.locator('button.run-retry').click();
        await toast(page, 'Run finished: 25000 set to Active').waitFor({ timeout: 60000 });
        statuses = await seededStatuses(await t.records('Contact'));
        assert.equal(statuses.get('Active'), SEEDED);
        assert.equal(statuses.size, 1);
        // exactly once: the rolled-back chunk's writes do not count, its retry wrote each record once
        const byWrites = await writeCounts(t.server.url);
        assert.equal(byWrites['1'], SEEDED, JSON.stringify(byWrites));
        for (const [writes, records] of Object.entries(byWrites)) {
            if (Number(writes) > 1) assert.equal(records, 0, `records written ${writes} times: ${records}`);
        }
    }
);

e2eTest(
    'a run at scale: reload re-attaches the progress, Cancel stops further chunks, another user sees none of it',
    async (t) => {
        const { page } = t;
        await seedContacts(t.server.url, SEEDED, { Status__c: 'New' });
        await setChunkDelay(t.server.url, 150);
        await t.open(AT_SCALE);
        await waitForTable(page);
        await selectAllMatching(page, '25,000');
        await headerButton(page, 'Set as Active').click();
        await runProgress(page).first().waitFor();

        // reload mid-run: the page follows the run again
        await page.reload();
        await waitForTable(page);
        const progress = runProgress(page).first();
        await progress.waitFor({ timeout: 30000 });
        const before = await progressCounts(page);
        assert.equal(before.total, SEEDED);
        assert.ok(before.done < SEEDED, `still running after the reload (${before.done} done)`);

        // another user: no progress on their page, and the run is not theirs to list
        const other = await page.context().newPage();
        await other.goto(`${t.server.url}?definition=${AT_SCALE}&as=user`);
        await waitForTable(other);
        assert.equal(await runProgress(other).count(), 0);
        await other.close();
        assert.equal((await listFlowRuns(t.server.url, AT_SCALE, 'user')).length, 0);
        const mine = await listFlowRuns(t.server.url, AT_SCALE, 'admin');
        assert.equal(mine.length, 1);

        await progress.locator('button.run-cancel').click();
        await toast(page, /Run RUN-\d+ cancelled/).waitFor({ timeout: 30000 });
        const stopped = await progressCounts(page);
        assert.ok(stopped.done < SEEDED, `cancelled before the end (${stopped.done} done)`);
        // no further chunk starts: the writes stay where they were; the finished chunks stay written
        const writesAtCancel = await writeCounts(t.server.url);
        await page.waitForTimeout(1000);
        assert.deepEqual(await writeCounts(t.server.url), writesAtCancel);
        const statuses = await seededStatuses(await t.records('Contact'));
        assert.equal(statuses.get('Active') ?? 0, writesAtCancel['1'] ?? 0);
        assert.ok((statuses.get('Active') ?? 0) > 0, 'finished chunks stay');
        assert.equal((await listFlowRuns(t.server.url, AT_SCALE, 'admin'))[0].status, 'Cancelled');
    }
);
