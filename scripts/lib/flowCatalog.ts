/*
 * The FlowCatalog of a project's flow XML: what the flow contract check (c/dcDefinition checkFlowContracts) knows of
 * each flow offline and in the local preview, the same facts the org gives through FlowDefinitionView and
 * FlowVariableView:
 *   - apiName: the file name without .flow-meta.xml (exact case);
 *   - processType: <processType> (AutoLaunchedFlow when absent, as Flow Builder does);
 *   - triggerType: <start><triggerType> (RecordAfterSave, Scheduled, PlatformEvent, ...), null for "no trigger";
 *   - isActive: <status>Active</status>;
 *   - variables with isRequired = an input variable without a default <value>;
 *   - recordWrites: the flow's own recordCreates / recordUpdates / recordDeletes elements (actionCalls are not
 *     counted: an action's writes are its own code's), subflows: <subflows><flowName>, runInMode: <runInMode> or
 *     null when the flow does not set it. The org can tell runInMode (FlowVersionView.RunInMode) but not the writes.
 *
 *   const flows = loadFlowCatalog(projectRoot);             // every package directory
 *   const flows = flowCatalogOfDirectory(flowsDir);         // one folder (the preview)
 *
 * Files are re-read when they change (mtime and size), so the preview's edit-and-reload loop sees new flows.
 * Files that are not well-formed XML are left out and listed by unreadable() (the flow-schema check reports them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type {
    FlowCatalog,
    FlowDescribe,
    FlowRecordWrite,
    FlowRunInMode,
    FlowVariableDescribe
} from '../../force-app/main/default/lwc/dcDefinition/valueTypes';
import { FLOW_SUFFIX, FlowParseError, flowFiles, parseFlow, textOf, type FlowModel } from './flowModel';

/** A flow file that could not be read as Flow XML. */
export interface UnreadableFlow {
    apiName: string;
    file: string;
    line: number;
    message: string;
}

const WRITE_ELEMENTS: Record<string, FlowRecordWrite['operation']> = {
    recordCreates: 'create',
    recordUpdates: 'update',
    recordDeletes: 'delete'
};

/** The flow's Create / Update / Delete Records elements, in document order. */
function recordWritesOf(model: FlowModel): FlowRecordWrite[] {
    return model.elements
        .filter((e) => e.kind in WRITE_ELEMENTS)
        .map((e) => {
            const write: FlowRecordWrite = { element: e.name, operation: WRITE_ELEMENTS[e.kind] };
            const object = textOf(e.node, 'object');
            if (object) write.object = object;
            return write;
        });
}

/** The FlowDescribe of a parsed flow file. */
export function describeFlowModel(model: FlowModel): FlowDescribe {
    const trigger = model.start?.triggerType;
    const triggerType = trigger && trigger !== 'None' ? trigger : null;
    const variables = model.variables.map((v) => {
        const variable: FlowVariableDescribe = {
            name: v.name,
            dataType: v.dataType || 'String',
            isCollection: v.isCollection,
            isInput: v.isInput,
            isOutput: v.isOutput,
            isRequired: v.isInput && !v.defaultValue
        };
        if (v.objectType) variable.objectType = v.objectType;
        if (v.description) variable.description = v.description;
        return variable;
    });
    return {
        apiName: model.apiName,
        label: model.label ?? model.apiName,
        description: model.description ?? '',
        processType: model.processType ?? 'AutoLaunchedFlow',
        triggerType,
        isActive: model.status === 'Active',
        variables,
        recordWrites: recordWritesOf(model),
        subflows: model.elements
            .filter((e) => e.kind === 'subflows')
            .map((e) => textOf(e.node, 'flowName') ?? '')
            .filter((name) => !!name),
        // an unknown value is kept as written: the flow-schema step reports it
        runInMode: (textOf(model.xml, 'runInMode') as FlowRunInMode | undefined) ?? null
    };
}

interface Entry {
    stamp: string;
    describe?: FlowDescribe;
    unreadable?: UnreadableFlow;
}

function apiNameOf(file: string): string {
    return path.basename(file).slice(0, -FLOW_SUFFIX.length);
}

/** A FlowCatalog over flow files listed by `files()` (called on every lookup, so new files are seen). */
export class FlowXmlCatalog implements FlowCatalog {
    private readonly cache = new Map<string, Entry>();

    constructor(private readonly files: () => string[]) {}

    private entry(file: string): Entry | undefined {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(file);
        } catch {
            this.cache.delete(file);
            return undefined;
        }
        const stamp = `${stat.mtimeMs}:${stat.size}`;
        const hit = this.cache.get(file);
        if (hit && hit.stamp === stamp) return hit;
        let entry: Entry;
        try {
            entry = { stamp, describe: describeFlowModel(parseFlow(fs.readFileSync(file, 'utf8'), file)) };
        } catch (e) {
            entry = {
                stamp,
                unreadable: {
                    apiName: apiNameOf(file),
                    file,
                    line: e instanceof FlowParseError ? e.line : 1,
                    message: (e as Error).message
                }
            };
        }
        this.cache.set(file, entry);
        return entry;
    }

    private entries(): Entry[] {
        return this.files()
            .map((f) => this.entry(f))
            .filter((e): e is Entry => !!e);
    }

    listFlows(): FlowDescribe[] {
        return this.entries()
            .map((e) => e.describe)
            .filter((d): d is FlowDescribe => !!d);
    }

    /** The flow with this API name: the exact name first, else one that differs in case only (as SOQL finds it). */
    describeFlow(apiName: string): FlowDescribe | undefined {
        const files = this.files();
        const file =
            files.find((f) => apiNameOf(f) === apiName) ??
            files.find((f) => apiNameOf(f).toLowerCase() === apiName.toLowerCase());
        return file ? this.entry(file)?.describe : undefined;
    }

    /** Flow files that are not well-formed Flow XML. */
    unreadable(): UnreadableFlow[] {
        return this.entries()
            .map((e) => e.unreadable)
            .filter((u): u is UnreadableFlow => !!u);
    }
}

/** The flows of an SFDX project: every *.flow-meta.xml under its package directories. */
export function loadFlowCatalog(projectRoot: string): FlowXmlCatalog {
    return new FlowXmlCatalog(() => flowFiles(projectRoot));
}

/** The flows of one folder (force-app/main/default/flows in the preview). */
export function flowCatalogOfDirectory(dir: string): FlowXmlCatalog {
    return new FlowXmlCatalog(() =>
        fs.existsSync(dir)
            ? fs
                  .readdirSync(dir)
                  .filter((f) => f.endsWith(FLOW_SUFFIX))
                  .sort()
                  .map((f) => path.join(dir, f))
            : []
    );
}
