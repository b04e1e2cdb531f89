import { record } from '../registry';

export interface ToastDetail {
    title?: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
    messageData?: unknown[];
}

/** Same event name and detail as the platform. The preview shell listens for it and shows an LBC toast. */
export class ShowToastEvent extends CustomEvent<ToastDetail> {
    constructor(toast: ToastDetail = {}) {
        super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: toast });
        record('toast', toast);
    }
}
