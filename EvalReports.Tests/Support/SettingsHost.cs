using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EvalReports.Tests.Support;

/// <summary>
/// The app's settings as the Functions host gets them: app settings (in-memory configuration here) →
/// <see cref="ServiceRegistration.AddEvalReports(IServiceCollection)"/>, as Program.cs calls it, → a real host.
/// A local storage connection string is set unless a value overrides it, so only the values under test can be wrong.
/// </summary>
public static class SettingsHost
{
    public const string LocalStorage = "UseDevelopmentStorage=true";

    /// <summary>The settings the app gets from these app settings; throws what the app would at startup.</summary>
    public static EvalReportsSettings Read(params (string Name, string Value)[] values)
    {
        using var host = Build(values);
        return host.Services.GetRequiredService<EvalReportsSettings>();
    }

    /// <summary>Starts the host (ValidateOnStart runs there) and returns what stopped it, with its inner exceptions' messages.</summary>
    public static async Task<string> StartupErrorAsync(params (string Name, string Value)[] values)
    {
        using var host = Build(values);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return string.Join(" | ", Messages(error));
    }

    /// <summary>Starts the host with these app settings and returns the settings it started with.</summary>
    public static async Task<EvalReportsSettings> StartAsync(params (string Name, string Value)[] values)
    {
        using var host = Build(values);
        await host.StartAsync();
        var settings = host.Services.GetRequiredService<EvalReportsSettings>();
        await host.StopAsync();
        return settings;
    }

    private static IHost Build((string Name, string Value)[] values) => new HostBuilder()
        .ConfigureAppConfiguration(config => config
            .AddInMemoryCollection([KeyValuePair.Create("EVALREPORTS_TABLES_CONNECTION_STRING", (string?)LocalStorage)])
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value))))
        .ConfigureServices(services => services.AddEvalReports())
        .Build();

    private static IEnumerable<string> Messages(Exception error) => error switch
    {
        AggregateException all => all.InnerExceptions.SelectMany(Messages),
        { InnerException: { } inner } => [error.Message, .. Messages(inner)],
        _ => [error.Message],
    };
}
