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
