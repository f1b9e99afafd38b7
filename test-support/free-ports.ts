/** The settings that let `npm start` (local/start.ts) pick free ports for every service, so runs never collide. */
export const freePortSettings = {
  PORT: '0',
  LOCAL_POSTGRES_PORT: '0',
  LOCAL_AZURITE_BLOB_PORT: '0',
  LOCAL_AZURITE_QUEUE_PORT: '0',
  LOCAL_IDP_PORT: '0',
  LOCAL_NOTIFY_PORT: '0',
} as const;
