/*
 * The draft's undo history. Every edit is one step (before / after documents, which share everything the edit did
 * not touch); consecutive typing into the same field — `set` edits of text or numbers on one path, each within
 * `mergeWindowMs` of the previous — is one step, so Undo takes back the whole word, not one letter. `dirty` compares
 * the draft with the last saved snapshot by content, so undoing back to it makes the draft clean again.
 */
import { applyEdit } from './paths';
import { deepEqual } from './serialize';
import type { BuilderEdit, DraftPath } from './types';

export type Doc = Record<string, unknown>;

/** Applies an edit to a document (default: paths.applyEdit; the host keeps references consistent on renames). */
export type EditApplier = (doc: Doc, edit: BuilderEdit) => Doc;

export interface HistoryOptions {
    /** Typing edits closer together than this merge into one step (ms). Default 1500. */
    mergeWindowMs?: number;
    /** Oldest steps are dropped beyond this many. Default 200. */
    limit?: number;
    /** Clock (tests). */
    now?: () => number;
    applier?: EditApplier;
}

interface Step {
    label: string;
    path: DraftPath;
    before: Doc;
    after: Doc;
    /** The last edit of the step (a merged typing step keeps re-applying it to `before`). */
    edit: BuilderEdit;
    mergeable: boolean;
    time: number;
}

const LIST_ITEM: Record<string, string> = {
    resources: 'resource',
    queries: 'query',
    components: 'data table',
    columns: 'column',
    headerActions: 'header action',
    rowActions: 'row action',
    interactions: 'interaction',
    do: 'action',
    onFinish: 'On Finish action',
    onError: 'On Error action',
    onCancel: 'On Cancel action',
    onClose: 'On Close action',
    inputs: 'flow input',
    outputs: 'flow output',
    conditions: 'condition',
    orderBy: 'sort field',
    fields: 'field',
    searchFields: 'search field'
};

/** 'maxRowSelection' → 'max row selection'; 'apiName' → 'API name'. */
function words(key: string): string {
    if (key === 'apiName') return 'API name';
    if (key === 'flowApiName') return 'flow';
    if (key === 'objectApiName') return 'object';
    return key
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/^\$/, '')
        .toLowerCase();
}

/** The thing a path names, for step labels: 'components[0].columns[2]' → 'column', 'queries[0].object' → 'object'. */
export function describePath(path: DraftPath): string {
    const parts = path.split(/[.[\]]+/).filter(Boolean);
    if (!parts.length) return 'definition';
    const last = parts[parts.length - 1];
    if (/^\d+$/.test(last)) {
        const list = parts[parts.length - 2];
        return LIST_ITEM[list] ?? 'item';
    }
    if (last.startsWith('"')) return 'property';
    return words(last);
}

/** Default label of an edit ('Change label', 'Add column', 'Remove header action', 'Move condition'). */
export function editLabel(edit: BuilderEdit): string {
    if (edit.label) return edit.label;
    switch (edit.op) {
        case 'set':
            return edit.value === undefined ? `Remove ${describePath(edit.path)}` : `Change ${describePath(edit.path)}`;
        case 'insert': {
            const list =
                edit.path
                    .split(/[.[\]]+/)
                    .filter(Boolean)
                    .pop() ?? '';
            return `Add ${LIST_ITEM[list] ?? 'item'}`;
        }
        case 'remove':
            return `Remove ${describePath(edit.path)}`;
        default:
            return `Move ${describePath(edit.path)}`;
    }
}

function isTyping(edit: BuilderEdit): boolean {
    return edit.op === 'set' && (typeof edit.value === 'string' || typeof edit.value === 'number');
}

export class DraftHistory {
    private current: Doc;
    private saved: Doc | null;
    private undoStack: Step[] = [];
    private redoStack: Step[] = [];
    private readonly mergeWindowMs: number;
    private readonly limit: number;
    private readonly now: () => number;
    private readonly applier: EditApplier;

    /** `saved`: the stored version the draft is compared with (null: never saved, so always dirty). */
    constructor(doc: Doc, options: HistoryOptions & { saved?: Doc | null } = {}) {
        this.current = doc;
        this.saved = options.saved === undefined ? doc : options.saved;
        this.mergeWindowMs = options.mergeWindowMs ?? 1500;
        this.limit = options.limit ?? 200;
        this.now = options.now ?? (() => Date.now());
        this.applier = options.applier ?? applyEdit;
    }

