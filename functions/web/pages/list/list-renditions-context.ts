/**
 * What the list page adds from the list's renditions (issue 13): links to its PDF and workbook for a signed-in reader
 * (pages/list-downloads serves them), and the "changes since" summary, in the page's language, against the version
 * before the one shown.
 */
import type { Principal } from '../../../../shared/auth/principal.js';
import { changeLines, hasChanges } from '../../../../shared/publications/renditions/list-changes.js';
import type { ListRenditions } from '../../../../shared/publications/renditions/list-renditions.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export interface ListRenditionContext {
  renditionText: { downloadPdf: string; downloadWorkbook: string; changesHeading: string; downloadsHeading: string };
  downloads: { pdf: string | null; workbook: string | null } | null;
  changesSince: string[];
}

export async function listRenditionContext(
  renditions: ListRenditions | undefined,
  publication: { artefactId: string; blobName: string },
  principal: Principal | null,
  language: 'en' | 'cy',
): Promise<ListRenditionContext | Record<string, never>> {
  const summary = renditions ? await renditions.summary(publication) : null;
  if (summary === null) return {};
  const t = strings[language];
  const base = `/list/${publication.artefactId}`;
  return {
    renditionText: {
      downloadPdf: t.downloadPdf,
      downloadWorkbook: t.downloadWorkbook,
      changesHeading: t.changesHeading,
      downloadsHeading: t.downloadsHeading,
    },
    downloads:
      principal === null
        ? null
        : { pdf: summary.pdf ? `${base}/pdf` : null, workbook: summary.workbook ? `${base}/xlsx` : null },
    changesSince: summary.changes && hasChanges(summary.changes) ? changeLines(summary.changes, language) : [],
  };
}
