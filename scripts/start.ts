/*
 * `npm start`: the local preview. Builds the preview bundle (rollup + LWC compiler, TypeScript stripped per file)
 * and serves it on 127.0.0.1 with the preview backend over the sample data; in watch mode (the default) every saved
 * change in force-app/**\/lwc or preview/ rebuilds and reloads the page. Needs no network and no org.
 *
 *   npm start [-- --port 3344] [--no-watch] [--prod]        (PORT also sets the port)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_TARGET, build, sourcesNewestMtime, watchBuild, type BuildMode } from '../preview/build';
import { portFromArgs, startServer } from '../preview/server';

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const mode: BuildMode = argv.includes('--prod') ? 'prod' : 'dev';
    const watch = !argv.includes('--no-watch');
    const port = portFromArgs(argv);
    const bundleDir = path.join(__dirname, '..', 'preview', 'dist', mode, 'app');
    const bundle = path.join(bundleDir, 'app.js');

    let ready: Promise<unknown>;
    let onBuilt: (ms: number) => void = () => undefined;
    let onError: (m: string) => void = () => undefined;
    if (watch) {
        let markReady: () => void = () => undefined;
        ready = new Promise<void>((r) => (markReady = r));
        let first = true;
        console.log('Building the preview (first build takes about 30 s)…');
        watchBuild(
            APP_TARGET,
            mode,
            (ms) => {
                markReady();
                onBuilt(ms);
                if (first)
                    console.log(
                        `Built in ${(ms / 1000).toFixed(1)} s. Watching force-app/**/lwc and preview/ for changes.`
                    );
                else console.log(`Rebuilt in ${(ms / 1000).toFixed(1)} s; reloading the page.`);
                first = false;
            },
            (m) => {
                markReady();
                console.error(`Build failed:\n${m}`);
                onError(m);
            }
        );
    } else {
        const stale = !fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sourcesNewestMtime();
        if (stale) {
            console.log('Building the preview…');
            const { ms } = await build(APP_TARGET, mode);
            console.log(`Built in ${(ms / 1000).toFixed(1)} s.`);
        }
        ready = Promise.resolve();
    }
    const server = await startServer({ port, bundleDir, bundleReady: ready });
    onBuilt = () => server.reload();
    onError = (m) => server.buildError(m);
    console.log(`Local preview — sample data, no Salesforce org: ${server.url}`);
    console.log('Press Ctrl+C to stop.');
}

main().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
});
