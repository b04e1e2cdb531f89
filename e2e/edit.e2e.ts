/* Inline edit, save, mass edit and export in the Data Table (issue #13, points 1-4), at desktop width and 375 px. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { e2eTest, type TestContext } from './lib/harness';
import { cell, headerButton, row, rowKeys, rows, selectRow, sortButton, table, waitForTable } from './lib/page';
import { axeViolations } from './lib/axe';
import { focusedElement } from './lib/tableKit';

const EDIT = 'Contact_Inline_Edit';
const TABLE = 'contactsTable';
const WIDTHS: { name: string; width: number; height: number }[] = [
    { name: 'desktop', width: 1280, height: 900 },
    { name: '375 px', width: 375, height: 740 }
];

type Rec = Record<string, unknown>;

/** The open cell editor's popover (there is at most one). */
function editor(page: Page): Locator {
    return table(page).locator('c-cell-editor section.cell-editor');
}

function footer(page: Page): Locator {
    return table(page).locator('.draft-footer');
}

async function changesText(page: Page): Promise<string> {
    return (await footer(page).locator('.draft-count').innerText()).trim();
}

async function openTable(t: TestContext, width: number, height: number): Promise<void> {
    await t.page.setViewportSize({ width, height });
    await t.open(EDIT);
    await waitForTable(t.page);
    await expectHostWired(t.page);
}

/** c-dynamic-component names the definition, the object and the query context to the table (save, lookups, picklists). */
async function expectHostWired(page: Page): Promise<void> {
    const wired = await table(page).evaluate((el) => {
        const host = el as HTMLElement & { definitionName?: string; objectApiName?: string; queryContext?: unknown };
        return {
            definitionName: host.definitionName,
            objectApiName: host.objectApiName,
            hasContext: !!host.queryContext
        };
    });
    if (wired.definitionName !== 'Contact_Inline_Edit' || wired.objectApiName !== 'Contact' || !wired.hasContext)
        throw new Error(`the host did not wire the table: ${JSON.stringify(wired)}`);
}

/** Focuses a cell (its link when it has one) without opening anything. */
async function focusCell(target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    const link = target.locator('a.cell-link');
    if (await link.count()) await link.focus();
    else await target.focus();
}

/** Opens a cell's editor with Enter (or F2) and waits for it. */
async function openEditor(page: Page, target: Locator, key = 'Enter'): Promise<Locator> {
    await focusCell(target);
    await page.keyboard.press(key);
    await editor(page).waitFor({ state: 'visible' });
    return editor(page);
}

/** Types into the editor's field (replacing its text) and commits with Enter (or Tab). */
async function typeAndCommit(page: Page, text: string, commitKey = 'Enter'): Promise<void> {
    const field = editor(page).locator('input, textarea').first();
    await field.fill(text);
    await page.keyboard.press(commitKey);
    await editor(page).waitFor({ state: 'detached' });
}

async function editCell(page: Page, key: string, label: string, text: string): Promise<Locator> {
    const target = cell(row(page, key), label);
    await openEditor(page, target);
    await typeAndCommit(page, text);
    return target;
}

async function save(page: Page): Promise<void> {
    await footer(page).locator('lightning-button.draft-save button').click();
    // saving: the table is aria-busy and the button says "Saving…"; done when neither holds
    await page.waitForFunction(
        () => {
            const host = document.querySelector('c-dynamic-component c-dynamic-data-table');
            const root = host?.shadowRoot ?? host;
            const busy = root?.querySelector('.table-area')?.getAttribute('aria-busy') === 'true';
            const label = (root?.querySelector('lightning-button.draft-save') as { label?: string } | null)?.label;
            return !busy && label !== 'Saving…';
        },
        undefined,
        { timeout: 15000 }
    );
}

/** The store's contacts by Id (the preview's server side). */
async function contacts(t: TestContext): Promise<Map<string, Rec>> {
    return new Map((await t.records('Contact')).map((r) => [String(r.Id), r]));
}

/** Saves a record behind the user's back, as another user would (the conflict case). */
async function saveElsewhere(t: TestContext, id: string, values: Rec): Promise<void> {
    const record = (await contacts(t)).get(id) as Rec;
    const requestJson = JSON.stringify({ drafts: [{ id, values, lastModifiedDate: record.LastModifiedDate }] });
    const res = await fetch(`${t.server.url}api/apex/DynamicComponentController.saveRecords`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ definitionName: EDIT, tableName: TABLE, requestJson })
    });
    const body = (await res.json()) as { result?: { savedCount?: number } };
    assert.equal(body.result?.savedCount, 1, `the other user's save went through: ${JSON.stringify(body)}`);
}

