/*
 * Jest mock for lightning/confirm. The sfdx-lwc-jest stub's open() throws; here open is a jest.fn() that
 * resolves to true (the user clicked OK) unless a test overrides it:
 *     (LightningConfirm.open as jest.Mock).mockResolvedValueOnce(false);
 */
import { LightningElement, api } from 'lwc';

export default class LightningConfirm extends LightningElement {
    static open = jest.fn((_options?: unknown) => Promise.resolve(true));

    @api label = '';
    @api message = '';
    @api theme = 'default';
    @api variant = 'header';
}
