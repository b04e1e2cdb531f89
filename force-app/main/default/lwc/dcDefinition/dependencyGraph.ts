/*
 * The dependency graph of computed resources: formulas and variables whose initial value reads other resources.
 * A value that depends on itself (directly or through others) can never be computed. Cycles are found with
 * Tarjan's strongly connected components, iteratively, in time linear in resources + references; each cycle is
 * reported once, at its first member in definition order, naming the members in the order they read each other.
 */
import { Checker } from './checker';
import { dependencyCycle } from './messages';

export interface DependencyNode {
    /** The resource's name as written. */
    name: string;
    kind: 'formula' | 'variable';
    /** Where the problem is shown: the formula or the initial value. */
    path: string;
    /** Lower-case names of the resources it reads. */
    deps: Set<string>;
}

/** Strongly connected components of `nodes` (keyed by lower-case name), each in discovery order. */
export function stronglyConnected(nodes: Map<string, DependencyNode>): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    const components: string[][] = [];
    // Explicit call stack: [node, iterator over its dependencies].
    const work: [string, Iterator<string>][] = [];
    const enter = (n: string): void => {
        index.set(n, index.size);
        low.set(n, index.get(n)!);
        stack.push(n);
        onStack.add(n);
        work.push([n, nodes.get(n)!.deps.values()]);
    };
    for (const root of nodes.keys()) {
        if (index.has(root)) continue;
        enter(root);
        while (work.length) {
            const [n, deps] = work[work.length - 1];
            const next = deps.next();
            if (!next.done) {
                const d = next.value;
                if (!nodes.has(d)) continue;
                if (!index.has(d)) enter(d);
                else if (onStack.has(d)) low.set(n, Math.min(low.get(n)!, index.get(d)!));
                continue;
            }
            work.pop();
            if (work.length) {
                const parent = work[work.length - 1][0];
                low.set(parent, Math.min(low.get(parent)!, low.get(n)!));
            }
            if (low.get(n) === index.get(n)) {
                const component: string[] = [];
                let m: string;
                do {
                    m = stack.pop()!;
                    onStack.delete(m);
                    component.push(m);
                } while (m !== n);
                components.push(component.reverse());
            }
        }
    }
    return components;
}

/** The shortest cycle from `start` back to itself inside `members` (breadth-first), as names start … start. */
function cycleThrough(start: string, members: Set<string>, nodes: Map<string, DependencyNode>): string[] {
    const previous = new Map<string, string>();
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
        const n = queue[q];
        for (const d of nodes.get(n)!.deps) {
            if (!members.has(d)) continue;
            if (d === start) {
                const path = [start];
                for (let m: string | undefined = n; m !== undefined && m !== start; m = previous.get(m)) path.push(m);
                path.push(start);
                // path is start, last, ..., first, start: reverse the middle into reading order.
                return [start, ...path.slice(1, -1).reverse(), start];
            }
            if (!previous.has(d) && d !== start) {
                previous.set(d, n);
                queue.push(d);
            }
        }
    }
    return [start, start];
}

export function dependencyCycles(ctx: Checker): void {
    const nodes = ctx.dependencies;
    const order = new Map([...nodes.keys()].map((k, i) => [k, i]));
    for (const component of stronglyConnected(nodes)) {
        const single = component.length === 1;
        if (single && !nodes.get(component[0])!.deps.has(component[0])) continue;
        const members = new Set(component);
        const start = [...component].sort((a, b) => order.get(a)! - order.get(b)!)[0];
        const cycle = cycleThrough(start, members, nodes);
        const onCycle = new Set(cycle);
        const others = [...component]
            .filter((m) => !onCycle.has(m))
            .sort((a, b) => order.get(a)! - order.get(b)!)
            .map((m) => nodes.get(m)!.name);
        const kinds = new Set(component.map((m) => nodes.get(m)!.kind));
        ctx.error(
            nodes.get(start)!.path,
            dependencyCycle(
                cycle.map((m) => nodes.get(m)!.name),
                others,
                kinds.has('variable')
            )
        );
    }
}
