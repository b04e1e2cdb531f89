/*
 * Iterative traversal of an AST: no recursion, so a chain of 10,000 operators cannot overflow the stack in the
 * printer, the reference collector or the type checker.
 */
import type { Ast } from './ast';

/** The children of a node, in source order. */
export function childrenOf(node: Ast): readonly Ast[] {
    switch (node.type) {
        case 'unary':
            return [node.operand];
        case 'binary':
            return [node.left, node.right];
        case 'call':
            return node.args;
        case 'template':
            return node.parts;
        default:
            return [];
    }
}

/**
 * Post-order fold: `combine(node, results of its children)` for every node, children first, with an explicit
 * stack. Returns the root's result.
 */
export function foldAst<T>(ast: Ast, combine: (node: Ast, children: T[]) => T): T {
    const stack: { node: Ast; children: readonly Ast[]; results: T[] }[] = [
        { node: ast, children: childrenOf(ast), results: [] }
    ];
    let last: T | undefined;
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.results.length < frame.children.length) {
            const child = frame.children[frame.results.length];
            stack.push({ node: child, children: childrenOf(child), results: [] });
            continue;
        }
        stack.pop();
        last = combine(frame.node, frame.results);
        if (stack.length > 0) stack[stack.length - 1].results.push(last);
    }
    return last as T;
}

/** Number of nodes of an AST (the evaluator never takes more steps than this). */
export function countNodes(ast: Ast): number {
    let count = 0;
    const stack: Ast[] = [ast];
    while (stack.length > 0) {
        const node = stack.pop()!;
        count++;
        for (const child of childrenOf(node)) stack.push(child);
    }
    return count;
}
