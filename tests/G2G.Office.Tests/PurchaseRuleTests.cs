using System.Globalization;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.PurchaseWorld;

namespace G2G.Office.Tests;

/// <summary>采购's rules after the approvals and the field messages of every form's bad values.</summary>
public abstract class PurchaseRuleTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, PurchaseWorld>(database, new PurchaseWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task BadRequestValues_AreRefusedWithTheirField()
    {
        await World.LineAsync("302-01", 100_000);
        var id = await World.StartAsync(Clerk);

        Assert.Equal(["amount"], await Fields(() => World.ApplyAsync(id, Clerk, "302-01", 0)));
        Assert.Equal(["amount"], await Fields(() => World.ApplyAsync(id, Clerk, "302-01", 10.005m)));
        var unknownLine = await Refusal(() => World.ApplyAsync(id, Clerk, "999-99", 100));
        Assert.Equal(["budgetLine"], unknownLine.FieldErrors!.Keys);
        Assert.Contains("no budget line '999-99' in 2027", unknownLine.Message, StringComparison.Ordinal);
        Assert.Equal(["item"], await Fields(() => World.CompleteAsync(id, "apply", Clerk,
            ("item", ""), ("budgetLine", "302-01"), ("amount", 100), ("reason", "更新设备"))));
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task BadContractAndPaymentValues_AreRefusedWithTheirField_AndTheRule()
    {
        await World.LineAsync("302-01", 100_000);
        var id = await ApprovedAsync(10_000);

        var above = await Refusal(() => World.ContractAsync(id, 10_000.01m));
        Assert.Equal(["contractAmount"], above.FieldErrors!.Keys);
        Assert.Contains("10,000.00 yuan approved", above.Message, StringComparison.Ordinal);
        var self = await Refusal(() => World.ContractAsync(id, 9_000, acceptor: Clerk));
        Assert.Equal(["acceptor"], self.FieldErrors!.Keys);
        Assert.Contains("验收须由申请人以外的人员进行", self.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(["acceptor"], await Fields(() => World.ContractAsync(id, 9_000, acceptor: "nobody")));
        Assert.Equal(["contract"], await World.OpenStepsAsync(id));

        await World.ContractAsync(id, 9_000);
        await World.CompleteAsync(id, "accept", Clerk2, ("acceptance", "pass"));
        Assert.Equal(["paidAmount"], await Fields(() => World.CompleteAsync(id, "pay", Finance,
            ("paidAmount", 9_000.01m), ("voucher", "PZ-1"))));
        Assert.Equal(["voucher"], await Fields(() => World.CompleteAsync(id, "pay", Finance, ("paidAmount", 9_000))));
        Assert.Equal(["pay"], await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task AcceptanceTransferredToTheRequester_IsRefused_AndAFailedAcceptanceGoesBackToTheContract()
    {
        await World.LineAsync("302-01", 100_000);
        var id = await ApprovedAsync(10_000);
        await World.ContractAsync(id, 9_000);
        var accept = await World.Runtime.TaskAsync(id, "accept");
        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().TransferAsync(accept.Id, Clerk2, Clerk));

        var refused = await Refusal(() => World.CompleteAsync(id, "accept", Clerk, ("acceptance", "pass")));
        Assert.Equal(["acceptance"], refused.FieldErrors!.Keys);
        Assert.Contains("申请人不得验收", refused.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(PurchaseStates.Contracted, (await World.PurchaseAsync(id)).State);

        var back = await World.Runtime.TaskAsync(id, "accept");
        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().TransferAsync(back.Id, Clerk, Head));
        await World.CompleteAsync(id, "accept", Head, ("acceptance", "fail"));
        Assert.Equal(["contract"], await World.OpenStepsAsync(id));
    }

    private async Task<long> ApprovedAsync(long yuan)
    {
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, "302-01", yuan);
        await World.DecideAsync(id, "head", Head);
        return id;
    }

    private static async Task<RuntimeException> Refusal(Func<Task> work)
    {
        var refused = await Assert.ThrowsAsync<RuntimeException>(work);
        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        return refused;
    }

    private static async Task<IReadOnlyList<string>> Fields(Func<Task> work) => [.. (await Refusal(work)).FieldErrors!.Keys];
}

public sealed class SqlitePurchaseRuleTests(SqliteTestDatabase database) : PurchaseRuleTests<SqliteTestDatabase>(database);

public sealed class PostgresPurchaseRuleTests(PostgresTestDatabase database) : PurchaseRuleTests<PostgresTestDatabase>(database);
