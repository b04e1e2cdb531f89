/* End-to-end tests of the Dynamic Component in the local preview (real components, real base components). */
import * as assert from 'node:assert/strict';
import { axeViolations } from './lib/axe';
import { e2eTest, type TestContext } from './lib/harness';
import {
    cell,
    columnHeader,
    headerButton,
    row,
    rowCheckbox,
    rowCountText,
    rowActionsButton,
    rowKeys,
    rows,
    scroller,
    selectRow,
    sortButton,
    table,
    toast,
    waitForTable
} from './lib/page';

const BOARD = 'Contact_Status_Board';

async function contactsById(t: TestContext): Promise<Map<string, Record<string, unknown>>> {
    return new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
}

/** Keys of the first rows shown whose status is not Active yet. */
async function inactiveKeys(t: TestContext, count: number): Promise<string[]> {
    const byId = await contactsById(t);
    return (await rowKeys(t.page)).filter((k) => byId.get(k)?.Status__c !== 'Active').slice(0, count);
}

async function setActiveScenario(t: TestContext, count: number): Promise<void> {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const keys = await inactiveKeys(t, count);
    assert.equal(keys.length, count, 'enough contacts that are not Active on the first page');
    for (const k of keys) await selectRow(row(page, k));
    await rowCountText(page)
        .filter({ hasText: `${count} selected` })
        .waitFor();
    await headerButton(page, 'Set as Active').click();
    await toast(page, count === 1 ? '1 contact set to Active' : `${count} contacts set to Active`).waitFor({
        timeout: 30000
    });
    // the store changed, and the table was refreshed from it
    const byId = await contactsById(t);
    for (const k of keys) assert.equal(byId.get(k)?.Status__c, 'Active', `${k} is Active in the store`);
    for (const k of keys) await cell(row(page, k), 'Status').filter({ hasText: 'Active' }).waitFor({ timeout: 20000 });
}

e2eTest(
    'seed scenario: select several contacts, Set as Active → success toast with the count, rows read Active',
    async (t) => {
        await setActiveScenario(t, 3);
    }
);

e2eTest('seed scenario with one selected row', async (t) => {
    await setActiveScenario(t, 1);
});

e2eTest('a flow that faults → error toast with its message, store unchanged', async (t) => {
    const { page } = t;
    const accountsBefore = (await t.records('Account')).length;
    const contactsBefore = JSON.stringify(await t.records('Contact'));
    await t.open('E2E_Flow_Fault');
    await waitForTable(page);
    await headerButton(page, 'Break it').click();
    const error = toast(page, 'Could not update');
    await error.waitFor({ timeout: 30000 });
    await error.filter({ hasText: 'invalid email address: not-an-email' }).waitFor();
    assert.equal(
        (await t.records('Account')).length,
        accountsBefore,
        'the Account the flow created first was rolled back'
    );
    assert.equal(JSON.stringify(await t.records('Contact')), contactsBefore);
    assert.equal(await toast(page, 'Unexpected success').count(), 0);
});

e2eTest('maxRowSelection is enforced', async (t) => {
    const { page } = t;
    await t.open('E2E_Max_Two');
    await waitForTable(page);
    const keys = (await rowKeys(page)).slice(0, 3);
    await selectRow(row(page, keys[0]));
    await selectRow(row(page, keys[1]));
    await rowCountText(page).filter({ hasText: '2 selected' }).waitFor();
    // the third checkbox cannot be ticked
    const third = rowCheckbox(row(page, keys[2]));
    if (await third.isEnabled()) await selectRow(row(page, keys[2])).catch(() => undefined);
    await page.waitForTimeout(300);
    assert.equal(await third.isChecked(), false, 'the third row is not selected');
    assert.match(await rowCountText(page).innerText(), /2 selected/);
});

e2eTest('a header action that requires a selection is disabled with no selection', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const button = headerButton(page, 'Set as Active');
    assert.equal(await button.isDisabled(), true, 'disabled before any selection');
    const [first] = await rowKeys(page);
    await selectRow(row(page, first));
    await page.waitForFunction(() => true);
    await button.waitFor();
    assert.equal(await button.isDisabled(), false, 'enabled once a row is selected');
    await selectRow(row(page, first));
    await rowCountText(page).filter({ hasNotText: 'selected' }).waitFor();
    assert.equal(await button.isDisabled(), true, 'disabled again when the selection is cleared');
});

