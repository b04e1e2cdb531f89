/* Locators and helpers for the preview page, the Dynamic Component and its Data Table grid. */
import type { Locator, Page } from 'playwright-core';

/** A rendered data row of the grid (the grid renders only the rows in view). */
export const ROW = 'tr.data-row';

export function table(page: Page): Locator {
    return page.locator('c-dynamic-component c-dynamic-data-table').first();
}

export function rows(page: Page): Locator {
    return table(page).locator(ROW);
}

export function row(page: Page, key: string): Locator {
    return table(page).locator(`tr[data-row-key-value="${key}"]`);
}

/** The selection checkbox (or radio button) of a row. */
export function rowCheckbox(rowLocator: Locator): Locator {
    return rowLocator.locator('input.row-select');
}

export async function selectRow(rowLocator: Locator): Promise<void> {
    await rowCheckbox(rowLocator).click();
}

/** The sort button in the header of the column showing `path`, and its header cell. */
export function sortButton(page: Page, path: string): Locator {
    return table(page).locator(`button.sort-button[data-path="${path}"]`);
}

export function columnHeader(page: Page, path: string): Locator {
    return table(page)
        .locator('thead th')
        .filter({ has: page.locator(`button.sort-button[data-path="${path}"]`) });
}

/** The row action menu button of a row. */
export function rowActionsButton(rowLocator: Locator): Locator {
    return rowLocator.locator('lightning-button-menu button');
}

/** The grid's scroll area. */
export function scroller(page: Page): Locator {
    return table(page).locator('.grid-scroller');
}

export function headerButton(page: Page, label: string): Locator {
    return table(page).locator('.header-actions lightning-button button', { hasText: label });
}

export function toast(page: Page, text?: string | RegExp): Locator {
    const t = page.locator('lightning-toast');
    return text ? t.filter({ hasText: text }) : t;
}

/** Waits until the table shows rows and no spinner. */
export async function waitForTable(page: Page): Promise<void> {
    await rows(page).first().waitFor({ state: 'visible', timeout: 60000 });
    await table(page)
        .locator('lightning-spinner')
        .waitFor({ state: 'detached', timeout: 30000 })
        .catch(() => undefined);
}

/** A data cell of a row, by the cell's data-label (the column label). */
export function cell(rowLocator: Locator, columnLabel: string): Locator {
    return rowLocator.locator(`td[data-label="${columnLabel}"]`);
}

export async function rowKeys(page: Page): Promise<string[]> {
    return rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key-value') ?? ''));
}

export function rowCountText(page: Page): Locator {
    return table(page).locator('.row-count');
}

// ------------------------------------------------------------------ preview pages, View as, the builder

export type ViewAs = 'admin' | 'user';

/** The address of a preview page (Components or Builder), as the page's own navigation builds it. */
export function previewUrl(
    baseUrl: string,
    page: 'components' | 'builder',
    options: { definition?: string; recordId?: string; as?: ViewAs } = {}
): string {
    const q = new URLSearchParams();
    if (page === 'builder') q.set('page', 'builder');
    if (options.definition) q.set('definition', options.definition);
    if (options.recordId) q.set('recordId', options.recordId);
    if (options.as === 'user') q.set('as', 'user');
    const search = q.toString();
    return search ? `${baseUrl}?${search}` : baseUrl;
}

/** The top navigation link of a preview page ("Components", "Builder"). */
export function navLink(page: Page, name: 'Components' | 'Builder'): Locator {
    return page.getByRole('navigation', { name: 'Preview pages' }).getByRole('link', { name, exact: true });
}

/** Switches View as (reloads the page as the admin or an end user). */
export async function viewAs(page: Page, who: ViewAs): Promise<void> {
    const label = who === 'user' ? 'End user' : 'Admin';
    await Promise.all([
        page.waitForURL(who === 'user' ? /[?&]as=user/ : (u) => !/[?&]as=user/.test(u.search)),
        page.locator('.preview-view-as label', { hasText: label }).click()
    ]);
}

/** The builder host on the Builder page. */
export function builder(page: Page): Locator {
    return page.locator('c-dynamic-component-builder');
}

/** Opens the Builder page (optionally on a definition) and waits for the builder host. */
export async function openBuilder(page: Page, baseUrl: string, definition?: string, as?: ViewAs): Promise<void> {
    await page.goto(previewUrl(baseUrl, 'builder', { definition, as }));
    await builder(page).waitFor({ state: 'attached', timeout: 60000 });
}

