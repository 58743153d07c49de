/** The server-side notebook store: what routes and the CLI import. */
export { NotebookStore, defaultNotebookText } from './notebookStore';
export type { NotebookLocation, NotebookStoreOptions, NotebookSummary, OpenedNotebook, SavedNotebook, TrashedNotebook } from './notebookStore';
export * from './errors';
export { MAX_NOTEBOOK_BYTES, MAX_REQUEST_BYTES } from './limits';
export { revisionOf } from './revision';
export { notebookStore } from './instance';
export { answer, errorResponse, optionalString, readJsonObject, requiredString } from './http';
