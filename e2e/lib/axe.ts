/* Runs axe-core (the engine behind @sa11y) in the page: WCAG 2.1 A/AA rules over one part of the page. */
import type { Page } from 'playwright-core';

interface AxeViolation {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
}

/** The WCAG A/AA violations inside `selector`, one readable line each (empty when clean). */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = (await page.evaluate(async (include) => {
        const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } })
            .axe;
        const result = (await axe.run(
            { include: [include] },
            { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }
        )) as { violations: unknown[] };
        return result.violations;
    }, selector)) as AxeViolation[];
    return violations.map(
        (v) =>
            `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join('; ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : ''}`
    );
}
