/* eslint jest/expect-expect: ["error", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import {
    childPath,
    formatProblems,
    locate,
    parseConditionLogic,
    parseDefinition,
    parseJsonWithPositions,
    resolveFieldPath,
    validateDefinition,
    type FieldDescribe,
    type SchemaCatalog
} from 'c/dcDefinition';

// ------------------------------------------------------------------ fixtures

function f(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, ...extra };
}

const OBJECTS: Record<string, FieldDescribe[]> = {
    Contact: [
        f('Id', 'ID'),
        f('Name', 'STRING'),
        f('Email', 'EMAIL'),
        f('Phone', 'PHONE'),
        f('Status__c', 'PICKLIST'),
        f('DoNotCall', 'BOOLEAN'),
        f('Birthdate', 'DATE'),
        f('LastModifiedDate', 'DATETIME'),
        f('Score__c', 'DOUBLE'),
        f('Description', 'TEXTAREA', { sortable: false, filterable: false }),
        f('AccountId', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' }),
        f('OwnerId', 'REFERENCE', { referenceTo: ['User'], relationshipName: 'Owner' }),
        f('WhatId', 'REFERENCE', { referenceTo: ['Account', 'Case'], relationshipName: 'What' }),
        f('ExternalRef__c', 'REFERENCE', { referenceTo: ['Ghost__x'], relationshipName: 'ExternalRef__r' })
    ],
    Account: [f('Id', 'ID'), f('Name', 'STRING')],
    User: [f('Id', 'ID'), f('FirstName', 'STRING'), f('Name', 'STRING')],
    Name: [f('Id', 'ID'), f('Name', 'STRING'), f('Type', 'STRING')]
};

/** A catalog shaped like the org describe: fields as a plain record for Account, a Map for the rest. */
const catalog: SchemaCatalog = {
    describeObject(name: string) {
        const key = Object.keys(OBJECTS).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return undefined;
        const list = OBJECTS[key];
        return key === 'Account'
            ? { name: key, fields: Object.fromEntries(list.map((x) => [x.name, x])) }
            : { name: key, label: key, fields: new Map(list.map((x) => [x.name, x])) };
    }
};

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A valid definition using every resource kind, every action type and every table option. */
function validDoc(): Doc {
    return {
        $schema: './definition.schema.json',
        schemaVersion: 1,
        apiName: 'Contact_Board',
        label: 'Contacts',
        description: 'All the features',
        resources: [
            { name: 'updatedCount', kind: 'variable', dataType: 'Number', value: 0 },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true, value: ['a', 'b'] },
            { name: 'current', kind: 'variable', dataType: 'Record', objectApiName: 'Contact', value: '{!$Record.Id}' },
            { name: 'activeStatus', kind: 'constant', dataType: 'Text', value: 'Active' },
            { name: 'since', kind: 'constant', dataType: 'Date', value: '2025-01-31' },
            { name: 'at', kind: 'constant', dataType: 'DateTime', value: '2025-01-31T09:00:00Z' },
            { name: 'flag', kind: 'constant', dataType: 'Boolean', value: true },
            { name: 'nothing', kind: 'constant', dataType: 'Text', value: null },
            { name: 'title', kind: 'formula', dataType: 'Text', formula: '"Contacts of " & {!$User.FirstName}' },
            { name: 'many', kind: 'formula', dataType: 'Boolean', formula: '{!contactsTable.SelectedRowCount} > 1' }
        ],
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email', 'Phone', 'Status__c', 'Account.Name', 'Owner.FirstName', 'What.Name'],
                where: {
                    logic: '1 AND (2 OR NOT 3) AND 4 AND 5 AND 6',
                    conditions: [
                        { field: 'AccountId', operator: 'equals', value: '{!$Record.AccountId}' },
                        { field: 'Status__c', operator: 'in', value: ['New', 'Active'] },
                        { field: 'Email', operator: 'isNull', value: true },
                        { field: 'DoNotCall', operator: 'equals', value: false },
                        { field: 'Score__c', operator: 'greaterThan', value: 3 },
                        { field: 'Birthdate', operator: 'lessThan', value: '2000-01-01' }
                    ]
                },
                orderBy: [{ field: 'Name', direction: 'asc' }],
                searchFields: ['Name', 'Email'],
                pageSize: 50,
                maxRows: 50000
            },
            {
                name: 'accounts',
                object: 'Account',
                fields: ['Name'],
                where: { logic: 'OR', conditions: [{ field: 'Name', operator: 'startsWith', value: 'A' }] }
            }
        ],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                title: '{!title}',
                query: 'contacts',
                keyField: 'Id',
                maxRowSelection: 500,
                showSearch: true,
                showRowNumbers: true,
                height: '400px',
                emptyMessage: 'No contacts',
                columns: [
                    { field: 'Name', linkToRecord: true, sortable: true },
                    { field: 'Email', sortable: true, initialWidth: 200 },
                    { field: 'Account.Name', label: 'Account' }
                ],
                headerActions: [
                    {
                        name: 'setActive',
                        label: 'Set as Active',
                        requiresSelection: true,
                        variant: 'brand',
                        iconName: 'utility:check'
                    }
                ],
                rowActions: [{ name: 'open', label: 'Open' }]
            }
        ],
        interactions: [
            {
                id: 'setActive',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                do: [
                    {
                        type: 'confirm',
                        title: 'Sure?',
                        message: 'Set {!contactsTable.SelectedRowCount} contacts to {!activeStatus}?',
                        confirmLabel: 'Yes',
                        variant: 'header',
                        theme: 'warning',
                        onCancel: [{ type: 'showToast', title: 'Cancelled' }],
                        onFinish: [
                            {
                                type: 'executeFlow',
                                id: 'runSetActive',
                                flowApiName: 'Set_Contact_Status_Active',
                                inputs: [
                                    {
                                        name: 'ContactIds',
                                        value: '{!contactsTable.SelectedRowsKeyValue}',
                                        collection: true
                                    },
                                    { name: 'Count', value: 3, dataType: 'Number' },
                                    { name: 'First', value: '{!contactsTable.FirstSelectedRow.Email}' }
                                ],
                                outputs: [{ name: 'updatedCount', resource: 'updatedCount' }],
                                onFinish: [
                                    { type: 'refreshQueries' },
                                    { type: 'refreshQueries', queries: ['contacts'] },
                                    {
                                        type: 'showToast',
                                        variant: 'success',
                                        title: '{!updatedCount} contacts set to Active',
                                        mode: 'dismissible'
                                    }
                                ],
                                onError: [
                                    {
                                        type: 'showToast',
                                        variant: 'error',
                                        title: 'Could not update',
                                        message: '{!$Error.message}'
                                    }
                                ]
                            }
                        ]
                    }
                ]
            },
            {
                id: 'openContact',
                on: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                do: [
                    {
                        type: 'navigate',
                        target: 'recordPage',
                        recordId: '{!contactsTable.ActionRow.Id}',
                        objectApiName: 'Contact',
                        actionName: 'view'
                    },
                    {
                        type: 'openFlowDialog',
                        flowApiName: 'Edit_Contact',
                        title: 'Edit {!contactsTable.ActionRow.Name}',
                        size: 'medium',
                        inputs: [{ name: 'recordId', value: '{!contactsTable.ActionRow.Id}' }],
                        onClose: [{ type: 'refreshQueries' }]
                    },
                    {
                        type: 'openFlowPanel',
                        flowApiName: 'Log_Call',
                        position: 'right',
                        outputs: [{ name: 'done', resource: 'updatedCount' }]
                    }
                ]
            },
            {
                id: 'onSelect',
                on: { event: 'selectionChange', target: 'contactsTable' },
                do: [
                    { type: 'setVariable', variable: 'ids', value: '{!contactsTable.SelectedRowsKeyValue}' },
                    { type: 'setVariable', variable: 'updatedCount', operator: 'add', value: 1 },
                    { type: 'setVariable', variable: 'updatedCount', operator: 'clear' }
                ]
            },
            {
                id: 'onLoad',
                on: { event: 'load' },
                do: [
                    { type: 'navigate', target: 'objectList', objectApiName: 'Contact', actionName: 'list' },
                    { type: 'navigate', target: 'namedPage', pageName: 'home' },
                    { type: 'navigate', target: 'url', url: 'https://example.com/{!$User.Id}' },
                    { type: 'setVariable', variable: 'current', value: '{!current.Account.Name}' }
                ]
            }
        ]
    };
}

