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
import { formulaCycles } from './dependencyGraph';
import { API_NAME, LIMITS, NAME } from './vocabulary';

export function runChecks(ctx: Checker): DefinitionProblem[] {
    const doc = ctx.doc;
    ctx.keys(
        doc,
        '',
        [
            '$schema',
            'schemaVersion',
            'apiName',
            'label',
            'description',
            'resources',
            'queries',
            'components',
            'interactions'
        ],
        'the definition'
    );
    if (doc.schemaVersion === undefined) {
        ctx.error('schemaVersion', `schemaVersion is missing: add "schemaVersion": ${SCHEMA_VERSION}.`);
    } else if (doc.schemaVersion !== SCHEMA_VERSION) {
        ctx.error(
            'schemaVersion',
            `schemaVersion ${typeName(doc.schemaVersion)} is not supported: this version reads "schemaVersion": ${SCHEMA_VERSION}.`
        );
    }
    ctx.requireString(doc, 'apiName', '', 'apiName', {
        pattern: API_NAME,
        patternHint:
            'use letters, digits and single underscores, start with a letter and do not end with an underscore (e.g. Contact_Status_Board)',
        max: LIMITS.apiNameLength
    });
    if (typeof doc.apiName === 'string' && doc.apiName.endsWith('_') && API_NAME.test(doc.apiName)) {
        ctx.error('apiName', `apiName '${doc.apiName}' ends with an underscore: remove it.`);
    }
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
    formulaCycles(ctx);
    return ctx.problems;
}

export function collectNames(ctx: Checker, items: unknown[], list: string, kind: Entry['kind']): void {
    items.forEach((item, i) => {
        const path = `${list}[${i}]`;
        if (!isObject(item)) return;
        const name = item.name;
        if (typeof name !== 'string' || !NAME.test(name)) return;
        const lower = name.toLowerCase();
        const existing = ctx.names.get(lower);
        if (existing) {
            ctx.error(
                `${path}.name`,
                `The name '${name}' is already used by ${existing.path} (a ${existing.kind}): resources, queries and components share one namespace, so rename one of them.`
            );
            return;
        }
        ctx.names.set(lower, { kind, path, value: item });
    });
}
