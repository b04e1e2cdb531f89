/*
 * Flow Orchestration wiring: what a deploy or an activation would reject (or, worse, what would only fail at
 * run time) in the orchestrations (processType Orchestrator) of the checked project, offline:
 *
 *  - every step's flow exists in the project, is Active, and has the process type its step needs:
 *    interactive steps call a screen flow (processType Flow), background steps an autolaunched flow;
 *  - every evaluation flow (step start/completion, stage exit) exists, is Active, is an EvaluationFlow and
 *    has the Boolean, non-collection output variable isOrchestrationConditionMet;
 *  - every step a start condition (or a stage exit condition) names is a step of the same stage;
 *  - every input parameter of a step names an input variable of the called flow (engine inputs
 *    ActionInput__* aside), and every evaluation-flow input names an input variable of the evaluation flow;
 *  - every `Step.Outputs.x` reference names a step of the orchestration and an output variable of its flow;
 *  - interactive steps pass ActionInput__RecordId (the record whose Work Guide shows the work item) and have
 *    an assignee; literal Group / Queue assignees exist in the project's groups/ and queues/; literal User
 *    assignees are usernames, not Ids; Resource assignees reference a resource; background steps have none;
 *  - at most 10 conditions per requirement set, and custom condition logic only uses numbers 1..n.
 *
 * Coverage report (notes): which start conditions, completion conditions and assignee types the interactive
 * steps of the shipped orchestrations use. When the project has config/orchestration-coverage.json (the
 * repo does: the samples must exercise every option), each required kind that no step uses is a problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { lineOfText } from '../../lib/problems';
import { rel, sourceDir } from '../../lib/paths';
import { closest } from '../../../force-app/main/default/lwc/dcDefinition/suggest';
import {
    loadFlows,
    type FlowCondition,
    type FlowModel,
    type FlowOrchestratedStage,
    type FlowParameter,
    type FlowStageStep
} from '../../lib/flowModel';

// ---------------------------------------------------------------------------------------------------
// Coverage vocabulary
// ---------------------------------------------------------------------------------------------------

export const START_KINDS = {
    stageStarts: 'when the stage starts',
    stepCompleted: 'when another step is Completed',
    requirementsMet: 'when requirements are met',
    evaluationFlow: 'when an evaluation flow returns True'
} as const;
export const COMPLETION_KINDS = {
    screenFlowCompleted: 'when the assignee completes the screen flow',
    requirementsMet: 'when requirements are met',
    evaluationFlow: 'when an evaluation flow returns True'
} as const;
export const ASSIGNEE_KINDS = { User: 'User', Group: 'Group', Queue: 'Queue', Resource: 'Resource' } as const;

type StartKind = keyof typeof START_KINDS;
type CompletionKind = keyof typeof COMPLETION_KINDS;
type AssigneeKind = keyof typeof ASSIGNEE_KINDS;

/** The project file that makes full coverage mandatory (relative to the project root). */
export const COVERAGE_CONFIG = 'config/orchestration-coverage.json';

/** Most conditions a requirement set may hold (Flow Builder: "up to 10 requirements"). */
export const MAX_CONDITIONS = 10;

const GLOBAL_PREFIX = /^\$/;
const EVALUATION_ACTION = 'evaluationFlow';

function startKind(step: FlowStageStep): StartKind {
    if (step.entryActionName) return 'evaluationFlow';
    if (!step.entryConditions.length) return 'stageStarts';
    const only = step.entryConditions.length === 1 ? step.entryConditions[0] : undefined;
    if (
        only &&
        /^\w+\.Status$/.test(only.leftValueReference) &&
        only.operator === 'EqualTo' &&
        only.rightValue?.value === 'Completed'
    ) {
        return 'stepCompleted';
    }
    return 'requirementsMet';
}

function completionKind(step: FlowStageStep): CompletionKind {
    if (step.exitActionName) return 'evaluationFlow';
    if (step.exitConditions.length) return 'requirementsMet';
    return 'screenFlowCompleted';
}

// ---------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------

