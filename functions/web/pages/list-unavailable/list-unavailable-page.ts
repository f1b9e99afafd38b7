/**
 * 404 "no longer available": a publication the reader may see whose stored payload cannot be read (its blob was
 * deleted or superseded meanwhile, or storage lost it). The list page logs it as an error with the artefact id.
 */
import { logEvent, type EventLogger } from '../../../../shared/logging/log-event.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult } from '../../router.js';
import type { PublicationStore } from '../../web-dependencies.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function listUnavailablePage(
  language: Language,
  courtHref: string | null,
): Extract<PageResult, { kind: 'page' }> {
  const t = strings[language];
  return {
    kind: 'page',
    status: 404,
    template: 'pages/list-unavailable/list-unavailable.njk',
    title: t.title,
    context: { t, courtHref },
  };
}

/**
 * The publication's stored payload; its blob gone, the "no longer available" page instead, the loss logged as an
 * error with the artefact id. The list page and the list file page read a payload this way.
 */
export async function readPayloadOrUnavailable(
  store: Pick<PublicationStore, 'readPayload'>,
  publication: Publication,
  request: { language: Language; logger: EventLogger },
  courtHref: string | null,
): Promise<{ ok: true; payload: Buffer } | { ok: false; page: Extract<PageResult, { kind: 'page' }> }> {
  const payload = await store.readPayload(publication);
  if (payload !== null) return { ok: true, payload };
  logEvent(request.logger, 'error', 'LIST_PAYLOAD_MISSING', {
    artefactId: publication.artefactId,
    blobName: publication.blobName,
    locationId: publication.locationId,
  });
  return { ok: false, page: listUnavailablePage(request.language, courtHref) };
}
