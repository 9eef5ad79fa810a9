using 'main.bicep'

// A developer's own environment: smallest sizes, no App Service authentication (API keys only).
param environmentName = 'dev'
param clinicIds = [
  'abq-01'
]
param instanceMemoryMB = 512
param maximumInstanceCount = 10
param logDailyQuotaGb = 1
