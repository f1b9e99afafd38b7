/**
 * Court screens for system admins (/system-admin/court-screens): find a court by name (no JavaScript), see its
 * signed screen link (/screen/{token}, signed with the signing key; showing it is audited as SCREEN_LINK_ISSUE, as
 * the feed's screen-url is) and its screen refresh period, and change the period (15..600 seconds; audited as
 * SCREEN_REFRESH_CHANGE). The period drives the screen page's meta refresh and the live case feed's max-age
 * (shared/court-screens/screen-settings.ts).
 */
import { screenRefreshSecondsSchema } from '../../../../shared/court-screens/screen-settings.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { courtName } from '../../data/court-view.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import { pageWithErrors, type PageResult, type PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { adminPublicationStrings, courtOfPath, courtSearchPage } from '../admin-publications/admin-publications.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
export const courtScreensPath = '/system-admin/court-screens';
const courtPath = (locationId: number) => `${courtScreensPath}/${locationId}`;

export const screenRefreshChangeAction = 'SCREEN_REFRESH_CHANGE';

async function findCourtPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  return courtSearchPage(deps, request, {
    courtHref: courtPath,
    template: 'pages/court-screen-settings/find-court.njk',
    title: t.title,
    context: { t, action: courtScreensPath },
  });
}

/** The form's value as a period, or which error the field shows. */
function periodOf(
  raw: string | null,
): { ok: true; seconds: number } | { ok: false; error: 'errorEmpty' | 'errorNotANumber' | 'errorOutOfRange' } {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: false, error: 'errorEmpty' };
  const parsed = screenRefreshSecondsSchema.safeParse(value);
  if (parsed.success) return { ok: true, seconds: parsed.data };
  return {
    ok: false,
    error: parsed.error.issues[0]?.message === 'OUT_OF_RANGE' ? 'errorOutOfRange' : 'errorNotANumber',
  };
}

async function courtPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const court = await courtOfPath(deps, request.params.locationId);
  if (court === null) return { kind: 'not-found' };
  const settings = await deps.courtScreens.settings(court.locationId);
  if (settings === null) return { kind: 'not-found' };
  const language = request.language;
  const t = strings[language];
  const objectId = String(court.locationId);
  let error: string | null = null;
  let value = String(settings.refreshSeconds);
  if (request.method === 'POST') {
    value = (request.form.get('refreshSeconds') ?? '').slice(0, 20);
    const period = periodOf(value);
    if (period.ok) {
      const change = await deps.courtScreens.setRefreshSeconds(court.locationId, period.seconds, request.principal);
      if (!change.changed) return { kind: 'not-found' };
      await deps.audit({
        action: screenRefreshChangeAction,
        outcome: 'SUCCESS',
        actor: request.principal,
        objectType: 'location',
        objectId,
        details: { from: change.previous, to: change.refreshSeconds },
      });
      logEvent(request.logger, 'info', 'SCREEN_REFRESH_CHANGED', {
        locationId: court.locationId,
        from: change.previous,
        to: change.refreshSeconds,
        userId: request.principal.userId,
      });
      return { kind: 'redirect', location: `${courtPath(court.locationId)}?saved=${change.refreshSeconds}` };
    }
    error = t[period.error];
    await deps.audit({
      action: screenRefreshChangeAction,
      outcome: 'FAILURE',
      actor: request.principal,
      objectType: 'location',
      objectId,
      details: { reason: period.error, value },
    });
  }
  // Whoever sees the page holds the court's screen link: recorded as the feed's screen-url records it.
  await deps.audit({
    action: 'SCREEN_LINK_ISSUE',
    outcome: 'SUCCESS',
    actor: request.principal,
    objectType: 'location',
    objectId,
    details: { via: 'COURT_SCREENS_PAGE' },
  });
  const saved = request.method === 'GET' ? request.url.searchParams.get('saved') : null;
  const savedPeriod = saved !== null && Number(saved) === settings.refreshSeconds ? settings.refreshSeconds : null;
  const name = courtName(court, language);
  const screenUrl = new URL(settings.screenPath, request.url).toString();
  return pageWithErrors({
    template: 'pages/court-screen-settings/court-screen-settings.njk',
    title: t.courtTitle,
    hasError: error !== null,
    context: {
      t,
      shared: adminPublicationStrings[language],
      heading: t.courtHeading.replace('{court}', name),
      screenUrl,
      screenHref: `${settings.screenPath}?lng=${language}`,
      refreshValue: t.refreshValue.replace('{seconds}', String(settings.refreshSeconds)),
      saved: savedPeriod === null ? null : t.saved.replace('{seconds}', String(savedPeriod)),
      action: courtPath(court.locationId),
      value,
      error,
      errorList: error ? [{ text: error, href: '#refreshSeconds' }] : [],
    },
  });
}

export const courtScreenSettingsRoutes: PageRoute[] = [
  adminRoute('system-admin', courtScreensPath, ['GET'], findCourtPage),
  adminRoute('system-admin', `${courtScreensPath}/:locationId`, ['GET', 'POST'], courtPage),
];
