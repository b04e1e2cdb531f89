/*
 * Definitions ↔ flows: every flow action of a Dynamic Component definition (executeFlow, openFlowDialog,
 * openFlowPanel, at any depth of do / onFinish / onError / onCancel / onClose) against the project's flow XML —
 * the flow contract the builder, the component's setup panel, the preview and the org check before a run
 * (c/dcDefinition checkFlowContracts, one wording: lwc/dcDefinition/messages.ts):
 *   - the flow exists (exact, case-sensitive API name; a near miss gets "did you mean"), is Active, and is of the
 *     kind the action runs (executeFlow: autolaunched with no trigger; openFlowDialog/openFlowPanel: screen flow);
 *   - every input is a variable of the flow (case-sensitive) available for input; its "collection" flag, its
 *     "dataType" (default Text) and the type of the mapped value ({!t.SelectedRowsKeyValue} is a Text collection)
 *     fit the variable;
 *   - every output is a variable available for output whose type and collection-ness fit the variable resource
 *     receiving it.
 * Inputs the flow needs (input variables without a default) that an action does not set are warnings: listed as
 * notes, never failures. A flow file that is not well-formed XML is reported as such; definition files that do not
 * parse are left to the `definitions` check.
 */
import type { Check } from '../check';
import { loadFlowCatalog } from '../../lib/flowCatalog';
import { formatProblem } from '../../lib/problems';
import { loadSchemaCatalog } from '../../lib/schemaCatalog';
import { definitionFiles, validateFlowContractFiles } from '../../validateDefinitions';

const check: Check = {
    id: 'definition-flows',
    title: 'Definitions ↔ flows (flow exists, active, right type, inputs and outputs match)',
    async run({ root }) {
        const files = definitionFiles(root);
        if (!files.length) return { problems: [], notes: ['no definitions/*.json in this project'] };
        const flows = loadFlowCatalog(root);
        const result = validateFlowContractFiles(root, files, flows, loadSchemaCatalog(root));
        const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
        return {
            problems: result.problems,
            notes: [
                `${count(result.actions, 'flow action')} in ${count(files.length, 'definition file')} checked against ${count(flows.listFlows().length, 'flow')}`,
                ...result.warnings.map((w) => `warning ${formatProblem(w)}`)
            ]
        };
    }
};

export default check;
