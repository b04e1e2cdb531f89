/*
 * The preview's schema: a few standard objects (Account, Contact, User) plus the custom objects and fields of the
 * project (force-app/main/default/objects). Used by the query engine (types, labels, sorting, name fields), the
 * store (validation like a DML would do it) and definition validation (as a c/dcDefinition SchemaCatalog).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ReadOnlyReason, SchemaCatalog } from '../../force-app/main/default/lwc/dcDefinition/definitionTypes';
import { loadSchemaCatalog, standardCatalog } from '../../scripts/lib/schemaCatalog';

export interface PreviewField {
    name: string;
    label: string;
    /** Schema.DisplayType name: STRING, EMAIL, PICKLIST, REFERENCE, ID, DATE, ... */
    type: string;
    referenceTo?: string[];
    relationshipName?: string;
    isNameField?: boolean;
    required?: boolean;
    /** Picklist values (API names) in setup order; enforced by the store when `restricted`. */
    picklistValues?: string[];
    /** The same values with their labels (the field XML's valueSet), for describes. */
    picklistEntries?: PicklistEntry[];
    restricted?: boolean;
    defaultValue?: unknown;
    /** Computed by the store (Contact.Name); not writable. */
    calculated?: boolean;
    /** A dependent picklist: the controlling field's API name (the field XML's valueSet.controllingField). */
    controllerName?: string;
    /** A dependent picklist: the controlling values each value is valid for (the field XML's valueSettings). */
    validFor?: Map<string, string[]>;
    sortable: boolean;
    filterable: boolean;
}

export interface PicklistEntry {
    value: string;
    label: string;
    active: boolean;
    isDefault?: boolean;
}

export interface PreviewObject {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    fields: Map<string, PreviewField>;
    /** A custom object of the project (force-app/main/default/objects/*__c). */
    isCustom?: boolean;
    /** SOQL can read it (platform events cannot). Default true. */
    queryable?: boolean;
    /** Record types (objects/<Object>/recordTypes/*.recordType-meta.xml), in file name order. */
    recordTypes?: PreviewRecordType[];
    /** Active validation rules (objects/<Object>/validationRules/*.validationRule-meta.xml). */
    validationRules?: PreviewValidationRule[];
}

/** The master record type's Id (UI API: a record of an object without record types has this one). */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

export interface PreviewRecordType {
    /** Assigned by the schema: 012 + counter (the store's RecordType table holds the same Ids). */
    id: string;
    developerName: string;
    /** Label (the RecordType record's Name). */
    name: string;
    active: boolean;
    /** Per picklist field: the values this record type offers (in the field's order) and its default. */
    picklists: Map<string, { values: string[]; defaultValue: string | null }>;
}

export interface PreviewValidationRule {
    name: string;
    /** errorConditionFormula: the record is refused when it evaluates to true. */
    formula: string;
    errorMessage: string;
    /** errorDisplayField, or undefined for an error shown at the top of the page. */
    errorDisplayField?: string;
}

function f(name: string, label: string, type: string, extra: Partial<PreviewField> = {}): PreviewField {
    const sortable = type !== 'TEXTAREA' && type !== 'MULTIPICKLIST';
    const field: PreviewField = { name, label, type, sortable, filterable: sortable, ...extra };
    if (field.picklistValues && !field.picklistEntries)
        field.picklistEntries = field.picklistValues.map((value) => ({
            value,
            label: spacedLabel(value),
            active: true
        }));
    return field;
}

/** The label Setup shows for a run-status value such as InProgress ("In Progress"); other values as they are. */
function spacedLabel(value: string): string {
    return /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(value) ? value.replace(/(?<=[a-z])(?=[A-Z])/g, ' ') : value;
}

/** Standard value sets of the standard picklists the preview knows (as a new org has them). */
const INDUSTRIES = [
    'Agriculture',
    'Apparel',
    'Banking',
    'Biotechnology',
    'Chemicals',
    'Communications',
    'Construction',
    'Consulting',
    'Education',
    'Electronics',
    'Energy',
    'Engineering',
    'Entertainment',
    'Environmental',
    'Finance',
    'Food & Beverage',
    'Government',
    'Healthcare',
    'Hospitality',
    'Insurance',
    'Machinery',
    'Manufacturing',
    'Media',
    'Not For Profit',
    'Other',
    'Recreation',
    'Retail',
    'Shipping',
    'Technology',
    'Telecommunications',
    'Transportation',
    'Utilities'
];
const ACCOUNT_TYPES = [
    'Prospect',
    'Customer - Direct',
    'Customer - Channel',
    'Channel Partner / Reseller',
    'Installation Partner',
    'Technology Partner',
    'Other'
];

