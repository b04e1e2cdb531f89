/* The Data Table as an end user walks it (issue #13, point 7): menus, focus, busy state, selection, layout. */
import * as assert from 'node:assert/strict';
import { e2eTest } from './lib/harness';
import {
    columnHeader,
    headerButton,
    row,
    rowActionsButton,
    rowCountText,
    rowKeys,
    rows,
    scroller,
    selectRow,
    sortButton,
    table,
    toast,
    waitForTable
} from './lib/page';
import { focusIsWithin, focusedElement, focusedOutline, isHittable, namedTable } from './lib/tableKit';

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

e2eTest(
    'table: while Set as Active runs the spinner sits beside the label, the grid is aria-busy and locked; focus returns to the button',
    async (t) => {
        const { page } = t;
        await t.open(BOARD);
        await waitForTable(page);
        const keys = (await rowKeys(page)).slice(0, 2);
        for (const k of keys) await selectRow(row(page, k));
        // an org's flow takes a second or more; the local one a few ms: slow it down so the busy state can be seen
        await page.route('**/api/apex/DynamicComponentController.executeFlow', async (route) => {
            await new Promise((resolve) => setTimeout(resolve, 2000));
            await route.continue();
        });
        const button = headerButton(page, 'Set as Active');
        await button.focus();
        await page.keyboard.press('Enter');
        const spinner = table(page).locator('.header-action .action-spinner');
        await spinner.waitFor({ state: 'visible', timeout: 10000 });
        // read everything in one go, while the action runs
        const state = await table(page).evaluate((host) => {
            const root = host.shadowRoot ?? host;
            const spin = root.querySelector('.header-action .action-spinner');
            const btn = root.querySelector('.header-action lightning-button');
            const grid = root.querySelector('c-data-grid');
            const gridRoot = grid?.shadowRoot ?? grid;
            return {
                spinnerLeft: spin?.getBoundingClientRect().left ?? -1,
                buttonRight: btn?.getBoundingClientRect().right ?? -1,
                overlays: root.querySelectorAll('lightning-spinner').length,
                busy: gridRoot?.querySelector('table[role="grid"]')?.getAttribute('aria-busy') ?? null,
                checkboxDisabled:
                    (gridRoot?.querySelector('input.row-select') as HTMLInputElement | null)?.disabled ?? null
            };
        });
        assert.ok(
            state.spinnerLeft >= state.buttonRight && state.buttonRight > 0,
            `the spinner is beside the button, not over its label (${JSON.stringify(state)})`
        );
        assert.equal(state.overlays, 0, 'no overlay spinner (white band) over the toolbar');
        assert.equal(state.busy, 'true', 'the grid is aria-busy');
        assert.equal(state.checkboxDisabled, true, 'rows cannot be (de)selected meanwhile');
        await toast(page, /set to Active/).waitFor({ timeout: 30000 });
        await spinner.waitFor({ state: 'detached', timeout: 20000 });
        await page.waitForFunction(() => true);
        await page.waitForTimeout(300);
        const focused = await focusedElement(page);
        assert.equal(focused.body, false, 'the focus is not lost to the page body');
        assert.equal(
            await button.evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement),
            true,
            'focus is back on Set as Active'
        );
        assert.equal(
            await table(page).locator('table[role="grid"]').getAttribute('aria-busy'),
            null,
            'the grid is no longer busy'
        );
    }
);

e2eTest('table: closing the flow panel with Escape returns focus to the row action menu that opened it', async (t) => {
    const { page } = t;
    await t.open('E2E_Table_Panel');
    await waitForTable(page);
    const [first] = await rowKeys(page);
    await rowActionsButton(row(page, first)).click();
    await row(page, first).locator('lightning-menu-item', { hasText: 'Edit Status' }).click();
    const panel = page.locator('c-flow-panel');
    await panel.waitFor({ timeout: 20000 });
    await page.waitForTimeout(300);
    assert.ok(await focusIsWithin(page, panel), 'the panel has the focus while open');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    assert.equal((await focusedElement(page)).body, false, 'the focus is not lost to the page body');
    assert.ok(
        await focusIsWithin(page, row(page, first).locator('lightning-button-menu')),
        'focus is on the row action menu'
    );
});

