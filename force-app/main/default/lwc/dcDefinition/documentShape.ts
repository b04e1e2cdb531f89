/*
 * Checks over the whole document before the part-by-part validation: reserved keys anywhere, and - for a value
 * handed over as an object rather than read from text - nesting depth and objects that contain themselves, so
 * the checks that follow (which descend into action chains) always work on a finite, shallow tree.
 * Iterative: one visit per value.
 */
import { childPath, MAX_NESTING } from './jsonSource';
import type { DefinitionProblem } from './definitionTypes';
import { circularDocument, documentTooDeep, reservedKey } from './messages';

/** Keys that name JavaScript object machinery; a definition never needs them, and `__proto__` would set a prototype. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export interface DocumentShape {
    /** Problems that stop validation (too deep, circular): nothing else is checked. */
    fatal?: DefinitionProblem;
    /** One problem per reserved key. */
    problems: DefinitionProblem[];
    /** Values visited (the work the later checks do is proportional to it). */
    visited: number;
}

export function checkDocumentShape(doc: unknown): DocumentShape {
    const problems: DefinitionProblem[] = [];
    const stack: { value: unknown; path: string; depth: number }[] = [{ value: doc, path: '', depth: 0 }];
    // The containers on the way down, to tell a shared child (fine) from a cycle (not a tree).
    const open = new Set<object>();
    const exits: { value: object; at: number }[] = [];
    let visited = 0;
    while (stack.length) {
        // Leave the containers whose children are all visited.
        while (exits.length && exits[exits.length - 1].at >= stack.length) open.delete(exits.pop()!.value);
        const { value, path, depth } = stack.pop()!;
        visited++;
        if (typeof value !== 'object' || value === null) continue;
        if (depth >= MAX_NESTING) {
            return { fatal: { path, message: documentTooDeep(MAX_NESTING), severity: 'error' }, problems, visited };
        }
        if (open.has(value)) {
            return { fatal: { path, message: circularDocument(), severity: 'error' }, problems, visited };
        }
        open.add(value);
        exits.push({ value, at: stack.length });
        if (Array.isArray(value)) {
            for (let i = value.length - 1; i >= 0; i--)
                stack.push({ value: value[i], path: childPath(path, i), depth: depth + 1 });
            continue;
        }
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
            const key = keys[i];
            const p = childPath(path, key);
            if (RESERVED_KEYS.includes(key)) problems.push({ path: p, message: reservedKey(key), severity: 'error' });
            stack.push({ value: (value as Record<string, unknown>)[key], path: p, depth: depth + 1 });
        }
    }
    return { problems, visited };
}
