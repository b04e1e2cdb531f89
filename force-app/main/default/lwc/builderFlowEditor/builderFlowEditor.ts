import { LightningElement, api } from 'lwc';
import {
    LIMITS,
    chunkSizeTooLarge,
    dataTypeOfFlowType,
    flowUseOf,
    integerOutOfRange,
    notAnInteger,
    flowVariableType,
    isAssignable,
    referenceType,
    valueTypeLabel
} from 'c/dcDefinition';
import type { DefinitionProblem, FlowDescribe, FlowVariableDescribe, ValueType } from 'c/dcDefinition';
import { namesInUse, uniqueName } from 'c/dcBuilder';
import type { BuilderEdit, EditorContext, FlowSummary } from 'c/dcBuilder';

type Json = Record<string, unknown>;

interface Option {
    label: string;
    value: string;
    description?: string;
}

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function clone<T>(v: T): T {
    return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

const SINGLE_MERGE_FIELD = /^\{![^}]*\}$/;

/** Execute Flow "mode" (docs/DEFINITIONS.md, Execution modes); sync is the default and is written as no key. */
const RUN_MODE_OPTIONS: readonly Option[] = Object.freeze([
    { label: 'Sync — one transaction (default)', value: 'sync' },
    { label: 'Auto — one transaction when the selection fits a chunk, else in chunks', value: 'auto' },
    { label: 'Async — always in chunks in the background', value: 'async' }
]);

/** outputs[].aggregate of a chunked run; last is the default and is written as no key. */
const AGGREGATE_OPTIONS: readonly Option[] = Object.freeze([
    { label: "Last — the last chunk's value (default)", value: 'last' },
    { label: "Sum — the chunks' values added up", value: 'sum' },
    { label: 'Count — how many values the chunks returned', value: 'count' },
    { label: "Collect — the chunks' values in one collection", value: 'collect' }
]);

const DEFAULT_AGGREGATE = 'last';

/** The same messages the validator gives for chunkSize, so the field shows its error before the draft is checked. */
export function chunkSizeError(size: unknown): string {
    if (typeof size !== 'number') return '';
    if (!Number.isInteger(size)) return notAnInteger('chunkSize', String(size));
    if (size > LIMITS.chunkSizeMax) return chunkSizeTooLarge(size, LIMITS.chunkSizeMax);
    if (size < LIMITS.chunkSizeMin) {
        return integerOutOfRange('chunkSize', size, LIMITS.chunkSizeMin, LIMITS.chunkSizeMax);
    }
    return '';
}

/**
 * The action with mode `mode`. Sync is the default: mode, chunkSize and every output's aggregate are removed, as
 * they have no effect there (the validator warns about them) and their controls are hidden.
 */
export function withRunMode(action: Json, mode: string): Json {
    const next = clone(action);
    if (mode !== 'sync') return { ...next, mode };
    delete next.mode;
    delete next.chunkSize;
    if (Array.isArray(next.outputs)) {
        next.outputs = next.outputs.map((o: unknown) => {
            if (!isObject(o)) return o;
            const rest = { ...o };
            delete rest.aggregate;
            return rest;
        });
    }
    return next;
}

/** The starting value of an input of this variable: [] for collections, false for Boolean, '' for text, else null. */
export function defaultInputValue(variable: FlowVariableDescribe): unknown {
    if (variable.isCollection) return [];
    const dataType = dataTypeOfFlowType(variable.dataType);
    if (dataType === 'Boolean') return false;
    if (dataType === 'Text' || dataType === undefined) return '';
    return null;
}

/**
 * An input mapping for a flow variable: collection and dataType follow the variable (both omitted at their
 * defaults, false and Text, as the definition format does).
 */
export function inputFor(variable: FlowVariableDescribe, value: unknown = defaultInputValue(variable)): Json {
    const input: Json = { name: variable.name, value };
    if (variable.isCollection) input.collection = true;
    const dataType = dataTypeOfFlowType(variable.dataType);
    if (dataType && dataType !== 'Text') input.dataType = dataType;
    return input;
}