function standardObjects(): PreviewObject[] {
    const audit = [
        f('CreatedDate', 'Created Date', 'DATETIME', { calculated: true }),
        f('LastModifiedDate', 'Last Modified Date', 'DATETIME', { calculated: true }),
        f('OwnerId', 'Owner ID', 'REFERENCE', { referenceTo: ['User'], relationshipName: 'Owner' })
    ];
    const obj = (
        name: string,
        label: string,
        labelPlural: string,
        keyPrefix: string,
        fields: PreviewField[]
    ): PreviewObject => ({
        name,
        label,
        labelPlural,
        keyPrefix,
        fields: new Map([f('Id', `${label} ID`, 'ID'), ...fields].map((x) => [x.name, x]))
    });
    return [
        obj('Account', 'Account', 'Accounts', '001', [
            f('Name', 'Account Name', 'STRING', { isNameField: true, required: true }),
            f('Industry', 'Industry', 'PICKLIST', { picklistValues: INDUSTRIES }),
            f('Type', 'Account Type', 'PICKLIST', { picklistValues: ACCOUNT_TYPES }),
            f('Phone', 'Account Phone', 'PHONE'),
            f('Website', 'Website', 'URL'),
            f('AnnualRevenue', 'Annual Revenue', 'CURRENCY'),
            f('NumberOfEmployees', 'Employees', 'INTEGER'),
            f('Description', 'Account Description', 'TEXTAREA'),
            ...audit
        ]),
        obj('Contact', 'Contact', 'Contacts', '003', [
            f('Name', 'Full Name', 'STRING', { isNameField: true, calculated: true }),
            f('FirstName', 'First Name', 'STRING'),
            f('LastName', 'Last Name', 'STRING', { required: true }),
            f('Email', 'Email', 'EMAIL'),
            f('Phone', 'Business Phone', 'PHONE'),
            f('MobilePhone', 'Mobile Phone', 'PHONE'),
            f('Title', 'Title', 'STRING'),
            f('Department', 'Department', 'STRING'),
            f('Birthdate', 'Birthdate', 'DATE'),
            f('DoNotCall', 'Do Not Call', 'BOOLEAN', { defaultValue: false }),
            f('AccountId', 'Account ID', 'REFERENCE', { referenceTo: ['Account'], relationshipName: 'Account' }),
            f('Description', 'Contact Description', 'TEXTAREA'),
            ...audit
        ]),
        // Flow Orchestration runtime objects (read by the orchestration definitions); the preview seeds a few runs
        obj('FlowOrchestrationInstance', 'Orchestration Run', 'Orchestration Runs', '0jE', [
            f('Name', 'Orchestration Run Name', 'STRING', { isNameField: true, required: true }),
            f('OrchestrationLabel', 'Orchestration Label', 'STRING'),
            f('OrchestrationDeveloperName', 'Orchestration API Name', 'STRING'),
            f('Status', 'Status', 'PICKLIST', {
                picklistValues: ['InProgress', 'Completed', 'Error', 'Canceled', 'Suspended'],
                restricted: true
            }),
            f('CurrentStage', 'Current Stage', 'STRING'),
            f('TriggeringRecord', 'Triggering Record', 'STRING'),
            f('CreatedDate', 'Created Date', 'DATETIME', { calculated: true })
        ]),
        obj('FlowOrchestrationStepInstance', 'Orchestration Step Run', 'Orchestration Step Runs', '0jS', [
            f('Name', 'Step Run Name', 'STRING', { isNameField: true, required: true }),
            f('Label', 'Label', 'STRING'),
            f('OrchestrationInstanceId', 'Orchestration Run ID', 'REFERENCE', {
                referenceTo: ['FlowOrchestrationInstance'],
                relationshipName: 'OrchestrationInstance'
            }),
            f('Status', 'Status', 'PICKLIST', {
                picklistValues: ['NotStarted', 'InProgress', 'Completed', 'Discontinued', 'Error'],
                restricted: true
            }),
            f('StepType', 'Step Type', 'PICKLIST')
        ]),
        obj('FlowOrchestrationWorkItem', 'Orchestration Work Item', 'Orchestration Work Items', '0jF', [
            f('Name', 'Work Item Name', 'STRING', { isNameField: true, required: true }),
            f('Label', 'Label', 'STRING'),
            f('Description', 'Description', 'TEXTAREA'),
            f('Status', 'Status', 'PICKLIST', { picklistValues: ['Assigned', 'Completed'], restricted: true }),
            f('AssigneeId', 'Assignee ID', 'REFERENCE', { referenceTo: ['User'], relationshipName: 'Assignee' }),
            // polymorphic: any object (describe referenceTo is empty in the offline catalog); named through Name
            f('RelatedRecordId', 'Related Record ID', 'REFERENCE', {
                referenceTo: [],
                relationshipName: 'RelatedRecord'
            }),
            f('StepInstanceId', 'Step Run ID', 'REFERENCE', {
                referenceTo: ['FlowOrchestrationStepInstance'],
                relationshipName: 'StepInstance'
            }),
            f('ScreenFlow', 'Screen Flow', 'STRING'),
            f('CreatedDate', 'Created Date', 'DATETIME', { calculated: true })
        ]),
        // platform event: a flow's Create Records publishes it; the preview keeps published events in the store
        {
            ...obj('FlowOrchestrationEvent', 'Flow Orchestration Event', 'Flow Orchestration Events', 'e00', [
                f('OrchestrationInstanceId', 'Orchestration Run ID', 'REFERENCE', {
                    referenceTo: ['FlowOrchestrationInstance'],
                    relationshipName: 'OrchestrationInstance',
                    required: true
                }),
                f('StepInstanceId', 'Step Run ID', 'REFERENCE', {
                    referenceTo: ['FlowOrchestrationStepInstance'],
                    relationshipName: 'StepInstance'
                }),
                f('StepStatus', 'Step Status', 'STRING'),
                f('EventPayload', 'Event Payload', 'TEXTAREA')
            ]),
            queryable: false
        },
        // the record types of the project's objects (loadSchema adds one record per recordTypes/*.recordType-meta.xml)
        obj('RecordType', 'Record Type', 'Record Types', '012', [
            f('Name', 'Record Type Label', 'STRING', { isNameField: true, required: true }),
            f('DeveloperName', 'Record Type Name', 'STRING', { required: true }),
            f('SobjectType', 'SObject Type Name', 'STRING', { required: true }),
            f('IsActive', 'Active', 'BOOLEAN')
        ]),
        obj('User', 'User', 'Users', '005', [
            f('Name', 'Full Name', 'STRING', { isNameField: true, calculated: true }),
            f('FirstName', 'First Name', 'STRING'),
            f('LastName', 'Last Name', 'STRING', { required: true }),
            f('Email', 'Email', 'EMAIL'),
            f('Username', 'Username', 'STRING'),
            f('IsActive', 'Active', 'BOOLEAN')
        ])
    ];
}

