/*
 * A small interpreter for autolaunched flows, enough for the project's flows in the local preview: variables and
 * collections, assignments (Assign, Add, AddItem, Subtract, AssignCount, RemoveAll), decisions (conditions with
 * and / or / custom logic), loops, Get / Create / Update / Delete Records with filters (incl. In / NotIn), formulas
 * and text templates through the project's expression engine (c/dcExpressions), custom errors and fault connectors.
 * Anything else stops the run: "<elementType> '<name>' is not supported in the local preview".
 * The caller runs it inside a store transaction, so a failed run leaves the store unchanged.
 */
import {
    evaluateFormula,
    resolveValue,
    type Scope
} from '../../../force-app/main/default/lwc/dcExpressions/dcExpressions';
import { parseLogic, type LogicNode } from '../logic';
import { DmlError, type SObject, type Store } from '../store';
import { list, str, targetOf, type FlowModel, type FlowNode, type FlowValue, type Raw } from './flowModel';

/** The flow faulted (its message is what the org would report); the run is rolled back. */
export class FlowFault extends Error {
    readonly element?: string;
    constructor(message: string, element?: string) {
        super(message);
        this.name = 'FlowFault';
        this.element = element;
    }
}

/** The flow uses something the preview cannot run. */
export class UnsupportedElement extends FlowFault {}

export interface RunOptions {
    user: Record<string, unknown>;
    now?: () => Date;
    /** Guard against endless loops. */
    maxSteps?: number;
}

export interface RunResult {
    outputs: Record<string, unknown>;
    /** Element names in execution order (tests, debugging). */
    trace: string[];
}

type Rec = Record<string, unknown>;

const DML_VERB: Record<string, string> = {
    recordLookups: 'look up records',
    recordCreates: 'create records',
    recordUpdates: 'update records',
    recordDeletes: 'delete records'
};

