import { LightningElement, api } from 'lwc';
import { flowUseOf } from 'c/dcDefinition';
import type { FlowDescribe } from 'c/dcDefinition';
import { flowsUsed, resourceUsage } from 'c/dcBuilder';
import type { EditorContext, FlowSummary } from 'c/dcBuilder';

interface PathLink {
    key: string;
    path: string;
    label: string;
}

interface FlowView {
    key: string;
    apiName: string;
    label: string;
    useLabel: string;
    usedLabel: string;
    usedBy: PathLink[];
    expanded: boolean;
    toggleLabel: string;
    loading: boolean;
    error: string;
    variables: { key: string; name: string; direction: string; type: string }[];
    hasVariables: boolean;
}

const USE_LABELS: Record<string, string> = {
    executeFlow: 'Execute Flow',
    screenFlow: 'Open Flow Dialog or Panel'
};

function links(paths: string[]): PathLink[] {
    return paths.map((path) => ({ key: path, path, label: path }));
}

/**
 * The builder's "Flows and variables" catalogue for admins: a searchable list of the flows a definition may use
 * (Execute Flow: active autolaunched flows without trigger; dialogs and panels: screen flows) with their inputs and
 * outputs, and of the definition's resources with every place that reads or writes them. Each place is a link that
 * selects its node (a `select` event, as the editors fire).
 */
export default class BuilderCatalog extends LightningElement {
    @api context?: EditorContext;

    searchTerm = '';
    flows: FlowSummary[] = [];
    flowsError = '';
    flowsLoading = true;
    private expanded = new Set<string>();
    private described = new Map<string, FlowDescribe | { error: string }>();
    private loadingFlows = new Set<string>();

    override connectedCallback(): void {
        this.loadFlows();
    }

    private async loadFlows(): Promise<void> {
        try {
            const all = (await this.context?.services.listFlows()) ?? [];
            this.flows = all.filter((f) => flowUseOf(f) !== 'none');
        } catch (error) {
            this.flowsError = (error as { message?: string })?.message || 'The flows could not be listed.';
        } finally {
            this.flowsLoading = false;
        }
    }

    private matches(...texts: (string | undefined)[]): boolean {
        const term = this.searchTerm.trim().toLowerCase();
        return !term || texts.some((t) => t?.toLowerCase().includes(term));
    }

    get flowViews(): FlowView[] {
        const used = flowsUsed(this.context?.doc);
        return this.flows
            .filter((f) => this.matches(f.apiName, f.label, f.description))
            .map((f) => {
                const described = this.described.get(f.apiName);
                const expanded = this.expanded.has(f.apiName);
                const usedBy = links(used.get(f.apiName) ?? []);
                const variables =
                    described && 'variables' in described
                        ? described.variables
                              .filter((v) => v.isInput || v.isOutput)
                              .map((v) => ({
                                  key: v.name,
                                  name: v.name,
                                  direction: [v.isInput ? 'input' : '', v.isOutput ? 'output' : '']
                                      .filter(Boolean)
                                      .join(' and '),
                                  type: `${v.dataType === 'SObject' ? `${v.objectType ?? 'SObject'} record` : v.dataType}${v.isCollection ? ' collection' : ''}`
                              }))
                        : [];
                return {
                    key: f.apiName,
                    apiName: f.apiName,
                    label: f.label || f.apiName,
                    useLabel: USE_LABELS[flowUseOf(f)] ?? '',
                    usedLabel: usedBy.length
                        ? `Used by ${usedBy.length} action${usedBy.length === 1 ? '' : 's'}`
                        : 'Not used',
                    usedBy,
                    expanded,
                    toggleLabel: `${expanded ? 'Hide' : 'Show'} variables of ${f.label || f.apiName}`,
                    loading: this.loadingFlows.has(f.apiName),
                    error: described && 'error' in described ? described.error : '',
                    variables,
                    hasVariables: variables.length > 0
                };
            });
    }

    get hasFlows(): boolean {
        return this.flowViews.length > 0;
    }

    get resourceViews() {
        return resourceUsage(this.context?.doc)
            .filter((r) => this.matches(r.name, r.kind, r.dataType))
            .map((r) => ({
                key: r.name,
                name: r.name,
                type: `${r.kind} · ${r.dataType}${r.isCollection ? ' collection' : ''}`,
                reads: links(r.reads),
                writes: links(r.writes),
                readLabel: r.reads.length
                    ? `Read in ${r.reads.length} place${r.reads.length === 1 ? '' : 's'}`
                    : 'Never read',
                writeLabel: r.writes.length
                    ? `Written in ${r.writes.length} place${r.writes.length === 1 ? '' : 's'}`
                    : 'Never written'
            }));
    }

    get hasResources(): boolean {
        return this.resourceViews.length > 0;
    }

    handleSearch(event: Event): void {
        this.searchTerm = String((event.target as HTMLInputElement).value ?? '');
    }

    async handleToggle(event: Event): Promise<void> {
        const name = (event.currentTarget as HTMLElement).dataset.flow ?? '';
        if (this.expanded.has(name)) {
            this.expanded.delete(name);
            this.expanded = new Set(this.expanded);
            return;
        }
        this.expanded = new Set([...this.expanded, name]);
        if (this.described.has(name) || !this.context) return;
        this.loadingFlows = new Set([...this.loadingFlows, name]);
        try {
            this.described.set(name, await this.context.services.describeFlow(name));
        } catch (error) {
            this.described.set(name, {
                error: (error as { message?: string })?.message || `Flow ${name} could not be described.`
            });
        } finally {
            this.loadingFlows.delete(name);
            this.loadingFlows = new Set(this.loadingFlows);
            this.described = new Map(this.described);
        }
    }

    handleGoTo(event: Event): void {
        const path = (event.currentTarget as HTMLElement).dataset.path ?? '';
        this.dispatchEvent(new CustomEvent('select', { detail: { path }, bubbles: true, composed: true }));
    }
}