const FIELD_TYPES: Record<string, string> = {
    Text: 'STRING',
    Picklist: 'PICKLIST',
    MultiselectPicklist: 'MULTIPICKLIST',
    Number: 'DOUBLE',
    Currency: 'CURRENCY',
    Percent: 'PERCENT',
    Checkbox: 'BOOLEAN',
    Date: 'DATE',
    DateTime: 'DATETIME',
    Time: 'TIME',
    Email: 'EMAIL',
    Phone: 'PHONE',
    Url: 'URL',
    TextArea: 'TEXTAREA',
    LongTextArea: 'TEXTAREA',
    Html: 'TEXTAREA',
    Lookup: 'REFERENCE',
    MasterDetail: 'REFERENCE',
    AutoNumber: 'STRING'
};

const ARRAYS = new Set(['value', 'valueSettings', 'controllingFieldValue', 'picklistValues', 'values']);
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });

function text(v: unknown): string | undefined {
    return v === undefined || v === null ? undefined : String(v);
}

function readCustomField(file: string): PreviewField | undefined {
    const doc = xml.parse(fs.readFileSync(file, 'utf8')).CustomField as Record<string, unknown> | undefined;
    if (!doc) return undefined;
    const name = text(doc.fullName) ?? path.basename(file).replace('.field-meta.xml', '');
    const type = FIELD_TYPES[text(doc.type) ?? 'Text'] ?? 'STRING';
    const field = f(name, text(doc.label) ?? name, type, { required: text(doc.required) === 'true' });
    if (type === 'REFERENCE') {
        field.referenceTo = [text(doc.referenceTo) ?? ''];
        field.relationshipName = text(doc.relationshipName)
            ? text(doc.relationshipName) + '__r'
            : name.replace(/__c$/, '__r');
    }
    if (text(doc.type) === 'AutoNumber' || doc.formula !== undefined) field.calculated = true;
    const valueSet = doc.valueSet as
        | {
              controllingField?: unknown;
              valueSettings?: { controllingFieldValue?: unknown[]; valueName?: unknown }[];
              restricted?: unknown;
              valueSetDefinition?: {
                  value?: { fullName: unknown; default?: unknown; label?: unknown; isActive?: unknown }[];
              };
          }
        | undefined;
    const values = valueSet?.valueSetDefinition?.value ?? [];
    if (values.length) {
        field.picklistValues = values.map((v) => String(v.fullName));
        field.picklistEntries = values.map((v) => ({
            value: String(v.fullName),
            label: text(v.label) ?? String(v.fullName),
            active: text(v.isActive) !== 'false',
            isDefault: text(v.default) === 'true'
        }));
        field.restricted = text(valueSet?.restricted) === 'true';
        const def = values.find((v) => text(v.default) === 'true');
        if (def) field.defaultValue = String(def.fullName);
    }
    if (text(valueSet?.controllingField)) {
        field.controllerName = text(valueSet?.controllingField);
        field.validFor = new Map((field.picklistValues ?? []).map((v) => [v, [] as string[]]));
        for (const setting of valueSet?.valueSettings ?? []) {
            const list = field.validFor.get(String(setting.valueName));
            if (list) list.push(...(setting.controllingFieldValue ?? []).map(String));
        }
    }
    if (type === 'BOOLEAN') field.defaultValue = text(doc.defaultValue) === 'true';
    return field;
}

