/** Signed out: where sign-out ends (the providers' post-logout redirect URI). */
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export const signedOutRoutes: PageRoute[] = [
  {
    path: '/signed-out',
    methods: ['GET'],
    handle: (_deps, request) => {
      const t = strings[request.language];
      return { kind: 'page', template: 'pages/signed-out/signed-out.njk', title: t.title, context: { t } };
    },
  },
];
