import { LightningElement, api } from 'lwc';
import type { DefinitionProblem } from 'c/dcDefinition';
import { newAction } from 'c/dcBuilder';
import type { BuilderEdit, EditorContext, NewActionType } from 'c/dcBuilder';
import { ACTION_TYPE_OPTIONS, actionSummary, actionTypeLabel } from 'c/builderActionEditor';

type Json = Record<string, unknown>;

interface Option {
    label: string;
    value: string;
}

const EVENTS: Option[] = [
    { label: 'Header Action Click', value: 'headerActionClick' },
    { label: 'Row Action Click', value: 'rowActionClick' },
    { label: 'Selection Change', value: 'selectionChange' },
    { label: 'Load', value: 'load' },
    { label: 'Save', value: 'save' }
];

const EVENT_HELP: Record<string, string> = {
    headerActionClick: 'Runs when the user clicks a button above the table.',
    rowActionClick: "Runs when the user picks an action in a row's menu; {!table.ActionRow} is that row.",
    selectionChange: 'Runs whenever the selected rows of the table change.',
    load: 'Runs once when the component loads.',
    save: 'Runs after a save of inline edits that saved at least one row; {!table.LastSaveSavedCount} and {!table.LastSaveFailedCount} count the saved and failed rows.'
};

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function listKey(event: string): 'headerActions' | 'rowActions' | undefined {
    if (event === 'headerActionClick') return 'headerActions';
    if (event === 'rowActionClick') return 'rowActions';
    return undefined;
}

/**
 * Editor of an interaction: its trigger, picked from what the draft has (event: Header Action Click, Row Action
 * Click, Selection Change, Load, Save; target: one of the draft's tables; action, for the click events only: one of
 * that table's header or row actions), and its ordered list of actions with Add item (Execute Flow, Open Flow
 * Dialog, Open Flow Panel, Refresh All Queries, Show Toast, Navigate, Set Variable, Confirm, Export CSV), reorder,
 * remove and Edit (fires select with the action's path).
 *
 * Inputs (@api): node (the interaction), path ('interactions[0]'), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed); select ({path}, bubbles, composed).
 */
export default class BuilderInteractionEditor extends LightningElement {
    @api path = '';
    @api context?: EditorContext;

    private interaction: Json = {};

    @api
    get node(): Json {
        return this.interaction;
    }
    set node(value: Json) {
        this.interaction = isObject(value) ? value : {};
    }

    private get doc(): Json {
        return this.context?.doc ?? {};
    }

    private get on(): Json {
        return isObject(this.interaction.on) ? this.interaction.on : {};
    }

    get interactionId(): string {
        return typeof this.interaction.id === 'string' ? this.interaction.id : '';
    }

    get description(): string {
        return typeof this.interaction.description === 'string' ? this.interaction.description : '';
    }

    get event(): string {
        return typeof this.on.event === 'string' ? this.on.event : '';
    }

    get target(): string {
        return typeof this.on.target === 'string' ? this.on.target : '';
    }

    get actionName(): string {
        return typeof this.on.action === 'string' ? this.on.action : '';
    }

    get eventOptions(): Option[] {
        return EVENTS;
    }

