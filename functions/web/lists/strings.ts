/** The en and cy strings of the list renderings (./strings/*.json; the Welsh is the live service's where it has one). */
import cy from './strings/cy.json' with { type: 'json' };
import en from './strings/en.json' with { type: 'json' };
import type { Language } from './format.js';

export type ListStrings = typeof en;

const byLanguage: Record<Language, ListStrings> = { en, cy };

export function listStrings(language: Language): ListStrings {
  return byLanguage[language];
}

/** Replaces `{name}` placeholders; unknown placeholders are left as they are. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
