using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Execution;

/// <summary>
/// Drives one process instance through the executor the way the runtime will: it keeps the state,
/// the open tasks and the armed timers from the effects, and offers the commands by element id.
/// </summary>
internal sealed class ProcessHarness
{
    private readonly ProcessExecutor _executor;
    private readonly Dictionary<long, TaskCreated> _openTasks = [];
    private readonly Dictionary<long, TimerScheduled> _timers = [];

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

    public static ProcessHarness Load(string scenario, string? processKey = null, ExecutionOptions? options = null) =>
        FromXml(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario)), processKey, options);

    public static ProcessHarness FromXml(string xml, string? processKey = null, ExecutionOptions? options = null)
    {
        var document = BpmnParser.Parse(xml);
        Assert.False(document.HasErrors, string.Join(Environment.NewLine, document.Diagnostics));
        var process = processKey is null ? document.ExecutableProcesses.First() : document.GetProcess(processKey);
        return new ProcessHarness(process, options);
    }

    public ProcessStatus Status => State.Status;
    public IReadOnlyCollection<TaskCreated> OpenTasks => _openTasks.Values;
    public IReadOnlyCollection<TimerScheduled> Timers => _timers.Values;
    public IReadOnlyList<string> OpenTaskElements => [.. _openTasks.Values.Select(t => t.ElementId).Order(StringComparer.Ordinal)];
    public Value Variable(string name) => State.Variables[name];

    /// <summary>Element ids completed so far, in order (the path taken).</summary>
    public IReadOnlyList<string> Completed =>
        [.. Effects.OfType<ElementEvent>().Where(e => e.Phase == ElementPhase.Completed).Select(e => e.ElementId)];

    public ProcessHarness Start(params (string Name, object? Value)[] variables) => Do(new StartProcess(Vars(variables)));

    public ProcessHarness Do(Command command)
    {
        var result = _executor.Execute(Definition, State, command, Now);
        State = result.State;
        LastEffects = result.Effects;
        Effects.AddRange(result.Effects);
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created: _openTasks[created.TaskId] = created; break;
                case TaskCancelled cancelled: _openTasks.Remove(cancelled.TaskId); break;
                case TimerScheduled timer: _timers[timer.SubscriptionId] = timer; break;
                case TimerCancelled timer: _timers.Remove(timer.SubscriptionId); break;
            }
        }
        return this;
    }

    public TaskCreated Task(string elementId) =>
        _openTasks.Values.Where(t => t.ElementId == elementId).OrderBy(t => t.TaskId).FirstOrDefault()
        ?? throw new Xunit.Sdk.XunitException($"No open task at '{elementId}'; open: {string.Join(", ", OpenTaskElements)}.");

    public ProcessHarness Complete(string elementId, string? outcome = null, params (string Name, object? Value)[] variables) =>
        CompleteTask(Task(elementId).TaskId, outcome, variables);

    public ProcessHarness CompleteTask(long taskId, string? outcome = null, params (string Name, object? Value)[] variables)
    {
        Do(new CompleteTask(taskId, Vars(variables), outcome));
        _openTasks.Remove(taskId);
        return this;
    }

    /// <summary>Moves the clock forward, firing every armed timer that falls due on the way, in due order.</summary>
    public ProcessHarness AdvanceTo(DateTimeOffset until)
    {
        while (_timers.Values.Where(t => t.DueAt <= until).MinBy(t => t.DueAt) is { } next)
        {
            Now = next.DueAt;
            _timers.Remove(next.SubscriptionId);
            Do(new FireTimer(next.SubscriptionId));
        }
        Now = until;
        return this;
    }

    public ProcessHarness Advance(TimeSpan by) => AdvanceTo(Now + by);

    public static Dictionary<string, Value> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => ToValue(v.Value), StringComparer.Ordinal);

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
        System.Collections.IEnumerable list => Value.From(list.Cast<object?>().Select(ToValue)),
        _ => throw new ArgumentException($"No test conversion for {value.GetType()}."),
    };
}
