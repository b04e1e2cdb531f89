/*
 * Inline edit in c-data-grid: which columns can be edited, what each cell of a row shows about its draft and save
 * error, and what the cell editor of one cell is given (the row's record type's picklist values, the controlling
 * value of a dependent picklist, the lookup search). Pure functions over the grid's state; the drafts themselves
 * live in c-dynamic-data-table's DraftStore (c/dcRuntime), which the grid only reads.
 */
import { hasPicklistValues, picklistOptions, picklistValueProblem, recordTypeIdOf } from 'c/dcRuntime';
import type { DraftStore, LookupOption, QueryFieldInfo, UiPicklistValuesByRecordType } from 'c/dcRuntime';
import type { DataTableDefinition } from 'c/dcDefinition';
import { EDITABLE_TYPES } from 'c/dcDefinition';
import { valueAt } from './columns';
import type { Row } from './columns';

/** An editable column: the field the draft is for and what the editor needs to know about it. */
export interface EditColumn {
    /** API name of the field (a direct field of the query's object). */
    field: string;
    label: string;
    /** Schema.DisplayType name. */
    type: string;
    /** Dependent picklists: the controlling field's API name. */
    controllerName?: string;
    controllerLabel?: string;
    /** REFERENCE: path of the related record's name (Account.Name), for the editor's starting text. */
    nameField?: string;
    /** PICKLIST / MULTIPICKLIST: the describe's labels, offered when the UI API has no values for the field. */
    labels?: Readonly<Record<string, string>>;
}

/** Picklist values of the UI API by record type id (c-record-type-picklists fills it). */
export type PicklistValuesByRecordType = Readonly<Record<string, UiPicklistValuesByRecordType>>;

/**
 * The edit plan of a table, one entry per definition column: an EditColumn when the column is `editable` in the
 * definition, a direct field, of an editable type and updateable for the running user (QueryFieldInfo.updateable
 * true); null (read-only) otherwise.
 */
export function buildEditPlan(
    definition: DataTableDefinition | undefined,
    fields: readonly QueryFieldInfo[]
): (EditColumn | null)[] {
    const byPath = new Map<string, QueryFieldInfo>();
    for (const field of fields) byPath.set(field.path.toLowerCase(), field);
    return (definition?.columns ?? []).map((column) => {
        const info = byPath.get(column.field.toLowerCase());
        const type = (info?.type ?? '').toUpperCase();
        if (!column.editable || !info || info.updateable !== true) return null;
        if (column.field.indexOf('.') >= 0 || !EDITABLE_TYPES.has(type)) return null;
        const edit: EditColumn = { field: info.path, label: column.label || info.label || info.path, type };
        if (info.controllerName) {
            edit.controllerName = info.controllerName;
            edit.controllerLabel = byPath.get(info.controllerName.toLowerCase())?.label ?? info.controllerName;
        }
        if (type === 'REFERENCE' && info.nameField) edit.nameField = info.nameField;
        if (info.picklistLabels) edit.labels = info.picklistLabels;
        return edit;
    });
}

/** What one cell shows about editing: the edit affordance, the draft highlight, the save error. */
export interface CellEditState {
    editable: boolean;
    /** The cell holds a draft (slds-is-edited, assistive text "Edited"). */
    edited: boolean;
    /** The last save's message for this cell, or ''. */
    error: string;
    /** Accessible name of the cell's edit button. */
    editLabel: string;
}

const READ_ONLY: CellEditState = Object.freeze({ editable: false, edited: false, error: '', editLabel: '' });

/** The edit state of every cell of a row, in column order. */
export function cellEditStates(
    plan: readonly (EditColumn | null)[],
    drafts: DraftStore | undefined,
    key: string,
    rowName: string,
    locked: boolean
): CellEditState[] {
    const drafted = Boolean(drafts?.has(key));
    const errors = drafts?.errorsOf(key);
    return plan.map((edit) => {
        if (!edit) return READ_ONLY;
        return {
            editable: !locked,
            edited: drafted && Boolean(drafts?.has(key, edit.field)),
            error: errors ? (drafts?.errorOf(key, edit.field) ?? '') : '',
            editLabel: `Edit ${edit.label}: ${rowName}`
        };
    });
}

/** What c-cell-editor is given for one cell. */
export interface EditorProps {
    fieldType: string;
    label: string;
    value: unknown;
    displayValue: string;
    options: { value: string; label: string }[];
    selectedRowCount: number;
    checkValue?: (value: unknown) => string | null;
    searchLookup?: (term: string) => Promise<LookupOption[]>;
}

export interface EditorContext {
    /** The row with its drafts laid over (DraftStore.effectiveRow). */
    row: Row;
    picklistValues: PicklistValuesByRecordType;
    /** Selected rows, when the edited row is one of them (else 0). */
    selectedRowCount: number;
    /** Runs searchLookup for a field. */
    search?: (field: string, term: string) => Promise<LookupOption[]>;
}

/**
 * The editor's inputs for an editable cell. Picklists offer the values of the row's record type (UI API) that are
 * valid for the row's current controlling value (drafts included), and check a value against them; without UI API
 * values for the field they offer the describe's active values.
 */
