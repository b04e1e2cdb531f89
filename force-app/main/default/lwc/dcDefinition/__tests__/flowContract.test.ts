import {
    checkFlowAction,
    checkFlowContracts,
    findAction,
    flowActions,
    flowUnreadable,
    parseDefinition,
    shownValue,
    typePhrase,
    validateDefinition,
    walkActions,
    type FieldDescribe,
    type FlowCatalog,
    type FlowDescribe,
    type FlowVariableDescribe,
    type SchemaCatalog
} from 'c/dcDefinition';

// ------------------------------------------------------------------ fixtures

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function v(name: string, dataType: string, extra: Partial<FlowVariableDescribe> = {}): FlowVariableDescribe {
    return { name, dataType, isCollection: false, isInput: false, isOutput: false, ...extra };
}

const FLOWS: FlowDescribe[] = [
    {
        apiName: 'Set_Status',
        processType: 'AutoLaunchedFlow',
        triggerType: null,
        isActive: true,
        variables: [
            v('ContactIds', 'String', { isCollection: true, isInput: true, isRequired: true }),
            v('ContactId', 'String', { isInput: true }),
            v('amount', 'Number', { isInput: true }),
            v('price', 'Currency', { isInput: true }),
            v('when', 'Date', { isInput: true }),
            v('contactRecord', 'SObject', { isInput: true, objectType: 'Contact' }),
            v('contactRecords', 'SObject', { isInput: true, isCollection: true, objectType: 'Contact' }),
            v('helper', 'Apex', { isInput: true }),
            v('updatedCount', 'Number', { isOutput: true }),
            v('firstContact', 'SObject', { isOutput: true, objectType: 'Contact' }),
            v('contacts', 'SObject', { isOutput: true, isCollection: true, objectType: 'Contact' }),
            v('summary', 'String', { isOutput: true }),
            v('note', 'String')
        ]
    },
    {
        apiName: 'Review_Screen',
        processType: 'Flow',
        isActive: true,
        variables: [v('recordId', 'String', { isInput: true, isRequired: true })]
    },
    {
        apiName: 'After_Save',
        processType: 'AutoLaunchedFlow',
        triggerType: 'RecordAfterSave',
        isActive: true,
        variables: []
    },
    {
        apiName: 'Nightly_Job',
        processType: 'AutoLaunchedFlow',
        triggerType: 'Scheduled',
        isActive: true,
        variables: []
    },
    { apiName: 'No_Trigger', processType: 'AutoLaunchedFlow', triggerType: 'None', isActive: true, variables: [] },
    { apiName: 'Orchestrate', processType: 'Orchestrator', isActive: true, variables: [] },
    {
        apiName: 'Draft_Flow',
        processType: 'AutoLaunchedFlow',
        isActive: false,
        variables: [v('x', 'String', { isInput: true, isRequired: true })]
    }
];

/** Like the org: SOQL finds a flow whatever the case of its name. */
const flows: FlowCatalog = {
    describeFlow: (name) => FLOWS.find((f) => f.apiName.toLowerCase() === name.toLowerCase()),
    listFlows: () => FLOWS
};

/** A catalog that only answers exact names (the checker's did-you-mean must still find the case difference). */
const exactFlows: FlowCatalog = {
    describeFlow: (name) => FLOWS.find((f) => f.apiName === name),
    listFlows: () => FLOWS
};

function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, ...extra };
}

const catalog: SchemaCatalog = {
    describeObject(name) {
        const objects: Record<string, FieldDescribe[]> = {
            Contact: [
                field('Id', 'ID'),
                field('Name', 'STRING'),
                field('Email', 'EMAIL'),
                field('Score__c', 'DOUBLE'),
                field('Birthdate', 'DATE')
            ],
            User: [field('Id', 'ID'), field('FirstName', 'STRING')],
            Account: [field('Id', 'ID'), field('Name', 'STRING')]
        };
        const key = Object.keys(objects).find((k) => k.toLowerCase() === name.toLowerCase());
        return key ? { name: key, fields: new Map(objects[key].map((f) => [f.name, f])) } : undefined;
    }
};

