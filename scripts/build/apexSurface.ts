/*
 * Reads the @AuraEnabled surface of the project's Apex classes (class, method, parameters, return type)
 * so that (1) the build can generate TypeScript declarations for `@salesforce/apex/*` imports and
 * (2) verify can check LWC imports against it. A small, purpose-built reader: it strips comments and
 * strings, then matches annotated method headers. Apex syntax itself is checked by the Apex steps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, sourceDir } from '../lib/paths';
import { lineOf } from '../lib/problems';

export interface ApexParam {
    name: string;
    type: string;
}

export interface AuraMethod {
    className: string;
    name: string;
    params: ApexParam[];
    returnType: string;
    isStatic: boolean;
    cacheable: boolean;
    file: string;
    line: number;
}

export interface ApexClassInfo {
    name: string;
    file: string;
    /** Every method name declared in the class (any visibility), lower-cased. */
    methodNames: Set<string>;
    auraMethods: AuraMethod[];
}

/** Replaces comments and string literal contents with spaces, keeping offsets (and so line numbers). */
export function blankCommentsAndStrings(src: string): string {
    let out = '';
    let i = 0;
    while (i < src.length) {
        const c = src[i];
        const n = src[i + 1];
        if (c === '/' && n === '/') {
            while (i < src.length && src[i] !== '\n') {
                out += ' ';
                i++;
            }
        } else if (c === '/' && n === '*') {
            out += '  ';
            i += 2;
            while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) {
                out += src[i] === '\n' ? '\n' : ' ';
                i++;
            }
            out += '  ';
            i += 2;
        } else if (c === "'") {
            out += "'";
            i++;
            while (i < src.length && src[i] !== "'") {
                if (src[i] === '\\') {
                    out += ' ';
                    i++;
                }
                out += src[i] === '\n' ? '\n' : ' ';
                i++;
            }
            out += "'";
            i++;
        } else {
            out += c;
            i++;
        }
    }
    return out;
}

const METHOD_HEADER =
    /@AuraEnabled\s*(\(([^)]*)\))?\s*((?:(?:public|global|private|protected|static|override|virtual|with|without|sharing)\s+)*)([\w.<>,\s[\]]+?)\s+(\w+)\s*\(([^)]*)\)/gi;

function parseParams(list: string): ApexParam[] {
    const params: ApexParam[] = [];
    let depth = 0;
    let current = '';
    for (const ch of list) {
        if (ch === '<') depth++;
        if (ch === '>') depth--;
        if (ch === ',' && depth === 0) {
            if (current.trim()) params.push(splitParam(current));
            current = '';
        } else current += ch;
    }
    if (current.trim()) params.push(splitParam(current));
    return params;
}

function splitParam(p: string): ApexParam {
    const cleaned = p.replace(/\bfinal\b/gi, '').trim();
    const at = cleaned.lastIndexOf(' ');
    return { type: cleaned.slice(0, at).replace(/\s+/g, ''), name: cleaned.slice(at + 1) };
}

export function readApexClass(file: string): ApexClassInfo {
    const raw = fs.readFileSync(file, 'utf8');
    const src = blankCommentsAndStrings(raw);
    const name = path.basename(file, '.cls');
    const methodNames = new Set<string>();
    for (const m of src.matchAll(/(\w+)\s*\([^;{)]*\)\s*\{/g)) methodNames.add(m[1].toLowerCase());
    const auraMethods: AuraMethod[] = [];
    for (const m of src.matchAll(METHOD_HEADER)) {
        const modifiers = m[3].toLowerCase();
        // Annotation on a property or a class: no parameter list follows the name on the same header.
        auraMethods.push({
            className: name,
            name: m[5],
            params: parseParams(m[6]),
            returnType: m[4].replace(/\s+/g, ''),
            isStatic: /\bstatic\b/.test(modifiers),
            cacheable: /cacheable\s*=\s*true/i.test(m[2] ?? ''),
            file,
            line: lineOf(raw, m.index ?? 0)
        });
    }
    return { name, file, methodNames, auraMethods };
}

/** Every Apex class in the project's source folder, by class name (case-insensitive key). */
export function readApexClasses(root: string): Map<string, ApexClassInfo> {
    const classes = new Map<string, ApexClassInfo>();
    for (const file of listFiles(sourceDir(root), (n) => n.endsWith('.cls'))) {
        const info = readApexClass(file);
        classes.set(info.name.toLowerCase(), info);
    }
    return classes;
}

/** Apex type → TypeScript type, for values that cross the @AuraEnabled boundary as JSON. */
export function tsTypeOf(apexType: string): string {
    const t = apexType.trim();
    const lower = t.toLowerCase();
    const generic = /^(list|set)<(.+)>$/i.exec(t);
    if (generic) return `${wrap(tsTypeOf(generic[2]))}[]`;
    if (/\[\]$/.test(t)) return `${wrap(tsTypeOf(t.slice(0, -2)))}[]`;
    const map = /^map<\s*(\w+)\s*,(.+)>$/i.exec(t);
    if (map) return `Record<string, ${tsTypeOf(map[2])}>`;
    if (['string', 'id'].includes(lower)) return 'string';
    if (['integer', 'long', 'decimal', 'double'].includes(lower)) return 'number';
    if (lower === 'boolean') return 'boolean';
    if (['date', 'datetime', 'time'].includes(lower)) return 'string';
    if (lower === 'void') return 'void';
    return 'unknown';
}

function wrap(t: string): string {
    return /[|&]/.test(t) ? `(${t})` : t;
}

/** The declarations file content for every @AuraEnabled static method in the project. */
export function apexDeclarations(classes: Map<string, ApexClassInfo>): string {
    const lines = [
        '// GENERATED by `npm run build` from the @AuraEnabled methods in force-app/**/classes. Do not edit.',
        '// An LWC importing a method that does not exist, or passing a parameter the method does not have,',
        '// fails the type check.',
        ''
    ];
    const methods = [...classes.values()].flatMap((c) => c.auraMethods.filter((m) => m.isStatic));
    methods.sort((a, b) => `${a.className}.${a.name}`.localeCompare(`${b.className}.${b.name}`));
    for (const m of methods) {
        const params = m.params.map((p) => `${p.name}: ${tsTypeOf(p.type)} | null`).join('; ');
        const arg = m.params.length ? `params: { ${params} }` : 'params?: Record<string, never>';
        const ret = tsTypeOf(m.returnType);
        lines.push(`declare module '@salesforce/apex/${m.className}.${m.name}' {`);
        lines.push(`    import type { WireAdapterConstructor } from 'lwc';`);
        lines.push(
            `    /** ${m.className}.${m.name}(${m.params.map((p) => `${p.type} ${p.name}`).join(', ')}): ${m.returnType} */`
        );
        lines.push(
            `    const method: ((${arg}) => Promise<${ret === 'void' ? 'void' : ret}>) & WireAdapterConstructor;`
        );
        lines.push('    export default method;');
        lines.push('}');
        lines.push('');
    }
    return lines.join('\n');
}
