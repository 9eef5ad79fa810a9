using 'main.bicep'

// A developer's own environment: smallest sizes, no App Service authentication (API keys only).
param environmentName = 'dev'
param clinicIds = [
  'abq-01'
]
param instanceMemoryMB = 512
param maximumInstanceCount = 10
param logDailyQuotaGb = 1
// Pin the HMAC key version once the secret exists (README, Deploy to Azure).
param patientHashKeySecretVersion = readEnvironmentVariable('INFUSIONAUDIT_PATIENT_HASH_KEY_VERSION', '')
// Who may set the Key Vault secrets (az ad signed-in-user show --query id -o tsv), for the bootstrap and rotations.
param vaultOperatorPrincipalId = readEnvironmentVariable('INFUSIONAUDIT_VAULT_OPERATOR_ID', '')
// 'true' once, on the first deployment after the resource group was deleted and recreated (docs/operations.md).
param recoverKeyVault = readEnvironmentVariable('INFUSIONAUDIT_RECOVER_KEY_VAULT', 'false') == 'true'
