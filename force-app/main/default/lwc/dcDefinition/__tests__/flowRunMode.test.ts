/*
 * Issue #14's definition contract of Execute Flow at scale: mode, chunkSize, output aggregate, {!$Run.*} and the
 * selection-mapped input a chunked run splits. Each error and warning with its path and exact message.
 */
import { checkFlowAction, validateDefinition, type FlowCatalog, type FlowDescribe } from 'c/dcDefinition';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

const AT = 'interactions[0].do[0]';

function base(extra: Doc = {}): Doc {
    return {
        schemaVersion: 1,
        apiName: 'Run_Board',
        label: 'Runs',
        resources: [
            { name: 'updated', kind: 'variable', dataType: 'Number' },
            { name: 'names', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'note', kind: 'variable', dataType: 'Text' }
        ],
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name'] }],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                maxRowSelection: 500,
                columns: [{ field: 'Name' }],
                headerActions: [{ name: 'go', label: 'Go', requiresSelection: true }]
            }
        ],
        interactions: [
            {
                id: 'go',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' },
                do: [
                    {
                        type: 'executeFlow',
                        id: 'runGo',
                        flowApiName: 'Mark_Contacts',
                        mode: 'async',
                        chunkSize: 200,
                        inputs: [
                            { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                        ],
                        outputs: [{ name: 'updatedCount', resource: 'updated', aggregate: 'sum' }],
                        onFinish: [{ type: 'showToast', title: '{!$Run.succeeded} updated, {!$Run.failed} failed' }],
                        onError: [{ type: 'showToast', title: 'Run {!$Run.id}: {!$Run.status}' }],
                        ...extra
                    }
                ]
            }
        ]
    };
}

const action = (d: Doc): Doc => d.interactions[0].do[0];
const lines = (d: Doc): string[] =>
    validateDefinition(d).map((p) => `${p.path} [${p.severity ?? 'error'}]: ${p.message}`);

describe('executeFlow mode and chunkSize', () => {
    it('accepts a chunked run with a selection input, aggregates and $Run in its chains', () => {
        expect(lines(base())).toEqual([]);
        for (const mode of ['sync', 'auto', 'async']) {
            const d = base({ mode });
            if (mode === 'sync') {
                delete action(d).chunkSize;
                action(d).outputs[0] = { name: 'updatedCount', resource: 'updated' };
                action(d).onFinish = [];
                action(d).onError = [];
            }
            expect(lines(d)).toEqual([]);
        }
    });

    it('rejects an unknown mode with the allowed list', () => {
        expect(lines(base({ mode: 'batch' }))).toEqual([
            `${AT}.mode [error]: The run mode 'batch' is not allowed. Use one of 'sync', 'auto' or 'async'.`,
            `${AT}.onFinish[0].title [error]: {!$Run.succeeded}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`,
            `${AT}.onFinish[0].title [error]: {!$Run.failed}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`,
            `${AT}.onError[0].title [error]: {!$Run.id}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`,
            `${AT}.onError[0].title [error]: {!$Run.status}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`
        ]);
    });

    it('names the limit above 2000, and rejects 0 and fractions', () => {
        expect(lines(base({ chunkSize: 2001 }))).toEqual([
            `${AT}.chunkSize [error]: chunkSize is 2001, but a chunk holds at most 2000 records: each chunk runs in one transaction (at most 10,000 DML rows and 10 seconds of CPU), and 2000 keeps five DML rows per record of headroom. Use a chunkSize from 1 to 2000.`
        ]);
        expect(lines(base({ chunkSize: 0 }))).toEqual([
            `${AT}.chunkSize [error]: chunkSize is 0; it must be from 1 to 2000.`
        ]);
        expect(lines(base({ chunkSize: 2.5 }))).toEqual([
            `${AT}.chunkSize [error]: chunkSize must be a whole number (without quotes), but it is number 2.5.`
        ]);
        expect(lines(base({ chunkSize: 2000 }))).toEqual([]);
    });

    it('warns that chunkSize and aggregate have no effect on a sync run', () => {
        const d = base({ mode: 'sync' });
        d.interactions[0].do[0].onFinish = [];
        d.interactions[0].do[0].onError = [];
        expect(lines(d)).toEqual([
            `${AT}.chunkSize [warning]: chunkSize has no effect without mode auto or async: this action runs with mode sync, in one transaction. Set "mode": "auto" or "async", or remove "chunkSize".`,
            `${AT}.outputs[0].aggregate [warning]: aggregate has no effect without mode auto or async: this action runs with mode sync, so the flow sets its output once. Set "mode": "auto" or "async" on the action, or remove "aggregate".`
        ]);
        delete action(d).mode;
        expect(lines(d)[0]).toMatch(/this action runs without a mode \(sync\), in one transaction/);
    });

    it('requires an input mapped to a table selection for auto and async', () => {
        for (const mode of ['auto', 'async']) {
            const d = base({ mode, inputs: [{ name: 'ContactIds', value: ['003000000000001'], collection: true }] });
            expect(lines(d)).toEqual([
                `${AT}.mode [error]: Execute Flow action 'runGo' runs with mode ${mode} but has no input mapped to a table's selection: nothing to split into chunks. Map an input to {!contactsTable.SelectedRowsKeyValue} or use mode sync.`
            ]);
        }
        const rows = base({
            inputs: [{ name: 'Rows', value: '{!contactsTable.SelectedRows}', collection: true, dataType: 'Record' }]
        });
        expect(lines(rows)).toEqual([]);
    });
});

