import { ACTION_TYPES, validateDefinition } from 'c/dcDefinition';
import {
    allActions,
    applyEditKeepingReferences,
    namesInUse,
    newAction,
    newActionId,
    newColumn,
    newDataTable,
    newHeaderAction,
    newInteraction,
    newQuery,
    newResource,
    newRowAction,
    pluralName,
    renameReferences,
    renameTarget,
    suggestTrigger,
    uniqueName
} from '../nodes';
import type { NewActionType } from '../nodes';
import { applyEdit, getAt, insertAt, setAt } from '../paths';
import { createFromTemplate } from '../templates';

type Doc = Record<string, unknown>;
const BOARD = createFromTemplate('contactsBoard');

describe('names', () => {
    it('finds the first free name, case-insensitively', () => {
        expect(uniqueName('contacts', [])).toBe('contacts');
        expect(uniqueName('contacts', ['Contacts'])).toBe('contacts2');
        expect(uniqueName('contacts', ['contacts', 'contacts2', 'CONTACTS3'])).toBe('contacts4');
    });

    it('names queries after their object', () => {
        expect(pluralName('Contact')).toBe('contacts');
        expect(pluralName('Opportunity')).toBe('opportunities');
        expect(pluralName('Address')).toBe('addresses');
        expect(pluralName('Invoice_Line__c')).toBe('invoiceLines');
        expect(pluralName('__c')).toBe('records');
    });

    it('collects the shared namespace of resources, queries and components', () => {
        expect(namesInUse(BOARD)).toEqual([
            'updatedCount',
            'activeStatus',
            'title',
            'updatedMessage',
            'contacts',
            'contactsTable'
        ]);
    });
});