/** A valid definition whose interaction runs `actions` (the first at interactions[0].do[0]). */
function docWith(...actions: unknown[]): Doc {
    return {
        schemaVersion: 1,
        apiName: 'Board',
        label: 'Board',
        resources: [
            { name: 'n', kind: 'variable', dataType: 'Number' },
            { name: 'money', kind: 'variable', dataType: 'Currency' },
            { name: 't', kind: 'variable', dataType: 'Text' },
            { name: 'ids', kind: 'variable', dataType: 'Text', isCollection: true },
            { name: 'contact', kind: 'variable', dataType: 'Record', objectApiName: 'Contact' },
            { name: 'contactList', kind: 'variable', dataType: 'Record', objectApiName: 'Contact', isCollection: true },
            { name: 'account', kind: 'variable', dataType: 'Record', objectApiName: 'Account' },
            { name: 'label', kind: 'constant', dataType: 'Text', value: 'x' }
        ],
        queries: [{ name: 'contacts', object: 'Contact', fields: ['Name', 'Email', 'Score__c'] }],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                query: 'contacts',
                maxRowSelection: 10,
                columns: [{ field: 'Name' }],
                headerActions: [{ name: 'go', label: 'Go' }]
            }
        ],
        interactions: [
            { id: 'run', on: { event: 'headerActionClick', target: 'contactsTable', action: 'go' }, do: actions }
        ]
    };
}

function exec(inputs: unknown[] = [], outputs: unknown[] = [], extra: Doc = {}): Doc {
    return { type: 'executeFlow', id: 'go', flowApiName: 'Set_Status', inputs, outputs, ...extra };
}

const SELECTED_IDS = { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true };

/** The problems of one executeFlow action, as `path [code]: message` lines. */
function problemsOf(action: Doc, options: { flows?: FlowCatalog; withCatalog?: boolean } = {}): string[] {
    const doc = docWith(action);
    return checkFlowContracts(doc, options.flows ?? flows, options.withCatalog === false ? {} : { catalog }).map(
        (p) => `${p.path} [${p.code}${p.severity === 'warning' ? ', warning' : ''}]: ${p.message}`
    );
}

const AT = 'interactions[0].do[0]';

// ------------------------------------------------------------------ tests

