/*
 * Type checks and conversions for resource values and flow inputs/outputs (Flow-style data types).
 * Values are kept JSON-friendly: Date → 'YYYY-MM-DD', DateTime → ISO 8601 text, Record → plain object.
 */
import type { DataType } from 'c/dcDefinition';

/** Thrown when a value does not fit a data type or its collection-ness. */
export class DataTypeError extends Error {
    /** TYPE_MISMATCH or COLLECTION_MISMATCH (the FlowRunResponse codes). */
    readonly code: 'TYPE_MISMATCH' | 'COLLECTION_MISMATCH';
    constructor(message: string, code: 'TYPE_MISMATCH' | 'COLLECTION_MISMATCH' = 'TYPE_MISMATCH') {
        super(message);
        this.name = 'DataTypeError';
        this.code = code;
    }
}

export interface CoerceOptions {
    isCollection?: boolean;
    /** Start of the error sentence, e.g. "updatedCount is a Number variable". */
    subject?: string;
    /** Verb of the error sentence: "store" (default) or "pass". */
    verb?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Short, quoted rendering of a value for error messages. */
export function describeValue(value: unknown): string {
    let text: string;
    if (typeof value === 'string') text = `'${value}'`;
    else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    else if (Array.isArray(value)) text = `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
    else if (isPlainRecord(value)) text = 'a record';
    else text = String(value);
    return text.length > 60 ? `${text.slice(0, 57)}…'` : text;
}

function pad(n: number, width = 2): string {
    return String(n).padStart(width, '0');
}

function validDate(text: string): boolean {
    const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text.slice(0, 10);
}

type Converter = (value: unknown) => unknown;

/** Each converter returns the converted value or `INVALID`. */
const INVALID = Symbol('invalid');

const CONVERTERS: Record<DataType, Converter> = {
    Text: (value) => {
        if (typeof value === 'string') return value;
        if (typeof value === 'number' || typeof value === 'boolean') return String(value);
        if (value instanceof Date) return value.toISOString();
        return INVALID;
    },
    Number: toNumber,
    Currency: toNumber,
    Boolean: (value) => {
        if (typeof value === 'boolean') return value;
        if (typeof value === 'string') {
            const lower = value.trim().toLowerCase();
            if (lower === 'true' || lower === 'false') return lower === 'true';
        }
        return INVALID;
    },
    Date: (value) => {
        if (value instanceof Date && !Number.isNaN(value.getTime())) {
            return `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
        }
        if (typeof value === 'string') {
            const text = value.trim();
            if ((ISO_DATE.test(text) || ISO_DATETIME.test(text)) && validDate(text)) return text.slice(0, 10);
        }
        return INVALID;
    },
    DateTime: (value) => {
        if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
        if (typeof value === 'string') {
            const text = value.trim();
            if (ISO_DATETIME.test(text) && validDate(text)) return text;
            if (ISO_DATE.test(text) && validDate(text)) return `${text}T00:00:00.000Z`;
        }
        return INVALID;
    },
    Record: (value) => (isPlainRecord(value) ? value : INVALID)
};

function toNumber(value: unknown): unknown {
    if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
    if (typeof value === 'string' && value.trim() !== '') {
        const number = Number(value.trim());
        return Number.isFinite(number) ? number : INVALID;
    }
    return INVALID;
}

function typeLabel(dataType: DataType, isCollection: boolean): string {
    return `${dataType}${isCollection ? ' collection' : ''}`;
}

function isBlankScalar(value: unknown, dataType: DataType): boolean {
    return value === null || value === undefined || (value === '' && dataType !== 'Text');
}

/**
 * Converts `value` to `dataType` (and to a list when isCollection), or throws DataTypeError with a message such as
 * "updatedCount is a Number variable; cannot store 'abc'". null/undefined (and '' for non-Text) become null, or []
 * for a collection. Numeric text becomes a Number, 'true'/'false' a Boolean, Date objects ISO text.
 * Arrays are converted element by element into a new array (a collection of Text with only strings is returned
 * as is, without a copy).
 */
export function coerceValue(value: unknown, dataType: DataType, options: CoerceOptions = {}): unknown {
    const isCollection = options.isCollection === true;
    const subject = options.subject ?? `The value is a ${typeLabel(dataType, isCollection)}`;
    const verb = options.verb ?? 'store';
    const convert = CONVERTERS[dataType];
    if (!convert) {
        throw new DataTypeError(`${subject}: unknown data type '${String(dataType)}'`);
    }
    if (isCollection) {
        if (value === null || value === undefined) return [];
        if (!Array.isArray(value)) {
            throw new DataTypeError(
                `${subject}; cannot ${verb} the single value ${describeValue(value)} — a list is expected`,
                'COLLECTION_MISMATCH'
            );
        }
        if (dataType === 'Text' && value.every((item) => typeof item === 'string')) {
            return value;
        }
        return value.map((item, index) => {
            if (isBlankScalar(item, dataType)) return null;
            const converted = convert(item);
            if (converted === INVALID) {
                throw new DataTypeError(`${subject}; cannot ${verb} ${describeValue(item)} (item ${index + 1})`);
            }
            return converted;
        });
    }
    if (Array.isArray(value)) {
        throw new DataTypeError(
            `${subject}; cannot ${verb} ${describeValue(value)} — it holds a single value, not a collection`,
            'COLLECTION_MISMATCH'
        );
    }
    if (isBlankScalar(value, dataType)) return null;
    const converted = convert(value);
    if (converted === INVALID) {
        throw new DataTypeError(`${subject}; cannot ${verb} ${describeValue(value)}`);
    }
    return converted;
}

/**
 * Walks a field path into a value: objects by key (exact, then case-insensitive, as Salesforce field names are),
 * anything else ends the walk with undefined.
 */
export function getPath(value: unknown, path: readonly string[], start = 0): unknown {
    let current = value;
    for (let i = start; i < path.length; i++) {
        if (!isPlainRecord(current)) return undefined;
        const key = path[i];
        if (Object.prototype.hasOwnProperty.call(current, key)) {
            current = current[key];
            continue;
        }
        const lower = key.toLowerCase();
        const match = Object.keys(current).find((k) => k.toLowerCase() === lower);
        current = match === undefined ? undefined : current[match];
    }
    return current;
}
