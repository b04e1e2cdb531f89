/*
 * Jest mock for lightning/modal (sfdx-lwc-jest ships no stub for it).
 * - `LightningModal.open` is a jest.fn() shared by every subclass (static inheritance), so a test sets
 *   `(MyModal.open as jest.Mock).mockResolvedValue(result)` and asserts on the options it was called with.
 * - `close(result)` dispatches a non-bubbling `close` CustomEvent on the modal's host element with the result as
 *   detail, so a test that renders the subclass with createElement can observe what the modal returned.
 */
import { LightningElement, api } from 'lwc';

export default class LightningModal extends LightningElement {
    static open = jest.fn((_options?: unknown) => Promise.resolve(undefined as unknown));

    @api size = 'medium';
    @api label = '';
    @api description = '';
    @api disableClose = false;

    @api
    close(result?: unknown): void {
        this.dispatchEvent(new CustomEvent('close', { detail: result }));
    }
}
