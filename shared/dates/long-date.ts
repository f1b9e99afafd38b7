/**
 * A day as GOV.UK writes it: "30 November 2026", in Welsh "30 Tachwedd 2026" (from `YYYY-MM-DD...`; anything else is
 * returned as it is). The portal, the digest emails and the list files all write days with it.
 */
export function formatLongDate(isoDate: string, language: 'en' | 'cy'): string {
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
