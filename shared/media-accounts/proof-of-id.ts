/**
 * The proof of ID a journalist sends with a media account application: a JPG, PNG or PDF of at most 2 MB. The kind is
 * recognised from the file's first bytes (its magic number), never from its name or the type the browser declared,
 * so a renamed executable is refused and the content type we later serve it with is the one its bytes prove.
 */

export const PROOF_OF_ID_MAX_BYTES = 2 * 1024 * 1024;

export type ProofOfIdContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

const signatures: readonly { contentType: ProofOfIdContentType; bytes: readonly number[] }[] = [
  { contentType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { contentType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // "%PDF-"
  { contentType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The content type the bytes prove, or null when they are none of JPG, PNG or PDF. */
export function sniffProofOfId(bytes: Uint8Array): ProofOfIdContentType | null {
  for (const signature of signatures) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((byte, index) => bytes[index] === byte)) {
      return signature.contentType;
    }
  }
  return null;
}

export type ProofOfIdProblem = 'MISSING' | 'TOO_LARGE' | 'WRONG_TYPE';

export type ProofOfIdCheck = { ok: true; contentType: ProofOfIdContentType } | { ok: false; problem: ProofOfIdProblem };

export function checkProofOfId(bytes: Uint8Array | null): ProofOfIdCheck {
  if (bytes === null || bytes.length === 0) return { ok: false, problem: 'MISSING' };
  if (bytes.length > PROOF_OF_ID_MAX_BYTES) return { ok: false, problem: 'TOO_LARGE' };
  const contentType = sniffProofOfId(bytes);
  return contentType === null ? { ok: false, problem: 'WRONG_TYPE' } : { ok: true, contentType };
}
