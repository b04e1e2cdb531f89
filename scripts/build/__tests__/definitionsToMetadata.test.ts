import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { escapeXml, generateDefinitionRecords, recordFile } from '../definitionsToMetadata';

function project(definitions: Record<string, unknown>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'defs-build-'));
    fs.writeFileSync(
        path.join(root, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' })
    );
    fs.mkdirSync(path.join(root, 'definitions'));
    fs.mkdirSync(path.join(root, 'force-app', 'main', 'default'), { recursive: true });
    for (const [name, doc] of Object.entries(definitions)) {
        fs.writeFileSync(
            path.join(root, 'definitions', name),
            typeof doc === 'string' ? doc : JSON.stringify(doc, null, 4)
        );
    }
    return root;
}

const valid = {
    $schema: './definition.schema.json',
    schemaVersion: 1,
    apiName: 'Sales_Board',
    label: 'Deals & <Leads> "Q1"',
    description: "Rep's board",
    queries: [{ name: 'contacts', object: 'Contact', fields: ['Name', 'Account.Name'] }],
    components: [
        {
            name: 'table',
            type: 'dataTable',
            query: 'contacts',
            title: 'A < B & "C"',
            columns: [{ field: 'Name' }, { field: 'Account.Name' }]
        }
    ]
};

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: true });

test('writes one custom metadata record per definition, escaped, round-tripping the JSON', () => {
    const root = project({ 'Sales_Board.json': valid, 'definition.schema.json': { not: 'a definition' } });
    try {
        assert.deepEqual(generateDefinitionRecords(root), []);
        const file = recordFile(root, 'Sales_Board');
        assert.ok(file.endsWith(path.join('customMetadata', 'Dynamic_Component.Sales_Board.md-meta.xml')));
        const xml = fs.readFileSync(file, 'utf8');
        assert.match(
            xml,
            /^<\?xml version="1.0" encoding="UTF-8"\?>\n<CustomMetadata xmlns="http:\/\/soap.sforce.com\/2006\/04\/metadata" xmlns:xsi=/
        );
        assert.match(xml, /<label>Deals &amp; &lt;Leads&gt; "Q1"<\/label>\n {4}<protected>false<\/protected>/);
        assert.match(
            xml,
            /<field>Definition_JSON__c<\/field>\n {8}<value xsi:type="xsd:string">\{"schemaVersion":1,.*"title":"A &lt; B &amp; \\"C\\""/
        );
        const record = parser.parse(xml).CustomMetadata;
        assert.equal(record.label, valid.label);
        const values = record.values as { field: string; value: { '#text': string } }[];
        const stored = JSON.parse(values.find((v) => v.field === 'Definition_JSON__c')!.value['#text']);
        const expected: Record<string, unknown> = { ...valid };
        delete expected.$schema;
        assert.deepEqual(stored, expected);
        assert.equal(values.find((v) => v.field === 'Description__c')!.value['#text'], "Rep's board");
        assert.equal(fs.readdirSync(path.dirname(file)).length, 1);
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
});

test('refuses an invalid definition: returns its problems and writes no record', () => {
    const bad = {
        ...valid,
        apiName: 'Bad_Board',
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name', 'Nope__c'] }]
    };
    const root = project({ 'Bad_Board.json': bad, 'Broken.json': '{ "schemaVersion": 1,' });
    try {
        const problems = generateDefinitionRecords(root);
        assert.equal(problems.length, 3, JSON.stringify(problems));
        assert.match(
            problems[0].message,
            /queries\[0\]\.fields\[1\]: Contact has no field 'Nope__c'.*\(no record generated\)/
        );
        assert.equal(problems[0].file, path.join('definitions', 'Bad_Board.json'));
        assert.ok(problems.some((p) => p.file.endsWith('Broken.json') && /not valid JSON/.test(p.message)));
        assert.ok(!fs.existsSync(recordFile(root, 'Bad_Board')));
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
});

test('refuses a file not named after its apiName, writes nil for a missing description and removes stale records', () => {
    const noDescription: Record<string, unknown> = { ...valid };
    delete noDescription.description;
    const root = project({ 'Sales_Board.json': noDescription, 'Other.json': { ...valid, apiName: 'Not_Other' } });
    try {
        const stale = recordFile(root, 'Gone_Board');
        fs.mkdirSync(path.dirname(stale), { recursive: true });
        fs.writeFileSync(stale, '<CustomMetadata/>');
        const problems = generateDefinitionRecords(root);
        assert.deepEqual(
            problems.map((p) => p.message),
            ['the file must be named Not_Other.json after its apiName (no record generated)']
        );
        assert.ok(!fs.existsSync(stale));
        assert.match(
            fs.readFileSync(recordFile(root, 'Sales_Board'), 'utf8'),
            /<field>Description__c<\/field>\n {8}<value xsi:nil="true"\/>/
        );
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
});

test('escapes the characters an XML element body cannot hold', () => {
    assert.equal(escapeXml(`a&b<c>d"e'f]]>`), `a&amp;b&lt;c&gt;d"e'f]]&gt;`);
});
