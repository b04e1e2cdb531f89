import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matching, problemsOf } from './helpers';
import { apexDeclarations, readApexClass, tsTypeOf } from '../../build/apexSurface';
import { parseTscOutput } from '../../build/steps';
import * as path from 'node:path';
import { FIXTURES } from './helpers';

test('build: the LWC compiler rejects a template error and a decorator error, with their lines', async () => {
    const problems = await problemsOf('build', 'build-lwc-errors');
    assert.equal(
        matching(problems, /badTemplate\.html:2: LWC compiler: LWC1043: Event handler should be an expression/).length,
        1,
        problems.join('\n')
    );
    assert.equal(
        matching(
            problems,
            /badDecorator\.js:4: LWC compiler: .*LWC1093: @api method or property cannot be used with @track/
        ).length,
        1,
        problems.join('\n')
    );
});

test('build: a bundle whose .ts was never compiled is reported', async () => {
    const problems = await problemsOf('build', 'package-shape');
    assert.equal(
        matching(problems, /tsOnly\.ts:1: LWC bundle tsOnly has no tsOnly\.js: run the build/).length,
        1,
        problems.join('\n')
    );
});

test('build: the clean fixture compiles', async () => {
    assert.deepEqual(await problemsOf('build', 'clean'), []);
});

test('apex surface: reads @AuraEnabled methods with parameters, return types and cacheable', () => {
    const info = readApexClass(
        path.join(FIXTURES, 'consistency-lwc-apex/force-app/main/default/classes/OrderController.cls')
    );
    assert.equal(info.auraMethods.length, 1);
    const [m] = info.auraMethods;
    assert.deepEqual(
        {
            name: m.name,
            params: m.params,
            returnType: m.returnType,
            isStatic: m.isStatic,
            cacheable: m.cacheable,
            line: m.line
        },
        {
            name: 'listOrders',
            params: [
                { type: 'String', name: 'accountId' },
                { type: 'Integer', name: 'pageSize' }
            ],
            returnType: 'List<String>',
            isStatic: true,
            cacheable: true,
            line: 2
        }
    );
    assert.ok(info.methodNames.has('helper'));
});

test('apex surface: declarations type the parameters so a wrong name fails tsc', () => {
    const info = readApexClass(
        path.join(FIXTURES, 'consistency-lwc-apex/force-app/main/default/classes/OrderController.cls')
    );
    const dts = apexDeclarations(new Map([['ordercontroller', info]]));
    assert.match(dts, /declare module '@salesforce\/apex\/OrderController\.listOrders'/);
    assert.match(dts, /params: \{ accountId: string \| null; pageSize: number \| null \}\) => Promise<string\[\]>/);
    assert.doesNotMatch(dts, /OrderController\.helper/);
});

test('apex surface: maps Apex types to TypeScript', () => {
    assert.equal(tsTypeOf('Map<String, Object>'), 'Record<string, unknown>');
    assert.equal(tsTypeOf('List<Map<String,Integer>>'), 'Record<string, number>[]');
    assert.equal(tsTypeOf('Set<Id>'), 'string[]');
    assert.equal(tsTypeOf('Boolean'), 'boolean');
    assert.equal(tsTypeOf('Date'), 'string');
    assert.equal(tsTypeOf('QueryResponse'), 'unknown');
});

test('tsc output becomes file:line problems relative to the project', () => {
    const out =
        'force-app/main/default/lwc/x/x.ts(12,5): error TS2353: Object literal may only specify known properties.\n';
    assert.deepEqual(parseTscOutput('/p', out), [
        {
            file: 'force-app/main/default/lwc/x/x.ts',
            line: 12,
            message: 'TS2353: Object literal may only specify known properties.'
        }
    ]);
});

test('build: a TypeScript LWC bundle without a tsconfig path entry is reported with the entry to add', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const { checkTsconfigPaths } = await import('../../build/steps');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-tsconfig-'));
    for (const b of ['mapped', 'unmapped']) {
        fs.mkdirSync(path.join(root, 'force-app', 'main', 'default', 'lwc', b), { recursive: true });
        fs.writeFileSync(path.join(root, 'force-app', 'main', 'default', 'lwc', b, `${b}.ts`), 'export {};\n');
    }
    fs.writeFileSync(
        path.join(root, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { paths: { 'c/mapped': ['./force-app/main/default/lwc/mapped/mapped'] } } })
    );
    const problems = checkTsconfigPaths(root);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /bundle 'unmapped' has no "c\/unmapped" entry/);
    assert.equal(checkTsconfigPaths(REPO_ROOT_FOR_TEST).length, 0, 'the project maps every bundle');
    fs.rmSync(root, { recursive: true, force: true });
});

const REPO_ROOT_FOR_TEST = path.resolve(__dirname, '..', '..', '..');
