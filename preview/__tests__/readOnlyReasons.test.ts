/*
 * The preview schema's validator catalogue says why a field cannot be written (FieldDescribe.readOnlyReason) as the
 * offline catalog of the verify step does (scripts/lib/schemaCatalog), so an `editable` column on such a field gets
 * the same specific message in the preview's builder and server as in `npm run verify`.
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './helpers';
import { loadSchema, PreviewSchema, type CatalogField } from '../backend/schema';
import { schemaCatalog } from '../backend/definitions';
import { loadSchemaCatalog } from '../../scripts/lib/schemaCatalog';
import { validateDefinition } from '../../force-app/main/default/lwc/dcDefinition/dcDefinition';
import type { FieldDescribe } from '../../force-app/main/default/lwc/dcDefinition/definitionTypes';

const SOURCE = path.join(REPO, 'force-app', 'main', 'default');
const schema = loadSchema(SOURCE);
const temp: string[] = [];
after(() => {
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

function catalogField(s: PreviewSchema, objectName: string, fieldName: string): CatalogField {
    const f = s.catalog().describeObject(objectName)?.fields.get(fieldName);
    assert.ok(f, `${objectName}.${fieldName} is in the preview catalogue`);
    return f;
}

const offline = loadSchemaCatalog(REPO);

function offlineField(objectName: string, fieldName: string): FieldDescribe | undefined {
    const fields = offline.describeObject(objectName)?.fields;
    return fields instanceof Map ? fields.get(fieldName) : fields?.[fieldName];
}

/** A definition with one editable column on `field` of `object`. */
function editableColumn(object: string, field: string): Record<string, unknown> {
    return {
        schemaVersion: 1,
        apiName: 'Editable_Check',
        label: 'Editable check',
        queries: [{ name: 'rows', object, fields: [field] }],
        components: [{ name: 'rowsTable', type: 'dataTable', query: 'rows', columns: [{ field, editable: true }] }]
    };
}

function editableProblems(s: PreviewSchema, object: string, field: string): string[] {
    return validateDefinition(editableColumn(object, field), schemaCatalog(s))
        .filter((p) => p.path === 'components[0].columns[0].editable')
        .map((p) => p.message);
}

test('standard fields the preview does not write carry the offline reason: system, compound', () => {
    assert.deepEqual(
        ['Id', 'Name', 'CreatedDate', 'LastModifiedDate'].map((n) => [
            n,
            catalogField(schema, 'Contact', n).readOnlyReason
        ]),
        [
            ['Id', 'system'],
            ['Name', 'compound'],
            ['CreatedDate', 'system'],
            ['LastModifiedDate', 'system']
        ]
    );
    assert.equal(catalogField(schema, 'User', 'Name').readOnlyReason, 'compound');
    assert.equal(catalogField(schema, 'FlowOrchestrationInstance', 'CreatedDate').readOnlyReason, 'system');
    // a field anyone with access may write has neither updateable: false nor a reason
    const email = catalogField(schema, 'Contact', 'Email');
    assert.equal(email.updateable, true);
    assert.equal('readOnlyReason' in email, false);
    assert.equal('readOnlyReason' in catalogField(schema, 'Contact', 'Status__c'), false);
});

test('every read-only field of the preview has the reason of the offline catalog, where it knows the field', () => {
    let compared = 0;
    for (const obj of schema.objects.values()) {
        const view = schema.catalog().describeObject(obj.name)!;
        for (const f of view.fields.values()) {
            if (f.updateable) {
                assert.equal(f.readOnlyReason, undefined, `${obj.name}.${f.name} is updateable`);
                continue;
            }
            const offline = offlineField(obj.name, f.name);
            if (!offline) continue;
            compared++;
            assert.equal(f.readOnlyReason, offline.readOnlyReason, `${obj.name}.${f.name}`);
        }
    }
    assert.ok(compared >= 10, `compared ${compared} read-only fields`);
});

