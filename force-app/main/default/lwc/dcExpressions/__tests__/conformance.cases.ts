/*
 * Conformance table of the formula engine against Salesforce's formula documentation.
 *
 * Each group names its source: a Salesforce Help page of "Formula Operators and Functions"
 * (https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm), a knowledge article or a
 * Trailhead unit. An expected value is either quoted from the page's own example or follows directly from the
 * semantics the page states (then the comment says "from the stated rule"). Where the docs are silent the case says
 * so: it then pins this engine's documented choice (docs/DEFINITIONS.md "## Formulas"), not a Salesforce fact.
 *
 * Scope of every case: SCOPE below; clock: CLOCK (TODAY() is 2026-05-01 in any time zone).
 */

export interface ConformanceCase {
    formula: string;
    /** Expected plain result (Date 'YYYY-MM-DD', DateTime ISO text). */
    expected?: unknown;
    /** Expected FormulaError code instead of a value. */
    error?: string;
    /** Expected parse failure (message fragment) instead of a value. */
    parseError?: string;
}

export interface ConformanceGroup {
    source: string;
    cases: ConformanceCase[];
}

/** Local noon, so TODAY() is 2026-05-01 whatever the machine's time zone. */
export const CLOCK = (): Date => new Date(2026, 4, 1, 12, 0, 0);

export const SCOPE: Record<string, unknown> = {
    startDate: '2017-09-20',
    endOfSeptember: '2017-09-30',
    leapDay: '2016-02-29',
    saleDate: '2015-03-17',
    saleTime: '2015-03-17T17:00:00Z',
    morning: '2015-03-17T08:30:00Z',
    textField: '123',
    dollarText: '$123',
    euroText: 'EUR123',
    blankText: null,
    emptyText: '',
    spaceText: ' ',
    zero: 0,
    amount: 1200,
    percent: 0.3,
    discount: 0.1,
    hobbies: 'Golf;Tennis;Chess',
    hobbyList: ['Golf', 'Tennis'],
    status: 'Closed',
    company: 'my_company.com',
    lastName: 'Smithson',
    ssn: '123-45-6789',
    nullNumber: null,
    nullDate: null,
    month: 3,
    bigNumber: 12345678901234567000
};

const ROUND_PAGE = 'Salesforce Help, ROUND (platform.customize_functions_round.htm)';
const NUMBERS_PAGE = 'Salesforce Help, Formula Operators and Functions: Math Operators and Math Functions';

