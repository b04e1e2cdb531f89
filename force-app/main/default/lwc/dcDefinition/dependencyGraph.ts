/*
 * The dependency graph of formulas: a formula must not depend on itself.
 */
import { Checker } from './checker';

export function formulaCycles(ctx: Checker): void {
    const reported = new Set<string>();
    const visit = (name: string, trail: string[]): void => {
        const node = ctx.formulaDeps.get(name);
        if (!node) return;
        if (trail.includes(name)) {
            const cycle = [...trail.slice(trail.indexOf(name)), name];
            const key = [...new Set(cycle)].sort().join(',');
            if (!reported.has(key)) {
                reported.add(key);
                const shownCycle = cycle.map((n) => (ctx.lookup(n)?.value.name as string) ?? n).join(' → ');
                ctx.error(node.path, `Formulas refer to each other in a circle (${shownCycle}): break the cycle.`);
            }
            return;
        }
        for (const d of node.deps) visit(d, [...trail, name]);
    };
    for (const name of ctx.formulaDeps.keys()) visit(name, []);
}
