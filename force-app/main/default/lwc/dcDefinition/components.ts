/*
 * Components (data tables): the query they show, columns, header and row actions, selection, search.
 */
import { Checker, isObject, OUTSIDE, typeName, type Json } from './checker';
import { expression } from './references';
import {
    actionDoesNothing,
    columnNotSortable,
    duplicateActionName,
    editableIdColumn,
    editableNotDirectField,
    editableNotUpdateable,
    editableTypeNotSupported,
    fieldNotInQuery,
    frozenColumnsMoreThanColumns,
    notAQuery,
    queryFieldCase,
    queryNameCase,
    searchWithoutFields,
    tableHeightPixelsOutOfRange,
    tableHeightQuotedRows,
    tableHeightRowsNotWhole,
    tableHeightRowsOutOfRange,
    tableHeightUnknownUnit,
    tableHeightWrongType,
    tableWithoutColumns,
    unknownQuery,
    unreachableHeaderAction
} from './messages';
import { resolveFieldPath, rowFieldHint } from './schemaFields';
import { comparedValue } from './queries';
import type { FieldDescribe } from './definitionTypes';
import {
    CELL_STYLE_VARIANTS,
    COMPONENT_TYPES,
    CONDITION_OPERATORS,
    CSS_LENGTH,
    EDITABLE_TYPES,
    ICON_NAME,
    LIMITS
} from './vocabulary';

/** A table's height: rows from 1 to 100 (more is what "auto" is for), pixels for a header and a row up to 4000. */
export const TABLE_HEIGHT = { minRows: 1, maxRows: 100, minPx: 64, maxPx: 4000 } as const;

/** "auto", a whole number of rows, or a CSS length (pixels checked against TABLE_HEIGHT). */
export function checkTableHeight(ctx: Checker, v: unknown, p: string): void {
    if (v === undefined || v === 'auto') return;
    if (typeof v === 'number') {
        if (!Number.isInteger(v)) ctx.error(p, tableHeightRowsNotWhole(v));
        else if (v < TABLE_HEIGHT.minRows || v > TABLE_HEIGHT.maxRows) {
            ctx.error(p, tableHeightRowsOutOfRange(v, TABLE_HEIGHT.minRows, TABLE_HEIGHT.maxRows));
        }
        return;
    }
    if (typeof v !== 'string') {
        ctx.error(p, tableHeightWrongType(typeName(v)));
        return;
    }
    const text = v.trim();
    if (/^\d+(\.\d+)?$/.test(text)) ctx.error(p, tableHeightQuotedRows(text));
    else if (!CSS_LENGTH.test(v)) ctx.error(p, tableHeightUnknownUnit(v));
    else if (v.endsWith('px') && (parseFloat(v) < TABLE_HEIGHT.minPx || parseFloat(v) > TABLE_HEIGHT.maxPx)) {
        ctx.error(p, tableHeightPixelsOutOfRange(v, TABLE_HEIGHT.minPx, TABLE_HEIGHT.maxPx));
    }
}

