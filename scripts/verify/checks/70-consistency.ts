/*
 * Project consistency that no Salesforce tool checks offline:
 *  - LWC ↔ Apex: every `@salesforce/apex/Class.method` import names an @AuraEnabled static method that
 *    exists, and every parameter a call site passes (imperative call or @wire config) exists on it;
 *  - LWC template ↔ class: every `{name}` a template binds to is a field, getter or method of the component class
 *    (an unknown name is silently undefined at run time: a missing handler, an attribute that never appears);
 *  - permission sets: every @AuraEnabled class, custom object, custom field, custom metadata type and
 *    tab the package ships is granted by a permission set, and no permission set names something that
 *    is not in the package (a deploy error);
 *  - platform events: every `/event/<Name>__e` channel an LWC subscribes to is a platform event in the package and a
 *    permission set grants Read on it (without Read, lightning/empApi subscribes but the user gets no events);
 *  - paired test cases: a case id (ST-01 …) of a preview test and its Apex twin is on both sides (lib/pairedCases).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Check } from '../check';
import type { Problem } from '../../lib/problems';
import { lineOf, lineOfText } from '../../lib/problems';
import { listFiles, rel, sourceDir } from '../../lib/paths';
import ts from 'typescript';
import { blankCommentsAndStrings, readApexClasses, type ApexClassInfo } from '../../build/apexSurface';
import { closest } from '../../../force-app/main/default/lwc/dcDefinition/suggest';
import { checkPairedCases } from '../../lib/pairedCases';
import { checkStaticLiteralApex } from './staticLiteralApex';

const APEX_IMPORT = /import\s+(\w+)\s+from\s+['"]@salesforce\/apex\/(\w+)\.(\w+)['"]/g;

/** Object-literal keys at the top level of `{ ... }` starting at `open` (index of '{'). */
function literalKeys(src: string, open: number): string[] | undefined {
    let depth = 0;
    let end = -1;
    for (let i = open; i < src.length; i++) {
        if ('{[('.includes(src[i])) depth++;
        if ('}])'.includes(src[i])) depth--;
        if (depth === 0) {
            end = i;
            break;
        }
    }
    if (end < 0) return undefined;
    const body = src.slice(open + 1, end);
    const keys: string[] = [];
    let d = 0;
    let segment = '';
    for (const ch of body + ',') {
        if ('{[('.includes(ch)) d++;
        if ('}])'.includes(ch)) d--;
        if (ch === ',' && d === 0) {
            const s = segment.trim();
            if (s.startsWith('...')) return undefined; // spread: keys unknown statically
            const key = /^['"]?(\w+)['"]?\s*(:|$)/.exec(s);
            if (key) keys.push(key[1]);
            segment = '';
        } else segment += ch;
    }
    return keys;
}

function checkLwcApexImports(root: string, classes: Map<string, ApexClassInfo>): Problem[] {
    const problems: Problem[] = [];
    for (const file of lwcSources(root)) {
        const raw = fs.readFileSync(file, 'utf8');
        const code = blankCommentsAndStrings(
            raw.replace(/(['"])@salesforce\/apex\/[\w.]+\1/g, (m) => m.replace(/[^'"]/g, 'x'))
        );
        for (const m of raw.matchAll(APEX_IMPORT)) {
            const [, local, className, methodName] = m;
            const line = lineOf(raw, m.index ?? 0);
            const where = { file: rel(root, file), line };
            const cls = classes.get(className.toLowerCase());
            if (!cls) {
                problems.push({
                    ...where,
                    message: `imports @salesforce/apex/${className}.${methodName} but there is no Apex class ${className} in the package`
                });
                continue;
            }
            const method = cls.auraMethods.find((a) => a.name.toLowerCase() === methodName.toLowerCase());
            if (!method) {
                const exists = cls.methodNames.has(methodName.toLowerCase());
                const available = cls.auraMethods.map((a) => a.name).join(', ') || 'none';
                problems.push({
                    ...where,
                    message: exists
                        ? `imports ${className}.${methodName}, which is not @AuraEnabled: annotate it or import another method`
                        : `imports ${className}.${methodName}, which does not exist; @AuraEnabled methods of ${className}: ${available}`
                });
                continue;
            }
            if (!method.isStatic) {
                problems.push({
                    ...where,
                    message: `${className}.${methodName} must be static to be called from an LWC`
                });
            }
            const paramNames = method.params.map((p) => p.name);
            const callSites = [
                ...code.matchAll(new RegExp(`\\b${local}\\s*\\(\\s*\\{`, 'g')),
                ...code.matchAll(new RegExp(`@wire\\(\\s*${local}\\s*,\\s*\\{`, 'g'))
            ];
            for (const call of callSites) {
                const open = (call.index ?? 0) + call[0].length - 1;
                for (const key of literalKeys(code, open) ?? []) {
                    if (!paramNames.includes(key)) {
                        const near = paramNames.find((p) => p.toLowerCase() === key.toLowerCase());
                        problems.push({
                            file: rel(root, file),
                            line: lineOf(raw, open),
                            message: `passes '${key}' to ${className}.${methodName}(${paramNames.join(', ')}), which has no such parameter${near ? ` (did you mean '${near}'? names are case-sensitive)` : ''}`
                        });
                    }
                }
            }
        }
    }
    return problems;
}

interface Shipped {
    auraClasses: string[];
    customObjects: string[];
    /** Platform events (`__e`): granted with objectPermissions (Read to subscribe, Create to publish), no field grants. */
    platformEvents: string[];
    customMetadataTypes: string[];
    /** Object.Field for fields a permission set can grant. */
    fields: string[];
    tabs: string[];
}

function shippedComponents(root: string, classes: Map<string, ApexClassInfo>): Shipped {
    const src = sourceDir(root);
    const objectsDir = path.join(src, 'objects');
    const objects = fs.existsSync(objectsDir) ? fs.readdirSync(objectsDir) : [];
    const fields: string[] = [];
    for (const obj of objects) {
        if (/__(mdt|e|x|b)$/.test(obj)) continue; // access to these is not granted per field
        for (const f of listFiles(path.join(objectsDir, obj, 'fields'), (n) => n.endsWith('.field-meta.xml'))) {
            const xml = fs.readFileSync(f, 'utf8');
            const name = path.basename(f, '.field-meta.xml');
            if (!name.endsWith('__c')) continue;
            // Required and master-detail fields are always accessible: a permission set cannot name them.
            if (/<required>true<\/required>/.test(xml) || /<type>MasterDetail<\/type>/.test(xml)) continue;
            fields.push(`${obj}.${name}`);
        }
    }
    return {
        auraClasses: [...classes.values()].filter((c) => c.auraMethods.length).map((c) => c.name),
        customObjects: objects.filter((o) => o.endsWith('__c')),
        platformEvents: objects.filter((o) => o.endsWith('__e')),
        customMetadataTypes: objects.filter((o) => o.endsWith('__mdt')),
        fields,
        tabs: listFiles(path.join(src, 'tabs'), (n) => n.endsWith('.tab-meta.xml')).map((f) =>
            path.basename(f, '.tab-meta.xml')
        )
    };
}

interface Granted {
    file: string;
    xml: string;
    classes: string[];
    objects: string[];
    metadataTypes: string[];
    fields: string[];
    tabs: string[];
}

function values(xml: string, block: string, tag: string, onlyEnabled?: string): string[] {
    const out: string[] = [];
    for (const m of xml.matchAll(new RegExp(`<${block}>([\\s\\S]*?)</${block}>`, 'g'))) {
        const v = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(m[1]);
        if (!v) continue;
        if (onlyEnabled && !new RegExp(`<${onlyEnabled}>true</${onlyEnabled}>`).test(m[1])) continue;
        out.push(v[1].trim());
    }
    return out;
}

function readPermissionSets(root: string): Granted[] {
    return listFiles(path.join(sourceDir(root), 'permissionsets'), (n) => n.endsWith('.permissionset-meta.xml')).map(
        (file) => {
            const xml = fs.readFileSync(file, 'utf8');
            return {
                file,
                xml,
                classes: values(xml, 'classAccesses', 'apexClass', 'enabled'),
                objects: values(xml, 'objectPermissions', 'object', 'allowRead'),
                metadataTypes: values(xml, 'customMetadataTypeAccesses', 'name', 'enabled'),
                fields: values(xml, 'fieldPermissions', 'field', 'readable'),
                tabs: [
                    ...values(xml, 'tabSettings', 'tab').filter((t) => {
                        const block = new RegExp(
                            `<tabSettings>\\s*<tab>${t}</tab>\\s*<visibility>(\\w+)</visibility>`
                        ).exec(xml);
                        return !block || block[1] !== 'None';
                    })
                ]
            };
        }
    );
}

/** Standard objects a permission set may reference without the package shipping them. */
function isStandard(name: string): boolean {
    return !/__(c|mdt|e|x|b)$/.test(name);
}

function checkPermissionSets(root: string, classes: Map<string, ApexClassInfo>): Problem[] {
    const problems: Problem[] = [];
    const shipped = shippedComponents(root, classes);
    const sets = readPermissionSets(root);
    const anyGrant =
        shipped.auraClasses.length + shipped.fields.length + shipped.tabs.length + shipped.customObjects.length > 0;
    if (!sets.length) {
        if (anyGrant)
            problems.push({
                file: 'force-app/main/default/permissionsets',
                message: 'the package ships Apex controllers, fields or tabs but no permission set grants them: add one'
            });
        return problems;
    }
    const setNames = sets.map((s) => path.basename(s.file, '.permissionset-meta.xml')).join(', ');
    const missing = (kind: string, item: string, fix: string): void => {
        problems.push({
            file: rel(root, sets[0].file),
            message: `${kind} ${item} is not granted by any permission set (${setNames}): add ${fix}`
        });
    };
    for (const c of shipped.auraClasses) {
        if (!sets.some((s) => s.classes.some((x) => x.toLowerCase() === c.toLowerCase()))) {
            missing(
                '@AuraEnabled class',
                c,
                `<classAccesses><apexClass>${c}</apexClass><enabled>true</enabled></classAccesses>`
            );
        }
    }
    for (const o of shipped.customObjects) {
        if (!sets.some((s) => s.objects.includes(o)))
            missing('custom object', o, `<objectPermissions> for ${o} with allowRead true`);
    }
    for (const t of shipped.customMetadataTypes) {
        if (!sets.some((s) => s.metadataTypes.includes(t)))
            missing(
                'custom metadata type',
                t,
                `<customMetadataTypeAccesses><enabled>true</enabled><name>${t}</name></customMetadataTypeAccesses>`
            );
    }
    for (const f of shipped.fields) {
        if (!sets.some((s) => s.fields.includes(f)))
            missing(
                'custom field',
                f,
                `<fieldPermissions><editable>…</editable><field>${f}</field><readable>true</readable></fieldPermissions>`
            );
    }
    for (const t of shipped.tabs) {
        if (!sets.some((s) => s.tabs.includes(t)))
            missing('tab', t, `<tabSettings><tab>${t}</tab><visibility>Visible</visibility></tabSettings>`);
    }
    // The other direction: a permission set naming a component the package does not have fails the deploy.
    for (const s of sets) {
        const at = (needle: string): { file: string; line: number } => ({
            file: rel(root, s.file),
            line: lineOfText(s.xml, needle)
        });
        for (const c of values(s.xml, 'classAccesses', 'apexClass')) {
            if (!classes.has(c.toLowerCase()))
                problems.push({
                    ...at(`<apexClass>${c}<`),
                    message: `grants Apex class ${c}, which is not in the package`
                });
        }
        for (const f of values(s.xml, 'fieldPermissions', 'field')) {
            const [obj] = f.split('.');
            if (!isStandard(obj) || f.split('.')[1]?.endsWith('__c')) {
                if (!shipped.fields.includes(f)) {
                    problems.push({
                        ...at(`<field>${f}<`),
                        message: `grants field ${f}, which is not a permissionable custom field in the package (missing, required or master-detail)`
                    });
                }
            }
        }
        for (const o of values(s.xml, 'objectPermissions', 'object')) {
            if (!isStandard(o) && !shipped.customObjects.includes(o) && !shipped.platformEvents.includes(o))
                problems.push({ ...at(`<object>${o}<`), message: `grants object ${o}, which is not in the package` });
        }
        for (const t of values(s.xml, 'tabSettings', 'tab')) {
            if (t.includes('__') || shipped.tabs.includes(t) || /^standard-/.test(t)) {
                if (!shipped.tabs.includes(t) && !/^standard-/.test(t))
                    problems.push({ ...at(`<tab>${t}<`), message: `grants tab ${t}, which is not in the package` });
            }
        }
    }
    return problems;
}

/** LWC sources the checks read: TypeScript (or JavaScript without a .ts twin), not declarations or Jest tests. */
function lwcSources(root: string): string[] {
    return listFiles(path.join(sourceDir(root), 'lwc'), (n) => /\.(ts|js)$/.test(n) && !n.endsWith('.d.ts')).filter(
        (f) =>
            !f.includes(`${path.sep}__tests__${path.sep}`) &&
            !(f.endsWith('.js') && fs.existsSync(f.replace(/\.js$/, '.ts')))
    );
}

const EVENT_CHANNEL = /(['"`])\/event\/(\w+__e)\1/g;

/**
 * A `/event/<Name>__e` channel string in LWC source (what lightning/empApi subscribes to) needs the platform event in
 * the package and Read on it in a permission set: without Read the subscription yields no events for the user, and
 * nothing fails loudly — the component silently falls back to polling.
 */
function checkEventSubscriptions(root: string): Problem[] {
    const problems: Problem[] = [];
    const objectsDir = path.join(sourceDir(root), 'objects');
    const sets = readPermissionSets(root);
    const setNames = sets.map((s) => path.basename(s.file, '.permissionset-meta.xml'));
    const events = new Set(
        fs.existsSync(objectsDir) ? fs.readdirSync(objectsDir).filter((o) => o.endsWith('__e')) : []
    );
    for (const file of lwcSources(root)) {
        const raw = fs.readFileSync(file, 'utf8');
        for (const m of raw.matchAll(EVENT_CHANNEL)) {
            const event = m[2];
            const where = { file: rel(root, file), line: lineOf(raw, m.index ?? 0) };
            const channel = `/event/${event}`;
            if (!fs.existsSync(path.join(objectsDir, event, `${event}.object-meta.xml`))) {
                const near = closest(event, events);
                problems.push({
                    ...where,
                    message: `names the platform event channel ${channel} (what lightning/empApi subscribes to), but the package has no platform event ${event} (expected ${rel(root, path.join(objectsDir, event, `${event}.object-meta.xml`))}): add the event or fix the channel name${near ? ` (did you mean /event/${near}?)` : ''}`
                });
                continue;
            }
            if (sets.some((s) => s.objects.includes(event))) continue;
            problems.push({
                ...where,
                message: `names the platform event channel ${channel} (what lightning/empApi subscribes to), but no permission set (${setNames.join(', ') || 'none in the package'}) grants Read on ${event}, so users get no events: add <objectPermissions><allowCreate>false</allowCreate><allowDelete>false</allowDelete><allowEdit>false</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>${event}</object><viewAllRecords>false</viewAllRecords></objectPermissions> to the permission set of the component's users${setNames.length ? ` (e.g. ${setNames[0]}.permissionset-meta.xml)` : ''}`
            });
        }
    }
    return problems;
}

/**
 * Member names of the default-exported component class, or undefined when it cannot be known statically (no such
 * class, or a base class other than LightningElement or a mixin of it, which may add members).
 */
function componentMembers(file: string): { className: string; members: Set<string> } | undefined {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
        if (!ts.isClassDeclaration(statement)) continue;
        const modifiers = ts.getModifiers(statement) ?? [];
        if (!modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) continue;
        const base = statement.heritageClauses?.[0]?.types[0]?.expression.getText(source) ?? '';
        if (!/\bLightningElement\b/.test(base)) return undefined;
        const members = new Set<string>();
        for (const member of statement.members) {
            if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)))
                members.add(member.name.text);
        }
        return { className: statement.name?.text ?? 'the component', members };
    }
    return undefined;
}

function checkLwcTemplates(root: string): Problem[] {
    const problems: Problem[] = [];
    const lwcDir = path.join(sourceDir(root), 'lwc');
    if (!fs.existsSync(lwcDir)) return problems;
    for (const bundle of fs.readdirSync(lwcDir)) {
        const html = path.join(lwcDir, bundle, `${bundle}.html`);
        const tsFile = path.join(lwcDir, bundle, `${bundle}.ts`);
        const js = path.join(lwcDir, bundle, `${bundle}.js`);
        const classFile = fs.existsSync(tsFile) ? tsFile : js;
        if (!fs.existsSync(html) || !fs.existsSync(classFile)) continue;
        const component = componentMembers(classFile);
        if (!component) continue;
        const template = fs.readFileSync(html, 'utf8').replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
        // names the template itself introduces: for:each items and indexes, iterators, scoped slot data
        const local = new Set<string>();
        for (const m of template.matchAll(/\b(?:for:item|for:index|lwc:slot-data)\s*=\s*"([\w$]+)"/g)) local.add(m[1]);
        for (const m of template.matchAll(/\biterator:([\w$]+)\s*=/g)) local.add(m[1]);
        for (const m of template.matchAll(/\{\s*([A-Za-z_$][\w$]*)[\w$.]*\s*\}/g)) {
            const name = m[1];
            if (local.has(name) || component.members.has(name)) continue;
            const near = closest(name, component.members);
            problems.push({
                file: rel(root, html),
                line: lineOf(template, m.index ?? 0),
                message: `{${name}} is not a field, getter or method of ${component.className}${near ? ` (did you mean {${near}}?)` : ''}: it would always be undefined`
            });
        }
    }
    return problems;
}

const check: Check = {
    id: 'consistency',
    title: 'Consistency: LWC ↔ Apex imports, LWC templates ↔ classes, permission sets, platform event subscriptions',
    async run({ root }) {
        const classes = readApexClasses(root);
        return {
            problems: [
                ...checkLwcApexImports(root, classes),
                ...checkLwcTemplates(root),
                ...checkPermissionSets(root, classes),
                ...checkEventSubscriptions(root),
                ...(await checkStaticLiteralApex(root)),
                ...checkPairedCases(root)
            ]
        };
    }
};
export default check;
