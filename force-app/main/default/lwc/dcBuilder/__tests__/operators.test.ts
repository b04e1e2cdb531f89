import { validateDefinition } from 'c/dcDefinition';
import type { FieldDescribe, SchemaCatalog } from 'c/dcDefinition';
import {
    OPERATOR_LABELS,
    conditionValueInput,
    defaultConditionValue,
    defaultOperator,
    isOperatorAllowed,
    operatorChoiceValue,
    operatorChoices,
    operatorsForType,
    parseOperatorChoice,
    valueFitsCondition
} from '../operators';

const ALL_OPERATORS = Object.keys(OPERATOR_LABELS);

/** One filterable field per display type the editor distinguishes. */
const TYPES = [
    'STRING',
    'EMAIL',
    'PHONE',
    'URL',
    'PICKLIST',
    'TEXTAREA',
    'COMBOBOX',
    'DOUBLE',
    'INTEGER',
    'CURRENCY',
    'PERCENT',
    'DATE',
    'DATETIME',
    'BOOLEAN',
    'ID',
    'REFERENCE',
    'MULTIPICKLIST'
];

function field(type: string): FieldDescribe {
    return { name: `F_${type}__c`, type, sortable: true, filterable: true };
}

const THING = { name: 'Thing__c', fields: Object.fromEntries(TYPES.map((t) => [`F_${t}__c`, field(t)])) };
const catalog: SchemaCatalog = {
    describeObject: (name) => (name === 'Thing__c' ? THING : undefined)
};

/** A literal the validator accepts for the type and operator (what the editor's typed input produces). */
function sampleValue(type: string, operator: string): unknown {
    if (operator === 'isNull') return true;
    const input = conditionValueInput({ type }, operator);
    const one = (() => {
        switch (input.kind) {
            case 'number':
                return 3;
            case 'checkbox':
                return true;
            case 'date':
                return '2025-01-31';
            case 'datetime':
                return '2025-01-31T09:00:00.000Z';
            default:
                return 'abc';
        }
    })();
    return input.multiple ? [one] : one;
}

function conditionProblems(type: string, operator: string, value: unknown) {
    const doc = {
        schemaVersion: 1,
        apiName: 'T',
        label: 'T',
        queries: [
            {
                name: 'q',
                object: 'Thing__c',
                fields: [`F_${type}__c`],
                where: { conditions: [{ field: `F_${type}__c`, operator, value }] }
            }
        ]
    };
    return validateDefinition(doc, catalog).filter((p) => p.path.startsWith('queries[0].where'));
}

describe('operatorsForType', () => {
    it('offers every operator on text fields and the text-only ones nowhere else', () => {
        for (const t of ['STRING', 'EMAIL', 'PHONE', 'URL', 'PICKLIST', 'TEXTAREA', 'COMBOBOX', 'ENCRYPTEDSTRING']) {
            expect(operatorsForType(t)).toEqual(ALL_OPERATORS);
        }
        for (const t of ['DOUBLE', 'CURRENCY', 'DATE', 'DATETIME', 'BOOLEAN', 'ID', 'REFERENCE', 'MULTIPICKLIST']) {
            expect(operatorsForType(t)).not.toContain('contains');
            expect(operatorsForType(t)).not.toContain('startsWith');
        }
    });

    it('limits checkboxes to equals / does not equal and ids to equality, lists and empty', () => {
        expect(operatorsForType('BOOLEAN')).toEqual(['equals', 'notEquals']);
        expect(operatorsForType('reference')).toEqual(['equals', 'notEquals', 'in', 'notIn', 'isNull']);
        expect(operatorsForType('CURRENCY')).toContain('lessOrEqual');
        expect(operatorsForType('ADDRESS')).toEqual(['equals', 'notEquals', 'isNull']);
        expect(operatorsForType(undefined)).toEqual(ALL_OPERATORS);
        expect(isOperatorAllowed('DATE', 'greaterThan')).toBe(true);
        expect(isOperatorAllowed('DATE', 'contains')).toBe(false);
    });

    it.each(TYPES)('every operator offered for %s passes the validator with a typed value', (type) => {
        for (const operator of operatorsForType(type)) {
            expect({ operator, problems: conditionProblems(type, operator, sampleValue(type, operator)) }).toEqual({
                operator,
                problems: []
            });
        }
    });

    it.each(['DOUBLE', 'DATE', 'BOOLEAN', 'ID'])(
        'the validator refuses the text operators the editor hides for %s',
        (type) => {
            for (const operator of ['contains', 'startsWith', 'endsWith']) {
                expect(operatorsForType(type)).not.toContain(operator);
                const value = type === 'DOUBLE' ? 3 : type === 'BOOLEAN' ? true : 'abc';
                expect(conditionProblems(type, operator, value).map((p) => p.path)).toContain(
                    'queries[0].where.conditions[0].operator'
                );
            }
        }
    );

    it('the validator refuses comparisons on checkboxes, which the editor hides', () => {
        expect(operatorsForType('BOOLEAN')).not.toContain('lessThan');
        expect(conditionProblems('BOOLEAN', 'lessThan', true)[0].message).toContain('checkbox');
    });
});

