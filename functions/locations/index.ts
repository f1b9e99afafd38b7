import { blobGlossarySource, createGlossaryStore, type GlossaryStore } from '../../shared/glossary/glossary.js';
import { containers } from '../../shared/storage/names.js';
import { identitySettings, tokenVerifier } from '../http-kit/verifier.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { locationsEvents } from './locations-handler.js';
import { registerLocations } from './registration.js';

coreSettings();
identitySettings();

/** One glossary cache per process; a newly dropped file is picked up within a minute. */
let glossary: GlossaryStore | undefined;

registerLocations(() => {
  const { database, storage } = coreDependencies();
  glossary ??= createGlossaryStore({
    source: blobGlossarySource(storage.blobService.getContainerClient(containers.glossary)),
    refreshAfterMs: 60_000,
    onRejected: (blobName, problems) => {
      console.error(JSON.stringify({ event: locationsEvents.glossaryRejected, blobName, problems }));
    },
  });
  return { database, glossary, verifier: tokenVerifier() };
});
