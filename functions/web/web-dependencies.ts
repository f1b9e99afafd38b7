/**
 * What the web function needs from the outside world, as narrow ports: tests pass fakes or real ones built for the
 * test; index.ts binds PostgreSQL, Blob Storage, the glossary store and the list renderings.
 */
import type { AuditEvent } from '../../shared/audit/audit-log.js';
import type { AuditEntry, AuditFilter, AuditPage } from '../../shared/audit/audit-query.js';
import type { OidcSignIn } from '../../shared/auth/oidc-sign-in.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { SessionStore } from '../../shared/auth/session-store.js';
import type { GlossaryStore } from '../../shared/glossary/glossary.js';
import type { MediaAccounts } from '../../shared/media-accounts/media-accounts.js';
import type { PublicationAccessFacts } from '../../shared/publications/access/can-read-publication.js';
import type { EventLogger } from '../../shared/logging/log-event.js';
import type { Publication } from '../../shared/publications/publication.js';
import type { PublicationPage, PublicationsOf } from '../../shared/publications/store/publication-records.js';
import type { RemovalChannel } from '../../shared/publications/remove-publication.js';
import type {
  AcceptedPublication,
  StoredOutcome,
} from '../../shared/publications/intake/store-accepted-publication.js';
import type { UploadDraftStore } from '../../shared/publications/intake/upload-drafts.js';
import type { Subscription } from '../../shared/subscriptions/subscription.js';
import type { RequestedSubscription } from '../../shared/subscriptions/own-subscriptions.js';
import type { CaseSearchType, SearchTermHit } from '../../shared/publications/store/search-term-lookup.js';
import type { UnsubscribeLink, UnsubscribeOutcome } from '../../shared/subscriptions/unsubscribe.js';
import type { ScreenRefreshChange } from '../../shared/court-screens/screen-settings.js';
import type { LiveCaseStatus } from '../../shared/publications/catalogue/live-case-status.js';
import type { Location, LocationDeletion } from '../../shared/reference-data/location-queries.js';
import type { CourtExport } from '../../shared/reference-data/court-export.js';
import type { CourtImportResult } from '../../shared/reference-data/court-import.js';
import type { RoleChange, UserDeletion } from '../../shared/users/user-admin.js';
import type { UserRecord } from '../../shared/users/user-store.js';
import type { ListRenderInput } from './lists/render-list.js';
import type { ListRenditions } from '../../shared/publications/renditions/list-renditions.js';
import type { ConnectionTest } from '../../shared/third-parties/push-client.js';
import type { ThirdParty, ThirdPartyInput } from '../../shared/third-parties/third-party.js';
import type { ThirdPartyWrite } from '../../shared/third-parties/third-party-store.js';

export interface CourtDirectory {
  all(): Promise<Location[]>;
  find(locationId: number): Promise<Location | null>;
}

export interface PublicationStore {
  /** Live (not archived) publications of a court whose display window contains `now`. */
  onDisplay(locationId: string, now: Date): Promise<Publication[]>;
  /** A live publication by id, whatever its window (the access rule decides). */
  find(artefactId: string): Promise<Publication | null>;
  /** The stored payload of a publication; null when its blob is gone. Other storage failures throw. */
  readPayload(publication: Publication): Promise<Buffer | null>;
  /** Admin pages: every live publication at a court, whatever its window, live case status updates included. */
  allLiveAt(locationId: string): Promise<Publication[]>;
  /**
   * The publications explorer: a page of a court's live publications (as `allLiveAt` lists them) or of those stored
   * against courts the reference data does not know (NoMatch<id>), with how many there are in all.
   */
  livePage(listing: PublicationsOf, page: { offset: number; limit: number }): Promise<PublicationPage>;
  /**
   * Removes a publication as DELETE api/publication does (shared/publications/remove-publication.ts): the row and its
   * audit record, then its blobs. Answers what was removed; null when there was nothing to remove.
   */
  remove(artefactId: string, actor: Principal, logger: EventLogger, via: RemovalChannel): Promise<Publication | null>;
}

