/*
 * Loads the sample data plan (data/*-plan.json, the `sf data import tree` format) into a Store:
 * records get generated ids in file order, "@RefN" references resolve to the ids of saved references and
 * `RecordType: {Name}` to the RecordTypeId of that record type (as the CLI does).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Store } from './store';
import type { PreviewSchema } from './schema';

interface PlanEntry {
    sobject: string;
    saveRefs?: boolean;
    resolveRefs?: boolean;
    files: string[];
}
interface TreeRecord {
    attributes: { type: string; referenceId?: string };
    [field: string]: unknown;
}

export const PREVIEW_USER = {
    FirstName: 'Pat',
    LastName: 'Preview',
    Email: 'pat.preview@example.com',
    Username: 'pat.preview@example.com',
    IsActive: true
};

/** Ids of the records loaded, by reference id (AccountRef1 → 001…). */
export type RefMap = Map<string, string>;

export function loadTree(
    store: Store,
    records: TreeRecord[],
    refs: RefMap,
    parent?: { field: string; id: string }
): void {
    for (const r of records) {
        const fields: Record<string, unknown> = {};
        const children: [string, TreeRecord[]][] = [];
        for (const [k, v] of Object.entries(r)) {
            if (k === 'attributes') continue;
            if (v && typeof v === 'object' && Array.isArray((v as { records?: unknown }).records)) {
                children.push([k, (v as { records: TreeRecord[] }).records]);
            } else if (k === 'RecordType' && v && typeof v === 'object') {
                // as sf data import tree does: RecordType.Name → the RecordTypeId of that name on the record's object
                const name = (v as { Name?: unknown }).Name;
                const rt = store.all('RecordType').find((x) => x.Name === name && x.SobjectType === r.attributes.type);
                if (!rt)
                    throw new Error(
                        `data: ${r.attributes.type} record ${r.attributes.referenceId ?? ''} names record type ${JSON.stringify(name)}, which ${r.attributes.type} does not have (objects/${r.attributes.type}/recordTypes)`
                    );
                fields.RecordTypeId = rt.Id;
            } else if (typeof v === 'string' && v.startsWith('@')) {
                const id = refs.get(v.slice(1));
                if (!id)
                    throw new Error(
                        `data: reference ${v} (${r.attributes.type}.${k}) is not defined by an earlier file of the plan`
                    );
                fields[k] = id;
            } else {
                fields[k] = v;
            }
        }
        if (parent) fields[parent.field] = parent.id;
        const rec = store.insert(r.attributes.type, fields);
        if (r.attributes.referenceId) refs.set(r.attributes.referenceId, rec.Id);
        for (const [, list] of children) {
            // child relationship (Contacts under an Account): the lookup to the parent is named after the parent type
            const lookup = `${r.attributes.type}Id`;
            loadTree(store, list, refs, { field: lookup, id: rec.Id });
        }
    }
}

/**
 * Synthetic Flow Orchestration runs for the first accounts (the platform creates these at run time; `sf data import`
 * cannot): one run per account with an interactive step whose work item is assigned to the preview user.
 */
export function seedOrchestrationRuns(store: Store, userId: string, count = 3): void {
    const accounts = store.all('Account').slice(0, count);
    accounts.forEach((account, i) => {
        const run = store.insert('FlowOrchestrationInstance', {
            Name: `Account_Onboarding-${i + 1}`,
            OrchestrationLabel: 'Account Onboarding',
            OrchestrationDeveloperName: 'Account_Onboarding',
            Status: i === 2 ? 'Completed' : 'InProgress',
            CurrentStage: i === 2 ? 'Done' : 'Review',
            TriggeringRecord: account.Id
        });
        const step = store.insert('FlowOrchestrationStepInstance', {
            Name: `Review_Account-${i + 1}`,
            Label: 'Review Account',
            OrchestrationInstanceId: run.Id,
            Status: i === 2 ? 'Completed' : 'InProgress',
            StepType: 'InteractiveStep'
        });
        store.insert('FlowOrchestrationWorkItem', {
            Name: `Review_Account-${i + 1}-WI`,
            Label: `Review ${String(account.Name)}`,
            Status: i === 2 ? 'Completed' : 'Assigned',
            AssigneeId: userId,
            RelatedRecordId: account.Id,
            StepInstanceId: step.Id,
            ScreenFlow: 'Review_Account'
        });
    });
}

/** A store with the preview user and every plan in dataDir (none → only the user). */
export function loadDataDir(schema: PreviewSchema, dataDir: string): { store: Store; refs: RefMap } {
    const store = new Store(schema);
    const refs: RefMap = new Map();
    store.insert('User', PREVIEW_USER);
    const plans = fs.existsSync(dataDir)
        ? fs
              .readdirSync(dataDir)
              .filter((f) => /plan\.json$/i.test(f))
              .sort()
        : [];
    for (const planFile of plans) {
        const plan = JSON.parse(fs.readFileSync(path.join(dataDir, planFile), 'utf8')) as PlanEntry[];
        for (const entry of plan) {
            for (const file of entry.files) {
                const doc = JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as { records: TreeRecord[] };
                try {
                    loadTree(store, doc.records, refs);
                } catch (e) {
                    throw new Error(`data/${file}: ${(e as Error).message}`);
                }
            }
        }
    }
    seedOrchestrationRuns(store, store.all('User')[0].Id);
    return { store, refs };
}
