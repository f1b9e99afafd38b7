/**
 * Where a version's renditions are kept: beside its payload in the publications container, named after the
 * payload's blob (`{blobName}.list.pdf`, `{blobName}.list.xlsx`). The blob trigger skips them; deleting the
 * publication's blobs (shared/publications/publication-blobs.ts) deletes them too.
 */
export const renditionPdfBlobName = (blobName: string): string => `${blobName}.list.pdf`;
export const renditionWorkbookBlobName = (blobName: string): string => `${blobName}.list.xlsx`;

export const isRenditionBlobName = (blobName: string): boolean => /\.list\.(pdf|xlsx)$/.test(blobName);

export const pdfContentType = 'application/pdf';
export const workbookContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
