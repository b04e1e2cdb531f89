/* eslint jest/expect-expect: ["error", { "assertFunctionNames": ["expect", "expectOne"] }] */
/*
 * Issue #13's definition rules: editable, wrap and cellStyles on columns, frozenColumns on tables, the save event,
 * the exportCsv action and the LastSave* table properties. Each rule: a valid input and each invalid one, with the
 * exact problem at the exact path.
 */
import {
    EDITABLE_TYPES,
    validateDefinition,
    type DefinitionProblem,
    type FieldDescribe,
    type SchemaCatalog
} from 'c/dcDefinition';

function f(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, updateable: true, ...extra };
}

const FIELDS: Record<string, FieldDescribe[]> = {
    Contact: [
        f('Id', 'ID', { updateable: false }),
        f('Name', 'STRING'),
        f('Phone', 'PHONE'),
        f('Score__c', 'DOUBLE'),
        f('Birthdate', 'DATE'),
        f('DoNotCall', 'BOOLEAN'),
        f('Status__c', 'PICKLIST', {
            picklistValues: [
                { value: 'New', label: 'New' },
                { value: 'Active', label: 'Active' }
            ]
        }),
        f('AccountId', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' }),
        f('Full_Score__c', 'DOUBLE', { updateable: false }),
        f('CreatedDate', 'DATETIME', { updateable: false }),
        f('MailingAddress', 'ADDRESS', { updateable: false, sortable: false }),
        f('Legacy__c', 'STRING', { updateable: undefined }),
        f('Formula_Score__c', 'DOUBLE', { updateable: false, readOnlyReason: 'formula' })
    ],
    Account: [f('Id', 'ID', { updateable: false }), f('Name', 'STRING')]
};

const catalog: SchemaCatalog = {
    describeObject(name) {
        const list = FIELDS[name];
        return list ? { name, fields: new Map(list.map((x) => [x.name, x])) } : undefined;
    }
};

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ALL_FIELDS = FIELDS.Contact.map((x) => x.name).filter((n) => n !== 'Id');

/** One editable table with every new option, a save interaction and an export header action. */
function base(): Doc {
    return {
        schemaVersion: 1,
        apiName: 'Edit_Board',
        label: 'Edit board',
        resources: [{ name: 'saved', kind: 'variable', dataType: 'Number', value: 0 }],
        queries: [{ name: 'contacts', object: 'Contact', fields: [...ALL_FIELDS, 'Account.Name'] }],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                frozenColumns: 2,
                columns: [
                    { field: 'Name', editable: true, wrap: true },
                    {
                        field: 'Status__c',
                        editable: true,
                        cellStyles: [
                            { operator: 'equals', value: 'Active', variant: 'success', badge: true },
                            { operator: 'in', value: ['New'], variant: 'info' },
                            { operator: 'isNull', variant: 'neutral' }
                        ]
                    },
                    { field: 'Score__c', cellStyles: [{ operator: 'lessThan', value: 10, variant: 'error' }] },
                    { field: 'Account.Name', wrap: false }
                ],
                headerActions: [{ name: 'export', label: 'Export' }]
            }
        ],
        interactions: [
            {
                id: 'afterSave',
                on: { event: 'save', target: 'contactsTable' },
                do: [
                    {
                        type: 'setVariable',
                        variable: 'saved',
                        operator: 'add',
                        value: '{!contactsTable.LastSaveSavedCount}'
                    },
                    {
                        type: 'showToast',
                        title: '{!contactsTable.LastSaveSavedCount} saved, {!contactsTable.LastSaveFailedCount} failed'
                    }
                ]
            },
            {
                id: 'exportIt',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'export' },
                do: [{ type: 'exportCsv', table: 'contactsTable', fileName: 'contacts_{!saved}.csv' }]
            }
        ]
    };
}

const table = (d: Doc): Doc => d.components[0];
const column = (d: Doc, i: number): Doc => table(d).columns[i];

function problemsOf(d: Doc, withCatalog = true): DefinitionProblem[] {
    return validateDefinition(d, withCatalog ? catalog : undefined);
}

/** The one problem of `d`, which must be at `path`. */
function expectOne(d: Doc, path: string, message: string | RegExp, withCatalog = true): DefinitionProblem {
    const problems = problemsOf(d, withCatalog);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    if (typeof message === 'string') expect(problems[0].message).toBe(message);
    else expect(problems[0].message).toMatch(message);
    return problems[0];
}

describe('the sample', () => {
    it('is valid with and without a catalog', () => {
        expect(problemsOf(base())).toEqual([]);
        expect(problemsOf(base(), false)).toEqual([]);
    });
});

