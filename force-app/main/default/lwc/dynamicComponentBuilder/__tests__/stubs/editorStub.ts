import { LightningElement, api } from 'lwc';

/**
 * Stands in for the builder's property editors and for c-dynamic-component in the host's tests: it keeps what the
 * host passes, and the tests dispatch `edit` / `select` events from it as a real editor would.
 */
export default class EditorStub extends LightningElement {
    @api node?: unknown;
    @api path?: string;
    @api focusPath?: string;
    @api context?: unknown;
    @api definitionName?: string;
    @api definitionJson?: string;
    @api draftProblems?: unknown[];
}
