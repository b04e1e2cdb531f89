import {
    dataTypeOfFlowType,
    fieldValueType,
    flowUseOf,
    flowVariableType,
    isAssignable,
    isFlowTypeCompatible,
    referenceType,
    UNKNOWN_TYPE,
    valueType,
    valueTypeLabel,
    type FieldDescribe,
    type SchemaCatalog,
    type ValueType
} from 'c/dcDefinition';

function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, ...extra };
}

const OBJECTS: Record<string, FieldDescribe[]> = {
    Contact: [
        field('Id', 'ID'),
        field('Email', 'EMAIL'),
        field('Score__c', 'DOUBLE'),
        field('Birthdate', 'DATE'),
        field('External_Key__c', 'INTEGER'),
        field('AccountId', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' }),
        field('WhatId', 'REFERENCE', { referenceTo: ['Account', 'Case'], relationshipName: 'What' })
    ],
    Account: [field('Id', 'ID'), field('Name', 'STRING'), field('AnnualRevenue', 'CURRENCY')],
    User: [field('Id', 'ID'), field('IsActive', 'BOOLEAN')]
};

/** Contact's fields as a Map, the others as a plain record (both shapes occur). */
const catalog: SchemaCatalog = {
    describeObject(name) {
        const list = OBJECTS[name];
        if (!list) return undefined;
        const entries = list.map((f) => [f.name, f] as const);
        return { name, fields: name === 'Contact' ? new Map(entries) : Object.fromEntries(entries) };
    }
};

const doc = {
    resources: [
        { name: 'n', kind: 'variable', dataType: 'Number' },
        { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
        { name: 'contact', kind: 'variable', dataType: 'Record', objectApiName: 'Contact' },
        { name: 'rows', kind: 'variable', dataType: 'Record', objectApiName: 'Contact', isCollection: true },
        { name: 'fixed', kind: 'constant', dataType: 'Text', value: 'x', isCollection: true },
        { name: 'calc', kind: 'formula', dataType: 'Boolean', formula: 'true' },
        { name: 'odd', kind: 'variable' }
    ],
    queries: [{ name: 'contacts', object: 'Contact', fields: ['Email'] }],
    components: [
        { name: 'table', type: 'dataTable', query: 'contacts' },
        { name: 'keyed', type: 'dataTable', query: 'contacts', keyField: 'External_Key__c' },
        { name: 'loose', type: 'dataTable' }
    ]
};

function t(dataType: ValueType['dataType'], isCollection = false, objectApiName?: string): ValueType {
    return objectApiName ? { dataType, isCollection, objectApiName } : { dataType, isCollection };
}

describe('c/dcDefinition value types: flows', () => {
    it('tells which action may use a flow', () => {
        expect(flowUseOf({ processType: 'AutoLaunchedFlow', isActive: true })).toBe('executeFlow');
        expect(flowUseOf({ processType: 'AutoLaunchedFlow', triggerType: 'None', isActive: true })).toBe('executeFlow');
        expect(flowUseOf({ processType: 'AutoLaunchedFlow', triggerType: null, isActive: true })).toBe('executeFlow');
        expect(flowUseOf({ processType: 'AutoLaunchedFlow', triggerType: 'RecordAfterSave', isActive: true })).toBe(
            'none'
        );
        expect(flowUseOf({ processType: 'Flow', isActive: true })).toBe('screenFlow');
        expect(flowUseOf({ processType: 'Flow', isActive: false })).toBe('none');
        expect(flowUseOf({ processType: 'Orchestrator', isActive: true })).toBe('none');
    });

    it('maps definition types to flow variable types, one table, case-insensitive', () => {
        expect(isFlowTypeCompatible('Text', 'String')).toBe(true);
        expect(isFlowTypeCompatible('Text', 'picklist')).toBe(true);
        expect(isFlowTypeCompatible('Text', 'Multipicklist')).toBe(true);
        expect(isFlowTypeCompatible('Number', 'Currency')).toBe(true);
        expect(isFlowTypeCompatible('Currency', 'Number')).toBe(true);
        expect(isFlowTypeCompatible('Record', 'sObject')).toBe(true);
        expect(isFlowTypeCompatible('Boolean', 'String')).toBe(false);
        expect(isFlowTypeCompatible('Date', 'DateTime')).toBe(false);
        expect(isFlowTypeCompatible('Nope', 'String')).toBe(false);
        expect(dataTypeOfFlowType('String')).toBe('Text');
        expect(dataTypeOfFlowType('Currency')).toBe('Currency');
        expect(dataTypeOfFlowType('sObject')).toBe('Record');
        expect(dataTypeOfFlowType('Multipicklist')).toBe('Text');
        expect(dataTypeOfFlowType('Picklist')).toBe('Text');
        expect(dataTypeOfFlowType('Apex')).toBeUndefined();
    });

    it('types flow variables', () => {
        const variable = { name: 'x', isInput: true, isOutput: false };
        expect(flowVariableType({ ...variable, dataType: 'String', isCollection: true })).toEqual(t('Text', true));
        expect(
            flowVariableType({ ...variable, dataType: 'SObject', isCollection: false, objectType: 'Contact' })
        ).toEqual(t('Record', false, 'Contact'));
        expect(flowVariableType({ ...variable, dataType: 'Apex', isCollection: true })).toEqual(t('Unknown', true));
    });
});

describe('c/dcDefinition value types: assignability', () => {
    it('requires the same collection-ness, and lets Unknown and Number/Currency mix', () => {
        expect(isAssignable(t('Text', true), t('Text', false))).toBe(false);
        expect(isAssignable(t('Unknown'), t('Text', true))).toBe(false);
        expect(isAssignable(t('Unknown'), t('Date'))).toBe(true);
        expect(isAssignable(t('Date'), t('Unknown'))).toBe(true);
        expect(isAssignable(t('Number'), t('Currency'))).toBe(true);
        expect(isAssignable(t('Currency'), t('Number'))).toBe(true);
        expect(isAssignable(t('Text'), t('Number'))).toBe(false);
        expect(isAssignable(t('Date'), t('DateTime'))).toBe(false);
        expect(isAssignable(t('Boolean', true), t('Boolean', true))).toBe(true);
    });

    it('compares the objects of records when both are known', () => {
        expect(isAssignable(t('Record', false, 'Contact'), t('Record', false, 'contact'))).toBe(true);
        expect(isAssignable(t('Record', false, 'Contact'), t('Record', false, 'Account'))).toBe(false);
        expect(isAssignable(t('Record'), t('Record', false, 'Account'))).toBe(true);
        expect(isAssignable(t('Record', false, 'Contact'), t('Record'))).toBe(true);
    });

    it('labels types', () => {
        expect(valueTypeLabel(t('Text', true))).toBe('Text collection');
        expect(valueTypeLabel(t('Record', false, 'Contact'))).toBe('Contact record');
        expect(valueTypeLabel(t('Record'))).toBe('SObject record');
        expect(valueTypeLabel(UNKNOWN_TYPE)).toBe('value');
        expect(valueTypeLabel(t('Number'))).toBe('Number');
    });

    it('types fields by their display type', () => {
        expect(fieldValueType(field('a', 'picklist'))).toEqual(t('Text'));
        expect(fieldValueType(field('a', 'PERCENT'))).toEqual(t('Number'));
        expect(fieldValueType(field('a', 'CURRENCY'))).toEqual(t('Currency'));
        expect(fieldValueType(field('a', 'DATETIME'))).toEqual(t('DateTime'));
        expect(fieldValueType(field('a', 'LOCATION'))).toBe(UNKNOWN_TYPE);
        expect(fieldValueType(undefined)).toBe(UNKNOWN_TYPE);
    });
});

describe('c/dcDefinition value types: merge fields', () => {
    const ref = (reference: string, context = { catalog }) => referenceType(doc, reference, context);

    it('types resources (only variables are collections)', () => {
        expect(ref('n')).toEqual(t('Number'));
        expect(ref('ids')).toEqual({ dataType: 'Text', isCollection: true, objectApiName: undefined });
        expect(ref('rows')).toEqual(t('Record', true, 'Contact'));
        expect(ref('fixed')).toEqual({ dataType: 'Text', isCollection: false, objectApiName: undefined });
        expect(ref('calc').dataType).toBe('Boolean');
        expect(ref('odd').dataType).toBe('Unknown');
        expect(ref('contact.Email')).toEqual(t('Text'));
        expect(ref('contact.Account.AnnualRevenue')).toEqual(t('Currency'));
        expect(ref('n.Anything')).toBe(UNKNOWN_TYPE);
        expect(ref('nothing')).toBe(UNKNOWN_TYPE);
    });

    it('types table properties and row fields', () => {
        expect(ref('table.SelectedRowsKeyValue')).toEqual(t('Text', true));
        expect(ref('keyed.SelectedRowsKeyValue')).toEqual(t('Number', true));
        expect(ref('table.SelectedRows')).toEqual(t('Record', true, 'Contact'));
        expect(ref('table.SelectedRowCount')).toEqual(t('Number'));
        expect(ref('table.LastSaveSavedCount')).toEqual(t('Number'));
        expect(ref('table.LastSaveFailedCount')).toEqual(t('Number'));
        expect(ref('table.FirstSelectedRow')).toEqual(t('Record', false, 'Contact'));
        expect(ref('table.ActionRow.Id')).toEqual(t('Text'));
        expect(ref('table.ActionRow.Score__c')).toEqual(t('Number'));
        expect(ref('table.FirstSelectedRow.Account.Name')).toEqual(t('Text'));
        // polymorphic lookups and unknown fields are not typed offline
        expect(ref('table.FirstSelectedRow.What.Name')).toBe(UNKNOWN_TYPE);
        expect(ref('table.FirstSelectedRow.Nope')).toBe(UNKNOWN_TYPE);
        expect(ref('table.Nope')).toBe(UNKNOWN_TYPE);
        expect(ref('loose.SelectedRows')).toEqual({ dataType: 'Record', isCollection: true, objectApiName: undefined });
        // without a catalog, fields are unknown
        expect(ref('table.FirstSelectedRow.Email', {} as { catalog: SchemaCatalog })).toBe(UNKNOWN_TYPE);
    });

    it('types $User, $Record and $Error', () => {
        expect(ref('$User.IsActive')).toEqual(t('Boolean'));
        expect(ref('$User')).toBe(UNKNOWN_TYPE);
        expect(ref('$Record.Birthdate')).toBe(UNKNOWN_TYPE);
        expect(referenceType(doc, '$Record.Birthdate', { catalog, recordObjectApiName: 'Contact' })).toEqual(t('Date'));
        expect(referenceType(doc, '$Record', { catalog, recordObjectApiName: 'Contact' })).toBe(UNKNOWN_TYPE);
        expect(ref('$Error.message')).toEqual(t('Text'));
        expect(ref('$Error.details')).toEqual(t('Text', true));
        expect(referenceType(doc, '$Record.Ghost', { catalog, recordObjectApiName: 'Ghost__c' })).toBe(UNKNOWN_TYPE);
    });
});

describe('c/dcDefinition value types: values as written', () => {
    const val = (value: unknown, declared?: { dataType?: string; collection?: boolean }) =>
        valueType(doc, value, declared, { catalog });

    it('keeps the type of a single merge field, and text with merge fields is Text', () => {
        expect(val('{!table.SelectedRowsKeyValue}')).toEqual(t('Text', true));
        expect(val(' {! n } ')).toEqual(t('Number'));
        expect(val('Hello {!n}')).toEqual(t('Text'));
        expect(val('{!n} + 1')).toEqual(t('Text'));
    });

    it('types literals, using the declared type for dates and currency', () => {
        // the = rule: only a value starting with '=' is a formula (typed when it runs); TODAY() is text
        expect(val('=TODAY()')).toBe(UNKNOWN_TYPE);
        expect(val(' ={!n} + 1')).toBe(UNKNOWN_TYPE);
        expect(val('TODAY()')).toEqual(t('Text'));
        expect(val('plain')).toEqual(t('Text'));
        expect(val('2025-01-31', { dataType: 'Date' })).toEqual(t('Date'));
        expect(val('2025-01-31T09:00:00Z', { dataType: 'DateTime' })).toEqual(t('DateTime'));
        expect(val(5)).toEqual(t('Number'));
        expect(val(5, { dataType: 'Currency' })).toEqual(t('Currency'));
        expect(val(false)).toEqual(t('Boolean'));
        expect(val(null)).toBe(UNKNOWN_TYPE);
        expect(val({ a: 1 })).toBe(UNKNOWN_TYPE);
    });

    it('types lists as collections of their first value', () => {
        expect(val([null, 'a'])).toEqual(t('Text', true));
        expect(val([1, 2])).toEqual(t('Number', true));
        expect(val([])).toEqual(t('Unknown', true));
        expect(val(['{!n}'])).toEqual(t('Number', true));
    });

    it('works without a context', () => {
        expect(valueType(doc, '{!ids}')).toEqual({ dataType: 'Text', isCollection: true, objectApiName: undefined });
        expect(referenceType(doc, 'table.SelectedRowCount')).toEqual(t('Number'));
    });
});
