/*
 * Property-based tests (fast-check) for the definition reader and validator: any text or JSON value gives
 * problems, never an exception; the work done is bounded by the input's size (counted steps, not wall time);
 * the reader agrees with JSON.parse; generated valid definitions stay valid through serialize → parse.
 */
import fc from 'fast-check';
import {
    MAX_NESTING,
    parseDefinition,
    parseJsonWithPositions,
    validateDefinition,
    type SchemaCatalog
} from 'c/dcDefinition';
import { Checker } from '../checker';
import { checkDocumentShape } from '../documentShape';
import { runChecks } from '../validator';

const catalog: SchemaCatalog = {
    describeObject(name) {
        if (name !== 'Contact') return undefined;
        const fields = ['Id', 'Name', 'Email', 'Phone'].map((n) => ({
            name: n,
            type: n === 'Id' ? 'ID' : 'STRING',
            sortable: true,
            filterable: true
        }));
        return { name, fields: new Map(fields.map((x) => [x.name, x])) };
    }
};

/** Text that looks like definitions often enough to reach deep into the validator. */
const definitionish = fc.oneof(
    fc.string(),
    fc.json(),
    fc
        .array(
            fc.constantFrom(
                '{',
                '}',
                '[',
                ']',
                ',',
                ':',
                '"',
                '\\',
                '"name"',
                '"kind"',
                '"__proto__"',
                '"formula"',
                '"{!a}"',
                '"=1+"',
                '1e400',
                '-0',
                'null',
                'true',
                ' ',
                '\n',
                '\u2028',
                '"\\ud800"'
            ),
            { maxLength: 60 }
        )
        .map((parts) => parts.join(''))
);

/** A JSON value shaped like a definition: the known keys with arbitrary values. */
const KEYS = [
    'schemaVersion',
    'apiName',
    'label',
    'resources',
    'queries',
    'components',
    'interactions',
    'name',
    'kind',
    'dataType',
    'value',
    'formula',
    'object',
    'fields',
    'where',
    'conditions',
    'field',
    'operator',
    'type',
    'query',
    'columns',
    'headerActions',
    'rowActions',
    'maxRowSelection',
    'requiresSelection',
    'id',
    'on',
    'event',
    'target',
    'action',
    'do',
    'onFinish',
    'onError',
    'flowApiName',
    'inputs',
    'outputs',
    'url',
    '__proto__',
    'constructor'
];
const shaped = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(
            1,
            'Text',
            'Number',
            'variable',
            'formula',
            'dataTable',
            'executeFlow',
            'navigate',
            'setVariable',
            '{!a}',
            '={!a} + 1',
            'IFF(1,2)',
            'mailto:x',
            // eslint-disable-next-line no-script-url -- an input the validator must reject
            'javascript:x',
            null,
            true
        ),
        fc.string({ maxLength: 12 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 })
    )
})).value;

