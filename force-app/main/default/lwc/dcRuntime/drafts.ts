/*
 * Inline-edit drafts of a data table: the values the user changed and has not saved yet, by row key and field.
 * Keyed by the record's key (never by row position), so drafts survive sort, search, scroll, infinite loading and
 * refresh; a draft is dropped only when it saves, when the user cancels, or when it is set back to the original.
 * Maps only, no per-row copies: thousands of drafts cost one small Map per drafted row.
 */
import type { QueryFieldInfo, SaveDraft, SaveRequest, SaveResult } from './apexContract';

type Row = Record<string, unknown>;

/** The DML-row limit of one Apex transaction: saveRecords refuses larger requests up front (TOO_MANY_ROWS). */
export const MAX_SAVE_ROWS = 10000;

/** "1 change", "3 changes", "0 changes"; the plural form is given, since English plurals are irregular. */
export function countLabel(count: number, singular: string, plural: string): string {
    return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** The footer bar's count: "1 change", "12 changes". */
export function changesLabel(count: number): string {
    return countLabel(count, 'change', 'changes');
}

/** Why a save of `rows` rows is refused, or null when one transaction can take it. */
export function saveLimitProblem(rows: number): string | null {
    if (rows <= MAX_SAVE_ROWS) return null;
    return (
        `This save would change ${countLabel(rows, 'row', 'rows')}; one save can change at most ` +
        `${MAX_SAVE_ROWS.toLocaleString('en-US')}. Save fewer rows at a time, or cancel some changes.`
    );
}

/** Thrown by DraftStore.toRequest when the drafts exceed MAX_SAVE_ROWS (the same code as the server's refusal). */
export class SaveLimitError extends Error {
    readonly code = 'TOO_MANY_ROWS';
    readonly rows: number;
    constructor(rows: number) {
        super(saveLimitProblem(rows) ?? '');
        this.name = 'SaveLimitError';
        this.rows = rows;
    }
}

/** A failed row's errors, from the save results. */
export interface RowErrors {
    /** Every message of the row, once each, joined by a space: what the row's error indicator shows. */
    message: string;
    /** The platform's StatusCode names (or ours: CONFLICT, INVALID_VALUE, …), once each. */
    codes: string[];
    /** Messages of the errors that name fields, by field API name: what the cells show. */
    fields: Readonly<Record<string, string>>;
}

export interface DraftStoreOptions {
    /** The rows' key field (the data table's keyField); default Id. */
    keyField?: string;
    /** The loaded row of a key: its values are the originals a draft is compared with. */
    rowOf?: (key: string) => Row | undefined;
    /** The query's field describe: REFERENCE drafts overlay their relationship (nameField) in effectiveRow. */
    fields?: readonly QueryFieldInfo[];
}

export interface SetOptions {
    /** The loaded row (else options.rowOf(key)): original value, Id and LastModifiedDate. */
    row?: Row;
    /** REFERENCE: the chosen record's name, shown in place of the Id until the row saves. */
    label?: string | null;
}

/** What a drafted row remembers of its loaded row, for when it is no longer loaded (filtered out by a search). */
interface RowSnapshot {
    id: string | null;
    lastModifiedDate: string | null;
    originals: Map<string, unknown>;
}

type RowLookup = ReadonlyMap<string, Row> | ((key: string) => Row | undefined) | Readonly<Record<string, Row>>;

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

/**
 * Whether a draft leaves the field as it was: blanks are alike ('' and null), a number equals its text as Apex
 * may return it, and date-times compare by instant (…00Z and …00.000+0000 are the same moment).
 */
export function sameFieldValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
    if (typeof a === 'number' || typeof b === 'number') {
        const x = typeof a === 'number' ? a : typeof a === 'string' && a.trim() ? Number(a) : NaN;
        const y = typeof b === 'number' ? b : typeof b === 'string' && b.trim() ? Number(b) : NaN;
        return x === y;
    }
    if (typeof a === 'string' && typeof b === 'string' && ISO_DATETIME.test(a) && ISO_DATETIME.test(b)) {
        const instant = (t: string): number => Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        return instant(a) === instant(b);
    }
    return false;
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value ? value : null;
}

