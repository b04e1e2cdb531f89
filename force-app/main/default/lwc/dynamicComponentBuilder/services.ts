/*
 * The builder's services over DynamicComponentBuilderController (docs/BUILDER.md): schema and flow catalogues for
 * the editors (BuilderServices, every answer cached for the session, so editors may ask freely) and the host's own
 * calls (definitions, save, save status). Every failure rejects with the structured `{ code, message, details }`.
 */
import listObjectsApex from '@salesforce/apex/DynamicComponentBuilderController.listObjects';
import describeObjectApex from '@salesforce/apex/DynamicComponentBuilderController.describeObject';
import listFlowsApex from '@salesforce/apex/DynamicComponentBuilderController.listFlows';
import describeFlowApex from '@salesforce/apex/DynamicComponentBuilderController.describeFlow';
import listDefinitionsApex from '@salesforce/apex/DynamicComponentBuilderController.listDefinitions';
import getDefinitionForEditApex from '@salesforce/apex/DynamicComponentBuilderController.getDefinitionForEdit';
import saveDefinitionApex from '@salesforce/apex/DynamicComponentBuilderController.saveDefinition';
import getSaveStatusApex from '@salesforce/apex/DynamicComponentBuilderController.getSaveStatus';
import { parseServerError } from 'c/dcRuntime';
import type { ServerError } from 'c/dcRuntime';
import type { FlowDescribe } from 'c/dcDefinition';
import type {
    BuilderObject,
    BuilderServices,
    DefinitionSummary,
    EditableDefinition,
    FlowSummary,
    ObjectSummary,
    SaveResponse,
    SaveStatus
} from 'c/dcBuilder';

/** Where a describe stands: not asked yet, loading, loaded, or failed (unknown object or flow, no access…). */
export type LoadState = 'unknown' | 'pending' | 'loaded' | 'failed';

interface Entry<T> {
    promise: Promise<T>;
    state: LoadState;
    value?: T;
    error?: ServerError;
}

/** What the builder host needs besides the editors' BuilderServices. */
export interface HostServices extends BuilderServices {
    listDefinitions(): Promise<DefinitionSummary[]>;
    getDefinitionForEdit(definitionName: string): Promise<EditableDefinition>;
    saveDefinition(definitionJson: string, baseContentHash: string | null, saveAsNew: boolean): Promise<SaveResponse>;
    getSaveStatus(jobId: string): Promise<SaveStatus>;
    objectState(objectApiName: string): LoadState;
    flowState(flowApiName: string): LoadState;
    /** The flow list, once listFlows() has answered. */
    cachedFlowList(): FlowSummary[] | undefined;
    /** Called whenever a describe or the flow list settles (the host re-validates). */
    onChange?: () => void;
}

function failure(error: unknown): ServerError {
    return parseServerError(error);
}

export class ApexBuilderServices implements HostServices {
    onChange?: () => void;
    private objectList?: Entry<ObjectSummary[]>;
    private flowList?: Entry<FlowSummary[]>;
    private readonly objects = new Map<string, Entry<BuilderObject>>();
    private readonly flows = new Map<string, Entry<FlowDescribe>>();

    private track<T>(load: () => Promise<unknown>, normalize: (v: unknown) => T): Entry<T> {
        const entry = { state: 'pending' } as Entry<T>;
        entry.promise = Promise.resolve()
            .then(load)
            .then(
                (raw) => {
                    const value = normalize(raw);
                    entry.state = 'loaded';
                    entry.value = value;
                    this.onChange?.();
                    return value;
                },
                (e: unknown) => {
                    entry.state = 'failed';
                    entry.error = failure(e);
                    this.onChange?.();
                    throw entry.error;
                }
            );
        // Callers that only look at the cache must not see an unhandled rejection.
        entry.promise.catch(() => undefined);
        return entry;
    }

    listObjects(): Promise<ObjectSummary[]> {
        this.objectList ??= this.track(
            () => listObjectsApex(),
            (v) => (Array.isArray(v) ? (v as ObjectSummary[]) : [])
        );
        return this.objectList.promise;
    }

    describeObject(objectApiName: string): Promise<BuilderObject> {
        const key = objectApiName.toLowerCase();
        let entry = this.objects.get(key);
        if (!entry) {
            entry = this.track(
                () => describeObjectApex({ objectApiName }),
                (v) => {
                    const o = v as BuilderObject;
                    return { ...o, fields: o && typeof o.fields === 'object' && o.fields ? o.fields : {} };
                }
            );
            this.objects.set(key, entry);
        }
        return entry.promise;
    }

    cachedObject(objectApiName: string): BuilderObject | undefined {
        return this.objects.get(objectApiName.toLowerCase())?.value;
    }

    objectState(objectApiName: string): LoadState {
        return this.objects.get(objectApiName.toLowerCase())?.state ?? 'unknown';
    }

    listFlows(): Promise<FlowSummary[]> {
        this.flowList ??= this.track(
            () => listFlowsApex(),
            (v) => (Array.isArray(v) ? (v as FlowSummary[]) : [])
        );
        return this.flowList.promise;
    }

    cachedFlowList(): FlowSummary[] | undefined {
        return this.flowList?.value;
    }

    describeFlow(flowApiName: string): Promise<FlowDescribe> {
        const key = flowApiName.toLowerCase();
        let entry = this.flows.get(key);
        if (!entry) {
            entry = this.track(
                () => describeFlowApex({ flowApiName }),
                (v) => {
                    const f = v as FlowDescribe;
                    return { ...f, variables: Array.isArray(f?.variables) ? f.variables : [] };
                }
            );
            this.flows.set(key, entry);
        }
        return entry.promise;
    }

    cachedFlow(flowApiName: string): FlowDescribe | undefined {
        return this.flows.get(flowApiName.toLowerCase())?.value;
    }

    flowState(flowApiName: string): LoadState {
        return this.flows.get(flowApiName.toLowerCase())?.state ?? 'unknown';
    }

    async listDefinitions(): Promise<DefinitionSummary[]> {
        try {
            const v = await listDefinitionsApex();
            return Array.isArray(v) ? (v as DefinitionSummary[]) : [];
        } catch (e) {
            throw failure(e);
        }
    }

    async getDefinitionForEdit(definitionName: string): Promise<EditableDefinition> {
        try {
            return (await getDefinitionForEditApex({ definitionName })) as EditableDefinition;
        } catch (e) {
            throw failure(e);
        }
    }

    async saveDefinition(
        definitionJson: string,
        baseContentHash: string | null,
        saveAsNew: boolean
    ): Promise<SaveResponse> {
        try {
            return (await saveDefinitionApex({ definitionJson, baseContentHash, saveAsNew })) as SaveResponse;
        } catch (e) {
            throw failure(e);
        }
    }

    async getSaveStatus(jobId: string): Promise<SaveStatus> {
        try {
            return (await getSaveStatusApex({ jobId })) as SaveStatus;
        } catch (e) {
            throw failure(e);
        }
    }
}
