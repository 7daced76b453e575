using Azure.Data.Tables;
using EvalReports.Contracts;
using EvalReports.Auth;
using EvalReports.Summaries.Llm;
using Microsoft.Extensions.Options;

namespace EvalReports;

/// <summary>
/// Checks <see cref="EvalReportsSettings"/> when the host starts (ValidateOnStart): every bad value is one message that
/// names its app setting, and the app does not start. Values the binder cannot convert (a report limit that is not a
/// number, an unknown summarizer) fail before this runs, with the setting's name too.
/// </summary>
/// <param name="websiteInstanceId">The WEBSITE_INSTANCE_ID environment variable: set on every App Service / Functions instance in Azure.</param>
public sealed class EvalReportsSettingsValidator(string? websiteInstanceId) : IValidateOptions<EvalReportsSettings>
{
    public ValidateOptionsResult Validate(string? name, EvalReportsSettings settings)
    {
        var problems = Problems(settings).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>For settings built in code (tests, the benchmark): the same checks, thrown as at startup.</summary>
    public void ThrowIfInvalid(EvalReportsSettings settings)
    {
        if (Validate(Options.DefaultName, settings) is { Failed: true } result)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EvalReportsSettings), result.Failures);
        }
    }

    private IEnumerable<string> Problems(EvalReportsSettings settings)
    {
        if (settings.TablesConnectionString is null && settings.TablesServiceUri is null)
        {
            yield return "Set EVALREPORTS_TABLES_CONNECTION_STRING (local, Azurite) or EVALREPORTS_TABLES_SERVICE_URI (Azure): the app has nowhere to keep its tables.";
        }

        if (settings.TablesConnectionString is { } connection && !IsConnectionString(connection))
        {
            yield return "EVALREPORTS_TABLES_CONNECTION_STRING is not a storage connection string (such as UseDevelopmentStorage=true, or DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…).";
        }

        if (settings.TablesServiceUri is { } tables && !IsHttps(tables))
        {
            yield return "EVALREPORTS_TABLES_SERVICE_URI must be an absolute https URL, such as https://<account>.table.core.windows.net/.";
        }

        if (settings.ManagedIdentityClientId is { } clientId && !Guid.TryParse(clientId, out _))
        {
            yield return $"EVALREPORTS_MANAGED_IDENTITY_CLIENT_ID must be the identity's client id (a GUID), not \"{clientId}\".";
        }

        if (!IsTablePrefix(settings.TablePrefix))
        {
            yield return $"EVALREPORTS_TABLE_PREFIX must be 1-{MaxTablePrefixLength} letters or digits starting with a letter (Table Storage names, at most 63 characters with the table's own name), not \"{settings.TablePrefix}\".";
        }

        if (DevApiKey.Problem(settings, websiteInstanceId) is { } devKey)
        {
            yield return devKey;
        }

        if (!Ids.IsValid(settings.DevWorkspaceUuid))
        {
            yield return $"EVALREPORTS_DEV_WORKSPACE_UUID must be 1-128 characters of letters, digits, '.', '_', ':' or '-' starting with a letter or digit (as every workspace_uuid), not \"{settings.DevWorkspaceUuid}\".";
        }

        if (settings.DefaultReportLimit is < 0)
        {
            yield return $"EVALREPORTS_DEFAULT_REPORT_LIMIT must be 0 or more (the reports a workspace without a quota of its own may create; empty = unlimited), not {settings.DefaultReportLimit}.";
        }

        foreach (var problem in ModelProblems(settings))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ModelProblems(EvalReportsSettings settings)
    {
        if (!Enum.IsDefined(settings.Summarizer))
        {
            yield return $"EVALREPORTS_SUMMARIZER must be \"embedded\" or \"llm\", not \"{settings.Summarizer}\".";
        }

        // Bearer tokens (Entra ID) are only ever sent over TLS.
        if (settings.AzureOpenAiEndpoint is { } azure && !IsHttps(azure))
        {
            yield return "EVALREPORTS_AZURE_OPENAI_ENDPOINT must be an absolute https URL, such as https://<name>.openai.azure.com/.";
        }

        // The key and every eval's data go to this URL: plain http only to a server on this machine.
        if (settings.OpenAiBaseUrl is { } baseUrl)
        {
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                yield return "EVALREPORTS_OPENAI_BASE_URL must be an absolute http(s) URL, such as https://api.openai.com/v1.";
            }
            else if (baseUrl.Scheme == Uri.UriSchemeHttp && !baseUrl.IsLoopback)
            {
                yield return $"EVALREPORTS_OPENAI_BASE_URL must be an https URL (plain http is allowed only for localhost / 127.0.0.1 / [::1]), not \"{baseUrl.GetLeftPart(UriPartial.Authority)}\".";
            }
        }

        // Asking for the LLM summarizer without saying which model is a deployment mistake: fail at startup, loudly,
        // rather than quietly writing every report with the embedded summarizer.
        if (settings.Summarizer == SummarizerKind.Llm && !settings.HasAzureOpenAi && !settings.HasOpenAiCompatible)
        {
            yield return "EVALREPORTS_SUMMARIZER is \"llm\" but no model is configured: set EVALREPORTS_AZURE_OPENAI_ENDPOINT and " +
                "EVALREPORTS_AZURE_OPENAI_DEPLOYMENT, or EVALREPORTS_OPENAI_BASE_URL and EVALREPORTS_OPENAI_MODEL (and " +
                "EVALREPORTS_OPENAI_API_KEY if the endpoint needs one), or set EVALREPORTS_SUMMARIZER to \"embedded\".";
        }
    }

    /// <summary>Table names are at most 63 letters and digits; ours are the prefix and a name of up to 15 (activereports: 13).</summary>
    private const int MaxTablePrefixLength = 63 - 15;

    private static bool IsTablePrefix(string prefix) =>
        prefix.Length <= MaxTablePrefixLength && char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit);

    /// <summary>Parsed as the storage client will (no request is made); the value is a secret, so no message repeats it.</summary>
    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new TableServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsHttps(Uri uri) => uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps;
}
