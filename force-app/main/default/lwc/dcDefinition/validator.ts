/*
 * One validation run over a definition document: names first (so references can point forwards), then each part
 * of the definition, then the checks across parts (unhandled actions, dependency cycles).
 */
import { SCHEMA_VERSION, type DefinitionProblem } from './definitionTypes';
import { Checker, isObject, typeName, type Entry } from './checker';
import { checkResource } from './resources';
import { checkQuery } from './queries';
import { checkComponent, unhandledActions } from './components';
import { checkInteraction } from './interactions';
import { dependencyCycles } from './dependencyGraph';
import { DEFINITION_KEYS, LIMITS } from './vocabulary';
import { IDENTIFIER_MAX, identifierReason } from './identifiers';
import { duplicateName, schemaVersionMissing, schemaVersionUnsupported } from './messages';

export function runChecks(ctx: Checker): DefinitionProblem[] {
    const doc = ctx.doc;
    ctx.keys(doc, '', DEFINITION_KEYS, 'the definition');
    if (doc.schemaVersion === undefined) {
        ctx.error('schemaVersion', schemaVersionMissing(SCHEMA_VERSION));
    } else if (doc.schemaVersion !== SCHEMA_VERSION) {
        ctx.error('schemaVersion', schemaVersionUnsupported(typeName(doc.schemaVersion), SCHEMA_VERSION));
    }
    // The custom metadata record Dynamic_Component.<apiName>: a developer name of at most 40 characters.
    ctx.identifier(doc, 'apiName', '', 'apiName', { max: LIMITS.apiNameLength, example: 'Contact_Status_Board' });
    ctx.requireString(doc, '$schema', '', '$schema', { optional: true });
    ctx.requireString(doc, 'label', '', 'label', { nonEmpty: true, max: LIMITS.labelLength });
    ctx.requireString(doc, 'description', '', 'description', { optional: true });

    const resources = ctx.array(doc, 'resources', '', 'resources') ?? [];
    const queries = ctx.array(doc, 'queries', '', 'queries') ?? [];
    const components = ctx.array(doc, 'components', '', 'components') ?? [];
    const interactions = ctx.array(doc, 'interactions', '', 'interactions') ?? [];

    // Names first, so references can point forwards.
    collectNames(ctx, resources, 'resources', 'resource');
    collectNames(ctx, queries, 'queries', 'query');
    collectNames(ctx, components, 'components', 'component');

    resources.forEach((r, i) => checkResource(ctx, r, `resources[${i}]`));
    queries.forEach((q, i) => checkQuery(ctx, q, `queries[${i}]`));
    components.forEach((c, i) => checkComponent(ctx, c, `components[${i}]`));
    const interactionIds = new Map<string, string>();
    interactions.forEach((it, i) => checkInteraction(ctx, it, `interactions[${i}]`, interactionIds));
    unhandledActions(ctx, components, interactions);
    dependencyCycles(ctx);
    return ctx.problems;
}

export function collectNames(ctx: Checker, items: unknown[], list: string, kind: Entry['kind']): void {
    items.forEach((item, i) => {
        const path = `${list}[${i}]`;
        if (!isObject(item)) return;
        const name = item.name;
        if (typeof name !== 'string' || identifierReason(name, { max: IDENTIFIER_MAX }) !== undefined) return;
        const lower = name.toLowerCase();
        const existing = ctx.names.get(lower);
        if (existing) {
            ctx.error(`${path}.name`, duplicateName(name, existing.path, existing.kind));
            return;
        }
        ctx.names.set(lower, { kind, path, value: item });
    });
}
