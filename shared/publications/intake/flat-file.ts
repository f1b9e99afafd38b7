/**
 * Flat-file publications (PDF, Word, Excel, HTML, CSV, JSON): the kind is read from the bytes, not trusted from the name,
 * and the file name is reduced to something safe to echo in a Content-Disposition header.
 */
import { looksLikeXlsx } from './excel-workbook.js';

export type FlatFileKind = 'pdf' | 'doc' | 'docx' | 'xlsx' | 'html' | 'csv' | 'json';

export const flatFileContentTypes: Record<FlatFileKind, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  signature.every((byte, i) => bytes[i] === byte);

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length === bytes.length ? sample : bytes);
    return true;
  } catch {
    return false;
  }
}

/** Answers the kind of file the bytes are, or null for anything we do not publish. */
export function sniffFlatFile(bytes: Uint8Array, fileName: string): FlatFileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc'; // OLE compound file
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP; an Excel workbook lists xl/workbook.xml in its directory, a Word document carries word/document.xml.
    if (looksLikeXlsx(bytes)) return 'xlsx';
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024))).toString('latin1');
    return head.includes('word/') || head.includes('[Content_Types].xml') ? 'docx' : null;
  }
  if (!looksLikeText(bytes)) return null;
  const text = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) return 'html';
  if (/^[[{]/.test(text)) {
    try {
      JSON.parse(Buffer.from(bytes).toString('utf8'));
      return 'json';
    } catch {
      return null;
    }
  }
  if (/\.csv$/i.test(fileName) && text.length > 0) return 'csv';
  return null;
}

/** Keeps letters, digits, spaces, dots, hyphens and underscores; never a path; never empty. */
export function safeFileName(fileName: string, kind: FlatFileKind): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  const extension = kind === 'html' ? /\.html?$/i : new RegExp(`\\.${kind}$`, 'i');
  const named = cleaned === '' ? 'publication' : cleaned;
  return extension.test(named) ? named : `${named}.${kind}`;
}
