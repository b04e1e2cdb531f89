/*
 * Validation rules of the project's objects (objects/<Object>/validationRules/*.validationRule-meta.xml), evaluated
 * by the store before a record is written inside a transaction (saveRecords, flows), like the platform does before
 * a DML commits. The errorConditionFormula is Salesforce formula syntax with bare field names
 * (`AND(ISPICKVAL(Status__c, "Active"), ISBLANK(Email))`); it is evaluated with the project's formula engine
 * (c/dcExpressions) after each bare field reference is written as a merge field ({!Status__c}).
 */
import { evaluate, parseFormula, type Ast } from '../../force-app/main/default/lwc/dcExpressions/dcExpressions';
import type { PreviewValidationRule } from './schema';

const KEYWORDS = new Set(['TRUE', 'FALSE', 'NULL']);

/**
 * The formula with bare field references (Status__c, Account.Name, $User.Id) turned into merge fields; string
 * literals, existing merge fields and function names (an identifier followed by "(") are left as they are.
 */
export function toMergeFieldSyntax(formula: string): string {
    let out = '';
    let i = 0;
    while (i < formula.length) {
        const c = formula[i];
        if (c === '"' || c === "'") {
            let j = i + 1;
            while (j < formula.length && formula[j] !== c) j += formula[j] === '\\' ? 2 : 1;
            out += formula.slice(i, j + 1);
            i = j + 1;
        } else if (c === '{' && formula[i + 1] === '!') {
            const end = formula.indexOf('}', i);
            const j = end < 0 ? formula.length : end + 1;
            out += formula.slice(i, j);
            i = j;
        } else if (/[A-Za-z_$]/.test(c)) {
            let j = i + 1;
            while (j < formula.length && /[\w.$]/.test(formula[j])) j++;
            const name = formula.slice(i, j);
            let k = j;
            while (k < formula.length && /\s/.test(formula[k])) k++;
            out += formula[k] === '(' || KEYWORDS.has(name.toUpperCase()) ? name : `{!${name}}`;
            i = j;
        } else if (/[0-9]/.test(c)) {
            let j = i + 1;
            while (j < formula.length && /[\w.]/.test(formula[j])) j++;
            out += formula.slice(i, j);
            i = j;
        } else {
            out += c;
            i++;
        }
    }
    return out;
}

export interface CompiledRule {
    rule: PreviewValidationRule;
    ast: Ast;
}

const compiled = new Map<string, Ast>();

/** Parses a rule's formula once; a formula the engine cannot read stops with the rule's name and the parse error. */
export function compileRule(objectName: string, rule: PreviewValidationRule): CompiledRule {
    const key = `${objectName}.${rule.name}\u0000${rule.formula}`;
    let ast = compiled.get(key);
    if (!ast) {
        const parsed = parseFormula(toMergeFieldSyntax(rule.formula));
        if (!parsed.ok) {
            throw new Error(
                `Validation rule ${objectName}.${rule.name}: the local preview cannot read its formula (${parsed.error.message}). Simplify errorConditionFormula or extend c/dcExpressions.`
            );
        }
        ast = parsed.ast;
        compiled.set(key, ast);
    }
    return { rule, ast };
}

/**
 * The first rule of `rules` whose error condition is true for the record (`valueOf` reads a field path of it), or
 * undefined when the record passes them all.
 */
export function failingRule(
    objectName: string,
    rules: readonly PreviewValidationRule[],
    valueOf: (path: string) => unknown,
    now: () => Date
): PreviewValidationRule | undefined {
    for (const rule of rules) {
        const { ast } = compileRule(objectName, rule);
        const result = evaluate(ast, { resolve: (path) => valueOf(path.join('.')) }, { now });
        if (result === true) return rule;
    }
    return undefined;
}
