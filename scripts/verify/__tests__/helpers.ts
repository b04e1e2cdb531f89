import * as path from 'node:path';
import { formatProblem } from '../../lib/problems';
import { loadChecks } from '../registry';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Runs one check (by id) on a fixture project and returns its problems as `file:line: message` lines. */
export async function problemsOf(checkId: string, fixture: string): Promise<string[]> {
    const check = loadChecks().find((c) => c.id === checkId);
    if (!check) throw new Error(`no check with id ${checkId}`);
    const result = await check.run({ root: path.join(FIXTURES, fixture) });
    return result.problems.map(formatProblem);
}

/** Every line in `problems` that matches `pattern`. */
export function matching(problems: string[], pattern: RegExp): string[] {
    return problems.filter((p) => pattern.test(p));
}
