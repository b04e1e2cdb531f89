/* A data table's height: 'auto', a whole number of rows, or a CSS length; each mistake gets its own message. */
import { validateDefinition } from 'c/dcDefinition';

function doc(height: unknown): unknown {
    return {
        schemaVersion: 1,
        apiName: 'Height_Board',
        label: 'Height board',
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [
            { name: 'contactsTable', type: 'dataTable', query: 'contacts', columns: [{ field: 'Name' }], height }
        ]
    };
}

function heightProblems(height: unknown): string[] {
    return validateDefinition(doc(height))
        .filter((p) => p.path === 'components[0].height')
        .map((p) => p.message);
}

describe('data table height', () => {
    it.each([undefined, 'auto', 1, 10, 100, '400px', '64px', '4000px', '30rem', '50vh', '100%'])(
        'accepts %p',
        (height) => {
            expect(validateDefinition(doc(height))).toEqual([]);
        }
    );

    it('says a quoted number has no unit and how to write rows or pixels', () => {
        expect(heightProblems('10')).toEqual([
            'The table height "10" has no unit: write 10 without quotes for 10 rows, or "10px" for pixels.'
        ]);
    });

    it('says a number of rows must be whole', () => {
        expect(heightProblems(7.5)).toEqual([
            'The table height 7.5 is a number of rows, which must be whole: write 8, or "7.5px" for pixels.'
        ]);
    });

    it('says too few or too many rows, and what to use instead', () => {
        expect(heightProblems(0)).toEqual(['The table height 0 rows is too small: show at least 1 row.']);
        expect(heightProblems(101)).toEqual([
            'The table height 101 rows is too large: use "auto" to grow with the rows, or at most 100 rows.'
        ]);
    });

    it('says pixels too small or too large', () => {
        expect(heightProblems('20px')).toEqual([
            'The table height "20px" is too small: at least "64px" leaves room for the header and one row.'
        ]);
        expect(heightProblems('9000px')).toEqual([
            'The table height "9000px" is too large: use at most "4000px", or "auto" to grow up to the window height.'
        ]);
    });

    it('says an unknown unit or word is not understood and lists the forms', () => {
        for (const bad of ['400pt', 'tall', 'Auto']) {
            const [message] = heightProblems(bad);
            expect(message).toContain(`The table height "${bad}" is not understood`);
            expect(message).toContain('"auto"');
            expect(message).toContain('a whole number of rows such as 10');
            expect(message).toContain('"400px"');
        }
    });

    it('says which kinds of value are allowed for a wrong type', () => {
        expect(heightProblems(true)[0]).toMatch(/^The table height must be "auto" .* but it is /);
        expect(heightProblems(true)[0]).toContain('but it is');
    });
});
