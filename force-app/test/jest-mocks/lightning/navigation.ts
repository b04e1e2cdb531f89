/*
 * Jest mock for lightning/navigation.
 * Same surface as the sfdx-lwc-jest stub, but every NavigationMixin.Navigate / GenerateUrl call is recorded in
 * the exported jest.fn()s so tests can assert on the page reference:
 *     import * as navigation from 'lightning/navigation';
 *     expect((navigation as unknown as NavigationMock).navigateMock).toHaveBeenCalledWith({ type: ... }, undefined);
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

/** Called with (pageReference, replace) for every this[NavigationMixin.Navigate](...). */
export const navigateMock = jest.fn();
/** Called with (pageReference) for every this[NavigationMixin.GenerateUrl](...); resolves to a fixed URL. */
export const generateUrlMock = jest.fn((_pageReference: unknown) => Promise.resolve('https://www.example.com'));

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

type Constructor = new (...args: any[]) => object; // eslint-disable-line @typescript-eslint/no-explicit-any

export const NavigationMixin = Object.assign(
    <T extends Constructor>(Base: T) =>
        class extends Base {
            [Navigate](pageReference: unknown, replace?: boolean): void {
                navigateMock(pageReference, replace);
            }
            [GenerateUrl](pageReference: unknown): Promise<string> {
                return generateUrlMock(pageReference);
            }
        },
    { Navigate, GenerateUrl }
);
