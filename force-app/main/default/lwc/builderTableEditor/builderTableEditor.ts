import { LightningElement, api } from 'lwc';
import { EDITABLE_TYPES, LIMITS } from 'c/dcDefinition';
import type { DefinitionProblem } from 'c/dcDefinition';
import { newInteraction, uniqueName } from 'c/dcBuilder';
import type { BuilderEdit, BuilderField, BuilderObject, EditorContext } from 'c/dcBuilder';

type Json = Record<string, unknown>;
type ButtonList = 'headerActions' | 'rowActions';

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

const EVENT_OF: Record<ButtonList, string> = { headerActions: 'headerActionClick', rowActions: 'rowActionClick' };

/** The confirmation a button gets when "Ask for confirmation" is ticked. */
export function confirmationFor(table: string, button: Json, header: boolean): Json {
    const label = typeof button.label === 'string' && button.label ? button.label : String(button.name ?? 'Continue');
    const message =
        header && button.requiresSelection === true
            ? `${label} for {!${table}.SelectedRowCount} selected rows?`
            : `${label}: are you sure?`;
    return { type: 'confirm', title: label, message, confirmLabel: label };
}

/** `do` with a leading confirm whose On Finish holds the rest (or without it: its On Finish comes back in front). */
export function toggleConfirmation(actions: unknown, confirm: Json | undefined): Json[] {
    const current = list(actions);
    if (confirm) {
        const next = { ...confirm };
        if (current.length) next.onFinish = clone(current);
        return [next];
    }
    const [first, ...rest] = current;
    if (!first || first.type !== 'confirm') return clone(current);
    return [...clone(list(first.onFinish)), ...clone(rest)];
}

/** What the catalog's readOnlyReason means, in the builder's words. */
const READ_ONLY_PHRASES: Record<string, string> = {
    formula: 'is a formula field',
    autoNumber: 'is an auto-number field',
    rollUpSummary: 'is a roll-up summary field',
    masterDetail: 'is a master-detail field that does not allow reparenting',
    system: 'is a system field that Salesforce maintains',
    compound: 'is a compound field (make its parts editable instead)',
    computed: 'is derived by Salesforce from other fields',
    customMetadata: 'belongs to a custom metadata type (its records are edited in Setup)'
};

/**
 * Why a column cannot be edited inline, or '' when it can (or the describe is not known yet): a related record's
 * field, the Id, a type without an editor, or a field Salesforce computes (why, when the catalog says). The
 * validator says the same at save.
 */
export function notEditableReason(field: string, describe: BuilderField | undefined): string {
    if (field.includes('.'))
        return `${field} is a field of a related record: only the query object's own fields can be edited.`;
    if (field.toLowerCase() === 'id') return "A record's Id cannot be edited.";
    if (!describe) return '';
    if (!EDITABLE_TYPES.has(describe.type.toUpperCase())) return `${field} (${describe.type}) has no inline editor.`;
    const phrase = describe.readOnlyReason ? READ_ONLY_PHRASES[describe.readOnlyReason] : undefined;
    if (phrase) return `${field} cannot be edited: it ${phrase}.`;
    if (describe.updateable === false) return `Salesforce computes ${field}, so it cannot be edited.`;
    return '';
}

/**
 * Editor of a data table: title, query (one of the draft's), key field, max row selection (0 = no checkboxes,
 * 1 = single select), search, row numbers, height, frozen columns, empty message; the columns (add from the query's
 * fields, remove, reorder, label, sortable, link to record, editable, wrap); header and row actions (name, label, variant, requires selection for
 * header actions, "Ask for confirmation", which puts a confirm action in front of what the button's interaction does,
 * and a link to that interaction; renaming a button relies on the host keeping its interactions connected). `focusPath` (a column or action the outline selected) scrolls to it and focuses it.
 *
 * Inputs (@api): node (the component), path ('components[0]'), context (EditorContext), focusPath.
 * Events: edit (BuilderEdit, bubbles, composed); select ({path}, bubbles, composed).
 */
export default class BuilderTableEditor extends LightningElement {
    @api path = '';
    @api context?: EditorContext;

    /** Bumped when a describe arrives. */
    loadVersion = 0;

