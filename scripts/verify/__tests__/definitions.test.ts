import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findField, resolveFieldPath } from '../../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { fieldsFromJavap, markReadOnly } from '../../lib/generateStandardObjects';
import { REPO_ROOT } from '../../lib/paths';
import { loadSchemaCatalog } from '../../lib/schemaCatalog';
import { FIXTURES, matching, problemsOf } from './helpers';

test('definitions: a field that does not exist fails, at its line, with a suggestion', async () => {
    const problems = await problemsOf('definitions', 'definitions-missing-field');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(/^definitions\/Ticket_Board\.json:9: queries\[0\]\.fields\[2\]: Ticket__c has no field 'Severity__c'/);
    one(
        /^definitions\/Ticket_Board\.json:9: queries\[0\]\.fields\[3\]: Contact has no field 'Emial'\. Did you mean 'Email'\?/
    );
    one(
        /^definitions\/Ticket_Board\.json:18: components\[0\]\.columns\[2\]\.field: Column 'Status__c' is not read by query 'tickets'/
    );
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('definitions: a query on an object that is not in the project or the standard library fails', async () => {
    const problems = await problemsOf('definitions', 'definitions-missing-object');
    assert.deepEqual(
        problems.map((p) => p.replace(/: check the API name.*/, '')),
        ["definitions/Invoice_Board.json:5: queries[0].object: Object 'Invoice__c' does not exist in the schema"]
    );
});

test('definitions: a formula or merge field that does not parse, or names a missing property, fails', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-expression');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(/Ticket_Actions\.json:6: resources\[0\]\.formula: The formula does not parse: Unexpected ','/);
    one(
        /Ticket_Actions\.json:24: interactions\[0\]\.do\[0\]\.title: .*no property 'SelectedRowCont'\. Did you mean 'SelectedRowCount'\?/
    );
    one(
        /Ticket_Actions\.json:24: interactions\[0\]\.do\[0\]\.message: A merge field does not parse: Unterminated merge field/
    );
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('definitions: a filter value a picklist field does not have fails, with a did-you-mean (labels too)', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-picklist');
    assert.deepEqual(problems, [
        "definitions/Picklist_Board.json:12: queries[0].where.conditions[0].value: 'Actve' is not a value of picklist 'Status__c'. Did you mean 'Active'? Use one of 'New', 'Active' or 'Do_Not_Contact' (picklist values are API names, not labels).",
        "definitions/Picklist_Board.json:13: queries[0].where.conditions[1].value[1]: 'Do not contact' is not a value of picklist 'Status__c'. Did you mean 'Do_Not_Contact'? Use one of 'New', 'Active' or 'Do_Not_Contact' (picklist values are API names, not labels)."
    ]);
});

test('definitions: invalid JSON fails with its line and column', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-json');
    assert.deepEqual(problems, [
        'definitions/Broken_Json.json:6: The definition is not valid JSON: Trailing comma before }: remove the last comma at line 6, column 65.'
    ]);
});

test('definitions: a reserved key (__proto__) fails, and never sets a prototype', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-reserved-key'), [
        "definitions/Reserved_Key_Board.json:7: resources[0].__proto__: '__proto__' is a reserved key (it names JavaScript object machinery and could change how the definition is read): remove it or rename the property; no part of a definition uses it."
    ]);
});

test('definitions: JSON nested past the limit fails with its line and column', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-too-deep'), [
        'definitions/Too_Deep_Board.json:5: The definition is not valid JSON: The JSON is nested more than 100 levels deep (objects and lists inside each other); a definition needs far fewer: flatten it at line 5, column 119.'
    ]);
});

test('definitions: names and ids break the developer-name rules', async () => {
    const problems = await problemsOf('definitions', 'definitions-bad-identifier');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(
        /Bad_Names_Board\.json:13: resources\[1\]\.name: The resource name 'total__sum' is not valid: it contains two underscores in a row\./
    );
    one(
        /Bad_Names_Board\.json:53: interactions\[0\]\.id: The interaction id 'go_' is not valid: it ends with an underscore\./
    );
    one(
        /Bad_Names_Board\.json:69: interactions\[0\]\.do\[1\]\.requiredPermission: requiredPermission 'Run Flows' is not valid: it contains a space\./
    );
    assert.equal(problems.length, 3, problems.join('\n'));
});

