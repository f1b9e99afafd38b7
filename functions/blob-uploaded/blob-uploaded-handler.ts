/**
 * The publications container's blob trigger: a stored payload becomes a published artefact, or its submission is
 * marked rejected with a reason (shared/publications/publish-stored-blob.ts, which the stranded submission sweep runs
 * too). A transient error is thrown, so the host retries the blob, while `context.retryContext` says attempts remain;
 * on the last attempt the submission is rejected. Where the host gives no retry context (Azure's blob trigger gives
 * none), every attempt is taken as the last: the publisher is told to send it again rather than left waiting. Only
 * when the rejection itself cannot be written (the database is down) is the error thrown regardless; after the host's
 * last attempt the blob is reported on `webjobs-blobtrigger-poison`, and the housekeeping sweep publishes or rejects
 * the submission once it has been pending 15 minutes (see docs/operations.md).
 */
import type { InvocationContext } from '@azure/functions';
import {
  publishStoredBlob,
  type PublishStoredBlobDependencies,
} from '../../shared/publications/publish-stored-blob.js';

export type BlobUploadedDependencies = PublishStoredBlobDependencies;

/** True when the host will run this blob again if this attempt throws. */
function attemptsRemain(context: InvocationContext): boolean {
  const retry = context.retryContext;
  return retry !== undefined && retry.retryCount < retry.maxRetryCount;
}

export function handlePublicationBlob(
  deps: BlobUploadedDependencies,
  blob: Buffer,
  context: InvocationContext,
): Promise<void> {
  const name = context.triggerMetadata?.name;
  return publishStoredBlob(
    deps,
    blob,
    {
      blobName: typeof name === 'string' ? name : '',
      deliveredMetadata: context.triggerMetadata?.metadata as Record<string, string> | undefined,
      attemptsRemain: attemptsRemain(context),
      attempt: (context.retryContext?.retryCount ?? 0) + 1,
    },
    context,
  );
}