e2eTest('a row action navigates to the record (shown in the preview navigation banner)', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const [first] = await rowKeys(page);
    await rowActionsButton(row(page, first)).click();
    await page.locator('lightning-menu-item', { hasText: 'Open' }).first().click();
    const banner = page.locator('#navigation-banner');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.innerText(), new RegExp(`/lightning/r/Contact/${first}/view`));
});

e2eTest('search filters the rows on the server', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    await table(page).locator('lightning-input input').fill('lovelace');
    await page.waitForFunction(() => true);
    await rowCountText(page).filter({ hasNotText: '50 of 400' }).waitFor({ timeout: 20000 });
    const keys = await rowKeys(page);
    const byId = await contactsById(t);
    assert.ok(keys.length > 0);
    for (const k of keys) {
        const c = byId.get(k)!;
        assert.match(`${c.Name} ${c.Email}`.toLowerCase(), /lovelace/);
    }
    const expected = [...byId.values()].filter((c) => `${c.Name} ${c.Email}`.toLowerCase().includes('lovelace')).length;
    assert.match(await rowCountText(page).innerText(), new RegExp(`of ${expected}`));
});

e2eTest('sorting by a column asks the server for the new order (asc, then desc)', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const header = columnHeader(page, 'Email');
    await sortButton(page, 'Email').click();
    await header.and(page.locator('[aria-sort="ascending"]')).waitFor();
    const all = [...(await contactsById(t)).values()].map((c) => String(c.Email).toLowerCase()).sort();
    await cell(rows(page).first(), 'Email').filter({ hasText: all[0] }).waitFor({ timeout: 20000 });
    await sortButton(page, 'Email').click();
    await header.and(page.locator('[aria-sort="descending"]')).waitFor();
    await cell(rows(page).first(), 'Email')
        .filter({ hasText: all[all.length - 1] })
        .waitFor({ timeout: 20000 });
});

e2eTest('infinite loading loads the next page when scrolled to the end, keeping the selection', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const [first] = await rowKeys(page);
    await selectRow(row(page, first));
    await rowCountText(page).filter({ hasText: '1 selected' }).waitFor();
    await rowCountText(page).filter({ hasText: '50 of 400' }).waitFor();
    for (let i = 0; i < 20; i++) {
        await scroller(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
        if (/(100|150|200) of 400/.test(await rowCountText(page).innerText())) break;
        await page.waitForTimeout(500);
    }
    await rowCountText(page)
        .filter({ hasText: /1\d0 of 400/ })
        .waitFor({ timeout: 20000 });
    assert.match(await rowCountText(page).innerText(), /1 selected/);
    // scroll back up: the first row is still ticked
    await scroller(page).evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(300);
    assert.equal(await rowCheckbox(row(page, first)).isChecked(), true);
});

e2eTest('a refresh after Execute Flow keeps the scroll position and the rows in view', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    await scroller(page).evaluate((el) => (el.scrollTop = 600));
    // the rows in view after the scroll: pick one that is not Active yet, below the first screen
    await page.waitForTimeout(300);
    const byId = await contactsById(t);
    const visible = await rows(page).evaluateAll((els) =>
        els
            .filter((e) => {
                const box = e.getBoundingClientRect();
                const area = (e.closest('.grid-scroller') as HTMLElement).getBoundingClientRect();
                return box.top >= area.top + 40 && box.bottom <= area.bottom;
            })
            .map((e) => e.getAttribute('data-row-key-value') ?? '')
    );
    const key = visible.find((k) => byId.get(k)?.Status__c !== 'Active');
    assert.ok(key, 'a row that is not Active is in view after scrolling');
    await selectRow(row(page, key));
    await headerButton(page, 'Set as Active').click();
    await toast(page, '1 contact set to Active').waitFor({ timeout: 30000 });
    await cell(row(page, key), 'Status').filter({ hasText: 'Active' }).waitFor({ timeout: 20000 });
    assert.equal(await scroller(page).evaluate((el) => el.scrollTop), 600, 'the scroll position is kept');
    assert.ok(await row(page, key).isVisible(), 'the updated row is still in view');
});

