/*
 * End-to-end tests of the load-time flow contract (docs/BUILDER.md, "Load-time contract problems in the
 * component"): one fixture definition per flow wiring mistake (e2e/fixtures/definitions/E2E_Wiring_*.json). For each,
 * the setup panel lists the problem as soon as the component loads, before anything is clicked; an end user
 * (`?as=user`) sees the table with Set as Active disabled and the short reason, no developer language, and clicking
 * it starts no flow and changes nothing in the store.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations } from './lib/axe';
import { e2eTest, type TestContext } from './lib/harness';
import { headerButton, row, rowActionsButton, rowKeys, rowCountText, selectRow, table, waitForTable } from './lib/page';

const NOT_SET_UP = "This action isn't set up correctly. Ask your admin.";
const ACTION = 'Set as Active';

interface WiringCase {
    definition: string;
    /** The mistake, as the test names it. */
    mistake: string;
    /** Where the setup panel says the problem is. */
    path: string;
    /** Part of the problem's message (the wording of c/dcDefinition messages.ts). */
    message: string;
    /** Developer words of the problem that an end user must never see. */
    developerWords: string[];
}

const CASES: WiringCase[] = [
    {
        definition: 'E2E_Wiring_Input_Case',
        mistake: 'a flow input name in the wrong case',
        path: 'interactions[0].do[0].inputs[0].name',
        message: "has no input variable 'contactIds'; did you mean 'ContactIds'?",
        developerWords: ['contactIds', 'Set_Contact_Status_Active']
    },
    {
        definition: 'E2E_Wiring_Collection_To_Single',
        mistake: 'a collection source ({!t.SelectedRowsKeyValue}) mapped to a non-collection flow variable',
        path: 'interactions[0].do[0].inputs[0].value',
        message:
            "input 'accountId' is a Text collection, but flow variable 'accountId' of 'Calculate_Contact_Summary' takes a single Text value",
        developerWords: ['accountId', 'SelectedRowsKeyValue', 'Calculate_Contact_Summary']
    },
    {
        definition: 'E2E_Wiring_Single_To_Collection',
        mistake: 'a single value mapped to a collection flow variable',
        path: 'interactions[0].do[0].inputs[0].value',
        message:
            "input 'ContactIds' is a single Text value, but flow variable 'ContactIds' of 'Set_Contact_Status_Active' takes a Text collection",
        developerWords: ['ContactIds', 'FirstSelectedRow', 'Set_Contact_Status_Active']
    },
    {
        definition: 'E2E_Wiring_Screen_Flow',
        mistake: 'a screen flow used in Execute Flow',
        path: 'interactions[0].do[0].flowApiName',
        message: "Flow 'Edit_Contact_Status' is a screen flow",
        developerWords: ['Edit_Contact_Status', 'executeFlow', 'screen flow']
    },
    {
        definition: 'E2E_Wiring_Output_Type',
        mistake: 'a flow output of the wrong type for its target resource',
        path: 'interactions[0].do[0].outputs[0].resource',
        message:
            "Output 'updatedCount' of flow 'Set_Contact_Status_Active' is a single Number value, but resource 'updatedLabel' is a single Text value",
        developerWords: ['updatedCount', 'updatedLabel', 'Set_Contact_Status_Active']
    },
    {
        definition: 'E2E_Wiring_Flow_Name',
        mistake: 'a misspelt flow name',
        path: 'interactions[0].do[0].flowApiName',
        message: "Flow 'Set_Contact_Status_Activ' does not exist. Did you mean 'Set_Contact_Status_Active'?",
        developerWords: ['Set_Contact_Status_Activ', 'flowApiName']
    },
    {
        definition: 'E2E_Wiring_Inactive_Flow',
        mistake: 'a flow that is not active',
        path: 'interactions[0].do[0].flowApiName',
        message: "Flow 'E2E_Inactive_Set_Status' has no active version",
        developerWords: ['E2E_Inactive_Set_Status', 'active version']
    }
];

interface SfdcCall {
    kind: string;
    payload: { method?: string } | null;
}

/** Apex calls to executeFlow the page made so far (window.__SFDC_CALLS__ of the preview's stand-ins). */
async function executeFlowCalls(page: Page): Promise<number> {
    return page.evaluate(
        () =>
            ((window as unknown as { __SFDC_CALLS__?: SfdcCall[] }).__SFDC_CALLS__ ?? []).filter(
                (call) => call.kind === 'apex' && call.payload?.method === 'DynamicComponentController.executeFlow'
            ).length
    );
}

/** The accessible description Chromium computes for the Set as Active button (what a screen reader reads). */
async function accessibleDescription(page: Page, name: string): Promise<string> {
    const client = await page.context().newCDPSession(page);
    try {
        await client.send('Accessibility.enable');
        const { result } = (await client.send('Runtime.evaluate', { expression: 'document' })) as {
            result: { objectId: string };
        };
        const { nodes } = (await client.send('Accessibility.queryAXTree', {
            objectId: result.objectId,
            accessibleName: name,
            role: 'button'
        })) as { nodes: { description?: { value?: string } }[] };
        return nodes.map((node) => node.description?.value ?? '').join(' | ');
    } finally {
        await client.detach();
    }
}

