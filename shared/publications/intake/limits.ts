/** The largest publication (a JSON list, or the one file of a multipart upload) ingestion accepts, in bytes. */
export const MAX_PUBLICATION_BYTES = 2 * 1024 * 1024;
