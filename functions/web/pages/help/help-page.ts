/** Help using the service. */
import { localeStrings } from '../../i18n/locale-strings.js';
import { contentPageRoute } from '../content-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const helpRoutes = [contentPageRoute('/help', 'pages/help/help.njk', localeStrings(en, cy))];
