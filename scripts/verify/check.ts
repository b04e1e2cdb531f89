import type { Problem } from '../lib/problems';

/** What a check is given: the root of the SFDX project to check (the repo, or a fixture project). */
export interface CheckContext {
    root: string;
}

export interface CheckResult {
    problems: Problem[];
    /** Extra lines printed under the step (e.g. a coverage report); never failures. */
    notes?: string[];
}

/** One step of `npm run verify`. Checks never throw for bad input: they return problems. */
export interface Check {
    /** Short id used on the command line: `npm run verify -- --only flow-schema`. */
    id: string;
    title: string;
    run(ctx: CheckContext): Promise<CheckResult>;
}
