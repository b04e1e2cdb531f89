/*
 * Prints an AST back to formula text with the fewest parentheses that keep its structure:
 * parseFormula(printFormula(ast)) deep-equals ast for every AST the parser can produce. Iterative (foldAst), so
 * any length of operator chain prints. Numbers print in plain decimals (never exponent notation, which formulas do
 * not accept); a non-finite number, which the parser never produces, prints as an expression that fails cleanly.
 */
import type { Ast, BinaryOperator } from './ast';
import { plainNumber } from './values';
import { foldAst } from './walk';

const PRECEDENCE: Record<BinaryOperator, number> = {
    '||': 1,
    '&&': 2,
    '=': 3,
    '!=': 3,
    '<': 4,
    '>': 4,
    '<=': 4,
    '>=': 4,
    '&': 5,
    '+': 6,
    '-': 6,
    '*': 7,
    '/': 7,
    '^': 8
};
const UNARY = 9;
const ATOM = 10;

function quoteText(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function numberText(value: number): { text: string; precedence: number } {
    if (Number.isNaN(value)) return { text: 'NULL', precedence: ATOM };
    if (!Number.isFinite(value))
        return { text: value > 0 ? '(1 / 0)' : '-(1 / 0)', precedence: value > 0 ? ATOM : UNARY };
    if (Object.is(value, -0)) return { text: '-0', precedence: UNARY };
    return { text: plainNumber(value), precedence: value < 0 ? UNARY : ATOM };
}

interface Printed {
    text: string;
    precedence: number;
}

function wrap(printed: Printed, needsParens: boolean): string {
    return needsParens ? `(${printed.text})` : printed.text;
}

/** Formula text for an AST. Templates print as a `&` concatenation of their parts. */
export function printFormula(ast: Ast): string {
    const printed = foldAst<Printed>(ast, (node, children) => {
        switch (node.type) {
            case 'literal':
                if (node.value === null) return { text: 'NULL', precedence: ATOM };
                if (typeof node.value === 'boolean') return { text: node.value ? 'TRUE' : 'FALSE', precedence: ATOM };
                if (typeof node.value === 'number') return numberText(node.value);
                return { text: quoteText(node.value), precedence: ATOM };
            case 'mergeField':
                return { text: `{!${node.path.join('.')}}`, precedence: ATOM };
            case 'unary':
                return {
                    text: `${node.operator}${wrap(children[0], children[0].precedence < UNARY)}`,
                    precedence: UNARY
                };
            case 'binary': {
                const p = PRECEDENCE[node.operator];
                const left = wrap(children[0], children[0].precedence < p);
                const right = wrap(children[1], children[1].precedence <= p);
                return { text: `${left} ${node.operator} ${right}`, precedence: p };
            }
            case 'call':
                return { text: `${node.name}(${children.map((c) => c.text).join(', ')})`, precedence: ATOM };
            default:
                return node.parts.length === 0
                    ? { text: '""', precedence: ATOM }
                    : {
                          text: children.map((c) => wrap(c, c.precedence <= PRECEDENCE['&'])).join(' & '),
                          precedence: node.parts.length === 1 ? children[0].precedence : PRECEDENCE['&']
                      };
        }
    });
    return printed.text;
}
