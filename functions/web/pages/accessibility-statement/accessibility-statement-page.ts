/** Accessibility statement. */
import { localeStrings } from '../../i18n/locale-strings.js';
import { contentPageRoute } from '../content-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const accessibilityStatementRoutes = [
  contentPageRoute(
    '/accessibility-statement',
    'pages/accessibility-statement/accessibility-statement.njk',
    localeStrings(en, cy),
  ),
];
