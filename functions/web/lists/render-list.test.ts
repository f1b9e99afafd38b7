import { describe, expect, it } from 'vitest';
import { listTypes } from '../../../shared/publications/catalogue/list-types.js';
import { listEnvironment } from './list-environment.js';
import { exampleInput, listExamples, listTypeById, readExample } from './list-examples.test-support.js';
import { hasDedicatedRendering, listPageView, type ListRenderInput } from './render-list.js';

const environment = listEnvironment();

function render(input: ListRenderInput): { html: string; context: Record<string, unknown>; template: string } {
  const view = listPageView(input);
  return { html: environment.render(view.template, view.context), context: view.context, template: view.template };
}

/** The HTML as text: tags dropped and the entities the escaping produces turned back. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('listPageView over the live examples', () => {
  for (const example of listExamples) {
    for (const language of ['en', 'cy'] as const) {
      it(`${example.file} (${language}): a dedicated rendering showing the example's facts`, () => {
        const input = exampleInput(example, language);
        expect(hasDedicatedRendering(input.listType)).toBe(true);
        const { html, context, template } = render(input);
        expect(template).not.toBe('generic-list.njk');
        const model = JSON.stringify(context);
        const text = textOf(html);
        for (const fact of example.facts) {
          expect(model.includes(JSON.stringify(fact).slice(1, -1)), `view model has ${fact}`).toBe(true);
          expect(text.includes(fact), `page shows ${fact}`).toBe(true);
        }
        expect(context.noHearings).toBeNull();
        expect(html).not.toContain('<html');
        expect(html).not.toContain('undefined');
        expect(html).not.toContain('[object Object]');
      });
    }
  }

  it('uses the Welsh court name in Welsh and the English one in English', () => {
    const example = listExamples[1];
    if (example === undefined) throw new Error('no example');
    expect(render(exampleInput(example, 'cy')).context.title).toBe(
      'Rhestr Achosion Dyddiol y Llys Teulu ar gyfer Canolfan Llysoedd Cyfun Rhydychen',
    );
    expect(render(exampleInput(example, 'en')).context.title).toBe(
      'Family Daily Cause List for Oxford Combined Court Centre',
    );
    const withoutWelsh = { ...exampleInput(example, 'cy'), court: { name: 'Oxford', welshName: null } };
    expect(render(withoutWelsh).context.courtName).toBe('Oxford');
  });

  it('formats times in Europe/London, durations and the list dates in the language', () => {
    const example = listExamples[1];
    if (example === undefined) throw new Error('no example');
    const english = textOf(render(exampleInput(example, 'en')).html);
    expect(english).toContain('List for 21 July 2024');
    expect(english).toContain('Last updated 20 July 2024 at 9pm');
    expect(english).toContain('11am'); // 10:00Z in July is 11am in London
    expect(english).toContain('1 hour 30 mins');
    const welsh = textOf(render(exampleInput(example, 'cy')).html);
    expect(welsh).toContain('Rhestr ar gyfer 21 Gorffennaf 2024');
    expect(welsh).toContain('1 awr 30 munud');
  });

  it("gives the accordion of a list's sessions its button texts in the page's language", () => {
    const example = listExamples.find((candidate) => candidate.listTypeId === 'MAGISTRATES_ADULT_COURT_LIST_DAILY');
    if (example === undefined) throw new Error('no magistrates adult court list example');
    const english = render(exampleInput(example, 'en')).html;
    expect(english).toContain('data-module="govuk-accordion"');
    expect(english).toContain('data-i18n.show-all-sections="Show all sections"');
    const welsh = render(exampleInput(example, 'cy')).html;
    expect(welsh).toContain('data-i18n.show-all-sections="Dangos pob adran"');
    expect(welsh).toContain('data-i18n.hide-section-aria-label="Cuddio’r adran hon"');
    // One heading and one content region per section, with the ids the accordion's script pairs them by.
    const headings = [...welsh.matchAll(/id="(list-sections-\d+)-heading-(\d+)"/g)].map((m) => `${m[1]}-${m[2]}`);
    const contents = [...welsh.matchAll(/id="(list-sections-\d+)-content-(\d+)"/g)].map((m) => `${m[1]}-${m[2]}`);
    expect(headings.length).toBeGreaterThan(0);
    expect(contents).toEqual(headings);
  });

  it("writes the sessions' accordion exactly as GOV.UK Frontend's govukAccordion does", () => {
    const example = listExamples.find((candidate) => candidate.listTypeId === 'MAGISTRATES_ADULT_COURT_LIST_DAILY');
    if (example === undefined) throw new Error('no magistrates adult court list example');
    // Compared with runs of whitespace made one space and the space between two tags dropped: the two differ only in
    // indentation. The space around a heading's text is kept, since the accordion's script builds its label from it.
    const markup = (html: string) => html.replace(/\s+/g, ' ').replace(/> </g, '><').trim();
    for (const language of ['en', 'cy'] as const) {
      const { context } = render(exampleInput(example, language));
      const groups = context.groups as { sections: unknown[] }[];
      const group = groups.find((candidate) => candidate.sections.length > 1);
      if (group === undefined) throw new Error('no group with several sections');
      const variables = { ...context, group };
      const ours = environment.renderString(
        '{% from "partials/macros.njk" import listAccordion %}' +
          '{{ listAccordion("list-sections-1", sectionHeadingLevel, group.sections, strings.common.accordion, blockHeadingLevel) }}',
        variables,
      );
      const govuk = environment.renderString(
        '{% from "govuk/components/accordion/macro.njk" import govukAccordion %}' +
          '{% from "partials/macros.njk" import listTable, listBlock %}' +
          '{% set items = [] %}{% for section in group.sections %}{% set sectionHtml %}' +
          '{% if section.summary %}<p class="govuk-body">{{ section.summary }}</p>{% endif %}' +
          '{% for table in section.tables %}{{ listTable(table) }}{% endfor %}' +
          '{% for block in section.blocks %}{{ listBlock(block, blockHeadingLevel) }}{% endfor %}{% endset %}' +
          '{% set items = (items.push({ heading: { text: section.heading }, content: { html: sectionHtml }, expanded: true }), items) %}' +
          '{% endfor %}{% set text = strings.common.accordion %}' +
          '{{ govukAccordion({ id: "list-sections-1", headingLevel: sectionHeadingLevel, items: items,' +
          ' hideAllSectionsText: text.hideAllSections, hideSectionText: text.hideSection,' +
          ' hideSectionAriaLabelText: text.hideSectionAriaLabel, showAllSectionsText: text.showAllSections,' +
          ' showSectionText: text.showSection, showSectionAriaLabelText: text.showSectionAriaLabel }) }}',
        variables,
      );
      expect(markup(ours)).toContain('govuk-accordion__section-content');
      expect(markup(ours)).toBe(markup(govuk));
    }
  });
});

describe('escaping', () => {
  it('escapes HTML that reaches the page from a payload', () => {
    const payload = structuredClone(readExample('civilDailyCauseList.json')) as {
      courtLists: {
        courtHouse: {
          courtRoom: {
            courtRoomName: string;
            session: { sittings: { hearing: { case: { caseName: string }[] }[] }[] }[];
          }[];
        };
      }[];
    };
    const room = payload.courtLists[0]?.courtHouse.courtRoom[0];
    const hearingCase = room?.session[0]?.sittings[0]?.hearing[0]?.case[0];
    if (room === undefined || hearingCase === undefined) throw new Error('unexpected example shape');
    hearingCase.caseName = '<script>alert(1)</script>';
    room.courtRoomName = '<img src=x onerror=alert(1)>';
    const { html } = render({ ...exampleInput(listExamples[0] as (typeof listExamples)[number], 'en'), payload });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('escapes the "valid text" in angle brackets that the magistrates schemas allow', () => {
    const example = listExamples.find((item) => item.file === 'magistratesPublicList.json');
    if (example === undefined) throw new Error('no example');
    const { html } = render(exampleInput(example, 'en'));
    expect(html).toContain('Pro_Auth &lt;this is valid text&gt;');
  });
});

describe('SJP filters', () => {
  const example = listExamples.find((item) => item.file === 'sjpPressList.json');
  if (example === undefined) throw new Error('no example');

  it('renders a GET form with postcode and prosecutor checkboxes', () => {
    const { html } = render(exampleInput(example, 'en'));
    expect(html).toMatch(/<form method="get"/);
    expect(html).toContain('name="postcode"');
    expect(html).toContain('name="prosecutor"');
    expect(html).toContain('Apply filters');
  });

  it('filters by postcode area and prosecutor from the query string', () => {
    const all = render(exampleInput(example, 'en')).context;
    const total = (all.groups as { blocks: unknown[] }[])[0]?.blocks.length ?? 0;
    expect(total).toBeGreaterThan(0);
    const none = render({ ...exampleInput(example, 'en'), query: new URLSearchParams('postcode=ZZ9') }).context;
    expect((none.groups as { blocks: unknown[] }[])[0]?.blocks).toHaveLength(0);
    const matching = render({
      ...exampleInput(example, 'cy'),
      query: new URLSearchParams('postcode=AA1&prosecutor=This+is+an+organisation'),
    });
    expect((matching.context.groups as { blocks: unknown[] }[])[0]?.blocks.length).toBeGreaterThan(0);
    expect(matching.html).toMatch(/value="AA1" checked/);
    expect(matching.html).toContain('name="lng" value="cy"');
  });
});

describe('generic rendering', () => {
  it('shows a courtLists payload of a list type without a dedicated rendering as hearings', () => {
    const listType = listTypeById('SJP_PRESS_REGISTER');
    expect(hasDedicatedRendering(listType)).toBe(false);
    const { html, template } = render({
      ...exampleInput(listExamples[0] as (typeof listExamples)[number], 'en'),
      listType,
    });
    expect(template).toBe('generic-list.njk');
    expect(textOf(html)).toContain('45684548');
  });

  it('shows any other payload as fields and values', () => {
    const listType = listTypeById('SJP_PRESS_REGISTER');
    const { html } = render({
      ...exampleInput(listExamples[0] as (typeof listExamples)[number], 'cy'),
      listType,
      payload: { document: { publicationDate: '2024-01-01T00:00:00Z' }, note: 'Hello <b>' },
    });
    expect(textOf(html)).toContain('Hello <b>');
    expect(html).toContain('Hello &lt;b&gt;');
  });

  it('shows rows of a list type without a rendering of its own as a table with a column per key', () => {
    const listType = listTypeById('SJP_PRESS_REGISTER');
    expect(hasDedicatedRendering(listType)).toBe(false);
    const { html, template } = render({
      ...exampleInput(listExamples[0] as (typeof listExamples)[number], 'en'),
      listType,
      payload: [{ date: '1 May', caseReferenceNumber: 'CST-1' }, { venueName: 'Room 2' }],
    });
    expect(template).toBe('generic-list.njk');
    const text = textOf(html);
    expect(text).toContain('Case reference number');
    expect(text).toContain('Venue name');
    expect(text).toContain('CST-1');
    expect(text).toContain('Room 2');
  });

  it('falls back to the generic rendering when a payload does not have the shape its schema promised', () => {
    const input = exampleInput(listExamples[0] as (typeof listExamples)[number], 'en');
    expect(hasDedicatedRendering(input.listType)).toBe(true);
    // The civil view model cannot iterate a number: it throws, and the generic rendering shows the fields instead.
    const { html, template, context } = render({ ...input, payload: { courtLists: 42, note: 'Shown generically' } });
    expect(template).toBe('generic-list.njk');
    expect(context.notices).toEqual(['This list is shown in a simple format.']);
    const text = textOf(html);
    expect(text).toContain('This list is shown in a simple format.');
    expect(text).toContain('Shown generically');
    expect(text).toContain('42');
  });

  it('renders every list type in the catalogue with some payload', () => {
    for (const listType of listTypes) {
      const payload = listType.schema.startsWith('non-strategic') ? [] : {};
      const { html } = render({
        ...exampleInput(listExamples[0] as (typeof listExamples)[number], 'en'),
        listType,
        payload,
      });
      expect(html, listType.id).toContain('pip-list');
    }
  });
});
