/*
 * Rollup plugins for the local preview build:
 *  - tsStrip(): strips TypeScript from LWC sources (.ts) before the LWC compiler sees them. No type check here:
 *    that is `npm run build` / `tsc`. Same compiler options as tsconfig.json (ESNext, decorators kept as written).
 *  - sfdxAliasModules(): LWC alias module records c/<name> -> force-app/main/default/lwc/<name>/<name>.ts|.js
 *  - sfdcModules(): maps Salesforce-only modules (@salesforce/*, lightning/navigation, lightning/refresh, ...) to
 *    the preview's implementations in preview/sfdc/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'rollup';

export interface ModuleRecord {
    name: string;
    path: string;
}

/** One alias record per LWC bundle folder; the .ts source wins over a (possibly stale) tsc output .js. */
export function sfdxAliasModules(lwcDir: string, namespace = 'c'): ModuleRecord[] {
    const records: ModuleRecord[] = [];
    if (!fs.existsSync(lwcDir)) return records;
    for (const name of fs.readdirSync(lwcDir).sort()) {
        for (const ext of ['.ts', '.js']) {
            const file = path.join(lwcDir, name, name + ext);
            if (fs.existsSync(file)) {
                records.push({ name: `${namespace}/${name}`, path: file });
                break;
            }
        }
    }
    return records;
}

const TS_OPTIONS: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    experimentalDecorators: false,
    useDefineForClassFields: true,
    verbatimModuleSyntax: false,
    isolatedModules: true,
    sourceMap: true,
    inlineSources: true
};

export function tsStrip(): Plugin {
    return {
        name: 'preview-ts-strip',
        // resolve extension-less relative imports between .ts files (the LWC plugin adds the importer's extension,
        // but a .ts importer may import a .js-only helper and vice versa)
        transform(code, id) {
            const file = id.split('?')[0];
            if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return null;
            const out = ts.transpileModule(code, { compilerOptions: TS_OPTIONS, fileName: file });
            return { code: out.outputText, map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
        }
    };
}

function readCustomLabels(sourceDir: string): Record<string, string> {
    const labels: Record<string, string> = {};
    const file = path.join(sourceDir, 'labels', 'CustomLabels.labels-meta.xml');
    if (!fs.existsSync(file)) return labels;
    const xml = fs.readFileSync(file, 'utf8');
    for (const m of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
        const name = /<fullName>([^<]+)<\/fullName>/.exec(m[1]);
        const value = /<value>([\s\S]*?)<\/value>/.exec(m[1]);
        if (name && value) {
            labels['c.' + name[1]] = value[1]
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&amp;/g, '&');
        }
    }
    return labels;
}

const VIRTUAL = '\0sfdc:';

/**
 * lightning-base-components gates (`@salesforce/gate/*`, all open in the npm package's stub) that must be closed in
 * the preview: with the gate open, lightning-base-combobox (lightning-combobox) calls attachInternals() in its
 * constructor, which the LWC engine refuses under synthetic shadow ("attachInternals API is not supported in
 * synthetic shadow"), so every combobox failed to render.
 */
export const CLOSED_GATES = ['bc.260.enableComboboxElementInternals'];

export interface SfdcModulesOptions {
    /** preview/sfdc */
    sfdcDir: string;
    /** force-app/main/default */
    sourceDir: string;
    /** node_modules/lightning-base-components */
    lbcDir: string;
}

/**
 * Must run BEFORE the LWC plugin. Plain (non-component) modules are mapped here; preview components that replace
 * platform components (lightning/flow) are LWC alias records given to the LWC plugin instead (see previewComponentModules).
 */
