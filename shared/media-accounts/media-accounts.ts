/**
 * Media accounts: a journalist applies with a proof of ID (stored privately, a blob named by the application id),
 * court staff approve or reject. Approving creates the verified account in the identity directory first (nothing
 * else changes if that fails), then records the decision and the person's pip_user row, sends the welcome email and
 * deletes the proof of ID. Rejecting records the decision with its reasons, emails them and deletes the proof of ID.
 * Expected outcomes are values; the caller (the admin pages) audits and logs each.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { isBlobNotFound, downloadIfPresent } from '../storage/read-blob.js';
import { NotifyUnavailableError } from '../subscriptions/notify-mailer.js';
import { recordVerifiedMediaUser } from '../users/user-store.js';
import {
  splitFullName,
  type DirectoryFailureReason,
  type MediaAccountDirectory,
  type NewMediaAccount,
} from './media-account-directory.js';
import type { MediaAccountMailer, MediaEmailResult } from './media-account-mailer.js';
import {
  countApplicationsSince,
  decideMediaApplication,
  type Decision,
  findMediaApplication,
  hasPendingApplication,
  insertMediaApplication,
  listPendingApplications,
  markProofOfIdDeleted,
  type MediaApplication,
  type RejectionReason,
} from './media-application-store.js';
import type { ProofOfIdContentType } from './proof-of-id.js';

/** The reasons as the rejection email gives them (the live service's wording). */
export const rejectionReasonEmailText: Readonly<Record<RejectionReason, string>> = {
  notMedia: 'The applicant is not an accredited member of the media.',
  expired: 'ID provided has expired or is not a Press ID.',
  noMatch: 'Details provided do not match.',
};

/** Applications the form accepts in an hour, from everyone together: a flood is refused, not stored. */
export const DEFAULT_APPLICATIONS_PER_HOUR = 200;

export interface MediaAccountsDependencies {
  database: Database;
  /** The private `media-applications` container (shared/storage/names.ts). */
  proofOfId: ContainerClient;
  directory: MediaAccountDirectory;
  mailer: MediaAccountMailer;
  applicationsPerHour?: number;
}

export interface Applicant {
  fullName: string;
  email: string;
  employer: string;
}

export interface ProofOfIdFile {
  bytes: Uint8Array;
  contentType: ProofOfIdContentType;
  fileName: string | null;
}

export type SubmitResult =
  { ok: true; application: MediaApplication } | { ok: false; reason: 'DUPLICATE' | 'TOO_MANY_APPLICATIONS' };

/** What became of an email: sent, refused for good by Notify (400), or Notify unavailable. */
export type EmailOutcome =
  | { kind: 'sent'; notificationId: string }
  | { kind: 'rejected'; status: number; detail: string }
  | { kind: 'unavailable'; code: string; detail: string };

export interface Admin {
  userId: string;
  email: string | null;
}

export type DecisionResult =
  | {
      kind: 'decided';
      application: MediaApplication;
      email: EmailOutcome;
      proofOfIdDeleted: boolean;
      /** Approval only: the pip_user row and the directory's id for the person. */
      account: DirectoryAccount | null;
    }
  | { kind: 'not-found' }
  | { kind: 'not-pending'; application: MediaApplication }
  | { kind: 'directory-failed'; reason: DirectoryFailureReason; message: string };

/** The account made (or, `existed`, found) in the directory, for the audit record: which directory, which id. */
export interface DirectoryAccount {
  userId: string;
  objectId: string;
  directory: string;
  existed: boolean;
}

export type CreateAccountResult =
  | ({ kind: 'created'; email: EmailOutcome } & DirectoryAccount)
  | { kind: 'directory-failed'; reason: DirectoryFailureReason; message: string };

export interface MediaAccounts {
  /**
   * A verified media account without an application (bulk creation by a system admin): the directory, the user
   * row, the welcome email, as an approval makes them.
   */
  createAccount(
    person: { email: string; givenName: string; familyName: string },
    now: Date,
    links: { signIn: string },
  ): Promise<CreateAccountResult>;
  submit(applicant: Applicant, file: ProofOfIdFile, now: Date): Promise<SubmitResult>;
  listPending(): Promise<MediaApplication[]>;
  find(applicationId: string): Promise<MediaApplication | null>;
  /** The proof of ID's bytes; null once deleted. */
  readProofOfId(application: MediaApplication): Promise<Buffer | null>;
  approve(applicationId: string, admin: Admin, now: Date, links: { signIn: string }): Promise<DecisionResult>;
  reject(
    applicationId: string,
    reasons: readonly RejectionReason[],
    admin: Admin,
    now: Date,
    links: { apply: string },
  ): Promise<DecisionResult>;
}

async function emailOutcome(send: () => Promise<MediaEmailResult>): Promise<EmailOutcome> {
  try {
    const result = await send();
    if (result.kind === 'sent') return result;
    return {
      kind: 'rejected',
      status: result.status,
      detail: result.errors.map((e) => `${e.error}: ${e.message}`).join('; '),
    };
  } catch (error) {
    if (error instanceof NotifyUnavailableError)
      return { kind: 'unavailable', code: error.code, detail: error.message };
    throw error;
  }
}

