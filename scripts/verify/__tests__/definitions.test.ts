import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findField, resolveFieldPath } from '../../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import { fieldsFromJavap } from '../../lib/generateStandardObjects';
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
