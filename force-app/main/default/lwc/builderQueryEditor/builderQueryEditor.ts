import { LightningElement, api } from 'lwc';
// the validator's text types are the only searchable ones
import { fieldValueType, TEXT_TYPES } from 'c/dcDefinition';
import type { DefinitionProblem, ValueType } from 'c/dcDefinition';
import {
    conditionValueInput,
    defaultConditionValue,
    defaultOperator,
    isOperatorAllowed,
    operatorChoiceValue,
    operatorChoices,
    parseOperatorChoice,
    valueFitsCondition
} from 'c/dcBuilder';
import type { BuilderEdit, BuilderField, BuilderObject, EditorContext, ObjectSummary } from 'c/dcBuilder';

type Json = Record<string, unknown>;

interface Option {
    value: string;
    label: string;
    description?: string;
    group?: string;
}

const TYPE_LABELS: Record<string, string> = {
    STRING: 'Text',
    TEXTAREA: 'Text area',
    EMAIL: 'Email',
    PHONE: 'Phone',
    URL: 'URL',
    PICKLIST: 'Picklist',
    MULTIPICKLIST: 'Multi-select picklist',
    COMBOBOX: 'Picklist',
    ID: 'Id',
    REFERENCE: 'Lookup',
    DOUBLE: 'Number',
    INTEGER: 'Number',
    LONG: 'Number',
    PERCENT: 'Percent',
    CURRENCY: 'Currency',
    BOOLEAN: 'Checkbox',
    DATE: 'Date',
    DATETIME: 'Date/Time',
    TIME: 'Time'
};

