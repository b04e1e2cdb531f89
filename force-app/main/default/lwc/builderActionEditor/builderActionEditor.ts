import { LightningElement, api } from 'lwc';
import { parseFormula } from 'c/dcExpressions';
import type { DefinitionProblem, ValueType } from 'c/dcDefinition';
import { mappingSources, newAction } from 'c/dcBuilder';
import type { BuilderEdit, EditorContext, NewActionType, ObjectSummary } from 'c/dcBuilder';

type Json = Record<string, unknown>;

interface Option {
    label: string;
    value: string;
    description?: string;
}

// ------------------------------------------------------------------ the action catalogue (shared with the other editors)
// New actions come from c/dcBuilder newAction, like the outline's Add buttons.

/** Action types in the order the "Add item" menus list them, with the names admins read. */
export const ACTION_TYPE_OPTIONS: readonly Option[] = Object.freeze([
    { value: 'executeFlow', label: 'Execute Flow' },
    { value: 'openFlowDialog', label: 'Open Flow Dialog' },
    { value: 'openFlowPanel', label: 'Open Flow Panel' },
    { value: 'refreshQueries', label: 'Refresh All Queries' },
    { value: 'showToast', label: 'Show Toast' },
    { value: 'navigate', label: 'Navigate' },
    { value: 'setVariable', label: 'Set Variable' },
    { value: 'confirm', label: 'Confirm' },
    { value: 'exportCsv', label: 'Export CSV' }
]);

const TYPE_LABELS: Record<string, string> = Object.fromEntries(ACTION_TYPE_OPTIONS.map((o) => [o.value, o.label]));

