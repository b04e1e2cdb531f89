/*
 * What the preview backend takes from the browser (docs/CONTRACTS.md "What the server takes from the browser"):
 * the same refusal cases as the Apex ServerInputs_Tests — forged Id, Id outside the query, too many rows, empty
 * selection with requiresSelection, forged $User bind, server-derived input sent by the browser, stored null,
 * missing permission — each refused with its code before anything runs.
 * Each case id (ST-nn) appears here and in the Apex tests; the consistency gate step fails when one is on one side only.
 * @paired-cases ST force-app/main/default/classes/ServerInputs_Tests.cls
 */
import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { cleanup, contactDefinition, flowXml, makeProject, type Fixture } from './helpers';
import { ServiceError, toServiceError } from '../backend/errors';

/** A Text in, Text out flow: echo = text. */
const TEXT_ECHO = flowXml(`
    <variables><name>text</name><dataType>String</dataType><isCollection>false</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>
    <variables><name>echo</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput></variables>
    <assignments><name>First</name><label>First</label><locationX>0</locationX><locationY>0</locationY>
        <assignmentItems><assignToReference>echo</assignToReference><operator>Assign</operator><value><elementReference>text</elementReference></value></assignmentItems></assignments>`);

const fixtures: Fixture[] = [];
after(() => fixtures.forEach(cleanup));

const ECHO_OUTPUTS = [
    { name: 'echoNames', resource: 'names' },
    { name: 'doubledAmount', resource: 'n' }
];

/** A board whose table shows only New contacts, allows 2 selected rows, and whose header action needs a selection. */
function board(
    inputs: unknown[],
    extra: Record<string, unknown> = {},
    session?: { canCustomize?: boolean; permissions?: readonly string[] },
    flow: 'DC_Test_Echo' | 'DC_Text_Echo' = 'DC_Test_Echo'
) {
    const def = contactDefinition('Trust', {
        where: { conditions: [{ field: 'Status__c', operator: 'equals', value: 'New' }] }
    });
    def.resources = [
        { name: 'n', kind: 'variable', dataType: 'Number' },
        { name: 'names', kind: 'variable', dataType: 'Text', isCollection: true },
        { name: 't', kind: 'variable', dataType: 'Text' },
        { name: 'two', kind: 'constant', dataType: 'Number', value: 2 }
    ];
    const table = (def.components as Record<string, unknown>[])[0];
    table.maxRowSelection = 2;
    table.headerActions = [{ name: 'echo', label: 'Echo', requiresSelection: true }];
    table.rowActions = [{ name: 'echoRow', label: 'Echo' }];
    const flowAction = (id: string) => ({
        type: 'executeFlow',
        id,
        flowApiName: flow,
        inputs,
        outputs: flow === 'DC_Test_Echo' ? ECHO_OUTPUTS : [{ name: 'echo', resource: 't' }],
        ...extra
    });
    def.interactions = [
        {
            id: 'header',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'echo' },
            do: [flowAction('run')]
        },
        {
            id: 'row',
            on: { event: 'rowActionClick', target: 'contactsTable', action: 'echoRow' },
            do: [flowAction('runRow')]
        }
    ];
    if (flow === 'DC_Text_Echo') {
        // an ActionRow input belongs in the row interaction only, the others in the header one
        const unused = inputs.some(isActionRow) ? 0 : 1;
        (def.interactions as { do: unknown[] }[])[unused].do = [{ type: 'showToast', id: 'noop', title: 'Hi' }];
    }
    const f = makeProject({
        definitions: { Trust: def },
        repoFlows: ['DC_Test_Echo'],
        flows: { DC_Text_Echo: TEXT_ECHO }
    });
    fixtures.push(f);
    const problems = f.backend.controller
        .getDefinition({ definitionName: 'Trust' })
        .problems.filter((p) => p.severity === 'error');
    assert.deepEqual(problems, [], 'the test definition is valid');
    const contacts = f.backend.store.all('Contact');
    const newIds = contacts.filter((c) => c.Status__c === 'New').map((c) => c.Id);
    const otherIds = contacts.filter((c) => c.Status__c !== 'New').map((c) => c.Id);
    const run = (
        context: Record<string, unknown>,
        inputs: Record<string, unknown> = {},
        where: 'header' | 'row' = 'header'
    ) =>
        f.backend.controller.executeFlow(
            {
                definitionName: 'Trust',
                interactionId: where,
                actionId: where === 'header' ? 'run' : 'runRow',
                inputsJson: JSON.stringify(inputs),
                contextJson: JSON.stringify(context)
            },
            session
        );
    return { f, newIds, otherIds, run };
}

function isActionRow(input: unknown): boolean {
    return String((input as { value?: unknown }).value).includes('.ActionRow.');
}

