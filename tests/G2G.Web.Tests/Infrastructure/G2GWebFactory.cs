using G2G.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// The real host (Program.cs) pointed at a test database through configuration, exactly as an operator would
/// point it with <c>Database:Provider</c> and <c>ConnectionStrings:G2G</c>.
/// </summary>
public class G2GWebFactory(TestDatabase database) : WebApplicationFactory<Program>
{
    /// <summary>The database the host is pointed at.</summary>
    protected TestDatabase Database => database;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(database.HostConfiguration));
        // Test output stays readable; failures are asserted, not read from logs.
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }
}
