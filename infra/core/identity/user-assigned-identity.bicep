// User-assigned managed identity used by the function app for every data-plane call
// (AzureWebJobsStorage, our own tables, Application Insights ingestion, Azure OpenAI).
@description('Identity name.')
param name string

@description('Location.')
param location string

@description('Tags.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
