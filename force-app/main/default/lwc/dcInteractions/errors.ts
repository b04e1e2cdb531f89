/*
 * Errors of the interaction engine and their {code, message, details} form ({!$Error.*}).
 */
import { parseServerError } from 'c/dcRuntime';
import type { ErrorInfo } from 'c/dcRuntime';

/** Error with a code, raised by executors; becomes {!$Error.code}/{!$Error.message}. */
export class ActionError extends Error {
    readonly code: string;
    readonly details: unknown[];
    constructor(code: string, message: string, details: unknown[] = []) {
        super(message);
        this.name = 'ActionError';
        this.code = code;
        this.details = details;
    }
}

/** {code, message, details} of anything thrown by an executor or a service. */
export function toErrorInfo(error: unknown): ErrorInfo {
    if (error instanceof Error) {
        const { code, details } = error as Error & { code?: unknown; details?: unknown };
        if (typeof code === 'string' && code) {
            return { code, message: error.message, details: Array.isArray(details) ? details : [] };
        }
    }
    const parsed = parseServerError(error);
    return { code: parsed.code, message: parsed.message, details: parsed.details };
}
