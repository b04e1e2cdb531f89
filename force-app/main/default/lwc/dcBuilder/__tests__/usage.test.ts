import { flowsUsed, resourceUsage } from 'c/dcBuilder';
import board from '../../../../../../definitions/Contact_Status_Board.json';

describe('resourceUsage', () => {
    it('lists reads (merge fields) and writes (flow outputs, setVariable) of each resource, in document order', () => {
        const usage = resourceUsage(board);
        const updated = usage.find((u) => u.name === 'updatedCount');
        expect(updated).toMatchObject({ kind: 'variable', dataType: 'Number', isCollection: false });
        expect(updated?.writes).toEqual(['interactions[0].do[0].outputs[0]']);
        expect(updated?.reads).toEqual(['resources[3].formula']);
        expect(usage.find((u) => u.name === 'title')?.reads).toEqual(['components[0].title']);
        const active = usage.find((u) => u.name === 'activeStatus');
        expect(active?.reads).toEqual([]);
        expect(active?.writes).toEqual([]);
    });

    it('counts setVariable writes, one read per value even with two merge fields, and ignores unknown names', () => {
        const doc = {
            resources: [
                { name: 'n', kind: 'variable', dataType: 'Number' },
                { name: 'n', kind: 'variable', dataType: 'Text' },
                { name: 'f', kind: 'formula', dataType: 'Number', formula: '{!n} + {!n} + {!missing}' }
            ],
            interactions: [
                { id: 'a', on: { event: 'load' }, do: [{ type: 'setVariable', variable: 'n', value: 1 }] },
                { id: 'b', on: { event: 'load' }, do: [{ type: 'setVariable', variable: 'ghost', value: 1 }] }
            ]
        };
        const usage = resourceUsage(doc);
        expect(usage).toHaveLength(2);
        expect(usage[0].writes).toEqual(['interactions[0].do[0]']);
        expect(usage[0].reads).toEqual(['resources[2].formula']);
        expect(usage[1].reads).toEqual([]);
    });

    it('returns nothing for what is not a definition', () => {
        expect(resourceUsage(null)).toEqual([]);
        expect(resourceUsage({ resources: 'x' })).toEqual([]);
    });

    it('survives a deeply nested chain without recursion', () => {
        let chain: Record<string, unknown> = { type: 'showToast', title: '{!x}' };
        for (let i = 0; i < 5000; i++) chain = { type: 'refreshQueries', onFinish: [chain] };
        const usage = resourceUsage({
            resources: [{ name: 'x', kind: 'variable', dataType: 'Text' }],
            interactions: [{ do: [chain] }]
        });
        expect(usage[0].reads).toHaveLength(1);
    });
});

describe('flowsUsed', () => {
    it('maps each flow to the actions that name it', () => {
        expect([...flowsUsed(board).entries()]).toEqual([['Set_Contact_Status_Active', ['interactions[0].do[0]']]]);
        const doc = {
            interactions: [
                {
                    do: [
                        {
                            type: 'openFlowDialog',
                            flowApiName: 'S',
                            onClose: [{ type: 'executeFlow', flowApiName: 'S' }]
                        }
                    ]
                },
                { do: [{ type: 'executeFlow', flowApiName: '' }] }
            ]
        };
        expect(flowsUsed(doc).get('S')).toEqual(['interactions[0].do[0]', 'interactions[0].do[0].onClose[0]']);
        expect(flowsUsed(doc).size).toBe(1);
    });
});
