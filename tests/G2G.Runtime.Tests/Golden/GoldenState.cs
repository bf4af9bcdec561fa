using System.Text.Json;
using System.Text.Json.Nodes;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Golden;

/// <summary>
/// One golden state (tests/G2G.Runtime.Tests/Golden/*.json): an instance's rows as a release stored them — the instance row with
/// its engine state (the <c>state</c> column, kept as the JSON object it is), its tasks with candidates, jobs, event
/// subscriptions and its whole signed event log — the next command to run on it, and what that command must do. The files
/// are written once per stored format (<see cref="GoldenStateWriter"/>) and never rewritten for a later one, so a change of
/// the state's or the log's format that today's code cannot read fails <see cref="GoldenStateTests{TDatabase}"/>
/// (docs/operations.md, "Changing the stored format").
/// </summary>
public sealed record GoldenState(
    string About, string Workflow, JsonObject State, ProcessInstanceRecord Instance, List<TaskRecord> Tasks, List<JobRecord> Jobs,
    List<EventSubscriptionRecord> Subscriptions, List<InstanceEventRecord> Events, GoldenCommand Next, GoldenOutcome Expect)
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

    /// <summary>An instance's rows as they are stored now, with the command to run next and what it must do.</summary>
    public static async Task<GoldenState> CaptureAsync(G2GDbContext db, long instanceId, string about, string workflow, GoldenCommand next, GoldenOutcome expect)
    {
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == instanceId);
        var state = JsonNode.Parse(instance.State)!.AsObject();
        instance.State = "(the state above)";
        return new GoldenState(about, workflow, state, instance,
            await db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync(),
            await db.Set<JobRecord>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(),
            await db.Set<EventSubscriptionRecord>().AsNoTracking().Where(s => s.InstanceId == instanceId).OrderBy(s => s.Id).ToListAsync(),
            await db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Seq).ToListAsync(),
            next, expect);
    }

    /// <summary>
    /// Writes the rows into a database where the workflow is deployed as <paramref name="definitionId"/>. Instance and task
    /// ids stay as stored (the signed log names them); jobs and subscriptions get ids of the database's own.
    /// </summary>
    public async Task LoadAsync(G2GDbContext db, long definitionId)
    {
        Instance.State = State.ToJsonString();
        Instance.DefinitionId = definitionId;
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
/// (of several, as a multi-instance step has, the one assigned to them).
/// </summary>
public sealed record GoldenCommand(string Complete, string Actor, string? Outcome = null)
{
    public TaskRecord TaskOf(IEnumerable<TaskRecord> open)
    {
        var ofElement = open.Where(t => t.ElementId == Complete).ToList();
        return ofElement.Count == 1 ? ofElement[0] : Assert.Single(ofElement, t => t.Assignee == Actor);
    }
}

/// <summary>What the command must leave: the instance's status, its open tasks' elements, and the kinds it appended to the log.</summary>
public sealed record GoldenOutcome(string Status, List<string> OpenTasks, List<string> Appended);
