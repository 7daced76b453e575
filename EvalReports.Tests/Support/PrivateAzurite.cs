using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using EvalReports.Tests.Deployment;

namespace EvalReports.Tests.Support;

/// <summary>
/// An Azurite Table service of the test's own (never the shared one on 10000-10002), on a free loopback port, with
/// its data on disk so it survives <see cref="StopAsync"/> and <see cref="StartAsync"/>: for storage outage tests.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string location = Directory.CreateTempSubdirectory("evalreports-azurite-").FullName;
    private readonly int port = FreePort();
    private Process? process;

    public static string Executable => RepoPaths.InRepo("node_modules/.bin/azurite-table");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable,
            $"--tableHost 127.0.0.1 --tablePort {port} --location \"{location}\" --skipApiVersionCheck --disableTelemetry --silent")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start on port {port}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops Azurite the way Ctrl+C does (SIGINT: the one signal on which it saves its data), then waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && Kill(process.Id, 2) == 0)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> IsListeningAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
