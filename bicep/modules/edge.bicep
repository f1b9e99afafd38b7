// The portal's one origin: Azure Front Door Premium with a WAF policy. Routes come from ../edge-routes.json, the table
// the local runtime serves static files by, so the two cannot drift: its staticPatterns go to the static origin
// (web-static/ on the static storage account's website), everything else to the function app, after its rewrites
// (/admin/… → /court-admin/…, the court staff pages; the local runtime applies the same). The function app's
// origin group falls back to the static origin when the app's health probe fails, where every path answers the
// shutter page (the static website's 404 document); `shutterOn` sends everything to it on purpose.
param tags object
param namePrefix string
param functionAppHost string
param staticWebsiteHost string
param logAnalyticsResourceId string

@description('Operator switch: serve the shutter page for every request that is not a static asset.')
param shutterOn bool = false

@description('Requests a client may make in a minute to the sign-in pages before the WAF blocks it.')
param signInRateLimitPerMinute int = 30

@description('Requests a client may make in a minute to the publication API before the WAF blocks it.')
param publicationApiRateLimitPerMinute int = 600

var routeTable = loadJsonContent('../edge-routes.json')
var profileName = 'afd-${namePrefix}'
var wafPolicyName = replace('waf${namePrefix}', '-', '')

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    // Premium: the WAF's managed rule sets are not offered on Standard.
    name: 'Premium_AzureFrontDoor'
  }
  properties: {
    originResponseTimeoutSeconds: 60
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: profile
  name: 'fde-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

resource appOriginGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'app'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    healthProbeSettings: {
      probePath: '/api/health'
      probeRequestType: 'GET'
      probeProtocol: 'Https'
      probeIntervalInSeconds: 30
    }
    sessionAffinityState: 'Disabled'
  }
}