for (const size of WIDTHS) {
    e2eTest(
        `edit (${size.name}): Enter opens a text editor, Enter commits a highlighted draft, footer "1 change"; Escape and F2`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const key = (await rowKeys(page))[0];
            const title = await editCell(page, key, 'Title', 'Head of Testing');
            assert.match(await title.innerText(), /Head of Testing/);
            assert.ok((await title.getAttribute('class'))?.includes('slds-is-edited'), 'the draft cell is highlighted');
            assert.match(await title.innerText(), /Edited/, 'assistive text "Edited"');
            assert.equal(await changesText(page), '1 change');
            assert.equal((await focusedElement(page)).tag, 'TD', 'focus back on the cell');
            // F2 opens, Escape cancels: nothing changes, focus back on the cell
            const phone = cell(row(page, key), 'Business Phone');
            const before = await phone.innerText();
            await openEditor(page, phone, 'F2');
            await editor(page).locator('input').fill('999');
            await page.keyboard.press('Escape');
            await editor(page).waitFor({ state: 'detached' });
            assert.equal(await phone.innerText(), before);
            assert.equal(await changesText(page), '1 change');
            assert.equal((await focusedElement(page)).tag, 'A', 'focus back on the phone link');
            // Tab commits and moves to the next cell; Shift+Tab to the previous one
            await openEditor(page, phone);
            await typeAndCommit(page, '(555) 010-0000', 'Tab');
            assert.equal(await changesText(page), '2 changes');
            const next = await focusedElement(page);
            assert.match(next.text, /linkedin|https/i, `Tab moved to the LinkedIn cell (${next.text})`);
            // Cancel drops every draft
            await footer(page).locator('lightning-button.draft-cancel button').click();
            await footer(page).waitFor({ state: 'detached' });
            assert.equal(await title.locator('.slds-assistive-text', { hasText: 'Edited' }).count(), 0);
        }
    );

    e2eTest(
        `edit (${size.name}): an editor for each type; invalid input keeps the editor open with its message`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const key = (await rowKeys(page))[1];
            const line = row(page, key);
            // number typed wrong: the message shows in the editor, which stays open
            await openEditor(page, cell(line, 'Score'));
            await editor(page).locator('input').fill('12abc');
            await page.keyboard.press('Enter');
            await page.waitForTimeout(100);
            assert.ok(await editor(page).isVisible(), 'the editor stays open');
            assert.match(await editor(page).innerText(), /number/i, 'the message says what is wrong');
            await typeAndCommit(page, '77');
            assert.match(await cell(line, 'Score').innerText(), /77/);
            await editCell(page, key, 'Credit Limit', '2500');
            assert.match(await cell(line, 'Credit Limit').innerText(), /\$2,500\.00/);
            await editCell(page, key, 'Discount', '12.5');
            assert.match(await cell(line, 'Discount').innerText(), /12\.5%/);
            // email and URL refuse what they are not
            await openEditor(page, cell(line, 'Email'));
            await editor(page).locator('input').fill('not-an-email');
            await page.keyboard.press('Enter');
            await page.waitForTimeout(100);
            assert.match(await editor(page).innerText(), /not an email address/);
            await typeAndCommit(page, 'new.address@example.com');
            assert.match(await cell(line, 'Email').innerText(), /new\.address@example\.com/);
            await editCell(page, key, 'LinkedIn Profile', 'https://www.linkedin.com/in/tester');
            // checkbox: Space toggles, Enter commits
            const doNotCall = cell(line, 'Do Not Call');
            const wasChecked = (await doNotCall.locator('lightning-icon[icon-name="utility:check"]').count()) > 0;
            await openEditor(page, doNotCall);
            await page.keyboard.press('Space');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.equal(
                (await doNotCall.locator('lightning-icon[icon-name="utility:check"]').count()) > 0,
                !wasChecked,
                'the checkbox flipped'
            );
            // text area: Shift+Enter is a new line
            await openEditor(page, cell(line, 'Contact Description'));
            await editor(page).locator('textarea').fill('Line one');
            await page.keyboard.press('Shift+Enter');
            await page.keyboard.type('Line two');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.match(await cell(line, 'Contact Description').innerText(), /Line one/);
            // picklist (a select) and multi-select picklist (a listbox: arrows and Space)
            const channel = /Phone/.test(await cell(line, 'Preferred Channel').innerText()) ? 'Email' : 'Phone';
            await openEditor(page, cell(line, 'Preferred Channel'));
            await editor(page).locator('select').selectOption(channel);
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.match(await cell(line, 'Preferred Channel').innerText(), new RegExp(channel));
            await openEditor(page, cell(line, 'Interests'));
            await page.keyboard.press('ArrowDown');
            await page.keyboard.press('Space');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.ok((await cell(line, 'Interests').getAttribute('class'))?.includes('slds-is-edited'));
            // date: lightning-input's date field
            // (the preview's lightning-input cannot parse a typed date: the day is picked in its calendar)
            await openEditor(page, cell(line, 'Birthdate'));
            await editor(page).locator('button[title^="Select a date"]').click({ force: true });
            await editor(page)
                .locator('td:not(.slds-day_adjacent-month) span.slds-day', { hasText: /^15$/ })
                .first()
                .click();
            await editor(page).locator('input').first().focus();
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.match(await cell(line, 'Birthdate').innerText(), /15/);
            assert.ok(Number((await changesText(page)).split(' ')[0]) >= 10, await changesText(page));
        }
    );

    e2eTest(`edit (${size.name}): drafts survive a sort and a search`, async (t) => {
        const { page } = t;
        await openTable(t, size.width, size.height);
        const key = (await rowKeys(page))[0];
        await editCell(page, key, 'Title', 'Survivor');
        await sortButton(page, 'LastName').click();
        await waitForTable(page);
        await sortButton(page, 'LastName').click();
        await waitForTable(page);
        const search = table(page).locator('.search input');
        const name = (await contacts(t)).get(key)?.LastName as string;
        await search.fill(name);
        await page.waitForTimeout(600);
        await waitForTable(page);
        await row(page, key).waitFor();
        assert.match(await cell(row(page, key), 'Title').innerText(), /Survivor/);
        assert.equal(await changesText(page), '1 change');
        await search.fill('');
        await page.waitForTimeout(600);
        await waitForTable(page);
        assert.equal(await changesText(page), '1 change');
    });

    e2eTest(
        `edit (${size.name}): Save writes the drafts, the cells show the server's values, LDS is told which records changed`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const [a, b] = await rowKeys(page);
            await editCell(page, a, 'Title', 'Saved Title');
            await editCell(page, b, 'Score', '42');
            assert.equal(await changesText(page), '2 changes');
            await save(page);
            await footer(page).waitFor({ state: 'detached' });
            const store = await contacts(t);
            assert.equal(store.get(a)?.Title, 'Saved Title');
            assert.equal(store.get(b)?.Score__c, 42);
            assert.match(await cell(row(page, a), 'Title').innerText(), /Saved Title/);
            assert.equal(
                await cell(row(page, a), 'Title').locator('.slds-assistive-text', { hasText: 'Edited' }).count(),
                0
            );
            const notified = await page.evaluate(
                () =>
                    (window as unknown as { __SFDC_NOTIFIED_RECORD_IDS__?: string[] }).__SFDC_NOTIFIED_RECORD_IDS__ ??
                    []
            );
            assert.deepEqual([...notified].sort(), [a, b].sort());
        }
    );

    e2eTest(
        `edit (${size.name}): a failed row keeps its draft with the platform's message on the row and the cell; the other row saves`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const [a, b] = await rowKeys(page);
            // a required field cleared
            await editCell(page, a, 'Last Name', '');
            await editCell(page, b, 'Title', 'Fine');
            await save(page);
            const message = await footer(page).locator('.row-errors').innerText();
            assert.match(message, /required|Last Name/i, message);
            const lastName = cell(row(page, a), 'Last Name');
            assert.ok((await lastName.getAttribute('class'))?.includes('slds-has-error'), 'the cell is marked');
            assert.match(await lastName.locator('.cell-error .slds-assistive-text').innerText(), /Error:/);
            assert.match(await row(page, a).locator('.row-error .slds-assistive-text').innerText(), /Error:/);
            assert.equal(await changesText(page), '1 change', 'the failed draft is kept');
            assert.equal((await contacts(t)).get(b)?.Title, 'Fine');
            // a validation rule: an Active contact without email
            await editCell(page, a, 'Last Name', 'Back');
            await editCell(page, a, 'Email', '');
            await openEditor(page, cell(row(page, a), 'Status'));
            await editor(page).locator('select').selectOption('Active');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            await save(page);
            const rule = await footer(page).locator('.row-errors').innerText();
            assert.match(rule, /active contact needs an email address/, rule);
            assert.ok((await cell(row(page, a), 'Email').getAttribute('class'))?.includes('slds-has-error'));
        }
    );

    e2eTest(
        `edit (${size.name}): a record changed by someone else since it was loaded: the conflict is shown, the draft kept`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const key = (await rowKeys(page))[0];
            await editCell(page, key, 'Title', 'Mine');
            await saveElsewhere(t, key, { Title: 'Theirs' });
            await save(page);
            const text = await footer(page).locator('.row-errors').innerText();
            assert.match(text, /Someone else changed this record after you loaded it/, text);
            assert.equal(await changesText(page), '1 change');
            assert.equal((await contacts(t)).get(key)?.Title, 'Theirs');
        }
    );

    e2eTest(
        `edit (${size.name}): picklists offer the row's record type's values; a dependent picklist follows its controlling draft`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            // one contact of each record type, shown with the search box (by its email)
            const types = new Map<string, Rec>();
            for (const r of (await contacts(t)).values()) {
                if (r.RecordTypeId && !types.has(String(r.RecordTypeId))) types.set(String(r.RecordTypeId), r);
            }
            assert.ok(types.size >= 2, `contacts of two record types exist: ${[...types.keys()].join(', ')}`);
            const search = table(page).locator('.search input');
            const offered: string[][] = [];
            for (const r of types.values()) {
                const id = String(r.Id);
                await search.fill(String(r.Email));
                await page.waitForTimeout(600);
                await waitForTable(page);
                await row(page, id).waitFor();
                await openEditor(page, cell(row(page, id), 'Preferred Channel'));
                offered.push(
                    await editor(page)
                        .locator('select option')
                        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
                );
                await page.keyboard.press('Escape');
                await editor(page).waitFor({ state: 'detached' });
            }
            assert.ok(
                offered.some((o) => o.includes('Partner_Portal')) && offered.some((o) => !o.includes('Partner_Portal')),
                `Partner Portal only for the partner record type: ${JSON.stringify(offered)}`
            );
            // dependent: Status Reason offers the reasons of the row's Status draft and is cleared when it goes invalid
            const key = String([...types.values()][1].Id);
            await openEditor(page, cell(row(page, key), 'Status'));
            await editor(page).locator('select').selectOption('Inactive');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            await openEditor(page, cell(row(page, key), 'Status Reason'));
            const reasons = await editor(page)
                .locator('select option')
                .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
            const inactiveReasons = ['Churned', 'Contract_Ended', 'Moved'];
            assert.ok(reasons.includes('Moved'), `Moved is offered: ${reasons.join(', ')}`);
            assert.ok(
                reasons.filter(Boolean).every((r) => inactiveReasons.includes(r)),
                `only reasons valid for Inactive: ${reasons.join(', ')}`
            );
            await editor(page).locator('select').selectOption('Moved');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            await openEditor(page, cell(row(page, key), 'Status'));
            await editor(page).locator('select').selectOption('Active');
            await page.keyboard.press('Enter');
            await editor(page).waitFor({ state: 'detached' });
            assert.doesNotMatch(
                await cell(row(page, key), 'Status Reason').innerText(),
                /Moved/,
                'the invalid reason is reset'
            );
        }
    );

    e2eTest(`edit (${size.name}): a lookup searches as you type and shows names`, async (t) => {
        const { page } = t;
        await openTable(t, size.width, size.height);
        const key = (await rowKeys(page))[0];
        const account = cell(row(page, key), 'Account');
        await openEditor(page, account);
        await editor(page).locator('input').fill('Glob');
        const option = editor(page).locator('[role="option"]', { hasText: 'Globex' });
        await option.waitFor();
        assert.equal(await editor(page).locator('input').getAttribute('aria-expanded'), 'true');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        assert.equal(await editor(page).locator('input').inputValue(), 'Globex');
        await page.keyboard.press('Enter');
        await editor(page).waitFor({ state: 'detached' });
        assert.match(await account.innerText(), /Globex/);
        assert.doesNotMatch(await account.innerText(), /001[A-Za-z0-9]{12}/, 'no raw Id');
        await save(page);
        const saved = (await contacts(t)).get(key);
        const accounts = await t.records('Account');
        assert.equal(accounts.find((a) => a.Id === saved?.AccountId)?.Name, 'Globex');
    });

    e2eTest(`edit (${size.name}): mass edit applies a value to every selected row, and saves with them`, async (t) => {
        const { page } = t;
        await openTable(t, size.width, size.height);
        const keys = (await rowKeys(page)).slice(0, 3);
        for (const k of keys) await selectRow(row(page, k));
        await openEditor(page, cell(row(page, keys[1]), 'Title'));
        const apply = editor(page).locator('.apply-selected');
        assert.match(await apply.innerText(), /Apply to 3 selected rows/);
        assert.ok(await apply.locator('input').isChecked(), 'on by default');
        await typeAndCommit(page, 'Mass Title');
        assert.equal(await changesText(page), '3 changes');
        for (const k of keys) assert.match(await cell(row(page, k), 'Title').innerText(), /Mass Title/);
        await save(page);
        const store = await contacts(t);
        for (const k of keys) assert.equal(store.get(k)?.Title, 'Mass Title');
    });

    e2eTest(
        `edit (${size.name}): export downloads a CSV with a BOM, the column labels and neutralised formulas`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const key = (await rowKeys(page))[0];
            await saveElsewhere(t, key, { Title: '=HYPERLINK("http://evil")' });
            const [download] = await Promise.all([page.waitForEvent('download'), headerButton(page, 'Export').click()]);
            assert.match(download.suggestedFilename(), /^Contact_Inline_Edit_\d{4}-\d{2}-\d{2}\.csv$/);
            const file = await download.path();
            const text = fs.readFileSync(file as string, 'utf8');
            assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 BOM');
            const header = text.slice(1).split('\r\n')[0];
            assert.match(header, /^Full Name,Last Name,Title,Email/);
            assert.ok(
                text.includes(`"'=HYPERLINK(""http://evil"")"`) || text.includes("'=HYPERLINK"),
                'the = cell is neutralised'
            );
            const lines = text.split('\r\n').filter(Boolean);
            const total = (await t.records('Contact')).length;
            assert.equal(lines.length - 1, total, 'every row, not only the loaded ones');
        }
    );

    e2eTest(
        `edit (${size.name}): an editor on the last row in view opens upward, within the table's scroll area`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const scroller = table(page).locator('c-data-grid .grid-scroller');
            let area = (await scroller.boundingBox())!;
            // the last row whose bottom is inside the scroll area (no scrolling: the row stays where it is)
            let last: Locator | null = null;
            for (const line of await rows(page).all()) {
                const box = await line.boundingBox();
                if (box && box.y + box.height <= area.y + area.height && box.y >= area.y) last = line;
            }
            assert.ok(last, 'a row fully in view');
            // a multi-select picklist editor is taller than a row: below the row it would be cut off
            await openEditor(page, cell(last, 'Interests'));
            // measured again: opening scrolls the cell into view (at 375 px the page scrolls too)
            const box = (await editor(page).boundingBox())!;
            area = (await scroller.boundingBox())!;
            assert.match((await editor(page).getAttribute('class')) ?? '', /is-above/, 'flipped');
            assert.ok(
                box.y + box.height <= area.y + area.height + 1,
                `editor bottom ${box.y + box.height} in the area`
            );
            assert.ok(box.y >= area.y - 1, `editor top ${box.y} in the area (top ${area.y})`);
            await page.keyboard.press('Escape');
            // near the top it opens downward as before
            await openEditor(page, cell(rows(page).first(), 'Interests'));
            assert.doesNotMatch((await editor(page).getAttribute('class')) ?? '', /is-above/);
        }
    );

    e2eTest(`edit (${size.name}): axe finds no violations with an editor open`, async (t) => {
        const { page } = t;
        await openTable(t, size.width, size.height);
        const key = (await rowKeys(page))[0];
        await editCell(page, key, 'Title', 'Drafted');
        await openEditor(page, cell(row(page, key), 'Account'));
        await editor(page).locator('input').fill('A');
        await editor(page).locator('[role="option"]').first().waitFor();
        const violations = await axeViolations(page, 'c-dynamic-component');
        assert.deepEqual(violations, []);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        await openEditor(page, cell(row(page, key), 'Interests'));
        assert.deepEqual(await axeViolations(page, 'c-dynamic-component'), []);
        assert.ok((await rows(page).count()) > 0);
    });
}
