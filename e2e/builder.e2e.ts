/*
 * End-to-end tests of the Definition Builder in the local preview: the canonical scenario built entirely through the
 * builder's UI from a blank definition, saved and then used on the Components page; a conflicting save; a deploy
 * failure; an end user without the builder permission.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { e2eTest, ROOT, type TestContext } from './lib/harness';
import {
    builder,
    builderButton,
    builderDialog,
    builderEditor,
    builderSaveStatus,
    cell,
    chooseMenuItem,
    chooseOption,
    failNextSave,
    fillField,
    headerButton,
    navLink,
    openBuilder,
    pickSearchOption,
    row,
    rowCountText,
    rowKeys,
    selectRow,
    setCheckbox,
    toast,
    viewAs,
    waitForTable
} from './lib/page';

type Json = Record<string, unknown>;

const BOARD = 'Contact_Status_Board';

function savedDefinition(t: TestContext, apiName: string): Json {
    return JSON.parse(fs.readFileSync(path.join(t.server.builder.definitionsDir, `${apiName}.json`), 'utf8')) as Json;
}

/** Selects a node of the outline by its label (and optional detail line). */
async function selectOutline(page: Page, label: string | RegExp): Promise<void> {
    await builder(page).locator('li[role="treeitem"] .outline-label', { hasText: label }).first().click();
}

/** Waits until the builder's problem list says the draft has no errors. */
async function waitForNoErrors(page: Page): Promise<void> {
    await builder(page)
        .locator('#problems-heading, .problems-pane h2')
        .filter({ hasNotText: /error/i })
        .first()
        .waitFor({ timeout: 20000 });
}

async function save(page: Page): Promise<void> {
    const button = builder(page).locator('lightning-button.save-button button');
    await button.waitFor();
    assert.equal(await button.isDisabled(), false, 'Save is enabled');
    await button.click();
}

function list<T = Json>(v: unknown): T[] {
    return Array.isArray(v) ? (v as T[]) : [];
}