e2eTest('the component passes axe-core WCAG 2.1 A/AA checks, with rows selected and sorted', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    const keys = (await rowKeys(page)).slice(0, 2);
    for (const k of keys) await selectRow(row(page, k));
    await sortButton(page, 'Email').click();
    await columnHeader(page, 'Email').and(page.locator('[aria-sort="ascending"]')).waitFor();
    await waitForTable(page);
    const violations = await axeViolations(page, 'c-dynamic-component');
    assert.deepEqual(violations, [], 'no WCAG A/AA violations');
});

e2eTest('a bad definition shows the setup panel listing its problems', async (t) => {
    const { page } = t;
    await t.open('E2E_Broken');
    const panel = page.locator('c-setup-errors');
    await panel.waitFor({ timeout: 60000 });
    const text = await panel.innerText();
    assert.match(text, /Favourite_Colour__c/);
    assert.match(text, /Nope__c/);
    assert.match(text, /noSuchTable/);
    assert.equal(await page.locator('c-dynamic-component table[role="grid"]').count(), 0, 'no half-rendered table');
});

e2eTest('keyboard only: select a row with the keyboard and run Set as Active', async (t) => {
    const { page } = t;
    await t.open(BOARD);
    await waitForTable(page);
    // Tab into the page until the search box has focus, then on into the grid
    await table(page).locator('lightning-input input').focus();
    for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        const inGrid = await page.evaluate(() => {
            let a: Element | null = document.activeElement;
            while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
            return !!a && !!a.closest('table[role="grid"]');
        });
        if (inGrid) break;
    }
    // the grid's one tab stop starts on the header's select-all box: down to the first row's box, Space ticks it
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await rowCountText(page).filter({ hasText: '1 selected' }).waitFor({ timeout: 10000 });
    const selected = await rows(page).evaluateAll((els) =>
        els
            .filter((e) => e.getAttribute('aria-selected') === 'true')
            .map((e) => e.getAttribute('data-row-key-value') ?? '')
    );
    assert.deepEqual(selected, (await rowKeys(page)).slice(0, 1), 'the first row is selected');
    // reach the header action with Shift+Tab and press Enter
    const button = headerButton(page, 'Set as Active');
    let focused = false;
    for (let i = 0; i < 8 && !focused; i++) {
        await page.keyboard.press('Shift+Tab');
        focused = await button.evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement);
        if (process.env.E2E_DEBUG) {
            console.log(
                await page.evaluate(() => {
                    let a: Element | null = document.activeElement;
                    const chain: string[] = [];
                    while (a) {
                        chain.push(a.tagName + (a.className ? '.' + String(a.className).split(' ')[0] : ''));
                        a = a.shadowRoot ? a.shadowRoot.activeElement : null;
                    }
                    return chain.join(' > ');
                })
            );
        }
    }
    assert.ok(focused, 'Set as Active reached with the keyboard');
    await page.keyboard.press('Enter');
    await toast(page, '1 contact set to Active').waitFor({ timeout: 30000 });
    const byId = await contactsById(t);
    for (const k of selected) assert.equal(byId.get(k)?.Status__c, 'Active');
});

e2eTest(
    'record page: a load flow feeds the title formula; a screen flow opens as the preview placeholder and Finish refreshes',
    async (t) => {
        const { page } = t;
        const account = (await t.records('Account'))[0];
        const contacts = (await t.records('Contact')).filter((c) => c.AccountId === account.Id);
        const active = contacts.filter((c) => c.Status__c === 'Active').length;
        await t.open('Contact_Summary', String(account.Id));
        await waitForTable(page);
        const share = `${Math.round((active * 100) / contacts.length)}% of ${contacts.length} contacts are active`;
        await page
            .locator('c-dynamic-component lightning-card', { hasText: share })
            .first()
            .waitFor({ timeout: 30000 });
        assert.equal((await rows(page).count()) > 0, true);
        // row action → Open Flow Dialog with the screen flow → the local placeholder
        const [first] = await rowKeys(page);
        await rowActionsButton(row(page, first)).click();
        await page.locator('lightning-menu-item', { hasText: 'Edit Status' }).first().click();
        const placeholder = page.locator('.preview-flow-placeholder[data-flow="Edit_Contact_Status"]');
        await placeholder.waitFor({ timeout: 20000 });
        assert.match(await placeholder.innerText(), /Screen flows run only in a Salesforce org/);
        await placeholder.locator('lightning-button[data-id="flow-finish"] button').click();
        await placeholder.waitFor({ state: 'detached', timeout: 20000 });
    }
);