function problems(doc: unknown, withCatalog = true): string[] {
    return formatProblems(validateDefinition(doc, withCatalog ? catalog : undefined));
}

/** Asserts exactly one problem at `path` whose message matches `pattern`. */
function expectProblem(doc: unknown, path: string, pattern: RegExp, withCatalog = true): void {
    const found = validateDefinition(doc, withCatalog ? catalog : undefined);
    const at = found.filter((p) => p.path === path);
    if (!at.length) throw new Error(`no problem at ${path}; got:\n${formatProblems(found).join('\n')}`);
    expect(at.map((p) => p.message).join('\n')).toMatch(pattern);
}

// ------------------------------------------------------------------ tests

describe('c/dcDefinition validateDefinition', () => {
    it('accepts a definition using every feature, with and without a catalog', () => {
        expect(problems(validDoc())).toEqual([]);
        expect(problems(validDoc(), false)).toEqual([]);
    });

    it('rejects a document that is not an object', () => {
        expect(problems([])).toEqual([expect.stringMatching(/must be a JSON object/)]);
        expect(problems('x')).toHaveLength(1);
    });

    it('reports every problem, not only the first', () => {
        const doc = validDoc();
        doc.schemaVersion = 2;
        doc.apiName = '1bad';
        doc.queries[0].pageSize = 0;
        doc.components[0].columns[0].field = 'Nope';
        expect(problems(doc).length).toBeGreaterThanOrEqual(4);
    });

    describe('document properties', () => {
        it('checks schemaVersion', () => {
            const doc = validDoc();
            delete doc.schemaVersion;
            expectProblem(doc, 'schemaVersion', /missing: add "schemaVersion": 1/);
            doc.schemaVersion = '1';
            expectProblem(doc, 'schemaVersion', /not supported/);
        });

        it('checks apiName format and length', () => {
            const doc = validDoc();
            for (const bad of ['1abc', 'a b', 'Two__Underscores', 'Ends_']) {
                doc.apiName = bad;
                expectProblem(doc, 'apiName', /(not valid|ends with an underscore)/);
            }
            doc.apiName = 'A'.repeat(41);
            expectProblem(doc, 'apiName', /41 characters long; the limit is 40/);
            delete doc.apiName;
            expectProblem(doc, 'apiName', /missing/);
            doc.apiName = 7;
            expectProblem(doc, 'apiName', /must be text/);
        });

        it('checks label', () => {
            const doc = validDoc();
            doc.label = ' ';
            expectProblem(doc, 'label', /empty/);
            doc.label = 'L'.repeat(41);
            expectProblem(doc, 'label', /limit is 40/);
        });

        it('reports unknown properties with a suggestion', () => {
            const doc = validDoc();
            doc.resorces = [];
            expectProblem(doc, 'resorces', /Unknown property 'resorces'.*Did you mean 'resources'\?/);
        });

        it('requires lists to be lists', () => {
            const doc = validDoc();
            doc.queries = {};
            expectProblem(doc, 'queries', /must be a list/);
        });
    });

    describe('names', () => {
        it('share one namespace across resources, queries and components', () => {
            const doc = validDoc();
            doc.queries[1].name = 'title';
            expectProblem(doc, 'queries[1].name', /already used by resources\[8\] \(a resource\)/);
            doc.components[0].name = 'Contacts';
            expectProblem(doc, 'components[0].name', /already used by queries\[0\]/);
        });

        it('checks the name format', () => {
            const doc = validDoc();
            doc.resources[0].name = '$x';
            expectProblem(doc, 'resources[0].name', /start with a letter/);
        });
    });

    describe('resources', () => {
        it('requires kind and dataType from the enums', () => {
            const doc = validDoc();
            doc.resources[0].kind = 'varable';
            doc.resources[1].dataType = 'String';
            expectProblem(doc, 'resources[0].kind', /Did you mean 'variable'\?/);
            expectProblem(doc, 'resources[1].dataType', /Use one of 'Text', 'Number'/);
        });

        it('checks literal values against the data type', () => {
            const doc = validDoc();
            doc.resources[0].value = 'ten';
            doc.resources[1].value = 'a';
            doc.resources[4].value = '31/01/2025';
            doc.resources[5].value = 'today';
            doc.resources[6].value = 'yes';
            doc.resources[3].value = 3;
            expectProblem(doc, 'resources[0].value', /must be a number/);
            expectProblem(doc, 'resources[1].value', /must be a list/);
            expectProblem(doc, 'resources[4].value', /YYYY-MM-DD/);
            expectProblem(doc, 'resources[5].value', /'today' is not a valid DateTime: 'today' is not a date-time/);
            expectProblem(doc, 'resources[6].value', /true or false/);
            expectProblem(doc, 'resources[3].value', /text in double quotes/);
        });

        it('checks constants', () => {
            const doc = validDoc();
            delete doc.resources[3].value;
            expectProblem(doc, 'resources[3].value', /has no value/);
            doc.resources[3].value = '{!title}';
            expectProblem(doc, 'resources[3].value', /cannot contain merge fields/);
            doc.resources[3].value = 'x';
            doc.resources[3].dataType = 'Record';
            expectProblem(doc, 'resources[3].dataType', /cannot be a Record/);
        });

        it('checks Record variables', () => {
            const doc = validDoc();
            delete doc.resources[2].objectApiName;
            expectProblem(doc, 'resources[2].objectApiName', /missing/);
            doc.resources[2].objectApiName = 'Ghost__c';
            expectProblem(doc, 'resources[2].objectApiName', /Object 'Ghost__c' does not exist/);
            doc.resources[0].objectApiName = 'Contact';
            expectProblem(doc, 'resources[0].objectApiName', /only applies to Record variables/);
            doc.resources[2].value = { Id: '003' };
            doc.resources[2].objectApiName = 'Contact';
            expect(problems(doc).filter((p) => p.startsWith('resources[2]'))).toEqual([]);
            doc.resources[2].value = 5;
            expectProblem(doc, 'resources[2].value', /an object/);
        });

        it('checks formulas parse and their references exist', () => {
            const doc = validDoc();
            doc.resources[8].formula = 'IF({!updatedCount} > , 1';
            expectProblem(doc, 'resources[8].formula', /The formula does not parse: .*position/);
            doc.resources[8].formula = '{!nope} & "x"';
            expectProblem(doc, 'resources[8].formula', /\{!nope\} refers to 'nope', which is not a resource/);
            doc.resources[8].formula = '';
            expectProblem(doc, 'resources[8].formula', /empty/);
            doc.resources[8].formula = '1';
            doc.resources[8].dataType = 'Record';
            expectProblem(doc, 'resources[8].dataType', /cannot return a Record/);
        });

        it('reports formulas that refer to each other in a circle, once', () => {
            const doc = validDoc();
            doc.resources.push({ name: 'a', kind: 'formula', dataType: 'Text', formula: '{!b}' });
            doc.resources.push({ name: 'b', kind: 'formula', dataType: 'Text', formula: '{!a} & "x"' });
            const found = problems(doc).filter((p) => /circle/.test(p));
            expect(found).toHaveLength(1);
            expect(found[0]).toMatch(/a → b → a|b → a → b/);
        });

        it('reports unknown properties per kind', () => {
            const doc = validDoc();
            doc.resources[3].formula = 'x';
            expectProblem(doc, 'resources[3].formula', /Unknown property 'formula' in constant 'activeStatus'/);
            doc.resources[0].kind = 'other';
            doc.resources[0].bogus = 1;
            expectProblem(doc, 'resources[0].bogus', /Unknown property/);
        });

        it('reports a resource that is not an object', () => {
            const doc = validDoc();
            doc.resources[0] = 'x';
            expectProblem(doc, 'resources[0]', /must be an object/);
        });
    });

    describe('merge fields', () => {
        function withTitle(title: string): Doc {
            const doc = validDoc();
            doc.components[0].title = title;
            return doc;
        }

        it('must parse', () => {
            expectProblem(withTitle('{!title'), 'components[0].title', /A merge field does not parse/);
        });

        it('checks table properties', () => {
            expectProblem(withTitle('{!contactsTable}'), 'components[0].title', /names the component itself/);
            expectProblem(
                withTitle('{!contactsTable.SelectedRow}'),
                'components[0].title',
                /no property 'SelectedRow'. Did you mean 'SelectedRows'\?/
            );
            expectProblem(
                withTitle('{!contactsTable.SelectedRowCount.X}'),
                'components[0].title',
                /SelectedRowCount has no fields/
            );
            expectProblem(
                withTitle('{!contactsTable.FirstSelectedRow.Title}'),
                'components[0].title',
                /'Title' is not read by query 'contacts': add it to the query's "fields"/
            );
            expect(
                problems(withTitle('{!contactsTable.FirstSelectedRow.Account.Name} {!contactsTable.FirstSelectedRow}'))
            ).toEqual([]);
        });

        it('checks globals', () => {
            expectProblem(withTitle('{!$Record}'), 'components[0].title', /needs a field/);
            expectProblem(withTitle('{!$User}'), 'components[0].title', /needs a field/);
            expectProblem(withTitle('{!$User.Nickname}'), 'components[0].title', /User has no field 'Nickname'/);
            expect(problems(withTitle('{!$User.Nickname}'), false)).toEqual([]);
            expectProblem(
                withTitle('{!$Usr.Id}'),
                'components[0].title',
                /unknown global '\$Usr'. Did you mean '\$User'\?/
            );
            expectProblem(withTitle('{!$Error.message}'), 'components[0].title', /only available in an onError chain/);
        });

        it('checks references to resources, queries and case', () => {
            expectProblem(withTitle('{!contacts}'), 'components[0].title', /queries cannot be used in merge fields/);
            expectProblem(withTitle('{!Title}'), 'components[0].title', /case-sensitive.*'title'/);
            expectProblem(withTitle('{!updatedCount.Name}'), 'components[0].title', /has no fields/);
            expectProblem(withTitle('{!current.Bogus}'), 'components[0].title', /Contact has no field 'Bogus'/);
            expectProblem(withTitle('{!titel}'), 'components[0].title', /Did you mean 'title'\?/);
        });

        it('allows ActionRow only in a row action of the same table', () => {
            const doc = validDoc();
            doc.interactions[2].do[0].value = '{!contactsTable.ActionRow.Id}';
            expectProblem(doc, 'interactions[2].do[0].value', /only set while a row action of 'contactsTable' runs/);
        });
    });

    describe('queries', () => {
        it('checks object and fields against the catalog', () => {
            const doc = validDoc();
            doc.queries[1].object = 'Acount';
            doc.queries[0].fields.push(
                'Emial',
                'Acount.Name',
                'Account',
                'Email.Domain',
                'ExternalRef__c.Name',
                'Name'
            );
            expectProblem(doc, 'queries[1].object', /Object 'Acount' does not exist/);
            expectProblem(doc, 'queries[0].fields[7]', /Contact has no field 'Emial'. Did you mean 'Email'\?/);
            expectProblem(doc, 'queries[0].fields[8]', /no relationship 'Acount'. Did you mean 'Account'\?/);
            expectProblem(doc, 'queries[0].fields[9]', /is a relationship, not a field.*Account.Name.*AccountId/);
            expectProblem(doc, 'queries[0].fields[10]', /'Email' is a field, not a lookup/);
            expectProblem(doc, 'queries[0].fields[11]', /ExternalRef__r/);
            expectProblem(doc, 'queries[0].fields[12]', /listed twice/);
        });

        it('accepts paths through objects the catalog does not know', () => {
            const doc = validDoc();
            doc.queries[0].fields.push('ExternalRef__r.Anything');
            expect(problems(doc)).toEqual([]);
        });

        it('checks field path syntax and depth without a catalog', () => {
            const doc = validDoc();
            doc.queries[0].fields.push('Bad Field', 'A.B.C.D.E.F.G', 3);
            expectProblem(doc, 'queries[0].fields[7]', /not a field path/, false);
            expectProblem(doc, 'queries[0].fields[8]', /more than 5 relationships/, false);
            expectProblem(doc, 'queries[0].fields[9]', /must be a field API name/, false);
        });

        it('requires fields, object and name', () => {
            const doc = validDoc();
            doc.queries[1] = { name: 'accounts', fields: [] };
            expectProblem(doc, 'queries[1].object', /missing/);
            expectProblem(doc, 'queries[1].fields', /reads no fields/);
            doc.queries[1] = { name: 'accounts', object: 'Account' };
            expectProblem(doc, 'queries[1].fields', /missing/);
        });

        it('checks pageSize and maxRows ranges', () => {
            const doc = validDoc();
            doc.queries[0].pageSize = 2001;
            doc.queries[0].maxRows = 50001;
            doc.queries[1].pageSize = 1.5;
            expectProblem(doc, 'queries[0].pageSize', /from 1 to 2000/);
            expectProblem(doc, 'queries[0].maxRows', /from 1 to 50000/);
            expectProblem(doc, 'queries[1].pageSize', /whole number/);
        });

        it('checks orderBy and searchFields', () => {
            const doc = validDoc();
            doc.queries[0].orderBy.push({ field: 'Description', direction: 'up' }, {}, 'Name');
            doc.queries[0].searchFields.push('DoNotCall', 'Description');
            expectProblem(doc, 'queries[0].orderBy[1].field', /cannot be sorted/);
            expectProblem(doc, 'queries[0].orderBy[1].direction', /'asc' or 'desc'/);
            expectProblem(doc, 'queries[0].orderBy[2].field', /missing/);
            expectProblem(doc, 'queries[0].orderBy[3]', /must be an object/);
            expectProblem(doc, 'queries[0].searchFields[2]', /is BOOLEAN: search only text fields/);
            expectProblem(doc, 'queries[0].searchFields[3]', /not filterable/);
        });

        it('checks custom condition logic', () => {
            const doc = validDoc();
            const where = doc.queries[0].where;
            where.logic = '1 AND 2';
            expectProblem(doc, 'queries[0].where.logic', /does not use conditions 3, 4, 5, 6/);
            where.logic = '1 AND 2 OR 3 AND 4 AND 5 AND 6';
            expectProblem(doc, 'queries[0].where.logic', /mixed without parentheses/);
            where.logic = '1 AND (2 OR 3 AND 4 AND 5 AND 6';
            expectProblem(doc, 'queries[0].where.logic', /(missing \)|mixed)/);
            where.logic = '1 AND 7 AND 2 AND 3 AND 4 AND 5 AND 6';
            expectProblem(doc, 'queries[0].where.logic', /condition 7 does not exist: there are 6 conditions/);
            where.logic = '1 & 2';
            expectProblem(doc, 'queries[0].where.logic', /unexpected '&'/);
        });

        it('checks conditions against field types', () => {
            const doc = validDoc();
            const c = doc.queries[0].where.conditions;
            c[1].value = 'New';
            c[2].value = 'yes';
            c[3].value = 'no';
            c[4].value = '3';
            c[5].value = 20000101;
            c.push(
                { field: 'Score__c', operator: 'contains', value: 'x' },
                { field: 'Description', operator: 'equals', value: 'x' },
                { field: 'Name', operator: 'equals' },
                { field: 'Name', operator: 'equals', value: ['a'] },
                { field: 'LastModifiedDate', operator: 'greaterThan', value: '2025-01-01' },
                { field: 'Name', operator: 'like', value: 'a' },
                { operator: 'equals', value: 'a' },
                { field: 'DoNotCall', operator: 'lessThan', value: true },
                { field: 'Name', operator: 'equals', value: 5 }
            );
            doc.queries[0].where.logic = 'AND';
            expectProblem(doc, 'queries[0].where.conditions[1].value', /For in the value must be a list/);
            expectProblem(doc, 'queries[0].where.conditions[2].value', /For isNull the value must be true/);
            expectProblem(doc, 'queries[0].where.conditions[3].value', /is a checkbox/);
            expectProblem(doc, 'queries[0].where.conditions[4].value', /is a number field/);
            expectProblem(doc, 'queries[0].where.conditions[5].value', /is a date/);
            expectProblem(doc, 'queries[0].where.conditions[6].operator', /contains only works on text fields/);
            expectProblem(doc, 'queries[0].where.conditions[7].field', /cannot be used in a filter/);
            expectProblem(doc, 'queries[0].where.conditions[8].value', /has no value/);
            expectProblem(doc, 'queries[0].where.conditions[9].value', /single literal or a merge field/);
            expectProblem(
                doc,
                'queries[0].where.conditions[10].value',
                /The value '2025-01-01' for 'LastModifiedDate' is not a valid DateTime/
            );
            expectProblem(doc, 'queries[0].where.conditions[11].operator', /'like' is not allowed/);
            expectProblem(doc, 'queries[0].where.conditions[12].field', /missing/);
            expectProblem(doc, 'queries[0].where.conditions[13].operator', /checkbox can only be compared/);
            expectProblem(doc, 'queries[0].where.conditions[14].value', /is a text field/);
        });

        it('checks merge fields in condition values and an empty where', () => {
            const doc = validDoc();
            doc.queries[0].where.conditions[0].value = '{!nothingHere}';
            expectProblem(doc, 'queries[0].where.conditions[0].value', /not a resource/);
            doc.queries[1].where = { conditions: [] };
            expectProblem(doc, 'queries[1].where.conditions', /no conditions/);
            doc.queries[1].where = { conditions: [{ field: 'Name', operator: 'equals', value: 'x' }], logic: '' };
            expectProblem(doc, 'queries[1].where.logic', /empty/);
        });
    });

    describe('components', () => {
        it('checks type and query', () => {
            const doc = validDoc();
            doc.components[0].type = 'datatable';
            expectProblem(doc, 'components[0].type', /Did you mean 'dataTable'\?/);
            const doc2 = validDoc();
            doc2.components[0].query = 'contact';
            expectProblem(doc2, 'components[0].query', /Query 'contact' does not exist. Did you mean 'contacts'\?/);
            doc2.components[0].query = 'title';
            expectProblem(doc2, 'components[0].query', /'title' is a resource, not a query/);
            doc2.components[0].query = 'Contacts';
            expectProblem(doc2, 'components[0].query', /exactly as defined: 'contacts'/);
        });

        it('requires columns to be fields of the query', () => {
            const doc = validDoc();
            doc.components[0].columns.push({ field: 'Title' }, { field: 'email' }, { field: 'Id' }, {});
            expectProblem(
                doc,
                'components[0].columns[3].field',
                /'Title' is not read by query 'contacts': add it to the query's "fields"/
            );
            expectProblem(doc, 'components[0].columns[4].field', /must be written as in the query's fields: 'Email'/);
            expectProblem(doc, 'components[0].columns[6].field', /missing/);
            expect(problems(doc).filter((p) => p.startsWith('components[0].columns[5]'))).toEqual([]);
        });

        it('checks table options', () => {
            const doc = validDoc();
            Object.assign(doc.components[0], {
                maxRowSelection: -1,
                keyField: 'Ext',
                height: 'tall',
                showRowNumbers: 'yes',
                columns: [{ field: 'Name', sortable: true, initialWidth: 5, linkToRecord: 1, label: '' }]
            });
            doc.queries[0].fields.push('Description');
            doc.components[0].columns.push({ field: 'Description', sortable: true });
            expectProblem(doc, 'components[0].maxRowSelection', /at least 0|from 0/);
            expectProblem(doc, 'components[0].keyField', /not read by query/);
            expectProblem(doc, 'components[0].height', /CSS length/);
            expectProblem(doc, 'components[0].showRowNumbers', /true or false/);
            expectProblem(doc, 'components[0].columns[0].initialWidth', /from 20 to 2000/);
            expectProblem(doc, 'components[0].columns[0].linkToRecord', /true or false/);
            expectProblem(doc, 'components[0].columns[0].label', /empty/);
            expectProblem(doc, 'components[0].columns[1].sortable', /cannot be sorted/);
            doc.components[0].columns = [];
            expectProblem(doc, 'components[0].columns', /no columns/);
        });

        it('requires searchFields for showSearch', () => {
            const doc = validDoc();
            delete doc.queries[0].searchFields;
            expectProblem(doc, 'components[0].showSearch', /add "searchFields" to query 'contacts'/);
        });

        it('checks header and row actions', () => {
            const doc = validDoc();
            doc.components[0].headerActions.push(
                { name: 'setActive', label: 'Again', variant: 'primary', iconName: 'check' },
                { name: 'x' }
            );
            doc.components[0].rowActions.push({ name: 'edit', label: 'Edit', requiresSelection: true });
            expectProblem(doc, 'components[0].headerActions[1].name', /already used by headerActions\[0\]/);
            expectProblem(doc, 'components[0].headerActions[1].variant', /'neutral', 'brand' or 'destructive'/);
            expectProblem(doc, 'components[0].headerActions[1].iconName', /SLDS icon name/);
            expectProblem(doc, 'components[0].headerActions[2].label', /missing/);
            expectProblem(
                doc,
                'components[0].rowActions[1].requiresSelection',
                /Unknown property 'requiresSelection' in a row action/
            );
        });
    });

    describe('interactions', () => {
        it('requires unique ids', () => {
            const doc = validDoc();
            doc.interactions[1].id = 'SetActive';
            expectProblem(doc, 'interactions[1].id', /already used by interactions\[0\]/);
            delete doc.interactions[2].id;
            expectProblem(doc, 'interactions[2].id', /missing/);
        });

        it('checks the trigger target and action', () => {
            const doc = validDoc();
            doc.interactions[0].on.target = 'contactTable';
            expectProblem(
                doc,
                'interactions[0].on.target',
                /Component 'contactTable' does not exist. Did you mean 'contactsTable'\?/
            );
            doc.interactions[0].on.target = 'contacts';
            expectProblem(doc, 'interactions[0].on.target', /is a query, not a component/);
            doc.interactions[0].on.target = 'ContactsTable';
            expectProblem(doc, 'interactions[0].on.target', /exactly as defined/);
            const doc2 = validDoc();
            doc2.interactions[0].on.action = 'setActiv';
            expectProblem(doc2, 'interactions[0].on.action', /no header action 'setActiv'. Did you mean 'setActive'\?/);
            doc2.interactions[0].on.action = 'open';
            expectProblem(doc2, 'interactions[0].on.action', /'open' is in rowActions: use the event rowActionClick/);
            doc2.interactions[1].on.action = 'setActive';
            expectProblem(doc2, 'interactions[1].on.action', /use the event headerActionClick/);
            delete doc2.interactions[1].on.action;
            expectProblem(doc2, 'interactions[1].on.action', /missing/);
        });

        it('checks load and selectionChange triggers', () => {
            const doc = validDoc();
            doc.interactions[3].on = { event: 'load', target: 'contactsTable', action: 'open' };
            doc.interactions[2].on.action = 'open';
            expectProblem(doc, 'interactions[3].on.target', /has no target/);
            expectProblem(doc, 'interactions[3].on.action', /has no action/);
            expectProblem(doc, 'interactions[2].on.action', /selectionChange interaction has no action/);
            doc.interactions[3].on = { event: 'click' };
            expectProblem(doc, 'interactions[3].on.event', /not allowed/);
            doc.interactions[3].on = { event: 5 };
            expectProblem(doc, 'interactions[3].on.event', /must be one of 'headerActionClick'.*but it is number 5/);
        });

        it('reports header and row actions that no interaction handles', () => {
            const doc = validDoc();
            doc.interactions.splice(1, 1);
            doc.components[0].headerActions.push({ name: 'export', label: 'Export' });
            expectProblem(
                doc,
                'components[0].rowActions[0]',
                /row action 'open' of 'contactsTable' does nothing: add an interaction with "on": \{ "event": "rowActionClick", "target": "contactsTable", "action": "open" \}/
            );
            expectProblem(
                doc,
                'components[0].headerActions[1]',
                /header action 'export' of 'contactsTable' does nothing/
            );
        });

        it('requires a trigger and actions', () => {
            const doc = validDoc();
            delete doc.interactions[0].on;
            doc.interactions[1].do = [];
            delete doc.interactions[2].do;
            expectProblem(doc, 'interactions[0].on', /trigger is missing/);
            expectProblem(doc, 'interactions[1].do', /does nothing/);
            expectProblem(doc, 'interactions[2].do', /missing/);
        });
    });

    describe('actions', () => {
        function firstActions(): Doc {
            return validDoc();
        }

        it('checks the action type', () => {
            const doc = firstActions();
            doc.interactions[3].do.push({
                type: 'runFlow',
                onError: [{ type: 'showToast', title: '{!$Error.message}' }]
            });
            expectProblem(doc, 'interactions[3].do[4].type', /'runFlow' is not allowed/);
            expect(problems(doc)).toHaveLength(1);
        });

        it('requires unique ids for executeFlow actions', () => {
            const doc = firstActions();
            const flow = doc.interactions[0].do[0].onFinish[0];
            doc.interactions[3].do.push({ ...flow, onFinish: [], onError: [] });
            expectProblem(doc, 'interactions[3].do[4].id', /already used by interactions\[0\]\.do\[0\]\.onFinish\[0\]/);
            delete flow.id;
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].id', /missing/);
        });

        it('checks flow inputs and outputs', () => {
            const doc = firstActions();
            const flow = doc.interactions[0].do[0].onFinish[0];
            flow.flowApiName = 'Bad Flow';
            flow.inputs.push(
                { name: 'ContactIds', value: 'x', collection: true },
                { name: 'n', value: 'x', dataType: 'Number' },
                { name: 'v' }
            );
            flow.outputs.push(
                { name: 'updatedCount', resource: 'title' },
                { name: 'y', resource: 'missing' },
                { name: 'z', resource: 'contacts' }
            );
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].flowApiName', /flow API name/);
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].inputs[3].name', /set twice/);
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].inputs[3].value', /must be a list/);
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].inputs[4].value', /must be a number/);
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].inputs[5].value', /has no value/);
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].outputs[1].name', /mapped twice/);
            expectProblem(
                doc,
                'interactions[0].do[0].onFinish[0].outputs[1].resource',
                /can only store into a variable resource, and 'title' is a formula/
            );
            expectProblem(
                doc,
                'interactions[0].do[0].onFinish[0].outputs[2].resource',
                /Variable 'missing' does not exist/
            );
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].outputs[3].resource', /'contacts' is a query/);
        });

        it('allows $Error only in onError chains', () => {
            const doc = firstActions();
            const flow = doc.interactions[0].do[0].onFinish[0];
            flow.onFinish[2].message = '{!$Error.message}';
            flow.onError[0].title = '{!$Error.mesage}';
            expectProblem(
                doc,
                'interactions[0].do[0].onFinish[0].onFinish[2].message',
                /only available in an onError chain/
            );
            expectProblem(doc, 'interactions[0].do[0].onFinish[0].onError[0].title', /Did you mean 'message'\?/);
        });

        it('checks refreshQueries', () => {
            const doc = firstActions();
            doc.interactions[1].do[1].onClose = [{ type: 'refreshQueries', queries: ['contcts', 4] }];
            expectProblem(doc, 'interactions[1].do[1].onClose[0].queries[0]', /Did you mean 'contacts'\?/);
            expectProblem(doc, 'interactions[1].do[1].onClose[0].queries[1]', /must be text/);
        });

        it('checks setVariable', () => {
            const doc = firstActions();
            const acts = doc.interactions[2].do;
            acts.push(
                { type: 'setVariable', variable: 'activeStatus', value: 'x' },
                { type: 'setVariable', variable: 'updatedCount' },
                { type: 'setVariable', variable: 'updatedCount', operator: 'clear', value: 1 },
                { type: 'setVariable', variable: 'current', operator: 'add', value: '{!current}' },
                { type: 'setVariable', variable: 'updatedCount', value: 'ten' },
                { type: 'setVariable', variable: 'Updatedcount', value: 1 },
                { type: 'setVariable', variable: 'ids', operator: 'add', value: 'c' },
                { type: 'setVariable', variable: 'updatedCount', value: '=LEN("abc")' },
                { type: 'setVariable', variable: 'updatedCount', value: '(x' },
                { type: 'setVariable', variable: 'updatedCount', value: 'LEN("abc")' }
            );
            expectProblem(doc, 'interactions[2].do[3].variable', /'activeStatus' is a constant/);
            expectProblem(doc, 'interactions[2].do[4].value', /has no value/);
            expectProblem(doc, 'interactions[2].do[5].value', /clear needs no value/);
            expectProblem(
                doc,
                'interactions[2].do[6].operator',
                /add works on Number, Currency and collection variables/
            );
            expectProblem(doc, 'interactions[2].do[7].value', /must be a number/);
            expectProblem(doc, 'interactions[2].do[8].variable', /exactly as defined: 'updatedCount'/);
            expect(problems(doc).filter((p) => p.startsWith('interactions[2].do[9]'))).toEqual([]);
            expect(problems(doc).filter((p) => p.startsWith('interactions[2].do[10]'))).toEqual([]);
            expectProblem(doc, 'interactions[2].do[11].value', /must be a number/);
            expectProblem(
                doc,
                'interactions[2].do[12].value',
                /"LEN\(\\"abc\\"\)" is read as text, but a Number is needed; to compute it, start the value with '=' \("=LEN/
            );
        });

        it('checks showToast, navigate, confirm and flow dialogs', () => {
            const doc = firstActions();
            doc.interactions[3].do.push(
                { type: 'showToast', variant: 'danger', mode: 'forever' },
                { type: 'navigate', target: 'objectList', objectApiName: 'Ghost__c', actionName: 'open' },
                { type: 'navigate', target: 'somewhere' },
                { type: 'confirm', theme: 'pink', variant: 'big' },
                { type: 'openFlowPanel', flowApiName: 'X', position: 'top', size: 'huge' },
                { type: 'openFlowDialog', flowApiName: 'X', position: 'left' },
                { type: 'navigate', target: 'namedPage' },
                { type: 'navigate', target: 'url' }
            );
            const p = 'interactions[3].do';
            expectProblem(doc, `${p}[4].title`, /missing/);
            expectProblem(doc, `${p}[4].variant`, /'danger' is not allowed/);
            expectProblem(doc, `${p}[4].mode`, /'forever' is not allowed/);
            expectProblem(doc, `${p}[5].objectApiName`, /Object 'Ghost__c' does not exist/);
            expectProblem(doc, `${p}[5].actionName`, /'open' is not allowed/);
            expectProblem(doc, `${p}[6].target`, /'somewhere' is not allowed/);
            expectProblem(doc, `${p}[7].message`, /missing/);
            expectProblem(doc, `${p}[7].theme`, /'pink' is not allowed/);
            expectProblem(doc, `${p}[7].variant`, /'big' is not allowed/);
            expectProblem(doc, `${p}[8].position`, /'top' is not allowed/);
            expectProblem(doc, `${p}[8].size`, /'huge' is not allowed/);
            expectProblem(doc, `${p}[9].position`, /Unknown property 'position' in a openFlowDialog action/);
            expectProblem(doc, `${p}[10].pageName`, /missing/);
            expectProblem(doc, `${p}[11].url`, /missing/);
        });

        it('reports an action that is not an object', () => {
            const doc = firstActions();
            doc.interactions[3].do.push(5);
            expectProblem(doc, 'interactions[3].do[4]', /must be an object/);
        });
    });
});

