using System.Diagnostics;
using System.Globalization;

namespace G2G.Load;

/// <summary>
/// The volume run: a database pre-filled with the inbox data set (<see cref="InboxData"/>: about 1,000,000 completed and
/// 100,000 open tasks of 100,000 people, with <see cref="Organisation"/>'s agencies, departments, groups, supervisors
/// and instances), read by many people at desks. A clerk's loop: think, the badge counts and 待办, then now and then
/// their history of work, 已办 (done) or 我发起的 (started); a supervisor's (one person in fifty, each of the nine
/// branch supervisors): the overdue list or the aging report of their branch. Nothing is written, and no instance's
/// own history is read: the data set's instances are rows for the inbox, without an event log or a runnable procedure.
/// </summary>
internal sealed class Volume(Api api, Measure measure, LoadOptions options, IReadOnlyList<Session> sessions)
{
    /// <summary>Share of open tasks that gives about 1,000,000 completed and 100,000 open in 1,160,000 tasks.</summary>
    public const double OpenShare = 0.086;

    /// <summary>The data set of <c>--tasks</c> and <c>--people</c>, its "now" the real clock (supervision reads due dates against it).</summary>
    public static InboxData Data(LoadOptions options, DateTime now) => new(options.Tasks, options.People, now, OpenShare);

    /// <summary>Loads the data set and its organisation (everyone's password <paramref name="password"/>), then ANALYZE.</summary>
    public static async Task LoadAsync(BenchDatabase database, InboxData data, string password)
    {
        var began = Stopwatch.GetTimestamp();
        await data.LoadAsync(database);
        await new Organisation(data, Organisation.HashPassword(password)).LoadAsync(database);
        await database.ExecuteAsync("ANALYZE");
        var facts = data.Describe();
        Console.WriteLine($"  loaded {facts["tasks"]} tasks ({facts["open tasks"]} open) of {facts["users"]} people in {Stopwatch.GetElapsedTime(began).TotalSeconds:0} s");
    }

    /// <summary>Who signs in: one supervisor in fifty (the nine in turn), a fifth busy users, the others anyone.</summary>
    public static List<string> People(InboxData data, int count)
    {
        var random = new Random(42);
        return [.. Enumerable.Range(0, count).Select(i => i % 50 == 49
            ? Organisation.Supervisor(1 + i / 50 % Organisation.Branches)
            : data.User(random.NextDouble() < 0.2 ? random.Next(InboxData.BusyUsers) : random.Next(data.Users)))];
    }

    public Task RunAsync() => Task.WhenAll(sessions.Select((session, i) => Task.Run(() => PersonAsync(session, new Random(2000 + i)))));

    private async Task PersonAsync(Session me, Random random)
    {
        var supervisor = me.User.StartsWith("supervisor-", StringComparison.Ordinal);
        // People do not all arrive at the same second.
        await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * options.Think));
        while (!measure.Over)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(-Math.Log(1 - random.NextDouble()) * options.Think, 10 * options.Think)));
            if (measure.Over)
                break;
            if (supervisor)
            {
                var branch = int.Parse(me.User["supervisor-".Length..], CultureInfo.InvariantCulture);
                var agencies = string.Concat(Organisation.Subtree(branch).Select(a => "&agency=" + a));
                await api.GetAsync(random.NextDouble() < 0.5 ? "overdue (supervisor)" : "aging (supervisor)", me, random.NextDouble() < 0.5
                    ? $"/api/v1/supervision/overdue?page=1&pageSize=50{agencies}"
                    : $"/api/v1/supervision/aging?{agencies.TrimStart('&')}");
                continue;
            }
            await api.GetAsync("counts", me, "/api/v1/inbox/counts");
            var todo = await api.GetAsync("todo", me, "/api/v1/inbox/todo?page=1&pageSize=50");
            var roll = random.NextDouble();
            if (roll < 0.3)
                await api.GetAsync("done", me, "/api/v1/inbox/done?page=1&pageSize=50");
            else if (roll < 0.4)
                await api.GetAsync("started", me, "/api/v1/inbox/started?page=1&pageSize=50");
        }
    }

    /// <summary>The measured "now" of the data set: the real clock to the second.</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
