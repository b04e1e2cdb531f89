/*
 * Resources: variables (initial values by the `=` rule), constants (literals) and formulas (parsed, typed against
 * their dataType, nodes of the dependency graph).
 */
import { formulaTypeOf } from 'c/dcExpressions';
import { DATA_TYPES } from './definitionTypes';
import { Checker, isMergeField, OUTSIDE } from './checker';
import { expression } from './references';
import {
    constantHasNoValue,
    constantWithMergeFields,
    recordConstant,
    recordFormula,
    objectApiNameWithoutRecord,
    unknownObject
} from './messages';
import { checkFormulaType, checkValue, literal, type ValueTarget } from './values';
import { RESOURCE_KINDS, SOBJECT_NAME } from './vocabulary';

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
            ctx.error(`${path}.objectApiName`, objectApiNameWithoutRecord());
        } else if (objectApiName && ctx.catalog && !ctx.catalog.describeObject(objectApiName)) {
            ctx.error(`${path}.objectApiName`, unknownObject(objectApiName));
        }
        if (r.value !== undefined) {
            // A computed initial value is a node of the dependency graph (initial values may not form a circle).
            if (name) {
                ctx.dependencies.set(name.toLowerCase(), {
                    name,
                    kind: 'variable',
                    path: `${path}.value`,
                    deps: new Set()
                });
            }
            const target: ValueTarget = {
                dataType,
                collection: isCollection,
                what: 'The initial value',
                listsResolved: false,
                listHint: `a list initial value is kept as written: use literal values, one merge field that holds a whole collection ("{!table.SelectedRowsKeyValue}"), or fill the list with a setVariable action on "load"`
            };
            checkValue(ctx, r.value, `${path}.value`, target, { ...OUTSIDE, dependent: name?.toLowerCase() });
        }
    } else if (kind === 'constant') {
        ctx.keys(r, path, [...base, 'value'], `constant '${name ?? path}'`);
        if (!('value' in r)) {
            ctx.error(`${path}.value`, constantHasNoValue(name ?? path));
        } else if (isMergeField(r.value)) {
            ctx.error(`${path}.value`, constantWithMergeFields());
        } else if (dataType === 'Record') {
            ctx.error(`${path}.dataType`, recordConstant());
        } else {
            literal(ctx, r.value, `${path}.value`, dataType, false, 'The constant value');
        }
    } else if (kind === 'formula') {
        ctx.keys(r, path, [...base, 'formula'], `formula '${name ?? path}'`);
        const src = ctx.requireString(r, 'formula', path, `The formula of '${name ?? path}'`, { nonEmpty: true });
        if (dataType === 'Record') {
            ctx.error(`${path}.dataType`, recordFormula());
        }
        if (src !== undefined && name) {
            ctx.dependencies.set(name.toLowerCase(), {
                name,
                kind: 'formula',
                path: `${path}.formula`,
                deps: new Set()
            });
            const ast = expression(ctx, src, `${path}.formula`, 'formula', {
                inOnError: false,
                dependent: name.toLowerCase()
            });
            if (ast && dataType !== 'Record') {
                checkFormulaType(ctx, ast, `${path}.formula`, formulaTypeOf(dataType), `Formula '${name}'`);
            }
        }
    } else {
        ctx.keys(r, path, [...base, 'isCollection', 'objectApiName', 'value', 'formula'], `resource '${name ?? path}'`);
    }
}
