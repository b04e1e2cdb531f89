/*
 * Condition operators of the query editor, by field type (Schema.DisplayType name), matching the validator's rules
 * in dcDefinition.ts condition(): contains / startsWith / endsWith only on text fields, checkboxes only with equals /
 * notEquals, in / notIn with a list, isNull with true (is empty) or false (is not empty). The editor offers no
 * operator the validator would refuse for that field. Plain TypeScript.
 */
import { CONDITION_OPERATORS, NUMBER_TYPES, TEXT_OPERATORS, TEXT_TYPES } from 'c/dcDefinition';
import type { ConditionOperator } from 'c/dcDefinition';

/** Ordered types: comparisons make sense. */
const ORDERED_TYPES = new Set([...NUMBER_TYPES, 'DATE', 'DATETIME', 'TIME']);
const ID_TYPES = new Set(['ID', 'REFERENCE']);

/** Text fields: every operator (the validator's vocabulary, in its order). */
const ALL: readonly ConditionOperator[] = CONDITION_OPERATORS;
/** Ordered fields: every operator but the text ones. */
const ORDERED: readonly ConditionOperator[] = CONDITION_OPERATORS.filter(
    (op) => !(TEXT_OPERATORS as readonly string[]).includes(op)
);
const IDS: readonly ConditionOperator[] = ['equals', 'notEquals', 'in', 'notIn', 'isNull'];
const CHECKBOX: readonly ConditionOperator[] = ['equals', 'notEquals'];
const OTHER: readonly ConditionOperator[] = ['equals', 'notEquals', 'isNull'];

/** What the admin reads for each operator. */
export const OPERATOR_LABELS: Readonly<Record<ConditionOperator, string>> = Object.freeze({
    equals: 'equals',
    notEquals: 'does not equal',
    lessThan: 'less than',
    greaterThan: 'greater than',
    lessOrEqual: 'less or equal',
    greaterOrEqual: 'greater or equal',
    contains: 'contains',
    startsWith: 'starts with',
    endsWith: 'ends with',
    in: 'is one of',
    notIn: 'is none of',
    isNull: 'is empty'
});

/** Operators allowed on a field of this Schema.DisplayType (case-insensitive); unknown types get equality only. */
export function operatorsForType(fieldType: string | undefined): ConditionOperator[] {
    const type = (fieldType ?? '').toUpperCase();
    if (TEXT_TYPES.has(type)) return [...ALL];
    if (ORDERED_TYPES.has(type)) return [...ORDERED];
    if (ID_TYPES.has(type)) return [...IDS];
    if (type === 'BOOLEAN') return [...CHECKBOX];
    if (!type) return [...ALL];
    return [...OTHER];
}

export function isOperatorAllowed(fieldType: string | undefined, operator: string): boolean {
    return (operatorsForType(fieldType) as string[]).includes(operator);
}

/**
 * One entry of the operator menu. isNull is shown as two entries, "is empty" (value true) and "is not empty"
 * (value false), so the condition needs no value input.
 */
export interface OperatorChoice {
    /** Menu value: the operator, or 'isNull:true' / 'isNull:false'. */
    value: string;
    label: string;
    operator: ConditionOperator;
    /** For isNull: the condition's value. */
    isNullValue?: boolean;
}

export function operatorChoices(fieldType: string | undefined): OperatorChoice[] {
    const choices: OperatorChoice[] = [];
    for (const operator of operatorsForType(fieldType)) {
        if (operator === 'isNull') {
            choices.push({ value: 'isNull:true', label: 'is empty', operator, isNullValue: true });
            choices.push({ value: 'isNull:false', label: 'is not empty', operator, isNullValue: false });
        } else {
            choices.push({ value: operator, label: OPERATOR_LABELS[operator], operator });
        }
    }
    return choices;
}

/** The menu value of a condition's operator (isNull folds its value in). */
export function operatorChoiceValue(operator: string | undefined, value: unknown): string {
    if (operator === 'isNull') return value === false ? 'isNull:false' : 'isNull:true';
    return operator ?? '';
}

/** Parses a menu value back into the condition's operator (and, for isNull, its value). */
export function parseOperatorChoice(choice: string): { operator: ConditionOperator; isNullValue?: boolean } {
    if (choice === 'isNull:true' || choice === 'isNull') return { operator: 'isNull', isNullValue: true };
    if (choice === 'isNull:false') return { operator: 'isNull', isNullValue: false };
    return { operator: choice as ConditionOperator };
}

/** How a condition's literal value is entered. */
export type ConditionValueKind = 'text' | 'number' | 'checkbox' | 'date' | 'datetime' | 'picklist' | 'none';

export interface ConditionValueInput {
    kind: ConditionValueKind;
    /** in / notIn: a list of values. */
    multiple: boolean;
}

/** The value input for a field type (and picklist values) under an operator. */
export function conditionValueInput(
    field: { type: string; picklistValues?: unknown[] } | undefined,
    operator: string | undefined
): ConditionValueInput {
    const multiple = operator === 'in' || operator === 'notIn';
    if (operator === 'isNull') return { kind: 'none', multiple: false };
    const type = (field?.type ?? '').toUpperCase();
    if (NUMBER_TYPES.has(type)) return { kind: 'number', multiple };
    if (type === 'BOOLEAN') return { kind: 'checkbox', multiple: false };
    if (type === 'DATE') return { kind: 'date', multiple };
    if (type === 'DATETIME') return { kind: 'datetime', multiple };
    const textual = operator === 'contains' || operator === 'startsWith' || operator === 'endsWith';
    if ((type === 'PICKLIST' || type === 'MULTIPICKLIST') && field?.picklistValues?.length && !textual) {
        return { kind: 'picklist', multiple };
    }
    return { kind: 'text', multiple };
}

/** The operator a new condition on a field starts with. */
export function defaultOperator(fieldType: string | undefined): ConditionOperator {
    return operatorsForType(fieldType)[0];
}

/** A literal value of the right type for a new (or re-typed) condition. */
export function defaultConditionValue(fieldType: string | undefined, operator: string | undefined): unknown {
    const input = conditionValueInput(fieldType ? { type: fieldType } : undefined, operator);
    if (operator === 'isNull') return true;
    if (input.multiple) return [];
    switch (input.kind) {
        case 'number':
            return 0;
        case 'checkbox':
            return true;
        default:
            return '';
    }
}

/**
 * Whether a literal already fits a field type and operator, so the editor keeps it when the operator changes
 * (merge fields always fit: they are type-checked by the server).
 */
export function valueFitsCondition(fieldType: string | undefined, operator: string, value: unknown): boolean {
    if (typeof value === 'string' && value.includes('{!')) return true;
    if (operator === 'isNull') return typeof value === 'boolean';
    const input = conditionValueInput(fieldType ? { type: fieldType } : undefined, operator);
    const fits = (v: unknown): boolean => {
        switch (input.kind) {
            case 'number':
                return typeof v === 'number';
            case 'checkbox':
                return typeof v === 'boolean';
            case 'date':
                return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
            case 'datetime':
                return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v);
            default:
                return typeof v === 'string';
        }
    };
    if (input.multiple) return Array.isArray(value) && value.every(fits);
    return !Array.isArray(value) && fits(value);
}
