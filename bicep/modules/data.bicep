// Data: the app's storage account (blobs and queues), the static origin's storage account (web-static/ and the
// shutter page), Key Vault and PostgreSQL. Private by default: each is reached through a private endpoint in the
// VNet with public network access off; only the throwaway sandbox is public. PostgreSQL takes Entra sign-in only.
param location string
param tags object
param namePrefix string
param resourceToken string
param environmentName string
param isPrivate bool

@description('Private endpoint subnet and DNS zones (modules/network.bicep); empty in the sandbox.')
param privateEndpointSubnetResourceId string = ''
param blobDnsZoneResourceId string = ''
param queueDnsZoneResourceId string = ''
param vaultDnsZoneResourceId string = ''
param postgresDnsZoneResourceId string = ''

param blobContainerNames array
param queueNames array
param appPrincipalId string
param appIdentityName string
param operatorsGroupObjectId string
param logAnalyticsResourceId string

param postgresSkuName string
param postgresTier string
param postgresHighAvailability string
param postgresStorageSizeGB int
param postgresEntraAdminObjectId string
param postgresEntraAdminName string

var storageAccountName = 'stpip${take(replace(environmentName, '-', ''), 7)}${resourceToken}'
var staticAccountName = 'stweb${take(replace(environmentName, '-', ''), 7)}${resourceToken}'
var keyVaultName = 'kv-${take(namePrefix, 12)}-${resourceToken}'
var postgresServerName = 'psql-${namePrefix}-${resourceToken}'
var publicAccess = isPrivate ? 'Disabled' : 'Enabled'
var networkAcls = {
  bypass: 'AzureServices'
  defaultAction: isPrivate ? 'Deny' : 'Allow'
}
var diagnostics = [
  {
    workspaceResourceId: logAnalyticsResourceId
  }
]

// The app's storage account keeps its public endpoint only for trusted Azure services: no network reaches it (default
// Deny, no IP or VNet rule; the app uses the private endpoints), but Event Grid writes the blob events it could not
// deliver to the dead-letter container through it, as a trusted service with the system topic's system-assigned
// identity (Storage Blob Data Contributor on that container only; modules/app.bicep). Event Grid's documentation
// gives that path for an account behind a firewall with "Allow Azure services on the trusted services list"; with
// public network access 'Disabled' no network rule or exception is evaluated and the subscriptions could not
// dead-letter (Event Grid is not in our VNet). Shared keys are off, so whoever gets in needs an Entra role.
var storagePublicAccess = 'Enabled'
var storageNetworkAcls = {
  bypass: 'AzureServices'
  defaultAction: isPrivate ? 'Deny' : 'Allow'
  ipRules: []
  virtualNetworkRules: []
}

// Blobs, queues, the Flex Consumption deployment package. Identity only (no shared keys); GZRS in prod, where the
// design keeps data in two regions.
module storage 'br/public:avm/res/storage/storage-account:0.32.0' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: environmentName == 'prod' ? 'Standard_GZRS' : 'Standard_LRS'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: storagePublicAccess
    networkAcls: storageNetworkAcls
    privateEndpoints: isPrivate
      ? [
          {
            service: 'blob'
            subnetResourceId: privateEndpointSubnetResourceId
            privateDnsZoneGroup: {
              privateDnsZoneGroupConfigs: [
                {
                  privateDnsZoneResourceId: blobDnsZoneResourceId
                }
              ]
            }
          }
          {
            service: 'queue'
            subnetResourceId: privateEndpointSubnetResourceId
            privateDnsZoneGroup: {
              privateDnsZoneGroupConfigs: [
                {
                  privateDnsZoneResourceId: queueDnsZoneResourceId
                }
              ]
            }
          }
        ]
      : []
    blobServices: {
      deleteRetentionPolicyEnabled: true
      deleteRetentionPolicyDays: 7
      containerDeleteRetentionPolicyEnabled: true
      containerDeleteRetentionPolicyDays: 7
      containers: [
        for containerName in blobContainerNames: {
          name: containerName
          publicAccess: 'None'
        }
      ]
      diagnosticSettings: diagnostics
    }
    // Manual upload drafts (shared/publications/intake/upload-drafts.ts) live as long as a session at most; one left
    // by someone who never confirmed is deleted a day later. Third-party push snapshots (shared/third-parties/
    // push-delivery.ts) are deleted by the sender once delivered or skipped; one left by a transaction rolled back after
    // it was written, or by a parked push nobody retried, goes after 30 days (a parked push retried later is then
    // skipped as SNAPSHOT_GONE).
    managementPolicyRules: [
      {
        enabled: true
        name: 'delete-abandoned-upload-drafts'
        type: 'Lifecycle'
        definition: {
          actions: {
            baseBlob: {
              delete: {
                daysAfterModificationGreaterThan: 1
              }
            }
          }
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              'upload-drafts/'
            ]
          }
        }
      }
      {
        enabled: true
        name: 'delete-stale-third-party-push-snapshots'
        type: 'Lifecycle'
        definition: {
          actions: {
            baseBlob: {
              delete: {
                daysAfterModificationGreaterThan: 30
              }
            }
          }
          filters: {
            blobTypes: [
              'blockBlob'
            ]
            prefixMatch: [
              'third-party-pushes/'
            ]
          }
        }
      }
    ]
    queueServices: {
      queues: [
        for queueName in queueNames: {
          name: queueName
        }
      ]
      // Queue logs feed the poison-queue alert (modules/monitoring.bicep).
      diagnosticSettings: diagnostics
    }
    // Least privilege: data Contributor, not Owner (Event Grid blob triggers keep no receipts or leases).
    roleAssignments: [
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Blob Data Contributor'
      }
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Queue Data Contributor'
      }
      {
        // Operators read and replay poison messages, read dead-lettered blob events and remove refused blobs
        // (docs/operations.md: Read a poison queue and replay a message), signed in with --auth-mode login.
        principalId: operatorsGroupObjectId
        principalType: 'Group'
        roleDefinitionIdOrName: 'Storage Queue Data Contributor'
      }
      {
        principalId: operatorsGroupObjectId
        principalType: 'Group'
        roleDefinitionIdOrName: 'Storage Blob Data Contributor'
      }
    ]
  }
}

