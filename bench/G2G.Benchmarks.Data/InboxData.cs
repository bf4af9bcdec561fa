using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Benchmarks.Data;

/// <summary>One generated task row; strings are derived from the numbers when written.</summary>
internal readonly record struct TaskRow(
    long Id, long InstanceId, int Step, int Assignee, int Agency, byte State, DateTime CreatedAt, DateTime? DueAt, DateTime? CompletedAt);

/// <summary>
/// A deterministic inbox data set: <c>tasks</c> of many users in a realistic mix, and the candidate groups
/// of the group tasks. Most tasks are done; about 15 % are open. Users are skewed: 30 % of the assigned
/// tasks go to 1,000 busy users, the rest spread over everyone; one heavy user has 2,000 open tasks (and
/// as many done), and one heavy group has 2,000 open group tasks. 30 % of tasks have no due date. Every task
/// carries the 密级 of its instance (<see cref="Classification"/>). <c>openShare</c> changes the share of open
/// tasks (the load driver's volume run: about 100,000 open beside 1,000,000 completed).
/// </summary>
internal sealed class InboxData
{
    public const int BusyUsers = 1000;
    public const int HeavyOpen = 2000;
    public const int Groups = 2000;
    public const int Agencies = 100;
    public const byte Open = 0, Completed = 1, Cancelled = 2;

    /// <summary>Assignee index of tasks that go to candidate groups instead of a user.</summary>
    public const int NoAssignee = -1;

    /// <summary>The key of the approval model (bench/models/approval-5.bpmn) the tasks belong to.</summary>
    public const string ProcessKey = "approval5";

    /// <summary>The default "now" of the data set; runs that query with the real clock pass their own.</summary>
    public static readonly DateTime FixedNow = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Steps = ["draft", "review", "check", "office", "sign"];
    private static readonly string[] StepNames = ["起草", "科长审核", "处长审核", "办公室核稿", "领导签发"];

