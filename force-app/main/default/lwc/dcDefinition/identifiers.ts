/*
 * Identifier rules as the platform has them (docs/DEFINITIONS.md "Limits"). Salesforce developer names
 * (CustomPermission.DeveloperName, a flow's API name, a flow variable's name) "can contain only underscores and
 * alphanumeric characters ... must begin with a letter, not include spaces, not end with an underscore, and not
 * contain two consecutive underscores", limit 80 characters; a managed package adds "ns__" (namespace at most 15
 * characters). Custom object and field names are at most 40 characters before their __c / __r suffix. The
 * definition's own names (resources, queries, components, actions, interaction and action ids) follow the same
 * developer-name rules, so they can become API names, with the same 80-character limit.
 */

export const IDENTIFIER_MAX = 80;
export const NAMESPACE_MAX = 15;
/** Custom object / field names before the suffix (Invoice__c: Invoice). */
export const SCHEMA_NAME_MAX = 40;

export interface IdentifierRules {
    /** Longest allowed, not counting a namespace prefix. */
    max: number;
    /** Allow a managed-package namespace prefix "ns__". */
    namespace?: boolean;
}

/** Why `value` breaks the developer-name rules (a phrase such as "it ends with an underscore"), or undefined. */
export function identifierReason(value: string, rules: IdentifierRules): string | undefined {
    let name = value;
    if (rules.namespace) {
        const m = /^([A-Za-z][A-Za-z0-9]*)__(?=.)/.exec(value);
        if (m) {
            if (m[1].length > NAMESPACE_MAX)
                return `its namespace prefix '${m[1]}' is ${m[1].length} characters long; a namespace has at most ${NAMESPACE_MAX}`;
            name = value.slice(m[0].length);
        }
    }
    if (!name) return 'it is empty';
    if (!/^[A-Za-z]/.test(name)) return `it starts with '${name[0]}'`;
    const bad = /[^A-Za-z0-9_]/.exec(name);
    if (bad) return `it contains ${bad[0] === ' ' ? 'a space' : `'${bad[0]}'`}`;
    if (name.includes('__')) return 'it contains two underscores in a row';
    if (name.endsWith('_')) return 'it ends with an underscore';
    if (name.length > rules.max) return `it is ${name.length} characters long; the limit is ${rules.max}`;
    return undefined;
}

/**
 * Why an object or field API name segment (Contact, Invoice__c, ns__Amount__c, Account) is longer than the
 * platform allows, or undefined. The pattern itself is checked elsewhere.
 */
export function schemaNameLengthReason(segment: string): string | undefined {
    // Name, Name__c (custom), ns__Name__c (managed package); more parts are left to the pattern check.
    const parts = segment.split('__');
    const namespace = parts.length === 3 ? parts[0] : undefined;
    const base = parts.length === 3 ? parts[1] : parts[0];
    if (namespace && namespace.length > NAMESPACE_MAX)
        return `its namespace prefix '${namespace}' is ${namespace.length} characters long; a namespace has at most ${NAMESPACE_MAX}`;
    if (base.length > SCHEMA_NAME_MAX)
        return `'${base}' is ${base.length} characters long; object and field names have at most ${SCHEMA_NAME_MAX} (before __c)`;
    return undefined;
}
