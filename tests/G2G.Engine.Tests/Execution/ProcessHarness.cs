using System.Collections;
using System.Globalization;
using System.Text;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Execution;

/// <summary>
/// Drives one process instance through the executor the way the runtime will: it keeps the state,
/// the open tasks, the armed timers and the pending child instances from the effects, and offers
/// the commands by element id.
/// </summary>
/// <remarks>
/// After every accepted command the harness checks that the effects and the state agree (every
/// open task, timer and child call of the effects is in the state and nothing else is; a finished
/// instance holds nothing), and it stores the state the way the runtime does: through
/// <see cref="ProcessStateJson"/>, checking that the JSON reads back to the same JSON. So every
/// scenario also proves the state round-trips, and every next command runs on the re-read state.
/// </remarks>
internal sealed class ProcessHarness
{
    private readonly ProcessExecutor _executor;
    private readonly Dictionary<long, TaskCreated> _openTasks = [];
    private readonly Dictionary<long, TimerScheduled> _timers = [];
    private readonly Dictionary<long, ChildProcessRequested> _children = [];
    private readonly HashSet<long> _incidents = [];

    private ProcessHarness(ProcessDefinition definition, ExecutionOptions? options)
    {
        Definition = definition;
        _executor = new ProcessExecutor(options);
    }

    /// <summary>Monday 23 November 2026, 09:00 in Beijing — a working day.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public ProcessDefinition Definition { get; }
    public ProcessState State { get; private set; } = ProcessState.Empty;
    public DateTimeOffset Now { get; set; } = Monday;
    public List<Effect> Effects { get; } = [];
    public IReadOnlyList<Effect> LastEffects { get; private set; } = [];

    /// <summary>Store the state as JSON between commands (the default), as the runtime does.</summary>
    public bool RoundTripState { get; set; } = true;

    public static ProcessHarness Load(string scenario, string? processKey = null, ExecutionOptions? options = null) =>
        FromXml(File.ReadAllText(ScenarioPath(scenario)), processKey, options);

