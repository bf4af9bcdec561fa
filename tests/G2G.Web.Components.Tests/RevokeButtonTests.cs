using System.Runtime.CompilerServices;
using Bunit;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Work;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Components.Tests;

/// <summary>
/// 我发起的 offers 撤销 exactly on the requests the runtime lets their initiator revoke now, asking only about the running ones
/// of the page; the button is named for screen readers by the request it revokes, in the page's language.
/// </summary>
public sealed class RevokeButtonTests : WorkContext
{
    private readonly List<IReadOnlyCollection<long>> _asked = [];

    public RevokeButtonTests() => Unpressed.Register(Context.Services);

    private static InstanceView Instance(long id, string status, string? title) =>
        new(id, "leave", 1, null, title, status, false, "zheng.kai", "sf-fin", null, DateTimeOffset.UnixEpoch,
            status == InstanceStatus.Running ? null : DateTimeOffset.UnixEpoch, 3, new Dictionary<string, G2G.Engine.Expressions.Value>(),
            ClearanceLevel.Unclassified);

    private IRenderedComponent<StartedGrid> Render(params long[] revocable) =>
        Context.Render<StartedGrid>(p => p
            .Add(g => g.Load, (_, _, _, _) => Task.FromResult(new Page<InstanceView>(
                [Instance(1, InstanceStatus.Running, "郑凯的请假"), Instance(2, InstanceStatus.Running, "郑凯的出差"), Instance(3, InstanceStatus.Completed, "上月的请假")],
                1, 20, 3)))
            .Add(g => g.Revocable, (ids, _) =>
            {
                _asked.Add(ids);
                return Task.FromResult<IReadOnlySet<long>>(revocable.Where(ids.Contains).ToHashSet());
            })
            .Add(g => g.ProcedureNames, new Dictionary<string, string> { ["leave"] = "请假" }));

    [Fact]
    public void OnlyTheRequestsTheRuntimeAllows_OfferRevoke()
    {
        var grid = Render(1);

        grid.WaitForAssertion(() => Assert.Equal(3, grid.FindAll("tbody tr").Count));
        var button = Assert.Single(grid.FindAll("[data-revoke]"));
        Assert.Equal("1", button.GetAttribute("data-revoke"));
        Assert.Equal("撤销“郑凯的请假”", button.GetAttribute("aria-label"));
        Assert.Equal("撤销", button.TextContent.Trim());
        Assert.Equal([1L, 2L], Assert.Single(_asked).Order()); // the completed request is not even asked about
    }

    [Fact]
    public void NoRequestAllowed_NoRevokeButton()
    {
        var grid = Render();

        grid.WaitForAssertion(() => Assert.Equal(3, grid.FindAll("tbody tr").Count));
        Assert.Empty(grid.FindAll("[data-revoke]"));
        Assert.Equal(2, grid.FindAll("[data-urge]").Count); // urging stays on every running request
    }
}

public sealed class RevokeButtonEnglishTests() : WorkContext("en")
{
    [Fact]
    public void TheButton_IsNamedInEnglish()
    {
        Unpressed.Register(Context.Services);
        var button = Context.Render<RevokeButton>(p => p.Add(b => b.InstanceId, 5L).Add(b => b.Subject, "Leave of Zheng Kai"));

        var element = button.Find("[data-revoke='5']");
        Assert.Equal("Revoke “Leave of Zheng Kai”", element.GetAttribute("aria-label"));
        Assert.Equal("Revoke", element.TextContent.Trim());
    }
}

/// <summary>
/// The services behind 催办 and 撤销, which these tests never press: a component's injected service may not be null, so each
/// is an object that is never called.
/// </summary>
internal static class Unpressed
{
    public static void Register(IServiceCollection services)
    {
        services.AddScoped(_ => (InstanceService)RuntimeHelpers.GetUninitializedObject(typeof(InstanceService)));
        services.AddScoped(_ => (InstanceUrging)RuntimeHelpers.GetUninitializedObject(typeof(InstanceUrging)));
    }
}