describe('output aggregate', () => {
    const withOutput = (output: Doc): Doc => base({ outputs: [output] });

    it('rejects an unknown aggregate with the allowed list', () => {
        expect(lines(withOutput({ name: 'updatedCount', resource: 'updated', aggregate: 'total' }))).toEqual([
            `${AT}.outputs[0].aggregate [error]: The output aggregate 'total' is not allowed. Use one of 'last', 'sum', 'count' or 'collect'.`
        ]);
    });

    it('sum and count need a single number variable, collect a collection', () => {
        expect(lines(withOutput({ name: 'x', resource: 'note', aggregate: 'count' }))).toEqual([
            `${AT}.outputs[0].aggregate [error]: aggregate 'count' adds up the values of all chunks into a number, but 'note' is a Text variable: store the output in a single Number or Currency variable, or use aggregate 'last' or 'collect'.`
        ]);
        expect(lines(withOutput({ name: 'x', resource: 'names', aggregate: 'sum' }))).toEqual([
            `${AT}.outputs[0].aggregate [error]: aggregate 'sum' adds up the values of all chunks into a number, but 'names' is a Text collection: store the output in a single Number or Currency variable, or use aggregate 'last' or 'collect'.`
        ]);
        expect(lines(withOutput({ name: 'x', resource: 'note', aggregate: 'collect' }))).toEqual([
            `${AT}.outputs[0].aggregate [error]: aggregate 'collect' gathers the values of all chunks into a list, but 'note' is a Text variable: make 'note' a collection ("isCollection": true) or use aggregate 'last'.`
        ]);
        expect(lines(withOutput({ name: 'x', resource: 'names', aggregate: 'collect' }))).toEqual([]);
        expect(lines(withOutput({ name: 'x', resource: 'note', aggregate: 'last' }))).toEqual([]);
    });

    it('is not a key of a dialog flow output', () => {
        const d = base();
        d.interactions[0].do[0] = {
            type: 'openFlowDialog',
            flowApiName: 'Edit_Contact',
            outputs: [{ name: 'x', resource: 'note', aggregate: 'last' }]
        };
        expect(lines(d)).toHaveLength(1);
        expect(lines(d)[0]).toMatch(/^interactions\[0\]\.do\[0\]\.outputs\[0\]\.aggregate \[error\]: /);
    });
});

