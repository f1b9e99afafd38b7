/**
 * /screen/{token}: a court's in-court screen, read from across a room. The token is a signed screen link
 * (shared/publications/access/screen-links.ts); anything else is the ordinary 404 page, with no hint of why. The
 * page shows the court's latest PUBLIC live case status, one row per courtroom (case number, case name, the latest
 * event linked to its glossary entry, its time, and whether the room is sitting), when the update was received, and
 * reloads itself with `<meta http-equiv="refresh">` on the court's period (shared/court-screens/screen-settings.ts),
 * so it needs no JavaScript; `?lng=cy` stays in the address across reloads. A bare layout: no header, navigation,
 * sign-in link, cookie banner or footer, nothing that leads away but the glossary links.
 *
 * Live case status updates carry no reporting-restriction flag: which cases are restricted is derived when an update
 * is stored, from glossary events 38 and 39 carried forward (shared/court-screens/reporting-restrictions.ts). A
 * restricted case's row shows "Reporting restrictions apply to this case" (Welsh: "Mae cyfyngiadau adrodd yn
 * berthnasol i'r achos hwn") instead of its name, which never reaches the page.
 */
import type { GlossaryState } from '../../../../shared/glossary/glossary.js';
import type { LiveCaseStatus } from '../../../../shared/publications/catalogue/live-case-status.js';
import { isRestricted } from '../../../../shared/court-screens/reporting-restrictions.js';
import { courtName } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import { formatDateTime, localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import { glossaryItems } from '../glossary/glossary-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

const glossaryKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The glossary page's anchor of each event it lists, by name (case and spacing ignored). */
export function glossaryAnchors(state: GlossaryState): Map<string, string> {
  const anchors = new Map<string, string>();
  if (state.status !== 'LOADED') return anchors;
  // The anchors come from the English names whatever the language; entries are matched on the English name.
  const items = glossaryItems(state.entries, 'en');
  for (const item of items) if (!anchors.has(glossaryKey(item.name))) anchors.set(glossaryKey(item.name), item.anchor);
  return anchors;
}

export interface ScreenRow {
  courtRoom: string;
  caseNumber: string;
  /** The case's name, or the reporting-restriction wording when restrictions apply. */
  caseName: string;
  restricted: boolean;
  eventName: string;
  /** `/glossary?lng=..#anchor` when the glossary lists the event; null otherwise. */
  eventHref: string | null;
  eventTime: string;
  sitting: boolean;
}

export function screenRows(
  update: LiveCaseStatus,
  anchors: Map<string, string>,
  language: Language,
  restrictedCaseNumbers: readonly string[] = [],
): ScreenRow[] {
  const restricted = new Set(restrictedCaseNumbers);
  return update.locationUpdates.map((room) => {
    const anchor = room.event.eventName === '' ? undefined : anchors.get(glossaryKey(room.event.eventName));
    const isCaseRestricted = isRestricted(room.caseNumber, restricted);
    return {
      courtRoom: String(room.courtRoom),
      caseNumber: room.caseNumber,
      caseName: isCaseRestricted ? strings[language].restricted : room.caseName,
      restricted: isCaseRestricted,
      eventName: room.event.eventName,
      eventHref: anchor === undefined ? null : `/glossary?lng=${language}#${anchor}`,
      eventTime: room.event.eventTime,
      // The live service sends a room that is not sitting with every field empty.
      sitting: room.caseNumber !== '' || room.caseName !== '' || room.event.eventName !== '',
    };
  });
}

export const courtScreenRoutes: PageRoute[] = [
  {
    path: '/screen/:token',
    methods: ['GET'],
    async handle(deps, request) {
      const screen = await deps.courtScreens.find(request.params.token ?? '', request.now, request.logger);
      if (screen === null) return { kind: 'not-found' };
      const language = request.language;
      const t = strings[language];
      const court = await deps.courts.find(screen.locationId);
      const name = court ? courtName(court, language) : (screen.status?.update.locationName ?? '');
      const status = screen.status;
      const anchors = status ? glossaryAnchors(await deps.glossary.current(request.logger)) : new Map<string, string>();
      return {
        kind: 'page',
        template: 'pages/court-screen/court-screen.njk',
        title: `${name} - ${t.title}`,
        context: {
          t,
          courtName: name,
          refreshSeconds: screen.refreshSeconds,
          refreshes: t.refreshes.replace('{seconds}', String(screen.refreshSeconds)),
          tableCaption: t.tableCaption.replace('{court}', name),
          lastUpdated: status ? t.lastUpdated.replace('{time}', formatDateTime(status.receivedAt, language)) : null,
          rows: status ? screenRows(status.update, anchors, language, status.restrictedCaseNumbers) : [],
        },
      };
    },
  },
];
