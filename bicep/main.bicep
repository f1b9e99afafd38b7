// P&I Service: the Azure resources the code in this repository needs, for one environment, in one resource group.
// Deployed with: az deployment group create --resource-group <rg> --parameters bicep/environments/<env>.bicepparam
// then, after the code, bicep/blob-events.bicep (see README.md). Every blob container, queue and app setting the code
// reads is declared here; shared/config/infrastructure-consistency.test.ts fails if bicep/ and the code disagree.
// Compiled by the pipeline only (no Bicep compiler on developer machines): `az bicep build` and `what-if`.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Environment name; part of every resource name. Only the sandbox may be public.')
@allowed(['sandbox', 'dev', 'test', 'staging', 'prod'])
param environmentName string

@description('Region of every resource (Front Door and DNS zones are global).')
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags object = {}

@description('Public network access to PostgreSQL, Key Vault and Storage, without a VNet. Refused unless environmentName is sandbox.')
param publicNetworkAccess bool = false

@description('Address space of the environment\'s VNet (modules/network.bicep).')
param vnetAddressPrefix string = '10.40.0.0/24'

// Identity providers (see local.settings.sample.json Descriptions). Issuers are OpenID Connect issuer URLs.
@description('OpenID Connect issuer of Azure AD, which signs the tokens of service callers (HMI, Courtel).')
param aadIssuer string

@description('Audience (application ID URI) that access tokens for this API must carry.')
param aadAudience string = 'api://pip-service'

@description('OpenID Connect issuer of Azure B2C (media and court staff accounts).')
param b2cIssuer string

@description('OpenID Connect issuer of CFT IDAM.')
param cftIdamIssuer string

@description('OpenID Connect issuer of Crime IDAM (its ForgeRock AM OAuth 2.0 realm; docs/architecture.md, the Crime IDAM decision).')
param crimeIdamIssuer string

@description('Client id the web pages sign people in with, at every people issuer.')
param webClientId string = 'pip-web'

@description('The public site address sign-in redirects back to (e.g. https://www.court-tribunal-hearings.service.gov.uk); empty: https://<function app host name>.')
param publicSiteUrl string = ''

@description('Issue 19: each people issuer\'s own client id (empty: webClientId, which only a loopback issuer accepts, so set these).')
param b2cClientId string = ''
param cftIdamClientId string = ''
param crimeIdamClientId string = ''

@description('Scopes asked of each people issuer, space-separated; empty: the code\'s default per issuer.')
param b2cScopes string = ''
param cftIdamScopes string = ''
param crimeIdamScopes string = ''

@description('B2C: the claims holding the P&I role and account status (empty: extension_UserRole, extension_AccountStatus).')
param b2cRoleClaim string = ''
param b2cAccountStatusClaim string = ''

@description('B2C authority whose user flows have their own discovery, e.g. https://<tenant>.b2clogin.com/<tenant>.onmicrosoft.com; empty: b2cIssuer.')
param b2cAuthority string = ''

@description('B2C user flows: sign-in, password reset and the approved-media sign-up (empty: B2C_1_SignInUserFlow, B2C_1_PasswordReset, B2C_1_SignUpApprovedMedia).')
param b2cSignInFlow string = ''
param b2cPasswordResetFlow string = ''
param b2cSignUpFlow string = ''

@description('Media accounts: the Azure B2C tenant\'s domain (e.g. pipdev.onmicrosoft.com), where approved accounts are made and deleted through Microsoft Graph.')
param b2cTenantDomain string

@description('Media accounts: the appId of the B2C tenant\'s b2c-extensions-app (names the extension attributes in Graph).')
param b2cExtensionsAppId string

@description('Media accounts: the client id of the app registration with Graph User.ReadWrite.All in the B2C tenant, which trusts the app\'s managed identity through a federated identity credential (docs/operations.md).')
param b2cGraphClientId string

@description('Media accounts: sign in to Graph with a client secret (Key Vault secret b2c-graph-client-secret) instead of the managed identity.')
param b2cGraphUsesClientSecret bool = false

@description('CFT IDAM roles that make a person a professional, comma-separated (* stands for one or more characters); empty: the code\'s default.')
param cftIdamProfessionalRoles string = ''

