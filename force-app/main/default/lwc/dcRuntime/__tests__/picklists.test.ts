import fc from 'fast-check';
import {
    DraftStore,
    MASTER_RECORD_TYPE_ID,
    dependentsToReset,
    hasPicklistValues,
    isDependentPicklist,
    isValidForRecordType,
    joinMultiSelect,
    picklistOptions,
    picklistValueProblem,
    recordTypeIdOf,
    splitMultiSelect
} from 'c/dcRuntime';
import type { QueryFieldInfo, UiPicklistValuesByRecordType } from 'c/dcRuntime';

function v(value: string, label: string, validFor: number[] = []) {
    return { value, label, validFor, attributes: null };
}

/** Country → State → City (a chain), Active__c (checkbox) → Tier__c, and a multi-select Tags__c. */
const business: UiPicklistValuesByRecordType = {
    picklistFieldValues: {
        Country__c: {
            controllerValues: {},
            defaultValue: null,
            values: [v('US', 'United States'), v('DE', 'Germany')]
        },
        State__c: {
            controllerValues: { US: 0, DE: 1 },
            defaultValue: null,
            values: [
                v('CA', 'California', [0]),
                v('NY', 'New York', [0]),
                v('BY', 'Bavaria', [1]),
                v('XX', 'Both', [0, 1])
            ]
        },
        City__c: {
            controllerValues: { CA: 0, NY: 1, BY: 2, XX: 3 },
            defaultValue: null,
            values: [
                v('SF', 'San Francisco', [0]),
                v('NYC', 'New York City', [1]),
                v('MUC', 'Munich', [2]),
                v('ANY', 'Anywhere', [0, 1, 2, 3])
            ]
        },
        Tier__c: {
            controllerValues: { false: 0, true: 1 },
            defaultValue: null,
            values: [v('Gold', 'Gold', [1]), v('None', 'None', [0])]
        },
        Tags__c: {
            controllerValues: {},
            defaultValue: null,
            values: [v('A', 'Alpha'), v('B', 'Beta'), v('C', 'Gamma')]
        },
        Status__c: {
            controllerValues: {},
            defaultValue: v('New', 'New'),
            values: [v('New', 'New'), v('InProgress', 'In Progress')]
        }
    }
};

/** A record type that offers fewer values. */
const partner: UiPicklistValuesByRecordType = {
    picklistFieldValues: {
        Status__c: { controllerValues: {}, defaultValue: null, values: [v('New', 'New')] }
    }
};

function field(path: string, controllerName: string | null = null): QueryFieldInfo {
    return {
        path,
        label: path,
        type: 'PICKLIST',
        isNameField: false,
        referenceTo: null,
        sortable: true,
        controllerName
    };
}

const fields = [
    field('Country__c'),
    field('State__c', 'Country__c'),
    field('City__c', 'State__c'),
    field('Active__c'),
    field('Tier__c', 'Active__c'),
    field('Account.Rating', 'Account.Industry')
];

