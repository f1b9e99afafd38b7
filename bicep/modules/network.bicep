// Network (design 3.4.2, 3.6): one VNet per environment, a subnet the function app integrates with (delegated to
// Microsoft.App/environments, as Flex Consumption requires), a subnet for private endpoints, and the private DNS
// zones the endpoints register in. Not deployed for the sandbox, which is public and throwaway.
param location string
param tags object
param namePrefix string

@description('Address space of the VNet; /24 leaves room for both subnets.')
param addressPrefix string = '10.40.0.0/24'

var vnetName = 'vnet-${namePrefix}'
var privateDnsZoneNames = [
  'privatelink.blob.${environment().suffixes.storage}'
  'privatelink.queue.${environment().suffixes.storage}'
  'privatelink.vaultcore.azure.net'
  'privatelink.postgres.database.azure.com'
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 25, 0)
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 25, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in privateDnsZoneNames: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in privateDnsZoneNames: {
    parent: zones[i]
    name: vnetName
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

output appSubnetResourceId string = '${vnet.id}/subnets/snet-app'
output privateEndpointSubnetResourceId string = '${vnet.id}/subnets/snet-private-endpoints'
output blobDnsZoneResourceId string = zones[0].id
output queueDnsZoneResourceId string = zones[1].id
output vaultDnsZoneResourceId string = zones[2].id
output postgresDnsZoneResourceId string = zones[3].id