export function createMediaAccounts(deps: MediaAccountsDependencies): MediaAccounts {
  const perHour = deps.applicationsPerHour ?? DEFAULT_APPLICATIONS_PER_HOUR;

  /** Deletes the decided application's proof of ID; a failure leaves image_deleted_at empty for a later run. */
  const deleteProofOfId = async (application: MediaApplication, now: Date): Promise<boolean> => {
    try {
      await deps.proofOfId.getBlobClient(application.imageBlobName).delete();
    } catch (error) {
      if (!isBlobNotFound(error)) return false;
    }
    await markProofOfIdDeleted(deps.database, application.applicationId, now);
    return true;
  };

  type DirectoryFailure = Extract<DecisionResult, { kind: 'directory-failed' }>;

  /**
   * The verified account in the directory first (nothing else changes if that fails), then the person's pip_user
   * row: as bulk creation and an approval both make it.
   */
  const createVerifiedAccount = async (
    account: NewMediaAccount,
    now: Date,
  ): Promise<DirectoryFailure | ({ kind: 'created' } & DirectoryAccount)> => {
    const created = await deps.directory.createMediaAccount(account);
    if (!created.ok) return { kind: 'directory-failed', reason: created.reason, message: created.message };
    const user = await recordVerifiedMediaUser(
      deps.database,
      {
        provenanceUserId: created.objectId,
        email: account.email,
        forenames: account.givenName,
        surname: account.familyName,
      },
      now,
    );
    return {
      kind: 'created',
      userId: user.userId,
      objectId: created.objectId,
      directory: deps.directory.name,
      existed: created.existed === true,
    };
  };

  /**
   * Records the decision (only from PENDING), emails the applicant and deletes the proof of ID: approval and
   * rejection alike.
   */
  const decide = async (
    applicationId: string,
    decision: Decision,
    sendEmail: (decided: MediaApplication) => Promise<MediaEmailResult>,
    account: DirectoryAccount | null,
  ): Promise<DecisionResult> => {
    const decided = await decideMediaApplication(deps.database, applicationId, decision);
    if (decided === null) {
      const current = await findMediaApplication(deps.database, applicationId);
      return current === null ? { kind: 'not-found' } : { kind: 'not-pending', application: current };
    }
    const email = await emailOutcome(() => sendEmail(decided));
    const proofOfIdDeleted = await deleteProofOfId(decided, decision.decidedAt);
    return {
      kind: 'decided',
      application: (await findMediaApplication(deps.database, applicationId)) ?? decided,
      email,
      proofOfIdDeleted,
      account,
    };
  };

  return {
    async createAccount(person, now, links) {
      const account = await createVerifiedAccount(
        { ...person, displayName: `${person.givenName} ${person.familyName}` },
        now,
      );
      if (account.kind !== 'created') return account;
      const email = await emailOutcome(() =>
        deps.mailer.sendWelcome(
          person.email,
          { full_name: `${person.givenName} ${person.familyName}`, sign_in_link: links.signIn },
          `media-welcome-${account.userId}`,
        ),
      );
      return { ...account, email };
    },

    async submit(applicant, file, now) {
      if (await hasPendingApplication(deps.database, applicant.email)) return { ok: false, reason: 'DUPLICATE' };
      if ((await countApplicationsSince(deps.database, new Date(now.getTime() - 3_600_000))) >= perHour) {
        return { ok: false, reason: 'TOO_MANY_APPLICATIONS' };
      }
      const applicationId = randomUUID();
      const blob = deps.proofOfId.getBlockBlobClient(applicationId);
      // The blob's name is ours (the id), never the sender's file name; its type is what the bytes proved.
      await blob.uploadData(file.bytes, {
        blobHTTPHeaders: { blobContentType: file.contentType },
        metadata: { applicationid: applicationId },
      });
      const inserted = await insertMediaApplication(deps.database, {
        applicationId,
        ...applicant,
        imageBlobName: applicationId,
        imageContentType: file.contentType,
        imageSize: file.bytes.length,
        imageFileName: file.fileName,
        createdAt: now,
      });
      if (!inserted.ok) {
        // Another form for the same email got in first: nothing of this one is kept.
        await blob.deleteIfExists();
        return { ok: false, reason: 'DUPLICATE' };
      }
      return inserted;
    },

    listPending: () => listPendingApplications(deps.database),

    find: (applicationId) => findMediaApplication(deps.database, applicationId),

    async readProofOfId(application) {
      if (application.imageDeletedAt !== null) return null;
      return downloadIfPresent(deps.proofOfId.getBlobClient(application.imageBlobName));
    },

    async approve(applicationId, admin, now, links) {
      const application = await findMediaApplication(deps.database, applicationId);
      if (application === null) return { kind: 'not-found' };
      if (application.status !== 'PENDING') return { kind: 'not-pending', application };
      const names = splitFullName(application.fullName);
      const account = await createVerifiedAccount(
        { email: application.email, ...names, displayName: application.fullName.trim() },
        now,
      );
      if (account.kind !== 'created') return account;
      return decide(
        applicationId,
        { status: 'APPROVED', reasons: [], decidedAt: now, decidedBy: admin, userId: account.userId },
        (decided) =>
          deps.mailer.sendWelcome(
            decided.email,
            { full_name: decided.fullName, sign_in_link: links.signIn },
            `media-welcome-${decided.applicationId}`,
          ),
        {
          userId: account.userId,
          objectId: account.objectId,
          directory: account.directory,
          existed: account.existed,
        },
      );
    },

    reject: (applicationId, reasons, admin, now, links) =>
      decide(
        applicationId,
        { status: 'REJECTED', reasons, decidedAt: now, decidedBy: admin, userId: null },
        (decided) =>
          deps.mailer.sendRejection(
            decided.email,
            {
              full_name: decided.fullName,
              reasons: reasons.map((reason) => rejectionReasonEmailText[reason]),
              apply_link: links.apply,
            },
            `media-rejection-${decided.applicationId}`,
          ),
        null,
      ),
  };
}