describe('$Run merge fields', () => {
    it('rejects $Run outside the chains of a chunked run, and unknown properties inside', () => {
        const d = base();
        d.resources.push({ name: 'label', kind: 'formula', dataType: 'Text', formula: '"Failed: " & {!$Run.failed}' });
        action(d).onFinish = [{ type: 'showToast', title: '{!$Run.succeded}' }];
        expect(lines(d)).toEqual([
            `resources[3].formula [error]: {!$Run.failed}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`,
            `${AT}.onFinish[0].title [error]: {!$Run.succeded} is not a run property. Did you mean 'succeeded'? Use {!$Run.id}, {!$Run.status}, {!$Run.total}, {!$Run.succeeded}, {!$Run.failed}, {!$Run.remaining}.`
        ]);
    });

    it('is available deeper in the chain, but not in the chains of a nested sync flow', () => {
        const d = base();
        action(d).onFinish = [
            {
                type: 'confirm',
                message: '{!$Run.total} done',
                onFinish: [
                    {
                        type: 'executeFlow',
                        id: 'after',
                        flowApiName: 'Mark_Contacts',
                        onFinish: [{ type: 'showToast', title: '{!$Run.total}' }]
                    }
                ]
            }
        ];
        expect(lines(d)).toEqual([
            `${AT}.onFinish[0].onFinish[0].onFinish[0].title [error]: {!$Run.total}: $Run is only set in the On Finish and On Error actions of an Execute Flow action with mode auto or async. Move this action into such a chain, or set "mode" on the Execute Flow action.`
        ]);
    });

    it('types counts as Numbers: a Number variable can be set from {!$Run.failed}', () => {
        const d = base();
        action(d).onError = [{ type: 'setVariable', variable: 'updated', value: '{!$Run.failed}' }];
        expect(lines(d)).toEqual([]);
    });
});

describe('aggregate against the flow', () => {
    const flows: FlowDescribe[] = [
        {
            apiName: 'Mark_Contacts',
            processType: 'AutoLaunchedFlow',
            triggerType: null,
            isActive: true,
            variables: [
                { name: 'ContactIds', dataType: 'String', isCollection: true, isInput: true, isOutput: false },
                { name: 'updatedCount', dataType: 'Number', isCollection: false, isInput: false, isOutput: true },
                { name: 'message', dataType: 'String', isCollection: false, isInput: false, isOutput: true }
            ]
        } as unknown as FlowDescribe
    ];
    const catalog: FlowCatalog = {
        describeFlow: (n) => flows.find((f) => f.apiName.toLowerCase() === n.toLowerCase()),
        listFlows: () => flows
    };
    const contract = (output: Doc, mode = 'async'): string[] => {
        const d = base({ mode, outputs: [output] });
        return checkFlowAction(d, { path: AT, action: action(d) }, catalog).map(
            (p) => `${p.path} [${p.code}]: ${p.message}`
        );
    };

    it('sum needs a Number output; collect of a single output fills a collection', () => {
        expect(contract({ name: 'updatedCount', resource: 'updated', aggregate: 'sum' })).toEqual([]);
        expect(contract({ name: 'message', resource: 'updated', aggregate: 'sum' })).toEqual([
            `${AT}.outputs[0].name [TYPE_MISMATCH]: aggregate 'sum' adds up the output 'message' of all chunks, but flow variable 'message' of 'Mark_Contacts' is a single Text value: map a Number or Currency output (not a collection), or use aggregate 'last' or 'collect'.`
        ]);
        expect(contract({ name: 'message', resource: 'names', aggregate: 'collect' })).toEqual([]);
        // without a chunked mode the output is checked as a plain mapping
        expect(contract({ name: 'message', resource: 'names', aggregate: 'collect' }, 'sync')[0]).toMatch(
            /COLLECTION_MISMATCH/
        );
    });
});
