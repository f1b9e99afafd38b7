/** Who may read a publication: the shared access rule (shared/publications/access), for an anonymous reader (null) or the signed-in person's principal. */
import { canReadPublication } from '../../../shared/publications/access/can-read-publication.js';
import type { CanReadPublication } from '../web-dependencies.js';

export const sharedReadAccess: CanReadPublication = (principal, publication, now) =>
  canReadPublication(principal, publication, now).allowed;
