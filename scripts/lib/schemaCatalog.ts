/*
 * The offline SchemaCatalog: the objects and fields of an SFDX project (force-app/**\/objects/, custom objects
 * and custom fields on standard objects, typed from their field XML) merged with the standard objects in
 * scripts/lib/standardObjects.json (generated from the apex-ls SObject library by generateStandardObjects.ts).
 * validateDefinition() checks query objects, fields, parent paths, sort and search fields against it, literal
 * filter values of picklist fields against the values of their field XML's value set, and `editable` columns against
 * `updateable` (false for formula, auto-number, roll-up summary, non-reparentable master-detail and system fields).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type {
    FieldDescribe,
    ObjectDescribe,
    PicklistValueDescribe,
    ReadOnlyReason,
    SchemaCatalog
} from '../../force-app/main/default/lwc/dcDefinition/definitionTypes';
import { listFiles } from './paths';
import { SYSTEM_FIELDS } from './generateStandardObjects';
import type { StandardObjectsFile } from './generateStandardObjects';

export interface RepoSchemaCatalog extends SchemaCatalog {
    /** Every object name the catalog knows, sorted. */
    objectNames(): string[];
    /** Where each project object came from (relative XML paths), for messages. */
    sources: Map<string, string[]>;
}

let standardCache: StandardObjectsFile | undefined;

/** The generated standard-object library (API 61 + hand-written orchestration fields). */
export function standardObjects(): StandardObjectsFile {
    if (!standardCache) {
        standardCache = JSON.parse(
            fs.readFileSync(path.join(__dirname, 'standardObjects.json'), 'utf8')
        ) as StandardObjectsFile;
    }
    return standardCache;
}

interface ValueXml {
    fullName?: string;
    label?: string;
    isActive?: string;
}

interface FieldXml {
    fullName?: string;
    label?: string;
    type?: string;
    referenceTo?: string;
    formula?: string;
    /** MasterDetail: "true" when the detail may move to another master (only then is the field updateable). */
    reparentableMasterDetail?: string;
    /** A local value set; a global one (valueSetName) lists no values here and is not checked. */
    valueSet?: { valueSetDefinition?: { value?: ValueXml | ValueXml[] } };
}

/** The values of a picklist field's local value set (API names, labels, inactive ones marked), in setup order. */
function picklistValuesOf(xml: FieldXml): PicklistValueDescribe[] | undefined {
    const raw = xml.valueSet?.valueSetDefinition?.value;
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const values = list
        .filter((v): v is ValueXml & { fullName: string } => typeof v?.fullName === 'string' && v.fullName !== '')
        .map((v) => {
            const value: PicklistValueDescribe = { value: v.fullName, label: v.label ?? v.fullName };
            if (v.isActive === 'false') value.active = false;
            return value;
        });
    return values.length ? values : undefined;
}

/** Metadata field type → Schema.DisplayType name, with sortable/filterable where they differ from true. */
const FIELD_TYPES: Record<string, { type: string; sortable?: boolean; filterable?: boolean }> = {
    AutoNumber: { type: 'STRING' },
    Checkbox: { type: 'BOOLEAN' },
    Currency: { type: 'CURRENCY' },
    Date: { type: 'DATE' },
    DateTime: { type: 'DATETIME' },
    Email: { type: 'EMAIL' },
    EncryptedText: { type: 'ENCRYPTEDSTRING', sortable: false, filterable: false },
    Html: { type: 'TEXTAREA', sortable: false, filterable: false },
    Location: { type: 'LOCATION', sortable: false, filterable: false },
    LongTextArea: { type: 'TEXTAREA', sortable: false, filterable: false },
    Lookup: { type: 'REFERENCE' },
    MasterDetail: { type: 'REFERENCE' },
    MetadataRelationship: { type: 'STRING' },
    MultiselectPicklist: { type: 'MULTIPICKLIST', sortable: false },
    Number: { type: 'DOUBLE' },
    Percent: { type: 'PERCENT' },
    Phone: { type: 'PHONE' },
    Picklist: { type: 'PICKLIST' },
    Summary: { type: 'DOUBLE' },
    Text: { type: 'STRING' },
    TextArea: { type: 'TEXTAREA' },
    Time: { type: 'TIME' },
    Url: { type: 'URL' }
};