describe('c/dcDefinition parseDefinition', () => {
    const valid = JSON.stringify(validDoc(), null, 4);

    it('returns the definition when it is valid', () => {
        const r = parseDefinition(valid, catalog);
        expect(r.problems).toEqual([]);
        expect(r.definition?.apiName).toBe('Contact_Board');
    });

    it('reports bad JSON as one problem with line and column', () => {
        const text = '{\n    "schemaVersion": 1,\n    "apiName": "X",\n    "label": "x",,\n}';
        const r = parseDefinition(text);
        expect(r.definition).toBeUndefined();
        expect(r.problems).toHaveLength(1);
        expect(r.problems[0]).toMatchObject({ line: 4, column: 18 });
        expect(r.problems[0].message).toMatch(/not valid JSON: .* at line 4, column 18/);
    });

    it('locates validation problems in the text', () => {
        const text =
            '{\n  "schemaVersion": 1,\n  "apiName": "X",\n  "label": "x",\n  "queries": [\n    { "name": "q", "object": "Contact", "fields": ["Nope"] }\n  ]\n}';
        const r = parseDefinition(text, catalog);
        expect(r.definition).toBeUndefined();
        expect(r.document).toBeDefined();
        expect(r.problems).toEqual([expect.objectContaining({ path: 'queries[0].fields[0]', line: 6 })]);
    });

    it('reports duplicate keys', () => {
        const r = parseDefinition('{"schemaVersion": 1, "apiName": "X", "label": "a", "label": "b"}');
        expect(r.problems).toEqual([
            expect.objectContaining({ path: 'label', message: expect.stringMatching(/'label' appears twice/) })
        ]);
    });

    it('rejects non-text input', () => {
        expect(parseDefinition(undefined as unknown as string).problems[0].message).toMatch(/empty/);
    });
});

