/*
 * Column plan of c-dynamic-data-table: which field each column shows, how it is typed (from describe), whether it
 * links to a record and what it sorts by. Pure functions, no LWC imports.
 *
 * Records stay raw and nested as Apex returns them (Account.Name is record.Account.Name); cells read them with
 * valueAt when a row scrolls into view, so no per-record copy is made for the whole loaded set.
 */
import type { ActionButtonDefinition, CellStyleRule, ColumnDefinition, DataTableDefinition } from 'c/dcDefinition';
import { valueAtPath } from 'c/dcRuntime';
import type { QueryFieldInfo } from 'c/dcRuntime';

export type Row = Record<string, unknown>;

/** How a cell shows its value. */
export type CellType =
    | 'text'
    | 'integer'
    | 'number'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'email'
    | 'phone'
    | 'url'
    | 'boolean'
    | 'picklist'
    | 'recordLink';

export interface GridColumn {
    /** Field path in the record (Name, Account.Name); unique per table. */
    path: string;
    label: string;
    type: CellType;
    align: 'left' | 'right';
    /** Sortable columns send `path` to the host's query as the sort field. */
    sortable: boolean;
    /** Width in px (the definition's initialWidth); undefined shares the remaining width. */
    width?: number;
    /** recordLink: path of the record whose Id the link targets ('' = the row itself). */
    linkTarget?: string;
    /** recordLink: path of the link text (the target's Name for lookups); the record Id stands in when blank. */
    labelPath?: string;
    /** picklist: labels by API value (QueryFieldInfo.picklistLabels); the record keeps the API value. */
    labels?: Readonly<Record<string, string>>;
    /** Long text wraps (the row grows) instead of being clipped with an ellipsis. */
    wrap?: boolean;
    /** The definition's conditional styles (first match wins), compared with the raw value. */
    cellStyles?: readonly CellStyleRule[];
    /** Classes of the column's body cells and header cell (frozen, alignment, wrap), set by columnLayout.ts. */
    cellClass?: string;
    headerClass?: string;
}

export interface RowAction {
    name: string;
    label: string;
    iconName?: string;
}

export interface TablePlan {
    columns: GridColumn[];
    rowActions: RowAction[];
    keyField: string;
    /** Data columns frozen on horizontal scroll (the definition's frozenColumns, 0-3, default 1). */
    frozenColumns: number;
}

export const EMPTY_PLAN: TablePlan = Object.freeze({
    columns: [],
    rowActions: [],
    keyField: 'Id',
    frozenColumns: 1
}) as TablePlan;

/** Frozen data columns: the definition's whole number 0-3, 1 when absent or out of range. */
export function frozenCountOf(value: unknown): number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3 ? value : 1;
}

/** Reads a dotted path (Account.Owner.Name) from a nested record: the runtime's valueAtPath. */
export const valueAt: (record: Row | null | undefined, path: string) => unknown = valueAtPath;

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

/** Cell type for a Schema.DisplayType name. */
export function typeOf(displayType: string | undefined): CellType {
    switch ((displayType ?? '').toUpperCase()) {
        case 'INTEGER':
        case 'LONG':
            return 'integer';
        case 'DOUBLE':
            return 'number';
        case 'CURRENCY':
            return 'currency';
        case 'PERCENT':
            return 'percent';
        case 'DATE':
            return 'date';
        case 'DATETIME':
            return 'datetime';
        case 'EMAIL':
            return 'email';
        case 'PHONE':
            return 'phone';
        case 'URL':
            return 'url';
        case 'BOOLEAN':
            return 'boolean';
        case 'PICKLIST':
        case 'MULTIPICKLIST':
            return 'picklist';
        default:
            // STRING, TEXTAREA, COMBOBOX, ID, REFERENCE without a link, TIME, …
            return 'text';
    }
}

const RIGHT_ALIGNED: ReadonlySet<CellType> = new Set<CellType>(['integer', 'number', 'currency', 'percent']);

function linkTargetOf(column: ColumnDefinition, field: QueryFieldInfo | undefined): string | undefined {
    const path = column.field;
    const type = (field?.type ?? '').toUpperCase();
    const dot = path.lastIndexOf('.');
    if (type === 'REFERENCE') return relationshipOf(path);
    if (!column.linkToRecord) return undefined;
    // an Id or name (or any) field links to the record that holds it: Name → the row, Account.Name → the Account
    return dot < 0 ? '' : path.slice(0, dot);
}

/** Builds the column plan from the definition and the describe of the query's fields. */
export function buildTable(definition: DataTableDefinition, fields: QueryFieldInfo[] | undefined): TablePlan {
    const byPath = new Map<string, QueryFieldInfo>();
    for (const field of fields ?? []) byPath.set(field.path.toLowerCase(), field);
    const columns: GridColumn[] = (definition.columns ?? []).map((column) => {
        const field = byPath.get(column.field.toLowerCase());
        const linkTarget = linkTargetOf(column, field);
        const type: CellType = linkTarget !== undefined ? 'recordLink' : typeOf(field?.type);
        const grid: GridColumn = {
            path: column.field,
            label: column.label || field?.label || column.field,
            type,
            align: RIGHT_ALIGNED.has(type) ? 'right' : 'left',
            sortable: Boolean(column.sortable) && field?.sortable !== false
        };
        if (column.initialWidth) grid.width = column.initialWidth;
        if (column.wrap) grid.wrap = true;
        if (Array.isArray(column.cellStyles) && column.cellStyles.length) grid.cellStyles = column.cellStyles;
        if (type === 'picklist' && field?.picklistLabels) grid.labels = field.picklistLabels;
        if (linkTarget !== undefined) {
            grid.linkTarget = linkTarget;
            grid.labelPath =
                (field?.type ?? '').toUpperCase() === 'REFERENCE'
                    ? field?.nameField || `${linkTarget}.Name`
                    : column.field;
        }
        return grid;
    });
    const rowActions = (definition.rowActions ?? []).map(toRowAction);
    return {
        columns,
        rowActions,
        keyField: definition.keyField || 'Id',
        frozenColumns: frozenCountOf(definition.frozenColumns)
    };
}

function toRowAction(action: ActionButtonDefinition): RowAction {
    return action.iconName
        ? { name: action.name, label: action.label, iconName: action.iconName }
        : { name: action.name, label: action.label };
}
