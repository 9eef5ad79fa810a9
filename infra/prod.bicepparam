using 'main.bicep'

// A small clinic network. Edit clinicIds, producerPrincipalIds and authClientId before the first deployment.
param environmentName = 'prod'
param clinicIds = [
  'abq-01'
  'abq-02'
  'sfe-01'
]
// Object ids of the clinic gateways' service principals (az ad sp show --id APP_ID --query id -o tsv).
param producerPrincipalIds = []
param storageSku = 'Standard_ZRS'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
// App Service authentication comes on when the API's Entra app registration is named (see README, Deploy to Azure).
var apiClientId = readEnvironmentVariable('INFUSIONAUDIT_AUTH_CLIENT_ID', '')
param enableAuthentication = !empty(apiClientId)
param authClientId = apiClientId
param authRequireAuthentication = false
param patientHashKeySecretVersion = readEnvironmentVariable('INFUSIONAUDIT_PATIENT_HASH_KEY_VERSION', '')
param logRetentionDays = 90
param logDailyQuotaGb = 5
// Who may set the Key Vault secrets (az ad signed-in-user show --query id -o tsv), for the bootstrap and rotations.
param vaultOperatorPrincipalId = readEnvironmentVariable('INFUSIONAUDIT_VAULT_OPERATOR_ID', '')
// 'true' once, on the first deployment after the resource group was deleted and recreated (docs/operations.md).
param recoverKeyVault = readEnvironmentVariable('INFUSIONAUDIT_RECOVER_KEY_VAULT', 'false') == 'true'