describe('new nodes', () => {
    it('creates resources of each kind with unique names', () => {
        const withVar = insertAt(BOARD, 'resources', newResource(BOARD, 'variable'));
        expect(newResource(BOARD, 'variable')).toEqual({ name: 'newVariable', kind: 'variable', dataType: 'Text' });
        expect(newResource(withVar, 'variable').name).toBe('newVariable2');
        expect(newResource(BOARD, 'constant')).toEqual({
            name: 'newConstant',
            kind: 'constant',
            dataType: 'Text',
            value: ''
        });
        expect(newResource(BOARD, 'constant', 'Number').value).toBeNull();
        expect(newResource(BOARD, 'formula')).toEqual({
            name: 'newFormula',
            kind: 'formula',
            dataType: 'Text',
            formula: '""'
        });
    });

    it('creates a query, a table over it with a column per field, and actions with unique names', () => {
        expect(newQuery(BOARD)).toEqual({ name: 'contacts2', object: 'Contact', fields: ['Id'] });
        const query = newQuery(BOARD, 'Account', ['Name', 'Industry']);
        expect(query).toEqual({
            name: 'accounts',
            object: 'Account',
            fields: ['Name', 'Industry'],
            orderBy: [{ field: 'Name', direction: 'asc' }]
        });
        const doc = insertAt(BOARD, 'queries', query);
        expect(newDataTable(doc, 'accounts')).toEqual({
            name: 'accountsTable',
            type: 'dataTable',
            query: 'accounts',
            keyField: 'Id',
            maxRowSelection: 0,
            columns: [{ field: 'Name' }, { field: 'Industry' }]
        });
        expect(newDataTable(BOARD, 'contacts').name).toBe('contactsTable2');
        expect(newDataTable(BOARD, 'missing').columns).toEqual([{ field: 'Id' }]);
        expect(newColumn('Email')).toEqual({ field: 'Email' });
        expect(newHeaderAction(BOARD, 'components[0]')).toEqual({ name: 'newAction', label: 'New Action' });
        const two = insertAt(BOARD, 'components[0].headerActions', newHeaderAction(BOARD, 'components[0]'));
        expect(newHeaderAction(two, 'components[0]')).toEqual({ name: 'newAction2', label: 'New Action 2' });
        expect(newRowAction(BOARD, 'components[0]')).toEqual({ name: 'rowAction', label: 'Row Action' });
        expect(newRowAction(BOARD, 'components[9]')).toEqual({ name: 'rowAction', label: 'Row Action' });
    });

    it('creates interactions named after their trigger', () => {
        expect(newInteraction(BOARD, 'headerActionClick', 'contactsTable', 'setActive')).toEqual({
            id: 'setActive2',
            on: { event: 'headerActionClick', target: 'contactsTable', action: 'setActive' },
            do: []
        });
        expect(newInteraction(BOARD, 'load', 'ignored', 'ignored', { type: 'refreshQueries' })).toEqual({
            id: 'onLoad',
            on: { event: 'load' },
            do: [{ type: 'refreshQueries' }]
        });
        expect(newInteraction(BOARD, 'selectionChange', 'contactsTable', 'ignored')).toEqual({
            id: 'contactsTableSelectionChange',
            on: { event: 'selectionChange', target: 'contactsTable' },
            do: []
        });
    });

    it('suggests the first header or row action nothing handles yet', () => {
        expect(suggestTrigger(BOARD)).toEqual({ event: 'load' });
        const doc = insertAt(BOARD, 'components[0].rowActions', { name: 'edit', label: 'Edit' });
        expect(suggestTrigger(doc)).toEqual({ event: 'rowActionClick', target: 'contactsTable', action: 'edit' });
    });

    it('creates every action type; Execute Flow gets a unique id', () => {
        // every type the validator knows, so a new action type is covered here too
        const types: readonly NewActionType[] = ACTION_TYPES;
        for (const t of types) expect(newAction(BOARD, t).type).toBe(t);
        expect(newAction(BOARD, 'setVariable')).toEqual({ type: 'setVariable', variable: 'updatedCount', value: '' });
        expect(newAction(BOARD, 'executeFlow').id).toBe('runFlow');
        expect(newAction(BOARD, 'exportCsv')).toEqual({ type: 'exportCsv', table: 'contactsTable' });
        const doc = insertAt(BOARD, 'interactions[1].do[0].onFinish', newAction(BOARD, 'executeFlow'));
        expect(newAction(doc, 'executeFlow').id).toBe('runFlow2');
        expect(newActionId(doc, 'setActiveFlow')).toBe('setActiveFlow2');
        expect(() => newAction(BOARD, 'nope' as NewActionType)).toThrow("There is no action type 'nope'.");
    });

    it('lists every action with its path, nested chains included', () => {
        expect(allActions(BOARD).map((a) => a.path)).toEqual([
            'interactions[0].do[0]',
            'interactions[0].do[0].onFinish[0]',
            'interactions[0].do[0].onFinish[1]',
            'interactions[0].do[0].onError[0]',
            'interactions[1].do[0]'
        ]);
    });

    it('builds the canonical scenario from new nodes into a definition the validator accepts', () => {
        let doc: Doc = createFromTemplate('blank', { apiName: 'Board', label: 'Board' });
        doc = insertAt(doc, 'queries', newQuery(doc, 'Contact', ['Name', 'Status__c', 'Email']));
        doc = insertAt(doc, 'components', newDataTable(doc, 'contacts'));
        doc = setAt(doc, 'components[0].maxRowSelection', 200);
        doc = insertAt(doc, 'components[0].headerActions', {
            ...newHeaderAction(doc, 'components[0]'),
            requiresSelection: true
        });
        const flow: Doc = { ...newAction(doc, 'executeFlow'), flowApiName: 'Set_Contact_Status_Active' };
        flow.inputs = [{ name: 'ContactIds', value: '{!contactsTable.SelectedRowsKeyValue}', collection: true }];
        flow.onFinish = [newAction(doc, 'refreshQueries'), newAction(doc, 'showToast')];
        const trigger = suggestTrigger(doc);
        doc = insertAt(doc, 'interactions', newInteraction(doc, trigger.event, trigger.target, trigger.action, flow));
        expect(getAt(doc, 'interactions[0].on')).toEqual({
            event: 'headerActionClick',
            target: 'contactsTable',
            action: 'newAction'
        });
        expect(validateDefinition(doc)).toEqual([]);
    });
});