/** Suggestion suffix for a misspelt name, from the shared suggester of the definition validator. */
function didYouMean(word: string, candidates: Iterable<string>): string {
    const near = closest(word, candidates);
    return near !== undefined && near !== word ? ` (did you mean '${near}'?)` : '';
}

function list(items: string[]): string {
    return items.length ? items.join(', ') : 'none';
}

/** Metadata names of a folder (file name up to the first dot), e.g. queues/X.queue-meta.xml → X. */
function metadataNames(root: string, folder: string, suffix: string): Set<string> {
    const dir = path.join(sourceDir(root), folder);
    if (!fs.existsSync(dir)) return new Set();
    return new Set(
        fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(suffix))
            .map((f) => f.slice(0, -suffix.length))
    );
}

interface Context {
    root: string;
    flows: Map<string, FlowModel>;
    groups: Set<string>;
    queues: Set<string>;
    problems: Problem[];
}

/** Names a reference in the orchestration may start with: its variables, formulas, constants, text templates. */
function resourceNames(flow: FlowModel): Set<string> {
    return new Set([...flow.variables, ...flow.formulas, ...flow.constants, ...flow.textTemplates].map((r) => r.name));
}

// ---------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------

function checkLogic(
    ctx: Context,
    file: string,
    where: string,
    logic: string | undefined,
    conditions: FlowCondition[],
    line: number,
    what: string
): void {
    if (conditions.length > MAX_CONDITIONS) {
        ctx.problems.push({
            file,
            line: conditions[MAX_CONDITIONS].line,
            message: `${where}: ${conditions.length} ${what} conditions; an orchestration allows at most ${MAX_CONDITIONS} requirements per set: move some into an evaluation flow`
        });
    }
    if (!logic || /^(and|or)$/i.test(logic)) return;
    const numbers = [...logic.matchAll(/\d+/g)].map((m) => Number(m[0]));
    const bad = numbers.filter((n) => n < 1 || n > conditions.length);
    if (bad.length) {
        ctx.problems.push({
            file,
            line,
            message: `${where}: ${what} condition logic '${logic}' refers to condition ${bad.join(', ')}, but there ${conditions.length === 1 ? 'is 1 condition' : `are ${conditions.length} conditions`}: number the conditions 1..${conditions.length}`
        });
    }
}

/**
 * Conditions naming a step (`Step.Status`, `Step.Outputs.x`) must name a step of the same stage: the engine
 * only evaluates sibling steps, and Flow Builder only offers them.
 */
function checkConditionSteps(
    ctx: Context,
    file: string,
    where: string,
    conditions: FlowCondition[],
    stage: FlowOrchestratedStage,
    stepStage: Map<string, string>,
    resources: Set<string>,
    self?: string
): void {
    const siblings = stage.stageSteps.map((s) => s.name);
    for (const c of conditions) {
        const first = c.leftValueReference.split('.')[0];
        if (!first || GLOBAL_PREFIX.test(first) || resources.has(first)) continue;
        if (first === self) {
            ctx.problems.push({
                file,
                line: c.line,
                message: `${where}: condition on ${c.leftValueReference} refers to the step itself; a step cannot wait for its own status`
            });
        } else if (stepStage.has(first) && stepStage.get(first) !== stage.name) {
            ctx.problems.push({
                file,
                line: c.line,
                message: `${where}: condition on ${c.leftValueReference} names step ${first} of stage ${stepStage.get(first)}, not of stage ${stage.name}; a condition can only name steps of its own stage (${list(siblings)})`
            });
        } else if (!stepStage.has(first)) {
            ctx.problems.push({
                file,
                line: c.line,
                message: `${where}: condition on ${c.leftValueReference} names '${first}', which is no step of stage ${stage.name} (${list(siblings)}) and no resource of the orchestration${didYouMean(first, [...siblings, ...resources])}`
            });
        }
    }
}