function isRecord(v: unknown): v is Rec {
    return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

function isBlankValue(v: unknown): boolean {
    return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function eqValues(a: unknown, b: unknown): boolean {
    if (isBlankValue(a) && isBlankValue(b)) return true;
    if (isBlankValue(a) || isBlankValue(b)) return false;
    if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
    if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
    return String(a) === String(b);
}

function cmpValues(a: unknown, b: unknown): number {
    if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b);
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
}

function getField(rec: Rec, field: string): unknown {
    if (field in rec) return rec[field];
    const l = field.toLowerCase();
    for (const k of Object.keys(rec)) if (k.toLowerCase() === l) return rec[k];
    return undefined;
}

export class FlowInterpreter {
    private vars = new Map<string, unknown>();
    private lowerNames = new Map<string, string>();
    private loops = new Map<string, { items: unknown[]; index: number }>();
    private faultMessage: string | null = null;
    private readonly now: () => Date;
    private readonly startedAt: Date;
    readonly trace: string[] = [];

    constructor(
        private readonly flow: FlowModel,
        private readonly store: Store,
        private readonly options: RunOptions
    ) {
        this.now = options.now ?? (() => new Date());
        this.startedAt = this.now();
        for (const v of flow.variables.values()) {
            this.setVar(v.name, v.isCollection ? [] : v.value ? this.valueOf(v.value) : null);
        }
    }

    private setVar(name: string, value: unknown): void {
        this.vars.set(name, value);
        this.lowerNames.set(name.toLowerCase(), name);
    }

    private scope(): Scope {
        return { resolve: (path: string[]) => this.resolvePath(path) };
    }

    /** `a.b.c` → the value of a reference (variables, element outputs, constants, formulas, $Flow, $User). */
    resolveReference(ref: string): unknown {
        return this.resolvePath(ref.trim().split('.'));
    }

    private resolvePath(path: string[]): unknown {
        const [head, ...rest] = path;
        let value: unknown;
        if (head === '$Flow') {
            const today = this.now().toISOString().slice(0, 10);
            const g: Rec = {
                CurrentDate: today,
                CurrentDateTime: this.now().toISOString(),
                InterviewStartTime: this.startedAt.toISOString(),
                FaultMessage: this.faultMessage,
                CurrentRecord: null,
                InterviewGuid: 'preview-interview'
            };
            return rest.length ? (g[rest[0]] ?? null) : null;
        }
        if (head === '$User') value = this.options.user;
        else if (head === '$GlobalConstant') {
            const c: Rec = { True: true, False: false, EmptyString: '', Null: null };
            return c[rest[0]] ?? null;
        } else {
            const name = this.vars.has(head) ? head : this.lowerNames.get(head.toLowerCase());
            if (name !== undefined) value = this.vars.get(name);
            else if (this.flow.constants.has(head)) value = this.valueOf(this.flow.constants.get(head)!.value);
            else if (this.flow.formulas.has(head)) value = this.formula(head);
            else if (this.flow.textTemplates.has(head)) value = this.template(this.flow.textTemplates.get(head)!.text);
            else throw new FlowFault(`The flow references '${path.join('.')}', which is not a resource of the flow.`);
        }
        for (const seg of rest) {
            if (!isRecord(value)) return null;
            value = getField(value, seg);
            if (value === undefined) value = null;
        }
        return value === undefined ? null : value;
    }

    private formula(name: string): unknown {
        const f = this.flow.formulas.get(name)!;
        try {
            const v = evaluateFormula(f.expression, this.scope(), { now: this.now });
            return f.dataType === 'Number' || f.dataType === 'Currency' ? (v === null ? null : Number(v)) : v;
        } catch (e) {
            throw new FlowFault(`Formula '${name}' could not be evaluated: ${(e as Error).message}`, name);
        }
    }

    private template(text: string): string {
        if (!text.includes('{!')) return text;
        try {
            return String(resolveValue(text, this.scope(), { now: this.now }) ?? '');
        } catch (e) {
            throw new FlowFault(`Text '${text}' could not be resolved: ${(e as Error).message}`);
        }
    }

    /** A <value> element: stringValue / numberValue / booleanValue / dateValue / dateTimeValue / elementReference. */
    valueOf(v: FlowValue | undefined): unknown {
        if (!v || typeof v !== 'object') return null;
        if (v.elementReference !== undefined) return this.resolveReference(str(v.elementReference)!);
        if (v.stringValue !== undefined) return this.template(str(v.stringValue)!);
        if (v.numberValue !== undefined) return Number(str(v.numberValue));
        if (v.booleanValue !== undefined) return str(v.booleanValue) === 'true';
        if (v.dateValue !== undefined) return str(v.dateValue);
        if (v.dateTimeValue !== undefined) return str(v.dateTimeValue);
        return null;
    }

    private assignTo(ref: string, value: unknown): void {
        const [head, ...rest] = ref.trim().split('.');
        const name = this.vars.has(head) ? head : (this.lowerNames.get(head.toLowerCase()) ?? head);
        if (!rest.length) {
            this.setVar(name, Array.isArray(value) ? [...value] : value);
            return;
        }
        const current = this.vars.get(name);
        const rec: Rec = isRecord(current) ? { ...current } : {};
        let node = rec;
        for (let i = 0; i < rest.length - 1; i++) {
            const child = isRecord(node[rest[i]]) ? { ...(node[rest[i]] as Rec) } : {};
            node[rest[i]] = child;
            node = child;
        }
        node[rest[rest.length - 1]] = value;
        this.setVar(name, rec);
    }

    // ------------------------------------------------------------------ elements

    private assignment(node: FlowNode): string | undefined {
        for (const item of list(node.raw.assignmentItems)) {
            const ref = str(item.assignToReference)!;
            const op = str(item.operator)!;
            const value = this.valueOf(item.value as FlowValue);
            const current = this.resolveReference(ref);
            switch (op) {
                case 'Assign':
                    this.assignTo(ref, value);
                    break;
                case 'Add':
                case 'AddItem':
                    if (Array.isArray(current))
                        this.assignTo(ref, [...current, ...(Array.isArray(value) ? value : [value])]);
                    else if (typeof current === 'number' || typeof value === 'number')
                        this.assignTo(ref, Number(current ?? 0) + Number(value ?? 0));
                    else this.assignTo(ref, String(current ?? '') + String(value ?? ''));
                    break;
                case 'Subtract':
                    this.assignTo(ref, Number(current ?? 0) - Number(value ?? 0));
                    break;
                case 'AssignCount':
                    this.assignTo(ref, Array.isArray(value) ? value.length : value === null ? 0 : 1);
                    break;
                case 'RemoveAll':
                    if (Array.isArray(current)) {
                        const remove = Array.isArray(value) ? value : [value];
                        this.assignTo(
                            ref,
                            current.filter((x) => !remove.some((r) => eqValues(x, r)))
                        );
                        break;
                    }
                    throw new FlowFault(
                        `Assignment '${node.name}': RemoveAll needs a collection in ${ref}.`,
                        node.name
                    );
                default:
                    throw new UnsupportedElement(
                        `assignments '${node.name}' (operator ${op}) is not supported in the local preview`,
                        node.name
                    );
            }
        }
        return targetOf(node.raw.connector);
    }

    private condition(c: Raw): boolean {
        const left = this.resolveReference(str(c.leftValueReference)!);
        const op = str(c.operator)!;
        const right = this.valueOf(c.rightValue as FlowValue);
        return this.compare(left, op, right, `condition on ${str(c.leftValueReference)}`);
    }

    private compare(left: unknown, op: string, right: unknown, where: string): boolean {
        switch (op) {
            case 'EqualTo':
                return eqValues(left, right);
            case 'NotEqualTo':
                return !eqValues(left, right);
            case 'GreaterThan':
                return !isBlankValue(left) && !isBlankValue(right) && cmpValues(left, right) > 0;
            case 'LessThan':
                return !isBlankValue(left) && !isBlankValue(right) && cmpValues(left, right) < 0;
            case 'GreaterThanOrEqualTo':
                return !isBlankValue(left) && !isBlankValue(right) && cmpValues(left, right) >= 0;
            case 'LessThanOrEqualTo':
                return !isBlankValue(left) && !isBlankValue(right) && cmpValues(left, right) <= 0;
            case 'Contains':
                return Array.isArray(left)
                    ? left.some((x) => eqValues(x, right))
                    : String(left ?? '').includes(String(right ?? ''));
            case 'StartsWith':
                return String(left ?? '').startsWith(String(right ?? ''));
            case 'EndsWith':
                return String(left ?? '').endsWith(String(right ?? ''));
            case 'IsNull':
                return (left === null || left === undefined) === (right === true || right === 'true');
            case 'IsBlank':
                return isBlankValue(left) === (right === true || right === 'true');
            case 'IsEmpty':
                return (!Array.isArray(left) || left.length === 0) === (right === true || right === 'true');
            case 'In':
            case 'NotIn': {
                const values = Array.isArray(right) ? right : [right];
                const member = values.some((x) => eqValues(left, x));
                return op === 'In' ? member : !member;
            }
            default:
                throw new UnsupportedElement(`operator ${op} (${where}) is not supported in the local preview`);
        }
    }

    private logic(logic: string | undefined, results: (() => boolean)[]): boolean {
        const l = (logic ?? 'and').trim().toLowerCase();
        if (l === 'and') return results.every((r) => r());
        if (l === 'or') return results.some((r) => r());
        const walk = (n: LogicNode): boolean =>
            n.kind === 'condition'
                ? results[n.index - 1]()
                : n.kind === 'not'
                  ? !walk(n.operand)
                  : n.kind === 'and'
                    ? n.operands.every(walk)
                    : n.operands.some(walk);
        return walk(parseLogic(logic!, results.length));
    }

    private decision(node: FlowNode): string | undefined {
        for (const rule of list(node.raw.rules)) {
            const conditions = list(rule.conditions);
            if (
                this.logic(
                    str(rule.conditionLogic),
                    conditions.map((c) => () => this.condition(c))
                )
            ) {
                return targetOf(rule.connector);
            }
        }
        return targetOf(node.raw.defaultConnector);
    }

    private loop(node: FlowNode): string | undefined {
        let state = this.loops.get(node.name);
        if (!state) {
            const items = this.resolveReference(str(node.raw.collectionReference)!);
            const arr = Array.isArray(items) ? [...items] : [];
            if (str(node.raw.iterationOrder) === 'Desc') arr.reverse();
            state = { items: arr, index: 0 };
            this.loops.set(node.name, state);
        }
        if (state.index < state.items.length) {
            const item = state.items[state.index++];
            this.setVar(node.name, item); // current item of the loop ({!Loop_Name})
            const target = str(node.raw.assignNextValueToReference);
            if (target) this.assignTo(target, item);
            return targetOf(node.raw.nextValueConnector);
        }
        this.loops.delete(node.name);
        return targetOf(node.raw.noMoreValuesConnector);
    }

    private filterPredicate(objectName: string, raw: Raw, where: string): (rec: SObject) => boolean {
        const filters = list(raw.filters);
        const preds = filters.map((f) => {
            const field = str(f.field)!;
            if (!this.store.schema.field(objectName, field)) {
                throw new DmlError('INVALID_FIELD', `No such column '${field}' on entity '${objectName}' (${where}).`);
            }
            const op = str(f.operator)!;
            const value = this.valueOf(f.value as FlowValue);
            // SOQL: text comparisons are case-insensitive
            const norm = (x: unknown) => (typeof x === 'string' ? x.toLowerCase() : x);
            // normalized once per element, not once per record (a chunk's Id In filter scans the whole table)
            const right = Array.isArray(value) ? value.map(norm) : norm(value);
            // In / NotIn over non-blank texts: a set lookup gives what eqValues gives for a text or blank left side
            const members =
                (op === 'In' || op === 'NotIn') &&
                Array.isArray(right) &&
                right.every((x) => typeof x === 'string' && x !== '')
                    ? new Set(right as string[])
                    : null;
            return (rec: SObject) => {
                const v = norm(this.store.valueOf(objectName, rec, field));
                if (members && (typeof v === 'string' || v === null || v === undefined)) {
                    const member = typeof v === 'string' && v !== '' && members.has(v);
                    return op === 'In' ? member : !member;
                }
                return this.compare(v, op, right, `${where} filter on ${field}`);
            };
        });
        return (rec) =>
            this.logic(
                str(raw.filterLogic),
                preds.map((p) => () => p(rec))
            );
    }

    private objectOfRaw(node: FlowNode): string {
        const obj = str(node.raw.object);
        if (!obj) throw new FlowFault(`${node.type} '${node.name}' has no object.`, node.name);
        return obj;
    }

    private lookup(node: FlowNode): string | undefined {
        const obj = this.objectOfRaw(node);
        const pred = this.filterPredicate(obj, node.raw, `${node.type} '${node.name}'`);
        let rows = this.store.all(obj).filter(pred);
        const sortField = str(node.raw.sortField);
        if (sortField) {
            const dir = str(node.raw.sortOrder) === 'Desc' ? -1 : 1;
            rows = [...rows].sort((a, b) => {
                const va = a[sortField];
                const vb = b[sortField];
                if (isBlankValue(va) !== isBlankValue(vb)) return isBlankValue(va) ? 1 : -1;
                return (cmpValues(va, vb) || cmpValues(a.Id, b.Id)) * dir;
            });
        }
        const limit = Number(str(node.raw.limit) ?? NaN);
        if (!Number.isNaN(limit)) rows = rows.slice(0, limit);
        const first = str(node.raw.getFirstRecordOnly) === 'true';
        const copies = rows.map((r) => ({ ...r }));
        const result = first ? (copies[0] ?? null) : copies;
        if (str(node.raw.storeOutputAutomatically) === 'true') this.setVar(node.name, result);
        const outRef = str(node.raw.outputReference);
        if (outRef) this.assignTo(outRef, result);
        const assignments = list(node.raw.outputAssignments);
        if (assignments.length) {
            const rec = copies[0];
            const nullsIfNone = str(node.raw.assignNullValuesIfNoRecordsFound) === 'true';
            for (const a of assignments) {
                if (rec) this.assignTo(str(a.assignToReference)!, getField(rec, str(a.field)!) ?? null);
                else if (nullsIfNone) this.assignTo(str(a.assignToReference)!, null);
            }
        }
        return targetOf(node.raw.connector);
    }

    private fieldsOf(rec: Rec): Rec {
        const out: Rec = {};
        for (const [k, v] of Object.entries(rec)) {
            if (k === 'Id' || k === 'attributes' || isRecord(v) || Array.isArray(v)) continue;
            out[k] = v;
        }
        return out;
    }

    private inputAssignments(node: FlowNode): Rec {
        const out: Rec = {};
        for (const a of list(node.raw.inputAssignments)) out[str(a.field)!] = this.valueOf(a.value as FlowValue);
        return out;
    }

    private writableFields(objectName: string, rec: Rec): Rec {
        // a record variable may carry read-only fields from a Get Records (Name, CreatedDate): an update ignores them
        const out: Rec = {};
        for (const [k, v] of Object.entries(this.fieldsOf(rec))) {
            const f = this.store.schema.field(objectName, k);
            if (f && f.calculated) continue;
            out[k] = v;
        }
        return out;
    }

    private recordsOfReference(node: FlowNode, ref: string): Rec[] {
        const value = this.resolveReference(ref);
        if (value === null) return [];
        const recs = Array.isArray(value) ? value : [value];
        for (const r of recs) {
            if (!isRecord(r))
                throw new FlowFault(`${node.type} '${node.name}': ${ref} does not hold records.`, node.name);
        }
        return recs as Rec[];
    }

    private objectOfRecord(node: FlowNode, ref: string, rec: Rec): string {
        const varName = ref.split('.')[0];
        const declared = this.flow.variables.get(varName)?.objectType;
        const id = typeof rec.Id === 'string' ? rec.Id : undefined;
        const obj = declared ?? (id ? this.store.schema.objectOfId(id)?.name : undefined) ?? str(node.raw.object);
        if (!obj) throw new FlowFault(`${node.type} '${node.name}': cannot tell the object of ${ref}.`, node.name);
        return obj;
    }

    private create(node: FlowNode): string | undefined {
        const ref = str(node.raw.inputReference);
        if (ref) {
            const recs = this.recordsOfReference(node, ref);
            const created = recs.map((r) => {
                const obj = this.objectOfRecord(node, ref, r);
                return { ...r, Id: this.store.insert(obj, this.writableFields(obj, r)).Id };
            });
            const current = this.resolveReference(ref);
            this.assignTo(ref, Array.isArray(current) ? created : (created[0] ?? null));
        } else {
            const obj = this.objectOfRaw(node);
            const rec = this.store.insert(obj, this.inputAssignments(node));
            const idRef = str(node.raw.assignRecordIdToReference);
            if (idRef) this.assignTo(idRef, rec.Id);
            if (str(node.raw.storeOutputAutomatically) === 'true') this.setVar(node.name, rec.Id);
        }
        return targetOf(node.raw.connector);
    }

    private update(node: FlowNode): string | undefined {
        const ref = str(node.raw.inputReference);
        if (ref) {
            for (const r of this.recordsOfReference(node, ref)) {
                if (typeof r.Id !== 'string')
                    throw new DmlError('MISSING_ARGUMENT', 'Id not specified in an update call');
                const obj = this.objectOfRecord(node, ref, r);
                this.store.update(obj, r.Id, this.writableFields(obj, r));
            }
        } else {
            const obj = this.objectOfRaw(node);
            const pred = this.filterPredicate(obj, node.raw, `${node.type} '${node.name}'`);
            const values = this.inputAssignments(node);
            for (const rec of this.store.all(obj).filter(pred)) this.store.update(obj, rec.Id, values);
        }
        return targetOf(node.raw.connector);
    }

    private remove(node: FlowNode): string | undefined {
        const ref = str(node.raw.inputReference);
        if (ref) {
            for (const r of this.recordsOfReference(node, ref)) {
                const obj = this.objectOfRecord(node, ref, r);
                this.store.delete(obj, String(r.Id));
            }
        } else {
            const obj = this.objectOfRaw(node);
            const pred = this.filterPredicate(obj, node.raw, `${node.type} '${node.name}'`);
            for (const rec of this.store.all(obj).filter(pred)) this.store.delete(obj, rec.Id);
        }
        return targetOf(node.raw.connector);
    }

    private customError(node: FlowNode): never {
        const messages = list(node.raw.customErrorMessages).map((m) => this.template(str(m.errorMessage) ?? ''));
        throw new FlowFault(messages.join(' ') || `Custom error '${node.name}'.`, node.name);
    }

    private step(node: FlowNode): string | undefined {
        switch (node.type) {
            case 'assignments':
                return this.assignment(node);
            case 'decisions':
                return this.decision(node);
            case 'loops':
                return this.loop(node);
            case 'recordLookups':
                return this.lookup(node);
            case 'recordCreates':
                return this.create(node);
            case 'recordUpdates':
                return this.update(node);
            case 'recordDeletes':
                return this.remove(node);
            case 'customErrors':
                return this.customError(node);
            default:
                throw new UnsupportedElement(
                    `${node.type} '${node.name}' is not supported in the local preview`,
                    node.name
                );
        }
    }

    /** Sets the inputs (already coerced by the caller), runs from the start, returns the output variables. */
    run(inputs: Record<string, unknown>): RunResult {
        for (const [name, value] of Object.entries(inputs)) this.setVar(name, value);
        let current = this.flow.startTarget;
        const maxSteps = this.options.maxSteps ?? 100000;
        let steps = 0;
        while (current) {
            const node = this.flow.nodes.get(current);
            if (!node) throw new FlowFault(`The flow connects to '${current}', which is not an element of the flow.`);
            if (++steps > maxSteps)
                throw new FlowFault(`The flow ran more than ${maxSteps} elements; is a loop endless?`, node.name);
            this.trace.push(node.name);
            try {
                current = this.step(node);
            } catch (e) {
                if (e instanceof UnsupportedElement) throw e;
                const fault = node.raw.faultConnector ? targetOf(node.raw.faultConnector) : undefined;
                const message =
                    e instanceof DmlError && DML_VERB[node.type]
                        ? `This error occurred when the flow tried to ${DML_VERB[node.type]}: ${e.message}. You can look up ExceptionCode values in the SOAP API Developer Guide.`
                        : (e as Error).message;
                if (fault && (e instanceof DmlError || e instanceof FlowFault) && node.type !== 'customErrors') {
                    this.faultMessage = message;
                    current = fault;
                    continue;
                }
                throw e instanceof FlowFault
                    ? new FlowFault(message, e.element ?? node.name)
                    : new FlowFault(message, node.name);
            }
        }
        const outputs: Record<string, unknown> = {};
        for (const v of this.flow.variables.values()) if (v.isOutput) outputs[v.name] = this.vars.get(v.name) ?? null;
        return { outputs, trace: this.trace };
    }
}