/** Makes the next builder save fail like a Metadata deploy error (POST /api/test/fail-next-save). */
export async function failNextSave(baseUrl: string, message: string): Promise<void> {
    const res = await fetch(`${baseUrl}api/test/fail-next-save`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message })
    });
    if (!res.ok) throw new Error(`fail-next-save: ${res.status} ${await res.text()}`);
}

// ------------------------------------------------------------------ builder forms (LBC inputs, c-builder-search-select)

function exactLabel(label: string): RegExp {
    // required fields prefix their label with "*"
    return new RegExp(`^\\s*\\*?\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** The native input (or textarea) of the lightning-input / lightning-textarea labelled `label` inside `scope`. */
export function inputField(scope: Locator, label: string): Locator {
    return scope
        .locator('lightning-input, lightning-textarea')
        .filter({ has: scope.page().locator('label', { hasText: exactLabel(label) }) })
        .locator('input, textarea')
        .first();
}

/** Replaces the text of a lightning-input / lightning-textarea and leaves the field (change committed). */
export async function fillField(scope: Locator, label: string, value: string): Promise<void> {
    const input = inputField(scope, label);
    await input.fill(value);
    // the focus is still in the field (whose label may have changed with its value)
    await scope.page().keyboard.press('Tab');
}

/** Ticks or unticks the checkbox lightning-input labelled `label`. */
export async function setCheckbox(scope: Locator, label: string, checked: boolean): Promise<void> {
    const box = inputField(scope, label);
    // the native checkbox is visually hidden behind SLDS's faux box: click the label, as a user does
    if ((await box.isChecked()) !== checked)
        await scope
            .locator('lightning-input')
            .filter({ has: scope.page().locator('label', { hasText: exactLabel(label) }) })
            .locator('label')
            .first()
            .click();
    if ((await box.isChecked()) !== checked) throw new Error(`The checkbox '${label}' did not change.`);
}

/** Picks `option` in the lightning-combobox labelled `label`. */
export async function chooseOption(scope: Locator, label: string, option: string | RegExp): Promise<void> {
    const combobox = scope
        .locator('lightning-combobox')
        .filter({ has: scope.page().locator(`button[aria-label="${label}"]`) })
        .first();
    await combobox.locator('button[role="combobox"], button').first().click();
    await combobox.locator('lightning-base-combobox-item', { hasText: option }).first().click();
}

/** The c-builder-search-select labelled `label`. */
export function searchSelect(scope: Locator, label: string): Locator {
    return scope
        .locator('c-builder-search-select')
        .filter({ has: scope.page().locator('label', { hasText: exactLabel(label) }) })
        .first();
}

/** Types `search` into the searchable select labelled `label` and picks the option whose label shows `option`. */
export async function pickSearchOption(
    scope: Locator,
    label: string,
    search: string,
    option: string | RegExp = search
): Promise<void> {
    const select = searchSelect(scope, label);
    const input = select.locator('input[role="combobox"]');
    await input.click();
    await input.fill(search);
    // match the option's label (its description line is separate)
    await select
        .locator('[role="option"]')
        .filter({ has: scope.page().locator('.slds-listbox__option-text', { hasText: option }) })
        .first()
        .click();
}

/** Opens the lightning-button-menu whose button is labelled `menu` and picks `item`. */
export async function chooseMenuItem(scope: Locator, menu: string, item: string): Promise<void> {
    const button = scope.locator('lightning-button-menu').filter({ hasText: menu }).first();
    await button.locator('button').first().click();
    await button.locator('lightning-menu-item', { hasText: item }).first().click();
}

/** A lightning-button (or lightning-button-icon by its alternative text) by its label. */
export function builderButton(scope: Locator, label: string): Locator {
    return scope
        .locator(`lightning-button button, lightning-button-icon button[title="${label}"]`)
        .filter({ hasText: exactLabel(label) })
        .or(scope.locator(`lightning-button-icon button[title="${label}"]`))
        .first();
}

/** The builder's property editor pane, its save status and its dialog. */
export function builderEditor(page: Page): Locator {
    return builder(page).locator('section.editor-pane');
}

export function builderSaveStatus(page: Page): Locator {
    return builder(page).locator('.save-live .save-status-text');
}

export function builderDialog(page: Page): Locator {
    return builder(page).locator('section[role="dialog"]');
}
