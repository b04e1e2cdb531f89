/*
 * Prints an AST back to formula text with the fewest parentheses that keep its structure:
 * parseFormula(printFormula(ast)) deep-equals ast for every AST the parser can produce.
 */
import type { Ast, BinaryOperator } from './ast';

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
    '/': 7
};
const UNARY = 8;
const ATOM = 9;

function precedence(ast: Ast): number {
    if (ast.type === 'binary') return PRECEDENCE[ast.operator];
    if (ast.type === 'unary') return UNARY;
    if (ast.type === 'literal' && typeof ast.value === 'number' && (ast.value < 0 || Object.is(ast.value, -0))) {
        return UNARY;
    }
    return ATOM;
}

function quoteText(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function wrap(ast: Ast, needsParens: boolean): string {
    const text = printFormula(ast);
    return needsParens ? `(${text})` : text;
}

/** Formula text for an AST. Templates print as a `&` concatenation of their parts. */
export function printFormula(ast: Ast): string {
    switch (ast.type) {
        case 'literal':
            if (ast.value === null) return 'NULL';
            if (typeof ast.value === 'boolean') return ast.value ? 'TRUE' : 'FALSE';
            if (typeof ast.value === 'number') return Object.is(ast.value, -0) ? '-0' : String(ast.value);
            return quoteText(ast.value);
        case 'mergeField':
            return `{!${ast.path.join('.')}}`;
        case 'unary':
            return `${ast.operator}${wrap(ast.operand, precedence(ast.operand) < UNARY)}`;
        case 'binary': {
            const p = PRECEDENCE[ast.operator];
            const left = wrap(ast.left, precedence(ast.left) < p);
            const right = wrap(ast.right, precedence(ast.right) <= p);
            return `${left} ${ast.operator} ${right}`;
        }
        case 'call':
            return `${ast.name}(${ast.args.map((arg) => printFormula(arg)).join(', ')})`;
        default:
            return ast.parts.length === 0 ? '""' : ast.parts.map((part) => printFormula(part)).join(' & ');
    }
}