// The static origin of Front Door: web-static/ in the `$web` container, served by the static website endpoint
// (enabled, with index.html and the 404 document shutter/index.html, by the pipeline: it is a data-plane setting).
// Public files only, no personal data; Front Door is the way in for people.
module staticStorage 'br/public:avm/res/storage/storage-account:0.32.0' = {
  name: 'static-storage'
  params: {
    name: staticAccountName
    location: location
    tags: tags
    kind: 'StorageV2'
    skuName: environmentName == 'prod' ? 'Standard_GZRS' : 'Standard_LRS'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    blobServices: {
      deleteRetentionPolicyEnabled: true
      deleteRetentionPolicyDays: 7
      containerDeleteRetentionPolicyEnabled: true
      containerDeleteRetentionPolicyDays: 7
    }
  }
}

resource staticAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: staticAccountName
  dependsOn: [
    staticStorage
  ]
}

module keyVault 'br/public:avm/res/key-vault/vault:0.13.3' = {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: publicAccess
    networkAcls: networkAcls
    privateEndpoints: isPrivate
      ? [
          {
            service: 'vault'
            subnetResourceId: privateEndpointSubnetResourceId
            privateDnsZoneGroup: {
              privateDnsZoneGroupConfigs: [
                {
                  privateDnsZoneResourceId: vaultDnsZoneResourceId
                }
              ]
            }
          }
        ]
      : []
    roleAssignments: [
      {
        // The app reads the secrets its settings reference.
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Key Vault Secrets User'
      }
      {
        // Operators set and rotate them (docs/operations.md, Secrets).
        principalId: operatorsGroupObjectId
        principalType: 'Group'
        roleDefinitionIdOrName: 'Key Vault Secrets Officer'
      }
    ]
    diagnosticSettings: diagnostics
  }
}

// PostgreSQL 15: Microsoft Entra sign-in only (no password exists). The Entra admin group runs migrations and creates
// the app's role (scripts/database-roles.sql, run by the pipeline); the app signs in as its managed identity.
// pgaudit logs every write to audit_log (object auditing through the pip_auditor role), and the server's logs go to
// Log Analytics, so the audit trail has a copy the app cannot delete (seed controls 018 and 021).
module postgres 'br/public:avm/res/db-for-postgre-sql/flexible-server:0.15.1' = {
  name: 'postgres'
  params: {
    name: postgresServerName
    location: location
    tags: tags
    version: '15'
    skuName: postgresSkuName
    tier: postgresTier
    storageSizeGB: postgresStorageSizeGB
    autoGrow: 'Enabled'
    availabilityZone: -1
    highAvailability: postgresHighAvailability
    highAvailabilityZone: -1
    backupRetentionDays: environmentName == 'prod' ? 35 : 7
    geoRedundantBackup: environmentName == 'prod' ? 'Enabled' : 'Disabled'
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenant().tenantId
    }
    administrators: [
      {
        objectId: postgresEntraAdminObjectId
        principalName: postgresEntraAdminName
        principalType: 'Group'
        tenantId: tenant().tenantId
      }
    ]
    publicNetworkAccess: publicAccess
    firewallRules: isPrivate
      ? []
      : [
          {
            // Sandbox only: Flex Consumption has no fixed outbound addresses without a VNet.
            name: 'AllowAzureServices'
            startIpAddress: '0.0.0.0'
            endIpAddress: '0.0.0.0'
          }
        ]
    privateEndpoints: isPrivate
      ? [
          {
            service: 'postgresqlServer'
            subnetResourceId: privateEndpointSubnetResourceId
            privateDnsZoneGroup: {
              privateDnsZoneGroupConfigs: [
                {
                  privateDnsZoneResourceId: postgresDnsZoneResourceId
                }
              ]
            }
          }
        ]
      : []
    configurations: [
      {
        name: 'azure.extensions'
        value: 'PGAUDIT,PG_TRGM'
        source: 'user-override'
      }
      {
        name: 'shared_preload_libraries'
        value: 'pgaudit'
        source: 'user-override'
      }
      {
        name: 'pgaudit.role'
        value: 'pip_auditor'
        source: 'user-override'
      }
      {
        name: 'pgaudit.log_parameter'
        value: 'on'
        source: 'user-override'
      }
    ]
    databases: [
      {
        name: 'pip'
        charset: 'UTF8'
        collation: 'en_US.utf8'
      }
    ]
    diagnosticSettings: diagnostics
  }
}

output storageAccountName string = storage.outputs.name
output storageAccountResourceId string = storage.outputs.resourceId
output staticAccountName string = staticStorage.outputs.name
output staticWebsiteHost string = replace(replace(staticAccount.properties.primaryEndpoints.web, 'https://', ''), '/', '')
output keyVaultName string = keyVault.outputs.name
output postgresHost string = postgres.outputs.fqdn!
output postgresServerName string = postgres.outputs.name
output appDatabaseRole string = appIdentityName
