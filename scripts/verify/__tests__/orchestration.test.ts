import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import check from '../checks/50-orchestration';
import { FIXTURES, matching, problemsOf } from './helpers';

const ORCH = 'force-app/main/default/flows/Fx_Orchestration.flow-meta.xml';

/** Asserts exactly `patterns.length` problems, each pattern matching exactly one of them. */
function expectExactly(problems: string[], patterns: RegExp[]): void {
    for (const p of patterns) assert.equal(matching(problems, p).length, 1, `${p}\n---\n${problems.join('\n')}`);
    assert.equal(problems.length, patterns.length, problems.join('\n'));
}

test('orchestration: a step whose screen flow or background flow is not in the project fails, with a did-you-mean', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-missing-flow'), [
        new RegExp(
            `^${ORCH}:19: .*step Review: screen flow Fx_Review_Scren is not in the project \\(did you mean 'Fx_Review_Screen'\\?\\)`
        ),
        /step Update: autolaunched flow Fx_Missing_Background is not in the project/
    ]);
});

test('orchestration: the wrong process type for the step kind and an inactive flow fail', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-flow-type'), [
        /step Review: Fx_Background has processType AutoLaunchedFlow, but an interactive step runs a screen flow \(processType Flow\)/,
        /step Update: Fx_Review_Screen has processType Flow, but a background step runs an autolaunched flow \(processType AutoLaunchedFlow\)/,
        /step Approve: Fx_Draft_Screen is Draft; the screen flow a step calls must be Active/
    ]);
});

test('orchestration: an evaluation flow that is no EvaluationFlow or lacks the Boolean isOrchestrationConditionMet fails', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-evaluation-flow'), [
        /stage Stage_One exit: evaluation flow Fx_Bad_Check does not output isOrchestrationConditionMet as a Boolean \(it is String\)/,
        /step Review start: Fx_Background has processType AutoLaunchedFlow, not EvaluationFlow/,
        /step Review start: evaluation flow Fx_Background does not output isOrchestrationConditionMet as a Boolean \(no such variable\)/
    ]);
});

test('orchestration: a start condition naming a step of another stage, or no step, fails', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-step-other-stage'), [
        /Stage_Two › step Approve start: condition on Review\.Status names step Review of stage Stage_One, not of stage Stage_Two/,
        /Stage_Two › step Update start: condition on Aprove\.Status names 'Aprove', which is no step of stage Stage_Two .*did you mean 'Approve'/
    ]);
});

test('orchestration: an input parameter that is no input variable of the called flow fails (step and evaluation flow)', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-unknown-input'), [
        /step Review: input parameter 'recordID' is not an input variable of Fx_Review_Screen \(inputs: recordId\) \(did you mean 'recordId'\?\)/,
        /step Review completion: input parameter 'contactId' is not an input variable of Fx_Check/
    ]);
});

test('orchestration: Step.Outputs.x naming an output the step flow does not have fails', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-step-outputs'), [
        /Review\.Outputs\.note: 'note' is not an output variable of Fx_Review_Screen \(outputs: notes\) \(did you mean 'notes'\?\)/
    ]);
});

test('orchestration: Group and Queue assignees missing from the project and a User Id instead of a username fail', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-assignee-missing'), [
        /step Review: Group assignee 'Fx_Grup' is not in the project \(did you mean 'Fx_Group'\?\)/,
        /step Approve: Queue assignee 'Fx_Missing_Queue' is not in the project/,
        /step Sign: User assignee '005000000000001AAA' is not a username/
    ]);
});

test('orchestration: an interactive step without ActionInput__RecordId fails', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-no-record-id'), [
        /step Review: interactive step without ActionInput__RecordId/
    ]);
});

test('orchestration: more than 10 requirements and custom logic naming a missing condition fail', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-too-many-conditions'), [
        /step Review: 11 start conditions; an orchestration allows at most 10 requirements per set/,
        /step Review: start condition logic '1 AND 12' refers to condition 12, but there are 11 conditions/
    ]);
});

test('orchestration: with config/orchestration-coverage.json, unused kinds and unknown kinds fail', async () => {
    expectExactly(await problemsOf('orchestration', 'orchestration-coverage-gap'), [
        /^config\/orchestration-coverage\.json:\d+: coverage gap: .*start condition 'when an evaluation flow returns True' \(evaluationFlow\)/,
        /^config\/orchestration-coverage\.json:\d+: coverage gap: .*assignee type 'Queue'/,
        /^config\/orchestration-coverage\.json:\d+: unknown assignee type 'Role'/
    ]);
});

test('orchestration: the coverage report lists what the orchestrations use and what they do not', async () => {
    const result = await check.run({ root: path.join(FIXTURES, 'orchestration-coverage-gap') });
    const notes = result.notes ?? [];
    assert.ok(
        notes.some((n) => /✓ when the stage starts \(stageStarts\): Fx_Orchestration\.Review/.test(n)),
        notes.join('\n')
    );
    assert.ok(
        notes.some((n) => /✗ when an evaluation flow returns True \(evaluationFlow\): not used/.test(n)),
        notes.join('\n')
    );
    assert.ok(
        notes.some((n) => /✓ User \(User\): Fx_Orchestration\.Review/.test(n)),
        notes.join('\n')
    );
});

test('orchestration: the clean fixture has no problems', async () => {
    assert.deepEqual(await problemsOf('orchestration', 'clean'), []);
});