function lookupRow(rows: RowLookup | undefined, key: string): Row | undefined {
    if (!rows) return undefined;
    if (typeof rows === 'function') return rows(key);
    if (rows instanceof Map) return rows.get(key);
    const record = rows as Readonly<Record<string, Row>>;
    return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Relationship holding a lookup's related record: nameField Account.Name → Account; else AccountId → Account. */
function relationshipOf(field: string, nameField: string | null | undefined): string | undefined {
    if (nameField && nameField.indexOf('.') > 0) return nameField.slice(0, nameField.indexOf('.'));
    if (field.endsWith('__c')) return `${field.slice(0, -3)}__r`;
    if (field.length > 2 && field.endsWith('Id')) return field.slice(0, -2);
    return undefined;
}

export class DraftStore {
    readonly keyField: string;
    private readonly rowOf: ((key: string) => Row | undefined) | undefined;
    private readonly drafts = new Map<string, Map<string, unknown>>();
    private readonly snapshots = new Map<string, RowSnapshot>();
    private readonly labels = new Map<string, Map<string, string | null>>();
    private readonly errors = new Map<string, RowErrors>();
    /** Record Id → row key, for matching save results (the key field need not be Id). */
    private readonly keyById = new Map<string, string>();
    /** Direct REFERENCE fields → where their related record sits in a row (Account, Name). */
    private references = new Map<string, { relationship: string; nameKey: string }>();
    private changed = 0;
    private revision = 0;

    constructor(options: DraftStoreOptions = {}) {
        this.keyField = options.keyField || 'Id';
        this.rowOf = options.rowOf;
        this.setFields(options.fields ?? []);
    }

    /** The query's field describe (when a response arrives): which drafts are lookups and where their name is. */
    setFields(fields: readonly QueryFieldInfo[]): void {
        this.references = new Map();
        for (const f of fields) {
            if ((f.type ?? '').toUpperCase() !== 'REFERENCE' || f.path.indexOf('.') >= 0) continue;
            const relationship = relationshipOf(f.path, f.nameField);
            const nameKey =
                f.nameField && f.nameField.indexOf('.') > 0 ? f.nameField.slice(f.nameField.indexOf('.') + 1) : 'Name';
            if (relationship) this.references.set(f.path, { relationship, nameKey });
        }
    }

    /** Changed cells. */
    get count(): number {
        return this.changed;
    }

    /** Rows with at least one changed cell. */
    get rowCount(): number {
        return this.drafts.size;
    }

    /** Grows on every change: a cheap reactive dependency for the UI. */
    get version(): number {
        return this.revision;
    }

    /** "N changes" for the footer bar. */
    get label(): string {
        return changesLabel(this.changed);
    }

    /**
     * Sets a cell's draft. A value equal to the row's original removes the draft (and the cell's error). Editing a
     * cell clears that cell's save error: the user is fixing it. Returns whether the cell now holds a draft.
     */
    set(key: string, field: string, value: unknown, options: SetOptions = {}): boolean {
        const row = options.row ?? this.rowOf?.(key);
        const next = value === undefined ? null : value;
        let snapshot = this.snapshots.get(key);
        const original = row ? row[field] : snapshot?.originals.get(field);
        this.clearCellError(key, field);
        this.revision++;
        if (sameFieldValue(next, original) && (row || snapshot?.originals.has(field))) {
            this.remove(key, field);
            return false;
        }
        let values = this.drafts.get(key);
        if (!values) {
            values = new Map();
            this.drafts.set(key, values);
        }
        if (!values.has(field)) this.changed++;
        values.set(field, next);
        if (!snapshot) {
            snapshot = { id: null, lastModifiedDate: null, originals: new Map() };
            this.snapshots.set(key, snapshot);
        }
        if (row) {
            snapshot.id = text(row.Id) ?? snapshot.id;
            snapshot.lastModifiedDate = text(row.LastModifiedDate) ?? snapshot.lastModifiedDate;
            if (!snapshot.originals.has(field)) snapshot.originals.set(field, row[field]);
        }
        if (snapshot.id) this.keyById.set(snapshot.id, key);
        if (options.label !== undefined || this.references.has(field)) {
            let labels = this.labels.get(key);
            if (!labels) {
                labels = new Map();
                this.labels.set(key, labels);
            }
            labels.set(field, options.label ?? null);
        }
        return true;
    }

    /** The cell's draft, or undefined when it has none (null is a draft that clears the field). */
    get(key: string, field: string): unknown {
        return this.drafts.get(key)?.get(field);
    }

    /** Whether the row (or the one cell) has a draft. */
    has(key: string, field?: string): boolean {
        const values = this.drafts.get(key);
        if (!values) return false;
        return field === undefined ? true : values.has(field);
    }

    /** A lookup draft's record name (SetOptions.label), or null. */
    labelOf(key: string, field: string): string | null {
        return this.labels.get(key)?.get(field) ?? null;
    }

    /** The row's drafts by field (a new object; {} when none). */
    valuesOf(key: string): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        const values = this.drafts.get(key);
        if (values) for (const [field, value] of values) out[field] = value;
        return out;
    }

    /** Drops one cell's draft (the user reverts it). */
    remove(key: string, field: string): void {
        const values = this.drafts.get(key);
        if (!values?.has(field)) return;
        values.delete(field);
        this.labels.get(key)?.delete(field);
        this.changed--;
        this.revision++;
        if (values.size === 0) {
            // nothing left to save: the row's errors from the last save no longer apply
            this.forget(key);
            this.errors.delete(key);
        }
    }

    /** Cancel: drops the drafts and errors of one row, or of all rows. */
    clear(key?: string): void {
        this.revision++;
        if (key !== undefined) {
            this.changed -= this.drafts.get(key)?.size ?? 0;
            this.forget(key);
            this.errors.delete(key);
            return;
        }
        this.drafts.clear();
        this.snapshots.clear();
        this.labels.clear();
        this.errors.clear();
        this.keyById.clear();
        this.changed = 0;
    }

    /** Keys of the drafted rows, in the order they were first edited. */
    keys(): string[] {
        return Array.from(this.drafts.keys());
    }

    /** The row's errors from the last save, or null. */
    errorsOf(key: string): RowErrors | null {
        return this.errors.get(key) ?? null;
    }

    /** The cell's error message from the last save, or null. */
    errorOf(key: string, field: string): string | null {
        const errors = this.errors.get(key);
        return errors && Object.prototype.hasOwnProperty.call(errors.fields, field) ? errors.fields[field] : null;
    }

    /** Keys of the rows whose last save failed. */
    errorKeys(): string[] {
        return Array.from(this.errors.keys());
    }

    /** Rows whose last save failed. */
    get errorCount(): number {
        return this.errors.size;
    }

    /**
     * Applies saveRecords' per-row results: a saved row loses its drafts and errors; a failed row keeps its drafts
     * and gets the errors (by field for the cells, all messages for the row). Rows without a result are untouched.
     * Returns the keys of the saved and the failed rows.
     */
    setResults(results: readonly SaveResult[]): { saved: string[]; failed: string[] } {
        const saved: string[] = [];
        const failed: string[] = [];
        for (const result of results) {
            const key = this.keyById.get(result.id) ?? result.id;
            if (result.success) {
                this.changed -= this.drafts.get(key)?.size ?? 0;
                this.forget(key);
                this.errors.delete(key);
                saved.push(key);
                continue;
            }
            const messages: string[] = [];
            const codes: string[] = [];
            const fields: Record<string, string> = {};
            for (const error of result.errors ?? []) {
                const message = error.message || error.code || 'The record could not be saved.';
                if (!messages.includes(message)) messages.push(message);
                if (error.code && !codes.includes(error.code)) codes.push(error.code);
                for (const field of error.fields ?? []) {
                    if (!fields[field]) fields[field] = message;
                    else if (!fields[field].includes(message)) fields[field] += ` ${message}`;
                }
            }
            if (!messages.length) messages.push('The record could not be saved.');
            this.errors.set(key, { message: messages.join(' '), codes, fields });
            failed.push(key);
        }
        this.revision++;
        return { saved, failed };
    }

    /** Why the drafts cannot be saved in one request (more rows than MAX_SAVE_ROWS), or null. */
    saveProblem(): string | null {
        return saveLimitProblem(this.drafts.size);
    }

    /**
     * The saveRecords request: one draft per drafted row, with the record Id and the LastModifiedDate of the loaded
     * row (`rows`, else options.rowOf, else as it was when first edited). Throws SaveLimitError above MAX_SAVE_ROWS.
     */
    toRequest(rows?: RowLookup): SaveRequest {
        if (this.drafts.size > MAX_SAVE_ROWS) throw new SaveLimitError(this.drafts.size);
        const drafts: SaveDraft[] = [];
        for (const [key, values] of this.drafts) {
            const row = lookupRow(rows, key) ?? this.rowOf?.(key);
            const snapshot = this.snapshots.get(key);
            const id = text(row?.Id) ?? snapshot?.id ?? key;
            this.keyById.set(id, key);
            const out: Record<string, unknown> = {};
            for (const [field, value] of values) out[field] = value;
            drafts.push({
                id,
                values: out,
                lastModifiedDate: text(row?.LastModifiedDate) ?? snapshot?.lastModifiedDate ?? null
            });
        }
        return { drafts };
    }

    /**
     * Mass edit: sets the same draft on every row of `keys` (original values from rowOf, else options.rowOf).
     * Returns how many of those rows now hold a draft of the field.
     */
    applyToSelection(
        keys: Iterable<string>,
        field: string,
        value: unknown,
        rowOf?: (key: string) => Row | undefined,
        label?: string | null
    ): number {
        let drafted = 0;
        for (const key of keys) {
            const row = rowOf?.(key);
            const options: SetOptions = row ? { row } : {};
            if (label !== undefined) options.label = label;
            if (this.set(key, field, value, options)) drafted++;
        }
        return drafted;
    }

    /**
     * The row as the table shows it: the loaded row with its drafts laid over (a shallow copy only when it has
     * drafts; the same object otherwise). A lookup draft also replaces the related record ({Id, Name}) so the cell
     * shows the chosen name and links to it.
     */
    effectiveRow<T extends Row>(row: T): T & Row {
        const key = row[this.keyField];
        const values = typeof key === 'string' || typeof key === 'number' ? this.drafts.get(String(key)) : undefined;
        if (!values) return row;
        const copy: Row = { ...row };
        const labels = this.labels.get(String(key));
        for (const [field, value] of values) {
            copy[field] = value;
            const reference =
                this.references.get(field) ??
                (labels?.has(field) ? { relationship: relationshipOf(field, null), nameKey: 'Name' } : undefined);
            if (reference?.relationship) {
                copy[reference.relationship] = isBlank(value)
                    ? null
                    : { Id: value, [reference.nameKey]: labels?.get(field) ?? null };
            }
        }
        return copy as T & Row;
    }

    /** A cell's value as the table shows it: the draft when there is one, else the row's. */
    effectiveValue(row: Row, field: string): unknown {
        const key = row[this.keyField];
        const values = typeof key === 'string' || typeof key === 'number' ? this.drafts.get(String(key)) : undefined;
        return values?.has(field) ? values.get(field) : row[field];
    }

    private clearCellError(key: string, field: string): void {
        const errors = this.errors.get(key);
        if (!errors || !Object.prototype.hasOwnProperty.call(errors.fields, field)) return;
        const fields: Record<string, string> = { ...errors.fields };
        delete fields[field];
        this.errors.set(key, { ...errors, fields });
    }

    private forget(key: string): void {
        this.drafts.delete(key);
        this.labels.delete(key);
        const id = this.snapshots.get(key)?.id;
        if (id && this.keyById.get(id) === key) this.keyById.delete(id);
        this.snapshots.delete(key);
    }
}
