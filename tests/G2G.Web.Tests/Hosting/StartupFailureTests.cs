
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

    private static Task<(int ExitCode, List<string> Lines)> RunHostAsync(params (string Name, string Value)[] environment) =>
        HostProcess.RunAsync([], environment);
}