/** Formula return types (Text formula → STRING, ...). */
const FORMULA_TYPES: Record<string, string> = {
    Text: 'STRING',
    Number: 'DOUBLE',
    Currency: 'CURRENCY',
    Percent: 'PERCENT',
    Checkbox: 'BOOLEAN',
    Date: 'DATE',
    DateTime: 'DATETIME',
    Time: 'TIME'
};

function field(name: string, type: string, extra: Partial<FieldDescribe> = {}): FieldDescribe {
    return { name, type, sortable: true, filterable: true, ...extra };
}

/** The same field, marked as one nobody can write (`updateable` is left out for writable fields). */
function readOnly(f: FieldDescribe, readOnlyReason: ReadOnlyReason): FieldDescribe {
    return { ...f, updateable: false, readOnlyReason };
}

/** Field XML types whose value Salesforce computes (formulas have <formula>). */
const COMPUTED_TYPES: Record<string, ReadOnlyReason> = { AutoNumber: 'autoNumber', Summary: 'rollUpSummary' };

function lookup(name: string, relationshipName: string, referenceTo: string[]): FieldDescribe {
    return field(name, 'REFERENCE', { relationshipName, referenceTo });
}

/**
 * The fields every custom object has; system fields are read-only, and so is Name when it is an auto-number.
 * Custom metadata records cannot be written with DML at all, so none of their fields is updateable.
 */
function customObjectFields(
    objectName: string,
    nameFieldType: string | undefined,
    ownerless: boolean
): FieldDescribe[] {
    if (objectName.endsWith('__mdt')) {
        return ['DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName', 'NamespacePrefix', 'Language']
            .map((n) => readOnly(field(n, 'STRING'), 'customMetadata'))
            .concat(readOnly(field('Id', 'ID'), 'system'));
    }
    const name = field('Name', 'STRING');
    const fields = [
        field('Id', 'ID'),
        nameFieldType === 'AutoNumber' ? readOnly(name, 'autoNumber') : name,
        field('CreatedDate', 'DATETIME'),
        field('LastModifiedDate', 'DATETIME'),
        field('SystemModstamp', 'DATETIME'),
        field('LastViewedDate', 'DATETIME'),
        field('LastReferencedDate', 'DATETIME'),
        field('IsDeleted', 'BOOLEAN'),
        lookup('CreatedById', 'CreatedBy', ['User']),
        lookup('LastModifiedById', 'LastModifiedBy', ['User'])
    ];
    if (!ownerless) fields.push(lookup('OwnerId', 'Owner', ['Group', 'User']));
    return fields.map((f) => (SYSTEM_FIELDS.has(f.name) ? readOnly(f, 'system') : f));
}

function toDescribe(xml: FieldXml, fallbackName: string): FieldDescribe {
    const name = xml.fullName ?? fallbackName;
    if (xml.formula !== undefined) {
        return readOnly(field(name, FORMULA_TYPES[xml.type ?? 'Text'] ?? 'STRING', { label: xml.label }), 'formula');
    }
    const mapped = FIELD_TYPES[xml.type ?? 'Text'] ?? { type: 'STRING' };
    const f = field(name, mapped.type, {
        label: xml.label,
        sortable: mapped.sortable ?? true,
        filterable: mapped.filterable ?? true
    });
    if (mapped.type === 'PICKLIST' || mapped.type === 'MULTIPICKLIST') {
        const values = picklistValuesOf(xml);
        if (values) f.picklistValues = values;
    }
    if (mapped.type === 'REFERENCE') {
        f.referenceTo = xml.referenceTo ? [xml.referenceTo] : [];
        // Parent paths use the field name with __r (Contact__c → Contact__r); <relationshipName> in the XML
        // names the child relationship seen from the parent, so it is not used here.
        f.relationshipName = name.endsWith('__c') ? `${name.slice(0, -3)}__r` : undefined;
    }
    const computed = COMPUTED_TYPES[xml.type ?? ''];
    if (computed) return readOnly(f, computed);
    if (xml.type === 'MasterDetail' && xml.reparentableMasterDetail !== 'true') return readOnly(f, 'masterDetail');
    return f;
}

class MapCatalog implements RepoSchemaCatalog {
    readonly sources = new Map<string, string[]>();
    private readonly byLower = new Map<string, ObjectDescribe>();

    add(obj: ObjectDescribe): void {
        this.byLower.set(obj.name.toLowerCase(), obj);
    }

    get(name: string): ObjectDescribe | undefined {
        return this.byLower.get(name.toLowerCase());
    }

    describeObject(name: string): ObjectDescribe | undefined {
        return this.get(name);
    }