test('definitions: a navigate URL with a javascript: scheme fails', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-bad-url'), [
        "definitions/Bad_Url_Board.json:63: interactions[0].do[1].url: The URL scheme 'javascript:' is not allowed (in 'javascript:alert(document.cookie)'): a navigate action opens only http:, https:, mailto:, tel: or a URL relative to the org such as /lightning/o/Contact/home."
    ]);
});

test('definitions: a header action nobody can use (requiresSelection, maxRowSelection 0) fails', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-unreachable-action'), [
        "definitions/Unreachable_Board.json:41: components[0].headerActions[0].requiresSelection: Header action 'go' requires a selection, but 'contactsTable' offers no row selection (maxRowSelection is 0 or not set), so nobody can ever use it: set \"maxRowSelection\" on 'contactsTable' (1 for a single row) or remove \"requiresSelection\"."
    ]);
});

test('definitions: merge fields inside lists that are kept as written fail', async () => {
    const problems = await problemsOf('definitions', 'definitions-list-merge-field');
    assert.deepEqual(
        problems.map((p) => p.split(' is inside a list')[0]),
        [
            'definitions/List_Merge_Board.json:19: resources[1].value[1]: "{!$User.FirstName}"',
            'definitions/List_Merge_Board.json:38: queries[0].where.conditions[0].value[1]: "{!$User.FirstName}"'
        ]
    );
});

test('definitions: dates that do not exist or that Salesforce cannot store fail', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-bad-date'), [
        'definitions/Bad_Date_Board.json:16: resources[1].value: The constant value \'2025-02-30\' is not a valid Date: February 2025 has no day 30. Write a real date between the years 1700 and 4000, such as "2025-01-31".',
        "definitions/Bad_Date_Board.json:32: queries[0].where.conditions[0].value: The value '1600-01-01' for 'Birthdate' is not a valid Date: the year 1600 is outside the range Salesforce stores (1700 to 4000). Write a real date between the years 1700 and 4000, such as \"2025-01-31\"."
    ]);
});

test("definitions: an old-style formula bound for a Number is told to start with '='", async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-old-style-formula'), [
        `definitions/Old_Formula_Board.json:58: interactions[0].do[0].value: The value "{!count} + 1" is read as text (merge fields inside text), but a Number is needed; to compute it, start the value with '=' ("={!count} + 1").`
    ]);
});

test('definitions: a Number formula that returns text, and an unknown function, fail', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-formula-type'), [
        "definitions/Formula_Type_Board.json:16: resources[1].formula: Formula 'total' returns Text, but it must be Number: change the formula to return Number (e.g. with VALUE(...)) or change the dataType.",
        "definitions/Formula_Type_Board.json:22: resources[2].formula: The formula does not parse: Unknown function 'IFF' at position 0 — did you mean IF?"
    ]);
});

test('definitions: formulas and initial values in a circle fail, each circle once', async () => {
    assert.deepEqual(await problemsOf('definitions', 'definitions-cycle'), [
        'definitions/Cycle_Board.json:16: resources[1].formula: Formulas refer to each other in a circle (a → b → a), so none of them can be computed: break the cycle by removing one of these references.',
        'definitions/Cycle_Board.json:28: resources[3].value: Formulas and initial values refer to each other in a circle (x → y → x), so none of them can be computed: break the cycle by removing one of these references.'
    ]);
});

test("definitions: a typo in the query's fields is named as the fix, never the correct column", async () => {
    const problems = await problemsOf('definitions', 'definitions-typo-in-query');
    assert.deepEqual(problems, [
        "definitions/Typo_Board.json:19: queries[0].fields[1]: Contact has no field 'Emial'. Did you mean 'Email'? Check the API name (custom fields end in __c).",
        `definitions/Typo_Board.json:34: components[0].columns[1].field: Column 'Email' is not read by query 'contacts': add 'Email' to the query's "fields". The query reads 'Emial', which does not exist: if it was meant to be 'Email', fix it there.`
    ]);
});

