import { LightningElement, api } from 'lwc';
import { FUNCTIONS, evaluate, parseFormula } from 'c/dcExpressions';
import type { Scope } from 'c/dcExpressions';
import type { DefinitionProblem, ValueType } from 'c/dcDefinition';
import type { BuilderEdit, EditorContext, ObjectSummary } from 'c/dcBuilder';

type Json = Record<string, unknown>;
type Kind = 'variable' | 'constant' | 'formula';
type ValueMode = 'none' | 'static' | 'mapped';

const DATA_TYPES = ['Text', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Record'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The running user the formula preview computes with ("on sample values"). */
export const SAMPLE_USER: Readonly<Record<string, unknown>> = Object.freeze({
    Id: '005000000000001AAA',
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Name: 'Ada Lovelace',
    Email: 'ada.lovelace@example.com',
    Username: 'ada.lovelace@example.com',
    Alias: 'alove',
    Title: 'Administrator',
    IsActive: true
});

/** The page record of the preview: only its Id is known. */
export const SAMPLE_RECORD_ID = '001000000000001AAA';

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function isMergeField(v: unknown): boolean {
    return typeof v === 'string' && v.includes('{!');
}

function clone<T>(v: T): T {
    return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Whether a literal fits a data type (the validator's literal rules). */
export function literalFits(dataType: string, value: unknown): boolean {
    if (value === null) return true;
    switch (dataType) {
        case 'Text':
            return typeof value === 'string';
        case 'Number':
        case 'Currency':
            return typeof value === 'number';
        case 'Boolean':
            return typeof value === 'boolean';
        case 'Date':
            return typeof value === 'string' && DATE.test(value);
        case 'DateTime':
            return typeof value === 'string' && DATETIME.test(value);
        default:
            return false;
    }
}

/** Whether a resource value (literal, list of literals or merge field) fits its type. */
export function valueFits(dataType: string, isCollection: boolean, value: unknown, allowMergeFields: boolean): boolean {
    if (isMergeField(value)) return allowMergeFields;
    if (isCollection) return Array.isArray(value) && value.every((v) => literalFits(dataType, v));
    return !Array.isArray(value) && literalFits(dataType, value);
}

function defaultLiteral(dataType: string): unknown {
    switch (dataType) {
        case 'Text':
            return '';
        case 'Number':
        case 'Currency':
            return 0;
        case 'Boolean':
            return false;
        default:
            return null;
    }
}

/** The type a computed value has, for the preview ('Text', 'Number', ...), or undefined for null. */
function typeOfValue(value: unknown): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'number') return 'Number';
    if (typeof value === 'boolean') return 'Boolean';
    if (typeof value === 'string') {
        if (DATE.test(value)) return 'Date';
        if (DATETIME.test(value)) return 'DateTime';
        return 'Text';
    }
    if (Array.isArray(value)) return 'Collection';
    return 'Record';
}

function typeMatches(dataType: string, actual: string): boolean {
    if (dataType === actual) return true;
    if (dataType === 'Currency' && actual === 'Number') return true;
    // text that spells a date is still text
    return dataType === 'Text' && (actual === 'Date' || actual === 'DateTime');
}

function showValue(value: unknown): string {
    if (value === null || value === undefined) return 'blank (null)';
    if (typeof value === 'string') return `“${value}”`;
    return JSON.stringify(value);
}

/**
 * The scope the formula preview evaluates in: the draft's resources with their initial values (formulas computed
 * in turn, circles give blank), $User = SAMPLE_USER, $Record.Id = SAMPLE_RECORD_ID, tables with no selected rows.
 */
export function sampleScope(doc: Json, now?: () => Date): Scope {
    const resources = list(doc.resources);
    const tables = new Set(list(doc.components).map((c) => c.name));
    const computing = new Set<string>();
    const scope: Scope = {
        resolve(path: string[]): unknown {
            const [head, ...rest] = path;
            if (head === '$User') return rest.length === 1 ? (SAMPLE_USER[rest[0]] ?? null) : null;
            if (head === '$Record') return rest.length === 1 && rest[0] === 'Id' ? SAMPLE_RECORD_ID : null;
            if (tables.has(head)) {
                switch (rest[0]) {
                    case 'SelectedRowCount':
                        return 0;
                    case 'SelectedRows':
                    case 'SelectedRowsKeyValue':
                        return [];
                    default:
                        return null;
                }
            }
            const resource = resources.find((r) => r.name === head);
            if (!resource || rest.length) return null;
            if (resource.kind === 'formula') {
                if (typeof resource.formula !== 'string' || computing.has(head)) return null;
                const parsed = parseFormula(resource.formula);
                if (!parsed.ok) return null;
                computing.add(head);
                try {
                    return evaluate(parsed.ast, scope, now ? { now } : {});
                } catch {
                    return null;
                } finally {
                    computing.delete(head);
                }
            }
            const value = resource.value;
            if (value === undefined || isMergeField(value)) return resource.isCollection === true ? [] : null;
            return value;
        }
    };
    return scope;
}

/** How a formula reads on sample values: its parse error (with position) or its value and type. */
export interface FormulaCheck {
    ok: boolean;
    /** The parser's sentence, e.g. "Unexpected ')' at position 14 — did you forget an argument?". */
    error?: string;
    position?: number;
    value?: unknown;
    valueText?: string;
    /** Set when the value's type differs from the resource's data type. */
    typeWarning?: string;
    /** Set when evaluation failed (division by zero, a type mismatch). */
    evaluationError?: string;
}

export function checkFormula(formula: string, dataType: string, doc: Json, now?: () => Date): FormulaCheck {
    if (!formula.trim())
        return {
            ok: false,
            error: 'The formula is empty: write an expression such as "Contacts of " & {!$User.FirstName}.'
        };
    const parsed = parseFormula(formula);
    if (!parsed.ok) return { ok: false, error: parsed.error.message, position: parsed.error.position };
    let value: unknown;
    try {
        value = evaluate(parsed.ast, sampleScope(doc, now), now ? { now } : {});
    } catch (e) {
        return { ok: true, evaluationError: (e as Error).message };
    }
    const actual = typeOfValue(value);
    const typeWarning =
        actual && !typeMatches(dataType, actual)
            ? `On sample values the formula returns ${actual}, but the resource's data type is ${dataType}: change the data type or the formula.`
            : undefined;
    return { ok: true, value, valueText: showValue(value), typeWarning };
}

interface FunctionView {
    name: string;
    signature: string;
    description: string;
    buttonLabel: string;
}

/**
 * Editor of a resource (variable, constant or formula): name, kind, data type, "Allow multiple values
 * (collection)", object (Record variables, searchable over services.listObjects()), the initial value by type
 * (static, or a merge field through c-builder-mapping-picker), and for formulas the formula editor: the function
 * list (click inserts at the cursor), a merge-field inserter, the parse check as the admin types (the parser's
 * message with its position, marked in the text) and the value computed on sample values.
 *
 * Inputs (@api): node (the resource), path ('resources[2]'), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed).
 */
export default class BuilderResourceEditor extends LightningElement {
    @api path = '';
    @api context?: EditorContext;

    objects: ObjectSummary[] = [];
    objectsLoading = false;
    objectsError = '';
    /** The value source the admin chose before the value exists (e.g. "Merge field" before picking one). */
    pendingMode?: ValueMode;

    private resource: Json = {};
    private caret = { start: 0, end: 0 };
    private pendingCaret?: { text: string; at: number };

    @api
    get node(): Json {
        return this.resource;
    }
    set node(value: Json) {
        this.resource = isObject(value) ? value : {};
        this.pendingMode = undefined;
    }

    override connectedCallback(): void {
        const services = this.context?.services;
        if (!services) return;
        this.objectsLoading = true;
        services.listObjects().then(
            (objects) => {
                this.objects = objects;
                this.objectsLoading = false;
            },
            (error: { message?: string }) => {
                this.objectsLoading = false;
                this.objectsError = `Could not list the objects: ${error?.message ?? 'unknown error'}.`;
            }
        );
    }

    override renderedCallback(): void {
        const textarea = this.template?.querySelector<HTMLTextAreaElement>('textarea.formula');
        if (!textarea) return;
        // the template cannot bind a textarea's value: keep it in step with the node
        if (textarea.value !== this.formula) textarea.value = this.formula;
        const pending = this.pendingCaret;
        if (!pending || this.formula !== pending.text) return;
        this.pendingCaret = undefined;
        textarea.focus();
        textarea.setSelectionRange(pending.at, pending.at);
        this.caret = { start: pending.at, end: pending.at };
    }

    // ---------------------------------------------------------------- values of the node

    get name(): string {
        return typeof this.resource.name === 'string' ? this.resource.name : '';
    }

    get kind(): Kind | '' {
        const k = this.resource.kind;
        return k === 'variable' || k === 'constant' || k === 'formula' ? k : '';
    }

    get dataType(): string {
        return typeof this.resource.dataType === 'string' ? this.resource.dataType : '';
    }

    get isCollection(): boolean {
        return this.resource.isCollection === true;
    }

    get objectApiName(): string {
        return typeof this.resource.objectApiName === 'string' ? this.resource.objectApiName : '';
    }

    get description(): string {
        return typeof this.resource.description === 'string' ? this.resource.description : '';
    }

    get formula(): string {
        return typeof this.resource.formula === 'string' ? this.resource.formula : '';
    }

    get isVariable(): boolean {
        return this.kind === 'variable';
    }

    get isFormula(): boolean {
        return this.kind === 'formula';
    }

    get hasValue(): boolean {
        return this.kind === 'variable' || this.kind === 'constant';
    }

    get isRecord(): boolean {
        return this.isVariable && this.dataType === 'Record';
    }

    // ---------------------------------------------------------------- options

    get kindOptions(): { label: string; value: string }[] {
        return [
            { label: 'Variable', value: 'variable' },
            { label: 'Constant', value: 'constant' },
            { label: 'Formula', value: 'formula' }
        ];
    }

    get dataTypeOptions(): { label: string; value: string }[] {
        const types = DATA_TYPES.filter((t) => t !== 'Record' || this.kind === 'variable');
        const labels: Record<string, string> = { DateTime: 'Date/Time', Boolean: 'Boolean (true / false)' };
        return types.map((t) => ({ label: labels[t] ?? t, value: t }));
    }

    get objectOptions(): { value: string; label: string; description: string }[] {
        return this.objects.map((o) => ({ value: o.name, label: o.label, description: o.name }));
    }

    get nameHelp(): string {
        return `Referenced as {!${this.name || 'name'}} in merge fields and formulas; letters, digits and underscores, starting with a letter.`;
    }

    get kindHelp(): string {
        switch (this.kind) {
            case 'variable':
                return 'Actions and flow outputs can change a variable.';
            case 'constant':
                return 'A fixed value; it cannot contain merge fields.';
            case 'formula':
                return 'Computed from other values and recomputed when they change. Write the formula without a leading = (one is ignored), e.g. {!count} + 1 or TODAY() + 7.';
            default:
                return '';
        }
    }

    // ---------------------------------------------------------------- value

    get valueMode(): ValueMode {
        if (this.pendingMode) return this.pendingMode;
        const value = this.resource.value;
        if (value === undefined) return this.kind === 'constant' ? 'static' : 'none';
        return isMergeField(value) ? 'mapped' : 'static';
    }

    get valueModeOptions(): { label: string; value: string }[] {
        const options = [
            { label: 'No initial value', value: 'none' },
            { label: 'Merge field', value: 'mapped' }
        ];
        if (!this.isRecord) options.splice(1, 0, { label: 'Static value', value: 'static' });
        return options;
    }

    get showValueMode(): boolean {
        return this.isVariable;
    }

    get isMappedValue(): boolean {
        return this.hasValue && this.valueMode === 'mapped';
    }

    get isStaticValue(): boolean {
        return this.hasValue && this.valueMode === 'static' && !this.isRecord;
    }

    get mappedValue(): string {
        return typeof this.resource.value === 'string' ? this.resource.value : '';
    }

    get valueTarget(): ValueType {
        const dataType = (this.dataType || 'Unknown') as ValueType['dataType'];
        return { dataType, isCollection: this.isCollection, objectApiName: this.objectApiName || undefined };
    }

    get valuePath(): string {
        return `${this.path}.value`;
    }

    get staticCollection(): boolean {
        return this.isCollection && this.isVariable;
    }

    get staticInputType(): string {
        switch (this.dataType) {
            case 'Number':
            case 'Currency':
                return 'number';
            case 'Date':
                return 'date';
            case 'DateTime':
                return 'datetime';
            default:
                return 'text';
        }
    }

    get isBooleanValue(): boolean {
        return this.dataType === 'Boolean' && !this.staticCollection;
    }

    get isScalarInput(): boolean {
        return !this.isBooleanValue && !this.staticCollection;
    }

    get staticValue(): string {
        const v = this.resource.value;
        return v === undefined || v === null || Array.isArray(v) ? '' : String(v);
    }

    get staticValueLines(): string {
        const v = this.resource.value;
        return Array.isArray(v) ? v.map((x) => String(x)).join('\n') : '';
    }

    get booleanOptions(): { label: string; value: string }[] {
        return [
            { label: 'True', value: 'true' },
            { label: 'False', value: 'false' }
        ];
    }

    get valueLabel(): string {
        return this.kind === 'constant' ? 'Value' : 'Initial value';
    }

    get valueLinesLabel(): string {
        return `${this.valueLabel}s (one per line)`;
    }

    get valueStep(): string {
        return this.dataType === 'Currency' ? '0.01' : 'any';
    }

    // ---------------------------------------------------------------- formula

    get functions(): FunctionView[] {
        return Object.entries(FUNCTIONS).map(([name, spec]) => ({
            name,
            signature: spec.signature,
            description: spec.description,
            buttonLabel: `Insert ${name}: ${spec.signature}`
        }));
    }

    get formulaCheck(): FormulaCheck {
        return checkFormula(this.formula, this.dataType || 'Text', this.context?.doc ?? {});
    }

    get formulaHasError(): boolean {
        return !this.formulaCheck.ok;
    }

    get formulaErrorText(): string {
        return this.formulaCheck.error ?? '';
    }

    get hasErrorPosition(): boolean {
        return this.formulaCheck.position !== undefined;
    }

    /** The formula split at the error position, to mark the character there. */
    get errorExcerpt(): { before: string; at: string; after: string } {
        const position = this.formulaCheck.position ?? 0;
        const text = this.formula;
        return {
            before: text.slice(0, position),
            at: text.slice(position, position + 1) || ' ',
            after: text.slice(position + 1)
        };
    }

    get formulaValueText(): string {
        return this.formulaCheck.valueText ?? '';
    }

    get hasFormulaValue(): boolean {
        return this.formulaCheck.ok && !this.formulaCheck.evaluationError;
    }

    get formulaEvaluationError(): string {
        const e = this.formulaCheck.evaluationError;
        return e ? `Cannot compute it on sample values: ${e}` : '';
    }

    get formulaTypeWarning(): string {
        return this.formulaCheck.typeWarning ?? '';
    }

    get formulaTextareaClass(): string {
        return `slds-form-element${this.formulaHasError || this.formulaProblem ? ' slds-has-error' : ''}`;
    }

    get formulaAriaInvalid(): string {
        return String(this.formulaHasError);
    }

    get sampleValuesNote(): string {
        return `Sample values: the resources' initial values, the current user ${String(SAMPLE_USER.Name)}, no rows selected.`;
    }

    get mergeFieldTarget(): ValueType {
        return { dataType: 'Unknown', isCollection: false };
    }

    // ---------------------------------------------------------------- problems

    private problemsAt(key: string): DefinitionProblem[] {
        const path = `${this.path}.${key}`;
        return (this.context?.problems ?? []).filter(
            (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)
        );
    }

    private problemText(key: string): string {
        return this.problemsAt(key)
            .map((p) => p.message)
            .join(' ');
    }

    get nameProblem(): string {
        return this.problemText('name');
    }
    get kindProblem(): string {
        return this.problemText('kind');
    }
    get dataTypeProblem(): string {
        return this.problemText('dataType');
    }
    get isCollectionProblem(): string {
        return this.problemText('isCollection');
    }
    get objectProblem(): string {
        return this.problemText('objectApiName');
    }
    get valueProblem(): string {
        return this.problemText('value');
    }
    get formulaProblem(): string {
        return this.problemText('formula');
    }
    get descriptionProblem(): string {
        return this.problemText('description');
    }

    /** Problems of the resource itself or of properties no control shows. */
    get otherProblems(): { key: string; message: string }[] {
        const shown = ['name', 'kind', 'dataType', 'isCollection', 'objectApiName', 'value', 'formula', 'description'];
        const claimed = new Set(shown.flatMap((k) => this.problemsAt(k)));
        return (this.context?.problems ?? [])
            .filter((p) => (p.path === this.path || p.path.startsWith(`${this.path}.`)) && !claimed.has(p))
            .map((p, i) => ({ key: `${i}:${p.path}`, message: p.message }));
    }

    get hasOtherProblems(): boolean {
        return this.otherProblems.length > 0;
    }

    // ---------------------------------------------------------------- edits

    private edit(detail: BuilderEdit): void {
        this.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
    }

    private set(key: string, value: unknown, label: string): void {
        this.edit({ op: 'set', path: `${this.path}.${key}`, value, label });
    }

    /** Replaces the whole resource (one undo step for changes that touch several properties). */
    private replace(next: Json, label: string): void {
        this.edit({ op: 'set', path: this.path, value: next, label });
    }

    handleNameChange(event: CustomEvent<{ value: string }>): void {
        this.set('name', event.detail.value.trim(), 'Rename resource');
    }

    handleDescriptionChange(event: CustomEvent<{ value: string }>): void {
        this.set('description', event.detail.value || undefined, 'Change description');
    }

    handleKindChange(event: CustomEvent<{ value: string }>): void {
        const kind = event.detail.value as Kind;
        if (kind === this.kind) return;
        const r = this.resource;
        const dataType = kind !== 'variable' && this.dataType === 'Record' ? 'Text' : this.dataType || 'Text';
        const next: Json = { name: r.name, kind, dataType };
        if (typeof r.description === 'string') next.description = r.description;
        if (kind === 'variable') {
            if (r.value !== undefined && valueFits(dataType, false, r.value, true)) next.value = clone(r.value);
        } else if (kind === 'constant') {
            const single = r.isCollection !== true && r.value !== undefined;
            next.value =
                single && valueFits(dataType, false, r.value, false) ? clone(r.value) : defaultLiteral(dataType);
        } else {
            next.formula = '';
        }
        this.replace(next, `Make ${this.name || 'resource'} a ${kind}`);
    }

    handleDataTypeChange(event: CustomEvent<{ value: string }>): void {
        const dataType = event.detail.value;
        if (dataType === this.dataType) return;
        const next: Json = { ...clone(this.resource), dataType };
        if (dataType !== 'Record') delete next.objectApiName;
        if (this.kind === 'constant') {
            if (!valueFits(dataType, false, next.value, false)) next.value = defaultLiteral(dataType);
        } else if (next.value !== undefined && !valueFits(dataType, this.isCollection, next.value, true)) {
            delete next.value;
        }
        this.replace(next, 'Change data type');
    }

    handleCollectionChange(event: CustomEvent<{ checked: boolean }>): void {
        const checked = event.detail.checked;
        const next: Json = { ...clone(this.resource) };
        if (checked) next.isCollection = true;
        else delete next.isCollection;
        if (next.value !== undefined && !valueFits(this.dataType, checked, next.value, true)) delete next.value;
        this.replace(next, checked ? 'Allow multiple values' : 'Allow a single value');
    }

    handleObjectChange(event: CustomEvent<{ value: string }>): void {
        this.set('objectApiName', event.detail.value, 'Change object');
    }

    handleValueModeChange(event: CustomEvent<{ value: string }>): void {
        const mode = event.detail.value as ValueMode;
        if (mode === 'none') {
            this.pendingMode = undefined;
            if (this.resource.value !== undefined) this.set('value', undefined, 'Remove initial value');
        } else if (mode === 'static') {
            this.pendingMode = undefined;
            this.set('value', this.isCollection ? [] : defaultLiteral(this.dataType), 'Set initial value');
        } else {
            // the value is written when a source is picked
            this.pendingMode = 'mapped';
        }
    }

    /** Static input: typed by the data type; an empty entry removes a variable's value (a constant's becomes null). */
    handleStaticValueChange(event: CustomEvent<{ value: string }>): void {
        const raw = event.detail.value ?? '';
        let value: unknown = raw;
        if (this.staticInputType === 'number') {
            const n = Number.parseFloat(raw);
            value = raw.trim() === '' || Number.isNaN(n) ? undefined : n;
        } else if (this.staticInputType !== 'text') {
            value = raw === '' ? undefined : raw;
        }
        if (value === undefined && this.kind === 'constant') value = null;
        this.set('value', value, `Change ${this.valueLabel.toLowerCase()}`);
    }

    handleBooleanValueChange(event: CustomEvent<{ value: string }>): void {
        this.set('value', event.detail.value === 'true', `Change ${this.valueLabel.toLowerCase()}`);
    }

    handleValueLinesChange(event: CustomEvent<{ value: string }>): void {
        const numeric = this.dataType === 'Number' || this.dataType === 'Currency';
        const items = (event.detail.value ?? '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .map((line): unknown => {
                if (numeric && !Number.isNaN(Number(line))) return Number(line);
                if (this.dataType === 'Boolean' && /^(true|false)$/i.test(line)) return line.toLowerCase() === 'true';
                return line;
            });
        this.set('value', items, 'Change initial values');
    }

    handleMappedValueChange(event: CustomEvent<{ value: string }>): void {
        this.pendingMode = undefined;
        this.set('value', event.detail.value, 'Map initial value');
    }

    // ---------------------------------------------------------------- formula edits

    private rememberCaret(target: HTMLTextAreaElement): void {
        this.caret = { start: target.selectionStart ?? 0, end: target.selectionEnd ?? 0 };
    }

    handleFormulaInput(event: Event): void {
        const target = event.target as HTMLTextAreaElement;
        this.rememberCaret(target);
        this.set('formula', target.value, 'Edit formula');
    }

    handleFormulaCaret(event: Event): void {
        this.rememberCaret(event.target as HTMLTextAreaElement);
    }

    private insert(text: string, caretOffset: number, label: string): void {
        const formula = this.formula;
        const start = Math.min(this.caret.start, formula.length);
        const end = Math.max(start, Math.min(this.caret.end, formula.length));
        const next = formula.slice(0, start) + text + formula.slice(end);
        this.pendingCaret = { text: next, at: start + caretOffset };
        this.caret = { start: start + caretOffset, end: start + caretOffset };
        this.set('formula', next, label);
    }

    handleInsertFunction(event: MouseEvent): void {
        const name = (event.currentTarget as HTMLElement).dataset.name ?? '';
        const spec = FUNCTIONS[name];
        if (!spec) return;
        // IF(|) — the cursor lands between the parentheses (after them for TODAY())
        this.insert(`${name}()`, spec.max === 0 ? name.length + 2 : name.length + 1, `Insert ${name}`);
    }

    handleInsertMergeField(event: CustomEvent<{ value: string }>): void {
        const field = event.detail.value;
        this.insert(field, field.length, 'Insert merge field');
    }
}
