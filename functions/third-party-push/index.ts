import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { containers, queues } from '../../shared/storage/names.js';
import { coreDependencies, coreSettings } from '../dependencies.js';
import { registerThirdPartyPush } from './registration.js';

coreSettings();

// Push secrets are settings named by each registration (Key Vault references in Azure).
const client = createPushClient({ secrets: settingsPushSecrets(process.env) });

registerThirdPartyPush(
  () => {
    const { database, storage } = coreDependencies();
    const queue = storage.queueService.getQueueClient(queues.thirdPartyPushes);
    return {
      database,
      snapshots: storage.blobService.getContainerClient(containers.thirdPartyPushes),
      queue,
      poisonQueue: storage.queueService.getQueueClient(`${queues.thirdPartyPushes}-poison`),
      client,
      // 6 attempts over about 10 minutes: 20 s, 40 s, 80 s, 160 s, 320 s.
      maxAttempts: 6,
      backoffBaseSeconds: 20,
      maxBackoffSeconds: 600,
      leaseSeconds: 60,
      // A message not run 5 minutes after it was due is taken as lost (a crash after the commit): queued again.
      sweep: { database, queue, graceSeconds: 300, batchSize: 500 },
    };
  },
  { queueName: queues.thirdPartyPushes },
);
