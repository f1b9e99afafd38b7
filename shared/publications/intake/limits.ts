/** The largest publication (a JSON list, or the one file of a multipart upload) ingestion accepts, in bytes. */
export const MAX_PUBLICATION_BYTES = 2 * 1024 * 1024;

/**
 * What an Excel workbook (.xlsx, a ZIP of XML parts) may hold once unpacked; the 2 MB body cap applies first. A
 * 2 MB workbook of text unpacks to about 10 to 20 MB; a ZIP bomb is refused before anything is inflated past these.
 */
export const excelLimits = {
  /** Parts in the ZIP (a workbook of a few sheets has about 15). */
  maxEntries: 200,
  /** The sum of every part's unpacked size, checked on the declared sizes and again while inflating. */
  maxUnpackedBytes: 40 * 1024 * 1024,
  /**
   * Cells (`<c` elements) in all sheets, counted in the unpacked XML before exceljs builds a cell object for each
   * (the largest list a 2 MB JSON cap allows is about 100,000 cells).
   */
  maxCells: 250_000,
  maxSheets: 20,
  /** Rows in all sheets together, headers included. */
  maxRows: 20_000,
  /** Columns of any sheet (the widest table has 9). */
  maxColumns: 50,
} as const;
