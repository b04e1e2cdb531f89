import {
    analyzeValue,
    evaluate,
    evaluateFormula,
    ExpressionSyntaxError,
    FormulaError,
    FUNCTIONS,
    hasMergeFields,
    parseFormula,
    parseFormulaCached,
    parseTemplate,
    parseTemplateCached,
    printFormula,
    resolveValue,
    singleMergeField,
    suggestName,
    toText,
    valuesEqual
} from 'c/dcExpressions';
import type { Ast, ParseResult, Scope } from 'c/dcExpressions';

const values: Record<string, unknown> = {
    n: 3,
    zero: 0,
    name: 'Ann',
    empty: '',
    nothing: null,
    flag: true,
    ids: ['003A', '003B'],
    'contactsTable.SelectedRowsKeyValue': ['003A', '003B'],
    'contactsTable.FirstSelectedRow.Name': 'Ann Smith',
    '$User.FirstName': 'Mia',
    '$Record.CloseDate': '2026-03-30',
    when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    rec: { Id: '001', Name: 'Acme' }
};
const scope: Scope = { resolve: (path) => values[path.join('.')] };
const now = (): Date => new Date(2026, 10, 27, 9, 30, 0);

function run(source: string): unknown {
    const result = parseFormula(source);
    if (!result.ok) throw new Error(result.error.message);
    return evaluate(result.ast, scope, { now });
}

function astOf(source: string): Ast {
    const result = parseFormula(source);
    if (!result.ok) throw new Error(result.error.message);
    return result.ast;
}

function errorOf(result: ParseResult): { message: string; position: number; hint?: string } {
    if (result.ok) throw new Error('expected a parse error');
    return result.error;
}

