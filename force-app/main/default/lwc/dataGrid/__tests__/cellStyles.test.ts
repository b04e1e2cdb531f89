import type { CellStyleRule } from 'c/dcDefinition';
import { cellStyleFor, matchesRule } from '../cellStyles';
import { buildFormatters } from '../cells';
import type { GridColumn } from '../columns';

const rule = (operator: CellStyleRule['operator'], value?: unknown): CellStyleRule => ({
    operator,
    value,
    variant: 'success'
});

describe('cell style rules', () => {
    it('compare text case-insensitively, numbers numerically, and match a multi-select value by its parts', () => {
        expect(matchesRule(rule('equals', 'Active'), 'active')).toBe(true);
        expect(matchesRule(rule('equals', 'Active'), 'Inactive')).toBe(false);
        expect(matchesRule(rule('notEquals', 'Active'), 'Inactive')).toBe(true);
        expect(matchesRule(rule('equals', 10), '10')).toBe(true);
        expect(matchesRule(rule('greaterThan', 9), 10)).toBe(true);
        expect(matchesRule(rule('greaterThan', 9), '10')).toBe(true);
        expect(matchesRule(rule('lessThan', '2026-01-01'), '2025-12-31')).toBe(true);
        expect(matchesRule(rule('lessOrEqual', 5), 5)).toBe(true);
        expect(matchesRule(rule('greaterOrEqual', 5), 4)).toBe(false);
        expect(matchesRule(rule('equals', true), true)).toBe(true);
        expect(matchesRule(rule('equals', false), true)).toBe(false);
        expect(matchesRule(rule('equals', 'B'), 'A;B')).toBe(true);
        expect(matchesRule(rule('in', ['x', 'b']), 'A;B')).toBe(true);
        expect(matchesRule(rule('notIn', ['New', 'Active']), 'Inactive')).toBe(true);
        expect(matchesRule(rule('notIn', ['New', 'Active']), 'new')).toBe(false);
        expect(matchesRule(rule('contains', 'LOVE'), 'Ada Lovelace')).toBe(true);
        expect(matchesRule(rule('startsWith', 'ada'), 'Ada Lovelace')).toBe(true);
        expect(matchesRule(rule('endsWith', 'lace'), 'Ada Lovelace')).toBe(true);
        expect(matchesRule(rule('endsWith', 'Ada'), 'Ada Lovelace')).toBe(false);
    });

    it('treat a blank value as matching only isNull and the negated operators', () => {
        for (const blank of [null, undefined, '']) {
            expect(matchesRule(rule('isNull'), blank)).toBe(true);
            expect(matchesRule(rule('isNull', false), blank)).toBe(false);
            expect(matchesRule(rule('equals', 'x'), blank)).toBe(false);
            expect(matchesRule(rule('notEquals', 'x'), blank)).toBe(true);
            expect(matchesRule(rule('notIn', ['x']), blank)).toBe(true);
            expect(matchesRule(rule('lessThan', 5), blank)).toBe(false);
            expect(matchesRule(rule('contains', 'x'), blank)).toBe(false);
        }
        expect(matchesRule(rule('isNull'), 'x')).toBe(false);
        expect(matchesRule(rule('isNull', false), 0)).toBe(true);
    });

    it('take the first rule that matches: a badge of its theme or the text colour', () => {
        const rules: CellStyleRule[] = [
            { operator: 'equals', value: 'Active', variant: 'success', badge: true },
            { operator: 'contains', value: 'act', variant: 'error' },
            { operator: 'isNull', variant: 'neutral' }
        ];
        expect(cellStyleFor(rules, 'Active')).toEqual({ badgeClass: 'slds-badge slds-theme_success' });
        expect(cellStyleFor(rules, 'Inactive')).toEqual({ textClass: 'cell-text_error' });
        expect(cellStyleFor(rules, '')).toEqual({ textClass: 'slds-text-color_weak' });
        expect(cellStyleFor(rules, 'New')).toBeUndefined();
        expect(cellStyleFor(undefined, 'Active')).toBeUndefined();
        expect(cellStyleFor([{ operator: 'equals', value: 'x', variant: 'inverse', badge: true }], 'x')).toEqual({
            badgeClass: 'slds-badge slds-badge_inverse'
        });
    });

    it('compare a picklist by its API value while the cell shows its label, formatted only when asked', () => {
        const column: GridColumn = {
            path: 'Status__c',
            label: 'Status',
            type: 'picklist',
            align: 'left',
            sortable: false,
            labels: { InProgress: 'In Progress' },
            cellStyles: [{ operator: 'equals', value: 'InProgress', variant: 'warning', badge: true }]
        };
        const [format] = buildFormatters([column], { recordUrl: (id) => `/${id}` });
        expect(format({ Status__c: 'InProgress' })).toEqual({
            text: 'In Progress',
            badgeClass: 'slds-badge slds-theme_warning'
        });
        expect(format({ Status__c: 'Done' })).toEqual({ text: 'Done' });
        // no badge for an empty cell
        expect(format({ Status__c: null })).toEqual({ text: '' });
    });
});
