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