/** The node after picking `flow`: inputs and outputs the new flow still has are kept; its required inputs are added. */
export function withFlow(action: Json, flow: FlowDescribe): Json {
    const next: Json = { ...clone(action), flowApiName: flow.apiName };
    const inputVars = flow.variables.filter((v) => v.isInput);
    const outputVars = new Set(flow.variables.filter((v) => v.isOutput).map((v) => v.name));
    const inputs: Json[] = [];
    for (const input of list(action.inputs)) {
        const variable = inputVars.find((v) => v.name === input.name);
        if (variable) inputs.push(inputFor(variable, clone(input.value)));
    }
    for (const variable of inputVars) {
        if (variable.isRequired && !inputs.some((i) => i.name === variable.name)) inputs.push(inputFor(variable));
    }
    const outputs = list(action.outputs).filter((o) => typeof o.name === 'string' && outputVars.has(o.name));
    if (inputs.length) next.inputs = inputs;
    else delete next.inputs;
    if (outputs.length) next.outputs = clone(outputs);
    else delete next.outputs;
    return next;
}

/** A variable resource that can receive a flow output variable, named after it (made unique in the namespace). */
export function variableFor(variable: FlowVariableDescribe, doc: Json): Json {
    const base = /^[A-Za-z][A-Za-z0-9_]*$/.test(variable.name) ? variable.name : 'flowOutput';
    const name = uniqueName(base, namesInUse(doc));
    const resource: Json = { name, kind: 'variable', dataType: dataTypeOfFlowType(variable.dataType) ?? 'Text' };
    if (variable.isCollection) resource.isCollection = true;
    if (resource.dataType === 'Record' && variable.objectType) resource.objectApiName = variable.objectType;
    return resource;
}

function direction(v: FlowVariableDescribe): string {
    if (v.isInput && v.isOutput) return 'Input and output';
    return v.isInput ? 'Input' : 'Output';
}

/**
 * The flow part of Execute Flow, Open Flow Dialog and Open Flow Panel: the flow picker (services.listFlows()
 * filtered with flowUseOf: Execute Flow lists only active autolaunched flows without a trigger, dialogs and panels
 * only active screen flows), the flow's input and output variables with type and collection-ness, the inputs (its
 * required ones are added when the flow is picked; each a static value of the variable's type or mapped through
 * c-builder-mapping-picker; "Allow multiple values (collection)" and the data type follow the variable), and the
 * outputs (a flow output variable into a compatible variable resource, or a new one made by "Create variable").
 * Execute Flow also gets its run mode (sync, auto, async), and with auto / async the chunk size and, per output,
 * how the chunks' values aggregate; back to sync removes all three keys.
 *
 * Inputs (@api): node (the action), path (the action's path), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed).
 */
export default class BuilderFlowEditor extends LightningElement {
    @api path = '';
    @api context?: EditorContext;

    flows: FlowSummary[] = [];
    flowsLoading = false;
    servicesError = '';
    /** Bumped when a flow describe arrives. */
    loadVersion = 0;
    /** Inputs whose value source the admin switched before a value exists (by index → 'static' | 'mapped'). */
    pendingModes: Record<number, string> = {};

    private action: Json = {};
    private requested = new Set<string>();

    @api
    get node(): Json {
        return this.action;
    }
    set node(value: Json) {
        this.action = isObject(value) ? value : {};
        // a new node (after any edit) shows the value source each value has
        this.pendingModes = {};
    }

    override connectedCallback(): void {
        const services = this.context?.services;
        if (!services) return;
        this.flowsLoading = true;
        services.listFlows().then(
            (flows) => {
                this.flows = flows;
                this.flowsLoading = false;
            },
            (error: { message?: string }) => {
                this.flowsLoading = false;
                this.servicesError = `Could not list the flows: ${error?.message ?? 'unknown error'}.`;
            }
        );
    }

    // ---------------------------------------------------------------- flow

    get use(): 'executeFlow' | 'screenFlow' {
        return this.action.type === 'executeFlow' ? 'executeFlow' : 'screenFlow';
    }