async function adminSeesTheProblemAtLoad(t: TestContext, c: WiringCase): Promise<void> {
    const { page } = t;
    await t.open(c.definition);
    const panel = page.locator('c-dynamic-component c-setup-errors');
    await panel.waitFor({ timeout: 60000 });
    const problem = panel.locator('li.problem').filter({ hasText: c.message });
    await problem.waitFor({ timeout: 30000 });
    assert.equal((await problem.locator('.path').innerText()).trim(), c.path, 'the problem names where it is');
    assert.match(await panel.innerText(), /turned off/, 'the panel says the action is off for users');
    // the rest of the component works: the table renders under the panel
    await waitForTable(page);
    assert.ok(await headerButton(page, ACTION).isDisabled(), 'the broken action is disabled for the admin too');
    assert.equal(await executeFlowCalls(page), 0, 'nothing was run to find the problem');
}

async function endUserCannotStartIt(t: TestContext, c: WiringCase): Promise<void> {
    const { page } = t;
    const before = await t.records('Contact');
    await t.open(c.definition, undefined, { as: 'user' });
    await waitForTable(page);
    assert.equal(await page.locator('c-dynamic-component c-setup-errors').count(), 0, 'no setup panel for users');

    const button = headerButton(page, ACTION);
    assert.ok(await button.isDisabled(), `${ACTION} is disabled`);
    assert.equal(await button.getAttribute('title'), NOT_SET_UP);
    const note = table(page).locator('.unavailable-note');
    await note.waitFor();
    assert.equal((await note.innerText()).replace(/\s+/g, ' ').trim(), `${ACTION}: ${NOT_SET_UP}`);
    assert.equal(await accessibleDescription(page, ACTION), NOT_SET_UP, 'a screen reader reads the reason');

    // a selection (the action needs one) does not enable it
    const [first] = await rowKeys(page);
    await selectRow(row(page, first));
    await rowCountText(page).filter({ hasText: '1 selected' }).waitFor();
    assert.ok(await button.isDisabled(), `${ACTION} stays disabled with a row selected`);

    // clicking it starts nothing; nor does the table's event if something sent it anyway
    await button.click({ force: true });
    await table(page).evaluate((el) =>
        el.dispatchEvent(new CustomEvent('headeraction', { detail: { action: 'setActive' } }))
    );
    await page.waitForTimeout(500);
    assert.equal(await executeFlowCalls(page), 0, 'no flow was started');
    assert.equal(await page.locator('lightning-toast').count(), 0, 'no error toast');
    assert.deepEqual(await t.records('Contact'), before, 'the store is unchanged');

    // no developer language anywhere in the component
    const text = await page.locator('c-dynamic-component').innerText();
    for (const word of [...c.developerWords, 'interactions[', c.message]) {
        assert.ok(!text.includes(word), `an end user does not see "${word}"`);
    }
}

for (const c of CASES) {
    e2eTest(`load-time setup: ${c.mistake} is listed in the setup panel before any click (admin)`, async (t) => {
        await adminSeesTheProblemAtLoad(t, c);
    });
    e2eTest(`load-time setup: ${c.mistake} leaves the action disabled for an end user; no flow starts`, async (t) => {
        await endUserCannotStartIt(t, c);
    });
}

e2eTest('load-time setup: only the broken action is off — the row action works, and both views pass axe', async (t) => {
    const { page } = t;
    await t.open('E2E_Wiring_Input_Case');
    await waitForTable(page);
    await page.locator('c-dynamic-component c-setup-errors li.problem').first().waitFor();
    assert.deepEqual(await axeViolations(page, 'c-dynamic-component'), [], 'admin view: no WCAG A/AA violations');

    await t.open('E2E_Wiring_Input_Case', undefined, { as: 'user' });
    await waitForTable(page);
    assert.deepEqual(await axeViolations(page, 'c-dynamic-component'), [], 'end-user view: no WCAG A/AA violations');
    const [key] = await rowKeys(page);
    await rowActionsButton(row(page, key)).click();
    const open = row(page, key).locator('lightning-menu-item', { hasText: 'Open' });
    await open.waitFor();
    assert.equal(await open.locator('a').getAttribute('aria-disabled'), 'false', 'the row action is available');
    await open.click();
    await page.waitForFunction(
        (id) =>
            (
                (window as unknown as { __SFDC_CALLS__?: { kind: string; payload: unknown }[] }).__SFDC_CALLS__ ?? []
            ).some((call) => call.kind === 'navigate' && JSON.stringify(call.payload).includes(id)),
        key,
        { timeout: 10000 }
    );
});
