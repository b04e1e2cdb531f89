/*
 * The wording of definition problems, as template functions: first the flow contract (and the schema's picklist
 * rule), which Apex FlowContract.cls mirrors word for word, then the validator's own rules (the document, names,
 * values and formulas, URLs, what nobody can use, table rows, resources, interactions, components, actions, literal
 * values, merge fields, queries and their conditions, and the shape checks every part uses). The modules under
 * dcDefinition call these and write no message text themselves (__tests__/messages.test.ts checks). The builder,
 * the component's setup panel, the preview, `npm run validate:definitions` and `npm run verify` all print these.
 * Each message says what is wrong and how to fix it; the problem's path says where.
 */
import type { ValueType } from './valueTypes';
import { didYouMean, listOf, sentence } from './suggest';

/**
 * Codes of flow contract problems: the FlowRunResponse error codes of docs/CONTRACTS.md, which the server returns
 * when it refuses to start a flow. REQUIRED_INPUT and RUN_CONTEXT are only ever warnings.
 */
export type FlowContractCode =
    | 'FLOW_NOT_FOUND'
    | 'FLOW_INACTIVE'
    | 'WRONG_FLOW_TYPE'
    | 'UNKNOWN_INPUT'
    | 'INPUT_NOT_AVAILABLE'
    | 'UNKNOWN_OUTPUT'
    | 'OUTPUT_NOT_AVAILABLE'
    | 'COLLECTION_MISMATCH'
    | 'TYPE_MISMATCH'
    | 'REQUIRED_INPUT'
    | 'RUN_CONTEXT';

export type FlowDirection = 'input' | 'output';

// ------------------------------------------------------------------ building blocks

/** "a Text collection", "a single Number value", "a single Contact record", "a single value" (type unknown). */
export function typePhrase(type: ValueType): string {
    const base =
        type.dataType === 'Record'
            ? `${type.objectApiName ?? 'SObject'} record`
            : type.dataType === 'Unknown'
              ? 'value'
              : `${type.dataType} value`;
    if (!type.isCollection) return `a single ${base}`;
    return `a ${base.replace(/ value$/, '')} collection`;
}

