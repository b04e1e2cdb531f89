/*
 * Jest mock for lightning/platformShowToastEvent (same behaviour as the sfdx-lwc-jest stub):
 * a bubbling, composed `lightning__showtoast` CustomEvent whose detail is the toast config.
 * Tests listen with element.addEventListener('lightning__showtoast', handler).
 */
export const ShowToastEventName = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: unknown) {
        super(ShowToastEventName, { composed: true, cancelable: true, bubbles: true, detail: toast });
    }
}