e2eTest(
    'builder: the canonical scenario built from a blank definition through the UI, saved, then used on the Components page',
    async (t) => {
        const { page } = t;
        await page.goto(t.server.url);
        await navLink(page, 'Builder').click();
        await builder(page).waitFor({ state: 'attached', timeout: 60000 });

        // New from template → Blank
        await chooseMenuItem(builder(page), 'New from template', 'Blank');
        const dialog = builderDialog(page);
        await dialog.waitFor();
        await fillField(dialog, 'Label', 'Builder Board');
        await fillField(dialog, 'API name', 'Builder_Board');
        await builderButton(dialog, 'Create').click();
        await dialog.waitFor({ state: 'detached' });
        const editor = builderEditor(page);

        // the query: Contact with Name (added with the query), Email and Status__c
        await builderButton(builder(page), 'Add query').click();
        await pickSearchOption(editor, 'Object', 'Contact', /^Contact$/);
        await pickSearchOption(editor, 'Add field', 'Email', /^Email$/);
        await pickSearchOption(editor, 'Add field', 'Status__c', /^Status$/);
        await editor.locator('.field-list .field-item').filter({ hasText: 'Status__c' }).waitFor();

        // the data table over it: columns Name, Status, Email; several rows selectable; the Set as Active button
        await builderButton(builder(page), 'Add data table').click();
        await editor.locator('.column-list .column').nth(2).waitFor();
        await builderButton(editor, 'Move column Status__c up').click();
        await fillField(editor, 'Max row selection', '500');
        await builderButton(editor, 'Add header action').click();
        await fillField(editor, 'Label of header action New action', 'Set as Active');
        await fillField(editor, 'API name of header action Set as Active', 'setActive');
        await setCheckbox(editor, 'Set as Active requires selected rows', true);
        await chooseOption(editor, 'Style of header action Set as Active', 'Brand');

        // the interaction: Header Action Click on Set as Active → Execute Flow
        await builderButton(builder(page), 'Add interaction').click();
        await chooseOption(editor, 'Event', 'Header Action Click');
        await chooseOption(editor, 'Table', 'contactsTable');
        await chooseOption(editor, 'Header action', 'Set as Active');
        await chooseMenuItem(editor, 'Add item', 'Execute Flow');
        await builderButton(editor, 'Edit action 1: Execute Flow').click();

        // the flow, its required input mapped to the selected rows' keys, then On Finish
        await pickSearchOption(editor, 'Flow', 'Set_Contact_Status_Active', /Set Contact Status Active/);
        const input = editor.locator('li.input[data-name="ContactIds"]');
        await input.waitFor();
        await input.locator('lightning-radio-group label', { hasText: 'Mapped' }).click();
        await pickSearchOption(input, 'Value of ContactIds', 'SelectedRowsKeyValue', /SelectedRowsKeyValue/);
        assert.equal(
            await input.locator('lightning-input[data-role="collection"] input').isChecked(),
            true,
            'Allow multiple values (collection) follows the flow variable'
        );
        const onFinish = editor.locator('fieldset.chain[data-chain="onFinish"]');
        await chooseMenuItem(onFinish, 'Add item', 'Refresh All Queries');
        await chooseMenuItem(onFinish, 'Add item', 'Show Toast');
        await builderButton(onFinish, 'Edit On Finish item 2').click();
        await fillField(editor, 'Title', 'Contacts set to Active');
        await chooseOption(editor, 'Variant', /Success/);

        // save: progress, then saved
        await waitForNoErrors(page);
        await save(page);
        await builderSaveStatus(page)
            .filter({ hasText: /Saving Builder_Board/ })
            .waitFor();
        await builderSaveStatus(page).filter({ hasText: 'Saved Builder_Board.' }).waitFor({ timeout: 30000 });

        // the saved definition has the shipped board's parts
        const saved = savedDefinition(t, 'Builder_Board');
        const shipped = JSON.parse(fs.readFileSync(path.join(ROOT, 'definitions', `${BOARD}.json`), 'utf8')) as Json;
        const [query] = list(saved.queries);
        const [shippedQuery] = list(shipped.queries);
        assert.equal(query.object, shippedQuery.object);
        for (const f of ['Name', 'Email', 'Status__c']) assert.ok(list<string>(query.fields).includes(f), f);
        const [table] = list(saved.components);
        const [shippedTable] = list(shipped.components);
        assert.equal(table.query, query.name);
        assert.equal(table.keyField, shippedTable.keyField);
        assert.ok(Number(table.maxRowSelection) > 1, 'several rows can be selected');
        assert.deepEqual(
            list(table.columns).map((c) => c.field),
            ['Name', 'Status__c', 'Email']
        );
        const shippedColumns = list(shippedTable.columns).map((c) => c.field);
        for (const c of list(table.columns)) assert.ok(shippedColumns.includes(c.field), String(c.field));
        const [button] = list(table.headerActions);
        const [shippedButton] = list(shippedTable.headerActions);
        assert.deepEqual(
            { name: button.name, label: button.label, requiresSelection: button.requiresSelection },
            { name: shippedButton.name, label: shippedButton.label, requiresSelection: shippedButton.requiresSelection }
        );
        const [interaction] = list(saved.interactions);
        const [shippedInteraction] = list(shipped.interactions);
        assert.deepEqual(interaction.on, { ...(shippedInteraction.on as Json), target: table.name });
        const [flowAction] = list(interaction.do);
        const [shippedFlowAction] = list(shippedInteraction.do);
        assert.equal(flowAction.type, 'executeFlow');
        assert.equal(flowAction.flowApiName, shippedFlowAction.flowApiName);
        assert.deepEqual(
            list(flowAction.inputs).map((i) => ({ ...i, dataType: i.dataType ?? 'Text' })),
            list(shippedFlowAction.inputs).map((i) => ({
                ...i,
                value: String(i.value).replace('contactsTable', String(table.name)),
                dataType: i.dataType ?? 'Text'
            }))
        );
        const finish = list(flowAction.onFinish);
        assert.deepEqual(
            finish.map((a) => a.type),
            list(shippedFlowAction.onFinish).map((a) => a.type)
        );
        assert.equal(finish[0].queries, undefined, 'Refresh All Queries');
        assert.equal(finish[1].variant, 'success');

        // the Components page lists it and runs it: select three contacts, Set as Active, their Status changes
        await navLink(page, 'Components').click();
        await page.locator('#definition-picker option[value="Builder_Board"]').waitFor({ state: 'attached' });
        await t.open('Builder_Board');
        await waitForTable(page);
        const byId = new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
        const keys = (await rowKeys(page)).filter((k) => byId.get(k)?.Status__c !== 'Active').slice(0, 3);
        assert.equal(keys.length, 3, 'three contacts that are not Active yet');
        for (const k of keys) await selectRow(row(page, k));
        await rowCountText(page).filter({ hasText: '3 selected' }).waitFor();
        await headerButton(page, 'Set as Active').click();
        await toast(page, 'Contacts set to Active').waitFor({ timeout: 30000 });
        const after = new Map((await t.records('Contact')).map((c) => [String(c.Id), c]));
        for (const k of keys) assert.equal(after.get(k)?.Status__c, 'Active', `${k} is Active in the store`);
        for (const k of keys)
            await cell(row(page, k), 'Status').filter({ hasText: 'Active' }).waitFor({ timeout: 20000 });
    }
);