describe('editable', () => {
    it.each(['Name', 'Phone', 'Score__c', 'Birthdate', 'DoNotCall', 'Status__c', 'AccountId', 'Legacy__c'])(
        'accepts the updateable field %s',
        (field) => {
            const d = base();
            table(d).columns.push({ field, editable: true });
            expect(problemsOf(d)).toEqual([]);
        }
    );

    it('accepts editable: false on any column', () => {
        const d = base();
        table(d).columns.push({ field: 'Full_Score__c', editable: false });
        expect(problemsOf(d)).toEqual([]);
    });

    it('must be a boolean', () => {
        const d = base();
        column(d, 0).editable = 'yes';
        expectOne(d, 'components[0].columns[0].editable', /editable must be true or false|editable/);
    });

    it('rejects a field of a related record, naming the lookup to edit instead', () => {
        const d = base();
        column(d, 3).editable = true;
        expectOne(
            d,
            'components[0].columns[3].editable',
            `Column 'Account.Name' cannot be editable: inline edit saves fields of Contact only, and 'Account.Name' is a field of the related record 'Account'. Remove "editable", or make the lookup field itself editable (e.g. 'AccountId').`
        );
    });

    it('suggests the __c lookup for a custom relationship path, also without a catalog', () => {
        const d = base();
        d.queries[0].fields.push('Invoice__r.Total__c');
        table(d).columns.push({ field: 'Invoice__r.Total__c', editable: true });
        expectOne(
            d,
            'components[0].columns[4].editable',
            /make the lookup field itself editable \(e\.g\. 'Invoice__c'\)/,
            false
        );
    });

    it('rejects the Id, with or without a catalog', () => {
        for (const withCatalog of [true, false]) {
            const d = base();
            table(d).columns.push({ field: 'Id', editable: true });
            expectOne(
                d,
                'components[0].columns[4].editable',
                `Column 'Id' cannot be editable: a record's Id never changes. Remove "editable".`,
                withCatalog
            );
        }
    });

    it.each([
        ['Full_Score__c', 'DOUBLE'],
        ['CreatedDate', 'DATETIME']
    ])('rejects %s, which is not updateable, and says why', (field, type) => {
        const d = base();
        table(d).columns.push({ field, editable: true });
        expectOne(
            d,
            'components[0].columns[4].editable',
            `Column '${field}' cannot be editable: Contact.${field} (${type}) is not updateable - formula, auto-number, roll-up summary and system fields (CreatedDate, LastModifiedById, ...) are computed by Salesforce. Remove "editable", or edit the field it is computed from.`
        );
    });

    it('says which kind of read-only field it is when the catalog knows', () => {
        const d = base();
        table(d).columns.push({ field: 'Formula_Score__c', editable: true });
        expectOne(
            d,
            'components[0].columns[4].editable',
            `Column 'Formula_Score__c' cannot be editable: Contact.Formula_Score__c (DOUBLE) is a formula field, which Salesforce computes from other fields. Remove "editable", or make the fields the formula reads editable instead.`
        );
    });

    it.each([
        ['formula', 'is a formula field'],
        ['autoNumber', 'is an auto-number'],
        ['rollUpSummary', 'is a roll-up summary'],
        ['masterDetail', 'is a master-detail field that does not allow reparenting'],
        ['system', 'is a system field'],
        ['compound', 'is a compound field'],
        ['computed', 'is derived by Salesforce'],
        ['customMetadata', 'is a field of a custom metadata type']
    ] as const)('names the reason %s', (readOnlyReason, words) => {
        FIELDS.Contact.push(f('Reasoned__c', 'STRING', { updateable: false, readOnlyReason }));
        try {
            const d = base();
            d.queries[0].fields.push('Reasoned__c');
            table(d).columns.push({ field: 'Reasoned__c', editable: true });
            const p = expectOne(d, 'components[0].columns[4].editable', /^Column 'Reasoned__c' cannot be editable: /);
            expect(p.message).toContain(`Contact.Reasoned__c (STRING) ${words}`);
            expect(p.message).toMatch(/Remove "editable"/);
        } finally {
            FIELDS.Contact.pop();
        }
    });

    it('rejects a type the table has no editor for, listing the editable types', () => {
        const d = base();
        table(d).columns.push({ field: 'MailingAddress', editable: true });
        const p = expectOne(d, 'components[0].columns[4].editable', /the table has no editor for ADDRESS fields/);
        for (const type of EDITABLE_TYPES) expect(p.message).toContain(type);
    });

    it('leaves updateability to the server when there is no catalog', () => {
        const d = base();
        table(d).columns.push({ field: 'Full_Score__c', editable: true });
        expect(problemsOf(d, false)).toEqual([]);
    });
});

