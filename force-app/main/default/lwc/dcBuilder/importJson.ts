/*
 * Import JSON: reads pasted or uploaded text and decides whether it is a definition the builder can open. A
 * refusal names what is wrong (not JSON — with line and column —, not an object, an object that is not a
 * definition, an unsupported schemaVersion); the caller replaces nothing then. A definition with problems IS
 * accepted: the builder opens it and lists them, which is how an admin fixes it.
 */
import { SCHEMA_VERSION, parseJsonWithPositions } from 'c/dcDefinition';

export type ImportResult = { ok: true; doc: Record<string, unknown> } | { ok: false; message: string };

const DEFINITION_KEYS = ['resources', 'queries', 'components', 'interactions'];

function kindOf(v: unknown): string {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'a list';
    if (typeof v === 'string') return 'a text value';
    if (typeof v === 'number') return 'a number';
    if (typeof v === 'boolean') return 'true/false';
    return 'an object';
}

/** Parses `text` and checks that it is a Dynamic Component definition. */
export function importJson(text: string, source = 'The pasted text'): ImportResult {
    if (typeof text !== 'string' || !text.trim()) {
        return { ok: false, message: `${source} is empty: paste or choose a definition JSON file.` };
    }
    const parsed = parseJsonWithPositions(text.replace(/^\uFEFF/, ''));
    if (parsed.error) {
        const { message, line, column } = parsed.error;
        return {
            ok: false,
            message: `${source} is not valid JSON: ${message} at line ${line}, column ${column}. Nothing was imported.`
        };
    }
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {
            ok: false,
            message: `${source} is ${kindOf(value)}, not a definition: a definition is a JSON object { "schemaVersion": 1, "apiName": …, "label": …, … }. Nothing was imported.`
        };
    }
    const doc = value as Record<string, unknown>;
    const missing = ['schemaVersion', 'apiName'].filter((k) => !(k in doc));
    if (missing.length) {
        const known = Object.keys(doc).filter((k) => DEFINITION_KEYS.includes(k) || k === 'label');
        const hint = known.length
            ? ` It looks like part of one (it has ${known.map((k) => `"${k}"`).join(', ')}); add the missing properties.`
            : ' Export a definition from the builder, or copy a file from definitions/.';
        return {
            ok: false,
            message: `${source} is a JSON object but not a Dynamic Component definition: it has no ${missing.map((k) => `"${k}"`).join(' and no ')}.${hint} Nothing was imported.`
        };
    }
    if (doc.schemaVersion !== SCHEMA_VERSION) {
        return {
            ok: false,
            message: `${source} has "schemaVersion": ${JSON.stringify(doc.schemaVersion)}; this builder reads version ${SCHEMA_VERSION}. Nothing was imported.`
        };
    }
    if (typeof doc.apiName !== 'string' || !doc.apiName.trim()) {
        return {
            ok: false,
            message: `${source} has no usable "apiName" (it is ${kindOf(doc.apiName)}): a definition's API name is text such as "Contact_Status_Board". Nothing was imported.`
        };
    }
    const notLists = DEFINITION_KEYS.filter((k) => doc[k] !== undefined && !Array.isArray(doc[k]));
    if (notLists.length) {
        return {
            ok: false,
            message: `${source} is not a definition the builder can open: ${notLists.map((k) => `"${k}"`).join(', ')} must be a list (it is ${kindOf(doc[notLists[0]])}). Nothing was imported.`
        };
    }
    return { ok: true, doc };
}
