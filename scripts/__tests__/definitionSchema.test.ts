/*
 * Keeps definitions/definition.schema.json (editor completion) in step with c/dcDefinition (the validator):
 * every definition in the repo passes both, and each bad document below is rejected by both.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { validateDefinition } from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { REPO_ROOT } from '../lib/paths';

const DEFINITIONS = path.join(REPO_ROOT, 'definitions');
const schema = JSON.parse(fs.readFileSync(path.join(DEFINITIONS, 'definition.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true
});
const validateSchema = ajv.compile(schema);

function definitionFiles(): string[] {
    return fs
        .readdirSync(DEFINITIONS)
        .filter((f) => f.endsWith('.json') && f !== 'definition.schema.json')
        .map((f) => path.join(DEFINITIONS, f));
}

function schemaErrors(doc: unknown): string[] {
    return validateSchema(doc) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

// Test documents are mutated freely below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/** A small valid definition using every resource kind and every action type. */
function good(): Doc {
    return {
        $schema: './definition.schema.json',
        schemaVersion: 1,
        apiName: 'Schema_Sample',
        label: 'Sample',
        resources: [
            { name: 'count', kind: 'variable', dataType: 'Number', value: 0 },
            { name: 'rec', kind: 'variable', dataType: 'Record', objectApiName: 'Contact' },
            { name: 'status', kind: 'constant', dataType: 'Text', value: 'Active' },
            { name: 'heading', kind: 'formula', dataType: 'Text', formula: '"Hi " & {!$User.FirstName}' }
        ],
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email'],
                where: {
                    logic: '1 OR 2',
                    conditions: [
                        { field: 'Name', operator: 'startsWith', value: 'A' },
                        { field: 'Email', operator: 'isNull', value: false }
                    ]
                },
                orderBy: [{ field: 'Name', direction: 'desc' }],
                searchFields: ['Name'],
                pageSize: 20,
                maxRows: 1000
            }
        ],
        components: [
            {
                name: 'table',
                type: 'dataTable',
                title: '{!heading}',
                query: 'contacts',
                maxRowSelection: 10,
                showSearch: true,
                frozenColumns: 1,
                columns: [
                    { field: 'Name', linkToRecord: true, editable: true, wrap: true },
                    {
                        field: 'Email',
                        cellStyles: [
                            { operator: 'endsWith', value: '.org', variant: 'success', badge: true },
                            { operator: 'isNull', variant: 'neutral' }
                        ]
                    }
                ],
                headerActions: [{ name: 'run', label: 'Run', requiresSelection: true, variant: 'brand' }],
                rowActions: [{ name: 'open', label: 'Open' }]
            }
        ],
        interactions: [
            {
                id: 'runIt',
                on: { event: 'headerActionClick', target: 'table', action: 'run' },
                do: [
                    {
                        type: 'confirm',
                        message: 'Sure?',
                        onCancel: [{ type: 'showToast', title: 'Cancelled' }],
                        onFinish: [
                            {
                                type: 'executeFlow',
                                id: 'flow1',
                                flowApiName: 'Some_Flow',
                                inputs: [{ name: 'ids', value: '{!table.SelectedRowsKeyValue}', collection: true }],
                                outputs: [{ name: 'n', resource: 'count' }],
                                onFinish: [
                                    { type: 'refreshQueries' },
                                    { type: 'setVariable', variable: 'count', operator: 'add', value: 1 }
                                ],
                                onError: [
                                    {
                                        type: 'showToast',
                                        variant: 'error',
                                        title: 'Failed',
                                        message: '{!$Error.message}'
                                    }
                                ]
                            }
                        ]
                    }
                ]
            },
            {
                id: 'openIt',
                on: { event: 'rowActionClick', target: 'table', action: 'open' },
                do: [
                    { type: 'navigate', target: 'recordPage', recordId: '{!table.ActionRow.Id}' },
                    {
                        type: 'openFlowDialog',
                        flowApiName: 'Edit_Flow',
                        inputs: [{ name: 'recordId', value: '{!table.ActionRow.Id}' }]
                    },
                    { type: 'openFlowPanel', flowApiName: 'Log_Flow', position: 'left' },
                    { type: 'exportCsv', table: 'table', fileName: 'contacts.csv' }
                ]
            },
            {
                id: 'saved',
                on: { event: 'save', target: 'table' },
                do: [{ type: 'showToast', title: '{!table.LastSaveSavedCount} saved' }]
            },
            { id: 'loaded', on: { event: 'load' }, do: [{ type: 'refreshQueries', queries: ['contacts'] }] }
        ]
    };
}