    private table: Json = {};
    private focus?: string;
    private focusApplied?: string;
    private requested = new Set<string>();

    @api
    get node(): Json {
        return this.table;
    }
    set node(value: Json) {
        this.table = isObject(value) ? value : {};
    }

    /** A column or action path ('components[0].columns[2]') to scroll to and focus. */
    @api
    get focusPath(): string | undefined {
        return this.focus;
    }
    set focusPath(value: string | undefined) {
        this.focus = value;
        this.focusApplied = undefined;
    }

    override renderedCallback(): void {
        if (!this.focus || this.focusApplied === this.focus) return;
        const target = [...(this.template?.querySelectorAll<HTMLElement>('[data-path]') ?? [])].find(
            (e) => e.dataset.path === this.focus
        );
        if (!target) return;
        this.focusApplied = this.focus;
        if (typeof target.scrollIntoView === 'function') target.scrollIntoView({ block: 'nearest' });
        target.querySelector<HTMLElement>('[data-focus]')?.focus();
    }

    private get doc(): Json {
        return this.context?.doc ?? {};
    }

    private str(key: string): string {
        const v = this.table[key];
        return typeof v === 'string' ? v : '';
    }

    get name(): string {
        return this.str('name');
    }
    get titleValue(): string {
        return this.str('title');
    }
    get queryName(): string {
        return this.str('query');
    }
    get keyField(): string {
        return this.str('keyField') || 'Id';
    }
    get height(): string {
        const v = this.table.height;
        return typeof v === 'number' ? String(v) : this.str('height');
    }
    get emptyMessage(): string {
        return this.str('emptyMessage');
    }
    get frozenColumns(): string {
        const v = this.table.frozenColumns;
        return typeof v === 'number' ? String(v) : '';
    }
    get frozenColumnsMax(): number {
        return Math.min(LIMITS.frozenColumnsMax, Math.max(this.columns.length, 0));
    }
    get frozenColumnsHelp(): string {
        return `Columns that stay in place when the table scrolls sideways (0 to ${LIMITS.frozenColumnsMax}, default 1). The checkbox and row-number columns always stay.`;
    }
    get maxRowSelection(): string {
        return typeof this.table.maxRowSelection === 'number' ? String(this.table.maxRowSelection) : '';
    }
    get showSearch(): boolean {
        return this.table.showSearch === true;
    }
    get showRowNumbers(): boolean {
        return this.table.showRowNumbers === true;
    }

    get titleHelp(): string {
        return 'Merge fields allowed, e.g. {!title} or {!$User.FirstName}.';
    }

    get selectionHelp(): string {
        return '0 (the default) shows no checkboxes; 1 lets the user select one row (radio buttons); a larger number lets them select up to that many rows.';
    }

    // ---------------------------------------------------------------- query and schema

    private get query(): Json | undefined {
        return list(this.doc.queries).find((q) => q.name === this.queryName);
    }

    get queryOptions(): Option[] {
        const options = list(this.doc.queries)
            .filter((q) => typeof q.name === 'string' && q.name)
            .map((q) => ({
                label: typeof q.object === 'string' ? `${String(q.name)} (${q.object})` : String(q.name),
                value: String(q.name)
            }));
        if (this.queryName && !options.some((o) => o.value === this.queryName)) {
            options.push({ label: `${this.queryName} (not a query of this definition)`, value: this.queryName });
        }
        return options;
    }

    private get queryFields(): string[] {
        const fields = this.query?.fields;
        return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
    }

    private get rowFields(): string[] {
        return ['Id', ...this.queryFields.filter((f) => f !== 'Id')];
    }

    get keyFieldOptions(): Option[] {
        const options = this.rowFields.map((f) => ({ label: f, value: f }));
        if (!options.some((o) => o.value === this.keyField))
            options.push({ label: `${this.keyField} (not read by the query)`, value: this.keyField });
        return options;
    }

    get searchHint(): string {
        const q = this.query;
        if (!this.showSearch || !q) return '';
        return Array.isArray(q.searchFields) && q.searchFields.length
            ? `Searches ${q.searchFields.join(', ')} (the query's search fields).`
            : `Query ${String(q.name)} has no search fields: add some in the query editor.`;
    }

