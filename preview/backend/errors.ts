/** A service error with the contract's shape {code, message, details} (docs/CONTRACTS.md). */
export class ServiceError extends Error {
    readonly code: string;
    readonly details: unknown[];
    constructor(code: string, message: string, details: unknown[] = []) {
        super(message);
        this.name = 'ServiceError';
        this.code = code;
        this.details = details;
    }
    toJSON(): { code: string; message: string; details: unknown[] } {
        return { code: this.code, message: this.message, details: this.details };
    }
}

/**
 * Any failure as the error the client reads, as Apex DynamicComponentController.toAuraException maps it: a
 * ServiceError keeps its code; anything else becomes UNEXPECTED under a 12-character reference (the full error goes
 * to `log` with it): an admin (canCustomize) reads the real text with the reference, anyone else a generic message.
 */
export function toServiceError(
    e: unknown,
    session: { canCustomize?: boolean },
    log: (line: string) => void = () => undefined
): ServiceError {
    if (e instanceof ServiceError) return e;
    const error = e instanceof Error ? e : new Error(String(e));
    const reference = Array.from({ length: 12 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
    log(`Dynamic Components error ${reference}: ${error.name}: ${error.message}\n${error.stack ?? ''}`);
    if (session.canCustomize !== false) {
        return new ServiceError('UNEXPECTED', `${error.message} (reference ${reference})`, [error.name]);
    }
    return new ServiceError(
        'UNEXPECTED',
        `Something went wrong. Ask your admin to look up reference ${reference} in the debug log.`,
        [`Reference: ${reference}`]
    );
}