e2eTest('table: a checked checkbox shows a visible focus ring; sorting scrolls back to the top', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const [first] = await rowKeys(page);
    const box = row(page, first).locator('input.row-select');
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    const ring = await focusedOutline(page);
    assert.equal(ring.style, 'solid', 'an outline is drawn');
    assert.ok(
        ring.width >= 2 && ring.offset > 0,
        `the ring is outside the checked box (width ${ring.width}, offset ${ring.offset})`
    );
    await scroller(page).evaluate((el) => (el.scrollTop = 900));
    await page.waitForTimeout(200);
    await sortButton(page, 'Email').click();
    await columnHeader(page, 'Email').and(page.locator('[aria-sort="ascending"]')).waitFor();
    assert.equal(await scroller(page).evaluate((el) => el.scrollTop), 0, 'the new order shows from its first row');
    await waitForTable(page);
    assert.equal(
        await scroller(page).evaluate((el) => el.scrollTop),
        0,
        'still at the top once the sorted rows arrived'
    );
});

e2eTest('table: the maximum selection is said visibly once reached', async (t) => {
    const { page } = t;
    await t.open('E2E_Max_Two');
    await waitForTable(page);
    const keys = (await rowKeys(page)).slice(0, 2);
    await selectRow(row(page, keys[0]));
    assert.equal(await table(page).locator('.selection-limit').count(), 0, 'no message below the maximum');
    await selectRow(row(page, keys[1]));
    await table(page)
        .locator('.selection-limit', { hasText: 'Maximum reached: you can select up to 2 rows.' })
        .waitFor();
    assert.ok(
        await table(page).locator('.selection-limit').isVisible(),
        'the message is on screen, not only announced'
    );
});

e2eTest('table: selections hidden by a search are counted, can be shown and cleared', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const byId = new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
    const matches = (k: string) => `${byId.get(k)?.Name} ${byId.get(k)?.Email}`.toLowerCase().includes('lovelace');
    const keys = (await rowKeys(page)).filter((k) => !matches(k)).slice(0, 3);
    for (const k of keys) await selectRow(row(page, k));
    await rowCountText(page).filter({ hasText: '3 selected' }).waitFor();
    await table(page).locator('lightning-input input').fill('lovelace');
    await rowCountText(page).filter({ hasText: '3 selected, 3 hidden by the search' }).waitFor({ timeout: 20000 });
    assert.ok((await rowKeys(page)).every(matches), 'the search shows only its rows');
    await table(page).locator('button.show-selected').click();
    await table(page).locator('.showing-selected', { hasText: 'Showing 3 selected rows' }).waitFor();
    assert.deepEqual((await rowKeys(page)).sort(), [...keys].sort(), 'Show selected lists the hidden selected rows');
    await table(page).locator('button.show-all').click();
    await rowCountText(page).filter({ hasText: '3 hidden by the search' }).waitFor();
    await table(page).locator('button.clear-selection').click();
    await rowCountText(page).filter({ hasNotText: 'selected' }).waitFor();
});

