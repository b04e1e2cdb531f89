/*
 * "Select all matching" selections on the preview's server side, as Apex MatchingSelection does them: the request's
 * context.matching is checked (INVALID_REQUEST), then resolved with the table's own query (the page's record, the
 * search, the running user's visibility; no client binds, no sort, no maxRows) minus the unticked Ids. The texts are
 * the Apex ones, so the e2e sees what an org shows.
 */
import { ServiceError } from './errors';
import type { MatchingSelection } from '../../force-app/main/default/lwc/dcRuntime/apexContract';

/** Apex MatchingSelection.MAX_EXCLUDED. */
export const MAX_EXCLUDED = 2000;
/** Apex MatchingSelection.SYNC_MAX_ROWS: one transaction's DML rows. */
export const SYNC_MAX_ROWS = 10000;

const RECORD_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const COUNT = (n: number) => n.toLocaleString('en-US');

function invalid(what: string): ServiceError {
    return new ServiceError('INVALID_REQUEST', `The flow run context ${what} (docs/CONTRACTS.md FlowRunContext).`);
}

/** context.matching, checked; undefined when absent. A table may not be in both selection and matching. */
export function parseMatching(
    value: unknown,
    selection: Record<string, unknown> | undefined
): Record<string, MatchingSelection> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw invalid(
            `matching must map table names to {searchTerm, excludedIds, expectedCount}, not ${JSON.stringify(value)}`
        );
    }
    const out: Record<string, MatchingSelection> = {};
    for (const [table, spec] of Object.entries(value as Record<string, unknown>)) {
        if (selection && Object.prototype.hasOwnProperty.call(selection, table)) {
            throw invalid(
                `names table '${table}' in both selection and matching: a table's selection is either its selected row Ids or all its matching rows, not both`
            );
        }
        const at = `matching.${table}`;
        if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
            throw invalid(
                `${at} must be an object {searchTerm, excludedIds, expectedCount}, not ${JSON.stringify(spec)}`
            );
        }
        const m = spec as Record<string, unknown>;
        if (m.searchTerm !== undefined && m.searchTerm !== null && typeof m.searchTerm !== 'string') {
            throw invalid(`${at}.searchTerm must be a text or null, not ${JSON.stringify(m.searchTerm)}`);
        }
        const expected = m.expectedCount;
        if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
            throw invalid(
                `${at}.expectedCount must be the number of rows the user selected (a whole number of 0 or more), not ${JSON.stringify(expected)}`
            );
        }
        const excluded = m.excludedIds ?? [];
        if (!Array.isArray(excluded)) {
            throw invalid(`${at}.excludedIds must be a list of row Ids, not ${JSON.stringify(excluded)}`);
        }
        if (excluded.length > MAX_EXCLUDED) {
            throw invalid(
                `${at}.excludedIds holds ${COUNT(excluded.length)} Ids; at most ${COUNT(MAX_EXCLUDED)} rows can be unticked in a "select all matching" selection. Narrow the search instead`
            );
        }
        excluded.forEach((id, i) => {
            if (typeof id !== 'string' || !RECORD_ID.test(id)) {
                throw invalid(`${at}.excludedIds[${i}] must be a record Id, not ${JSON.stringify(id)}`);
            }
        });
        const term = typeof m.searchTerm === 'string' && m.searchTerm.trim() ? m.searchTerm : null;
        out[table] = { searchTerm: term, excludedIds: excluded as string[], expectedCount: expected };
    }
    return out;
}

/** The run's message when the rows matching now are not the ones the user selected, else null. */
export function changedMessage(now: number, expected: number): string | null {
    if (now === expected) return null;
    const n = COUNT(now);
    return (
        `The selection changed since it was made: ${n} ${now === 1 ? 'row matches' : 'rows match'} now, not the ` +
        `${COUNT(expected)} you selected. The run covers the ${n} ${now === 1 ? 'row that matches' : 'rows that match'} now.`
    );
}

export function tooManyForOneTransaction(table: string, count: number): ServiceError {
    return new ServiceError(
        'TOO_MANY_ROWS',
        `${COUNT(count)} rows match in table '${table}'; one transaction handles at most ${COUNT(SYNC_MAX_ROWS)}. Set the action's mode to auto or async to run it in chunks.`,
        [`Table: ${table}`]
    );
}

export function tooManyForTable(table: string, count: number, max: number): ServiceError {
    return new ServiceError(
        'TOO_MANY_ROWS',
        `${COUNT(count)} rows match in table '${table}', which allows at most ${COUNT(max)} selected rows. Narrow the search or untick rows, and run it again.`,
        [`Table: ${table}`]
    );
}

export function nothingMatches(table: string): ServiceError {
    return new ServiceError(
        'SELECTION_REQUIRED',
        `No row of table '${table}' matches now: the selection changed since it was made. Search again and select the rows.`,
        [`Table: ${table}`]
    );
}