    get flowApiName(): string {
        return typeof this.action.flowApiName === 'string' ? this.action.flowApiName : '';
    }

    get flowOptions(): Option[] {
        const options = this.flows
            .filter((f) => flowUseOf(f) === this.use)
            .map((f) => ({
                value: f.apiName,
                label: f.label || f.apiName,
                description: f.description ? `${f.apiName} · ${f.description}` : f.apiName
            }))
            .sort((a, b) => a.label.localeCompare(b.label));
        if (this.flowApiName && !options.some((o) => o.value === this.flowApiName)) {
            options.unshift({
                value: this.flowApiName,
                label: this.flowApiName,
                description: 'Not available for this action'
            });
        }
        return options;
    }

    get flowHelp(): string {
        return this.use === 'executeFlow'
            ? 'Lists the active autolaunched flows without a trigger.'
            : 'Lists the active screen flows.';
    }

    /** The picked flow with its variables, once described (requested on first use). */
    get flow(): FlowDescribe | undefined {
        const services = this.context?.services;
        const name = this.flowApiName;
        if (!services || !name || this.loadVersion < 0) return undefined;
        const cached = services.cachedFlow(name);
        if (cached || this.requested.has(name)) return cached;
        this.requested.add(name);
        services.describeFlow(name).then(
            () => {
                this.loadVersion++;
            },
            (error: { message?: string }) => {
                this.servicesError = `Could not read the variables of ${name}: ${error?.message ?? 'unknown error'}.`;
            }
        );
        return undefined;
    }

    get hasFlow(): boolean {
        return Boolean(this.flow);
    }

    private get inputVariables(): FlowVariableDescribe[] {
        return (this.flow?.variables ?? []).filter((v) => v.isInput);
    }

    private get outputVariables(): FlowVariableDescribe[] {
        return (this.flow?.variables ?? []).filter((v) => v.isOutput);
    }

    get variableRows(): Json[] {
        return (this.flow?.variables ?? [])
            .filter((v) => v.isInput || v.isOutput)
            .map((v) => ({
                key: v.name,
                name: v.name,
                direction: direction(v),
                // "Text collection": the type says whether it holds several values
                type: valueTypeLabel(flowVariableType(v)),
                required: v.isInput && v.isRequired ? 'Required' : ''
            }));
    }

    get hasVariables(): boolean {
        return this.variableRows.length > 0;
    }

    // ---------------------------------------------------------------- run mode (Execute Flow only)

    get isExecuteFlow(): boolean {
        return this.use === 'executeFlow';
    }

    get runMode(): string {
        return typeof this.action.mode === 'string' ? this.action.mode : 'sync';
    }

    get runModeOptions(): Option[] {
        const options = RUN_MODE_OPTIONS.map((o) => ({ ...o }));
        // a mode the format does not know stays visible so its problem has something to point at
        if (!options.some((o) => o.value === this.runMode)) {
            options.push({ label: `${this.runMode} (not a run mode)`, value: this.runMode });
        }
        return options;
    }

    /** auto and async may run in chunks: chunk size, aggregates and {!$Run.*} apply. */
    get isChunked(): boolean {
        return this.isExecuteFlow && (this.runMode === 'auto' || this.runMode === 'async');
    }

    get chunkSizeValue(): string {
        const size = this.action.chunkSize;
        return typeof size === 'number' || typeof size === 'string' ? String(size) : '';
    }

    get chunkSizeMin(): number {
        return LIMITS.chunkSizeMin;
    }

    get chunkSizeMax(): number {
        return LIMITS.chunkSizeMax;
    }

    get chunkSizePlaceholder(): string {
        return String(LIMITS.chunkSizeDefault);
    }

    get chunkSizeHelp(): string {
        const max = LIMITS.chunkSizeMax.toLocaleString('en-US');
        return `Records per chunk, ${LIMITS.chunkSizeMin} to ${max} (empty: ${LIMITS.chunkSizeDefault}). Each chunk runs in one transaction, at most 10,000 DML rows and 10 seconds of CPU; ${max} keeps five DML rows per record of headroom.`;
    }

