import type { DefinitionProblem } from 'c/dcDefinition';
import {
    allNodes,
    actionLabel,
    buildOutline,
    chainTo,
    findNode,
    interactionLabel,
    nodeForProblem,
    visibleRows
} from '../outline';
import type { OutlineNode } from '../outline';
import { createFromTemplate } from '../templates';

const BOARD = createFromTemplate('contactsBoard');

/** label / kind / path lines, indented by depth. */
function shape(nodes: OutlineNode[], depth = 0): string[] {
    return nodes.flatMap((n) => [
        `${'  '.repeat(depth)}${n.kind} ${n.path || "''"} ${n.label}`,
        ...shape(n.children, depth + 1)
    ]);
}

describe('buildOutline', () => {
    it('lists the definition, its resources, queries, tables with their parts, interactions and action chains', () => {
        expect(shape(buildOutline(BOARD))).toEqual([
            "definition '' Definition",
            'group resources Resources',
            '  resource resources[0] updatedCount',
            '  resource resources[1] activeStatus',
            '  resource resources[2] title',
            '  resource resources[3] updatedMessage',
            'group queries Queries',
            '  query queries[0] contacts',
            'group components Components',
            '  component components[0] contactsTable',
            '    group components[0].columns Columns',
            '      column components[0].columns[0] Name',
            '      column components[0].columns[1] Email',
            '      column components[0].columns[2] Phone',
            '      column components[0].columns[3] Status__c',
            '      column components[0].columns[4] Account.Name',
            '    group components[0].headerActions Header actions',
            '      headerAction components[0].headerActions[0] Set as Active',
            '    group components[0].rowActions Row actions',
            '      rowAction components[0].rowActions[0] Open',
            'group interactions Interactions',
            '  interaction interactions[0] Header Action Click · contactsTable · setActive',
            '    action interactions[0].do[0] Execute Flow · Set_Contact_Status_Active',
            '      action interactions[0].do[0].onFinish[0] On Finish: Refresh All Queries',
            '      action interactions[0].do[0].onFinish[1] On Finish: Show Toast · {!updatedMessage}',
            '      action interactions[0].do[0].onError[0] On Error: Show Toast · Could not update',
            '  interaction interactions[1] Row Action Click · contactsTable · open',
            '    action interactions[1].do[0] Navigate · Record Page'
        ]);
    });

    it('gives each node a second line', () => {
        const outline = buildOutline(BOARD);
        const detail = (path: string): string | undefined => findNode(outline, path)?.detail;
        expect(detail('')).toBe('Contacts');
        expect(detail('resources[0]')).toBe('Variable · Number');
        expect(detail('queries[0]')).toBe('Contact');
        expect(detail('components[0]')).toBe('Data table · contacts');
        expect(detail('components[0].columns[4]')).toBe('Account');
        expect(detail('components[0].headerActions[0]')).toBe('setActive');
        expect(detail('interactions[0]')).toBe('setActive');
        expect(detail('interactions[0].do[0]')).toBe('setActiveFlow');
        expect(findNode(outline, 'components[0].rowActions')?.list).toBe('rowActions');
    });

    it('survives documents of the wrong shape', () => {
        const outline = buildOutline({
            resources: 'x',
            queries: [null, 3],
            components: [{}],
            interactions: [{ on: 5, do: [7] }]
        });
        expect(shape(outline)).toEqual([
            "definition '' Definition",
            'group resources Resources',
            'group queries Queries',
            '  query queries[0] Query (no name)',
            '  query queries[1] Query (no name)',
            'group components Components',
            '  component components[0] Component (no name)',
            '    group components[0].columns Columns',
            '    group components[0].headerActions Header actions',
            '    group components[0].rowActions Row actions',
            'group interactions Interactions',
            '  interaction interactions[0] No trigger',
            '    action interactions[0].do[0] Action'
        ]);
        expect(buildOutline(null)).toHaveLength(5);
    });

    it('counts problems on the owning node and every node around it', () => {
        const problems: DefinitionProblem[] = [
            { path: 'apiName', message: 'bad', severity: 'error' },
            { path: 'components[0].columns[3].field', message: 'no such field', severity: 'error' },
            { path: 'components[0].columns[3]', message: 'second', severity: 'warning' },
            { path: 'interactions[0].do[0].onFinish[1].title', message: 'merge field', severity: 'error' },
            { path: 'interactions[0].do[0].inputs[0].value', message: 'type', severity: 'error' },
            { path: 'components[0].columns', message: 'list', severity: 'warning' }
        ];
        const outline = buildOutline(BOARD, problems);
        const count = (path: string): [number, number] => {
            const n = findNode(outline, path)!;
            return [n.problemCount, n.errorCount];
        };
        expect(count('')).toEqual([1, 1]);
        expect(count('components')).toEqual([3, 1]);
        expect(count('components[0]')).toEqual([3, 1]);
        expect(count('components[0].columns')).toEqual([3, 1]);
        expect(count('components[0].columns[3]')).toEqual([2, 1]);
        expect(count('components[0].columns[2]')).toEqual([0, 0]);
        expect(count('interactions[0]')).toEqual([2, 2]);
        expect(count('interactions[0].do[0]')).toEqual([2, 2]);
        expect(count('interactions[0].do[0].onFinish[1]')).toEqual([1, 1]);
        expect(count('queries')).toEqual([0, 0]);
    });
});

