// Example parameters for the dev environment. Secrets never appear here: the PostgreSQL administrator password
// comes from the pipeline's environment, and DATABASE_URL / NOTIFY_API_KEY live in Key Vault (see README.md).
using './main.bicep'

param environmentName = 'dev'
param location = 'uksouth'
param tags = {
  owner: 'pip-service'
  costCentre: 'hmcts-pip'
}

// Identity providers: dev tenants. Replace the placeholders with the dev tenant ids and B2C/IDAM hosts.
param aadIssuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
param aadAudience = 'api://pip-service-dev'
param b2cIssuer = 'https://pipdev.b2clogin.com/00000000-0000-0000-0000-000000000000/v2.0/'
param cftIdamIssuer = 'https://cft-idam.dev.example.invalid/o'
param crimeIdamIssuer = 'https://crime-idam.dev.example.invalid/openam/oauth2'
param webClientId = 'pip-web-dev'
// Publisher client ids (Azure AD app registrations) and the sources each may publish as. Replace with the dev ids.
param publisherProvenances = {
  '00000000-0000-0000-0000-000000000001': [ 'SNL' ]
  '00000000-0000-0000-0000-000000000002': [ 'LIST_ASSIST' ]
  '00000000-0000-0000-0000-000000000003': [ 'COMMON_PLATFORM' ]
}

param notifyBaseUrl = 'https://api.notifications.service.gov.uk'
param notifyTemplateDailyDigest = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's template id
param notifyTemplateDailyDigestCy = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's Welsh digest template id
param notifyTemplateMediaWelcome = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's template id
param notifyTemplateMediaRejection = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's template id
param notifyTemplateMediaReverify = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's template id
param notifyTemplateMediaDeleted = '00000000-0000-0000-0000-000000000000' // replace with the dev Notify service's template id
param logLevel = 'debug'
param databasePoolSize = 5
param websiteTimeZone = 'Europe/London'

param functionMaximumInstanceCount = 10
param functionInstanceMemoryMB = 2048

// dev: public PostgreSQL behind the Azure-services rule (the default). Higher environments set
// functionAppSubnetResourceId, postgresDelegatedSubnetResourceId and postgresPrivateDnsZoneResourceId.
param postgresSkuName = 'Standard_B1ms'
param postgresTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresAdministratorLogin = 'pipadmin'
param postgresAdministratorPassword = readEnvironmentVariable('PIP_POSTGRES_ADMIN_PASSWORD')
param postgresEntraAdminObjectId = readEnvironmentVariable('PIP_POSTGRES_ENTRA_ADMIN_OBJECT_ID')
param postgresEntraAdminName = 'DTS PIP Developers'

param deployRedis = false
param staticWebAppLocation = 'westeurope'
param staticWebAppSku = 'Free'
