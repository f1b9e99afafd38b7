// Court pickers (functions/web/layout/court-picker.njk) made GOV.UK's accessible-autocomplete. Progressive
// enhancement only: without JavaScript the same input is a search with a <datalist> of the same names.
//
// What the component does not do for us, done here:
// - it renders a new input and so loses the page's aria-describedby (the hint, the error message): the ids are kept
//   on the new input, whatever the component sets or removes there later (its own assistive hint is added to them);
// - its status messages are English: they come from the input's data- attributes, in the page's language;
// - our Content-Security-Policy allows no inline style attribute: its stylesheet is a same-origin file
//   (/accessible-autocomplete.min.css), and the styles it sets from script go through the CSSOM, which CSP allows.
import '/accessible-autocomplete.min.js';

const accessibleAutocomplete = /** @type {any} */ (globalThis).accessibleAutocomplete;

/** As the portal's search folds names (search-page.ts): no accents, one apostrophe, lower case. */
const fold = (/** @type {string} */ text) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
    .trim();

/** The names containing the query, those starting with it first, each group in the names' own order. */
function courtSource(/** @type {string[]} */ names) {
  const folded = names.map((name) => ({ name, folded: fold(name) }));
  return (/** @type {string} */ query, /** @type {(results: string[]) => void} */ populate) => {
    const wanted = fold(query);
    const matches = folded.filter((entry) => entry.folded.includes(wanted));
    const starting = matches.filter((entry) => entry.folded.startsWith(wanted));
    const rest = matches.filter((entry) => !entry.folded.startsWith(wanted));
    populate([...starting, ...rest].map((entry) => entry.name));
  };
}

/** Keeps `ids` first in the input's aria-describedby, after anything the component does to the attribute. */
function keepDescribedBy(/** @type {HTMLElement} */ input, /** @type {string[]} */ ids) {
  if (ids.length === 0) return;
  const apply = () => {
    const current = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const wanted = [...ids, ...current.filter((id) => !ids.includes(id))].join(' ');
    if (input.getAttribute('aria-describedby') !== wanted) input.setAttribute('aria-describedby', wanted);
  };
  new MutationObserver(apply).observe(input, { attributes: true, attributeFilter: ['aria-describedby'] });
  apply();
}

/** Replaces a court picker's input by an accessible-autocomplete with the same id, name, value and descriptions. */
export function enhanceCourtPicker(/** @type {HTMLInputElement} */ input) {
  const list = input.list;
  const names = list === null ? [] : [...list.options].map((option) => option.value);
  const strings = input.dataset;
  const describedBy = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const hadFocus = document.activeElement === input;
  const container = document.createElement('div');
  input.before(container);
  input.remove();
  list?.remove();
  accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    source: courtSource(names),
    minLength: 2,
    // Over the page, not in it: an inline menu closing on blur moves the button being clicked from under the pointer.
    displayMenu: 'overlay',
    inputClasses: input.classList.contains('govuk-input--error') ? 'govuk-input--error' : undefined,
    tNoResults: () => strings.noResults,
    tStatusQueryTooShort: (/** @type {number} */ count) => strings.queryTooShort?.replace('{count}', String(count)),
    tStatusNoResults: () => strings.noResults,
    tStatusSelectedOption: (/** @type {string} */ option, /** @type {number} */ count, /** @type {number} */ index) =>
      strings.selectedOption
        ?.replace('{option}', option)
        .replace('{position}', String(index + 1))
        .replace('{count}', String(count)),
    tStatusResults: (/** @type {number} */ count, /** @type {string} */ selected) =>
      `${count === 1 ? strings.resultsOne : strings.resultsMany?.replace('{count}', String(count))} ${selected}`.trim(),
    tAssistiveHint: () => strings.assistiveHint,
  });
  const enhanced = container.querySelector('input[role="combobox"]');
  if (!(enhanced instanceof HTMLInputElement)) return;
  enhanced.spellcheck = false;
  keepDescribedBy(enhanced, describedBy);
  if (hadFocus) enhanced.focus();
}
