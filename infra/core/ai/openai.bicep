// Optional Azure OpenAI account (deployed only when main.bicep's deployOpenAi is true).
// Local (key) auth is disabled: the app calls it with its managed identity, which gets
// Cognitive Services OpenAI User on the account.
@description('Account name; also used as the custom subdomain (required for Entra ID auth).')
param name string

@description('Location.')
param location string

@description('Tags.')
param tags object = {}

@description('Model deployment name (the app reads it from EVALREPORTS_AZURE_OPENAI_DEPLOYMENT).')
param deploymentName string

@description('Model name, e.g. gpt-4o-mini.')
param modelName string

@description('Model version.')
param modelVersion string

@description('Deployment SKU, e.g. GlobalStandard or Standard.')
param deploymentSkuName string

@minValue(1)
@description('Deployment capacity (thousands of tokens per minute).')
param deploymentCapacity int

@description('Principal id of the app\'s managed identity, granted Cognitive Services OpenAI User.')
param identityPrincipalId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource modelDeployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: deploymentSkuName
    capacity: deploymentCapacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: modelName
      version: modelVersion
    }
  }
}

var cognitiveServicesOpenAiUserRoleId = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
)

resource openAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityPrincipalId, cognitiveServicesOpenAiUserRoleId)
  scope: account
  properties: {
    roleDefinitionId: cognitiveServicesOpenAiUserRoleId
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = account.properties.endpoint
output deploymentName string = modelDeployment.name
