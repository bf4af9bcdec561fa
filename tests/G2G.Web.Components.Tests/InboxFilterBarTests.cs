using Bunit;
using G2G.Runtime.Queries;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Work;
using MudBlazor;

namespace G2G.Web.Components.Tests;

/// <summary>The inbox's filter bar: each list offers its own filters, and every change hands the page a new filter.</summary>
public sealed class InboxFilterBarTests : WorkContext
{
    private static readonly Dictionary<string, string> Procedures = new() { ["leave"] = "请假", ["meeting"] = "会议申请" };
    private static readonly OrgChoice[] Agencies = [new("sf-fin", "示范省财政厅"), new("sf-edu", "示范省教育厅")];

    [Fact]
    public void ToDo_OffersDueDatesAndOverdue_Started_OffersTheState()
    {
        var toDo = Render(InboxList.ToDo, new InboxFilter(), _ => { });
        Assert.NotEmpty(toDo.FindAll("[data-filter=overdue]"));
        Assert.NotEmpty(toDo.FindAll("[data-filter=due-before]"));
        Assert.Empty(toDo.FindAll("[data-filter=state]"));
        Assert.NotEmpty(toDo.FindAll("[data-filter=agency]"));

        var started = Render(InboxList.Started, new InboxFilter(), _ => { });
        Assert.NotEmpty(started.FindAll("[data-filter=state]"));
        Assert.Empty(started.FindAll("[data-filter=overdue]"));
    }

    [Fact]
    public void Words_AreTrimmedIntoTheFilter()
    {
        InboxFilter? changed = null;
        var bar = Render(InboxList.ToDo, new InboxFilter(ProcessKey: "leave"), f => changed = f);

        bar.Find("input[data-filter=text], [data-filter=text] input").Input("  会议 ");

        // after the field's debounce (400 ms), which a busy machine may stretch
        bar.WaitForAssertion(() => Assert.Equal(new InboxFilter(ProcessKey: "leave", Text: "会议"), changed), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Clearing_GivesTheEmptyFilter()
    {
        InboxFilter? changed = null;
        var bar = Render(InboxList.Started, new InboxFilter(ProcessKey: "leave", Text: "会议", State: "running"), f => changed = f);

        bar.Find("[data-filter=clear]").Click();

        Assert.Equal(new InboxFilter(), changed);
    }

    [Fact]
    public void TheOverdueSwitch_SetsOverdue_AndAnEmptyFilterOffersNoClearButton()
    {
        InboxFilter? changed = null;
        var bar = Render(InboxList.ToDo, new InboxFilter(), f => changed = f);
        Assert.Empty(bar.FindAll("[data-filter=clear]"));

        bar.Find("[data-filter=overdue] input, input[data-filter=overdue]").Change(true);

        Assert.Equal(new InboxFilter(Overdue: true), changed);
    }

    [Fact]
    public async Task TheProcedureAndAgencyChoices_HoldNoItemsWhileClosed_NameTheChosenOne_AndOfferEveryItemOnceOpened()
    {
        var bar = Render(InboxList.ToDo, new InboxFilter(ProcessKey: "meeting", AgencyId: "sf-edu"), _ => { });

        Assert.Empty(bar.FindComponents<MudSelectItem<string>>());
        Assert.Equal("会议申请", bar.Find("input[data-filter=procedure], [data-filter=procedure] input").GetAttribute("value"));
        Assert.Equal("示范省教育厅", bar.Find("input[data-filter=agency], [data-filter=agency] input").GetAttribute("value"));

        var agency = bar.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "机关");
        await bar.InvokeAsync(agency.Instance.OpenMenu);

        bar.WaitForAssertion(() => Assert.Equal(["sf-fin", "sf-edu"], bar.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).Distinct()));
    }

    private IRenderedComponent<InboxFilterBar> Render(InboxList list, InboxFilter filter, Action<InboxFilter> changed) =>
        Context.Render<InboxFilterBar>(p => p
            .Add(b => b.List, list).Add(b => b.Filter, filter).Add(b => b.ProcedureNames, Procedures).Add(b => b.Agencies, Agencies)
            .Add(b => b.FilterChanged, changed));
}
