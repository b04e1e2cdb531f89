/*
 * THROWAWAY stand-in used by the preview build only while force-app/main/default/lwc/dynamicComponent does not
 * exist yet (preview/build.ts prefers the real bundle). It exercises the wire contract: getDefinition → runQuery →
 * lightning-datatable → header action → executeFlow → toast + refresh.
 */
import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getDefinition from '@salesforce/apex/DynamicComponentController.getDefinition';
import runQuery from '@salesforce/apex/DynamicComponentController.runQuery';
import executeFlow from '@salesforce/apex/DynamicComponentController.executeFlow';

interface Def {
    queries?: { name: string }[];
    components?: { name: string; query: string; maxRowSelection?: number; columns: { field: string; label?: string }[]; headerActions?: { name: string; label: string }[] }[];
    interactions?: { id: string; on: { event: string; action?: string }; do: { type: string; id?: string }[] }[];
}

export default class ProbeDynamicComponent extends LightningElement {
    @api definitionName?: string;
    @api recordId?: string;
    @api objectApiName?: string;
    rows: Record<string, unknown>[] = [];
    columns: { label: string; fieldName: string }[] = [];
    selected: string[] = [];
    problems: string[] = [];
    def?: Def;
    maxRowSelection = 0;
    actions: { name: string; label: string }[] = [];

    override connectedCallback(): void {
        void this.load();
    }

    async load(): Promise<void> {
        const res = (await getDefinition({ definitionName: this.definitionName })) as { json: string; problems: { path: string; message: string }[] };
        this.problems = res.problems.map((p) => `${p.path}: ${p.message}`);
        if (this.problems.length) return;
        this.def = JSON.parse(res.json) as Def;
        const table = this.def.components?.[0];
        if (!table) return;
        this.columns = table.columns.map((c) => ({ label: c.label ?? c.field, fieldName: c.field }));
        this.maxRowSelection = table.maxRowSelection ?? 0;
        this.actions = table.headerActions ?? [];
        await this.refresh();
    }

    async refresh(): Promise<void> {
        const table = this.def!.components![0];
        const out = (await runQuery({ definitionName: this.definitionName, queryName: table.query, requestJson: JSON.stringify({ pageSize: 200 }) })) as { records: Record<string, unknown>[] };
        this.rows = out.records.map((r) => ({ ...r, 'Account.Name': (r.Account as { Name?: string } | undefined)?.Name }));
    }

    get hasProblems(): boolean {
        return this.problems.length > 0;
    }

    handleSelection(e: CustomEvent<{ selectedRows: { Id: string }[] }>): void {
        this.selected = e.detail.selectedRows.map((r) => r.Id);
    }

    async handleAction(e: Event): Promise<void> {
        const name = (e.currentTarget as HTMLElement).dataset.name;
        const interaction = this.def?.interactions?.find((i) => i.on.action === name);
        const action = interaction?.do.find((a) => a.type === 'executeFlow');
        if (!interaction || !action) return;
        const res = (await executeFlow({
            definitionName: this.definitionName,
            interactionId: interaction.id,
            actionId: action.id,
            inputsJson: JSON.stringify({ ContactIds: this.selected })
        })) as { success: boolean; error?: { message: string } };
        this.dispatchEvent(
            new ShowToastEvent(res.success ? { title: `${this.selected.length} updated`, variant: 'success' } : { title: 'Could not update', message: res.error?.message, variant: 'error' })
        );
        await this.refresh();
    }
}