test("an editable column on a read-only field gets the offline catalog's specific message", () => {
    assert.deepEqual(editableProblems(schema, 'Contact', 'Name'), [
        'Column \'Name\' cannot be editable: Contact.Name (STRING) is a compound field made of other fields. Remove "editable" and make its parts editable instead (FirstName and LastName for a Name, Street, City, ... for an address).'
    ]);
    assert.deepEqual(editableProblems(schema, 'Contact', 'CreatedDate'), [
        'Column \'CreatedDate\' cannot be editable: Contact.CreatedDate (DATETIME) is a system field that Salesforce maintains (Id, created and last modified by and date, ...). Remove "editable".'
    ]);
    assert.deepEqual(editableProblems(schema, 'Contact', 'Email'), []);
});

test("a project's formula and auto-number fields are read-only with their reason", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-reasons-'));
    temp.push(root);
    const fields = path.join(root, 'force-app', 'main', 'default', 'objects', 'Invoice__c', 'fields');
    fs.mkdirSync(fields, { recursive: true });
    fs.writeFileSync(
        path.join(fields, '..', 'Invoice__c.object-meta.xml'),
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Invoice</label><pluralLabel>Invoices</pluralLabel><nameField><label>Invoice Name</label><type>Text</type></nameField></CustomObject>\n'
    );
    const field = (name: string, body: string) =>
        fs.writeFileSync(
            path.join(fields, `${name}.field-meta.xml`),
            `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName><label>${name}</label>${body}</CustomField>\n`
        );
    field('Total__c', '<type>Currency</type><precision>18</precision><scale>2</scale>');
    field(
        'Total_With_Tax__c',
        '<type>Currency</type><formula>Total__c * 1.2</formula><precision>18</precision><scale>2</scale>'
    );
    field('Number__c', '<type>AutoNumber</type><displayFormat>INV-{0000}</displayFormat>');
    const project = loadSchema(path.join(root, 'force-app', 'main', 'default'));
    assert.equal(catalogField(project, 'Invoice__c', 'Total_With_Tax__c').readOnlyReason, 'formula');
    assert.equal(catalogField(project, 'Invoice__c', 'Number__c').readOnlyReason, 'autoNumber');
    assert.equal(catalogField(project, 'Invoice__c', 'Id').readOnlyReason, 'system');
    assert.equal(catalogField(project, 'Invoice__c', 'Total__c').updateable, true);
    assert.deepEqual(editableProblems(project, 'Invoice__c', 'Total_With_Tax__c'), [
        'Column \'Total_With_Tax__c\' cannot be editable: Invoice__c.Total_With_Tax__c (CURRENCY) is a formula field, which Salesforce computes from other fields. Remove "editable", or make the fields the formula reads editable instead.'
    ]);
    assert.deepEqual(editableProblems(project, 'Invoice__c', 'Number__c'), [
        'Column \'Number__c\' cannot be editable: Invoice__c.Number__c (STRING) is an auto-number, which Salesforce assigns when a record is created. Remove "editable".'
    ]);
});

test('a schema built without a project knows the standard reasons only; an unknown read-only field has none', () => {
    const bare = new PreviewSchema([
        {
            name: 'Contact',
            label: 'Contact',
            labelPlural: 'Contacts',
            keyPrefix: '003',
            fields: new Map([
                [
                    'Name',
                    {
                        name: 'Name',
                        label: 'Full Name',
                        type: 'STRING',
                        calculated: true,
                        sortable: true,
                        filterable: true
                    }
                ],
                [
                    'Odd__c',
                    { name: 'Odd__c', label: 'Odd', type: 'STRING', calculated: true, sortable: true, filterable: true }
                ]
            ])
        }
    ]);
    assert.equal(catalogField(bare, 'Contact', 'Name').readOnlyReason, 'compound');
    const odd = catalogField(bare, 'Contact', 'Odd__c');
    assert.equal(odd.updateable, false);
    assert.equal(odd.readOnlyReason, undefined);
    // without a reason the message is the general one, still naming the kinds of read-only fields
    assert.match(editableProblems(bare, 'Contact', 'Odd__c')[0], /\(STRING\) is not updateable - formula, auto-number/);
});
