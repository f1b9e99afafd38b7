// Parameters of the test environment. Secrets never appear here: Key Vault holds them (docs/operations.md, Secrets),
// and the Entra object ids come from the pipeline's environment (GitHub environment variables).
using '../main.bicep'

param environmentName = 'test'
param location = 'uksouth'
param tags = {
  owner: 'pip-service'
  costCentre: 'hmcts-pip'
}

// Identity providers: replace the placeholders with the test tenants' issuers and ids.
param aadIssuer = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'
param aadAudience = 'api://pip-service-test'
param b2cIssuer = 'https://piptest.b2clogin.com/00000000-0000-0000-0000-000000000000/v2.0/'
param cftIdamIssuer = 'https://cft-idam.test.example.invalid/o'
param crimeIdamIssuer = 'https://crime-idam.test.example.invalid/openam/oauth2'
param webClientId = 'pip-web-test'
// Media accounts in Azure B2C through Microsoft Graph (docs/operations.md, Media accounts in Azure B2C).
param b2cTenantDomain = 'piptest.onmicrosoft.com'
param b2cExtensionsAppId = readEnvironmentVariable('PIP_B2C_EXTENSIONS_APP_ID')
param b2cGraphClientId = readEnvironmentVariable('PIP_B2C_GRAPH_CLIENT_ID')
param publisherProvenances = {}

param notifyBaseUrl = 'https://api.notifications.service.gov.uk'
param notifyTemplateDailyDigest = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_DAILY_DIGEST')
param notifyTemplateDailyDigestCy = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_DAILY_DIGEST_CY')
param notifyTemplateMediaWelcome = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_MEDIA_WELCOME')
param notifyTemplateMediaRejection = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_MEDIA_REJECTION')
param notifyTemplateMediaReverify = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_MEDIA_REVERIFY')
param notifyTemplateMediaDeleted = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_MEDIA_DELETED')
param notifyTemplateNoMatchReport = readEnvironmentVariable('PIP_NOTIFY_TEMPLATE_NO_MATCH_REPORT')
param serviceTeamEmail = readEnvironmentVariable('PIP_SERVICE_TEAM_EMAIL')

param postgresEntraAdminObjectId = readEnvironmentVariable('PIP_POSTGRES_ENTRA_ADMIN_OBJECT_ID')
param postgresEntraAdminName = readEnvironmentVariable('PIP_POSTGRES_ENTRA_ADMIN_NAME')
param operatorsGroupObjectId = readEnvironmentVariable('PIP_OPERATORS_GROUP_OBJECT_ID')
param alertEmail = readEnvironmentVariable('PIP_ALERT_EMAIL')

param publicNetworkAccess = false
param vnetAddressPrefix = '10.40.2.0/24'
param logLevel = 'info'
param logRetentionDays = 30
param postgresSkuName = 'Standard_B2s'
param functionMaximumInstanceCount = 40
param databasePoolSize = 5