export function editorProps(edit: EditColumn, context: EditorContext): EditorProps {
    const row = context.row;
    const props: EditorProps = {
        fieldType: edit.type,
        label: edit.label,
        value: row[edit.field] ?? null,
        displayValue: '',
        options: [],
        selectedRowCount: context.selectedRowCount
    };
    if (edit.type === 'PICKLIST' || edit.type === 'MULTIPICKLIST') {
        const values = context.picklistValues[recordTypeIdOf(row)];
        if (hasPicklistValues(values, edit.field)) {
            const controllerValue = edit.controllerName ? (row[edit.controllerName] ?? null) : undefined;
            props.options = picklistOptions(values, edit.field, controllerValue);
            const problemContext = edit.controllerLabel ? { controllerLabel: edit.controllerLabel } : {};
            props.checkValue = (value) =>
                picklistValueProblem(values, edit.field, value, controllerValue, problemContext);
        } else if (edit.labels) {
            props.options = Object.keys(edit.labels).map((value) => ({ value, label: edit.labels?.[value] ?? value }));
        }
    }
    if (edit.type === 'REFERENCE') {
        const name = edit.nameField ? valueAt(row, edit.nameField) : undefined;
        props.displayValue = typeof name === 'string' ? name : '';
        const search = context.search;
        if (search) props.searchLookup = (term) => search(edit.field, term);
    }
    return props;
}

/** The data column a Tab (+1) or Shift+Tab (-1) from an editor moves to: the next cell, wrapping to the next row. */
export function nextCell(
    position: { row: number; col: number },
    step: 1 | -1,
    bounds: { rows: number; firstCol: number; lastCol: number }
): { row: number; col: number } {
    let { row, col } = position;
    col += step;
    if (col > bounds.lastCol) {
        if (row + 1 < bounds.rows) {
            row++;
            col = bounds.firstCol;
        } else col = bounds.lastCol;
    } else if (col < bounds.firstCol) {
        if (row > 0) {
            row--;
            col = bounds.lastCol;
        } else col = bounds.firstCol;
    }
    return { row, col };
}

/** A rendered cell with its edit state (the grid's CellView plus these). */
export interface EditCellView {
    className: string;
    editable?: boolean;
    edited?: boolean;
    error?: string;
    editLabel?: string;
    /** Data column index (for the double click and the pencil button). */
    editColumn?: number;
    /** The open editor's inputs, on the cell being edited only. */
    editor?: EditorProps;
    /** The row's save error, shown in this cell when the grid has no row number column. */
    rowError?: string;
    rowErrorText?: string;
}

/** A rendered row with its save error. */
export interface EditRowView {
    key: string;
    index: number;
    cells: EditCellView[];
    className: string;
    error?: string;
    errorText?: string;
}

export interface DecorateOptions {
    plan: readonly (EditColumn | null)[];
    drafts?: DraftStore;
    locked: boolean;
    rowNumbers: boolean;
    /** The cell being edited (row key and data column index). */
    editing?: { key: string; column: number } | null;
    /** The editor's inputs for a cell (called for the edited cell only). */
    editorFor(key: string, column: number): EditorProps | undefined;
}

/**
 * Adds the edit state to the rendered rows (they are new objects on every render): the edit affordance on
 * editable cells, the draft highlight (slds-is-edited) and "Edited" text, the cell's and the row's save errors, and
 * the editor on the cell being edited.
 */
export function decorateRows<R extends EditRowView>(rows: R[], options: DecorateOptions): R[] {
    const { plan, drafts } = options;
    if (!plan.some(Boolean) && !drafts?.errorCount) return rows;
    for (const row of rows) {
        const name = row.cells.length ? rowNameOf(row) : row.key;
        const states = cellEditStates(plan, drafts, row.key, name, options.locked);
        const rowError = drafts?.errorsOf(row.key)?.message ?? '';
        if (rowError) {
            row.error = rowError;
            row.errorText = `Error: ${rowError}`;
            row.className += ' row-has-error';
        }
        row.cells.forEach((cell, c) => {
            const state = states[c];
            if (!state) return;
            if (state.editable) {
                cell.editable = true;
                cell.editLabel = state.editLabel;
                cell.editColumn = c;
                cell.className = `${cell.className} slds-cell-edit`;
            }
            if (state.edited) {
                cell.edited = true;
                cell.className += ' slds-is-edited';
            }
            if (state.error) {
                cell.error = state.error;
                cell.className += ' slds-has-error';
            }
            if (options.editing && options.editing.key === row.key && options.editing.column === c) {
                cell.editor = options.editorFor(row.key, c);
                if (cell.editor) cell.className += ' is-editing';
            }
        });
        if (rowError && !options.rowNumbers && row.cells[0]) {
            row.cells[0].rowError = rowError;
            row.cells[0].rowErrorText = row.errorText;
        }
    }
    return rows;
}

function rowNameOf(row: EditRowView): string {
    const first = (row as unknown as { selectLabel?: string }).selectLabel;
    return first && first.startsWith('Select ') ? first.slice('Select '.length) : row.key;
}
