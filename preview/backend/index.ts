/*
 * The preview backend: schema + in-memory store loaded from data/ + the controller (getDefinition, runQuery,
 * executeFlow). Plain TypeScript, shared by the server and the Node tests.
 */
import * as path from 'node:path';
import { PreviewController } from './controller';
import { loadDataDir, PREVIEW_USER } from './data';
import { loadSchema, type PreviewSchema } from './schema';
import type { Store } from './store';

export { ServiceError } from './errors';
export { PreviewController } from './controller';
export type { Store } from './store';

export interface Backend {
    schema: PreviewSchema;
    store: Store;
    controller: PreviewController;
    user: Record<string, unknown>;
}

export interface BackendOptions {
    /** The SFDX project root (default: the repository). */
    root?: string;
    dataDir?: string;
    definitionsDir?: string;
    flowsDir?: string;
    live?: boolean;
}

export function createBackend(options: BackendOptions = {}): Backend {
    const root = options.root ?? path.resolve(__dirname, '..', '..');
    const sourceDir = path.join(root, 'force-app', 'main', 'default');
    const schema = loadSchema(sourceDir);
    const { store } = loadDataDir(schema, options.dataDir ?? path.join(root, 'data'));
    const userRec = store.all('User')[0];
    const user = { ...PREVIEW_USER, Id: userRec.Id, Name: userRec.Name };
    // records written after loading (saves, flows) are created by the preview user unless a session says otherwise
    store.currentUserId = userRec.Id;
    const controller = new PreviewController({
        store,
        schema,
        definitionsDir: options.definitionsDir ?? path.join(root, 'definitions'),
        flowsDir: options.flowsDir ?? path.join(sourceDir, 'flows'),
        user,
        live: options.live
    });
    return { schema, store, controller, user };
}