export function checkComponent(ctx: Checker, c: unknown, path: string): void {
    if (!ctx.objectAt(c, path, 'A component')) return;
    const name = ctx.nameOf(c, path, 'component');
    const label = `component '${name ?? path}'`;
    const type = ctx.optionalEnum(c, 'type', path, 'The component type', COMPONENT_TYPES, true);
    if (type !== 'dataTable') return;
    ctx.keys(
        c,
        path,
        [
            'name',
            'type',
            'title',
            'query',
            'keyField',
            'maxRowSelection',
            'columns',
            'headerActions',
            'rowActions',
            'showRowNumbers',
            'showSearch',
            'height',
            'emptyMessage',
            'frozenColumns',
            'description'
        ],
        label
    );
    ctx.requireString(c, 'description', path, 'description', { optional: true });
    const title = ctx.requireString(c, 'title', path, 'title', { optional: true });
    if (title !== undefined) expression(ctx, title, `${path}.title`, 'template', OUTSIDE);
    const emptyMessage = ctx.requireString(c, 'emptyMessage', path, 'emptyMessage', { optional: true });
    if (emptyMessage !== undefined) expression(ctx, emptyMessage, `${path}.emptyMessage`, 'template', OUTSIDE);

    const queryName = ctx.requireString(c, 'query', path, `The query of ${label}`, { nonEmpty: true });
    let query: Json | undefined;
    if (queryName !== undefined) {
        const entry = ctx.lookup(queryName);
        if (!entry) {
            const queries = [...ctx.names.values()]
                .filter((e) => e.kind === 'query')
                .map((e) => e.value.name as string);
            ctx.error(`${path}.query`, unknownQuery(queryName, queries));
        } else if (entry.kind !== 'query') {
            ctx.error(`${path}.query`, notAQuery(queryName, entry.kind));
        } else {
            query = entry.value;
            if (entry.value.name !== queryName) ctx.error(`${path}.query`, queryNameCase(String(entry.value.name)));
        }
    }
    const queryFields =
        query && Array.isArray(query.fields)
            ? query.fields.filter((f): f is string => typeof f === 'string')
            : undefined;
    const rowFields = queryFields ? ['Id', ...queryFields] : undefined;
    const inQuery = (field: string, p: string, what: string): string | undefined => {
        if (!rowFields) return undefined;
        const exact = rowFields.find((f) => f === field);
        if (exact) return exact;
        const other = rowFields.find((f) => f.toLowerCase() === field.toLowerCase());
        if (other) {
            ctx.error(p, queryFieldCase(what, field, other));
            return other;
        }
        const objectName = typeof query?.object === 'string' ? query.object : undefined;
        const hint = rowFieldHint(ctx.catalog, objectName, field, rowFields);
        ctx.error(p, fieldNotInQuery(`${what} '${field}'`, field, String(query?.name), hint));
        return undefined;
    };

    const keyField = ctx.requireString(c, 'keyField', path, 'keyField', { optional: true, nonEmpty: true });
    if (keyField !== undefined) inQuery(keyField, `${path}.keyField`, 'keyField');
    ctx.optionalInteger(c, 'maxRowSelection', path, 'maxRowSelection', 0, LIMITS.maxRowsMax);
    ctx.optionalBoolean(c, 'showRowNumbers', path, 'showRowNumbers');
    const showSearch = ctx.optionalBoolean(c, 'showSearch', path, 'showSearch');
    if (showSearch && query && (!Array.isArray(query.searchFields) || !query.searchFields.length)) {
        ctx.error(`${path}.showSearch`, searchWithoutFields(String(query.name)));
    }
    checkTableHeight(ctx, c.height, `${path}.height`);

    const columns = ctx.array(c, 'columns', path, `The columns of ${label}`, true);
    if (columns && !columns.length) ctx.error(`${path}.columns`, tableWithoutColumns(label));
    const objectName = typeof query?.object === 'string' ? query.object : undefined;
    columns?.forEach((col, i) => {
        const p = `${path}.columns[${i}]`;
        if (!ctx.objectAt(col, p, 'A column')) return;
        ctx.keys(
            col,
            p,
            ['field', 'label', 'linkToRecord', 'sortable', 'initialWidth', 'editable', 'wrap', 'cellStyles'],
            'a column'
        );
        const field = ctx.requireString(col, 'field', p, 'The column field', { nonEmpty: true });
        let describe: FieldDescribe | undefined;
        const known = field !== undefined ? inQuery(field, `${p}.field`, 'Column') : undefined;
        if (known && ctx.catalog && objectName) {
            const r = resolveFieldPath(ctx.catalog, objectName, known);
            if (r.ok) describe = r.field;
        }
        if (describe && col.sortable === true && !describe.sortable) {
            ctx.error(`${p}.sortable`, columnNotSortable(field!, describe.type));
        }
        ctx.requireString(col, 'label', p, 'The column label', { optional: true, nonEmpty: true });
        ctx.optionalBoolean(col, 'linkToRecord', p, 'linkToRecord');
        ctx.optionalBoolean(col, 'sortable', p, 'sortable');
        ctx.optionalInteger(col, 'initialWidth', p, 'initialWidth', 20, 2000);
        ctx.optionalBoolean(col, 'wrap', p, 'wrap');
        const editable = ctx.optionalBoolean(col, 'editable', p, 'editable');
        if (editable && field !== undefined) checkEditable(ctx, field, describe, objectName, `${p}.editable`);
        const rules = ctx.array(col, 'cellStyles', p, 'cellStyles');
        rules?.forEach((rule, ri) => checkCellStyle(ctx, rule, `${p}.cellStyles[${ri}]`, field ?? '', describe));
    });
    const frozen = ctx.optionalInteger(c, 'frozenColumns', path, 'frozenColumns', 0, LIMITS.frozenColumnsMax);
    if (frozen !== undefined && columns && columns.length && frozen > columns.length) {
        ctx.error(`${path}.frozenColumns`, frozenColumnsMoreThanColumns(frozen, columns.length));
    }

    actionButtons(ctx, c, 'headerActions', path, label);
    actionButtons(ctx, c, 'rowActions', path, label);
}