/** Input parameters must name input variables of the called flow (engine inputs ActionInput__* aside). */
function checkInputs(ctx: Context, file: string, where: string, params: FlowParameter[], target: FlowModel): void {
    const inputs = target.variables.filter((v) => v.isInput).map((v) => v.name);
    for (const p of params) {
        if (p.name.startsWith('ActionInput__')) continue;
        if (inputs.includes(p.name)) continue;
        const v = target.variables.find((x) => x.name === p.name);
        ctx.problems.push({
            file,
            line: p.line,
            message: v
                ? `${where}: input parameter '${p.name}' is a variable of ${target.apiName} that is not available for input: set isInput to true on it`
                : `${where}: input parameter '${p.name}' is not an input variable of ${target.apiName} (inputs: ${list(inputs)})${didYouMean(p.name, inputs)}`
        });
    }
}

function checkEvaluationFlow(
    ctx: Context,
    file: string,
    where: string,
    name: string,
    type: string | undefined,
    params: FlowParameter[],
    line: number
): void {
    if (type !== EVALUATION_ACTION) {
        ctx.problems.push({
            file,
            line,
            message: `${where}: action type '${type ?? '(none)'}' for ${name}; an evaluation flow is called with action type ${EVALUATION_ACTION}`
        });
    }
    const target = ctx.flows.get(name);
    if (!target) {
        ctx.problems.push({
            file,
            line,
            message: `${where}: evaluation flow ${name} is not in the project${didYouMean(
                name,
                [...ctx.flows.values()].filter((f) => f.processType === 'EvaluationFlow').map((f) => f.apiName)
            )}: add force-app/main/default/flows/${name}.flow-meta.xml (processType EvaluationFlow)`
        });
        return;
    }
    if (target.processType !== 'EvaluationFlow') {
        ctx.problems.push({
            file,
            line,
            message: `${where}: ${name} has processType ${target.processType ?? '(none)'}, not EvaluationFlow; only evaluation flows can decide whether a step starts or completes or a stage ends`
        });
    }
    const met = target.variables.find((v) => v.name === 'isOrchestrationConditionMet');
    if (!met || met.dataType !== 'Boolean' || met.isCollection || !met.isOutput) {
        ctx.problems.push({
            file,
            line,
            message: `${where}: evaluation flow ${name} does not output isOrchestrationConditionMet as a Boolean (${met ? `it is ${met.dataType}${met.isCollection ? ' collection' : ''}${met.isOutput ? '' : ', not available for output'}` : 'no such variable'}): add a Boolean variable isOrchestrationConditionMet with isOutput true`
        });
    }
    if (target.status !== 'Active')
        ctx.problems.push({
            file,
            line,
            message: `${where}: evaluation flow ${name} is ${target.status ?? 'without status'}; it must be Active before the orchestration can be activated`
        });
    checkInputs(ctx, file, where, params, target);
}

function checkStepFlow(ctx: Context, file: string, where: string, step: FlowStageStep): FlowModel | undefined {
    const expected =
        step.actionType === 'stepInteractive'
            ? 'Flow'
            : step.actionType === 'stepBackground'
              ? 'AutoLaunchedFlow'
              : undefined;
    if (!expected) {
        if (step.actionType !== 'stepMuleSoft') {
            ctx.problems.push({
                file,
                line: step.line,
                message: `${where}: action type '${step.actionType ?? '(none)'}'; an orchestration step is stepInteractive (screen flow) or stepBackground (autolaunched flow)`
            });
        }
        return undefined;
    }
    const kind = expected === 'Flow' ? 'screen flow' : 'autolaunched flow';
    if (!step.actionName) {
        ctx.problems.push({
            file,
            line: step.line,
            message: `${where}: no actionName; name the ${kind} the step runs`
        });
        return undefined;
    }
    const target = ctx.flows.get(step.actionName);
    if (!target) {
        const candidates = [...ctx.flows.values()].filter((f) => f.processType === expected).map((f) => f.apiName);
        ctx.problems.push({
            file,
            line: step.line,
            message: `${where}: ${kind} ${step.actionName} is not in the project${didYouMean(step.actionName, candidates)}: add force-app/main/default/flows/${step.actionName}.flow-meta.xml`
        });
        return undefined;
    }
    if (target.processType !== expected) {
        ctx.problems.push({
            file,
            line: step.line,
            message: `${where}: ${step.actionName} has processType ${target.processType ?? '(none)'}, but ${step.actionType === 'stepInteractive' ? 'an interactive' : 'a background'} step runs ${kind === 'screen flow' ? 'a screen flow' : 'an autolaunched flow'} (processType ${expected})`
        });
    }
    if (target.status !== 'Active') {
        ctx.problems.push({
            file,
            line: step.line,
            message: `${where}: ${step.actionName} is ${target.status ?? 'without status'}; the ${kind} a step calls must be Active`
        });
    }
    return target;
}