    public static string ScenarioPath(string scenario) => Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario);

    public static ProcessHarness FromXml(string xml, string? processKey = null, ExecutionOptions? options = null)
    {
        var document = BpmnParser.Parse(xml);
        var errors = document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var process = processKey is null ? document.ExecutableProcesses[0] : document.GetProcess(processKey);
        return new ProcessHarness(process, options);
    }

    public ProcessStatus Status => State.Status;
    public IReadOnlyCollection<TaskCreated> OpenTasks => _openTasks.Values;
    public IReadOnlyCollection<TimerScheduled> Timers => _timers.Values;
    public IReadOnlyCollection<ChildProcessRequested> Children => _children.Values;
    public IReadOnlyList<string> OpenTaskElements => [.. _openTasks.Values.Select(t => t.ElementId).Order(StringComparer.Ordinal)];
    public IReadOnlyList<Incident> Incidents => State.Incidents;
    public Value Variable(string name) => State.Variables[name];
    public bool HasVariable(string name) => State.Variables.ContainsKey(name);

    /// <summary>Element ids completed so far, in order (the path taken).</summary>
    public IReadOnlyList<string> Completed =>
        [.. Effects.OfType<ElementEvent>().Where(e => e.Phase == ElementPhase.Completed).Select(e => e.ElementId)];

    /// <summary>How often an element completed so far.</summary>
    public int CompletedCount(string elementId) => Completed.Count(e => e == elementId);

    /// <summary>Sequence flows taken so far, in order.</summary>
    public IReadOnlyList<string> Taken =>
        [.. Effects.OfType<ElementEvent>().Where(e => e.Phase == ElementPhase.Taken).Select(e => e.ElementId)];

    /// <summary>Every task ever created at an element, oldest first.</summary>
    public IReadOnlyList<TaskCreated> Created(string elementId) =>
        [.. Effects.OfType<TaskCreated>().Where(t => t.ElementId == elementId)];

    public IReadOnlyList<T> All<T>() where T : Effect => [.. Effects.OfType<T>()];

    public IReadOnlyList<T> Last<T>() where T : Effect => [.. LastEffects.OfType<T>()];

    public ProcessHarness Start(params (string Name, object? Value)[] variables) => Do(new StartProcess(Vars(variables)));

    public ProcessHarness StartAt(string startEventId, params (string Name, object? Value)[] variables) =>
        Do(new StartProcess(Vars(variables), startEventId));

    public ProcessHarness Do(Command command)
    {
        var result = _executor.Execute(Definition, State, command, Now);
        LastEffects = result.Effects;
        Effects.AddRange(result.Effects);
        switch (command)
        {
            case CompleteTask c: _openTasks.Remove(c.TaskId); break;
            case CompleteChild c: _children.Remove(c.TokenId); break;
            case FailChild f: _children.Remove(f.TokenId); break;
            case FireTimer f: _timers.Remove(f.SubscriptionId); break;
        }
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created: _openTasks.Add(created.TaskId, created); break;
                case TaskCancelled cancelled: Assert.True(_openTasks.Remove(cancelled.TaskId), $"TaskCancelled for {cancelled.TaskId} ({cancelled.ElementId}), which is not an open task."); break;
                case TimerScheduled timer: _timers.Add(timer.SubscriptionId, timer); break;
                case TimerCancelled timer: Assert.True(_timers.Remove(timer.SubscriptionId), $"TimerCancelled for {timer.SubscriptionId}, which is not an armed timer."); break;
                case ChildProcessRequested child: _children.Add(child.TokenId, child); break;
                case ChildProcessCancelled child: Assert.True(_children.Remove(child.TokenId), $"ChildProcessCancelled for {child.TokenId}, which is not a running child."); break;
                case IncidentRaised raised: _incidents.Add(raised.Incident.Id); break;
                case IncidentResolved resolved: Assert.True(_incidents.Remove(resolved.IncidentId), $"IncidentResolved for {resolved.IncidentId}, which is not open."); break;
            }
        }
        State = RoundTripState ? RoundTrip(result.State) : result.State;
        CheckEffectsAgreeWithState();
        return this;
    }

    /// <summary>Serialises and reads back the state; the JSON must be stable.</summary>
    public static ProcessState RoundTrip(ProcessState state)
    {
        var json = ProcessStateJson.Serialize(state);
        var back = ProcessStateJson.Deserialize(json);
        Assert.Equal(json, ProcessStateJson.Serialize(back));
        return back;
    }

    /// <summary>The runtime only sees effects; they must describe the state exactly.</summary>
    private void CheckEffectsAgreeWithState()
    {
        var bodyOwners = State.Scopes.Where(s => s.Kind == ScopeKind.MultiInstanceBody).Select(s => s.OwnerTokenId).ToHashSet();
        long[] TokensAt<TNode>() => [.. State.Tokens
            .Where(t => t.State == TokenState.Waiting && Definition.GetNode(t.ElementId) is TNode && !bodyOwners.Contains(t.Id))
            .Select(t => t.Id).Order()];
        Assert.Equal(TokensAt<UserTask>(), _openTasks.Keys.Order().ToArray());
        Assert.Equal(TokensAt<CallActivity>(), _children.Keys.Order().ToArray());
        Assert.Equal(State.Subscriptions.Where(s => s.Kind == SubscriptionKind.Timer).Select(s => s.Id).Order().ToArray(), _timers.Keys.Order().ToArray());
        Assert.Equal(State.Incidents.Select(i => i.Id).Order().ToArray(), _incidents.Order().ToArray());
        if (State.Status is not (ProcessStatus.Running or ProcessStatus.NotStarted))
        {
            Assert.Empty(State.Tokens);
            Assert.Empty(State.Subscriptions);
            Assert.Empty(_openTasks);
            Assert.Empty(_timers);
        }
    }

    /// <summary>The command must be refused with the code, changing nothing.</summary>
    public RejectionCode Rejects(Command command)
    {
        var before = State;
        var effects = Effects.Count;
        var error = Assert.Throws<CommandRejectedException>(() => Do(command));
        Assert.Same(before, State);
        Assert.Equal(effects, Effects.Count);
        return error.Code;
    }

    public TaskCreated Task(string elementId) =>
        _openTasks.Values.Where(t => t.ElementId == elementId).OrderBy(t => t.TaskId).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"No open task at '{elementId}'; open: {string.Join(", ", OpenTaskElements)}.");

    /// <summary>The open tasks at an element, oldest first.</summary>
    public IReadOnlyList<TaskCreated> Tasks(string elementId) =>
        [.. _openTasks.Values.Where(t => t.ElementId == elementId).OrderBy(t => t.TaskId)];

    public ProcessHarness Complete(string elementId, string? outcome = null, params (string Name, object? Value)[] variables) =>
        CompleteTask(Task(elementId).TaskId, outcome, variables);

    public ProcessHarness CompleteTask(long taskId, string? outcome = null, params (string Name, object? Value)[] variables) =>
        Do(new CompleteTask(taskId, Vars(variables), outcome));

    public TimerScheduled Timer(string elementId) =>
        _timers.Values.Where(t => t.ElementId == elementId).OrderBy(t => t.SubscriptionId).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"No armed timer at '{elementId}'; armed: {string.Join(", ", _timers.Values.Select(t => t.ElementId))}.");

    /// <summary>Fires the timer of an element now, whatever its due time (the runtime's job ran).</summary>
    public ProcessHarness Fire(string elementId)
    {
        var timer = Timer(elementId);
        if (Now < timer.DueAt)
            Now = timer.DueAt;
        return Do(new FireTimer(timer.SubscriptionId));
    }

    public ProcessHarness Message(string name, params (string Name, object? Value)[] variables) =>
        Do(new CorrelateMessage(name, Vars(variables)));

    public ProcessHarness Signal(string name, params (string Name, object? Value)[] variables) =>
        Do(new BroadcastSignal(name, Vars(variables)));

    public ChildProcessRequested Child(string elementId) =>
        _children.Values.Where(c => c.ElementId == elementId).OrderBy(c => c.TokenId).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"No child instance running for '{elementId}'.");

    public ProcessHarness CompleteChild(string elementId, params (string Name, object? Value)[] variables) =>
        Do(new CompleteChild(Child(elementId).TokenId, Vars(variables)));

    public ProcessHarness FailChild(string elementId, string errorCode) =>
        Do(new FailChild(Child(elementId).TokenId, errorCode));

    public ProcessHarness SendBack(string elementId, string target, ResumeMode resume = ResumeMode.FromTop) =>
        Do(new SendBack(Task(elementId).TaskId, target, resume));

    public ProcessHarness Withdraw(string elementId) => Do(new Withdraw(elementId));

    public ProcessHarness AddSigner(string elementId, string userId, SignerPosition position) =>
        Do(new AddSigner(Task(elementId).TaskId, userId, position));

    public ProcessHarness RemoveSigner(string elementId, string userId) =>
        Do(new RemoveSigner(Task(elementId).TaskId, userId));

    public ProcessHarness ThrowError(string elementId, string errorCode) =>
        Do(new ThrowTaskError(Task(elementId).TaskId, errorCode));

    public ProcessHarness Retry(Incident incident) => Do(new RetryIncident(incident.Id));

    /// <summary>Moves the clock forward, firing every armed timer that falls due on the way, in due order.</summary>
    public ProcessHarness AdvanceTo(DateTimeOffset until)
    {
        while (_timers.Values.Where(t => t.DueAt <= until).MinBy(t => t.DueAt) is { } next)
        {
            Now = next.DueAt;
            Do(new FireTimer(next.SubscriptionId));
        }
        Now = until;
        return this;
    }

    public ProcessHarness Advance(TimeSpan by) => AdvanceTo(Now + by);

    public static Dictionary<string, Value> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => ToValue(v.Value), StringComparer.Ordinal);

    public static Value Record(params (string Name, object? Value)[] fields) => Value.From(Vars(fields));

    public static Value ToValue(object? value) => value switch
    {
        null => Value.Null,
        Value v => v,
        bool b => Value.From(b),
        int i => Value.From(i),
        decimal d => Value.From(d),
        double d => Value.From((decimal)d),
        string s => Value.From(s),
        DateTimeOffset d => Value.From(d),
        IEnumerable list => Value.From(list.Cast<object?>().Select(ToValue)),
        _ => throw new ArgumentException($"No test conversion for {value.GetType()}."),
    };

    /// <summary>Every effect as one line of text with dictionaries and lists spelled out (effects compare by reference otherwise).</summary>
    public static string Describe(IEnumerable<Effect> effects)
    {
        var text = new StringBuilder();
        foreach (var effect in effects)
        {
            text.Append(effect.GetType().Name).Append('(');
            text.AppendJoin(", ", effect.GetType().GetProperties().Select(p => $"{p.Name}={DescribeValue(p.GetValue(effect))}"));
            text.AppendLine(")");
        }
        return text.ToString();
    }

    private static string DescribeValue(object? value) => value switch
    {
        null => "null",
        string s => s,
        Value v => v.ToString(),
        G2G.Engine.Model.Extensions.ResolvedAssignment a => $"{a.Kind}({string.Join(", ", a.Arguments.Select(x => x.ToString()))})",
        IEnumerable<KeyValuePair<string, Value>> fields => "{" + string.Join(", ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(DescribeValue)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