    /** The current draft. */
    get doc(): Doc {
        return this.current;
    }

    /**
     * Applies an edit and records it (merged into the previous step when it continues typing into the same field).
     * Returns the new draft. A bad edit throws (paths.PathError) and changes nothing. An edit that changes nothing
     * records nothing.
     */
    apply(edit: BuilderEdit): Doc {
        const time = this.now();
        const last = this.undoStack[this.undoStack.length - 1];
        const merge =
            last !== undefined &&
            last.mergeable &&
            isTyping(edit) &&
            last.path === edit.path &&
            last.after === this.current &&
            time - last.time <= this.mergeWindowMs;
        if (merge) {
            // Re-apply from the step's start: the result is that of the whole run of typing.
            const after = this.applier(last.before, edit);
            last.after = after;
            last.edit = edit;
            last.time = time;
            if (edit.label) last.label = edit.label;
            this.current = after;
            if (after === last.before || deepEqual(after, last.before)) {
                // Typed back to what it was: the step changes nothing any more.
                this.undoStack.pop();
                this.current = last.before;
            }
            this.redoStack = [];
            return this.current;
        }
        const after = this.applier(this.current, edit);
        if (after === this.current) return this.current;
        this.undoStack.push({
            label: editLabel(edit),
            path: edit.path,
            before: this.current,
            after,
            edit,
            mergeable: isTyping(edit),
            time
        });
        if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
        this.redoStack = [];
        this.current = after;
        return this.current;
    }

    /** Ends the current typing run: the next edit starts a new step even on the same field (e.g. on blur). */
    breakMerge(): void {
        const last = this.undoStack[this.undoStack.length - 1];
        if (last) last.mergeable = false;
    }

    get canUndo(): boolean {
        return this.undoStack.length > 0;
    }

    get canRedo(): boolean {
        return this.redoStack.length > 0;
    }

    /** Label of the step Undo takes back. */
    get undoLabel(): string | undefined {
        return this.undoStack[this.undoStack.length - 1]?.label;
    }

    /** Label of the step Redo re-applies. */
    get redoLabel(): string | undefined {
        return this.redoStack[this.redoStack.length - 1]?.label;
    }

    /** Labels of the steps, oldest first (undo) and next first (redo). */
    get labels(): { undo: string[]; redo: string[] } {
        return {
            undo: this.undoStack.map((s) => s.label),
            redo: this.redoStack.map((s) => s.label).reverse()
        };
    }

    /** Takes back the last step; returns its label (undefined when there is nothing to undo). */
    undo(): string | undefined {
        const step = this.undoStack.pop();
        if (!step) return undefined;
        step.mergeable = false;
        this.redoStack.push(step);
        this.current = step.before;
        return step.label;
    }

    /** Re-applies the last undone step; returns its label. */
    redo(): string | undefined {
        const step = this.redoStack.pop();
        if (!step) return undefined;
        this.undoStack.push(step);
        this.current = step.after;
        return step.label;
    }

    /** The path the last undone / redone step changed (to move the selection there). */
    pathOfLastUndo(): DraftPath | undefined {
        return this.redoStack[this.redoStack.length - 1]?.path;
    }

    pathOfLastStep(): DraftPath | undefined {
        return this.undoStack[this.undoStack.length - 1]?.path;
    }

    /** The snapshot the draft is compared with (null: never saved). */
    get savedDoc(): Doc | null {
        return this.saved;
    }

    /** True when the draft differs from the saved snapshot (always, for a draft that was never saved). */
    get dirty(): boolean {
        if (this.saved === null) return true;
        return this.current !== this.saved && !deepEqual(this.current, this.saved);
    }

    /** Records `doc` (default: the current draft) as what is stored now; the draft is clean if it equals it. */
    markSaved(doc: Doc = this.current): void {
        this.saved = doc;
        this.breakMerge();
    }

    /** Starts over with a new draft (opened, imported, new from template): no steps, `saved` as the snapshot. */
    reset(doc: Doc, saved: Doc | null = doc): void {
        this.current = doc;
        this.saved = saved;
        this.undoStack = [];
        this.redoStack = [];
    }
}
