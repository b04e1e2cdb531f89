import fc from 'fast-check';
import { REQUIRED_MESSAGE, numberSymbols, parseEditValue, parseLocaleNumber, wallTimeToUtc } from 'c/dcRuntime';
import type { ParseResult } from 'c/dcRuntime';

function value(result: ParseResult): unknown {
    if (!result.ok) throw new Error(`expected a value, got the message: ${result.message}`);
    return result.value;
}

function message(result: ParseResult): string {
    if (result.ok) throw new Error(`expected a message, got the value ${JSON.stringify(result.value)}`);
    return result.message;
}

describe('numbers in the user locale', () => {
    it('reads the separators from Intl.NumberFormat', () => {
        expect(numberSymbols('de-DE')).toMatchObject({ group: '.', decimal: ',', example: '1.234,56' });
        expect(numberSymbols('en-US')).toMatchObject({ group: ',', decimal: '.', example: '1,234.56' });
        expect(numberSymbols('not a locale')).toMatchObject({ group: ',', decimal: '.' });
    });

    it.each([
        ['en-US', '1,234.5', 1234.5],
        ['en-US', '1234.5', 1234.5],
        ['en-US', '-1,234,567.25', -1234567.25],
        ['en-US', '+12', 12],
        ['en-US', '.5', 0.5],
        ['en-US', '\u22123', -3],
        ['de-DE', '1.234,5', 1234.5],
        ['de-DE', '1234,5', 1234.5],
        ['de-DE', '-0,25', -0.25],
        ['fr-FR', '1\u202f234,5', 1234.5],
        ['fr-FR', '1 234,5', 1234.5],
        ['en-IN', '12,34,567.5', 1234567.5]
    ])('%s reads %s as %d', (locale, text, expected) => {
        expect(parseLocaleNumber(text, locale)?.value).toBe(expected);
        expect(value(parseEditValue('DOUBLE', text, { locale }))).toBe(expected);
    });

    it.each([
        ['de-DE', '1.5'],
        ['de-DE', '1,2,3'],
        ['en-US', '1,23'],
        ['en-US', '12,34,5'],
        ['en-US', '1.2.3'],
        ['en-US', 'abc'],
        ['en-US', '12a'],
        ['en-US', '1.'],
        ['en-US', '-'],
        ['en-US', '1e5'],
        ['en-US', '1,2345']
    ])('%s refuses %s instead of guessing', (locale, text) => {
        expect(parseLocaleNumber(text, locale)).toBeNull();
    });

    it('says what format it expects, in the locale', () => {
        expect(message(parseEditValue('DOUBLE', '1.5', { locale: 'de-DE' }))).toBe(
            "'1.5' is not a number. Enter a number like 1.234,56."
        );
        expect(message(parseEditValue('INTEGER', 'twelve', { locale: 'en-US' }))).toBe(
            "'twelve' is not a number. Enter a number like 1,234."
        );
    });

    it('takes whole numbers only for INTEGER and LONG, in their ranges', () => {
        expect(value(parseEditValue('INTEGER', '1,234', { locale: 'en-US' }))).toBe(1234);
        expect(message(parseEditValue('INTEGER', '12.5', { locale: 'en-US' }))).toBe(
            'Enter a whole number, without decimals, like 1,234.'
        );
        expect(message(parseEditValue('LONG', 3.5))).toContain('whole number');
        expect(message(parseEditValue('INTEGER', '3000000000', { locale: 'en-US' }))).toBe(
            'Enter a whole number between -2,147,483,648 and 2,147,483,647.'
        );
        expect(value(parseEditValue('LONG', '3000000000', { locale: 'en-US' }))).toBe(3000000000);
        expect(message(parseEditValue('LONG', '9007199254740993', { locale: 'en-US' }))).toContain(
            '9,007,199,254,740,991'
        );
    });

    it('refuses more than 18 digits', () => {
        expect(message(parseEditValue('DOUBLE', '1234567890.123456789', { locale: 'en-US' }))).toBe(
            'This number has 19 digits; a Salesforce number field holds at most 18.'
        );
        expect(value(parseEditValue('DOUBLE', '000001', { locale: 'en-US' }))).toBe(1);
        expect(message(parseEditValue('DOUBLE', 1e21))).toBe(
            'This number has 19 digits; a Salesforce number field holds at most 18.'
        );
    });

    it('takes an already parsed number, and refuses NaN and Infinity', () => {
        expect(value(parseEditValue('CURRENCY', 12.5))).toBe(12.5);
        expect(value(parseEditValue('DOUBLE', -0))).toBe(0);
        expect(message(parseEditValue('DOUBLE', Number.NaN))).toBe('Enter a number.');
        expect(message(parseEditValue('DOUBLE', Infinity))).toBe('Enter a number.');
    });

    it('strips a percent sign and a currency symbol or code', () => {
        expect(value(parseEditValue('PERCENT', '12,5 %', { locale: 'de-DE' }))).toBe(12.5);
        expect(value(parseEditValue('PERCENT', '12.5%', { locale: 'en-US' }))).toBe(12.5);
        expect(value(parseEditValue('CURRENCY', '$1,234.50', { locale: 'en-US', currency: 'USD' }))).toBe(1234.5);
        expect(value(parseEditValue('CURRENCY', '-$5', { locale: 'en-US', currency: 'USD' }))).toBe(-5);
        expect(value(parseEditValue('CURRENCY', '1.234,50 €', { locale: 'de-DE', currency: 'EUR' }))).toBe(1234.5);
        expect(value(parseEditValue('CURRENCY', 'EUR 10', { locale: 'de-DE', currency: 'EUR' }))).toBe(10);
        expect(value(parseEditValue('CURRENCY', '10', { locale: 'en-US', currency: 'NOPE' }))).toBe(10);
        expect(parseEditValue('CURRENCY', '£10', { locale: 'en-US', currency: 'USD' }).ok).toBe(false);
    });

    it('property: any number formatted by the locale reads back as itself', () => {
        const locales = ['en-US', 'de-DE', 'fr-FR', 'en-IN', 'de-CH', 'es-ES', 'ja-JP', 'pt-BR'];
        fc.assert(
            fc.property(
                fc.constantFrom(...locales),
                fc.integer({ min: -999999999999, max: 999999999999 }),
                fc.integer({ min: 0, max: 3 }),
                (locale, n, decimals) => {
                    const x = n / 10 ** decimals;
                    const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(x);
                    expect(parseLocaleNumber(text, locale)?.value).toBe(x);
                }
            )
        );
    });
});

