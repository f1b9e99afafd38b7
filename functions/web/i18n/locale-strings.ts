/** A page's strings in both languages; the Welsh file must have the English file's shape (checked by tsc). */
import { formatLongDate } from '../../../shared/dates/long-date.js';
import type { Language } from './language.js';

export function localeStrings<T>(en: T, cy: NoInfer<T>): Record<Language, T> {
  return { en, cy };
}

/** Dates as the live service shows them: "30 November 2026" / "30 Tachwedd 2026" (from `YYYY-MM-DD...`). */
export function formatDate(isoDate: string, language: Language): string {
  return formatLongDate(isoDate, language);
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