export const CONFORMANCE: ConformanceGroup[] = [
    {
        source: `${ROUND_PAGE}: the page's examples`,
        cases: [
            { formula: 'ROUND(1.5, 0)', expected: 2 },
            { formula: 'ROUND(1.2345, 0)', expected: 1 },
            { formula: 'ROUND(-1.5, 0)', expected: -2 },
            { formula: 'ROUND(225.49823, 2)', expected: 225.5 }
        ]
    },
    {
        source: `${ROUND_PAGE} and "Round half up" (formula fields use round half up on the decimal value): from the stated rule`,
        cases: [
            { formula: 'ROUND(1.005, 2)', expected: 1.01 },
            { formula: 'ROUND(2.675, 2)', expected: 2.68 },
            { formula: 'ROUND(12.345, 2)', expected: 12.35 },
            { formula: 'ROUND(-12.345, 2)', expected: -12.35 },
            { formula: 'ROUND(0.5, 0)', expected: 1 },
            { formula: 'ROUND(2.5, 0)', expected: 3 },
            { formula: 'ROUND(1.4999, 0)', expected: 1 },
            { formula: 'ROUND(1234.5678, -2)', expected: 1200 },
            { formula: 'ROUND(1250, -2)', expected: 1300 },
            { formula: 'ROUND(49, -2)', expected: 0 },
            { formula: 'ROUND(0.045, 2)', expected: 0.05 },
            { formula: 'ROUND(8.325, 2)', expected: 8.33 },
            // Docs silent on more digits than the number has: the number is returned unchanged (never null).
            { formula: 'ROUND(1.005, 400)', expected: 1.005 },
            { formula: 'ROUND(12.5, -400)', expected: 0 },
            { formula: 'ROUND({!nullNumber}, 2)', expected: null }
        ]
    },
    {
        source: 'Salesforce knowledge article 000386432 "CEILING and FLOOR formula functions behave differently for negative numbers": the article\'s examples',
        cases: [
            { formula: 'CEILING(2.5)', expected: 3 },
            { formula: 'FLOOR(2.5)', expected: 2 },
            { formula: 'CEILING(-2.5)', expected: -3 },
            { formula: 'FLOOR(-2.5)', expected: -2 },
            // From the stated rule (the function applies to the absolute value, then the sign is put back).
            { formula: 'CEILING(2.1)', expected: 3 },
            { formula: 'CEILING(-2.1)', expected: -3 },
            { formula: 'FLOOR(2.9)', expected: 2 },
            { formula: 'FLOOR(-2.9)', expected: -2 },
            { formula: 'CEILING(4)', expected: 4 },
            { formula: 'FLOOR(-4)', expected: -4 }
        ]
    },
    {
        source: `${NUMBERS_PAGE}: operators + - * / ^ ( ) with standard precedence (from the stated rules)`,
        cases: [
            { formula: '1 + 2 * 3', expected: 7 },
            { formula: '(1 + 2) * 3', expected: 9 },
            { formula: '10 / 4', expected: 2.5 },
            { formula: '10 - 2 - 3', expected: 5 },
            { formula: '2 ^ 3', expected: 8 },
            { formula: '2 * 3 ^ 2', expected: 18 },
            { formula: '{!amount} * (1 - {!discount})', expected: 1080 },
            { formula: '0.1 + 0.2', expected: 0.3 },
            { formula: '1 / 0', error: 'DIVISION_BY_ZERO' },
            { formula: '10 ^ 300 * 10 ^ 300', error: 'NUMBER_OUT_OF_RANGE' },
            // Numbers in formulas are plain decimals; exponent notation is not formula syntax.
            { formula: '1e5', parseError: 'Exponent notation' },
            { formula: '9'.repeat(400), parseError: 'Number is too large' }
        ]
    },
    {
        source: `${NUMBERS_PAGE}: ABS, MOD, MAX, MIN, SQRT, EXP, LN, LOG, POWER (page examples and stated rules)`,
        cases: [
            { formula: 'ABS(-5)', expected: 5 },
            { formula: 'ABS(5)', expected: 5 },
            { formula: 'MOD(3, 3)', expected: 0 },
            { formula: 'MOD(4, 3)', expected: 1 },
            { formula: 'MOD(123, 100)', expected: 23 },
            // Docs silent on a negative dividend; the remainder has the dividend's sign (as Apex Math.mod).
            { formula: 'MOD(-7, 3)', expected: -1 },
            { formula: 'MOD(5, 0)', error: 'DIVISION_BY_ZERO' },
            { formula: 'MAX(0.06 * 1200, 50)', expected: 72 },
            { formula: 'MAX(1, 7, 3)', expected: 7 },
            { formula: 'MIN(250, 0.1 * 1200)', expected: 120 },
            { formula: 'MIN(-1, 0)', expected: -1 },
            { formula: 'SQRT(25)', expected: 5 },
            { formula: 'SQRT(2)', expected: 1.4142135623731 },
            // SQRT page: "Calculating the square root of a negative number results in an error".
            { formula: 'SQRT(-1)', error: 'INVALID_ARGUMENT' },
            { formula: 'EXP(0)', expected: 1 },
            { formula: 'EXP(1)', expected: 2.71828182845905 },
            { formula: 'LN(1)', expected: 0 },
            { formula: 'LN(EXP(2))', expected: 2 },
            { formula: 'LN(0)', error: 'INVALID_ARGUMENT' },
            { formula: 'LOG(100)', expected: 2 },
            { formula: 'LOG(1000)', expected: 3 },
            { formula: 'LOG(-10)', error: 'INVALID_ARGUMENT' },
            { formula: 'POWER(2, 10)', expected: 1024 },
            { formula: 'POWER(9, 0.5)', expected: 3 },
            { formula: 'POWER(-8, 0.5)', error: 'INVALID_ARGUMENT' }
        ]
    },
    {
        source: 'Salesforce Help, "Using Date, Date/Time, and Time Values in Formulas" and ADDMONTHS/DATE/DATEVALUE pages (examples and stated rules)',
        cases: [
            { formula: 'TODAY()', expected: '2026-05-01' },
            { formula: 'TODAY() + 3', expected: '2026-05-04' },
            { formula: 'TODAY() - 1', expected: '2026-04-30' },
            { formula: '{!startDate} + 5', expected: '2017-09-25' },
            { formula: 'DATE(2005, 01, 02)', expected: '2005-01-02' },
            { formula: 'DATE(2005, 1, 2) - DATE(2004, 12, 31)', expected: 2 },
            { formula: 'DATE(2016, 3, 1) - DATE(2016, 2, 1)', expected: 29 },
            { formula: 'DATEVALUE("2005-11-15")', expected: '2005-11-15' },
            { formula: 'DATEVALUE({!saleTime})', expected: '2015-03-17' },
            { formula: 'DATETIMEVALUE("2005-11-15 17:00:00")', expected: '2005-11-15T17:00:00.000Z' },
            { formula: 'DATETIMEVALUE(DATE(2005, 11, 15))', expected: '2005-11-15T00:00:00.000Z' },
            { formula: '{!saleTime} + 1', expected: '2015-03-18T17:00:00.000Z' },
            { formula: '{!saleTime} + 5 / 24', expected: '2015-03-17T22:00:00.000Z' },
            { formula: '{!saleTime} - 0.5', expected: '2015-03-17T05:00:00.000Z' },
            { formula: '{!saleTime} - {!morning}', expected: 0.354166666666667 },
            { formula: 'NOW() + 1 - NOW()', expected: 1 },
            { formula: 'DATEVALUE(NOW() + 1) - DATEVALUE(NOW())', expected: 1 },
            { formula: 'ADDMONTHS({!startDate}, 5)', expected: '2018-02-20' },
            { formula: 'ADDMONTHS({!endOfSeptember}, 5)', expected: '2018-02-28' },
            { formula: 'ADDMONTHS(DATE(2017, 2, 28), 1)', expected: '2017-03-31' },
            { formula: 'ADDMONTHS(DATE(2017, 1, 15), -2)', expected: '2016-11-15' },
            { formula: 'ADDMONTHS({!leapDay}, 12)', expected: '2017-02-28' },
            // Docs silent on a day the target month lacks (not the last day): it becomes that month's last day.
            { formula: 'ADDMONTHS(DATE(2017, 1, 30), 1)', expected: '2017-02-28' },
            { formula: 'YEAR(DATE(2005, 1, 2))', expected: 2005 },
            { formula: 'MONTH(DATE(2005, 11, 2))', expected: 11 },
            { formula: 'DAY(DATE(2005, 11, 2))', expected: 2 },
            { formula: 'DAY({!nullDate})', expected: null },
            // WEEKDAY page: 1 for Sunday, 2 for Monday, through 7 for Saturday. 2017-09-17 was a Sunday.
            { formula: 'WEEKDAY(DATE(2017, 9, 17))', expected: 1 },
            { formula: 'WEEKDAY(DATE(2017, 9, 18))', expected: 2 },
            { formula: 'WEEKDAY(DATE(2017, 9, 19))', expected: 3 },
            { formula: 'WEEKDAY(DATE(2017, 9, 20))', expected: 4 },
            { formula: 'WEEKDAY(DATE(2017, 9, 21))', expected: 5 },
            { formula: 'WEEKDAY(DATE(2017, 9, 22))', expected: 6 },
            { formula: 'WEEKDAY(DATE(2017, 9, 23))', expected: 7 },
            { formula: 'WEEKDAY(DATE(1700, 1, 1))', expected: 6 },
            // Valid dates only, years 1700 to 4000 (the dates Salesforce stores).
            { formula: 'DATE(2017, 2, 30)', error: 'INVALID_DATE' },
            { formula: 'DATE(2017, 13, 1)', error: 'INVALID_DATE' },
            { formula: 'DATE(99, 1, 1)', error: 'INVALID_DATE' },
            { formula: 'DATE(4001, 1, 1)', error: 'INVALID_DATE' },
            { formula: 'DATE(2016, 2, 29)', expected: '2016-02-29' },
            { formula: 'DATE(4000, 12, 31) + 1', error: 'DATE_OUT_OF_RANGE' },
            { formula: 'TODAY() + 10 ^ 300', error: 'DATE_OUT_OF_RANGE' },
            { formula: 'NOW() + 10 ^ 300', error: 'DATE_OUT_OF_RANGE' },
            { formula: 'ADDMONTHS(TODAY(), 10 ^ 300)', error: 'DATE_OUT_OF_RANGE' },
            { formula: 'DATEVALUE("2005-02-30")', error: 'INVALID_DATE' },
            { formula: 'DATETIMEVALUE("2005-11-15 25:00:00")', error: 'INVALID_DATE' }
        ]
    },
    {
        source: 'Trailhead "Use Text Formulas" (advanced_formulas/text_formulas): TEXT() examples and stated rules',
        cases: [
            { formula: 'TEXT({!saleDate})', expected: '2015-03-17' },
            { formula: 'TEXT({!saleTime})', expected: '2015-03-17 17:00:00Z' },
            { formula: 'TEXT({!percent})', expected: '0.3' },
            { formula: 'TEXT(1200)', expected: '1200' },
            { formula: 'TEXT(DATE(2015, 3, 17))', expected: '2015-03-17' },
            // "TEXT() returns output without any formatting": no exponent notation for large or small numbers.
            { formula: 'TEXT(10 ^ 21)', expected: '1000000000000000000000' },
            { formula: 'TEXT({!bigNumber})', expected: '12345678901234567000' },
            { formula: 'TEXT(1 / 10 ^ 7)', expected: '0.0000001' },
            { formula: 'TEXT(-2.5)', expected: '-2.5' },
            { formula: 'TEXT({!nullNumber})', expected: '' },
            { formula: '"Total: " & TEXT({!amount})', expected: 'Total: 1200' }
        ]
    },
    {
        source: "Salesforce Help, VALUE (platform.customize_functions_value.htm): the page's examples and tips",
        cases: [
            { formula: '1 + VALUE({!textField})', expected: 124 },
            { formula: '1 + VALUE({!blankText})', expected: null },
            { formula: '1 + VALUE({!dollarText})', expected: null },
            { formula: '1 + VALUE({!euroText})', expected: null },
            { formula: 'MOD(VALUE("7"), 3)', expected: 1 },
            // "doesn't include special characters other than a decimal point (period) or minus sign (dash)".
            { formula: 'VALUE("-12.5")', expected: -12.5 },
            { formula: 'VALUE("1e5")', expected: null },
            { formula: 'VALUE("1,000")', expected: null },
            { formula: 'VALUE("+5")', expected: null },
            { formula: 'VALUE("abc")', expected: null },
            { formula: 'ISNUMBER("123")', expected: true },
            { formula: 'ISNUMBER("12a")', expected: false }
        ]
    },
    {
        source: 'Salesforce Help, Formula Operators and Functions: Text functions (page examples and stated rules)',
        cases: [
            { formula: 'UPPER("mycompany.com")', expected: 'MYCOMPANY.COM' },
            { formula: 'LOWER("MYCOMPANY.COM")', expected: 'mycompany.com' },
            { formula: 'UPPER("abc", "en_US")', expected: 'ABC' },
            { formula: 'LEN("Salesforce")', expected: 10 },
            { formula: 'LEN({!blankText})', expected: 0 },
            { formula: 'LEN(" ")', expected: 1 },
            { formula: 'LEFT("Salesforce", 5)', expected: 'Sales' },
            // LEFT/RIGHT pages: a num_chars less than zero is replaced with zero.
            { formula: 'LEFT("Salesforce", -1)', expected: '' },
            { formula: 'LEFT("abc", 10)', expected: 'abc' },
            { formula: 'RIGHT("Salesforce", 5)', expected: 'force' },
            { formula: 'RIGHT({!ssn}, 4)', expected: '6789' },
            { formula: 'RIGHT("abc", -2)', expected: '' },
            { formula: 'MID("Salesforce", 3, 4)', expected: 'lesf' },
            { formula: 'MID("Salesforce", 1, 5)', expected: 'Sales' },
            { formula: 'MID("abc", 3, 10)', expected: 'c' },
            // FIND page: 1-based position, case-sensitive, 0 when not found or when the text is blank.
            { formula: 'FIND("force", "Salesforce")', expected: 6 },
            { formula: 'FIND("Force", "Salesforce")', expected: 0 },
            { formula: 'FIND("s", "Salesforce", 4)', expected: 5 },
            { formula: 'FIND(" ", {!blankText})', expected: 0 },
            { formula: 'FIND("-", {!ssn})', expected: 4 },
            { formula: 'CONTAINS("Salesforce", "force")', expected: true },
            { formula: 'CONTAINS("Salesforce", "Force")', expected: false },
            { formula: 'CONTAINS("part 12", "part")', expected: true },
            { formula: 'BEGINS("Salesforce", "Sales")', expected: true },
            { formula: 'BEGINS("Salesforce", "sales")', expected: false },
            { formula: 'SUBSTITUTE("Coupon code", "Coupon", "Discount")', expected: 'Discount code' },
            { formula: 'SUBSTITUTE("a-b-c", "-", "")', expected: 'abc' },
            { formula: 'SUBSTITUTE("aaa", "a", "bb")', expected: 'bbbbbb' },
            { formula: 'TRIM("  Smith  ")', expected: 'Smith' },
            { formula: 'TRIM(LEFT({!lastName}, 5)) & "-" & TRIM(RIGHT({!ssn}, 4))', expected: 'Smith-6789' },
            // LPAD/RPAD pages: padded to the length, or truncated to it; the default pad is a space.
            { formula: 'LPAD({!company}, 14, "z")', expected: 'my_company.com' },
            { formula: 'LPAD({!company}, 15, "z")', expected: 'zmy_company.com' },
            { formula: 'LPAD({!company}, 2, "z")', expected: 'my' },
            { formula: 'RPAD({!company}, 14, "z")', expected: 'my_company.com' },
            { formula: 'RPAD({!company}, 15, "z")', expected: 'my_company.comz' },
            { formula: 'RPAD({!company}, 2, "z")', expected: 'my' },
            { formula: 'LPAD("7", 3, "0")', expected: '007' },
            { formula: 'LPAD("ab", 4)', expected: '  ab' },
            { formula: 'RPAD("ab", 5, "xy")', expected: 'abxyx' },
            { formula: '"Hello" & " " & "World"', expected: 'Hello World' },
            { formula: '"a" + "b"', expected: 'ab' },
            { formula: '"x" & {!blankText} & "y"', expected: 'xy' }
        ]
    },
    {
        source: 'Salesforce Help, Formula Operators and Functions: Logical functions and operators (page examples and stated rules)',
        cases: [
            { formula: 'IF({!amount} > 1000, "Large", "Small")', expected: 'Large' },
            { formula: 'IF(FALSE, 1, 2)', expected: 2 },
            // IF evaluates only the chosen branch.
            { formula: 'IF(TRUE, 1, 1 / 0)', expected: 1 },
            { formula: 'AND(TRUE, FALSE)', expected: false },
            { formula: 'AND(TRUE, TRUE, TRUE)', expected: true },
            { formula: 'OR(FALSE, TRUE)', expected: true },
            { formula: 'OR(FALSE, FALSE)', expected: false },
            { formula: 'NOT(TRUE)', expected: false },
            { formula: 'TRUE && FALSE', expected: false },
            { formula: 'TRUE || FALSE', expected: true },
            { formula: '1 = 1', expected: true },
            { formula: '1 == 1', expected: true },
            { formula: '1 <> 2', expected: true },
            { formula: '1 != 1', expected: false },
            { formula: '2 >= 2', expected: true },
            { formula: '"a" < "b"', expected: true },
            { formula: 'DATE(2020, 1, 1) < DATE(2020, 1, 2)', expected: true },
            { formula: '{!saleDate} = DATE(2015, 3, 17)', expected: true },
            {
                formula:
                    'CASE({!month}, 1, "January", 2, "February", 3, "March", 4, "April", 5, "May", 6, "June", 7, "July", 8, "August", 9, "September", 10, "October", 11, "November", 12, "December", "None")',
                expected: 'March'
            },
            { formula: 'CASE(13, 1, "January", "None")', expected: 'None' },
            { formula: 'CASE("b", "a", 1, "b", 2, 0)', expected: 2 },
            { formula: 'CASE(1, 1, "x")', parseError: 'CASE expects at least 4 arguments' },
            { formula: 'CASE(1, 1, "x", 2, "y")', parseError: 'CASE needs value/result pairs' },
            { formula: 'ISPICKVAL({!status}, "Closed")', expected: true },
            { formula: 'ISPICKVAL({!status}, "Open")', expected: false },
            { formula: 'NOT(ISPICKVAL({!status}, "Open"))', expected: true },
            { formula: 'INCLUDES({!hobbies}, "Golf")', expected: true },
            { formula: 'INCLUDES({!hobbies}, "Gol")', expected: false },
            { formula: 'INCLUDES({!hobbyList}, "Tennis")', expected: true }
        ]
    },
    {
        source: 'Salesforce Help, ISBLANK / ISNULL / BLANKVALUE / NULLVALUE pages and "Handle null values in formulas" (treat blank fields as blanks)',
        cases: [
            { formula: 'ISBLANK({!blankText})', expected: true },
            { formula: 'ISBLANK({!emptyText})', expected: true },
            // ISBLANK page: a field is not empty if it contains a character, blank space, or zero.
            { formula: 'ISBLANK({!spaceText})', expected: false },
            { formula: 'ISBLANK({!zero})', expected: false },
            { formula: 'ISBLANK("")', expected: true },
            { formula: 'ISNULL({!nullNumber})', expected: true },
            { formula: 'ISNULL({!zero})', expected: false },
            // ISNULL page: text fields are never null (use ISBLANK).
            { formula: 'ISNULL({!emptyText})', expected: false },
            { formula: 'BLANKVALUE({!blankText}, "No phone")', expected: 'No phone' },
            { formula: 'BLANKVALUE({!status}, "No status")', expected: 'Closed' },
            { formula: 'BLANKVALUE({!nullDate}, {!startDate} + 5)', expected: '2017-09-25' },
            { formula: 'NULLVALUE({!nullNumber}, 0)', expected: 0 },
            { formula: 'NULLVALUE({!amount}, 0)', expected: 1200 },
            // "Treat blank fields as blanks": arithmetic with a blank is blank.
            { formula: '{!nullNumber} + 1', expected: null },
            { formula: '{!nullNumber} * 2', expected: null },
            { formula: '{!nullDate} + 1', expected: null },
            { formula: '-{!nullNumber}', expected: null },
            { formula: 'ABS({!nullNumber})', expected: null },
            { formula: 'MAX(1, {!nullNumber})', expected: null },
            { formula: '{!nullNumber} > 1', expected: false }
        ]
    },
    {
        source: 'Salesforce Help, "Formula Field Limits and Restrictions" (a formula has at most 3,900 characters); unknown functions are a syntax error ("Unknown function")',
        cases: [
            { formula: 'IFF(TRUE, 1, 2)', parseError: 'did you mean IF?' },
            { formula: 'ROUNDD(1.5, 0)', parseError: 'did you mean ROUND?' },
            { formula: 'LEN("a", "b")', parseError: 'LEN expects 1 argument but got 2' },
            { formula: `"${'x'.repeat(3900)}"`, parseError: 'at most 3900 characters' },
            { formula: `1${' + 1'.repeat(640)}`, expected: 641 },
            { formula: `"a"${' & "a"'.repeat(600)}`, expected: 'a'.repeat(601) },
            // The inline-formula marker is tolerated in formulas.
            { formula: '=1 + 1', expected: 2 }
        ]
    }
];
