// Stands in for lightning/navigation (LBC's re-exports the platform-only force/navigation).
// Navigations are recorded and shown by the preview shell in a visible navigation log.
import { record, createMockWireAdapter } from '../registry';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
}

function urlFor(pageRef: PageReference): string {
    const a = pageRef.attributes ?? {};
    if (pageRef.type === 'standard__recordPage')
        return `/lightning/r/${a.objectApiName ?? 'sObject'}/${a.recordId}/${a.actionName ?? 'view'}`;
    if (pageRef.type === 'standard__objectPage') return `/lightning/o/${a.objectApiName}/${a.actionName ?? 'home'}`;
    if (pageRef.type === 'standard__webPage') return String(a.url ?? '');
    return '#nav:' + encodeURIComponent(JSON.stringify(pageRef));
}

type Ctor = new (...args: any[]) => object; // eslint-disable-line @typescript-eslint/no-explicit-any

function mixin<T extends Ctor>(Base: T) {
    return class extends Base {
        [Navigate](pageReference: PageReference, replace?: boolean) {
            record('navigate', { pageReference, replace: !!replace, url: urlFor(pageReference) });
        }
        [GenerateUrl](pageReference: PageReference) {
            return Promise.resolve(urlFor(pageReference));
        }
    };
}
export const NavigationMixin = Object.assign(mixin, { Navigate, GenerateUrl }) as typeof mixin & {
    Navigate: typeof Navigate;
    GenerateUrl: typeof GenerateUrl;
};
export const CurrentPageReference = createMockWireAdapter('CurrentPageReference');
