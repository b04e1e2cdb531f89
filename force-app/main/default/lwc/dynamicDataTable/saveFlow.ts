/*
 * The Data Table's save of its inline-edit drafts and its CSV export, without LWC: c-dynamic-data-table passes in
 * the Apex calls, so Jest drives these with mocks. Drafts live in the DraftStore (c/dcRuntime); this module sends
 * them in one saveRecords call and reads the per-row results back into the store.
 */
import { dependentsToReset, parseServerError, recordTypeIdOf, valueAtPath } from 'c/dcRuntime';
import type { DraftStore, QueryFieldInfo, SaveResponse, UiPicklistValuesByRecordType } from 'c/dcRuntime';

type Row = Record<string, unknown>;

/** What a save did. */
export type SaveOutcome =
    | {
          ok: true;
          savedCount: number;
          failedCount: number;
          /** Record Ids of the saved rows (for notifyRecordUpdateAvailable). */
          savedIds: string[];
          savedKeys: string[];
          failedKeys: string[];
          /** The saved rows as the server re-read them, by row key. */
          records: Map<string, Row>;
      }
    | { ok: false; message: string; code: string };

/**
 * Saves every draft in one saveRecords call, with the query's recordId and binds when it has them. Refuses up front (no call) when the drafts exceed MAX_SAVE_ROWS. A
 * whole-request error (NOT_EDITABLE, TOO_MANY_ROWS, …) keeps every draft; otherwise saved rows lose their drafts
 * and failed rows keep them with the platform's messages (DraftStore.setResults).
 */
export async function saveDrafts(
    drafts: DraftStore,
    rowOf: (key: string) => Row | undefined,
    save: (requestJson: string) => Promise<unknown>,
    context?: { recordId?: string | null; binds?: Record<string, unknown> } | null
): Promise<SaveOutcome> {
    const problem = drafts.saveProblem();
    if (problem) return { ok: false, message: problem, code: 'TOO_MANY_ROWS' };
    // the query's recordId and binds: the server re-reads the rows under the same conditions the table showed
    const request = {
        ...drafts.toRequest(rowOf),
        ...(context?.binds ? { binds: context.binds } : {}),
        ...(context?.recordId ? { recordId: context.recordId } : {})
    };
    let response: SaveResponse;
    try {
        response = (await save(JSON.stringify(request))) as SaveResponse;
    } catch (error) {
        const parsed = parseServerError(error);
        return { ok: false, message: parsed.message, code: parsed.code };
    }
    const results = Array.isArray(response?.results) ? response.results : [];
    const { saved, failed } = drafts.setResults(results);
    const savedIds = results.filter((r) => r.success).map((r) => r.id);
    const records = new Map<string, Row>();
    const keyField = drafts.keyField;
    for (const record of response?.records ?? []) {
        const key = valueAtPath(record, keyField);
        if (key !== undefined && key !== null && key !== '') records.set(String(key), record);
    }
    return {
        ok: true,
        savedCount: typeof response?.savedCount === 'number' ? response.savedCount : saved.length,
        failedCount: typeof response?.failedCount === 'number' ? response.failedCount : failed.length,
        savedIds,
        savedKeys: saved,
        failedKeys: failed,
        records
    };
}

/** A committed cell value, for one row or (mass edit) every selected row. */
export interface CommitInput {
    keys: readonly string[];
    field: string;
    value: unknown;
    /** Lookups: the chosen record's name. */
    label?: string | null;
    rowOf: (key: string) => Row | undefined;
    picklistValues: Readonly<Record<string, UiPicklistValuesByRecordType>>;
    fields: readonly QueryFieldInfo[];
}

/**
 * Writes a committed value as a draft of each row, and clears each row's dependent picklists that the new
 * controlling value makes invalid (dependentsToReset over the row with its drafts). Returns the rows drafted.
 */
export function commitDraft(drafts: DraftStore, input: CommitInput): number {
    const { keys, field, value, rowOf } = input;
    let drafted: number;
    if (keys.length === 1) {
        const options =
            input.label !== undefined ? { row: rowOf(keys[0]), label: input.label } : { row: rowOf(keys[0]) };
        drafted = drafts.set(keys[0], field, value, options) ? 1 : 0;
    } else {
        drafted = drafts.applyToSelection(keys, field, value, rowOf, input.label);
    }
    for (const key of keys) {
        const row = rowOf(key);
        if (!row) continue;
        const effective = drafts.effectiveRow(row);
        const values = input.picklistValues[recordTypeIdOf(effective)];
        for (const dependent of dependentsToReset(field, value, effective, values, input.fields)) {
            drafts.set(key, dependent, null, { row });
        }
    }
    return drafted;
}

/** "Exporting 12,000 of 50,000 rows…" (or "Exporting 12,000 rows…" while the total is unknown). */
export function exportProgressText(loaded: number, total: number | null, locale?: string): string {
    const format = new Intl.NumberFormat(locale);
    if (typeof total === 'number') {
        return `Exporting ${format.format(loaded)} of ${format.format(total)} ${total === 1 ? 'row' : 'rows'}…`;
    }
    return `Exporting ${format.format(loaded)} ${loaded === 1 ? 'row' : 'rows'}…`;
}
