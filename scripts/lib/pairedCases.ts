/*
 * Test cases kept the same on two sides (the preview backend's tests and their Apex twin, e.g.
 * preview/__tests__/server-trust.test.ts and ServerInputs_Tests.cls). A test file declares the pairing in a comment:
 *
 *     @paired-cases ST force-app/main/default/classes/ServerInputs_Tests.cls
 *
 * (a case-id prefix and the other file, relative to the project root). Every case id `ST-01`, `ST-02`, … found in
 * one file must appear in the other, and the other file must declare the pairing back. Case ids are written in test
 * names (TypeScript) or in the comment before a test method (Apex, whose method names cannot hold a dash).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from './problems';
import { lineOf } from './problems';
import { listFiles, rel } from './paths';

const MARKER = /@paired-cases\s+([A-Z][A-Z0-9]{0,7})\s+([^\s*]+)/g;
/** Where paired test files may live (fixture projects under scripts/verify/fixtures are never scanned). */
const SCANNED = ['force-app', 'preview', 'scripts'];
const TEST_FILE = /(\.test\.[cm]?[tj]s|_Tests?\.cls|Test\.cls)$/;

interface Declaration {
    file: string;
    line: number;
    prefix: string;
    partner: string;
}

/** First line of each case id `PREFIX-NN` in a text, by id. */
function caseIds(text: string, prefix: string): Map<string, number> {
    const ids = new Map<string, number>();
    for (const m of text.matchAll(new RegExp(`\\b${prefix}-\\d{2,3}\\b`, 'g'))) {
        if (!ids.has(m[0])) ids.set(m[0], lineOf(text, m.index ?? 0));
    }
    return ids;
}

function declarations(root: string): Declaration[] {
    const out: Declaration[] = [];
    for (const dir of SCANNED) {
        for (const file of listFiles(path.join(root, dir), (n) => TEST_FILE.test(n))) {
            const relative = rel(root, file).split(path.sep).join('/');
            if (relative.split('/').includes('fixtures')) continue;
            const text = fs.readFileSync(file, 'utf8');
            for (const m of text.matchAll(MARKER)) {
                out.push({ file: relative, line: lineOf(text, m.index ?? 0), prefix: m[1], partner: m[2] });
            }
        }
    }
    return out;
}

/** Problems of every declared pairing: a missing partner, a one-way declaration, a case id on one side only. */
export function checkPairedCases(root: string): Problem[] {
    const problems: Problem[] = [];
    const all = declarations(root);
    const done = new Set<string>();
    for (const d of all) {
        const partnerPath = path.join(root, d.partner);
        if (!fs.existsSync(partnerPath) || !fs.statSync(partnerPath).isFile()) {
            problems.push({
                file: d.file,
                line: d.line,
                message: `@paired-cases ${d.prefix} names ${d.partner}, which does not exist: give the path of the other side's test file, relative to the project root`
            });
            continue;
        }
        const key = [d.prefix, ...[d.file, d.partner].sort()].join('|');
        if (done.has(key)) continue;
        done.add(key);
        const back = all.some((o) => o.file === d.partner && o.prefix === d.prefix && o.partner === d.file);
        if (!back) {
            problems.push({
                file: d.partner,
                message: `${d.file} pairs its ${d.prefix} cases with this file, but this file does not declare it back: add the comment "@paired-cases ${d.prefix} ${d.file}"`
            });
            // the cases are compared once both sides claim the pairing: one problem for one mistake
            continue;
        }
        const sides = [d.file, d.partner].map((file) => ({
            file,
            ids: caseIds(fs.readFileSync(path.join(root, file), 'utf8'), d.prefix)
        }));
        for (const [side, other] of [
            [sides[0], sides[1]],
            [sides[1], sides[0]]
        ]) {
            if (!side.ids.size) {
                problems.push({
                    file: side.file,
                    message: `pairs ${d.prefix} cases with ${other.file} but names no case id (${d.prefix}-01, ${d.prefix}-02, …): put each case's id in its test name or in the comment before it`
                });
                continue;
            }
            for (const [id, line] of side.ids) {
                if (!other.ids.has(id)) {
                    problems.push({
                        file: side.file,
                        line,
                        message: `case ${id} is tested here but not in ${other.file}: add the same case there with its id, or drop the id here`
                    });
                }
            }
        }
    }
    return problems;
}