describe('c/dcDefinition JSON source positions', () => {
    const errors: [string, RegExp][] = [
        ['', /empty/],
        ['{"a": 1} x', /after the end/],
        ["{'a': 1}", /property name in double quotes/],
        ['{"a": \'x\'}', /double quotes/],
        ['[1, 2,]', /Trailing comma before \]/],
        ['{"a": 1,}', /Trailing comma before \}/],
        ['{"a" 1}', /Expected ':'/],
        ['{"a": 1 "b": 2}', /Expected ',' or '}'/],
        ['[1 2]', /Expected ',' or '\]'/],
        ['{"a": "x', /Unterminated string/],
        ['{"a": "x\ny"}', /line break inside a string/],
        ['{"a": "\\q"}', /Invalid escape/],
        ['{"a": "\u0001"}', /Control character/],
        ['{"a": tru}', /expected a value/],
        ['{"a": -}', /expected a value/]
    ];
    it.each(errors)('reports %j', (text, pattern) => {
        const r = parseJsonWithPositions(text);
        expect(r.error?.message).toMatch(pattern);
        expect(r.value).toBeUndefined();
    });

    it('parses every JSON value kind and records positions', () => {
        const text =
            '\uFEFF{"s": "a\\"b\\u0041\\n", "n": -1.5e2, "t": true, "f": false, "z": null, "e": {}, "l": [], "odd key": [{"x": 1}]}';
        const r = parseJsonWithPositions(text);
        expect(r.value).toEqual({
            s: 'a"bA\n',
            n: -150,
            t: true,
            f: false,
            z: null,
            e: {},
            l: [],
            'odd key': [{ x: 1 }]
        });
        expect(r.positions.get('["odd key"][0].x')).toMatchObject({ line: 1 });
        expect(locate(r.positions, 'l[3].deep')).toEqual(r.positions.get('l'));
        expect(locate(new Map(), 'a.b')).toBeUndefined();
        expect(childPath('', 'a')).toBe('a');
        expect(childPath('a', 2)).toBe('a[2]');
    });
});

