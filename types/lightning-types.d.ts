// Pulls in the lightning/* and @salesforce/{client,community,site,user} declarations.
// Must stay alone in its file: next to `declare module` blocks it would turn them into augmentations.
import '@salesforce/lightning-types';