describe('operator menu', () => {
    it('shows isNull as is empty / is not empty and maps them back', () => {
        const choices = operatorChoices('STRING');
        expect(choices.map((c) => c.label)).toEqual([
            'equals',
            'does not equal',
            'less than',
            'greater than',
            'less or equal',
            'greater or equal',
            'contains',
            'starts with',
            'ends with',
            'is one of',
            'is none of',
            'is empty',
            'is not empty'
        ]);
        expect(operatorChoices('BOOLEAN').map((c) => c.value)).toEqual(['equals', 'notEquals']);
        expect(operatorChoiceValue('isNull', false)).toBe('isNull:false');
        expect(operatorChoiceValue('isNull', true)).toBe('isNull:true');
        expect(operatorChoiceValue('isNull', undefined)).toBe('isNull:true');
        expect(operatorChoiceValue('in', ['a'])).toBe('in');
        expect(operatorChoiceValue(undefined, undefined)).toBe('');
        expect(parseOperatorChoice('isNull:false')).toEqual({ operator: 'isNull', isNullValue: false });
        expect(parseOperatorChoice('isNull:true')).toEqual({ operator: 'isNull', isNullValue: true });
        expect(parseOperatorChoice('isNull')).toEqual({ operator: 'isNull', isNullValue: true });
        expect(parseOperatorChoice('startsWith')).toEqual({ operator: 'startsWith' });
    });
});

describe('condition value inputs', () => {
    it('picks the input by field type and operator', () => {
        expect(conditionValueInput({ type: 'INTEGER' }, 'equals')).toEqual({ kind: 'number', multiple: false });
        expect(conditionValueInput({ type: 'CURRENCY' }, 'in')).toEqual({ kind: 'number', multiple: true });
        expect(conditionValueInput({ type: 'BOOLEAN' }, 'equals')).toEqual({ kind: 'checkbox', multiple: false });
        expect(conditionValueInput({ type: 'DATE' }, 'lessThan')).toEqual({ kind: 'date', multiple: false });
        expect(conditionValueInput({ type: 'DATETIME' }, 'notIn')).toEqual({ kind: 'datetime', multiple: true });
        expect(conditionValueInput({ type: 'STRING' }, 'isNull')).toEqual({ kind: 'none', multiple: false });
        const picklist = { type: 'PICKLIST', picklistValues: [{ value: 'New', label: 'New' }] };
        expect(conditionValueInput(picklist, 'equals')).toEqual({ kind: 'picklist', multiple: false });
        expect(conditionValueInput(picklist, 'in')).toEqual({ kind: 'picklist', multiple: true });
        // text matching on a picklist is free text; a picklist without values is a text input
        expect(conditionValueInput(picklist, 'startsWith')).toEqual({ kind: 'text', multiple: false });
        expect(conditionValueInput({ type: 'PICKLIST' }, 'equals')).toEqual({ kind: 'text', multiple: false });
        expect(conditionValueInput(undefined, 'equals')).toEqual({ kind: 'text', multiple: false });
    });

    it('starts new conditions with an operator and a value of the right type', () => {
        expect(defaultOperator('BOOLEAN')).toBe('equals');
        expect(defaultConditionValue('BOOLEAN', 'equals')).toBe(true);
        expect(defaultConditionValue('DOUBLE', 'equals')).toBe(0);
        expect(defaultConditionValue('STRING', 'in')).toEqual([]);
        expect(defaultConditionValue('STRING', 'isNull')).toBe(true);
        expect(defaultConditionValue('DATE', 'equals')).toBe('');
        expect(defaultConditionValue(undefined, 'equals')).toBe('');
    });

    it('tells whether a value still fits after the operator changed', () => {
        expect(valueFitsCondition('DOUBLE', 'greaterThan', 3)).toBe(true);
        expect(valueFitsCondition('DOUBLE', 'in', 3)).toBe(false);
        expect(valueFitsCondition('DOUBLE', 'in', [3, 4])).toBe(true);
        expect(valueFitsCondition('STRING', 'equals', ['a'])).toBe(false);
        expect(valueFitsCondition('STRING', 'equals', '{!$User.Id}')).toBe(true);
        expect(valueFitsCondition('STRING', 'isNull', 'x')).toBe(false);
        expect(valueFitsCondition('STRING', 'isNull', false)).toBe(true);
        expect(valueFitsCondition('BOOLEAN', 'equals', false)).toBe(true);
        expect(valueFitsCondition('DATE', 'equals', '2025-01-31')).toBe(true);
        expect(valueFitsCondition('DATE', 'equals', '31/01/2025')).toBe(false);
        expect(valueFitsCondition('DATETIME', 'equals', '2025-01-31T09:00:00Z')).toBe(true);
    });
});