describe('parseFormula', () => {
    it('parses merge fields, literals and functions and lists references', () => {
        const result = parseFormula('IF({!contactsTable.SelectedRowsKeyValue} = NULL, {!$User.FirstName}, "x") & {!n}');
        expect(result).toEqual(
            expect.objectContaining({
                ok: true,
                references: ['contactsTable.SelectedRowsKeyValue', '$User.FirstName', 'n']
            })
        );
    });

    it('builds the AST with precedence and normalised operators', () => {
        const result = parseFormula('1 + 2 * 3 == 7 <> false');
        expect(result.ok && result.ast).toEqual({
            type: 'binary',
            operator: '!=',
            left: {
                type: 'binary',
                operator: '=',
                left: {
                    type: 'binary',
                    operator: '+',
                    left: { type: 'literal', value: 1 },
                    right: {
                        type: 'binary',
                        operator: '*',
                        left: { type: 'literal', value: 2 },
                        right: { type: 'literal', value: 3 }
                    }
                },
                right: { type: 'literal', value: 7 }
            },
            right: { type: 'literal', value: false }
        });
    });

    it('accepts case-insensitive function names and keywords, escapes and whitespace', () => {
        const result = parseFormula(" if( TRUE ,\n'a\\'b\\n' , Null )");
        expect(result.ok && result.ast).toEqual({
            type: 'call',
            name: 'IF',
            args: [
                { type: 'literal', value: true },
                { type: 'literal', value: "a'b\n" },
                { type: 'literal', value: null }
            ]
        });
    });

    it.each([
        ['IF({!a} > 1, , 2)', "Unexpected ',' at position 13 — did you forget an argument?", 13],
        ['AND({!a}, )', "Unexpected ')' at position 10 — did you forget an argument?", 10],
        ['(1 + )', "Unexpected ')' at position 5 — a value is missing before it", 5],
        ['1 +', 'Unexpected end of formula at position 3 — a value is missing after the last operator', 3],
        ['(1 + 2', "Missing ')' at position 6 — did you forget a closing ')' for the '(' at position 0?", 6],
        ['1 2', "Unexpected '2' at position 2", 2],
        ['1 + 2)', "Unexpected ')' at position 5 — there is a ')' without a matching '('", 5],
        ['', 'Empty formula at position 0', 0],
        ['   ', 'Empty formula at position 0', 0],
        ['"abc', 'Unterminated text literal at position 0 — close it with "', 0],
        ['{!a', "Unterminated merge field at position 0 — close it with '}'", 0],
        ['{!}', 'Empty merge field at position 0', 0],
        ['{!a.}', 'Empty name in merge field at position 4', 4],
        ['{! a.1b }', "Invalid name '1b' in merge field at position 5", 5],
        ['{a}', "Unexpected '{' at position 0 — merge fields are written {!name}", 0],
        ['1 # 2', "Unexpected character '#' at position 2", 2],
        ['12abc', "Invalid number '12a' at position 0", 0],
        ['1.2.3', "Invalid number '1.2.' at position 0", 0],
        ['Active', "Unknown name 'Active' at position 0 — merge fields are written {!Active}", 0],
        ['IFF(1, 2, 3)', "Unknown function 'IFF' at position 0 — did you mean IF?", 0],
        ['FOOBARBAZ(1)', "Unknown function 'FOOBARBAZ' at position 0 — available functions: ABS, ADDMONTHS, AND", 0],
        [
            'IF(TRUE, 1)',
            'IF expects 3 arguments but got 2 at position 0 — write IF(condition, valueIfTrue, valueIfFalse)',
            0
        ],
        ['NOT()', 'NOT expects 1 argument but got 0', 0],
        ['AND()', 'AND expects at least 1 argument but got 0', 0],
        ['TODAY(1)', 'TODAY expects 0 arguments but got 1', 0],
        ['x & TODAY', "Unknown name 'x' at position 0", 0],
        ['"a" & TODAY', 'Function TODAY needs parentheses at position 11 — write TODAY()', 11],
        ['LEN("a" "b")', "Unexpected text literal at position 8 — expected ',' or ')' — did you forget a comma", 8],
        ['(1 2)', "Unexpected '2' at position 3 — expected ')'", 3],
        ['* 2', "Unexpected '*' at position 0 — a value, merge field or function call was expected", 0]
    ])('reports %s with message, position and hint', (source, message, position) => {
        const error = errorOf(parseFormula(source));
        expect(error.message.startsWith(message)).toBe(true);
        expect(error.position).toBe(position);
        expect(error.position).toBeLessThanOrEqual(source.length);
    });

    it('keeps the hint separately', () => {
        expect(errorOf(parseFormula('IF(1,,2)')).hint).toBe('did you forget an argument?');
        expect(errorOf(parseFormula('1 # 2')).hint).toBeUndefined();
    });

    it('limits nesting instead of overflowing the stack', () => {
        const deep = '('.repeat(1000) + '1' + ')'.repeat(1000);
        expect(errorOf(parseFormula(deep)).message).toContain('nested too deeply');
        expect(errorOf(parseFormula('-'.repeat(500) + '1')).message).toContain('nested too deeply');
        expect(errorOf(parseFormula('LEN('.repeat(500) + '1' + ')'.repeat(500))).message).toContain(
            'nested too deeply'
        );
        expect(parseFormula('('.repeat(50) + '1' + ')'.repeat(50)).ok).toBe(true);
    });

    it('rejects non-text sources without throwing', () => {
        expect(errorOf(parseFormula(42 as unknown as string)).position).toBe(0);
    });

    it('caches parse results', () => {
        expect(parseFormulaCached('1 + 1')).toBe(parseFormulaCached('1 + 1'));
        expect(parseTemplateCached('a {!b}')).toBe(parseTemplateCached('a {!b}'));
        for (let i = 0; i < 1100; i++) parseFormulaCached(`${i}`);
        expect(parseFormulaCached('1 + 1').ok).toBe(true);
    });
});

describe('parseTemplate', () => {
    it('splits text and merge fields', () => {
        const result = parseTemplate('{!n} contacts set to {! activeStatus }!');
        expect(result.ok && result.ast).toEqual({
            type: 'template',
            parts: [
                { type: 'mergeField', path: ['n'] },
                { type: 'literal', value: ' contacts set to ' },
                { type: 'mergeField', path: ['activeStatus'] },
                { type: 'literal', value: '!' }
            ]
        });
        expect(result.ok && result.references).toEqual(['n', 'activeStatus']);
    });

    it('accepts text without merge fields and empty text', () => {
        expect(parseTemplate('plain {text}').ok).toBe(true);
        expect(parseTemplate('').ok && (parseTemplate('').ok ? true : false)).toBe(true);
    });

    it('reports unterminated and invalid merge fields with positions', () => {
        expect(errorOf(parseTemplate('Hello {!name')).position).toBe(6);
        expect(errorOf(parseTemplate('Hello {!a {!b}')).message).toContain('Unterminated merge field at position 6');
        expect(errorOf(parseTemplate('x {!a-b}')).message).toContain("Invalid name 'a-b' in merge field at position 4");
    });

    it('evaluates to text, blanks as empty text, lists joined', () => {
        const result = parseTemplate('{!n} for {!name}{!nothing}: {!ids} {!rec} {!flag} {!when}');
        expect(result.ok && evaluate(result.ast, scope)).toBe(
            '3 for Ann: 003A, 003B {"Id":"001","Name":"Acme"} true 2026-01-02T03:04:05.000Z'
        );
    });
});

