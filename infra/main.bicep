metadata description = 'InfusionAudit in one resource group: Function App (Flex Consumption, .NET 10 isolated), storage (queues, tables, no shared keys), Service Bus topic for alerts, Key Vault for secrets, Application Insights. Deploy: az deployment group create -g RG -f infra/main.bicep -p infra/prod.bicepparam'

targetScope = 'resourceGroup'

// ---- parameters ------------------------------------------------------------------------------------------------

@description('Environment name; part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Short lowercase name (letters and digits) at the start of every resource name.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'infaudit'

@description('Azure region of every resource; must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Clinic ids (as devices send them in clinicId) that get an on-call Service Bus subscription for their critical alerts.')
param clinicIds string[]

@description('Entra object ids of clinic gateways (service principals / managed identities) allowed to send to the event queue.')
param producerPrincipalIds string[] = []

@description('Object id of a user or group that may manage the Key Vault secrets (bootstrap and rotation); empty for none.')
param vaultOperatorPrincipalId string = ''

@description('Recover the soft-deleted vault of this environment instead of creating one: needed once after the resource group was deleted and recreated (purge protection keeps the vault name taken for 90 days, and recovering keeps the HMAC key every patient hash depends on).')
param recoverKeyVault bool = false

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Turn on App Service authentication (Entra ID) for the HTTP routes.')
param enableAuthentication bool = false

@description('Client id of the Entra app registration of this API (needed when enableAuthentication is true).')
param authClientId string = ''

@description('With authentication on: refuse requests without a valid token (true) or let the app decide (false).')
param authRequireAuthentication bool = true

@description('CRON schedule (six fields, with seconds) of the clock check; InfusionAudit:ClockSchedule.')
param clockSchedule string = '0 * * * * *'

@description('Largest accepted POST /api/events body in bytes; InfusionAudit:MaxHttpBodyBytes.')
@minValue(1024)
param maxHttpBodyBytes int = 1048576

@description('Service Bus duplicate detection window (ISO 8601): a re-sent alert notification inside it is dropped by the broker.')
param duplicateDetectionWindow string = 'PT10M'

@description('Alert transports, comma-separated from serviceBus, queue, webhook; InfusionAudit:Alerts:Transports. The alerts-outbound queue exists either way.')
param alertTransports string = 'serviceBus'

@description('CRON schedule (six fields) of the alert timer (group windows, escalation, dispatch retries); InfusionAudit:Alerts:Schedule.')
param alertSchedule string = '*/5 * * * * *'

@description('Key Vault secret holding the patient-reference HMAC key (hex or base64, at least 32 bytes). Created out of band, never by this template.')
param patientHashKeySecretName string = 'patient-hash-key'

@description('Version of that secret the app reads. Pin it: a versionless reference follows a new version within a day, and a new HMAC key changes every patient hash. Empty only before the secret exists (bootstrap).')
param patientHashKeySecretVersion string = ''

@description('The HMAC key\'s name in every stored patient hash (hmac-sha256:v1:<scope>:<keyId>:...); InfusionAudit:PatientHashKeyId. Empty: derived from the key. Set a new id with every new key.')
@maxLength(40)
param patientHashKeyId string = ''

@description('Where one patientRef names one patient: Clinic (the same reference at two clinics is two patients) or Organisation (one patient index across the network); InfusionAudit:PatientIdentityScope. Changing it starts new patient histories.')
@allowed([
  'Clinic'
  'Organisation'
])
param patientIdentityScope string = 'Clinic'

@description('Days the Log Analytics workspace keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily Log Analytics ingestion cap in GB (-1 for none).')
param logDailyQuotaGb int = 1

@description('Extra tags for every resource.')
param tags { *: string } = {}

// ---- names -----------------------------------------------------------------------------------------------------

var suffix = uniqueString(subscription().id, resourceGroup().id, namePrefix, environmentName)
var compactPrefix = toLower(namePrefix)
var allTags = union(tags, {
  application: 'InfusionAudit'
  environment: environmentName
})

// Names depend only on the subscription, the resource group's name, the prefix and the environment: a resource group
// deleted and recreated under the same name gets the same names, so its soft-deleted vault can be recovered.
var names = {
  storage: take('st${compactPrefix}${environmentName}${suffix}', 24)
  vault: take('kv${compactPrefix}${environmentName}${suffix}', 24)
  serviceBus: 'sb-${compactPrefix}-${environmentName}-${suffix}'
  plan: 'plan-${compactPrefix}-${environmentName}-${suffix}'
  site: 'func-${compactPrefix}-${environmentName}-${suffix}'
  workspace: 'log-${compactPrefix}-${environmentName}-${suffix}'
  appInsights: 'appi-${compactPrefix}-${environmentName}-${suffix}'
}

// The queue and table names the code uses (InfusionAudit:EventsQueue, TableNames.All); tables.json is the one list.
var eventsQueueName = 'infusion-events'
var alertsQueueName = 'alerts-outbound'
var queueNames = [
  eventsQueueName
  '${eventsQueueName}-poison'
  alertsQueueName
]
var tableNames = loadJsonContent('tables.json').tables
var alertsTopicName = 'clinical-alerts'
var deploymentContainerName = 'app-package'

// Secrets the app reads through Key Vault references. Each API key secret is a comma-separated list (rotation overlap).
var apiKeySecretNames = {
  producer: 'api-keys-producer'
  onCall: 'api-keys-oncall'
  auditor: 'api-keys-auditor'
  admin: 'api-keys-admin'
}

// ---- resources -------------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    queueNames: queueNames
    tableNames: tableNames
    deploymentContainerName: deploymentContainerName
    skuName: storageSku
    tags: allTags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: names.serviceBus
    topicName: alertsTopicName
    duplicateDetectionWindow: duplicateDetectionWindow
    messageTimeToLive: 'P1D'
    clinicIds: clinicIds
    tags: allTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.vault
    createMode: recoverKeyVault ? 'recover' : 'default'
    softDeleteRetentionInDays: 90
    tags: allTags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    planName: names.plan
    siteName: names.site
    deploymentBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    enableAuthentication: enableAuthentication
    authClientId: authClientId
    authRequireAuthentication: authRequireAuthentication
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    appPrincipalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', names.site)
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    topicName: alertsTopicName
    vaultName: names.vault
    appInsightsName: names.appInsights
    eventsQueueName: eventsQueueName
    producerPrincipalIds: producerPrincipalIds
    vaultOperatorPrincipalId: vaultOperatorPrincipalId
  }
  // The names above are known before deployment (what-if can predict the assignments); these create the scopes
  // (storage comes first already: functionApp reads its outputs).
  dependsOn: [
    serviceBus
    keyVault
    monitoring
  ]
}

