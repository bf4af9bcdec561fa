using Microsoft.AspNetCore.Identity;

namespace G2G.Benchmarks.Data;

/// <summary>
/// The organisation around an <see cref="InboxData"/> set, everything the API reads to build a caller
/// (CallerDirectory): a three-level agency tree over the data set's 100 agencies (the province, 9 branches
/// with 10 agencies each below them), 2,000 departments, the candidate groups as groups with members, every
/// user with a home department, agency and clearance, one supervisor per branch, an administrator, and the
/// process instances the tasks belong to (the task views read their versions). Shared by the HTTP benchmark and the
/// load driver's volume run.
/// </summary>
internal sealed class Organisation(InboxData data, string passwordHash)
{
    public const int Branches = 9;
    public const int Departments = 2000;
    public const string Administrator = "admin";
    public const string AdministratorRole = "administrator";
    public const string SupervisorRole = "supervisor";

    /// <summary>PBKDF2 rounds of the users' password hash: few, so a thousand sign-ins take seconds (the host reads the count from the hash).</summary>
    public const int HashIterations = 1000;

    /// <summary>A password hash as the host's hasher writes and checks it, with <see cref="HashIterations"/> rounds.</summary>
    public static string HashPassword(string password) =>
        new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = HashIterations }))
            .HashPassword(new object(), password);

    public static string Supervisor(int branch) => $"supervisor-{branch}";

    /// <summary>A branch (1–9) and the 10 agencies below it: a supervisor's scope.</summary>
    public static IReadOnlyList<string> Subtree(int branch) =>
        [InboxData.Agency(branch), .. Enumerable.Range(10 * branch, 10).Select(InboxData.Agency)];

    private static int ParentOf(int agency) => agency switch { 0 => -1, < 10 => 0, _ => agency / 10 };

    private static string PathOf(int agency) => agency == 0 ? "/agency-000/" : $"{PathOf(ParentOf(agency))}{InboxData.Agency(agency)}/";

    private static string Department(int index) => $"dept-{index:D4}";

    /// <summary>Clearance of an ordinary user: 60 % 内部, 30 % 秘密, 10 % 机密 (tasks above it are hidden).</summary>
    private static int Clearance(int user) => (user % 10) switch { < 6 => 1, < 9 => 2, _ => 3 };

    /// <summary>Loads the organisation and the instances (<see cref="BulkLoader"/>), in foreign-key order.</summary>
    public async Task LoadAsync(BenchDatabase database)
    {
        await BulkLoader.LoadAsync(database, "agencies", ["id", "name", "kind", "parent_id", "path", "is_active"],
            Enumerable.Range(0, InboxData.Agencies).Select(a => new object?[]
            {
                InboxData.Agency(a), $"机关{a}", a == 0 ? "Government" : "Bureau", a == 0 ? null : InboxData.Agency(ParentOf(a)), PathOf(a), true,
            }));
        await BulkLoader.LoadAsync(database, "departments", ["id", "agency_id", "name", "is_active"],
            Enumerable.Range(0, Departments).Select(d => new object?[] { Department(d), InboxData.Agency(d % InboxData.Agencies), $"第{d}处", true }));
        await BulkLoader.LoadAsync(database, "users", UserColumns, Users());
        await BulkLoader.LoadAsync(database, "roles", ["id", "name", "normalized_name", "concurrency_stamp"],
            new[] { AdministratorRole, SupervisorRole }.Select(r => new object?[] { r, r, r.ToUpperInvariant(), r }));
        await BulkLoader.LoadAsync(database, "user_roles", ["user_id", "role_id"],
            [[Administrator, AdministratorRole], .. Enumerable.Range(1, Branches).Select(b => new object?[] { Supervisor(b), SupervisorRole })]);
        await BulkLoader.LoadAsync(database, "groups", ["id", "name"],
            Enumerable.Range(0, InboxData.Groups + 1).Select(g => new object?[] { data.Group(g), data.Group(g) }));
        await BulkLoader.LoadAsync(database, "group_members", ["group_id", "user_id"],
            Enumerable.Range(0, data.Users + 1).SelectMany(u => data.GroupsOf(u).Distinct(StringComparer.Ordinal).Select(g => new object?[] { g, data.User(u) })));
        await BulkLoader.LoadAsync(database, "process_instances", InstanceColumns, Instances());
    }

    private static readonly string[] UserColumns =
    [
        "id", "user_name", "normalized_user_name", "email_confirmed", "password_hash", "security_stamp", "concurrency_stamp",
        "phone_number_confirmed", "two_factor_enabled", "lockout_enabled", "access_failed_count", "display_name", "department_id",
        "agency_id", "clearance", "is_active",
    ];

    private IEnumerable<object?[]> Users()
    {
        object?[] Row(string id, int department, int clearance) =>
        [
            id, id, id.ToUpperInvariant(), false, passwordHash, "stamp-" + id, "concurrency-" + id, false, false, true, 0, id,
            Department(department), InboxData.Agency(department % InboxData.Agencies), clearance, true,
        ];
        for (var u = 0; u < data.Users; u++)
            yield return Row(data.User(u), u % Departments, Clearance(u));
        yield return Row(data.User(data.HeavyUser), 0, 2);
        for (var b = 1; b <= Branches; b++)
            yield return Row(Supervisor(b), b, 3);
        yield return Row(Administrator, 0, 4);
    }

    private static readonly string[] InstanceColumns =
    [
        "id", "definition_id", "process_key", "definition_version", "title", "status", "suspended", "state", "version", "initiator",
        "agency_id", "started_at", "event_seq", "classification",
    ];

    /// <summary>One instance per group of tasks with the same instance id; running while one of its tasks is open.</summary>
    private IEnumerable<object?[]> Instances()
    {
        var running = new HashSet<long>(data.Rows.Where(r => r.State == InboxData.Open).Select(r => r.InstanceId));
        long previous = 0;
        foreach (var row in data.Rows)
        {
            if (row.InstanceId == previous)
                continue;
            previous = row.InstanceId;
            yield return
            [
                row.InstanceId, 1L, InboxData.ProcessKey, 1, InboxData.Title(row.InstanceId), running.Contains(row.InstanceId) ? "running" : "completed",
                false, "{}", 1, data.User(row.Assignee == InboxData.NoAssignee ? 0 : row.Assignee), InboxData.Agency(row.Agency), row.CreatedAt, 0L,
                InboxData.Classification(row.InstanceId),
            ];
        }
    }
}