e2eTest(
    'table: while the first page loads a skeleton shows the card header and column headers, at the final height',
    async (t) => {
        const { page } = t;
        await page.route('**/api/apex/DynamicComponentController.runQuery', async (route) => {
            await new Promise((resolve) => setTimeout(resolve, 1500));
            await route.continue();
        });
        await t.open(BOARD);
        const skeleton = table(page).locator('.skeleton');
        await skeleton.waitFor({ state: 'visible', timeout: 30000 });
        assert.ok(
            await page.locator('c-dynamic-component lightning-card').first().isVisible(),
            'the card (its header) is shown'
        );
        await table(page).locator('.skeleton-label', { hasText: 'Email' }).waitFor();
        const area = table(page).locator('.table-area');
        const before = await area.boundingBox();
        await waitForTable(page);
        const after = await area.boundingBox();
        assert.ok(before && after, 'the table area is laid out');
        assert.equal(Math.round(after.y), Math.round(before.y), 'the table does not move when the rows arrive');
        assert.equal(Math.round(after.height), Math.round(before.height), 'nor change height');
    }
);

e2eTest(
    'table: at 375 px the toolbar wraps, the grid scrolls sideways with a frozen first column, the setup panel fits',
    async (t) => {
        const { page } = t;
        await page.setViewportSize({ width: 375, height: 800 });
        await t.open(BOARD);
        await waitForTable(page);
        const component = (await page.locator('c-dynamic-component').first().boundingBox())!;
        assert.ok(component.x + component.width <= 375, `the component fits the screen (${component.width} px wide)`);
        const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(pageWidth <= 375, `the page itself does not scroll sideways (${pageWidth} px wide)`);
        const search = await table(page).locator('.search').boundingBox();
        const action = await headerButton(page, 'Set as Active').boundingBox();
        assert.ok(
            search && action && search.x >= 0 && search.x + search.width <= 375,
            'the search box is within the screen'
        );
        assert.ok(action.x + action.width <= 375, 'the header action is within the screen');
        const grid = scroller(page);
        assert.ok(await grid.evaluate((el) => el.scrollWidth > el.clientWidth), 'the grid scrolls sideways');
        const [first] = await rowKeys(page);
        const nameCell = row(page, first).locator('td.cell-frozen');
        const x0 = (await nameCell.boundingBox())!.x;
        await grid.evaluate((el) => (el.scrollLeft = 250));
        await page.waitForTimeout(200);
        assert.equal(Math.round((await nameCell.boundingBox())!.x), Math.round(x0), 'the first column stays in place');
        assert.ok(await isHittable(nameCell.locator('a')), 'and is not covered by the scrolled cells');
        // the admin's setup panel of a broken definition stays within the viewport
        await t.open('E2E_Broken');
        const panel = page.locator('c-setup-errors').first();
        await panel.waitFor({ timeout: 60000 });
        const box = (await panel.boundingBox())!;
        assert.ok(box.x >= 0 && box.x + box.width <= 375, `the setup panel fits (x ${box.x}, width ${box.width})`);
    }
);

e2eTest(
    'table: a picklist shows its label and a lookup its record name linking to the record (issue #13, point 6)',
    async (t) => {
        const { page } = t;
        // The preview's value sets label every value as itself; relabel one value in the server's response so the check
        // tells a label from an API value. The rows themselves are the server's, untouched.
        await page.route('**/api/apex/**runQuery*', async (route) => {
            const response = await route.fetch();
            const body = (await response.json()) as {
                result?: { fields?: { path: string; picklistLabels?: Record<string, string> | null }[] };
            };
            for (const field of body.result?.fields ?? [])
                if (field.path === 'Status__c' && field.picklistLabels) field.picklistLabels.Active = 'Active customer';
            await route.fulfill({ response, json: body });
        });
        await t.open('E2E_Readable_Values');
        await waitForTable(page);
        const grid = namedTable(page, 'readableTable');
        const statuses = await grid.locator('td[data-label="Status"]').allTextContents();
        const shown = statuses.map((s) => s.trim()).filter(Boolean);
        assert.ok(shown.includes('Active customer'), `the label of Active is shown: ${shown.join(', ')}`);
        assert.ok(!shown.includes('Active'), 'the API value Active is not shown');
        assert.ok(shown.includes('New'), 'a value shows its (identical) label');
        // the lookup: the Account's name, linking to its record page, never the raw Id
        const links = grid.locator('td[data-label="Account"] a');
        assert.ok((await links.count()) > 0, 'rows with an account show a link');
        const first = links.first();
        const text = (await first.textContent())?.trim() ?? '';
        const href = (await first.getAttribute('href')) ?? '';
        assert.ok(text !== '' && !/^001[A-Za-z0-9]{12,15}$/.test(text), `the link shows the account name: "${text}"`);
        assert.match(href, /001[A-Za-z0-9]{12,15}/, `the link targets the account record: ${href}`);
        const cells = await grid.locator('td[data-label="Account"]').allTextContents();
        assert.ok(
            cells.every((c) => !/^\s*001[A-Za-z0-9]{12,15}\s*$/.test(c)),
            'no Account cell shows a raw Id'
        );
    }
);

