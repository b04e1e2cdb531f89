/* Helpers for the Data Table end-user scenarios (e2e/table.e2e.ts): hit tests, the focused element, layout. */
import type { Locator, Page } from 'playwright-core';

/** The Data Table of a Dynamic Component whose data table component is named `name`. */
export function namedTable(page: Page, name: string): Locator {
    return page.locator(`c-dynamic-component c-dynamic-data-table[data-name="${name}"]`);
}

/** True when the element is the topmost one at its own centre (nothing covers it, it is not clipped away). */
export async function isHittable(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return false;
        // walk down through shadow roots to the innermost element at that point
        let hit: Element | null = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
            const inner = hit.shadowRoot.elementFromPoint(x, y);
            if (!inner || inner === hit) break;
            hit = inner;
        }
        for (let node: Node | null = hit; node;) {
            if (node === el) return true;
            node = (node as Element).assignedSlot ?? node.parentNode ?? (node as ShadowRoot).host ?? null;
        }
        return false;
    });
}

/** Describes the focused element, through shadow roots: "TAG.class[data-x]" of the innermost one, or "BODY". */
export async function focusedElement(page: Page): Promise<{ tag: string; text: string; body: boolean; label: string }> {
    return page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return {
            tag: a?.tagName ?? '',
            text: (a?.textContent ?? '').trim(),
            body: !a || a === document.body,
            label: a?.getAttribute('aria-label') ?? a?.getAttribute('title') ?? ''
        };
    });
}

/** True when the focused element (through shadow roots) is inside `locator`'s element. */
export async function focusIsWithin(page: Page, locator: Locator): Promise<boolean> {
    const handle = await locator.elementHandle();
    return page.evaluate((host) => {
        let a: Element | null = document.activeElement;
        const chain: Element[] = [];
        while (a) {
            chain.push(a);
            a = a.shadowRoot?.activeElement ?? null;
        }
        return chain.some((e) => e === host || host?.contains(e) || host?.shadowRoot?.contains(e));
    }, handle);
}

/** The focused element's computed outline (style and width), for focus-ring checks. */
export async function focusedOutline(
    page: Page
): Promise<{ style: string; width: number; color: string; offset: number }> {
    return page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        const cs = getComputedStyle(a as Element);
        return {
            style: cs.outlineStyle,
            width: parseFloat(cs.outlineWidth) || 0,
            color: cs.outlineColor,
            offset: parseFloat(cs.outlineOffset) || 0
        };
    });
}

/** The widest element's right edge over the viewport width: > 0 means the page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
    return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
