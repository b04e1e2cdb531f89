/*
 * Jest mock for lightning/refresh (same behaviour as the sfdx-lwc-jest stub): RefreshEvent is a bubbling,
 * composed `lightning__refresh` CustomEvent; the register/unregister functions are jest.fn()s.
 */
export const RefreshEventName = 'lightning__refresh';

export class RefreshEvent extends CustomEvent<unknown> {
    constructor() {
        super(RefreshEventName, { composed: true, cancelable: true, bubbles: true });
    }
}

let lastAssignedId = -1;
export const registerRefreshHandler = jest.fn((_element: unknown, _handler: unknown) => ++lastAssignedId);
export const unregisterRefreshHandler = jest.fn((_id: number) => undefined);
export const registerRefreshContainer = jest.fn((_element: unknown, _handler: unknown) => ++lastAssignedId);
export const unregisterRefreshContainer = jest.fn((_id: number) => undefined);
