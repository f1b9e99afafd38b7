/**
 * The list page's view of a publication's renditions (issue 13): whether its current version has a PDF and a
 * workbook to download, the files themselves, and what changed since the version before it.
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../../db/database.js';
import { downloadIfPresent } from '../../storage/read-blob.js';
import { listChanges, type ListChanges } from './list-changes.js';
import { findRendition, previousRendition } from './rendition-store.js';

export type RenditionFormat = 'pdf' | 'xlsx';

export interface ListRenditionSummary {
  pdf: boolean;
  workbook: boolean;
  /** Null for a first version, or where the version before was never rendered. */
  changes: ListChanges | null;
}

export interface ListRenditions {
  /** Null while the version is not rendered yet (or never will be: a flat file). */
  summary(publication: { artefactId: string; blobName: string }): Promise<ListRenditionSummary | null>;
  /** The file of the current version; null when there is none. */
  read(publication: { blobName: string }, format: RenditionFormat): Promise<Buffer | null>;
}

export function listRenditions(database: Database, publications: ContainerClient): ListRenditions {
  return {
    async summary(publication) {
      const current = await findRendition(database, publication.blobName);
      if (!current) return null;
      const previous = await previousRendition(database, publication.artefactId, current.version);
      return {
        pdf: current.pdf !== null,
        workbook: current.workbook !== null,
        changes: previous ? listChanges(previous.cases, current.cases) : null,
      };
    },
    async read(publication, format) {
      const current = await findRendition(database, publication.blobName);
      const file = format === 'pdf' ? current?.pdf : current?.workbook;
      return file ? downloadIfPresent(publications.getBlobClient(file.blobName)) : null;
    },
  };
}
