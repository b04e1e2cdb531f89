/*
 * Actions: each action type's keys and values, their chains (onFinish, onError, onCancel, onClose) and flow
 * input/output mappings.
 */
import { DATA_TYPES } from './definitionTypes';
import { Checker, isMergeField, typeName, type Json, type Scope } from './checker';
import { childPath } from './jsonSource';
import { expression } from './references';
import { checkValue } from './values';
import { urlProblem } from './urlPolicy';
import {
    clearWithValue,
    componentNameCase,
    exportFileNameNotCsv,
    exportTableNotATable,
    unknownExportTable,
    duplicateActionId,
    duplicateFlowInput,
    duplicateFlowOutput,
    flowInputWithoutValue,
    notAVariable,
    queryNameNotText,
    setVariableWithoutValue,
    unknownObject,
    unknownRefreshQuery,
    unknownVariable,
    variableNameCase,
    arithmeticOnNonNumber,
    aggregateNeedsCollectionResource,
    aggregateNeedsNumberResource,
    aggregateWithoutChunks,
    chunkSizeTooLarge,
    chunkSizeWithoutChunks,
    chunkedRunWithoutSelection,
    integerOutOfRange,
    notAnInteger
} from './messages';
import { ACTION_KEYS, ACTION_TYPES, FLOW_RUN_MODES, LIMITS, OUTPUT_AGGREGATES } from './vocabulary';

export function actionChain(ctx: Checker, owner: Json, key: string, path: string, scope: Scope): void {
    const list = ctx.array(owner, key, path, key);
    list?.forEach((a, i) => checkAction(ctx, a, `${path}.${key}[${i}]`, scope));
}

