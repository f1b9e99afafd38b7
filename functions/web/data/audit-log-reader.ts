/** The audit log pages' port, bound to PostgreSQL through the table's owner (shared/audit/audit-query.ts). */
import { findAuditEntry, queryAuditLog } from '../../../shared/audit/audit-query.js';
import type { Database } from '../../../shared/db/database.js';
import type { AuditLogReader } from '../web-dependencies.js';

export function databaseAuditLog(database: Database): AuditLogReader {
  return {
    page: (filter, page) => queryAuditLog(database, filter, page),
    find: (auditId) => findAuditEntry(database, auditId),
  };
}
