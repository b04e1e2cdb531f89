/*
 * Dynamic Component definitions: every definitions/*.json of the checked project passes the validator the
 * component runs (c/dcDefinition) against the project's objects merged with the standard object library:
 * shape, names, references, merge fields and formulas, query objects and fields, table columns.
 */
import type { Check } from '../check';
import { loadSchemaCatalog } from '../../lib/schemaCatalog';
import { definitionFiles, validateDefinitionFiles } from '../../validateDefinitions';

const check: Check = {
    id: 'definitions',
    title: 'Dynamic Component definitions (definitions/*.json)',
    async run({ root }) {
        const files = definitionFiles(root);
        if (!files.length) return { problems: [], notes: ['no definitions/*.json in this project'] };
        const catalog = loadSchemaCatalog(root);
        return {
            problems: validateDefinitionFiles(root, files, catalog),
            notes: [
                `${files.length} definition file${files.length === 1 ? '' : 's'} checked against ${catalog.objectNames().length} objects`
            ]
        };
    }
};

export default check;