/** Bad documents both the schema and the validator must reject (shape errors the schema can express). */
const BAD: [string, (d: ReturnType<typeof good>) => void][] = [
    ['wrong schemaVersion', (d) => (d.schemaVersion = 2)],
    ['missing label', (d) => delete d.label],
    ['apiName with a double underscore', (d) => (d.apiName = 'Bad__Name')],
    ['apiName ending with an underscore', (d) => (d.apiName = 'Bad_')],
    ['apiName longer than 40', (d) => (d.apiName = 'A'.repeat(41))],
    ['unknown top-level property', (d) => (d.lable = 'x')],
    ['unknown resource kind', (d) => (d.resources[0].kind = 'varable')],
    ['formula property on a constant', (d) => (d.resources[2].formula = 'x')],
    ['isCollection on a formula', (d) => (d.resources[3].isCollection = true)],
    ['constant without value', (d) => delete d.resources[2].value],
    ['Record variable without objectApiName', (d) => delete d.resources[1].objectApiName],
    ['query without fields', (d) => (d.queries[0].fields = [])],
    ['pageSize above 2000', (d) => (d.queries[0].pageSize = 2001)],
    ['maxRows above 50000', (d) => (d.queries[0].maxRows = 50001)],
    ['unknown operator', (d) => (d.queries[0].where.conditions[0].operator = 'like')],
    ['bad field path', (d) => (d.queries[0].fields[0] = 'Account..Name')],
    ['negative maxRowSelection', (d) => (d.components[0].maxRowSelection = -1)],
    ['unknown component type', (d) => (d.components[0].type = 'chart')],
    ['table without columns', (d) => (d.components[0].columns = [])],
    ['requiresSelection on a row action', (d) => (d.components[0].rowActions[0].requiresSelection = true)],
    ['bad icon name', (d) => (d.components[0].headerActions[0].iconName = 'check')],
    ['interaction without id', (d) => delete d.interactions[0].id],
    ['action-click trigger without action', (d) => delete d.interactions[0].on.action],
    ['load trigger with a target', (d) => (d.interactions[3].on.target = 'table')],
    ['empty do', (d) => (d.interactions[3].do = [])],
    ['unknown action type', (d) => (d.interactions[3].do[0].type = 'runFlow')],
    ['executeFlow without id', (d) => delete d.interactions[0].do[0].onFinish[0].id],
    ['position on a flow dialog', (d) => (d.interactions[1].do[1].position = 'left')],
    ['toast without title', (d) => delete d.interactions[0].do[0].onCancel[0].title],
    ['unknown property on a flow input', (d) => (d.interactions[0].do[0].onFinish[0].inputs[0].type = 'Text')],
    ['table height as a quoted number', (d) => ((d.components[0] as Record<string, unknown>).height = '10')],
    ['table height of 0 rows', (d) => ((d.components[0] as Record<string, unknown>).height = 0)],
    ['table height of 7.5 rows', (d) => ((d.components[0] as Record<string, unknown>).height = 7.5)],
    ['table height in an unknown unit', (d) => ((d.components[0] as Record<string, unknown>).height = '400pt')],
    ['editable that is not a boolean', (d) => (d.components[0].columns[0].editable = 'yes')],
    ['wrap that is not a boolean', (d) => (d.components[0].columns[0].wrap = 1)],
    ['a cell style variant that does not exist', (d) => (d.components[0].columns[1].cellStyles[0].variant = 'green')],
    ['a cell style without a variant', (d) => delete d.components[0].columns[1].cellStyles[0].variant],
    ['a cell style without a value', (d) => delete d.components[0].columns[1].cellStyles[0].value],
    ['a cell style isNull with a value', (d) => (d.components[0].columns[1].cellStyles[1].value = true)],
    ['a cell style value with a merge field', (d) => (d.components[0].columns[1].cellStyles[0].value = '{!heading}')],
    ['frozenColumns above 3', (d) => (d.components[0].frozenColumns = 4)],
    ['negative frozenColumns', (d) => (d.components[0].frozenColumns = -1)],
    ['a save trigger with an action', (d) => (d.interactions[2].on.action = 'run')],
    ['a save trigger without a target', (d) => delete d.interactions[2].on.target],
    ['exportCsv without a table', (d) => delete d.interactions[1].do[3].table],
    ['exportCsv with an unknown key', (d) => (d.interactions[1].do[3].query = 'contacts')]
];

for (const height of ['auto', 8, '400px']) {
    test(`both accept table height ${JSON.stringify(height)}`, () => {
        const doc = good();
        (doc.components[0] as Record<string, unknown>).height = height;
        assert.deepEqual(schemaErrors(doc), []);
        assert.deepEqual(validateDefinition(doc), []);
    });
}

test('the schema itself compiles in strict mode', () => {
    assert.equal(typeof validateSchema, 'function');
});

test('every definitions/*.json passes the schema and the validator', () => {
    const files = definitionFiles();
    assert.ok(files.length > 0, 'no definitions found');
    for (const file of files) {
        const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
        assert.deepEqual(schemaErrors(doc), [], `${path.basename(file)} fails the schema`);
        assert.deepEqual(validateDefinition(doc), [], `${path.basename(file)} fails the validator`);
    }
});

test('the sample used below is valid for both', () => {
    assert.deepEqual(schemaErrors(good()), []);
    assert.deepEqual(validateDefinition(good()), []);
});

for (const [name, mutate] of BAD) {
    test(`both reject: ${name}`, () => {
        const doc = good();
        mutate(doc);
        assert.notDeepEqual(schemaErrors(doc), [], 'the schema accepted it');
        assert.notDeepEqual(validateDefinition(doc), [], 'the validator accepted it');
    });
}