describe('c/dcDefinition flow contract: the flow', () => {
    it('accepts a well-wired action, also through validateDefinition', () => {
        const action = exec(
            [SELECTED_IDS, { name: 'amount', value: '{!n}', dataType: 'Number' }],
            [{ name: 'updatedCount', resource: 'n' }]
        );
        expect(problemsOf(action)).toEqual([]);
        expect(validateDefinition(docWith(action), catalog, flows)).toEqual([]);
    });

    it('reports a flow name that differs in case only, whether the catalog finds it or not', () => {
        const expected = [
            `${AT}.flowApiName [FLOW_NOT_FOUND]: Flow 'set_status' does not exist; did you mean 'Set_Status'? Flow API names are case-sensitive.`
        ];
        expect(problemsOf(exec([SELECTED_IDS], [], { flowApiName: 'set_status' }))).toEqual(expected);
        expect(problemsOf(exec([SELECTED_IDS], [], { flowApiName: 'set_status' }), { flows: exactFlows })).toEqual(
            expected
        );
    });

    it('suggests a near flow name, or says how to fix a name with nothing near', () => {
        expect(problemsOf(exec([], [], { flowApiName: 'Set_Statuss' }))).toEqual([
            `${AT}.flowApiName [FLOW_NOT_FOUND]: Flow 'Set_Statuss' does not exist. Did you mean 'Set_Status'? Fix flowApiName, or create and activate a flow with this API name.`
        ]);
        expect(problemsOf(exec([], [], { flowApiName: 'Something_Else_Entirely' }))).toEqual([
            `${AT}.flowApiName [FLOW_NOT_FOUND]: Flow 'Something_Else_Entirely' does not exist: fix flowApiName, or create and activate a flow with this API name.`
        ]);
    });

    it('reports a flow without an active version and leaves its variables alone', () => {
        expect(problemsOf(exec([{ name: 'nope', value: 'x' }], [], { flowApiName: 'Draft_Flow' }))).toEqual([
            `${AT}.flowApiName [FLOW_INACTIVE]: Flow 'Draft_Flow' has no active version: open it in Flow Builder and activate it.`
        ]);
    });

    it('refuses executeFlow on a screen flow, a triggered flow and a non-autolaunched flow', () => {
        expect(problemsOf(exec([{ name: 'recordId', value: 'x' }], [], { flowApiName: 'Review_Screen' }))).toEqual([
            `${AT}.flowApiName [WRONG_FLOW_TYPE]: Flow 'Review_Screen' is a screen flow; executeFlow runs autolaunched flows in the background: use openFlowDialog or openFlowPanel for screen flows.`
        ]);
        expect(problemsOf(exec([], [], { flowApiName: 'After_Save' }))).toEqual([
            `${AT}.flowApiName [WRONG_FLOW_TYPE]: Flow 'After_Save' is a record-triggered flow (RecordAfterSave); executeFlow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`
        ]);
        expect(problemsOf(exec([], [], { flowApiName: 'Nightly_Job' }))).toEqual([
            `${AT}.flowApiName [WRONG_FLOW_TYPE]: Flow 'Nightly_Job' is a triggered flow (Scheduled); executeFlow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`
        ]);
        expect(problemsOf(exec([], [], { flowApiName: 'Orchestrate' }))).toEqual([
            `${AT}.flowApiName [WRONG_FLOW_TYPE]: Flow 'Orchestrate' has process type Orchestrator; executeFlow runs only autolaunched flows with no trigger (Autolaunched Flow (No Trigger)).`
        ]);
        expect(problemsOf(exec([], [], { flowApiName: 'No_Trigger' }))).toEqual([]);
    });

    it('refuses openFlowDialog / openFlowPanel on a flow that is not a screen flow, and accepts a screen flow', () => {
        const dialog = { type: 'openFlowDialog', flowApiName: 'No_Trigger' };
        expect(problemsOf(dialog)).toEqual([
            `${AT}.flowApiName [WRONG_FLOW_TYPE]: Flow 'No_Trigger' is not a screen flow (process type AutoLaunchedFlow); openFlowDialog shows screen flows only: choose a screen flow, or use executeFlow for an autolaunched flow with no trigger.`
        ]);
        const panel = {
            type: 'openFlowPanel',
            flowApiName: 'Review_Screen',
            inputs: [{ name: 'recordId', value: 'x' }]
        };
        expect(problemsOf(panel)).toEqual([]);
    });

    it('checks flow actions at any depth, each at its own path', () => {
        const bad = (id: string) => exec([], [], { id, flowApiName: 'Missing_' + id });
        const doc = docWith({
            type: 'confirm',
            message: 'Sure?',
            onFinish: [bad('a')],
            onCancel: [bad('b')],
            onError: [
                {
                    type: 'openFlowPanel',
                    flowApiName: 'Review_Screen',
                    inputs: [{ name: 'recordId', value: 'x' }],
                    onClose: [bad('c')]
                }
            ]
        });
        const paths = checkFlowContracts(doc, flows).map((p) => p.path);
        expect(paths).toEqual([
            `${AT}.onFinish[0].flowApiName`,
            `${AT}.onError[0].onClose[0].flowApiName`,
            `${AT}.onCancel[0].flowApiName`
        ]);
    });

    it('leaves shapes the validator reports (no flow name, not an object) alone', () => {
        expect(problemsOf({ type: 'executeFlow', id: 'go', flowApiName: '' })).toEqual([]);
        expect(problemsOf({ type: 'executeFlow', id: 'go', flowApiName: 42 })).toEqual([]);
        expect(checkFlowContracts('not a definition', flows)).toEqual([]);
        expect(checkFlowContracts({ interactions: [null, { do: 'x' }, { id: 'a', do: [null, 3] }] }, flows)).toEqual(
            []
        );
        const doc = docWith(
            exec([null, { value: 'no name' }, { name: 'ContactIds', value: '{!x}', dataType: 'Nope' }])
        );
        expect(checkFlowContracts(doc, flows).map((p) => p.code)).toEqual(['COLLECTION_MISMATCH']);
        expect(checkFlowAction(doc, { path: 'x', action: { type: 'showToast' } }, flows)).toEqual([]);
    });
});

