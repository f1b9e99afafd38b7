/** The reference data page's port, bound to PostgreSQL through the owners of court and court_reference. */
import type { Database } from '../../../shared/db/database.js';
import { exportCourtFile } from '../../../shared/reference-data/court-export.js';
import { importCourtFile } from '../../../shared/reference-data/court-import.js';
import { recordCourtImport } from '../../../shared/reference-data/court-import-record.js';
import { deleteLocationAudited, listLocations } from '../../../shared/reference-data/location-queries.js';
import type { ReferenceDataAdmin } from '../web-dependencies.js';

export function databaseReferenceDataAdmin(database: Database): ReferenceDataAdmin {
  return {
    courts: () => listLocations(database, { regions: [], jurisdictions: [], language: 'en' }),
    async importFile(actor, file, logger) {
      const result = await importCourtFile(database, file.bytes);
      await recordCourtImport(database, logger, actor, { kind: 'upload', fileName: file.name, via: 'page' }, result);
      return result;
    },
    exportFile: () => exportCourtFile(database),
    deleteCourt: (actor, locationId) => deleteLocationAudited(database, actor, locationId, { via: 'page' }),
  };
}
