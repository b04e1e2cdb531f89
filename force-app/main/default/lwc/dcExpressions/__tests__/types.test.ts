import { formulaTypeOf, inferFormulaType, parseFormula } from 'c/dcExpressions';
import type { FormulaType } from 'c/dcExpressions';

const TYPES: Record<string, FormulaType> = {
    count: 'Number',
    name: 'Text',
    due: 'Date',
    created: 'DateTime',
    active: 'Boolean'
};

function infer(source: string): { type: FormulaType; problems: string[] } {
    const parsed = parseFormula(source);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = inferFormulaType(parsed.ast, (path) => TYPES[path.join('.')]);
    return { type: result.type, problems: result.problems.map((p) => p.message) };
}

describe('inferFormulaType', () => {
    it.each([
        ['{!count} + 1', 'Number'],
        ['{!due} + 1', 'Date'],
        ['{!due} - {!due}', 'Number'],
        ['{!created} + 0.5', 'DateTime'],
        ['{!created} - {!created}', 'Number'],
        ['NOW() + 1', 'DateTime'],
        ['TODAY()', 'Date'],
        ['"a" & {!count}', 'Text'],
        ['IF({!active}, 1, 2)', 'Number'],
        ['IF({!active}, NULL, "x")', 'Text'],
        ['CASE({!count}, 1, "one", 2, "two", "many")', 'Text'],
        ['BLANKVALUE({!name}, "none")', 'Text'],
        ['{!count} > 2 && {!active}', 'Boolean'],
        ['{!unknown} + 1', 'Unknown'],
        ['LEN({!name}) * 2 ^ 2', 'Number'],
        ['DATEVALUE({!created})', 'Date']
    ])('%s is %s with no problems', (source, type) => {
        expect(infer(source)).toEqual({ type, problems: [] });
    });

    it.each([
        ['LEN(5 > 3)', 'LEN expects Text as argument 1 but 5 > 3 is Boolean'],
        ['LEN({!count})', 'LEN expects Text as argument 1 but {!count} is Number'],
        ['IF({!active}, 1, "one")', 'IF returns values of different types (Number, Text)'],
        ['IF({!count}, 1, 2)', 'IF expects Boolean as argument 1 but {!count} is Number'],
        ['{!name} * 2', "'*' expects Numbers but {!name} is Text"],
        ['{!due} + {!due}', "'+' cannot combine Date {!due} with Date {!due}"],
        ['{!name} - 1', "'-' cannot combine Text {!name} with Number 1"],
        ['{!count} < "a"', '\'<\' cannot compare Number {!count} with Text "a"'],
        ['YEAR({!created})', 'YEAR expects Date as argument 1 but {!created} is DateTime'],
        ['NOT({!name})', 'NOT expects Boolean as argument 1 but {!name} is Text'],
        ['-{!active}', "'-' expects Number but {!active} is Boolean"],
        ['{!count} && TRUE', "'&&' expects Boolean but {!count} is Number"],
        ['{!active} + 1', "'+' cannot combine Boolean {!active} with Number 1"]
    ])('%s: %s', (source, problem) => {
        expect(infer(source).problems).toEqual([problem]);
    });

    it('maps declared data types to formula types', () => {
        expect(formulaTypeOf('Currency')).toBe('Number');
        expect(formulaTypeOf('Percent')).toBe('Number');
        expect(formulaTypeOf('DateTime')).toBe('DateTime');
        expect(formulaTypeOf('Checkbox')).toBe('Boolean');
        expect(formulaTypeOf('Picklist')).toBe('Text');
        expect(formulaTypeOf('Record')).toBeUndefined();
        expect(formulaTypeOf(undefined)).toBeUndefined();
    });
});
