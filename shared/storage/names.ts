/**
 * Blob containers and queues the service uses. Bicep (bicep/main.bicep) declares the same names;
 * names must be 3-63 lowercase characters.
 */
export const containers = {
  /** Publications as received (byte for byte) with their metadata; the blob-uploaded trigger watches it. */
  publications: 'publications',
  /** Court reference CSV files dropped by FTP/SFTP; the court-ref-import trigger watches it. */
  referenceData: 'reference-data',
  /** The court event glossary JSON. */
  glossary: 'glossary',
  /** Court staff's manual uploads between the form and Confirm (shared/publications/intake/upload-drafts.ts). */
  uploadDrafts: 'upload-drafts',
  /**
   * Proof of ID sent with media account applications, one blob per application named by its id; private (no public
   * access), read only by the admin review pages, deleted once the application is decided.
   */
  mediaApplications: 'media-applications',
  /** Backups of the registered media subscribers, a CSV per backup (shared/housekeeping/media-subscriber-backup.ts); private. */
  mediaSubscriberBackups: 'media-subscriber-backups',
  /**
   * What is pushed to third parties: one blob per version of a list (`{artefactId}/{version}`), kept until every
   * push of it is settled (shared/third-parties/push-delivery.ts).
   */
  thirdPartyPushes: 'third-party-pushes',
} as const;

export const queues = {
  /** Subscription notifications fanned out by the daily-subscriptions timer, one message per subscriber. */
  subscriptionNotifications: 'subscription-notifications',
  /** One message per stored JSON list version ({ artefactId, blobName }), from blob-uploaded to publication-renditions. */
  publicationRenditions: 'publication-renditions',
  /** One message `{ pushId }` per (third party, version of a list) to push; failures end on `-poison`. */
  thirdPartyPushes: 'third-party-pushes',
} as const;
