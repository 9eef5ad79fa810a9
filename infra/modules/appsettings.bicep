metadata description = 'The Function App\'s app settings, written as a module of their own so that they run after the site, its role assignments and Application Insights exist: the site and the component are read as existing only here, inside a deployment that starts once its dependencies have finished.'

@description('Name of the Function App; main.bicep makes this deployment wait for the functionapp module.')
param siteName string

@description('Name of the Application Insights component; main.bicep makes this deployment wait for the monitoring module.')
param appInsightsName string

@description('Every app setting except the Application Insights connection string, which is read here from the component.')
param settings { *: string }

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(settings, {
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  })
}