/** The reader's right to a publication: the signed-in person's principal, or null for an anonymous reader. */
export type CanReadPublication = (
  principal: Principal | null,
  publication: PublicationAccessFacts,
  now: Date,
) => boolean;

/** The list renderings (functions/web/lists/render-list.ts): a content-only fragment and its context. */
export type ListPageView = (input: ListRenderInput) => { template: string; context: Record<string, unknown> };

/** People signing in (shared/auth): the OpenID Connect relying party, the server-side sessions, the sealing key. */
export interface WebSignIn {
  oidc: Pick<OidcSignIn, 'startSignIn' | 'completeSignIn' | 'signOut'>;
  sessions: Pick<SessionStore, 'create' | 'read' | 'destroy'>;
  /** SESSION_SECRET: seals the pending sign-in into its cookie. */
  pendingSecret: string;
  /** The identity providers' origins (CSP form-action: sign-in and sign-out forms end in a redirect to them). */
  formActionOrigins: readonly string[];
  /**
   * PUBLIC_SITE_URL: the origin sign-in's redirect_uri and sign-out's return are built from (issue 18), never the
   * request's Host header. Tests without it use the request's origin (their host's own address).
   */
  publicSiteUrl?: string;
}

/** The audit log as system admins read it at /system-admin/audit (shared/audit/audit-query.ts). */
export interface AuditLogReader {
  /** Newest first, keyset paged: entries older than `afterAuditId`. */
  page(filter: AuditFilter, page: { limit: number; afterAuditId: string | null }): Promise<AuditPage>;
  find(auditId: string): Promise<AuditEntry | null>;
}

/** Court staff's manual upload (pages/manual-upload): its draft between the form and Confirm, and intake's last step. */
export interface ManualUploadPorts {
  drafts: UploadDraftStore;
  /**
   * The court id court staff's uploads are sent with for one of our courts: its MANUAL_UPLOAD reference
   * (shared/reference-data/provenance-lookup.ts provenanceCourtIdFor), which blob-uploaded maps back to the court;
   * null when the court's reference data has none (the list would be published as NoMatch).
   */
  courtIdFor(locationId: number): Promise<string | null>;
  /** shared/publications/intake/store-accepted-publication.ts over the publications container and the database. */
  store(
    accepted: AcceptedPublication,
    logger: EventLogger,
    auditDetails: Record<string, unknown>,
  ): Promise<StoredOutcome>;
}

/** A signed-in subscriber's own subscriptions (shared/subscriptions/own-subscriptions.ts; removals audited there). */
export interface SubscriptionBook {
  /** Newest first. */
  list(principal: Principal): Promise<Subscription[]>;
  /** The removed subscription, or null when it is not the principal's. */
  remove(principal: Principal, subscriptionId: string): Promise<Subscription | null>;
  /** shared/subscriptions/own-subscriptions.ts requestSubscription: the API's checks, then made (or the one held). */
  /** `language`: the page's, in which the subscriber's digests are then written. */
  add(principal: Principal, answers: unknown, language: 'en' | 'cy'): Promise<RequestedSubscription>;
  /** The search terms of the lists on display containing `query` (shared/publications/store/search-term-lookup.ts). */
  searchTerms(searchType: CaseSearchType, query: string, now: Date): Promise<SearchTermHit[]>;
}

/** A court's in-court screen (/screen/{token}): its court, refresh period and live case status now. */
export interface CourtScreen {
  locationId: number;
  refreshSeconds: number;
  /**
   * The court's latest PUBLIC live case status, when it was received, and the case numbers under reporting
   * restrictions as of it (shared/court-screens/reporting-restrictions.ts); null when there is none now.
   */
  status: { receivedAt: Date; update: LiveCaseStatus; restrictedCaseNumbers: string[] } | null;
}