    get runModeProblem(): string {
        return this.problemText(`${this.path}.mode`);
    }

    get chunkSizeProblem(): string {
        return this.problemText(`${this.path}.chunkSize`) || chunkSizeError(this.action.chunkSize);
    }

    // ---------------------------------------------------------------- inputs

    get inputs(): Json[] {
        return list(this.action.inputs);
    }

    get addInputOptions(): Option[] {
        const mapped = new Set(this.inputs.map((i) => i.name));
        return this.inputVariables
            .filter((v) => !mapped.has(v.name))
            .map((v) => ({
                value: v.name,
                label: v.name,
                description: `${valueTypeLabel(flowVariableType(v))}${v.isRequired ? ' · required' : ''}${v.description ? ` · ${v.description}` : ''}`
            }));
    }

    get hasInputsToAdd(): boolean {
        return this.addInputOptions.length > 0;
    }

    get inputItems(): Json[] {
        return this.inputs.map((input, i) => {
            const name = typeof input.name === 'string' ? input.name : '';
            const ipath = `${this.path}.inputs[${i}]`;
            const variable = this.inputVariables.find((v) => v.name === name);
            const declared: ValueType = {
                dataType: (typeof input.dataType === 'string' ? input.dataType : 'Text') as ValueType['dataType'],
                isCollection: input.collection === true
            };
            const target = variable ? flowVariableType(variable) : declared;
            const value = input.value;
            const mappedValue = typeof value === 'string' && SINGLE_MERGE_FIELD.test(value.trim());
            const isRecord = target.dataType === 'Record';
            const mode = isRecord ? 'mapped' : (this.pendingModes[i] ?? (mappedValue ? 'mapped' : 'static'));
            const isStatic = mode === 'static';
            const collectionMismatch = variable !== undefined && (input.collection === true) !== variable.isCollection;
            const expectedType = variable ? dataTypeOfFlowType(variable.dataType) : undefined;
            const typeMismatch =
                expectedType !== undefined &&
                (typeof input.dataType === 'string' ? input.dataType : 'Text') !== expectedType;
            const kind = target.isCollection ? 'list' : target.dataType;
            return {
                key: `${i}:${name}`,
                index: i,
                name,
                path: ipath,
                typeLabel: valueTypeLabel(target),
                isRequired: variable?.isRequired === true,
                isUnknown: Boolean(this.flow) && !variable,
                unknownText: this.flow ? `${this.flowApiName} has no input variable named ${name}.` : '',
                modeLabel: `Value source for ${name}`,
                mode,
                modeOptions: [
                    { label: 'Static value', value: 'static' },
                    { label: 'Mapped', value: 'mapped' }
                ],
                canBeStatic: !isRecord,
                isStatic,
                isMapped: !isStatic,
                valueLabel: `Value of ${name}`,
                valuesLabel: `Values of ${name} (one per line)`,
                isList: isStatic && kind === 'list',
                isBoolean: isStatic && kind === 'Boolean',
                isInput: isStatic && kind !== 'list' && kind !== 'Boolean',
                inputType:
                    kind === 'Number' || kind === 'Currency'
                        ? 'number'
                        : kind === 'Date'
                          ? 'date'
                          : kind === 'DateTime'
                            ? 'datetime'
                            : 'text',
                textValue:
                    !mappedValue && value !== undefined && value !== null && !Array.isArray(value) ? String(value) : '',
                checked: value === true,
                linesValue: Array.isArray(value) ? value.map((v) => String(v)).join('\n') : '',
                mergeValue: mappedValue ? value : '',
                target,
                collectionChecked: variable ? variable.isCollection : input.collection === true,
                collectionHelp: variable
                    ? `Set by the flow: ${name} is ${variable.isCollection ? 'a collection' : 'a single value'} (${valueTypeLabel(target)}).`
                    : 'Follows the flow variable once the flow is known.',
                needsMatch: collectionMismatch || typeMismatch,
                matchText: `This input does not match the flow variable (${valueTypeLabel(target)}).`,
                matchLabel: `Match ${name} to the flow variable`,
                removeLabel: `Remove input ${name}`,
                problem: this.problemText(ipath)
            };
        });
    }

