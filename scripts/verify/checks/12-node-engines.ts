/*
 * Node version truth: the minimum Node the project states (package.json `engines.node`) must satisfy every
 * installed package's own `engines.node` (package-lock.json), and README's "Requirements: Node.js X" line
 * must state that same minimum. A package that wants a newer Node than we say would print EBADENGINE on
 * `npm ci` and may fail at run time; the fix is an override to a release that supports our Node, or a new
 * stated minimum. A project without a package.json has nothing to check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { lineOfText } from '../../lib/problems';

interface LockFile {
    packages?: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
}

const README_REQUIREMENT = /Node\.js (\d+(?:\.\d+){0,2})(\+| or later)/;

function readJson<T>(file: string): T | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
    } catch {
        return undefined;
    }
}

/** Problems of the lock file's packages whose engines.node rejects `minimum`. */
function lockProblems(lockPath: string, lockText: string, lock: LockFile, minimum: string): Problem[] {
    const problems: Problem[] = [];
    for (const [key, entry] of Object.entries(lock.packages ?? {})) {
        const wanted = !key || Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        if (!wanted) continue;
        const range = semver.validRange(wanted);
        const name = key.replace(/^.*node_modules\//, '');
        if (!range) {
            problems.push({
                file: lockPath,
                line: lineOfText(lockText, `"${key}"`),
                message: `${name}@${entry.version} declares engines.node '${wanted}', which is not a version range`
            });
        } else if (!semver.satisfies(minimum, range)) {
            problems.push({
                file: lockPath,
                line: lineOfText(lockText, `"${key}"`),
                message: `${name}@${entry.version} wants Node '${wanted}' but the project says Node ${minimum} is enough: override it to a release that supports Node ${minimum}, or raise engines.node`
            });
        }
    }
    return problems;
}

const check: Check = {
    id: 'node-engines',
    title: 'Node version: engines, README and every dependency agree',
    async run({ root }) {
        const pkgText = fs.existsSync(path.join(root, 'package.json'))
            ? fs.readFileSync(path.join(root, 'package.json'), 'utf8')
            : undefined;
        if (pkgText === undefined) return { problems: [] };
        const pkg = readJson<{ engines?: { node?: string } }>(path.join(root, 'package.json'));
        const stated = pkg?.engines?.node;
        const range = stated ? semver.validRange(stated) : null;
        const minimum = range ? semver.minVersion(range)?.version : undefined;
        if (!minimum) {
            return {
                problems: [
                    {
                        file: 'package.json',
                        line: lineOfText(pkgText, '"engines"'),
                        message: `engines.node is ${stated ? `'${stated}', not a version range` : 'missing'}: state the lowest Node the project supports, e.g. ">=20.19"`
                    }
                ]
            };
        }
        const problems: Problem[] = [];
        const lockText = fs.existsSync(path.join(root, 'package-lock.json'))
            ? fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')
            : undefined;
        const lock = lockText === undefined ? undefined : readJson<LockFile>(path.join(root, 'package-lock.json'));
        if (!lock || !lockText) {
            problems.push({
                file: 'package-lock.json',
                message: 'no readable package-lock.json: commit the lock file'
            });
        } else {
            problems.push(...lockProblems('package-lock.json', lockText, lock, minimum));
        }
        const readmeText = fs.existsSync(path.join(root, 'README.md'))
            ? fs.readFileSync(path.join(root, 'README.md'), 'utf8')
            : '';
        const said = README_REQUIREMENT.exec(readmeText);
        const saidVersion = said ? semver.coerce(said[1])?.version : undefined;
        if (!said || saidVersion !== minimum) {
            problems.push({
                file: 'README.md',
                line: said ? lineOfText(readmeText, said[0]) : 1,
                message: said
                    ? `README says ${said[0]} but engines.node '${stated}' starts at ${minimum}: make them agree`
                    : `README does not state the Node version: add "Requirements: Node.js ${minimum} or later"`
            });
        }
        return { problems };
    }
};

export default check;
