/*
 * Property-based tests (fast-check): print/parse round trip, arithmetic against a reference evaluator, and a parser
 * that never throws.
 */
import fc from 'fast-check';
import { evaluate, FormulaError, FUNCTIONS, parseFormula, parseTemplate, printFormula } from 'c/dcExpressions';
import type { Ast, BinaryOperator, Scope } from 'c/dcExpressions';

const BINARY: BinaryOperator[] = ['||', '&&', '=', '!=', '<', '>', '<=', '>=', '&', '+', '-', '*', '/'];
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const mergePath = fc
    .tuple(fc.boolean(), fc.array(identifier, { minLength: 1, maxLength: 3 }))
    .map(([global, path]) => (global ? [`$${path[0]}`, ...path.slice(1)] : path));
const nonNegative = fc.oneof(
    fc.nat({ max: 1_000_000 }),
    fc.double({ min: 0, max: 1e25, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0))
);
const literal: fc.Arbitrary<Ast> = fc.oneof(
    nonNegative.map((value) => ({ type: 'literal' as const, value })),
    fc.string({ maxLength: 12 }).map((value) => ({ type: 'literal' as const, value })),
    fc.boolean().map((value) => ({ type: 'literal' as const, value })),
    fc.constant({ type: 'literal' as const, value: null })
);
const functionNames = Object.keys(FUNCTIONS);

/** ASTs as the parser produces them (non-negative number literals: a minus sign is a unary operator). */
const astArbitrary: fc.Arbitrary<Ast> = fc.letrec<{ node: Ast }>((tie) => ({
    node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        literal,
        mergePath.map((path) => ({ type: 'mergeField' as const, path })),
        fc.record({
            type: fc.constant('unary' as const),
            operator: fc.constantFrom('-' as const, '!' as const),
            operand: tie('node')
        }),
        fc.record({
            type: fc.constant('binary' as const),
            operator: fc.constantFrom(...BINARY),
            left: tie('node'),
            right: tie('node')
        }),
        fc.constantFrom(...functionNames).chain((name) => {
            const spec = FUNCTIONS[name];
            const max = Math.min(spec.max, spec.min + 2);
            return fc
                .array(tie('node'), { minLength: spec.min, maxLength: max })
                .filter((args) => !spec.arity?.(args.length))
                .map((args) => ({ type: 'call' as const, name, args }));
        })
    )
})).node;

describe('properties', () => {
    it('printing a random AST and parsing it back gives the same AST', () => {
        fc.assert(
            fc.property(astArbitrary, (ast) => {
                const printed = printFormula(ast);
                const parsed = parseFormula(printed);
                if (!parsed.ok) {
                    throw new Error(`${printed}: ${parsed.error.message}`);
                }
                expect(parsed.ast).toEqual(ast);
            }),
            { numRuns: 500 }
        );
    });

    it('evaluation of random arithmetic matches a reference implementation', () => {
        type Arith =
            | { type: 'literal'; value: number }
            | { type: 'unary'; operator: '-'; operand: Arith }
            | { type: 'binary'; operator: '+' | '-' | '*' | '/'; left: Arith; right: Arith };
        const arith: fc.Arbitrary<Arith> = fc.letrec<{ node: Arith }>((tie) => ({
            node: fc.oneof(
                { depthSize: 'small' },
                fc
                    .oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true }))
                    .filter((n) => !Object.is(n, -0))
                    .map((value) => ({ type: 'literal' as const, value })),
                fc.record({
                    type: fc.constant('unary' as const),
                    operator: fc.constant('-' as const),
                    operand: tie('node')
                }),
                fc.record({
                    type: fc.constant('binary' as const),
                    operator: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
                    left: tie('node'),
                    right: tie('node')
                })
            )
        })).node;
        const reference = (node: Arith): number => {
            if (node.type === 'literal') return node.value;
            if (node.type === 'unary') return -reference(node.operand) || 0;
            const a = reference(node.left);
            const b = reference(node.right);
            let result: number;
            switch (node.operator) {
                case '+':
                    result = a + b;
                    break;
                case '-':
                    result = a - b;
                    break;
                case '*':
                    result = a * b;
                    break;
                default:
                    if (b === 0) throw new Error('division by zero');
                    result = a / b;
            }
            if (!Number.isFinite(result)) throw new Error('not finite');
            // The engine keeps 15 significant digits of every non-integer result (0.1 + 0.2 = 0.3, as Salesforce).
            // Formula values have no negative zero.
            if (result === 0) return 0;
            return Number.isInteger(result) ? result : Number(result.toPrecision(15));
        };
        const scope: Scope = { resolve: () => null };
        fc.assert(
            fc.property(arith, (ast) => {
                const parsed = parseFormula(printFormula(ast as Ast));
                if (!parsed.ok) throw new Error(parsed.error.message);
                // The engine must fail with a FormulaError exactly where the reference fails.
                const outcome = (run: () => number, errorType: new (...args: never[]) => Error): string => {
                    try {
                        const value = run();
                        return `value ${Object.is(value, -0) ? '-0' : String(value)}`;
                    } catch (e) {
                        return e instanceof errorType ? 'error' : `unexpected ${String(e)}`;
                    }
                };
                expect(outcome(() => evaluate(parsed.ast, scope) as number, FormulaError)).toBe(
                    outcome(() => reference(ast), Error)
                );
            }),
            { numRuns: 500 }
        );
    });

    const formulaish = fc
        .array(
            fc.constantFrom(
                '(',
                ')',
                ',',
                '{!',
                '}',
                '"',
                "'",
                '\\',
                '&',
                '&&',
                '|',
                '||',
                '=',
                '<',
                '>',
                '!',
                '-',
                '+',
                '*',
                '/',
                ' ',
                '1',
                '2.5',
                'e',
                'IF',
                'LEN',
                'TRUE',
                'NULL',
                'a',
                '.',
                '$',
                '{',
                '\n',
                'é'
            ),
            { maxLength: 30 }
        )
        .map((parts) => parts.join(''));

    it('the parser never throws and errors point inside the source', () => {
        fc.assert(
            fc.property(fc.oneof(fc.string({ maxLength: 40 }), formulaish), (source) => {
                for (const result of [parseFormula(source), parseTemplate(source)]) {
                    const position = result.ok ? 0 : result.error.position;
                    const message = result.ok ? 'at position 0' : result.error.message;
                    expect(position).toBeGreaterThanOrEqual(0);
                    expect(position).toBeLessThanOrEqual(source.length);
                    expect(message).toContain(`at position ${position}`);
                }
            }),
            { numRuns: 2000 }
        );
    });
});
