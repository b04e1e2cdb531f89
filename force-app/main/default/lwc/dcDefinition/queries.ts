/*
 * Queries: object, fields, conditions and their values (types, picklist values), sort order, search fields, paging.
 */
import type { FieldDescribe, ObjectDescribe } from './definitionTypes';
import { parseConditionLogic } from './conditionLogic';
import { Checker, isMergeField, isObject, typeName, OUTSIDE, type Json } from './checker';
import { expression } from './references';
import { closest, sentence } from './suggest';
import { dateTextProblem, dateTimeTextProblem } from 'c/dcExpressions';
import { schemaNameLengthReason } from './identifiers';
import {
    cellStyleIsNullWithValue,
    cellStyleValueMissing,
    cellStyleValueNotLiteral,
    checkboxOperator,
    checkboxValueNotBoolean,
    conditionFieldMissing,
    conditionLogicInvalid,
    conditionLogicUnusedConditions,
    conditionValueMissing,
    dateValueNotText,
    duplicateQueryField,
    fieldNotFilterable,
    fieldNotSortable,
    fieldPathInvalid,
    fieldPathNotText,
    fieldPathTooDeep,
    inListValueNotList,
    inListValueNotLiteral,
    invalidDateValue,
    isNullValueNotBoolean,
    mergeFieldInListNotResolved,
    numberValueNotNumber,
    picklistValueUnknown,
    queryWithoutFields,
    schemaNameTooLong,
    searchFieldNotText,
    singleValueIsList,
    sortFieldMissing,
    textOperatorOnNonText,
    textValueNotText,
    unknownObject,
    whereWithoutConditions
} from './messages';
import { picklistValuesOf, resolveFieldPath } from './schemaFields';
import { CONDITION_OPERATORS, FIELD_PATH, LIMITS, NUMBER_TYPES, SOBJECT_NAME, TEXT_TYPES } from './vocabulary';

export function checkQuery(ctx: Checker, q: unknown, path: string): void {
    if (!ctx.objectAt(q, path, 'A query')) return;
    const name = ctx.nameOf(q, path, 'query');
    const label = `query '${name ?? path}'`;
    ctx.keys(
        q,
        path,
        ['name', 'object', 'fields', 'where', 'orderBy', 'searchFields', 'pageSize', 'maxRows', 'description'],
        label
    );
    ctx.requireString(q, 'description', path, 'description', { optional: true });
    const objectName = ctx.requireString(q, 'object', path, `The object of ${label}`, {
        pattern: SOBJECT_NAME,
        patternHint: 'use an object API name such as Contact or Invoice__c'
    });
    let object: ObjectDescribe | undefined;
    const objectTooLong = objectName === undefined ? undefined : schemaNameLengthReason(objectName);
    if (objectTooLong) ctx.error(`${path}.object`, schemaNameTooLong('Object', objectName!, objectTooLong));
    else if (objectName && ctx.catalog) {
        object = ctx.catalog.describeObject(objectName);
        if (!object) ctx.error(`${path}.object`, unknownObject(objectName));
    }
    const fieldCheck = (field: unknown, p: string, what: string): FieldDescribe | undefined => {
        if (typeof field !== 'string') {
            ctx.error(p, fieldPathNotText(what, typeName(field)));
            return undefined;
        }
        if (!FIELD_PATH.test(field)) {
            ctx.error(p, fieldPathInvalid(what, field));
            return undefined;
        }
        const tooLong = field
            .split('.')
            .map(schemaNameLengthReason)
            .find((r) => r);
        if (tooLong) {
            ctx.error(p, schemaNameTooLong(what, field, tooLong));
            return undefined;
        }
        if (field.split('.').length > LIMITS.relationshipDepth + 1) {
            ctx.error(p, fieldPathTooDeep(what, field, LIMITS.relationshipDepth));
            return undefined;
        }
        if (!object || !objectName || !ctx.catalog) return undefined;
        const r = resolveFieldPath(ctx.catalog, objectName, field);
        if (!r.ok) {
            ctx.error(p, sentence(r.message));
            return undefined;
        }
        return r.field;
    };

    const fields = ctx.array(q, 'fields', path, `The fields of ${label}`, true);
    if (fields) {
        if (!fields.length) ctx.error(`${path}.fields`, queryWithoutFields(label));
        const seen = new Map<string, number>();
        fields.forEach((f, i) => {
            const p = `${path}.fields[${i}]`;
            fieldCheck(f, p, 'Field');
            if (typeof f === 'string') {
                const prev = seen.get(f.toLowerCase());
                if (prev !== undefined) ctx.error(p, duplicateQueryField(f, prev));
                else seen.set(f.toLowerCase(), i);
            }
        });
    }

    if (q.where !== undefined) whereClause(ctx, q.where, `${path}.where`, fieldCheck);

    const orderBy = ctx.array(q, 'orderBy', path, 'orderBy');
    orderBy?.forEach((o, i) => {
        const p = `${path}.orderBy[${i}]`;
        if (!ctx.objectAt(o, p, 'An orderBy entry')) return;
        ctx.keys(o, p, ['field', 'direction', 'nulls'], 'an orderBy entry');
        if (o.field === undefined) {
            ctx.error(`${p}.field`, sortFieldMissing());
        } else {
            const f = fieldCheck(o.field, `${p}.field`, 'Sort field');
            if (f && !f.sortable) ctx.error(`${p}.field`, fieldNotSortable(String(o.field), f.type));
        }
        ctx.optionalEnum(o, 'direction', p, 'The sort direction', ['asc', 'desc']);
        ctx.optionalEnum(o, 'nulls', p, 'nulls', ['first', 'last']);
    });

    const searchFields = ctx.array(q, 'searchFields', path, 'searchFields');
    searchFields?.forEach((s, i) => {
        const p = `${path}.searchFields[${i}]`;
        const f = fieldCheck(s, p, 'Search field');
        if (f && (!TEXT_TYPES.has(f.type.toUpperCase()) || !f.filterable)) {
            ctx.error(p, searchFieldNotText(String(s), f.type, f.filterable));
        }
    });

    ctx.optionalInteger(q, 'pageSize', path, 'pageSize', LIMITS.pageSizeMin, LIMITS.pageSizeMax);
    ctx.optionalInteger(q, 'maxRows', path, 'maxRows', 1, LIMITS.maxRowsMax);
}

