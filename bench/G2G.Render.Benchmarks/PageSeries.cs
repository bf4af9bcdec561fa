using System.Globalization;
using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Supervision;
using G2G.Web.Components.Work;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Render.Benchmarks;

/// <summary>
/// One measured page for one kind of user: the path the browser opens and the JavaScript condition that says the page shows
/// its data (the circuit is up and the rows are in the document); the same data as the REST API gives it (GET paths, one after
/// the other); and the service calls the page's components make to load it, called in-process with the caller set.
/// </summary>
internal sealed record PageSeries(string Name, string Path, Func<Random, string> User, string Ready, IReadOnlyList<string> Rest,
    Func<IServiceProvider, Caller, Task> Data);

/// <summary>The measured pages: 待办 of the heavy user and of busy users, and supervision as a branch supervisor and as the administrator.</summary>
internal static class PageCatalog
{
    /// <summary>The page's circuit is up (its marker) and the 待办 grid shows rows.</summary>
    public const string InboxReady = "document.querySelector('[data-interactive=true]') && document.querySelector('a.task-title')";

    /// <summary>The circuit is up, the overdue grid shows rows and the performance table its first page.</summary>
    private const string SupervisionReady = "document.querySelector('[data-interactive=true]') && "
        + "document.querySelector('.overdue-grid a[href^=\"instances/\"]') && document.querySelector('.performance-table tbody tr.mud-table-row')";

    /// <summary>The grids' first page: MudDataGrid's RowsPerPage on both pages.</summary>
    private const int PageSize = 20;

    private static readonly TimeSpan DueSoon = TimeSpan.FromHours(24);
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    public static IReadOnlyList<PageSeries> All(InboxData data, IReadOnlyList<string> busyUsers)
    {
        var (from, to) = Last30Days(DateTimeOffset.UtcNow);
        var window = string.Create(CultureInfo.InvariantCulture, $"from={from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        string[] inboxRest = [$"/api/v1/inbox/counts", $"/api/v1/inbox/todo?page=1&pageSize={PageSize}"];
        string[] supervisionRest = ["/api/v1/supervision/aging", $"/api/v1/supervision/overdue?page=1&pageSize={PageSize}", $"/api/v1/supervision/performance?{window}&by=Department"];
        return
        [
            new("/inbox, heavy user (2,000 open)", "/inbox", _ => data.User(data.HeavyUser), InboxReady, inboxRest, InboxAsync),
            new("/inbox, busy user", "/inbox", r => busyUsers[r.Next(busyUsers.Count)], InboxReady, inboxRest, InboxAsync),
            new("/supervision, supervisor (11 agencies)", "/supervision", r => Organisation.Supervisor(r.Next(1, Organisation.Branches + 1)),
                SupervisionReady, supervisionRest, (s, c) => SupervisionAsync(s, from, to)),
            new("/supervision, administrator (100 agencies)", "/supervision", _ => Organisation.Administrator,
                SupervisionReady, supervisionRest, (s, c) => SupervisionAsync(s, from, to)),
        ];
    }

    /// <summary>Busy users with at least one open task of their own that every clearance sees: their 待办 grid is never empty.</summary>
    public static List<string> BusyUsersWithWork(InboxData data) =>
    [
        .. data.Rows.Where(r => r.State == InboxData.Open && r.Assignee is >= 0 and < InboxData.BusyUsers && InboxData.Classification(r.InstanceId) == 0)
            .Select(r => r.Assignee).Distinct().Order().Select(data.User),
    ];

    /// <summary>What Inbox.razor and its 待办 grid load: procedure names, the tab counts, the first page of 待办.</summary>
    private static async Task InboxAsync(IServiceProvider services, Caller caller)
    {
        await services.GetRequiredService<ProcedureNames>().AllAsync();
        var queries = services.GetRequiredService<InboxQueries>();
        await queries.CountsAsync(caller.Viewer);
        await queries.ToDoAsync(caller.Viewer, new InboxFilter(), 1, PageSize);
    }

    /// <summary>
    /// What SupervisionPage.razor, its overdue grid and performance panel load with their defaults (the caller's whole scope,
    /// due within 24 hours, per department over the last 30 days): aging, agencies, procedures, the first page of items with
    /// their names, the first page of on-time rates (most completed first) with the chart's leaders.
    /// </summary>
    private static async Task SupervisionAsync(IServiceProvider services, DateTimeOffset from, DateTimeOffset to)
    {
        var queries = services.GetRequiredService<SupervisionQueries>();
        var directory = services.GetRequiredService<OrganisationQueries>();
        var filter = new SupervisionFilter();
        await queries.AgingAsync(filter, DueSoon);
        await directory.AgenciesAsync(active: true);
        await services.GetRequiredService<DeploymentService>().ListLatestAsync();
        var items = await queries.OverdueAsync(filter, DueSoon, 1, PageSize);
        await directory.NamesAsync(items.Items.Select(i => i.Assignee), items.Items.Select(i => i.AgencyId), items.Items.Select(i => i.DepartmentId));
        await queries.PerformancePageAsync(filter, new PerformanceQuery(from, to, PerformanceDimension.Department, PageSize: PageSize, Leaders: 11));
    }

    /// <summary>The performance panel's default range: [30 days ago 00:00, tomorrow 00:00) in China time.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Last30Days(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(ChinaTime).DateTime);
        DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaTime);
        return (Start(today.AddDays(-30)), Start(today.AddDays(1)));
    }
}
