/**
 * A court's summary of publications: every list on display now that the reader (anonymous, or the signed-in
 * person's principal) may see, by friendly list name
 * (en/cy), content date and language. JSON publications open their page (/list/{id}: a list's rendering, or the
 * fields of judgments and outcomes or a general publication); flat files link to the file itself (a PDF opens in
 * the browser, other files download). Live case status updates are for court screens and never listed (the store
 * leaves them out).
 */
import { findListType } from '../../../../shared/publications/catalogue/list-types.js';
import { singleJusticeProcedureLocationId } from '../../../../shared/reference-data/location-queries.js';
import { courtName } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import { formatDate, localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import { flatFileHref } from '../list-file/list-file-page.js';
import type { Publication } from '../../../../shared/publications/publication.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

/** The name of a publication that is not a list, by its type ("Judgments and outcomes"), in `language`. */
export function publicationTypeName(type: Publication['type'], language: Language): string {
  const names: Readonly<Record<string, string>> = strings[language].publicationType;
  return names[type] ?? type;
}

/**
 * A publication's friendly name: its list type's; else a file's name; else (judgments and outcomes, a general
 * publication sent as JSON) its type's name.
 */
export function publicationName(publication: Publication, language: Language): string {
  if (publication.listType) {
    const lookup = findListType(publication.listType);
    if (lookup.kind !== 'unknown') return lookup.listType.friendlyName[language];
    return publication.listType;
  }
  return publication.fileName ?? publicationTypeName(publication.type, language);
}

export function isPdf(publication: Publication): boolean {
  return (
    publication.contentType.toLowerCase() === 'application/pdf' ||
    (publication.fileName ?? '').toLowerCase().endsWith('.pdf')
  );
}

export function publicationLink(publication: Publication): { href: string; download: boolean; pdf: boolean } {
  if (!publication.isFlatFile) return { href: `/list/${publication.artefactId}`, download: false, pdf: false };
  const pdf = isPdf(publication);
  return { href: flatFileHref(publication.artefactId), download: !pdf, pdf };
}

export const courtPublicationsRoutes: PageRoute[] = [
  {
    path: '/courts/:locationId',
    methods: ['GET'],
    async handle(deps, request) {
      const raw = request.params.locationId ?? '';
      if (!/^\d{1,9}$/.test(raw)) return { kind: 'not-found' };
      const court = await deps.courts.find(Number(raw));
      if (!court) return { kind: 'not-found' };
      const language = request.language;
      const t = strings[language];
      const name = courtName(court, language);
      const visible = (await deps.publications.onDisplay(String(court.locationId), request.now)).filter((publication) =>
        deps.canRead(request.principal, publication, request.now),
      );
      const collator = new Intl.Collator(language === 'cy' ? 'cy-GB' : 'en-GB');
      const publications = visible
        .map((publication) => {
          const link = publicationLink(publication);
          return {
            name: publicationName(publication, language),
            contentDate: publication.contentDate,
            date: formatDate(publication.contentDate, language),
            languageLabel: t.language[publication.language],
            href: link.href,
            download: link.download,
            fileLabel: publication.isFlatFile ? (link.pdf ? t.pdf : t.download) : null,
          };
        })
        .sort((a, b) => collator.compare(a.name, b.name) || b.contentDate.localeCompare(a.contentDate));
      return {
        kind: 'page',
        template: 'pages/court-publications/court-publications.njk',
        title: `${t.title} ${name}`,
        context: {
          t,
          heading: t.heading.replace('{court}', name),
          publications,
          noListsMessage: court.locationId === singleJusticeProcedureLocationId ? t.noListsSjp : t.noLists,
        },
      };
    },
  },
];
