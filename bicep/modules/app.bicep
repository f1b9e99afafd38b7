// The function app: Flex Consumption, Linux, Node 22 in Azure (the code keeps running on Node 20 locally), integrated
// with the VNet to reach the private endpoints, and reachable only through Front Door (the AzureFrontDoor.Backend
// service tag with this profile's X-Azure-FDID) and from Event Grid, which delivers blob events to the blobs extension
// webhook. The storage account's Event Grid system topic is here; its subscriptions need the webhook's key, which
// exists only once the code runs, so the pipeline deploys them after the code (../blob-events.bicep).
param location string
param tags object
param namePrefix string
param functionAppName string
param identityResourceId string
param storageAccountName string
param storageAccountResourceId string
param deploymentContainerName string
param blobEventsDeadLetterContainerName string
param appSettings object
param appSubnetResourceId string
param frontDoorId string
param logAnalyticsResourceId string

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

module functionPlan 'br/public:avm/res/web/serverfarm:0.7.0' = {
  name: 'function-plan'
  params: {
    name: 'asp-${namePrefix}'
    location: location
    tags: tags
    kind: 'functionapp'
    skuName: 'FC1'
    reserved: true // Linux
  }
}

module functionApp 'br/public:avm/res/web/site:0.23.0' = {
  name: 'function-app'
  params: {
    name: functionAppName
    location: location
    tags: tags
    kind: 'functionapp,linux'
    serverFarmResourceId: functionPlan.outputs.resourceId
    httpsOnly: true
    publicNetworkAccess: 'Enabled' // narrowed by the access restrictions below
    clientAffinityEnabled: false
    managedIdentities: {
      userAssignedResourceIds: [
        identityResourceId
      ]
    }
    // Key Vault references resolve with the user-assigned identity, not a (non-existent) system-assigned one.
    keyVaultAccessIdentityResourceId: identityResourceId
    virtualNetworkSubnetResourceId: empty(appSubnetResourceId) ? null : appSubnetResourceId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
    siteConfig: {
      alwaysOn: false // not offered on Flex Consumption
      minTlsVersion: '1.2'
      http20Enabled: true
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'FrontDoor'
          priority: 100
          action: 'Allow'
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [
              frontDoorId
            ]
          }
        }
        {
          // Blob events to /runtime/webhooks/blobs (the blobs extension key guards the webhook itself).
          name: 'EventGrid'
          priority: 200
          action: 'Allow'
          tag: 'ServiceTag'
          ipAddress: 'AzureEventGrid'
        }
      ]
      scmIpSecurityRestrictionsDefaultAction: 'Deny'
      scmIpSecurityRestrictionsUseMain: false
    }
    basicPublishingCredentialsPolicies: [
      {
        name: 'ftp'
        allow: false
      }
      {
        name: 'scm'
        allow: false
      }
    ]
    configs: [
      {
        name: 'appsettings'
        properties: appSettings
        // What the template says is the whole set: a setting dropped here is dropped in Azure.
        retainCurrentAppSettings: false
      }
    ]
    diagnosticSettings: [
      {
        workspaceResourceId: logAnalyticsResourceId
      }
    ]
  }
}

// Blob events of the app's storage account; subscriptions per blob trigger in ../blob-events.bicep. The topic's own
// (system-assigned) identity writes the events it could not deliver to the dead-letter container: Event Grid reaches
// a storage account behind a firewall as a trusted service only with a system-assigned identity, and shared keys are
// off. It may write to that container and nowhere else.
resource blobEventsTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${namePrefix}-storage'
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storageAccountResourceId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource blobEventsDeadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${storageAccountName}/default/${blobEventsDeadLetterContainerName}'
}

// Storage Blob Data Contributor, on the dead-letter container only.
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource blobEventsDeadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(blobEventsDeadLetterContainer.id, blobEventsTopic.id, storageBlobDataContributorRoleId)
  scope: blobEventsDeadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: blobEventsTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppHost string = functionApp.outputs.defaultHostname
output blobEventsTopicName string = blobEventsTopic.name