function readRecordType(file: string, id: string): PreviewRecordType | undefined {
    const doc = xml.parse(fs.readFileSync(file, 'utf8')).RecordType as Record<string, unknown> | undefined;
    if (!doc) return undefined;
    const developerName = text(doc.fullName) ?? path.basename(file).replace('.recordType-meta.xml', '');
    const picklists = new Map<string, { values: string[]; defaultValue: string | null }>();
    for (const p of (doc.picklistValues ?? []) as {
        picklist?: unknown;
        values?: { fullName?: unknown; default?: unknown }[];
    }[]) {
        const values = (p.values ?? []).map((v) => decodeURIComponent(String(v.fullName)));
        const def = (p.values ?? []).find((v) => text(v.default) === 'true');
        picklists.set(String(p.picklist), {
            values,
            defaultValue: def ? decodeURIComponent(String(def.fullName)) : null
        });
    }
    return {
        id,
        developerName,
        name: text(doc.label) ?? developerName,
        active: text(doc.active) !== 'false',
        picklists
    };
}

function readValidationRule(file: string): PreviewValidationRule | undefined {
    const doc = xml.parse(fs.readFileSync(file, 'utf8')).ValidationRule as Record<string, unknown> | undefined;
    if (!doc || text(doc.active) === 'false') return undefined;
    return {
        name: text(doc.fullName) ?? path.basename(file).replace('.validationRule-meta.xml', ''),
        formula: text(doc.errorConditionFormula) ?? 'false',
        errorMessage: text(doc.errorMessage) ?? 'A validation rule refused the record.',
        errorDisplayField: text(doc.errorDisplayField)
    };
}

/** Files of a metadata folder with the given suffix, sorted; none when the folder is absent. */
function metadataFiles(dir: string, suffix: string): string[] {
    return fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter((f) => f.endsWith(suffix))
              .sort()
              .map((f) => path.join(dir, f))
        : [];
}