describe('renames keep references consistent', () => {
    it('renaming a query updates tables and Refresh Queries actions', () => {
        const doc = insertAt(BOARD, 'interactions[0].do[0].onFinish', {
            type: 'refreshQueries',
            queries: ['contacts']
        });
        const r = applyEditKeepingReferences(doc, { op: 'set', path: 'queries[0].name', value: 'people' });
        expect(r.reference).toEqual({ kind: 'query', from: 'contacts', to: 'people', references: 2 });
        expect(getAt(r.doc, 'components[0].query')).toBe('people');
        expect(getAt(r.doc, 'interactions[0].do[0].onFinish[2].queries')).toEqual(['people']);
        expect(validateDefinition(r.doc)).toEqual([]);
    });

    it('renaming a table updates triggers and {!table…} merge fields', () => {
        const r = applyEditKeepingReferences(BOARD, { op: 'set', path: 'components[0].name', value: 'board' });
        expect(r.reference?.references).toBe(4);
        expect(getAt(r.doc, 'interactions[0].on.target')).toBe('board');
        expect(getAt(r.doc, 'interactions[1].on.target')).toBe('board');
        expect(getAt(r.doc, 'interactions[0].do[0].inputs[0].value')).toBe('{!board.SelectedRowsKeyValue}');
        expect(getAt(r.doc, 'interactions[1].do[0].recordId')).toBe('{!board.ActionRow.Id}');
        expect(validateDefinition(r.doc)).toEqual([]);
        // the rest of the document is shared, not copied
        expect(r.doc.queries).toBe(BOARD.queries);
    });

    it('renaming a resource updates merge fields (formulas too), Set Variable and flow outputs', () => {
        let doc = insertAt(BOARD, 'interactions[0].do[0].onFinish', {
            type: 'setVariable',
            variable: 'updatedCount',
            value: 0
        });
        doc = setAt(doc, 'resources[2].formula', 'TEXT({! updatedCount }) & " of " & {!$User.FirstName}');
        const r = applyEditKeepingReferences(doc, { op: 'set', path: 'resources[0].name', value: 'changed' });
        expect(getAt(r.doc, 'interactions[0].do[0].outputs[0].resource')).toBe('changed');
        expect(getAt(r.doc, 'resources[3].formula')).toBe(
            'IF({!changed} = 1, "1 contact", TEXT({!changed}) & " contacts") & " set to Active"'
        );
        expect(getAt(r.doc, 'interactions[0].do[0].onFinish[2].variable')).toBe('changed');
        expect(getAt(r.doc, 'resources[2].formula')).toBe('TEXT({! changed }) & " of " & {!$User.FirstName}');
        expect(r.reference?.references).toBe(5);
        expect(validateDefinition(r.doc)).toEqual([]);
    });

    it('does not touch names that only start with the old one', () => {
        const doc = setAt(BOARD, 'components[0].title', '{!title} {!titles} {!$User.title}');
        const r = renameReferences(doc, 'resource', 'title', 'heading');
        expect(getAt(r.doc, 'components[0].title')).toBe('{!heading} {!titles} {!$User.title}');
        expect(r.references).toBe(1);
    });

    it('renaming a header or row action updates the interactions of that table only', () => {
        let doc = insertAt(BOARD, 'components', {
            name: 'other',
            type: 'dataTable',
            query: 'contacts',
            columns: [{ field: 'Name' }],
            headerActions: [{ name: 'setActive', label: 'X' }]
        });
        doc = insertAt(doc, 'interactions', {
            id: 'o',
            on: { event: 'headerActionClick', target: 'other', action: 'setActive' },
            do: [{ type: 'refreshQueries' }]
        });
        const r = applyEditKeepingReferences(doc, {
            op: 'set',
            path: 'components[0].headerActions[0].name',
            value: 'activate'
        });
        expect(r.reference).toEqual({ kind: 'headerAction', from: 'setActive', to: 'activate', references: 1 });
        expect(getAt(r.doc, 'interactions[0].on.action')).toBe('activate');
        expect(getAt(r.doc, 'interactions[2].on.action')).toBe('setActive');
        const row = applyEditKeepingReferences(BOARD, {
            op: 'set',
            path: 'components[0].rowActions[0].name',
            value: 'view'
        });
        expect(getAt(row.doc, 'interactions[1].on.action')).toBe('view');
    });

    it('only renames the node when the new name is taken or not a valid name', () => {
        const taken = applyEditKeepingReferences(BOARD, { op: 'set', path: 'components[0].name', value: 'Title' });
        expect(taken.reference).toBeNull();
        expect(getAt(taken.doc, 'interactions[0].on.target')).toBe('contactsTable');
        expect(getAt(taken.doc, 'components[0].name')).toBe('Title');
        const invalid = applyEditKeepingReferences(BOARD, { op: 'set', path: 'queries[0].name', value: 'no good' });
        expect(invalid.reference).toBeNull();
        expect(getAt(invalid.doc, 'components[0].query')).toBe('contacts');
        const otherEdit = applyEditKeepingReferences(BOARD, { op: 'set', path: 'label', value: 'X' });
        expect(otherEdit).toEqual({ doc: applyEdit(BOARD, { op: 'set', path: 'label', value: 'X' }), reference: null });
        expect(renameReferences(BOARD, 'query', 'contacts', 'contacts').doc).toBe(BOARD);
    });

    it('recognises which paths are renames', () => {
        expect(renameTarget('queries[1].name')?.kind).toBe('query');
        expect(renameTarget('resources[0].name')?.kind).toBe('resource');
        expect(renameTarget('components[0].rowActions[2].name')).toEqual({
            kind: 'rowAction',
            nodePath: ['components', 0, 'rowActions', 2]
        });
        expect(renameTarget('components[0].columns[0].name')).toBeUndefined();
        expect(renameTarget('interactions[0].do[0].inputs[0].name')).toBeUndefined();
        expect(renameTarget('queries[x')).toBeUndefined();
        expect(renameTarget('label')).toBeUndefined();
    });
});
