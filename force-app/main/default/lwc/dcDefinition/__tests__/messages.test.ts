/*
 * The wording of definition problems lives in messages.ts (issue #12: one place for messages). This test reads the
 * validator's modules as text and fails when one of them hands ctx.error / ctx.warn (or this.error / this.warn in
 * the Checker) a string or template literal as the message instead of calling a function of messages.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

const DIR = path.join(__dirname, '..');

// messages.ts itself is where the literals live.
const EXEMPT = new Set(['messages.ts']);

// A call whose first argument (a path: names, strings, template literals, calls) is followed by a literal message.
const FIRST_ARG = String.raw`(?:[^,()\`'"]|\`[^\`]*\`|'[^']*'|"[^"]*"|\([^()]*\))*`;
const LITERAL_MESSAGE = new RegExp(String.raw`\b(?:ctx|this)\.(?:error|warn)\(\s*${FIRST_ARG},\s*[\`'"]`, 'g');
const ANY_CALL = /\b(?:ctx|this)\.(?:error|warn)\(/g;

function modules(): string[] {
    return fs
        .readdirSync(DIR)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .sort();
}

function lineOf(src: string, index: number): number {
    return src.slice(0, index).split('\n').length;
}

describe('messages in one place', () => {
    it('recognises a literal message, across lines and after a template-literal path', () => {
        const samples = [
            "ctx.error(path, `Field '${f}' is listed twice.`);",
            'ctx.warn(`${p}.name`,\n    "The name is taken.");',
            "this.error(childPath(path, key), 'Unknown property.');"
        ];
        for (const s of samples) expect(s.match(LITERAL_MESSAGE)).toHaveLength(1);
        const fine = ['ctx.error(`${path}.fields`, queryWithoutFields(label));', 'ctx.error(p, problem);'];
        for (const s of fine) expect(s.match(LITERAL_MESSAGE)).toBeNull();
    });

    it('no module under dcDefinition passes a literal message to ctx.error / ctx.warn', () => {
        const offenders: string[] = [];
        let calls = 0;
        for (const file of modules()) {
            if (EXEMPT.has(file)) continue;
            const src = fs.readFileSync(path.join(DIR, file), 'utf8');
            calls += (src.match(ANY_CALL) ?? []).length;
            for (const m of src.matchAll(LITERAL_MESSAGE)) {
                offenders.push(`${file}:${lineOf(src, m.index ?? 0)}: ${m[0].replace(/\s+/g, ' ')}`);
            }
        }
        // The modules do report problems; a scan that finds no call at all would be looking in the wrong place.
        expect(calls).toBeGreaterThan(50);
        expect(offenders).toEqual([]);
    });
});