export class PreviewSchema {
    readonly objects = new Map<string, PreviewObject>();
    private lower = new Map<string, PreviewObject>();
    private catalogObjects: Map<string, CatalogObject> | undefined;
    private readonly offline: SchemaCatalog;

    /**
     * @param offline the offline SchemaCatalog (scripts/lib/schemaCatalog) of the same project: it says why a field
     * cannot be written, so the preview's `editable` problems are worded as the verify step's; default: the
     * standard objects only.
     */
    constructor(objects: PreviewObject[], offline?: SchemaCatalog) {
        this.offline = offline ?? standardCatalog();
        for (const o of objects) this.add(o);
    }

    /** Why nobody can write a field the preview does not let anyone write, as the offline catalog says. */
    readOnlyReason(objectName: string, f: PreviewField): ReadOnlyReason | undefined {
        if (isUpdateableField(f)) return undefined;
        const fields = this.offline.describeObject(objectName)?.fields;
        if (!fields) return undefined;
        const described =
            fields instanceof Map
                ? (fields.get(f.name) ??
                  [...fields.values()].find((d) => d.name.toLowerCase() === f.name.toLowerCase()))
                : fields[f.name];
        return described?.readOnlyReason;
    }

    add(o: PreviewObject): void {
        this.catalogObjects = undefined;
        this.objects.set(o.name, o);
        this.lower.set(o.name.toLowerCase(), o);
    }

    object(name: string): PreviewObject | undefined {
        return this.lower.get(name.toLowerCase());
    }

    field(objectName: string, fieldName: string): PreviewField | undefined {
        const o = this.object(objectName);
        if (!o) return undefined;
        const direct = o.fields.get(fieldName);
        if (direct) return direct;
        const l = fieldName.toLowerCase();
        for (const [k, v] of o.fields) if (k.toLowerCase() === l) return v;
        return undefined;
    }

    relationship(objectName: string, relationshipName: string): PreviewField | undefined {
        const o = this.object(objectName);
        const l = relationshipName.toLowerCase();
        for (const v of o?.fields.values() ?? []) if (v.relationshipName?.toLowerCase() === l) return v;
        return undefined;
    }

    /** Object prefix → object, for ids. */
    objectOfId(id: string): PreviewObject | undefined {
        const prefix = id.slice(0, 3);
        for (const o of this.objects.values()) if (o.keyPrefix === prefix) return o;
        return undefined;
    }

    /**
     * A c/dcDefinition SchemaCatalog view of this schema: each field as a FieldDescribe (picklist values as
     * `{value, label, active}` entries, as a describe gives them).
     */
    catalog(): { describeObject(name: string): CatalogObject | undefined } {
        if (!this.catalogObjects) this.catalogObjects = new Map();
        const cache = this.catalogObjects;
        return {
            describeObject: (name: string) => {
                const o = this.object(name);
                if (!o) return undefined;
                let view = cache.get(o.name);
                if (!view) {
                    view = {
                        name: o.name,
                        label: o.label,
                        fields: new Map(
                            [...o.fields].map(([k, field]) => [
                                k,
                                catalogField(field, this.readOnlyReason(o.name, field))
                            ])
                        )
                    };
                    cache.set(o.name, view);
                }
                return view;
            }
        };
    }
}

/** Fields no one can write: Id, formula/auto-number/computed (Contact.Name) and system audit fields. */
export function isUpdateableField(f: PreviewField): boolean {
    return !f.calculated && f.type !== 'ID';
}

/** A field as the definition validator reads it (c/dcDefinition FieldDescribe). */
export interface CatalogField {
    name: string;
    label: string;
    type: string;
    referenceTo?: string[];
    relationshipName?: string;
    sortable: boolean;
    filterable: boolean;
    updateable: boolean;
    /** Why `updateable` is false (formula, system, compound, ...), when the offline catalog knows. */
    readOnlyReason?: ReadOnlyReason;
    picklistValues?: { value: string; label: string; active: boolean }[];
}

export interface CatalogObject {
    name: string;
    label: string;
    fields: Map<string, CatalogField>;
}

