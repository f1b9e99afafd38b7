// Progressive enhancement only: every page works without JavaScript. Starts GOV.UK Frontend's components, and makes
// the court pickers accessible-autocomplete (loaded only on the pages that have one).
import { initAll } from '/govuk-frontend.min.js';

initAll();

const courtPickers = document.querySelectorAll('[data-module="app-court-autocomplete"]');
if (courtPickers.length > 0) {
  const { enhanceCourtPicker } = await import('/js/court-autocomplete.mjs');
  courtPickers.forEach(enhanceCourtPicker);
}
