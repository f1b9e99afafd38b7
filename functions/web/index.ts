import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { containers } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { databasePublicationStore } from './data/publication-store.js';
import { sharedReadAccess } from './data/read-access.js';
import { listPageView } from './lists/render-list.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { webEvents } from './web-handler.js';

coreSettings();

registerWeb(() => {
  const { database, storage } = coreDependencies();
  return {
    templates: createTemplateEnvironment(),
    deps: {
      courts: databaseCourtDirectory(database, { cacheMs: 60_000 }),
      publications: databasePublicationStore(database, storage.blobService.getContainerClient(containers.publications)),
      glossary: createGlossaryStore({
        source: blobGlossarySource(storage.blobService.getContainerClient(containers.glossary)),
        refreshAfterMs: 60_000,
        onRejected: (blobName, problems) => {
          console.error(JSON.stringify({ event: webEvents.glossaryRejected, blobName, problems }));
        },
      }),
      // Anonymous readers; the signed-in variants (issue 6 item 7) pass the session's principal.
      canRead: sharedReadAccess,
      listPageView,
      now: () => new Date(),
    },
  };
});
