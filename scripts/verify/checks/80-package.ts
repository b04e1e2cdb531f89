/*
 * Deployability smoke: `sf project convert source` of the whole package, plus what convert does not
 * check (it "successfully" converts a bundle without .js and silently drops a class without -meta.xml):
 * every LWC bundle has its compiled .js and no .ts reaches the package, every class/trigger has its
 * -meta.xml, and every component's apiVersion matches sourceApiVersion.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { lineOfText } from '../../lib/problems';
import { BIN, listFiles, rel, sourceDir } from '../../lib/paths';
import { run } from '../../lib/proc';

function sourceApiVersion(root: string): string | undefined {
    const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion?: string;
    };
    return project.sourceApiVersion;
}

function shapeProblems(root: string, apiVersion: string | undefined): Problem[] {
    const problems: Problem[] = [];
    const src = sourceDir(root);
    for (const file of listFiles(src, (n) => /\.(cls|trigger)$/.test(n))) {
        if (!fs.existsSync(`${file}-meta.xml`)) {
            problems.push({
                file: rel(root, file),
                message: `no ${path.basename(file)}-meta.xml: sf would silently leave this class out of the package; add one with <apiVersion>${apiVersion}</apiVersion>`
            });
        }
    }
    const lwcDir = path.join(src, 'lwc');
    if (fs.existsSync(lwcDir)) {
        for (const bundle of fs.readdirSync(lwcDir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
            const main = path.join(lwcDir, bundle.name, `${bundle.name}.js`);
            if (!fs.existsSync(path.join(lwcDir, bundle.name, `${bundle.name}.js-meta.xml`))) {
                problems.push({
                    file: rel(root, path.join(lwcDir, bundle.name)),
                    message: `LWC bundle ${bundle.name} has no ${bundle.name}.js-meta.xml`
                });
            }
            if (!fs.existsSync(main)) {
                problems.push({
                    file: rel(root, main),
                    message: `LWC bundle ${bundle.name} has no compiled ${bundle.name}.js: run npm run build (the org cannot run ${bundle.name}.ts)`
                });
            }
        }
    }
    if (!apiVersion) {
        problems.push({
            file: 'sfdx-project.json',
            message: 'sourceApiVersion is not set: sf would call the network to pick one; set it (e.g. "65.0")'
        });
        return problems;
    }
    for (const file of listFiles(src, (n) => n.endsWith('-meta.xml'))) {
        const xml = fs.readFileSync(file, 'utf8');
        const m = /<apiVersion>([^<]+)<\/apiVersion>/.exec(xml);
        // Only the first apiVersion belongs to the component itself (flows may nest none; packages none).
        if (m && m[1].trim() !== apiVersion && !file.includes(`${path.sep}flows${path.sep}`)) {
            problems.push({
                file: rel(root, file),
                line: lineOfText(xml, '<apiVersion>'),
                message: `apiVersion ${m[1].trim()} differs from sourceApiVersion ${apiVersion}: keep every component on ${apiVersion}`
            });
        }
        if (m && file.includes(`${path.sep}flows${path.sep}`) && Number(m[1]) > Number(apiVersion)) {
            problems.push({
                file: rel(root, file),
                line: lineOfText(xml, '<apiVersion>'),
                message: `flow apiVersion ${m[1].trim()} is newer than sourceApiVersion ${apiVersion}`
            });
        }
    }
    return problems;
}

const check: Check = {
    id: 'package',
    title: 'Package: sf project convert source + bundle/meta/API checks',
    async run({ root }) {
        const apiVersion = sourceApiVersion(root);
        const problems = shapeProblems(root, apiVersion);
        // Outside the project: converting into a folder of the project itself drops the components.
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dc-mdapi-'));
        const r = await run(path.join(BIN, 'sf'), ['project', 'convert', 'source', '--output-dir', out], { cwd: root });
        if (r.code !== 0) {
            problems.push({
                file: 'sfdx-project.json',
                message: `sf project convert source failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`
            });
        } else {
            for (const leaked of listFiles(out, (n) => n.endsWith('.ts'))) {
                problems.push({
                    file: path.relative(out, leaked),
                    message: 'a TypeScript source reached the deploy package: add **/*.ts to .forceignore'
                });
            }
        }
        const notes = r.code === 0 ? [`sf converted ${listFiles(out).length} files`] : [];
        fs.rmSync(out, { recursive: true, force: true });
        return { problems, notes };
    }
};
export default check;
