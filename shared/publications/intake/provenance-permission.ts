/**
 * Which source (`x-provenance`) a caller may publish as. Court staff (an admin role) publish only as MANUAL_UPLOAD;
 * a publisher only as a provenance PUBLISHER_PROVENANCES gives its Azure AD client id, so one source cannot publish
 * as another, or replace another source's list in place.
 */
import { adminRoles, hasAnyRole, type Principal } from '../../auth/principal.js';
import { ANY_PROVENANCE, type PublisherProvenances } from '../../config/settings.js';
import { MANUAL_UPLOAD_PROVENANCE } from './publication-headers.js';

export type ProvenancePermission =
  | { allowed: true }
  | {
      allowed: false;
      /** Why, for the audit row and the log: never shown to the caller beyond the message. */
      reason: 'MANUAL_UPLOAD_RESERVED' | 'COURT_STAFF_UPLOAD_AS_MANUAL_UPLOAD' | 'NOT_A_SOURCE_OF_THIS_CLIENT';
      message: string;
    };

export function provenancePermission(
  publishers: PublisherProvenances,
  principal: Principal,
  provenance: string,
): ProvenancePermission {
  const wanted = provenance.trim().toUpperCase();
  const isManualUpload = wanted === MANUAL_UPLOAD_PROVENANCE;
  if (hasAnyRole(principal, adminRoles)) {
    return isManualUpload
      ? { allowed: true }
      : {
          allowed: false,
          reason: 'COURT_STAFF_UPLOAD_AS_MANUAL_UPLOAD',
          message: `Court staff upload with x-provenance ${MANUAL_UPLOAD_PROVENANCE}`,
        };
  }
  if (isManualUpload) {
    return {
      allowed: false,
      reason: 'MANUAL_UPLOAD_RESERVED',
      message: `${MANUAL_UPLOAD_PROVENANCE} is reserved for uploads by court staff`,
    };
  }
  // Client ids are Azure AD's: only an app-only token (provenance SYSTEM) names one.
  const sources = principal.provenance === 'SYSTEM' ? publishers.get(principal.userId) : undefined;
  if (sources !== undefined && (sources.has(wanted) || sources.has(ANY_PROVENANCE))) return { allowed: true };
  return {
    allowed: false,
    reason: 'NOT_A_SOURCE_OF_THIS_CLIENT',
    message: `This publisher may not publish as ${wanted}`,
  };
}
