/** Contact details. */
import { localeStrings } from '../../i18n/locale-strings.js';
import { contentPageRoute } from '../content-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const contactRoutes = [contentPageRoute('/contact', 'pages/contact/contact.njk', localeStrings(en, cy))];
