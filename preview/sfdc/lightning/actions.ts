export class CloseActionScreenEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__actionsclosescreen', { bubbles: true, composed: true });
    }
}