describe('c/dcDefinition flow contract: inputs', () => {
    it('reports an input name that differs in case only, a near name and an unknown name', () => {
        expect(problemsOf(exec([{ ...SELECTED_IDS, name: 'contactIds' }]))).toEqual([
            `${AT}.inputs[0].name [UNKNOWN_INPUT]: Flow 'Set_Status' has no input variable 'contactIds'; did you mean 'ContactIds'? Flow variable names are case-sensitive.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'amunt', value: 1, dataType: 'Number' }]))).toEqual([
            `${AT}.inputs[1].name [UNKNOWN_INPUT]: Flow 'Set_Status' has no input variable 'amunt'. Did you mean 'amount'? Fix the name, or add the variable to the flow and make it available for input.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'SelectedIdentifiers', value: 'x' }]))).toEqual([
            `${AT}.inputs[1].name [UNKNOWN_INPUT]: Flow 'Set_Status' has no input variable 'SelectedIdentifiers' (inputs available: 'ContactIds', 'ContactId', 'amount', 'price', 'when', 'contactRecord', 'contactRecords' and 'helper'): fix the name, or add the variable to the flow and make it available for input.`
        ]);
    });

    it('lists "none" when the flow has no inputs', () => {
        expect(problemsOf(exec([{ name: 'anything', value: 'x' }], [], { flowApiName: 'No_Trigger' }))).toEqual([
            `${AT}.inputs[0].name [UNKNOWN_INPUT]: Flow 'No_Trigger' has no input variable 'anything' (inputs available: none): fix the name, or add the variable to the flow and make it available for input.`
        ]);
    });

    it('reports a variable that is not available for input', () => {
        expect(problemsOf(exec([SELECTED_IDS, { name: 'note', value: 'x' }]))).toEqual([
            `${AT}.inputs[1].name [INPUT_NOT_AVAILABLE]: Variable 'note' of flow 'Set_Status' is not available for input: tick "Available for input" on it in Flow Builder, then activate the new version.`
        ]);
    });

    it('reports the "collection" flag against the variable when the mapped value fits', () => {
        expect(problemsOf(exec([{ name: 'ContactIds', value: '{!ids}' }]))).toEqual([
            `${AT}.inputs[0] [COLLECTION_MISMATCH]: Input 'ContactIds' is a single value, but flow variable 'ContactIds' of 'Set_Status' takes a Text collection: add "collection": true to the input (Allow multiple values) and map a collection such as {!<table>.SelectedRowsKeyValue}.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'ContactId', value: '{!t}', collection: true }]))).toEqual([
            `${AT}.inputs[1].collection [COLLECTION_MISMATCH]: Input 'ContactId' is a collection ("collection": true), but flow variable 'ContactId' of 'Set_Status' takes a single Text value: remove "collection": true and map a single value, or make the flow variable a collection.`
        ]);
    });

    it('catches a collection source mapped to a single-value variable, also when the flag was set to agree', () => {
        const wrongFlag = { name: 'ContactId', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true };
        const expected = `${AT}.inputs[1].value [COLLECTION_MISMATCH]: The value {!contactsTable.SelectedRowsKeyValue} of input 'ContactId' is a Text collection, but flow variable 'ContactId' of 'Set_Status' takes a single Text value: map a single value, such as {!<table>.FirstSelectedRow.Id}, or make the flow variable a collection.`;
        expect(problemsOf(exec([SELECTED_IDS, wrongFlag]))).toEqual([expected]);
        const noFlag = { name: 'ContactId', value: '{!contactsTable.SelectedRowsKeyValue}' };
        expect(problemsOf(exec([SELECTED_IDS, noFlag]))).toEqual([expected]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'ContactId', value: ['a', 'b'] }]))).toEqual([
            `${AT}.inputs[1].value [COLLECTION_MISMATCH]: The value ["a","b"] of input 'ContactId' is a Text collection, but flow variable 'ContactId' of 'Set_Status' takes a single Text value: map a single value, such as {!<table>.FirstSelectedRow.Id}, or make the flow variable a collection.`
        ]);
    });

    it('catches a single value mapped to a collection variable (the reverse), with or without the flag', () => {
        const message = (value: string) =>
            `${AT}.inputs[0].value [COLLECTION_MISMATCH]: The value ${value} of input 'ContactIds' is a single Text value, but flow variable 'ContactIds' of 'Set_Status' takes a Text collection: map a collection, such as {!<table>.SelectedRowsKeyValue} or a list [ ... ], with "collection": true.`;
        const first = '{!contactsTable.FirstSelectedRow.Id}';
        expect(problemsOf(exec([{ name: 'ContactIds', value: first, collection: true }]))).toEqual([message(first)]);
        expect(problemsOf(exec([{ name: 'ContactIds', value: first }]))).toEqual([message(first)]);
        expect(problemsOf(exec([{ name: 'ContactIds', value: 'Hello {!t}', collection: true }]))).toEqual([
            message('Hello {!t}')
        ]);
        // a list literal is a collection
        expect(problemsOf(exec([{ name: 'ContactIds', value: ['003A', '003B'], collection: true }]))).toEqual([]);
    });

    it('checks the type of a mapped merge field against the variable', () => {
        const email = { name: 'amount', value: '{!contactsTable.FirstSelectedRow.Email}', dataType: 'Number' };
        expect(problemsOf(exec([SELECTED_IDS, email]))).toEqual([
            `${AT}.inputs[1].value [TYPE_MISMATCH]: The value {!contactsTable.FirstSelectedRow.Email} of input 'amount' is a single Text value, but flow variable 'amount' of 'Set_Status' takes a single Number value: map a value of that type, or change the flow variable's type.`
        ]);
        // the default dataType (Text) agrees with the wrong source: one problem, at the value
        expect(problemsOf(exec([SELECTED_IDS, { name: 'amount', value: '{!t}' }]))).toEqual([
            `${AT}.inputs[1].value [TYPE_MISMATCH]: The value {!t} of input 'amount' is a single Text value, but flow variable 'amount' of 'Set_Status' takes a single Number value: map a value of that type, or change the flow variable's type.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'ContactId', value: '{!n}' }]))).toEqual([
            `${AT}.inputs[1].value [TYPE_MISMATCH]: The value {!n} of input 'ContactId' is a single Number value, but flow variable 'ContactId' of 'Set_Status' takes a single Text value: map a value of that type, or change the flow variable's type.`
        ]);
        // Number and Currency mix; a record of the right object fits
        expect(problemsOf(exec([SELECTED_IDS, { name: 'price', value: '{!n}', dataType: 'Currency' }]))).toEqual([]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'amount', value: '{!money}', dataType: 'Number' }]))).toEqual([]);
        const rows = {
            name: 'contactRecords',
            value: '{!contactsTable.SelectedRows}',
            dataType: 'Record',
            collection: true
        };
        expect(problemsOf(exec([SELECTED_IDS, rows]))).toEqual([]);
        const account = { name: 'contactRecord', value: '{!account}', dataType: 'Record' };
        expect(problemsOf(exec([SELECTED_IDS, account]))).toEqual([
            `${AT}.inputs[1].value [TYPE_MISMATCH]: The value {!account} of input 'contactRecord' is a single Account record, but flow variable 'contactRecord' of 'Set_Status' takes a single Contact record: map a value of that type, or change the flow variable's type.`
        ]);
    });

    it('needs the schema to type a row field: without a catalog it is left to the run', () => {
        const email = { name: 'amount', value: '{!contactsTable.FirstSelectedRow.Email}', dataType: 'Number' };
        expect(problemsOf(exec([SELECTED_IDS, email]), { withCatalog: false })).toEqual([]);
        const userName = { name: 'amount', value: '{!$User.FirstName}', dataType: 'Number' };
        expect(problemsOf(exec([SELECTED_IDS, userName]))).toHaveLength(1);
    });

    it('reports the declared dataType against the variable', () => {
        expect(problemsOf(exec([SELECTED_IDS, { name: 'amount', value: 5 }]))).toEqual([
            `${AT}.inputs[1] [TYPE_MISMATCH]: Input 'amount' is Text (the default dataType), but flow variable 'amount' of 'Set_Status' takes a single Number value: set "dataType": "Number" on the input.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'when', value: true, dataType: 'Boolean' }]))).toEqual([
            `${AT}.inputs[1].dataType [TYPE_MISMATCH]: Input 'when' is Boolean, but flow variable 'when' of 'Set_Status' takes a single Date value: set "dataType": "Date" on the input.`
        ]);
        // a mapped value of the right type with the default dataType still needs the dataType
        expect(problemsOf(exec([SELECTED_IDS, { name: 'amount', value: '{!n}' }]))).toEqual([
            `${AT}.inputs[1] [TYPE_MISMATCH]: Input 'amount' is Text (the default dataType), but flow variable 'amount' of 'Set_Status' takes a single Number value: set "dataType": "Number" on the input.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'helper', value: 'x' }]))).toEqual([
            `${AT}.inputs[1] [TYPE_MISMATCH]: Input 'helper' is Text (the default dataType), but flow variable 'helper' of 'Set_Status' takes a single value: a definition can only pass Text, Number, Currency, Boolean, Date, DateTime or Record values: map another flow variable.`
        ]);
    });

    it('does not type-check what it cannot know: unresolvable references, formulas, null', () => {
        for (const value of ['{!nothing}', '{!contactsTable}', '{!contactsTable.Nope}', '{!t.Name}', 'TODAY()', null]) {
            expect(problemsOf(exec([SELECTED_IDS, { name: 'when', value, dataType: 'Date' }]))).toEqual([]);
        }
        // but a wrong flag is still a wrong flag
        expect(problemsOf(exec([{ name: 'ContactIds', value: '{!nothing}' }])).map((p) => p.split(' ')[0])).toEqual([
            `${AT}.inputs[0]`
        ]);
        // $Error.details is a Text collection, $Record fields are single values
        expect(problemsOf(exec([{ ...SELECTED_IDS, value: '{!$Error.details}' }]))).toEqual([]);
        expect(problemsOf(exec([SELECTED_IDS, { name: 'ContactId', value: '{!$Record.Id}' }]))).toEqual([]);
        expect(problemsOf(exec([{ ...SELECTED_IDS, value: '{!$Record.Id}' }]))).toHaveLength(1);
    });

    it('warns about an input variable without a default value that the action does not set', () => {
        expect(problemsOf(exec([{ name: 'amount', value: 1, dataType: 'Number' }]))).toEqual([
            `${AT}.inputs [REQUIRED_INPUT, warning]: Flow 'Set_Status' has input variable 'ContactIds' (a Text collection) without a default value, and this action does not set it, so the flow gets an empty value: add it to "inputs", or give the variable a default value in the flow.`
        ]);
        const noInputs = { type: 'openFlowDialog', flowApiName: 'Review_Screen' };
        expect(problemsOf(noInputs)).toEqual([
            `${AT} [REQUIRED_INPUT, warning]: Flow 'Review_Screen' has input variable 'recordId' (a single Text value) without a default value, and this action does not set it, so the flow gets an empty value: add it to "inputs", or give the variable a default value in the flow.`
        ]);
        // set in the wrong case: reported once, as the unknown input
        expect(problemsOf(exec([{ ...SELECTED_IDS, name: 'CONTACTIDS' }])).map((p) => p.split(' ')[1])).toEqual([
            '[UNKNOWN_INPUT]:'
        ]);
    });
});