e2eTest(
    'table: a height of 8 rows shows eight rows under the header and renders only the rows in view; "auto" fits three rows',
    async (t) => {
        const { page } = t;
        await t.open('E2E_Table_Rows_Height');
        await waitForTable(page);
        const grid = namedTable(page, 'rowsTable');
        const measure = () =>
            grid.locator('.grid-scroller').evaluate((el) => {
                const header = (el.querySelector('thead tr') as HTMLElement).getBoundingClientRect().height;
                const rowsInPage = el.querySelectorAll('tbody tr.data-row');
                const rowHeight = (rowsInPage[0] as HTMLElement).getBoundingClientRect().height;
                return {
                    body: el.clientHeight - header,
                    rowHeight,
                    rendered: rowsInPage.length,
                    scrollable: el.scrollHeight > el.clientHeight
                };
            });
        const first = await measure();
        const shown = first.body / first.rowHeight;
        assert.ok(Math.abs(shown - 8) < 0.2, `the body is eight rows high: ${shown.toFixed(2)} rows`);
        assert.ok(first.scrollable, 'more rows than eight are loaded, so the body scrolls');
        // the count reads "50 of 1,000" (loaded of total): the loaded rows are the first number
        const countText = (await grid.locator('.row-count').textContent()) ?? '';
        const loaded = Number((/[\d,]+/.exec(countText)?.[0] ?? '0').replace(/,/g, ''));
        assert.ok(loaded > first.rendered, `only the rows in view are rendered: ${first.rendered} of ${loaded}`);
        // scrolled down, still eight rows high and still a window of the rows
        await grid.locator('.grid-scroller').evaluate((el) => (el.scrollTop = 600));
        await page.waitForTimeout(200);
        const after = await measure();
        assert.ok(Math.abs(after.body / after.rowHeight - 8) < 0.2, 'the height holds while scrolling');
        assert.ok(after.rendered < loaded, `a window of rows after scrolling: ${after.rendered} of ${loaded}`);
        // height "auto" over three rows: the table is exactly as high as its rows, nothing to scroll
        const auto = namedTable(page, 'autoTable');
        await auto.locator('tr.data-row').nth(2).waitFor({ timeout: 30000 });
        const grown = await auto.locator('.grid-scroller').evaluate((el) => {
            const header = (el.querySelector('thead tr') as HTMLElement).getBoundingClientRect().height;
            const rowHeight = (el.querySelector('tbody tr.data-row') as HTMLElement).getBoundingClientRect().height;
            return {
                rowsHigh: (el.clientHeight - header) / rowHeight,
                scrollable: el.scrollHeight > el.clientHeight,
                scrollHeight: el.scrollHeight,
                clientHeight: el.clientHeight
            };
        });
        assert.ok(
            Math.abs(grown.rowsHigh - 3) < 0.2,
            `the auto table is three rows high: ${grown.rowsHigh.toFixed(2)}`
        );
        assert.ok(
            !grown.scrollable,
            `the auto table has nothing to scroll: ${grown.scrollHeight} > ${grown.clientHeight}`
        );
    }
);
