// Monitoring: Log Analytics (every diagnostic log, the audit trail's copy), Application Insights (workspace-based) and
// the alerts of docs/operations.md "Alerts", each sent to the operators' action group.
param location string
param tags object
param namePrefix string
param logRetentionDays int

@description('The app\'s identity: it publishes telemetry to Application Insights.')
param appPrincipalId string

@description('Where alerts go: the operators\' email address (an action group receiver).')
param alertEmail string

@description('The container Event Grid writes undeliverable blob events to (../blob-events.bicep).')
param blobEventsDeadLetterContainerName string

@description('The timer functions and how many hours may pass without a run before "did not run" fires.')
param timers array = [
  { name: 'dailySubscriptions', maxGapHours: 25 }
  { name: 'auditRetention', maxGapHours: 25 }
  { name: 'mediaAccountLifecycle', maxGapHours: 25 }
  { name: 'archivePublications', maxGapHours: 2 }
  { name: 'thirdPartyPushSweep', maxGapHours: 1 }
]

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.15.1' = {
  name: 'log-analytics'
  params: {
    name: 'log-${namePrefix}'
    location: location
    tags: tags
    dataRetention: logRetentionDays
  }
}

module applicationInsights 'br/public:avm/res/insights/component:0.7.1' = {
  name: 'application-insights'
  params: {
    name: 'appi-${namePrefix}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    applicationType: 'web'
    // Local (key) auth stays on: the in-process applicationinsights SDK sends with the connection string alone.
    // The Functions host authenticates with the identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING).
    disableLocalAuth: false
    roleAssignments: [
      {
        principalId: appPrincipalId
        principalType: 'ServicePrincipal'
        roleDefinitionIdOrName: 'Monitoring Metrics Publisher'
      }
    ]
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('pip-ops', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var timerNames = map(timers, t => '\'${t.name}\'')
var timerTable = join(map(timers, t => '\'${t.name}\', ${t.maxGapHours}'), ', ')

// Each alert: a KQL query over Application Insights (or the workspace), how often it runs, and over what window.
var appInsightsAlerts = [
  {
    name: 'timer-failed'
    severity: 1
    description: 'A timer function failed (docs/operations.md, Alerts: timer-failed).'
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'requests | where operation_Name in (${join(timerNames, ', ')}) and success == false | project timestamp, operation_Name, operation_Id'
  }
  {
    name: 'timer-did-not-run'
    severity: 1
    description: 'A timer function has not run on schedule (docs/operations.md, Alerts: timer-did-not-run).'
    frequency: 'PT1H'
    window: 'P2D'
    query: 'datatable(name: string, maxGapHours: int) [${timerTable}] | join kind=leftouter (requests | summarize last = max(timestamp) by name = operation_Name) on name | where isnull(last) or last < ago(1h * maxGapHours) | project name, last'
  }
  {
    name: 'http-5xx-rate'
    severity: 2
    description: 'More than 5% of requests answered 5xx over 15 minutes (docs/operations.md, Alerts: http-5xx-rate).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 and todouble(failed) / total > 0.05'
  }
  {
    name: 'sign-in-failures'
    severity: 2
    description: 'More than 50 failed sign-ins in 15 minutes (docs/operations.md, Alerts: sign-in-failures).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | where message has "SIGN_IN_FAILED" | summarize failures = count() | where failures > 50'
  }
  {
    name: 'provenance-refused'
    severity: 1
    description: 'A publisher tried to publish as a source it may not (docs/operations.md, Alerts: provenance-refused).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | where message has "PUBLICATION_PROVENANCE_REFUSED" | project timestamp, message'
  }
  {
    name: 'privilege-refusals'
    severity: 2
    description: 'More than 20 refusals of admin pages or APIs, or of forged forms, in 15 minutes (docs/operations.md, Alerts: privilege-refusals).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | where message has_any ("WEB_ADMIN_PAGE_REFUSED", "AUDIT_EXPORT_DENIED", "COURT_REF_IMPORT_DENIED", "LOCATION_DELETE_DENIED", "WEB_CSRF_TOKEN_REFUSED", "WEB_CROSS_SITE_FORM_REFUSED") | summarize refusals = count() | where refusals > 20'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in appInsightsAlerts: {
    name: 'alert-${namePrefix}-${alert.name}'
    location: location
    tags: tags
    properties: {
      displayName: 'P&I ${alert.name}'
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [
        applicationInsights.outputs.resourceId
      ]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

// A message moved to any poison queue (<queue>-poison, webjobs-blobtrigger-poison): the storage account's queue
// logs reach the workspace through its diagnostic settings (modules/data.bicep).
resource poisonQueueAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${namePrefix}-poison-queue'
  location: location
  tags: tags
  properties: {
    displayName: 'P&I poison-queue'
    description: 'A message was moved to a poison queue (docs/operations.md, Alerts: poison-queue).'
    severity: 1
    enabled: true
    scopes: [
      logAnalytics.outputs.resourceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and ObjectKey has "-poison" | project TimeGenerated, ObjectKey'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

// A blob event Event Grid could not deliver to its trigger was dead-lettered: the blob it names was never processed
// (a publication stays pending). The storage account's blob logs reach the workspace (modules/data.bicep).
resource blobEventDeadLetteredAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: 'alert-${namePrefix}-blob-event-dead-lettered'
  location: location
  tags: tags
  properties: {
    displayName: 'P&I blob-event-dead-lettered'
    description: 'A blob event could not be delivered to its trigger (docs/operations.md, Alerts: blob-event-dead-lettered).'
    severity: 1
    enabled: true
    scopes: [
      logAnalytics.outputs.resourceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'StorageBlobLogs | where OperationName == "PutBlob" and ObjectKey has "/${blobEventsDeadLetterContainerName}/" | project TimeGenerated, ObjectKey'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output logAnalyticsResourceId string = logAnalytics.outputs.resourceId
output applicationInsightsResourceId string = applicationInsights.outputs.resourceId
output applicationInsightsConnectionString string = applicationInsights.outputs.connectionString
