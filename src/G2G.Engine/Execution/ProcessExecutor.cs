using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Time;

namespace G2G.Engine.Execution;

/// <summary>The new state of an instance and what the outside world must do about it.</summary>
public sealed record ExecutionResult(ProcessState State, IReadOnlyList<Effect> Effects);

/// <summary>
/// Runs process instances: <c>Execute(definition, state, command, now)</c> returns the new state and
/// the effects, and never touches a clock, a database or a random source. A command that does not
/// apply throws <see cref="CommandRejectedException"/> and changes nothing.
/// </summary>
public sealed partial class ProcessExecutor(ExecutionOptions? options = null)
{
    private readonly ExecutionOptions _options = options ?? ExecutionOptions.Default;

    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="state"/> of <paramref name="definition"/> at
    /// <paramref name="now"/>; <paramref name="calendar"/> is the instance's agency calendar and <paramref name="services"/>
    /// the actions its service tasks call in this command (the options' when null).
    /// </summary>
    public ExecutionResult Execute(ProcessDefinition definition, ProcessState state, Command command, DateTimeOffset now,
        IWorkingCalendar? calendar = null, IServiceActions? services = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command is StartProcess start)
        {
            if (state.Status != ProcessStatus.NotStarted)
                throw Rejections.AlreadyStarted();
        }
        else if (state.Status != ProcessStatus.Running)
        {
            throw Rejections.NotRunning(state.Status);
        }

        var run = new Run(definition, state, now, _options, calendar ?? _options.Calendar, services ?? _options.Services);
        switch (command)
        {
            case StartProcess s: Start(run, s); break;
            case CompleteTask c: Complete(run, c); break;
            case FireTimer f: FireTimer(run, f); break;
            case CorrelateMessage m: Correlate(run, m); break;
            case BroadcastSignal s: Signal(run, s); break;
            case CancelProcess c: run.CancelProcess(c.Reason); break;
            case SendBack s: SendBack(run, s); break;
            case Withdraw w: Withdraw(run, w); break;
            case AddSigner a: AddSigner(run, a); break;
            case RemoveSigner r: RemoveSigner(run, r); break;
            case CompleteChild c: CompleteChild(run, c); break;
            case FailChild f: FailChild(run, f); break;
            case ThrowTaskError t: ThrowTaskError(run, t); break;
            case RetryIncident r: Retry(run, r); break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
        run.Drain();
        return new ExecutionResult(run.ToState(), run.Effects);
    }

    private static void Start(Run run, StartProcess command)
    {
        var starts = run.Definition.Root.StartEvents;
        FlowNode? start = command.StartEventId is { } id
            ? starts.FirstOrDefault(s => s.Id == id)
            : run.Definition.Root.NoneStart ?? (starts.Count == 1 ? starts[0] : null);
        if (start is null)
        {
            throw command.StartEventId is null
                ? Rejections.NoNoneStartEvent(run.Definition.Id)
                : Rejections.NoSuchStartEvent(run.Definition.Id, command.StartEventId);
        }
        run.StartProcess(start, command.Variables);
    }

    private static void FireTimer(Run run, FireTimer command)
    {
        var subscription = run.Subscriptions.FirstOrDefault(s => s.Id == command.SubscriptionId && s.Kind == SubscriptionKind.Timer)
            ?? throw Rejections.TimerNotArmed(command.SubscriptionId);
        run.Trigger(subscription, null);
    }

    private static void Correlate(Run run, CorrelateMessage command)
    {
        var subscription = run.Subscriptions.FirstOrDefault(s => s.Kind == SubscriptionKind.Message && s.Name == command.MessageName)
            ?? throw Rejections.NoMessageWaiter(command.MessageName);
        run.Trigger(subscription, command.Variables);
    }

    private static void Signal(Run run, BroadcastSignal command)
    {
        var matching = run.Subscriptions.Where(s => s.Kind == SubscriptionKind.Signal && s.Name == command.SignalName).ToList();
        if (matching.Count == 0)
            throw Rejections.NoSignalWaiter(command.SignalName);
        foreach (var subscription in matching)
        {
            if (run.Subscriptions.Contains(subscription))
                run.Trigger(subscription, command.Variables);
        }
    }

    private static void CompleteChild(Run run, CompleteChild command)
    {
        var (token, call) = CallToken(run, command.TokenId);
        run.Guarded(token, () => run.CompleteChild(token, call, command.Variables));
    }

    private static void FailChild(Run run, FailChild command)
    {
        var (token, call) = CallToken(run, command.TokenId);
        token = token with { State = TokenState.Failed }; // the child has ended by itself: nothing to cancel when the error interrupts the call
        run.Update(token);
        run.ThrowError(token, command.ErrorCode, command.Message ?? $"the process called by {call}", technical: false);
    }

    private static (Token, CallActivity) CallToken(Run run, long tokenId) =>
        run.FindToken(tokenId) is { } token && run.Definition.GetNode(token.ElementId) is CallActivity call && run.IsTaskToken(token)
            ? (token, call)
            : throw Rejections.NoWaitingCallActivity(tokenId);

    private static void Retry(Run run, RetryIncident command)
    {
        var incident = run.FindIncident(command.IncidentId)
            ?? throw Rejections.NoOpenIncident(command.IncidentId);
        run.ResolveIncident(incident);
        var token = run.FindToken(incident.TokenId)!;
        run.Schedule(token with { State = TokenState.Waiting });
    }
}
