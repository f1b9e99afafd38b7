/**
 * The log-event catalogue: every code the service logs, once, with its level and what it means. Operators search
 * Application Insights by these codes (docs/operations.md); `logEvent` accepts no code that is not here.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

interface LogEventDefinition {
  level: LogLevel;
  meaning: string;
}

export const logEvents = {
  // Publications: intake (ingest-publication) and storing (blob-uploaded).
  PUBLICATION_ACCEPTED: { level: 'info', meaning: 'A publication was received and stored; its blob trigger follows.' },
  PUBLICATION_ALREADY_STORED: {
    level: 'info',
    meaning: 'A publication sent again under its idempotency key (a manual upload confirmed twice) was stored already.',
  },
  PUBLICATION_STORE_FAILED: { level: 'error', meaning: 'A received publication could not be written to storage.' },
  PUBLICATION_SUBMISSION_WITHDRAWN: {
    level: 'warn',
    meaning:
      'A blob write failed after its submission was recorded: the submission was withdrawn (the publisher is told 503).',
  },
  PUBLICATION_SUBMISSION_CONFLICT: {
    level: 'error',
    meaning:
      'The blob trigger refused a blob whose submission is not pending (never recorded or withdrawn: the publisher was told it failed; or rejected): nothing published, the blob left for an operator.',
  },
  API_DEPENDENCY_UNAVAILABLE: {
    level: 'warn',
    meaning: 'An API request met its database or storage away for a moment; answered 503 with Retry-After.',
  },
  PUBLICATION_VALIDATED: {
    level: 'info',
    meaning: 'A publication was validated (POST /api/publication/validate); nothing stored.',
  },
  PUBLICATION_VALIDATION_REFUSED: {
    level: 'info',
    meaning: 'A publication sent to be validated was refused as publishing it would be; nothing stored.',
  },
  PUBLICATION_PROVENANCE_REFUSED: {
    level: 'warn',
    meaning: 'A caller sent x-provenance of a source it may not publish as (PUBLISHER_PROVENANCES); nothing stored.',
  },
  PUBLICATION_CREATED: { level: 'info', meaning: 'A publication was stored and is live (nothing superseded).' },
  PUBLICATION_SUPERSEDED: { level: 'info', meaning: 'A publication was stored and replaced earlier versions.' },
  PUBLICATION_REDELIVERED: { level: 'info', meaning: 'The blob trigger ran again for a publication already stored.' },
  PUBLICATION_STALE: { level: 'info', meaning: 'A publication older than the stored version was not published.' },
  PUBLICATION_ORIGINAL_SKIPPED: {
    level: 'debug',
    meaning: 'The blob trigger passed over a kept Excel workbook (its converted JSON is the publication).',
  },
  PUBLICATION_BLOB_GONE: { level: 'info', meaning: 'A triggering blob was already superseded or deleted.' },
  PUBLICATION_BLOB_UNREADABLE: {
    level: 'error',
    meaning: "A blob's metadata is unreadable; its submission is rejected.",
  },
  PUBLICATION_BLOB_SIZE_MISMATCH: {
    level: 'error',
    meaning: 'A stored payload differs in size from the one received.',
  },
  PUBLICATION_BLOB_NOT_JSON: { level: 'error', meaning: 'A stored JSON payload no longer parses; rejected.' },
  PUBLICATION_BLOB_CONTENT_TYPE_REFUSED: {
    level: 'error',
    meaning: "A stored flat file's content type is not one of the flat-file types; rejected.",
  },
  PUBLICATION_RETRY: { level: 'warn', meaning: 'Storing a publication failed transiently; the trigger retries.' },
  PUBLICATION_REJECTED_ON_ERROR: { level: 'error', meaning: 'Storing a publication failed for good; rejected.' },
  PUBLICATION_OLD_BLOB_DELETE_FAILED: { level: 'error', meaning: "A superseded version's blob could not be deleted." },
  // Publications: reading and deleting (publications, live-case-feed, the list page).
  PUBLICATION_READ_DENIED: { level: 'info', meaning: 'A reader asked for a publication they may not read.' },
  PUBLICATION_BLOB_MISSING: { level: 'error', meaning: "A live publication's blob is missing from storage." },
  PUBLICATION_DELETED: { level: 'info', meaning: 'An administrator deleted a publication.' },
  PUBLICATION_BLOB_DELETE_FAILED: { level: 'error', meaning: "A deleted publication's blob could not be deleted." },
  LIVE_CASE_STATUS_BLOB_MISSING: { level: 'error', meaning: "A live case status publication's blob is missing." },
  SCREEN_LINK_ISSUED: { level: 'info', meaning: "An administrator was given a court's signed screen link." },
  LIVE_CASE_STATUS_UNREADABLE: { level: 'error', meaning: 'A live case status payload failed validation on reading.' },
  SCREEN_REFRESH_CHANGED: { level: 'info', meaning: "A system admin changed a court's screen refresh period." },
  LIST_PAYLOAD_MISSING: { level: 'error', meaning: "A list page's publication payload is missing from storage." },
  PUBLICATIONS_ARCHIVED: { level: 'info', meaning: 'The archive timer archived publications whose display ended.' },
  ARCHIVED_PUBLICATION_BLOB_DELETE_FAILED: { level: 'error', meaning: "An archived publication's blob remains." },
  // Courts and the glossary.
  LOCATION_DELETED: { level: 'info', meaning: 'An administrator deleted a court.' },
  LOCATION_DELETE_REFUSED: {
    level: 'warn',
    meaning: 'A court was not deleted: it has live publications or subscribers.',
  },
  LOCATION_DELETE_DENIED: {
    level: 'warn',
    meaning: 'A caller without the administrator role tried to delete a court.',
  },
  COURT_REF_IMPORT_SUCCEEDED: { level: 'info', meaning: 'A court reference data file was imported.' },
  COURT_REF_IMPORT_REJECTED: { level: 'warn', meaning: 'A court reference data file was refused; nothing changed.' },
  COURT_REF_IMPORT_UNAUTHENTICATED: { level: 'warn', meaning: 'A reference data upload had no valid token.' },
  COURT_REF_IMPORT_DENIED: { level: 'warn', meaning: 'A reference data upload came from a caller without the role.' },
  REFERENCE_DATA_EXPORTED: { level: 'info', meaning: 'A system admin downloaded the court reference data.' },
  USER_ROLE_CHANGED: { level: 'info', meaning: "A system admin changed a person's role; their sessions ended." },
  USER_ROLE_CHANGE_REFUSED: {
    level: 'warn',
    meaning: 'A role change was refused (a 5th system admin, the last one, a role not granted here, no such user).',
  },
  USER_DELETED: { level: 'info', meaning: "A system admin deleted a person's account, sessions and subscriptions." },
  USER_DELETE_REFUSED: {
    level: 'warn',
    meaning: 'A user deletion was refused (the last system admin, no such user, the directory failed).',
  },
  USER_DIRECTORY_DELETE_FAILED: {
    level: 'error',
    meaning: "A system admin's user deletion failed at the account directory (Azure B2C); nothing was deleted.",
  },
  GLOSSARY_UNAVAILABLE: { level: 'error', meaning: 'No valid court event glossary could be read.' },
  GLOSSARY_FILE_REJECTED: { level: 'error', meaning: 'The newest glossary file is invalid; the previous one is kept.' },
  // Subscriptions.
  SUBSCRIPTION_RUN_COMPLETED: { level: 'info', meaning: 'The daily subscriptions run queued its digests.' },
  SUBSCRIPTION_RUN_SKIPPED: {
    level: 'info',
    meaning: 'The daily subscriptions timer fired outside 06:00 UK time (the other UTC occurrence); it did nothing.',
  },
  SUBSCRIPTION_DIGEST_SENT: { level: 'info', meaning: 'A digest email was accepted by Notify.' },
  SUBSCRIPTION_DIGEST_REJECTED: { level: 'warn', meaning: 'Notify refused a digest for good; recorded as FAILED.' },
  SUBSCRIPTION_DIGEST_NOTIFY_KEY_REFUSED: {
    level: 'error',
    meaning:
      'Notify refused our API key (401/403) for a digest; recorded as FAILED (NOTIFY_AUTH_REJECTED), not retried: fix NOTIFY_API_KEY, then reset those digests.',
  },
  SUBSCRIPTION_DIGEST_ALREADY_HANDLED: { level: 'info', meaning: 'A digest message arrived again after it was sent.' },
  SUBSCRIPTION_DIGEST_NOTHING_TO_SEND: { level: 'info', meaning: "A digest's publications are all gone; none sent." },
  SUBSCRIPTION_DIGEST_NOT_FOUND: { level: 'error', meaning: 'A digest message names no digest record.' },
  SUBSCRIPTION_DIGEST_MESSAGE_INVALID: { level: 'error', meaning: 'A digest queue message is not a digest id.' },
  SUBSCRIPTION_CREATED: { level: 'info', meaning: 'A subscriber created a subscription (audited).' },
  SUBSCRIPTION_ALREADY_HELD: {
    level: 'info',
    meaning: 'A subscriber asked again for a subscription they hold; the one they hold was answered.',
  },
  SUBSCRIPTION_DELETED: { level: 'info', meaning: 'A subscriber deleted one of their subscriptions (audited).' },
  SUBSCRIPTION_DELETE_NOT_FOUND: {
    level: 'warn',
    meaning: 'A subscriber tried to delete a subscription that is not theirs or does not exist (audited).',
  },
  SUBSCRIPTION_DENIED: {
    level: 'warn',
    meaning: 'A caller who may not subscribe (no verified or third-party role) was refused (403, audited).',
  },
  // Audit.
  AUDIT_EXPORTED: { level: 'info', meaning: 'An administrator read the audit log.' },
  AUDIT_EXPORT_DENIED: { level: 'warn', meaning: 'A caller without the role tried to read the audit log.' },
  AUDIT_RETENTION_COMPLETED: { level: 'info', meaning: 'The retention timer deleted audit rows past their time.' },
  // Housekeeping timers (functions/housekeeping; each run also in the housekeeping_run table).
  HOUSEKEEPING_RUN_COMPLETED: { level: 'info', meaning: 'A housekeeping run ended (DONE or NOTHING_TO_DO).' },
  HOUSEKEEPING_RUN_FAILED: { level: 'error', meaning: 'A housekeeping run failed; recorded as FAILED.' },
  SESSIONS_PURGED: {
    level: 'info',
    meaning: 'The session purge timer deleted sessions past their idle or absolute limit.',
  },
  // Sign-in (shared/auth/oidc-sign-in.ts) and the web pages.
  SIGN_IN_STARTED: { level: 'info', meaning: 'A person was sent to an identity provider to sign in.' },
  SIGN_IN_SUCCEEDED: { level: 'info', meaning: 'A person signed in.' },
  SIGN_IN_FAILED: { level: 'warn', meaning: 'A sign-in failed (refused, expired, or the provider erred).' },
  SIGN_OUT: { level: 'info', meaning: 'A person signed out.' },
  OIDC_DISCOVERY_FAILED: { level: 'error', meaning: "An identity provider's discovery document could not be read." },
  WEB_SIGN_IN_PROVIDER_UNAVAILABLE: { level: 'warn', meaning: 'The sign-in page could not reach the provider.' },
  WEB_PAGE_FAILED: { level: 'error', meaning: 'A page threw; the reader saw the 500 page.' },
  WEB_ERROR_PAGE_RENDER_FAILED: { level: 'error', meaning: 'The 500 page itself failed to render.' },
  WEB_CROSS_SITE_FORM_REFUSED: { level: 'warn', meaning: 'A form posted from another site was refused.' },
  WEB_CSRF_TOKEN_REFUSED: { level: 'warn', meaning: 'A form without a valid CSRF token was refused.' },
  WEB_SESSION_EXPIRED: { level: 'info', meaning: 'A request carried an expired or unknown session cookie.' },
  WEB_ADMIN_PAGE_REFUSED: { level: 'warn', meaning: 'A signed-in person without the role opened an admin page.' },
  WEB_MANUAL_UPLOAD_REFUSED: {
    level: 'info',
    meaning: 'Court staff were shown the manual upload form again with errors (which fields); nothing was stored.',
  },
  // Media accounts (shared/media-accounts, the /create-media-account form and /admin/media-applications).
  MEDIA_APPLICATION_INVALID: { level: 'info', meaning: 'A media account form had problems; shown to the sender.' },
  MEDIA_APPLICATION_REFUSED: { level: 'warn', meaning: 'A media account application was refused (duplicate, limit).' },
  MEDIA_APPLICATION_SUBMITTED: { level: 'info', meaning: 'A media account application was stored, PENDING.' },
  MEDIA_APPLICATION_APPROVED: { level: 'info', meaning: 'An admin approved a media application; account made.' },
  MEDIA_APPLICATION_REJECTED: { level: 'info', meaning: 'An admin rejected a media application with reasons.' },
  MEDIA_ACCOUNT_DIRECTORY_FAILED: { level: 'error', meaning: 'The directory could not make an approved account.' },
  MEDIA_ACCOUNT_EMAIL_FAILED: { level: 'warn', meaning: 'Notify did not send a media account email.' },
  MEDIA_PROOF_OF_ID_DELETE_FAILED: { level: 'warn', meaning: "A decided application's proof of ID is not deleted." },
  MEDIA_LIFECYCLE_COMPLETED: { level: 'info', meaning: 'The media account lifecycle timer ran; counts of each step.' },
  MEDIA_LIFECYCLE_STEP_FAILED: { level: 'warn', meaning: "One person's lifecycle email or directory deletion failed." },
  // Renditions (functions/publication-renditions) and the digest's attachments (issue 13).
  RENDITION_QUEUED: { level: 'debug', meaning: 'A stored JSON list version was queued for its renditions.' },
  RENDITION_QUEUE_FAILED: { level: 'error', meaning: 'A stored list could not be queued for renditions (no PDF).' },
  RENDITION_CREATED: { level: 'info', meaning: "A list version's PDF (and workbook) were made and stored." },
  RENDITION_ALREADY_DONE: { level: 'info', meaning: 'A rendition message arrived again for a version already done.' },
  RENDITION_NOT_NEEDED: {
    level: 'info',
    meaning: 'A rendition message named a version no longer live, or a publication with no rendering; nothing done.',
  },
  RENDITION_MESSAGE_INVALID: { level: 'error', meaning: 'A rendition message was not { artefactId, blobName }.' },
  RENDITION_DOWNLOAD: { level: 'info', meaning: "A signed-in reader downloaded a list's PDF or workbook (audited)." },
  RENDITION_FAILED: { level: 'warn', meaning: 'Making a rendition failed; the message retries, then -poison.' },
  // The digest's sender (issue 13): retries, and the unsubscribe link.
  SUBSCRIPTION_DIGEST_RETRY_SCHEDULED: {
    level: 'warn',
    meaning: 'Notify answered 429/5xx or did not answer; the digest is queued again after a backoff.',
  },
  SUBSCRIPTION_DIGEST_GAVE_UP: {
    level: 'error',
    meaning: 'A digest failed DIGEST_MAX_ATTEMPTS times at Notify; recorded as FAILED (audited).',
  },
  SUBSCRIPTION_DIGEST_FOUND_AT_NOTIFY: {
    level: 'info',
    meaning: 'A digest whose send outcome was unknown was found at Notify by its reference; recorded, not re-sent.',
  },
  SUBSCRIPTION_UNSUBSCRIBED: { level: 'info', meaning: 'A digest unsubscribe link removed subscriptions (audited).' },
  SUBSCRIPTION_UNSUBSCRIBE_LINK_INVALID: {
    level: 'warn',
    meaning: 'An unsubscribe link was not signed by a held key or names no digest (404).',
  },
  // Third parties (functions/third-parties, shared/third-parties, /system-admin/third-parties).
  THIRD_PARTY_SAVED: { level: 'info', meaning: 'A system admin registered or changed a third party (audited).' },
  THIRD_PARTY_CONNECTION_OK: { level: 'info', meaning: "A third party's token server and health endpoint answered." },
  THIRD_PARTY_CONNECTION_FAILED: { level: 'warn', meaning: "A third party's connection test failed (which stage)." },
  WEB_THIRD_PARTY_FORM_REFUSED: { level: 'info', meaning: 'The third-party form had problems (which fields).' },
  THIRD_PARTY_FEED_READ: { level: 'info', meaning: 'A third party read a page of its feed (audited as a transfer).' },
  THIRD_PARTY_PUSH_PLANNED: { level: 'info', meaning: 'A list was published, updated or removed: pushes queued.' },
  THIRD_PARTY_PUSH_QUEUE_FAILED: {
    level: 'error',
    meaning: 'Pushes were recorded but their messages could not be queued: the sweeper queues them when overdue.',
  },
  THIRD_PARTY_PUSH_REQUEUED: { level: 'warn', meaning: "Pending pushes' messages were overdue (lost): queued again." },
  THIRD_PARTY_PUSH_UNPARKED: { level: 'info', meaning: 'A system admin put a parked (FAILED) push back in line.' },
  THIRD_PARTY_PUSH_DELIVERED: { level: 'info', meaning: "A version of a list reached a third party's endpoint." },
  THIRD_PARTY_PUSH_SKIPPED: { level: 'info', meaning: 'A push was not sent: suspended party, or a stale version.' },
  THIRD_PARTY_PUSH_RETRYING: { level: 'warn', meaning: 'A push failed (receiver or token server); retried later.' },
  THIRD_PARTY_PUSH_FAILED: { level: 'error', meaning: 'A push failed on every attempt; its message is on -poison.' },
  THIRD_PARTY_PUSH_MESSAGE_INVALID: { level: 'error', meaning: 'A push queue message is not { pushId }.' },
  // Issue 19: the identity services as they really are (shared/auth/oidc-sign-in.ts).
  SIGN_IN_PASSWORD_RESET: {
    level: 'info',
    meaning: 'A person chose "Forgot your password?" at B2C (AADB2C90118) and was sent to the password-reset flow.',
  },
  SIGN_IN_CANCELLED: {
    level: 'info',
    meaning: 'A person cancelled a B2C user flow (AADB2C90091) and was sent back to the choice of account.',
  },
  OIDC_USERINFO_FAILED: { level: 'warn', meaning: "An identity provider's UserInfo endpoint could not be read." },
  OIDC_TOKEN_REVOKED: { level: 'info', meaning: "A signed-out person's access token was revoked at their provider." },
  OIDC_TOKEN_REVOCATION_FAILED: {
    level: 'warn',
    meaning: "A signed-out person's access token could not be revoked (best effort: our session ended anyway).",
  },
  // The stranded submission sweep (functions/housekeeping, shared/housekeeping/stranded-submissions.ts): one event per
  // submission found pending past the threshold, by how it ended (docs/operations.md "Stranded submissions").
  STRANDED_SUBMISSION_PUBLISHED: {
    level: 'warn',
    meaning: 'A submission left pending (its blob trigger failed) was published by the sweep from its blob.',
  },
  STRANDED_SUBMISSION_REJECTED: {
    level: 'warn',
    meaning: 'A submission left pending was rejected by the sweep when it ran the publishing code on its blob.',
  },
  STRANDED_SUBMISSION_BLOB_GONE: {
    level: 'error',
    meaning: 'A submission left pending had no payload blob; the sweep rejected it (the publisher must send again).',
  },
  STRANDED_SUBMISSION_STILL_PENDING: {
    level: 'error',
    meaning: 'The sweep could not finish a pending submission (an error, or another writer); the next sweep retries.',
  },
} as const satisfies Record<string, LogEventDefinition>;

export type LogEventCode = keyof typeof logEvents;

/** The level a code is logged at. */
export type LogLevelOf<C extends LogEventCode> = (typeof logEvents)[C]['level'];