describe('c/dcDefinition flow contract: outputs', () => {
    it('reports unknown outputs (case and near) and variables not available for output', () => {
        expect(problemsOf(exec([SELECTED_IDS], [{ name: 'UpdatedCount', resource: 'n' }]))).toEqual([
            `${AT}.outputs[0].name [UNKNOWN_OUTPUT]: Flow 'Set_Status' has no output variable 'UpdatedCount'; did you mean 'updatedCount'? Flow variable names are case-sensitive.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS], [{ name: 'sumary', resource: 't' }]))).toEqual([
            `${AT}.outputs[0].name [UNKNOWN_OUTPUT]: Flow 'Set_Status' has no output variable 'sumary'. Did you mean 'summary'? Fix the name, or add the variable to the flow and make it available for output.`
        ]);
        expect(problemsOf(exec([SELECTED_IDS], [{ name: 'amount', resource: 'n' }]))).toEqual([
            `${AT}.outputs[0].name [OUTPUT_NOT_AVAILABLE]: Variable 'amount' of flow 'Set_Status' is not available for output: tick "Available for output" on it in Flow Builder, then activate the new version.`
        ]);
    });

    it('checks each output against the variable resource receiving it', () => {
        const outputs = [
            { name: 'updatedCount', resource: 't' },
            { name: 'contacts', resource: 'contact' },
            { name: 'firstContact', resource: 'contactList' },
            { name: 'firstContact', resource: 'account' },
            { name: 'summary', resource: 'ids' },
            { name: 'updatedCount', resource: 'money' },
            { name: 'contacts', resource: 'contactList' },
            { name: 'firstContact', resource: 'contact' },
            { name: 'summary', resource: 'missing' },
            { name: 'summary', resource: 'label' },
            { name: 'summary', resource: 7 }
        ];
        expect(problemsOf(exec([SELECTED_IDS], outputs))).toEqual([
            `${AT}.outputs[0].resource [TYPE_MISMATCH]: Output 'updatedCount' of flow 'Set_Status' is a single Number value, but resource 't' is a single Text value: store it in a variable of the same type.`,
            `${AT}.outputs[1].resource [COLLECTION_MISMATCH]: Output 'contacts' of flow 'Set_Status' is a Contact record collection, but resource 'contact' is a single Contact record: make 'contact' a collection ("isCollection": true) or store the output in a collection variable.`,
            `${AT}.outputs[2].resource [COLLECTION_MISMATCH]: Output 'firstContact' of flow 'Set_Status' is a single Contact record, but resource 'contactList' is a Contact record collection: remove "isCollection": true from 'contactList' or store the output in a single-value variable.`,
            `${AT}.outputs[3].resource [TYPE_MISMATCH]: Output 'firstContact' of flow 'Set_Status' is a single Contact record, but resource 'account' is a single Account record: store it in a variable of the same type.`,
            `${AT}.outputs[4].resource [COLLECTION_MISMATCH]: Output 'summary' of flow 'Set_Status' is a single Text value, but resource 'ids' is a Text collection: remove "isCollection": true from 'ids' or store the output in a single-value variable.`
        ]);
    });
});

describe('c/dcDefinition flow contract in the validator and the parser', () => {
    it('runs after the other checks when flows are given, with line and column from parseDefinition', () => {
        const doc = docWith(exec([{ name: 'amount', value: '{!t}', dataType: 'Number' }]));
        expect(validateDefinition(doc, catalog)).toEqual([]);
        const problems = validateDefinition(doc, catalog, flows);
        expect(problems).toEqual([
            expect.objectContaining({ path: `${AT}.inputs[0].value`, code: 'TYPE_MISMATCH', severity: 'error' }),
            expect.objectContaining({ path: `${AT}.inputs`, code: 'REQUIRED_INPUT', severity: 'warning' })
        ]);
        const parsed = parseDefinition(JSON.stringify(doc, null, 2), catalog, flows);
        expect(parsed.definition).toBeUndefined();
        const located = parsed.problems.find((p) => p.code === 'TYPE_MISMATCH')!;
        expect(located.line).toBeGreaterThan(1);
        expect(JSON.stringify(doc, null, 2).split('\n')[located.line! - 1]).toContain('"value": "{!t}"');
    });

    it('keeps the definition when there are warnings only', () => {
        const doc = docWith(exec([{ name: 'amount', value: 1, dataType: 'Number' }]));
        const parsed = parseDefinition(JSON.stringify(doc), catalog, flows);
        expect(parsed.problems.map((p) => p.severity)).toEqual(['warning']);
        expect(parsed.definition).toEqual(doc);
    });

    it('uses the record page object for {!$Record.*} when the caller knows it', () => {
        const doc = docWith(exec([SELECTED_IDS, { name: 'amount', value: '{!$Record.Email}', dataType: 'Number' }]));
        expect(validateDefinition(doc, catalog, flows)).toEqual([]);
        expect(validateDefinition(doc, catalog, flows, { recordObjectApiName: 'Contact' })).toEqual([
            expect.objectContaining({ path: `${AT}.inputs[1].value`, code: 'TYPE_MISMATCH' })
        ]);
    });
});

describe('c/dcDefinition action walking', () => {
    const doc = docWith(
        { type: 'showToast', title: 'a' },
        exec([], [], { id: 'deep', onFinish: [{ type: 'refreshQueries', onError: [exec([], [], { id: 'deeper' })] }] })
    );
    doc.interactions.push({ id: 'load', on: { event: 'load' }, do: [{ type: 'openFlowDialog', id: 'dlg' }] });

    it('lists every action with its path and interaction', () => {
        expect(walkActions(doc).map((r) => [r.path, r.interactionId])).toEqual([
            ['interactions[0].do[0]', 'run'],
            ['interactions[0].do[1]', 'run'],
            ['interactions[0].do[1].onFinish[0]', 'run'],
            ['interactions[0].do[1].onFinish[0].onError[0]', 'run'],
            ['interactions[1].do[0]', 'load']
        ]);
        expect(flowActions(doc).map((r) => r.path)).toEqual([
            'interactions[0].do[1]',
            'interactions[0].do[1].onFinish[0].onError[0]',
            'interactions[1].do[0]'
        ]);
        expect(walkActions(null)).toEqual([]);
    });

    it('finds an action by interaction id and action id, at any depth', () => {
        expect(findAction(doc, 'run', 'deeper')?.path).toBe('interactions[0].do[1].onFinish[0].onError[0]');
        expect(findAction(doc, 'load', 'dlg')?.interactionIndex).toBe(1);
        expect(findAction(doc, 'load', 'deeper')).toBeUndefined();
        expect(findAction(doc, 'RUN', 'deep')).toBeUndefined();
    });
});

describe('c/dcDefinition flow contract message parts', () => {
    it('phrases value types', () => {
        expect(typePhrase({ dataType: 'Text', isCollection: true })).toBe('a Text collection');
        expect(typePhrase({ dataType: 'Number', isCollection: false })).toBe('a single Number value');
        expect(typePhrase({ dataType: 'Record', isCollection: false, objectApiName: 'Contact' })).toBe(
            'a single Contact record'
        );
        expect(typePhrase({ dataType: 'Record', isCollection: true })).toBe('a SObject record collection');
        expect(typePhrase({ dataType: 'Unknown', isCollection: true })).toBe('a value collection');
    });

    it('words the offline-only problem of a flow file that does not parse', () => {
        expect(flowUnreadable('X')).toBe(
            "Flow 'X' is not well-formed XML, so its type and variables cannot be checked: fix the flow file first (see the flow-schema step)."
        );
    });

    it('shows values as written: merge fields as they are, literals as short JSON', () => {
        expect(shownValue(' {!a.b} ')).toBe('{!a.b}');
        expect(shownValue('plain')).toBe('"plain"');
        expect(shownValue(5)).toBe('5');
        expect(shownValue(undefined)).toBe('undefined');
        expect(shownValue(['a'.repeat(50)])).toBe(`["${'a'.repeat(35)}...`);
    });
});
