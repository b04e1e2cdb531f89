/*
 * Builds the local preview bundle with rollup + the open-source LWC compiler (9.4.3), the real
 * lightning-base-components, SLDS (served globally by the server) and synthetic shadow.
 *
 *   tsx preview/build.ts [--prod] [--watch]      → preview/dist/<dev|prod>/app.js
 *
 * LWC sources are compiled from their TypeScript (.ts) directly (TS stripped per file, no type check; `npm run build`
 * type-checks). One rollup input per bundle: with several inputs the engine lands in a shared chunk that runs before
 * @lwc/synthetic-shadow and the page silently gets native shadow.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rollup, watch as rollupWatch, type RollupOptions, type RollupLog, type RollupWatcher } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { previewComponentModules, sfdcModules, sfdxAliasModules, tsStrip, type ModuleRecord } from './build/plugins';

export const ROOT = path.resolve(__dirname, '..');
const NM = path.join(ROOT, 'node_modules');
export const LWC_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const SFDC_DIR = path.join(__dirname, 'sfdc');

export type BuildMode = 'dev' | 'prod';

export interface BuildTarget {
    /** Output folder name under preview/dist */
    name: string;
    /** Entry module (a single input, see above) */
    input: string;
    /** Extra LWC alias records (benchmark components) */
    modules?: ModuleRecord[];
}

export const APP_TARGET: BuildTarget = { name: 'app', input: path.join(__dirname, 'app', 'main.ts') };

function readVersion(pkgDir: string): string {
    return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
}

/**
 * The LWC runtime must match the compiler. The root node_modules holds @lwc/engine-dom 8.28.2 (for Jest) next to
 * @lwc/compiler 9.4.3, and the rollup plugin's default `{ npm: '@lwc/engine-dom' }` would pick the 8.x one. So the
 * engine, synthetic shadow and wire service are given as explicit alias records of the `lwc` 9.4.3 package set.
 */
export function lwcRuntimeModules(): ModuleRecord[] {
    const lwcPkg = path.join(NM, 'lwc');
    const nested = (name: string) =>
        fs.existsSync(path.join(lwcPkg, 'node_modules', '@lwc', name))
            ? path.join(lwcPkg, 'node_modules', '@lwc', name)
            : path.join(NM, '@lwc', name);
    const engine = nested('engine-dom');
    const synthetic = nested('synthetic-shadow');
    const wire = nested('wire-service');
    const compiler = path.dirname(
        path.dirname(require.resolve('@lwc/compiler', { paths: [path.join(NM, '@lwc', 'rollup-plugin')] }))
    );
    const versions = {
        compiler: readVersion(compiler),
        'engine-dom': readVersion(engine),
        'synthetic-shadow': readVersion(synthetic),
        'wire-service': readVersion(wire)
    };
    const distinct = new Set(Object.values(versions));
    if (distinct.size !== 1) {
        throw new Error(
            `LWC packages for the preview are inconsistent: ${JSON.stringify(versions)}. ` +
                'The preview needs one LWC version for the compiler and the runtime (lwc 9.4.3).'
        );
    }
    return [
        { name: 'lwc', path: path.join(engine, 'dist', 'index.js') },
        { name: '@lwc/synthetic-shadow', path: path.join(synthetic, 'dist', 'index.js') },
        { name: '@lwc/wire-service', path: path.join(wire, 'dist', 'index.js') },
        { name: 'wire-service', path: path.join(wire, 'dist', 'index.js') }
    ];
}

/** c/<bundle> records for the project's LWC bundles. */
export function projectModules(): ModuleRecord[] {
    return sfdxAliasModules(LWC_DIR);
}