// Behaviour
@description('Which sources (x-provenance) each publisher\'s Azure AD client id may publish as: { \'<client id>\': [ \'SNL\', ... ] }. Empty: no publisher may publish (court staff still upload as MANUAL_UPLOAD).')
param publisherProvenances object = {}

@description('App setting names of third parties\' push secrets (each ends _PUSH_SECRET; registered at /system-admin/third-parties as the secret name). Each becomes a Key Vault reference to the secret of the same name in lower case with - for _ (COURTEL_PUSH_SECRET: courtel-push-secret), so a push secret survives every deploy (retainCurrentAppSettings is false).')
param thirdPartyPushSecretSettings array = []

@description('GOV.UK Notify API base URL.')
param notifyBaseUrl string = 'https://api.notifications.service.gov.uk'

@description('GOV.UK Notify template id of the daily subscription digest email.')
param notifyTemplateDailyDigest string

@description('GOV.UK Notify template id of the daily subscription digest email in Welsh.')
param notifyTemplateDailyDigestCy string

@description('GOV.UK Notify template id of the media account welcome email (application approved).')
param notifyTemplateMediaWelcome string

@description('GOV.UK Notify template id of the media account rejection email (with the reasons).')
param notifyTemplateMediaRejection string

@description('GOV.UK Notify template id of the email asking a media user to sign in to keep their account (350 days).')
param notifyTemplateMediaReverify string

@description('GOV.UK Notify template id of the email telling a media user their account was deleted (365 days).')
param notifyTemplateMediaDeleted string

@description('GOV.UK Notify template id of the daily NoMatch report to the service team.')
param notifyTemplateNoMatchReport string

@description('The service team address the daily NoMatch report is sent to.')
param serviceTeamEmail string

@description('Lowest log level written.')
@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs (the audit trail\'s copy included).')
param logRetentionDays int = 90

@description('Where alerts are emailed.')
param alertEmail string

@description('Operator switch: Front Door serves the shutter page instead of the app (docs/operations.md, Shutter).')
param shutterOn bool = false

// Scale and database connections: every instance may hold databasePoolSize connections, so
// functionMaximumInstanceCount x databasePoolSize must fit in the server's connections (checked below).
@description('Connections each function instance may hold open to PostgreSQL (1-100).')
@minValue(1)
@maxValue(100)
param databasePoolSize int = 5

@description('Most instances the function app scales out to; Flex Consumption\'s minimum is 40 in most regions.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory of each function instance.')
@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

// PostgreSQL: the SKU names its tier; HA is offered only outside Burstable, so the tier decides it.
@description('PostgreSQL compute SKU: one of postgresSkus below.')
@allowed(['Standard_B2s', 'Standard_B2ms', 'Standard_D2ds_v5', 'Standard_D4ds_v5'])
param postgresSkuName string = 'Standard_B2s'

@description('PostgreSQL storage in GB.')
param postgresStorageSizeGB int = 32

@description('Object id of the Entra group that administers PostgreSQL (runs migrations, creates the app role).')
param postgresEntraAdminObjectId string

@description('Display name of that Entra group.')
param postgresEntraAdminName string

@description('Object id of the operators\' Entra group: Key Vault Secrets Officer, to set and rotate secrets.')
param operatorsGroupObjectId string

// ---------------------------------------------------------------------------------------------------------------
// Checks: a deployment that breaks one fails at validation (what-if included), before anything changes.
// ---------------------------------------------------------------------------------------------------------------

// Tier and max_connections of each SKU offered (Azure's defaults), less 15 reserved by the service.
var postgresSkus = {
  Standard_B2s: { tier: 'Burstable', connections: 429 - 15 }
  Standard_B2ms: { tier: 'Burstable', connections: 859 - 15 }
  Standard_D2ds_v5: { tier: 'GeneralPurpose', connections: 859 - 15 }
  Standard_D4ds_v5: { tier: 'GeneralPurpose', connections: 1718 - 15 }
}
var postgresTier = postgresSkus[postgresSkuName].tier
var postgresHighAvailability = environmentName == 'prod' && postgresTier != 'Burstable' ? 'ZoneRedundant' : 'Disabled'

