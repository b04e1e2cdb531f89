/*
 * Column control of the Data Table (issue #13, points 5 and 6): resize by drag and keyboard, show / hide and wrap
 * from the column menu, the choices remembered per definition and table across a reload, frozen columns on
 * horizontal scroll, and a cell style badge. Each scenario runs at desktop width and at 375 px.
 */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { e2eTest, type TestContext } from './lib/harness';
import { axeViolations } from './lib/axe';
import { focusedElement, isHittable, namedTable } from './lib/tableKit';

const DEFINITION = 'E2E_Columns';
const TABLE = 'columnsTable';
const WIDTHS = [
    { name: 'desktop', width: 1280, height: 900 },
    { name: '375 px', width: 375, height: 800 }
];

/** Opens the columns fixture with no remembered column choices (localStorage is shared by the tests' pages). */
async function openFresh(t: TestContext, viewport: { width: number; height: number }): Promise<Locator> {
    await t.page.setViewportSize(viewport);
    await t.open(DEFINITION);
    await t.page.evaluate(() => localStorage.clear());
    await t.page.reload();
    return waitForGrid(t.page);
}

async function waitForGrid(page: Page): Promise<Locator> {
    const grid = namedTable(page, TABLE);
    await grid.locator('tr.data-row').first().waitFor({ timeout: 60000 });
    return grid;
}

function header(grid: Locator, label: string): Locator {
    return grid.locator('thead th.column-header').filter({ hasText: new RegExp(`^\\s*${label}`) });
}

function handle(grid: Locator, label: string): Locator {
    return grid.locator(`.resize-handle[aria-label="Resize ${label} column"]`);
}

async function widthOf(locator: Locator): Promise<number> {
    return Math.round((await locator.boundingBox())!.width);
}

/** Drags a column's resize handle sideways by dx px with the mouse. */
async function drag(page: Page, grid: Locator, label: string, dx: number): Promise<void> {
    const box = (await handle(grid, label).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx / 2, y, { steps: 4 });
    await page.mouse.move(x + dx, y, { steps: 4 });
    await page.mouse.up();
}

/** Opens the column menu (if closed) and returns it. */
async function openMenu(grid: Locator): Promise<Locator> {
    const menu = grid.locator('c-column-menu');
    if ((await menu.locator('[role="menu"]').count()) === 0) await menu.locator('button.menu-button').click();
    await menu.locator('[role="menu"]').waitFor({ state: 'visible' });
    return menu;
}

function menuItem(menu: Locator, label: string): Locator {
    return menu.locator('[role^="menuitem"]').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
}

async function headerLabels(grid: Locator): Promise<string[]> {
    return (await grid.locator('thead th.column-header .slds-truncate').allTextContents()).map((s) => s.trim());
}

