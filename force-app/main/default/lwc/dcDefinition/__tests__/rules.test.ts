/* eslint jest/expect-expect: ["error", { "assertFunctionNames": ["expect", "expectOne", "expectValid"] }] */
/* eslint no-script-url: "off" -- script URLs are the inputs these tests reject */
/*
 * The validator's rules from issue #12: one test per rule, each a bad input and the exact problem at the exact path.
 */
import {
    MAX_NESTING,
    parseDefinition,
    urlProblem,
    validateDefinition,
    type DefinitionProblem,
    type FieldDescribe,
    type SchemaCatalog
} from 'c/dcDefinition';

function f(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, ...extra };
}

const FIELDS: Record<string, FieldDescribe[]> = {
    Contact: [
        f('Id', 'ID'),
        f('Name', 'STRING'),
        f('Email', 'EMAIL'),
        f('Birthdate', 'DATE'),
        f('Score__c', 'DOUBLE'),
        f('Status__c', 'PICKLIST', {
            picklistValues: [
                { value: 'New', label: 'New' },
                { value: 'Active', label: 'Active' },
                { value: 'Do_Not_Contact', label: 'Do not contact' }
            ]
        })
    ],
    User: [f('Id', 'ID'), f('FirstName', 'STRING')]
};

const catalog: SchemaCatalog = {
    describeObject(name) {
        const list = FIELDS[name];
        return list ? { name, fields: new Map(list.map((x) => [x.name, x])) } : undefined;
    }
};

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A small valid definition: one table with selection, a header action, a row action, a flow and navigation. */
function base(): Doc {
    return {
        schemaVersion: 1,
        apiName: 'Rules_Board',
        label: 'Rules',
        resources: [
            { name: 'count', kind: 'variable', dataType: 'Number', value: 0 },
            { name: 'due', kind: 'variable', dataType: 'Date' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true, value: ['a', 'b'] },
            { name: 'status', kind: 'constant', dataType: 'Text', value: 'Active' }
        ],
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email', 'Status__c'],
                where: { conditions: [{ field: 'Status__c', operator: 'equals', value: 'New' }] }
            }
        ],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                maxRowSelection: 10,
                columns: [{ field: 'Name' }, { field: 'Email' }],
                headerActions: [{ name: 'setActive', label: 'Set as Active', requiresSelection: true }],
                rowActions: [{ name: 'open', label: 'Open' }]
            }
        ],
        interactions: [
            {
                id: 'setActive',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                do: [
                    {
                        type: 'executeFlow',
                        id: 'runSetActive',
                        flowApiName: 'Set_Contact_Status_Active',
                        requiredPermission: 'Run_Contact_Flows',
                        inputs: [
                            { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                        ]
                    },
                    { type: 'setVariable', variable: 'count', value: '={!count} + 1' }
                ]
            },
            {
                id: 'openContact',
                on: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                do: [{ type: 'navigate', target: 'url', url: 'https://example.com/{!contactsTable.ActionRow.Id}' }]
            }
        ]
    };
}

function problemsOf(doc: unknown): DefinitionProblem[] {
    return validateDefinition(doc, catalog);
}

/** Exactly one problem at `path`, matching `message`. */
function expectOne(doc: unknown, path: string, message: RegExp | string): void {
    const at = problemsOf(doc).filter((p) => p.path === path);
    expect(at.map((p) => p.message)).toEqual([typeof message === 'string' ? message : expect.stringMatching(message)]);
}

function expectValid(doc: unknown): void {
    expect(problemsOf(doc)).toEqual([]);
}