    private cached(name: string): BuilderObject | undefined {
        const services = this.context?.services;
        if (!services || !name || this.loadVersion < 0) return undefined;
        const object = services.cachedObject(name);
        if (!object && !this.requested.has(name)) {
            this.requested.add(name);
            services.describeObject(name).then(
                () => {
                    this.loadVersion++;
                },
                () => {
                    // labels then fall back to API names
                }
            );
        }
        return object;
    }

    /** The describe of a row field path (one relationship level), for labels and sortability. */
    private fieldOf(path: string): BuilderField | undefined {
        const objectName = typeof this.query?.object === 'string' ? this.query.object : '';
        let object = this.cached(objectName);
        const segments = path.split('.');
        if (segments.length > 2) return undefined;
        if (segments.length === 2 && object) {
            const rel = segments[0].toLowerCase();
            const lookup = Object.values(object.fields).find((f) => f.relationshipName?.toLowerCase() === rel);
            object = lookup?.referenceTo?.length === 1 ? this.cached(lookup.referenceTo[0]) : undefined;
        }
        const last = segments[segments.length - 1].toLowerCase();
        return object ? Object.values(object.fields).find((f) => f.name.toLowerCase() === last) : undefined;
    }

    // ---------------------------------------------------------------- columns

    private get columns(): Json[] {
        return Array.isArray(this.table.columns) ? this.table.columns.map((c) => (isObject(c) ? c : {})) : [];
    }

    get hasColumns(): boolean {
        return this.columns.length > 0;
    }

    get columnItems(): Json[] {
        const columns = this.columns;
        return columns.map((c, i) => {
            const field = typeof c.field === 'string' ? c.field : '';
            const cpath = `${this.path}.columns[${i}]`;
            const describe = this.fieldOf(field);
            const shown = field || String(i + 1);
            const notEditable = field ? notEditableReason(field, describe) : '';
            return {
                key: `${i}:${field}`,
                index: i,
                path: cpath,
                field,
                heading: typeof c.label === 'string' && c.label ? c.label : (describe?.label ?? field),
                cssClass: `slds-box slds-box_x-small slds-m-bottom_x-small column${cpath === this.focus ? ' is-focused' : ''}`,
                labelValue: typeof c.label === 'string' ? c.label : '',
                labelLabel: `Label of column ${shown}`,
                labelPlaceholder: describe?.label ?? field,
                sortable: c.sortable === true,
                sortableLabel: `Sortable: ${shown}`,
                cannotSort: Boolean(describe) && describe?.sortable === false && c.sortable !== true,
                cannotSortText: `${field} cannot be sorted.`,
                linkToRecord: c.linkToRecord === true,
                linkLabel: `Link ${shown} to the record`,
                editable: c.editable === true,
                editableLabel: `Editable: ${shown}`,
                // an editable column that cannot be edited stays enabled, so it can be unticked
                cannotEdit: Boolean(notEditable) && c.editable !== true,
                cannotEditText: notEditable,
                wrap: c.wrap === true,
                wrapLabel: `Wrap text: ${shown}`,
                upLabel: `Move column ${shown} up`,
                downLabel: `Move column ${shown} down`,
                removeLabel: `Remove column ${shown}`,
                isFirst: i === 0,
                isLast: i === columns.length - 1,
                problem: this.problemText(cpath)
            };
        });
    }

    get addColumnOptions(): Option[] {
        const used = new Set(this.columns.map((c) => c.field));
        return this.rowFields
            .filter((f) => !used.has(f))
            .map((f) => {
                const describe = this.fieldOf(f);
                return { value: f, label: describe?.label ?? f, description: f };
            });
    }

    get addColumnHelp(): string {
        return this.query
            ? 'Columns show the fields the query reads; add more fields in the query editor.'
            : 'Choose the query first.';
    }

    // ---------------------------------------------------------------- header and row actions

    private interactionIndex(listKey: ButtonList, name: unknown): number {
        return list(this.doc.interactions).findIndex((it) => {
            const on = isObject(it.on) ? it.on : {};
            return on.event === EVENT_OF[listKey] && on.target === this.name && on.action === name;
        });
    }