describe('c/dcDefinition helpers', () => {
    it('parses condition logic', () => {
        const r = parseConditionLogic('NOT (1 OR 2) AND 3', 3);
        expect(r.ok && [...r.used].sort()).toEqual([1, 2, 3]);
        expect(parseConditionLogic('', 1)).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
        expect(parseConditionLogic('1 AND', 1)).toMatchObject({
            ok: false,
            message: expect.stringMatching(/ends too early/)
        });
        expect(parseConditionLogic('1 2', 2)).toMatchObject({
            ok: false,
            message: expect.stringMatching(/unexpected '2'/)
        });
        expect(parseConditionLogic('AND 1', 1)).toMatchObject({
            ok: false,
            message: expect.stringMatching(/expected a condition number/)
        });
        expect(parseConditionLogic('2', 1)).toMatchObject({
            ok: false,
            message: expect.stringMatching(/there is 1 condition/)
        });
    });

    it('resolves field paths through polymorphic lookups and unknown objects', () => {
        expect(resolveFieldPath(catalog, 'Contact', 'What.Type')).toMatchObject({ ok: true });
        expect(resolveFieldPath(catalog, 'Contact', 'What.Bogus')).toMatchObject({
            ok: false,
            message: expect.stringMatching(/Name has no field 'Bogus'/)
        });
        expect(resolveFieldPath(catalog, 'Ghost', 'Name')).toMatchObject({
            ok: false,
            message: expect.stringMatching(/not in the schema/)
        });
        const noName: SchemaCatalog = { describeObject: (n) => (n === 'Name' ? undefined : catalog.describeObject(n)) };
        expect(resolveFieldPath(noName, 'Contact', 'What.Anything')).toEqual({ ok: true });
    });
});

