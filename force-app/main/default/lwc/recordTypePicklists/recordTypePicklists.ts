import { LightningElement, api, wire } from 'lwc';
import { getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import type { UiPicklistValuesByRecordType } from 'c/dcRuntime';

/** The master record type: objects without record types (or rows without a RecordTypeId) use its values. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** Detail of the `picklistvalues` event. */
export interface PicklistValuesDetail {
    recordTypeId: string;
    /** The UI API's values of every picklist of the object for this record type; absent on an error. */
    values?: UiPicklistValuesByRecordType;
    /** Why the values could not be loaded (the editors then offer the describe's values). */
    error?: string;
}

function errorText(error: unknown): string {
    const body = (error as { body?: { message?: string } | { message?: string }[] } | undefined)?.body;
    const message = Array.isArray(body) ? body[0]?.message : body?.message;
    return (
        message || (error as { message?: string } | undefined)?.message || 'The picklist values could not be loaded.'
    );
}

/**
 * Loads the picklist values of one record type of an object (getPicklistValuesByRecordType: the values the record
 * type allows, with the dependent picklists' validFor) and reports them with a `picklistvalues` event. Renders
 * nothing: c-dynamic-data-table puts one per distinct RecordTypeId among its loaded rows, so each row's editor
 * offers its own record type's values. LDS caches the answers.
 *
 * Inputs (@api): objectApiName, recordTypeId. Event (does not bubble): picklistvalues {recordTypeId, values, error}.
 */
export default class RecordTypePicklists extends LightningElement {
    @api objectApiName?: string;
    @api recordTypeId?: string;

    @wire(getPicklistValuesByRecordType, { objectApiName: '$objectApiName', recordTypeId: '$recordTypeId' })
    wiredValues({ data, error }: { data?: unknown; error?: unknown }): void {
        const recordTypeId = this.recordTypeId ?? MASTER_RECORD_TYPE_ID;
        let detail: PicklistValuesDetail | undefined;
        if (data) detail = { recordTypeId, values: data as UiPicklistValuesByRecordType };
        else if (error) detail = { recordTypeId, error: errorText(error) };
        if (detail) this.dispatchEvent(new CustomEvent('picklistvalues', { detail }));
    }
}