describe('dates and date-times', () => {
    it('takes lightning-input ISO dates that exist on the calendar', () => {
        expect(value(parseEditValue('DATE', '2028-02-29'))).toBe('2028-02-29');
        expect(message(parseEditValue('DATE', '2026-02-29'))).toBe('February 2026 has no day 29.');
        expect(message(parseEditValue('DATE', '31.12.2026'))).toBe(
            "'31.12.2026' is not a date in the form YYYY-MM-DD."
        );
        expect(message(parseEditValue('DATE', '1600-01-01'))).toBe(
            'The year 1600 is outside the range Salesforce stores (1700 to 4000).'
        );
    });

    it('normalises ISO date-times to UTC and reads a time without an offset in the user time zone', () => {
        expect(value(parseEditValue('DATETIME', '2026-12-01T10:00:00.000Z'))).toBe('2026-12-01T10:00:00.000Z');
        expect(value(parseEditValue('DATETIME', '2026-12-01T10:00:00+01:00'))).toBe('2026-12-01T09:00:00.000Z');
        expect(value(parseEditValue('DATETIME', '2026-12-01T10:00:00+0530'))).toBe('2026-12-01T04:30:00.000Z');
        expect(value(parseEditValue('DATETIME', '2026-12-01T10:00', { timeZone: 'Europe/Berlin' }))).toBe(
            '2026-12-01T09:00:00.000Z'
        );
        expect(value(parseEditValue('DATETIME', '2026-07-01T10:00:30.5', { timeZone: 'Europe/Berlin' }))).toBe(
            '2026-07-01T08:00:30.500Z'
        );
        expect(value(parseEditValue('DATETIME', '2026-07-01T10:00', { timeZone: 'America/Los_Angeles' }))).toBe(
            '2026-07-01T17:00:00.000Z'
        );
        expect(value(parseEditValue('DATETIME', '2026-07-01T10:00'))).toBe('2026-07-01T10:00:00.000Z');
        expect(value(parseEditValue('DATETIME', '2026-07-01T10:00', { timeZone: 'Not/AZone' }))).toBe(
            '2026-07-01T10:00:00.000Z'
        );
    });

    it('refuses date-times that do not exist or that Salesforce cannot store', () => {
        expect(message(parseEditValue('DATETIME', '2026-02-30T10:00:00Z'))).toBe('February 2026 has no day 30.');
        expect(message(parseEditValue('DATETIME', '2026-01-01T25:00:00Z'))).toBe(
            "'2026-01-01T25:00:00Z' has a time of day that does not exist."
        );
        expect(message(parseEditValue('DATETIME', 'tomorrow'))).toBe(
            "'tomorrow' is not a date-time in the form YYYY-MM-DDThh:mm:ssZ."
        );
        // valid as written, but the instant falls before 1700 in UTC
        expect(message(parseEditValue('DATETIME', '1700-01-01T00:30:00+01:00'))).toBe(
            'The year 1699 is outside the range Salesforce stores (1700 to 4000).'
        );
    });

    it('converts wall-clock times across daylight saving', () => {
        const berlin = (wall: number): string => new Date(wallTimeToUtc(wall, 'Europe/Berlin')).toISOString();
        // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00): read as 03:30 CEST
        expect(berlin(Date.UTC(2026, 2, 29, 2, 30))).toBe('2026-03-29T01:30:00.000Z');
        expect(berlin(Date.UTC(2026, 2, 29, 3, 30))).toBe('2026-03-29T01:30:00.000Z');
        expect(berlin(Date.UTC(2026, 2, 29, 1, 30))).toBe('2026-03-29T00:30:00.000Z');
        // 2026-10-25 02:30 happens twice: the later one (CET, +01:00)
        expect(berlin(Date.UTC(2026, 9, 25, 2, 30))).toBe('2026-10-25T01:30:00.000Z');
        expect(berlin(Date.UTC(2026, 9, 25, 12, 0))).toBe('2026-10-25T11:00:00.000Z');
        expect(wallTimeToUtc(5, 'UTC')).toBe(5);
        expect(wallTimeToUtc(5, undefined)).toBe(5);
    });
});