export function whereClause(
    ctx: Checker,
    where: unknown,
    path: string,
    fieldCheck: (f: unknown, p: string, what: string) => FieldDescribe | undefined
): void {
    if (!ctx.objectAt(where, path, 'where')) return;
    ctx.keys(where, path, ['logic', 'conditions'], 'where');
    const conditions = ctx.array(where, 'conditions', path, 'The conditions', true);
    if (conditions && !conditions.length) ctx.error(`${path}.conditions`, whereWithoutConditions());
    conditions?.forEach((c, i) => checkCondition(ctx, c, `${path}.conditions[${i}]`, fieldCheck));
    const logic = ctx.requireString(where, 'logic', path, 'The condition logic', {
        optional: true,
        nonEmpty: true
    });
    if (logic !== undefined && conditions && conditions.length) {
        const upper = logic.trim().toUpperCase();
        if (upper === 'AND' || upper === 'OR') return;
        const r = parseConditionLogic(logic, conditions.length);
        if (!r.ok) {
            ctx.error(`${path}.logic`, conditionLogicInvalid(logic, r.message));
            return;
        }
        const unused = conditions.map((_c, i) => i + 1).filter((n) => !r.used.has(n));
        if (unused.length) {
            ctx.error(`${path}.logic`, conditionLogicUnusedConditions(logic, unused));
        }
    }
}

export function checkCondition(
    ctx: Checker,
    c: unknown,
    path: string,
    fieldCheck: (f: unknown, p: string, what: string) => FieldDescribe | undefined
): void {
    if (!ctx.objectAt(c, path, 'A condition')) return;
    ctx.keys(c, path, ['field', 'operator', 'value'], 'a condition');
    let field: FieldDescribe | undefined;
    if (c.field === undefined) ctx.error(`${path}.field`, conditionFieldMissing());
    else field = fieldCheck(c.field, `${path}.field`, 'Condition field');
    const op = ctx.optionalEnum(c, 'operator', path, 'The operator', CONDITION_OPERATORS, true);
    if (field && !field.filterable) {
        ctx.error(`${path}.field`, fieldNotFilterable(String(c.field), field.type));
    }
    comparedValue(ctx, c, String(c.field), field, op, path, false);
}

/**
 * The value a condition (or a cell style rule, `cellStyle`) compares a field with: its shape for the operator and,
 * when the field's type is known, its type (the same rules for both; a cell style takes literals only and no value
 * for isNull). `path` is the object holding "operator" and "value".
 */