describe('evaluate', () => {
    it.each([
        ['1 + 2 * 3', 7],
        ['(1 + 2) * 3', 9],
        ['10 / 4 - 1', 1.5],
        ['-{!n} + 1', -2],
        ['--2', 2],
        ['"a" & 1 + 2', 'a3'],
        ['"a" + "b"', 'ab'],
        ['{!name} + 1', 'Ann1'],
        ['{!nothing} + 1', null],
        ['-{!nothing}', null],
        ['{!nothing} & "x"', 'x'],
        ['1 = 1.0', true],
        ['"3" == {!n}', true],
        ['{!n} = "3"', true],
        ['{!n} = ""', false],
        ['{!empty} = {!nothing}', true],
        ['"a" != "A"', true],
        ['TRUE = "true"', true],
        ['"false" = FALSE', true],
        ['{!rec} = {!rec}', true],
        ['{!ids} = "x"', false],
        ['2 < 3', true],
        ['2 > 3', false],
        ['3 <= 3', true],
        ['2 >= 3', false],
        ['"abc" < "abd"', true],
        ['{!nothing} < 1', false],
        ['{!when} > {!when}', false],
        ['TRUE && !FALSE', true],
        ['FALSE || {!flag}', true],
        ['FALSE && (1 / 0 > 1)', false],
        ['TRUE || (1 / 0 > 1)', true],
        ['"true" && TRUE', true],
        ['{!nothing} || FALSE', false],
        ['IF({!n} > 2, "many", 1 / 0)', 'many'],
        ['IF({!n} > 5, 1 / 0, "few")', 'few'],
        ['AND(TRUE, {!flag}, 1 < 2)', true],
        ['AND(TRUE, FALSE, 1 / 0)', false],
        ['OR(FALSE, TRUE, 1 / 0)', true],
        ['OR(FALSE)', false],
        ['NOT({!flag})', false],
        ['ISBLANK({!empty}) && ISBLANK({!nothing}) && !ISBLANK({!name}) && ISBLANK({!missing})', true],
        ['BLANKVALUE({!empty}, "none")', 'none'],
        ['BLANKVALUE({!name}, 1 / 0)', 'Ann'],
        ['TEXT(12.5) & TEXT(TRUE) & TEXT({!nothing})', '12.5true'],
        ['VALUE(" 42 ") + VALUE(1)', 43],
        ['VALUE({!nothing})', null],
        ['LEN({!name}) + LEN({!ids}) + LEN({!nothing}) + LEN(123)', 8],
        ['CONTAINS({!name}, "nn") && !CONTAINS({!name}, "x")', true],
        ['CONTAINS({!ids}, "003B") && !CONTAINS({!ids}, "003C")', true],
        ['CONTAINS({!nothing}, "a")', false],
        ['UPPER("ab") & LOWER("CD") & TRIM("  e ")', 'ABcde'],
        ['ROUND(2.345, 2)', 2.35],
        ['ROUND(-2.5, 0)', -3],
        ['ROUND({!nothing}, 1)', null],
        ['TODAY()', '2026-11-27'],
        ['TODAY() + 5', '2026-12-02'],
        ['TODAY() - 27', '2026-10-31'],
        ['TODAY() - {!$Record.CloseDate}', 242],
        ['LEN(NOW())', 20],
        ['{!contactsTable.FirstSelectedRow.Name} & " / " & {!$User.FirstName}', 'Ann Smith / Mia']
    ])('%s → %p', (source, expected) => {
        expect(run(source)).toEqual(expected);
    });

    it('uses the system clock by default', () => {
        const result = parseFormula('TODAY()');
        expect(result.ok && typeof evaluate(result.ast, scope)).toBe('string');
    });

    it.each([
        ['1 / 0', 'Division by zero', 'DIVISION_BY_ZERO'],
        ['1 / {!zero}', 'Division by zero', 'DIVISION_BY_ZERO'],
        ['{!flag} * 2', "'*' expects Numbers but got Boolean true", 'TYPE_MISMATCH'],
        ['2 - "a"', "'-' cannot combine Number 2 with Text 'a'", 'TYPE_MISMATCH'],
        ['-"a"', "'-' expects a Number but got Text 'a'", 'TYPE_MISMATCH'],
        ['!1', "'!' expects a Boolean but got Number 1", 'TYPE_MISMATCH'],
        ['IF("yes", 1, 2)', "IF expects a Boolean but got Text 'yes'", 'TYPE_MISMATCH'],
        ['1 < "a"', "Cannot compare Number 1 with Text 'a' using '<'", 'TYPE_MISMATCH'],
        ['TRUE > FALSE', "Cannot compare Boolean true with Boolean false using '>'", 'TYPE_MISMATCH'],
        ['ROUND("a", 1)', 'ROUND expects a Number', 'TYPE_MISMATCH'],
        ['{!rec} * 1', "'*' expects Numbers but got Record", 'TYPE_MISMATCH'],
        ['{!ids} + 1', "'+' cannot combine List 003A, 003B with Number 1", 'TYPE_MISMATCH'],
        ['10 ^ 300 * 10 ^ 300', "The result of '*' is too large to be a number", 'NUMBER_OUT_OF_RANGE']
    ])('%s fails with %s', (source, message, code) => {
        let caught: unknown;
        try {
            run(source);
        } catch (e) {
            caught = e;
        }
        expect(caught).toBeInstanceOf(FormulaError);
        expect((caught as FormulaError).message).toContain(message);
        expect((caught as FormulaError).code).toBe(code);
    });

    it('truncates long values in messages', () => {
        expect(() => run(`-"${'x'.repeat(100)}"`)).toThrow(/x…/);
    });

    it('propagates scope errors', () => {
        const failing: Scope = {
            resolve: () => {
                throw new Error('Unknown resource');
            }
        };
        const result = parseFormula('{!a}');
        expect(() => result.ok && evaluate(result.ast, failing)).toThrow('Unknown resource');
    });
});

