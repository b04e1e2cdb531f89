import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateDefinition } from 'c/dcDefinition';
import { importJson } from '../importJson';
import { contentEquals, serializeDefinition } from '../serialize';
import { TEMPLATES, createFromTemplate } from '../templates';
import type { TemplateId } from '../templates';

const BOARD_FILE = path.resolve(__dirname, '../../../../../../definitions/Contact_Status_Board.json');

describe('templates', () => {
    it('offers Blank and the Contacts board', () => {
        expect(TEMPLATES.map((t) => [t.id, t.label])).toEqual([
            ['blank', 'Blank'],
            ['contactsBoard', 'Contacts board']
        ]);
    });

    it('blank: schema version 1 with the admin API name and label, and valid', () => {
        const doc = createFromTemplate('blank', { apiName: 'My_Board', label: 'My board' });
        expect(doc).toEqual({
            $schema: './definition.schema.json',
            schemaVersion: 1,
            apiName: 'My_Board',
            label: 'My board'
        });
        expect(validateDefinition(doc)).toEqual([]);
        expect(createFromTemplate('blank').apiName).toBe('New_Dynamic_Component');
    });

    it('contactsBoard: the shipped canonical scenario, to the byte', () => {
        const text = fs.readFileSync(BOARD_FILE, 'utf8');
        const doc = createFromTemplate('contactsBoard');
        expect(contentEquals(doc, JSON.parse(text))).toBe(true);
        expect(serializeDefinition(doc)).toBe(text);
    });

    it('contactsBoard takes the admin names and returns fresh objects every time', () => {
        const a = createFromTemplate('contactsBoard', { apiName: 'Team_Board', label: 'Team' });
        expect([a.apiName, a.label]).toEqual(['Team_Board', 'Team']);
        const b = createFromTemplate('contactsBoard');
        (b.queries as { name: string }[])[0].name = 'changed';
        expect((createFromTemplate('contactsBoard').queries as { name: string }[])[0].name).toBe('contacts');
    });

    it('refuses an unknown template', () => {
        expect(() => createFromTemplate('nope' as TemplateId)).toThrow(
            "There is no template 'nope': use blank or contactsBoard."
        );
    });
});

describe('importJson', () => {
    it('accepts a definition, problems and all', () => {
        const text = fs.readFileSync(BOARD_FILE, 'utf8');
        const ok = importJson(text);
        expect(ok.ok && ok.doc.apiName).toBe('Contact_Status_Board');
        const withProblems = importJson('\uFEFF{ "schemaVersion": 1, "apiName": "X", "queries": [] }');
        expect(withProblems.ok).toBe(true);
    });

    it('refuses empty text and text that is not JSON, naming line and column', () => {
        expect(importJson('  ')).toEqual({
            ok: false,
            message: 'The pasted text is empty: paste or choose a definition JSON file.'
        });
        const bad = importJson('{\n  "schemaVersion": 1,\n  oops\n}', 'board.json');
        expect(bad.ok).toBe(false);
        expect(!bad.ok && bad.message).toMatch(
            /^board\.json is not valid JSON: .+ at line 3, column 3\. Nothing was imported\.$/
        );
    });

    it('refuses JSON that is not an object', () => {
        expect(importJson('[1, 2]')).toEqual({
            ok: false,
            message:
                'The pasted text is a list, not a definition: a definition is a JSON object { "schemaVersion": 1, "apiName": …, "label": …, … }. Nothing was imported.'
        });
        expect(!importJson('"text"').ok && (importJson('"text"') as { message: string }).message).toContain(
            'is a text value, not a definition'
        );
        expect((importJson('null') as { message: string }).message).toContain('is null, not a definition');
    });

    it('refuses an object that is not a definition, saying what is missing', () => {
        expect(importJson('{ "name": "contacts", "object": "Contact" }')).toEqual({
            ok: false,
            message:
                'The pasted text is a JSON object but not a Dynamic Component definition: it has no "schemaVersion" and no "apiName". Export a definition from the builder, or copy a file from definitions/. Nothing was imported.'
        });
        expect((importJson('{ "apiName": "A", "queries": [] }') as { message: string }).message).toBe(
            'The pasted text is a JSON object but not a Dynamic Component definition: it has no "schemaVersion". It looks like part of one (it has "queries"); add the missing properties. Nothing was imported.'
        );
        expect((importJson('{ "schemaVersion": 2, "apiName": "A" }') as { message: string }).message).toBe(
            'The pasted text has "schemaVersion": 2; this builder reads version 1. Nothing was imported.'
        );
        expect((importJson('{ "schemaVersion": 1, "apiName": 7 }') as { message: string }).message).toContain(
            'has no usable "apiName" (it is a number)'
        );
        expect(
            (importJson('{ "schemaVersion": 1, "apiName": "A", "components": {} }') as { message: string }).message
        ).toBe(
            'The pasted text is not a definition the builder can open: "components" must be a list (it is an object). Nothing was imported.'
        );
    });
});