describe('wrap', () => {
    it('must be a boolean', () => {
        const d = base();
        column(d, 0).wrap = 'true';
        expectOne(d, 'components[0].columns[0].wrap', /wrap/);
    });
});

describe('cellStyles', () => {
    const rulePath = 'components[0].columns[1].cellStyles[0]';
    const setRule = (d: Doc, rule: unknown, col = 1): void => {
        column(d, col).cellStyles = [rule];
    };

    it('must be a list of objects', () => {
        const d = base();
        column(d, 1).cellStyles = { operator: 'equals' };
        expectOne(d, 'components[0].columns[1].cellStyles', /must be a list/);
        column(d, 1).cellStyles = ['success'];
        expectOne(d, rulePath, /A cell style must be an object/);
    });

    it('rejects an unknown key', () => {
        const d = base();
        setRule(d, { operator: 'isNull', variant: 'info', colour: 'red' });
        expectOne(d, `${rulePath}.colour`, /colour/);
    });

    it('needs an operator from the query operators', () => {
        const d = base();
        setRule(d, { variant: 'info', value: 'New' });
        expectOne(d, `${rulePath}.operator`, /operator/);
        setRule(d, { operator: 'like', variant: 'info', value: 'New' });
        expectOne(d, `${rulePath}.operator`, /'like' is not allowed/);
    });

    it('needs a variant and suggests the closest one', () => {
        const d = base();
        setRule(d, { operator: 'equals', value: 'New' });
        expectOne(d, `${rulePath}.variant`, /variant/);
        setRule(d, { operator: 'equals', value: 'New', variant: 'sucess' });
        expectOne(
            d,
            `${rulePath}.variant`,
            `The cell style variant 'sucess' is not allowed. Did you mean 'success'? Use one of 'success', 'warning', 'error', 'info', 'inverse' or 'neutral'.`
        );
    });

    it('badge must be a boolean', () => {
        const d = base();
        setRule(d, { operator: 'isNull', variant: 'info', badge: 'yes' });
        expectOne(d, `${rulePath}.badge`, /badge/);
    });

    it('isNull takes no value', () => {
        const d = base();
        setRule(d, { operator: 'isNull', value: true, variant: 'info' });
        expectOne(
            d,
            `${rulePath}.value`,
            `A cell style with "operator": "isNull" matches empty cells and takes no value: remove "value".`
        );
    });

    it('every other operator needs a value', () => {
        const d = base();
        setRule(d, { operator: 'notIn', variant: 'info' });
        expectOne(d, `${rulePath}.value`, /"operator": "notIn" compares the cell with "value": add one.*a list for in/);
    });

    it('takes literals, not merge fields', () => {
        const d = base();
        setRule(d, { operator: 'equals', value: '{!saved}', variant: 'info' });
        expectOne(d, `${rulePath}.value`, /compares the cell with a fixed value, but '\{!saved\}' is a merge field/);
        setRule(d, { operator: 'in', value: ['New', '{!saved}'], variant: 'info' });
        expectOne(d, `${rulePath}.value[1]`, /is a merge field/);
    });

    it.each([
        [
            1,
            { operator: 'equals', value: 'Actve' },
            'value',
            /'Actve' is not a value of picklist 'Status__c'\. Did you mean 'Active'/
        ],
        [2, { operator: 'greaterThan', value: '10' }, 'value', /'Score__c' is a number field \(DOUBLE\)/],
        [2, { operator: 'contains', value: '1' }, 'operator', /contains/],
        [1, { operator: 'in', value: 'New' }, 'value', /in/]
    ])('type-checks the value against the field like query conditions (column %p, %j)', (col, rule, key, message) => {
        const d = base();
        setRule(d, { ...rule, variant: 'info' }, col);
        expectOne(d, `components[0].columns[${col}].cellStyles[0].${key}`, message);
    });

    it('checks only the shape of the value without a catalog', () => {
        const d = base();
        setRule(d, { operator: 'equals', value: 'Actve', variant: 'info' });
        expect(problemsOf(d, false)).toEqual([]);
        setRule(d, { operator: 'equals', value: ['Active'], variant: 'info' });
        expectOne(d, `${rulePath}.value`, /list/, false);
    });
});

