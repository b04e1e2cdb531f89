/*
 * Templates, formulas and the merge fields in them: every {!reference} must name a resource, a component property
 * or a global ($Record, $User, $Error, $Run), with fields that exist.
 */
import { formulaTypeOf, parseFormula, parseTemplate } from 'c/dcExpressions';
import type { Ast, FormulaType } from 'c/dcExpressions';
import {
    componentReferenceWithoutProperty,
    errorOutsideOnError,
    expressionDoesNotParse,
    fieldPathProblemInMergeField,
    recordGlobalNeedsField,
    userGlobalNeedsField,
    mergeFieldNameCase,
    propertyHasNoFields,
    queryInMergeField,
    resourceHasNoFields,
    rowActionOutsideRowAction,
    runOutsideChunkedRun,
    unknownRunProperty,
    rowFieldNotInQuery,
    unknownErrorProperty,
    unknownGlobal,
    unknownMergeFieldName,
    unknownTableProperty
} from './messages';
import { NUMBER_TABLE_PROPERTIES, TABLE_PROPERTIES } from './definitionTypes';
import { resolveFieldPath, rowFieldHint } from './schemaFields';
import { ERROR_PROPERTIES, GLOBALS, RUN_PROPERTIES, RUN_TEXT_PROPERTIES } from './vocabulary';
import { Checker, type Json, type Scope } from './checker';

/**
 * Parses a template (text with {!merge fields}) or a formula, checks every reference and returns the AST (undefined
 * when it does not parse). A parse problem (an unknown function such as IFF, a missing operand) is reported at `path`.
 */
export function expression(
    ctx: Checker,
    src: string,
    path: string,
    kind: 'template' | 'formula',
    scope: Scope
): Ast | undefined {
    const outcome = kind === 'formula' ? parseFormula(src) : parseTemplate(src);
    if (!outcome.ok) {
        ctx.error(path, expressionDoesNotParse(kind, outcome.error.message));
        return undefined;
    }
    for (const ref of outcome.references) reference(ctx, ref, path, scope);
    return outcome.ast;
}

/**
 * The static type of a merge-field path for inferFormulaType: resources by their dataType, Record fields,
 * $User fields and table row fields from the catalog, SelectedRowCount and LastSave* counts Numbers; undefined when
 * unknown.
 */
export function referenceFormulaType(ctx: Checker, refPath: string[]): FormulaType | undefined {
    const [head, ...rest] = refPath;
    if (head === '$Error') return 'Text';
    if (head === '$Run') return (RUN_TEXT_PROPERTIES as readonly string[]).includes(rest[0]) ? 'Text' : 'Number';
    if (head === '$User') return rest.length ? fieldFormulaType(ctx, 'User', rest) : undefined;
    const entry = ctx.lookup(head);
    if (!entry || entry.value.name !== head) return undefined;
    const v = entry.value;
    if (entry.kind === 'resource') {
        if (v.isCollection === true) return undefined;
        if (v.dataType === 'Record') {
            return typeof v.objectApiName === 'string' && rest.length
                ? fieldFormulaType(ctx, v.objectApiName, rest)
                : undefined;
        }
        return rest.length ? undefined : formulaTypeOf(typeof v.dataType === 'string' ? v.dataType : undefined);
    }
    if (entry.kind !== 'component') return undefined;
    if ((NUMBER_TABLE_PROPERTIES as readonly string[]).includes(rest[0]) && rest.length === 1) return 'Number';
    if ((rest[0] === 'FirstSelectedRow' || rest[0] === 'ActionRow') && rest.length > 1) {
        const q = typeof v.query === 'string' ? ctx.lookup(v.query) : undefined;
        if (q?.kind === 'query' && typeof q.value.object === 'string')
            return fieldFormulaType(ctx, q.value.object, rest.slice(1));
    }
    return undefined;
}

function fieldFormulaType(ctx: Checker, objectName: string, fieldPath: string[]): FormulaType | undefined {
    if (!ctx.catalog) return undefined;
    const r = resolveFieldPath(ctx.catalog, objectName, fieldPath.join('.'));
    return r.ok && r.field ? formulaTypeOf(r.field.type) : undefined;
}

