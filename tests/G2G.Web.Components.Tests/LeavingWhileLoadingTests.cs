using Bunit;
using G2G.Web.Components.Admin;
using G2G.Web.Components.Pages;
using G2G.Web.Components.Shell;
using G2G.Web.Components.Work;

namespace G2G.Web.Components.Tests;

/// <summary>
/// Leaving a page while it still loads (<see cref="LoadingComponent"/>): on PostgreSQL the home page's workbench threw the
/// circuit's disposed database context into the log as an error when a browser left mid-load. Now the query under way is
/// cancelled when the page goes, and what it throws then is not an error — on the home page, the task and instance
/// pages, every section of /admin, /documents, /regulations, /me and /start. Until its first query answers, each shows
/// that it is loading.
/// </summary>
public sealed class LeavingWhileLoadingTests : LoadingPagesContext
{
    public LeavingWhileLoadingTests() => SignIn();

    public static TheoryData<Type, string?, object?> Pages => new()
    {
        { typeof(Workbench), null, null },
        { typeof(TaskWork), nameof(TaskWork.TaskId), 1L },
        { typeof(InstancePage), nameof(InstancePage.Id), 1L },
        { typeof(DocumentsPage), null, null },
        { typeof(DocumentPage), nameof(DocumentPage.Id), 1L },
        { typeof(RegulationsPage), null, null },
        { typeof(MePage), null, null },
        { typeof(StartCatalog), null, null },
        { typeof(AgenciesSection), null, null },
        { typeof(DepartmentsSection), null, null },
        { typeof(PeopleSection), null, null },
        { typeof(GroupsSection), null, null },
        { typeof(DelegationsSection), null, null },
        { typeof(CalendarSection), null, null },
        { typeof(IncidentsSection), null, null },
        { typeof(DefinitionsSection), null, null },
        { typeof(PersonPanel), nameof(PersonPanel.UserId), "zheng.kai" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task LeavingAPageWhileItLoads_CancelsItsQuery_AndNothingIsLoggedAsAnError(Type page, string? parameter, object? value)
    {
        var rendered = Render(page, parameter, value);
        var query = await Database.Started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // its first query is under way
        Assert.NotEmpty(rendered.FindAll(".mud-progress-linear")); // and the page says it is loading

        await Context.DisposeComponentsAsync(); // the person leaves the page

        Assert.True(query.IsCancellationRequested);
        var ended = await Task.WhenAny(Log.Left.Task, Context.Renderer.UnhandledException).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(Log.Left.Task, ended);
        Assert.Empty(Log.Errors);
        Assert.Equal(1, Database.Queries); // nothing after the first query ran
    }
}