function checkAssignees(ctx: Context, file: string, where: string, step: FlowStageStep, resources: Set<string>): void {
    if (step.actionType === 'stepBackground') {
        for (const a of step.assignees)
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: a background step has no assignee; remove <assignees>`
            });
        return;
    }
    if (!step.assignees.length) {
        ctx.problems.push({
            file,
            line: step.line,
            message: `${where}: an interactive step needs an assignee (User, Group, Queue or Resource)`
        });
    }
    for (const a of step.assignees) {
        if (!(a.type in ASSIGNEE_KINDS)) {
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: assignee type '${a.type}'; use User, Group, Queue or Resource`
            });
            continue;
        }
        if (a.isReference) {
            const first = a.value.split('.')[0];
            if (!GLOBAL_PREFIX.test(first) && !resources.has(first) && !/\.Outputs\./.test(a.value)) {
                ctx.problems.push({
                    file,
                    line: a.line,
                    message: `${where}: assignee references '${a.value}', which is no resource of the orchestration${didYouMean(first, resources)}`
                });
            }
            continue;
        }
        if (a.type === 'Resource') {
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: a Resource assignee must reference a variable or formula (<elementReference>), not the literal '${a.value}'`
            });
        } else if (a.type === 'Group' && !ctx.groups.has(a.value)) {
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: Group assignee '${a.value}' is not in the project${didYouMean(a.value, ctx.groups)}: add force-app/main/default/groups/${a.value}.group-meta.xml (the value is the group's developer name)`
            });
        } else if (a.type === 'Queue' && !ctx.queues.has(a.value)) {
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: Queue assignee '${a.value}' is not in the project${didYouMean(a.value, ctx.queues)}: add force-app/main/default/queues/${a.value}.queue-meta.xml (the value is the queue's developer name)`
            });
        } else if (a.type === 'User' && !a.value.includes('@')) {
            ctx.problems.push({
                file,
                line: a.line,
                message: `${where}: User assignee '${a.value}' is not a username; User assignees are usernames (user@example.com), not Ids or names — usernames differ per org, so prefer a reference such as a formula on $Record.Owner.Username`
            });
        }
    }
}

