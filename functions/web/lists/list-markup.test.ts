/**
 * listMarkup writes what the list macros wrote in Nunjucks before (reference below: the former macros.njk), byte for
 * byte, over every list example and fixture in both languages, and escapes values as Nunjucks' autoescape does.
 */
import { readFileSync } from 'node:fs';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { listTypes } from '../../../shared/publications/catalogue/list-types.js';
import { fixtureUrl } from '../../../test-support/fixtures.js';
import { strategicListFixtures } from '../../../test-support/strategic-list-fixtures.js';
import { tabularListFixtures } from '../../../test-support/tabular-list-fixtures.js';
import { listEnvironment } from './list-environment.js';
import { listExamples } from './list-examples.test-support.js';
import { listMarkup } from './list-markup.js';
import { listPageView } from './render-list.js';
import type { Group } from './view-models/view.js';

/** The macros as Nunjucks templates, as they were before listMarkup: the reference. */
const reference = `
{% macro listTable(table) -%}
<div class="pip-table-wrapper" role="region" aria-label="{{ table.caption }}" tabindex="0">
<table class="govuk-table pip-list-table">
  <caption class="govuk-table__caption govuk-visually-hidden">{{ table.caption }}</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">{% for heading in table.head %}<th scope="col" class="govuk-table__header">{{ heading }}</th>{% endfor %}</tr>
  </thead>
  <tbody class="govuk-table__body">
{%- for row in table.rows %}
    <tr class="govuk-table__row">{% for cell in row %}<td class="govuk-table__cell">{{ cell.text }}{% for note in cell.notes %}<br>{{ note }}{% endfor %}</td>{% endfor %}</tr>
{%- endfor %}
  </tbody>
</table>
</div>
{%- endmacro %}

{% macro listBlock(block, level) -%}
<div class="pip-list-block">
  <h{{ level }} class="govuk-heading-s">{{ block.heading }}</h{{ level }}>
  {%- if block.facts.length %}
  <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-3">
  {%- for fact in block.facts %}
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{{ fact.key }}</dt><dd class="govuk-summary-list__value">{{ fact.value }}</dd></div>
  {%- endfor %}
  </dl>
  {%- endif %}
  {%- if block.table %}{{ listTable(block.table) }}{% endif %}
</div>
{%- endmacro %}

{% macro listAccordion(id, headingLevel, sections, text, blockLevel) -%}
<div class="govuk-accordion" data-module="govuk-accordion" id="{{ id }}"
{%- for key, message in { 'hide-all-sections': text.hideAllSections, 'hide-section': text.hideSection, 'hide-section-aria-label': text.hideSectionAriaLabel, 'show-all-sections': text.showAllSections, 'show-section': text.showSection, 'show-section-aria-label': text.showSectionAriaLabel } %}
{%- if message %} data-i18n.{{ key }}="{{ message }}"{% endif %}
{%- endfor %}>
{%- for section in sections %}
  <div class="govuk-accordion__section govuk-accordion__section--expanded">
    <div class="govuk-accordion__section-header">
      <h{{ headingLevel }} class="govuk-accordion__section-heading">
        <span class="govuk-accordion__section-button" id="{{ id }}-heading-{{ loop.index }}">
          {{ section.heading }}
        </span>
      </h{{ headingLevel }}>
    </div>
    <div id="{{ id }}-content-{{ loop.index }}" class="govuk-accordion__section-content">
      {%- if section.summary %}<p class="govuk-body">{{ section.summary }}</p>{% endif %}
      {%- for table in section.tables %}{{ listTable(table) }}{% endfor %}
      {%- for block in section.blocks %}{{ listBlock(block, blockLevel) }}{% endfor %}
    </div>
  </div>
{%- endfor %}
</div>
{%- endmacro %}
`;

const environment = listEnvironment();

/** Every group of a page rendered by the reference macros, and by listMarkup. */
function both(context: Record<string, unknown>): { nunjucks: string; markup: string } {
  const groups = context.groups as Group[];
  const calls = (table: string, block: string, accordion: string) =>
    '{% for group in groups %}{% set groupIndex = loop.index %}' +
    `{% for table in group.tables %}{{ ${table}(table) }}{% endfor %}` +
    `{% for block in group.blocks %}{{ ${block}(block, sectionHeadingLevel) }}{% endfor %}` +
    `{% if group.sections.length %}{{ ${accordion}("list-sections-" + groupIndex, sectionHeadingLevel, group.sections, strings.common.accordion, blockHeadingLevel) }}{% endif %}` +
    '{% endfor %}';
  const variables = { ...context, groups };
  return {
    // The reference's macro definitions write blank lines first.
    nunjucks: environment
      .renderString(reference + calls('listTable', 'listBlock', 'listAccordion'), variables)
      .replace(/^\n+/, ''),
    markup: environment.renderString(calls('listMarkup.table', 'listMarkup.block', 'listMarkup.accordion'), variables),
  };
}

/** Every list fixture: the live examples (one per schema) and the live portal's own payloads. */
const files = Object.entries({
  ...Object.fromEntries(listExamples.map((example) => [example.file, example.listTypeId])),
  ...strategicListFixtures,
  ...tabularListFixtures,
}).filter(([file]) => !file.endsWith('Invalid.json'));

describe('listMarkup', () => {
  it.each(files)('writes %s (%s) as the Nunjucks macros did, in English and Welsh', (file, listTypeId) => {
    const listType = listTypes.find((candidate) => candidate.id === listTypeId);
    if (listType === undefined) throw new Error(listTypeId);
    const payload: unknown = JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));
    for (const language of ['en', 'cy'] as const) {
      const { context } = listPageView({
        listType,
        payload,
        language,
        contentDate: '2024-07-21',
        lastUpdated: '2024-07-20T20:00:00Z',
        court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
      });
      const rendered = both(context);
      if (!file.startsWith('dailyCauseEmptyCourtList')) expect(rendered.markup.length, file).toBeGreaterThan(0);
      expect(rendered.markup).toBe(rendered.nunjucks);
    }
  });

  it('escapes values as autoescape does, writes nothing for a missing one and a safe string as it is', () => {
    const table = {
      caption: `Tom & "Jerry's" <list>`,
      head: ['<b>'],
      rows: [
        [{ text: '<script>', notes: ['a & b', new nunjucks.runtime.SafeString('<i>x</i>') as unknown as string] }],
      ],
    };
    const html = listMarkup.table(table).toString();
    expect(html).toContain('aria-label="Tom &amp; &quot;Jerry&#39;s&quot; &lt;list&gt;"');
    expect(html).toContain('<th scope="col" class="govuk-table__header">&lt;b&gt;</th>');
    expect(html).toContain('<td class="govuk-table__cell">&lt;script&gt;<br>a &amp; b<br><i>x</i></td>');
    expect(html).not.toContain('<script>');
    const block = listMarkup
      .block({ heading: 'H', facts: [{ key: 'k', value: null as unknown as string }], table: null }, 3)
      .toString();
    expect(block).toContain('<dd class="govuk-summary-list__value"></dd>');
    const accordion = listMarkup.accordion('a"b', 2, [], { showSection: "Dangos <'r> adran" }, 3).toString();
    expect(accordion).toBe(
      '<div class="govuk-accordion" data-module="govuk-accordion" id="a&quot;b" data-i18n.show-section="Dangos &lt;&#39;r&gt; adran"></div>',
    );
  });
});
