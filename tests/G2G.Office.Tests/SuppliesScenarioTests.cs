using G2G.Office.Supplies;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.SuppliesWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 办公用品领用 procedure (workflows/office/supplies) walked through the runtime with its
/// stock.</summary>
public abstract class SuppliesScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly SuppliesWorld _world = new(database);

    private BureauWorld Bureau => _world.Bureau;

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ARequest_IsReserved_Approved_AndIssuedFromStock()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id, (Paper, 4), (Pens, 10));
        Assert.Equal((10, 4), await _world.StockAsync(Paper));
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));

        await _world.DecideAsync(id);
        Assert.Equal(Bureau.OfficeDirector, (await Bureau.Runtime.TaskAsync(id, "handOut")).Assignee);
        await _world.HandOutAsync(id);

        Assert.Equal(((6, 0), (40, 0)), (await _world.StockAsync(Paper), await _world.StockAsync(Pens)));
        Assert.Equal(SupplyStates.Issued, await _world.StateAsync(id));
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(id));
    }

    [DatabaseFact]
    public async Task ARejectionByTheHeadOrTheOffice_GivesTheReservationBack()
    {
        var byHead = await _world.StartAsync();
        await _world.ApplyAsync(byHead, (Paper, 3));
        await _world.DecideAsync(byHead, "reject");
        var byOffice = await _world.StartAsync();
        await _world.ApplyAsync(byOffice, (Paper, 5));
        await _world.DecideAsync(byOffice);
        await _world.HandOutAsync(byOffice, "reject");

        Assert.Equal((10, 0), await _world.StockAsync(Paper));
        Assert.Equal([SupplyStates.Released, SupplyStates.Released], [await _world.StateAsync(byHead),
            await _world.StateAsync(byOffice)]);
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(byOffice));
    }

    [DatabaseFact]
    public async Task SentBackAndSentAgain_TheNewLinesReplaceTheReservation()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id, (Paper, 8));

        await Bureau.SendBackAsync(id, "head", Bureau.Head, "apply");
        await _world.ApplyAsync(id, (Paper, 2), (Pens, 5));

        Assert.Equal(((10, 2), (50, 5)), (await _world.StockAsync(Paper), await _world.StockAsync(Pens)));
        await _world.DecideAsync(id);
        await Bureau.SendBackAsync(id, "handOut", Bureau.OfficeDirector, "apply");
        await _world.ApplyAsync(id, (Pens, 1));
        await _world.DecideAsync(id);
        await _world.HandOutAsync(id);
        Assert.Equal(((10, 0), (49, 0)), (await _world.StockAsync(Paper), await _world.StockAsync(Pens)));
    }

    [DatabaseFact]
    public async Task BadLines_AreRefusedWithTheirField_AndReserveNothing()
    {
        var id = await _world.StartAsync();

        var short_ = await Assert.ThrowsAsync<RuntimeException>(() => _world.ApplyAsync(id, (Pens, 1), (Paper, 11)));
        Assert.Equal(["lines[1].quantity"], short_.FieldErrors!.Keys);
        Assert.Contains("Not enough A4复印纸: 10 包 free, 11 asked", short_.Message, StringComparison.Ordinal);
        Assert.Equal("lines[0].item", await RefusedFieldAsync(() => _world.ApplyAsync(id, ("INK", 1))));
        Assert.Equal("lines[1].item", await RefusedFieldAsync(() => _world.ApplyAsync(id, (Paper, 1), (Paper, 2))));
        Assert.Equal("lines[0].quantity", await RefusedFieldAsync(() => _world.ApplyAsync(id, (Paper, 0))));
        Assert.Equal("lines[0].quantity", await RefusedFieldAsync(() => _world.ApplyAsync(id, (Paper, 1.5m))));
        Assert.Equal("lines", await RefusedFieldAsync(() => _world.ApplyAsync(id)));

        Assert.Equal(((10, 0), (50, 0)), (await _world.StockAsync(Paper), await _world.StockAsync(Pens)));
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(id));
        await _world.ApplyAsync(id, (Paper, 1));
        Assert.Equal("decision", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "head", Bureau.Head,
            ("decision", "maybe"))));
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastPacks_ExactlyOneGetsThem()
    {
        var first = await _world.StartAsync();
        var second = await _world.StartAsync();

        var results = await Task.WhenAll(
            Outcome(() => _world.ApplyAsync(first, (Paper, 6))),
            Outcome(() => _world.ApplyAsync(second, (Paper, 7))));

        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid });
        Assert.Contains("Not enough", loser!.Message, StringComparison.Ordinal);
        var (inStock, reserved) = await _world.StockAsync(Paper);
        Assert.Equal(10, inStock);
        Assert.True(reserved is 6 or 7, $"reserved {reserved}");
    }
}

public sealed class SqliteSuppliesScenarioTests(SqliteTestDatabase database) : SuppliesScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresSuppliesScenarioTests(PostgresTestDatabase database) : SuppliesScenarioTests<PostgresTestDatabase>(database);