// A Key Vault reference; the app's identity resolves it at start (Key Vault Secrets User).
func keyVaultReference(vaultUri string, secretName string, version string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/${version})'

// App settings map one to one onto the configuration the code reads (section InfusionAudit, AzureWebJobsStorage);
// written after the role assignments so the host's first start can already reach storage and Key Vault. A module, not
// a resource here: the site and Application Insights are read as existing, which on a first deployment must wait for
// the modules that create them (a root-level existing read runs at the start and fails with NotFound).
module appSettings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    // Names known before deployment (what-if predicts the settings); the ordering comes from dependsOn and from the
    // functionApp outputs read below.
    siteName: names.site
    appInsightsName: names.appInsights
    settings: {
      // Identity-based storage connection: no account key exists to leak (allowSharedKeyAccess is false).
      AzureWebJobsStorage__accountName: storage.outputs.accountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
      AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
      AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
      // Local auth is off on the component: the host and the app's exporter authenticate with the managed identity.
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      InfusionAudit__EventsQueue: eventsQueueName
      InfusionAudit__ProtocolsPath: 'protocols'
      // The storage module creates every table and queue: a cold start spends no round trip creating them.
      InfusionAudit__CreateStorageAtStart: 'false'
      InfusionAudit__ClockSchedule: clockSchedule
      InfusionAudit__MaxHttpBodyBytes: string(maxHttpBodyBytes)
      InfusionAudit__PatientHashKey: keyVaultReference(keyVault.outputs.vaultUri, patientHashKeySecretName, patientHashKeySecretVersion)
      InfusionAudit__PatientHashKeyId: patientHashKeyId
      InfusionAudit__PatientIdentityScope: patientIdentityScope
      InfusionAudit__Keys__Producer: keyVaultReference(keyVault.outputs.vaultUri, apiKeySecretNames.producer, '')
      InfusionAudit__Keys__OnCall: keyVaultReference(keyVault.outputs.vaultUri, apiKeySecretNames.onCall, '')
      InfusionAudit__Keys__Auditor: keyVaultReference(keyVault.outputs.vaultUri, apiKeySecretNames.auditor, '')
      InfusionAudit__Keys__Admin: keyVaultReference(keyVault.outputs.vaultUri, apiKeySecretNames.admin, '')
      // Trigger attributes read %InfusionAudit:Alerts:Schedule% from app settings: the Functions host cannot index the timer without it.
      InfusionAudit__Alerts__Schedule: alertSchedule
      InfusionAudit__Alerts__Transports: alertTransports
      InfusionAudit__Alerts__QueueName: alertsQueueName
      InfusionAudit__Alerts__PublicBaseUrl: 'https://${functionApp.outputs.defaultHostName}'
      InfusionAudit__Alerts__ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      InfusionAudit__Alerts__ServiceBus__credential: 'managedidentity'
      InfusionAudit__Alerts__ServiceBus__TopicName: serviceBus.outputs.topicName
      // The app trusts App Service's X-MS-CLIENT-PRINCIPAL header only when App Service authentication is really on.
      InfusionAudit__AppServiceAuth__Enabled: string(enableAuthentication)
    }
  }
  dependsOn: [
    roles
    monitoring
  ]
}

// ---- outputs (names and addresses only: no keys, no connection strings) ---------------------------------------

@description('Base URL of the app, e.g. https://func-....azurewebsites.net (health: /api/health).')
output appUrl string = 'https://${functionApp.outputs.defaultHostName}'

@description('Function App name (for az functionapp / func azure functionapp publish).')
output functionAppName string = functionApp.outputs.siteName

@description('Storage account name (queues infusion-events, alerts-outbound; the tables).')
output storageAccountName string = storage.outputs.accountName

@description('Service Bus namespace name.')
output serviceBusNamespaceName string = serviceBus.outputs.namespaceName

@description('Alert topic name.')
output alertsTopicName string = serviceBus.outputs.topicName

@description('Key Vault name (secrets are set out of band: see README, Deploy to Azure).')
output keyVaultName string = keyVault.outputs.vaultName

@description('Names of the secrets the app expects in the vault.')
output expectedSecretNames string[] = [
  patientHashKeySecretName
  apiKeySecretNames.producer
  apiKeySecretNames.onCall
  apiKeySecretNames.auditor
  apiKeySecretNames.admin
]

@description('Application Insights name.')
output appInsightsName string = monitoring.outputs.appInsightsName

@description('Log Analytics workspace name.')
output logAnalyticsWorkspaceName string = monitoring.outputs.workspaceName
