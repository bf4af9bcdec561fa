using Bunit;
using G2G.Runtime.Queries;
using G2G.Web.Components.Pages;
using MudBlazor;

namespace G2G.Web.Components.Tests;

/// <summary>The inbox's task grid counts its list only when the page has not counted it already.</summary>
public sealed class TaskGridTests : WorkContext
{
    [Fact]
    public async Task TheFirstLoad_TakesTheTotalThePageCounted_AndEveryLaterLoadCountsAgain()
    {
        var totals = new List<int?>();
        var grid = Context.Render<TaskGrid>(p => p
            .Add(g => g.Load, (page, size, _, total, _) =>
            {
                totals.Add(total);
                return Task.FromResult(new Page<TaskView>([], page, size, 0));
            })
            .Add(g => g.FirstTotal, 7).Add(g => g.ShowDue, true));
        grid.WaitForAssertion(() => Assert.Equal([7], totals));

        await grid.InvokeAsync(() => grid.FindComponent<MudDataGrid<TaskView>>().Instance.ReloadServerData()); // as after a claim

        grid.WaitForAssertion(() => Assert.Equal([7, null], totals));
    }
}
