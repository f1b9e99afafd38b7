/** Third parties for the system admin page, through the same code as /api/third-parties (shared/third-parties). */
import type { Database } from '../../../shared/db/database.js';
import type { PushClient } from '../../../shared/third-parties/push-client.js';
import { runConnectionTest, saveThirdParty } from '../../../shared/third-parties/third-party-admin.js';
import { findThirdParty, listThirdParties } from '../../../shared/third-parties/third-party-store.js';
import { parkedPushCounts } from '../../../shared/third-parties/push-store.js';
import type { ThirdPartyAdmin } from '../web-dependencies.js';

export function databaseThirdPartyAdmin(database: Database, pushClient: PushClient): ThirdPartyAdmin {
  return {
    list: () => listThirdParties(database),
    find: (thirdPartyId) => findThirdParty(database, thirdPartyId),
    save: (actor, thirdPartyId, input) => saveThirdParty(database, actor, thirdPartyId, input, 'THIRD_PARTIES_PAGE'),
    testConnection: (actor, thirdParty) =>
      runConnectionTest({ database, pushClient }, actor, thirdParty, 'THIRD_PARTIES_PAGE'),
    parkedPushCounts: () => parkedPushCounts(database),
  };
}
