/**
 * For tests: the text a PDF made by pdfkit shows, one string per text run, read from its (deflated) content streams.
 * pdfkit writes the standard fonts' text as hex strings in TJ arrays (WinAnsi), which is all this reads.
 */
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Buffer): string[] {
  const runs: string[] = [];
  for (const stream of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(stream[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated content stream (a font, an image)
    }
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      const hex = [...(tj[1] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1] ?? '').join('');
      runs.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return runs;
}
