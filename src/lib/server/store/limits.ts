/** Size limits, documented here once: the README and the API errors quote these. */

/** The largest notebook file the store writes: 5 MB of UTF-8. */
export const MAX_NOTEBOOK_BYTES = 5 * 1024 * 1024;

/** The largest API request body: a 5 MB notebook grows when escaped as a JSON string. */
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The largest live shared document (Yjs's encoding of it): twice a notebook's, room for the record of deletions a live session keeps. */
export const MAX_SHARED_DOCUMENT_BYTES = 2 * MAX_NOTEBOOK_BYTES;
