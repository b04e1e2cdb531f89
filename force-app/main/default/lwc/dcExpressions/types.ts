/*
 * Static types of formulas: what a formula returns and the type errors that are certain before it runs
 * (Salesforce reports these when a formula is saved: "Incorrect parameter type for function 'LEN()'. Expected
 * Text, received Boolean"). Unknown (an unknown reference, NULL, a list) is compatible with everything, so the
 * checker only reports what would fail for every value.
 */
import type { Ast, FormulaType, FormulaTypeResult } from './ast';
import { FUNCTIONS } from './functions';
import type { ParamType } from './functions';
import { printFormula } from './printer';
import { foldAst } from './walk';

function snippet(ast: Ast): string {
    const text = printFormula(ast);
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function accepts(param: ParamType, type: FormulaType): boolean {
    return type === 'Unknown' || param === 'Any' || param.includes(type);
}

function describeParam(param: ParamType): string {
    return param === 'Any' ? 'any value' : param.join(' or ');
}

function literalType(value: unknown): FormulaType {
    if (typeof value === 'string') return 'Text';
    if (typeof value === 'number') return 'Number';
    if (typeof value === 'boolean') return 'Boolean';
    return 'Unknown';
}

/** The common type of the value branches of IF/CASE/BLANKVALUE; undefined when two known types differ. */
function common(types: FormulaType[]): FormulaType | undefined {
    let result: FormulaType = 'Unknown';
    for (const type of types) {
        if (type === 'Unknown') continue;
        if (result === 'Unknown') result = type;
        else if (result !== type) return undefined;
    }
    return result;
}

const ARITHMETIC: Record<string, Record<string, FormulaType>> = {
    '+': {
        'Number,Number': 'Number',
        'Date,Number': 'Date',
        'Number,Date': 'Date',
        'DateTime,Number': 'DateTime',
        'Number,DateTime': 'DateTime',
        'Text,Text': 'Text'
    },
    '-': {
        'Number,Number': 'Number',
        'Date,Number': 'Date',
        'Date,Date': 'Number',
        'DateTime,Number': 'DateTime',
        'DateTime,DateTime': 'Number'
    }
};

/**
 * Infers the result type of a formula AST and reports the type errors that are certain.
 *
 * @param ast a formula AST from parseFormula (a template AST is Text).
 * @param typeOfReference the declared type of a merge-field path (['count'], ['$Record', 'Amount']), or undefined
 *   when it is not known (then it is Unknown and accepted everywhere). Currency and Percent must be given as Number.
 * @returns the type ('Unknown' when it depends on values not known statically) and one problem per certain
 *   mismatch, e.g. "LEN expects Text as argument 1 but {!n} > 3 is Boolean". An empty list means no certain error.
 */
export function inferFormulaType(
    ast: Ast,
    typeOfReference: (path: string[]) => FormulaType | undefined
): FormulaTypeResult {
    const problems: { message: string }[] = [];
    const report = (message: string): void => {
        if (problems.length < 20) problems.push({ message });
    };
    const type = foldAst<FormulaType>(ast, (node, children) => {
        switch (node.type) {
            case 'literal':
                return literalType(node.value);
            case 'mergeField':
                return typeOfReference(node.path) ?? 'Unknown';
            case 'template':
                return 'Text';
            case 'unary': {
                const [operand] = children;
                const expected: FormulaType = node.operator === '-' ? 'Number' : 'Boolean';
                if (operand !== 'Unknown' && operand !== expected) {
                    report(`'${node.operator}' expects ${expected} but ${snippet(node.operand)} is ${operand}`);
                    return 'Unknown';
                }
                return expected;
            }
            case 'binary': {
                const [left, right] = children;
                const op = node.operator;
                const known = left !== 'Unknown' && right !== 'Unknown';
                switch (op) {
                    case '&&':
                    case '||':
                        [left, right].forEach((t, i) => {
                            if (t !== 'Unknown' && t !== 'Boolean') {
                                report(
                                    `'${op}' expects Boolean but ${snippet(i === 0 ? node.left : node.right)} is ${t}`
                                );
                            }
                        });
                        return 'Boolean';
                    case '&':
                        // Any value is converted to text (Salesforce itself asks for TEXT() around non-text values).
                        return 'Text';
                    case '=':
                    case '!=':
                        return 'Boolean';
                    case '<':
                    case '>':
                    case '<=':
                    case '>=':
                        if (known && left !== right) {
                            report(
                                `'${op}' cannot compare ${left} ${snippet(node.left)} with ${right} ${snippet(node.right)}`
                            );
                        }
                        return 'Boolean';
                    case '+':
                    case '-': {
                        if (!known) {
                            if (left === 'Unknown' && right === 'Unknown') return 'Unknown';
                            const other = left === 'Unknown' ? right : left;
                            if (other === 'Boolean') {
                                report(
                                    `'${op}' cannot use the Boolean ${snippet(left === 'Unknown' ? node.right : node.left)}`
                                );
                            }
                            return 'Unknown';
                        }
                        const result = ARITHMETIC[op][`${left},${right}`];
                        if (!result) {
                            report(
                                `'${op}' cannot combine ${left} ${snippet(node.left)} with ${right} ${snippet(node.right)}`
                            );
                            return 'Unknown';
                        }
                        return result;
                    }
                    default:
                        [left, right].forEach((t, i) => {
                            if (t !== 'Unknown' && t !== 'Number') {
                                report(
                                    `'${op}' expects Numbers but ${snippet(i === 0 ? node.left : node.right)} is ${t}`
                                );
                            }
                        });
                        return 'Number';
                }
            }
            default: {
                const spec = FUNCTIONS[node.name];
                if (!spec) return 'Unknown';
                const valueTypes: FormulaType[] = [];
                children.forEach((t, i) => {
                    const param = spec.params[Math.min(i, spec.params.length - 1)];
                    if (!accepts(param, t)) {
                        report(
                            `${node.name} expects ${describeParam(param)} as argument ${i + 1} but ${snippet(node.args[i])} is ${t}`
                        );
                    }
                });
                if (spec.returns !== 'same') return spec.returns;
                if (node.name === 'IF') valueTypes.push(children[1], children[2]);
                else if (node.name === 'CASE') {
                    for (let i = 2; i < children.length; i += 2) valueTypes.push(children[i]);
                    valueTypes.push(children[children.length - 1]);
                } else valueTypes.push(...children);
                const result = common(valueTypes);
                if (result === undefined) {
                    report(
                        `${node.name} returns values of different types (${[...new Set(valueTypes.filter((t) => t !== 'Unknown'))].join(', ')})`
                    );
                    return 'Unknown';
                }
                return result;
            }
        }
    });
    return { type, problems };
}

/**
 * Maps a resource or field dataType (Text, Number, Currency, Percent, Boolean, Checkbox, Date, DateTime, Picklist…)
 * to the FormulaType it has in formulas; undefined for types the checker does not know.
 */
export function formulaTypeOf(dataType: string | undefined): FormulaType | undefined {
    switch ((dataType ?? '').toLowerCase()) {
        case 'text':
        case 'string':
        case 'textarea':
        case 'picklist':
        case 'email':
        case 'phone':
        case 'url':
        case 'id':
        case 'reference':
            return 'Text';
        case 'number':
        case 'currency':
        case 'percent':
        case 'double':
        case 'integer':
        case 'int':
        case 'long':
        case 'decimal':
            return 'Number';
        case 'boolean':
        case 'checkbox':
            return 'Boolean';
        case 'date':
            return 'Date';
        case 'datetime':
            return 'DateTime';
        default:
            return undefined;
    }
}