    get hasInputs(): boolean {
        return this.inputs.length > 0;
    }

    // ---------------------------------------------------------------- outputs

    get outputs(): Json[] {
        return list(this.action.outputs);
    }

    get addOutputOptions(): Option[] {
        const mapped = new Set(this.outputs.map((o) => o.name));
        return this.outputVariables
            .filter((v) => !mapped.has(v.name))
            .map((v) => ({ value: v.name, label: v.name, description: valueTypeLabel(flowVariableType(v)) }));
    }

    get hasOutputsToAdd(): boolean {
        return this.addOutputOptions.length > 0;
    }

    private compatibleResources(variable: FlowVariableDescribe | undefined): Json[] {
        const doc = this.context?.doc ?? {};
        return list(doc.resources).filter((r) => {
            if (r.kind !== 'variable' || typeof r.name !== 'string' || !r.name) return false;
            return !variable || isAssignable(flowVariableType(variable), referenceType(doc, r.name));
        });
    }

    get outputItems(): Json[] {
        const doc = this.context?.doc ?? {};
        return this.outputs.map((output, i) => {
            const name = typeof output.name === 'string' ? output.name : '';
            const opath = `${this.path}.outputs[${i}]`;
            const variable = this.outputVariables.find((v) => v.name === name);
            const resource = typeof output.resource === 'string' ? output.resource : '';
            const options = this.compatibleResources(variable).map((r) => ({
                label: `${String(r.name)} (${valueTypeLabel(referenceType(doc, String(r.name)))})`,
                value: String(r.name)
            }));
            if (resource && !options.some((o) => o.value === resource)) {
                options.push({ label: `${resource} (not compatible)`, value: resource });
            }
            const nameOptions = this.outputVariables.map((v) => ({
                label: `${v.name} (${valueTypeLabel(flowVariableType(v))})`,
                value: v.name
            }));
            if (name && !variable) nameOptions.push({ label: `${name} (not an output of this flow)`, value: name });
            const aggregate = typeof output.aggregate === 'string' ? output.aggregate : DEFAULT_AGGREGATE;
            const aggregateOptions = AGGREGATE_OPTIONS.map((o) => ({ ...o }));
            if (!aggregateOptions.some((o) => o.value === aggregate)) {
                aggregateOptions.push({ label: `${aggregate} (not an aggregate)`, value: aggregate });
            }
            return {
                key: `${i}:${name}`,
                index: i,
                name,
                nameLabel: `Flow output ${i + 1}`,
                nameOptions,
                typeLabel: variable ? valueTypeLabel(flowVariableType(variable)) : '',
                resource,
                resourceLabel: `Store ${name || `output ${i + 1}`} in`,
                resourceOptions: options,
                canCreate: Boolean(variable),
                createLabel: `Create variable for ${name}`,
                removeLabel: `Remove output ${name || i + 1}`,
                aggregate,
                aggregateLabel: `Aggregate ${name || `output ${i + 1}`} across chunks`,
                aggregateOptions,
                nameProblem: this.problemText(`${opath}.name`),
                resourceProblem: this.problemText(`${opath}.resource`),
                aggregateProblem: this.problemText(`${opath}.aggregate`),
                problem: this.problemText(opath, [`${opath}.name`, `${opath}.resource`, `${opath}.aggregate`])
            };
        });
    }

    get hasOutputs(): boolean {
        return this.outputs.length > 0;
    }

    // ---------------------------------------------------------------- problems

