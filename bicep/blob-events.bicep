// The Event Grid subscriptions of the blob triggers (source: 'EventGrid'), one per function, each filtered on its
// container and delivered to the blobs extension webhook with the extension's system key. Deployed by the pipeline
// after the code, because the key (blobs_extension) exists only once the host has started with the blob triggers.
// The list matches the app.storageBlob registrations; shared/config/infrastructure-consistency.test.ts keeps it so.
// Delivery is retried (Event Grid's exponential backoff) up to 30 times over at most 24 hours; an event still not
// delivered, or refused outright (a 400 or 413 from the webhook), is written as a blob to the dead-letter container
// by the topic's identity, instead of being dropped (docs/operations.md, "Dead-lettered blob events").
targetScope = 'resourceGroup'

param functionAppName string
param blobEventsTopicName string
param deadLetterContainerName string = 'blob-events-dead-letter'

var blobTriggerSubscriptions = [
  {
    functionName: 'blobUploaded'
    container: 'publications'
  }
  {
    functionName: 'courtRefImportBlob'
    container: 'reference-data'
  }
]

resource functionAppHost 'Microsoft.Web/sites/host@2023-12-01' existing = {
  name: '${functionAppName}/default'
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' existing = {
  name: blobEventsTopicName
}

resource subscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = [
  for trigger in blobTriggerSubscriptions: {
    parent: topic
    name: trigger.functionName
    properties: {
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: 'https://${functionAppName}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${trigger.functionName}&code=${functionAppHost.listKeys().systemKeys.blobs_extension}'
        }
      }
      eventDeliverySchema: 'EventGridSchema'
      filter: {
        includedEventTypes: [
          'Microsoft.Storage.BlobCreated'
        ]
        subjectBeginsWith: '/blobServices/default/containers/${trigger.container}/'
      }
      retryPolicy: {
        maxDeliveryAttempts: 30
        eventTimeToLiveInMinutes: 1440
      }
      deadLetterWithResourceIdentity: {
        identity: {
          type: 'SystemAssigned'
        }
        deadLetterDestination: {
          endpointType: 'StorageBlob'
          properties: {
            // The system topic's source is the app's storage account.
            resourceId: topic.properties.source
            blobContainerName: deadLetterContainerName
          }
        }
      }
    }
  }
]
