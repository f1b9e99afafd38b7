/**
 * For tests: what a PDF made by pdfkit shows, read back from the file itself.
 *
 * - `pdfText`: the text, one string per text run, read from the pages' (deflated) content streams, page by page. Each run is decoded with
 *   the font it is set in: an embedded font through its ToUnicode map (pdfkit writes one for every font it embeds),
 *   a standard font as WinAnsi.
 * - `pdfFonts`: each font the PDF uses, its name, whether it is embedded, and for an embedded TrueType font which of
 *   its glyphs have an outline (a glyph the font lacks is drawn as glyph 0, .notdef, or as an empty glyph).
 *
 * pdfkit writes no object streams, so every object is a plain `N 0 obj … endobj`.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsi (windows-1252) 0x80 to 0x9F, where it differs from Latin-1 (’ is 0x92); undefined positions kept. */
const winAnsiHigh = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: Buffer): string =>
  [...bytes]
    .map((byte) => (byte >= 0x80 && byte <= 0x9f ? winAnsiHigh[byte - 0x80] : String.fromCharCode(byte)))
    .join('');

interface PdfObject {
  dictionary: string;
  stream: Buffer | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match !== null; match = header.exec(text)) {
    const start = header.lastIndex;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt === -1 || endAt < streamAt) {
      objects.set(Number(match[1]), { dictionary: text.slice(start, endAt), stream: null });
      continue;
    }
    // A stream is read by its /Length: its (compressed) bytes may hold anything, "endobj" included.
    const dictionary = text.slice(start, streamAt);
    const dataAt = text.indexOf('\n', streamAt) + 1;
    const length = Number(/\/Length\s+(\d+)/.exec(dictionary)?.[1] ?? 0);
    let bytes = pdf.subarray(dataAt, dataAt + length);
    if (dictionary.includes('/FlateDecode')) {
      try {
        bytes = inflateSync(bytes);
      } catch {
        // left as stored
      }
    }
    objects.set(Number(match[1]), { dictionary, stream: bytes });
    header.lastIndex = text.indexOf('endobj', dataAt + length);
  }
  return objects;
}

const reference = (dictionary: string, key: string): number | null => {
  const found = new RegExp(`/${key}\\s*\\[?\\s*(\\d+) 0 R`).exec(dictionary);
  return found ? Number(found[1]) : null;
};

/** A ToUnicode CMap: code → text (bfchar and both forms of bfrange). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const text = (hex: string): string =>
    String.fromCharCode(...(hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((unit) => parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]+>)/gi)) {
      const start = parseInt(range[1] ?? '0', 16);
      const end = parseInt(range[2] ?? '0', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        [...target.matchAll(/<([0-9a-f\s]*)>/gi)].forEach((entry, index) =>
          map.set(start + index, text(entry[1] ?? '')),
        );
      } else {
        const first = text(target.slice(1, -1));
        for (let code = start; code <= end; code += 1) {
          map.set(code, first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + code - start));
        }
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? '').matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi)) {
      map.set(parseInt(pair[1] ?? '0', 16), text(pair[2] ?? ''));
    }
  }
  return map;
}

/** The glyph ids of a TrueType font file that have an outline (their `glyf` data is not empty). */
function glyphsWithOutlines(font: Buffer): Set<number> {
  const tables = new Map<string, { offset: number; length: number }>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    tables.set(font.toString('latin1', at, at + 4), {
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    });
  }
  const head = tables.get('head');
  const loca = tables.get('loca');
  const maxp = tables.get('maxp');
  const outlined = new Set<number>();
  if (!head || !loca || !maxp) return outlined;
  const longOffsets = font.readInt16BE(head.offset + 50) === 1;
  const glyphs = font.readUInt16BE(maxp.offset + 4);
  const offset = (gid: number): number =>
    longOffsets ? font.readUInt32BE(loca.offset + gid * 4) : font.readUInt16BE(loca.offset + gid * 2) * 2;
  for (let gid = 0; gid < glyphs; gid += 1) if (offset(gid + 1) > offset(gid)) outlined.add(gid);
  return outlined;
}

export interface PdfFont {
  /** The resource name the content streams use (F1, F2, …). */
  resource: string;
  /** BaseFont without pdfkit's subset tag: `NotoSans-Regular`, `Helvetica`. */
  name: string;
  /** The embedded font file (FontFile2), or null for a standard font. */
  embedded: Buffer | null;
  /** Code → text, from the font's ToUnicode map (empty for a standard font). */
  toUnicode: Map<number, string>;
  /** Of an embedded TrueType font: the codes (glyph ids, Identity-H) whose glyph has an outline. */
  outlined: Set<number>;
}

export function pdfFonts(pdf: Buffer): PdfFont[] {
  const objects = pdfObjects(pdf);
  const byResource = new Map<string, number>();
  for (const { dictionary } of objects.values()) {
    for (const fonts of dictionary.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const entry of (fonts[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        byResource.set(entry[1] ?? '', Number(entry[2]));
      }
    }
  }
  return [...byResource].map(([resource, id]): PdfFont => {
    const dictionary = objects.get(id)?.dictionary ?? '';
    const name = (/\/BaseFont\s*\/([^\s/>]+)/.exec(dictionary)?.[1] ?? '').replace(/^[A-Z]{6}\+/, '');
    const cmapId = reference(dictionary, 'ToUnicode');
    const cmap = cmapId === null ? null : objects.get(cmapId)?.stream;
    const descendant = reference(dictionary, 'DescendantFonts');
    const descriptor =
      descendant === null ? null : reference(objects.get(descendant)?.dictionary ?? '', 'FontDescriptor');
    const file = descriptor === null ? null : reference(objects.get(descriptor)?.dictionary ?? '', 'FontFile2');
    const embedded = (file === null ? null : objects.get(file)?.stream) ?? null;
    return {
      resource,
      name,
      embedded,
      toUnicode: cmap ? toUnicodeMap(cmap.toString('latin1')) : new Map<number, string>(),
      outlined: embedded ? glyphsWithOutlines(embedded) : new Set<number>(),
    };
  });
}

/** Each text run of the PDF, with the font it is set in and its codes (2-byte glyph ids for an embedded font). */
export function pdfRuns(pdf: Buffer): { font: PdfFont | undefined; codes: number[]; text: string }[] {
  const fonts = new Map(pdfFonts(pdf).map((font) => [font.resource, font]));
  const runs: { font: PdfFont | undefined; codes: number[]; text: string }[] = [];
  const objects = pdfObjects(pdf);
  const contents = [...objects.values()].flatMap(({ dictionary }) => {
    const id = /\/Type\s*\/Page\b/.test(dictionary) ? reference(dictionary, 'Contents') : null;
    const stream = id === null ? null : objects.get(id)?.stream;
    return stream ? [stream] : [];
  });
  for (const stream of contents) {
    let font: PdfFont | undefined;
    for (const op of stream.toString('latin1').matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ/g)) {
      if (op[1] !== undefined) {
        font = fonts.get(op[1]);
        continue;
      }
      const bytes = Buffer.from([...(op[2] ?? '').matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1] ?? '').join(''), 'hex');
      if (font && font.embedded) {
        const codes = Array.from({ length: bytes.length >> 1 }, (_, i) => bytes.readUInt16BE(i * 2));
        runs.push({ font, codes, text: codes.map((code) => font?.toUnicode.get(code) ?? '\ufffd').join('') });
      } else {
        runs.push({ font, codes: [...bytes], text: winAnsi(bytes) });
      }
    }
  }
  return runs;
}

export function pdfText(pdf: Buffer): string[] {
  return pdfRuns(pdf).map((run) => run.text);
}
