using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace G2G.Runtime.Benchmarks;

/// <summary>One generated task row; strings are derived from the numbers when written.</summary>
internal readonly record struct TaskRow(
    long Id, long InstanceId, int Step, int Assignee, int Agency, byte State, DateTime CreatedAt, DateTime? DueAt, DateTime? CompletedAt);

/// <summary>
/// A deterministic inbox data set: <c>tasks</c> of many users in a realistic mix, and the candidate groups
/// of the group tasks. Most tasks are done; about 15 % are open. Users are skewed: 30 % of the assigned
/// tasks go to 1,000 busy users, the rest spread over everyone; one heavy user has 2,000 open tasks (and
/// as many done), and one heavy group has 2,000 open group tasks. 30 % of tasks have no due date.
/// </summary>
internal sealed class InboxData
{
    public const int BusyUsers = 1000;
    public const int HeavyOpen = 2000;
    public const int Groups = 2000;
    public const byte Open = 0, Completed = 1, Cancelled = 2;

    /// <summary>Assignee index of tasks that go to candidate groups instead of a user.</summary>
    public const int NoAssignee = -1;

    public static readonly DateTime Now = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Steps = ["draft", "review", "check", "office", "sign"];
    private static readonly string[] StepNames = ["起草", "科长审核", "处长审核", "办公室核稿", "领导签发"];

    public InboxData(int tasks, int users)
    {
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
                state = roll < 0.15 ? Open : roll < 0.95 ? Completed : Cancelled;
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
            rows[i] = new TaskRow(id, id / 5 + 1, (int)(id % 5), assignee, random.Next(100), state,
                Truncate(created), due is { } d ? Truncate(d) : null, completed is { } c ? Truncate(c) : null);
        }
        Rows = rows;
        Candidates = candidates;
    }

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

    private const string Columns = "id, instance_id, engine_task_id, element_id, name, process_key, title, form_key, assignee, agency_id, state, outcome, " +
        "created_at, due_at, remind_at, completed_at, completed_by, added_signer, version";

    /// <summary>Loads the rows, fast: binary COPY on PostgreSQL, one transaction with one prepared insert on SQLite.</summary>
    public async Task<TimeSpan> LoadAsync(BenchDatabase database)
    {
        var began = Stopwatch.GetTimestamp();
        if (database.IsPostgres)
            await LoadPostgresAsync(database);
        else
            await LoadSqliteAsync(database);
        return Stopwatch.GetElapsedTime(began);
    }

    private async Task LoadPostgresAsync(BenchDatabase database)
    {
        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY tasks ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in Rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.Id, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.InstanceId, NpgsqlDbType.Bigint);
                await writer.WriteAsync((long)row.Step + 1, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Steps[row.Step], NpgsqlDbType.Varchar);
                await writer.WriteAsync(StepNames[row.Step], NpgsqlDbType.Varchar);
                await writer.WriteAsync(Models.ApprovalKey, NpgsqlDbType.Varchar);
                await writer.WriteAsync(Title(row), NpgsqlDbType.Varchar);
                await writer.WriteAsync($"approval/{Steps[row.Step]}", NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, row.Assignee == NoAssignee ? null : User(row.Assignee));
                await writer.WriteAsync(Agency(row), NpgsqlDbType.Varchar);
                await writer.WriteAsync(StateName(row.State), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, row.State == Completed ? "approve" : null);
                await writer.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, row.DueAt);
                await WriteNullableAsync(writer, row.DueAt - TimeSpan.FromDays(1));
                await WriteNullableAsync(writer, row.CompletedAt);
                await WriteNullableAsync(writer, row.State == Completed ? User(row.Assignee == NoAssignee ? 0 : row.Assignee) : null);
                await writer.WriteNullAsync();
                await writer.WriteAsync(row.State == Open ? 0 : 1, NpgsqlDbType.Integer);
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY task_candidates (task_id, kind, value) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (taskId, group) in Candidates)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(taskId, NpgsqlDbType.Bigint);
                await writer.WriteAsync("group", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Group(group), NpgsqlDbType.Varchar);
            }
            await writer.CompleteAsync();
        }
        // The ids were given explicitly: move the identity past them, as a real table's would be.
        await using (var command = new NpgsqlCommand("SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks))", connection))
            await command.ExecuteNonQueryAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
            await writer.WriteNullAsync();
        else
            await writer.WriteAsync(value, NpgsqlDbType.Varchar);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, DateTime? value)
    {
        if (value is { } at)
            await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
        else
            await writer.WriteNullAsync();
    }

    private async Task LoadSqliteAsync(BenchDatabase database)
    {
        await using var connection = (SqliteConnection)database.CreateConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var names = Columns.Split(", ");
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO tasks ({Columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})";
            var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = "@" + n }), StringComparer.Ordinal);
            insert.Prepare();
            foreach (var row in Rows)
            {
                p["id"].Value = row.Id;
                p["instance_id"].Value = row.InstanceId;
                p["engine_task_id"].Value = row.Step + 1L;
                p["element_id"].Value = Steps[row.Step];
                p["name"].Value = StepNames[row.Step];
                p["process_key"].Value = Models.ApprovalKey;
                p["title"].Value = Title(row);
                p["form_key"].Value = $"approval/{Steps[row.Step]}";
                p["assignee"].Value = row.Assignee == NoAssignee ? DBNull.Value : User(row.Assignee);
                p["agency_id"].Value = Agency(row);
                p["state"].Value = StateName(row.State);
                p["outcome"].Value = row.State == Completed ? "approve" : DBNull.Value;
                p["created_at"].Value = Text(row.CreatedAt);
                p["due_at"].Value = Text(row.DueAt);
                p["remind_at"].Value = Text(row.DueAt - TimeSpan.FromDays(1));
                p["completed_at"].Value = Text(row.CompletedAt);
                p["completed_by"].Value = row.State == Completed ? User(row.Assignee == NoAssignee ? 0 : row.Assignee) : DBNull.Value;
                p["added_signer"].Value = DBNull.Value;
                p["version"].Value = row.State == Open ? 0 : 1;
                await insert.ExecuteNonQueryAsync();
            }
        }
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO task_candidates (task_id, kind, value) VALUES (@task, 'group', @value)";
            var task = insert.Parameters.Add(new SqliteParameter { ParameterName = "@task" });
            var value = insert.Parameters.Add(new SqliteParameter { ParameterName = "@value" });
            insert.Prepare();
            foreach (var (taskId, group) in Candidates)
            {
                task.Value = taskId;
                value.Value = Group(group);
                await insert.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    /// <summary>The runtime's SQLite form of an instant (UtcIsoStringConverter): fixed-width UTC text that sorts as time.</summary>
    private static object Text(DateTime? at) =>
        at is { } value ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) : DBNull.Value;

    private static string Title(TaskRow row) => $"关于第{row.InstanceId}号事项的请示";

    private static string Agency(TaskRow row) => $"agency-{row.Agency:D3}";

    /// <summary>Refreshes the planner's statistics after the load.</summary>
    public static Task AnalyzeAsync(BenchDatabase database) =>
        database.ExecuteAsync(database.IsPostgres ? "ANALYZE tasks; ANALYZE task_candidates;" : "ANALYZE;");
}
