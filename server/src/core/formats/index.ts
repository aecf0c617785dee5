/**
 * The two official formats as data: sections, tables, rows, columns, relations and the notices
 * that issued them. Rules, fixes and templates read this module; no label is typed elsewhere.
 */
export * from './types.js';
export * from './sections.js';
export * from './table2.js';
export * from './table3.js';
export * from './table4.js';
export * from './relations.js';
export * from './solve.js';
export * from './versions.js';
export * from './template.js';
export * from './layout.js';
export * from './elements.js';