export function sfdcModules({ sfdcDir, sourceDir, lbcDir }: SfdcModulesOptions): Plugin {
    const files: Record<string, string> = {
        'lightning/platformShowToastEvent': 'lightning/platformShowToastEvent.ts',
        // LBC's lightning/navigation re-exports the platform-only force/navigation
        'lightning/navigation': 'lightning/navigation.ts',
        'lightning/flowSupport': 'lightning/flowSupport.ts',
        'lightning/uiRecordApi': 'lightning/uiRecordApi.ts',
        'lightning/uiObjectInfoApi': 'lightning/uiObjectInfoApi.ts',
        'lightning/messageService': 'lightning/messageService.ts',
        'lightning/actions': 'lightning/actions.ts',
        'lightning/refresh': 'lightning/refresh.ts',
        'lightning/empApi': 'lightning/empApi.ts',
        '@salesforce/apex': 'apex.ts'
    };
    const labels = readCustomLabels(sourceDir);
    const scoped = path.join(lbcDir, 'scopedImports');
    const abs = (f: string) => JSON.stringify(path.join(sfdcDir, f));
    return {
        name: 'preview-sfdc-modules',
        async resolveId(id, importer) {
            if (files[id]) return path.join(sfdcDir, files[id]);
            if (!id.startsWith('@salesforce/')) return null;
            if (id.startsWith('@salesforce/gate/') && CLOSED_GATES.includes(id.slice('@salesforce/gate/'.length)))
                return VIRTUAL + id;
            // lightning-base-components ships its own @salesforce/label|i18n|gate|client aliases: let them win
            const r = await this.resolve(id, importer, { skipSelf: true });
            if (r && !r.external) return r;
            return VIRTUAL + id;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL)) return null;
            const spec = id.slice(VIRTUAL.length);
            const [, kind, ...restParts] = spec.split('/');
            const rest = restParts.join('/');
            const withOverride = (fallback: string) =>
                `import { moduleOverride } from ${abs('registry.ts')};\n` +
                `export default moduleOverride(${JSON.stringify(spec)}, ${fallback});\n`;
            switch (kind) {
                case 'apex': // @salesforce/apex/[ns.]Class.method
                    return `import { createApexMethod } from ${abs('apexMethod.ts')};\nexport default createApexMethod(${JSON.stringify(rest)});\n`;
                case 'schema': {
                    const [objectApiName, ...f] = rest.split('.');
                    return `export default ${JSON.stringify(f.length ? { objectApiName, fieldApiName: f.join('.') } : { objectApiName })};\n`;
                }
                case 'label':
                    return withOverride(JSON.stringify(labels[rest] ?? rest));
                case 'i18n':
                case 'client': {
                    const f = path.join(scoped, `@salesforce-${kind}-${rest}.js`);
                    if (fs.existsSync(f)) return `export { default } from ${JSON.stringify(f)};\n`;
                    const defaults: Record<string, unknown> = {
                        locale: 'en-US',
                        lang: 'en-US',
                        currency: 'USD',
                        timeZone: 'America/Los_Angeles',
                        dir: 'ltr',
                        formFactor: 'Large'
                    };
                    return withOverride(JSON.stringify(defaults[rest] ?? null));
                }
                case 'user':
                    return `import { previewUser } from ${abs('registry.ts')};\nexport default previewUser(${JSON.stringify(rest)});\n`;
                case 'resourceUrl':
                    return withOverride(JSON.stringify('/resources/' + rest));
                case 'contentAssetUrl':
                    return withOverride(JSON.stringify('/assets/' + rest));
                case 'userPermission':
                case 'customPermission':
                    // granted to the preview's admin, not to an end user (?as=user)
                    return `import { previewPermission } from ${abs('registry.ts')};\nexport default previewPermission(${JSON.stringify(spec)});\n`;
                case 'gate': // only CLOSED_GATES get here; the others are LBC's own stub
                    return `export default { isOpen: () => false };\n`;
                case 'messageChannel':
                    return `export default ${JSON.stringify({ channel: rest })};\n`;
                default:
                    this.warn(`preview: no local module for ${spec}; it exports undefined`);
                    return withOverride('undefined');
            }
        }
    };
}

/** LWC alias records for preview components that stand in for platform-only components. */
export function previewComponentModules(sfdcDir: string): ModuleRecord[] {
    return [{ name: 'lightning/flow', path: path.join(sfdcDir, 'lwc', 'flow', 'flow.ts') }];
}
