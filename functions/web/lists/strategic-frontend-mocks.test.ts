/**
 * The live portal's own payloads of the strategic lists (pip-frontend's unit-test mocks, test-fixtures/lists/
 * `*-frontend.json`): each is accepted for its list type and renders its own page, with its cases, in English and in
 * Welsh.
 */
import { describe, expect, it } from 'vitest';
import { strategicListFixtures } from '../../../test-support/strategic-list-fixtures.js';
import { validatePayload } from '../../../shared/publications/catalogue/validate-payload.js';
import { searchTermsFor } from '../../../shared/publications/intake/search-terms-for.js';
import { listEnvironment } from './list-environment.js';
import { listTypeById, readExample } from './list-examples.test-support.js';
import { dedicatedTemplate, listPageView } from './render-list.js';

const environment = listEnvironment();

const valid = Object.entries(strategicListFixtures).filter(([file]) => !file.endsWith('Invalid.json'));

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

describe("the live portal's strategic list payloads", () => {
  it.each(valid)('%s is accepted as %s and renders its cases in English and Welsh', (file, listTypeId) => {
    const listType = listTypeById(listTypeId);
    const payload = readExample(file);
    expect(validatePayload(listType, payload)).toEqual({ ok: true });
    const terms = searchTermsFor(listType, payload);
    const cases = [...terms.caseNumbers, ...terms.partyNames, ...terms.caseNames];
    for (const language of ['en', 'cy'] as const) {
      const view = listPageView({
        listType,
        payload,
        language,
        contentDate: '2024-07-21',
        lastUpdated: '2024-07-20T20:00:00Z',
        court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
      });
      // Its own rendering, not the generic field dump a payload its view model cannot read falls back to.
      expect(view.template, language).toBe(dedicatedTemplate(listType));
      const html = decode(environment.render(view.template, view.context));
      expect(html).toContain(`lang="${language}"`);
      expect(html).not.toContain('undefined');
      if (file.startsWith('dailyCauseEmptyCourtList')) continue;
      expect(cases.length, file).toBeGreaterThan(0);
      expect(
        cases.filter((text) => html.includes(text)),
        `${file} (${language}) shows none of ${cases.slice(0, 5).join(', ')}`,
      ).not.toEqual([]);
      expect(html).toMatch(/<table class="govuk-table|govuk-summary-list|govuk-accordion/);
    }
  });
});
