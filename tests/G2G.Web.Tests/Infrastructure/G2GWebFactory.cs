using G2G.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// The real host (Program.cs) pointed at a test database through configuration, exactly as an operator would
/// point it with <c>Database:Provider</c> and <c>ConnectionStrings:G2G</c>.
/// Test hosts start without the demo organisation; <paramref name="settings"/> adds or overrides configuration keys,
/// and <paramref name="clock"/>, when given, replaces the system clock.
/// </summary>
public class G2GWebFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null) : WebApplicationFactory<Program>
{
    /// <summary>The database the host is pointed at.</summary>
    protected TestDatabase Database => database;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration
            .AddInMemoryCollection(database.HostConfiguration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:Seed"] = "false" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        // Test output stays readable; failures are asserted, not read from logs.
        builder.ConfigureLogging(logging => logging.ClearProviders());
        if (clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}
