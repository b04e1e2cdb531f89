/*
 * What the mapping picker offers for a value of a given type: the merge fields that can feed it, each with its
 * type. The types come from c/dcDefinition's referenceType and the filter is its isAssignable, so the picker
 * offers exactly the sources the flow contract check accepts. Plain TypeScript.
 */
import { isAssignable, referenceType, valueTypeLabel } from 'c/dcDefinition';
import type { FieldDescribe, SchemaCatalog, ValueType } from 'c/dcDefinition';

export type MappingGroup = 'Data tables' | 'Record' | 'Current user' | 'Resources' | 'Formulas' | 'Error';

export interface MappingSource {
    /** The merge field written into the value: '{!contactsTable.SelectedRowsKeyValue}'. */
    value: string;
    /** The reference without braces: 'contactsTable.SelectedRowsKeyValue'. */
    label: string;
    group: MappingGroup;
    type: ValueType;
    /** What it holds, for the picker's second line: 'Text collection · key values of the selected rows'. */
    description: string;
}

export interface MappingContext {
    catalog?: SchemaCatalog;
    /** Object of the record page ({!$Record.*}). */
    recordObjectApiName?: string;
}

/** Groups in the order the picker shows them. */
export const MAPPING_GROUPS: readonly MappingGroup[] = [
    'Data tables',
    'Record',
    'Current user',
    'Resources',
    'Formulas',
    'Error'
];

/** $User fields offered when the User object is not described (their types are then unknown). */
const USER_FALLBACK_FIELDS = ['Id', 'FirstName', 'LastName', 'Name', 'Email', 'Username'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): Json[] {
    return Array.isArray(v) ? v.filter(isObject) : [];
}

function fieldList(catalog: SchemaCatalog | undefined, objectName: string | undefined): FieldDescribe[] {
    if (!catalog || !objectName) return [];
    const object = catalog.describeObject(objectName);
    if (!object) return [];
    const fields = object.fields instanceof Map ? [...object.fields.values()] : Object.values(object.fields);
    return [...fields].sort((a, b) => a.name.localeCompare(b.name));
}

/** Where a value sits: the interaction around it and whether it is inside an onError chain. */
export function valueLocation(doc: Json, path: string): { interaction?: Json; inOnError: boolean } {
    const m = /^interactions\[(\d+)\]/.exec(path);
    const interaction = m ? list(doc.interactions)[Number(m[1])] : undefined;
    return { interaction, inOnError: /\.onError\[\d+\]/.test(path) };
}

/** The resource a path lies in ('resources[2].value' → 2), so a resource is not offered as its own source. */
function ownResourceIndex(path: string): number | undefined {
    const m = /^resources\[(\d+)\]/.exec(path);
    return m ? Number(m[1]) : undefined;
}

/**
 * The merge fields that may feed a value of type `target` at `actionPath` (an action's path, or any path in the
 * draft: 'interactions[0].do[0]', 'queries[0]', 'resources[1]'): $Record fields (when the record object is known),
 * $User fields, resources (variables and constants; fields of Record variables), formulas, each table's
 * SelectedRowsKeyValue, SelectedRows, SelectedRowCount, FirstSelectedRow and its fields, ActionRow and its fields
 * only inside a rowActionClick interaction of that table, and $Error properties inside onError chains. Only
 * sources whose type is assignable to `target` are returned, grouped (MAPPING_GROUPS order) and sorted by label.
 */