/** `Step.Outputs.x` references anywhere in the orchestration name a step and an output variable of its flow. */
function checkOutputReferences(ctx: Context, flow: FlowModel, file: string, steps: Map<string, FlowStageStep>): void {
    const text = fs.readFileSync(flow.file, 'utf8');
    const seen = new Set<string>();
    for (const m of text.matchAll(/>\s*(\w+)\.Outputs\.(\w+)\s*</g)) {
        const [, stepName, output] = m;
        const key = `${stepName}.Outputs.${output}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const line = lineOfText(text, key);
        const step = steps.get(stepName);
        if (!step) {
            ctx.problems.push({
                file,
                line,
                message: `${flow.apiName}: ${key} names '${stepName}', which is no step of the orchestration${didYouMean(stepName, steps.keys())}`
            });
            continue;
        }
        const target = step.actionName ? ctx.flows.get(step.actionName) : undefined;
        if (!target) continue; // reported with the step
        const outputs = target.variables.filter((v) => v.isOutput).map((v) => v.name);
        if (!outputs.includes(output)) {
            ctx.problems.push({
                file,
                line,
                message: `${flow.apiName}: ${key}: '${output}' is not an output variable of ${target.apiName} (outputs: ${list(outputs)})${didYouMean(output, outputs)}; set isOutput on the variable or fix the name`
            });
        }
    }
}

interface Coverage {
    start: Map<StartKind, string[]>;
    completion: Map<CompletionKind, string[]>;
    assignees: Map<AssigneeKind, string[]>;
    background: string[];
    stageExit: Map<string, string[]>;
}

function checkOrchestration(ctx: Context, flow: FlowModel, coverage: Coverage): void {
    const file = rel(ctx.root, flow.file);
    const resources = resourceNames(flow);
    const stepStage = new Map<string, string>();
    const steps = new Map<string, FlowStageStep>();
    for (const stage of flow.orchestratedStages) {
        for (const step of stage.stageSteps) {
            stepStage.set(step.name, stage.name);
            steps.set(step.name, step);
        }
    }
    for (const stage of flow.orchestratedStages) {
        const stageWhere = `${flow.apiName} › stage ${stage.name}`;
        checkLogic(ctx, file, stageWhere, stage.exitConditionLogic, stage.exitConditions, stage.line, 'exit');
        checkConditionSteps(ctx, file, `${stageWhere} exit`, stage.exitConditions, stage, stepStage, resources);
        if (stage.exitActionName) {
            checkEvaluationFlow(
                ctx,
                file,
                `${stageWhere} exit`,
                stage.exitActionName,
                stage.exitActionType,
                stage.exitActionInputParameters,
                stage.line
            );
        }
        const exitKind = stage.exitActionName
            ? 'evaluation flow'
            : stage.exitConditions.length
              ? 'requirements'
              : 'all steps completed';
        coverage.stageExit.set(exitKind, [
            ...(coverage.stageExit.get(exitKind) ?? []),
            `${flow.apiName}.${stage.name}`
        ]);
        for (const step of stage.stageSteps) {
            const where = `${flow.apiName} › ${stage.name} › step ${step.name}`;
            const target = checkStepFlow(ctx, file, where, step);
            if (target) checkInputs(ctx, file, where, step.inputParameters, target);
            checkAssignees(ctx, file, where, step, resources);
            checkLogic(ctx, file, where, step.entryConditionLogic, step.entryConditions, step.line, 'start');
            checkLogic(ctx, file, where, step.exitConditionLogic, step.exitConditions, step.line, 'completion');
            checkConditionSteps(
                ctx,
                file,
                `${where} start`,
                step.entryConditions,
                stage,
                stepStage,
                resources,
                step.name
            );
            checkConditionSteps(
                ctx,
                file,
                `${where} completion`,
                step.exitConditions,
                stage,
                stepStage,
                resources,
                step.name
            );
            if (step.entryActionName) {
                checkEvaluationFlow(
                    ctx,
                    file,
                    `${where} start`,
                    step.entryActionName,
                    step.entryActionType,
                    step.entryActionInputParameters,
                    step.line
                );
            }
            if (step.exitActionName) {
                checkEvaluationFlow(
                    ctx,
                    file,
                    `${where} completion`,
                    step.exitActionName,
                    step.exitActionType,
                    step.exitActionInputParameters,
                    step.line
                );
            }
            const id = `${flow.apiName}.${step.name}`;
            if (step.actionType === 'stepBackground') {
                coverage.background.push(id);
                continue;
            }
            if (step.actionType !== 'stepInteractive') continue;
            const recordId = step.inputParameters.find((p) => p.name === 'ActionInput__RecordId');
            if (!recordId?.value?.value) {
                ctx.problems.push({
                    file,
                    line: step.line,
                    message: `${where}: interactive step without ActionInput__RecordId: the work item has no related record, so no Work Guide shows it (and activation fails); add <inputParameters><name>ActionInput__RecordId</name><value><elementReference>$Record.Id</elementReference></value></inputParameters>`
                });
            }
            const sk = startKind(step);
            coverage.start.set(sk, [...(coverage.start.get(sk) ?? []), id]);
            const ck = completionKind(step);
            coverage.completion.set(ck, [...(coverage.completion.get(ck) ?? []), id]);
            for (const a of step.assignees) {
                if (a.type in ASSIGNEE_KINDS) {
                    const k = a.type as AssigneeKind;
                    coverage.assignees.set(k, [...(coverage.assignees.get(k) ?? []), id]);
                }
            }
        }
    }
    checkOutputReferences(ctx, flow, file, steps);
}

// ---------------------------------------------------------------------------------------------------
// Coverage report
// ---------------------------------------------------------------------------------------------------

interface CoverageConfig {
    start?: string[];
    completion?: string[];
    assignees?: string[];
}

function coverageSection<K extends string>(title: string, kinds: Record<K, string>, used: Map<K, string[]>): string[] {
    return [
        `${title}:`,
        ...(Object.keys(kinds) as K[]).map((k) => {
            const steps = used.get(k) ?? [];
            return `  ${steps.length ? '✓' : '✗'} ${kinds[k]} (${k}): ${steps.length ? steps.join(', ') : 'not used'}`;
        })
    ];
}

function requireCoverage(root: string, coverage: Coverage, problems: Problem[]): void {
    const file = path.join(root, COVERAGE_CONFIG);
    if (!fs.existsSync(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    let config: CoverageConfig;
    try {
        config = JSON.parse(text) as CoverageConfig;
    } catch (e) {
        problems.push({ file: COVERAGE_CONFIG, message: `not valid JSON: ${(e as Error).message}` });
        return;
    }
    const sections: [keyof CoverageConfig, Record<string, string>, Map<string, string[]>, string][] = [
        ['start', START_KINDS, coverage.start, 'start condition'],
        ['completion', COMPLETION_KINDS, coverage.completion, 'completion condition'],
        ['assignees', ASSIGNEE_KINDS, coverage.assignees, 'assignee type']
    ];
    for (const [key, kinds, used, what] of sections) {
        for (const k of config[key] ?? []) {
            const line = lineOfText(text, `"${k}"`);
            if (!(k in kinds)) {
                problems.push({
                    file: COVERAGE_CONFIG,
                    line,
                    message: `unknown ${what} '${k}' in "${key}"; known: ${Object.keys(kinds).join(', ')}${didYouMean(k, Object.keys(kinds))}`
                });
            } else if (!used.get(k)?.length) {
                problems.push({
                    file: COVERAGE_CONFIG,
                    line,
                    message: `coverage gap: no interactive step of the project's orchestrations uses the ${what} '${kinds[k]}' (${k}); add a step that does, or drop it from ${COVERAGE_CONFIG}`
                });
            }
        }
    }
}

