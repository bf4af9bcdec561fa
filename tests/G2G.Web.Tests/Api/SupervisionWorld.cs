using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Tests.Api;

/// <summary>
/// The <see cref="SecurityWorld{TDatabase}"/> province plus 上海 (sh, outside the provincial supervisor's subtree),
/// a second 财政厅 department (国库处, with fin.cashier), and tasks written with known times relative to the
/// world's standing clock, so every count, rate and average of the supervision reports is known in advance.
/// </summary>
public sealed class SupervisionWorld<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public const string Cashier = "fin.cashier";
    public const string Budget = "p-budget";
    public const string Enrolment = "p-enrol";

    /// <summary>Title of the 机密 open task: above the supervisor's 秘密 clearance.</summary>
    public const string HighlySecretTitle = "机密：年度预算调整";

    private readonly List<(string Name, TaskRecord Task)> _open = [];
    private long _nextId = 1;

    public SecurityWorld<TDatabase> World { get; } = new();

    public DateTimeOffset Now => World.Clock.GetUtcNow();

    /// <summary>Ids of the open tasks by name: O1 … O6 as in <see cref="SeedAsync"/>.</summary>
    public Dictionary<string, long> Open { get; } = [];

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        await using (var scope = World.Factory.Services.CreateAsyncScope())
        {
            var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await org.CreateAgencyAsync(new NewAgency("sh", "上海市人民政府", Kind: AgencyKind.Government), "setup");
            await org.CreateDepartmentAsync(new NewDepartment("gd-fin-treasury", "gd-fin", "国库处"), "setup");
            await org.CreateUserAsync(new NewUser(Cashier, "孙出纳", "gd-fin-treasury"), "setup");
        }
        await SeedAsync();
    }

    public Task DisposeAsync() => World.DisposeAsync();

    /// <summary>
    /// Open (now N): O1 chief −2 d, O2 clerk −10 d, O3 chief 机密 −40 d, O4 edu.clerk +12 h, O5 cashier −5 d, O6 in sh −1 d,
    /// and two that are not listed (due in 5 days, no due date). Completed in the last 30 days: C1 chief on time in 24 h,
    /// C2 clerk late in 96 h, C3 cashier without due date in 24 h, C4 chief 机密 on time in 2 h, C6 edu.clerk late in 48 h;
    /// C5 was completed 40 days ago.
    /// </summary>
    private async Task SeedAsync()
    {
        var n = Now;
        await using var db = World.Database.CreateContext();
        Add(db, "O1", SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(-2));
        Add(db, "O2", SecurityWorld<TDatabase>.FinClerk, "gd-fin", Budget, "审核", n.AddDays(-10));
        Add(db, "O3", SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(-40), ClearanceLevel.HighlySecret, HighlySecretTitle);
        Add(db, "O4", SecurityWorld<TDatabase>.EduClerk, "gd-edu", Enrolment, "受理", n.AddHours(12));
        Add(db, "O5", Cashier, "gd-fin", Budget, "复核", n.AddDays(-5));
        Add(db, "O6", "sh.clerk", "sh", Budget, "审核", n.AddDays(-1));
        Add(db, "later", SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(5));
        Add(db, "undated", SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", null);
        Done(db, SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(-10), n.AddDays(-8), n.AddDays(-9));
        Done(db, SecurityWorld<TDatabase>.FinClerk, "gd-fin", Budget, "审核", n.AddDays(-10), n.AddDays(-8), n.AddDays(-6));
        Done(db, Cashier, "gd-fin", Budget, "复核", n.AddDays(-4), null, n.AddDays(-3));
        Done(db, SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(-5), n.AddDays(-1), n.AddDays(-5).AddHours(2), ClearanceLevel.HighlySecret);
        Done(db, SecurityWorld<TDatabase>.FinChief, "gd-fin", Budget, "审核", n.AddDays(-42), n.AddDays(-41), n.AddDays(-40));
        Done(db, SecurityWorld<TDatabase>.EduClerk, "gd-edu", Enrolment, "受理", n.AddDays(-3), n.AddDays(-2), n.AddDays(-1));
        await db.SaveChangesAsync();
        foreach (var (name, task) in _open)
            Open[name] = task.Id;
    }

    private void Add(G2GDbContext db, string name, string assignee, string agency, string process, string step, DateTimeOffset? due,
        ClearanceLevel classification = ClearanceLevel.Unclassified, string? title = null)
    {
        var task = NewTask(assignee, agency, process, step, Now.AddDays(-60), due, classification, title ?? $"{name} 关于{step}的请示");
        _open.Add((name, task));
        db.Add(task);
    }

    private void Done(G2GDbContext db, string by, string agency, string process, string step, DateTimeOffset created, DateTimeOffset? due, DateTimeOffset completed,
        ClearanceLevel classification = ClearanceLevel.Unclassified)
    {
        var task = NewTask(by, agency, process, step, created, due, classification, $"已办 {step}");
        (task.State, task.CompletedAt, task.CompletedBy) = (TaskStates.Completed, completed, by);
        db.Add(task);
    }

    private TaskRecord NewTask(string assignee, string agency, string process, string step, DateTimeOffset created, DateTimeOffset? due,
        ClearanceLevel classification, string title)
    {
        var id = _nextId++;
        return new TaskRecord
        {
            InstanceId = 1_000_000 + id, EngineTaskId = id, ElementId = $"step{id}", Name = step, ProcessKey = process, Title = title,
            Assignee = assignee, AgencyId = agency, Classification = classification, State = TaskStates.Open, CreatedAt = created, DueAt = due,
        };
    }
}
