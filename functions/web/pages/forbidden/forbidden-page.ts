/**
 * The 403 page, for two reasons: a form that could not be accepted (posted from another site, or a signed-in
 * person's form without their session's CSRF token; nothing was changed), or a signed-in person without the role an
 * admin page needs (functions/web/http/admin-guard.ts).
 */
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export type ForbiddenReason = 'form' | 'permission';

export function forbiddenPage(
  language: Language,
  reason: ForbiddenReason = 'form',
): {
  template: string;
  title: string;
  context: Record<string, unknown>;
} {
  const t = strings[language];
  return {
    template: 'pages/forbidden/forbidden.njk',
    title: reason === 'permission' ? t.permissionTitle : t.title,
    context: { t, reason },
  };
}