export function checkAction(ctx: Checker, a: unknown, path: string, scope: Scope): void {
    if (!ctx.objectAt(a, path, 'An action')) return;
    const type = ctx.optionalEnum(a, 'type', path, 'The action type', ACTION_TYPES, true);
    const base = ['type', 'id', 'onFinish', 'onError', 'description'];
    if (!type) {
        actionChain(ctx, a, 'onFinish', path, scope);
        actionChain(ctx, a, 'onError', path, { ...scope, inOnError: true });
        return;
    }
    ctx.keys(a, path, [...base, ...ACTION_KEYS[type]], `a ${type} action`);
    ctx.requireString(a, 'description', path, 'description', { optional: true });
    const id = ctx.identifier(a, 'id', path, 'The action id', {
        optional: type !== 'executeFlow',
        example: 'runSetActive'
    });
    if (id) {
        const prev = ctx.actionIds.get(id.toLowerCase());
        if (prev) ctx.error(`${path}.id`, duplicateActionId(id, prev));
        else ctx.actionIds.set(id.toLowerCase(), path);
    }
    // Only an executeFlow action with mode auto / async sets {!$Run.*} for its own chains.
    let chainScope = scope;
    const template = (key: string, what: string, required = false): void => {
        const v = ctx.requireString(a, key, path, what, { optional: !required, nonEmpty: required });
        if (v !== undefined) expression(ctx, v, `${path}.${key}`, 'template', scope);
    };

    switch (type) {
        case 'refreshQueries': {
            const queries = ctx.array(a, 'queries', path, 'queries');
            queries?.forEach((q, i) => {
                const p = `${path}.queries[${i}]`;
                if (typeof q !== 'string') {
                    ctx.error(p, queryNameNotText(typeName(q)));
                    return;
                }
                const entry = ctx.lookup(q);
                if (!entry || entry.kind !== 'query') {
                    const names = [...ctx.names.values()]
                        .filter((e) => e.kind === 'query')
                        .map((e) => e.value.name as string);
                    ctx.error(p, unknownRefreshQuery(q, names));
                }
            });
            break;
        }
        case 'setVariable': {
            const variable = ctx.requireString(a, 'variable', path, 'The variable to set', { nonEmpty: true });
            const operator =
                ctx.optionalEnum(a, 'operator', path, 'The operator', ['set', 'add', 'subtract', 'clear']) ?? 'set';
            const resource =
                variable !== undefined ? variableResource(ctx, variable, `${path}.variable`, 'setVariable') : undefined;
            if (operator === 'clear') {
                if (a.value !== undefined) ctx.error(`${path}.value`, clearWithValue());
                break;
            }
            if (a.value === undefined) {
                ctx.error(`${path}.value`, setVariableWithoutValue());
                break;
            }
            const dataType = typeof resource?.dataType === 'string' ? resource.dataType : undefined;
            const collection = resource?.isCollection === true;
            if (
                (operator === 'add' || operator === 'subtract') &&
                resource &&
                !collection &&
                dataType !== 'Number' &&
                dataType !== 'Currency'
            ) {
                ctx.error(`${path}.operator`, arithmeticOnNonNumber(operator, variable!, dataType));
            }
            // add / subtract on a collection take one element or a list of them.
            checkValue(
                ctx,
                a.value,
                `${path}.value`,
                {
                    dataType,
                    collection: collection && (operator === 'set' || Array.isArray(a.value)),
                    what: 'The value',
                    listsResolved: true
                },
                scope
            );
            break;
        }
        case 'showToast':
            template('title', 'The toast title', true);
            template('message', 'The toast message');
            ctx.optionalEnum(a, 'variant', path, 'The toast variant', ['success', 'error', 'warning', 'info']);
            ctx.optionalEnum(a, 'mode', path, 'The toast mode', ['dismissible', 'pester', 'sticky']);
            break;
        case 'navigate': {
            const target = ctx.optionalEnum(
                a,
                'target',
                path,
                'The navigation target',
                ['recordPage', 'objectList', 'namedPage', 'url'],
                true
            );
            const needs: Record<string, string> = {
                recordPage: 'recordId',
                objectList: 'objectApiName',
                namedPage: 'pageName',
                url: 'url'
            };
            for (const key of ['recordId', 'objectApiName', 'pageName', 'url']) {
                template(key, key, target !== undefined && needs[target] === key);
            }
            if (typeof a.url === 'string' && a.url.trim()) {
                // The text before the first merge field fixes the scheme; a URL that starts with a merge field is
                // checked when it runs (the navigate executor calls urlProblem on the resolved URL).
                const head = a.url.split('{!')[0];
                const problem = head === a.url ? urlProblem(a.url) : /:/.test(head) ? urlProblem(head) : undefined;
                if (problem) ctx.error(`${path}.url`, problem);
            }
            const obj = a.objectApiName;
            if (typeof obj === 'string' && !isMergeField(obj) && ctx.catalog && !ctx.catalog.describeObject(obj)) {
                ctx.error(`${path}.objectApiName`, unknownObject(obj));
            }
            ctx.optionalEnum(a, 'actionName', path, 'actionName', ['view', 'edit', 'clone', 'home', 'list', 'new']);
            break;
        }
        case 'confirm':
            template('title', 'The dialog title');
            template('message', 'The confirmation message', true);
            ctx.requireString(a, 'confirmLabel', path, 'confirmLabel', { optional: true, nonEmpty: true });
            ctx.optionalEnum(a, 'variant', path, 'The dialog variant', ['header', 'headerless']);
            ctx.optionalEnum(a, 'theme', path, 'The dialog theme', [
                'default',
                'shade',
                'inverse',
                'alt-inverse',
                'success',
                'info',
                'warning',
                'error',
                'offline'
            ]);
            actionChain(ctx, a, 'onCancel', path, scope);
            break;
        case 'executeFlow':
        case 'openFlowDialog':
        case 'openFlowPanel':
            ctx.identifier(a, 'flowApiName', path, 'flowApiName', {
                namespace: true,
                example: 'the flow API name Set_Contact_Status_Active'
            });
            // A custom permission the running user needs before anything runs (checked on the server).
            ctx.identifier(a, 'requiredPermission', path, 'requiredPermission', {
                optional: true,
                namespace: true,
                example: 'Run_Contact_Flows'
            });
            if (type === 'executeFlow') {
                const run = runMode(ctx, a, path, id);
                flowMappings(ctx, a, path, scope, run);
                chainScope = { ...scope, inRun: run.chunked };
            } else {
                flowMappings(ctx, a, path, scope);
            }
            if (type !== 'executeFlow') {
                template('title', 'The title');
                ctx.optionalEnum(a, 'size', path, 'size', ['small', 'medium', 'large']);
                if (type === 'openFlowPanel') ctx.optionalEnum(a, 'position', path, 'position', ['left', 'right']);
                actionChain(ctx, a, 'onClose', path, scope);
            }
            break;
        case 'exportCsv': {
            const table = ctx.requireString(a, 'table', path, 'The table to export', { nonEmpty: true });
            if (table !== undefined) exportTable(ctx, table, `${path}.table`);
            template('fileName', 'The file name');
            const fileName = a.fileName;
            // Only the literal end is known: a name ending in a merge field is left to the author.
            if (typeof fileName === 'string' && fileName.trim() && !/\}\s*$/.test(fileName)) {
                if (!fileName.trim().toLowerCase().endsWith('.csv'))
                    ctx.warn(`${path}.fileName`, exportFileNameNotCsv(fileName));
            }
            break;
        }
        default:
            break;
    }
    actionChain(ctx, a, 'onFinish', path, chainScope);
    actionChain(ctx, a, 'onError', path, { ...chainScope, inOnError: true });
}

