// EvalReports: Azure Developer CLI (azd) entry point.
// Subscription-scoped: creates the resource group and deploys everything into it through local modules.
// Security posture: no account keys, no connection strings with secrets, no listKeys(); the function app
// reaches Storage, Application Insights and (optionally) Azure OpenAI with a user-assigned managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to derive a unique resource token.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. Must be a region that offers the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID). Used only when grantDeployerDataAccess is true.')
param principalId string = ''

@description('Give the deploying user (principalId) data-plane roles on the storage account (Blob Owner, Queue and Table Contributor: every tenant\'s data), for debugging against Azure. Off unless asked for.')
param grantDeployerDataAccess bool = false

@description('Production network isolation: the storage account refuses public traffic (publicNetworkAccess Disabled) and the app reaches blob, queue and table storage through private endpoints in a virtual network it is integrated with.')
param privateNetworking bool = false

@minValue(0)
@description('Report quota of a workspace that has none of its own (EVALREPORTS_DEFAULT_REPORT_LIMIT): reports it may create in all, until an admin sets its own limit. 0 = none until then.')
param defaultReportLimit int = 1000

@minValue(1)
@maxValue(1000)
@description('Maximum number of instances the Flex Consumption app may scale out to.')
param maximumInstanceCount int = 100

@minLength(3)
@maxLength(45)
@description('Durable Functions task hub name (host.json reads it through %TASKHUB_NAME%). Letters and digits only.')
param taskHubName string = 'evalreports'

@description('Deploy an Azure OpenAI account + model deployment (keyless: the app\'s managed identity) and switch the summarizer to llm (azd env EVALREPORTS_DEPLOY_OPENAI). When false the app uses its embedded summarizer.')
param deployOpenAi bool = false

@description('Azure OpenAI model name (azd env EVALREPORTS_OPENAI_MODEL_NAME; only used when deployOpenAi is true). It must be offered in the chosen region and SKU.')
param openAiModelName string = 'gpt-4o-mini'

@description('Azure OpenAI model version (azd env EVALREPORTS_OPENAI_MODEL_VERSION; only used when deployOpenAi is true).')
param openAiModelVersion string = '2024-07-18'

@description('Azure OpenAI deployment SKU (azd env EVALREPORTS_OPENAI_SKU; only used when deployOpenAi is true). GlobalStandard may process data in any Azure region; use Standard or DataZoneStandard to keep it in a region or data zone.')
param openAiDeploymentSkuName string = 'GlobalStandard'

@minValue(1)
@description('Azure OpenAI deployment capacity in thousands of tokens per minute (only used when deployOpenAi is true). The LLM summarizer\'s calls are fixed (up to 32,000 tokens each, 4 at once per instance: LlmOptions); 100 sustains that, less gets 429s that fall back to the embedded summarizer.')
param openAiDeploymentCapacity int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
var tablePrefix = 'evalreports'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

module network 'core/network/vnet.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: 'vnet-${resourceToken}'
    location: location
    tags: tags
  }
}

module storagePrivateEndpoints 'core/network/storage-private-endpoints.bicep' = if (privateNetworking) {
  name: 'storage-private-endpoints'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    virtualNetworkId: network.?outputs.id ?? ''
    subnetId: network.?outputs.privateEndpointSubnetId ?? ''
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module openAi 'core/ai/openai.bicep' = if (deployOpenAi) {
  name: 'openai'
  scope: rg
  params: {
    name: 'oai-${resourceToken}'
    location: location
    tags: tags
    deploymentName: openAiModelName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSkuName: openAiDeploymentSkuName
    deploymentCapacity: openAiDeploymentCapacity
    identityPrincipalId: identity.outputs.principalId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: grantDeployerDataAccess ? principalId : ''
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    maximumInstanceCount: maximumInstanceCount
    taskHubName: taskHubName
    tablePrefix: tablePrefix
    defaultReportLimit: defaultReportLimit
    virtualNetworkSubnetId: network.?outputs.appSubnetId ?? ''
    openAiEnabled: deployOpenAi
    openAiEndpoint: openAi.?outputs.endpoint ?? ''
    openAiDeploymentName: openAi.?outputs.deploymentName ?? ''
  }
  // Data-plane roles must exist before the host starts talking to Storage with the identity.
  dependsOn: [
    rbac
    storagePrivateEndpoints
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
