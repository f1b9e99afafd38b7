/**
 * /unsubscribe/{token}: the one-click unsubscribe link every digest email carries (shared/subscriptions/
 * unsubscribe-links.ts), with no sign-in. GET shows what it removes and a button; POST removes every email
 * subscription of the people the digest went to, audited (shared/subscriptions/unsubscribe.ts). The same URL is given
 * to Notify as one_click_unsubscribe_url, so a mail client's RFC 8058 POST (List-Unsubscribe=One-Click) removes them
 * too. A token not signed by a held key, or naming no digest, is the ordinary 404 page with no hint of why.
 */
import { logEvent } from '../../../../shared/logging/log-event.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export const unsubscribeRoutes: PageRoute[] = [
  {
    path: '/unsubscribe/:token',
    methods: ['GET', 'POST'],
    async handle(deps, request) {
      const token = request.params.token ?? '';
      const links = deps.unsubscribeLinks;
      const t = strings[request.language];
      if (links === undefined) return { kind: 'not-found' };
      if (request.method === 'POST') {
        const outcome = await links.unsubscribe(token);
        if (outcome.kind === 'invalid') {
          logEvent(request.logger, 'warn', 'SUBSCRIPTION_UNSUBSCRIBE_LINK_INVALID', { method: 'POST' });
          return { kind: 'not-found' };
        }
        logEvent(request.logger, 'info', 'SUBSCRIPTION_UNSUBSCRIBED', {
          digestId: outcome.digestId,
          removed: outcome.removed,
        });
        return {
          kind: 'page',
          template: 'pages/unsubscribe/unsubscribed.njk',
          title: t.doneTitle,
          context: { t, language: request.language },
        };
      }
      const link = await links.inspect(token);
      if (link.kind === 'invalid') {
        logEvent(request.logger, 'warn', 'SUBSCRIPTION_UNSUBSCRIBE_LINK_INVALID', { method: 'GET' });
        return { kind: 'not-found' };
      }
      return {
        kind: 'page',
        template: 'pages/unsubscribe/unsubscribe.njk',
        title: t.title,
        context: {
          t,
          count: link.subscriptions,
          countText: link.subscriptions === 1 ? t.countOne : t.countMany.replace('{count}', String(link.subscriptions)),
          action: `/unsubscribe/${encodeURIComponent(token)}?lng=${request.language}`,
        },
      };
    },
  },
];
