/*
 * Column building and row flattening for c-dynamic-data-table. Pure functions, no LWC imports.
 *
 * Flat rows use the field path as the property name ("Account.Name"), which lightning-datatable reads with a
 * plain property access. Link columns add a "<path>#url" property holding the record URL.
 */
import type { ActionButtonDefinition, ColumnDefinition, DataTableDefinition } from 'c/dcDefinition';
import type { QueryFieldInfo } from 'c/dcRuntime';

export type Row = Record<string, unknown>;

/** A lightning-datatable column (the properties this component sets). */
export interface DatatableColumn {
    label: string;
    fieldName: string;
    type: string;
    sortable?: boolean;
    initialWidth?: number;
    hideDefaultActions?: boolean;
    cellAttributes?: Record<string, unknown>;
    typeAttributes?: Record<string, unknown>;
}

/** How one column reads its value from a record. */
export interface ColumnPlan {
    /** Field path in the record (Name, Account.Name). */
    path: string;
    /** lightning-datatable fieldName (= path, or "<path>#url" for links). */
    fieldName: string;
    /** Path of the record whose Id the link targets ('' = the row itself); undefined = no link. */
    linkTarget?: string;
    /** Link columns: path of the link text; the record Id stands in when it is blank. */
    labelPath?: string;
    /** Salesforce stores 12.5 for 12.5 %; lightning-datatable expects 0.125. */
    percent?: boolean;
}

export interface TablePlan {
    columns: DatatableColumn[];
    plans: ColumnPlan[];
    keyField: string;
    /** lightning-datatable fieldName → field path sent to the server for sorting. */
    sortFields: Record<string, string>;
}

export const URL_SUFFIX = '#url';

const DATE_ATTRIBUTES = { year: 'numeric', month: 'short', day: '2-digit' };
const DATETIME_ATTRIBUTES = { ...DATE_ATTRIBUTES, hour: '2-digit', minute: '2-digit' };

/** Reads a dotted path from a nested record (Account.Owner.Name); undefined when a parent is null. */
export function valueAt(record: Row | null | undefined, path: string): unknown {
    let current: unknown = record;
    for (const part of path.split('.')) {
        if (current === null || current === undefined || typeof current !== 'object') return undefined;
        current = (current as Row)[part];
    }
    return current;
}

/** Id field that holds the lookup for a relationship name: Account → AccountId, Owner__r → Owner__c. */
function lookupFieldOf(relationship: string): string {
    return relationship.endsWith('__r') ? `${relationship.slice(0, -3)}__c` : `${relationship}Id`;
}

/**
 * Id of the record a link points to: '' → the row's Id; 'Account' → row.Account.Id, else row.AccountId;
 * 'Account.Owner' → row.Account.Owner.Id, else row.Account.OwnerId.
 */
export function linkIdOf(record: Row, target: string): string | undefined {
    if (!target) return asId(record.Id);
    const parent = valueAt(record, target);
    if (parent && typeof parent === 'object' && asId((parent as Row).Id)) return asId((parent as Row).Id);
    const dot = target.lastIndexOf('.');
    const holder = dot < 0 ? record : valueAt(record, target.slice(0, dot));
    const relationship = dot < 0 ? target : target.slice(dot + 1);
    return holder && typeof holder === 'object' ? asId((holder as Row)[lookupFieldOf(relationship)]) : undefined;
}

function asId(value: unknown): string | undefined {
    return typeof value === 'string' && value ? value : undefined;
}

/** Relationship path of a lookup field: AccountId → Account, Parent__c → Parent__r, Account.OwnerId → Account.Owner. */
function relationshipOf(path: string): string | undefined {
    const dot = path.lastIndexOf('.');
    const prefix = dot < 0 ? '' : path.slice(0, dot + 1);
    const name = path.slice(dot + 1);
    if (name.endsWith('__c')) return `${prefix}${name.slice(0, -3)}__r`;
    if (name.length > 2 && name.endsWith('Id')) return `${prefix}${name.slice(0, -2)}`;
    return undefined;
}

/** lightning-datatable type and type attributes for a Schema.DisplayType name. */
export function typeOf(
    displayType: string | undefined
): Pick<DatatableColumn, 'type' | 'typeAttributes' | 'cellAttributes'> {
    switch ((displayType ?? '').toUpperCase()) {
        case 'INTEGER':
        case 'LONG':
            return {
                type: 'number',
                typeAttributes: { maximumFractionDigits: 0 },
                cellAttributes: { alignment: 'right' }
            };
        case 'DOUBLE':
            return { type: 'number', cellAttributes: { alignment: 'right' } };
        case 'CURRENCY':
            return { type: 'currency', cellAttributes: { alignment: 'right' } };
        case 'PERCENT':
            return {
                type: 'percent',
                typeAttributes: { maximumFractionDigits: 2 },
                cellAttributes: { alignment: 'right' }
            };
        case 'DATE':
            return { type: 'date-local', typeAttributes: { ...DATE_ATTRIBUTES } };
        case 'DATETIME':
            return { type: 'date', typeAttributes: { ...DATETIME_ATTRIBUTES } };
        case 'EMAIL':
            return { type: 'email' };
        case 'PHONE':
            return { type: 'phone' };
        case 'URL':
            return { type: 'url', typeAttributes: { target: '_blank' } };
        case 'BOOLEAN':
            return { type: 'boolean' };
        default:
            // STRING, TEXTAREA, PICKLIST, MULTIPICKLIST, COMBOBOX, ID, REFERENCE without a link, TIME, …
            return { type: 'text' };
    }
}