export function rollupOptions(target: BuildTarget, mode: BuildMode, stats?: { warnings: string[] }): RollupOptions {
    const prod = mode === 'prod';
    return {
        input: { [target.name]: target.input },
        output: {
            dir: path.join(__dirname, 'dist', mode, target.name),
            format: 'esm',
            sourcemap: !prod,
            chunkFileNames: '[name]-[hash].js'
        },
        plugins: [
            sfdcModules({
                sfdcDir: SFDC_DIR,
                sourceDir: path.dirname(LWC_DIR),
                lbcDir: path.join(NM, 'lightning-base-components')
            }),
            tsStrip(),
            lwc({
                rootDir: __dirname,
                enableDynamicComponents: true, // LBC uses lwc:component / lwc:is
                apiVersion: 65,
                defaultModules: [],
                modules: [
                    ...lwcRuntimeModules(),
                    ...previewComponentModules(SFDC_DIR),
                    ...(target.modules ?? []),
                    ...projectModules(),
                    { npm: 'lightning-base-components' }
                ]
            }),
            nodeResolve({ extensions: ['.ts', '.js', '.mjs'] }),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development'),
                    'import.meta.env.SSR': 'false'
                }
            })
        ],
        onwarn(w: RollupLog, warn: (w: RollupLog) => void) {
            if (w.code === 'CIRCULAR_DEPENDENCY' || w.code === 'THIS_IS_UNDEFINED') return;
            // template warnings inside lightning-base-components (LWC1057, LWC1149) are not ours
            if (
                w.plugin === 'rollup-plugin-lwc-compiler' &&
                /lightning-base-components/.test(w.id ?? w.loc?.file ?? '')
            )
                return;
            stats?.warnings.push(w.message);
            warn(w);
        }
    };
}

export async function build(target: BuildTarget, mode: BuildMode): Promise<{ ms: number; outDir: string }> {
    const started = Date.now();
    const options = rollupOptions(target, mode);
    const bundle = await rollup(options);
    try {
        const out = Array.isArray(options.output) ? options.output[0] : options.output!;
        await bundle.write(out);
        return { ms: Date.now() - started, outDir: out.dir! };
    } finally {
        await bundle.close();
    }
}

/** Rollup watch; `onBuilt` runs after each successful rebuild, `onError` with the message of a failed one. */
export function watchBuild(
    target: BuildTarget,
    mode: BuildMode,
    onBuilt: (ms: number) => void,
    onError: (message: string) => void
): RollupWatcher {
    const options = rollupOptions(target, mode);
    const watcher = rollupWatch({
        ...options,
        watch: { clearScreen: false, exclude: ['node_modules/**', '**/dist/**'] }
    });
    watcher.on('event', (e) => {
        if (e.code === 'BUNDLE_END') {
            onBuilt(e.duration);
            void e.result.close();
        } else if (e.code === 'ERROR') {
            onError(e.error.message);
            void e.result?.close();
        }
    });
    return watcher;
}

/** The newest mtime of everything the app bundle is built from (to skip a rebuild when nothing changed). */
export function sourcesNewestMtime(): number {
    let newest = 0;
    const walk = (dir: string) => {
        if (!fs.existsSync(dir)) return;
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (e.name === 'node_modules' || e.name === 'dist' || e.name === '__tests__' || e.name.startsWith('.'))
                continue;
            const full = path.join(dir, e.name);
            if (e.isDirectory()) walk(full);
            else newest = Math.max(newest, fs.statSync(full).mtimeMs);
        }
    };
    walk(LWC_DIR);
    walk(path.join(__dirname, 'app'));
    walk(path.join(__dirname, 'sfdc'));
    walk(path.join(__dirname, 'build'));
    newest = Math.max(newest, fs.statSync(__filename).mtimeMs);
    return newest;
}

if (require.main === module) {
    const prod = process.argv.includes('--prod');
    const mode: BuildMode = prod ? 'prod' : 'dev';
    if (process.argv.includes('--watch')) {
        watchBuild(
            APP_TARGET,
            mode,
            (ms) => console.log(`preview rebuilt in ${ms} ms`),
            (m) => console.error(m)
        );
    } else {
        build(APP_TARGET, mode).then(
            ({ ms, outDir }) => console.log(`preview built in ${ms} ms → ${path.relative(ROOT, outDir)}`),
            (e) => {
                console.error(e.message ?? e);
                process.exit(1);
            }
        );
    }
}