function catalogField(f: PreviewField, readOnlyReason: ReadOnlyReason | undefined): CatalogField {
    const out: CatalogField = {
        name: f.name,
        label: f.label,
        type: f.type,
        sortable: f.sortable,
        filterable: f.filterable,
        updateable: isUpdateableField(f)
    };
    if (readOnlyReason) out.readOnlyReason = readOnlyReason;
    if (f.referenceTo) out.referenceTo = f.referenceTo;
    if (f.relationshipName) out.relationshipName = f.relationshipName;
    if (f.picklistEntries)
        out.picklistValues = f.picklistEntries.map((e) => ({ value: e.value, label: e.label, active: e.active }));
    return out;
}

/**
 * Standard objects + the project's custom objects/fields (custom metadata types are left out). `projectRoot` (default:
 * three folders above `sourceDir`, i.e. the root of <root>/force-app/main/default) is read by the offline catalog for
 * the reasons fields are read-only.
 */
export function loadSchema(sourceDir: string, projectRoot = path.resolve(sourceDir, '..', '..', '..')): PreviewSchema {
    const schema = new PreviewSchema(standardObjects(), loadSchemaCatalog(projectRoot));
    const objectsDir = path.join(sourceDir, 'objects');
    if (!fs.existsSync(objectsDir)) return schema;
    let customIndex = 0;
    // record type Ids in load order; the store seeds one RecordType record per record type with the same Id
    let recordTypeCount = 0;
    for (const objName of fs.readdirSync(objectsDir).sort()) {
        if (objName.endsWith('__mdt') || objName.endsWith('__e')) continue;
        let obj = schema.object(objName);
        if (!obj) {
            const metaFile = path.join(objectsDir, objName, `${objName}.object-meta.xml`);
            const meta = fs.existsSync(metaFile)
                ? ((xml.parse(fs.readFileSync(metaFile, 'utf8')).CustomObject ?? {}) as Record<string, unknown>)
                : {};
            customIndex++;
            obj = {
                name: objName,
                isCustom: objName.endsWith('__c'),
                label: text(meta.label) ?? objName,
                labelPlural: text(meta.pluralLabel) ?? objName,
                keyPrefix: 'a0' + String.fromCharCode(64 + customIndex),
                fields: new Map([
                    ['Id', f('Id', 'Record ID', 'ID')],
                    [
                        'Name',
                        f('Name', `${text(meta.label) ?? objName} Name`, 'STRING', {
                            isNameField: true,
                            required: true
                        })
                    ],
                    ['CreatedDate', f('CreatedDate', 'Created Date', 'DATETIME', { calculated: true })],
                    ['LastModifiedDate', f('LastModifiedDate', 'Last Modified Date', 'DATETIME', { calculated: true })],
                    // set by the store from the creating session's user (definitions filter on it: the run history)
                    [
                        'CreatedById',
                        f('CreatedById', 'Created By ID', 'REFERENCE', {
                            referenceTo: ['User'],
                            relationshipName: 'CreatedBy',
                            calculated: true
                        })
                    ]
                ])
            };
            schema.add(obj);
        }
        for (const file of metadataFiles(path.join(objectsDir, objName, 'fields'), '.field-meta.xml')) {
            const field = readCustomField(file);
            if (field) obj.fields.set(field.name, field);
        }
        const recordTypes = metadataFiles(path.join(objectsDir, objName, 'recordTypes'), '.recordType-meta.xml')
            .map((file) => readRecordType(file, '012' + String(++recordTypeCount).padStart(12, '0') + 'AAA'))
            .filter((rt): rt is PreviewRecordType => !!rt);
        if (recordTypes.length) {
            obj.recordTypes = recordTypes;
            obj.fields.set(
                'RecordTypeId',
                f('RecordTypeId', 'Record Type ID', 'REFERENCE', {
                    referenceTo: ['RecordType'],
                    relationshipName: 'RecordType'
                })
            );
        }
        const rules = metadataFiles(path.join(objectsDir, objName, 'validationRules'), '.validationRule-meta.xml')
            .map(readValidationRule)
            .filter((r): r is PreviewValidationRule => !!r);
        if (rules.length) obj.validationRules = rules;
    }
    return schema;
}
