// P&I Service: the Azure resources the code in this repository needs, for one environment, in one resource group.
// Deployed with: az deployment group create --resource-group <rg> --parameters bicep/main.bicepparam
// Every blob container, queue and app setting the code reads is declared here; shared/config/
// infrastructure-consistency.test.ts fails if this file and the code disagree. Compiled by the pipeline only
// (no Bicep compiler on developer machines), so keep to module parameters documented for the pinned versions.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Short environment name; part of every resource name.')
@allowed(['dev', 'test', 'stg', 'prod'])
param environmentName string

@description('Region of every resource except the Static Web App (not offered in UK regions).')
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags object = {}

// Identity providers (see local.settings.sample.json Descriptions). Issuers are OpenID Connect issuer URLs.
@description('OpenID Connect issuer of Azure AD, which signs the tokens of service callers (HMI, Courtel).')
param aadIssuer string

@description('Audience (application ID URI) that access tokens for this API must carry.')
param aadAudience string = 'api://pip-service'

@description('OpenID Connect issuer of Azure B2C (media and court staff accounts).')
param b2cIssuer string

@description('OpenID Connect issuer of CFT IDAM.')
param cftIdamIssuer string

@description('OpenID Connect issuer of Crime IDAM (behind OpenIG).')
param crimeIdamIssuer string

@description('Client id the web pages sign people in with, at every people issuer.')
param webClientId string = 'pip-web'

@description('The public site address sign-in redirects back to (e.g. https://www.court-tribunal-hearings.service.gov.uk); empty: https://<function app host name>.')
param publicSiteUrl string = ''

@description('CFT IDAM roles that make a person a professional, comma-separated (a trailing * matches any ending); empty: the code\'s default.')
param cftIdamProfessionalRoles string = ''

// Behaviour
@description('Which sources (x-provenance) each publisher\'s Azure AD client id may publish as: { \'<client id>\': [ \'SNL\', ... ] }. Empty: no publisher may publish (court staff still upload as MANUAL_UPLOAD).')
param publisherProvenances object = {}

@description('GOV.UK Notify API base URL.')
param notifyBaseUrl string = 'https://api.notifications.service.gov.uk'

@description('GOV.UK Notify template id of the daily subscription digest email.')
param notifyTemplateDailyDigest string

@description('GOV.UK Notify template id of the media account welcome email (application approved).')
param notifyTemplateMediaWelcome string

@description('GOV.UK Notify template id of the media account rejection email (with the reasons).')
param notifyTemplateMediaRejection string

@description('GOV.UK Notify template id of the email asking a media user to sign in to keep their account (350 days).')
param notifyTemplateMediaReverify string

@description('GOV.UK Notify template id of the email telling a media user their account was deleted (365 days).')
param notifyTemplateMediaDeleted string

@description('Lowest log level written.')
@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@description('Connections each function instance may hold open to PostgreSQL (1-100). Keep instances x pool below the server\'s max_connections.')
@minValue(1)
@maxValue(100)
param databasePoolSize int = 10

@description('Time zone for timer schedules (IANA name on Linux). Court lists are published on UK local time.')
param websiteTimeZone string = 'Europe/London'

// Function app scale (Flex Consumption)
@description('Most instances the function app scales out to. Bounds the PostgreSQL connections too (x databasePoolSize).')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory of each function instance.')
@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

// Network: the design (3.4.2, 3.6) puts every environment's data behind a VNet or private endpoints. When the three
// subnet/zone parameters are set, PostgreSQL uses private access and the function app integrates with the VNet;
// otherwise PostgreSQL is public behind postgresFirewallRules (sandbox/dev only).
@description('Subnet (delegated to Microsoft.App/environments) the Flex Consumption app integrates with. Empty: no VNet integration.')
param functionAppSubnetResourceId string = ''

@description('Subnet delegated to Microsoft.DBforPostgreSQL/flexibleServers. Empty: public access with firewall rules.')
param postgresDelegatedSubnetResourceId string = ''

@description('Private DNS zone (privatelink.postgres.database.azure.com) linked to the VNet; required with postgresDelegatedSubnetResourceId.')
param postgresPrivateDnsZoneResourceId string = ''

