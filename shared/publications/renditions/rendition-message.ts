/** The publication-renditions queue's message: one stored JSON list version, `{ artefactId, blobName }`. */
import { z } from 'zod';

export const renditionMessageSchema = z.object({ artefactId: z.uuid(), blobName: z.string().min(1).max(200) });
export type RenditionRequest = z.infer<typeof renditionMessageSchema>;

/** What the blob trigger needs of the queue (a QueueClient). */
export interface RenditionQueue {
  sendMessage(text: string): Promise<unknown>;
}

/** The Functions host reads queue messages as base64 (host.json's default messageEncoding). */
export function renditionMessage(request: RenditionRequest): string {
  return Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
}
