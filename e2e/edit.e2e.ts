/* Inline edit, save, mass edit and export in the Data Table (issue #13, points 1-4), at desktop width and 375 px. */
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { e2eTest, type TestContext } from './lib/harness';
import { cell, row, rowKeys, table, waitForTable } from './lib/page';
import { focusedElement } from './lib/tableKit';

const EDIT = 'Contact_Inline_Edit';
const WIDTHS: { name: string; width: number; height: number }[] = [
    { name: 'desktop', width: 1280, height: 900 },
    { name: '375 px', width: 375, height: 740 }
];

/** The open cell editor's popover (there is at most one). */
function editor(page: Page): Locator {
    return table(page).locator('c-cell-editor section.cell-editor');
}

function footer(page: Page): Locator {
    return table(page).locator('.draft-footer');
}

async function openTable(t: TestContext, width: number, height: number): Promise<void> {
    await t.page.setViewportSize({ width, height });
    await t.open(EDIT);
    await waitForTable(t.page);
}

/** Focuses a cell (its link when it has one) without opening anything. */
async function focusCell(target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    const link = target.locator('a.cell-link');
    if (await link.count()) await link.focus();
    else await target.focus();
}

/** Opens a cell's editor with Enter and waits for it. */
async function openEditor(page: Page, target: Locator, key = 'Enter'): Promise<Locator> {
    await focusCell(target);
    await page.keyboard.press(key);
    await editor(page).waitFor({ state: 'visible' });
    return editor(page);
}

/** Types into the editor's field (replacing its text) and commits with Enter. */
async function typeAndCommit(page: Page, text: string, commitKey = 'Enter'): Promise<void> {
    const field = editor(page).locator('input, textarea').first();
    await field.fill(text);
    await page.keyboard.press(commitKey);
}

async function firstKey(page: Page): Promise<string> {
    return (await rowKeys(page))[0];
}

for (const size of WIDTHS) {
    e2eTest(
        `edit (${size.name}): Enter opens a text editor, Enter commits a highlighted draft, footer "1 change"; Escape cancels`,
        async (t) => {
            const { page } = t;
            await openTable(t, size.width, size.height);
            const key = await firstKey(page);
            const title = cell(row(page, key), 'Title');
            await openEditor(page, title);
            await typeAndCommit(page, 'Head of Testing');
            await editor(page).waitFor({ state: 'detached' });
            assert.match(await title.innerText(), /Head of Testing/);
            assert.ok((await title.getAttribute('class'))?.includes('slds-is-edited'), 'the draft cell is highlighted');
            assert.match(await title.innerText(), /Edited/, 'assistive text "Edited"');
            assert.equal((await footer(page).locator('.draft-count').innerText()).trim(), '1 change');
            // focus is back on the cell
            const focused = await focusedElement(page);
            assert.equal(focused.tag, 'TD');
            // Escape: nothing changes, focus back on the cell
            const phone = cell(row(page, key), 'Business Phone');
            const before = await phone.innerText();
            await openEditor(page, phone, 'F2');
            await editor(page).locator('input').fill('999');
            await page.keyboard.press('Escape');
            await editor(page).waitFor({ state: 'detached' });
            assert.equal(await phone.innerText(), before);
            assert.equal((await footer(page).locator('.draft-count').innerText()).trim(), '1 change');
            assert.equal((await focusedElement(page)).tag, 'A', 'focus back on the phone cell link');
        }
    );
}