@description('Firewall rules when PostgreSQL is public: [{ name, startIpAddress, endIpAddress }]. 0.0.0.0-0.0.0.0 admits Azure services (Flex Consumption has no fixed outbound IPs without a VNet).')
param postgresFirewallRules array = [
  {
    name: 'AllowAzureServices'
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
]

// PostgreSQL
@description('PostgreSQL compute SKU.')
param postgresSkuName string = 'Standard_B1ms'

@description('PostgreSQL tier matching postgresSkuName.')
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'Burstable'

@description('PostgreSQL storage in GB.')
param postgresStorageSizeGB int = 32

@description('Password-based administrator login, used only by operators and to create the application role; the app connects as its own role through DATABASE_URL.')
param postgresAdministratorLogin string = 'pipadmin'

@description('Password of postgresAdministratorLogin. Passed by the pipeline from its secret store; never written in a parameters file.')
@secure()
param postgresAdministratorPassword string

@description('Object id of the Entra group that administers PostgreSQL (Entra authentication).')
param postgresEntraAdminObjectId string

@description('Display name of that Entra group.')
param postgresEntraAdminName string

// Optional extras
@description('Azure Cache for Redis. The design (3.4.2) caches UI data in Redis; this service does not use it yet, so it is off and no app setting points at it.')
param deployRedis bool = false

@description('Static Web App region (not offered in UK regions); it serves web-static/ only, no personal data.')
@allowed(['westeurope', 'centralus', 'eastus2', 'westus2', 'eastasia'])
param staticWebAppLocation string = 'westeurope'

@description('Static Web App plan.')
@allowed(['Free', 'Standard'])
param staticWebAppSku string = 'Free'

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

var resourceToken = take(toLower(uniqueString(subscription().id, resourceGroup().id, environmentName)), 8)
var allTags = union(tags, { application: 'pip-service', environment: environmentName })

var identityName = 'id-pip-${environmentName}'
var storageAccountName = 'stpip${environmentName}${resourceToken}'
var logAnalyticsName = 'log-pip-${environmentName}'
var applicationInsightsName = 'appi-pip-${environmentName}'
var keyVaultName = 'kv-pip-${environmentName}-${resourceToken}'
var postgresServerName = 'psql-pip-${environmentName}-${resourceToken}'
var postgresDatabaseName = 'pip'
var functionPlanName = 'asp-pip-${environmentName}'
var functionAppName = 'func-pip-${environmentName}-${resourceToken}'
var staticWebAppName = 'stapp-pip-${environmentName}'
var redisName = 'redis-pip-${environmentName}-${resourceToken}'

// Blob containers: shared/storage/names.ts `containers`, plus the Flex Consumption deployment package container.
var deploymentContainerName = 'deployment-package'
var blobContainerNames = [
  'publications'
  'reference-data'
  'glossary'
  'upload-drafts'
  'media-applications'
  deploymentContainerName
]

// Queues: shared/storage/names.ts `queues`. The host moves a message that fails maxDequeueCount times (host.json)
// to <queue>-poison and would create that queue itself; it is declared so alerts can target it from day one.
var queueNames = [
  'subscription-notifications'
  'subscription-notifications-poison'
]

// Key Vault secrets the app references. Their values are set out of band (see README), never here: a secret
// resource in Bicep would write a new version, with whatever value the template holds, on every deployment.
var databaseUrlSecretName = 'database-url'
var notifyApiKeySecretName = 'notify-api-key'
var webClientSecretSecretName = 'web-client-secret'
var b2cClientSecretSecretName = 'b2c-client-secret'
var cftIdamClientSecretSecretName = 'cft-idam-client-secret'
var crimeIdamClientSecretSecretName = 'crime-idam-client-secret'
var sessionSecretSecretName = 'session-secret'
var screenLinkKeysSecretName = 'screen-link-keys'

var storageBlobUri = 'https://${storageAccountName}.blob.${environment().suffixes.storage}/'
var storageQueueUri = 'https://${storageAccountName}.queue.${environment().suffixes.storage}/'
var postgresPrivate = !empty(postgresDelegatedSubnetResourceId)

// ---------------------------------------------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------------------------------------------

// The function app's identity: storage, Key Vault references and the deployment package all use it.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.5.1' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------------------

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.15.1' = {
  name: 'log-analytics'
  params: {
    name: logAnalyticsName
    location: location
    tags: allTags
    dataRetention: 90
  }
}