const REL_PREFIX = 'rel:';
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_MAX_ROWS = 50000;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function clone<T>(v: T): T {
    return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function typeLabel(type: string | undefined): string {
    const t = (type ?? '').toUpperCase();
    return TYPE_LABELS[t] ?? (t ? t.charAt(0) + t.slice(1).toLowerCase() : 'Unknown type');
}

function fieldsOf(object: BuilderObject | undefined): BuilderField[] {
    return object
        ? Object.values(object.fields).sort((a, b) => (a.label ?? a.name).localeCompare(b.label ?? b.name))
        : [];
}

/** "Account ID" → "Account" (the relationship as admins read it). */
function relationshipLabel(field: BuilderField): string {
    return (field.label ?? field.relationshipName ?? field.name).replace(/\s+ID$/i, '');
}

/**
 * Editor of a query: object (searchable, services.listObjects()), the fields read (add with one level of
 * relationship traversal such as Account.Name, remove, reorder), the type-aware condition builder (operators by
 * field type from dcBuilder operators, value inputs by type, picklist values, or a merge field through
 * c-builder-mapping-picker), condition logic (all, any, custom), sort order, search fields (text fields only), page
 * size and maximum rows.
 *
 * Inputs (@api): node (the query), path ('queries[0]'), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed).
 */
export default class BuilderQueryEditor extends LightningElement {
    @api path = '';

    objects: ObjectSummary[] = [];
    objectsLoading = false;
    servicesError = '';
    /** Bumped when a describe arrives. */
    loadVersion = 0;
    /** The relationship picked in the first step of "Add field" (Account), whose fields the second step lists. */
    relationPick = '';
    /** Conditions whose admin chose "merge field" before picking one (by index). */
    pendingMerge: number[] = [];

    private query: Json = {};
    private editorContext?: EditorContext;
    private requested = new Set<string>();

    @api
    get node(): Json {
        return this.query;
    }
    set node(value: Json) {
        const previousObject = this.query.object;
        this.query = isObject(value) ? value : {};
        if (previousObject !== this.query.object) this.relationPick = '';
        // a new node (after any edit) shows the value source each condition value has
        this.pendingMerge = [];
        this.requestDescribes();
    }

    @api
    get context(): EditorContext | undefined {
        return this.editorContext;
    }
    set context(value: EditorContext | undefined) {
        this.editorContext = value;
        this.requestDescribes();
    }

    override connectedCallback(): void {
        const services = this.editorContext?.services;
        if (!services) return;
        this.objectsLoading = true;
        services.listObjects().then(
            (objects) => {
                this.objects = objects;
                this.objectsLoading = false;
            },
            (error: { message?: string }) => {
                this.objectsLoading = false;
                this.servicesError = `Could not list the objects: ${error?.message ?? 'unknown error'}.`;
            }
        );
        this.requestDescribes();
    }

    // ---------------------------------------------------------------- schema

    private cached(name: string | undefined): BuilderObject | undefined {
        if (!name || this.loadVersion < 0) return undefined;
        return this.editorContext?.services?.cachedObject(name);
    }

    private requestObject(name: string): void {
        const services = this.editorContext?.services;
        if (!services || !name || this.requested.has(name) || services.cachedObject(name)) return;
        this.requested.add(name);
        services.describeObject(name).then(
            () => {
                this.loadVersion++;
                this.requestDescribes();
            },
            (error: { message?: string }) => {
                if (name === this.objectName) {
                    this.servicesError = `Could not read the fields of ${name}: ${error?.message ?? 'unknown error'}.`;
                }
            }
        );
    }

    /** The query object, and the parents of the fields it reads (Account for Account.Name). */
    private requestDescribes(): void {
        if (!this.editorContext?.services || !this.objectName) return;
        this.requestObject(this.objectName);
        for (const path of [...this.fields, ...this.conditionFields()]) this.resolveField(path);
        if (this.relationPick) this.relationTarget(this.relationPick);
    }

    private conditionFields(): string[] {
        return this.conditions.map((c) => (typeof c.field === 'string' ? c.field : '')).filter(Boolean);
    }

    private lookupByRelationship(object: BuilderObject | undefined, relationship: string): BuilderField | undefined {
        const lower = relationship.toLowerCase();
        return Object.values(object?.fields ?? {}).find((f) => f.relationshipName?.toLowerCase() === lower);
    }

    /** The object a relationship of the query object leads to; requests its describe. */
    private relationTarget(relationship: string): BuilderObject | undefined {
        const lookup = this.lookupByRelationship(this.objectDescribe, relationship);
        const target = lookup?.referenceTo?.length === 1 ? lookup.referenceTo[0] : undefined;
        if (!target) return undefined;
        this.requestObject(target);
        return this.cached(target);
    }

    /** The describe of a field path (Email, Account.Name, Account.Owner.Name); undefined until known. */
    private resolveField(path: string): BuilderField | undefined {
        let object = this.objectDescribe;
        const segments = path.split('.');
        for (let i = 0; object && i < segments.length; i++) {
            if (i === segments.length - 1) {
                const lower = segments[i].toLowerCase();
                return Object.values(object.fields).find((f) => f.name.toLowerCase() === lower);
            }
            const lookup = this.lookupByRelationship(object, segments[i]);
            const target = lookup?.referenceTo?.length === 1 ? lookup.referenceTo[0] : undefined;
            if (!target) return undefined;
            this.requestObject(target);
            object = this.cached(target);
        }
        return undefined;
    }

    /** "Account › Account Name" for Account.Name, the field label for a direct field. */
    private fieldLabel(path: string): string {
        const segments = path.split('.');
        const field = this.resolveField(path);
        const last = field?.label ?? segments[segments.length - 1];
        if (segments.length === 1) return last;
        const lookup = this.lookupByRelationship(this.objectDescribe, segments[0]);
        return [lookup ? relationshipLabel(lookup) : segments[0], ...segments.slice(1, -1), last].join(' › ');
    }

    private fieldOption(path: string, group?: string): Option {
        const field = this.resolveField(path);
        return {
            value: path,
            label: this.fieldLabel(path),
            description: `${path} · ${field ? typeLabel(field.type) : 'not described'}`,
            group
        };
    }

    // ---------------------------------------------------------------- node values

    get objectName(): string {
        return typeof this.query.object === 'string' ? this.query.object : '';
    }

    get objectDescribe(): BuilderObject | undefined {
        return this.cached(this.objectName);
    }

    get name(): string {
        return typeof this.query.name === 'string' ? this.query.name : '';
    }

    get fields(): string[] {
        return strings(this.query.fields);
    }

    get where(): Json | undefined {
        return isObject(this.query.where) ? this.query.where : undefined;
    }

    get conditions(): Json[] {
        const list = this.where?.conditions;
        return Array.isArray(list) ? list.map((c) => (isObject(c) ? c : {})) : [];
    }

    get orderBy(): Json[] {
        return Array.isArray(this.query.orderBy) ? this.query.orderBy.map((o) => (isObject(o) ? o : {})) : [];
    }

    get searchFields(): string[] {
        return strings(this.query.searchFields);
    }

    get pageSize(): string {
        return typeof this.query.pageSize === 'number' ? String(this.query.pageSize) : '';
    }

    get maxRows(): string {
        return typeof this.query.maxRows === 'number' ? String(this.query.maxRows) : '';
    }

    get hasObject(): boolean {
        return Boolean(this.objectName);
    }

    // ---------------------------------------------------------------- object and fields

    get objectOptions(): Option[] {
        return this.objects.map((o) => ({
            value: o.name,
            label: o.label,
            description: o.isCustom ? `${o.name} · custom` : o.name,
            group: o.isCustom ? 'Custom objects' : 'Standard objects'
        }));
    }

    get objectHelp(): string {
        const reset = this.fields.length || this.where || this.orderBy.length || this.searchFields.length;
        return reset ? 'Changing the object clears the fields, conditions, sort order and search fields.' : '';
    }

    get addFieldOptions(): Option[] {
        const listed = new Set(this.fields.map((f) => f.toLowerCase()));
        const options: Option[] = [];
        const relations: Option[] = [];
        for (const f of fieldsOf(this.objectDescribe)) {
            if (f.accessible === false) continue;
            if (!listed.has(f.name.toLowerCase()) && f.name !== 'Id') {
                options.push({
                    value: f.name,
                    label: f.label ?? f.name,
                    description: `${f.name} · ${typeLabel(f.type)}`,
                    group: 'Fields'
                });
            }
            if (f.relationshipName && f.referenceTo?.length) {
                const target = f.referenceTo.length === 1 ? f.referenceTo[0] : f.referenceTo.join(' or ');
                relations.push({
                    value: `${REL_PREFIX}${f.relationshipName}`,
                    label: `${relationshipLabel(f)} ›`,
                    description: `Fields of the related ${target} (${f.relationshipName})`,
                    group: 'Related objects'
                });
            }
        }
        return [...options, ...relations];
    }

    get isPickingRelation(): boolean {
        return Boolean(this.relationPick);
    }

    get relationLabel(): string {
        const lookup = this.lookupByRelationship(this.objectDescribe, this.relationPick);
        return lookup ? relationshipLabel(lookup) : this.relationPick;
    }

    get relatedFieldLabel(): string {
        return `Field of ${this.relationLabel}`;
    }

    get relatedFieldOptions(): Option[] {
        const lookup = this.lookupByRelationship(this.objectDescribe, this.relationPick);
        const listed = new Set(this.fields.map((f) => f.toLowerCase()));
        const rel = lookup?.relationshipName ?? this.relationPick;
        if (lookup && (lookup.referenceTo?.length ?? 0) > 1) {
            // polymorphic lookups (Who, What) only have the fields all their targets share
            return ['Id', 'Name']
                .filter((f) => !listed.has(`${rel}.${f}`.toLowerCase()))
                .map((f) => ({ value: `${rel}.${f}`, label: f, description: `${rel}.${f}` }));
        }
        const target = this.relationTarget(this.relationPick);
        return fieldsOf(target)
            .filter((f) => f.accessible !== false && !listed.has(`${rel}.${f.name}`.toLowerCase()))
            .map((f) => ({
                value: `${rel}.${f.name}`,
                label: f.label ?? f.name,
                description: `${rel}.${f.name} · ${typeLabel(f.type)}`
            }));
    }

    get relatedFieldsLoading(): boolean {
        const lookup = this.lookupByRelationship(this.objectDescribe, this.relationPick);
        return Boolean(lookup && lookup.referenceTo?.length === 1 && !this.cached(lookup.referenceTo[0]));
    }

    get fieldItems(): Json[] {
        const fields = this.fields;
        return fields.map((f, i) => {
            const field = this.resolveField(f);
            return {
                key: `${i}:${f}`,
                index: i,
                name: f,
                label: this.fieldLabel(f),
                type: field ? typeLabel(field.type) : '',
                problem: this.problemText(`${this.path}.fields[${i}]`),
                upLabel: `Move field ${f} up`,
                downLabel: `Move field ${f} down`,
                removeLabel: `Remove field ${f}`,
                isFirst: i === 0,
                isLast: i === fields.length - 1
            };
        });
    }

    get hasFields(): boolean {
        return this.fields.length > 0;
    }

    // ---------------------------------------------------------------- conditions

    /** Fields a condition can filter on: the object's filterable fields and the parent fields the query reads. */
    private conditionFieldOptions(current: string): Option[] {
        const options: Option[] = fieldsOf(this.objectDescribe)
            .filter((f) => f.filterable && f.accessible !== false)
            .map((f) => ({
                value: f.name,
                label: f.label ?? f.name,
                description: `${f.name} · ${typeLabel(f.type)}`,
                group: this.objectName
            }));
        const seen = new Set(options.map((o) => o.value.toLowerCase()));
        for (const path of [...this.fields.filter((f) => f.includes('.')), current]) {
            if (!path || seen.has(path.toLowerCase())) continue;
            const field = this.resolveField(path);
            if (field && !field.filterable) continue;
            seen.add(path.toLowerCase());
            options.push(this.fieldOption(path, 'Related fields'));
        }
        return options;
    }

    get addConditionOptions(): Option[] {
        return this.conditionFieldOptions('');
    }

    get conditionItems(): Json[] {
        const conditions = this.conditions;
        return conditions.map((c, i) => {
            const number = i + 1;
            const cpath = `${this.path}.where.conditions[${i}]`;
            const fieldName = typeof c.field === 'string' ? c.field : '';
            const field = fieldName ? this.resolveField(fieldName) : undefined;
            const operator = typeof c.operator === 'string' ? c.operator : '';
            const input = conditionValueInput(field, operator);
            const mergeField = typeof c.value === 'string' && c.value.includes('{!');
            const isMerge = input.kind !== 'none' && (mergeField || this.pendingMerge.includes(i));
            const picklist = (field?.picklistValues ?? [])
                .filter((p) => p.active !== false)
                .map((p) => ({ label: p.label, value: p.value }));
            const values = Array.isArray(c.value) ? c.value : [];
            for (const v of [...values, ...(Array.isArray(c.value) ? [] : [c.value])]) {
                if (typeof v === 'string' && v && !mergeField && !picklist.some((p) => p.value === v)) {
                    picklist.push({ label: `${v} (not a value of this field)`, value: v });
                }
            }
            const literal = !isMerge && input.kind !== 'none';
            const single = literal && !input.multiple;
            const target: ValueType = { ...fieldValueType(field), isCollection: input.multiple };
            return {
                key: `${i}`,
                index: i,
                number,
                path: cpath,
                field: fieldName,
                fieldLabel: `Field of condition ${number}`,
                fieldOptions: this.conditionFieldOptions(fieldName),
                fieldProblem: this.problemText(`${cpath}.field`),
                operatorLabel: `Operator of condition ${number}`,
                operatorValue: operatorChoiceValue(operator, c.value),
                operatorOptions: operatorChoices(field?.type).map((o) => ({ label: o.label, value: o.value })),
                operatorProblem: this.problemText(`${cpath}.operator`),
                valueLabel: `Value of condition ${number}`,
                valuesLabel: `Values of condition ${number}`,
                valueProblem: this.problemText(`${cpath}.value`),
                needsValue: input.kind !== 'none',
                mergeToggleLabel: `Compare condition ${number} with a merge field`,
                isMerge,
                mergeValue: mergeField ? c.value : '',
                mergeTarget: target,
                isText: single && input.kind === 'text',
                isNumber: single && input.kind === 'number',
                isCheckbox: single && input.kind === 'checkbox',
                isDate: single && input.kind === 'date',
                isDateTime: single && input.kind === 'datetime',
                isPicklist: single && input.kind === 'picklist',
                isPicklistList: literal && input.multiple && input.kind === 'picklist',
                isValueList: literal && input.multiple && input.kind !== 'picklist',
                textValue:
                    !Array.isArray(c.value) && c.value !== undefined && c.value !== null && !mergeField
                        ? String(c.value)
                        : '',
                checked: c.value === true,
                listValue: values.map((v) => String(v)).join('\n'),
                selectedValues: values.map((v) => String(v)),
                picklistOptions: picklist,
                upLabel: `Move condition ${number} up`,
                downLabel: `Move condition ${number} down`,
                removeLabel: `Remove condition ${number}`,
                isFirst: i === 0,
                isLast: i === conditions.length - 1
            };
        });
    }

    get hasConditions(): boolean {
        return this.conditions.length > 0;
    }

    get showLogic(): boolean {
        return this.conditions.length > 1;
    }

    get logicMode(): string {
        const logic = typeof this.where?.logic === 'string' ? this.where.logic.trim().toUpperCase() : '';
        if (!logic || logic === 'AND') return 'AND';
        return logic === 'OR' ? 'OR' : 'custom';
    }

    get logicOptions(): Option[] {
        return [
            { label: 'All conditions are met (AND)', value: 'AND' },
            { label: 'Any condition is met (OR)', value: 'OR' },
            { label: 'Custom condition logic', value: 'custom' }
        ];
    }

    get isCustomLogic(): boolean {
        return this.logicMode === 'custom';
    }

    get customLogic(): string {
        return typeof this.where?.logic === 'string' ? this.where.logic : '';
    }

    get logicHelp(): string {
        return 'Use the condition numbers with AND, OR, NOT and parentheses, e.g. 1 AND (2 OR 3); use every condition.';
    }

    get logicProblem(): string {
        return this.problemText(`${this.path}.where.logic`);
    }

    get whereProblem(): string {
        const p = `${this.path}.where`;
        return (this.editorContext?.problems ?? [])
            .filter((x) => x.path === p || x.path === `${p}.conditions`)
            .map((x) => x.message)
            .join(' ');
    }

    // ---------------------------------------------------------------- sort, search, limits

    private sortFieldOptions(current: string): Option[] {
        const options: Option[] = fieldsOf(this.objectDescribe)
            .filter((f) => f.sortable && f.accessible !== false)
            .map((f) => ({
                value: f.name,
                label: f.label ?? f.name,
                description: `${f.name} · ${typeLabel(f.type)}`,
                group: this.objectName
            }));
        const seen = new Set(options.map((o) => o.value.toLowerCase()));
        for (const path of [...this.fields.filter((f) => f.includes('.')), current]) {
            if (!path || seen.has(path.toLowerCase())) continue;
            const field = this.resolveField(path);
            if (field && !field.sortable) continue;
            seen.add(path.toLowerCase());
            options.push(this.fieldOption(path, 'Related fields'));
        }
        return options;
    }

    get addSortOptions(): Option[] {
        const used = new Set(this.orderBy.map((o) => String(o.field).toLowerCase()));
        return this.sortFieldOptions('').filter((o) => !used.has(o.value.toLowerCase()));
    }

    get directionOptions(): Option[] {
        return [
            { label: 'Ascending (A–Z, 0–9)', value: 'asc' },
            { label: 'Descending (Z–A, 9–0)', value: 'desc' }
        ];
    }

    get sortItems(): Json[] {
        const list = this.orderBy;
        return list.map((o, i) => {
            const number = i + 1;
            const field = typeof o.field === 'string' ? o.field : '';
            const opath = `${this.path}.orderBy[${i}]`;
            const shown = field || String(number);
            return {
                key: `${i}`,
                index: i,
                field,
                direction: o.direction === 'desc' ? 'desc' : 'asc',
                fieldLabel: `Sort field ${number}`,
                directionLabel: `Direction of sort field ${number}`,
                fieldOptions: this.sortFieldOptions(field),
                problem: this.problemText(opath),
                upLabel: `Move sort field ${shown} up`,
                downLabel: `Move sort field ${shown} down`,
                removeLabel: `Remove sort field ${shown}`,
                isFirst: i === 0,
                isLast: i === list.length - 1
            };
        });
    }

    get hasSort(): boolean {
        return this.orderBy.length > 0;
    }

    get searchFieldOptions(): Option[] {
        const options: Option[] = [];
        for (const path of this.fields) {
            const field = this.resolveField(path);
            if (field && TEXT_TYPES.has(field.type.toUpperCase()) && field.filterable) {
                options.push({ label: `${this.fieldLabel(path)} (${path})`, value: path });
            }
        }
        for (const path of this.searchFields) {
            if (!options.some((o) => o.value === path))
                options.push({ label: `${path} (not a text field of this query)`, value: path });
        }
        return options;
    }

    get hasSearchFieldOptions(): boolean {
        return this.searchFieldOptions.length > 0;
    }

    get searchHelp(): string {
        return "The table's search box looks in these text fields of the query.";
    }

    get noSearchFieldsText(): string {
        return 'Add text fields (Text, Email, Phone, Picklist, ...) to the query to search them.';
    }

    get pageSizePlaceholder(): string {
        return String(DEFAULT_PAGE_SIZE);
    }

    get maxRowsPlaceholder(): string {
        return String(DEFAULT_MAX_ROWS);
    }

    // ---------------------------------------------------------------- problems

    private problemText(path: string): string {
        return (this.editorContext?.problems ?? [])
            .filter((p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))
            .map((p) => p.message)
            .join(' ');
    }

    get nameProblem(): string {
        return this.problemText(`${this.path}.name`);
    }
    get objectProblem(): string {
        return this.problemText(`${this.path}.object`);
    }
    get fieldsProblem(): string {
        const p = `${this.path}.fields`;
        return (this.editorContext?.problems ?? [])
            .filter((x) => x.path === p)
            .map((x) => x.message)
            .join(' ');
    }
    get searchProblem(): string {
        return this.problemText(`${this.path}.searchFields`);
    }
    get pageSizeProblem(): string {
        return this.problemText(`${this.path}.pageSize`);
    }
    get maxRowsProblem(): string {
        return this.problemText(`${this.path}.maxRows`);
    }

    /** Problems of the query itself or of properties no control shows. */
    get otherProblems(): { key: string; message: string }[] {
        const shown = ['name', 'object', 'fields', 'where', 'orderBy', 'searchFields', 'pageSize', 'maxRows'].map(
            (k) => `${this.path}.${k}`
        );
        return (this.editorContext?.problems ?? [])
            .filter(
                (p: DefinitionProblem) =>
                    (p.path === this.path || p.path.startsWith(`${this.path}.`)) &&
                    !shown.some((s) => p.path === s || p.path.startsWith(`${s}.`) || p.path.startsWith(`${s}[`))
            )
            .map((p, i) => ({ key: `${i}:${p.path}`, message: p.message }));
    }

    get hasOtherProblems(): boolean {
        return this.otherProblems.length > 0;
    }

    // ---------------------------------------------------------------- edits

    private edit(detail: BuilderEdit): void {
        this.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
    }

    private set(path: string, value: unknown, label: string): void {
        this.edit({ op: 'set', path, value, label });
    }

    private index(event: Event): number {
        return Number((event.currentTarget as HTMLElement).dataset.index);
    }

    handleNameChange(event: CustomEvent<{ value: string }>): void {
        this.set(`${this.path}.name`, event.detail.value.trim(), 'Rename query');
    }

    handleObjectChange(event: CustomEvent<{ value: string }>): void {
        const object = event.detail.value;
        if (object === this.objectName) return;
        const next: Json = { name: this.query.name, object, fields: [] };
        for (const key of ['description', 'pageSize', 'maxRows'])
            if (this.query[key] !== undefined) next[key] = clone(this.query[key]);
        this.relationPick = '';
        this.set(this.path, next, `Query ${object}`);
    }

    handleAddField(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        if (value.startsWith(REL_PREFIX)) {
            this.relationPick = value.slice(REL_PREFIX.length);
            this.relationTarget(this.relationPick);
            return;
        }
        this.relationPick = '';
        this.edit({ op: 'insert', path: `${this.path}.fields`, value, label: `Add field ${value}` });
    }

    handleAddRelatedField(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        this.relationPick = '';
        this.edit({ op: 'insert', path: `${this.path}.fields`, value, label: `Add field ${value}` });
    }

    handleCancelRelation(): void {
        this.relationPick = '';
    }

    handleMoveField(event: Event): void {
        const i = this.index(event);
        const delta = Number((event.currentTarget as HTMLElement).dataset.delta);
        this.edit({
            op: 'move',
            path: `${this.path}.fields[${i}]`,
            to: i + delta,
            label: `Move field ${this.fields[i]}`
        });
    }

    handleRemoveField(event: Event): void {
        const i = this.index(event);
        this.edit({ op: 'remove', path: `${this.path}.fields[${i}]`, label: `Remove field ${this.fields[i]}` });
    }

    // conditions

    private newCondition(field: string, previous?: Json): Json {
        const type = this.resolveField(field)?.type;
        const prevOperator = typeof previous?.operator === 'string' ? previous.operator : '';
        const operator = prevOperator && isOperatorAllowed(type, prevOperator) ? prevOperator : defaultOperator(type);
        const value =
            previous && previous.value !== undefined && valueFitsCondition(type, operator, previous.value)
                ? clone(previous.value)
                : defaultConditionValue(type, operator);
        return { field, operator, value };
    }

    handleAddCondition(event: CustomEvent<{ value: string }>): void {
        const condition = this.newCondition(event.detail.value);
        const label = `Add condition on ${event.detail.value}`;
        if (!this.where) this.set(`${this.path}.where`, { conditions: [condition] }, label);
        else if (!Array.isArray(this.where.conditions)) this.set(`${this.path}.where.conditions`, [condition], label);
        else this.edit({ op: 'insert', path: `${this.path}.where.conditions`, value: condition, label });
    }

    handleConditionFieldChange(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const next = this.newCondition(event.detail.value, this.conditions[i]);
        this.pendingMerge = this.pendingMerge.filter((x) => x !== i);
        this.set(`${this.path}.where.conditions[${i}]`, next, `Filter on ${event.detail.value}`);
    }

    handleOperatorChange(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const c = this.conditions[i];
        const { operator, isNullValue } = parseOperatorChoice(event.detail.value);
        const type = typeof c.field === 'string' ? this.resolveField(c.field)?.type : undefined;
        let value: unknown;
        if (operator === 'isNull') value = isNullValue;
        else if (c.value !== undefined && c.operator !== 'isNull' && valueFitsCondition(type, operator, c.value))
            value = clone(c.value);
        else value = defaultConditionValue(type, operator);
        this.set(`${this.path}.where.conditions[${i}]`, { field: c.field, operator, value }, 'Change operator');
    }

    private setConditionValue(i: number, value: unknown): void {
        this.set(`${this.path}.where.conditions[${i}].value`, value, `Change value of condition ${i + 1}`);
    }

    handleTextValueChange(event: CustomEvent<{ value: string }>): void {
        this.setConditionValue(this.index(event), event.detail.value ?? '');
    }

    handleNumberValueChange(event: CustomEvent<{ value: string }>): void {
        const raw = event.detail.value ?? '';
        const n = Number.parseFloat(raw);
        this.setConditionValue(this.index(event), raw.trim() === '' || Number.isNaN(n) ? null : n);
    }

    handleCheckboxValueChange(event: CustomEvent<{ checked: boolean }>): void {
        this.setConditionValue(this.index(event), event.detail.checked === true);
    }

    handlePicklistValuesChange(event: CustomEvent<{ value: string[] }>): void {
        this.setConditionValue(this.index(event), [...(event.detail.value ?? [])]);
    }

    handleValueListChange(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const c = this.conditions[i];
        const type = typeof c.field === 'string' ? this.resolveField(c.field)?.type : undefined;
        const numeric = conditionValueInput(type ? { type } : undefined, String(c.operator)).kind === 'number';
        const items = (event.detail.value ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l) => (numeric && !Number.isNaN(Number(l)) ? Number(l) : l));
        this.setConditionValue(i, items);
    }

    handleMergeToggle(event: CustomEvent<{ checked: boolean }>): void {
        const i = this.index(event);
        if (event.detail.checked) {
            this.pendingMerge = [...this.pendingMerge, i];
            return;
        }
        this.pendingMerge = this.pendingMerge.filter((x) => x !== i);
        const c = this.conditions[i];
        const type = typeof c.field === 'string' ? this.resolveField(c.field)?.type : undefined;
        if (typeof c.value === 'string' && c.value.includes('{!')) {
            this.setConditionValue(i, defaultConditionValue(type, String(c.operator)));
        }
    }

    handleMergeValueChange(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        this.pendingMerge = this.pendingMerge.filter((x) => x !== i);
        this.setConditionValue(i, event.detail.value);
    }

    handleMoveCondition(event: Event): void {
        const i = this.index(event);
        const delta = Number((event.currentTarget as HTMLElement).dataset.delta);
        this.pendingMerge = [];
        this.edit({
            op: 'move',
            path: `${this.path}.where.conditions[${i}]`,
            to: i + delta,
            label: `Move condition ${i + 1}`
        });
    }

    handleRemoveCondition(event: Event): void {
        const i = this.index(event);
        this.pendingMerge = [];
        if (this.conditions.length <= 1) {
            this.set(`${this.path}.where`, undefined, 'Remove the conditions');
        } else {
            this.edit({
                op: 'remove',
                path: `${this.path}.where.conditions[${i}]`,
                label: `Remove condition ${i + 1}`
            });
        }
    }

    handleLogicModeChange(event: CustomEvent<{ value: string }>): void {
        const mode = event.detail.value;
        const path = `${this.path}.where.logic`;
        if (mode === 'AND') this.set(path, undefined, 'Match all conditions');
        else if (mode === 'OR') this.set(path, 'OR', 'Match any condition');
        else this.set(path, this.conditions.map((_c, i) => String(i + 1)).join(' AND '), 'Custom condition logic');
    }

    handleCustomLogicChange(event: CustomEvent<{ value: string }>): void {
        this.set(`${this.path}.where.logic`, event.detail.value, 'Change condition logic');
    }

    // sort

    handleAddSort(event: CustomEvent<{ value: string }>): void {
        const value = { field: event.detail.value, direction: 'asc' };
        const label = `Sort by ${event.detail.value}`;
        if (!Array.isArray(this.query.orderBy)) this.set(`${this.path}.orderBy`, [value], label);
        else this.edit({ op: 'insert', path: `${this.path}.orderBy`, value, label });
    }

    handleSortFieldChange(event: CustomEvent<{ value: string }>): void {
        this.set(`${this.path}.orderBy[${this.index(event)}].field`, event.detail.value, 'Change sort field');
    }

    handleDirectionChange(event: CustomEvent<{ value: string }>): void {
        this.set(`${this.path}.orderBy[${this.index(event)}].direction`, event.detail.value, 'Change sort direction');
    }

    handleMoveSort(event: Event): void {
        const i = this.index(event);
        const delta = Number((event.currentTarget as HTMLElement).dataset.delta);
        this.edit({ op: 'move', path: `${this.path}.orderBy[${i}]`, to: i + delta, label: 'Move sort field' });
    }

    handleRemoveSort(event: Event): void {
        const i = this.index(event);
        if (this.orderBy.length <= 1) this.set(`${this.path}.orderBy`, undefined, 'Remove the sort order');
        else this.edit({ op: 'remove', path: `${this.path}.orderBy[${i}]`, label: 'Remove sort field' });
    }

    // search and limits

    handleSearchFieldsChange(event: CustomEvent<{ value: string[] }>): void {
        const selected = [...(event.detail.value ?? [])];
        // keep the query's field order
        const ordered = [
            ...this.fields.filter((f) => selected.includes(f)),
            ...selected.filter((f) => !this.fields.includes(f))
        ];
        this.set(`${this.path}.searchFields`, ordered.length ? ordered : undefined, 'Change search fields');
    }

    private setInteger(key: string, raw: string | undefined, label: string): void {
        const text = (raw ?? '').trim();
        const n = Number(text);
        this.set(`${this.path}.${key}`, text === '' ? undefined : Number.isFinite(n) ? n : text, label);
    }

    handlePageSizeChange(event: CustomEvent<{ value: string }>): void {
        this.setInteger('pageSize', event.detail.value, 'Change page size');
    }

    handleMaxRowsChange(event: CustomEvent<{ value: string }>): void {
        this.setInteger('maxRows', event.detail.value, 'Change maximum rows');
    }
}
