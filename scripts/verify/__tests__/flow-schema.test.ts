import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { problemsOf } from './helpers';

const DIR = 'force-app/main/default/flows';

async function expectOne(problems: string[], file: string, line: number, pattern: RegExp): Promise<void> {
    const hits = problems.filter((p) => p.startsWith(`${DIR}/${file}:${line}: `) && pattern.test(p));
    assert.equal(hits.length, 1, `expected ${file}:${line} ${pattern} in\n${problems.join('\n')}`);
}

test('flow-schema: structure errors of an autolaunched flow, each at its line', async () => {
    const p = await problemsOf('flow-schema', 'flow-schema-errors');
    const f = 'Broken_Update.flow-meta.xml';
    await expectOne(p, f, 12, /unknown element <recordUpdatez> in Flow .*did you mean <recordUpdates>/);
    await expectOne(p, f, 21, /dangling connector .*'Does_Not_Exist' is not an element of this flow/);
    await expectOne(p, f, 25, /bad value 'Inside' for <operator> .*not a FlowRecordFilterOperator/);
    await expectOne(p, f, 27, /unknown reference 'missingVar' in <elementReference>/);
    await expectOne(p, f, 32, /element <loops> is out of order in Flow: it must come before <recordUpdates>/);
    await expectOne(p, f, 48, /missing required <dataType> in Flow\/variables\[contactIds\]/);
    await expectOne(p, f, 8, /unknown merge field \{!ghostName\} in <expression>/);
    assert.equal(p.filter((x) => x.includes(f)).length, 7, p.join('\n'));
});

test('flow-schema: orchestration errors (steps, assignees, stage order, start connector)', async () => {
    const p = await problemsOf('flow-schema', 'flow-schema-errors');
    const f = 'Broken_Orchestration.flow-meta.xml';
    await expectOne(p, f, 18, /<exitConditionLogic> is out of order .*before <exitConditions>/);
    await expectOne(p, f, 19, /missing required <entryConditionLogic> .*stageSteps\[Approve_Step\]/);
    await expectOne(p, f, 27, /bad value 'Person' for <assigneeType>.*allowed: User, Group, Queue/);
    await expectOne(p, f, 32, /unknown reference 'Prepare_Step\.Outputs\.recordId'/);
    await expectOne(p, f, 36, /bad value 'maybe' for <requiresAsyncProcessing>.*true or false/);
    await expectOne(p, f, 37, /unknown element <stageName> .*not a field of FlowStageStep/);
    await expectOne(p, f, 46, /dangling connector in Flow\/start\/connector: 'Missing_Stage'/);
    assert.equal(p.filter((x) => x.includes(f)).length, 7, p.join('\n'));
});

test('flow-schema: an evaluation flow without isOrchestrationConditionMet; malformed XML with its line', async () => {
    const p = await problemsOf('flow-schema', 'flow-schema-errors');
    await expectOne(
        p,
        'Broken_Evaluation.flow-meta.xml',
        2,
        /EvaluationFlow must have a Boolean.*isOrchestrationConditionMet/
    );
    await expectOne(p, 'Not_Well_Formed.flow-meta.xml', 6, /not a valid Flow XML file: Expected closing tag 'status'/);
});

test('flow-schema: the clean fixture (autolaunched, screen, evaluation, orchestration) has no problems', async () => {
    assert.deepEqual(await problemsOf('flow-schema', 'clean'), []);
});