describe('frozenColumns', () => {
    it.each([0, 1, 3])('accepts %p', (n) => {
        const d = base();
        table(d).frozenColumns = n;
        expect(problemsOf(d)).toEqual([]);
    });

    it.each([-1, 4, 1.5, '2'])('rejects %p', (n) => {
        const d = base();
        table(d).frozenColumns = n;
        expectOne(d, 'components[0].frozenColumns', /frozenColumns/);
    });

    it('cannot freeze more columns than the table has', () => {
        const d = base();
        table(d).columns = [{ field: 'Name', editable: true }, { field: 'Phone' }];
        table(d).frozenColumns = 3;
        expectOne(
            d,
            'components[0].frozenColumns',
            'frozenColumns is 3, but the table has only 2 columns: freeze at most 2, or add columns.'
        );
    });
});

describe('the save event', () => {
    it('has no action', () => {
        const d = base();
        d.interactions[0].on.action = 'export';
        expectOne(d, 'interactions[0].on.action', /A save interaction has no action: remove "action"/);
    });

    it('needs a target table with an editable column', () => {
        const d = base();
        for (const col of table(d).columns) delete col.editable;
        expectOne(
            d,
            'interactions[0].on.event',
            `The save event of 'contactsTable' never happens: the table has no editable column. Add "editable": true to a column of 'contactsTable', or remove this interaction.`
        );
    });

    it('needs an existing target', () => {
        const d = base();
        d.interactions[0].on.target = 'contactTable';
        expectOne(d, 'interactions[0].on.target', /Did you mean 'contactsTable'/);
        delete d.interactions[0].on.target;
        expectOne(d, 'interactions[0].on.target', /target/);
    });
});

describe('LastSaveSavedCount and LastSaveFailedCount', () => {
    it('are Numbers in formulas', () => {
        const d = base();
        d.resources.push({
            name: 'summary',
            kind: 'formula',
            dataType: 'Number',
            formula: '{!contactsTable.LastSaveSavedCount} + {!contactsTable.LastSaveFailedCount}'
        });
        expect(problemsOf(d)).toEqual([]);
    });

    it('have no fields', () => {
        const d = base();
        d.interactions[0].do[1].title = '{!contactsTable.LastSaveSavedCount.Name}';
        expectOne(d, 'interactions[0].do[1].title', /LastSaveSavedCount/);
    });

    it('are suggested for a misspelt property', () => {
        const d = base();
        d.interactions[0].do[1].title = '{!contactsTable.LastSaveSavedCont}';
        expectOne(d, 'interactions[0].do[1].title', /Did you mean 'LastSaveSavedCount'/);
    });
});

describe('exportCsv', () => {
    const action = (d: Doc): Doc => d.interactions[1].do[0];

    it('accepts a table alone (the default file name)', () => {
        const d = base();
        delete action(d).fileName;
        expect(problemsOf(d)).toEqual([]);
    });

    it('needs a table', () => {
        const d = base();
        delete action(d).table;
        expectOne(d, 'interactions[1].do[0].table', /table/);
    });

    it('the table must exist, with a did-you-mean', () => {
        const d = base();
        action(d).table = 'contactTable';
        expectOne(
            d,
            'interactions[1].do[0].table',
            `exportCsv: data table 'contactTable' does not exist. Did you mean 'contactsTable'? Name one of the definition's data tables (contactsTable).`
        );
    });

    it('the table must be a data table, written as defined', () => {
        const d = base();
        action(d).table = 'contacts';
        expectOne(
            d,
            'interactions[1].do[0].table',
            `exportCsv: 'contacts' is a query, not a data table: "table" must name a data table.`
        );
        action(d).table = 'ContactsTable';
        expectOne(d, 'interactions[1].do[0].table', `Write the component name exactly as defined: 'contactsTable'.`);
    });

    it('warns when the file name does not end in .csv', () => {
        const d = base();
        action(d).fileName = 'contacts.xlsx';
        const p = expectOne(
            d,
            'interactions[1].do[0].fileName',
            `The export file name 'contacts.xlsx' does not end in .csv: spreadsheet programs may not open it. Add ".csv" at the end.`
        );
        expect(p.severity).toBe('warning');
    });

    it('does not warn about a name that ends in a merge field', () => {
        const d = base();
        action(d).fileName = 'contacts_{!saved}';
        expect(problemsOf(d)).toEqual([]);
    });

    it('checks merge fields in the file name and its type', () => {
        const d = base();
        action(d).fileName = 'contacts_{!nope}.csv';
        expectOne(d, 'interactions[1].do[0].fileName', /nope/);
        action(d).fileName = 42;
        expectOne(d, 'interactions[1].do[0].fileName', /must be text/);
    });

    it('takes no other keys', () => {
        const d = base();
        action(d).query = 'contacts';
        expectOne(d, 'interactions[1].do[0].query', /query/);
    });
});