describe('dcDefinition properties', () => {
    it('parseDefinition never throws on any text, and its reader agrees with JSON.parse', () => {
        fc.assert(
            fc.property(definitionish, (text) => {
                const result = parseDefinition(text, catalog);
                expect(Array.isArray(result.problems)).toBe(true);
                const parsed = parseJsonWithPositions(text);
                let expected: unknown;
                let valid = true;
                try {
                    expected = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
                } catch {
                    valid = false;
                }
                // JSON.parse has no depth limit; fc.json() stays far below MAX_NESTING.
                expect(parsed.error === undefined).toBe(valid);
                expect(valid ? parsed.value : expected).toEqual(expected);
            }),
            { numRuns: 1500 }
        );
    });

    it('validateDefinition never throws on any JSON value or definition-shaped value', () => {
        fc.assert(
            fc.property(fc.oneof(fc.jsonValue(), shaped), (doc) => {
                const problems = validateDefinition(doc, catalog);
                for (const p of problems) {
                    expect(typeof p.path).toBe('string');
                    expect(p.message.length).toBeGreaterThan(10);
                }
            }),
            { numRuns: 1500 }
        );
    });

    it('the reader works in steps linear in the text; deep nesting stops at the limit', () => {
        fc.assert(
            fc.property(definitionish, (text) => {
                const { steps } = parseJsonWithPositions(text);
                expect(steps).toBeLessThanOrEqual(2 * text.length + 2);
            }),
            { numRuns: 500 }
        );
        for (const depth of [MAX_NESTING, MAX_NESTING + 1, 100_000]) {
            const text = '['.repeat(depth) + ']'.repeat(depth);
            const parsed = parseJsonWithPositions(text);
            expect(parsed.error === undefined).toBe(depth <= MAX_NESTING);
            expect(parsed.steps).toBeLessThanOrEqual(2 * MAX_NESTING + 2);
        }
    });

    it('the validator works in steps linear in the document', () => {
        fc.assert(
            fc.property(shaped, (doc) => {
                if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return;
                const shape = checkDocumentShape(doc);
                if (shape.fatal) return;
                const ctx = new Checker(doc as Record<string, unknown>, catalog);
                runChecks(ctx);
                // A constant number of checks per value (each object kind checks a fixed set of keys).
                expect(ctx.steps).toBeLessThanOrEqual(20 * shape.visited + 40);
            }),
            { numRuns: 800 }
        );
    });

    it('valid generated definitions stay valid (and equal) through serialize → parse', () => {
        const resource = fc.oneof(
            fc.record({
                kind: fc.constant('variable'),
                dataType: fc.constantFrom('Number', 'Currency'),
                value: fc.integer()
            }),
            fc.record({
                kind: fc.constant('variable'),
                dataType: fc.constant('Text'),
                value: fc.string({ maxLength: 20 }).filter((s) => !s.includes('{!') && !s.trimStart().startsWith('='))
            }),
            fc.record({ kind: fc.constant('constant'), dataType: fc.constant('Boolean'), value: fc.boolean() }),
            fc.record({
                kind: fc.constant('constant'),
                dataType: fc.constant('Date'),
                value: fc
                    .date({
                        min: new Date('1700-01-01T00:00:00Z'),
                        max: new Date('4000-12-31T00:00:00Z'),
                        noInvalidDate: true
                    })
                    .map((d) => d.toISOString().slice(0, 10))
            }),
            fc.record({ kind: fc.constant('formula'), dataType: fc.constant('Number'), formula: fc.constant('') })
        );
        const definition = fc
            .record({
                resources: fc.array(resource, { maxLength: 12 }),
                fields: fc.subarray(['Name', 'Email', 'Phone'], { minLength: 1 }),
                maxRowSelection: fc.integer({ min: 1, max: 200 }),
                title: fc.string({ maxLength: 30 }).filter((s) => !s.includes('{!'))
            })
            .map(({ resources, fields, maxRowSelection, title }) => {
                const named = resources.map((r, i) => {
                    const name = `r${i}`;
                    if (r.kind !== 'formula') return { name, ...r };
                    // Formulas read an earlier Number resource (a chain: never a cycle) or a literal.
                    const earlier = resources.findIndex(
                        (o, j) => j < i && o.kind !== 'constant' && o.dataType !== 'Text'
                    );
                    return { name, ...r, formula: earlier >= 0 ? `{!r${earlier}} + ${i}` : `${i} * 2` };
                });
                return {
                    schemaVersion: 1,
                    apiName: 'Generated_Board',
                    label: 'Generated',
                    resources: named,
                    queries: [{ name: 'contacts', object: 'Contact', fields }],
                    components: [
                        {
                            name: 'contactsTable',
                            type: 'dataTable',
                            title,
                            query: 'contacts',
                            maxRowSelection,
                            columns: fields.map((field) => ({ field })),
                            headerActions: [{ name: 'go', label: 'Go', requiresSelection: true }]
                        }
                    ],
                    interactions: [
                        {
                            id: 'go',
                            on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' },
                            do: [{ type: 'showToast', title: '{!contactsTable.SelectedRowCount} selected' }]
                        }
                    ]
                };
            });
        fc.assert(
            fc.property(definition, fc.constantFrom(0, 2, 4), (doc, indent) => {
                expect(validateDefinition(doc, catalog)).toEqual([]);
                const result = parseDefinition(JSON.stringify(doc, null, indent), catalog);
                expect(result.problems).toEqual([]);
                expect(result.definition).toEqual(doc);
            }),
            { numRuns: 300 }
        );
    });
});
