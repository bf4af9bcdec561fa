using System.Text.Json;
using System.Text.Json.Nodes;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Golden;

/// <summary>
/// One golden state (tests/G2G.Runtime.Tests/Golden/*.json): an instance's rows as a release stored them — the instance row with
/// its engine state (the <c>state</c> column, kept as the JSON object it is), its tasks with candidates, jobs, event
/// subscriptions and its whole signed event log — with the rows of the instances it waits on or for (<see cref="Related"/>:
/// a called child, the receiving process whose reply it waits for), the next command to run, and what that command must
/// do. The files are written once per stored format (<see cref="GoldenStateWriter"/>) and never rewritten for a later one,
/// so a change of the state's or the log's format that today's code cannot read fails <see cref="GoldenStateTests{TDatabase}"/>
/// (docs/operations.md, "Changing the stored format").
/// </summary>
public sealed record GoldenState(
    string About, string Workflow, JsonObject State, ProcessInstanceRecord Instance, List<TaskRecord> Tasks, List<JobRecord> Jobs,
    List<EventSubscriptionRecord> Subscriptions, List<InstanceEventRecord> Events, GoldenCommand Next, GoldenOutcome Expect,
    List<GoldenInstance>? Related = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The folder the files are copied to beside the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static IEnumerable<(string Name, GoldenState State)> All() =>
        Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileNameWithoutExtension(file), JsonSerializer.Deserialize<GoldenState>(File.ReadAllText(file), Json)!));

    /// <summary>The instance the command's outcome is checked on, then the related ones.</summary>
    public IEnumerable<GoldenInstance> Instances =>
        [new GoldenInstance(State, Instance, Tasks, Jobs, Subscriptions, Events), .. Related ?? []];

    /// <summary>An instance's rows (and those of <paramref name="related"/>) as they are stored now, with the command to run next and what it must do.</summary>
    public static async Task<GoldenState> CaptureAsync(G2GDbContext db, long instanceId, IEnumerable<long> related, string about, string workflow,
        GoldenCommand next, GoldenOutcome expect)
    {
        var main = await GoldenInstance.CaptureAsync(db, instanceId);
        var others = new List<GoldenInstance>();
        foreach (var id in related)
            others.Add(await GoldenInstance.CaptureAsync(db, id));
        return new GoldenState(about, workflow, main.State, main.Instance, main.Tasks, main.Jobs, main.Subscriptions, main.Events, next, expect,
            others.Count == 0 ? null : others);
    }
}

/// <summary>One instance's stored rows: the instance with its engine state, tasks with candidates, jobs, subscriptions and event log.</summary>
public sealed record GoldenInstance(
    JsonObject State, ProcessInstanceRecord Instance, List<TaskRecord> Tasks, List<JobRecord> Jobs,
    List<EventSubscriptionRecord> Subscriptions, List<InstanceEventRecord> Events)
{
    public static async Task<GoldenInstance> CaptureAsync(G2GDbContext db, long instanceId)
    {
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var state = JsonNode.Parse(instance.State)!.AsObject();
        instance.State = "(the state above)";
        return new GoldenInstance(state, instance,
            await db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync(),
            await db.Set<JobRecord>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(),
            await db.Set<EventSubscriptionRecord>().AsNoTracking().Where(s => s.InstanceId == instanceId).OrderBy(s => s.Id).ToListAsync(),
            await db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Seq).ToListAsync());
    }

    /// <summary>
    /// Writes the rows into a database where the instance's process is deployed. Instance and task ids stay as stored (the
    /// signed log names them); jobs and subscriptions get ids of the database's own.
    /// </summary>
    public async Task LoadAsync(G2GDbContext db)
    {
        Instance.State = State.ToJsonString();
        Instance.DefinitionId = await db.ProcessDefinitions.Where(d => d.ProcessKey == Instance.ProcessKey && d.Version == Instance.DefinitionVersion)
            .Select(d => d.Id).SingleAsync();
        db.Add(Instance);
        db.AddRange(Tasks);
        db.AddRange(Jobs.Select(j => { j.Id = 0; return j; }));
        db.AddRange(Subscriptions.Select(s => { s.Id = 0; return s; }));
        db.AddRange(Events);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// The command a golden state continues with: the open task of element <see cref="Complete"/> completed by <see cref="Actor"/>
/// (of several, as a multi-instance step has, the one assigned to them), in the golden instance or in the related one
/// <see cref="InInstance"/> names, with <see cref="Variables"/>; with <see cref="RunJobs"/> the jobs it made due run after it
/// (a child's end that resumes its parent, a reply delivered to the instance waiting for it).
/// </summary>
public sealed record GoldenCommand(string Complete, string Actor, string? Outcome = null, long? InInstance = null,
    Dictionary<string, string>? Variables = null, bool RunJobs = false)
{
    public TaskRecord TaskOf(IEnumerable<TaskRecord> open)
    {
        var ofElement = open.Where(t => t.ElementId == Complete).ToList();
        return ofElement.Count == 1 ? ofElement[0] : Assert.Single(ofElement, t => t.Assignee == Actor);
    }

    /// <summary>Runs the command on <paramref name="instanceId"/>'s golden state through the runtime.</summary>
    public async Task RunAsync(RuntimeHarness runtime, long instanceId)
    {
        var task = TaskOf(await runtime.OpenTasksAsync(InInstance ?? instanceId));
        await runtime.CompleteAsync(task.Id, Actor, Outcome, [.. (Variables ?? []).Select(v => (v.Key, (object?)v.Value))]);
        if (RunJobs)
            await runtime.RunJobsAsync();
    }
}

/// <summary>What the command must leave: the instance's status, its open tasks' elements, and the kinds it appended to the log.</summary>
public sealed record GoldenOutcome(string Status, List<string> OpenTasks, List<string> Appended);
