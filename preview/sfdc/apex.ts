// `@salesforce/apex` (no method): refreshApex, getSObjectValue
import { record } from './registry';

export function refreshApex(wiredValue: unknown): Promise<void> {
    record('refreshApex', {});
    return Promise.resolve(wiredValue as void);
}

export function getSObjectValue(sobject: Record<string, unknown>, field: string | { fieldApiName: string }): unknown {
    const name = typeof field === 'string' ? field : field.fieldApiName;
    return name
        .split('.')
        .reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), sobject);
}
