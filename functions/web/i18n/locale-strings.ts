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

/**
 * An instant as the admin pages show it: "30 November 2026, 10:00" / "30 Tachwedd 2026, 10:00", in UK time unless
 * the page says otherwise (the audit log shows UTC, with seconds, and says so).
 */
export function formatDateTime(
  instant: Date,
  language: Language,
  options: { timeZone?: 'Europe/London' | 'UTC'; seconds?: boolean } = {},
): string {
  return new Intl.DateTimeFormat(language === 'cy' ? 'cy-GB' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone: options.timeZone ?? 'Europe/London',
  }).format(instant);
}