const selectedKeys = { name: 'names', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true };

test('ST-01 selection inputs are re-read on the server: the selected Ids, in order, only rows of the query', () => {
    const { newIds, run } = board([selectedKeys]);
    const ok = run({ selection: { contactsTable: [newIds[1], newIds[0]] } });
    assert.deepEqual(ok, {
        success: true,
        outputs: { echoNames: [newIds[1], newIds[0]], doubledAmount: null },
        error: null
    });
});

test('ST-02 a forged Id and an Id outside the query are refused (ROW_NOT_AVAILABLE), nothing runs', () => {
    const { newIds, otherIds, run } = board([selectedKeys]);
    const forged = run({ selection: { contactsTable: [newIds[0], '003zzzzzzzzzzzzAAA'] } });
    assert.equal(forged.error?.code, 'ROW_NOT_AVAILABLE');
    assert.deepEqual(forged.error?.details, ['003zzzzzzzzzzzzAAA']);
    const outside = run({ selection: { contactsTable: [otherIds[0]] } });
    assert.equal(outside.error?.code, 'ROW_NOT_AVAILABLE');
    assert.match(outside.error!.message, /is not a row its query 'contacts' shows you/);
    assert.throws(() => run({ selection: { contactsTable: ['not an id'] } }), /must be a record Id/);
});

test('ST-03 / ST-04 more rows than maxRowSelection: TOO_MANY_ROWS; an empty selection with requiresSelection: SELECTION_REQUIRED', () => {
    const { newIds, run } = board([selectedKeys]);
    const tooMany = run({ selection: { contactsTable: newIds.slice(0, 3) } });
    assert.equal(tooMany.error?.code, 'TOO_MANY_ROWS');
    assert.match(tooMany.error!.message, /^3 rows are selected in table 'contactsTable', which allows at most 2\./);
    assert.equal(run({ selection: { contactsTable: [] } }).error?.code, 'SELECTION_REQUIRED');
    assert.equal(run({}).error?.code, 'SELECTION_REQUIRED');
});

test('ST-05 ActionRow and FirstSelectedRow fields come from the re-read row, never from the browser', () => {
    const { f, newIds, otherIds, run } = board(
        [{ name: 'text', value: '{!contactsTable.ActionRow.Email}' }],
        {},
        undefined,
        'DC_Text_Echo'
    );
    const withEmail = newIds.find((id) => f.backend.store.get('Contact', id)!.Email)!;
    const row = f.backend.store.get('Contact', withEmail)!;
    assert.deepEqual(run({ actionRowId: withEmail }, {}, 'row').outputs, { echo: row.Email });
    assert.equal(run({ actionRowId: otherIds[0] }, {}, 'row').error?.code, 'ROW_NOT_AVAILABLE');
    assert.equal(run({}, {}, 'row').error?.code, 'INVALID_REQUEST');
    // the browser cannot send the value itself
    const sent = run({ actionRowId: newIds[0] }, { text: 'forged' }, 'row');
    assert.equal(sent.error?.code, 'NOT_ALLOWED');
    assert.match(sent.error!.message, /takes its value from the server/);
    const first = board(
        [{ name: 'text', value: '{!contactsTable.FirstSelectedRow.Email}' }],
        {},
        undefined,
        'DC_Text_Echo'
    );
    const second = first.newIds.filter((id) => first.f.backend.store.get('Contact', id)!.Email)[1];
    assert.deepEqual(first.run({ selection: { contactsTable: [second, first.newIds[0]] } }).outputs, {
        echo: first.f.backend.store.get('Contact', second)!.Email
    });
});

test('ST-06 $User, constants, statics and stored nulls come from the server; only computed values from the browser', () => {
    const user = board([{ name: 'text', value: '{!$User.LastName}' }], {}, undefined, 'DC_Text_Echo');
    const sel = { selection: { contactsTable: [user.newIds[0]] } };
    assert.deepEqual(user.run(sel).outputs, { echo: 'Preview' });
    assert.equal(user.run(sel, { text: 'Someone Else' }).error?.code, 'NOT_ALLOWED');
    const { newIds, run } = board([selectedKeys, { name: 'amount', value: '{!two}', dataType: 'Number' }]);
    const sel2 = { selection: { contactsTable: [newIds[0]] } };
    assert.deepEqual(run(sel2).outputs, { echoNames: [newIds[0]], doubledAmount: 4 });
    assert.equal(run(sel2, { amount: 50 }).error?.code, 'NOT_ALLOWED');
    const stored = board([{ name: 'text', value: null }], {}, undefined, 'DC_Text_Echo');
    const nullSel = { selection: { contactsTable: [stored.newIds[0]] } };
    // a stored null never takes the browser's value: it is refused, and without it the flow's default applies
    assert.equal(stored.run(nullSel, { text: 'forged' }).error?.code, 'NOT_ALLOWED');
    assert.deepEqual(stored.run(nullSel).outputs, { echo: null });
    const statics = board([{ name: 'text', value: 'TODAY()' }], {}, undefined, 'DC_Text_Echo');
    assert.deepEqual(statics.run({ selection: { contactsTable: [statics.newIds[0]] } }).outputs, { echo: 'TODAY()' });
    const computed = board([{ name: 'amount', value: '={!n} + 1', dataType: 'Number' }]);
    assert.equal(
        computed.run({ selection: { contactsTable: [computed.newIds[0]] } }, { amount: 20 }).outputs.doubledAmount,
        40
    );
});