export function comparedValue(
    ctx: Checker,
    c: Json,
    fieldName: string,
    field: FieldDescribe | undefined,
    op: string | undefined,
    path: string,
    cellStyle: boolean
): void {
    const type = field?.type.toUpperCase();
    const v = c.value;
    const vp = `${path}.value`;
    if (op === 'isNull') {
        if (cellStyle) {
            if (v !== undefined) ctx.error(vp, cellStyleIsNullWithValue());
        } else if (v !== undefined && typeof v !== 'boolean') {
            ctx.error(vp, isNullValueNotBoolean(typeName(v)));
        }
        return;
    }
    if (op && v === undefined) {
        ctx.error(vp, cellStyle ? cellStyleValueMissing(op) : conditionValueMissing());
        return;
    }
    if (typeof v === 'string' && isMergeField(v)) {
        if (cellStyle) ctx.error(vp, cellStyleValueNotLiteral(v));
        else expression(ctx, v, vp, 'template', OUTSIDE);
        return;
    }
    if (op === 'in' || op === 'notIn') {
        if (!Array.isArray(v)) {
            ctx.error(vp, inListValueNotList(op, typeName(v)));
            return;
        }
        v.forEach((item, i) => {
            const ip = `${vp}[${i}]`;
            if (typeof item === 'string' && isMergeField(item)) {
                // Only a whole-value merge field becomes a query bind; inside a list it would be compared as text.
                ctx.error(
                    ip,
                    cellStyle
                        ? cellStyleValueNotLiteral(item)
                        : mergeFieldInListNotResolved(item, conditionListHint(op))
                );
            } else if (Array.isArray(item) || isObject(item)) {
                ctx.error(ip, inListValueNotLiteral(op, typeName(item)));
            } else if (type && item !== null) {
                scalarValue(ctx, fieldName, field, type, op, item, ip, path, true);
            }
        });
        return;
    }
    if (Array.isArray(v) || isObject(v)) {
        ctx.error(vp, singleValueIsList(op ?? '', typeName(v)));
        return;
    }
    if ((op === 'contains' || op === 'startsWith' || op === 'endsWith') && type && !TEXT_TYPES.has(type)) {
        ctx.error(`${path}.operator`, textOperatorOnNonText(op, fieldName, field?.type));
        return;
    }
    if (!type || v === null) return;
    scalarValue(ctx, fieldName, field, type, op, v, vp, path, false);
}

function conditionListHint(op: string): string {
    return `a list in a condition is sent as written: list literal values, or make the whole value one merge field that holds a collection ("value": "{!contactsTable.SelectedRowsKeyValue}" with "operator": "${op}")`;
}

/** One literal compared with a field of a known type (a condition's value, or one element of an in list). */
function scalarValue(
    ctx: Checker,
    fieldName: string,
    field: FieldDescribe | undefined,
    type: string,
    op: string | undefined,
    v: unknown,
    vp: string,
    path: string,
    inList: boolean
): void {
    if (type === 'BOOLEAN' && typeof v !== 'boolean') {
        ctx.error(vp, checkboxValueNotBoolean(fieldName, typeName(v)));
    } else if (NUMBER_TYPES.has(type) && typeof v !== 'number') {
        ctx.error(vp, numberValueNotNumber(fieldName, field?.type, typeName(v)));
    } else if (type === 'BOOLEAN' && !inList && op !== 'equals' && op !== 'notEquals') {
        ctx.error(`${path}.operator`, checkboxOperator());
    } else if (type === 'DATE' || type === 'DATETIME') {
        const isDate = type === 'DATE';
        const example = isDate ? '"2025-01-31"' : '"2025-01-31T09:00:00Z"';
        if (typeof v !== 'string') {
            ctx.error(vp, dateValueNotText(fieldName, isDate, example, typeName(v)));
            return;
        }
        const problem = isDate ? dateTextProblem(v) : dateTimeTextProblem(v);
        if (problem)
            ctx.error(
                vp,
                invalidDateValue(`The value '${v}' for '${fieldName}'`, isDate ? 'Date' : 'DateTime', problem, example)
            );
    } else if (TEXT_TYPES.has(type) && typeof v !== 'string') {
        ctx.error(vp, textValueNotText(fieldName, typeName(v)));
    } else if (field && op !== 'contains' && op !== 'startsWith' && op !== 'endsWith') {
        picklistValue(ctx, field, fieldName, v, vp);
    }
}

/**
 * A literal compared with a PICKLIST / MULTIPICKLIST field must be one of its values (API names; compared
 * without regard to case, as SOQL does), when the catalog knows them. Multi-select values are "A;B".
 */
export function picklistValue(ctx: Checker, field: FieldDescribe, fieldName: string, v: unknown, path: string): void {
    const type = field.type.toUpperCase();
    if ((type !== 'PICKLIST' && type !== 'MULTIPICKLIST') || typeof v !== 'string' || isMergeField(v)) return;
    const values = picklistValuesOf(field);
    if (!values.length) return;
    const parts = type === 'MULTIPICKLIST' ? v.split(';').map((part) => part.trim()) : [v];
    for (const part of parts) {
        const lower = part.toLowerCase();
        if (values.some((pv) => pv.value.toLowerCase() === lower)) continue;
        const byLabel = values.find((pv) => pv.label?.toLowerCase() === lower)?.value;
        const active = values.filter((pv) => pv.active !== false).map((pv) => pv.value);
        const suggestion = byLabel ?? closest(part, active);
        ctx.error(path, picklistValueUnknown(fieldName, part, suggestion, active));
    }
}
