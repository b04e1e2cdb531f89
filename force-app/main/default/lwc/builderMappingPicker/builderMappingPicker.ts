import { LightningElement, api } from 'lwc';
import { valueTypeLabel } from 'c/dcDefinition';
import type { SchemaCatalog, ValueType } from 'c/dcDefinition';
import { mappingSources } from 'c/dcBuilder';
import type { BuilderEdit, EditorContext, MappingSource } from 'c/dcBuilder';

interface PickerOption {
    value: string;
    label: string;
    description: string;
    group: string;
}

type Json = Record<string, unknown>;

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
}

/**
 * The mapping picker: a grouped, searchable list of the merge fields that can feed a value of type `target`
 * (dcBuilder mappingSources: only sources the contract check accepts), each shown with its type. Picking one writes
 * '{!source}' into the value.
 *
 * Inputs (@api): label, value (the current merge field), target (ValueType the value must have), actionPath (the
 * action or node the value belongs to: decides ActionRow and $Error), context (EditorContext), path (optional: the
 * value's JSON path; when set the picker fires the `edit` itself), errorMessage, helpText, required.
 * Events: change {value} (does not bubble); edit (BuilderEdit set at `path`, bubbles, composed) when `path` is set.
 * It describes the objects it needs (User, the record page's object, the tables' query objects and their parents)
 * through context.services, which caches them.
 */
export default class BuilderMappingPicker extends LightningElement {
    @api label = 'Value';
    @api value?: string;
    @api actionPath = '';
    @api path?: string;
    @api errorMessage = '';
    @api helpText?: string;
    @api required = false;

    /** Bumped when a describe arrives, so the sources are computed again with the new types. */
    loadVersion = 0;

    private targetType: ValueType = { dataType: 'Unknown', isCollection: false };
    private editorContext?: EditorContext;
    private requested = new Set<string>();

    @api
    get target(): ValueType {
        return this.targetType;
    }
    set target(value: ValueType) {
        this.targetType = value ?? { dataType: 'Unknown', isCollection: false };
    }

    @api
    get context(): EditorContext | undefined {
        return this.editorContext;
    }
    set context(value: EditorContext | undefined) {
        this.editorContext = value;
        this.requestDescribes();
    }

    override connectedCallback(): void {
        this.requestDescribes();
    }

    private get catalog(): SchemaCatalog | undefined {
        const services = this.editorContext?.services;
        if (!services) return undefined;
        return { describeObject: (name: string) => services.cachedObject(name) };
    }

    /** Objects whose fields type the sources: User, the record page's object, Record variables, table queries. */
    private neededObjects(): string[] {
        const ctx = this.editorContext;
        if (!ctx) return [];
        const doc = ctx.doc ?? {};
        const names = new Set<string>(['User']);
        if (ctx.recordObjectApiName) names.add(ctx.recordObjectApiName);
        for (const r of list(doc.resources)) {
            if (r.dataType === 'Record' && typeof r.objectApiName === 'string') names.add(r.objectApiName);
        }
        const queries = list(doc.queries);
        for (const c of list(doc.components)) {
            const q = queries.find((x) => x.name === c.query);
            if (!q || typeof q.object !== 'string') continue;
            names.add(q.object);
            // parents of row fields such as Account.Name (one level, through the described object)
            const described = ctx.services?.cachedObject(q.object);
            if (!described || !Array.isArray(q.fields)) continue;
            for (const f of q.fields) {
                if (typeof f !== 'string' || !f.includes('.')) continue;
                const rel = f.split('.')[0].toLowerCase();
                const lookup = Object.values(described.fields).find((x) => x.relationshipName?.toLowerCase() === rel);
                if (lookup?.referenceTo?.length === 1) names.add(lookup.referenceTo[0]);
            }
        }
        return [...names];
    }

    private requestDescribes(): void {
        const services = this.editorContext?.services;
        if (!services) return;
        for (const name of this.neededObjects()) {
            if (this.requested.has(name) || services.cachedObject(name)) continue;
            this.requested.add(name);
            services.describeObject(name).then(
                () => {
                    this.loadVersion++;
                    this.requestDescribes();
                },
                () => {
                    // Not readable for this user or not in the org: its fields are simply not offered.
                }
            );
        }
    }

    get sources(): MappingSource[] {
        const ctx = this.editorContext;
        // loadVersion is read so that a finished describe computes the list again
        if (!ctx || this.loadVersion < 0) return [];
        return mappingSources(ctx.doc ?? {}, this.actionPath ?? '', this.targetType, {
            catalog: this.catalog,
            recordObjectApiName: ctx.recordObjectApiName
        });
    }

    get options(): PickerOption[] {
        return this.sources.map((s) => ({
            value: s.value,
            label: s.label,
            description: s.description,
            group: s.group
        }));
    }

    get targetLabel(): string {
        return this.targetType.dataType === 'Unknown' ? 'any value' : valueTypeLabel(this.targetType);
    }

    get effectiveHelpText(): string {
        if (this.helpText !== undefined) return this.helpText;
        return `Lists the sources that hold a ${this.targetLabel}.`;
    }

    get placeholder(): string {
        return 'Search merge fields…';
    }

    handleChange(event: CustomEvent<{ value: string }>): void {
        event.stopPropagation();
        const value = event.detail.value;
        this.dispatchEvent(new CustomEvent('change', { detail: { value } }));
        if (this.path) {
            const detail: BuilderEdit = { op: 'set', path: this.path, value, label: `Map ${this.label}` };
            this.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
        }
    }
}
