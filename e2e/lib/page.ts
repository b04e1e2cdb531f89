/* Locators and helpers for the preview page, the Dynamic Component and lightning-datatable (role-based mode). */
import type { Locator, Page } from 'playwright-core';

export const ROW = '[data-row-key-value]:not([data-row-key-value="HEADER"])';

export function table(page: Page): Locator {
    return page.locator('c-dynamic-component c-dynamic-data-table').first();
}

export function rows(page: Page): Locator {
    return table(page).locator(`lightning-datatable ${ROW}`);
}

export function row(page: Page, key: string): Locator {
    return table(page).locator(`lightning-datatable [data-row-key-value="${key}"]`);
}

/** The selection checkbox of a row (the input is visually hidden behind SLDS's faux checkbox). */
export function rowCheckbox(rowLocator: Locator): Locator {
    return rowLocator.locator('lightning-primitive-cell-checkbox input[type="checkbox"]');
}

export async function selectRow(rowLocator: Locator): Promise<void> {
    await rowLocator.locator('lightning-primitive-cell-checkbox .slds-checkbox_faux').click();
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

/** The text of a column cell in a row, by the cell's data-label (the column label). */
export function cell(rowLocator: Locator, columnLabel: string): Locator {
    return rowLocator.locator(`div[data-label="${columnLabel}"]`);
}

export async function rowKeys(page: Page): Promise<string[]> {
    return rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key-value') ?? ''));
}

export function rowCountText(page: Page): Locator {
    return table(page).locator('.row-count');
}