/** How a mapped value is shown in a message: merge fields as written, literals as JSON (shortened). */
export function shownValue(value: unknown): string {
    if (typeof value === 'string' && value.includes('{!')) return value.trim();
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

/** True when `a` and `b` differ in letter case only. */
function caseOnly(a: string, b: string): boolean {
    return a !== b && a.toLowerCase() === b.toLowerCase();
}

// ------------------------------------------------------------------ the flow

/** The flow named by flowApiName does not exist (exact case); `suggestion` is the closest existing API name. */
export function flowNotFound(flowApiName: string, suggestion?: string): string {
    if (suggestion && caseOnly(flowApiName, suggestion)) {
        return `Flow '${flowApiName}' does not exist; did you mean '${suggestion}'? Flow API names are case-sensitive.`;
    }
    if (suggestion) {
        return `Flow '${flowApiName}' does not exist. Did you mean '${suggestion}'? Fix flowApiName, or create and activate a flow with this API name.`;
    }
    return `Flow '${flowApiName}' does not exist: fix flowApiName, or create and activate a flow with this API name.`;
}

/** Offline only: the flow's file is in the project but is not well-formed XML. */
export function flowUnreadable(flowApiName: string): string {
    return `Flow '${flowApiName}' is not well-formed XML, so its type and variables cannot be checked: fix the flow file first (see the flow-schema step).`;
}

export function flowInactive(flowApiName: string): string {
    return `Flow '${flowApiName}' has no active version: open it in Flow Builder and activate it.`;
}

export function executeFlowOnScreenFlow(flowApiName: string): string {
    return `Flow '${flowApiName}' is a screen flow; executeFlow runs autolaunched flows in the background: use openFlowDialog or openFlowPanel for screen flows.`;
}

export function executeFlowOnProcessType(flowApiName: string, processType: string): string {
    return `Flow '${flowApiName}' has process type ${processType || '(none)'}; executeFlow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`;
}

export function executeFlowOnTriggeredFlow(flowApiName: string, triggerType: string): string {
    const kind = triggerType.startsWith('Record') ? 'a record-triggered' : 'a triggered';
    return `Flow '${flowApiName}' is ${kind} flow (${triggerType}); executeFlow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`;
}

/** openFlowDialog / openFlowPanel on a flow that is not a screen flow. */
export function notAScreenFlow(flowApiName: string, processType: string, actionType: string): string {
    return `Flow '${flowApiName}' is not a screen flow (process type ${processType || '(none)'}); ${actionType} shows screen flows only: choose a screen flow, or use executeFlow for an autolaunched flow with no trigger.`;
}

// ------------------------------------------------------------------ variables

/**
 * No variable with this exact name. `suggestion`: a variable whose name differs in case only, or the closest one
 * available for `direction`; `available`: the variables available for `direction` (listed when nothing is close).
 */
export function unknownFlowVariable(
    flowApiName: string,
    name: string,
    direction: FlowDirection,
    suggestion: string | undefined,
    available: readonly string[]
): string {
    if (suggestion && caseOnly(name, suggestion)) {
        return `Flow '${flowApiName}' has no ${direction} variable '${name}'; did you mean '${suggestion}'? Flow variable names are case-sensitive.`;
    }
    if (suggestion) {
        return `Flow '${flowApiName}' has no ${direction} variable '${name}'. Did you mean '${suggestion}'? Fix the name, or add the variable to the flow and make it available for ${direction}.`;
    }
    const list = available.length ? listOf(available, 'and') : 'none';
    return `Flow '${flowApiName}' has no ${direction} variable '${name}' (${direction}s available: ${list}): fix the name, or add the variable to the flow and make it available for ${direction}.`;
}

export function variableNotAvailable(flowApiName: string, name: string, direction: FlowDirection): string {
    return `Variable '${name}' of flow '${flowApiName}' is not available for ${direction}: tick "Available for ${direction}" on it in Flow Builder, then activate the new version.`;
}

// ------------------------------------------------------------------ inputs

/** The input's "collection" flag does not match the flow variable. */
export function inputCollectionFlag(flowApiName: string, name: string, variable: ValueType): string {
    if (variable.isCollection) {
        return `Input '${name}' is a single value, but flow variable '${name}' of '${flowApiName}' takes ${typePhrase(variable)}: add "collection": true to the input (Allow multiple values) and map a collection such as {!<table>.SelectedRowsKeyValue}.`;
    }
    return `Input '${name}' is a collection ("collection": true), but flow variable '${name}' of '${flowApiName}' takes ${typePhrase(variable)}: remove "collection": true and map a single value, or make the flow variable a collection.`;
}

/** The input's "dataType" (Text when omitted) does not fit the flow variable. */
export function inputDataType(
    flowApiName: string,
    name: string,
    declared: string,
    isDefault: boolean,
    variable: ValueType
): string {
    const fix =
        variable.dataType === 'Unknown'
            ? 'a definition can only pass Text, Number, Currency, Boolean, Date, DateTime or Record values: map another flow variable'
            : `set "dataType": "${variable.dataType}" on the input`;
    return `Input '${name}' is ${declared}${isDefault ? ' (the default dataType)' : ''}, but flow variable '${name}' of '${flowApiName}' takes ${typePhrase(variable)}: ${fix}.`;
}

/** The mapped value is a collection and the variable holds one value, or the reverse. */
export function inputSourceCollection(
    flowApiName: string,
    name: string,
    value: unknown,
    source: ValueType,
    variable: ValueType
): string {
    const fix = variable.isCollection
        ? 'map a collection, such as {!<table>.SelectedRowsKeyValue} or a list [ ... ], with "collection": true'
        : 'map a single value, such as {!<table>.FirstSelectedRow.Id}, or make the flow variable a collection';
    return `The value ${shownValue(value)} of input '${name}' is ${typePhrase(source)}, but flow variable '${name}' of '${flowApiName}' takes ${typePhrase(variable)}: ${fix}.`;
}

/** The mapped value's type cannot be stored in the flow variable. */
export function inputSourceType(
    flowApiName: string,
    name: string,
    value: unknown,
    source: ValueType,
    variable: ValueType
): string {
    return `The value ${shownValue(value)} of input '${name}' is ${typePhrase(source)}, but flow variable '${name}' of '${flowApiName}' takes ${typePhrase(variable)}: map a value of that type, or change the flow variable's type.`;
}

/** Warning: an input variable without a default value that the action does not set. */
export function requiredInputMissing(flowApiName: string, name: string, variable: ValueType): string {
    return `Flow '${flowApiName}' has input variable '${name}' (${typePhrase(variable)}) without a default value, and this action does not set it, so the flow gets an empty value: add it to "inputs", or give the variable a default value in the flow.`;
}

// ------------------------------------------------------------------ run context

/** What a flow writes, for the run-context warning. */
export interface RecordWriteSummary {
    operation: 'create' | 'update' | 'delete';
    element: string;
    object?: string;
    /** The subflow the element belongs to, when it is not the flow's own. */
    subflow?: string;
}

const WRITE_VERB = { create: 'creates', update: 'updates', delete: 'deletes' } as const;
const WRITE_ELEMENT = { create: 'Create Records', update: 'Update Records', delete: 'Delete Records' } as const;

/** "creates and updates records (Create Records 'New_Task' on Task, Update Records 'Set_Status' in subflow 'X')" */
function writesPhrase(writes: readonly RecordWriteSummary[]): string {
    const verbs = (['create', 'update', 'delete'] as const)
        .filter((op) => writes.some((w) => w.operation === op))
        .map((op) => WRITE_VERB[op]);
    const verbText =
        verbs.length <= 1 ? verbs.join('') : `${verbs.slice(0, -1).join(', ')} and ${verbs[verbs.length - 1]}`;
    const shown = writes.slice(0, 3).map((w) => {
        const on = w.object ? ` on ${w.object}` : '';
        const inSubflow = w.subflow ? ` in subflow '${w.subflow}'` : '';
        return `${WRITE_ELEMENT[w.operation]} '${w.element}'${on}${inSubflow}`;
    });
    const more = writes.length > 3 ? `, and ${writes.length - 3} more` : '';
    return `${verbText} records (${shown.join(', ')}${more})`;
}

/**
 * An executeFlow action without requiredPermission on a flow that writes records and leaves its run mode unset
 * (or sets DefaultMode, which is the same): started by this component it runs in system context with sharing.
 */
export function runContextUnset(
    flowApiName: string,
    writes: readonly RecordWriteSummary[],
    runInMode: string | null
): string {
    const mode = runInMode ? `runs in ${runInMode}` : 'sets no run mode';
    return `Flow '${flowApiName}' ${writesPhrase(writes)} and ${mode}, so started by this action it runs in system context with sharing: record sharing applies, but the user's object and field permissions are not checked. Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing in Flow Builder to make that context explicit.`;
}

/** An executeFlow action without requiredPermission on a flow that writes records without sharing. */
export function runContextWithoutSharing(flowApiName: string, writes: readonly RecordWriteSummary[]): string {
    return `Flow '${flowApiName}' ${writesPhrase(writes)} and runs in SystemModeWithoutSharing: any user who can run this action changes records whatever their sharing, object and field permissions. Set "requiredPermission" on this action to a custom permission that only the intended users have, or set the flow's 'How to Run the Flow' (runInMode) to SystemModeWithSharing.`;
}

// ------------------------------------------------------------------ outputs

/** A flow output whose type or collection-ness does not fit the variable resource receiving it. */
export function outputResourceType(
    flowApiName: string,
    name: string,
    variable: ValueType,
    resource: string,
    target: ValueType
): string {
    const fix =
        variable.isCollection !== target.isCollection
            ? variable.isCollection
                ? `make '${resource}' a collection ("isCollection": true) or store the output in a collection variable`
                : `remove "isCollection": true from '${resource}' or store the output in a single-value variable`
            : `store it in a variable of the same type`;
    return `Output '${name}' of flow '${flowApiName}' is ${typePhrase(variable)}, but resource '${resource}' is ${typePhrase(target)}: ${fix}.`;
}

// ------------------------------------------------------------------ schema: picklist values in filters

/** A literal condition value that is not a value of the picklist field it filters. */
export function picklistValueUnknown(
    field: string,
    value: string,
    suggestion: string | undefined,
    values: readonly string[]
): string {
    const shown =
        values.length > 12
            ? `${values
                  .slice(0, 12)
                  .map((v) => `'${v}'`)
                  .join(', ')}, ...`
            : listOf(values, 'or');
    return `'${value}' is not a value of picklist '${field}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Use one of ${shown} (picklist values are API names, not labels).`;
}

// ------------------------------------------------------------------ the validator: objects

/** An object API name that the schema catalog does not have. */
export function unknownObject(objectName: string): string {
    return `Object '${objectName}' does not exist in the schema: check the API name (custom objects end in __c) or deploy the object first.`;
}

// ------------------------------------------------------------------ the validator: the document

/** A key such as __proto__ anywhere in the document. */
export function reservedKey(key: string): string {
    return `'${key}' is a reserved key (it names JavaScript object machinery and could change how the definition is read): remove it or rename the property; no part of a definition uses it.`;
}

/** A document handed over as an object that nests deeper than the JSON reader allows. */
export function documentTooDeep(limit: number): string {
    return `The definition is nested more than ${limit} levels deep (objects and lists inside each other); a definition needs far fewer: flatten it.`;
}

/** A document handed over as an object that contains itself. */
export function circularDocument(): string {
    return `The definition contains itself (an object or list inside its own value), so it is not a JSON tree: build it from plain JSON values.`;
}

export function schemaVersionMissing(version: number): string {
    return `schemaVersion is missing: add "schemaVersion": ${version}.`;
}

/** `actual` as typeName gives it. */
export function schemaVersionUnsupported(actual: string, version: number): string {
    return `schemaVersion ${actual} is not supported: this version reads "schemaVersion": ${version}.`;
}

/** Resources, queries and components share one namespace (case-insensitive). */
export function duplicateName(name: string, previousPath: string, kind: string): string {
    return `The name '${name}' is already used by ${previousPath} (a ${kind}): resources, queries and components share one namespace, so rename one of them.`;
}

// ------------------------------------------------------------------ the validator: resources

/**
 * Resources that read each other in a circle: `cycle` is a → b → a in reading order; `others` are further members
 * of the same circle; `withVariables` when initial values of variables take part.
 */
export function dependencyCycle(cycle: readonly string[], others: readonly string[], withVariables: boolean): string {
    const what = withVariables ? 'Formulas and initial values' : 'Formulas';
    const also = others.length
        ? `; ${listOf(others, 'and')} ${others.length > 1 ? 'are' : 'is'} in the same circle`
        : '';
    return `${what} refer to each other in a circle (${cycle.join(' → ')}${also}), so none of them can be computed: break the cycle by removing one of these references.`;
}

// ------------------------------------------------------------------ the validator: values and formulas

/** A template or formula that does not parse; `parserMessage` has the position and, for IFF(...), a did-you-mean. */
export function expressionDoesNotParse(kind: 'template' | 'formula', parserMessage: string): string {
    const what = kind === 'formula' ? 'The formula does not parse' : 'A merge field does not parse';
    return `${what}: ${sentence(parserMessage)}`;
}

/** A type error that is certain before the formula runs (inferFormulaType). */
export function formulaTypeProblem(message: string): string {
    return `The formula cannot work: ${message}. Fix the argument or convert it (TEXT(), VALUE(), DATEVALUE()).`;
}

/** A formula whose result type is not the type its target needs. */
export function formulaResultType(what: string, result: string, expected: string): string {
    const convert: Record<string, string> = {
        Text: 'TEXT(...)',
        Number: 'VALUE(...)',
        Date: 'DATEVALUE(...)',
        DateTime: 'DATETIMEVALUE(...)',
        Boolean: 'a comparison such as ... = "Yes"'
    };
    return `${what} returns ${result}, but it must be ${expected}: change the formula to return ${expected} (e.g. with ${convert[expected] ?? 'a conversion'}) or change the dataType.`;
}

/** A Date / DateTime literal that is not a real, storable date (30 February, year 1600, 25:00). */
export function invalidDateValue(subject: string, dataType: string, problem: string, example: string): string {
    return `${subject} is not a valid ${dataType}: ${problem}. Write a real ${dataType === 'Date' ? 'date' : 'date-time'} between the years 1700 and 4000, such as ${example}.`;
}

/** Merge fields (or '=' formulas) inside a list where the runtime keeps list elements as they are. */
export function mergeFieldInListNotResolved(element: string, hint: string): string {
    return `${JSON.stringify(element)} is inside a list, and merge fields and formulas in a list are not resolved here (the element would stay that text): ${hint || 'use literal values in the list, or one merge field that holds a whole collection'}.`;
}

/** An old-style formula written without '=' ("TODAY()", "{!n} * 2") bound for a Number, Date, ... target. */
export function needsEquals(what: string, value: string, dataType: string): string {
    return `${what} ${JSON.stringify(value)} is read as text, but a ${dataType} is needed; to compute it, start the value with '=' (${JSON.stringify('=' + value.trimStart())}).`;
}

/** Text with merge fields ("{!a} - {!b}") bound for a Number, Date, ... target: a template is always text. */
export function templateIsText(what: string, value: string, dataType: string, formulaLike: boolean): string {
    return formulaLike
        ? `${what} ${JSON.stringify(value)} is read as text (merge fields inside text), but a ${dataType} is needed; to compute it, start the value with '=' (${JSON.stringify('=' + value.trimStart())}).`
        : `${what} ${JSON.stringify(value)} is text with merge fields, but a ${dataType} is needed: use a single merge field ("{!name}") or a formula starting with '='.`;
}

// ------------------------------------------------------------------ the validator: names

/** A name or id that breaks the developer-name rules; `reason` from identifierReason. */
export function invalidIdentifier(what: string, value: string, reason: string, example: string): string {
    if (/characters long/.test(reason)) return `${what} '${value}' is too long: ${reason}; shorten it.`;
    return `${what} '${value}' is not valid: ${reason}. Use letters, digits and single underscores, start with a letter and do not end with an underscore (e.g. ${example}).`;
}

/** An object or field API name longer than the platform allows. */
export function schemaNameTooLong(what: string, value: string, reason: string): string {
    return `${what} '${value}' cannot exist: ${reason}. Check the API name.`;
}

// ------------------------------------------------------------------ the validator and the navigate action: URLs

function shortUrl(url: string): string {
    return url.length > 60 ? `${url.slice(0, 57)}...` : url;
}

export function urlEmpty(): string {
    return `The URL is empty: give the address to open (https://..., or a relative URL such as /lightning/o/Contact/home).`;
}

export function urlProtocolRelative(url: string): string {
    return `The URL '${shortUrl(url)}' starts with '//', which opens another site: write it in full with https:// or make it relative to the org (/lightning/...).`;
}

export function urlSchemeNotAllowed(url: string, scheme: string, allowed: readonly string[]): string {
    return `The URL scheme '${scheme}:' is not allowed (in '${shortUrl(url)}'): a navigate action opens only ${allowed.map((s) => `${s}:`).join(', ')} or a URL relative to the org such as /lightning/o/Contact/home.`;
}

// ------------------------------------------------------------------ the validator: what nobody can use

/** A header action with requiresSelection on a table where no row can be selected. */
export function unreachableHeaderAction(action: string, table: string): string {
    return `Header action '${action}' requires a selection, but '${table}' offers no row selection (maxRowSelection is 0 or not set), so nobody can ever use it: set "maxRowSelection" on '${table}' (1 for a single row) or remove "requiresSelection".`;
}

/** A selectionChange interaction on a table where no row can be selected. */
export function unreachableSelectionChange(table: string): string {
    return `This interaction runs when the selection of '${table}' changes, but '${table}' offers no row selection (maxRowSelection is 0 or not set), so it never runs: set "maxRowSelection" on '${table}' or remove the interaction.`;
}

// ------------------------------------------------------------------ the validator: table rows

/** What a field is near to, for fieldNotInQuery (from rowFieldHint). */
export interface FieldHint {
    exists?: boolean;
    candidates: readonly string[];
    suggestion?: string;
    typoInQuery?: string;
}

/**
 * A column / keyField / row merge field naming a field the table's query does not read. With `exists` the field
 * is real and the fix is the query's fields (naming its typo when one is close); otherwise a real row field is
 * suggested.
 */
export function fieldNotInQuery(subject: string, field: string, query: string, hint: FieldHint): string {
    if (hint.exists) {
        const typo = hint.typoInQuery
            ? ` The query reads '${hint.typoInQuery}', which does not exist: if it was meant to be '${field}', fix it there.`
            : '';
        return `${subject} is not read by query '${query}': add '${field}' to the query's "fields".${typo}`;
    }
    const choose = hint.candidates.length ? ` or choose one of ${hint.candidates.join(', ')}` : '';
    const mean = hint.suggestion && hint.suggestion !== field ? ` Did you mean '${hint.suggestion}'?` : '';
    return `${subject} is not read by query '${query}': add it to the query's "fields"${choose}.${mean}`;
}

// ------------------------------------------------------------------ the validator: resources (kinds and values)

export function objectApiNameWithoutRecord(): string {
    return `objectApiName only applies to Record variables: remove it or set "dataType": "Record".`;
}

export function constantHasNoValue(constant: string): string {
    return `Constant '${constant}' has no value: add "value".`;
}

export function constantWithMergeFields(): string {
    return `A constant cannot contain merge fields: use a formula resource (kind "formula") for a computed value.`;
}

export function recordConstant(): string {
    return `A constant cannot be a Record: use Text, Number, Currency, Boolean, Date or DateTime.`;
}

export function recordFormula(): string {
    return `A formula cannot return a Record: use Text, Number, Currency, Boolean, Date or DateTime.`;
}

// ------------------------------------------------------------------ the validator: interactions and triggers

export function duplicateInteractionId(id: string, previous: string): string {
    return `Interaction id '${id}' is already used by ${previous}: interaction ids must be unique.`;
}

export function triggerMissing(): string {
    return `The trigger is missing: add "on": { "event": "headerActionClick", "target": "<table>", "action": "<action>" }.`;
}

export function interactionDoesNothing(): string {
    return `The interaction does nothing: add at least one action to "do".`;
}

export function loadWithTarget(): string {
    return `A load interaction has no target: remove "target".`;
}

export function loadWithAction(): string {
    return `A load interaction has no action: remove "action".`;
}

export function selectionChangeWithAction(): string {
    return `A selectionChange interaction has no action: remove "action".`;
}

/** A trigger target naming no component; `components` are the definition's component names. */
export function unknownComponent(target: string, components: readonly string[]): string {
    return `Component '${target}' does not exist.${didYouMean(target, components)} Name one of the definition's components (${components.join(', ') || 'none defined'}).`;
}

/** A trigger target naming a resource or query. */
export function notAComponent(target: string, kind: string): string {
    return `'${target}' is a ${kind}, not a component: the target must be a component.`;
}

export function componentNameCase(name: string): string {
    return `Write the component name exactly as defined: '${name}'.`;
}

/** A trigger action that the table's header / row actions do not have; `inOtherList` when the other list has it. */
export function unknownTriggerAction(
    component: string,
    listKey: 'headerActions' | 'rowActions',
    action: string,
    names: readonly string[],
    inOtherList: boolean
): string {
    const otherKey = listKey === 'headerActions' ? 'rowActions' : 'headerActions';
    const hint = inOtherList
        ? ` '${action}' is in ${otherKey}: use the event ${otherKey === 'headerActions' ? 'headerActionClick' : 'rowActionClick'}.`
        : didYouMean(action, names) +
          ` Add it to ${listKey} of '${component}' or use one of: ${names.join(', ') || 'none defined'}.`;
    return `Component '${component}' has no ${listKey === 'headerActions' ? 'header' : 'row'} action '${action}'.${hint}`;
}

// ------------------------------------------------------------------ the validator: components (data tables)

/** A table's query naming no query; `queries` are the definition's query names. */
export function unknownQuery(query: string, queries: readonly string[]): string {
    return `Query '${query}' does not exist.${didYouMean(query, queries)} Name one of the definition's queries (${queries.join(', ') || 'none defined'}).`;
}

/** A table's query naming a resource or component. */
export function notAQuery(name: string, kind: string): string {
    return `'${name}' is a ${kind}, not a query: name one of the definition's queries.`;
}

export function queryNameCase(name: string): string {
    return `Write the query name exactly as defined: '${name}'.`;
}

/** A column or keyField whose letter case differs from the query's field. */
export function queryFieldCase(what: string, field: string, asInQuery: string): string {
    return `${what} '${field}' must be written as in the query's fields: '${asInQuery}'.`;
}

export function searchWithoutFields(query: string): string {
    return `showSearch needs fields to search: add "searchFields" to query '${query}' or remove showSearch.`;
}

export function tableWithoutColumns(label: string): string {
    return `${label} has no columns: add at least one { "field": "Name" }.`;
}

export function columnNotSortable(field: string, type: string): string {
    return `Column '${field}' (${type}) cannot be sorted: remove "sortable".`;
}

/** `previous` is where the name is first used, e.g. headerActions[0]. */
export function duplicateActionName(name: string, previous: string, label: string): string {
    return `Action name '${name}' is already used by ${previous} of ${label}: rename one.`;
}

/** A header or row action that no interaction handles. */
export function actionDoesNothing(
    key: 'headerActions' | 'rowActions',
    action: string,
    table: string,
    event: string
): string {
    return `The ${key === 'headerActions' ? 'header' : 'row'} action '${action}' of '${table}' does nothing: add an interaction with "on": { "event": "${event}", "target": "${table}", "action": "${action}" } or remove the action.`;
}

// ------------------------------------------------------------------ the validator: actions

export function duplicateActionId(id: string, previous: string): string {
    return `Action id '${id}' is already used by ${previous}: action ids must be unique in the definition.`;
}

/** An entry of refreshQueries' "queries" that is not text; `actual` from typeName. */
export function queryNameNotText(actual: string): string {
    return `A query name must be text, but it is ${actual}.`;
}

/** refreshQueries naming no query; `queries` are the definition's query names. */
export function unknownRefreshQuery(query: string, queries: readonly string[]): string {
    return `Query '${query}' does not exist.${didYouMean(query, queries)} Name one of: ${queries.join(', ') || 'none defined'} (or omit "queries" to refresh all).`;
}

export function clearWithValue(): string {
    return `clear needs no value: remove "value".`;
}

export function setVariableWithoutValue(): string {
    return `setVariable has no value: add "value" (a literal or a merge field).`;
}

/** add / subtract on a single variable that is not a Number or Currency. */
export function arithmeticOnNonNumber(operator: string, variable: string, dataType: string | undefined): string {
    return `${operator} works on Number, Currency and collection variables; '${variable}' is ${dataType}: use "set".`;
}

/** setVariable / an output mapping naming no resource; `variables` are the variable resources' names. */
export function unknownVariable(name: string, variables: readonly string[]): string {
    return `Variable '${name}' does not exist.${didYouMean(name, variables)} Add a resource { "name": "${name}", "kind": "variable", ... } or name one of: ${variables.join(', ') || 'none defined'}.`;
}

/** setVariable / an output mapping naming a constant, formula, query or component. */
export function notAVariable(what: string, name: string, kind: string): string {
    return `${what} can only store into a variable resource, and '${name}' is a ${kind}: use a resource with "kind": "variable".`;
}

export function variableNameCase(name: string): string {
    return `Write the variable name exactly as defined: '${name}'.`;
}

export function duplicateFlowInput(name: string, previous: number): string {
    return `Flow input '${name}' is set twice (also inputs[${previous}]): remove one.`;
}

export function flowInputWithoutValue(name: string): string {
    return `Flow input '${name}' has no value: add "value" (a literal or a merge field).`;
}

export function duplicateFlowOutput(name: string, previous: number): string {
    return `Flow output '${name}' is mapped twice (also outputs[${previous}]): remove one.`;
}

// ------------------------------------------------------------------ the validator: literal values

/** A collection target given a single value; `actual` from typeName. */
export function collectionValueNotList(what: string, actual: string): string {
    return `${what} of a collection must be a list [ ... ] or a merge field, but it is ${actual}.`;
}

/** A literal of the wrong JSON type for its dataType; `expected` such as "text in double quotes". */
export function literalWrongType(what: string, expected: string, dataType: string, actual: string): string {
    return `${what} must be ${expected} for a ${dataType} value, but it is ${actual}.`;
}

// ------------------------------------------------------------------ the validator: merge fields

/** A field path after a Record variable or $User that the schema cannot resolve; `problem` from resolveFieldPath. */
export function fieldPathProblemInMergeField(shown: string, problem: string): string {
    return sentence(`${shown}: ${problem}`);
}

/** `shown` is the merge field as written ({!name.Field}); `candidates` the names and globals it could mean. */
export function unknownMergeFieldName(shown: string, head: string, candidates: readonly string[]): string {
    return `${shown} refers to '${head}', which is not a resource, query or component of this definition.${didYouMean(head, candidates)} Add a resource named '${head}' or fix the name.`;
}

export function mergeFieldNameCase(shown: string, name: string): string {
    return `${shown}: names are case-sensitive in merge fields; write '${name}'.`;
}

/** A field path on a resource that is not a Record variable. */
export function resourceHasNoFields(shown: string, name: string, dataType: string, kind: string): string {
    return `${shown}: '${name}' is a ${dataType} ${kind}, which has no fields; write {!${name}} or make it a Record variable with objectApiName.`;
}

export function queryInMergeField(shown: string): string {
    return `${shown}: queries cannot be used in merge fields; use the table showing it, e.g. {!<table>.SelectedRowsKeyValue}.`;
}

export function recordGlobalNeedsField(shown: string): string {
    return `${shown} needs a field: write {!$Record.Id} or {!$Record.<Field>}.`;
}

export function userGlobalNeedsField(shown: string): string {
    return `${shown} needs a field: write {!$User.Id}, {!$User.FirstName}, ...`;
}

export function errorOutsideOnError(shown: string): string {
    return `${shown} is only available in an onError chain: move this action into "onError".`;
}

export function unknownErrorProperty(shown: string, property: string, properties: readonly string[]): string {
    return `${shown} is not an error property.${didYouMean(property, properties)} Use ${properties.map((p) => `{!$Error.${p}}`).join(', ')}.`;
}

export function unknownGlobal(shown: string, head: string, globals: readonly string[]): string {
    return `${shown}: unknown global '${head}'.${didYouMean(head, globals)} Globals are ${listOf(globals, 'and')}.`;
}

/** {!table} without a property; `properties` are the table's merge-field properties. */
export function componentReferenceWithoutProperty(shown: string, name: string, properties: readonly string[]): string {
    return `${shown} names the component itself: add a property, e.g. {!${name}.SelectedRowsKeyValue} (${properties.join(', ')}).`;
}

export function unknownTableProperty(shown: string, property: string, properties: readonly string[]): string {
    return `${shown}: a data table has no property '${property}'.${didYouMean(property, properties)} Use ${listOf(properties)}.`;
}

/** {!table.ActionRow...} outside an interaction on that table's row actions. */
export function rowActionOutsideRowAction(shown: string, name: string): string {
    return `${shown} is only set while a row action of '${name}' runs: use it in an interaction with "event": "rowActionClick" and "target": "${name}".`;
}

/** {!table.FirstSelectedRow.Field} / ActionRow naming a field the table's query does not read. */
export function rowFieldNotInQuery(shown: string, name: string, field: string, query: string, hint: FieldHint): string {
    return `${shown}: rows of '${name}' only hold the fields its query reads. ${fieldNotInQuery(`'${field}'`, field, query, hint)}`;
}

/** {!table.SelectedRowCount.X} and the like: the property is a value, not a row. */
export function propertyHasNoFields(shown: string, name: string, property: string): string {
    return `${shown}: ${property} has no fields; write {!${name}.${property}}.`;
}

// ------------------------------------------------------------------ the validator: queries (fields, sort, search)

/** `actual` here and below is typeName of the value found. */
export function fieldPathNotText(what: string, actual: string): string {
    return `${what} must be a field API name in double quotes, but it is ${actual}.`;
}

export function fieldPathInvalid(what: string, field: string): string {
    return `${what} '${field}' is not a field path: use an API name (Email) or a parent path (Account.Name).`;
}

export function fieldPathTooDeep(what: string, field: string, depth: number): string {
    return `${what} '${field}' goes up more than ${depth} relationships, which SOQL does not allow.`;
}

export function queryWithoutFields(label: string): string {
    return `${label} reads no fields: list at least one, e.g. ["Name"].`;
}

export function duplicateQueryField(field: string, previous: number): string {
    return `Field '${field}' is listed twice (also fields[${previous}]): remove one.`;
}

export function sortFieldMissing(): string {
    return `The sort field is missing: add "field".`;
}

export function fieldNotSortable(field: string, type: string): string {
    return `Field '${field}' cannot be sorted (${type}): choose another sort field.`;
}

export function searchFieldNotText(field: string, type: string, filterable: boolean | undefined): string {
    return `Search field '${field}' is ${type}${filterable ? '' : ' and not filterable'}: search only text fields (Text, Email, Phone, Picklist, ...).`;
}

// ------------------------------------------------------------------ the validator: query conditions

export function whereWithoutConditions(): string {
    return `where has no conditions: add one or remove "where".`;
}

/** `problem` from parseConditionLogic. */
export function conditionLogicInvalid(logic: string, problem: string): string {
    return `Condition logic '${logic}' is not valid: ${problem}.`;
}

export function conditionLogicUnusedConditions(logic: string, unused: readonly number[]): string {
    return `Condition logic '${logic}' does not use condition${unused.length > 1 ? 's' : ''} ${unused.join(', ')}: use every condition number or remove the unused condition.`;
}

export function conditionFieldMissing(): string {
    return `The condition field is missing: add "field".`;
}

export function fieldNotFilterable(field: string, type: string): string {
    return `Field '${field}' (${type}) cannot be used in a filter: choose another field.`;
}

export function isNullValueNotBoolean(actual: string): string {
    return `For isNull the value must be true (is empty) or false (is not empty), but it is ${actual}.`;
}

export function conditionValueMissing(): string {
    return `The condition has no value: add "value" (a literal or a merge field such as "{!$Record.Id}").`;
}

/** in / notIn with a single literal. */
export function inListValueNotList(op: string, actual: string): string {
    return `For ${op} the value must be a list [ ... ] or a merge field holding a collection, but it is ${actual}.`;
}

export function inListValueNotLiteral(op: string, actual: string): string {
    return `A value in an ${op} list must be a single literal, but it is ${actual}.`;
}

/** A list or object compared by an operator other than in / notIn. */
export function singleValueIsList(op: string, actual: string): string {
    return `The value of a ${op} condition must be a single literal or a merge field, but it is ${actual}; use "in" for a list.`;
}

/** contains / startsWith / endsWith on a field that is not text. */
export function textOperatorOnNonText(op: string, field: string, type: string | undefined): string {
    return `${op} only works on text fields, and '${field}' is ${type}: use equals or a text field.`;
}

export function checkboxValueNotBoolean(field: string, actual: string): string {
    return `'${field}' is a checkbox: the value must be true or false without quotes, not ${actual}.`;
}

export function numberValueNotNumber(field: string, type: string | undefined, actual: string): string {
    return `'${field}' is a number field (${type}): write the value as a number without quotes, not ${actual}.`;
}

export function checkboxOperator(): string {
    return `A checkbox can only be compared with equals or notEquals.`;
}

/** A Date / DateTime field compared with a value that is not text; `example` the DateTime form. */
export function dateValueNotText(field: string, isDate: boolean, example: string, actual: string): string {
    return `'${field}' is a ${isDate ? 'date' : 'date-time'}: write the value as ${isDate ? '"YYYY-MM-DD"' : example}, not ${actual}.`;
}

export function textValueNotText(field: string, actual: string): string {
    return `'${field}' is a text field: write the value in double quotes, not ${actual}.`;
}

// ------------------------------------------------------------------ the validator: shapes (every part of the definition)

/** `what` names the property ("The query of query 'x'"); `actual` here and below is typeName of the value found. */
export function unknownProperty(key: string, what: string, allowed: readonly string[]): string {
    return `Unknown property '${key}' in ${what}.${didYouMean(key, allowed)} Allowed properties: ${allowed.join(', ')}.`;
}

/** `where` names the owner (Checker.where). */
export function requiredPropertyMissing(what: string, key: string, where: string): string {
    return `${what} is missing: add "${key}" to ${where}.`;
}

export function notText(what: string, actual: string): string {
    return `${what} must be text, but it is ${actual}: write it in double quotes.`;
}

export function textEmpty(what: string): string {
    return `${what} is empty: give it a value.`;
}

/** `hint` says what to write instead, e.g. "use an object API name such as Contact or Invoice__c". */
export function textPatternMismatch(what: string, value: string, hint: string | undefined): string {
    return `${what} '${value}' is not valid: ${hint}.`;
}

export function textTooLong(what: string, length: number, max: number): string {
    return `${what} is ${length} characters long; the limit is ${max}: shorten it.`;
}

export function requiredEnumMissing(what: string, key: string, values: readonly string[]): string {
    return `${what} is missing: add "${key}" with one of ${listOf(values)}.`;
}

export function enumValueNotAllowed(what: string, value: string, values: readonly string[]): string {
    return `${what} '${value}' is not allowed.${didYouMean(value, values)} Use one of ${listOf(values)}.`;
}

export function enumValueNotText(what: string, values: readonly string[], actual: string): string {
    return `${what} must be one of ${listOf(values)}, but it is ${actual}.`;
}

export function notABoolean(what: string, actual: string): string {
    return `${what} must be true or false (without quotes), but it is ${actual}.`;
}

export function notAnInteger(what: string, actual: string): string {
    return `${what} must be a whole number (without quotes), but it is ${actual}.`;
}

export function integerOutOfRange(what: string, value: number, min: number, max: number | undefined): string {
    const range = max === undefined ? `at least ${min}` : `from ${min} to ${max}`;
    return `${what} is ${value}; it must be ${range}.`;
}

export function requiredListMissing(what: string, key: string, where: string): string {
    return `${what} is missing: add "${key}": [ ... ] to ${where}.`;
}

export function notAList(what: string, actual: string): string {
    return `${what} must be a list [ ... ], but it is ${actual}.`;
}

export function notAnObject(what: string, actual: string): string {
    return `${what} must be an object { ... }, but it is ${actual}.`;
}

// ------------------------------------------------------------- data table height

const HEIGHT_FORMS =
    '"auto" (grows with its rows up to the window height), a whole number of rows such as 10, or pixels such as "400px"';

export function tableHeightWrongType(actual: string): string {
    return `The table height must be ${HEIGHT_FORMS}, but it is ${actual}.`;
}

export function tableHeightQuotedRows(value: string): string {
    return `The table height "${value}" has no unit: write ${value} without quotes for ${value} rows, or "${value}px" for pixels.`;
}

export function tableHeightRowsNotWhole(value: number): string {
    return `The table height ${value} is a number of rows, which must be whole: write ${Math.max(1, Math.round(value))}, or "${value}px" for pixels.`;
}

export function tableHeightRowsOutOfRange(value: number, min: number, max: number): string {
    const fix = value < min ? `show at least ${min} row` : `use "auto" to grow with the rows, or at most ${max} rows`;
    return `The table height ${value} rows is ${value < min ? 'too small' : 'too large'}: ${fix}.`;
}

export function tableHeightPixelsOutOfRange(value: string, min: number, max: number): string {
    const small = parseFloat(value) < min;
    const fix = small
        ? `at least "${min}px" leaves room for the header and one row`
        : `use at most "${max}px", or "auto" to grow up to the window height`;
    return `The table height "${value}" is ${small ? 'too small' : 'too large'}: ${fix}.`;
}

export function tableHeightUnknownUnit(value: string): string {
    return `The table height "${value}" is not understood: use ${HEIGHT_FORMS} (a CSS length in rem, em, vh or % also works).`;
}

// ------------------------------------------------- data table editing, cell styles, frozen columns, export (#13)

/** `editable` on a parent path (Account.Name): only the query object's own fields are saved. */
export function editableNotDirectField(field: string, objectName: string | undefined): string {
    const relationship = field.split('.')[0];
    const object = objectName ?? "the query's object";
    return `Column '${field}' cannot be editable: inline edit saves fields of ${object} only, and '${field}' is a field of the related record '${relationship}'. Remove "editable", or make the lookup field itself editable (e.g. '${relationship.endsWith('__r') ? relationship.slice(0, -3) + '__c' : relationship + 'Id'}').`;
}

/** `editable` on the record Id. */
export function editableIdColumn(field: string): string {
    return `Column '${field}' cannot be editable: a record's Id never changes. Remove "editable".`;
}

const READ_ONLY_REASONS: Record<string, string> = {
    formula:
        'is a formula field, which Salesforce computes from other fields. Remove "editable", or make the fields the formula reads editable instead.',
    autoNumber: 'is an auto-number, which Salesforce assigns when a record is created. Remove "editable".',
    rollUpSummary:
        'is a roll-up summary, which Salesforce totals from the child records. Remove "editable", or edit the child records instead.',
    masterDetail:
        'is a master-detail field that does not allow reparenting, so a record stays with its master. Remove "editable", or turn on "Allow reparenting" on the field.',
    system: 'is a system field that Salesforce maintains (Id, created and last modified by and date, ...). Remove "editable".',
    compound:
        'is a compound field made of other fields. Remove "editable" and make its parts editable instead (FirstName and LastName for a Name, Street, City, ... for an address).',
    computed: 'is derived by Salesforce from other fields. Remove "editable", or edit the field it is derived from.',
    customMetadata:
        'is a field of a custom metadata type, whose records are deployed or edited in Setup, not saved from a table. Remove "editable".'
};

/**
 * `editable` on a field no one can write; `reason` (FieldDescribe.readOnlyReason) says why when the catalog knows:
 * formula, auto-number, roll-up summary, master-detail, system, compound or derived field.
 */
export function editableNotUpdateable(field: string, objectName: string, type: string, reason?: string): string {
    const why =
        (reason && READ_ONLY_REASONS[reason]) ||
        'is not updateable - formula, auto-number, roll-up summary and system fields (CreatedDate, LastModifiedById, ...) are computed by Salesforce. Remove "editable", or edit the field it is computed from.';
    return `Column '${field}' cannot be editable: ${objectName}.${field} (${type}) ${why}`;
}

/** `editable` on a field type the table has no editor for (ID, ADDRESS, LOCATION, BASE64, ...). */
export function editableTypeNotSupported(field: string, type: string, types: readonly string[]): string {
    return `Column '${field}' cannot be editable: the table has no editor for ${type} fields. Remove "editable"; editable types are ${types.join(', ')}.`;
}

/** A cell style rule with isNull given a value. */
export function cellStyleIsNullWithValue(): string {
    return `A cell style with "operator": "isNull" matches empty cells and takes no value: remove "value".`;
}

/** A cell style rule without a value (every operator but isNull compares with one). */
export function cellStyleValueMissing(operator: string): string {
    return `A cell style with "operator": "${operator}" compares the cell with "value": add one, e.g. "value": "Active"${operator === 'in' || operator === 'notIn' ? ' (a list for in / notIn: ["Active", "New"])' : ''}.`;
}

/** A cell style value with a merge field: rules compare the cell with a fixed value. */
export function cellStyleValueNotLiteral(value: string): string {
    return `A cell style compares the cell with a fixed value, but '${value}' is a merge field: write the literal value (text, number, true/false or a list of them).`;
}

export function frozenColumnsMoreThanColumns(frozen: number, columns: number): string {
    return `frozenColumns is ${frozen}, but the table has only ${columns} column${columns === 1 ? '' : 's'}: freeze at most ${columns}, or add columns.`;
}

/** The save event takes no action (it fires after the table's own Save). */
export function saveWithAction(): string {
    return `A save interaction has no action: remove "action" (it runs after every save of the target table that saved a row).`;
}

/** A save interaction on a table without any editable column: it can never run. */
export function saveWithoutEditableColumn(table: string): string {
    return `The save event of '${table}' never happens: the table has no editable column. Add "editable": true to a column of '${table}', or remove this interaction.`;
}

/** exportCsv naming a table that does not exist; `tables` are the definition's data tables. */
export function unknownExportTable(table: string, tables: readonly string[]): string {
    return `exportCsv: data table '${table}' does not exist.${didYouMean(table, tables)} Name one of the definition's data tables (${tables.join(', ') || 'none defined'}).`;
}

/** exportCsv naming a resource or query. */
export function exportTableNotATable(name: string, kind: string): string {
    return `exportCsv: '${name}' is a ${kind}, not a data table: "table" must name a data table.`;
}

/** A warning: the file name does not end in .csv, so spreadsheets may not open it. */
export function exportFileNameNotCsv(fileName: string): string {
    return `The export file name '${fileName}' does not end in .csv: spreadsheet programs may not open it. Add ".csv" at the end.`;
}

// ------------------------------------------------------------------ chunked Execute Flow runs (issue 14)

/** chunkSize above the limit: one chunk is one transaction. */
export function chunkSizeTooLarge(value: number, max: number): string {
    return `chunkSize is ${value}, but a chunk holds at most ${max} records: each chunk runs in one transaction (at most 10,000 DML rows and 10 seconds of CPU), and ${max} keeps five DML rows per record of headroom. Use a chunkSize from 1 to ${max}.`;
}

/** chunkSize on an action that runs in one transaction. */
export function chunkSizeWithoutChunks(mode: string | undefined): string {
    return `chunkSize has no effect without mode auto or async: this action runs ${mode === undefined ? 'without a mode (sync)' : `with mode ${mode}`}, in one transaction. Set "mode": "auto" or "async", or remove "chunkSize".`;
}

/** aggregate on an output of an action that runs in one transaction. */
export function aggregateWithoutChunks(mode: string | undefined): string {
    return `aggregate has no effect without mode auto or async: this action runs ${mode === undefined ? 'without a mode (sync)' : `with mode ${mode}`}, so the flow sets its output once. Set "mode": "auto" or "async" on the action, or remove "aggregate".`;
}

/** How a resource is described in the aggregate messages: "a Text variable", "a Number collection". */
function resourceShape(dataType: string | undefined, collection: boolean): string {
    return `${dataType ? `a ${dataType}` : 'a'} ${collection ? 'collection' : 'variable'}`;
}

/** sum / count into a resource that is not a single Number or Currency variable. */
export function aggregateNeedsNumberResource(
    aggregate: string,
    resource: string,
    dataType: string | undefined,
    collection: boolean
): string {
    return `aggregate '${aggregate}' adds up the values of all chunks into a number, but '${resource}' is ${resourceShape(dataType, collection)}: store the output in a single Number or Currency variable, or use aggregate 'last' or 'collect'.`;
}

/** collect into a resource that is not a collection. */
export function aggregateNeedsCollectionResource(
    resource: string,
    dataType: string | undefined,
    collection: boolean
): string {
    return `aggregate 'collect' gathers the values of all chunks into a list, but '${resource}' is ${resourceShape(dataType, collection)}: make '${resource}' a collection ("isCollection": true) or use aggregate 'last'.`;
}

/** sum / count of a flow output that is not a single number. */
export function aggregateNeedsNumberOutput(
    flowApiName: string,
    name: string,
    aggregate: string,
    variable: ValueType
): string {
    return `aggregate '${aggregate}' adds up the output '${name}' of all chunks, but flow variable '${name}' of '${flowApiName}' is ${typePhrase(variable)}: map a Number or Currency output (not a collection), or use aggregate 'last' or 'collect'.`;
}

/** mode auto / async without an input mapped to a table's selection. */
export function chunkedRunWithoutSelection(actionId: string, mode: string, table: string): string {
    return `Execute Flow action '${actionId}' runs with mode ${mode} but has no input mapped to a table's selection: nothing to split into chunks. Map an input to {!${table}.SelectedRowsKeyValue} or use mode sync.`;
}

/** {!$Run.*} where no run is set. */
export function runOutsideChunkedRun(shown: string): string {
    return `${shown}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`;
}

export function unknownRunProperty(shown: string, property: string, properties: readonly string[]): string {
    return `${shown} is not a run property.${didYouMean(property, properties)} Use ${properties.map((p) => `{!$Run.${p}}`).join(', ')}.`;
}