    private interactionAt(index: number): Json | undefined {
        return index >= 0 ? list(this.doc.interactions)[index] : undefined;
    }

    private buttons(listKey: ButtonList): Json[] {
        return Array.isArray(this.table[listKey])
            ? (this.table[listKey] as unknown[]).map((b) => (isObject(b) ? b : {}))
            : [];
    }

    private buttonItems(listKey: ButtonList): Json[] {
        const header = listKey === 'headerActions';
        const buttons = this.buttons(listKey);
        return buttons.map((b, i) => {
            const bpath = `${this.path}.${listKey}[${i}]`;
            const name = typeof b.name === 'string' ? b.name : '';
            const label = typeof b.label === 'string' ? b.label : '';
            const shown = label || name || String(i + 1);
            const k = this.interactionIndex(listKey, name);
            const interaction = this.interactionAt(k);
            const first = list(interaction?.do)[0];
            const kind = header ? 'header action' : 'row action';
            return {
                key: `${i}:${name}`,
                index: i,
                list: listKey,
                path: bpath,
                cssClass: `slds-box slds-box_x-small slds-m-bottom_x-small action${bpath === this.focus ? ' is-focused' : ''}`,
                heading: shown,
                name,
                label,
                variant: typeof b.variant === 'string' ? b.variant : 'neutral',
                requiresSelection: b.requiresSelection === true,
                confirm: first?.type === 'confirm',
                nameLabel: `API name of ${kind} ${shown}`,
                labelLabel: `Label of ${kind} ${shown}`,
                variantLabel: `Style of ${kind} ${shown}`,
                selectionLabel: `${shown} requires selected rows`,
                confirmLabel: `Ask for confirmation before ${shown}`,
                interactionLabel: interaction ? `Edit what ${shown} does` : `Set up what ${shown} does`,
                upLabel: `Move ${kind} ${shown} up`,
                downLabel: `Move ${kind} ${shown} down`,
                removeLabel: `Remove ${kind} ${shown}`,
                isFirst: i === 0,
                isLast: i === buttons.length - 1,
                nameProblem: this.problemText(`${bpath}.name`),
                labelProblem: this.problemText(`${bpath}.label`),
                problem: this.problemText(bpath, [`${bpath}.name`, `${bpath}.label`])
            };
        });
    }

    /** The header and the row actions, rendered by one template. */
    get buttonSections(): Json[] {
        return (['headerActions', 'rowActions'] as ButtonList[]).map((key) => {
            const header = key === 'headerActions';
            const items = this.buttonItems(key);
            return {
                key,
                legend: header ? 'Header actions' : 'Row actions',
                help: header
                    ? 'Buttons above the table.'
                    : "Items of each row's action menu; {!table.ActionRow} is the row.",
                isHeader: header,
                items,
                hasItems: items.length > 0,
                addLabel: header ? 'Add header action' : 'Add row action',
                problem: this.exact(key)
            };
        });
    }

