/*
 * System tools the test suites need beyond npm: Java (apex-ls, PMD) and Chromium (browser tests). On a fresh Debian
 * machine `npm test` installs the missing ones itself when it runs as root (as CI does); otherwise it stops before
 * any suite runs, naming the exact command, so a missing browser never shows up as 14 failed e2e tests.
 */
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export interface SystemTool {
    /** What it is for, in the message. */
    purpose: string;
    /** Debian package providing it. */
    debianPackage: string;
    /** True when the tool is usable. */
    present(): boolean;
}

function onPath(command: string): boolean {
    return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export const CHROMIUM: SystemTool = {
    purpose: 'browser tests (e2e)',
    debianPackage: 'chromium',
    present: () =>
        process.env.CHROMIUM_PATH ? fs.existsSync(process.env.CHROMIUM_PATH) : fs.existsSync('/usr/bin/chromium')
};

export const JAVA: SystemTool = {
    purpose: 'Apex checks (apex-ls, PMD)',
    debianPackage: 'openjdk-17-jre-headless',
    present: () => onPath('java')
};

export function installCommand(tools: SystemTool[]): string {
    return `apt-get update && apt-get install -y ${tools.map((t) => t.debianPackage).join(' ')}`;
}

/**
 * Makes sure every tool is present: installs the missing ones with apt-get when running as root on Debian, else
 * throws an Error whose message is the command to run. `runAsRoot` is injectable for tests.
 */
export function ensureSystemTools(
    tools: SystemTool[],
    options: {
        isRoot?: boolean;
        hasApt?: boolean;
        exec?: (cmd: string, args: string[]) => number;
        log?: (s: string) => void;
    } = {}
): void {
    const missing = tools.filter((t) => !t.present());
    if (!missing.length) return;
    const isRoot = options.isRoot ?? process.getuid?.() === 0;
    const hasApt = options.hasApt ?? onPath('apt-get');
    const log = options.log ?? console.log;
    const exec =
        options.exec ??
        ((cmd: string, args: string[]) =>
            spawnSync(cmd, args, {
                stdio: 'inherit',
                env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
            }).status ?? 1);
    const what = missing.map((t) => `${t.debianPackage} (${t.purpose})`).join(', ');
    if (!isRoot || !hasApt) {
        throw new Error(
            `Missing ${what}. Install ${missing.length > 1 ? 'them' : 'it'} first: ${isRoot ? '' : 'sudo '}${installCommand(missing)}` +
                (missing.includes(CHROMIUM) ? ' (or set CHROMIUM_PATH to a Chromium binary)' : '')
        );
    }
    log(`Installing ${what} from Debian…`);
    if (
        exec('apt-get', ['update', '-qq']) !== 0 ||
        exec('apt-get', ['install', '-y', '-qq', ...missing.map((t) => t.debianPackage)]) !== 0
    ) {
        throw new Error(`apt-get could not install ${what}: see its output above, then run ${installCommand(missing)}`);
    }
    const still = missing.filter((t) => !t.present());
    if (still.length) throw new Error(`${still.map((t) => t.debianPackage).join(', ')} installed but still not found.`);
}
