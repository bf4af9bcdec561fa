using Bunit;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Web.Components.Admin;
using G2G.Web.Components.Work;
using MudBlazor;

namespace G2G.Web.Components.Tests;

/// <summary>
/// 委托 on /me and /admin: the form names each bad input at its field and sends nothing, says in words what will happen,
/// shows the runtime's refusal; the list offers ending a delegation only to whoever may end it.
/// </summary>
public sealed class DelegationComponentsTests : WorkContext
{

    private static readonly DateOnly Today = new(2026, 12, 7);
    private readonly List<NewDelegation> _saved = [];

    private IRenderedComponent<DelegationForm> Form(Func<NewDelegation, Task>? save = null) =>
        Context.Render<DelegationForm>(p => p
            .Add(f => f.FromUserId, "wu.fang").Add(f => f.FromName, "吴芳").Add(f => f.Today, Today)
            .Add(f => f.Save, save ?? (d => { _saved.Add(d); return Task.CompletedTask; })));

    /// <summary>Picks a person in the form's delegate picker, as choosing from its list does.</summary>
    private static async Task PickDelegateAsync(IRenderedComponent<DelegationForm> form, string id, string label)
    {
        var picker = form.FindComponents<MudAutocomplete<OrgChoice>>().Single();
        await form.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(new OrgChoice(id, label)));
    }

    private static void Submit(IRenderedComponent<DelegationForm> form) => form.Find("[data-action=create-delegation]").Click();

    [Fact]
    public void WithoutADelegateOrALastDay_EachFieldSaysWhatIsMissing_AndNothingIsSent()
    {
        var form = Form();

        Submit(form);

        form.WaitForAssertion(() => Assert.Contains("请选择受托人。", form.Markup, StringComparison.Ordinal)); // validated asynchronously
        Assert.Contains("请填写结束日期。", form.Markup, StringComparison.Ordinal);
        Assert.Equal("2026-12-07", form.Find("#delegation-starts").GetAttribute("value")); // today, unless changed
        Assert.Empty(_saved);
    }

    [Fact]
    public async Task ALastDayBeforeTheFirst_IsRefusedAtTheLastDay_AndTheConsequenceIsSaidInWordsBeforeSending()
    {
        var form = Form();
        await PickDelegateAsync(form, "sun.li", "孙丽（sun.li）");
        Typing.Type(form, "#delegation-ends", "2026-12-01");
        Submit(form);

        form.WaitForAssertion(() => Assert.Equal("结束日期不能早于开始日期。", form.Find("#delegation-ends-error").TextContent.Trim()));
        Assert.Empty(_saved);

        Typing.Type(form, "#delegation-ends", "2026-12-18");
        Assert.Equal("自 2026-12-07 至 2026-12-18，吴芳的新待办（全部事项）将转给 sun.li 办理。",
            form.Find("#delegation-consequence").TextContent.Trim());
        Submit(form);

        form.WaitForAssertion(() => Assert.Single(_saved)); // the submit validates asynchronously before it saves
        var sent = _saved[0];
        Assert.Equal(new NewDelegation("wu.fang", "sun.li", Today, new DateOnly(2026, 12, 18)), sent with { ProcessKeys = null });
        Assert.Null(sent.ProcessKeys);
        Assert.Empty(form.FindAll("[data-refusal]"));
    }

    [Fact]
    public async Task ARefusalOfTheRuntime_IsShown_AndWhatWasTypedStays()
    {
        var form = Form(_ => throw new RuntimeException(RuntimeErrorCode.Conflict,
            RuntimeMessages.DelegationOverlapsAll(3, "zhang.min", Today, Today.AddDays(3))));
        await PickDelegateAsync(form, "sun.li", "孙丽（sun.li）");
        Typing.Type(form, "#delegation-ends", "2026-12-09");
        Submit(form);

        form.WaitForAssertion(() => Assert.Contains("zhang.min", form.Find("[data-refusal]").TextContent, StringComparison.Ordinal));
        Assert.Equal("2026-12-09", form.Find("#delegation-ends").GetAttribute("value"));
    }

    private static DelegationView Delegation(long id, string from, string to, DateOnly starts, DateOnly ends) =>
        new(id, from, to, starts, ends, [], null, DateTimeOffset.UnixEpoch, from);

    [Fact]
    public void TheList_OffersEndingOnlyToWhoMayEndIt_AndNeverForAnEndedOne()
    {
        IReadOnlyList<DelegationView> delegations =
        [
            Delegation(1, "wu.fang", "sun.li", Today.AddDays(-1), Today.AddDays(3)), // in force, wu.fang's own
            Delegation(2, "zhang.min", "wu.fang", Today.AddDays(-2), Today.AddDays(2)), // to wu.fang
            Delegation(3, "wu.fang", "sun.li", Today.AddDays(5), Today.AddDays(9)), // not started
            Delegation(4, "wu.fang", "sun.li", Today.AddDays(-9), Today.AddDays(-5)), // ended
        ];
        string[] Buttons(Func<DelegationView, bool> mayEnd) =>
            [.. Context.Render<DelegationList>(p => p.Add(l => l.Delegations, delegations).Add(l => l.Today, Today).Add(l => l.MayEnd, mayEnd))
                .FindAll("[data-end]").Select(b => $"{b.GetAttribute("data-end")}:{b.TextContent.Trim()}")];

        Assert.Equal(["1:提前结束", "3:撤销"], Buttons(d => d.FromUserId == "wu.fang")); // the delegator, not the delegate
        Assert.Equal(["1:提前结束", "2:提前结束", "3:撤销"], Buttons(_ => true)); // an administrator
        var states = Context.Render<DelegationList>(p => p.Add(l => l.Delegations, delegations).Add(l => l.Today, Today).Add(l => l.MayEnd, _ => false))
            .FindAll("tbody tr").Select(r => r.Children[4].TextContent.Trim());
        Assert.Equal(["生效中", "生效中", "未开始", "已结束"], states);
    }
}

/// <summary>The delegation form in an English page.</summary>
public sealed class EnglishDelegationFormTests() : WorkContext("en")
{
    [Fact]
    public void TheFieldMessagesAreEnglish()
    {
        var form = Context.Render<DelegationForm>(p => p.Add(f => f.FromUserId, "wu.fang").Add(f => f.Today, new DateOnly(2026, 12, 7))
            .Add(f => f.Save, _ => Task.CompletedTask));
        form.Find("[data-action=create-delegation]").Click();

        Assert.Contains("Choose the delegate.", form.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter the last day.", form.Markup, StringComparison.Ordinal);
        Assert.Equal("Set delegation", form.Find("[data-action=create-delegation]").TextContent.Trim());
    }
}