export function actionButtons(
    ctx: Checker,
    c: Json,
    key: 'headerActions' | 'rowActions',
    path: string,
    label: string
): void {
    const list = ctx.array(c, key, path, key);
    const seen = new Map<string, number>();
    list?.forEach((b, i) => {
        const p = `${path}.${key}[${i}]`;
        if (!ctx.objectAt(b, p, 'An action button')) return;
        const allowed = ['name', 'label', 'variant', 'iconName'];
        if (key === 'headerActions') allowed.push('requiresSelection');
        ctx.keys(b, p, allowed, `a ${key === 'headerActions' ? 'header' : 'row'} action of ${label}`);
        const name = ctx.identifier(b, 'name', p, 'The action name', { example: 'setActive' });
        if (name) {
            const prev = seen.get(name.toLowerCase());
            if (prev !== undefined) ctx.error(`${p}.name`, duplicateActionName(name, `${key}[${prev}]`, label));
            else seen.set(name.toLowerCase(), i);
        }
        ctx.requireString(b, 'label', p, 'The action label', { nonEmpty: true, max: 80 });
        const requiresSelection = ctx.optionalBoolean(b, 'requiresSelection', p, 'requiresSelection');
        if (requiresSelection && selectionOff(c)) {
            // The button stays disabled forever: nobody can select a row.
            ctx.error(`${p}.requiresSelection`, unreachableHeaderAction(String(name ?? b.name), String(c.name)));
        }
        ctx.optionalEnum(b, 'variant', p, 'The button variant', ['neutral', 'brand', 'destructive']);
        ctx.requireString(b, 'iconName', p, 'iconName', {
            optional: true,
            pattern: ICON_NAME,
            patternHint: 'use an SLDS icon name such as "utility:check"'
        });
    });
}

/**
 * An `editable` column: a direct field of the query's object (the save writes that object only), not the Id, of a
 * type the table has an editor for, and updateable in the catalog (formula, auto-number, roll-up and system fields
 * are not). Without a catalog only the path and the Id are checked; the server checks the running user at save.
 */
function checkEditable(
    ctx: Checker,
    field: string,
    describe: FieldDescribe | undefined,
    objectName: string | undefined,
    p: string
): void {
    if (field.includes('.')) {
        ctx.error(p, editableNotDirectField(field, objectName));
        return;
    }
    const type = describe?.type.toUpperCase();
    if (field.toLowerCase() === 'id' || type === 'ID') {
        ctx.error(p, editableIdColumn(field));
        return;
    }
    if (!describe || !type || !objectName) return;
    if (!EDITABLE_TYPES.has(type)) {
        ctx.error(p, editableTypeNotSupported(field, describe.type, [...EDITABLE_TYPES]));
    } else if (describe.updateable === false) {
        ctx.error(p, editableNotUpdateable(field, objectName, describe.type, describe.readOnlyReason));
    }
}

/** One cellStyles rule: an operator and value as in a query condition (literals only), a variant, badge. */
function checkCellStyle(ctx: Checker, rule: unknown, p: string, field: string, describe: FieldDescribe | undefined) {
    if (!ctx.objectAt(rule, p, 'A cell style')) return;
    ctx.keys(rule, p, ['operator', 'value', 'variant', 'badge'], 'a cell style');
    const op = ctx.optionalEnum(rule, 'operator', p, 'The cell style operator', CONDITION_OPERATORS, true);
    comparedValue(ctx, rule, field, describe, op, p, true);
    ctx.optionalEnum(rule, 'variant', p, 'The cell style variant', CELL_STYLE_VARIANTS, true);
    ctx.optionalBoolean(rule, 'badge', p, 'badge');
}

/** True when a table offers no row selection: maxRowSelection 0 or not set (the default is 0). */
export function selectionOff(component: Json): boolean {
    return component.maxRowSelection === undefined || component.maxRowSelection === 0;
}

/** A header or row action that no interaction handles would be a button that does nothing. */
export function unhandledActions(ctx: Checker, components: unknown[], interactions: unknown[]): void {
    const handled = new Set<string>();
    for (const it of interactions) {
        if (isObject(it) && isObject(it.on))
            handled.add(`${String(it.on.event)}/${String(it.on.target)}/${String(it.on.action)}`);
    }
    components.forEach((c, ci) => {
        if (!isObject(c) || typeof c.name !== 'string') return;
        for (const [key, event] of [
            ['headerActions', 'headerActionClick'],
            ['rowActions', 'rowActionClick']
        ] as const) {
            const list = c[key];
            if (!Array.isArray(list)) continue;
            list.forEach((b, bi) => {
                if (!isObject(b) || typeof b.name !== 'string') return;
                if (handled.has(`${event}/${c.name}/${b.name}`)) return;
                ctx.error(`components[${ci}].${key}[${bi}]`, actionDoesNothing(key, b.name, String(c.name), event));
            });
        }
    });
}
