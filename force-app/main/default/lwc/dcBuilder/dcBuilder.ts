/*
 * c/dcBuilder: the Definition Builder's plain-TypeScript model (no template, no lwc imports), shared by the builder
 * components, their Jest tests and the preview backend: edits by JSON path, draft history (undo/redo), the outline,
 * new nodes and reference-keeping renames, canonical serialization, templates, JSON import, and the mapping
 * picker's type-compatible sources and condition operators.
 */
// types.ts holds only types, so there is nothing for import/export to find at run time.
// eslint-disable-next-line import/export
export type * from './types';
export * from './paths';
export * from './history';
export * from './outline';
export * from './nodes';
export * from './serialize';
export * from './templates';
export * from './importJson';
export * from './mappingSources';
export * from './operators';
export * from './usage';
