import type { FieldDescribe, ObjectDescribe, SchemaCatalog, ValueType } from 'c/dcDefinition';
import { MAPPING_GROUPS, mappingSources, valueLocation } from '../mappingSources';

function f(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, label: name, type, sortable: true, filterable: true, ...extra };
}

const OBJECTS: Record<string, ObjectDescribe> = {
    Contact: {
        name: 'Contact',
        fields: {
            Id: f('Id', 'ID'),
            Name: f('Name', 'STRING'),
            Email: f('Email', 'EMAIL'),
            Birthdate: f('Birthdate', 'DATE'),
            AccountId: f('AccountId', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' })
        }
    },
    Account: {
        name: 'Account',
        fields: { Id: f('Id', 'ID'), Name: f('Name', 'STRING'), AnnualRevenue: f('AnnualRevenue', 'CURRENCY') }
    },
    User: {
        name: 'User',
        fields: { Id: f('Id', 'ID'), FirstName: f('FirstName', 'STRING'), IsActive: f('IsActive', 'BOOLEAN') }
    }
};

const catalog: SchemaCatalog = { describeObject: (name) => OBJECTS[name] };

const TEXT: ValueType = { dataType: 'Text', isCollection: false };
const TEXT_COLLECTION: ValueType = { dataType: 'Text', isCollection: true };
const NUMBER: ValueType = { dataType: 'Number', isCollection: false };

function doc(): Record<string, unknown> {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        resources: [
            { name: 'count', kind: 'variable', dataType: 'Number' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'status', kind: 'constant', dataType: 'Text', value: 'Active' },
            { name: 'title', kind: 'formula', dataType: 'Text', formula: '"A"' },
            { name: 'current', kind: 'variable', dataType: 'Record', objectApiName: 'Account' },
            { name: 'contacts', kind: 'variable', dataType: 'Record', objectApiName: 'Contact', isCollection: true }
        ],
        queries: [
            { name: 'contactsQuery', object: 'Contact', fields: ['Name', 'Email', 'Birthdate', 'Account.Name'] },
            { name: 'accountsQuery', object: 'Account', fields: ['Name', 'AnnualRevenue'] }
        ],
        components: [
            { name: 'contactsTable', type: 'dataTable', query: 'contactsQuery', columns: [] },
            { name: 'accountsTable', type: 'dataTable', query: 'accountsQuery', columns: [] }
        ],
        interactions: [
            {
                id: 'h',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'a' },
                do: [{ type: 'executeFlow' }]
            },
            {
                id: 'r',
                on: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                do: [{ type: 'executeFlow', onFinish: [{ type: 'showToast' }], onError: [{ type: 'executeFlow' }] }]
            }
        ]
    };
}

const values = (sources: { value: string }[]) => sources.map((s) => s.value);

