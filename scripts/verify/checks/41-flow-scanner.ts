/*
 * Flow best practices with Lightning Flow Scanner core 6.6.0 (offline; the newer 6.19 does not install
 * from this registry mirror). Only a curated rule set runs — the defaults also include naming,
 * description, API-version and "inactive flow" rules that are style or release decisions, not defects
 * (see /work/shared/reference/static.md): this set gave 0 false positives on good flows.
 *
 * Structural problems (unknown elements, dangling connectors, bad enum values) are NOT found here: the
 * scanner silently drops what it does not understand. That is the flow-schema step's job.
 */
import * as path from 'node:path';
import * as lfs from '@flow-scanner/lightning-flow-scanner-core';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { rel } from '../../lib/paths';
import { flowFiles } from '../../lib/flowModel';

/** Rules that run; every finding is an error. */
export const FLOW_SCANNER_RULES = [
    'DMLStatementInLoop',
    'SOQLQueryInLoop',
    'ActionCallsInLoop',
    'HardcodedId',
    'HardcodedUrl',
    'MissingFaultPath',
    'UnconnectedElement',
    'UnusedVariable',
    'RecursiveAfterUpdate',
    'UnsafeRunningContext',
    'DuplicateDMLOperation'
] as const;

/** What to do about each finding (the scanner's own descriptions are long paragraphs). */
const FIX: Record<string, string> = {
    DMLStatementInLoop: 'collect the records in the loop and do one Create/Update/Delete Records after it',
    SOQLQueryInLoop: 'query once before the loop (Get Records with an In filter) and use the collection',
    ActionCallsInLoop: 'call the action once with a collection after the loop, if it supports bulk input',
    HardcodedId: 'record Ids differ per org: pass the Id in, or look it up with Get Records',
    HardcodedUrl: 'build the URL from $Api/$Organization or a custom setting/metadata instead of a literal',
    MissingFaultPath: 'add a fault connector that handles the error (e.g. store $Flow.FaultMessage)',
    UnconnectedElement: 'connect the element or delete it',
    UnusedVariable: 'use the resource or delete it',
    RecursiveAfterUpdate:
        'an after-save update of $Record re-triggers the flow: use a before-save flow or an entry condition',
    UnsafeRunningContext: 'system mode without sharing exposes all records: run in user or system-with-sharing mode',
    DuplicateDMLOperation:
        'a screen after a DML element lets the user go back and repeat it: disable Back or move the DML'
};

const check: Check = {
    id: 'flow-scanner',
    title: 'Flow best practices (Lightning Flow Scanner)',
    async run({ root }) {
        const files = flowFiles(root).map((f) => path.resolve(f));
        if (!files.length) return { problems: [], notes: ['no flows found'] };
        const parsed = await lfs.parse(files);
        const problems: Problem[] = [];
        const notes: string[] = [];
        for (const p of parsed) {
            if (p.errorMessage)
                problems.push({
                    file: rel(root, p.uri),
                    line: 1,
                    message: `Flow Scanner could not parse the flow: ${p.errorMessage}`
                });
        }
        const rules = Object.fromEntries(FLOW_SCANNER_RULES.map((r) => [r, { severity: 'error' }]));
        const results = lfs.scan(
            parsed.filter((p) => p.flow && !p.errorMessage),
            { rules }
        );
        for (const result of results) {
            const file = rel(root, result.flow.fsPath ?? result.flow.uri ?? result.flow.name ?? 'flow');
            for (const rr of result.ruleResults) {
                // A rule that crashes on a structurally broken flow (e.g. no <start>) is a note: the
                // flow-schema step reports the structure itself.
                if (rr.errorMessage)
                    notes.push(`${file}: Flow Scanner rule ${rr.ruleName} could not run: ${rr.errorMessage}`);
                if (!rr.occurs) continue;
                const def = rr.ruleDefinition;
                for (const d of rr.details) {
                    problems.push({
                        file,
                        line: d.lineNumber || 1,
                        message: `${rr.ruleName}: ${def.label} at ${d.type} '${d.name}': ${FIX[rr.ruleName] ?? def.description}`
                    });
                }
            }
        }
        return {
            notes,
            problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
        };
    }
};

export default check;
