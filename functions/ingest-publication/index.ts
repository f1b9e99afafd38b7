import { randomUUID } from 'node:crypto';
import { loadSettings, publisherSettingsSchema } from '../../shared/config/settings.js';
import { identitySettings } from '../http-kit/verifier.js';
import { coreSettings, publicationApiDependencies } from '../dependencies.js';
import { registerIngestPublication } from './registration.js';

coreSettings();
identitySettings();
/** Checked at load: a malformed PUBLISHER_PROVENANCES stops the app starting; an absent one lets no publisher publish. */
const { PUBLISHER_PROVENANCES: publisherProvenances } = loadSettings(publisherSettingsSchema, process.env);

registerIngestPublication(() => ({ ...publicationApiDependencies(), publisherProvenances, newId: randomUUID }));
