using Bunit;
using Bunit.TestDoubles;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Supervision;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G2G.Web.Components.Tests;

/// <summary>
/// Opening /supervision renders it twice, prerendered and then in the circuit: the aging counts of the prerendering are
/// kept for the circuit (persisted component state), which shows them without counting again. On an empty SQLite
/// database in memory, migrated as the application migrates it.
/// </summary>
public sealed class SupervisionPageTests : WorkContext, IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly BunitPersistentComponentState _state;

    public SupervisionPageTests()
    {
        _connection.Open();
        AddRuntime(options => options.UseSqlite(_connection));
        Context.Services.RemoveAll<OrganisationQueries>(); // the work context's stands in for pickers that are never asked; this page asks
        Context.Services.AddScoped<OrganisationQueries>();
        Context.Services.AddScoped<DatabaseTurns>();
        Context.Services.AddSupplyValueFromPersistentComponentStateProvider();
        _state = Context.AddBunitPersistentComponentState();
    }

    [Fact]
    public async Task TheCircuit_ShowsTheAgingCountsOfThePrerendering_WithoutCountingAgain()
    {
        await Services.GetRequiredService<G2GDbContext>().Database.MigrateAsync();
        Services.GetRequiredService<CallerContext>().Current =
            new Caller("wang.jianguo", "sf", "sf-office", ClearanceLevel.Internal, [], [SystemRoles.Supervisor], ["sf", "sf-fin"]);
        Context.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = Context.Render<SupervisionPage>();
        prerendered.WaitForAssertion(() => Assert.Equal("0", prerendered.Find("[data-bucket=Over30Days]").TextContent));
        Assert.Empty(prerendered.FindAll(".performance-table")); // the lists are the circuit's

        // What the prerendering counted, changed here: the circuit's page shows whether it counted again.
        prerendered.Instance.Aging![AgingBucket.Over30Days] = 7;
        _state.TriggerOnPersisting();
        await Context.DisposeComponentsAsync();
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Context.Render<SupervisionPage>();

        page.WaitForAssertion(() => Assert.Equal("7", page.Find("[data-bucket=Over30Days]").TextContent));
        Assert.Equal("0", page.Find("[data-bucket=DueSoon]").TextContent);
    }

    public void Dispose() => _connection.Dispose();
}
