/*
 * Conditional cell styles of a Data Table column (definition `cellStyles`): the first rule whose condition holds for
 * the cell's raw value (the API value of a picklist, the number, the ISO date) gives the cell an SLDS badge or a
 * text colour. The comparisons follow the query conditions: text case-insensitively, numbers numerically, a blank
 * value ('' or null) only matches isNull and the negated operators (notEquals, notIn).
 */
import type { CellStyleRule, CellStyleVariant } from 'c/dcDefinition';

/** How a matching cell looks: a badge's classes or the text's class. */
export interface CellStyle {
    badgeClass?: string;
    textClass?: string;
}

const BADGE_CLASS: Readonly<Record<CellStyleVariant, string>> = Object.freeze({
    success: 'slds-badge slds-theme_success',
    warning: 'slds-badge slds-theme_warning',
    error: 'slds-badge slds-theme_error',
    info: 'slds-badge slds-theme_info',
    inverse: 'slds-badge slds-badge_inverse',
    neutral: 'slds-badge slds-badge_lightest'
});

/** Text colours with at least 4.5:1 contrast on the white and the selected-row grey backgrounds (see dataGrid.css). */
const TEXT_CLASS: Readonly<Record<CellStyleVariant, string>> = Object.freeze({
    success: 'cell-text_success',
    warning: 'cell-text_warning',
    error: 'cell-text_error',
    info: 'cell-text_info',
    inverse: 'cell-text_inverse',
    neutral: 'slds-text-color_weak'
});

function isBlank(value: unknown): boolean {
    return value === undefined || value === null || value === '';
}

function numberOf(value: unknown): number | undefined {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** Numerically when either side is a number (numeric text against a number too), else as lower-case text. */
function compare(a: unknown, b: unknown): number {
    if (typeof a === 'number' || typeof b === 'number') {
        const x = numberOf(a);
        const y = numberOf(b);
        if (x !== undefined && y !== undefined) return x - y;
    }
    const s = String(a).toLowerCase();
    const t = String(b).toLowerCase();
    return s < t ? -1 : s > t ? 1 : 0;
}

/** A multi-select picklist value (A;B) matches equals / in when one of its values does. */
function parts(value: unknown): unknown[] {
    return typeof value === 'string' && value.indexOf(';') >= 0 ? value.split(';') : [value];
}

function listOf(value: unknown): unknown[] {
    if (Array.isArray(value)) return value.filter((v) => !isBlank(v));
    return isBlank(value) ? [] : [value];
}

/** The rule's condition holds for the raw value. */
export function matchesRule(rule: CellStyleRule, raw: unknown): boolean {
    const value = rule.value;
    switch (rule.operator) {
        case 'isNull':
            return isBlank(raw) === !(value === false || value === 'false');
        case 'equals':
        case 'notEquals': {
            const equal = isBlank(value)
                ? isBlank(raw)
                : !isBlank(raw) && parts(raw).some((part) => compare(part, value) === 0);
            return rule.operator === 'equals' ? equal : !equal;
        }
        case 'in':
        case 'notIn': {
            const list = listOf(value);
            const member = !isBlank(raw) && parts(raw).some((part) => list.some((v) => compare(part, v) === 0));
            return rule.operator === 'in' ? member : !member;
        }
        case 'lessThan':
            return !isBlank(raw) && !isBlank(value) && compare(raw, value) < 0;
        case 'greaterThan':
            return !isBlank(raw) && !isBlank(value) && compare(raw, value) > 0;
        case 'lessOrEqual':
            return !isBlank(raw) && !isBlank(value) && compare(raw, value) <= 0;
        case 'greaterOrEqual':
            return !isBlank(raw) && !isBlank(value) && compare(raw, value) >= 0;
        case 'contains':
        case 'startsWith':
        case 'endsWith': {
            if (isBlank(raw) || isBlank(value)) return false;
            const text = String(raw).toLowerCase();
            const part = String(value).toLowerCase();
            if (rule.operator === 'contains') return text.includes(part);
            return rule.operator === 'startsWith' ? text.startsWith(part) : text.endsWith(part);
        }
        default:
            return false;
    }
}

/** The look of the first rule that matches, or undefined. */
export function cellStyleFor(rules: readonly CellStyleRule[] | undefined, raw: unknown): CellStyle | undefined {
    if (!rules) return undefined;
    for (const rule of rules) {
        if (!matchesRule(rule, raw)) continue;
        const variant = rule.variant in BADGE_CLASS ? rule.variant : 'neutral';
        return rule.badge ? { badgeClass: BADGE_CLASS[variant] } : { textClass: TEXT_CLASS[variant] };
    }
    return undefined;
}
