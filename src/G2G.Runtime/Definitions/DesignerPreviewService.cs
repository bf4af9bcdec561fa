using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Time;
using G2G.Runtime.Assignment;
using G2G.Runtime.Calendar;
using G2G.Runtime.Forms;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Definitions;

/// <summary>
/// The designer's preview (预览): runs a diagram on the engine the runtime uses (<see cref="ProcessExecutor"/>), with
/// nothing written anywhere. The state of the run is a <see cref="PreviewRun"/> the caller holds; each command reads
/// the organisation, the working-day calendar and the deployed forms (read-only) and returns the next run. Every new
/// step says who the organisation would give it to (the real <see cref="IAssignmentResolver"/>) and when it would be due
/// (the initiator's agency calendar of <see cref="CalendarProvider"/>); completing a step is checked against its form and
/// opinion rule as the runtime checks it; timers, messages, signals and called processes are triggered by hand. Service
/// tasks are reached but their actions are not run: they read and write business data (a leave balance, a budget line).
/// A diagram the validator refuses is not run: the run carries the validator's messages. Designers and administrators
/// only.
/// </summary>
public sealed class DesignerPreviewService(
    G2GDbContext db,
    DeploymentService deployments,
    ProcessExecutor executor,
    IAssignmentResolver assignments,
    CalendarProvider calendars,
    IServiceActions actions,
    CallerContext callers,
    TimeProvider clock)
{
    /// <summary>
    /// Validates the diagram as a deploy does and, without errors, starts its first executable process as
    /// <paramref name="initiator"/> (a user of the organisation, whose department and agency the rules use; their agency's
    /// calendar counts the due dates) with <paramref name="variables"/>, which stand in for what service tasks would set.
    /// </summary>
    public async Task<PreviewRun> StartAsync(string xml, string? initiator, IReadOnlyDictionary<string, Value>? variables = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        Require();
        var document = await deployments.ValidateAsync(xml, cancellationToken).ConfigureAwait(false);
        var run = new PreviewRun(document.Diagnostics);
        if (run.Refused)
            return run;
        var definition = document.ExecutableProcesses.Count > 0 ? document.ExecutableProcesses[0]
            : throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DraftWithoutProcess());
        var start = new Dictionary<string, Value>(variables ?? ImmutableDictionary<string, Value>.Empty, StringComparer.Ordinal);
        string? agency = null;
        if (!string.IsNullOrWhiteSpace(initiator))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == initiator)
                .Select(u => new InitiatorVariable.User(u.Id, u.DisplayName, u.DepartmentId, u.AgencyId)).FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
            agency = user?.AgencyId;
            start["initiator"] = InitiatorVariable.Of(initiator, user);
        }
        run = run with
        {
            Definition = definition, ProcessKey = definition.Key, Initiator = string.IsNullOrWhiteSpace(initiator) ? null : initiator,
            AgencyId = agency, Now = clock.GetUtcNow(),
        };
        return await ExecuteAsync(run, new StartProcess(start), PreviewAction.Started, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes an open task of the run with its form's values, the outcome chosen and an opinion, refused as the runtime
    /// refuses it (every field's problem, an opinion the step requires) with nothing changed.
    /// </summary>
    public async Task<PreviewRun> CompleteTaskAsync(PreviewRun run, long taskId, IReadOnlyDictionary<string, Value>? values, string? outcome,
        string? opinion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        Require();
        var task = run.Tasks.GetValueOrDefault(taskId) ?? throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.PreviewTaskNotOpen(taskId));
        var errors = TaskForms.SubmissionErrors(task.Schema, task.OpinionRequired, values, opinion);
        if (errors.Count > 0)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.SubmissionInvalid(taskId, errors.Count)) { FieldErrors = errors };
        run = run with { Now = Later(run.Now, clock.GetUtcNow()) };
        return await ExecuteAsync(run, new CompleteTask(taskId, values, outcome), PreviewAction.Completed, task.ElementId, outcome, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Triggers what a token waits for: fires a timer (the preview's clock moves to its due time when that is later),
    /// delivers a message, broadcasts a signal, or ends a called process as completed.
    /// </summary>
    public async Task<PreviewRun> TriggerAsync(PreviewRun run, PreviewWait wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(wait);
        Require();
        if (!run.Waits.Contains(wait))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.PreviewNotWaiting(wait.ElementId));
        var now = Later(run.Now, clock.GetUtcNow());
        var (command, action) = wait.Kind switch
        {
            PreviewWaitKind.Timer => ((Command)new FireTimer(wait.Id), PreviewAction.TimerFired),
            PreviewWaitKind.Message => (new CorrelateMessage(wait.Name!), PreviewAction.MessageDelivered),
            PreviewWaitKind.Signal => (new BroadcastSignal(wait.Name!), PreviewAction.SignalBroadcast),
            _ => (new CompleteChild(wait.Id), PreviewAction.CallCompleted),
        };
        if (wait is { Kind: PreviewWaitKind.Timer, DueAt: { } due })
            now = Later(now, due);
        return await ExecuteAsync(run with { Now = now }, command, action, wait.ElementId, null, cancellationToken).ConfigureAwait(false);
    }

    private void Require() => AccessRefusals.RequireDesigner(callers, "preview definitions");

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Runs one command on the engine and reads its effects into the next run; a refused command changes nothing.</summary>
    private async Task<PreviewRun> ExecuteAsync(PreviewRun run, Command command, PreviewAction action, string? elementId, string? outcome,
        CancellationToken cancellationToken)
    {
        var calendar = await calendars.ForAgencyAsync(db, run.AgencyId, cancellationToken).ConfigureAwait(false);
        var services = new PreviewServiceActions(actions);
        ExecutionResult result;
        try
        {
            result = executor.Execute(run.Definition!, run.State, command, run.Now, calendar, services);
        }
        catch (CommandRejectedException rejected)
        {
            throw InstanceService.Map(rejected);
        }
        var tasks = run.Tasks;
        var calls = run.Calls;
        var taken = new HashSet<string>(run.Taken, StringComparer.Ordinal);
        var passed = new List<string>();
        if (command is CompleteTask completed)
            tasks = tasks.Remove(completed.TaskId);
        if (command is CompleteChild child)
            calls = calls.Remove(child.TokenId);
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created:
                    tasks = tasks.SetItem(created.TaskId, await TaskAsync(run, created, calendar, cancellationToken).ConfigureAwait(false));
                    break;
                case TaskCancelled cancelled: tasks = tasks.Remove(cancelled.TaskId); break;
                case ChildProcessRequested requested:
                    calls = calls.SetItem(requested.TokenId, new PreviewWait(PreviewWaitKind.Call, requested.TokenId, requested.ElementId,
                        run.Definition!.FindNode(requested.ElementId)?.Name, requested.ProcessKey, null));
                    break;
                case ChildProcessCancelled cancelled: calls = calls.Remove(cancelled.TokenId); break;
                case ElementEvent { Phase: ElementPhase.Completed or ElementPhase.Taken } step:
                    taken.Add(step.ElementId);
                    if (step.Phase == ElementPhase.Completed)
                        passed.Add(step.ElementId);
                    break;
            }
        }
        var state = result.State;
        return run with
        {
            State = state,
            Tasks = tasks,
            Calls = calls,
            OpenTasks = [.. tasks.Values.OrderBy(t => t.TaskId)],
            Waits = [.. Subscribed(run, state), .. calls.Values.OrderBy(c => c.Id)],
            Taken = [.. taken.Order(StringComparer.Ordinal)],
            Steps = [.. run.Steps, new PreviewStep(action, elementId, outcome, run.Now, passed, services.Reached)],
        };
    }

    /// <summary>The timers, messages and signals the state waits for (conditions trigger by themselves).</summary>
    private static IEnumerable<PreviewWait> Subscribed(PreviewRun run, ProcessState state) =>
        state.Subscriptions.Where(s => s.Kind != SubscriptionKind.Conditional).OrderBy(s => s.Id).Select(s => new PreviewWait(
            s.Kind switch { SubscriptionKind.Timer => PreviewWaitKind.Timer, SubscriptionKind.Message => PreviewWaitKind.Message, _ => PreviewWaitKind.Signal },
            s.Id, s.ElementId, run.Definition!.FindNode(s.ElementId)?.Name, s.Name, s.DueAt));

    /// <summary>A new task as the runtime would create it: its assignment resolved against the organisation, its deadlines on the calendar.</summary>
    private async Task<PreviewTask> TaskAsync(PreviewRun run, TaskCreated created, IWorkingCalendar calendar, CancellationToken cancellationToken)
    {
        TaskAssignment? assignment = null;
        string? unresolved = null;
        try
        {
            assignment = await assignments.ResolveAsync(created.Assignment, new AssignmentContext(0, run.ProcessKey!, run.Initiator, run.AgencyId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AssignmentUnresolvedException nobody)
        {
            unresolved = nobody.Reason;
        }
        var settings = created.Task.Settings;
        FormSchema? schema = null;
        JsonElement? form = null;
        if (settings.FormKey is { } formKey
            && await TaskForms.Latest(db, formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } json)
        {
            schema = FormSchema.Parse(json);
            using var document = JsonDocument.Parse(json);
            form = document.RootElement.Clone();
        }
        return new PreviewTask(created.TaskId, created.ElementId, created.Name, settings.FormKey,
            created.Assignment is { } rule ? OrganisationAssignmentResolver.Describe(rule) : null, assignment, unresolved,
            run.Now, created.DueAt, created.DueProvisional, created.RemindAt,
            created.DueAt is { } due && settings.EscalateAfter is { } after ? after.DueFrom(due, calendar) : null,
            settings.Opinion == OpinionPolicy.Required, schema?.Fields)
        {
            Schema = schema,
            FormJson = form,
        };
    }

    /// <summary>
    /// The node's actions as deploys know them, none of them run: a service task the preview reaches is recorded and sets
    /// nothing (its variables can be given when the preview starts).
    /// </summary>
    private sealed class PreviewServiceActions(IServiceActions node) : IServiceActions
    {
        private readonly List<PreviewServiceCall> _reached = [];

        public IReadOnlyList<PreviewServiceCall> Reached => _reached;

        public bool Exists(string action) => node.Exists(action);

        public IReadOnlyDictionary<string, Value> Invoke(string action, ServiceCall context)
        {
            _reached.Add(new PreviewServiceCall(context.ElementId, action));
            return ImmutableDictionary<string, Value>.Empty;
        }
    }
}