export function reference(ctx: Checker, ref: string, path: string, scope: Scope): void {
    ctx.steps++;
    const segments = ref.split('.');
    const head = segments[0];
    const rest = segments.slice(1);
    const shown = `{!${ref}}`;
    if (head.startsWith('$')) {
        globalReference(ctx, head, rest, shown, path, scope);
        return;
    }
    const entry = ctx.lookup(head);
    if (!entry) {
        const candidates = [...[...ctx.names.values()].map((e) => e.value.name as string), ...GLOBALS];
        ctx.error(path, unknownMergeFieldName(shown, head, candidates));
        return;
    }
    const name = entry.value.name as string;
    if (name !== head) {
        ctx.error(path, mergeFieldNameCase(shown, name));
    }
    if (entry.kind === 'resource') {
        if (scope.dependent) ctx.dependencies.get(scope.dependent)?.deps.add(name.toLowerCase());
        if (rest.length === 0) return;
        const res = entry.value;
        if (res.kind === 'variable' && res.dataType === 'Record') {
            if (typeof res.objectApiName === 'string' && ctx.catalog) {
                const r = resolveFieldPath(ctx.catalog, res.objectApiName, rest.join('.'));
                if (!r.ok) ctx.error(path, fieldPathProblemInMergeField(shown, r.message));
            }
            return;
        }
        ctx.error(path, resourceHasNoFields(shown, name, String(res.dataType ?? ''), String(res.kind ?? 'resource')));
        return;
    }
    if (entry.kind === 'query') {
        ctx.error(path, queryInMergeField(shown));
        return;
    }
    componentReference(ctx, entry.value, name, rest, shown, path, scope);
}

export function globalReference(
    ctx: Checker,
    head: string,
    rest: string[],
    shown: string,
    path: string,
    scope: Scope
): void {
    if (head === '$Record') {
        if (!rest.length) ctx.error(path, recordGlobalNeedsField(shown));
        return;
    }
    if (head === '$User') {
        if (!rest.length) {
            ctx.error(path, userGlobalNeedsField(shown));
            return;
        }
        if (ctx.catalog && ctx.catalog.describeObject('User')) {
            const r = resolveFieldPath(ctx.catalog, 'User', rest.join('.'));
            if (!r.ok) ctx.error(path, fieldPathProblemInMergeField(shown, r.message));
        }
        return;
    }
    if (head === '$Error') {
        if (!scope.inOnError) {
            ctx.error(path, errorOutsideOnError(shown));
        } else if (rest.length !== 1 || !(ERROR_PROPERTIES as readonly string[]).includes(rest[0])) {
            ctx.error(path, unknownErrorProperty(shown, rest.join('.'), ERROR_PROPERTIES));
        }
        return;
    }
    if (head === '$Run') {
        if (!scope.inRun) {
            ctx.error(path, runOutsideChunkedRun(shown));
        } else if (rest.length !== 1 || !(RUN_PROPERTIES as readonly string[]).includes(rest[0])) {
            ctx.error(path, unknownRunProperty(shown, rest.join('.'), RUN_PROPERTIES));
        }
        return;
    }
    ctx.error(path, unknownGlobal(shown, head, GLOBALS));
}

export function componentReference(
    ctx: Checker,
    component: Json,
    name: string,
    rest: string[],
    shown: string,
    path: string,
    scope: Scope
): void {
    const props = TABLE_PROPERTIES as readonly string[];
    if (!rest.length) {
        ctx.error(path, componentReferenceWithoutProperty(shown, name, props));
        return;
    }
    const prop = rest[0];
    if (!props.includes(prop)) {
        ctx.error(path, unknownTableProperty(shown, prop, props));
        return;
    }
    if (prop === 'ActionRow' && scope.interaction) {
        const it = scope.interaction;
        if (it.event !== 'rowActionClick' || it.target !== name) {
            ctx.error(path, rowActionOutsideRowAction(shown, name));
        }
    }
    const rowField = rest.slice(1).join('.');
    if (prop === 'FirstSelectedRow' || prop === 'ActionRow') {
        if (!rowField) return;
        const fields = queryFieldsOfTable(ctx, component);
        if (fields && !fields.some((f) => f.toLowerCase() === rowField.toLowerCase())) {
            const q = typeof component.query === 'string' ? ctx.lookup(component.query) : undefined;
            const objectName = typeof q?.value.object === 'string' ? q.value.object : undefined;
            const hint = rowFieldHint(ctx.catalog, objectName, rowField, fields);
            ctx.error(path, rowFieldNotInQuery(shown, name, rowField, String(component.query), hint));
        }
        return;
    }
    if (rest.length > 1) {
        ctx.error(path, propertyHasNoFields(shown, name, prop));
    }
}

/** Field paths a table's rows carry (the query's fields + Id), or undefined when the query is unknown. */
export function queryFieldsOfTable(ctx: Checker, component: Json): string[] | undefined {
    if (typeof component.query !== 'string') return undefined;
    const q = ctx.lookup(component.query);
    if (!q || q.kind !== 'query' || !Array.isArray(q.value.fields)) return undefined;
    return ['Id', ...q.value.fields.filter((f): f is string => typeof f === 'string')];
}