describe('mappingSources', () => {
    it('offers SelectedRowsKeyValue but not SelectedRowCount to a Text collection input', () => {
        const sources = mappingSources(doc(), 'interactions[0].do[0]', TEXT_COLLECTION, { catalog });
        const v = values(sources);
        expect(v).toContain('{!contactsTable.SelectedRowsKeyValue}');
        expect(v).toContain('{!accountsTable.SelectedRowsKeyValue}');
        expect(v).toContain('{!ids}');
        expect(v).not.toContain('{!contactsTable.SelectedRowCount}');
        expect(v).not.toContain('{!contactsTable.SelectedRows}');
        expect(v).not.toContain('{!status}');
        const key = sources.find((s) => s.label === 'contactsTable.SelectedRowsKeyValue')!;
        expect(key).toMatchObject({ group: 'Data tables', type: { dataType: 'Text', isCollection: true } });
        expect(key.description).toBe('Text collection · Id values of the selected rows');
    });

    it('offers SelectedRowCount and numeric resources to a Number input, not text or collections', () => {
        const v = values(mappingSources(doc(), 'interactions[0].do[0]', NUMBER, { catalog }));
        expect(v).toContain('{!contactsTable.SelectedRowCount}');
        expect(v).toContain('{!count}');
        // Currency feeds Number
        expect(v).toContain('{!accountsTable.FirstSelectedRow.AnnualRevenue}');
        expect(v).toContain('{!current.AnnualRevenue}');
        expect(v).not.toContain('{!contactsTable.SelectedRowsKeyValue}');
        expect(v).not.toContain('{!contactsTable.FirstSelectedRow.Name}');
        expect(v).not.toContain('{!title}');
    });

    it('offers only the SelectedRows of Contact tables to a Contact record collection', () => {
        const target: ValueType = { dataType: 'Record', isCollection: true, objectApiName: 'Contact' };
        const v = values(mappingSources(doc(), 'interactions[0].do[0]', target, { catalog }));
        expect(v).toContain('{!contactsTable.SelectedRows}');
        expect(v).toContain('{!contacts}');
        expect(v).not.toContain('{!accountsTable.SelectedRows}');
        expect(v).not.toContain('{!contactsTable.FirstSelectedRow}');
        const single: ValueType = { dataType: 'Record', isCollection: false, objectApiName: 'Account' };
        const s = values(mappingSources(doc(), 'interactions[0].do[0]', single, { catalog }));
        expect(s).toEqual(['{!accountsTable.FirstSelectedRow}', '{!current}']);
    });

    it('offers ActionRow only inside a rowActionClick interaction of that table', () => {
        const header = values(mappingSources(doc(), 'interactions[0].do[0]', TEXT, { catalog }));
        expect(header.some((v) => v.includes('ActionRow'))).toBe(false);
        const row = values(mappingSources(doc(), 'interactions[1].do[0]', TEXT, { catalog }));
        expect(row).toContain('{!contactsTable.ActionRow.Id}');
        expect(row).toContain('{!contactsTable.ActionRow.Account.Name}');
        expect(row.some((v) => v.includes('accountsTable.ActionRow'))).toBe(false);
        // nested chains of the row action's interaction too
        const nested = values(mappingSources(doc(), 'interactions[1].do[0].onFinish[0]', TEXT, { catalog }));
        expect(nested).toContain('{!contactsTable.ActionRow.Email}');
        // outside interactions (a query condition, a resource) there is no action row
        const query = values(mappingSources(doc(), 'queries[0]', TEXT, { catalog }));
        expect(query.some((v) => v.includes('ActionRow'))).toBe(false);
    });

    it('types row fields from the schema, through one relationship', () => {
        const sources = mappingSources(
            doc(),
            'interactions[0].do[0]',
            { dataType: 'Date', isCollection: false },
            { catalog }
        );
        expect(values(sources)).toEqual(['{!contactsTable.FirstSelectedRow.Birthdate}']);
        const text = mappingSources(doc(), 'interactions[0].do[0]', TEXT, { catalog });
        expect(text.find((s) => s.label === 'contactsTable.FirstSelectedRow.Account.Name')?.type.dataType).toBe('Text');
    });

    it('offers $Record fields only when the record object is known, and $User fields from the schema', () => {
        const without = mappingSources(doc(), 'queries[0]', TEXT, { catalog });
        expect(without.some((s) => s.group === 'Record')).toBe(false);
        const withRecord = mappingSources(doc(), 'queries[0]', TEXT, { catalog, recordObjectApiName: 'Account' });
        expect(withRecord.filter((s) => s.group === 'Record').map((s) => s.label)).toEqual([
            '$Record.Id',
            '$Record.Name'
        ]);
        const users = withRecord.filter((s) => s.group === 'Current user').map((s) => s.label);
        expect(users).toEqual(['$User.FirstName', '$User.Id']);
        const booleans = mappingSources(doc(), 'queries[0]', { dataType: 'Boolean', isCollection: false }, { catalog });
        expect(values(booleans)).toEqual(['{!$User.IsActive}']);
    });

    it('without a schema offers the well-known fields, typed at run time', () => {
        const sources = mappingSources(doc(), 'queries[0]', TEXT, { recordObjectApiName: 'Account' });
        expect(sources.filter((s) => s.group === 'Record').map((s) => s.label)).toEqual(['$Record.Id']);
        const user = sources.filter((s) => s.group === 'Current user');
        expect(user.map((s) => s.label)).toEqual([
            '$User.Email',
            '$User.FirstName',
            '$User.Id',
            '$User.LastName',
            '$User.Name',
            '$User.Username'
        ]);
        expect(user[0].description).toBe('Type known at run time · Email of the running user');
        // unknown types still respect collection-ness
        expect(mappingSources(doc(), 'queries[0]', TEXT_COLLECTION, {}).some((s) => s.group === 'Current user')).toBe(
            false
        );
    });

    it('puts formulas in their own group and never offers a resource to itself', () => {
        const sources = mappingSources(doc(), 'resources[3]', TEXT, { catalog });
        expect(sources.some((s) => s.label === 'title')).toBe(false);
        const other = mappingSources(doc(), 'resources[0]', TEXT, { catalog });
        expect(other.find((s) => s.label === 'title')?.group).toBe('Formulas');
        expect(other.find((s) => s.label === 'status')?.group).toBe('Resources');
    });

    it('offers $Error properties only in onError chains', () => {
        expect(values(mappingSources(doc(), 'interactions[1].do[0]', TEXT, { catalog }))).not.toContain(
            '{!$Error.message}'
        );
        const inError = mappingSources(doc(), 'interactions[1].do[0].onError[0]', TEXT, { catalog });
        expect(values(inError)).toEqual(expect.arrayContaining(['{!$Error.message}', '{!$Error.code}']));
        expect(values(inError)).not.toContain('{!$Error.details}');
        const details = mappingSources(doc(), 'interactions[1].do[0].onError[0]', TEXT_COLLECTION, { catalog });
        expect(values(details)).toContain('{!$Error.details}');
    });

    it('sorts by group, then table properties before row fields', () => {
        const sources = mappingSources(doc(), 'interactions[1].do[0]', TEXT, {
            catalog,
            recordObjectApiName: 'Contact'
        });
        const groups = sources.map((s) => MAPPING_GROUPS.indexOf(s.group));
        expect([...groups].sort((a, b) => a - b)).toEqual(groups);
        const contactRows = sources.filter((s) => s.label.startsWith('contactsTable.')).map((s) => s.label);
        expect(contactRows[0]).toBe('contactsTable.ActionRow.Email');
        expect(contactRows.indexOf('contactsTable.ActionRow.Id')).toBeLessThan(
            contactRows.indexOf('contactsTable.ActionRow.Account.Name')
        );
    });

    it('uses the key field for SelectedRowsKeyValue and copes with partial drafts', () => {
        const d = doc();
        (d.components as Record<string, unknown>[])[0].keyField = 'Email';
        (d.components as unknown[]).push({ type: 'dataTable' }, 'junk', { name: 'chart', type: 'chart' });
        (d.resources as unknown[]).push({ kind: 'variable' });
        const sources = mappingSources(d, 'interactions[0].do[0]', TEXT_COLLECTION, { catalog });
        expect(sources.find((s) => s.label === 'contactsTable.SelectedRowsKeyValue')?.description).toContain(
            'Email values'
        );
        expect(sources.some((s) => s.label.startsWith('chart.'))).toBe(false);
        expect(mappingSources({}, '', TEXT)).toHaveLength(6);
    });

    it('locates a value in its interaction and chain', () => {
        expect(valueLocation(doc(), 'interactions[1].do[0].onError[0].inputs[0].value')).toMatchObject({
            inOnError: true,
            interaction: { id: 'r' }
        });
        expect(valueLocation(doc(), 'queries[0].where')).toEqual({ interaction: undefined, inOnError: false });
        expect(valueLocation(doc(), 'interactions[9].do[0]').interaction).toBeUndefined();
    });
});
