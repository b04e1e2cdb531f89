/*
 * Consistency: the generated Apex test StaticLiteralConformance_Tests (scripts/build/staticLiteralApex.ts) matches the
 * static-literal table it is generated from, so the server runs exactly the cases the client's Jest test runs.
 * Part of the `consistency` step; a project without the table has nothing to check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../../lib/problems';
import { STATIC_LITERAL_TABLE } from '../../lib/staticLiteralCases';
import { renderStaticLiteralApex, STATIC_LITERAL_CLASS, STATIC_LITERAL_META } from '../../build/staticLiteralApex';

const REGENERATE = 'run `npx tsx scripts/build/staticLiteralApex.ts` and commit the class';

/** 1-based line of the first difference between two texts. */
function firstDifference(a: string, b: string): number {
    const left = a.split('\n');
    const right = b.split('\n');
    let i = 0;
    while (i < left.length && i < right.length && left[i] === right[i]) i++;
    return i + 1;
}

export async function checkStaticLiteralApex(root: string): Promise<Problem[]> {
    if (!fs.existsSync(path.join(root, STATIC_LITERAL_TABLE))) return [];
    let expected: string;
    try {
        expected = await renderStaticLiteralApex(root);
    } catch (e) {
        return [
            {
                file: STATIC_LITERAL_TABLE,
                line: 1,
                message: `cannot generate ${path.basename(STATIC_LITERAL_CLASS)}: ${(e as Error).message}`
            }
        ];
    }
    const file = path.join(root, STATIC_LITERAL_CLASS);
    const problems: Problem[] = [];
    if (!fs.existsSync(file)) {
        problems.push({
            file: STATIC_LITERAL_CLASS,
            line: 1,
            message: `is missing: the server side of ${STATIC_LITERAL_TABLE} is generated, ${REGENERATE}`
        });
    } else {
        const actual = fs.readFileSync(file, 'utf8');
        if (actual !== expected) {
            problems.push({
                file: STATIC_LITERAL_CLASS,
                line: firstDifference(actual, expected),
                message: `is stale: it no longer matches ${STATIC_LITERAL_TABLE} (first difference on this line), so client and server would run different cases; ${REGENERATE}`
            });
        }
    }
    const meta = `${file}-meta.xml`;
    if (!fs.existsSync(meta) || fs.readFileSync(meta, 'utf8') !== STATIC_LITERAL_META) {
        problems.push({
            file: `${STATIC_LITERAL_CLASS}-meta.xml`,
            line: 1,
            message: `is missing or not the generated one; ${REGENERATE}`
        });
    }
    return problems;
}
