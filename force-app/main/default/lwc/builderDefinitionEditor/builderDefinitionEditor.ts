import { LightningElement, api } from 'lwc';
import type { DefinitionProblem } from 'c/dcDefinition';
import type { BuilderEdit, EditorContext } from 'c/dcBuilder';

type Json = Record<string, unknown>;

const API_NAME_MAX = 40;

/** The API name a label suggests: "Contact Status Board" → Contact_Status_Board (platform rules). */
export function apiNameFromLabel(label: string): string {
    let name = label
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
    if (name && !/^[A-Za-z]/.test(name)) name = `X${name}`;
    return name.slice(0, API_NAME_MAX).replace(/_+$/, '');
}

function childPath(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
}

/**
 * Editor of the definition itself (the document root): API name (letters, digits and single underscores, starts
 * with a letter, no trailing underscore, at most 40 characters), label (at most 40) and description. While the API
 * name is empty or still the one the label suggested, typing the label fills it in.
 *
 * Inputs (@api): node (the document), path ('' for the root), context (EditorContext).
 * Events: edit (BuilderEdit, bubbles, composed).
 */
export default class BuilderDefinitionEditor extends LightningElement {
    @api node?: Json;
    @api path = '';
    @api context?: EditorContext;

    get apiName(): string {
        return typeof this.node?.apiName === 'string' ? this.node.apiName : '';
    }

    get labelValue(): string {
        return typeof this.node?.label === 'string' ? this.node.label : '';
    }

    get description(): string {
        return typeof this.node?.description === 'string' ? this.node.description : '';
    }

    private problemsAt(key: string): DefinitionProblem[] {
        const path = childPath(this.path, key);
        return (this.context?.problems ?? []).filter((p) => p.path === path);
    }

    private text(problems: DefinitionProblem[]): string {
        return problems.map((p) => p.message).join(' ');
    }

    get apiNameError(): string {
        return this.text(this.problemsAt('apiName'));
    }

    get labelError(): string {
        return this.text(this.problemsAt('label'));
    }

    get descriptionError(): string {
        return this.text(this.problemsAt('description'));
    }

    /** Problems of the document as a whole ('' and schemaVersion), which no control shows. */
    get documentProblems(): { key: string; message: string }[] {
        const own = new Set([this.path, childPath(this.path, 'schemaVersion'), childPath(this.path, '$schema')]);
        return (this.context?.problems ?? [])
            .filter((p) => own.has(p.path))
            .map((p, i) => ({ key: `${i}:${p.path}`, message: p.message }));
    }

    get hasDocumentProblems(): boolean {
        return this.documentProblems.length > 0;
    }

    get apiNameHelp(): string {
        return `Letters, digits and single underscores; starts with a letter, does not end with an underscore; at most ${API_NAME_MAX} characters. Pages refer to the definition by this name.`;
    }

    get descriptionHelp(): string {
        return 'For admins: what the component shows and does. The first 255 characters are stored with the record.';
    }

    private edit(detail: BuilderEdit): void {
        this.dispatchEvent(new CustomEvent('edit', { detail, bubbles: true, composed: true }));
    }

    private set(key: string, value: unknown, label: string): void {
        this.edit({ op: 'set', path: childPath(this.path, key), value, label });
    }

    handleApiNameChange(event: CustomEvent<{ value: string }>): void {
        this.set('apiName', event.detail.value.trim(), 'Change API name');
    }

    handleLabelChange(event: CustomEvent<{ value: string }>): void {
        const label = event.detail.value;
        const suggested = !this.apiName || this.apiName === apiNameFromLabel(this.labelValue);
        this.set('label', label, 'Change label');
        if (suggested) {
            const apiName = apiNameFromLabel(label);
            if (apiName !== this.apiName) this.set('apiName', apiName, 'Change API name');
        }
    }

    handleDescriptionChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        this.set('description', value ? value : undefined, 'Change description');
    }
}