export function mappingSources(
    doc: Json,
    actionPath: string,
    target: ValueType,
    ctx: MappingContext = {}
): MappingSource[] {
    const candidates: { reference: string; group: MappingGroup; what: string }[] = [];
    const add = (reference: string, group: MappingGroup, what: string): void => {
        candidates.push({ reference, group, what });
    };
    const { interaction, inOnError } = valueLocation(doc, actionPath);
    const on = interaction && isObject(interaction.on) ? interaction.on : undefined;
    const actionRowTable = on && on.event === 'rowActionClick' && typeof on.target === 'string' ? on.target : '';
    const queries = list(doc.queries);

    for (const component of list(doc.components)) {
        if (typeof component.name !== 'string' || (component.type !== undefined && component.type !== 'dataTable')) {
            continue;
        }
        const t = component.name;
        const keyField = typeof component.keyField === 'string' ? component.keyField : 'Id';
        add(`${t}.SelectedRowsKeyValue`, 'Data tables', `${keyField} values of the selected rows`);
        add(`${t}.SelectedRows`, 'Data tables', 'the selected rows');
        add(`${t}.SelectedRowCount`, 'Data tables', 'number of selected rows');
        add(`${t}.FirstSelectedRow`, 'Data tables', 'the first selected row');
        const query = queries.find((q) => q.name === component.query);
        const fields = query && Array.isArray(query.fields) ? query.fields.filter((f) => typeof f === 'string') : [];
        const rowFields = ['Id', ...fields.filter((f) => f !== 'Id')];
        for (const f of rowFields) add(`${t}.FirstSelectedRow.${f}`, 'Data tables', `${f} of the first selected row`);
        if (actionRowTable === t) {
            add(`${t}.ActionRow`, 'Data tables', 'the row whose action runs');
            for (const f of rowFields) add(`${t}.ActionRow.${f}`, 'Data tables', `${f} of the row whose action runs`);
        }
    }

    if (ctx.recordObjectApiName) {
        const fields = fieldList(ctx.catalog, ctx.recordObjectApiName);
        if (fields.length) {
            for (const f of fields) add(`$Record.${f.name}`, 'Record', `${f.label ?? f.name} of this record`);
        } else {
            add('$Record.Id', 'Record', 'Id of this record');
        }
    }

    const userFields = fieldList(ctx.catalog, 'User');
    if (userFields.length) {
        for (const f of userFields) add(`$User.${f.name}`, 'Current user', `${f.label ?? f.name} of the running user`);
    } else {
        for (const f of USER_FALLBACK_FIELDS) add(`$User.${f}`, 'Current user', `${f} of the running user`);
    }

    const own = ownResourceIndex(actionPath);
    list(doc.resources).forEach((resource, i) => {
        if (i === own || typeof resource.name !== 'string' || !resource.name) return;
        const name = resource.name;
        if (resource.kind === 'formula') {
            add(name, 'Formulas', 'formula');
            return;
        }
        add(name, 'Resources', String(resource.kind ?? 'resource'));
        const isRecord =
            resource.kind === 'variable' && resource.dataType === 'Record' && resource.isCollection !== true;
        if (isRecord && typeof resource.objectApiName === 'string') {
            for (const f of fieldList(ctx.catalog, resource.objectApiName)) {
                add(`${name}.${f.name}`, 'Resources', `${f.label ?? f.name} of ${name}`);
            }
        }
    });

    if (inOnError) {
        add('$Error.message', 'Error', 'the error message');
        add('$Error.code', 'Error', 'the error code');
        add('$Error.details', 'Error', 'details of the error');
    }

    const typeContext = { catalog: ctx.catalog, recordObjectApiName: ctx.recordObjectApiName };
    const sources: MappingSource[] = [];
    const seen = new Set<string>();
    for (const c of candidates) {
        if (seen.has(c.reference)) continue;
        seen.add(c.reference);
        const type = referenceType(doc, c.reference, typeContext);
        if (!isAssignable(type, target)) continue;
        sources.push({
            value: `{!${c.reference}}`,
            label: c.reference,
            group: c.group,
            type,
            description: `${type.dataType === 'Unknown' ? 'Type known at run time' : valueTypeLabel(type)} · ${c.what}`
        });
    }
    return sources.sort(
        (a, b) => MAPPING_GROUPS.indexOf(a.group) - MAPPING_GROUPS.indexOf(b.group) || compareLabels(a.label, b.label)
    );
}

/** Table properties before row fields, then alphabetical. */
function compareLabels(a: string, b: string): number {
    const depth = (s: string) => s.split('.').length;
    const [ha] = a.split('.');
    const [hb] = b.split('.');
    if (ha !== hb) return ha.localeCompare(hb);
    return depth(a) - depth(b) || a.localeCompare(b);
}