/** How an executeFlow action runs: its mode as written (undefined when unset or invalid) and whether it chunks. */
export interface RunMode {
    mode?: string;
    /** mode auto or async. */
    chunked: boolean;
    /** False when "mode" holds a value that is not a mode (reported): the no-effect warnings are then left out. */
    known: boolean;
}

/**
 * mode and chunkSize of an executeFlow action. A chunked run splits the selection of an input mapped to a table's
 * SelectedRowsKeyValue / SelectedRows, so one is required.
 */
export function runMode(ctx: Checker, a: Json, path: string, id: string | undefined): RunMode {
    const mode = ctx.optionalEnum(a, 'mode', path, 'The run mode', FLOW_RUN_MODES);
    const known = a.mode === undefined || mode !== undefined;
    const chunked = mode === 'auto' || mode === 'async';
    const size = a.chunkSize;
    if (size !== undefined) {
        const p = childPath(path, 'chunkSize');
        if (typeof size !== 'number' || !Number.isInteger(size)) {
            ctx.error(p, notAnInteger('chunkSize', typeName(size)));
        } else if (size > LIMITS.chunkSizeMax) {
            ctx.error(p, chunkSizeTooLarge(size, LIMITS.chunkSizeMax));
        } else if (size < LIMITS.chunkSizeMin) {
            ctx.error(p, integerOutOfRange('chunkSize', size, LIMITS.chunkSizeMin, LIMITS.chunkSizeMax));
        } else if (known && !chunked) {
            ctx.warn(p, chunkSizeWithoutChunks(mode));
        }
    }
    if (chunked && !hasSelectionInput(ctx, a)) {
        const tables = [...ctx.names.values()].filter((e) => e.kind === 'component' && e.value.type === 'dataTable');
        const table = tables.length ? String(tables[0].value.name) : '<table>';
        ctx.error(childPath(path, 'mode'), chunkedRunWithoutSelection(id ?? path, mode!, table));
    }
    return { mode, chunked, known };
}

const SELECTION_REFERENCE = /^\{!\s*([A-Za-z][A-Za-z0-9_]*)\.(SelectedRowsKeyValue|SelectedRows)\s*\}$/;

/** An input whose whole value is {!table.SelectedRowsKeyValue} or {!table.SelectedRows} of a component. */
function hasSelectionInput(ctx: Checker, a: Json): boolean {
    if (!Array.isArray(a.inputs)) return false;
    return a.inputs.some((m) => {
        if (typeof m !== 'object' || m === null || typeof (m as Json).value !== 'string') return false;
        const match = SELECTION_REFERENCE.exec(((m as Json).value as string).trim());
        return !!match && ctx.lookup(match[1])?.kind === 'component';
    });
}

/** exportCsv's table: a data table of the definition, written exactly as defined. */
function exportTable(ctx: Checker, name: string, path: string): void {
    const entry = ctx.lookup(name);
    if (!entry) {
        const tables = [...ctx.names.values()]
            .filter((e) => e.kind === 'component' && e.value.type === 'dataTable')
            .map((e) => e.value.name as string);
        ctx.error(path, unknownExportTable(name, tables));
    } else if (entry.kind !== 'component' || entry.value.type !== 'dataTable') {
        ctx.error(path, exportTableNotATable(name, entry.kind === 'resource' ? String(entry.value.kind) : entry.kind));
    } else if (entry.value.name !== name) {
        ctx.error(path, componentNameCase(String(entry.value.name)));
    }
}

