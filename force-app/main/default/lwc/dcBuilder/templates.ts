/*
 * "New from template": a blank definition, and the Contacts board of the canonical scenario (a Contact query, a
 * multi-select table with a "Set as Active" header action that runs the Set_Contact_Status_Active flow with the
 * selected rows' ids, then refreshes the table and shows a toast) — the same content as
 * definitions/Contact_Status_Board.json.
 */
import { SCHEMA_VERSION } from 'c/dcDefinition';

export type TemplateId = 'blank' | 'contactsBoard';

export interface TemplateInfo {
    id: TemplateId;
    label: string;
    description: string;
    /** API name and label the New dialog proposes. */
    defaultApiName: string;
    defaultLabel: string;
}

export const TEMPLATES: readonly TemplateInfo[] = Object.freeze([
    {
        id: 'blank',
        label: 'Blank',
        description: 'An empty definition: add queries, data tables and interactions yourself.',
        defaultApiName: 'New_Dynamic_Component',
        defaultLabel: 'New Dynamic Component'
    },
    {
        id: 'contactsBoard',
        label: 'Contacts board',
        description:
            'Contacts with multi-row selection; Set as Active runs the Set_Contact_Status_Active flow on the selected rows.',
        defaultApiName: 'Contact_Status_Board',
        defaultLabel: 'Contacts'
    }
]);

/** The JSON Schema reference the shipped definition files start with (editor completion; ignored at run time). */
export const SCHEMA_REF = './definition.schema.json';

function contactsBoard(): Record<string, unknown> {
    return {
        description: 'Contacts with multi-row selection; Set as Active runs the Set_Contact_Status_Active flow.',
        resources: [
            { name: 'updatedCount', kind: 'variable', dataType: 'Number' },
            { name: 'activeStatus', kind: 'constant', dataType: 'Text', value: 'Active' },
            { name: 'title', kind: 'formula', dataType: 'Text', formula: '"Contacts of " & {!$User.FirstName}' },
            {
                name: 'updatedMessage',
                kind: 'formula',
                dataType: 'Text',
                // one contact, two contacts
                formula: 'IF({!updatedCount} = 1, "1 contact", TEXT({!updatedCount}) & " contacts") & " set to Active"'
            }
        ],
        queries: [
            {
                name: 'contacts',
                object: 'Contact',
                fields: ['Name', 'Email', 'Phone', 'Status__c', 'Account.Name'],
                orderBy: [{ field: 'Name', direction: 'asc' }],
                searchFields: ['Name', 'Email'],
                pageSize: 50,
                maxRows: 50000
            }
        ],
        components: [
            {
                name: 'contactsTable',
                type: 'dataTable',
                title: '{!title}',
                query: 'contacts',
                keyField: 'Id',
                maxRowSelection: 500,
                showSearch: true,
                columns: [
                    { field: 'Name', linkToRecord: true, sortable: true },
                    { field: 'Email', sortable: true },
                    { field: 'Phone' },
                    {
                        field: 'Status__c',
                        sortable: true,
                        cellStyles: [
                            { operator: 'equals', value: 'Active', variant: 'success', badge: true },
                            { operator: 'equals', value: 'New', variant: 'info', badge: true },
                            { operator: 'equals', value: 'Inactive', variant: 'neutral', badge: true }
                        ]
                    },
                    { field: 'Account.Name', label: 'Account' }
                ],
                headerActions: [
                    { name: 'setActive', label: 'Set as Active', requiresSelection: true, variant: 'brand' }
                ],
                rowActions: [{ name: 'open', label: 'Open' }]
            }
        ],
        interactions: [
            {
                id: 'setActive',
                on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
                do: [
                    {
                        type: 'executeFlow',
                        id: 'setActiveFlow',
                        flowApiName: 'Set_Contact_Status_Active',
                        inputs: [
                            { name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }
                        ],
                        outputs: [{ name: 'updatedCount', resource: 'updatedCount' }],
                        onFinish: [
                            { type: 'refreshQueries' },
                            { type: 'showToast', variant: 'success', title: '{!updatedMessage}' }
                        ],
                        onError: [
                            {
                                type: 'showToast',
                                variant: 'error',
                                title: 'Could not update',
                                message: '{!$Error.message}'
                            }
                        ]
                    }
                ]
            },
            {
                id: 'openContact',
                on: { event: 'rowActionClick', target: 'contactsTable', action: 'open' },
                do: [
                    {
                        type: 'navigate',
                        target: 'recordPage',
                        recordId: '{!contactsTable.ActionRow.Id}',
                        objectApiName: 'Contact'
                    }
                ]
            }
        ]
    };
}

/**
 * A new draft from a template. `apiName` and `label` are the admin's (the template's defaults when omitted).
 * Every call returns fresh objects.
 */
export function createFromTemplate(
    id: TemplateId,
    names: { apiName?: string; label?: string } = {}
): Record<string, unknown> {
    const info = TEMPLATES.find((t) => t.id === id);
    if (!info) throw new Error(`There is no template '${String(id)}': use ${TEMPLATES.map((t) => t.id).join(' or ')}.`);
    const head = {
        $schema: SCHEMA_REF,
        schemaVersion: SCHEMA_VERSION,
        apiName: names.apiName ?? info.defaultApiName,
        label: names.label ?? info.defaultLabel
    };
    return id === 'blank' ? head : { ...head, ...contactsBoard() };
}
