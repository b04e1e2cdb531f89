#!/usr/bin/env node
/*
 * Entry point of `npm test`, `npm start` and the other top-level commands. On a fresh clone it installs
 * the dependencies first (npm ci), then runs the TypeScript script named on the command line with tsx.
 * Plain CommonJS on purpose: it must run before anything is installed.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const env = {
    ...process.env,
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NPM_CONFIG_FUND: 'false',
    NPM_CONFIG_AUDIT: 'false'
};

function installed() {
    const lock = path.join(root, 'package-lock.json');
    const marker = path.join(root, 'node_modules', '.package-lock.json');
    if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'tsx')) || !fs.existsSync(marker)) return false;
    // Re-install when the lockfile changed after the last install.
    return fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs - 1000;
}

/** Stops before anything else when this Node is older than package.json's engines.node (">=X.Y"). */
function checkNodeVersion() {
    const wanted = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
    const minimum = /^>=\s*(\d+)(?:\.(\d+))?/.exec(wanted);
    if (!minimum) return;
    const [major, minor] = process.versions.node.split('.').map(Number);
    const needMajor = Number(minimum[1]);
    const needMinor = Number(minimum[2] ?? 0);
    if (major < needMajor || (major === needMajor && minor < needMinor)) {
        console.error(
            `This project needs Node.js ${needMajor}.${needMinor} or later; this is Node.js ${process.versions.node}.`
        );
        process.exit(1);
    }
}

checkNodeVersion();
const [script, ...args] = process.argv.slice(2);
if (!script) {
    console.error('usage: node scripts/bootstrap.cjs <script.ts> [args...]');
    process.exit(2);
}
if (!installed()) {
    console.log('Installing dependencies (npm ci)…');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
    if (r.status !== 0) {
        console.error('npm ci failed: see the output above. The npm registry must be reachable for the first install.');
        process.exit(r.status || 1);
    }
}
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const r = spawnSync(tsx, [path.join(root, script), ...args], { cwd: root, stdio: 'inherit', env });
process.exit(r.status === null ? 1 : r.status);
