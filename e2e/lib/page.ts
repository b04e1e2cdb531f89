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