// Each check is a string that is JSON only when it holds; json() of anything else fails the deployment with the
// reason as its message. They are tags of every resource, so they are evaluated whatever else changes.
var refusals = {
  publicOnlyInSandbox: json(publicNetworkAccess && environmentName != 'sandbox' ? 'REFUSED: public network access is for the sandbox only (prod and every shared environment are private)' : '"ok"')
  prodNotBurstable: json(environmentName == 'prod' && postgresTier == 'Burstable' ? 'REFUSED: prod needs zone-redundant HA, which the Burstable tier does not offer' : '"ok"')
  connectionsFit: json(functionMaximumInstanceCount * databasePoolSize > postgresSkus[postgresSkuName].connections ? 'REFUSED: functionMaximumInstanceCount x databasePoolSize exceeds the PostgreSQL server\'s connections' : '"ok"')
}
var isPrivate = !(publicNetworkAccess && environmentName == 'sandbox')

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

var resourceToken = take(toLower(uniqueString(subscription().id, resourceGroup().id, environmentName)), 8)
var namePrefix = 'pip-${environmentName}'
var allTags = union(tags, { application: 'pip-service', environment: environmentName }, refusals)
var functionAppName = 'func-${namePrefix}-${resourceToken}'
var identityName = 'id-${namePrefix}'

// Blob containers: shared/storage/names.ts `containers`, plus the Flex Consumption deployment package container and
// the dead letters of the blob event subscriptions (bicep/blob-events.bicep: an event Event Grid could not deliver).
var deploymentContainerName = 'deployment-package'
var blobEventsDeadLetterContainerName = 'blob-events-dead-letter'
var blobContainerNames = [
  'publications'
  'reference-data'
  'glossary'
  'upload-drafts'
  'media-applications'
  'media-subscriber-backups'
  'third-party-pushes'
  deploymentContainerName
  blobEventsDeadLetterContainerName
]

// Queues: shared/storage/names.ts `queues`. The host moves a message that fails maxDequeueCount times (host.json)
// to <queue>-poison and would create that queue itself; it is declared so alerts can target it from day one.
var queueNames = [
  'subscription-notifications'
  'subscription-notifications-poison'
  'publication-renditions'
  'publication-renditions-poison'
  'third-party-pushes'
  'third-party-pushes-poison'
]

// Key Vault secrets the app references. Bicep never writes their values (a secret resource would write a new version
// with the template's value on every deployment): docs/operations.md (Secrets) says how each is made and rotated,
// and the app refuses to start while a reference is unresolved (shared/config/settings.ts).
var notifyApiKeySecretName = 'notify-api-key'
var webClientSecretSecretName = 'web-client-secret'
var b2cClientSecretSecretName = 'b2c-client-secret'
var cftIdamClientSecretSecretName = 'cft-idam-client-secret'
var crimeIdamClientSecretSecretName = 'crime-idam-client-secret'
var sessionSecretSecretName = 'session-secret'
var screenLinkKeysSecretName = 'screen-link-keys'
var unsubscribeLinkKeysSecretName = 'unsubscribe-link-keys'
// Only with b2cGraphUsesClientSecret (so not in keyVaultSecretNames): the Graph app registration's client secret.
var b2cGraphClientSecretSecretName = 'b2c-graph-client-secret'
var keyVaultSecretNames = [
  notifyApiKeySecretName
  webClientSecretSecretName
  b2cClientSecretSecretName
  cftIdamClientSecretSecretName
  crimeIdamClientSecretSecretName
  sessionSecretSecretName
  screenLinkKeysSecretName
  unsubscribeLinkKeysSecretName
]

// ---------------------------------------------------------------------------------------------------------------
// Modules: identity, monitoring, network, data, edge, app
// ---------------------------------------------------------------------------------------------------------------

// The function app's identity: storage, Key Vault references, the deployment package and PostgreSQL (Entra) use it.
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.5.1' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    namePrefix: namePrefix
    logRetentionDays: logRetentionDays
    alertEmail: alertEmail
    appPrincipalId: identity.outputs.principalId
    blobEventsDeadLetterContainerName: blobEventsDeadLetterContainerName
  }
}

module network 'modules/network.bicep' = if (isPrivate) {
  name: 'network'
  params: {
    location: location
    tags: allTags
    namePrefix: namePrefix
    addressPrefix: vnetAddressPrefix
  }
}

