using Bunit;
using Bunit.TestDoubles;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Components.Tests;

/// <summary>
/// No unhandled exception reaches the user, also when a page's own load fails: a page is outside the error boundary it
/// renders (<see cref="Interactive"/>), so it hands the failure in, and like a failure of a component inside, it shows a
/// message and a reference id that is in the log with the exception.
/// </summary>
public sealed class PageFailureTests : LoadingPagesContext
{
    public PageFailureTests() => SignIn();

    public static TheoryData<Type, string?, object?> Pages => new()
    {
        { typeof(TaskPage), nameof(TaskPage.TaskId), 1L },
        { typeof(InstancePage), nameof(InstancePage.Id), 1L },
        { typeof(Inbox), null, null },
        { typeof(SupervisionPage), null, null },
        { typeof(AdminPage), nameof(AdminPage.Section), "incidents" },
        { typeof(DocumentsPage), null, null },
        { typeof(DocumentPage), nameof(DocumentPage.Id), 1L },
        { typeof(RegulationsPage), null, null },
        { typeof(MePage), null, null },
        { typeof(StartPage), null, null },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void AFailureWhileAPageLoads_ShowsAMessageAndAReference_ThatIsInTheLogWithTheException(Type page, string? parameter, object? value)
    {
        Database.Failure = new InvalidOperationException("The database went away.");

        var rendered = Render(page, parameter, value);

        var logged = Log.PageError(rendered.WaitForElement("[data-page-error]", TimeSpan.FromSeconds(30)));
        Assert.Contains("The database went away.", logged?.ToString(), StringComparison.Ordinal);
        Assert.Empty(rendered.FindAll(".mud-progress-linear")); // the message stands instead of the page's content
    }

    [Fact]
    public void TryAgain_AfterThePagesOwnLoadFailed_LoadsThePageAnew()
    {
        Database.Failure = new InvalidOperationException("The database went away.");
        var rendered = Render(typeof(InstancePage), nameof(InstancePage.Id), 1L);
        var alert = rendered.WaitForElement("[data-page-error]", TimeSpan.FromSeconds(30));

        alert.QuerySelector("button")!.Click();

        var reload = Assert.Single(Services.GetRequiredService<BunitNavigationManager>().History);
        Assert.True(reload.Options.ForceLoad);
    }
}
