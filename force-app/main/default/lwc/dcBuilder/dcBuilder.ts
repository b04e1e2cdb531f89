/*
 * c/dcBuilder: the Definition Builder's plain-TypeScript model (no template, no lwc imports), shared by the builder
 * components, their Jest tests and the preview backend: draft history (undo/redo), edits by JSON path, the outline,
 * stable serialization, templates, and the mapping picker's type-compatible sources.
 */
export * from './types';
