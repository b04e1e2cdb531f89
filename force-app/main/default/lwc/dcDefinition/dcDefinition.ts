/*
 * c/dcDefinition: parses and validates Dynamic Component definitions.
 *
 * The same rules run in the component (before rendering), in the offline scripts (validate:definitions,
 * verify, build) and - mirrored - in Apex. validateDefinition reports EVERY problem, each with the JSON
 * path of the offending value and a message saying what is wrong and how to fix it. Plain TypeScript, no
 * lwc imports, so Node scripts run the very same code.
 *
 * This file is the bundle's entry point: the public API. The checks live in one module per part of the
 * definition (validator.ts runs them; checker.ts holds the shape checks; resources, queries, components,
 * interactions, actions, references, dependencyGraph), every message in messages.ts.
 */
import { locate, parseJsonWithPositions } from './jsonSource';
import { checkFlowContracts } from './flowContract';
import { Checker, isObject, typeName } from './checker';
import { runChecks } from './validator';
import { checkDocumentShape } from './documentShape';
import type { FlowCatalog, ValueTypeContext } from './valueTypes';
import type { DefinitionDocument, DefinitionProblem, ParseDefinitionResult, SchemaCatalog } from './definitionTypes';

export * from './definitionTypes';
export { childPath, locate, parseJsonWithPositions, positionAt } from './jsonSource';
export type { ParsedJson, SourcePosition, JsonSyntaxError } from './jsonSource';
export { parseConditionLogic } from './conditionLogic';
export * from './valueTypes';
export * from './flowContract';
export * from './messages';
export {
    ACTION_TYPES,
    CELL_STYLE_VARIANTS,
    COMPONENT_TYPES,
    CONDITION_OPERATORS,
    DEFINITION_KEYS,
    EDITABLE_TYPES,
    ERROR_PROPERTIES,
    GLOBALS,
    INTERACTION_EVENTS,
    LIMITS,
    NUMBER_TYPES,
    RESOURCE_KINDS,
    TEXT_OPERATORS,
    TEXT_TYPES
} from './vocabulary';
export { findField, resolveFieldPath } from './schemaFields';
export { RESERVED_KEYS } from './documentShape';
export { ALLOWED_URL_SCHEMES, urlProblem } from './urlPolicy';
export { MAX_NESTING } from './jsonSource';
export type { FieldPathResult } from './schemaFields';

// ------------------------------------------------------------------ public API

/** Where the definition is shown, for the flow contract's value types ({!$Record.*} on a record page). */
export type DefinitionContext = Omit<ValueTypeContext, 'catalog'>;

/**
 * Checks a parsed definition and returns every problem found (an empty list when it is valid). With a
 * catalog, objects and fields are checked against it too; with flows, every flow action is checked against the
 * flows it names (checkFlowContracts), after the other checks. Problems without severity 'warning' are errors.
 */
export function validateDefinition(
    doc: unknown,
    catalog?: SchemaCatalog,
    flows?: FlowCatalog,
    context: DefinitionContext = {}
): DefinitionProblem[] {
    if (!isObject(doc)) {
        return [
            {
                path: '',
                message: `A definition must be a JSON object { "schemaVersion": 1, "apiName": ..., ... }, but this is ${typeName(doc)}.`,
                severity: 'error'
            }
        ];
    }
    const shape = checkDocumentShape(doc);
    if (shape.fatal) return [shape.fatal];
    const problems = [...shape.problems, ...runChecks(new Checker(doc, catalog))];
    if (flows) problems.push(...checkFlowContracts(doc, flows, { ...context, catalog }));
    return problems;
}

/**
 * Parses definition JSON text and validates it. Bad JSON gives one problem with its line and column.
 * Every problem carries the line/column of the value it is about. `definition` is set only when there is no
 * error (warnings alone do not withhold it). With flows, the flow contract is checked too (see validateDefinition).
 */
export function parseDefinition(
    jsonText: string,
    catalog?: SchemaCatalog,
    flows?: FlowCatalog,
    context: DefinitionContext = {}
): ParseDefinitionResult {
    if (typeof jsonText !== 'string') {
        return {
            problems: [{ path: '', message: 'The definition is empty: paste the definition JSON.', severity: 'error' }]
        };
    }
    const parsed = parseJsonWithPositions(jsonText);
    if (parsed.error) {
        const { message, line, column } = parsed.error;
        return {
            problems: [
                {
                    path: '',
                    message: `The definition is not valid JSON: ${message} at line ${line}, column ${column}.`,
                    severity: 'error',
                    line,
                    column
                }
            ]
        };
    }
    const problems: DefinitionProblem[] = parsed.duplicateKeys.map((d) => ({
        path: d.path,
        message: `Property '${d.path.split(/[.[]/).pop()?.replace(/["\]]/g, '')}' appears twice in the same object: keep only one (the last one wins).`,
        severity: 'error',
        line: d.position.line,
        column: d.position.column
    }));
    for (const p of validateDefinition(parsed.value, catalog, flows, context)) {
        const at = locate(parsed.positions, p.path);
        problems.push(at ? { ...p, line: at.line, column: at.column } : p);
    }
    return problems.some(isError)
        ? { problems, document: parsed.value }
        : { definition: parsed.value as DefinitionDocument, problems, document: parsed.value };
}

/** True for an error (every problem without severity 'warning'): errors block, warnings are only listed. */
export function isError(problem: Pick<DefinitionProblem, 'severity'>): boolean {
    return problem.severity !== 'warning';
}

/** Small helper for callers: "path: message" lines. */
export function formatProblems(problems: DefinitionProblem[]): string[] {
    return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}