    get eventHelp(): string {
        const help = EVENT_HELP[this.event] ?? 'Choose what starts the actions.';
        // the merge fields named with the chosen table, ready to copy
        return this.target ? help.replace(/\{!table\./g, `{!${this.target}.`) : help;
    }

    get needsTarget(): boolean {
        return this.event !== '' && this.event !== 'load';
    }

    get needsAction(): boolean {
        return listKey(this.event) !== undefined;
    }

    private get tables(): Json[] {
        return list(this.doc.components).filter(
            (c) => typeof c.name === 'string' && c.name && (c.type ?? 'dataTable') === 'dataTable'
        );
    }

    get targetOptions(): Option[] {
        const options = this.tables.map((c) => ({
            label:
                typeof c.title === 'string' && c.title && !c.title.includes('{!')
                    ? `${c.title} (${String(c.name)})`
                    : String(c.name),
            value: String(c.name)
        }));
        if (this.target && !options.some((o) => o.value === this.target)) {
            options.push({ label: `${this.target} (not a table of this definition)`, value: this.target });
        }
        return options;
    }

    get hasNoTables(): boolean {
        return this.tables.length === 0;
    }

    private buttonsOf(table: string, event: string): Json[] {
        const key = listKey(event);
        const component = this.tables.find((c) => c.name === table);
        return key && component ? list(component[key]).filter((b) => typeof b.name === 'string' && b.name) : [];
    }

    get actionLabel(): string {
        return this.event === 'rowActionClick' ? 'Row action' : 'Header action';
    }

    get actionOptions(): Option[] {
        const options = this.buttonsOf(this.target, this.event).map((b) => ({
            label: typeof b.label === 'string' && b.label ? `${b.label} (${String(b.name)})` : String(b.name),
            value: String(b.name)
        }));
        if (this.actionName && !options.some((o) => o.value === this.actionName)) {
            options.push({ label: `${this.actionName} (not an action of this table)`, value: this.actionName });
        }
        return options;
    }

    get noActionsText(): string {
        const kind = this.event === 'rowActionClick' ? 'row' : 'header';
        return this.target ? `${this.target} has no ${kind} actions yet: add one in the table's editor.` : '';
    }

    get hasNoActions(): boolean {
        return this.needsAction && Boolean(this.target) && this.buttonsOf(this.target, this.event).length === 0;
    }

    // ---------------------------------------------------------------- actions

    get actions(): Json[] {
        return Array.isArray(this.interaction.do) ? this.interaction.do.map((a) => (isObject(a) ? a : {})) : [];
    }

    get hasActions(): boolean {
        return this.actions.length > 0;
    }

    get actionItems(): Json[] {
        const actions = this.actions;
        return actions.map((a, i) => {
            const n = i + 1;
            const itemPath = `${this.path}.do[${i}]`;
            const problems = this.problemsUnder(itemPath);
            return {
                key: `${i}`,
                index: i,
                number: n,
                summary: actionSummary(a),
                problemText: problems.length
                    ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${problems[0].message}`
                    : '',
                editLabel: `Edit action ${n}: ${actionTypeLabel(a.type)}`,
                upLabel: `Move action ${n} up`,
                downLabel: `Move action ${n} down`,
                removeLabel: `Remove action ${n}`,
                isFirst: i === 0,
                isLast: i === actions.length - 1
            };
        });
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

    private problem(path: string): string {
        return this.problemsUnder(path)
            .map((p) => p.message)
            .join(' ');
    }

    get idProblem(): string {
        return this.problem(`${this.path}.id`);
    }
    get eventProblem(): string {
        return this.problem(`${this.path}.on.event`);
    }
    get targetProblem(): string {
        return this.problem(`${this.path}.on.target`);
    }
    get actionProblem(): string {
        return this.problem(`${this.path}.on.action`);
    }
    get descriptionProblem(): string {
        return this.problem(`${this.path}.description`);
    }

    get doProblem(): string {
        const p = `${this.path}.do`;
        return (this.context?.problems ?? [])
            .filter((x) => x.path === p)
            .map((x) => x.message)
            .join(' ');
    }

    /** Problems of the interaction itself or of the trigger as a whole. */
    get otherProblems(): { key: string; message: string }[] {
        // a control that is not shown (the action of a save or selection change) leaves its problems to this list
        const keys = ['id', 'on.event', 'description', 'do'];
        if (this.needsTarget) keys.push('on.target');
        if (this.needsAction) keys.push('on.action');
        const shown = keys.map((k) => `${this.path}.${k}`);
        return this.problemsUnder(this.path)
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

    private setOn(on: Json, label: string): void {
        this.edit({ op: 'set', path: `${this.path}.on`, value: on, label });
    }

    /** The trigger for an event and table, keeping the action when the table has it, else its first action. */
    private trigger(event: string, target: string): Json {
        if (event === 'load') return { event };
        const on: Json = { event, target };
        if (listKey(event)) {
            const names = this.buttonsOf(target, event).map((b) => String(b.name));
            const action = names.includes(this.actionName) ? this.actionName : names[0];
            if (action) on.action = action;
        }
        return on;
    }

    handleIdChange(event: CustomEvent<{ value: string }>): void {
        this.edit({
            op: 'set',
            path: `${this.path}.id`,
            value: (event.detail.value ?? '').trim(),
            label: 'Change interaction id'
        });
    }

    handleDescriptionChange(event: CustomEvent<{ value: string }>): void {
        this.edit({
            op: 'set',
            path: `${this.path}.description`,
            value: event.detail.value || undefined,
            label: 'Change description'
        });
    }

    handleEventChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        if (value === this.event) return;
        const target = this.target || String(this.tables[0]?.name ?? '');
        const label = EVENTS.find((e) => e.value === value)?.label ?? value;
        this.setOn(this.trigger(value, target), `Run on ${label}`);
    }

    handleTargetChange(event: CustomEvent<{ value: string }>): void {
        this.setOn(this.trigger(this.event, event.detail.value), `Run for ${event.detail.value}`);
    }

    handleActionChange(event: CustomEvent<{ value: string }>): void {
        this.edit({
            op: 'set',
            path: `${this.path}.on.action`,
            value: event.detail.value,
            label: `Run on ${event.detail.value}`
        });
    }

    handleAddItem(event: CustomEvent<{ value: string }>): void {
        const type = event.detail.value;
        const value = newAction(this.doc, type as NewActionType);
        const label = `Add ${actionTypeLabel(type)}`;
        if (Array.isArray(this.interaction.do)) this.edit({ op: 'insert', path: `${this.path}.do`, value, label });
        else this.edit({ op: 'set', path: `${this.path}.do`, value: [value], label });
    }

    private index(event: Event): number {
        return Number((event.currentTarget as HTMLElement).dataset.index);
    }

    handleEditAction(event: Event): void {
        this.dispatchEvent(
            new CustomEvent('select', {
                detail: { path: `${this.path}.do[${this.index(event)}]` },
                bubbles: true,
                composed: true
            })
        );
    }

    handleMoveAction(event: Event): void {
        const i = this.index(event);
        const delta = Number((event.currentTarget as HTMLElement).dataset.delta);
        this.edit({ op: 'move', path: `${this.path}.do[${i}]`, to: i + delta, label: 'Move action' });
    }

    handleRemoveAction(event: Event): void {
        this.edit({ op: 'remove', path: `${this.path}.do[${this.index(event)}]`, label: 'Remove action' });
    }
}
