import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../lib/paths';
import { readStaticLiteralCases, STATIC_LITERAL_TABLE } from '../../lib/staticLiteralCases';
import { STATIC_LITERAL_CLASS, writeStaticLiteralApex } from '../../build/staticLiteralApex';
import { checkStaticLiteralApex } from '../checks/staticLiteralApex';
import { FIXTURES, problemsOf } from './helpers';

const FIXTURE = 'consistency-static-literals';
const STALE = `${STATIC_LITERAL_CLASS}:5: is stale: it no longer matches ${STATIC_LITERAL_TABLE} (first difference on this line), so client and server would run different cases; run \`npx tsx scripts/build/staticLiteralApex.ts\` and commit the class`;

/** A copy of the fixture in a temporary folder (removed by the caller). */
function copyOfFixture(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-literals-'));
    fs.cpSync(path.join(FIXTURES, FIXTURE), dir, { recursive: true });
    return dir;
}

test('consistency: a generated Apex class older than its static-literal table fails, at the first differing line', async () => {
    assert.deepEqual(await problemsOf('consistency', FIXTURE), [STALE]);
});

test('consistency: a missing generated class fails with the command that makes it; regenerating it passes', async () => {
    const dir = copyOfFixture();
    try {
        fs.rmSync(path.join(dir, STATIC_LITERAL_CLASS));
        fs.rmSync(path.join(dir, `${STATIC_LITERAL_CLASS}-meta.xml`));
        assert.deepEqual(
            (await checkStaticLiteralApex(dir)).map((p) => `${p.file}:${p.line}: ${p.message}`),
            [
                `${STATIC_LITERAL_CLASS}:1: is missing: the server side of ${STATIC_LITERAL_TABLE} is generated, run \`npx tsx scripts/build/staticLiteralApex.ts\` and commit the class`,
                `${STATIC_LITERAL_CLASS}-meta.xml:1: is missing or not the generated one; run \`npx tsx scripts/build/staticLiteralApex.ts\` and commit the class`
            ]
        );
        await writeStaticLiteralApex(dir);
        assert.deepEqual(await checkStaticLiteralApex(dir), []);
        const text = fs.readFileSync(path.join(dir, STATIC_LITERAL_CLASS), 'utf8');
        assert.match(text, /runs the same 3 cases/);
        assert.match(
            text,
            /check\('group 1 case 3: " =TODAY\(\)" as Date', '" =TODAY\(\)"', 'Date', ServerInputs\.CLIENT_SOURCE, 'Unknown'\);/
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test("consistency: the project's StaticLiteralConformance_Tests is generated from its table", async () => {
    assert.deepEqual(await checkStaticLiteralApex(REPO_ROOT), []);
});

test('static-literal table: its groups and every conformance formula, with and without "="', () => {
    const cases = readStaticLiteralCases(path.join(REPO_ROOT, STATIC_LITERAL_TABLE));
    const byValue = (v: unknown) => cases.find((c) => JSON.stringify(c.value) === JSON.stringify(v));
    assert.deepEqual(byValue('TODAY()'), {
        id: 'group 1 case 1',
        value: 'TODAY()',
        dataType: 'Text',
        collection: false,
        kind: 'literal',
        source: 'static',
        valueType: 'Text',
        typed: 'TODAY()',
        typedError: undefined
    });
    // a conformance formula stored without '=' is literal text, a template, or a merge field; with '=' a formula
    assert.equal(byValue('ROUND(1.5, 0)')?.kind, 'literal');
    assert.equal(byValue('ROUND(1.5, 0)')?.typed, 'ROUND(1.5, 0)');
    assert.equal(byValue('=ROUND(1.5, 0)')?.kind, 'formula');
    assert.equal(byValue('=ROUND(1.5, 0)')?.source, 'client');
    const conformance = cases.filter((c) => c.id.startsWith('conformance'));
    assert.ok(conformance.length >= 400, `${conformance.length} conformance cases`);
    assert.ok(conformance.some((c) => c.kind === 'template'));
});

test('static-literal table: a literal without its typed value is refused by name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-literals-'));
    try {
        const file = path.join(dir, 'cases.json');
        fs.writeFileSync(
            file,
            JSON.stringify({ groups: [{ source: 'x', cases: [{ value: 'a', dataType: 'Text', kind: 'literal' }] }] })
        );
        assert.throws(() => readStaticLiteralCases(file), {
            message: `${file}: group 1 case 1 is a literal without "typed" or "typedError"`
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
