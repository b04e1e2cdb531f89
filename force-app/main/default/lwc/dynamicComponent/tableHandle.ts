/*
 * What a data table exposes to merge fields from the host: its selection ({!table.SelectedRows}, …) and the counts
 * of its last inline-edit save ({!table.LastSaveSavedCount}, {!table.LastSaveFailedCount}, 0 before a save).
 */
import type { ComponentHandle, SelectionModel } from 'c/dcRuntime';

export interface LastSave {
    savedCount: number;
    failedCount: number;
}

export const NO_SAVE: Readonly<LastSave> = Object.freeze({ savedCount: 0, failedCount: 0 });

/** A count from a save event's detail: a whole number of rows, 0 for anything else. */
export function saveCount(value: unknown): number {
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * The handle registered with the Runtime for a table: LastSave* from `lastSave()` (read each time, so a new save is
 * seen without registering again), every other property from the selection model.
 */
export function tableHandle(selection: SelectionModel, lastSave: () => LastSave): ComponentHandle {
    return {
        getProperty(path: string[]): unknown {
            const [property, ...rest] = path;
            if (property === 'LastSaveSavedCount' || property === 'LastSaveFailedCount') {
                if (rest.length) {
                    throw new Error(`{!…${property}} is a number of rows and has no field '${rest.join('.')}'.`);
                }
                const counts = lastSave();
                return property === 'LastSaveSavedCount' ? counts.savedCount : counts.failedCount;
            }
            return selection.getProperty(path);
        }
    };
}

/**
 * Rows after a save: each loaded row whose Id is among the saved rows re-read by the server is replaced by that
 * record; rows that were not saved (failed, or not edited) are kept as they are. The order stays the table's.
 */
export function mergeSavedRows<R extends Record<string, unknown>>(rows: readonly R[], saved: readonly unknown[]): R[] {
    const byId = new Map<string, R>();
    for (const record of saved) {
        const id = record && typeof record === 'object' ? (record as Record<string, unknown>).Id : undefined;
        if (typeof id === 'string' && id) byId.set(id, record as R);
    }
    if (!byId.size) return [...rows];
    return rows.map((row) => (typeof row.Id === 'string' && byId.get(row.Id)) || row);
}