/** Court screens: what a signed screen link shows, and each court's refresh period (system admins change it). */
export interface CourtScreens {
  /** The screen a token names; null for anything but a screen link signed by a held key, of a court we hold. */
  find(token: string, now: Date, logger: EventLogger): Promise<CourtScreen | null>;
  /** A court's period and its screen page path (`/screen/{token}`, signed with the signing key); null: no court. */
  settings(locationId: number): Promise<{ refreshSeconds: number; screenPath: string } | null>;
  /** Sets a court's period (validated by the caller: 15..600 seconds); the page audits it. */
  setRefreshSeconds(locationId: number, refreshSeconds: number, actor: Principal): Promise<ScreenRefreshChange>;
}

/**
 * Court reference data as system admins manage it at /system-admin/reference-data (shared/reference-data): the same
 * import as the blob trigger and the API (audited and logged the same way), the export, and the court deletion of
 * DELETE /api/locations/{id} with its refusal rules (audited).
 */
export interface ReferenceDataAdmin {
  /** Every stored court, read now (not the directory's cache: the page shows what an import or deletion left). */
  courts(): Promise<Location[]>;
  importFile(
    actor: Principal,
    file: { name: string; bytes: Uint8Array },
    logger: EventLogger,
  ): Promise<CourtImportResult>;
  exportFile(): Promise<CourtExport>;
  deleteCourt(actor: Principal, locationId: number): Promise<LocationDeletion>;
}

/** People's accounts as system admins manage them at /system-admin/users (shared/users/user-admin.ts: the rules). */
export interface UserAdmin {
  findByEmail(email: string): Promise<UserRecord[]>;
  find(userId: string): Promise<UserRecord | null>;
  changeRole(actor: Principal, userId: string, role: string): Promise<RoleChange>;
  deleteUser(actor: Principal, userId: string): Promise<UserDeletion>;
}

/** The one-click unsubscribe link of digest emails (shared/subscriptions/unsubscribe.ts), bound to the link keys. */
export interface UnsubscribeLinks {
  inspect(token: string): Promise<UnsubscribeLink>;
  unsubscribe(token: string): Promise<UnsubscribeOutcome>;
}

/** Third parties as system admins register them at /system-admin/third-parties (shared/third-parties). */
export interface ThirdPartyAdmin {
  list(): Promise<ThirdParty[]>;
  find(thirdPartyId: string): Promise<ThirdParty | null>;
  /** Registers (id null) or changes one, audited with the change. */
  save(actor: Principal, thirdPartyId: string | null, input: ThirdPartyInput): Promise<ThirdPartyWrite>;
  /** A token from their token server, then their health endpoint; audited. */
  testConnection(actor: Principal, thirdParty: ThirdParty): Promise<ConnectionTest>;
  /** How many pushes are parked (failed on every attempt), per third party id; absent, the column is not shown. */
  parkedPushCounts?(): Promise<Map<string, number>>;
}

export interface WebDependencies {
  courts: CourtDirectory;
  publications: PublicationStore;
  glossary: GlossaryStore;
  canRead: CanReadPublication;
  listPageView: ListPageView;
  signIn: WebSignIn;
  /** The audit log (shared/audit): reads of restricted lists are recorded. */
  audit(event: AuditEvent): Promise<void>;
  auditLog: AuditLogReader;
  manualUpload: ManualUploadPorts;
  subscriptions: SubscriptionBook;
  /** Media account applications and their review (shared/media-accounts). */
  mediaAccounts: MediaAccounts;
  courtScreens: CourtScreens;
  referenceData: ReferenceDataAdmin;
  users: UserAdmin;
  thirdParties: ThirdPartyAdmin;
  now(): Date;
  /** A list's PDF and workbook and its "changes since" (issue 13); absent, the list page offers neither. */
  renditions?: ListRenditions;
  /** /unsubscribe/{token}; absent (tests of other pages), that page is not found. */
  unsubscribeLinks?: UnsubscribeLinks;
}
