/** Privacy notice. */
import { localeStrings } from '../../i18n/locale-strings.js';
import { contentPageRoute } from '../content-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const privacyRoutes = [contentPageRoute('/privacy', 'pages/privacy/privacy.njk', localeStrings(en, cy))];
