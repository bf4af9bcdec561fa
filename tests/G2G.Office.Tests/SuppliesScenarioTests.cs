using G2G.Office.Supplies;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.SuppliesWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 办公用品领用 procedure (workflows/office/supplies) walked through the runtime with its
/// stock.</summary>
public abstract class SuppliesScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, SuppliesWorld>(database, new SuppliesWorld(database))
    where TDatabase : TestDatabase
{

    private BureauWorld Bureau => World.Bureau;


    [DatabaseFact]
    public async Task ARequest_IsReserved_Approved_AndIssuedFromStock()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id, (Paper, 4), (Pens, 10));
        Assert.Equal((10, 4), await World.StockAsync(Paper));
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));

        await World.DecideAsync(id);
        Assert.Equal(Bureau.OfficeDirector, (await Bureau.Runtime.TaskAsync(id, "handOut")).Assignee);
        await World.HandOutAsync(id);

        Assert.Equal(((6, 0), (40, 0)), (await World.StockAsync(Paper), await World.StockAsync(Pens)));
        Assert.Equal(SupplyStates.Issued, await World.StateAsync(id));
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(id));
    }

    [DatabaseFact]
    public async Task ARejectionByTheHeadOrTheOffice_GivesTheReservationBack()
    {
        var byHead = await World.StartAsync();
        await World.ApplyAsync(byHead, (Paper, 3));
        await World.DecideAsync(byHead, "reject");
        var byOffice = await World.StartAsync();
        await World.ApplyAsync(byOffice, (Paper, 5));
        await World.DecideAsync(byOffice);
        await World.HandOutAsync(byOffice, "reject");

        Assert.Equal((10, 0), await World.StockAsync(Paper));
        Assert.Equal([SupplyStates.Released, SupplyStates.Released], [await World.StateAsync(byHead),
            await World.StateAsync(byOffice)]);
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(byOffice));
    }

    [DatabaseFact]
    public async Task SentBackAndSentAgain_TheNewLinesReplaceTheReservation()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id, (Paper, 8));

        await Bureau.SendBackAsync(id, "head", Bureau.Head, "apply");
        await World.ApplyAsync(id, (Paper, 2), (Pens, 5));

        Assert.Equal(((10, 2), (50, 5)), (await World.StockAsync(Paper), await World.StockAsync(Pens)));
        await World.DecideAsync(id);
        await Bureau.SendBackAsync(id, "handOut", Bureau.OfficeDirector, "apply");
        await World.ApplyAsync(id, (Pens, 1));
        await World.DecideAsync(id);
        await World.HandOutAsync(id);
        Assert.Equal(((10, 0), (49, 0)), (await World.StockAsync(Paper), await World.StockAsync(Pens)));
    }

    [DatabaseFact]
    public async Task BadLines_AreRefusedWithTheirField_AndReserveNothing()
    {
        var id = await World.StartAsync();

        var short_ = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, (Pens, 1), (Paper, 11)));
        Assert.Equal(["lines[1].quantity"], short_.FieldErrors!.Keys);
        Assert.Contains("Not enough A4复印纸: 10 包 free, 11 asked", short_.Message, StringComparison.Ordinal);
        Assert.Equal("lines[0].item", await RefusedFieldAsync(() => World.ApplyAsync(id, ("INK", 1))));
        Assert.Equal("lines[1].item", await RefusedFieldAsync(() => World.ApplyAsync(id, (Paper, 1), (Paper, 2))));
        Assert.Equal("lines[0].quantity", await RefusedFieldAsync(() => World.ApplyAsync(id, (Paper, 0))));
        Assert.Equal("lines[0].quantity", await RefusedFieldAsync(() => World.ApplyAsync(id, (Paper, 1.5m))));
        Assert.Equal("lines", await RefusedFieldAsync(() => World.ApplyAsync(id)));

        Assert.Equal(((10, 0), (50, 0)), (await World.StockAsync(Paper), await World.StockAsync(Pens)));
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(id));
        await World.ApplyAsync(id, (Paper, 1));
        Assert.Equal("decision", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "head", Bureau.Head,
            ("decision", "maybe"))));
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastPacks_ExactlyOneGetsThem()
    {
        var first = await World.StartAsync();
        var second = await World.StartAsync();

        var results = await Task.WhenAll(
            Outcome(() => World.ApplyAsync(first, (Paper, 6))),
            Outcome(() => World.ApplyAsync(second, (Paper, 7))));

        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid });
        Assert.Contains("Not enough", loser!.Message, StringComparison.Ordinal);
        var (inStock, reserved) = await World.StockAsync(Paper);
        Assert.Equal(10, inStock);
        Assert.True(reserved is 6 or 7, $"reserved {reserved}");
    }
}

public sealed class SqliteSuppliesScenarioTests(SqliteTestDatabase database) : SuppliesScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresSuppliesScenarioTests(PostgresTestDatabase database) : SuppliesScenarioTests<PostgresTestDatabase>(database);
