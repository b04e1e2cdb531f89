/*
 * Apex (and metadata XML) security rules with Salesforce Code Analyzer v5, driven through its core
 * library: the `sf code-analyzer` plugin cannot be installed from this registry mirror, and the sf CLI
 * needs Node 22. Engine: PMD (Java 17) with the `Security` selector — ApexSOQLInjection,
 * ApexCRUDViolation, ApexSharingViolations, ApexXSS*, ApexOpenRedirect, hard-coded credentials,
 * insecure remote sites / connected apps, … Any violation fails the step.
 *
 * Speed (the slowest step): PMD is two JVM launches (describe the rules, then run them).
 *  - only the languages that have Security rules are loaded (apex, xml), CPD is disabled;
 *  - the JVMs run with C1 only and the serial GC (JAVA_TOOL_OPTIONS), which suits short runs:
 *    ~4 s instead of ~15 s on 2 shared cores.
 * PMD silently skips Apex it cannot parse: syntax errors are caught by the format and apex-ls steps.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@salesforce/code-analyzer-core';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { rel } from '../../lib/paths';

const FAST_JVM = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto';

/** The project's package directories (force-app when sfdx-project.json does not say). */
function packageDirs(root: string): string[] {
    try {
        const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
            packageDirectories?: { path: string }[];
        };
        const dirs = (project.packageDirectories ?? [])
            .map((d) => path.join(root, d.path))
            .filter((d) => fs.existsSync(d));
        if (dirs.length) return dirs;
    } catch {
        // fall through to the default
    }
    return [path.join(root, 'force-app')].filter((d) => fs.existsSync(d));
}

const check: Check = {
    id: 'apex-security',
    title: 'Apex security rules (Code Analyzer PMD, Security)',
    async run({ root }) {
        const targets = packageDirs(root);
        if (!targets.length) return { problems: [], notes: ['no package directory found'] };

        const config = core.CodeAnalyzerConfig.fromObject({
            config_root: root,
            log_folder: os.tmpdir(),
            engines: { pmd: { rule_languages: ['apex', 'xml'] }, cpd: { disable_engine: true } }
        });
        const analyzer = new core.CodeAnalyzer(config);
        const errors: string[] = [];
        const collect = (e: { logLevel: core.LogLevel; message: string }): void => {
            if (e.logLevel <= core.LogLevel.Error) errors.push(e.message);
        };
        analyzer.onEvent<core.LogEvent>(core.EventType.LogEvent, collect);
        analyzer.onEvent<core.EngineLogEvent>(core.EventType.EngineLogEvent, collect);
        const savedJto = process.env.JAVA_TOOL_OPTIONS;
        process.env.JAVA_TOOL_OPTIONS = `${savedJto ?? ''} ${FAST_JVM}`.trim();
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const pmd = require('@salesforce/code-analyzer-pmd-engine') as {
                createEnginePlugin(): Parameters<core.CodeAnalyzer['addEnginePlugin']>[0];
            };
            await analyzer.addEnginePlugin(pmd.createEnginePlugin());
            const workspace = await analyzer.createWorkspace(targets);
            const selection = await analyzer.selectRules(['Security'], { workspace });
            const results = await analyzer.run(selection, { workspace });
            const problems: Problem[] = [];
            for (const v of results.getViolations()) {
                const loc = v.getCodeLocations()[v.getPrimaryLocationIndex()];
                const file = loc.getFile();
                problems.push({
                    file: file ? rel(root, file) : 'force-app',
                    line: loc.getStartLine() ?? 1,
                    message: `${v.getRule().getName()}: ${v.getMessage().trim()} (PMD Security${v.getResourceUrls()[0] ? `, see ${v.getResourceUrls()[0]}` : ''})`
                });
            }
            if (errors.length)
                problems.push({
                    file: 'force-app',
                    line: 1,
                    message: `Code Analyzer reported errors: ${errors.join(' | ').slice(0, 500)}`
                });
            return { problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)) };
        } finally {
            if (savedJto === undefined) delete process.env.JAVA_TOOL_OPTIONS;
            else process.env.JAVA_TOOL_OPTIONS = savedJto;
        }
    }
};

export default check;
