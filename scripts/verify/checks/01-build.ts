import type { Check } from '../check';
import { buildProject, tsc } from '../../build/steps';

/**
 * Step 0 of the gate: the build (Apex types, definition records, tsc emit, LWC compiler) and the strict
 * type check of the tests and the Node-side scripts.
 */
const check: Check = {
    id: 'build',
    title: 'Build: Apex types, tsc, LWC compiler, type-check tests/scripts',
    async run({ root }) {
        const problems = await buildProject(root, () => undefined);
        problems.push(...(await tsc(root, 'tsconfig.test.json')));
        problems.push(...(await tsc(root, 'tsconfig.scripts.json')));
        return { problems };
    }
};
export default check;
