/**
 * The court and tribunal events glossary, from the glossary store (the newest valid file in the `glossary`
 * container). Each event has an anchor made from its English name (`/glossary#appeal-witness-continues`), the same
 * in both languages, so list renderings and case updates can link to it by name. Events without a Welsh
 * translation are shown in English, marked `lang="en"`.
 */
import type { GlossaryEntry } from '../../../../shared/glossary/glossary.js';
import type { Language } from '../../i18n/language.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageRoute } from '../../router.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

/** The anchor of a glossary event: its English name, lower case, runs of other characters as single hyphens. */
export function glossaryAnchor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'event' : slug;
}

export interface GlossaryItem {
  anchor: string;
  name: string;
  description: string;
  /** Set when shown in a language other than the page's. */
  nameLang: Language | null;
  descriptionLang: Language | null;
}

export function glossaryItems(entries: GlossaryEntry[], language: Language): GlossaryItem[] {
  const used = new Map<string, number>();
  const items = entries.map((entry) => {
    const base = glossaryAnchor(entry.name);
    const count = (used.get(base) ?? 0) + 1;
    used.set(base, count);
    const welshName = language === 'cy' ? entry.welshName : undefined;
    const welshDescription = language === 'cy' ? entry.welshDescription : undefined;
    return {
      anchor: count === 1 ? base : `${base}-${count}`,
      name: welshName ?? entry.name,
      description: welshDescription ?? entry.description,
      nameLang: language === 'cy' && !welshName ? ('en' as const) : null,
      descriptionLang: language === 'cy' && !welshDescription ? ('en' as const) : null,
    };
  });
  const collator = new Intl.Collator(language === 'cy' ? 'cy-GB' : 'en-GB', { sensitivity: 'base' });
  return items.sort((a, b) => collator.compare(a.name, b.name));
}

function letterOf(name: string): string {
  const letter = name.trim().charAt(0).normalize('NFKD').charAt(0).toUpperCase();
  return /[A-Z]/.test(letter) ? letter : '#';
}

export const glossaryRoutes: PageRoute[] = [
  {
    path: '/glossary',
    methods: ['GET'],
    async handle(deps, request) {
      const t = strings[request.language];
      const state = await deps.glossary.current(request.logger);
      const items = state.status === 'LOADED' ? glossaryItems(state.entries, request.language) : [];
      const groups = new Map<string, GlossaryItem[]>();
      for (const item of items) groups.set(letterOf(item.name), [...(groups.get(letterOf(item.name)) ?? []), item]);
      return {
        kind: 'page',
        template: 'pages/glossary/glossary.njk',
        title: t.title,
        context: {
          t,
          available: state.status === 'LOADED',
          alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => ({ letter, present: groups.has(letter) })),
          groups: [...groups.entries()].map(([letter, entries]) => ({ letter, entries })),
        },
      };
    },
  },
];
