/*
 * The preview backend types static flow inputs exactly as Apex FlowValueCoercer does: every literal of the shared
 * static-literal table (lwc/dcExpressions/__tests__/staticLiterals.cases.json, also run by Jest on the client and by
 * the generated Apex StaticLiteralConformance_Tests) through coerceFlowValue, the preview's coercer.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { coerceFlowValue } from '../backend/controller';
import { ServiceError } from '../backend/errors';
import {
    readStaticLiteralCases,
    STATIC_LITERAL_TABLE,
    type StaticLiteralCase
} from '../../scripts/lib/staticLiteralCases';
import { REPO } from './helpers';

const FLOW_TYPE: Record<StaticLiteralCase['dataType'], string> = {
    Text: 'String',
    Number: 'Number',
    Currency: 'Currency',
    Boolean: 'Boolean',
    Date: 'Date',
    DateTime: 'DateTime'
};

const typedCases = readStaticLiteralCases(path.join(REPO, STATIC_LITERAL_TABLE)).filter(
    (c) => c.kind === 'literal' && (c.typed !== undefined || c.typedError !== undefined)
);

/** Date-times compare as instants: Apex keeps a Datetime, the preview an ISO string with milliseconds. */
function comparable(c: StaticLiteralCase, v: unknown): unknown {
    if (c.dataType !== 'DateTime') return v;
    const one = (x: unknown) => (typeof x === 'string' ? Date.parse(x) : x);
    return Array.isArray(v) ? v.map(one) : one(v);
}

test('the table has typed literals of every data type and refusals', () => {
    assert.ok(typedCases.length >= 20, `${typedCases.length} typed cases`);
    for (const t of Object.keys(FLOW_TYPE))
        assert.ok(
            typedCases.some((c) => c.dataType === t),
            t
        );
    assert.ok(typedCases.some((c) => c.typedError));
});

for (const c of typedCases) {
    test(`${c.id}: ${JSON.stringify(c.value)} as ${c.dataType}${c.collection ? ' collection' : ''}`, () => {
        const variable = {
            name: 'v',
            dataType: FLOW_TYPE[c.dataType],
            isCollection: c.collection,
            isInput: true,
            isOutput: false
        };
        if (c.typedError) {
            assert.throws(
                () => coerceFlowValue(variable, c.value, "Input 'v'"),
                (e: unknown) => e instanceof ServiceError && e.code === c.typedError
            );
            return;
        }
        assert.deepEqual(
            comparable(c, coerceFlowValue(variable, c.value, "Input 'v'")),
            comparable(c, c.typed ?? null)
        );
    });
}