describe('nodeForProblem', () => {
    const outline = buildOutline(BOARD);
    it('finds the deepest node owning a problem path', () => {
        const owner = (path: string): string | undefined => nodeForProblem(outline, path)?.path;
        expect(owner('components[0].columns[2].field')).toBe('components[0].columns[2]');
        expect(owner('components[0].headerActions[0].variant')).toBe('components[0].headerActions[0]');
        expect(owner('components[0].keyField')).toBe('components[0]');
        expect(owner('components[0].columns')).toBe('components[0].columns');
        expect(owner('interactions[0].on.target')).toBe('interactions[0]');
        expect(owner('interactions[0].do[0].inputs[0].value')).toBe('interactions[0].do[0]');
        expect(owner('interactions[0].do[0].onError[0].message')).toBe('interactions[0].do[0].onError[0]');
        expect(owner('queries[0].where.conditions[0].value')).toBe('queries[0]');
        expect(owner('resources[2].formula')).toBe('resources[2]');
        expect(owner('apiName')).toBe('');
        expect(owner('')).toBe('');
        expect(owner('queries[7].name')).toBe('queries');
    });

    it('returns the chain from the top level', () => {
        expect(chainTo(outline, 'components[0].columns[1].label').map((n) => n.path)).toEqual([
            'components',
            'components[0]',
            'components[0].columns',
            'components[0].columns[1]'
        ]);
        expect(findNode(outline, 'components[0].columns[9]')).toBeUndefined();
    });
});

describe('labels', () => {
    it('labels interactions from their trigger', () => {
        expect(interactionLabel({ on: { event: 'load' } })).toBe('Load');
        expect(interactionLabel({ on: { event: 'save', target: 't' } })).toBe('Save · t');
        expect(interactionLabel({ on: { event: 'selectionChange', target: 't' } })).toBe('Selection Change · t');
        expect(interactionLabel({ on: { event: 'custom' } })).toBe('custom');
        expect(interactionLabel({})).toBe('No trigger');
    });

    it('labels actions by type and what they act on', () => {
        expect(actionLabel({ type: 'refreshQueries', queries: ['a', 'b'] })).toBe('Refresh Queries · a, b');
        expect(actionLabel({ type: 'setVariable', variable: 'n' })).toBe('Set Variable · n');
        expect(actionLabel({ type: 'confirm', message: 'Sure?' })).toBe('Confirm · Sure?');
        expect(actionLabel({ type: 'openFlowPanel', flowApiName: 'F' })).toBe('Open Flow Panel · F');
        expect(actionLabel({ type: 'exportCsv', table: 'contactsTable' })).toBe('Export CSV · contactsTable');
        expect(actionLabel({ type: 'showToast' })).toBe('Show Toast');
        expect(actionLabel({ type: 'showToast', title: 'x'.repeat(60) })).toBe(`Show Toast · ${'x'.repeat(47)}…`);
        expect(actionLabel({})).toBe('Action (no type)');
        expect(actionLabel('nope')).toBe('Action');
    });
});

describe('visibleRows', () => {
    it('shows the top level and the children of expanded nodes with their tree positions', () => {
        const outline = buildOutline(BOARD);
        const rows = visibleRows(outline, new Set(['components', 'components[0]']));
        expect(rows.map((r) => `${r.level}:${r.posInSet}/${r.setSize}:${String(r.expanded)}:${r.node.path}`)).toEqual([
            '1:1/5:undefined:',
            '1:2/5:false:resources',
            '1:3/5:false:queries',
            '1:4/5:true:components',
            '2:1/1:true:components[0]',
            '3:1/3:false:components[0].columns',
            '3:2/3:false:components[0].headerActions',
            '3:3/3:false:components[0].rowActions',
            '1:5/5:false:interactions'
        ]);
        expect(rows[4].parentPath).toBe('components');
        expect(allNodes(outline)).toHaveLength(28);
    });
});
