using System.Diagnostics;

namespace G2G.Web.Tests.Hosting;

/// <summary>
/// Start-up failures, observed as an operator sees them: the built host runs as its own process, and its exit
/// code and console output are checked.
/// </summary>
public sealed class StartupFailureTests
{
    [Fact]
    public async Task Start_WithUnknownProvider_ExitsNonZeroWithOneLineNamingTheSetting()
    {
        var (exitCode, output) = await RunHostAsync(("Database__Provider", "Oracle"));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output);
        Assert.Contains("Database:Provider", line);
        Assert.Contains("Oracle", line);
        Assert.Contains("Postgres", line);
    }

    [Fact]
    public async Task Start_WithUnreachablePostgres_ExitsNonZeroWithOneLineNamingTheConnectionString()
    {
        // Port 1 on loopback refuses at once; the password must not be echoed.
        var (exitCode, output) = await RunHostAsync(
            ("Database__Provider", "Postgres"),
            ("ConnectionStrings__G2G", "Host=127.0.0.1;Port=1;Database=g2g;Username=g2g;Password=s3cret;Timeout=5"));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(output);
        Assert.Contains("ConnectionStrings:G2G", line);
        Assert.DoesNotContain("s3cret", line);
    }

    private static async Task<(int ExitCode, List<string> Lines)> RunHostAsync(params (string Name, string Value)[] environment)
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
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host did not exit within 60 s although its start-up should fail.");
        }

        var lines = (await stdout + await stderr)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        return (process.ExitCode, lines);
    }
}
