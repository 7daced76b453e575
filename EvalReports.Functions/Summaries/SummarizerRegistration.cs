using EvalReports.Summaries.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EvalReports.Summaries;

public static class SummarizerRegistration
{
    /// <summary>
    /// The embedded summarizer always; with EVALREPORTS_SUMMARIZER=llm the LLM summarizer (and its model client, built
    /// only then) as the configured <see cref="ISummarizer"/>. Tests may replace the <see cref="IChatClient"/>, the
    /// <see cref="LlmOptions"/> or the ISummarizer.
    /// </summary>
    public static IServiceCollection AddSummarizers(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedSummarizer>();
        services.AddSingleton<SummarizerChoice>();
        services.TryAddSingleton(new LlmOptions());
        services.AddSingleton(sp => ModelHttp.Create(sp.GetRequiredService<LlmOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ChatClientFactory.Create(sp.GetRequiredService<EvalReportsSettings>(), httpClient: sp.GetRequiredService<ModelHttp>().Client)
            ?? throw new InvalidOperationException("EVALREPORTS_SUMMARIZER is \"llm\" but no model is configured."));
        services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<ModelHttp>();
            return new ModelCaller(sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<LlmOptions>(), () => http.CircuitOpen);
        });
        services.AddSingleton(sp => new LlmSummarizer(
            sp.GetRequiredService<ModelCaller>(),
            sp.GetRequiredService<LlmOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LlmSummarizer>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<LlmSummarizer>.Instance));
        services.AddSingleton<ISummarizer>(sp => sp.GetRequiredService<EvalReportsSettings>().Summarizer == SummarizerKind.Llm
            ? sp.GetRequiredService<LlmSummarizer>()
            : sp.GetRequiredService<EmbeddedSummarizer>());
        return services;
    }
}
