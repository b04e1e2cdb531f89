import { spawn } from 'node:child_process';

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** Environment every Salesforce tool runs with: no telemetry, no update checks, no colour. */
export const QUIET_ENV: NodeJS.ProcessEnv = {
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_HIDE_RELEASE_NOTES: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    SF_DISABLE_LOG_FILE: 'true',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    FORCE_COLOR: '0'
};

/** Runs a command, capturing its output; never throws for a non-zero exit. */
export function run(
    cmd: string,
    args: string[],
    opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; inherit?: boolean } = {}
): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, {
            cwd: opts.cwd,
            env: { ...process.env, ...QUIET_ENV, ...opts.env },
            stdio: opts.inherit ? 'inherit' : ['pipe', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
        if (opts.input !== undefined) child.stdin?.end(opts.input);
        else child.stdin?.end();
    });
}
