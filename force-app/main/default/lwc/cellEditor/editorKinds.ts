/*
 * Which editor c-cell-editor shows for a field's describe type, and how a raw value becomes the editor's starting
 * text. Pure functions, no LWC imports.
 */

export type EditorKind =
    | 'text'
    | 'textarea'
    | 'email'
    | 'phone'
    | 'url'
    | 'number'
    | 'currency'
    | 'percent'
    | 'checkbox'
    | 'date'
    | 'datetime'
    | 'picklist'
    | 'multipicklist'
    | 'lookup';

const KINDS: Readonly<Record<string, EditorKind>> = Object.freeze({
    STRING: 'text',
    COMBOBOX: 'text',
    TEXTAREA: 'textarea',
    EMAIL: 'email',
    PHONE: 'phone',
    URL: 'url',
    DOUBLE: 'number',
    INTEGER: 'number',
    LONG: 'number',
    CURRENCY: 'currency',
    PERCENT: 'percent',
    BOOLEAN: 'checkbox',
    DATE: 'date',
    DATETIME: 'datetime',
    PICKLIST: 'picklist',
    MULTIPICKLIST: 'multipicklist',
    REFERENCE: 'lookup'
});

/** The editor for a Schema.DisplayType name; undefined for a type that cannot be edited inline. */
export function editorKindOf(displayType: string | undefined): EditorKind | undefined {
    return KINDS[(displayType ?? '').toUpperCase()];
}

/** Kinds whose typed text goes through parseEditValue (the others deliver a typed value themselves). */
export const TYPED_TEXT_KINDS: ReadonlySet<EditorKind> = new Set<EditorKind>([
    'text',
    'textarea',
    'email',
    'phone',
    'url',
    'number',
    'currency',
    'percent'
]);

const NUMBER_KINDS: ReadonlySet<EditorKind> = new Set<EditorKind>(['number', 'currency', 'percent']);

/**
 * The text an editor starts with: numbers in the user's locale without grouping (12.5 → "12,5" in de-DE; a percent
 * field stores 12.5 for 12.5 %), other values as they are, blank for null.
 */
export function initialText(kind: EditorKind, value: unknown, locale: string | undefined): string {
    if (value === null || value === undefined) return '';
    if (NUMBER_KINDS.has(kind) && typeof value === 'number' && Number.isFinite(value)) {
        return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 }).format(value);
    }
    return String(value);
}