describe('issue #12 validator rules', () => {
    it('the base definition is valid (requiredPermission included)', () => {
        expectValid(base());
    });

    describe('reserved keys', () => {
        it('rejects __proto__ read from JSON text without setting a prototype', () => {
            const text = JSON.stringify(base()).replace(
                '"name":"count"',
                '"__proto__":{"polluted":true},"name":"count"'
            );
            const result = parseDefinition(text, catalog);
            expect(result.definition).toBeUndefined();
            expect(result.problems.map((p) => [p.path, p.message])).toEqual([
                [
                    'resources[0].__proto__',
                    "'__proto__' is a reserved key (it names JavaScript object machinery and could change how the definition is read): remove it or rename the property; no part of a definition uses it."
                ]
            ]);
            const resource = (result.document as Doc).resources[0];
            expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
            expect(resource.polluted).toBeUndefined();
            expect(({} as Doc).polluted).toBeUndefined();
        });

        it('rejects constructor and prototype anywhere, once each', () => {
            const doc = base();
            Object.assign(doc, JSON.parse('{"constructor": 1}')); // an own property, as JSON gives it
            doc.queries[0].where.conditions[0].prototype = 'x';
            const found = problemsOf(doc);
            expect(found.map((p) => p.path)).toEqual(['constructor', 'queries[0].where.conditions[0].prototype']);
            expect(found[0].message).toMatch(/^'constructor' is a reserved key/);
        });
    });

    describe('nothing crashes', () => {
        it('a document nested deeper than the limit is one problem (text and object)', () => {
            const deep = `{"label": ${'['.repeat(MAX_NESTING + 5)}${']'.repeat(MAX_NESTING + 5)}}`;
            const r = parseDefinition(deep);
            expect(r.problems).toHaveLength(1);
            expect(r.problems[0].message).toMatch(/nested more than 100 levels deep/);
            expect(r.problems[0]).toMatchObject({ line: 1, column: 11 + MAX_NESTING - 1 });
            let nested: unknown = [];
            for (let i = 0; i < 10_000; i++) nested = { onFinish: nested };
            const doc = base();
            doc.description = nested;
            expect(problemsOf(doc)).toEqual([
                {
                    path: expect.stringMatching(/^description(\.onFinish)+$/),
                    message:
                        'The definition is nested more than 100 levels deep (objects and lists inside each other); a definition needs far fewer: flatten it.',
                    severity: 'error'
                }
            ]);
        });

        it('an object that contains itself is one problem', () => {
            const doc = base();
            doc.resources[0].self = doc.resources;
            expect(problemsOf(doc)).toEqual([expect.objectContaining({ path: 'resources[0].self' })]);
            expect(problemsOf(doc)[0].message).toMatch(/contains itself/);
        });
    });

    describe('identifiers', () => {
        it.each([
            ['a__b', 'it contains two underscores in a row'],
            ['count_', 'it ends with an underscore'],
            ['1count', "it starts with '1'"],
            ['my count', 'it contains a space']
        ])('rejects the name %s: %s', (name, reason) => {
            const doc = base();
            doc.resources[3].name = name;
            expectOne(
                doc,
                'resources[3].name',
                `The resource name '${name}' is not valid: ${reason}. Use letters, digits and single underscores, start with a letter and do not end with an underscore (e.g. contactsTable).`
            );
        });

        it('limits names and ids to 80 characters, apiName to 40', () => {
            const doc = base();
            doc.interactions[1].id = 'x'.repeat(81);
            doc.apiName = 'A'.repeat(41);
            expectOne(
                doc,
                'interactions[1].id',
                `The interaction id '${'x'.repeat(81)}' is too long: it is 81 characters long; the limit is 80; shorten it.`
            );
            expectOne(doc, 'apiName', /is too long: it is 41 characters long; the limit is 40/);
            doc.interactions[1].id = 'x'.repeat(80);
            doc.apiName = 'A'.repeat(40);
            expectValid(doc);
        });

        it('allows a namespace prefix on flow and permission names, not on own names', () => {
            const doc = base();
            doc.interactions[0].do[0].flowApiName = 'acme__Set_Status';
            doc.interactions[0].do[0].requiredPermission = 'acme__Run_Flows';
            expectValid(doc);
            doc.interactions[0].do[0].requiredPermission = 'Run__Flows__x';
            expectOne(doc, 'interactions[0].do[0].requiredPermission', /contains two underscores in a row/);
            doc.interactions[0].do[0].requiredPermission = 'averyveryverylongnamespace__Run';
            expectOne(doc, 'interactions[0].do[0].requiredPermission', /namespace has at most 15/);
        });

        it('requiredPermission belongs to flow actions only', () => {
            const doc = base();
            doc.interactions[1].do[0].requiredPermission = 'Run_Contact_Flows';
            expectOne(doc, 'interactions[1].do[0].requiredPermission', /^Unknown property 'requiredPermission'/);
        });

        it('rejects field and object names longer than the platform allows', () => {
            const doc = base();
            doc.queries[0].fields.push(`${'F'.repeat(41)}__c`);
            expectOne(doc, 'queries[0].fields[3]', /cannot exist: 'F{41}' is 41 characters long; .* at most 40/);
        });
    });

    describe('navigate URLs', () => {
        it.each([
            ['javascript:alert(1)', 'javascript'],
            [' JaVa\tScript:alert(1)', 'javascript'],
            ['data:text/html;base64,PHNjcmlwdD4=', 'data'],
            ['vbscript:msgbox(1)', 'vbscript'],
            ['javascript:{!contactsTable.ActionRow.Id}', 'javascript']
        ])('rejects %j', (url, scheme) => {
            const doc = base();
            doc.interactions[1].do[0].url = url;
            expectOne(doc, 'interactions[1].do[0].url', new RegExp(`^The URL scheme '${scheme}:' is not allowed`));
        });

        it('rejects a protocol-relative URL', () => {
            const doc = base();
            doc.interactions[1].do[0].url = '//evil.example.com/x';
            expectOne(doc, 'interactions[1].do[0].url', /starts with '\/\/', which opens another site/);
        });

        it.each([
            'https://example.com',
            'http://example.com',
            'mailto:a@example.com',
            'tel:+15551234',
            '/lightning/o/Contact/home',
            '?tab=2',
            '{!contactsTable.ActionRow.Id}'
        ])('accepts %j', (url) => {
            const doc = base();
            doc.interactions[1].do[0].url = url;
            expectValid(doc);
        });

        it('urlProblem is the one check (the run-time executor uses it too)', () => {
            expect(urlProblem('https://x')).toBeUndefined();
            expect(urlProblem('/apex/Page')).toBeUndefined();
            expect(urlProblem('JAVASCRIPT:x')).toMatch(/'javascript:' is not allowed/);
            expect(urlProblem('\u0000javascript:x')).toMatch(/'javascript:' is not allowed/);
            expect(urlProblem('file:///etc/passwd')).toMatch(/'file:' is not allowed/);
            expect(urlProblem('  ')).toMatch(/The URL is empty/);
        });
    });

    describe('unreachable actions', () => {
        it('a requiresSelection header action on a table without selection', () => {
            for (const maxRowSelection of [0, undefined]) {
                const doc = base();
                doc.components[0].maxRowSelection = maxRowSelection;
                expectOne(
                    doc,
                    'components[0].headerActions[0].requiresSelection',
                    `Header action 'setActive' requires a selection, but 'contactsTable' offers no row selection (maxRowSelection is 0 or not set), so nobody can ever use it: set "maxRowSelection" on 'contactsTable' (1 for a single row) or remove "requiresSelection".`
                );
            }
        });

        it('a selectionChange interaction on a table without selection', () => {
            const doc = base();
            doc.components[0].maxRowSelection = 0;
            doc.components[0].headerActions[0].requiresSelection = false;
            doc.interactions.push({
                id: 'selected',
                on: { event: 'selectionChange', target: 'contactsTable' },
                do: [{ type: 'setVariable', variable: 'count', value: '{!contactsTable.SelectedRowCount}' }]
            });
            expectOne(
                doc,
                'interactions[2].on.event',
                /when the selection of 'contactsTable' changes, .* it never runs/
            );
        });
    });

    it('checks picklist values in filters, with a did-you-mean', () => {
        const doc = base();
        doc.queries[0].where.conditions[0].value = 'Neww';
        expectOne(
            doc,
            'queries[0].where.conditions[0].value',
            "'Neww' is not a value of picklist 'Status__c'. Did you mean 'New'? Use one of 'New', 'Active' or 'Do_Not_Contact' (picklist values are API names, not labels)."
        );
        doc.queries[0].where.conditions[0] = { field: 'Status__c', operator: 'notIn', value: ['New', 'Actve'] };
        expectOne(doc, 'queries[0].where.conditions[0].value[1]', /'Actve' is not a value .* Did you mean 'Active'\?/);
    });

    describe('merge fields in lists', () => {
        it('are checked element by element where the runtime resolves them (setVariable, flow inputs)', () => {
            const doc = base();
            doc.interactions[0].do[1] = { type: 'setVariable', variable: 'ids', value: ['{!status}', '{!nope}', 'x'] };
            expectOne(doc, 'interactions[0].do[1].value[1]', /\{!nope\} refers to 'nope', which is not a resource/);
            expect(problemsOf(doc)).toHaveLength(1);
        });

        it('are rejected in a variable initial value (kept as written)', () => {
            const doc = base();
            doc.resources[2].value = ['a', '{!status}'];
            expectOne(
                doc,
                'resources[2].value[1]',
                /^"\{!status\}" is inside a list, and merge fields .* are not resolved here/
            );
        });

        it('are rejected in a condition list (only a whole-value merge field is a bind)', () => {
            const doc = base();
            doc.queries[0].where.conditions[0] = { field: 'Name', operator: 'in', value: ['a', '{!$User.FirstName}'] };
            expectOne(doc, 'queries[0].where.conditions[0].value[1]', /is inside a list, .* "operator": "in"/);
        });
    });

    it('rejects dates that do not exist or that Salesforce cannot store', () => {
        const doc = base();
        doc.resources.push({ name: 'when', kind: 'constant', dataType: 'Date', value: '2025-02-30' });
        doc.resources.push({ name: 'old', kind: 'constant', dataType: 'DateTime', value: '1699-12-31T00:00:00Z' });
        doc.queries[0].where.conditions.push({ field: 'Birthdate', operator: 'lessThan', value: '2023-02-29' });
        expectOne(
            doc,
            'resources[4].value',
            `The constant value '2025-02-30' is not a valid Date: February 2025 has no day 30. Write a real date between the years 1700 and 4000, such as "2025-01-31".`
        );
        expectOne(doc, 'resources[5].value', /the year 1699 is outside the range Salesforce stores \(1700 to 4000\)/);
        expectOne(doc, 'queries[0].where.conditions[1].value', /'2023-02-29' for 'Birthdate' is not a valid Date/);
    });

    describe('the = rule', () => {
        it('tells an old-style formula bound for a Number or Date to start with =', () => {
            const doc = base();
            doc.interactions[0].do[1].value = '{!count} + 1';
            doc.interactions[0].do.push({ type: 'setVariable', variable: 'due', value: 'TODAY()' });
            expectOne(
                doc,
                'interactions[0].do[1].value',
                `The value "{!count} + 1" is read as text (merge fields inside text), but a Number is needed; to compute it, start the value with '=' ("={!count} + 1").`
            );
            expectOne(
                doc,
                'interactions[0].do[2].value',
                `The value "TODAY()" is read as text, but a Date is needed; to compute it, start the value with '=' ("=TODAY()").`
            );
            doc.interactions[0].do[1].value = '={!count} + 1';
            doc.interactions[0].do[2].value = '=TODAY() + 1';
            expectValid(doc);
        });

        it('keeps text targets as text (a template is fine for Text)', () => {
            const doc = base();
            doc.resources.push({ name: 'label', kind: 'variable', dataType: 'Text', value: '{!count} - {!status}' });
            doc.resources.push({ name: 'literal', kind: 'variable', dataType: 'Text', value: 'TODAY()' });
            expectValid(doc);
        });

        it('type-checks an = formula against its target', () => {
            const doc = base();
            doc.interactions[0].do[1].value = '="three"';
            expectOne(doc, 'interactions[0].do[1].value', /^The value returns Text, but it must be Number/);
        });
    });

    it('rejects a Number formula that returns text', () => {
        const doc = base();
        doc.resources.push({ name: 'total', kind: 'formula', dataType: 'Number', formula: '"a" & {!status}' });
        expectOne(
            doc,
            'resources[4].formula',
            "Formula 'total' returns Text, but it must be Number: change the formula to return Number (e.g. with VALUE(...)) or change the dataType."
        );
    });

    it('surfaces an unknown function at the formula or value that uses it', () => {
        const doc = base();
        doc.resources.push({ name: 'pick', kind: 'formula', dataType: 'Number', formula: 'IFF({!count} > 1, 1, 2)' });
        doc.interactions[0].do[1].value = '=IFF({!count} > 1, 1, 2)';
        expectOne(
            doc,
            'resources[4].formula',
            /^The formula does not parse: Unknown function 'IFF' .*did you mean IF\?/
        );
        expectOne(doc, 'interactions[0].do[1].value', /^The formula does not parse: Unknown function 'IFF'/);
    });

    it('never suggests changing a correct column to a typo in the query', () => {
        const doc = base();
        doc.queries[0].fields = ['Name', 'Emial', 'Status__c'];
        const found = problemsOf(doc);
        expect(found.find((p) => p.path === 'queries[0].fields[1]')?.message).toMatch(
            /Contact has no field 'Emial'\. Did you mean 'Email'\?/
        );
        expectOne(
            doc,
            'components[0].columns[1].field',
            "Column 'Email' is not read by query 'contacts': add 'Email' to the query's \"fields\". The query reads 'Emial', which does not exist: if it was meant to be 'Email', fix it there."
        );
        expect(found.some((p) => /Did you mean 'Emial'/.test(p.message))).toBe(false);
    });

    describe('dependency cycles', () => {
        it('reports a cycle of formulas once, at its first member, in reading order', () => {
            const doc = base();
            doc.resources.push(
                { name: 'a', kind: 'formula', dataType: 'Number', formula: '{!b} + 1' },
                { name: 'b', kind: 'formula', dataType: 'Number', formula: '{!c} + 1' },
                { name: 'c', kind: 'formula', dataType: 'Number', formula: '{!a} + {!count}' }
            );
            const cycles = problemsOf(doc).filter((p) => /circle/.test(p.message));
            expect(cycles).toEqual([
                {
                    path: 'resources[4].formula',
                    message:
                        'Formulas refer to each other in a circle (a → b → c → a), so none of them can be computed: break the cycle by removing one of these references.',
                    severity: 'error'
                }
            ]);
        });

        it('includes variables whose initial values refer to each other', () => {
            const doc = base();
            doc.resources.push(
                { name: 'x', kind: 'variable', dataType: 'Number', value: '={!y} + 1' },
                { name: 'y', kind: 'variable', dataType: 'Number', value: '{!x}' },
                { name: 'z', kind: 'formula', dataType: 'Number', formula: '{!z}' }
            );
            expectOne(
                doc,
                'resources[4].value',
                'Formulas and initial values refer to each other in a circle (x → y → x), so none of them can be computed: break the cycle by removing one of these references.'
            );
            expectOne(doc, 'resources[6].formula', /\(z → z\)/);
        });

        it('names further members of a larger circle', () => {
            const doc = base();
            doc.resources.push(
                { name: 'p', kind: 'formula', dataType: 'Number', formula: '{!q} + {!r}' },
                { name: 'q', kind: 'formula', dataType: 'Number', formula: '{!p}' },
                { name: 'r', kind: 'formula', dataType: 'Number', formula: '{!q}' }
            );
            expectOne(doc, 'resources[4].formula', /\(p → q → p; 'r' is in the same circle\)/);
        });

        it('a long chain without a cycle is valid and fast', () => {
            const doc = base();
            for (let i = 0; i < 2000; i++) {
                doc.resources.push({
                    name: `f${i}`,
                    kind: 'formula',
                    dataType: 'Number',
                    formula: i ? `{!f${i - 1}} + 1` : '{!count}'
                });
            }
            expectValid(doc);
        });
    });
});
