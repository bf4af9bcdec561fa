using G2G.Runtime.Persistence;
using Npgsql;

namespace G2G.Runtime.Tests.Persistence;

public sealed class DatabaseSettingsTests
{
    private const string Postgres = "Host=db.example;Database=g2g;Username=g2g";

    [Fact]
    public void ProviderConnectionString_Postgres_TurnsOnAutomaticPreparationByDefault()
    {
        var builder = new NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, Postgres).ProviderConnectionString);

        Assert.Equal((DatabaseSettings.DefaultMaxAutoPrepare, DatabaseSettings.DefaultAutoPrepareMinUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
        Assert.Equal(("db.example", "g2g"), (builder.Host, builder.Database));
    }

    [Fact]
    public void ProviderConnectionString_Postgres_DoesNotResetPooledConnectionsByDefault()
    {
        var builder = new NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, $"{Postgres};Max Auto Prepare=0").ProviderConnectionString);

        Assert.True(builder.NoResetOnClose);
        Assert.Equal(0, builder.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("No Reset On Close=false")]
    [InlineData("NoResetOnClose=false")]
    public void ProviderConnectionString_Postgres_KeepsTheResetTheStringAsksFor(string setting)
    {
        var builder = new NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, $"{Postgres};{setting}").ProviderConnectionString);

        Assert.False(builder.NoResetOnClose);
        Assert.Equal(DatabaseSettings.DefaultMaxAutoPrepare, builder.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, 5)]
    [InlineData("MaxAutoPrepare=10", 10, 5)]
    [InlineData("Max Auto Prepare=10;Auto Prepare Min Usages=3", 10, 3)]
    public void ProviderConnectionString_Postgres_KeepsWhatTheStringSets(string setting, int maxAutoPrepare, int minUsages)
    {
        var builder = new NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, $"{Postgres};{setting}").ProviderConnectionString);

        Assert.Equal((maxAutoPrepare, minUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
    }

    [Fact]
    public void ProviderConnectionString_Sqlite_IsTheConfiguredString()
    {
        const string sqlite = "Data Source=g2g.db";

        Assert.Equal(sqlite, new DatabaseSettings(DatabaseProvider.Sqlite, sqlite).ProviderConnectionString);
    }
}
