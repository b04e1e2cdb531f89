import { record } from '../registry';

const init = (bubbles = true) => ({ bubbles, composed: true, cancelable: false });

export class FlowAttributeChangeEvent extends CustomEvent<{ attributeName: string; attributeValue: unknown }> {
    constructor(attributeName: string, attributeValue: unknown) {
        super('lightning__flowattributechange', { ...init(), detail: { attributeName, attributeValue } });
        record('flow', { type: 'attributechange', attributeName, attributeValue });
    }
}
export class FlowNavigationNextEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__flownavigationnext', init());
        record('flow', { type: 'next' });
    }
}
export class FlowNavigationBackEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__flownavigationback', init());
        record('flow', { type: 'back' });
    }
}
export class FlowNavigationPauseEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__flownavigationpause', init());
        record('flow', { type: 'pause' });
    }
}
export class FlowNavigationFinishEvent extends CustomEvent<unknown> {
    constructor() {
        super('lightning__flownavigationfinish', init());
        record('flow', { type: 'finish' });
    }
}
