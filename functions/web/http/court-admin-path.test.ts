/** Court staff pages' public folder, and the host's, as Front Door's rewrite in bicep/edge-routes.json joins them. */
import { describe, expect, it } from 'vitest';
import { readEdgeRoutes } from '../../../local/runtime/edge-routes.js';
import { courtAdminHostPath, courtAdminHref, courtAdminPath, publicUrl } from './court-admin-path.js';

describe('the court staff pages’ address', () => {
  it("is Front Door's rewrite in the one route table, the public folder to the host's", () => {
    expect(readEdgeRoutes().rewrites).toContainEqual({ source: courtAdminPath, destination: courtAdminHostPath });
    const table = readEdgeRoutes();
    expect(table.rewrite(courtAdminHref('/manual-upload'))).toBe(`${courtAdminHostPath}/manual-upload`);
    expect(table.rewrite(courtAdminHref())).toBe(courtAdminHostPath);
  });

  it('puts what the host received back under the public folder, query kept, and leaves any other URL alone', () => {
    const at = (path: string) => {
      const url = publicUrl(new URL(`https://portal.example${path}`));
      return `${url.pathname}${url.search}`;
    };
    expect(at('/court-admin')).toBe('/admin');
    expect(at('/court-admin/')).toBe('/admin/');
    expect(at('/court-admin/manual-upload?lng=cy&x=%2F')).toBe('/admin/manual-upload?lng=cy&x=%2F');
    expect(at('/Court-Admin/remove-list/4')).toBe('/admin/remove-list/4');
    for (const other of ['/court-administration', '/x/court-admin', '/admin/x', '/system-admin', '/'])
      expect(at(other), other).toBe(other);
    // Back to the public folder, the rewrite gives the host what it received.
    const received = '/court-admin/media-applications/7/reject';
    expect(readEdgeRoutes().rewrite(publicUrl(new URL(`https://p.example${received}`)).pathname)).toBe(received);
  });

  it('builds public paths only', () => {
    expect(courtAdminHref()).toBe('/admin');
    expect(courtAdminHref('/remove-list')).toBe('/admin/remove-list');
    expect(() => courtAdminHref('remove-list')).toThrow(/must start with/);
  });
});
