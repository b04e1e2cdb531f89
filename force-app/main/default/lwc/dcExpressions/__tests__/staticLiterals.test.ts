/*
 * Static flow input values on the client: the cases of staticLiterals.cases.json (and every conformance formula,
 * stored with and without '='), as scripts/lib/staticLiteralCases.ts expands them. Apex
 * StaticLiteralConformance_Tests, generated from the same list, runs them on the server.
 */
import * as path from 'node:path';
import { analyzeValue, resolveValue, type Scope } from 'c/dcExpressions';
import { inputSource, inputSourceScope } from 'c/dcRuntime';
import { valueType, valueTypeLabel } from 'c/dcDefinition';
import { readStaticLiteralCases, STATIC_LITERAL_TABLE } from '../../../../../../scripts/lib/staticLiteralCases';

const CASES = readStaticLiteralCases(path.resolve(__dirname, '../../../../../..', STATIC_LITERAL_TABLE));
const EMPTY: Scope = { resolve: () => undefined };
const NO_RESOURCES = {};

/** "Text", "Text collection", "Unknown" (the table's spelling of a ValueType). */
function typeName(value: unknown, dataType: string, collection: boolean): string {
    const type = valueType(NO_RESOURCES, value, { dataType, collection });
    return type.dataType === 'Unknown' && !type.isCollection ? 'Unknown' : valueTypeLabel(type);
}

describe('static flow input values on the client (staticLiterals.cases.json)', () => {
    it('has the table and the conformance formulas', () => {
        expect(CASES.filter((c) => c.id.startsWith('group')).length).toBeGreaterThanOrEqual(30);
        expect(CASES.filter((c) => c.id.startsWith('conformance')).length).toBeGreaterThanOrEqual(300);
    });

    const rows = (list: typeof CASES) => list.map((c) => [c.id, JSON.stringify(c.value), c] as const);

    // the = rule as analyzeValue reads it (inline formulas allowed, as for flow inputs), and where the server takes
    // the value from: the stored definition (static) or the browser (client)
    it.each(rows(CASES))('%s: %s — kind and source', (_id, _shown, c) => {
        expect(analyzeValue(c.value, { formulas: true }).kind).toBe(c.kind);
        expect(inputSource(c.value, inputSourceScope(NO_RESOURCES))).toBe(c.source);
    });

    it.each(rows(CASES.filter((c) => c.valueType !== undefined)))('%s: %s — contract type', (_id, _shown, c) => {
        expect(typeName(c.value, c.dataType, c.collection)).toBe(c.valueType);
    });

    // a literal resolves to itself: the stored value is what the server types for the flow
    it.each(rows(CASES.filter((c) => c.kind === 'literal')))('%s: %s — a literal stays as stored', (_id, _shown, c) => {
        expect(resolveValue(c.value, EMPTY, { formulas: true })).toEqual(c.value);
    });
});
