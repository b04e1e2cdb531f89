/*
 * Generated records for tests at scale (POST /api/test/seed): `count` Contacts named "Seed Contact 00001"… with
 * distinct emails and the given field values, inserted through the store like any record (checks, defaults, Ids).
 * The store's write counts start again from zero, so a test counts only the writes of what it runs next.
 */
import { ServiceError } from './errors';
import type { Store } from './store';

export const MAX_SEEDED = 100000;

export function seedRecords(
    store: Store,
    objectName: string,
    count: number,
    values: Record<string, unknown> = {}
): { created: number; ids: string[] } {
    if (objectName !== 'Contact') {
        throw new ServiceError('INVALID_REQUEST', `Only Contact can be seeded, not '${objectName}'.`);
    }
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEEDED) {
        throw new ServiceError(
            'INVALID_REQUEST',
            `count must be a whole number from 1 to ${MAX_SEEDED.toLocaleString('en-US')}, not ${JSON.stringify(count)}.`
        );
    }
    const width = Math.max(5, String(count).length);
    const ids: string[] = [];
    for (let i = 1; i <= count; i++) {
        const n = String(i).padStart(width, '0');
        const rec = store.insert(objectName, {
            FirstName: 'Seed',
            LastName: `Contact ${n}`,
            Email: `seed${n}@example.com`,
            ...values
        });
        if (ids.length < 5) ids.push(rec.Id);
    }
    store.resetWriteCounts();
    return { created: count, ids };
}