test('ST-07 a forged $User bind is ignored: the running user decides the query', () => {
    const def = contactDefinition('Mine', {
        where: { conditions: [{ field: 'LastName', operator: 'equals', value: '{!$User.LastName}' }] }
    });
    const f = makeProject({ definitions: { Mine: def } });
    fixtures.push(f);
    const someone = f.backend.store.all('Contact')[0].LastName;
    const r = f.backend.controller.runQuery({
        definitionName: 'Mine',
        queryName: 'contacts',
        requestJson: JSON.stringify({ binds: { '1': someone }, withCount: true })
    });
    assert.equal(r.totalCount, 0, 'no contact is called Preview; the forged bind does not widen the list');
});

test('ST-08 an action with requiredPermission runs only for a caller holding it, checked before anything else', () => {
    const perm = { requiredPermission: 'Dynamic_Component_Builder' };
    const admin = board([selectedKeys], perm);
    assert.equal(admin.run({ selection: { contactsTable: [admin.newIds[0]] } }).success, true);
    const user = board([selectedKeys], perm, { canCustomize: false });
    const refused = user.run({ selection: { contactsTable: ['003zzzzzzzzzzzzAAA'] } });
    assert.equal(refused.error?.code, 'NOT_ALLOWED');
    assert.deepEqual(refused.error, {
        code: 'NOT_ALLOWED',
        message:
            "You need the custom permission 'Dynamic_Component_Builder' to run this action. Ask your admin to assign a permission set that grants it.",
        details: ['Action: run']
    });
    // an admin session without the permission (a profile grants no custom permission) is refused the same way
    const admin2 = board([selectedKeys], perm, { canCustomize: true, permissions: [] });
    assert.equal(admin2.run({ selection: { contactsTable: [admin2.newIds[0]] } }).error?.code, 'NOT_ALLOWED');
});

test('ST-09 a malformed run context is INVALID_REQUEST, never a crash', () => {
    const { f } = board([selectedKeys]);
    for (const contextJson of [
        '{',
        '[1]',
        '{"selection":[1]}',
        '{"selection":{"contactsTable":"x"}}',
        '{"selection":{"contactsTable":[5]}}',
        '{"recordId":5}',
        '{"actionRowId":"not an id"}'
    ]) {
        assert.throws(
            () =>
                f.backend.controller.executeFlow({
                    definitionName: 'Trust',
                    interactionId: 'header',
                    actionId: 'run',
                    contextJson
                }),
            (e: { code?: string }) => e.code === 'INVALID_REQUEST',
            contextJson
        );
    }
});

test('ST-10 an unexpected failure reaches an end user as a generic message with a reference, an admin with its text', () => {
    const logged: string[] = [];
    const crash = new TypeError('internal detail: row 42');
    const forUser = toServiceError(crash, { canCustomize: false }, (line) => logged.push(line));
    assert.equal(forUser.code, 'UNEXPECTED');
    const m = /^Something went wrong\. Ask your admin to look up reference ([0-9a-f]{12}) in the debug log\.$/.exec(
        forUser.message
    );
    assert.ok(m, forUser.message);
    assert.deepEqual(forUser.details, [`Reference: ${m[1]}`], 'the details carry the same reference');
    assert.doesNotMatch(JSON.stringify(forUser.toJSON()), /internal detail/, 'never the internal text');
    assert.match(logged[0], new RegExp(`^Dynamic Components error ${m[1]}: TypeError: internal detail: row 42`));
    const forAdmin = toServiceError(crash, { canCustomize: true });
    assert.equal(forAdmin.code, 'UNEXPECTED');
    assert.match(forAdmin.message, /^internal detail: row 42 \(reference [0-9a-f]{12}\)$/);
    assert.deepEqual(forAdmin.details, ['TypeError']);
    const known = new ServiceError('TYPE_MISMATCH', 'Bad value', ['detail']);
    assert.equal(toServiceError(known, { canCustomize: false }), known, 'a service error keeps its code and text');
});