const check: Check = {
    id: 'orchestration',
    title: 'Flow Orchestration wiring and coverage',
    async run({ root }) {
        const flows = loadFlows(root);
        const orchestrations = [...flows.values()]
            .filter((f) => f.processType === 'Orchestrator')
            .sort((a, b) => a.apiName.localeCompare(b.apiName));
        const ctx: Context = {
            root,
            flows,
            groups: metadataNames(root, 'groups', '.group-meta.xml'),
            queues: metadataNames(root, 'queues', '.queue-meta.xml'),
            problems: []
        };
        const coverage: Coverage = {
            start: new Map(),
            completion: new Map(),
            assignees: new Map(),
            background: [],
            stageExit: new Map()
        };
        for (const flow of orchestrations) checkOrchestration(ctx, flow, coverage);
        requireCoverage(root, coverage, ctx.problems);
        const notes = orchestrations.length
            ? [
                  `orchestrations: ${orchestrations.map((f) => `${f.apiName} (${f.start?.object ? `record-triggered on ${f.start.object}` : 'autolaunched'})`).join(', ')}`,
                  ...coverageSection('start conditions of interactive steps', START_KINDS, coverage.start),
                  ...coverageSection(
                      'completion conditions of interactive steps',
                      COMPLETION_KINDS,
                      coverage.completion
                  ),
                  ...coverageSection('assignee types', ASSIGNEE_KINDS, coverage.assignees),
                  `background steps: ${list(coverage.background)}`,
                  `stage exits: ${list([...coverage.stageExit].map(([k, v]) => `${k} (${v.join(', ')})`))}`
              ]
            : ['no orchestrations (processType Orchestrator) in this project'];
        return {
            problems: ctx.problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
            notes
        };
    }
};

export default check;
