/*
 * What the running user may read, change and see in the preview: the stand-in for field-level security
 * (isAccessible / isUpdateable) and sharing (USER_MODE row visibility). The admin has full access; the end user
 * (`?as=user`) has the field access of the permission sets an end user is given — Contact.Description is read-only,
 * as the Orchestration_Participant permission set grants it (editable false) — and sees every record (the preview has
 * no sharing rules). Tests pass their own policy (ControllerSession.access) for unreadable fields and hidden records.
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

export const END_USER_ACCESS: AccessPolicy = Object.freeze({
    readable: () => true,
    updateable: (objectName: string, fieldName: string) =>
        !END_USER_READ_ONLY.some((f) => f.toLowerCase() === `${objectName}.${fieldName}`.toLowerCase()),
    canSee: () => true
});

/**
 * A policy from lists (for tests): `hidden` fields are unreadable, `readOnly` fields not updateable (both
 * Object.Field), `invisible` record Ids are not visible.
 */
export function accessPolicy(options: { hidden?: string[]; readOnly?: string[]; invisible?: string[] }): AccessPolicy {
    const has = (list: string[] | undefined, o: string, f: string) =>
        (list ?? []).some((x) => x.toLowerCase() === `${o}.${f}`.toLowerCase());
    return {
        readable: (o, f) => !has(options.hidden, o, f),
        updateable: (o, f) => !has(options.hidden, o, f) && !has(options.readOnly, o, f),
        canSee: (_o, rec) => !(options.invisible ?? []).includes(rec.Id)
    };
}

/** The policy of a session: its own, else the end user's without Customize Application, else full access. */
export function accessOf(session: { canCustomize?: boolean; access?: AccessPolicy } | undefined): AccessPolicy {
    if (session?.access) return session.access;
    return session?.canCustomize === false ? END_USER_ACCESS : FULL_ACCESS;
}
