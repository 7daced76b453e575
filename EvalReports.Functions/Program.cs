using EvalReports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddEvalReports(context.Configuration)
        .AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<EvalReportsSettings>(EvalReports.Api.WorkerLimits.Apply))
    .Build()
    .Run();