    get variantOptions(): Option[] {
        return [
            { label: 'Neutral', value: 'neutral' },
            { label: 'Brand', value: 'brand' },
            { label: 'Destructive', value: 'destructive' }
        ];
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

    private exact(key: string): string {
        const path = `${this.path}.${key}`;
        return (this.context?.problems ?? [])
            .filter((p) => p.path === path)
            .map((p) => p.message)
            .join(' ');
    }

    get nameProblem(): string {
        return this.problemText(`${this.path}.name`);
    }
    get titleProblem(): string {
        return this.problemText(`${this.path}.title`);
    }
    get queryProblem(): string {
        return this.problemText(`${this.path}.query`);
    }
    get keyFieldProblem(): string {
        return this.problemText(`${this.path}.keyField`);
    }
    get maxRowSelectionProblem(): string {
        return this.problemText(`${this.path}.maxRowSelection`);
    }
    get showSearchProblem(): string {
        return this.problemText(`${this.path}.showSearch`);
    }
    get heightProblem(): string {
        return this.problemText(`${this.path}.height`);
    }
    get emptyMessageProblem(): string {
        return this.problemText(`${this.path}.emptyMessage`);
    }
    get frozenColumnsProblem(): string {
        return this.problemText(`${this.path}.frozenColumns`);
    }
    get columnsProblem(): string {
        return this.exact('columns');
    }

    get otherProblems(): { key: string; message: string }[] {
        const shown = [
            'name',
            'title',
            'query',
            'keyField',
            'maxRowSelection',
            'showSearch',
            'height',
            'frozenColumns',
            'emptyMessage',
            'columns',
            'headerActions',
            'rowActions'
        ].map((k) => `${this.path}.${k}`);
        return (this.context?.problems ?? [])
            .filter((p) => p.path === this.path || p.path.startsWith(`${this.path}.`))
            .filter((p) => !shown.some((s) => p.path === s || p.path.startsWith(`${s}.`) || p.path.startsWith(`${s}[`)))
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

    private data(event: Event): DOMStringMap {
        return (event.currentTarget as HTMLElement).dataset;
    }

    handleTextChange(event: CustomEvent<{ value: string }>): void {
        const { key = '' } = this.data(event);
        const value = (event.detail.value ?? '').trim();
        this.set(key, value || undefined, `Change ${key}`);
    }

    handleNameChange(event: CustomEvent<{ value: string }>): void {
        this.set('name', (event.detail.value ?? '').trim(), 'Rename table');
    }

    handleQueryChange(event: CustomEvent<{ value: string }>): void {
        this.set('query', event.detail.value, `Show query ${event.detail.value}`);
    }

    handleKeyFieldChange(event: CustomEvent<{ value: string }>): void {
        this.set('keyField', event.detail.value, 'Change key field');
    }

    handleMaxRowSelectionChange(event: CustomEvent<{ value: string }>): void {
        const raw = (event.detail.value ?? '').trim();
        const n = Number(raw);
        this.set('maxRowSelection', raw === '' ? undefined : Number.isFinite(n) ? n : raw, 'Change max row selection');
    }

    /** Height: digits alone are a number of rows (stored as a number); anything else ('auto', '400px') as text. */
    handleHeightChange(event: CustomEvent<{ value: string }>): void {
        const raw = (event.detail.value ?? '').trim();
        this.set('height', raw === '' ? undefined : /^\d+$/.test(raw) ? Number(raw) : raw, 'Change height');
    }

    /** Frozen columns: a whole number (text that is not one is kept, so the validator can say what is wrong). */
    handleFrozenColumnsChange(event: CustomEvent<{ value: string }>): void {
        const raw = (event.detail.value ?? '').trim();
        this.set(
            'frozenColumns',
            raw === '' ? undefined : /^\d+$/.test(raw) ? Number(raw) : raw,
            'Change frozen columns'
        );
    }

    handleFlagChange(event: CustomEvent<{ checked: boolean }>): void {
        const { key = '' } = this.data(event);
        this.set(key, event.detail.checked ? true : undefined, `Change ${key}`);
    }

    // columns

    handleAddColumn(event: CustomEvent<{ value: string }>): void {
        const value = { field: event.detail.value };
        const label = `Add column ${event.detail.value}`;
        if (Array.isArray(this.table.columns)) this.edit({ op: 'insert', path: `${this.path}.columns`, value, label });
        else this.set('columns', [value], label);
    }

    handleColumnLabelChange(event: CustomEvent<{ value: string }>): void {
        const { index } = this.data(event);
        this.set(`columns[${index}].label`, event.detail.value || undefined, 'Change column label');
    }

    handleColumnFlagChange(event: CustomEvent<{ checked: boolean }>): void {
        const { index, key = '' } = this.data(event);
        this.set(`columns[${index}].${key}`, event.detail.checked ? true : undefined, `Change column ${key}`);
    }

    handleMoveColumn(event: Event): void {
        const { index, delta } = this.data(event);
        const i = Number(index);
        this.edit({ op: 'move', path: `${this.path}.columns[${i}]`, to: i + Number(delta), label: 'Move column' });
    }

    handleRemoveColumn(event: Event): void {
        this.edit({ op: 'remove', path: `${this.path}.columns[${this.data(event).index}]`, label: 'Remove column' });
    }

    // actions

    handleAddButton(event: Event): void {
        const listKey = this.data(event).list as ButtonList;
        const header = listKey === 'headerActions';
        // "New action" is the label the e2e scenario renames (e2e/builder.e2e.ts)
        const value = {
            name: uniqueName(
                'action',
                this.buttons(listKey).map((b) => String(b.name))
            ),
            label: 'New action'
        };
        const label = header ? 'Add header action' : 'Add row action';
        if (Array.isArray(this.table[listKey]))
            this.edit({ op: 'insert', path: `${this.path}.${listKey}`, value, label });
        else this.set(listKey, [value], label);
    }

    /** Renames the button; the host keeps the interactions it triggers connected (applyEditKeepingReferences). */
    handleButtonNameChange(event: CustomEvent<{ value: string }>): void {
        const { list: listKey, index } = this.data(event);
        this.set(`${listKey}[${index}].name`, (event.detail.value ?? '').trim(), 'Rename action');
    }

    handleButtonLabelChange(event: CustomEvent<{ value: string }>): void {
        const { list: listKey, index } = this.data(event);
        this.set(`${listKey}[${index}].label`, event.detail.value ?? '', 'Change action label');
    }

    handleButtonVariantChange(event: CustomEvent<{ value: string }>): void {
        const { list: listKey, index } = this.data(event);
        const value = event.detail.value;
        this.set(`${listKey}[${index}].variant`, value === 'neutral' ? undefined : value, 'Change action style');
    }

    handleRequiresSelectionChange(event: CustomEvent<{ checked: boolean }>): void {
        const { index } = this.data(event);
        this.set(
            `headerActions[${index}].requiresSelection`,
            event.detail.checked ? true : undefined,
            'Change requires selection'
        );
    }

    private newInteraction(listKey: ButtonList, button: Json, first?: Json): Json {
        return newInteraction(this.doc, EVENT_OF[listKey], this.name, String(button.name ?? ''), first);
    }

    private insertInteraction(interaction: Json, label: string): number {
        const interactions = this.doc.interactions;
        if (Array.isArray(interactions)) {
            this.edit({ op: 'insert', path: 'interactions', value: interaction, label });
            return interactions.length;
        }
        this.edit({ op: 'set', path: 'interactions', value: [interaction], label });
        return 0;
    }

    handleConfirmChange(event: CustomEvent<{ checked: boolean }>): void {
        const { list: listKey, index } = this.data(event);
        const key = listKey as ButtonList;
        const button = this.buttons(key)[Number(index)];
        const k = this.interactionIndex(key, button.name);
        const confirm = event.detail.checked ? confirmationFor(this.name, button, key === 'headerActions') : undefined;
        const label = confirm ? 'Ask for confirmation' : 'Stop asking for confirmation';
        if (k >= 0) {
            this.edit({
                op: 'set',
                path: `interactions[${k}].do`,
                value: toggleConfirmation(this.interactionAt(k)?.do, confirm),
                label
            });
        } else if (confirm) {
            this.insertInteraction(this.newInteraction(key, button, confirm), label);
        }
    }

    handleInteraction(event: Event): void {
        const { list: listKey, index } = this.data(event);
        const key = listKey as ButtonList;
        const button = this.buttons(key)[Number(index)];
        let k = this.interactionIndex(key, button.name);
        if (k < 0)
            k = this.insertInteraction(
                this.newInteraction(key, button),
                `Set up ${String(button.label ?? button.name)}`
            );
        this.dispatchEvent(
            new CustomEvent('select', { detail: { path: `interactions[${k}]` }, bubbles: true, composed: true })
        );
    }

    handleMoveButton(event: Event): void {
        const { list: listKey, index, delta } = this.data(event);
        const i = Number(index);
        this.edit({ op: 'move', path: `${this.path}.${listKey}[${i}]`, to: i + Number(delta), label: 'Move action' });
    }

    handleRemoveButton(event: Event): void {
        const { list: listKey, index } = this.data(event);
        const label = 'Remove action';
        if (this.buttons(listKey as ButtonList).length <= 1) this.set(String(listKey), undefined, label);
        else this.edit({ op: 'remove', path: `${this.path}.${listKey}[${index}]`, label });
    }
}