    private problemText(path: string, except: string[] = []): string {
        return (this.context?.problems ?? [])
            .filter(
                (p: DefinitionProblem) =>
                    p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)
            )
            .filter((p) => !except.some((e) => p.path === e || p.path.startsWith(`${e}.`)))
            .map((p) => p.message)
            .join(' ');
    }

    get flowProblem(): string {
        return this.problemText(`${this.path}.flowApiName`);
    }

    get inputsProblem(): string {
        const p = `${this.path}.inputs`;
        return (this.context?.problems ?? [])
            .filter((x) => x.path === p)
            .map((x) => x.message)
            .join(' ');
    }

    get outputsProblem(): string {
        const p = `${this.path}.outputs`;
        return (this.context?.problems ?? [])
            .filter((x) => x.path === p)
            .map((x) => x.message)
            .join(' ');
    }

    // ---------------------------------------------------------------- edits

    private edit(detail: BuilderEdit): void {
        this.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
    }

    private index(event: Event): number {
        return Number((event.currentTarget as HTMLElement).dataset.index);
    }

    handleFlowChange(event: CustomEvent<{ value: string }>): void {
        const name = event.detail.value;
        const services = this.context?.services;
        const apply = (flow: FlowDescribe | undefined): void => {
            const next = flow ? withFlow(this.action, flow) : { ...clone(this.action), flowApiName: name };
            this.edit({ op: 'set', path: this.path, value: next, label: `Run flow ${name}` });
        };
        const cached = services?.cachedFlow(name);
        if (cached || !services) {
            apply(cached);
            return;
        }
        this.requested.add(name);
        services.describeFlow(name).then(
            (flow) => {
                this.loadVersion++;
                apply(flow);
            },
            (error: { message?: string }) => {
                this.servicesError = `Could not read the variables of ${name}: ${error?.message ?? 'unknown error'}.`;
                apply(undefined);
            }
        );
    }

    handleRunModeChange(event: CustomEvent<{ value: string }>): void {
        const mode = event.detail.value;
        if (mode === this.runMode) return;
        this.edit({
            op: 'set',
            path: this.path,
            value: withRunMode(this.action, mode),
            label: `Set run mode to ${mode}`
        });
    }

    /** Empty means the default (no key); anything else is written as typed, so the validator can name it. */
    handleChunkSizeChange(event: CustomEvent<{ value: string }>): void {
        const text = (event.detail.value ?? '').trim();
        const n = Number(text);
        this.edit({
            op: 'set',
            path: `${this.path}.chunkSize`,
            value: text === '' ? undefined : Number.isFinite(n) ? n : text,
            label: 'Change chunk size'
        });
    }

    handleAggregateChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        this.edit({
            op: 'set',
            path: `${this.path}.outputs[${this.index(event)}].aggregate`,
            value: value === DEFAULT_AGGREGATE ? undefined : value,
            label: 'Change aggregate'
        });
    }

    handleAddInput(event: CustomEvent<{ value: string }>): void {
        const variable = this.inputVariables.find((v) => v.name === event.detail.value);
        if (!variable) return;
        const value = inputFor(variable);
        const label = `Add input ${variable.name}`;
        if (Array.isArray(this.action.inputs)) this.edit({ op: 'insert', path: `${this.path}.inputs`, value, label });
        else this.edit({ op: 'set', path: `${this.path}.inputs`, value: [value], label });
    }

    handleRemoveInput(event: Event): void {
        const i = this.index(event);
        const label = `Remove input ${String(this.inputs[i]?.name ?? '')}`;
        if (this.inputs.length <= 1) this.edit({ op: 'set', path: `${this.path}.inputs`, value: undefined, label });
        else this.edit({ op: 'remove', path: `${this.path}.inputs[${i}]`, label });
    }

    handleMatchVariable(event: Event): void {
        const i = this.index(event);
        const input = this.inputs[i];
        const variable = this.inputVariables.find((v) => v.name === input.name);
        if (!variable) return;
        const value = valueFitsShape(input.value, variable.isCollection)
            ? clone(input.value)
            : defaultInputValue(variable);
        this.edit({
            op: 'set',
            path: `${this.path}.inputs[${i}]`,
            value: inputFor(variable, value),
            label: `Match ${variable.name} to the flow`
        });
    }

    handleModeChange(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const mode = event.detail.value;
        this.pendingModes = { ...this.pendingModes, [i]: mode };
        if (mode === 'static') {
            const variable = this.inputVariables.find((v) => v.name === this.inputs[i].name);
            const value = variable ? defaultInputValue(variable) : '';
            this.edit({ op: 'set', path: `${this.path}.inputs[${i}].value`, value, label: 'Use a static value' });
        }
    }

    private setValue(i: number, value: unknown, label = 'Change input value'): void {
        this.edit({ op: 'set', path: `${this.path}.inputs[${i}].value`, value, label });
    }

    handleTextValue(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const type = (event.currentTarget as HTMLElement).dataset.type;
        const raw = event.detail.value ?? '';
        if (type === 'number') {
            const n = Number.parseFloat(raw);
            this.setValue(i, raw.trim() === '' || Number.isNaN(n) ? null : n);
        } else if (type === 'date' || type === 'datetime') {
            this.setValue(i, raw === '' ? null : raw);
        } else {
            this.setValue(i, raw);
        }
    }

    handleBooleanValue(event: CustomEvent<{ checked: boolean }>): void {
        this.setValue(this.index(event), event.detail.checked === true);
    }

    handleLinesValue(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const variable = this.inputVariables.find((v) => v.name === this.inputs[i].name);
        const dataType = variable ? dataTypeOfFlowType(variable.dataType) : undefined;
        const numeric = dataType === 'Number' || dataType === 'Currency';
        const items = (event.detail.value ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l): unknown => {
                if (numeric && !Number.isNaN(Number(l))) return Number(l);
                if (dataType === 'Boolean' && /^(true|false)$/i.test(l)) return l.toLowerCase() === 'true';
                return l;
            });
        this.setValue(i, items);
    }

    handleMappedValue(event: CustomEvent<{ value: string }>): void {
        const i = this.index(event);
        const rest = { ...this.pendingModes };
        delete rest[i];
        this.pendingModes = rest;
        this.setValue(i, event.detail.value, 'Map input value');
    }

    handleAddOutput(event: CustomEvent<{ value: string }>): void {
        const variable = this.outputVariables.find((v) => v.name === event.detail.value);
        if (!variable) return;
        const same = this.compatibleResources(variable).find((r) => r.name === variable.name);
        const value = { name: variable.name, resource: same ? variable.name : '' };
        const label = `Add output ${variable.name}`;
        if (Array.isArray(this.action.outputs)) this.edit({ op: 'insert', path: `${this.path}.outputs`, value, label });
        else this.edit({ op: 'set', path: `${this.path}.outputs`, value: [value], label });
    }

    handleOutputNameChange(event: CustomEvent<{ value: string }>): void {
        this.edit({
            op: 'set',
            path: `${this.path}.outputs[${this.index(event)}].name`,
            value: event.detail.value,
            label: 'Change flow output'
        });
    }

    handleOutputResourceChange(event: CustomEvent<{ value: string }>): void {
        this.edit({
            op: 'set',
            path: `${this.path}.outputs[${this.index(event)}].resource`,
            value: event.detail.value,
            label: 'Store the output'
        });
    }

    handleCreateVariable(event: Event): void {
        const i = this.index(event);
        const variable = this.outputVariables.find((v) => v.name === this.outputs[i]?.name);
        if (!variable) return;
        const doc = this.context?.doc ?? {};
        const resource = variableFor(variable, doc);
        const label = `Create variable ${String(resource.name)}`;
        if (Array.isArray(doc.resources)) this.edit({ op: 'insert', path: 'resources', value: resource, label });
        else this.edit({ op: 'set', path: 'resources', value: [resource], label });
        this.edit({ op: 'set', path: `${this.path}.outputs[${i}].resource`, value: resource.name, label });
    }

    handleRemoveOutput(event: Event): void {
        const i = this.index(event);
        const label = 'Remove output';
        if (this.outputs.length <= 1) this.edit({ op: 'set', path: `${this.path}.outputs`, value: undefined, label });
        else this.edit({ op: 'remove', path: `${this.path}.outputs[${i}]`, label });
    }
}

function valueFitsShape(value: unknown, collection: boolean): boolean {
    if (typeof value === 'string' && SINGLE_MERGE_FIELD.test(value.trim())) return true;
    return Array.isArray(value) === collection;
}
