// Court pickers (functions/web/layout/court-picker.njk, and court <select>s marked the same way) made GOV.UK's
// accessible-autocomplete. Progressive enhancement only: without JavaScript the same input is a search with a
// <datalist> of the same names, and a <select> is a <select>.
//
// What the component does not do for us, done here:
// - it renders a new input and so loses the page's aria-describedby (the hint, the error message): the ids are kept
//   on the new input, whatever the component sets or removes there later (its own assistive hint is added to them);
// - its status messages are English: they come from the picker's data-strings, in the page's language;
// - on iOS it ends each option with an English "n of m" for VoiceOver: said in the page's language here;
// - our Content-Security-Policy allows no inline style: its stylesheet is a same-origin file
//   (/accessible-autocomplete.min.css), the styles it sets from script go through the CSSOM, which CSP does not
//   govern, and its iOS "n of m" style attribute is allowed by its hash alone (functions/web/http/security-headers.ts).
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

/** One of the picker's strings (layout courtPicker, as JSON in its data-strings), in the page's language. */
function text(/** @type {HTMLElement} */ picker, /** @type {string} */ key) {
  /** @type {Record<string, string>} */
  const strings = JSON.parse(picker.dataset.strings ?? '{}');
  return strings[key] ?? '';
}

/** The component's messages in the page's language. */
function messages(/** @type {HTMLElement} */ picker) {
  const t = (/** @type {string} */ key) => text(picker, key);
  return {
    tNoResults: () => t('noResults'),
    tStatusQueryTooShort: (/** @type {number} */ count) => t('queryTooShort').replace('{count}', String(count)),
    tStatusNoResults: () => t('noResults'),
    tStatusSelectedOption: (/** @type {string} */ option, /** @type {number} */ count, /** @type {number} */ index) =>
      t('selectedOption')
        .replace('{option}', option)
        .replace('{position}', String(index + 1))
        .replace('{count}', String(count)),
    tStatusResults: (/** @type {number} */ count, /** @type {string} */ selected) =>
      `${count === 1 ? t('resultsOne') : t('resultsMany').replace('{count}', String(count))} ${selected}`.trim(),
    tAssistiveHint: () => t('assistiveHint'),
  };
}

/** What every picker shares: a short query first, the menu over the page, the error's border kept. */
function commonOptions(/** @type {HTMLElement} */ picker) {
  return {
    minLength: 2,
    // Over the page, not in it: an inline menu closing on blur moves the button being clicked from under the pointer.
    displayMenu: 'overlay',
    autoselect: false,
    inputClasses:
      picker.classList.contains('govuk-select--error') || picker.classList.contains('govuk-input--error')
        ? 'govuk-input--error'
        : undefined,
    ...messages(picker),
  };
}

/** The iOS-only " n of m" the component writes after each option (as HTML, in English), in the page's language. */
function translateOptionPositions(/** @type {HTMLElement} */ menu, /** @type {string} */ template) {
  if (template === '') return;
  const translate = () => {
    for (const suffix of menu.querySelectorAll('span[id*="__option-suffix--"]')) {
      const match = /^\s*(\d+) of (\d+)$/.exec(suffix.textContent ?? '');
      if (match === null) continue;
      const said = ` ${template.replace('{position}', match[1] ?? '').replace('{count}', match[2] ?? '')}`;
      // Only when it differs: the change is itself a mutation this observer sees.
      if (suffix.textContent !== said) suffix.textContent = said;
    }
  };
  new MutationObserver(translate).observe(menu, { childList: true, subtree: true });
}

/** The component's input (it has the picker's id), set up as the picker was: descriptions, no spellcheck, focus. */
function finish(
  /** @type {HTMLElement} */ picker,
  /** @type {string} */ id,
  /** @type {string[]} */ describedBy,
  /** @type {boolean} */ hadFocus,
) {
  const enhanced = document.getElementById(id);
  if (!(enhanced instanceof HTMLInputElement)) return;
  enhanced.spellcheck = false;
  keepDescribedBy(enhanced, describedBy);
  const menu = document.getElementById(`${id}__listbox`);
  if (menu !== null) translateOptionPositions(menu, text(picker, 'optionPosition'));
  if (hadFocus) enhanced.focus();
}

/**
 * Makes a court picker accessible-autocomplete with the same id, name, value and descriptions: an input is replaced
 * (its datalist's names are the options); a <select> is hidden and set from what is picked (its options' texts).
 */
export function enhanceCourtPicker(/** @type {HTMLInputElement | HTMLSelectElement} */ picker) {
  const describedBy = (picker.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const hadFocus = document.activeElement === picker;
  const id = picker.id;
  if (picker instanceof HTMLSelectElement) {
    const names = [...picker.options].filter((option) => option.value !== '').map((option) => option.text);
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: picker,
      defaultValue: picker.value === '' ? '' : (picker.selectedOptions[0]?.text ?? ''),
      source: courtSource(names),
      ...commonOptions(picker),
    });
    finish(picker, id, describedBy, hadFocus);
    return;
  }
  const list = picker.list;
  const names = list === null ? [] : [...list.options].map((option) => option.value);
  const container = document.createElement('div');
  picker.before(container);
  picker.remove();
  list?.remove();
  accessibleAutocomplete({
    element: container,
    id,
    name: picker.name,
    defaultValue: picker.value,
    source: courtSource(names),
    ...commonOptions(picker),
  });
  finish(picker, id, describedBy, hadFocus);
}