resource appOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: appOriginGroup
  name: 'function-app'
  properties: {
    hostName: functionAppHost
    originHostHeader: functionAppHost
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// The shutter: second in priority, used only while the function app's probe fails. The static site answers the probe
// path (the pipeline puts a file at api/health in $web) and every other path with the shutter page.
resource shutterOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: appOriginGroup
  name: 'shutter'
  properties: {
    hostName: staticWebsiteHost
    originHostHeader: staticWebsiteHost
    httpsPort: 443
    priority: 2
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

resource staticOriginGroup 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = {
  parent: profile
  name: 'static'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}

resource staticOrigin 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = {
  parent: staticOriginGroup
  name: 'static-website'
  properties: {
    hostName: staticWebsiteHost
    originHostHeader: staticWebsiteHost
    httpsPort: 443
    priority: 1
    weight: 1000
    enabledState: 'Enabled'
    enforceCertificateNameCheck: true
  }
}

// The operator's switch (docs/operations.md, Shutter): every request the app route takes is rewritten to the shutter
// page on the static origin.
resource shutterRuleSet 'Microsoft.Cdn/profiles/ruleSets@2024-02-01' = {
  parent: profile
  name: 'shutter'
}

resource shutterRule 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = if (shutterOn) {
  parent: shutterRuleSet
  name: 'servesShutterPage'
  properties: {
    order: 1
    conditions: []
    actions: [
      {
        name: 'UrlRewrite'
        parameters: {
          typeName: 'DeliveryRuleUrlRewriteActionParameters'
          sourcePattern: '/'
          destination: '/shutter/index.html'
          preserveUnmatchedPath: false
        }
      }
      {
        name: 'RouteConfigurationOverride'
        parameters: {
          typeName: 'DeliveryRuleRouteConfigurationOverrideActionParameters'
          originGroupOverride: {
            originGroup: {
              id: staticOriginGroup.id
            }
            forwardingProtocol: 'HttpsOnly'
          }
        }
      }
    ]
    matchProcessingBehavior: 'Stop'
  }
}

// edge-routes.json's staticResponseHeaders on every static response (the local runtime sets the same).
resource staticHeadersRuleSet 'Microsoft.Cdn/profiles/ruleSets@2024-02-01' = {
  parent: profile
  name: 'staticHeaders'
}

resource staticHeadersRule 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = {
  parent: staticHeadersRuleSet
  name: 'setsStaticResponseHeaders'
  properties: {
    order: 1
    conditions: []
    actions: [
      for header in items(routeTable.staticResponseHeaders): {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: header.key
          value: header.value
        }
      }
    ]
    matchProcessingBehavior: 'Continue'
  }
}

// edge-routes.json's rewrites on the app route (the local runtime applies the same, local/runtime/edge-routes.ts):
// a request for the folder `source` or anything under it reaches the function app with `source` replaced by
// `destination`, the query kept. Court staff pages are public at /admin/…, but the Functions host keeps /admin for
// itself, so the app serves them at /court-admin/…. Each rewrite is two rules: the folder itself (/admin) and what is
// under it (/admin/…), so /administration is left alone. Path conditions are matched without the leading slash and,
// with no transform, case-sensitively; the action's source pattern is a prefix, replaced by the destination, with the
// rest of the path kept when preserveUnmatchedPath is true.
resource rewritesRuleSet 'Microsoft.Cdn/profiles/ruleSets@2024-02-01' = {
  parent: profile
  name: 'rewrites'
}

@batchSize(1)
resource rewriteFolderRules 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = [
  for (rewrite, i) in routeTable.rewrites: {
    parent: rewritesRuleSet
    name: 'rewrite${i}Folder'
    properties: {
      order: (2 * i) + 1
      conditions: [
        {
          name: 'UrlPath'
          parameters: {
            typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
            operator: 'Equal'
            negateCondition: false
            matchValues: [
              substring(rewrite.source, 1)
            ]
            transforms: []
          }
        }
      ]
      actions: [
        {
          name: 'UrlRewrite'
          parameters: {
            typeName: 'DeliveryRuleUrlRewriteActionParameters'
            sourcePattern: rewrite.source
            destination: rewrite.destination
            preserveUnmatchedPath: false
          }
        }
      ]
      matchProcessingBehavior: 'Continue'
    }
  }
]

@batchSize(1)
resource rewriteUnderRules 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = [
  for (rewrite, i) in routeTable.rewrites: {
    parent: rewritesRuleSet
    name: 'rewrite${i}Under'
    properties: {
      order: (2 * i) + 2
      conditions: [
        {
          name: 'UrlPath'
          parameters: {
            typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
            operator: 'BeginsWith'
            negateCondition: false
            matchValues: [
              '${substring(rewrite.source, 1)}/'
            ]
            transforms: []
          }
        }
      ]
      actions: [
        {
          name: 'UrlRewrite'
          parameters: {
            typeName: 'DeliveryRuleUrlRewriteActionParameters'
            sourcePattern: '${rewrite.source}/'
            destination: '${rewrite.destination}/'
            preserveUnmatchedPath: true
          }
        }
      ]
      matchProcessingBehavior: 'Continue'
    }
    // One rule of a rule set at a time: Front Door refuses concurrent changes to a rule set.
    dependsOn: [
      rewriteFolderRules
    ]
  }
]

resource staticRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'static'
  properties: {
    originGroup: {
      id: staticOriginGroup.id
    }
    patternsToMatch: routeTable.staticPatterns
    ruleSets: [
      {
        id: staticHeadersRuleSet.id
      }
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    cacheConfiguration: {
      queryStringCachingBehavior: 'IgnoreQueryString'
      compressionSettings: {
        isCompressionEnabled: true
        contentTypesToCompress: [
          'text/css'
          'application/javascript'
          'text/javascript'
          'image/svg+xml'
        ]
      }
    }
  }
  dependsOn: [
    staticOrigin
    staticHeadersRule
  ]
}

resource appRoute 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = {
  parent: endpoint
  name: 'app'
  properties: {
    originGroup: {
      id: appOriginGroup.id
    }
    patternsToMatch: [
      '/*'
    ]
    supportedProtocols: [
      'Http'
      'Https'
    ]
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    // Rule sets run in this order: the shutter first (its rule stops the rest), then the rewrites.
    ruleSets: concat(
      shutterOn
        ? [
            {
              id: shutterRuleSet.id
            }
          ]
        : [],
      [
        {
          id: rewritesRuleSet.id
        }
      ]
    )
  }
  dependsOn: [
    appOrigin
    shutterOrigin
    shutterRule
    rewriteFolderRules
    rewriteUnderRules
  ]
}

resource wafPolicy 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2024-02-01' = {
  name: wafPolicyName
  location: 'global'
  tags: tags
  sku: {
    name: 'Premium_AzureFrontDoor'
  }
  properties: {
    policySettings: {
      enabledState: 'Enabled'
      mode: 'Prevention'
      requestBodyCheck: 'Enabled'
    }
    customRules: {
      rules: [
        {
          // The host's own paths are never for callers from outside (the Event Grid webhook is called directly).
          // The WAF runs before the rule sets, on the path as the client sent it: /admin/… in lowercase is the court
          // staff pages, rewritten to /court-admin/… on the app route; any other casing of /admin would reach the
          // host's own admin API (the rewrite's condition is case-sensitive), so it is blocked here.
          name: 'HostPaths'
          priority: 5
          enabledState: 'Enabled'
          ruleType: 'MatchRule'
          action: 'Block'
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: [
                '^https?://[^/]+/runtime(/|\\?|$)'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
        }
        {
          name: 'HostAdminPathsOtherCasing'
          priority: 6
          enabledState: 'Enabled'
          ruleType: 'MatchRule'
          action: 'Block'
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: [
                '^https?://[^/]+/admin(/|\\?|$)'
              ]
              transforms: [
                'Lowercase'
              ]
            }
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              negateCondition: true
              matchValue: [
                '^https?://[^/]+/admin(/|\\?|$)'
              ]
            }
          ]
        }
        {
          name: 'SignInRateLimit'
          priority: 10
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: signInRateLimitPerMinute
          action: 'Block'
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: [
                '^https?://[^/]+/(sign-in|login/return)'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
        }
        {
          name: 'PublicationApiRateLimit'
          priority: 20
          enabledState: 'Enabled'
          ruleType: 'RateLimitRule'
          rateLimitDurationInMinutes: 1
          rateLimitThreshold: publicationApiRateLimitPerMinute
          action: 'Block'
          groupBy: [
            {
              variableName: 'SocketAddr'
            }
          ]
          matchConditions: [
            {
              matchVariable: 'RequestUri'
              operator: 'RegEx'
              matchValue: [
                '^https?://[^/]+/api/publications?(/|\\?|$)'
              ]
              transforms: [
                'Lowercase'
              ]
            }
          ]
        }
      ]
    }
    managedRules: {
      managedRuleSets: [
        {
          ruleSetType: 'Microsoft_DefaultRuleSet'
          ruleSetVersion: '2.1'
          ruleSetAction: 'Block'
        }
        {
          ruleSetType: 'Microsoft_BotManagerRuleSet'
          ruleSetVersion: '1.1'
        }
      ]
    }
  }
}

resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {
  parent: profile
  name: 'waf'
  properties: {
    parameters: {
      type: 'WebApplicationFirewall'
      wafPolicy: {
        id: wafPolicy.id
      }
      associations: [
        {
          domains: [
            {
              id: endpoint.id
            }
          ]
          patternsToMatch: [
            '/*'
          ]
        }
      ]
    }
  }
}

resource frontDoorDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: profile
  properties: {
    workspaceId: logAnalyticsResourceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output frontDoorId string = profile.properties.frontDoorId
output endpointHost string = endpoint.properties.hostName
output profileName string = profile.name
