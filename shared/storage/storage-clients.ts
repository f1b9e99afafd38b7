/**
 * Blob and Queue clients from validated settings: a connection string (Azurite locally, shared key) or the
 * identity-based service URIs used in Azure, where shared-key access is off and the app's managed identity is used.
 */
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { StorageSettings } from '../config/settings.js';

export interface StorageClients {
  blobService: BlobServiceClient;
  queueService: QueueServiceClient;
}

function credentialFor(settings: StorageSettings): TokenCredential {
  const clientId = settings.AzureWebJobsStorage__clientId;
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

export function createStorageClients(settings: StorageSettings): StorageClients {
  const connectionString = settings.AzureWebJobsStorage;
  if (connectionString) {
    return {
      blobService: BlobServiceClient.fromConnectionString(connectionString),
      queueService: QueueServiceClient.fromConnectionString(connectionString),
    };
  }
  const blobUri = settings.AzureWebJobsStorage__blobServiceUri;
  const queueUri = settings.AzureWebJobsStorage__queueServiceUri;
  if (!blobUri || !queueUri)
    throw new Error('Storage settings were not validated: no connection string and no service URIs');
  const credential = credentialFor(settings);
  return {
    blobService: new BlobServiceClient(blobUri, credential),
    queueService: new QueueServiceClient(queueUri, credential),
  };
}
