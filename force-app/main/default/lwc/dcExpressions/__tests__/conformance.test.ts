/*
 * Runs the conformance table (conformance.cases.ts): expected values from Salesforce's formula documentation.
 */
import { evaluate, FormulaError, parseFormula } from 'c/dcExpressions';
import type { Scope } from 'c/dcExpressions';
import { CLOCK, CONFORMANCE, SCOPE } from './conformance.cases';

const scope: Scope = { resolve: (path) => SCOPE[path.join('.')] };
const rows = CONFORMANCE.flatMap((group) => group.cases.map((c) => ({ ...c, source: group.source })));

function outcome(formula: string): unknown {
    const parsed = parseFormula(formula);
    if (!parsed.ok) return { parseError: parsed.error.message };
    try {
        return { value: evaluate(parsed.ast, scope, { now: CLOCK }) };
    } catch (e) {
        return e instanceof FormulaError ? { error: e.code, message: e.message } : { unexpected: String(e) };
    }
}

/** What the outcome of a row must look like. */
function matcherFor(row: (typeof rows)[number]): unknown {
    if (row.parseError !== undefined) return { parseError: expect.stringContaining(row.parseError) };
    if (row.error !== undefined) return expect.objectContaining({ error: row.error });
    return { value: row.expected };
}

describe('conformance with Salesforce formula documentation', () => {
    it('has at least 150 cases, each with one expectation', () => {
        expect(rows.length).toBeGreaterThanOrEqual(150);
        for (const row of rows) {
            const kinds = ['expected' in row, row.error !== undefined, row.parseError !== undefined];
            expect(kinds.filter(Boolean)).toHaveLength(1);
        }
    });

    it.each(rows.map((row) => [row.formula.length > 80 ? `${row.formula.slice(0, 77)}…` : row.formula, row]))(
        '%s',
        (_name, row) => {
            expect(outcome(row.formula)).toEqual(matcherFor(row));
        }
    );
});
