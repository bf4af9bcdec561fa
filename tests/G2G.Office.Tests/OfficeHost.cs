using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// The runtime with the office module on a test database, as every office world sets it up: migrated (runtime and
/// office), the world's organisation created once (the database is shared by a test class), the world's own rows
/// cleared, the shipped workflows deployed, and the clock on Monday 4 January 2027, 09:00 China Standard Time.
/// </summary>
public sealed class OfficeHost(TestDatabase database) : IAsyncDisposable
{
    public RuntimeHarness Runtime { get; } = new(database, modules: (services, configuration) => services.AddG2GOffice(configuration));

    /// <summary>
    /// Sets the world up: <paramref name="createOrganisation"/> runs when agency <paramref name="agency"/> does not exist
    /// yet, <paramref name="reset"/> before every test.
    /// </summary>
    public async Task InitializeAsync(string agency, Func<OrganisationService, Task> createOrganisation, Func<IServiceProvider, Task> reset)
    {
        ArgumentNullException.ThrowIfNull(createOrganisation);
        ArgumentNullException.ThrowIfNull(reset);
        await database.MigrateAsync();
        await Runtime.Services.MigrateG2GOfficeAsync();
        Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));
        await Runtime.In(async s =>
        {
            if (!await s.GetRequiredService<G2GDbContext>().Set<AgencyRecord>().AnyAsync(a => a.Id == agency))
                await createOrganisation(s.GetRequiredService<OrganisationService>());
            await reset(s);
            var deployed = await s.GetRequiredService<WorkflowDirectoryDeployer>()
                .DeployAsync(Path.Combine(AppContext.BaseDirectory, "workflows"));
            Assert.Equal(0, deployed.Refused);
        });
    }

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
