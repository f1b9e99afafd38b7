// The Event Grid subscriptions of the blob triggers (source: 'EventGrid'), one per function, each filtered on its
// container and delivered to the blobs extension webhook with the extension's system key. Deployed by the pipeline
// after the code, because the key (blobs_extension) exists only once the host has started with the blob triggers.
// The list matches the app.storageBlob registrations; shared/config/infrastructure-consistency.test.ts keeps it so.
targetScope = 'resourceGroup'

param functionAppName string
param blobEventsTopicName string

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
    }
  }
]