describe('printFormula', () => {
    it('prints with minimal parentheses', () => {
        const source = '(1 + 2) * -(3 - 4) & "q\\"\\\\\\n\\t\\r" & {!a.b} = NULL || !(TRUE && FALSE) && LEN("x") > 2';
        const ast = astOf(source);
        const printed = printFormula(ast);
        expect(printed).toBe(source);
        expect(astOf(printed)).toEqual(ast);
    });

    it('prints templates, negative and exponent numbers', () => {
        const template = parseTemplate('Hi {!name}');
        expect(template.ok && printFormula(template.ast)).toBe('"Hi " & {!name}');
        expect(printFormula({ type: 'template', parts: [] })).toBe('""');
        expect(printFormula({ type: 'literal', value: -5 })).toBe('-5');
        expect(printFormula({ type: 'literal', value: -0 })).toBe('-0');
        const unary: Ast = { type: 'unary', operator: '-', operand: { type: 'literal', value: -5 } };
        expect(printFormula(unary)).toBe('--5');
        const neg: Ast = {
            type: 'binary',
            operator: '*',
            left: { type: 'literal', value: -2 },
            right: { type: 'literal', value: 1e21 }
        };
        expect(printFormula(neg)).toBe('-2 * 1000000000000000000000');
        expect(run('1000000000000000000000 / 10 ^ 21')).toBe(1);
    });
});

describe('resolveValue', () => {
    it('returns the raw value of a single merge field, keeping arrays', () => {
        expect(resolveValue('{!contactsTable.SelectedRowsKeyValue}', scope)).toBe(
            values['contactsTable.SelectedRowsKeyValue']
        );
        expect(resolveValue('{!n}', scope)).toBe(3);
        expect(resolveValue('{!missing}', scope)).toBeNull();
    });

    it('evaluates templates to text', () => {
        expect(resolveValue('{!n} contacts set to Active', scope)).toBe('3 contacts set to Active');
        expect(resolveValue('{!n}{!name}', scope)).toBe('3Ann');
    });

    it('keeps literals', () => {
        const list = [1, 2];
        expect(resolveValue(list, scope)).toBe(list);
        expect(resolveValue(5, scope)).toBe(5);
        expect(resolveValue(null, scope)).toBeNull();
        expect(resolveValue('Active', scope)).toBe('Active');
        expect(resolveValue('0031234', scope, { formulas: true })).toBe('0031234');
        expect(resolveValue('(not a formula', scope, { formulas: true })).toBe('(not a formula');
    });

    it('evaluates formulas that start with = when asked (the = rule)', () => {
        expect(resolveValue('={!n} + 1', scope, { formulas: true })).toBe(4);
        expect(resolveValue(' =TODAY()', scope, { formulas: true, now })).toBe('2026-11-27');
        expect(resolveValue('{!n} + 1', scope, { formulas: true })).toBe('3 + 1');
        expect(resolveValue('={!n} + 1', scope)).toBe('=3 + 1');
        expect(resolveValue('TODAY()', scope, { formulas: true, now })).toBe('TODAY()');
        expect(resolveValue('{!n} - {!n}', scope, { formulas: true })).toBe('3 - 3');
        expect(resolveValue('{!n} contacts', scope, { formulas: true })).toBe('3 contacts');
        expect(() => resolveValue('=IFF(1, 2, 3)', scope, { formulas: true })).toThrow(
            "Unknown function 'IFF' at position 1 — did you mean IF?"
        );
    });

    it('resolves merge fields inside a list element by element', () => {
        expect(resolveValue(['{!n}', 'x', '{!name} & co', 7, '=1 + 1'], scope, { formulas: true })).toEqual([
            3,
            'x',
            'Ann & co',
            7,
            2
        ]);
        expect(resolveValue(['=1 + 1'], scope)).toEqual(['=1 + 1']);
        const numbers = [1, 2];
        expect(resolveValue(numbers, scope)).toBe(numbers);
    });

    it('throws a syntax error for a malformed template', () => {
        expect(() => resolveValue('Hello {!name', scope)).toThrow(ExpressionSyntaxError);
        let caught: unknown;
        try {
            resolveValue('Hello {!name', scope);
        } catch (e) {
            caught = e;
        }
        expect(caught).toEqual(expect.objectContaining({ position: 6, hint: "close it with '}'" }));
    });

    it('evaluateFormula parses and evaluates, or throws', () => {
        expect(evaluateFormula('{!n} * 2', scope)).toBe(6);
        expect(() => evaluateFormula('{!n} *', scope)).toThrow(/Unexpected end of formula at position 6/);
    });
});