describe('other types', () => {
    it('refuses a cleared required field and keeps blank as null otherwise', () => {
        expect(REQUIRED_MESSAGE).toBe('Complete this field.');
        for (const type of [
            'STRING',
            'DOUBLE',
            'DATE',
            'DATETIME',
            'EMAIL',
            'PICKLIST',
            'MULTIPICKLIST',
            'REFERENCE'
        ]) {
            expect(message(parseEditValue(type, '  ', { required: true }))).toBe(REQUIRED_MESSAGE);
            expect(value(parseEditValue(type, null))).toBeNull();
        }
        expect(message(parseEditValue('MULTIPICKLIST', [], { required: true }))).toBe(REQUIRED_MESSAGE);
        expect(value(parseEditValue('STRING', undefined))).toBeNull();
    });

    it('checks email addresses', () => {
        expect(value(parseEditValue('EMAIL', ' ann.lee+crm@example.co.uk '))).toBe('ann.lee+crm@example.co.uk');
        expect(message(parseEditValue('EMAIL', 'ann@'))).toBe(
            "'ann@' is not an email address. Enter one like name@example.com."
        );
        expect(parseEditValue('EMAIL', 'ann@example').ok).toBe(false);
        expect(parseEditValue('EMAIL', 'a b@example.com').ok).toBe(false);
        expect(message(parseEditValue('EMAIL', `${'a'.repeat(75)}@x.com`))).toBe(
            'This email address has 81 characters; the field holds at most 80.'
        );
    });

    it('checks phone numbers', () => {
        expect(value(parseEditValue('PHONE', '+1 (415) 555-0100'))).toBe('+1 (415) 555-0100');
        expect(value(parseEditValue('PHONE', '0171 5550100 ext. 12'))).toBe('0171 5550100 ext. 12');
        expect(message(parseEditValue('PHONE', 'call me'))).toBe(
            "'call me' is not a phone number. Use digits, spaces and + ( ) - . only, like +1 (415) 555-0100."
        );
        expect(message(parseEditValue('PHONE', '1'.repeat(41)))).toBe(
            'This phone number has 41 characters; the field holds at most 40.'
        );
    });

    it('checks web addresses and refuses script schemes', () => {
        for (const ok of [
            'https://www.example.com/a?b=1#c',
            'www.example.com',
            'example.com:8080/x',
            'http://localhost:3000',
            'ftp://files.example.org'
        ]) {
            expect(value(parseEditValue('URL', ok))).toBe(ok);
        }
        for (const bad of [
            // eslint-disable-next-line no-script-url -- the input under test
            'javascript:alert(1)',
            'data:text/html,x',
            'file:///etc/passwd',
            'not a url',
            'intranet',
            'https://-bad-.com'
        ]) {
            expect(message(parseEditValue('URL', bad))).toBe(
                `'${bad}' is not a web address. Enter one like https://www.example.com.`
            );
        }
        expect(message(parseEditValue('URL', `https://example.com/${'a'.repeat(240)}`))).toBe(
            'This web address has 260 characters; the field holds at most 255.'
        );
    });

    it('checks text length when the field length is known, and keeps text area line breaks', () => {
        expect(value(parseEditValue('TEXTAREA', 'line 1\nline 2\n'))).toBe('line 1\nline 2\n');
        expect(value(parseEditValue('STRING', 'abc', { maxLength: 3 }))).toBe('abc');
        expect(message(parseEditValue('STRING', 'abcde', { maxLength: 3 }))).toBe(
            'This text has 5 characters; the field holds at most 3. Shorten it by 2.'
        );
        expect(value(parseEditValue('', 42))).toBe('42');
    });

    it('reads checkboxes', () => {
        expect(value(parseEditValue('BOOLEAN', true))).toBe(true);
        expect(value(parseEditValue('boolean', 'false'))).toBe(false);
        expect(value(parseEditValue('BOOLEAN', null, { required: true }))).toBe(false);
        expect(message(parseEditValue('BOOLEAN', 'yes'))).toBe("'yes' is not a checkbox value: use true or false.");
    });

    it('reads picklists, multi-select values as A;B, and record Ids', () => {
        expect(value(parseEditValue('PICKLIST', ' Active '))).toBe('Active');
        expect(value(parseEditValue('MULTIPICKLIST', ['A', 'B', '', 'A']))).toBe('A;B');
        expect(value(parseEditValue('MULTIPICKLIST', 'A; B;;C'))).toBe('A;B;C');
        expect(value(parseEditValue('REFERENCE', '001000000000001AAA'))).toBe('001000000000001AAA');
        expect(value(parseEditValue('REFERENCE', '001000000000001'))).toBe('001000000000001');
        expect(message(parseEditValue('REFERENCE', 'Acme'))).toBe(
            "'Acme' is not a record. Choose a record from the list."
        );
    });
});
