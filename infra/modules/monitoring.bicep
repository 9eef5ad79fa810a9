metadata description = 'Log Analytics workspace and the workspace-based Application Insights the app and the Functions host write to.'

@description('Azure region.')
param location string

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Days the workspace keeps data (30 is included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Daily ingestion cap in GB; -1 for none. A cap protects a small clinic network from a runaway log loop.')
param dailyQuotaGb int

@description('Tags applied to every resource.')
param tags { *: string }

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Ingestion only with an Entra token (the app's managed identity, Monitoring Metrics Publisher): a leaked
    // connection string cannot be used to write fake telemetry.
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource id of the Application Insights component (role assignment scope).')
output appInsightsId string = appInsights.id

@description('Name of the Application Insights component.')
output appInsightsName string = appInsights.name

@description('Name of the Log Analytics workspace.')
output workspaceName string = workspace.name
