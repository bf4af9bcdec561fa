using System.Diagnostics;

namespace G2G.Web.Tests.Hosting;

/// <summary>The built host run as its own process, as an operator runs it: its exit code and its console lines.</summary>
internal static class HostProcess
{
    public static async Task<(int ExitCode, List<string> Lines)> RunAsync(IReadOnlyList<string> arguments, params (string Name, string Value)[] environment)
    {
        // The web project's build output (with its appsettings.json, so the production JSON log format) is
        // copied next to this test assembly; the working directory makes it the content root.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "G2G.Web.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a start takes over a minute on a busy machine
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host did not exit within 3 minutes although it should have.");
        }

        var lines = (await stdout + await stderr)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        return (process.ExitCode, lines);
    }
}
