/*
 * Property-based tests of the formula engine as a whole: on any input the parser returns its typed result, the
 * evaluator throws nothing but FormulaError, the work bound holds (steps counted, never wall time), the type checker
 * never throws, and printing round-trips. Long operator chains never overflow the stack.
 */
import fc from 'fast-check';
import {
    analyzeValue,
    collectReferences,
    countNodes,
    evaluate,
    FormulaError,
    FUNCTIONS,
    inferFormulaType,
    MAX_FORMULA_LENGTH,
    parseFormula,
    printFormula
} from 'c/dcExpressions';
import type { Ast, FormulaType, Scope } from 'c/dcExpressions';

const POOL: unknown[] = [
    0,
    1,
    -2.5,
    1e21,
    Number.MAX_VALUE,
    Infinity,
    NaN,
    '',
    ' ',
    'abc',
    '12',
    '2024-02-29',
    '2024-02-30',
    '2024-01-31T10:00:00Z',
    '0099-01-01',
    true,
    false,
    null,
    undefined,
    ['a', 'b'],
    [],
    { Id: '001' },
    new Date(0)
];
const scopeFor = (seed: number): Scope => ({
    resolve: (path) => POOL[(path.join('.').length * 7 + seed) % POOL.length]
});
const clock = (): Date => new Date(Date.UTC(2026, 4, 1, 12));
const TYPES: FormulaType[] = ['Text', 'Number', 'Boolean', 'Date', 'DateTime', 'Unknown'];
const typeOf = (path: string[]): FormulaType | undefined => TYPES[path.join('.').length % TYPES.length];

const tokens = fc.constantFrom(
    ...Object.keys(FUNCTIONS).map((name) => `${name}(`),
    '(',
    ')',
    ',',
    ', ',
    '{!a}',
    '{!bb.c}',
    '{!$User.Name}',
    '"x"',
    "'2024-01-31'",
    '"2024-01-31 10:00:00"',
    '1',
    '0',
    '2.5',
    '400',
    '99999999999',
    '-',
    '+',
    '*',
    '/',
    '^',
    '&',
    '=',
    '<>',
    '<',
    '>=',
    '&&',
    '||',
    '!',
    'TRUE',
    'NULL',
    ' '
);
const formulaText = fc.array(tokens, { maxLength: 25 }).map((parts) => parts.join(''));

/** Evaluates; anything thrown but a FormulaError propagates and fails the property. */
function attempt(compute: () => unknown): { value?: unknown; error?: FormulaError } {
    try {
        return { value: compute() };
    } catch (e) {
        if (e instanceof FormulaError) return { error: e };
        throw e;
    }
}

function run(ast: Ast, seed: number): { steps: number } {
    const stats = { steps: 0 };
    const { value } = attempt(() => evaluate(ast, scopeFor(seed), { now: clock, stats }));
    expect(typeof value !== 'number' || Number.isFinite(value)).toBe(true);
    return stats;
}

describe('formula engine properties', () => {
    it('parse, evaluate, type-check and print never fail outside their contracts on formula-like text', () => {
        fc.assert(
            fc.property(formulaText, fc.nat(100), (source, seed) => {
                const parsed = parseFormula(source);
                expect(parsed.ok || parsed.error.position <= source.length).toBe(true);
                if (!parsed.ok) return;
                const { steps } = run(parsed.ast, seed);
                expect(steps).toBeLessThanOrEqual(countNodes(parsed.ast));
                const typed = inferFormulaType(parsed.ast, typeOf);
                expect(TYPES).toContain(typed.type);
                const again = parseFormula(printFormula(parsed.ast));
                expect(again.ok && again.ast).toEqual(parsed.ast);
            }),
            { numRuns: 3000 }
        );
    });

    it('any string is either parsed or rejected with a typed error, as a formula and as a value', () => {
        fc.assert(
            fc.property(fc.string({ maxLength: 60 }), (source) => {
                const parsed = parseFormula(source);
                expect(typeof parsed.ok).toBe('boolean');
                const analysis = analyzeValue(`=${source}`, { formulas: true });
                expect(analysis.kind).toBe('formula');
                expect(Boolean(analysis.ast) !== Boolean(analysis.error)).toBe(true);
            }),
            { numRuns: 2000 }
        );
    });

    it('a formula with a type problem-free Number result evaluates to a number or blank', () => {
        const numberScope: Scope = { resolve: () => 3 };
        fc.assert(
            fc.property(formulaText, (source) => {
                const parsed = parseFormula(source);
                if (!parsed.ok) return;
                const typed = inferFormulaType(parsed.ast, () => 'Number');
                if (typed.type !== 'Number' || typed.problems.length > 0) return;
                const { value, error } = attempt(() => evaluate(parsed.ast, numberScope, { now: clock }));
                expect(error !== undefined || value === null || typeof value === 'number').toBe(true);
            }),
            { numRuns: 2000 }
        );
    });

    it('handles a chain of 10,000 operators without recursion limits', () => {
        for (const operator of ['+', '&', '*', '&&'] as const) {
            let ast: Ast = { type: 'mergeField', path: ['n'] };
            for (let i = 0; i < 10_000; i++) {
                ast = { type: 'binary', operator, left: ast, right: { type: 'literal', value: 1 } };
            }
            const stats = { steps: 0 };
            attempt(() => evaluate(ast, { resolve: () => 1 }, { stats }));
            expect(stats.steps).toBeLessThanOrEqual(countNodes(ast));
            const printed = printFormula(ast);
            expect(printed.length).toBeGreaterThan(40_000);
            expect(collectReferences(ast)).toEqual(['n']);
            expect(inferFormulaType(ast, () => 'Number').type).toBeDefined();
            expect(parseFormula(printed).ok).toBe(false);
        }
        const chain = `1${' + 1'.repeat(Math.floor((MAX_FORMULA_LENGTH - 1) / 4))}`;
        const parsed = parseFormula(chain);
        expect(parsed.ok && evaluate(parsed.ast, { resolve: () => null })).toBe(975);
    });

    it('stops with TOO_MUCH_WORK past the step bound', () => {
        const parsed = parseFormula('1 + 2 + 3 + 4');
        if (!parsed.ok) throw new Error(parsed.error.message);
        expect(() => evaluate(parsed.ast, { resolve: () => null }, { maxSteps: 3 })).toThrow(
            expect.objectContaining({ code: 'TOO_MUCH_WORK' })
        );
        expect(evaluate(parsed.ast, { resolve: () => null }, { maxSteps: countNodes(parsed.ast) })).toBe(10);
    });

    it('text never grows past MAX_TEXT_LENGTH', () => {
        const parsed = parseFormula(
            'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(RPAD("a", 100, "a"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa"), "a", "aaaaaaaaaa")'
        );
        if (!parsed.ok) throw new Error(parsed.error.message);
        expect(() => evaluate(parsed.ast, { resolve: () => null })).toThrow(
            expect.objectContaining({ code: 'TEXT_TOO_LONG' })
        );
        const pad = parseFormula('LPAD("a", 10 ^ 12)');
        if (!pad.ok) throw new Error(pad.error.message);
        expect(() => evaluate(pad.ast, { resolve: () => null })).toThrow(
            expect.objectContaining({ code: 'TEXT_TOO_LONG' })
        );
    });
});
