/**
 * The markup of a list's tables, blocks and accordion sections, written as strings rather than by Nunjucks macros
 * (templates/partials/macros.njk keeps the macros, each a call of these). A 1 MB list is tens of thousands of cells
 * and thousands of sections: Nunjucks' per-value lookups, frames and macro calls cost several times the markup
 * itself (bench/render: a 1 MB magistrates adult court list, 5 MB of HTML). The output is the macros' former output
 * byte for byte (list-markup.test.ts holds it so), every value escaped as Nunjucks' autoescape does.
 *
 * Available to templates as the global `listMarkup` in both Nunjucks environments (addListMarkup).
 */
import nunjucks from 'nunjucks';
import type { Block, Section, Table } from './view-models/view.js';

/** Nunjucks' own escaping (lib.escape, the one its autoescape applies), which its type declarations leave out. */
const escape = (nunjucks as unknown as { lib: { escape: (text: string) => string } }).lib.escape;
if (typeof escape !== 'function') throw new Error('nunjucks.lib.escape is missing: list markup cannot escape values');

/** A value as `{{ value }}` writes it with autoescape on: nothing for null or undefined, safe strings as they are. */
function out(value: string | number | nunjucks.runtime.SafeString | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (value instanceof nunjucks.runtime.SafeString) return value.toString();
  const text = typeof value === 'string' ? value : String(value);
  return /[&"'<>]/.test(text) ? escape(text) : text;
}

/** Nunjucks' `{% for %}` over a value that may be missing. */
const each = <T>(items: readonly T[] | null | undefined): readonly T[] => items ?? [];

function table(value: Table): string {
  const parts: string[] = [
    `<div class="pip-table-wrapper" role="region" aria-label="${out(value.caption)}" tabindex="0">\n`,
    '<table class="govuk-table pip-list-table">\n',
    `  <caption class="govuk-table__caption govuk-visually-hidden">${out(value.caption)}</caption>\n`,
    '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">',
  ];
  for (const heading of each(value.head))
    parts.push(`<th scope="col" class="govuk-table__header">${out(heading)}</th>`);
  parts.push('</tr>\n  </thead>\n  <tbody class="govuk-table__body">');
  for (const row of each(value.rows)) {
    parts.push('    <tr class="govuk-table__row">');
    for (const cell of each(row)) {
      parts.push('<td class="govuk-table__cell">', out(cell.text));
      for (const note of each(cell.notes)) parts.push('<br>', out(note));
      parts.push('</td>');
    }
    parts.push('</tr>');
  }
  parts.push('  </tbody>\n</table>\n</div>');
  return parts.join('');
}

function block(value: Block, level: number): string {
  const parts: string[] = [
    `<div class="pip-list-block">\n  <h${out(level)} class="govuk-heading-s">${out(value.heading)}</h${out(level)}>`,
  ];
  if (value.facts.length > 0) {
    parts.push('  <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-3">');
    for (const fact of value.facts) {
      parts.push(
        '    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">',
        out(fact.key),
        '</dt><dd class="govuk-summary-list__value">',
        out(fact.value),
        '</dd></div>',
      );
    }
    parts.push('  </dl>');
  }
  if (value.table) parts.push(table(value.table));
  parts.push('</div>');
  return parts.join('');
}

/** The button texts of GOV.UK Frontend's accordion, in the page's language. */
export interface AccordionText {
  hideAllSections?: string;
  hideSection?: string;
  hideSectionAriaLabel?: string;
  showAllSections?: string;
  showSection?: string;
  showSectionAriaLabel?: string;
}

const accordionAttributes: readonly [string, keyof AccordionText][] = [
  ['hide-all-sections', 'hideAllSections'],
  ['hide-section', 'hideSection'],
  ['hide-section-aria-label', 'hideSectionAriaLabel'],
  ['show-all-sections', 'showAllSections'],
  ['show-section', 'showSection'],
  ['show-section-aria-label', 'showSectionAriaLabel'],
];

/** GOV.UK Frontend's accordion markup (govukAccordion's, every section expanded). */
function accordion(
  id: string,
  headingLevel: number,
  sections: readonly Section[],
  text: AccordionText,
  blockLevel: number,
): string {
  const parts: string[] = [`<div class="govuk-accordion" data-module="govuk-accordion" id="${out(id)}"`];
  for (const [attribute, key] of accordionAttributes) {
    if (text[key]) parts.push(` data-i18n.${attribute}="${out(text[key])}"`);
  }
  parts.push('>');
  each(sections).forEach((section, index) => {
    const number = index + 1;
    parts.push(
      '  <div class="govuk-accordion__section govuk-accordion__section--expanded">\n',
      '    <div class="govuk-accordion__section-header">\n',
      `      <h${out(headingLevel)} class="govuk-accordion__section-heading">\n`,
      `        <span class="govuk-accordion__section-button" id="${out(id)}-heading-${number}">\n`,
      `          ${out(section.heading)}\n`,
      '        </span>\n',
      `      </h${out(headingLevel)}>\n`,
      '    </div>\n',
      `    <div id="${out(id)}-content-${number}" class="govuk-accordion__section-content">`,
    );
    if (section.summary) parts.push(`<p class="govuk-body">${out(section.summary)}</p>`);
    for (const sectionTable of each(section.tables)) parts.push(table(sectionTable));
    for (const sectionBlock of each(section.blocks)) parts.push(block(sectionBlock, blockLevel));
    parts.push('    </div>\n  </div>');
  });
  parts.push('</div>');
  return parts.join('');
}

const safe = (html: string) => new nunjucks.runtime.SafeString(html);

/** What templates call: each answers markup Nunjucks writes as it is. */
export const listMarkup = {
  table: (value: Table) => safe(table(value)),
  block: (value: Block, level: number) => safe(block(value, level)),
  accordion: (id: string, headingLevel: number, sections: Section[], text: AccordionText, blockLevel: number) =>
    safe(accordion(id, headingLevel, sections, text, blockLevel)),
};

/** Makes `listMarkup` a global of the environment. */
export function addListMarkup(environment: nunjucks.Environment): nunjucks.Environment {
  return environment.addGlobal('listMarkup', listMarkup);
}