describe('c/dcDefinition picklist values in query filters', () => {
    const picklists: SchemaCatalog = {
        describeObject(name) {
            if (name !== 'Contact') return catalog.describeObject(name);
            const fields = new Map(
                [
                    f('Id', 'ID'),
                    f('Name', 'STRING'),
                    f('Status__c', 'PICKLIST', {
                        picklistValues: [
                            { value: 'New', label: 'New' },
                            { value: 'Active', label: 'Active' },
                            { value: 'Do_Not_Contact', label: 'Do not contact' },
                            { value: 'Retired', label: 'Retired', active: false }
                        ]
                    }),
                    f('Tags__c', 'MULTIPICKLIST', { picklistValues: [{ value: 'Red' }, { value: 'Blue' }] }),
                    // the preview schema's own shape: plain API names
                    f('Region__c', 'PICKLIST', {
                        picklistValues: ['North', 'South'] as unknown as { value: string }[]
                    }),
                    f('Level__c', 'PICKLIST')
                ].map((x) => [x.name, x])
            );
            return { name: 'Contact', fields };
        }
    };
    const docWith = (...conditions: unknown[]): Doc => ({
        schemaVersion: 1,
        apiName: 'Picklists',
        label: 'Picklists',
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'], where: { conditions } }]
    });
    const found = (doc: Doc) => validateDefinition(doc, picklists).map((p) => `${p.path}: ${p.message}`);
    const at = (i: number, suffix = '') => `queries[0].where.conditions[${i}].value${suffix}`;

    it('accepts the field values (any case, as SOQL compares them), inactive ones, merge fields and partial text', () => {
        expect(
            found(
                docWith(
                    { field: 'Status__c', operator: 'equals', value: 'Active' },
                    { field: 'Status__c', operator: 'notEquals', value: 'active' },
                    { field: 'Status__c', operator: 'equals', value: 'Retired' },
                    { field: 'Status__c', operator: 'in', value: ['New', 'Do_Not_Contact'] },
                    { field: 'Status__c', operator: 'equals', value: '{!$User.Id}' },
                    { field: 'Status__c', operator: 'startsWith', value: 'Act' },
                    { field: 'Status__c', operator: 'equals', value: null },
                    { field: 'Tags__c', operator: 'equals', value: 'Red;Blue' },
                    { field: 'Region__c', operator: 'equals', value: 'North' },
                    { field: 'Level__c', operator: 'equals', value: 'Anything' }
                )
            )
        ).toEqual([]);
    });

    it('reports a value the picklist does not have, with a did-you-mean and the values to use', () => {
        expect(found(docWith({ field: 'Status__c', operator: 'equals', value: 'Actve' }))).toEqual([
            `${at(0)}: 'Actve' is not a value of picklist 'Status__c'. Did you mean 'Active'? Use one of 'New', 'Active' or 'Do_Not_Contact' (picklist values are API names, not labels).`
        ]);
    });

    it('suggests the API name when the value is a label', () => {
        expect(found(docWith({ field: 'Status__c', operator: 'equals', value: 'Do not contact' }))[0]).toMatch(
            /'Do not contact' is not a value of picklist 'Status__c'\. Did you mean 'Do_Not_Contact'\?/
        );
    });

    it('checks every value of an in / notIn list and of a multi-select value, each at its path', () => {
        expect(
            found(
                docWith(
                    { field: 'Status__c', operator: 'notIn', value: ['New', 'Gone'] },
                    { field: 'Tags__c', operator: 'equals', value: 'Red;Green' },
                    { field: 'Region__c', operator: 'in', value: ['East'] }
                )
            )
        ).toEqual([
            `${at(0, '[1]')}: 'Gone' is not a value of picklist 'Status__c'. Use one of 'New', 'Active' or 'Do_Not_Contact' (picklist values are API names, not labels).`,
            `${at(1)}: 'Green' is not a value of picklist 'Tags__c'. Use one of 'Red' or 'Blue' (picklist values are API names, not labels).`,
            `${at(2, '[0]')}: 'East' is not a value of picklist 'Region__c'. Use one of 'North' or 'South' (picklist values are API names, not labels).`
        ]);
    });

    it('lists at most twelve values', () => {
        const many = Array.from({ length: 15 }, (_, i) => ({ value: `V${i}` }));
        const kind = f('Kind__c', 'PICKLIST', { picklistValues: many });
        const wide: SchemaCatalog = {
            describeObject(name) {
                if (name !== 'Contact') return undefined;
                return { name, fields: { Name: f('Name', 'STRING'), Kind__c: kind } };
            }
        };
        const [message] = validateDefinition(docWith({ field: 'Kind__c', operator: 'equals', value: 'Zzz' }), wide).map(
            (p) => p.message
        );
        expect(message).toMatch(/Use one of 'V0', 'V1', .*'V11', \.\.\. \(picklist values/);
        expect(message).not.toMatch(/V12/);
    });
});
