/*
 * In-memory record store of the preview, with the checks a DML statement would make (unknown field, required field,
 * restricted picklist, a picklist value the record's record type or controlling value does not offer, bad lookup id,
 * validation rules) and transactions: a snapshot of the per-object maps is taken at begin(), and records are never
 * mutated in place (an update stores a new object), so rollback() just restores the maps. Every write sets
 * LastModifiedDate (strictly later than the record's previous one, so a conflict check by date always sees it).
 */
import { MASTER_RECORD_TYPE_ID, type PreviewField, type PreviewObject, type PreviewSchema } from './schema';
import { failingRule } from './validationRules';

export type SObject = Record<string, unknown> & { Id: string };

/** A DML failure, with the platform's status code, e.g. REQUIRED_FIELD_MISSING, and the fields it is about. */
export class DmlError extends Error {
    readonly statusCode: string;
    /** The platform's Database.Error.getFields(): the fields the error is about (empty: the whole record). */
    readonly fields: string[];
    /** The message without the status code prefix (Database.Error.getMessage()). */
    readonly text: string;
    constructor(statusCode: string, message: string, fields: string[] = []) {
        super(`${statusCode}: ${message}`);
        this.name = 'DmlError';
        this.statusCode = statusCode;
        this.text = message;
        this.fields = fields;
    }
}

const SYSTEM_FIELDS = new Set(['Id', 'CreatedDate', 'LastModifiedDate', 'CreatedById']);

export class Store {
    private tables = new Map<string, Map<string, SObject>>();
    private counters = new Map<string, number>();
    private snapshot?: Map<string, Map<string, SObject>>;
    /** Committed updates per record Id since the last resetWriteCounts() (tests prove "each record updated once"). */
    private writes = new Map<string, number>();
    private writesSnapshot?: Map<string, number>;
    /** Rows written by DML in the current transaction (the 10,000 DML rows limit). */
    dmlRows = 0;
    /**
     * Errors every update or delete of these records fails with (POST /api/test/record-error): the platform's answers
     * the preview does not model otherwise, such as ENTITY_IS_LOCKED or DUPLICATES_DETECTED.
     */
    readonly recordErrors = new Map<string, { statusCode: string; message: string; fields: string[] }>();
    now: () => Date = () => new Date();
    /** The User Id a new record's CreatedById gets (the preview sets the session's user around its writes). */
    currentUserId: string | null = null;

    constructor(readonly schema: PreviewSchema) {
        // one RecordType record per record type of the schema, with the Ids the schema gave them
        const recordTypes = schema.object('RecordType');
        if (recordTypes) {
            const table = this.table('RecordType');
            for (const o of schema.objects.values()) {
                for (const rt of o.recordTypes ?? []) {
                    table.set(rt.id, {
                        Id: rt.id,
                        Name: rt.name,
                        DeveloperName: rt.developerName,
                        SobjectType: o.name,
                        IsActive: rt.active
                    });
                }
            }
        }
    }

    private table(objectName: string): Map<string, SObject> {
        const obj = this.requireObject(objectName);
        let t = this.tables.get(obj.name);
        if (!t) {
            t = new Map();
            this.tables.set(obj.name, t);
        }
        return t;
    }