module data 'modules/data.bicep' = {
  name: 'data'
  params: {
    location: location
    tags: allTags
    namePrefix: namePrefix
    resourceToken: resourceToken
    environmentName: environmentName
    isPrivate: isPrivate
    privateEndpointSubnetResourceId: isPrivate ? network!.outputs.privateEndpointSubnetResourceId : ''
    blobDnsZoneResourceId: isPrivate ? network!.outputs.blobDnsZoneResourceId : ''
    queueDnsZoneResourceId: isPrivate ? network!.outputs.queueDnsZoneResourceId : ''
    vaultDnsZoneResourceId: isPrivate ? network!.outputs.vaultDnsZoneResourceId : ''
    postgresDnsZoneResourceId: isPrivate ? network!.outputs.postgresDnsZoneResourceId : ''
    blobContainerNames: blobContainerNames
    queueNames: queueNames
    appPrincipalId: identity.outputs.principalId
    appIdentityName: identityName
    operatorsGroupObjectId: operatorsGroupObjectId
    logAnalyticsResourceId: monitoring.outputs.logAnalyticsResourceId
    postgresSkuName: postgresSkuName
    postgresTier: postgresTier
    postgresHighAvailability: postgresHighAvailability
    postgresStorageSizeGB: postgresStorageSizeGB
    postgresEntraAdminObjectId: postgresEntraAdminObjectId
    postgresEntraAdminName: postgresEntraAdminName
  }
}

module edge 'modules/edge.bicep' = {
  name: 'edge'
  params: {
    tags: allTags
    namePrefix: namePrefix
    functionAppHost: '${functionAppName}.azurewebsites.net'
    staticWebsiteHost: data.outputs.staticWebsiteHost
    logAnalyticsResourceId: monitoring.outputs.logAnalyticsResourceId
    shutterOn: shutterOn
  }
}

var keyVaultName = data.outputs.keyVaultName
var storageBlobUri = 'https://${data.outputs.storageAccountName}.blob.${environment().suffixes.storage}/'
var storageQueueUri = 'https://${data.outputs.storageAccountName}.queue.${environment().suffixes.storage}/'

