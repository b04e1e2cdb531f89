import fc from 'fast-check';
import {
    CSV_BOM,
    csvField,
    csvFileName,
    csvLine,
    exportFileName,
    localDateText,
    neutralizeFormula,
    toCsv
} from 'c/dcRuntime';

/** A small RFC 4180 reader, to check that what we write reads back cell for cell. */
function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (ch === '"') quoted = false;
            else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            i++;
        } else cell += ch;
    }
    if (cell || row.length) throw new Error('the last line has no CRLF');
    return rows;
}

describe('csv', () => {
    it('quotes per RFC 4180 and ends lines with CRLF', () => {
        expect(csvField('plain')).toBe('plain');
        expect(csvField('a,b')).toBe('"a,b"');
        expect(csvField('say "hi"')).toBe('"say ""hi"""');
        expect(csvField('two\nlines')).toBe('"two\nlines"');
        expect(csvField('cr\rhere')).toBe('"cr\rhere"');
        expect(csvField(null)).toBe('');
        expect(csvField(undefined)).toBe('');
        expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
    });

    it('writes a BOM, the header and the rows', () => {
        const text = toCsv(
            [{ label: 'Name' }, { label: 'Amount, USD' }],
            [
                ['Ann', '1,234.50'],
                ['Bob', null]
            ]
        );
        expect(CSV_BOM).toBe('\uFEFF');
        expect(text).toBe('\uFEFFName,"Amount, USD"\r\nAnn,"1,234.50"\r\nBob,\r\n');
        expect(toCsv([{ label: 'Only' }], [])).toBe('\uFEFFOnly\r\n');
    });

    it('neutralises cells a spreadsheet would run as a formula (OWASP CSV injection)', () => {
        expect(neutralizeFormula('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
        expect(neutralizeFormula("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
        expect(neutralizeFormula('-2+3')).toBe("'-2+3");
        expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
        expect(neutralizeFormula('\t=1')).toBe("'\t=1");
        expect(neutralizeFormula('\r=1')).toBe("'\r=1");
        expect(neutralizeFormula('-')).toBe("'-");
        expect(neutralizeFormula('a=b')).toBe('a=b');
        // plain numbers are no formula: negative amounts stay numbers
        expect(neutralizeFormula('-12.5')).toBe('-12.5');
        expect(neutralizeFormula('-1,234.50')).toBe('-1,234.50');
        expect(neutralizeFormula('+49')).toBe('+49');
        expect(neutralizeFormula('-12,5 %')).toBe('-12,5 %');
        expect(neutralizeFormula('+49 (0) 30 123')).toBe("'+49 (0) 30 123");
        expect(csvField('=1,2')).toBe('"\'=1,2"');
    });

    it('property: every cell reads back as written (after neutralising), one row per line', () => {
        const cell = fc.string({
            unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '1', 'é', '€')
        });
        fc.assert(
            fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 8 }), (rows) => {
                const text = toCsv([{ label: 'A' }, { label: 'B' }], rows);
                expect(text.startsWith(CSV_BOM)).toBe(true);
                const parsed = parseCsv(text.slice(1));
                expect(parsed).toEqual([['A', 'B'], ...rows.map((r) => r.map(neutralizeFormula))]);
                // a cell may still begin with a sign only when it is a plain number
                const signed = parsed
                    .slice(1)
                    .flat()
                    .filter((c) => /^[=+\-@\t\r]/.test(c));
                for (const c of signed) expect(c).toMatch(/^[-+]\d[\d., ]*$/);
            })
        );
    });

    it('names the file after the definition and the user day', () => {
        // 23:30 UTC on 7 December is already 8 December in Berlin and still 7 December in Los Angeles
        const date = new Date('2026-12-07T23:30:00Z');
        expect(exportFileName('Open_Cases', date, 'Europe/Berlin')).toBe('Open_Cases_2026-12-08.csv');
        expect(exportFileName('Open_Cases', date, 'America/Los_Angeles')).toBe('Open_Cases_2026-12-07.csv');
        expect(exportFileName('Open_Cases', date, 'UTC')).toBe('Open_Cases_2026-12-07.csv');
        expect(localDateText(date, 'No/Zone')).toBe('2026-12-07');
        expect(csvFileName('Q4: report/draft?')).toBe('Q4_ report_draft_.csv');
        expect(csvFileName('report.CSV')).toBe('report.CSV');
        expect(csvFileName('  ')).toBe('export.csv');
    });
});
