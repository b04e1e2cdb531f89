// lightning/uiObjectInfoApi as the Data Table's editors use it (c-record-type-picklists).
declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface GetPicklistValuesByRecordTypeConfig {
        objectApiName?: string;
        recordTypeId?: string;
    }
    /** The wired value is {data, error}; data is {picklistFieldValues: {Field: {controllerValues, defaultValue, values}}}. */
    export const getPicklistValuesByRecordType: WireAdapterConstructor<
        GetPicklistValuesByRecordTypeConfig,
        { data?: unknown; error?: unknown }
    >;
}
