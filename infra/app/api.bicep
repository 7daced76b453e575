// Flex Consumption plan + the EvalReports function app (.NET 10 isolated worker, Durable Functions).
// All platform and app connections are identity-based (user-assigned identity); no keys or secrets.
@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Location.')
param location string

@description('Tags (azd-service-name is added for the function app).')
param tags object = {}

@description('Storage account backing AzureWebJobsStorage, our tables and the deployment container.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@minValue(1)
@maxValue(1000)
@description('Maximum instance count for Flex Consumption scale-out.')
param maximumInstanceCount int

@description('Durable Functions task hub name.')
param taskHubName string

@description('Prefix for the tables EvalReports creates.')
param tablePrefix string

@description('EVALREPORTS_DEFAULT_REPORT_LIMIT: report quota of a workspace without its own.')
param defaultReportLimit int

@description('Subnet the app is integrated with (private networking); empty for none.')
param virtualNetworkSubnetId string = ''

@description('Whether an Azure OpenAI deployment is available for the summarizer.')
param openAiEnabled bool = false

@description('Azure OpenAI endpoint (when openAiEnabled).')
param openAiEndpoint string = ''

@description('Azure OpenAI deployment name (when openAiEnabled).')
param openAiDeploymentName string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Functions host storage (blobs, queues, Durable Functions task hub): identity-based connection.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        // Application Insights with Entra ID ingestion (local auth is disabled on the component).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Durable Functions (host.json: hubName = %TASKHUB_NAME%).
        {
          name: 'TASKHUB_NAME'
          value: taskHubName
        }
        // EvalReports' own tables, reached with the same identity.
        {
          name: 'EVALREPORTS_TABLES_SERVICE_URI'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'EVALREPORTS_TABLE_PREFIX'
          value: tablePrefix
        }
        {
          name: 'EVALREPORTS_DEFAULT_REPORT_LIMIT'
          value: string(defaultReportLimit)
        }
        // Summarizer: the LLM one on Azure OpenAI through the managed identity when deployed, else the embedded one.
        {
          name: 'EVALREPORTS_SUMMARIZER'
          value: openAiEnabled ? 'llm' : 'embedded'
        }
        {
          name: 'EVALREPORTS_AZURE_OPENAI_ENDPOINT'
          value: openAiEnabled ? openAiEndpoint : ''
        }
        {
          name: 'EVALREPORTS_AZURE_OPENAI_DEPLOYMENT'
          value: openAiEnabled ? openAiDeploymentName : ''
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: 1
          }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Basic-auth publishing (FTP and SCM) off: azd deploys to the blob container with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
