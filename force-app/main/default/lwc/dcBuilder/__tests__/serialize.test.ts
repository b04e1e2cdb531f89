import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentEquals, deepEqual, formatJson, orderDefinition, serializeDefinition, textWidth } from '../serialize';
import PRETTIER from './data/prettierCases.json';

const DEFINITIONS = path.resolve(__dirname, '../../../../../../definitions');

function shipped(name: string): { text: string; doc: Record<string, unknown> } {
    const text = fs.readFileSync(path.join(DEFINITIONS, name), 'utf8');
    return { text, doc: JSON.parse(text) as Record<string, unknown> };
}

/** Every key of every object, in order, as 'path: k1,k2,…' lines. */
function keyOrders(v: unknown, at = ''): string[] {
    if (Array.isArray(v)) return v.flatMap((x, i) => keyOrders(x, `${at}[${i}]`));
    if (typeof v !== 'object' || v === null) return [];
    const obj = v as Record<string, unknown>;
    return [
        `${at}: ${Object.keys(obj).join(',')}`,
        ...Object.entries(obj).flatMap(([k, x]) => keyOrders(x, `${at}.${k}`))
    ];
}

describe('serializeDefinition', () => {
    it('reproduces the canonical shipped definitions byte for byte', () => {
        for (const name of ['Contact_Status_Board.json', 'Contact_Summary.json']) {
            const { text, doc } = shipped(name);
            expect(serializeDefinition(doc)).toBe(text);
        }
    });

    it('puts keys in canonical order whatever order they come in', () => {
        const { text, doc } = shipped('Contact_Status_Board.json');
        const reverse = (v: unknown): unknown => {
            if (Array.isArray(v)) return v.map(reverse);
            if (typeof v !== 'object' || v === null) return v;
            return Object.fromEntries(
                Object.entries(v)
                    .reverse()
                    .map(([k, x]) => [k, reverse(x)])
            );
        };
        const scrambled = reverse(doc) as Record<string, unknown>;
        expect(Object.keys(scrambled)[0]).toBe('interactions');
        expect(serializeDefinition(scrambled)).toBe(text);
    });

    it('orders every node kind as docs/DEFINITIONS.md does', () => {
        const doc = {
            interactions: [
                {
                    do: [
                        {
                            onError: [{ message: 'm', title: 't', type: 'showToast' }],
                            onFinish: [{ value: 1, operator: 'add', variable: 'n', type: 'setVariable' }],
                            outputs: [{ resource: 'n', name: 'out' }],
                            inputs: [{ dataType: 'Text', collection: true, value: 'v', name: 'in' }],
                            flowApiName: 'F',
                            id: 'f',
                            type: 'executeFlow'
                        },
                        { onCancel: [], onFinish: [], message: 'Sure?', title: 'Confirm', type: 'confirm' },
                        {
                            onClose: [],
                            size: 'large',
                            title: 'T',
                            position: 'left',
                            flowApiName: 'S',
                            type: 'openFlowPanel'
                        },
                        { actionName: 'view', recordId: 'r', target: 'recordPage', type: 'navigate' }
                    ],
                    on: { action: 'a', target: 't', event: 'headerActionClick' },
                    description: 'd',
                    id: 'i'
                }
            ],
            components: [
                {
                    rowActions: [{ label: 'Open', name: 'open' }],
                    headerActions: [
                        { iconName: 'utility:check', variant: 'brand', requiresSelection: true, label: 'A', name: 'a' }
                    ],
                    columns: [{ initialWidth: 100, sortable: true, linkToRecord: true, label: 'L', field: 'Name' }],
                    emptyMessage: 'none',
                    height: '300px',
                    query: 'q',
                    type: 'dataTable',
                    name: 't'
                }
            ],
            queries: [
                {
                    maxRows: 10,
                    pageSize: 5,
                    searchFields: ['Name'],
                    orderBy: [{ nulls: 'last', direction: 'asc', field: 'Name' }],
                    where: { conditions: [{ value: 'x', operator: 'equals', field: 'Name' }], logic: 'AND' },
                    fields: ['Name'],
                    object: 'Contact',
                    name: 'q'
                }
            ],
            resources: [
                {
                    description: 'd',
                    value: 'x',
                    objectApiName: 'Contact',
                    dataType: 'Record',
                    kind: 'variable',
                    name: 'r'
                }
            ],
            description: 'd',
            label: 'L',
            apiName: 'A',
            schemaVersion: 1,
            $schema: './definition.schema.json',
            extra: 'kept last'
        };
        expect(keyOrders(orderDefinition(doc))).toEqual([
            ': $schema,schemaVersion,apiName,label,description,resources,queries,components,interactions,extra',
            '.resources[0]: name,kind,dataType,objectApiName,value,description',
            '.queries[0]: name,object,fields,where,orderBy,searchFields,pageSize,maxRows',
            '.queries[0].where: logic,conditions',
            '.queries[0].where.conditions[0]: field,operator,value',
            '.queries[0].orderBy[0]: field,direction,nulls',
            '.components[0]: name,type,query,height,emptyMessage,columns,headerActions,rowActions',
            '.components[0].columns[0]: field,label,linkToRecord,sortable,initialWidth',
            '.components[0].headerActions[0]: name,label,requiresSelection,variant,iconName',
            '.components[0].rowActions[0]: name,label',
            '.interactions[0]: id,description,on,do',
            '.interactions[0].on: event,target,action',
            '.interactions[0].do[0]: type,id,flowApiName,inputs,outputs,onFinish,onError',
            '.interactions[0].do[0].inputs[0]: name,value,collection,dataType',
            '.interactions[0].do[0].outputs[0]: name,resource',
            '.interactions[0].do[0].onFinish[0]: type,variable,operator,value',
            '.interactions[0].do[0].onError[0]: type,title,message',
            '.interactions[0].do[1]: type,title,message,onFinish,onCancel',
            '.interactions[0].do[2]: type,flowApiName,title,position,size,onClose',
            '.interactions[0].do[3]: type,target,recordId,actionName'
        ]);
    });

    it('orders the issue #13 table options: frozenColumns, editable, wrap, cellStyles and exportCsv', () => {
        const doc = {
            components: [
                {
                    columns: [
                        {
                            cellStyles: [{ badge: true, variant: 'success', value: 'Active', operator: 'equals' }],
                            wrap: true,
                            editable: true,
                            initialWidth: 80,
                            field: 'Status__c'
                        }
                    ],
                    frozenColumns: 2,
                    emptyMessage: 'none',
                    height: 8,
                    name: 't'
                }
            ],
            interactions: [
                { do: [{ fileName: 'x.csv', table: 't', type: 'exportCsv' }], on: { target: 't', event: 'save' } }
            ]
        };
        expect(keyOrders(orderDefinition(doc))).toEqual([
            ': components,interactions',
            '.components[0]: name,height,frozenColumns,emptyMessage,columns',
            '.components[0].columns[0]: field,initialWidth,editable,wrap,cellStyles',
            '.components[0].columns[0].cellStyles[0]: operator,value,variant,badge',
            '.interactions[0]: on,do',
            '.interactions[0].on: event,target',
            '.interactions[0].do[0]: type,table,fileName'
        ]);
    });

    it('leaves literal values alone (no reordering inside a value)', () => {
        const doc = { resources: [{ value: { b: 1, a: 2 }, name: 'r' }] };
        expect(keyOrders(orderDefinition(doc))).toContain('.resources[0].value: b,a');
    });

    it('drops undefined properties and ends with a newline', () => {
        const text = serializeDefinition({ apiName: 'A', label: undefined, schemaVersion: 1 });
        expect(text).toBe('{ "schemaVersion": 1, "apiName": "A" }\n');
    });

    it('lays out JSON exactly as Prettier does with the project settings', () => {
        for (const c of PRETTIER.cases) {
            expect({ name: c.name, text: formatJson(c.input) }).toEqual({ name: c.name, text: c.prettier });
        }
    });

    it('is stable: serializing its own output again changes nothing', () => {
        for (const name of fs.readdirSync(DEFINITIONS).filter((f) => f.endsWith('.json') && !f.includes('schema'))) {
            const once = serializeDefinition(shipped(name).doc);
            expect(serializeDefinition(JSON.parse(once) as Record<string, unknown>)).toBe(once);
            expect(contentEquals(JSON.parse(once), shipped(name).doc)).toBe(true);
        }
    });

    it('measures East Asian wide characters as two columns', () => {
        expect(textWidth('abc')).toBe(3);
        expect(textWidth('漢字')).toBe(4);
        expect(textWidth('é')).toBe(1);
        expect(textWidth('e\u0301')).toBe(1);
    });
});

describe('contentEquals', () => {
    it('ignores key order and $schema but nothing else', () => {
        const { doc } = shipped('Contact_Status_Board.json');
        const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
        delete copy.$schema;
        expect(contentEquals(doc, orderDefinition(copy))).toBe(true);
        expect(contentEquals(doc, { ...copy, label: 'Other' })).toBe(false);
        const columns = JSON.parse(JSON.stringify(doc)) as { components: { columns: unknown[] }[] };
        columns.components[0].columns.reverse();
        expect(contentEquals(doc, columns)).toBe(false);
        expect(contentEquals([1, 2], [1, 2])).toBe(true);
        expect(contentEquals([1, 2], [2, 1])).toBe(false);
        expect(contentEquals(1, '1')).toBe(false);
    });

    it('treats undefined properties as absent', () => {
        expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
        expect(deepEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
        expect(deepEqual({ a: [1] }, { a: {} })).toBe(false);
    });
});