module applicationInsights 'br/public:avm/res/insights/component:0.7.1' = {
  name: 'application-insights'
  params: {
    name: applicationInsightsName
    location: location
    tags: allTags
    workspaceResourceId: logAnalytics.outputs.resourceId
    applicationType: 'web'
    // Local (key) auth stays on: the in-process applicationinsights SDK sends with the connection string alone.
    // The Functions host authenticates with the identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
    disableLocalAuth: false
    roleAssignments: [
      {
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Monitoring Metrics Publisher'
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage: publications, reference data, glossary, the notification queue and the deployment package
// ---------------------------------------------------------------------------------------------------------------

module storage 'br/public:avm/res/storage/storage-account:0.32.0' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: allTags
    kind: 'StorageV2'
    skuName: environmentName == 'prod' ? 'Standard_ZRS' : 'Standard_LRS'
    // Identity only: the code uses AzureWebJobsStorage__* service URIs with the managed identity.
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
      containers: [
        for containerName in blobContainerNames: {
          name: containerName
          publicAccess: 'None'
        }
      ]
    }
    // Manual upload drafts (shared/publications/intake/upload-drafts.ts) live as long as a session at most; one left
    // by someone who never confirmed is deleted a day later.
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
    ]
    queueServices: {
      queues: [
        for queueName in queueNames: {
          name: queueName
        }
      ]
    }
    roleAssignments: [
      {
        // Blob triggers keep receipts and leases in the account; Flex Consumption reads the deployment package.
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Blob Data Owner'
      }
      {
        // Queue trigger and output, poison queue, and the blob trigger's internal queue.
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Storage Queue Data Contributor'
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Key Vault: DATABASE_URL and NOTIFY_API_KEY
// ---------------------------------------------------------------------------------------------------------------

module keyVault 'br/public:avm/res/key-vault/vault:0.13.3' = {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tags: allTags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    roleAssignments: [
      {
        principalId: identity.outputs.principalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Key Vault Secrets User'
      }
    ]
    diagnosticSettings: [
      {
        workspaceResourceId: logAnalytics.outputs.resourceId
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL 15, database pip
// ---------------------------------------------------------------------------------------------------------------

module postgres 'br/public:avm/res/db-for-postgre-sql/flexible-server:0.15.1' = {
  name: 'postgres'
  params: {
    name: postgresServerName
    location: location
    tags: allTags
    version: '15'
    skuName: postgresSkuName
    tier: postgresTier
    storageSizeGB: postgresStorageSizeGB
    autoGrow: 'Enabled'
    availabilityZone: -1
    highAvailability: environmentName == 'prod' ? 'ZoneRedundant' : 'Disabled'
    highAvailabilityZone: -1
    backupRetentionDays: environmentName == 'prod' ? 35 : 7
    geoRedundantBackup: environmentName == 'prod' ? 'Enabled' : 'Disabled'
    // Entra for people (operators, the admin group); a password role for the app until the code acquires Entra
    // tokens for PostgreSQL itself.
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: tenant().tenantId
    }
    administratorLogin: postgresAdministratorLogin
    administratorLoginPassword: postgresAdministratorPassword
    administrators: [
      {
        objectId: postgresEntraAdminObjectId
        principalName: postgresEntraAdminName
        principalType: 'Group'
        tenantId: tenant().tenantId
      }
    ]
    publicNetworkAccess: postgresPrivate ? 'Disabled' : 'Enabled'
    delegatedSubnetResourceId: postgresPrivate ? postgresDelegatedSubnetResourceId : null
    privateDnsZoneArmResourceId: postgresPrivate ? postgresPrivateDnsZoneResourceId : null
    firewallRules: postgresPrivate ? [] : postgresFirewallRules
    databases: [
      {
        name: postgresDatabaseName
        charset: 'UTF8'
        collation: 'en_US.utf8'
      }
    ]
    diagnosticSettings: [
      {
        workspaceResourceId: logAnalytics.outputs.resourceId
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Function app: Flex Consumption, Linux, Node 20
// ---------------------------------------------------------------------------------------------------------------

module functionPlan 'br/public:avm/res/web/serverfarm:0.7.0' = {
  name: 'function-plan'
  params: {
    name: functionPlanName
    location: location
    tags: allTags
    kind: 'functionapp'
    skuName: 'FC1'
    reserved: true // Linux
  }
}

// App settings, one per setting in local.settings.sample.json that applies in Azure. Not set here:
// FUNCTIONS_WORKER_RUNTIME (and FUNCTIONS_EXTENSION_VERSION): Flex Consumption takes them from functionAppConfig.runtime
//   and rejects them as app settings;
// AzureWebJobsStorage: replaced by the identity-based AzureWebJobsStorage__* settings (shared keys are off);
// FUNCTIONS_MASTER_KEY, PORT, LOCAL_*: local runtime only.
var appSettings = {
  AzureWebJobsStorage__blobServiceUri: storageBlobUri
  AzureWebJobsStorage__queueServiceUri: storageQueueUri
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  DATABASE_URL: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${databaseUrlSecretName})'
  DATABASE_POOL_SIZE: string(databasePoolSize)
  NOTIFY_BASE_URL: notifyBaseUrl
  NOTIFY_API_KEY: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${notifyApiKeySecretName})'
  NOTIFY_TEMPLATE_DAILY_DIGEST: notifyTemplateDailyDigest
  NOTIFY_TEMPLATE_MEDIA_WELCOME: notifyTemplateMediaWelcome
  NOTIFY_TEMPLATE_MEDIA_REJECTION: notifyTemplateMediaRejection
  NOTIFY_TEMPLATE_MEDIA_REVERIFY: notifyTemplateMediaReverify
  NOTIFY_TEMPLATE_MEDIA_DELETED: notifyTemplateMediaDeleted
  AAD_ISSUER: aadIssuer
  AAD_AUDIENCE: aadAudience
  B2C_ISSUER: b2cIssuer
  CFT_IDAM_ISSUER: cftIdamIssuer
  CRIME_IDAM_ISSUER: crimeIdamIssuer
  WEB_CLIENT_ID: webClientId
  PUBLISHER_PROVENANCES: string(publisherProvenances)
  WEB_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${webClientSecretSecretName})'
  B2C_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${b2cClientSecretSecretName})'
  CFT_IDAM_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${cftIdamClientSecretSecretName})'
  CRIME_IDAM_CLIENT_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${crimeIdamClientSecretSecretName})'
  PUBLIC_SITE_URL: publicSiteUrl
  CFT_IDAM_PROFESSIONAL_ROLES: cftIdamProfessionalRoles
  SESSION_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sessionSecretSecretName})'
  SCREEN_LINK_KEYS: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${screenLinkKeysSecretName})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  LOG_LEVEL: logLevel
  WEBSITE_TIME_ZONE: websiteTimeZone
}

module functionApp 'br/public:avm/res/web/site:0.23.0' = {
  name: 'function-app'
  params: {
    name: functionAppName
    location: location
    tags: allTags
    kind: 'functionapp,linux'
    serverFarmResourceId: functionPlan.outputs.resourceId
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    clientAffinityEnabled: false
    managedIdentities: {
      userAssignedResourceIds: [
        identity.outputs.resourceId
      ]
    }
    // Key Vault references resolve with the user-assigned identity, not a (non-existent) system-assigned one.
    keyVaultAccessIdentityResourceId: identity.outputs.resourceId
    virtualNetworkSubnetResourceId: !empty(functionAppSubnetResourceId) ? functionAppSubnetResourceId : null
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobUri}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.outputs.resourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: functionMaximumInstanceCount
        instanceMemoryMB: functionInstanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '20'
      }
    }
    siteConfig: {
      alwaysOn: false // not offered on Flex Consumption
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
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
      }
    ]
    diagnosticSettings: [
      {
        workspaceResourceId: logAnalytics.outputs.resourceId
      }
    ]
  }
  dependsOn: [
    storage // role assignments must exist before the host reads the deployment package
    keyVault
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Static web content (web-static/)
// ---------------------------------------------------------------------------------------------------------------

module staticWebApp 'br/public:avm/res/web/static-site:0.9.5' = {
  name: 'static-web-app'
  params: {
    name: staticWebAppName
    location: staticWebAppLocation
    tags: allTags
    sku: staticWebAppSku
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Optional: Azure Cache for Redis (design 3.4.2: UI data caching). Off by default; no code reads it yet, so no app
// setting refers to it. Turn on only together with the code that uses it (and add its setting to the sample file).
// ---------------------------------------------------------------------------------------------------------------

module redis 'br/public:avm/res/cache/redis:0.16.4' = if (deployRedis) {
  name: 'redis'
  params: {
    name: redisName
    location: location
    tags: allTags
    skuName: 'Basic'
    capacity: 0
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    disableAccessKeyAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------------

output functionAppName string = functionApp.outputs.name
output functionAppHost string = functionApp.outputs.defaultHostname
output storageAccountName string = storage.outputs.name
output postgresHost string = postgres.outputs.fqdn!
output postgresDatabaseName string = postgresDatabaseName
output keyVaultName string = keyVault.outputs.name
output keyVaultSecretNames array = [
  databaseUrlSecretName
  notifyApiKeySecretName
  webClientSecretSecretName
  b2cClientSecretSecretName
  cftIdamClientSecretSecretName
  crimeIdamClientSecretSecretName
  sessionSecretSecretName
  screenLinkKeysSecretName
]
output managedIdentityClientId string = identity.outputs.clientId
output staticWebAppName string = staticWebApp.outputs.name
output staticWebAppHost string = staticWebApp.outputs.defaultHostname