test('definitions: editable columns on fields nobody can write fail, each saying why', async () => {
    const problems = await problemsOf('definitions', 'definitions-editable-readonly');
    const at = (line: number, path: string, why: string) =>
        problems.some(
            (p) => p.startsWith(`definitions/Invoice_Edit_Board.json:${line}: ${path}.editable: `) && p.includes(why)
        );
    const expected: [number, string, string][] = [
        [19, 'components[0].columns[0]', 'Invoice__c.Name (STRING) is an auto-number'],
        [21, 'components[0].columns[2]', 'Invoice__c.Amount_With_Tax__c (CURRENCY) is a formula field'],
        [22, 'components[0].columns[3]', 'Invoice__c.Reference__c (STRING) is an auto-number'],
        [23, 'components[0].columns[4]', 'is a master-detail field that does not allow reparenting'],
        [24, 'components[0].columns[5]', 'Invoice__c.CreatedDate (DATETIME) is a system field'],
        [33, 'components[1].columns[1]', 'Contact.Name (STRING) is a compound field'],
        [34, 'components[1].columns[2]', 'Contact.Invoice_Total__c (DOUBLE) is a roll-up summary']
    ];
    for (const [line, path, why] of expected)
        assert.ok(at(line, path, why), `${line} ${path}: ${why}\n${problems.join('\n')}`);
    // Amount__c and Contact.LastName are updateable: no problem for them
    assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('definitions: the clean fixture has no problems', async () => {
    assert.deepEqual(await problemsOf('definitions', 'clean'), []);
});

test('validate:definitions prints one file:line: path: message line per problem and exits 1; 0 when valid', () => {
    const script = path.join(REPO_ROOT, 'scripts', 'validateDefinitions.ts');
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const bad = spawnSync(tsx, [script, '--root', path.join(FIXTURES, 'definitions-missing-object')], {
        cwd: REPO_ROOT,
        encoding: 'utf8'
    });
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(
        bad.stdout,
        /^definitions\/Invoice_Board\.json:5: queries\[0\]\.object: Object 'Invoice__c' does not exist/m
    );
    assert.match(bad.stdout, /1 problem in 1 of 1 file\./);
    const good = spawnSync(tsx, [script, '--root', path.join(FIXTURES, 'clean')], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /\d+ files? valid\./);
});

test('validate:definitions also checks the flow contract: the same messages as verify, warnings listed but not failing', () => {
    const script = path.join(REPO_ROOT, 'scripts', 'validateDefinitions.ts');
    const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const run = (fixture: string) =>
        spawnSync(tsx, [script, '--root', path.join(FIXTURES, fixture)], { cwd: REPO_ROOT, encoding: 'utf8' });
    const bad = run('definition-flows-mapped-values');
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(
        bad.stdout,
        /^definitions\/Mapped_Values\.json:35: interactions\[0\]\.do\[0\]\.inputs\[1\]\.value: The value \{!contactsTable\.SelectedRowsKeyValue\} of input 'ContactId' is a Text collection, but flow variable 'ContactId' of 'Mark_Contacts' takes a single Text value/m
    );
    assert.match(
        bad.stdout,
        /^definitions\/Mapped_Values\.json:50: warning: interactions\[1\]\.do\[0\]: Flow 'Mark_Contacts' has input variable 'ContactIds'/m
    );
    assert.match(bad.stdout, /6 problems in 1 of 1 file \(and 1 warning\)\./);
    const warnedOnly = run('definition-flows-required-input');
    assert.equal(warnedOnly.status, 0, warnedOnly.stdout + warnedOnly.stderr);
    assert.match(warnedOnly.stdout, /^definitions\/Required_Input\.json:\d+: warning: .*'ContactIds'/m);
    assert.match(warnedOnly.stdout, /1 file valid \(and 1 warning\)\./);
});

test('schema catalog: project objects and fields merge with the standard library', () => {
    const catalog = loadSchemaCatalog(path.join(FIXTURES, 'clean'));
    const ticket = catalog.describeObject('clean_ticket__c');
    assert.ok(ticket, 'custom object from objects/ is known (case-insensitively)');
    assert.equal(findField(ticket, 'Priority__c')?.type, 'PICKLIST');
    assert.deepEqual(
        { ...findField(ticket, 'Contact__c') },
        {
            name: 'Contact__c',
            type: 'REFERENCE',
            label: 'Contact',
            sortable: true,
            filterable: true,
            referenceTo: ['Contact'],
            relationshipName: 'Contact__r'
        }
    );
    assert.equal(findField(ticket, 'OwnerId')?.relationshipName, 'Owner', 'custom objects get their standard fields');
    assert.deepEqual(resolveFieldPath(catalog, 'Clean_Ticket__c', 'Contact__r.Account.Owner.Profile.Name').ok, true);
    assert.match(
        String((resolveFieldPath(catalog, 'Contact', 'Account.Nope') as { message: string }).message),
        /Account has no field 'Nope'/
    );
    const workItem = catalog.describeObject('FlowOrchestrationWorkItem');
    assert.deepEqual(findField(workItem!, 'AssigneeId')?.referenceTo, ['Group', 'User']);
    assert.equal(findField(workItem!, 'OrchestrationName')?.type, 'STRING', 'hand-written post-API-61 field');
    for (const name of [
        'Account',
        'Contact',
        'User',
        'Group',
        'Case',
        'Opportunity',
        'Lead',
        'Task',
        'FlowOrchestrationInstance',
        'FlowOrchestrationStageInstance',
        'FlowOrchestrationStepInstance',
        'Name'
    ]) {
        assert.ok(catalog.describeObject(name), `${name} is in the standard library`);
    }
    assert.equal(findField(catalog.describeObject('Contact')!, 'Description')?.filterable, false);
    assert.deepEqual(findField(ticket, 'Priority__c')?.picklistValues, [
        { value: 'High', label: 'High' },
        { value: 'Low', label: 'Low' }
    ]);
    const status = findField(
        loadSchemaCatalog(path.join(FIXTURES, 'definitions-bad-picklist')).describeObject('Contact')!,
        'Status__c'
    );
    assert.deepEqual(status?.picklistValues?.at(-1), { value: 'Retired', label: 'Retired', active: false });
    assert.equal(findField(ticket, 'Name')?.picklistValues, undefined, 'only picklists carry values');
    assert.equal(catalog.sources.get('Clean_Ticket__c')?.length, 3);
});

test('schema catalog: updateable is false for fields nobody can write, with the reason', () => {
    const catalog = loadSchemaCatalog(path.join(FIXTURES, 'definitions-editable-readonly'));
    const invoice = catalog.describeObject('Invoice__c')!;
    const contact = catalog.describeObject('Contact')!;
    const state = (obj: typeof invoice, name: string) => {
        const f = findField(obj, name)!;
        return [f.updateable, f.readOnlyReason];
    };
    assert.deepEqual(state(invoice, 'Amount__c'), [undefined, undefined]);
    assert.deepEqual(state(invoice, 'Amount_With_Tax__c'), [false, 'formula']);
    assert.deepEqual(state(invoice, 'Reference__c'), [false, 'autoNumber']);
    assert.deepEqual(state(invoice, 'Name'), [false, 'autoNumber'], 'an auto-number name field');
    assert.deepEqual(state(invoice, 'Account__c'), [false, 'masterDetail']);
    assert.deepEqual(state(invoice, 'OwnerId'), [undefined, undefined]);
    for (const system of ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'SystemModstamp']) {
        assert.deepEqual(state(invoice, system), [false, 'system'], system);
    }
    assert.deepEqual(state(contact, 'Invoice_Total__c'), [false, 'rollUpSummary']);
    assert.deepEqual(state(contact, 'LastName'), [undefined, undefined]);
    assert.deepEqual(state(contact, 'Name'), [false, 'compound']);
    assert.deepEqual(state(contact, 'MailingAddress'), [false, 'compound']);
    assert.deepEqual(state(catalog.describeObject('Opportunity')!, 'IsWon'), [false, 'computed']);
    const repo = loadSchemaCatalog(REPO_ROOT);
    const metadata = repo.describeObject('Dynamic_Component__mdt')!;
    assert.deepEqual(state(metadata, 'MasterLabel'), [false, 'customMetadata']);
    assert.deepEqual(state(metadata, 'Definition_JSON__c'), [false, 'customMetadata'], 'its custom fields too');
});

test('standard object generator: marks system, compound and computed fields read-only', () => {
    assert.deepEqual(
        markReadOnly('Contact', {
            Id: { type: 'ID' },
            Name: { type: 'STRING' },
            Phone: { type: 'PHONE' },
            MailingAddress: { type: 'ADDRESS', sortable: false, filterable: false },
            SystemModstamp: { type: 'DATETIME' },
            IsEmailBounced: { type: 'BOOLEAN' }
        }),
        {
            Id: { type: 'ID', updateable: false, readOnlyReason: 'system' },
            Name: { type: 'STRING', updateable: false, readOnlyReason: 'compound' },
            Phone: { type: 'PHONE' },
            MailingAddress: {
                type: 'ADDRESS',
                sortable: false,
                filterable: false,
                updateable: false,
                readOnlyReason: 'compound'
            },
            SystemModstamp: { type: 'DATETIME', updateable: false, readOnlyReason: 'system' },
            IsEmailBounced: { type: 'BOOLEAN', updateable: false, readOnlyReason: 'computed' }
        }
    );
    // Account.Name is an ordinary text field
    assert.deepEqual(markReadOnly('Account', { Name: { type: 'STRING' } }), { Name: { type: 'STRING' } });
});

test('standard object generator: reads fields, types and relationships from javap output', () => {
    const javap = [
        'public class com.nawforce.runforce.SObjects.Thing extends com.nawforce.runforce.System.SObject {',
        '  public static com.nawforce.runforce.Internal.SObjectType$<com.nawforce.runforce.SObjects.Thing> SObjectType;',
        '  public com.nawforce.runforce.System.Id Id;',
        '  public com.nawforce.runforce.System.Id AccountId;',
        '  public com.nawforce.runforce.SObjects.Account Account;',
        '  public com.nawforce.runforce.System.Id OwnerId;',
        '  public com.nawforce.runforce.SObjects.Name Owner;',
        '  public com.nawforce.runforce.System.String Email;',
        '  public com.nawforce.runforce.System.String Description;',
        '  public com.nawforce.runforce.System.Decimal Amount;',
        '  public com.nawforce.runforce.SObjects.Address MailingAddress;',
        '  public com.nawforce.runforce.SObjects.Contact[] Contacts;'
    ].join('\n');
    assert.deepEqual(fieldsFromJavap(javap), {
        Id: { type: 'ID' },
        AccountId: { type: 'REFERENCE', relationshipName: 'Account', referenceTo: ['Account'] },
        OwnerId: { type: 'REFERENCE', relationshipName: 'Owner', referenceTo: ['Group', 'User'] },
        Email: { type: 'EMAIL' },
        Description: { type: 'TEXTAREA', sortable: false, filterable: false },
        Amount: { type: 'DOUBLE' },
        MailingAddress: { type: 'ADDRESS', sortable: false, filterable: false }
    });
});

test('definitions: a chunked Execute Flow run with a chunk size over the limit, nothing to chunk, a sum into Text and $Run outside its chains fails', async () => {
    const problems = await problemsOf('definitions', 'definitions-chunked-run');
    const one = (re: RegExp) => assert.equal(matching(problems, re).length, 1, problems.join('\n'));
    one(
        /Chunked_Run_Board\.json:\d+: interactions\[0\]\.do\[0\]\.chunkSize: chunkSize is 5000, but a chunk holds at most 2000 records/
    );
    one(
        /Chunked_Run_Board\.json:\d+: interactions\[0\]\.do\[0\]\.mode: Execute Flow action 'runGo' runs with mode async but has no input mapped to a table's selection/
    );
    one(
        /interactions\[0\]\.do\[0\]\.outputs\[0\]\.aggregate: aggregate 'sum' adds up the values of all chunks into a number, but 'updated' is a Text variable/
    );
    one(
        /interactions\[0\]\.do\[1\]\.title: \{!\$Run\.succeeded\}: \$Run is only set in the On Finish and On Error actions/
    );
    assert.equal(problems.length, 4, problems.join('\n'));
});
