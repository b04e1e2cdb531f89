// Ambient declarations for platform modules that @salesforce/lightning-types does not ship.
// @salesforce/apex/* is deliberately NOT declared here: types/apex.generated.d.ts is generated from the
// Apex source by `npm run build`, so importing a method that does not exist fails the type check.
// No top-level import in this file (it would turn these into module augmentations).

declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<void>;
}
declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}
declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}
declare module '@salesforce/user/Id' {
    const id: string;
    export default id;
}
declare module '@salesforce/userPermission/*' {
    const granted: boolean;
    export default granted;
}
declare module 'lightning/refresh' {
    export class RefreshEvent extends CustomEvent<unknown> {
        constructor();
    }
}
declare module 'lightning/empApi' {
    /** The Streaming API subscription handle subscribe() resolves with. */
    export interface EmpSubscription {
        id?: unknown;
        channel?: string;
        replayId?: number;
    }
    export function isEmpEnabled(): Promise<boolean>;
    export function subscribe(
        channel: string,
        replayId: number,
        onMessage: (message: unknown) => void
    ): Promise<EmpSubscription>;
    export function unsubscribe(
        subscription: EmpSubscription,
        callback?: (response: unknown) => void
    ): Promise<unknown>;
    export function onError(callback: (error: unknown) => void): void;
    export function setDebugFlag(flag: boolean): Promise<unknown>;
}
declare module 'lightning/datatable' {
    import { LightningElement } from 'lwc';
    export default class LightningDatatable extends LightningElement {}
}

// ---- lightning/* modules that @salesforce/lightning-types 0.8.0 does not declare (added by the view components).
declare module 'lightning/navigation' {
    import type { WireAdapterConstructor } from 'lwc';
    /** A Lightning page reference: https://developer.salesforce.com/docs/platform/lwc/guide/reference-page-reference-type.html */
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Constructor<T = object> = new (...args: any[]) => T;
    export interface NavigationMixinMembers {
        [Navigate](pageReference: PageReference, replace?: boolean): void;
        [GenerateUrl](pageReference: PageReference): Promise<string>;
    }
    export const NavigationMixin: {
        <T extends Constructor>(Base: T): T & Constructor<NavigationMixinMembers>;
        readonly Navigate: typeof Navigate;
        readonly GenerateUrl: typeof GenerateUrl;
    };
    export const CurrentPageReference: WireAdapterConstructor<undefined, PageReference>;
}
declare module 'lightning/platformShowToastEvent' {
    export interface ToastConfig {
        title: string;
        message?: string;
        messageData?: unknown[];
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ToastConfig> {
        constructor(toast: ToastConfig);
    }
}
declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';
    /** Tells Lightning Data Service that these records changed on the server, so every view of them refreshes. */
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
    export interface GetRecordConfig {
        recordId?: string;
        fields?: string[];
        optionalFields?: string[];
        layoutTypes?: string[];
        modes?: string[];
    }
    /** UI API record: {id, apiName, fields: {Name: {value, displayValue}, Account: {value: <record>}}}. */
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, { value: unknown; displayValue: string | null }>;
    }
    // The wired value is {data, error}.
    export const getRecord: WireAdapterConstructor<GetRecordConfig, { data?: RecordRepresentation; error?: unknown }>;
}
declare module '@salesforce/i18n/*' {
    const value: string;
    export default value;
}
