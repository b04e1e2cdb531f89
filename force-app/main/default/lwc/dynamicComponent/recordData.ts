/*
 * Helpers of c-dynamic-component that need no LWC: which $Record / $User fields a definition reads, turning a
 * UI API record into a plain record, query bind values, and record ids worth telling Lightning Data Service about.
 */
import type { DefinitionDocument, QueryDefinition } from 'c/dcDefinition';

const MERGE_FIELD = /\{!\s*(\$Record|\$User)\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}/g;
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Field paths used as {!$Record.X} and {!$User.X} anywhere in the definition (strings, formulas, templates). */
export function referencedGlobals(definition: DefinitionDocument): { record: string[]; user: string[] } {
    const record = new Set<string>();
    const user = new Set<string>();
    const visit = (value: unknown): void => {
        if (typeof value === 'string') {
            if (!value.includes('{!')) return;
            for (const match of value.matchAll(MERGE_FIELD)) {
                (match[1] === '$Record' ? record : user).add(match[2]);
            }
        } else if (Array.isArray(value)) {
            value.forEach(visit);
        } else if (value && typeof value === 'object') {
            Object.values(value).forEach(visit);
        }
    };
    visit(definition);
    return { record: [...record], user: [...user] };
}

/** UI API record representation (the parts read here). */
export interface RecordRepresentation {
    id?: string;
    apiName?: string;
    fields?: Record<string, { value?: unknown } | undefined>;
}

/** {id, fields:{Name:{value}, Account:{value:{fields…}}}} → {Id, Name, Account:{Id, Name}}. */
export function toPlainRecord(representation: RecordRepresentation | null | undefined): Record<string, unknown> | null {
    if (!representation || typeof representation !== 'object') return null;
    const plain: Record<string, unknown> = {};
    if (representation.id) plain.Id = representation.id;
    for (const [name, field] of Object.entries(representation.fields ?? {})) {
        const value = field?.value;
        plain[name] =
            value && typeof value === 'object' && 'fields' in (value as object)
                ? toPlainRecord(value as RecordRepresentation)
                : (value ?? null);
    }
    return plain;
}

/**
 * Bind values of a query: for each condition whose stored value contains a merge field, the resolved value keyed
 * by its 1-based condition number (literal values stay on the server, docs/CONTRACTS.md).
 */
export function bindsOf(query: QueryDefinition, resolve: (value: unknown) => unknown): Record<string, unknown> {
    const binds: Record<string, unknown> = {};
    (query.where?.conditions ?? []).forEach((condition, index) => {
        if (typeof condition.value === 'string' && condition.value.includes('{!')) {
            const value = resolve(condition.value);
            binds[String(index + 1)] = value === undefined ? null : value;
        }
    });
    return binds;
}

/** Distinct Salesforce ids among the given values, at most `limit`. */
export function recordIdsOf(values: Iterable<unknown>, limit: number): string[] {
    const ids = new Set<string>();
    for (const value of values) {
        if (ids.size >= limit) break;
        if (typeof value === 'string' && SALESFORCE_ID.test(value)) ids.add(value);
    }
    return [...ids];
}
