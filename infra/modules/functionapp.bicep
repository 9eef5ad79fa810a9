metadata description = 'The Function App on the Flex Consumption plan: .NET 10 isolated worker, system-assigned identity, HTTPS only, TLS 1.2, no FTP or basic-auth publishing, optional App Service authentication (Entra ID). App settings are written by main.bicep once the identity\'s roles exist.'

@description('Azure region (must offer Flex Consumption).')
param location string

@description('Flex Consumption plan name.')
param planName string

@description('Function App name (globally unique host name).')
param siteName string

@description('Blob endpoint of the storage account that holds the deployment package.')
param deploymentBlobEndpoint string

@description('Container in that account the platform deploys the app package from.')
param deploymentContainerName string

@description('Memory per instance in MB. 2048 is the default; 512 is cheapest when a batch of 100 events fits comfortably.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on scale-out. Caps cost and the load on Table Storage partitions.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Turn on App Service authentication (Entra ID) in front of the HTTP routes.')
param enableAuthentication bool

@description('Client (application) id of the Entra app registration that represents this API; required when enableAuthentication is true.')
param authClientId string

@description('True: a request without a valid Entra token is refused (401) before it reaches the app. False: a token is validated when present and the app decides (API keys still work).')
param authRequireAuthentication bool

@description('Tags applied to every resource.')
param tags { *: string }

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Flex Consumption runs on Linux only.
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Readiness, not liveness: an instance whose storage or alert transport is unreachable is taken out of rotation.
      healthCheckPath: '/api/health/ready'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${deploymentBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Publishing with a user name and password is off: deployments authenticate with Entra ID (az / func use a token).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource authentication 'Microsoft.Web/sites/config@2024-04-01' = if (enableAuthentication) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: authRequireAuthentication
      unauthenticatedClientAction: authRequireAuthentication ? 'Return401' : 'AllowAnonymous'
      // The health probe stays reachable for availability tests and load balancers.
      excludedPaths: [
        '/api/health'
        '/api/health/ready'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

@description('Name of the Function App.')
output siteName string = site.name

@description('Principal id of the app\'s system-assigned identity.')
output principalId string = site.identity.principalId

@description('Default host name, e.g. NAME.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Name of the plan.')
output planName string = plan.name
