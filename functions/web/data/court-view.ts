/** Courts as the pages show them: the Welsh name in Welsh where the reference data has one. */
import type { Location } from '../../../shared/reference-data/location-queries.js';
import type { Language } from '../i18n/language.js';

export function courtName(court: { name: string; welshName: string | null }, language: Language): string {
  return language === 'cy' && court.welshName ? court.welshName : court.name;
}

/** The court's value in the language, matched by position (the Welsh columns are translations of the English). */
export function translatedValues(english: string[], welsh: string[]): { value: string; en: string; cy: string }[] {
  return english.map((value, index) => ({
    value,
    en: value,
    cy: welsh[index]?.trim() ? (welsh[index] ?? value) : value,
  }));
}

export function compareNames(language: Language): (a: Location, b: Location) => number {
  const collator = new Intl.Collator(language === 'cy' ? 'cy-GB' : 'en-GB', { sensitivity: 'base' });
  return (a, b) => collator.compare(courtName(a, language), courtName(b, language)) || a.locationId - b.locationId;
}

/**
 * Every court's name in the language, in its order, each once: the court pickers' suggestions (a <datalist> without
 * JavaScript, accessible-autocomplete's options with it: layout/court-picker.njk).
 */
export function courtNameSuggestions(courts: readonly Location[], language: Language): string[] {
  return [...new Set([...courts].sort(compareNames(language)).map((court) => courtName(court, language)))];
}
