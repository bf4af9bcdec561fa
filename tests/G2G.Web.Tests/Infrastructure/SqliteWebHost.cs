using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// A class fixture with one in-memory test server on its own SQLite database, for tests that are about the web
/// layer rather than the database and can share a host.
/// </summary>
public sealed class SqliteWebHost() : G2GWebFactory(new SqliteTestDatabase()), IAsyncLifetime
{
    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        StartServer();
    }

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
