/** The notebook document and its text file format. Pure: no DOM, no I/O. */
export type { Cell, CellKind, CellOptions, CodeLanguage, Notebook, NotebookMeta } from './types';
export { parseNotebook } from './parse';
export { joinBlocks, serializeNotebook, writtenBlock, type WrittenBlocks } from './serialize';
export { NotebookParseError, NotebookSerializeError } from './errors';
export { MAX_FRONT_MATTER_BYTES } from './frontMatter';
export { notebooksEqual } from './equal';
export { titleOf } from './title';
export { newCellId } from './cellId';
