metadata description = 'Least-privilege role assignments: the app\'s identity gets data-plane roles on exactly the resources it uses; device gateways may only add messages to the event queue; an optional operator may manage the vault\'s secrets.'

@description('Principal id of the Function App\'s system-assigned identity.')
param appPrincipalId string

@description('Resource id of the Function App: names its assignments, so they are known before the identity exists.')
param appResourceId string

@description('Storage account name.')
param storageAccountName string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Topic the app publishes to.')
param topicName string

@description('Key Vault name.')
param vaultName string

@description('Application Insights component name.')
param appInsightsName string

@description('Queue that device gateways send events to.')
param eventsQueueName string

@description('Entra object ids (service principals or managed identities) of clinic gateways allowed to enqueue device events.')
param producerPrincipalIds string[]

@description('Object id of a user or group that manages the vault\'s secrets (HMAC key, API keys); empty for none.')
param vaultOperatorPrincipalId string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName

  resource queueService 'queueServices' existing = {
    name: 'default'

    resource eventsQueue 'queues' existing = {
      name: eventsQueueName
    }
  }
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource topic 'topics' existing = {
    name: topicName
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Blob Data Owner: the Functions host keeps leases and keys in blobs, and the platform reads the deployment package.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appResourceId, roles.storageBlobDataOwner)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Queue Data Contributor on the account: the trigger reads and deletes, creates the poison queue, and alerts go to alerts-outbound.
resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appResourceId, roles.storageQueueDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, appResourceId, roles.storageTableDataContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// Sender on the topic only, not the namespace: the app cannot read subscriptions or send elsewhere.
resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: namespace::topic
  name: guid(namespace::topic.id, appResourceId, roles.serviceBusDataSender)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// Secrets User reads secret values (Key Vault references); it cannot list, set or delete them.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appResourceId, roles.keyVaultSecretsUser)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// Application Insights has local auth disabled: telemetry is accepted only with this role's Entra token.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, appResourceId, roles.monitoringMetricsPublisher)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Gateways can add messages to the event queue and nothing else (no read, no delete, no other queue).
resource producers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for principalId in producerPrincipalIds: {
    scope: storage::queueService::eventsQueue
    name: guid(storage::queueService::eventsQueue.id, principalId, roles.storageQueueDataMessageSender)
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    }
  }
]

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultOperatorPrincipalId)) {
  scope: vault
  name: guid(vault.id, vaultOperatorPrincipalId, roles.keyVaultSecretsOfficer)
  properties: {
    principalId: vaultOperatorPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