describe('picklist options', () => {
    it('uses the row record type, the master one without', () => {
        expect(MASTER_RECORD_TYPE_ID).toBe('012000000000000AAA');
        expect(recordTypeIdOf({ RecordTypeId: '012000000000001AAA' })).toBe('012000000000001AAA');
        expect(recordTypeIdOf({ RecordTypeId: null })).toBe(MASTER_RECORD_TYPE_ID);
        expect(recordTypeIdOf(undefined)).toBe(MASTER_RECORD_TYPE_ID);
    });

    it('lists a record type values with labels', () => {
        expect(picklistOptions(business, 'Status__c')).toEqual([
            { value: 'New', label: 'New' },
            { value: 'InProgress', label: 'In Progress' }
        ]);
        expect(picklistOptions(partner, 'Status__c')).toEqual([{ value: 'New', label: 'New' }]);
        expect(picklistOptions(partner, 'Country__c')).toEqual([]);
        expect(picklistOptions(null, 'Status__c')).toEqual([]);
        expect(hasPicklistValues(business, 'Tags__c')).toBe(true);
        expect(hasPicklistValues(business, 'toString')).toBe(false);
        expect(hasPicklistValues(undefined, 'Tags__c')).toBe(false);
    });

    it('filters a dependent picklist by validFor of the controlling value', () => {
        expect(isDependentPicklist(business, 'State__c')).toBe(true);
        expect(isDependentPicklist(business, 'Country__c')).toBe(false);
        expect(isDependentPicklist(business, 'Nope')).toBe(false);
        expect(picklistOptions(business, 'State__c', 'DE').map((o) => o.value)).toEqual(['BY', 'XX']);
        expect(picklistOptions(business, 'State__c', 'US').map((o) => o.value)).toEqual(['CA', 'NY', 'XX']);
        expect(picklistOptions(business, 'State__c', 'FR')).toEqual([]);
        expect(picklistOptions(business, 'State__c', null)).toEqual([]);
        expect(picklistOptions(business, 'State__c').map((o) => o.value)).toEqual(['CA', 'NY', 'BY', 'XX']);
        // a checkbox controls by 'true' / 'false'
        expect(picklistOptions(business, 'Tier__c', true)).toEqual([{ value: 'Gold', label: 'Gold' }]);
        expect(picklistOptions(business, 'Tier__c', false)).toEqual([{ value: 'None', label: 'None' }]);
        // a controller value for an independent field changes nothing
        expect(picklistOptions(business, 'Country__c', 'x')).toHaveLength(2);
    });

    it('checks a value against the record type and the controlling value', () => {
        expect(isValidForRecordType(business, 'Status__c', 'InProgress')).toBe(true);
        expect(isValidForRecordType(partner, 'Status__c', 'InProgress')).toBe(false);
        expect(isValidForRecordType(partner, 'Status__c', null)).toBe(true);
        expect(isValidForRecordType(partner, 'Unknown__c', 'x')).toBe(true);
        expect(isValidForRecordType(business, 'State__c', 'BY', 'US')).toBe(false);
        expect(isValidForRecordType(business, 'State__c', 'BY', 'DE')).toBe(true);
        expect(isValidForRecordType(business, 'Tags__c', 'A;C')).toBe(true);
        expect(isValidForRecordType(business, 'Tags__c', 'A;Z')).toBe(false);
    });

    it('says why a value is not valid', () => {
        expect(picklistValueProblem(business, 'Status__c', 'New')).toBeNull();
        expect(picklistValueProblem(partner, 'Status__c', 'InProgress')).toBe(
            "'InProgress' is not a valid value for this record's record type. Choose one from the list."
        );
        expect(picklistValueProblem(business, 'Tags__c', 'A;Y;Z')).toBe(
            "'Y', 'Z' are not valid values for this record's record type. Choose one from the list."
        );
        expect(
            picklistValueProblem(business, 'State__c', 'BY', 'US', {
                controllerLabel: 'Country',
                controllerText: 'United States'
            })
        ).toBe("'BY' is not a valid value when Country is 'United States'. Choose one from the list.");
        expect(picklistValueProblem(business, 'State__c', 'BY', 'US')).toBe(
            "'BY' is not a valid value when the controlling field is 'US'. Choose one from the list."
        );
        expect(picklistValueProblem(business, 'State__c', 'BY', null, { controllerLabel: 'Country' })).toBe(
            "'BY' is not a valid value while Country is empty. Choose a value of Country first."
        );
        expect(picklistValueProblem(business, 'State__c', 'ZZ', 'US')).toBe(
            "'ZZ' is not a valid value for this record's record type. Choose one from the list."
        );
    });

    it('splits and joins multi-select values in the picklist order', () => {
        expect(splitMultiSelect('A; B;;C')).toEqual(['A', 'B', 'C']);
        expect(splitMultiSelect(null)).toEqual([]);
        expect(joinMultiSelect(['C', 'A', 'A'], picklistOptions(business, 'Tags__c'))).toBe('A;C');
        expect(joinMultiSelect(['Z', 'C', 'A'], picklistOptions(business, 'Tags__c'))).toBe('A;C;Z');
        expect(joinMultiSelect(['C', 'A'])).toBe('C;A');
        expect(joinMultiSelect([])).toBeNull();
    });
});