/** A variable resource named `name`, or a problem. */
export function variableResource(ctx: Checker, name: string, path: string, what: string): Json | undefined {
    const entry = ctx.lookup(name);
    const variables = [...ctx.names.values()]
        .filter((e) => e.kind === 'resource' && e.value.kind === 'variable')
        .map((e) => e.value.name as string);
    if (!entry) {
        ctx.error(path, unknownVariable(name, variables));
        return undefined;
    }
    if (entry.kind !== 'resource' || entry.value.kind !== 'variable') {
        const kind = entry.kind === 'resource' ? String(entry.value.kind) : entry.kind;
        ctx.error(path, notAVariable(what, name, kind));
        return undefined;
    }
    if (entry.value.name !== name) ctx.error(path, variableNameCase(String(entry.value.name)));
    return entry.value;
}

/** Inputs and outputs of a flow action; `run` is given for executeFlow (outputs may then carry an aggregate). */
export function flowMappings(ctx: Checker, a: Json, path: string, scope: Scope, run?: RunMode): void {
    const inputs = ctx.array(a, 'inputs', path, 'inputs');
    const seenIn = new Map<string, number>();
    inputs?.forEach((m, i) => {
        const p = `${path}.inputs[${i}]`;
        if (!ctx.objectAt(m, p, 'An input')) return;
        ctx.keys(m, p, ['name', 'value', 'collection', 'dataType'], 'a flow input');
        const name = ctx.identifier(m, 'name', p, 'The flow input name', { example: 'ContactIds' });
        if (name) {
            const prev = seenIn.get(name);
            if (prev !== undefined) ctx.error(`${p}.name`, duplicateFlowInput(name, prev));
            else seenIn.set(name, i);
        }
        const collection = ctx.optionalBoolean(m, 'collection', p, 'collection') ?? false;
        const dataType = ctx.optionalEnum(m, 'dataType', p, 'The input dataType', DATA_TYPES) ?? 'Text';
        if (!('value' in m)) {
            ctx.error(`${p}.value`, flowInputWithoutValue(name ?? p));
            return;
        }
        checkValue(
            ctx,
            m.value,
            `${p}.value`,
            { dataType, collection, what: `The value of input '${name ?? p}'`, listsResolved: true },
            scope
        );
    });
    const outputs = ctx.array(a, 'outputs', path, 'outputs');
    const seenOut = new Map<string, number>();
    outputs?.forEach((m, i) => {
        const p = `${path}.outputs[${i}]`;
        if (!ctx.objectAt(m, p, 'An output')) return;
        ctx.keys(m, p, run ? ['name', 'resource', 'aggregate'] : ['name', 'resource'], 'a flow output');
        const name = ctx.identifier(m, 'name', p, 'The flow output name', { example: 'updatedCount' });
        if (name) {
            const prev = seenOut.get(name);
            if (prev !== undefined) ctx.error(`${p}.name`, duplicateFlowOutput(name, prev));
            else seenOut.set(name, i);
        }
        const resource = ctx.requireString(m, 'resource', p, 'The resource receiving the output', {
            nonEmpty: true
        });
        const target =
            resource !== undefined ? variableResource(ctx, resource, `${p}.resource`, 'An output mapping') : undefined;
        if (run && m.aggregate !== undefined) outputAggregate(ctx, m, p, run, resource, target);
    });
}

/** An output's aggregate: sum / count into a single number variable, collect into a collection. */
function outputAggregate(
    ctx: Checker,
    m: Json,
    path: string,
    run: RunMode,
    resource: string | undefined,
    target: Json | undefined
): void {
    const aggregate = ctx.optionalEnum(m, 'aggregate', path, 'The output aggregate', OUTPUT_AGGREGATES);
    if (!aggregate) return;
    const p = childPath(path, 'aggregate');
    if (!run.chunked) {
        if (run.known) ctx.warn(p, aggregateWithoutChunks(run.mode));
        return;
    }
    if (!target || resource === undefined) return; // the resource's own problem is reported
    const dataType = typeof target.dataType === 'string' ? target.dataType : undefined;
    const collection = target.isCollection === true;
    if (aggregate === 'sum' || aggregate === 'count') {
        if (collection || (dataType !== 'Number' && dataType !== 'Currency'))
            ctx.error(p, aggregateNeedsNumberResource(aggregate, resource, dataType, collection));
    } else if (aggregate === 'collect' && !collection) {
        ctx.error(p, aggregateNeedsCollectionResource(resource, dataType, collection));
    }
}