function linkTargetOf(column: ColumnDefinition, field: QueryFieldInfo | undefined): string | undefined {
    const path = column.field;
    const type = (field?.type ?? '').toUpperCase();
    const dot = path.lastIndexOf('.');
    if (type === 'REFERENCE') return relationshipOf(path);
    if (!column.linkToRecord) return undefined;
    if (type === 'ID' || path.endsWith('.Id') || path === 'Id') return dot < 0 ? '' : path.slice(0, dot);
    // a name (or any) field links to the record that holds it: Name → the row, Account.Name → the Account
    return dot < 0 ? '' : path.slice(0, dot);
}

/** Builds the lightning-datatable columns and the flattening plan from the definition and the describe. */
export function buildTable(definition: DataTableDefinition, fields: QueryFieldInfo[] | undefined): TablePlan {
    const byPath = new Map<string, QueryFieldInfo>();
    for (const field of fields ?? []) byPath.set(field.path.toLowerCase(), field);
    const columns: DatatableColumn[] = [];
    const plans: ColumnPlan[] = [];
    const sortFields: Record<string, string> = {};
    for (const column of definition.columns ?? []) {
        const field = byPath.get(column.field.toLowerCase());
        const label = column.label || field?.label || column.field;
        const sortable = Boolean(column.sortable) && field?.sortable !== false;
        const linkTarget = linkTargetOf(column, field);
        const plan: ColumnPlan = { path: column.field, fieldName: column.field };
        let datatableColumn: DatatableColumn;
        if (linkTarget !== undefined) {
            plan.fieldName = `${column.field}${URL_SUFFIX}`;
            plan.linkTarget = linkTarget;
            const labelPath = (field?.type ?? '').toUpperCase() === 'REFERENCE' ? `${linkTarget}.Name` : column.field;
            datatableColumn = {
                label,
                fieldName: plan.fieldName,
                type: 'url',
                typeAttributes: { label: { fieldName: labelPath }, target: '_self', tooltip: { fieldName: labelPath } }
            };
            plan.labelPath = labelPath;
            if (labelPath !== column.field) plans.push({ path: labelPath, fieldName: labelPath });
            plans.push({ path: column.field, fieldName: column.field });
        } else {
            const typed = typeOf(field?.type);
            plan.percent = typed.type === 'percent';
            datatableColumn = { label, fieldName: column.field, ...typed };
        }
        if (sortable) {
            datatableColumn.sortable = true;
            sortFields[datatableColumn.fieldName] = column.field;
        }
        if (column.initialWidth) datatableColumn.initialWidth = column.initialWidth;
        columns.push(datatableColumn);
        plans.push(plan);
    }
    const rowActions = definition.rowActions ?? [];
    if (rowActions.length) {
        columns.push({
            label: 'Actions',
            fieldName: '',
            type: 'action',
            typeAttributes: { rowActions: rowActions.map(toMenuAction), menuAlignment: 'auto' }
        });
    }
    return { columns, plans, keyField: definition.keyField || 'Id', sortFields };
}

function toMenuAction(action: ActionButtonDefinition): Record<string, unknown> {
    return action.iconName
        ? { label: action.label, name: action.name, iconName: action.iconName }
        : { label: action.label, name: action.name };
}

/**
 * Flattens one record for lightning-datatable: one property per column (by field path), the key field, and
 * "<path>#url" for link columns. Called once per record as pages arrive, never per render.
 */
export function flattenRow(record: Row, plan: TablePlan, recordUrl: (id: string) => string): Row {
    const row: Row = { [plan.keyField]: valueAt(record, plan.keyField) };
    for (const column of plan.plans) {
        if (column.linkTarget !== undefined) {
            const id = linkIdOf(record, column.linkTarget);
            row[column.fieldName] = id ? recordUrl(id) : undefined;
            if (id && column.labelPath && (row[column.labelPath] === undefined || row[column.labelPath] === null)) {
                row[column.labelPath] = id;
            }
            continue;
        }
        const value = valueAt(record, column.path);
        row[column.fieldName] = column.percent && typeof value === 'number' ? value / 100 : value;
    }
    return row;
}
