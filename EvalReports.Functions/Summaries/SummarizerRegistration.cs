using EvalReports.Summaries.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalReports.Summaries;

public static class SummarizerRegistration
{
    /// <summary>
    /// The embedded summarizer always; with EVALREPORTS_SUMMARIZER=llm also the model client and the LLM summarizer as
    /// the configured <see cref="ISummarizer"/>. Tests may replace the <see cref="IChatClient"/> or the ISummarizer.
    /// </summary>
    public static IServiceCollection AddSummarizers(this IServiceCollection services, EvalReportsSettings settings)
    {
        services.AddSingleton<EmbeddedSummarizer>();
        services.AddSingleton<SummarizerChoice>();
        if (settings.Summarizer != SummarizerKind.Llm)
        {
            services.AddSingleton<ISummarizer>(sp => sp.GetRequiredService<EmbeddedSummarizer>());
            return services;
        }

        services.AddSingleton(LlmOptions.From(settings));
        services.AddSingleton(sp => ModelHttp.Create(sp.GetRequiredService<LlmOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => ChatClientFactory.Create(settings, httpClient: sp.GetRequiredService<ModelHttp>().Client)
            ?? throw new InvalidOperationException("EVALREPORTS_SUMMARIZER is \"llm\" but no model is configured."));
        services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<ModelHttp>();
            return new ModelCaller(sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<LlmOptions>(), () => http.CircuitOpen);
        });
        services.AddSingleton<ISummarizer>(sp => new LlmSummarizer(
            sp.GetRequiredService<ModelCaller>(),
            sp.GetRequiredService<LlmOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LlmSummarizer>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<LlmSummarizer>.Instance));
        return services;
    }
}
