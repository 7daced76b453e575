namespace EvalReports.Auth;

/// <summary>
/// The development key (EVALREPORTS_DEV_API_KEY) opens one workspace without any key row, and the sample settings
/// publish a default for it. So it is only for a local run against a local emulator: the app refuses to start when
/// it is set in Azure (WEBSITE_INSTANCE_ID is set on every App Service / Functions instance) or together with a
/// storage service URI, and it must be long enough not to be guessed.
/// </summary>
public static class DevApiKey
{
    public const string Setting = "EVALREPORTS_DEV_API_KEY";
    public const int MinLength = 32;

    /// <summary>Why the app must not start with these settings' development key; null when it may.</summary>
    /// <param name="websiteInstanceId">The WEBSITE_INSTANCE_ID environment variable (null outside Azure).</param>
    public static string? Problem(EvalReportsSettings settings, string? websiteInstanceId)
    {
        if (settings.DevApiKey is not { } key)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(websiteInstanceId))
        {
            return $"{Setting} is set, but the app runs in Azure (WEBSITE_INSTANCE_ID is set): remove {Setting} and issue API keys with POST /v2/admin/api-keys.";
        }

        if (settings.TablesServiceUri is not null)
        {
            return $"{Setting} is set together with EVALREPORTS_TABLES_SERVICE_URI: the development key is for a local emulator only; remove {Setting}.";
        }

        return key.Length < MinLength ? $"{Setting} must be at least {MinLength} characters long ({key.Length} given)." : null;
    }
}