// App settings, one per setting in local.settings.sample.json that applies in Azure. Not set here:
// FUNCTIONS_WORKER_RUNTIME (and FUNCTIONS_EXTENSION_VERSION): Flex Consumption takes them from functionAppConfig.runtime
//   and rejects them as app settings;
// AzureWebJobsStorage: replaced by the identity-based AzureWebJobsStorage__* settings (shared keys are off);
// WEBSITE_TIME_ZONE: not honoured on Flex Consumption; timers are written in UTC (docs/architecture.md);
// FUNCTIONS_MASTER_KEY, PORT, LOCAL_*: local runtime only.
var appSettings = {
  AzureWebJobsStorage__blobServiceUri: storageBlobUri
  AzureWebJobsStorage__queueServiceUri: storageQueueUri
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  DATABASE_URL: 'postgresql://${identityName}@${data.outputs.postgresHost}:5432/pip?sslmode=require'
  DATABASE_POOL_SIZE: string(databasePoolSize)
  DATABASE_AUTH: 'entra'
  DATABASE_ENTRA_CLIENT_ID: identity.outputs.clientId
  NOTIFY_BASE_URL: notifyBaseUrl
  NOTIFY_API_KEY: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${notifyApiKeySecretName})'
  NOTIFY_TEMPLATE_DAILY_DIGEST: notifyTemplateDailyDigest
  NOTIFY_TEMPLATE_DAILY_DIGEST_CY: notifyTemplateDailyDigestCy
  DIGEST_SENDS_PER_MINUTE: '2850'
  DIGEST_RETRY_BASE_SECONDS: '30'
  DIGEST_RETRY_MAX_SECONDS: '3600'
  DIGEST_MAX_ATTEMPTS: '10'
  NOTIFY_TEMPLATE_MEDIA_WELCOME: notifyTemplateMediaWelcome
  NOTIFY_TEMPLATE_MEDIA_REJECTION: notifyTemplateMediaRejection
  NOTIFY_TEMPLATE_MEDIA_REVERIFY: notifyTemplateMediaReverify
  NOTIFY_TEMPLATE_MEDIA_DELETED: notifyTemplateMediaDeleted
  NOTIFY_TEMPLATE_NO_MATCH_REPORT: notifyTemplateNoMatchReport
  SERVICE_TEAM_EMAIL: serviceTeamEmail
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
  B2C_CLIENT_ID: b2cClientId
  CFT_IDAM_CLIENT_ID: cftIdamClientId
  CRIME_IDAM_CLIENT_ID: crimeIdamClientId
  B2C_SCOPES: b2cScopes
  CFT_IDAM_SCOPES: cftIdamScopes
  CRIME_IDAM_SCOPES: crimeIdamScopes
  B2C_ROLE_CLAIM: b2cRoleClaim
  B2C_ACCOUNT_STATUS_CLAIM: b2cAccountStatusClaim
  B2C_AUTHORITY: b2cAuthority
  B2C_SIGN_IN_FLOW: b2cSignInFlow
  B2C_PASSWORD_RESET_FLOW: b2cPasswordResetFlow
  B2C_TENANT_DOMAIN: b2cTenantDomain
  B2C_EXTENSIONS_APP_ID: b2cExtensionsAppId
  B2C_GRAPH_CLIENT_ID: b2cGraphClientId
  B2C_GRAPH_CLIENT_SECRET: b2cGraphUsesClientSecret ? '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${b2cGraphClientSecretSecretName})' : ''
  B2C_GRAPH_MANAGED_IDENTITY_CLIENT_ID: identity.outputs.clientId
  GRAPH_BASE_URL: 'https://graph.microsoft.com'
  B2C_SIGN_UP_FLOW: b2cSignUpFlow
  SESSION_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sessionSecretSecretName})'
  SCREEN_LINK_KEYS: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${screenLinkKeysSecretName})'
  UNSUBSCRIBE_LINK_KEYS: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${unsubscribeLinkKeysSecretName})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
  LOG_LEVEL: logLevel
}

// Push secrets: one Key Vault reference per third party (shared/third-parties/push-secrets.ts reads only *_PUSH_SECRET
// names). The service's own settings win over any clash.
var pushSecretAppSettings = toObject(thirdPartyPushSecretSettings, name => name, name => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${toLower(replace(name, '_', '-'))})')
var allAppSettings = union(pushSecretAppSettings, appSettings)

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    location: location
    tags: allTags
    namePrefix: namePrefix
    functionAppName: functionAppName
    identityResourceId: identity.outputs.resourceId
    storageAccountName: data.outputs.storageAccountName
    storageAccountResourceId: data.outputs.storageAccountResourceId
    deploymentContainerName: deploymentContainerName
    blobEventsDeadLetterContainerName: blobEventsDeadLetterContainerName
    appSettings: allAppSettings
    appSubnetResourceId: isPrivate ? network!.outputs.appSubnetResourceId : ''
    frontDoorId: edge.outputs.frontDoorId
    logAnalyticsResourceId: monitoring.outputs.logAnalyticsResourceId
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (the pipeline reads them)
// ---------------------------------------------------------------------------------------------------------------

output functionAppName string = app.outputs.functionAppName
output functionAppHost string = app.outputs.functionAppHost
output blobEventsTopicName string = app.outputs.blobEventsTopicName
output blobEventsDeadLetterContainerName string = blobEventsDeadLetterContainerName
output portalHost string = edge.outputs.endpointHost
@description('The public origin the static site is served on (publicSiteUrl, else Front Door\'s endpoint): the B2C user flow templates\' URLs are absolute on it.')
output publicSiteOrigin string = empty(publicSiteUrl) ? 'https://${edge.outputs.endpointHost}' : publicSiteUrl
output frontDoorProfileName string = edge.outputs.profileName
output storageAccountName string = data.outputs.storageAccountName
output staticAccountName string = data.outputs.staticAccountName
output postgresHost string = data.outputs.postgresHost
output postgresDatabaseName string = 'pip'
output appDatabaseRole string = identityName
output keyVaultName string = keyVaultName
output keyVaultSecretNames array = keyVaultSecretNames
output managedIdentityClientId string = identity.outputs.clientId