/** Opens the board in the builder and changes its label in the definition editor (a dirty draft). */
async function openBoardAndChangeLabel(t: TestContext, label: string): Promise<Locator> {
    const { page } = t;
    await openBuilder(page, t.server.url, BOARD);
    const editor = builderEditor(page);
    await builder(page).locator('.draft-title', { hasText: 'Contacts' }).waitFor({ timeout: 30000 });
    await selectOutline(page, 'Definition');
    await fillField(editor, 'Label', label);
    await builder(page).locator('.unsaved').waitFor();
    return editor;
}

e2eTest('builder: a save after someone else changed the file → conflict with Reload / Save as a copy', async (t) => {
    const { page } = t;
    await openBoardAndChangeLabel(t, 'Contacts (mine)');
    // someone else saves the definition behind the builder's back
    const file = path.join(t.server.builder.definitionsDir, `${BOARD}.json`);
    const theirs = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
    theirs.description = 'Changed by someone else.';
    const theirText = JSON.stringify(theirs, null, 4) + '\n';
    fs.writeFileSync(file, theirText);

    await save(page);
    await builderSaveStatus(page)
        .filter({ hasText: `Someone else saved ${BOARD}` })
        .waitFor({ timeout: 30000 });
    await builderSaveStatus(page).filter({ hasText: 'Your draft is not saved.' }).waitFor();
    const reload = builder(page).locator('lightning-button.reload-button button', { hasText: 'Reload' });
    const copy = builder(page).locator('lightning-button.copy-button button', { hasText: 'Save as a copy' });
    await reload.waitFor();
    await copy.waitFor();
    assert.equal(fs.readFileSync(file, 'utf8'), theirText, 'their change is kept');

    // Save as a copy keeps both
    await copy.click();
    const dialog = builderDialog(page);
    await dialog.waitFor();
    await fillField(dialog, 'API name', 'Contact_Status_Board_Mine');
    await builderButton(dialog, 'Save copy').click();
    await builderSaveStatus(page).filter({ hasText: 'Saved Contact_Status_Board_Mine.' }).waitFor({ timeout: 30000 });
    const mine = savedDefinition(t, 'Contact_Status_Board_Mine');
    assert.equal(mine.label, 'Contacts (mine) (copy)', 'my draft, under the label the copy dialog proposed');
    assert.notEqual(mine.description, theirs.description, 'not their change');
    assert.equal(fs.readFileSync(file, 'utf8'), theirText);
});

e2eTest('builder: Reload after a conflict shows the stored definition', async (t) => {
    const { page } = t;
    await openBoardAndChangeLabel(t, 'Contacts (mine)');
    const file = path.join(t.server.builder.definitionsDir, `${BOARD}.json`);
    const theirs = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
    theirs.label = 'Contacts (theirs)';
    fs.writeFileSync(file, JSON.stringify(theirs, null, 4) + '\n');
    await save(page);
    const reload = builder(page).locator('lightning-button.reload-button button', { hasText: 'Reload' });
    await reload.click();
    const dialog = builderDialog(page);
    await builderButton(dialog, 'Reload').click();
    await builder(page).locator('.draft-title', { hasText: 'Contacts (theirs)' }).waitFor({ timeout: 30000 });
});

e2eTest('builder: a failed deploy shows the platform message; the old definition still renders', async (t) => {
    const { page } = t;
    const file = path.join(t.server.builder.definitionsDir, `${BOARD}.json`);
    const before = fs.readFileSync(file, 'utf8');
    await openBoardAndChangeLabel(t, 'Contacts (never deployed)');
    const message = 'Dynamic_Component.Contact_Status_Board: Cannot deploy: the record is locked (UNABLE_TO_LOCK_ROW)';
    await failNextSave(t.server.url, message);
    await save(page);
    await builderSaveStatus(page)
        .filter({ hasText: `The save failed: ${message}` })
        .waitFor({ timeout: 30000 });
    await builderSaveStatus(page).filter({ hasText: 'The definition in use has not changed.' }).waitFor();
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'the stored definition is untouched');
    await builder(page).locator('.unsaved').waitFor();

    await t.open(BOARD);
    await waitForTable(page);
    await headerButton(page, 'Set as Active').waitFor();
});

e2eTest('builder: an end user (View as: End user) cannot save; the server says why', async (t) => {
    const { page } = t;
    await openBuilder(page, t.server.url);
    await viewAs(page, 'user');
    await builder(page).waitFor({ state: 'attached', timeout: 60000 });
    await page.locator('.builder-no-permission').waitFor();
    await save(page);
    await builderSaveStatus(page)
        .filter({ hasText: 'You need the Dynamic Components Builder permission set' })
        .waitFor({ timeout: 30000 });
    assert.equal(fs.existsSync(path.join(t.server.builder.definitionsDir, 'New_Dynamic_Component.json')), false);
});