for (const viewport of WIDTHS) {
    e2eTest(
        `columns: resize by drag and by keyboard within 40-1000 px, remembered after a reload (${viewport.name})`,
        async (t) => {
            const { page } = t;
            const grid = await openFresh(t, viewport);
            const email = header(grid, 'Email');
            const before = await widthOf(email);
            assert.ok(Math.abs(before - 90) <= 2, `Email starts at its initialWidth 90 px: ${before}`);
            // at 375 px a wider frozen Email would put its own handle off the screen
            const dx = viewport.width < 600 ? 60 : 120;
            await drag(page, grid, 'Email', dx);
            const wider = await widthOf(email);
            assert.ok(Math.abs(wider - (before + dx)) <= 3, `the drag widened Email by ${dx} px: ${before} → ${wider}`);
            // cells follow the header (one colgroup)
            const cellWidth = await widthOf(grid.locator('tr.data-row').first().locator('td[data-label="Email"]'));
            assert.ok(Math.abs(cellWidth - wider) <= 1, `the Email cells are as wide as the header: ${cellWidth}`);
            // as far left as the screen allows (at 375 px the handle is less than 600 px from the edge)
            const room = (await handle(grid, 'Email').boundingBox())!.x - 2;
            await drag(page, grid, 'Email', -Math.min(600, room));
            assert.equal(await widthOf(email), 40, 'a column is never narrower than 40 px');

            // keyboard: from the Name label ArrowRight reaches its handle, then Email's label, then Email's handle
            await grid.locator('button.sort-button[data-path="Name"]').focus();
            await page.keyboard.press('ArrowRight');
            assert.equal(
                (await focusedElement(page)).label,
                'Resize Name column',
                'ArrowRight goes to the resize handle'
            );
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('ArrowRight');
            assert.equal((await focusedElement(page)).label, 'Resize Email column');
            const emailHandle = handle(grid, 'Email');
            assert.equal(await emailHandle.getAttribute('role'), 'separator');
            assert.equal(await emailHandle.getAttribute('aria-valuenow'), '40');
            await page.keyboard.press('Enter');
            for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
            await page.keyboard.press('Enter');
            assert.equal(await emailHandle.getAttribute('aria-valuenow'), '70', 'three steps of 10 px');
            assert.equal(await widthOf(email), 70);
            // Escape puts the width back as it was when the resize started
            await page.keyboard.press('Enter');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            assert.equal(await widthOf(email), 50, 'the width follows the keys at once');
            await page.keyboard.press('Escape');
            assert.equal(await widthOf(email), 70, 'Escape cancels the resize');
            // arrows without Enter move on instead of resizing
            await page.keyboard.press('ArrowRight');
            assert.notEqual((await focusedElement(page)).label, 'Resize Email column', 'ArrowRight left the handle');
            assert.equal(await widthOf(email), 70);

            await page.reload();
            const again = await waitForGrid(page);
            assert.equal(await widthOf(header(again, 'Email')), 70, 'the width is remembered after a reload');
        }
    );

    e2eTest(
        `columns: the column menu hides and shows columns (one always stays), remembered after a reload; axe clean with the menu open (${viewport.name})`,
        async (t) => {
            const { page } = t;
            const grid = await openFresh(t, viewport);
            assert.deepEqual(await headerLabels(grid), ['Name', 'Email', 'Phone', 'Status', 'Account']);
            let menu = await openMenu(grid);
            const button = menu.locator('button').first();
            assert.ok(/Columns/.test((await button.getAttribute('title')) ?? ''), 'the menu button has a label');
            const phone = menuItem(menu, 'Phone');
            assert.equal(await phone.getAttribute('aria-checked'), 'true', 'a shown column is a checked item');
            assert.deepEqual(
                await axeViolations(page, 'c-dynamic-component'),
                [],
                'no WCAG A/AA violations, menu open'
            );
            await phone.click();
            await grid.locator('td[data-label="Phone"]').first().waitFor({ state: 'detached' });
            assert.deepEqual(await headerLabels(grid), ['Name', 'Email', 'Status', 'Account'], 'Phone is hidden');

            const stored = await page.evaluate(() =>
                localStorage.getItem('dynamicComponents.columns:E2E_Columns:columnsTable')
            );
            assert.deepEqual(JSON.parse(stored ?? '{}').hidden, ['Phone'], 'kept under the definition and table name');
            menu = await openMenu(grid);
            assert.equal(await menuItem(menu, 'Phone').getAttribute('aria-checked'), 'false');
            await page.keyboard.press('Escape');
            await page.reload();
            const again = await waitForGrid(page);
            assert.deepEqual(
                await headerLabels(again),
                ['Name', 'Email', 'Status', 'Account'],
                'still hidden after a reload'
            );

            // hide all but Name: its item cannot be unchecked
            for (const label of ['Email', 'Status', 'Account']) {
                menu = await openMenu(again);
                await menuItem(menu, label).click();
                await again.locator(`td[data-label="${label}"]`).first().waitFor({ state: 'detached' });
            }
            assert.deepEqual(await headerLabels(again), ['Name']);
            menu = await openMenu(again);
            assert.equal(
                await menuItem(menu, 'Name').getAttribute('aria-disabled'),
                'true',
                'the last visible column cannot be hidden'
            );
            await menuItem(menu, 'Reset columns').click();
            await again.locator('td[data-label="Phone"]').first().waitFor();
            assert.deepEqual(
                await headerLabels(again),
                ['Name', 'Email', 'Phone', 'Status', 'Account'],
                'Reset shows all'
            );
            assert.equal(
                await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('E2E_Columns')).length),
                0,
                'Reset forgets the stored choices'
            );
        }
    );

    e2eTest(
        `columns: wrap makes rows taller and only the rows in view stay in the DOM (${viewport.name})`,
        async (t) => {
            const { page } = t;
            const grid = await openFresh(t, viewport);
            const scroller = grid.locator('.grid-scroller');
            const firstRow = grid.locator('tr.data-row').first();
            const oneLine = Math.round((await firstRow.boundingBox())!.height);
            const menu = await openMenu(grid);
            await menuItem(menu, 'Wrap Email').click();
            let tall = oneLine;
            for (let i = 0; i < 40 && tall <= oneLine + 10; i++) {
                await page.waitForTimeout(100);
                tall = Math.round((await firstRow.boundingBox())!.height);
            }
            assert.ok(tall > oneLine + 10, `a wrapped Email makes its row taller: ${oneLine} → ${tall} px`);
            const state = async () =>
                scroller.evaluate((el) => {
                    const area = el.getBoundingClientRect();
                    const rendered = el.querySelectorAll('tbody tr.data-row');
                    // the rows under the middle and near the bottom of the view are real rows, not the spacers
                    const probe = (y: number) => {
                        let hit: Element | null = document.elementFromPoint(area.left + 20, y);
                        while (hit?.shadowRoot) {
                            const inner = hit.shadowRoot.elementFromPoint(area.left + 20, y);
                            if (!inner || inner === hit) break;
                            hit = inner;
                        }
                        return Boolean(hit?.closest('tr.data-row'));
                    };
                    return {
                        rendered: rendered.length,
                        middle: probe(area.top + area.height / 2),
                        bottom: probe(Math.min(area.bottom, window.innerHeight) - 12),
                        scrollHeight: el.scrollHeight
                    };
                });
            const top = await state();
            assert.ok(top.rendered < 100, `only a window of the 200 loaded rows is rendered: ${top.rendered}`);
            for (const fraction of [0.3, 0.6, 0.95]) {
                await scroller.evaluate((el, f) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * f), fraction);
                await page.waitForTimeout(250);
                const now = await state();
                assert.ok(now.rendered < 100, `scrolled to ${fraction}: a window of rows (${now.rendered})`);
                assert.ok(now.middle && now.bottom, `scrolled to ${fraction}: the rows in view are rendered`);
            }
            // remembered: after a reload the Email column still wraps
            await page.reload();
            const again = await waitForGrid(page);
            assert.ok(
                Math.round((await again.locator('tr.data-row').first().boundingBox())!.height) > oneLine + 10,
                'wrap is remembered after a reload'
            );
        }
    );

    e2eTest(
        `columns: two frozen columns stay in place while scrolling sideways, also after a resize (${viewport.name})`,
        async (t) => {
            const { page } = t;
            const grid = await openFresh(t, viewport);
            const scroller = grid.locator('.grid-scroller');
            // at desktop width the table fits: Phone made as wide as allowed (keyboard: End) makes it scroll sideways
            await grid.locator('button.sort-button[data-path="Name"]').focus();
            for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
            assert.equal((await focusedElement(page)).label, 'Resize Phone column');
            await page.keyboard.press('Enter');
            await page.keyboard.press('End');
            await page.keyboard.press('Enter');
            assert.equal(await handle(grid, 'Phone').getAttribute('aria-valuenow'), '1000', 'End: the maximum width');
            assert.ok(
                await scroller.evaluate((el) => el.scrollWidth > el.clientWidth + 100),
                'the grid scrolls sideways'
            );
            const row = grid.locator('tr.data-row').first();
            const name = row.locator('td[data-label="Name"]');
            const email = row.locator('td[data-label="Email"]');
            const phone = row.locator('td[data-label="Phone"]');
            const check = async (when: string) => {
                const n = (await name.boundingBox())!;
                const e = (await email.boundingBox())!;
                assert.ok(
                    Math.abs(e.x - (n.x + n.width)) <= 1.5,
                    `${when}: Email sits right of Name (${n.x + n.width} / ${e.x})`
                );
                return { name: n.x, email: e.x };
            };
            const start = await check('before scrolling');
            const phoneX = (await phone.boundingBox())!.x;
            await scroller.evaluate((el) => (el.scrollLeft = 400));
            await page.waitForTimeout(200);
            const scrolled = await check('scrolled');
            assert.equal(Math.round(scrolled.name), Math.round(start.name), 'Name stays in place');
            assert.equal(Math.round(scrolled.email), Math.round(start.email), 'Email (frozenColumns 2) stays in place');
            const scrolledBy = await scroller.evaluate((el) => el.scrollLeft);
            assert.ok(scrolledBy > 100, `the grid scrolled sideways: ${scrolledBy} px`);
            const moved = phoneX - (await phone.boundingBox())!.x;
            assert.ok(Math.abs(moved - scrolledBy) <= 1.5, `the other columns scroll along: ${moved} px`);
            assert.ok(await isHittable(name.locator('a')), 'the frozen Name link is not covered by the scrolled cells');
            // a wider Name moves the second frozen column along
            await grid.locator('button.sort-button[data-path="Name"]').focus();
            await page.keyboard.press('ArrowRight');
            await page.keyboard.press('Enter');
            for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
            await page.keyboard.press('Enter');
            await page.waitForTimeout(200);
            await check('after widening Name');
            const header = grid.locator('thead th.column-header');
            const headerName = (await header.nth(0).boundingBox())!;
            const headerEmail = (await header.nth(1).boundingBox())!;
            assert.ok(
                Math.abs(headerEmail.x - (headerName.x + headerName.width)) <= 1.5,
                'the header cells are frozen alike'
            );
        }
    );
}

e2eTest('columns: a cell style rule shows the Status as a badge of its theme (Contacts board)', async (t) => {
    const { page } = t;
    await t.open('Contact_Status_Board');
    const grid = namedTable(page, 'contactsTable');
    await grid.locator('tr.data-row').first().waitFor({ timeout: 60000 });
    const badges = await grid.locator('td[data-label="Status"]').evaluateAll((cells) =>
        cells.map((c) => {
            const badge = c.querySelector('.slds-badge');
            return { text: (c.textContent ?? '').trim(), badge: badge?.className ?? '' };
        })
    );
    const active = badges.find((b) => b.text === 'Active');
    assert.ok(active, `a row shows Active: ${JSON.stringify(badges.slice(0, 5))}`);
    assert.match(active.badge, /slds-badge.*slds-theme_success/, 'Active is a success badge');
    const fresh = badges.find((b) => b.text === 'New');
    if (fresh) assert.match(fresh.badge, /slds-theme_info/, 'New is an info badge');
    assert.ok(
        badges.filter((b) => b.text === '').every((b) => b.badge === ''),
        'an empty cell shows no badge'
    );
    assert.deepEqual(await axeViolations(page, 'c-dynamic-component'), [], 'the badges pass axe (contrast)');
});
