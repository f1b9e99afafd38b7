/**
 * For tests: the text a PDF made by pdfkit shows, one string per text run, read from its (deflated) content streams.
 * pdfkit writes the standard fonts' text as hex strings in TJ arrays (WinAnsi), which is all this reads.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsi (windows-1252) 0x80 to 0x9F, where it differs from Latin-1 (’ is 0x92); undefined positions kept. */
const winAnsiHigh = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = {
  decode: (bytes: Buffer): string =>
    [...bytes]
      .map((byte) => (byte >= 0x80 && byte <= 0x9f ? winAnsiHigh[byte - 0x80] : String.fromCharCode(byte)))
      .join(''),
};

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
      runs.push(winAnsi.decode(Buffer.from(hex, 'hex')));
    }
  }
  return runs;
}