describe('analyzeValue', () => {
    it('classifies values the way resolveValue resolves them', () => {
        expect(analyzeValue(5)).toEqual({ kind: 'literal', references: [] });
        expect(analyzeValue('Active')).toEqual({ kind: 'literal', references: [] });
        expect(analyzeValue('{!a.b}')).toEqual({ kind: 'mergeField', path: ['a', 'b'], references: ['a.b'] });
        expect(analyzeValue('{!a} + 1')).toEqual(expect.objectContaining({ kind: 'template', references: ['a'] }));
        expect(analyzeValue('{!a} + 1', { formulas: true })).toEqual(
            expect.objectContaining({ kind: 'template', references: ['a'] })
        );
        expect(analyzeValue('={!a} + 1', { formulas: true })).toEqual(
            expect.objectContaining({ kind: 'formula', references: ['a'] })
        );
        expect(analyzeValue('=("x")', { formulas: true })).toEqual(
            expect.objectContaining({ kind: 'formula', references: [] })
        );
        expect(analyzeValue('("x")', { formulas: true })).toEqual({ kind: 'literal', references: [] });
        expect(analyzeValue('x {!a', {})).toEqual(
            expect.objectContaining({
                kind: 'template',
                references: [],
                error: expect.objectContaining({ position: 2 })
            })
        );
    });

    it('reports why an = formula does not parse, with positions that count the =', () => {
        const typo = analyzeValue('=IFF({!a}, 1, 2)', { formulas: true });
        expect(typo.kind).toBe('formula');
        expect(typo.ast).toBeUndefined();
        expect(typo.error?.message).toBe("Unknown function 'IFF' at position 1 — did you mean IF?");
        expect(analyzeValue('IFF({!a}, 1, 2)', { formulas: true }).kind).toBe('template');
        expect(analyzeValue('Smith (Jr)', { formulas: true })).toEqual({ kind: 'literal', references: [] });
    });
});

describe('helpers', () => {
    it('singleMergeField recognises exactly one merge field', () => {
        expect(singleMergeField('{!a.b}')).toEqual(['a', 'b']);
        expect(singleMergeField('{!a} {!b}')).toBeNull();
        expect(singleMergeField('x{!a}')).toBeNull();
        expect(singleMergeField('{!a-b}')).toBeNull();
    });

    it('hasMergeFields, toText, valuesEqual, suggestName', () => {
        expect(hasMergeFields('a {!b}')).toBe(true);
        expect(hasMergeFields('a {b}')).toBe(false);
        expect(toText(undefined)).toBe('');
        expect(toText(0.1 + 0.2)).toBe('0.3');
        expect(toText(1 / 3)).toBe('0.333333333333333');
        expect(toText(12)).toBe('12');
        expect(toText(1e21)).toBe('1000000000000000000000');
        expect(valuesEqual(new Date(5), new Date(5))).toBe(true);
        expect(valuesEqual(NaN, null)).toBe(true);
        expect(suggestName('ISBLNK', Object.keys(FUNCTIONS))).toBe('ISBLANK');
        expect(suggestName('zzzzzz', ['IF'])).toBeUndefined();
    });
});