    requireObject(objectName: string): PreviewObject {
        const obj = this.schema.object(objectName);
        if (!obj) throw new DmlError('INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
        return obj;
    }

    newId(obj: PreviewObject): string {
        const n = (this.counters.get(obj.name) ?? 0) + 1;
        this.counters.set(obj.name, n);
        return obj.keyPrefix + String(n).padStart(12, '0') + 'AAA';
    }

    all(objectName: string): SObject[] {
        return [...this.table(objectName).values()];
    }

    get(objectName: string, id: string): SObject | undefined {
        return this.table(objectName).get(id);
    }

    /** Any record by id (the key prefix tells the object). */
    byId(id: string): SObject | undefined {
        const obj = this.schema.objectOfId(id);
        return obj ? this.tables.get(obj.name)?.get(id) : undefined;
    }

    count(objectName: string): number {
        return this.table(objectName).size;
    }

    private check(obj: PreviewObject, fields: Record<string, unknown>, creating: boolean): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(fields)) {
            if (key === 'attributes') continue;
            const field = this.schema.field(obj.name, key);
            if (!field) throw new DmlError('INVALID_FIELD', `No such column '${key}' on entity '${obj.name}'.`);
            if (field.name === 'Id') continue;
            if (field.calculated) {
                throw new DmlError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}.`);
            }
            out[field.name] = this.coerce(obj, field, value);
        }
        if (creating) {
            for (const field of obj.fields.values()) {
                if (out[field.name] === undefined && field.defaultValue !== undefined)
                    out[field.name] = field.defaultValue;
            }
            // the default record type (the preview's profile: the first active one) when none is given
            const first = obj.recordTypes?.find((rt) => rt.active);
            if (first && (out.RecordTypeId === undefined || out.RecordTypeId === null)) out.RecordTypeId = first.id;
        }
        return out;
    }

    /** The record type of a record (undefined: the object has none, or the master record type). */
    recordTypeOf(obj: PreviewObject, rec: Record<string, unknown>) {
        return obj.recordTypes?.find((rt) => rt.id === rec.RecordTypeId);
    }

    /**
     * Picklist values written by this DML must be offered by the record's record type and, for a dependent picklist,
     * be valid for the record's controlling value (as it is after the write). A value the record already had is not
     * checked again when only its record type or controlling field changes (the API does not clear it either).
     */
    private checkPicklistScope(
        obj: PreviewObject,
        rec: Record<string, unknown>,
        written: Record<string, unknown>
    ): void {
        const recordType = this.recordTypeOf(obj, rec);
        for (const name of Object.keys(written)) {
            const field = obj.fields.get(name);
            const value = rec[name];
            if (
                !field ||
                (field.type !== 'PICKLIST' && field.type !== 'MULTIPICKLIST') ||
                value === null ||
                value === undefined
            )
                continue;
            const values = field.type === 'MULTIPICKLIST' ? String(value).split(';') : [String(value)];
            const offered = recordType?.picklists.get(field.name)?.values;
            for (const v of values) {
                if (offered && !offered.includes(v)) {
                    throw new DmlError(
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${field.label}: bad value for restricted picklist field: ${v} (record type ${recordType?.name} does not offer it)`,
                        [field.name]
                    );
                }
            }
            if (field.controllerName && field.validFor) {
                const controller = obj.fields.get(field.controllerName);
                const controlling = rec[field.controllerName];
                for (const v of values) {
                    const validFor = field.validFor.get(v);
                    if (validFor && !validFor.includes(String(controlling))) {
                        throw new DmlError(
                            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                            `${field.label}: bad value for restricted picklist field: ${v} (not valid when ${controller?.label ?? field.controllerName} is ${controlling === null || controlling === undefined ? 'blank' : String(controlling)})`,
                            [field.name]
                        );
                    }
                }
            }
        }
    }

    /** Validation rules run for DML inside a transaction (saves, flows); loading the sample data skips them. */
    private checkValidationRules(obj: PreviewObject, rec: SObject): void {
        if (!this.snapshot || !obj.validationRules?.length) return;
        const rule = failingRule(obj.name, obj.validationRules, (p) => this.valueOf(obj.name, rec, p), this.now);
        if (rule) {
            throw new DmlError(
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                rule.errorMessage,
                rule.errorDisplayField ? [rule.errorDisplayField] : []
            );
        }
    }

    /** Now, or 1 ms after the record's last change when the clock has not moved on (one write = one new date). */
    private modifiedAt(previous: unknown): string {
        const now = this.now().getTime();
        const before = typeof previous === 'string' ? Date.parse(previous) : NaN;
        return new Date(Number.isNaN(before) || now > before ? now : before + 1).toISOString();
    }

    private coerce(obj: PreviewObject, field: PreviewField, value: unknown): unknown {
        if (value === undefined || value === null || value === '') return null;
        switch (field.type) {
            case 'BOOLEAN':
                if (typeof value === 'boolean') return value;
                if (value === 'true' || value === 'false') return value === 'true';
                break;
            case 'DOUBLE':
            case 'CURRENCY':
            case 'PERCENT':
            case 'INTEGER':
            case 'LONG': {
                const n = typeof value === 'number' ? value : Number(value);
                if (!Number.isNaN(n)) return n;
                break;
            }
            case 'REFERENCE': {
                const target = this.byId(String(value));
                // polymorphic lookups (no referenceTo) take a record of any object
                const targets = field.referenceTo ?? [];
                if (
                    !target ||
                    (targets.length > 0 &&
                        !targets.some((t) => this.schema.object(t)?.keyPrefix === String(value).slice(0, 3)))
                ) {
                    throw new DmlError(
                        'INVALID_CROSS_REFERENCE_KEY',
                        `invalid cross reference id: ${String(value)} is not a ${targets.join(' or ') || 'record'} id (field ${field.name}).`,
                        [field.name]
                    );
                }
                if (
                    field.name === 'RecordTypeId' &&
                    target.SobjectType !== obj.name &&
                    value !== MASTER_RECORD_TYPE_ID
                ) {
                    throw new DmlError(
                        'INVALID_CROSS_REFERENCE_KEY',
                        `Record Type ID: this ID value isn't valid for the user: ${String(value)}`,
                        [field.name]
                    );
                }
                return String(value);
            }
            case 'PICKLIST':
                if (field.restricted && field.picklistValues && !field.picklistValues.includes(String(value))) {
                    throw new DmlError(
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${field.label}: bad value for restricted picklist field: ${String(value)}`,
                        [field.name]
                    );
                }
                return String(value);
            case 'MULTIPICKLIST': {
                if (typeof value !== 'string') break;
                const bad = value.split(';').find((v) => field.restricted && !field.picklistValues?.includes(v));
                if (bad !== undefined) {
                    throw new DmlError(
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${field.label}: bad value for restricted picklist field: ${bad}`,
                        [field.name]
                    );
                }
                return value;
            }
            case 'EMAIL':
                if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value))) {
                    throw new DmlError(
                        'INVALID_EMAIL_ADDRESS',
                        `${field.label}: invalid email address: ${String(value)}`,
                        [field.name]
                    );
                }
                return String(value);
            default:
                return typeof value === 'object' ? JSON.stringify(value) : String(value);
        }
        throw new DmlError(
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${field.label}: value not of required type: ${String(value)}`,
            [field.name]
        );
    }

    private finish(obj: PreviewObject, rec: SObject): SObject {
        if (obj.fields.get('Name')?.calculated) {
            rec.Name = [rec.FirstName, rec.LastName].filter((x) => x !== null && x !== undefined && x !== '').join(' ');
        }
        const missing = [...obj.fields.values()].filter(
            (fd) =>
                fd.required &&
                !fd.calculated &&
                (rec[fd.name] === null || rec[fd.name] === undefined || rec[fd.name] === '')
        );
        if (missing.length) {
            throw new DmlError(
                'REQUIRED_FIELD_MISSING',
                `Required fields are missing: [${missing.map((m) => m.name).join(', ')}]`,
                missing.map((m) => m.name)
            );
        }
        return rec;
    }

    /** The 10,000 DML rows limit holds per transaction; loading sample data outside one is not counted. */
    private countRows(n: number): void {
        if (!this.snapshot) return;
        this.dmlRows += n;
        if (this.dmlRows > 10000) {
            throw new DmlError(
                'LIMIT_EXCEEDED',
                `Too many DML rows: ${this.dmlRows} (the limit is 10,000 rows per transaction).`
            );
        }
    }

    insert(objectName: string, fields: Record<string, unknown>): SObject {
        const obj = this.requireObject(objectName);
        if (fields.Id) throw new DmlError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call');
        this.countRows(1);
        const values = this.check(obj, fields, true);
        const now = this.now().toISOString();
        const audit: Record<string, unknown> = { CreatedDate: now, LastModifiedDate: now };
        if (this.currentUserId && obj.fields.has('CreatedById')) audit.CreatedById = this.currentUserId;
        const rec = this.finish(obj, { ...values, Id: this.newId(obj), ...audit });
        this.checkPicklistScope(obj, rec, values);
        this.checkValidationRules(obj, rec);
        this.table(obj.name).set(rec.Id, rec);
        return rec;
    }

    update(objectName: string, id: string, fields: Record<string, unknown>): SObject {
        const obj = this.requireObject(objectName);
        const current = this.table(obj.name).get(id);
        if (!current) throw new DmlError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${id}`);
        this.countRows(1);
        this.injectedError(id);
        const values = this.check(
            obj,
            Object.fromEntries(Object.entries(fields).filter(([k]) => !SYSTEM_FIELDS.has(k))),
            false
        );
        const rec = this.finish(obj, {
            ...current,
            ...values,
            Id: id,
            LastModifiedDate: this.modifiedAt(current.LastModifiedDate)
        });
        this.checkPicklistScope(obj, rec, values);
        this.checkValidationRules(obj, rec);
        this.table(obj.name).set(id, rec);
        this.writes.set(id, (this.writes.get(id) ?? 0) + 1);
        return rec;
    }

    /** How many records of the object got 0, 1, 2… committed updates since the last reset: {"0": n0, "1": n1}. */
    writeCounts(objectName: string): Record<string, number> {
        const byWrites: Record<string, number> = {};
        for (const id of this.table(this.requireObject(objectName).name).keys()) {
            const n = String(this.writes.get(id) ?? 0);
            byWrites[n] = (byWrites[n] ?? 0) + 1;
        }
        return byWrites;
    }

    resetWriteCounts(): void {
        this.writes = new Map();
        if (this.writesSnapshot) this.writesSnapshot = new Map();
    }

    delete(objectName: string, id: string): void {
        const obj = this.requireObject(objectName);
        if (!this.table(obj.name).has(id))
            throw new DmlError('ENTITY_IS_DELETED', `entity is deleted or does not exist: ${id}`);
        this.countRows(1);
        this.injectedError(id);
        this.table(obj.name).delete(id);
    }

    private injectedError(id: string): void {
        const e = this.recordErrors.get(id);
        if (e) throw new DmlError(e.statusCode, e.message, e.fields);
    }

    /** Value of a field path on a record: Name, Account.Name (through the lookup), Owner.Name. */
    valueOf(objectName: string, rec: SObject, path: string): unknown {
        const segments = path.split('.');
        let obj = this.schema.object(objectName);
        let current: SObject | undefined = rec;
        for (let i = 0; i < segments.length - 1; i++) {
            const rel = obj ? this.schema.relationship(obj.name, segments[i]) : undefined;
            if (!rel || !current) return null;
            const id = current[rel.name];
            if (typeof id !== 'string') return null;
            current = this.byId(id);
            obj = current ? this.schema.objectOfId(id) : undefined;
        }
        if (!current || !obj) return null;
        const field = this.schema.field(obj.name, segments[segments.length - 1]);
        const v = field ? current[field.name] : undefined;
        return v === undefined ? null : v;
    }

    begin(): void {
        if (this.snapshot) throw new Error('A transaction is already open.');
        this.snapshot = new Map([...this.tables].map(([k, v]) => [k, new Map(v)]));
        this.writesSnapshot = new Map(this.writes);
        this.dmlRows = 0;
    }

    commit(): void {
        this.snapshot = undefined;
        this.writesSnapshot = undefined;
    }

    rollback(): void {
        if (this.snapshot) this.tables = this.snapshot;
        // a rolled-back update was never written
        if (this.writesSnapshot) this.writes = this.writesSnapshot;
        this.snapshot = undefined;
        this.writesSnapshot = undefined;
    }

    /** Runs fn in a transaction: rolled back when it throws or returns { rollback: true }. */
    transaction<T>(fn: () => T, shouldRollback: (result: T) => boolean = () => false): T {
        this.begin();
        try {
            const result = fn();
            if (shouldRollback(result)) this.rollback();
            else this.commit();
            return result;
        } catch (e) {
            this.rollback();
            throw e;
        }
    }
}
