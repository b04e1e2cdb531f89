/*
 * Resources (variables, constants, formulas) and the literal values of the definition.
 */
import { parseFormula } from 'c/dcExpressions';
import { DATA_TYPES } from './definitionTypes';
import { Checker, isMergeField, isObject, typeName, OUTSIDE, type ExpressionOutcome, type Scope } from './checker';
import { expression } from './references';
import { unknownObject } from './messages';
import { DATE_LITERAL, DATETIME_LITERAL, RESOURCE_KINDS, SOBJECT_NAME } from './vocabulary';

export function checkResource(ctx: Checker, r: unknown, path: string): void {
    if (!ctx.objectAt(r, path, 'A resource')) return;
    const name = ctx.nameOf(r, path, 'resource');
    const kind = ctx.optionalEnum(r, 'kind', path, 'The resource kind', RESOURCE_KINDS, true);
    const dataType = ctx.optionalEnum(r, 'dataType', path, 'The resource dataType', DATA_TYPES, true);
    ctx.requireString(r, 'description', path, 'description', { optional: true });
    const base = ['name', 'kind', 'dataType', 'description'];
    if (kind === 'variable') {
        ctx.keys(r, path, [...base, 'isCollection', 'objectApiName', 'value'], `variable '${name ?? path}'`);
        const isCollection = ctx.optionalBoolean(r, 'isCollection', path, 'isCollection') ?? false;
        const objectApiName = ctx.requireString(r, 'objectApiName', path, 'objectApiName', {
            optional: dataType !== 'Record',
            pattern: SOBJECT_NAME,
            patternHint: 'use an object API name such as Account or Invoice__c'
        });
        if (objectApiName && dataType !== 'Record') {
            ctx.error(
                `${path}.objectApiName`,
                `objectApiName only applies to Record variables: remove it or set "dataType": "Record".`
            );
        } else if (objectApiName && ctx.catalog && !ctx.catalog.describeObject(objectApiName)) {
            ctx.error(`${path}.objectApiName`, unknownObject(objectApiName));
        }
        if (r.value !== undefined) {
            literalOrTemplate(ctx, r.value, `${path}.value`, dataType, isCollection, 'The initial value', OUTSIDE);
        }
    } else if (kind === 'constant') {
        ctx.keys(r, path, [...base, 'value'], `constant '${name ?? path}'`);
        if (!('value' in r)) {
            ctx.error(`${path}.value`, `Constant '${name ?? path}' has no value: add "value".`);
        } else if (isMergeField(r.value)) {
            ctx.error(
                `${path}.value`,
                `A constant cannot contain merge fields: use a formula resource (kind "formula") for a computed value.`
            );
        } else if (dataType === 'Record') {
            ctx.error(
                `${path}.dataType`,
                `A constant cannot be a Record: use Text, Number, Currency, Boolean, Date or DateTime.`
            );
        } else {
            literal(ctx, r.value, `${path}.value`, dataType, false, 'The constant value');
        }
    } else if (kind === 'formula') {
        ctx.keys(r, path, [...base, 'formula'], `formula '${name ?? path}'`);
        const src = ctx.requireString(r, 'formula', path, `The formula of '${name ?? path}'`, { nonEmpty: true });
        if (dataType === 'Record') {
            ctx.error(
                `${path}.dataType`,
                `A formula cannot return a Record: use Text, Number, Currency, Boolean, Date or DateTime.`
            );
        }
        if (src !== undefined && name) {
            ctx.formulaDeps.set(name.toLowerCase(), { path: `${path}.formula`, deps: new Set() });
            expression(ctx, src, `${path}.formula`, 'formula', { inOnError: false, formula: name.toLowerCase() });
        }
    } else {
        ctx.keys(r, path, [...base, 'isCollection', 'objectApiName', 'value', 'formula'], `resource '${name ?? path}'`);
    }
}

/** Checks a literal against a data type. */
export function literal(
    ctx: Checker,
    v: unknown,
    path: string,
    dataType: string | undefined,
    collection: boolean,
    what: string
): void {
    if (collection) {
        if (!Array.isArray(v)) {
            ctx.error(
                path,
                `${what} of a collection must be a list [ ... ] or a merge field, but it is ${typeName(v)}.`
            );
            return;
        }
        v.forEach((item, i) => literal(ctx, item, `${path}[${i}]`, dataType, false, what));
        return;
    }
    if (v === null || dataType === undefined) return;
    const bad = (expected: string): void =>
        ctx.error(path, `${what} must be ${expected} for a ${dataType} value, but it is ${typeName(v)}.`);
    switch (dataType) {
        case 'Text':
            if (typeof v !== 'string') bad('text in double quotes');
            break;
        case 'Number':
        case 'Currency':
            if (typeof v !== 'number') bad('a number without quotes');
            break;
        case 'Boolean':
            if (typeof v !== 'boolean') bad('true or false without quotes');
            break;
        case 'Date':
            if (typeof v !== 'string' || !DATE_LITERAL.test(v)) bad('a date written "YYYY-MM-DD"');
            break;
        case 'DateTime':
            if (typeof v !== 'string' || !DATETIME_LITERAL.test(v))
                bad('an ISO date-time such as "2025-01-31T09:00:00Z"');
            break;
        default:
            if (!isObject(v)) bad('an object { ... } or a merge field');
            break;
    }
}

/** A literal, or a text with merge fields. */
export function literalOrTemplate(
    ctx: Checker,
    v: unknown,
    path: string,
    dataType: string | undefined,
    collection: boolean,
    what: string,
    scope: Scope,
    formulas = false
): void {
    if (typeof v === 'string' && isMergeField(v)) {
        expression(ctx, v, path, 'template', scope);
        return;
    }
    if (formulas && typeof v === 'string' && v.includes('(')) {
        // Like the runtime (resolveValue with formulas): text that parses as a formula is evaluated.
        const parsed = parseFormula(v) as ExpressionOutcome & { ast?: { type?: string } };
        if (parsed.ok && parsed.ast?.type !== 'literal') return;
    }
    if (Array.isArray(v) && collection) {
        v.forEach((item, i) => literalOrTemplate(ctx, item, `${path}[${i}]`, dataType, false, what, scope, formulas));
        return;
    }
    literal(ctx, v, path, dataType, collection, what);
}
