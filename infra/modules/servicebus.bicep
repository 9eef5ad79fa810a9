metadata description = 'Service Bus namespace and the clinical-alerts topic: duplicate detection on (alert notification id = MessageId), one on-call subscription per clinic for critical alerts, an escalation subscription, and an audit subscription that receives everything. Filters use the application properties the Service Bus alert transport sets (severity, clinicId, target).'

@description('Azure region.')
param location string

@description('Namespace name (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Topic the app publishes alert notifications to.')
param topicName string

@description('Window in which the broker drops a message whose MessageId it has already seen (ISO 8601, at most 7 days).')
param duplicateDetectionWindow string

@description('How long an undelivered alert notification stays on a subscription (ISO 8601).')
param messageTimeToLive string

@description('Clinic ids (as devices send them in clinicId) that get an on-call subscription for their critical alerts.')
param clinicIds string[]

@description('Tags applied to every resource.')
param tags { *: string }

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    // Standard is the smallest tier with topics and duplicate detection.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
    enableBatchedOperations: true
    supportOrdering: false
    maxSizeInMegabytes: 1024
  }
}

resource auditAll 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'audit-all'
  properties: {
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: messageTimeToLive
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
  }
}

resource auditAllRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: auditAll
  // A subscription is created with a catch-all $Default rule; replacing it with an explicit one keeps the filter visible.
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: '1=1'
    }
  }
}

// Escalations (an alert left unacknowledged past its deadline) for whoever stands behind the on-call staff.
resource escalation 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'escalation'
  properties: {
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: messageTimeToLive
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
  }
}

resource escalationRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: escalation
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: 'target = \'escalation\''
    }
  }
}

// Subscription names allow letters, digits, '.', '-' and '_' up to 50 characters; clinic ids may also hold ':'.
resource onCall 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for clinicId in clinicIds: {
    parent: topic
    name: take('oncall-${replace(clinicId, ':', '_')}', 50)
    properties: {
      deadLetteringOnMessageExpiration: true
      defaultMessageTimeToLive: messageTimeToLive
      maxDeliveryCount: 10
      lockDuration: 'PT1M'
    }
  }
]

resource onCallRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = [
  for (clinicId, i) in clinicIds: {
    parent: onCall[i]
    name: '$Default'
    properties: {
      filterType: 'SqlFilter'
      sqlFilter: {
        // Quotes doubled: a clinic id is data, never SQL.
        sqlExpression: 'severity = \'critical\' AND clinicId = \'${replace(clinicId, '\'', '\'\'')}\''
      }
    }
  }
]

@description('Resource id of the topic (role assignment scope: the app may send to this topic only).')
output topicId string = topic.id

@description('Name of the topic.')
output topicName string = topic.name

@description('Name of the namespace.')
output namespaceName string = namespace.name

@description('Fully qualified namespace host, for identity-based clients.')
// serviceBusEndpoint is https://NAME.servicebus.windows.net:443/ in the public cloud; the clients want the host alone.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
