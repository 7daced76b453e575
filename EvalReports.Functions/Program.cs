using EvalReports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices(services => services.AddEvalReports()
        .AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>().Configure<EvalReportsLimits>(EvalReports.Api.WorkerLimits.Apply))
    .Build()
    .Run();
