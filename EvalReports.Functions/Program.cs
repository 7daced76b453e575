using EvalReports;
using Microsoft.Extensions.Hosting;

new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddEvalReports(context.Configuration))
    .Build()
    .Run();