    objectNames(): string[] {
        return [...this.byLower.values()].map((o) => o.name).sort();
    }
}

/** A catalog of the standard objects only. */
export function standardCatalog(): RepoSchemaCatalog {
    return buildStandardCatalog();
}

function buildStandardCatalog(): MapCatalog {
    const catalog = new MapCatalog();
    for (const [name, stored] of Object.entries(standardObjects().objects)) {
        const fields = new Map<string, FieldDescribe>();
        for (const [fname, f] of Object.entries(stored.fields)) {
            fields.set(
                fname,
                field(fname, f.type, {
                    referenceTo: f.referenceTo,
                    relationshipName: f.relationshipName,
                    sortable: f.sortable ?? true,
                    filterable: f.filterable ?? true,
                    ...(f.updateable === false ? { updateable: false, readOnlyReason: f.readOnlyReason } : {})
                })
            );
        }
        catalog.add({ name, label: name, fields });
    }
    return catalog;
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function readXml<T>(file: string, root: string): T | undefined {
    try {
        const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, T>;
        return doc[root];
    } catch {
        return undefined;
    }
}

/** The package directories of an SFDX project (sfdx-project.json), default force-app. */
export function packageDirectories(projectRoot: string): string[] {
    try {
        const project = JSON.parse(fs.readFileSync(path.join(projectRoot, 'sfdx-project.json'), 'utf8')) as {
            packageDirectories?: { path: string }[];
        };
        const dirs = (project.packageDirectories ?? []).map((d) => d.path).filter(Boolean);
        return dirs.length ? dirs : ['force-app'];
    } catch {
        return ['force-app'];
    }
}

/**
 * Builds the catalog of an SFDX project: the standard objects, with the project's objects and fields
 * (every `objects/` folder under the package directories) merged in.
 */
export function loadSchemaCatalog(projectRoot: string): RepoSchemaCatalog {
    const catalog = buildStandardCatalog();
    const objectDirs = new Set<string>();
    const files = packageDirectories(projectRoot).flatMap((d) =>
        listFiles(path.join(projectRoot, d), (n) => n.endsWith('.object-meta.xml') || n.endsWith('.field-meta.xml'))
    );
    for (const file of files) {
        const parts = file.split(path.sep);
        const at = parts.lastIndexOf('objects');
        if (at >= 0 && at + 1 < parts.length) objectDirs.add(parts.slice(0, at + 2).join(path.sep));
    }
    for (const dir of [...objectDirs].sort()) {
        const objectName = path.basename(dir);
        const objectFile = path.join(dir, `${objectName}.object-meta.xml`);
        const objectXml = fs.existsSync(objectFile)
            ? readXml<{ label?: string; nameField?: { type?: string }; sharingModel?: string }>(
                  objectFile,
                  'CustomObject'
              )
            : undefined;
        let obj = catalog.get(objectName);
        if (!obj) {
            const custom = /__(c|mdt|e|b|x)$/.test(objectName);
            const fields = new Map<string, FieldDescribe>();
            const base = custom
                ? customObjectFields(
                      objectName,
                      objectXml?.nameField?.type,
                      objectXml?.sharingModel === 'ControlledByParent'
                  )
                : [
                      readOnly(field('Id', 'ID'), 'system'),
                      field('Name', 'STRING'),
                      readOnly(field('CreatedDate', 'DATETIME'), 'system'),
                      readOnly(field('LastModifiedDate', 'DATETIME'), 'system')
                  ];
            for (const f of base) fields.set(f.name, f);
            obj = { name: objectName, label: objectXml?.label ?? objectName, fields };
            catalog.add(obj);
        }
        const fields = obj.fields as Map<string, FieldDescribe>;
        const sources = [objectFile].filter((f) => fs.existsSync(f));
        for (const file of listFiles(path.join(dir, 'fields'), (n) => n.endsWith('.field-meta.xml'))) {
            const xml = readXml<FieldXml>(file, 'CustomField');
            if (!xml) continue;
            const described = toDescribe(xml, path.basename(file, '.field-meta.xml'));
            // custom metadata records are not written with DML: none of their fields is updateable
            const f =
                objectName.endsWith('__mdt') && described.updateable !== false
                    ? readOnly(described, 'customMetadata')
                    : described;
            fields.set(f.name, f);
            sources.push(file);
        }
        catalog.sources.set(
            obj.name,
            sources.map((s) => path.relative(projectRoot, s))
        );
    }
    return catalog;
}
