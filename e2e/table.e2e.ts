/* The Data Table as an end user walks it (issue #13, point 7): menus, focus, busy state, selection, layout. */
import * as assert from 'node:assert/strict';
import { e2eTest } from './lib/harness';
import {
    headerButton,
    row,
    rowActionsButton,
    rowKeys,
    rows,
    scroller,
    selectRow,
    table,
    waitForTable
} from './lib/page';
import { isHittable, namedTable } from './lib/tableKit';

const BOARD = 'Contact_Status_Board';

e2eTest(
    'table: the row action menu opens fully visible (Work Items "Reassign", rows at the top and bottom)',
    async (t) => {
        const { page } = t;
        await t.open('Orchestration_Work_Items', undefined, { as: 'user' });
        const mine = namedTable(page, 'myWorkItemsTable');
        await mine.locator('tr.data-row').first().waitFor({ timeout: 60000 });
        const count = await mine.locator('tr.data-row').count();
        assert.ok(count > 0, 'the work items table has rows');
        for (let i = 0; i < count; i++) {
            const line = mine.locator('tr.data-row').nth(i);
            await line.locator('lightning-button-menu button').click();
            const item = line.locator('lightning-menu-item', { hasText: 'Reassign' });
            await item.waitFor({ state: 'visible' });
            assert.ok(await isHittable(item), `"Reassign" of row ${i + 1} is on top and reachable by the mouse`);
            await page.keyboard.press('Escape');
        }
        // a long table scrolled: the last row in view opens upwards, the first one in view (under the sticky header)
        // downwards; both menus are fully visible
        await t.open(BOARD);
        await waitForTable(page);
        await scroller(page).evaluate((el) => (el.scrollTop = 330));
        await page.waitForTimeout(200);
        const inView = await rows(page).evaluateAll((els) => {
            const area = (els[0].closest('.grid-scroller') as HTMLElement).getBoundingClientRect();
            return els
                .filter((e) => {
                    const box = e.getBoundingClientRect();
                    return box.top >= area.top + 40 && box.bottom <= area.bottom - 2;
                })
                .map((e) => e.getAttribute('data-row-key-value') ?? '');
        });
        for (const key of [inView[0], inView[inView.length - 1]]) {
            await rowActionsButton(row(page, key)).click();
            const item = row(page, key).locator('lightning-menu-item', { hasText: 'Open' });
            await item.waitFor({ state: 'visible' });
            assert.ok(await isHittable(item), `"Open" of row ${key} is fully visible`);
            await page.keyboard.press('Escape');
        }
    }
);
