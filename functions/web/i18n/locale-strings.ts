/** A page's strings in both languages; the Welsh file must have the English file's shape (checked by tsc). */
import type { Language } from './language.js';

export function localeStrings<T>(en: T, cy: NoInfer<T>): Record<Language, T> {
  return { en, cy };
}

/** Dates as the live service shows them: "30 November 2026" / "30 Tachwedd 2026" (from `YYYY-MM-DD...`). */
export function formatDate(isoDate: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
