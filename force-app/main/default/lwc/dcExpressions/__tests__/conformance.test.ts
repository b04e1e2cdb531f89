/*
 * Runs the conformance table (conformance.cases.json: expected values from Salesforce's formula documentation, each
 * group citing its page). The table is JSON so that it is data, not a Jest suite, and other runners can read it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluate, FormulaError, parseFormula } from 'c/dcExpressions';
import type { Scope } from 'c/dcExpressions';

interface ConformanceCase {
    formula: string;
    note?: string;
    expected?: unknown;
    error?: string;
    parseError?: string;
}

interface ConformanceTable {
    clockLocal: string;
    scope: Record<string, unknown>;
    groups: { source: string; cases: ConformanceCase[] }[];
}

const table = JSON.parse(fs.readFileSync(path.join(__dirname, 'conformance.cases.json'), 'utf8')) as ConformanceTable;
const [year, month, day, hour] = table.clockLocal.split(/[-T:]/).map(Number);
const clock = (): Date => new Date(year, month - 1, day, hour);
const scope: Scope = { resolve: (p) => table.scope[p.join('.')] };
const rows = table.groups.flatMap((group) => group.cases.map((c) => ({ ...c, source: group.source })));

function outcome(formula: string): unknown {
    const parsed = parseFormula(formula);
    if (!parsed.ok) return { parseError: parsed.error.message };
    try {
        return { value: evaluate(parsed.ast, scope, { now: clock }) };
    } catch (e) {
        return e instanceof FormulaError ? { error: e.code, message: e.message } : { unexpected: String(e) };
    }
}

/** What the outcome of a row must look like. */
function matcherFor(row: ConformanceCase): unknown {
    if (row.parseError !== undefined) return { parseError: expect.stringContaining(row.parseError) };
    if (row.error !== undefined) return expect.objectContaining({ error: row.error });
    return { value: row.expected };
}

describe('conformance with Salesforce formula documentation', () => {
    it('has at least 150 cases, each with one expectation and every group a source', () => {
        expect(rows.length).toBeGreaterThanOrEqual(150);
        expect(table.groups.every((group) => group.source.length > 20)).toBe(true);
        const kinds = rows.map(
            (row) => ['expected' in row, 'error' in row, 'parseError' in row].filter(Boolean).length
        );
        expect(kinds.every((count) => count === 1)).toBe(true);
    });

    it.each(rows.map((row) => [row.formula.length > 80 ? `${row.formula.slice(0, 77)}…` : row.formula, row]))(
        '%s',
        (_name, row) => {
            expect(outcome(row.formula)).toEqual(matcherFor(row));
        }
    );
});
