using System.Globalization;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Supervision;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Http.Benchmarks;

/// <summary>
/// One request: who asks (a signed-in user, or a system client with a token), the URL, and the same work as
/// the endpoint does, called in-process on the host's services with the caller set as the request would set it.
/// </summary>
internal sealed record Call(string Kind, string User, bool System, string Url, Func<IServiceProvider, Caller, Task> InProcess);

/// <summary>A measured series: each client draws its next call from <see cref="Next"/>; <see cref="MixWeight"/> is its share of the mix.</summary>
internal sealed record Series(string Name, int MixWeight, Func<Random, Call> Next);

/// <summary>
/// The measured series over one data set: the inbox for random, busy and the heavy user, the badge counts,
/// 已办 and 我发起的 (not in the mix, which stays the blend of the earlier runs), supervision as a branch supervisor (11 agencies), as the administrator and as a system client, and their mix.
/// The in-process calls run with the caller set, so scope and clearance apply on both sides.
/// </summary>
internal sealed class SeriesCatalog(InboxData data, IReadOnlyList<string> randomUsers, IReadOnlyList<string> busyUsers, string systemClient)
{
    private static readonly TimeSpan DueSoon = TimeSpan.FromHours(24);

    /// <summary>The time window of the on-time report: the 30 days before the data set's "now".</summary>
    private string Window => string.Create(CultureInfo.InvariantCulture,
        $"from={data.Now.AddDays(-30):yyyy-MM-ddTHH:mm:ssZ}&to={data.Now:yyyy-MM-ddTHH:mm:ssZ}");

    /// <summary>The series of single endpoints; their weights make a working day's blend of mostly inboxes and badges, some supervision.</summary>
    public IReadOnlyList<Series> Endpoints() =>
    [
        new("todo, random user", 45, r => ToDo("todo, random user", Pick(r, randomUsers))),
        new("todo, busy user", 15, r => ToDo("todo, busy user", Pick(r, busyUsers))),
        new("todo, heavy user (2,000 open)", 2, _ => ToDo("todo, heavy user (2,000 open)", data.User(data.HeavyUser))),
        new("counts, random or busy user", 25, r => Counts(r.NextDouble() < 0.7 ? Pick(r, randomUsers) : Pick(r, busyUsers))),
        new("done, random or busy user", 0, r => Done(r.NextDouble() < 0.7 ? Pick(r, randomUsers) : Pick(r, busyUsers))),
        new("started, random or busy user", 0, r => Started(r.NextDouble() < 0.7 ? Pick(r, randomUsers) : Pick(r, busyUsers))),
        new("overdue, supervisor (11 agencies)", 5, r => Overdue(r.Next(1, Organisation.Branches + 1))),
        new("overdue, administrator (all)", 1, _ => Overdue(null)),
        new("aging, supervisor", 3, r => Aging(r.Next(1, Organisation.Branches + 1))),
        new("aging, system client (bearer token)", 0, _ => Aging(null)),
        new("performance by agency, 30 days, supervisor", 4, r => Performance(r.Next(1, Organisation.Branches + 1))),
    ];

    /// <summary>The mix of the given series by their weights; each call keeps its series' name as its kind.</summary>
    public static Series Mix(IReadOnlyList<Series> included)
    {
        var weighted = included.Where(s => s.MixWeight > 0).ToList();
        var total = weighted.Sum(s => s.MixWeight);
        return new("mix", 0, r =>
        {
            var roll = r.Next(total);
            foreach (var series in weighted)
            {
                if ((roll -= series.MixWeight) < 0)
                    return series.Next(r);
            }
            throw new InvalidOperationException("The weights do not add up.");
        });
    }

    private static string Pick(Random r, IReadOnlyList<string> users) => users[r.Next(users.Count)];

    private static Call ToDo(string kind, string user) => new(kind, user, false, "/api/v1/inbox/todo?page=1&pageSize=50",
        (services, caller) => services.GetRequiredService<InboxQueries>().ToDoAsync(caller.Viewer, new InboxFilter(), 1, 50));

    private static Call Counts(string user) => new("counts, random or busy user", user, false, "/api/v1/inbox/counts",
        (services, caller) => services.GetRequiredService<InboxQueries>().CountsAsync(caller.Viewer));

    private static Call Done(string user) => new("done, random or busy user", user, false, "/api/v1/inbox/done?page=1&pageSize=50",
        (services, caller) => services.GetRequiredService<InboxQueries>().DoneAsync(caller.Viewer, new InboxFilter(), 1, 50));

    private static Call Started(string user) => new("started, random or busy user", user, false, "/api/v1/inbox/started?page=1&pageSize=50",
        (services, caller) => services.GetRequiredService<InboxQueries>().StartedAsync(caller.Viewer, new InboxFilter(), 1, 50));

    /// <summary>A supervisor's overdue list over their branch, or the administrator's over every agency.</summary>
    private static Call Overdue(int? branch)
    {
        var (user, scope, agencies) = Scope(branch);
        return new(branch is null ? "overdue, administrator (all)" : "overdue, supervisor (11 agencies)", user, false, $"/api/v1/supervision/overdue?page=1&pageSize=50{agencies}",
            (services, _) => services.GetRequiredService<SupervisionQueries>().OverdueAsync(scope, DueSoon, 1, 50));
    }

    /// <summary>Aging buckets of a branch as its supervisor, or (null) of every agency as the system client with its token.</summary>
    private Call Aging(int? branch)
    {
        var (user, scope, agencies) = Scope(branch);
        return new(branch is null ? "aging, system client (bearer token)" : "aging, supervisor", branch is null ? systemClient : user, branch is null, $"/api/v1/supervision/aging?{agencies.TrimStart('&')}",
            (services, _) => services.GetRequiredService<SupervisionQueries>().AgingAsync(scope, DueSoon));
    }

    private Call Performance(int branch)
    {
        var (user, scope, agencies) = Scope(branch);
        return new("performance by agency, 30 days, supervisor", user, false, $"/api/v1/supervision/performance?{Window}&by=Agency{agencies}",
            (services, _) => services.GetRequiredService<SupervisionQueries>().PerformanceAsync(scope, data.Now.AddDays(-30), data.Now, PerformanceDimension.Agency));
    }

    /// <summary>Who asks and which agencies: a branch's supervisor and subtree, or (null) the administrator and every agency.</summary>
    private static (string User, SupervisionFilter Scope, string Query) Scope(int? branch)
    {
        if (branch is not { } b)
            return (Organisation.Administrator, new SupervisionFilter(), "");
        var subtree = Organisation.Subtree(b);
        return (Organisation.Supervisor(b), new SupervisionFilter(subtree), string.Concat(subtree.Select(a => "&agency=" + a)));
    }
}
