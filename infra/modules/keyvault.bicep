metadata description = 'Key Vault for the app\'s secrets (patient-reference HMAC key, API keys). Access by Azure RBAC only; soft delete and purge protection, so a deleted HMAC key can be recovered: losing it makes every stored patient hash unmatchable.'

@description('Azure region.')
param location string

@description('Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('default creates the vault; recover restores the soft-deleted vault of the same name with its secrets (after its resource group was deleted and recreated).')
@allowed([
  'default'
  'recover'
])
param createMode string

@description('Days a deleted secret or vault can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Tags applied to every resource.')
param tags { *: string }

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    createMode: createMode
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

@description('Resource id of the vault (role assignment scope).')
output vaultId string = vault.id

@description('Name of the vault.')
output vaultName string = vault.name

@description('Vault URI, e.g. https://NAME.vault.azure.net/.')
output vaultUri string = vault.properties.vaultUri
