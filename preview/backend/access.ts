/*
 * What the running user may read, change and see in the preview: the stand-in for field-level security
 * (isAccessible / isUpdateable) and sharing (USER_MODE row visibility). The admin has full access. The end user
 * (`?as=user`) can read but not change Contact.Description (the Orchestration_Participant permission set grants it
 * with editable false), cannot read Contact.Birthdate (hidden by the profile's field-level security, so a table or an
 * export shows the "hidden" notice), and sees every record (the preview has no sharing rules). Tests pass their own
 * policy (ControllerSession.access) for other fields and for records the user cannot see.
 */
import type { SObject } from './store';

export interface AccessPolicy {
    /** Field-level security: read access (Schema.DescribeFieldResult.isAccessible()). */
    readable(objectName: string, fieldName: string): boolean;
    /** Field-level security: edit access (isUpdateable()); only asked for fields anyone can write. */
    updateable(objectName: string, fieldName: string): boolean;
    /** Sharing: the record is visible to the user (a USER_MODE query returns it). */
    canSee(objectName: string, record: SObject): boolean;
}

export const FULL_ACCESS: AccessPolicy = Object.freeze({
    readable: () => true,
    updateable: () => true,
    canSee: () => true
});

/** Fields the end user can read but not change (Object.Field). */
export const END_USER_READ_ONLY: readonly string[] = ['Contact.Description'];

/** Fields the end user cannot read at all (Object.Field). */
export const END_USER_HIDDEN: readonly string[] = ['Contact.Birthdate'];

const listed = (list: readonly string[], objectName: string, fieldName: string) =>
    list.some((f) => f.toLowerCase() === `${objectName}.${fieldName}`.toLowerCase());

/**
 * The end user's policy; `hidden` are record Ids they cannot see (POST /api/test/hide-from-user hides a record, as a
 * sharing change would, so an e2e test can show ROW_NOT_AVAILABLE and a lookup to an invisible record).
 */
export function endUserAccess(hidden: ReadonlySet<string> = new Set()): AccessPolicy {
    return Object.freeze({
        readable: (objectName: string, fieldName: string) => !listed(END_USER_HIDDEN, objectName, fieldName),
        updateable: (objectName: string, fieldName: string) =>
            !listed(END_USER_HIDDEN, objectName, fieldName) && !listed(END_USER_READ_ONLY, objectName, fieldName),
        canSee: (_objectName: string, record: SObject) => !hidden.has(record.Id)
    });
}

export const END_USER_ACCESS: AccessPolicy = endUserAccess();

/**
 * A policy from lists (for tests): `hidden` fields are unreadable, `readOnly` fields not updateable (both
 * Object.Field), `invisible` record Ids are not visible.
 */
export function accessPolicy(options: { hidden?: string[]; readOnly?: string[]; invisible?: string[] }): AccessPolicy {
    return {
        readable: (o, f) => !listed(options.hidden ?? [], o, f),
        updateable: (o, f) => !listed(options.hidden ?? [], o, f) && !listed(options.readOnly ?? [], o, f),
        canSee: (_o, rec) => !(options.invisible ?? []).includes(rec.Id)
    };
}

/**
 * The policy of a session: its own, else the end user's without Customize Application (not seeing `hiddenFromUser`),
 * else full access.
 */
export function accessOf(
    session: { canCustomize?: boolean; access?: AccessPolicy } | undefined,
    hiddenFromUser?: ReadonlySet<string>
): AccessPolicy {
    if (session?.access) return session.access;
    if (session?.canCustomize !== false) return FULL_ACCESS;
    return hiddenFromUser?.size ? endUserAccess(hiddenFromUser) : END_USER_ACCESS;
}
