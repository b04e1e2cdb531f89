import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FlowParseError, elementsByName, flowNames, loadFlows, parseFlow, parseXmlTree, textOf } from '../flowModel';

const CLEAN = path.join(__dirname, '..', '..', 'verify', 'fixtures', 'clean');

describe('parseXmlTree', () => {
    it('keeps document order, decoded text and 1-based lines', () => {
        const tree = parseXmlTree(
            '<?xml version="1.0"?>\n<!-- c\n -->\n<a>\n  <b>x &amp; y</b><c/>\n  <b><![CDATA[<z>]]></b>\n</a>\n'
        );
        const a = tree.children[0];
        assert.equal(a.tag, 'a');
        assert.equal(a.line, 4);
        assert.deepEqual(
            a.children.map((c) => [c.tag, c.line, c.text]),
            [
                ['b', 5, 'x & y'],
                ['c', 5, ''],
                ['b', 6, '<z>']
            ]
        );
    });

    it('marks xsi:nil elements', () => {
        const tree = parseXmlTree(
            '<a xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><b xsi:nil="true"/><c/></a>'
        );
        assert.deepEqual(
            tree.children[0].children.map((c) => [c.tag, !!c.nil]),
            [
                ['b', true],
                ['c', false]
            ]
        );
    });

    it('throws FlowParseError with the line of malformed XML', () => {
        assert.throws(
            () => parseXmlTree('<Flow>\n  <label>x</label>\n  <status>Active</statuz>\n</Flow>'),
            (e: unknown) => e instanceof FlowParseError && e.line === 3
        );
    });
});

describe('parseFlow', () => {
    const flows = loadFlows(CLEAN);

    it('loads every flow of a project keyed by API name', () => {
        for (const name of [
            'Clean_Contact_Review',
            'Clean_Contact_Review_Orchestration',
            'Clean_Greeting_Screen',
            'Clean_Review_Complete_Check'
        ]) {
            assert.equal(flows.get(name)?.apiName, name);
        }
    });

    it('reads header, start, variables, formulas and elements with lines', () => {
        const f = flows.get('Clean_Contact_Review')!;
        assert.equal(f.label, 'Clean Contact Review');
        assert.equal(f.processType, 'AutoLaunchedFlow');
        assert.equal(f.status, 'Active');
        assert.equal(f.apiVersion, '65.0');
        assert.equal(f.start?.connector, 'Update_Contacts');
        const rid = f.variables.find((v) => v.name === 'recordId')!;
        assert.deepEqual(
            { isInput: rid.isInput, isOutput: rid.isOutput, isCollection: rid.isCollection, dataType: rid.dataType },
            { isInput: true, isOutput: false, isCollection: false, dataType: 'String' }
        );
        assert.ok(rid.line > 1);
        const update = elementsByName(f).get('Update_Contacts')!;
        assert.equal(textOf(update.node, 'object'), 'Contact');
        assert.deepEqual(
            f.formulas.map((x) => x.name),
            ['reviewNote']
        );
        assert.deepEqual(
            f.elements.map((e) => [e.kind, e.name, e.line]),
            [
                ['assignments', 'Record_Failure', 4],
                ['recordUpdates', 'Update_Contacts', 45]
            ]
        );
    });

    it('models a record-triggered orchestration with steps, assignees, conditions and actions', () => {
        const f = flows.get('Clean_Contact_Review_Orchestration')!;
        assert.equal(f.processType, 'Orchestrator');
        assert.deepEqual(f.start && [f.start.object, f.start.triggerType, f.start.recordTriggerType], [
            'Contact',
            'RecordAfterSave',
            'Create'
        ]);
        const [stage] = f.orchestratedStages;
        assert.equal(stage.name, 'Review_Stage');
        assert.equal(stage.exitActionName, 'Clean_Review_Complete_Check');
        assert.equal(stage.exitActionType, 'evaluationFlow');
        assert.deepEqual(
            stage.exitActionInputParameters.map((p) => [p.name, p.value?.value, p.value?.isReference]),
            [['reviewComment', 'Review_Step.Outputs.reviewComment', true]]
        );
        const [review, mark] = stage.stageSteps;
        assert.deepEqual(
            [review.name, review.actionName, review.actionType, review.stepSubtype],
            ['Review_Step', 'Clean_Greeting_Screen', 'stepInteractive', 'InteractiveStep']
        );
        assert.deepEqual(
            review.assignees.map((a) => [a.type, a.value, a.isReference]),
            [['User', 'ownerUsername', true]]
        );
        assert.deepEqual(
            review.inputParameters.map((p) => p.name),
            ['ActionInput__RecordId', 'recordId']
        );
        assert.equal(review.entryConditionLogic, 'and');
        assert.deepEqual(
            mark.entryConditions.map((c) => [
                c.leftValueReference,
                c.operator,
                c.rightValue?.value,
                c.rightValue?.kind
            ]),
            [['Review_Step.Status', 'EqualTo', 'Completed', 'stringValue']]
        );
        assert.equal(mark.actionType, 'stepBackground');
        assert.ok(mark.line > review.line);
    });

    it('collects names of nested elements (screen fields, steps) but not parameter names', () => {
        const screen = flowNames(flows.get('Clean_Greeting_Screen')!);
        assert.ok(screen.has('Comment_Input') && screen.has('Greeting') && screen.has('recordId'));
        assert.ok(!screen.has('BuilderType'));
        const orch = flowNames(flows.get('Clean_Contact_Review_Orchestration')!);
        assert.ok(orch.has('Review_Step') && orch.has('Review_Stage'));
        assert.ok(!orch.has('ActionInput__RecordId'));
    });

    it('takes the API name from the file name and rejects a non-Flow root', () => {
        assert.equal(parseFlow('<Flow><label>x</label></Flow>', '/x/My_Flow.flow-meta.xml').apiName, 'My_Flow');
        assert.throws(() => parseFlow('<CustomObject/>', 'x.flow-meta.xml'), FlowParseError);
    });
});
