/*
 * Interactions: their ids, the trigger ("on": event, target, action) and the actions they run.
 */
import { Checker, isObject, type Json, type Scope } from './checker';
import { checkAction } from './actions';
import { selectionOff } from './components';
import {
    componentNameCase,
    duplicateInteractionId,
    interactionDoesNothing,
    loadWithAction,
    loadWithTarget,
    notAComponent,
    saveWithAction,
    saveWithoutEditableColumn,
    selectionChangeWithAction,
    triggerMissing,
    unknownComponent,
    unknownTriggerAction,
    unreachableSelectionChange
} from './messages';
import { INTERACTION_EVENTS } from './vocabulary';

export function checkInteraction(ctx: Checker, it: unknown, path: string, ids: Map<string, string>): void {
    if (!ctx.objectAt(it, path, 'An interaction')) return;
    ctx.keys(it, path, ['id', 'on', 'do', 'description'], 'an interaction');
    ctx.requireString(it, 'description', path, 'description', { optional: true });
    const id = ctx.identifier(it, 'id', path, 'The interaction id', { example: 'setActive' });
    if (id) {
        const prev = ids.get(id.toLowerCase());
        if (prev) ctx.error(`${path}.id`, duplicateInteractionId(id, prev));
        else ids.set(id.toLowerCase(), path);
    }
    const on = it.on;
    const onPath = `${path}.on`;
    let scopeInteraction: Scope['interaction'] = { event: undefined, target: undefined };
    if (on === undefined) {
        ctx.error(onPath, triggerMissing());
    } else if (ctx.objectAt(on, onPath, 'The trigger "on"')) {
        ctx.keys(on, onPath, ['event', 'target', 'action'], 'the trigger');
        const event = ctx.optionalEnum(on, 'event', onPath, 'The event', INTERACTION_EVENTS, true);
        scopeInteraction = { event, target: on.target };
        checkTrigger(ctx, on, onPath, event);
    }
    const actions = ctx.array(it, 'do', path, 'The actions "do"', true);
    if (actions && !actions.length) ctx.error(`${path}.do`, interactionDoesNothing());
    actions?.forEach((a, i) =>
        checkAction(ctx, a, `${path}.do[${i}]`, { inOnError: false, interaction: scopeInteraction })
    );
}

export function checkTrigger(ctx: Checker, on: Json, path: string, event: string | undefined): void {
    if (event === 'load') {
        if (on.target !== undefined) ctx.error(`${path}.target`, loadWithTarget());
        if (on.action !== undefined) ctx.error(`${path}.action`, loadWithAction());
        return;
    }
    const target = ctx.requireString(on, 'target', path, 'The trigger target', { nonEmpty: true });
    let component: Json | undefined;
    if (target !== undefined) {
        const entry = ctx.lookup(target);
        const componentNames = [...ctx.names.values()]
            .filter((e) => e.kind === 'component')
            .map((e) => e.value.name as string);
        if (!entry) {
            ctx.error(`${path}.target`, unknownComponent(target, componentNames));
        } else if (entry.kind !== 'component') {
            ctx.error(`${path}.target`, notAComponent(target, entry.kind));
        } else {
            component = entry.value;
            if (entry.value.name !== target) ctx.error(`${path}.target`, componentNameCase(String(entry.value.name)));
        }
    }
    if (event === 'save') {
        if (on.action !== undefined) ctx.error(`${path}.action`, saveWithAction());
        if (component && !hasEditableColumn(component)) {
            ctx.error(`${path}.event`, saveWithoutEditableColumn(String(component.name)));
        }
        return;
    }
    if (event === 'selectionChange' || event === undefined) {
        if (event === 'selectionChange' && on.action !== undefined) {
            ctx.error(`${path}.action`, selectionChangeWithAction());
        }
        if (event === 'selectionChange' && component && selectionOff(component)) {
            ctx.error(`${path}.event`, unreachableSelectionChange(String(component.name)));
        }
        return;
    }
    const listKey = event === 'headerActionClick' ? 'headerActions' : 'rowActions';
    const action = ctx.requireString(
        on,
        'action',
        path,
        `The ${listKey === 'headerActions' ? 'header' : 'row'} action name`,
        { nonEmpty: true }
    );
    if (action === undefined || !component) return;
    const buttons = Array.isArray(component[listKey]) ? (component[listKey] as unknown[]).filter(isObject) : [];
    const names = buttons.map((b) => b.name).filter((n): n is string => typeof n === 'string');
    if (!names.includes(action)) {
        const otherKey = listKey === 'headerActions' ? 'rowActions' : 'headerActions';
        const other = Array.isArray(component[otherKey])
            ? (component[otherKey] as unknown[]).filter(isObject).some((b) => b.name === action)
            : false;
        ctx.error(`${path}.action`, unknownTriggerAction(String(component.name), listKey, action, names, other));
    }
}

/** True when a table has a column with "editable": true (only then can its save event happen). */
export function hasEditableColumn(component: Json): boolean {
    return Array.isArray(component.columns) && component.columns.some((col) => isObject(col) && col.editable === true);
}