describe('dependentsToReset', () => {
    const row = { Id: '001A', Country__c: 'US', State__c: 'CA', City__c: 'SF', Active__c: true, Tier__c: 'Gold' };

    it('clears a dependent no longer valid for the new controlling value, down the chain', () => {
        expect(dependentsToReset('Country__c', 'DE', row, business, fields)).toEqual(['State__c', 'City__c']);
        expect(dependentsToReset('Country__c', null, row, business, fields)).toEqual(['State__c', 'City__c']);
        expect(dependentsToReset('State__c', 'NY', row, business, fields)).toEqual(['City__c']);
        expect(dependentsToReset('Active__c', false, row, business, fields)).toEqual(['Tier__c']);
    });

    it('keeps dependents that stay valid, and stops the chain there', () => {
        const both = { ...row, State__c: 'XX', City__c: 'ANY' };
        expect(dependentsToReset('Country__c', 'DE', both, business, fields)).toEqual([]);
        // a dependent of a cleared field has no valid value left, even one valid for every state
        const anywhere = { ...row, City__c: 'ANY' };
        expect(dependentsToReset('Country__c', 'DE', anywhere, business, fields)).toEqual(['State__c', 'City__c']);
        expect(dependentsToReset('Country__c', 'DE', { ...row, State__c: null }, business, fields)).toEqual([]);
        expect(dependentsToReset('Country__c', 'US', row, business, fields)).toEqual([]);
        // fields the UI API data does not cover, and relationship paths, are left alone
        expect(dependentsToReset('Country__c', 'DE', row, partner, fields)).toEqual([]);
        expect(dependentsToReset('Account.Industry', 'x', row, business, fields)).toEqual([]);
    });

    it('property: from a consistent row, after the resets every dependent is blank or valid for its controller', () => {
        const pick = (f: string) =>
            fc.constantFrom(null, ...business.picklistFieldValues[f].values.map((x) => x.value));
        fc.assert(
            fc.property(
                pick('Country__c'),
                pick('State__c'),
                pick('City__c'),
                pick('Country__c'),
                (country, state, city, next) => {
                    const start: Record<string, unknown> = { Country__c: country, State__c: state, City__c: city };
                    // from a consistent row (the platform keeps saved rows so)
                    fc.pre(isValidForRecordType(business, 'State__c', state, country));
                    fc.pre(isValidForRecordType(business, 'City__c', city, state));
                    const after: Record<string, unknown> = { ...start, Country__c: next };
                    const reset = dependentsToReset('Country__c', next, start, business, fields);
                    for (const f of reset) after[f] = null;
                    expect(isValidForRecordType(business, 'State__c', after.State__c, after.Country__c)).toBe(true);
                    expect(isValidForRecordType(business, 'City__c', after.City__c, after.State__c)).toBe(true);
                    // nothing is cleared that was fine
                    for (const f of reset) expect(start[f]).not.toBeNull();
                }
            )
        );
    });

    it('judges drafts: the dependent was edited first, then its controller in the same row', () => {
        const store = new DraftStore();
        store.set('001A', 'State__c', 'NY', { row });
        store.set('001A', 'City__c', 'NYC', { row });
        const edited = store.effectiveRow(row);
        expect(dependentsToReset('Country__c', 'DE', edited, business, fields)).toEqual(['State__c', 'City__c']);
        // controller edited first: the dependent's options follow the drafted controller
        const other = new DraftStore();
        other.set('001A', 'Country__c', 'DE', { row });
        const shown = other.effectiveRow(row);
        expect(picklistOptions(business, 'State__c', shown.Country__c).map((o) => o.value)).toEqual(['BY', 'XX']);
        expect(isValidForRecordType(business, 'State__c', shown.State__c, shown.Country__c)).toBe(false);
    });
});
