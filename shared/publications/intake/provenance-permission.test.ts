import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { publishersMayUse } from '../../../test-support/publisher-provenances.js';
import { provenancePermission } from './provenance-permission.js';

const publisher = (userId: string, provenance: Principal['provenance'] = 'SYSTEM'): Principal => ({
  userId,
  provenance,
  roles: ['PUBLISHER'],
  email: null,
  name: null,
});
const courtStaff: Principal = {
  userId: 'u1',
  provenance: 'PI_AAD',
  roles: ['INTERNAL_ADMIN_LOCAL'],
  email: null,
  name: null,
};
const map = publishersMayUse({ 'snl-client': ['SNL'], local: ['*'] });

describe('provenancePermission', () => {
  it('lets a publisher client use its own sources, ignoring case, and no other', () => {
    expect(provenancePermission(map, publisher('snl-client'), 'snl')).toEqual({ allowed: true });
    expect(provenancePermission(map, publisher('snl-client'), 'LIST_ASSIST')).toMatchObject({
      allowed: false,
      reason: 'NOT_A_SOURCE_OF_THIS_CLIENT',
    });
    expect(provenancePermission(map, publisher('unknown-client'), 'SNL')).toMatchObject({ allowed: false });
  });

  it('reads the client id only from an Azure AD app-only token (provenance SYSTEM)', () => {
    expect(provenancePermission(map, publisher('snl-client', 'PI_AAD'), 'SNL')).toMatchObject({ allowed: false });
  });

  it('keeps MANUAL_UPLOAD for court staff, who may use nothing else, even against *', () => {
    expect(provenancePermission(map, publisher('local'), 'ANY_SOURCE')).toEqual({ allowed: true });
    expect(provenancePermission(map, publisher('local'), 'manual_upload')).toMatchObject({
      reason: 'MANUAL_UPLOAD_RESERVED',
    });
    expect(provenancePermission(map, courtStaff, 'MANUAL_UPLOAD')).toEqual({ allowed: true });
    expect(provenancePermission(map, courtStaff, 'SNL')).toMatchObject({
      reason: 'COURT_STAFF_UPLOAD_AS_MANUAL_UPLOAD',
    });
  });
});