export function actionTypeLabel(type: unknown): string {
    return (typeof type === 'string' && TYPE_LABELS[type]) || 'Action';
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

const CHAIN_KEYS = ['onFinish', 'onError', 'onCancel', 'onClose'];

function quoted(text: unknown): string {
    if (typeof text !== 'string' || !text) return '';
    return `“${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

/** One line telling an action apart in a list: "Execute Flow: Set_Contact_Status_Active". */
export function actionSummary(action: unknown): string {
    if (!isObject(action)) return 'Action';
    const label = actionTypeLabel(action.type);
    let detail = '';
    switch (action.type) {
        case 'executeFlow':
        case 'openFlowDialog':
        case 'openFlowPanel':
            detail = typeof action.flowApiName === 'string' ? action.flowApiName : '';
            break;
        case 'refreshQueries':
            if (Array.isArray(action.queries)) return `Refresh Queries: ${action.queries.join(', ') || 'none'}`;
            break;
        case 'showToast':
            detail = quoted(action.title);
            break;
        case 'confirm':
            detail = quoted(action.message);
            break;
        case 'setVariable':
            detail = typeof action.variable === 'string' ? action.variable : '';
            break;
        case 'navigate':
            detail = typeof action.target === 'string' ? action.target : '';
            break;
        case 'exportCsv':
            detail = typeof action.table === 'string' ? action.table : '';
            break;
        default:
            break;
    }
    return detail ? `${label}: ${detail}` : label;
}

// ------------------------------------------------------------------ the editor

const CHAIN_LABELS: Record<string, string> = {
    onFinish: 'On Finish',
    onError: 'On Error',
    onCancel: 'On Cancel',
    onClose: 'On Close'
};

const NAVIGATE_TARGETS: Option[] = [
    { label: 'Record page', value: 'recordPage' },
    { label: 'Object list', value: 'objectList' },
    { label: 'Named page', value: 'namedPage' },
    { label: 'Web address (URL)', value: 'url' }
];

const NAVIGATE_ACTIONS: Record<string, string[]> = {
    recordPage: ['view', 'edit', 'clone'],
    objectList: ['list', 'home', 'new']
};

const THEMES = ['default', 'shade', 'inverse', 'alt-inverse', 'success', 'info', 'warning', 'error', 'offline'];

/**
 * Editor of one action: its type, id, the form of its type (Show Toast: title, message, variant, mode with the merge
 * fields available there; Refresh Queries: all or chosen queries; Navigate; Set Variable: variable, operator and a
 * static, merge-field or formula value; Confirm; Execute Flow / Open Flow Dialog / Open Flow Panel: c-builder-flow-editor
 * plus title, size and position; Export CSV: the data table and an optional file name), and its chains On Finish, On Error (and On Cancel for Confirm, On Close for flow
 * dialogs and panels), each an ordered list with Add item, reorder, remove and Edit (fires select).
 *
 * Inputs (@api): node (the action), path ('interactions[0].do[0]', '…onFinish[1]'), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed); select ({path}, bubbles, composed).
 */
export default class BuilderActionEditor extends LightningElement {
    @api path = '';
    @api context?: EditorContext;

    objects: ObjectSummary[] = [];
    /** Value source chosen before a value exists, keyed by property ('recordId', 'value'). */
    pendingModes: Record<string, string> = {};

    private action: Json = {};

    @api
    get node(): Json {
        return this.action;
    }
    set node(value: Json) {
        this.action = isObject(value) ? value : {};
        // a new node (after any edit) shows the value source its value has
        this.pendingModes = {};
    }

    override connectedCallback(): void {
        this.context?.services?.listObjects().then(
            (objects) => {
                this.objects = objects;
            },
            () => {
                // the object picker then offers only what the action already names
            }
        );
    }

    private get doc(): Json {
        return this.context?.doc ?? {};
    }

    private str(key: string): string {
        const v = this.action[key];
        return typeof v === 'string' ? v : '';
    }

    get type(): string {
        return this.str('type');
    }

    get typeLabel(): string {
        return actionTypeLabel(this.type);
    }

    get typeOptions(): Option[] {
        return ACTION_TYPE_OPTIONS.map((o) => ({ ...o }));
    }

    get actionId(): string {
        return this.str('id');
    }

    get idRequired(): boolean {
        return this.type === 'executeFlow';
    }

    get idHelp(): string {
        return this.idRequired
            ? 'Required for Execute Flow: the server finds the flow to run by it. Unique in the definition.'
            : 'Optional; unique in the definition.';
    }

    get isShowToast(): boolean {
        return this.type === 'showToast';
    }
    get isRefresh(): boolean {
        return this.type === 'refreshQueries';
    }
    get isNavigate(): boolean {
        return this.type === 'navigate';
    }
    get isSetVariable(): boolean {
        return this.type === 'setVariable';
    }
    get isConfirm(): boolean {
        return this.type === 'confirm';
    }
    get isFlow(): boolean {
        return this.type === 'executeFlow' || this.type === 'openFlowDialog' || this.type === 'openFlowPanel';
    }
    get isFlowScreen(): boolean {
        return this.type === 'openFlowDialog' || this.type === 'openFlowPanel';
    }
    get isPanel(): boolean {
        return this.type === 'openFlowPanel';
    }
    get isExportCsv(): boolean {
        return this.type === 'exportCsv';
    }

    get inOnError(): boolean {
        return /\.onError\[\d+\]/.test(this.path);
    }

    // ---------------------------------------------------------------- show toast

    get titleValue(): string {
        return this.str('title');
    }
    get message(): string {
        return this.str('message');
    }
    get variant(): string {
        return this.str('variant');
    }
    get mode(): string {
        return this.str('mode');
    }

    get toastVariantOptions(): Option[] {
        return ['success', 'info', 'warning', 'error'].map((v) => ({
            label: v.charAt(0).toUpperCase() + v.slice(1),
            value: v
        }));
    }

    get toastModeOptions(): Option[] {
        return [
            { label: 'Dismissible (closes by itself or on click)', value: 'dismissible' },
            { label: 'Pester (closes by itself, no close button)', value: 'pester' },
            { label: 'Sticky (stays until closed)', value: 'sticky' }
        ];
    }

    /** Merge fields the admin can write here, named from the draft. */
    get mergeFieldHelp(): string {
        const sources = mappingSources(
            this.doc,
            this.path,
            { dataType: 'Unknown', isCollection: false },
            {
                recordObjectApiName: this.context?.recordObjectApiName
            }
        );
        const pick = (test: (label: string, group: string) => boolean, max: number) =>
            sources.filter((s) => test(s.label, s.group)).slice(0, max);
        const preferred = [
            ...pick((l) => l === '$Error.message', 1),
            ...pick((_l, g) => g === 'Resources' || g === 'Formulas', 2),
            ...pick((l) => l.endsWith('.SelectedRowCount'), 1),
            ...pick((l) => l === '$User.FirstName', 1),
            ...pick((l) => l === '$Record.Id', 1)
        ];
        const examples = [...new Set(preferred.map((s) => s.value))].slice(0, 6);
        const base = 'Text with merge fields, e.g. “{!updatedCount} contacts set to Active”.';
        return examples.length ? `${base} Available here: ${examples.join(', ')}.` : base;
    }

    // ---------------------------------------------------------------- refresh queries

    get queryNames(): string[] {
        return list(this.doc.queries)
            .map((q) => q.name)
            .filter((n): n is string => typeof n === 'string' && n !== '');
    }

    get refreshMode(): string {
        return Array.isArray(this.action.queries) ? 'chosen' : 'all';
    }

    get refreshModeOptions(): Option[] {
        return [
            { label: 'All queries', value: 'all' },
            { label: 'Chosen queries', value: 'chosen' }
        ];
    }

    get refreshChosen(): boolean {
        return this.refreshMode === 'chosen';
    }

    get refreshQueryOptions(): Option[] {
        const names = new Set([...this.queryNames, ...this.chosenQueries]);
        return [...names].map((n) => ({ label: n, value: n }));
    }

    get chosenQueries(): string[] {
        return Array.isArray(this.action.queries)
            ? this.action.queries.filter((q): q is string => typeof q === 'string')
            : [];
    }

    // ---------------------------------------------------------------- navigate

    get navigateTarget(): string {
        return this.str('target');
    }

    get navigateTargetOptions(): Option[] {
        return NAVIGATE_TARGETS;
    }

    get isRecordPage(): boolean {
        return this.navigateTarget === 'recordPage';
    }
    get isObjectList(): boolean {
        return this.navigateTarget === 'objectList';
    }
    get isNamedPage(): boolean {
        return this.navigateTarget === 'namedPage';
    }
    get isUrl(): boolean {
        return this.navigateTarget === 'url';
    }
    get recordId(): string {
        return this.str('recordId');
    }
    get objectApiName(): string {
        return this.str('objectApiName');
    }
    get pageName(): string {
        return this.str('pageName');
    }
    get url(): string {
        return this.str('url');
    }
    get actionName(): string {
        return this.str('actionName');
    }

    get hasActionNames(): boolean {
        return Boolean(NAVIGATE_ACTIONS[this.navigateTarget]);
    }

    get actionNameOptions(): Option[] {
        const labels: Record<string, string> = {
            view: 'View',
            edit: 'Edit',
            clone: 'Clone',
            list: 'List view',
            home: 'Object home',
            new: 'New record'
        };
        return (NAVIGATE_ACTIONS[this.navigateTarget] ?? []).map((v) => ({ label: labels[v], value: v }));
    }

    get recordIdMode(): string {
        if (this.pendingModes.recordId) return this.pendingModes.recordId;
        const v = this.recordId;
        if (!v) return 'mapped';
        return /^\{![^}]*\}$/.test(v.trim()) ? 'mapped' : 'typed';
    }

    get recordIdModeOptions(): Option[] {
        return [
            { label: 'Merge field', value: 'mapped' },
            { label: 'Typed value', value: 'typed' }
        ];
    }

    get recordIdMapped(): boolean {
        return this.recordIdMode === 'mapped';
    }

    get textTarget(): ValueType {
        return { dataType: 'Text', isCollection: false };
    }

    get objectOptions(): Option[] {
        const options = this.objects.map((o) => ({ value: o.name, label: o.label, description: o.name }));
        if (this.objectApiName && !options.some((o) => o.value === this.objectApiName)) {
            options.push({ value: this.objectApiName, label: this.objectApiName, description: this.objectApiName });
        }
        return options;
    }

    // ---------------------------------------------------------------- set variable

    private get variables(): Json[] {
        return list(this.doc.resources).filter((r) => r.kind === 'variable' && typeof r.name === 'string' && r.name);
    }

    get variableOptions(): Option[] {
        return this.variables.map((r) => {
            const collection = r.isCollection === true ? ' collection' : '';
            return { label: `${String(r.name)} (${String(r.dataType ?? 'Text')}${collection})`, value: String(r.name) };
        });
    }

    get variableName(): string {
        return this.str('variable');
    }

    private get variable(): Json | undefined {
        return this.variables.find((r) => r.name === this.variableName);
    }

    get setOperator(): string {
        return this.str('operator') || 'set';
    }

    get setOperatorOptions(): Option[] {
        const v = this.variable;
        const numeric = v && (v.dataType === 'Number' || v.dataType === 'Currency');
        const options = [{ label: 'Set to', value: 'set' }];
        if (!v || numeric || v.isCollection === true) {
            options.push({ label: 'Add', value: 'add' }, { label: 'Subtract', value: 'subtract' });
        }
        options.push({ label: 'Clear', value: 'clear' });
        return options;
    }

    get needsSetValue(): boolean {
        return this.setOperator !== 'clear';
    }

    get setValueMode(): string {
        if (this.pendingModes.value) return this.pendingModes.value;
        const v = this.action.value;
        if (typeof v !== 'string') return 'static';
        if (/^\{![^}]*\}$/.test(v.trim())) return 'mapped';
        // inline formulas start with '=' (docs/DEFINITIONS.md, Formulas); any other text is a value or a template
        if (v.trimStart().startsWith('=')) return 'formula';
        return 'static';
    }

    get setValueModeOptions(): Option[] {
        return [
            { label: 'Static value', value: 'static' },
            { label: 'Merge field', value: 'mapped' },
            { label: 'Formula', value: 'formula' }
        ];
    }

    get setValueStatic(): boolean {
        return this.setValueMode === 'static';
    }
    get setValueMapped(): boolean {
        return this.setValueMode === 'mapped';
    }
    get setValueFormula(): boolean {
        return this.setValueMode === 'formula';
    }

    /** Type of the value: the variable's; for add / subtract on a collection, one item. */
    get setValueTarget(): ValueType {
        const v = this.variable;
        const dataType = (typeof v?.dataType === 'string' ? v.dataType : 'Unknown') as ValueType['dataType'];
        const collection = v?.isCollection === true && this.setOperator === 'set';
        const objectApiName = typeof v?.objectApiName === 'string' ? v.objectApiName : undefined;
        return { dataType, isCollection: collection, objectApiName };
    }

    get setValueDataType(): string {
        return this.setValueTarget.dataType;
    }

    get staticIsList(): boolean {
        return this.setValueTarget.isCollection;
    }

    get staticIsBoolean(): boolean {
        return !this.staticIsList && this.setValueDataType === 'Boolean';
    }

    get staticIsInput(): boolean {
        return !this.staticIsList && !this.staticIsBoolean;
    }

    get staticInputType(): string {
        switch (this.setValueDataType) {
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

    get setValueText(): string {
        const v = this.action.value;
        return v === undefined || v === null || Array.isArray(v) ? '' : String(v);
    }

    get setValueLines(): string {
        const v = this.action.value;
        return Array.isArray(v) ? v.map((x) => String(x)).join('\n') : '';
    }

    get booleanOptions(): Option[] {
        return [
            { label: 'True', value: 'true' },
            { label: 'False', value: 'false' }
        ];
    }

    get formulaHelp(): string {
        return 'A formula starts with =, such as ={!count} + 1 or =TODAY(). Without the = the value is text (TODAY() is the text TODAY()).';
    }

    get formulaError(): string {
        const v = this.action.value;
        if (typeof v !== 'string' || !v.trim()) return '';
        const r = parseFormula(v);
        return r.ok ? '' : `The formula does not parse: ${r.error.message}`;
    }

    // ---------------------------------------------------------------- confirm

    get confirmLabel(): string {
        return this.str('confirmLabel');
    }
    get dialogVariant(): string {
        return this.str('variant');
    }
    get theme(): string {
        return this.str('theme');
    }
    get dialogVariantOptions(): Option[] {
        return [
            { label: 'With a header', value: 'header' },
            { label: 'Without a header', value: 'headerless' }
        ];
    }
    get themeOptions(): Option[] {
        return THEMES.map((t) => ({ label: t, value: t }));
    }

    // ---------------------------------------------------------------- flow dialogs and panels

    get size(): string {
        return this.str('size');
    }
    get position(): string {
        return this.str('position');
    }
    get sizeOptions(): Option[] {
        return [
            { label: 'Small', value: 'small' },
            { label: 'Medium', value: 'medium' },
            { label: 'Large', value: 'large' }
        ];
    }
    get positionOptions(): Option[] {
        return [
            { label: 'Right', value: 'right' },
            { label: 'Left', value: 'left' }
        ];
    }

    // ---------------------------------------------------------------- export csv

    get exportTable(): string {
        return this.str('table');
    }

    private get dataTables(): Json[] {
        return list(this.doc.components).filter(
            (c) => typeof c.name === 'string' && c.name && (c.type ?? 'dataTable') === 'dataTable'
        );
    }

    /** The definition's data tables; a name that is not one stays listed so it can be seen and replaced. */
    get exportTableOptions(): Option[] {
        const options = this.dataTables.map((c) => ({
            label:
                typeof c.title === 'string' && c.title && !c.title.includes('{!')
                    ? `${c.title} (${String(c.name)})`
                    : String(c.name),
            value: String(c.name)
        }));
        const table = this.exportTable;
        if (table && !options.some((o) => o.value === table)) {
            options.push({ label: `${table} (not a data table of this definition)`, value: table });
        }
        return options;
    }

    get hasNoExportTables(): boolean {
        return this.dataTables.length === 0;
    }

    get fileName(): string {
        return this.str('fileName');
    }

    /** The file name the runtime uses when fileName is empty (dcRuntime exportFileName). */
    get defaultFileName(): string {
        const apiName = typeof this.doc.apiName === 'string' && this.doc.apiName ? this.doc.apiName : '<ApiName>';
        return `${apiName}_<YYYY-MM-DD>.csv`;
    }

    get fileNameHelp(): string {
        return `Default: ${this.defaultFileName} (the date in the user's time zone). Merge fields are allowed; end the name with .csv.`;
    }

    // ---------------------------------------------------------------- chains

    get chains(): Json[] {
        const keys = ['onFinish'];
        if (this.type === 'confirm') keys.push('onCancel');
        if (this.isFlowScreen) keys.push('onClose');
        keys.push('onError');
        return keys.map((key) => {
            const label = CHAIN_LABELS[key];
            const items = list(this.action[key]);
            const chainPath = `${this.path}.${key}`;
            return {
                key,
                label,
                legend: key === 'onFinish' && this.type === 'confirm' ? 'On Finish (after the user confirms)' : label,
                help: this.chainHelp(key),
                hasItems: items.length > 0,
                items: items.map((item, i) => {
                    const itemPath = `${chainPath}[${i}]`;
                    const problems = this.problemsUnder(itemPath);
                    const n = i + 1;
                    return {
                        key: `${key}-${i}`,
                        index: i,
                        chain: key,
                        path: itemPath,
                        summary: actionSummary(item),
                        problemText: problems.length
                            ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${problems[0].message}`
                            : '',
                        editLabel: `Edit ${label} item ${n}`,
                        upLabel: `Move ${label} item ${n} up`,
                        downLabel: `Move ${label} item ${n} down`,
                        removeLabel: `Remove ${label} item ${n}`,
                        isFirst: i === 0,
                        isLast: i === items.length - 1
                    };
                })
            };
        });
    }

    /** An Execute Flow action with mode auto or async: its chains see {!$Run.*} (docs/DEFINITIONS.md). */
    get isChunkedRun(): boolean {
        return this.type === 'executeFlow' && (this.action.mode === 'auto' || this.action.mode === 'async');
    }

    private chainHelp(key: string): string {
        const run =
            ' {!$Run.id}, {!$Run.status}, {!$Run.total}, {!$Run.succeeded}, {!$Run.failed} and {!$Run.remaining} describe the run.';
        switch (key) {
            case 'onFinish':
                if (this.isChunkedRun) return `Runs after every record succeeded.${run}`;
                return this.type === 'confirm' ? 'Runs when the user confirms.' : 'Runs after this action succeeded.';
            case 'onError':
                if (this.isChunkedRun) return `Runs when any record failed; {!$Error.message} holds the reason.${run}`;
                return 'Runs when this action failed; {!$Error.message} holds the reason.';
            case 'onCancel':
                return 'Runs when the user cancels.';
            default:
                return 'Runs when the user closes the flow without finishing it.';
        }
    }

    get addItemOptions(): Option[] {
        return ACTION_TYPE_OPTIONS.map((o) => ({ ...o }));
    }

    // ---------------------------------------------------------------- problems

    private problemsUnder(path: string): DefinitionProblem[] {
        return (this.context?.problems ?? []).filter(
            (p) => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)
        );
    }

    private problem(key: string): string {
        return this.problemsUnder(`${this.path}.${key}`)
            .map((p) => p.message)
            .join(' ');
    }

    get typeProblem(): string {
        return this.problem('type');
    }
    get idProblem(): string {
        return this.problem('id');
    }
    get titleProblem(): string {
        return this.problem('title');
    }
    get messageProblem(): string {
        return this.problem('message');
    }
    get variantProblem(): string {
        return this.problem('variant');
    }
    get modeProblem(): string {
        return this.problem('mode');
    }
    get queriesProblem(): string {
        return this.problem('queries');
    }
    get targetProblem(): string {
        return this.problem('target');
    }
    get recordIdProblem(): string {
        return this.problem('recordId');
    }
    get objectApiNameProblem(): string {
        return this.problem('objectApiName');
    }
    get pageNameProblem(): string {
        return this.problem('pageName');
    }
    get urlProblem(): string {
        return this.problem('url');
    }
    get actionNameProblem(): string {
        return this.problem('actionName');
    }
    get variableProblem(): string {
        return this.problem('variable');
    }
    get operatorProblem(): string {
        return this.problem('operator');
    }
    get valueProblem(): string {
        return this.problem('value');
    }
    get confirmLabelProblem(): string {
        return this.problem('confirmLabel');
    }
    get themeProblem(): string {
        return this.problem('theme');
    }
    get sizeProblem(): string {
        return this.problem('size');
    }
    get positionProblem(): string {
        return this.problem('position');
    }
    get tableProblem(): string {
        return this.problem('table');
    }
    get fileNameProblem(): string {
        return this.problem('fileName');
    }

    /** Problems of the action itself or of properties no control here shows (the flow editor shows its own). */
    get otherProblems(): { key: string; message: string }[] {
        const shown = [
            'type',
            'id',
            'title',
            'message',
            'variant',
            'mode',
            'queries',
            'target',
            'recordId',
            'objectApiName',
            'pageName',
            'url',
            'actionName',
            'variable',
            'operator',
            'value',
            'confirmLabel',
            'theme',
            'size',
            'position',
            'table',
            'fileName',
            ...CHAIN_KEYS
        ];
        if (this.isFlow) shown.push('flowApiName', 'inputs', 'outputs');
        // the flow editor shows Execute Flow's run mode and chunk size
        if (this.type === 'executeFlow') shown.push('chunkSize');
        const claimed = new Set(shown.flatMap((k) => this.problemsUnder(`${this.path}.${k}`)));
        return this.problemsUnder(this.path)
            .filter((p) => !claimed.has(p))
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

    private text(event: CustomEvent<{ value: string }>): string {
        return event.detail.value ?? '';
    }

    handleTypeChange(event: CustomEvent<{ value: string }>): void {
        const type = this.text(event);
        if (type === this.type) return;
        const next: Json = newAction(this.doc, type as NewActionType);
        if (this.actionId) next.id = this.actionId;
        for (const key of ['description', 'onFinish', 'onError']) {
            if (this.action[key] !== undefined) next[key] = clone(this.action[key]);
        }
        this.edit({ op: 'set', path: this.path, value: next, label: `Make it ${actionTypeLabel(type)}` });
    }

    handleIdChange(event: CustomEvent<{ value: string }>): void {
        this.set('id', this.text(event).trim() || undefined, 'Change action id');
    }

    /** Text properties; an optional one left empty is removed. */
    handleTextChange(event: CustomEvent<{ value: string }>): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        const required = (event.currentTarget as HTMLElement).dataset.required === 'true';
        const value = this.text(event);
        this.set(key, value || required ? value : undefined, `Change ${key}`);
    }

    /** Choice properties (variant, mode, size, …). */
    handleChoiceChange(event: CustomEvent<{ value: string }>): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        this.set(key, this.text(event) || undefined, `Change ${key}`);
    }

    handleExportTableChange(event: CustomEvent<{ value: string }>): void {
        const table = this.text(event);
        this.set('table', table, `Export ${table}`);
    }

    handleRefreshModeChange(event: CustomEvent<{ value: string }>): void {
        const chosen = this.text(event) === 'chosen';
        this.set(
            'queries',
            chosen ? [...this.queryNames] : undefined,
            chosen ? 'Refresh chosen queries' : 'Refresh all queries'
        );
    }

    handleRefreshQueriesChange(event: CustomEvent<{ value: string[] }>): void {
        const chosen = event.detail.value ?? [];
        this.set(
            'queries',
            this.queryNames
                .filter((n) => chosen.includes(n))
                .concat(chosen.filter((n) => !this.queryNames.includes(n))),
            'Choose queries'
        );
    }

    handleNavigateTargetChange(event: CustomEvent<{ value: string }>): void {
        const target = this.text(event);
        if (target === this.navigateTarget) return;
        const next: Json = { type: 'navigate', target };
        for (const key of ['id', 'description', 'onFinish', 'onError']) {
            if (this.action[key] !== undefined) next[key] = clone(this.action[key]);
        }
        const keep: Record<string, string[]> = {
            recordPage: ['recordId', 'objectApiName'],
            objectList: ['objectApiName'],
            namedPage: ['pageName'],
            url: ['url']
        };
        for (const key of keep[target] ?? []) if (this.action[key] !== undefined) next[key] = clone(this.action[key]);
        if (target === 'recordPage' && next.recordId === undefined) next.recordId = '';
        if (
            typeof this.action.actionName === 'string' &&
            (NAVIGATE_ACTIONS[target] ?? []).includes(this.action.actionName)
        ) {
            next.actionName = this.action.actionName;
        }
        this.pendingModes = {};
        this.edit({ op: 'set', path: this.path, value: next, label: 'Change where to navigate' });
    }

    handleRecordIdModeChange(event: CustomEvent<{ value: string }>): void {
        this.pendingModes = { ...this.pendingModes, recordId: this.text(event) };
    }

    handleRecordIdMapped(event: CustomEvent<{ value: string }>): void {
        this.pendingModes = { ...this.pendingModes, recordId: '' };
        this.set('recordId', this.text(event), 'Map record ID');
    }

    handleObjectChange(event: CustomEvent<{ value: string }>): void {
        this.set('objectApiName', this.text(event), 'Change object');
    }

    handleVariableChange(event: CustomEvent<{ value: string }>): void {
        const name = this.text(event);
        const next: Json = { ...clone(this.action), variable: name };
        const v = this.variables.find((r) => r.name === name);
        const numeric = v && (v.dataType === 'Number' || v.dataType === 'Currency');
        if ((next.operator === 'add' || next.operator === 'subtract') && !numeric && v?.isCollection !== true)
            delete next.operator;
        delete next.value;
        this.pendingModes = {};
        this.edit({ op: 'set', path: this.path, value: next, label: `Set variable ${name}` });
    }

    handleSetOperatorChange(event: CustomEvent<{ value: string }>): void {
        const operator = this.text(event);
        const next: Json = { ...clone(this.action) };
        if (operator === 'set') delete next.operator;
        else next.operator = operator;
        if (operator === 'clear') delete next.value;
        else if (this.variable?.isCollection === true && (this.setOperator === 'set') !== (operator === 'set')) {
            delete next.value; // set takes a list, add / subtract one item
        }
        this.edit({ op: 'set', path: this.path, value: next, label: 'Change operator' });
    }

    handleSetValueModeChange(event: CustomEvent<{ value: string }>): void {
        const mode = this.text(event);
        this.pendingModes = { ...this.pendingModes, value: mode };
        if (mode === 'formula' && typeof this.action.value !== 'string') this.set('value', '', 'Use a formula');
    }

    handleSetValueStatic(event: CustomEvent<{ value: string }>): void {
        const raw = this.text(event);
        let value: unknown = raw;
        if (this.staticInputType === 'number') {
            const n = Number.parseFloat(raw);
            value = raw.trim() === '' || Number.isNaN(n) ? undefined : n;
        }
        this.set('value', value, 'Change value');
    }

    handleSetValueBoolean(event: CustomEvent<{ value: string }>): void {
        this.set('value', this.text(event) === 'true', 'Change value');
    }

    handleSetValueLines(event: CustomEvent<{ value: string }>): void {
        const numeric = this.setValueDataType === 'Number' || this.setValueDataType === 'Currency';
        const items = this.text(event)
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l) => (numeric && !Number.isNaN(Number(l)) ? Number(l) : l));
        this.set('value', items, 'Change values');
    }

    handleSetValueMapped(event: CustomEvent<{ value: string }>): void {
        this.pendingModes = { ...this.pendingModes, value: '' };
        this.set('value', this.text(event), 'Map value');
    }

    handleSetValueFormula(event: CustomEvent<{ value: string }>): void {
        const text = this.text(event);
        this.set('value', text.trimStart().startsWith('=') ? text : `=${text}`, 'Change formula');
    }

    // chains

    handleAddItem(event: CustomEvent<{ value: string }>): void {
        const chain = (event.currentTarget as HTMLElement).dataset.chain ?? 'onFinish';
        const type = event.detail.value;
        const value = newAction(this.doc, type as NewActionType);
        const label = `Add ${actionTypeLabel(type)} to ${CHAIN_LABELS[chain]}`;
        if (Array.isArray(this.action[chain])) this.edit({ op: 'insert', path: `${this.path}.${chain}`, value, label });
        else this.set(chain, [value], label);
    }

    private item(event: Event): { chain: string; index: number } {
        const data = (event.currentTarget as HTMLElement).dataset;
        return { chain: data.chain ?? '', index: Number(data.index) };
    }

    handleEditItem(event: Event): void {
        const { chain, index } = this.item(event);
        this.dispatchEvent(
            new CustomEvent('select', {
                detail: { path: `${this.path}.${chain}[${index}]` },
                bubbles: true,
                composed: true
            })
        );
    }

    handleMoveItem(event: Event): void {
        const { chain, index } = this.item(event);
        const delta = Number((event.currentTarget as HTMLElement).dataset.delta);
        this.edit({
            op: 'move',
            path: `${this.path}.${chain}[${index}]`,
            to: index + delta,
            label: `Move ${CHAIN_LABELS[chain]} item`
        });
    }

    handleRemoveItem(event: Event): void {
        const { chain, index } = this.item(event);
        const label = `Remove ${CHAIN_LABELS[chain]} item`;
        if (list(this.action[chain]).length <= 1) this.set(chain, undefined, label);
        else this.edit({ op: 'remove', path: `${this.path}.${chain}[${index}]`, label });
    }
}