    /// <summary>
    /// The data set around the real clock (to the second): open work is recent and due dates fall around now, as the
    /// host's supervision, which reads the real clock, expects.
    /// </summary>
    public static InboxData AroundNow(int tasks, int users)
    {
        var now = DateTime.UtcNow;
        return new InboxData(tasks, users, new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    public InboxData(int tasks, int users, DateTime? now = null, double openShare = 0.15)
    {
        Now = now ?? FixedNow;
        Users = users;
        HeavyUser = users; // one past the ordinary users
        HeavyGroup = Groups;
        var random = new Random(20261123);
        var rows = new TaskRow[tasks];
        var candidates = new List<(long TaskId, int Group)>(tasks / 4);
        const int heavyRows = 3 * HeavyOpen; // the heavy user's open and done tasks, the heavy group's open tasks
        if (tasks < 10 * heavyRows)
            throw new ArgumentException($"The inbox data set needs at least {10 * heavyRows} tasks.");
        var ordinary = tasks - heavyRows;
        for (var i = 0; i < tasks; i++)
        {
            var id = i + 1L;
            int assignee;
            byte state;
            if (i < ordinary)
            {
                var groupTask = random.NextDouble() < 0.15;
                assignee = groupTask ? NoAssignee : random.NextDouble() < 0.30 ? random.Next(BusyUsers) : random.Next(users);
                var roll = random.NextDouble();
                state = roll < openShare ? Open : roll < 0.95 ? Completed : Cancelled;
                if (groupTask)
                {
                    candidates.Add((id, random.Next(Groups)));
                    if (random.NextDouble() < 0.5)
                    {
                        var second = random.Next(Groups);
                        if (second != candidates[^1].Group)
                            candidates.Add((id, second));
                    }
                }
            }
            else if (i < ordinary + 2 * HeavyOpen)
            {
                assignee = HeavyUser;
                state = i < ordinary + HeavyOpen ? Open : Completed;
            }
            else
            {
                assignee = NoAssignee;
                state = Open;
                candidates.Add((id, HeavyGroup));
            }
            // Open work is recent; done work spreads over two years.
            var created = Now - TimeSpan.FromMinutes(random.NextDouble() * (state == Open ? 60 : 730) * 24 * 60);
            DateTime? due = random.NextDouble() < 0.70 ? created + TimeSpan.FromMinutes((1 + random.NextDouble() * 29) * 24 * 60) : null;
            DateTime? completed = state == Open ? null : created + TimeSpan.FromMinutes(random.NextDouble() * 10 * 24 * 60);
            rows[i] = new TaskRow(id, id / 5 + 1, (int)(id % 5), assignee, random.Next(Agencies), state,
                Truncate(created), due is { } d ? Truncate(d) : null, completed is { } c ? Truncate(c) : null);
        }
        Rows = rows;
        Candidates = candidates;
    }

    /// <summary>The instant open work is recent to and due dates fall around.</summary>
    public DateTime Now { get; }

    public int Users { get; }
    public int HeavyUser { get; }
    public int HeavyGroup { get; }
    public TaskRow[] Rows { get; }
    public List<(long TaskId, int Group)> Candidates { get; }

    public static string UserName(int index) => index == NoAssignee ? "" : $"user-{index:D6}";

    public string User(int index) => index == HeavyUser ? "user-heavy" : UserName(index);

    public string Group(int index) => index == HeavyGroup ? "position:收发员@agency-heavy" : $"position:科员@dept-{index:D4}";

    /// <summary>The three groups a user is a member of; the heavy user is also in the heavy group.</summary>
    public string[] GroupsOf(int user) => user == HeavyUser
        ? [Group(HeavyGroup), Group(1), Group(2)]
        : [Group(user % Groups), Group((user * 7 + 3) % Groups), Group((user * 13 + 5) % Groups)];

    public static string StateName(byte state) => state switch { Open => "open", Completed => "completed", _ => "cancelled" };

    /// <summary>Facts about the data set for the report.</summary>
    public Dictionary<string, string> Describe()
    {
        var open = Rows.Count(r => r.State == Open);
        var openByUser = Rows.Where(r => r.State == Open && r.Assignee != NoAssignee).GroupBy(r => r.Assignee).Select(g => g.Count()).ToList();
        var busyOpen = Rows.Where(r => r.State == Open && r.Assignee is >= 0 and < BusyUsers).Count() / (double)BusyUsers;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tasks"] = Rows.Length.ToString("N0", CultureInfo.InvariantCulture),
            ["users"] = Users.ToString("N0", CultureInfo.InvariantCulture) + " + 1 heavy",
            ["open tasks"] = $"{open:N0} ({100.0 * open / Rows.Length:0.0} %)",
            ["group tasks (no assignee)"] = Rows.Count(r => r.Assignee == NoAssignee).ToString("N0", CultureInfo.InvariantCulture),
            ["task_candidates rows"] = Candidates.Count.ToString("N0", CultureInfo.InvariantCulture),
            ["tasks with a due date"] = $"{100.0 * Rows.Count(r => r.DueAt is not null) / Rows.Length:0} %",
            ["users with an open task"] = openByUser.Count.ToString("N0", CultureInfo.InvariantCulture),
            ["open tasks of a busy user (avg)"] = busyOpen.ToString("0.0", CultureInfo.InvariantCulture),
            ["open tasks of the heavy user"] = Rows.Count(r => r.State == Open && r.Assignee == HeavyUser).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>PostgreSQL keeps microseconds and SQLite's text form six digits: round-trip exactly on both.</summary>
    private static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    // ---- Loading ----

    private static readonly string[] Columns = ["id", "instance_id", "engine_task_id", "element_id", "name", "process_key", "title", "form_key",
        "assignee", "agency_id", "state", "outcome", "created_at", "due_at", "remind_at", "completed_at", "completed_by", "added_signer", "version",
        "classification"];

    /// <summary>Loads the tasks and their candidates, fast (<see cref="BulkLoader"/>).</summary>
    public async Task<TimeSpan> LoadAsync(BenchDatabase database)
    {
        var began = Stopwatch.GetTimestamp();
        await BulkLoader.LoadAsync(database, "tasks", Columns, Rows.Select(Values));
        await BulkLoader.LoadAsync(database, "task_candidates", ["task_id", "kind", "value"],
            Candidates.Select(c => new object?[] { c.TaskId, "group", Group(c.Group) }));
        // The ids were given explicitly: move the identity past them, as a real table's would be.
        if (database.IsPostgres)
            await database.ExecuteAsync("SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks))");
        // The triggers appended each loaded task to the supervision counts' changes; a node's job executor folds them
        // within seconds (TaskCounts), the benchmark's hosts run none.
        await using (var host = new RuntimeHost(database.Settings))
        await using (var scope = host.CreateScope())
            await scope.ServiceProvider.GetRequiredService<G2G.Runtime.Supervision.TaskCounts>().FoldAsync(CancellationToken.None);
        return Stopwatch.GetElapsedTime(began);
    }

    private object?[] Values(TaskRow row) =>
    [
        row.Id, row.InstanceId, row.Step + 1L, Steps[row.Step], StepNames[row.Step], ProcessKey, Title(row.InstanceId), $"approval/{Steps[row.Step]}",
        row.Assignee == NoAssignee ? null : User(row.Assignee), Agency(row.Agency), StateName(row.State), row.State == Completed ? "approve" : null,
        row.CreatedAt, row.DueAt, row.DueAt - TimeSpan.FromDays(1), row.CompletedAt,
        row.State == Completed ? User(row.Assignee == NoAssignee ? 0 : row.Assignee) : null, null, row.State == Open ? 0 : 1,
        Classification(row.InstanceId),
    ];

    /// <summary>The title of an instance and of its tasks.</summary>
    public static string Title(long instanceId) => $"关于第{instanceId}号事项的请示";

    public static string Agency(int index) => $"agency-{index:D3}";

    /// <summary>
    /// 密级 of an instance and its tasks (<c>ClearanceLevel</c>): 70 % 非密, 20 % 内部, 8 % 秘密, 2 % 机密, a few 绝密,
    /// spread by the instance id so every task of an instance has its level.
    /// </summary>
    public static int Classification(long instanceId) => (instanceId * 2654435761L % 1000) switch
    {
        < 700 => 0,
        < 900 => 1,
        < 980 => 2,
        < 998 => 3,
        _ => 4,
    };

    /// <summary>Refreshes the planner's statistics after the load.</summary>
    public static Task AnalyzeAsync(BenchDatabase database) =>
        database.ExecuteAsync(database.IsPostgres ? "ANALYZE tasks; ANALYZE task_candidates;" : "ANALYZE;");
}
