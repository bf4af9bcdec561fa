using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Events;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Parsing;
using G2G.Engine.Time;
using G2G.Runtime.Assignment;
using G2G.Runtime.Calendar;
using G2G.Runtime.Forms;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Definitions;

/// <summary>
/// The designer's preview (预览): runs a diagram on the engine the runtime uses (<see cref="ProcessExecutor"/>), with
/// nothing written anywhere. The state of the run is a <see cref="PreviewRun"/> the caller holds; each command reads
/// the organisation, the working-day calendar and the deployed forms (read-only) and returns the next run. Every new
/// step says who the organisation would give it to (the real <see cref="IAssignmentResolver"/>) and when it would be due
/// (the initiator's agency calendar of <see cref="CalendarProvider"/>), and carries the form the draft gives it; a step
/// is completed (checked against its form and opinion rule as the runtime checks it), sent back (退回) or given a signer
/// (加签, 减签) as its definition allows; the process starts at its none, message, timer or signal start event; timers,
/// messages, signals and called processes are triggered by hand. Service tasks are reached but their actions are not
/// run: they read and write business data (a leave balance, a budget line). A diagram the validator refuses is not run:
/// the run carries the validator's messages. Designers and administrators only.
/// </summary>
public sealed class DesignerPreviewService(
    G2GDbContext db,
    DesignerService designs,
    ProcessExecutor executor,
    IAssignmentResolver assignments,
    CalendarProvider calendars,
    IServiceActions actions,
    CallerContext callers,
    TimeProvider clock)
{
    /// <summary>
    /// The start events of the diagram's first executable process, the none start event first: where a preview may start.
    /// Empty for a diagram that does not parse (its start shows the validator's messages).
    /// </summary>
    public IReadOnlyList<PreviewStart> StartEvents(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        Require();
        var processes = BpmnParser.Parse(xml).ExecutableProcesses;
        return processes.Count == 0 ? [] : [.. processes[0].Root.StartEvents.Select(Start).OrderBy(s => s.Kind)];
    }

    private static PreviewStart Start(StartEvent start) => start.Definition switch
    {
        MessageDefinition message => new(start.Id, start.Name, PreviewStartKind.Message, message.MessageName),
        TimerDefinition timer => new(start.Id, start.Name, PreviewStartKind.Timer, timer.Text),
        SignalDefinition signal => new(start.Id, start.Name, PreviewStartKind.Signal, signal.SignalName),
        _ => new(start.Id, start.Name, PreviewStartKind.None, null),
    };

    /// <summary>
    /// Validates the diagram with its forms as 校验 does and, without errors, starts its first executable process at the
    /// start event asked for (a timer start moves the preview's clock to when the timer is due) as the initiator (a user
    /// of the organisation, whose department and agency the rules use; their agency's calendar counts the due dates)
    /// with the variables, which stand in for what service tasks would set (or a message's payload).
    /// </summary>
    public async Task<PreviewRun> StartAsync(PreviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require();
        var run = new PreviewRun(await designs.ValidateAsync(request.Xml, request.Forms, cancellationToken).ConfigureAwait(false));
        if (run.Refused)
            return run;
        var processes = BpmnParser.Parse(request.Xml).ExecutableProcesses;
        var definition = processes.Count > 0 ? processes[0] : throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DraftWithoutProcess());
        var start = new Dictionary<string, Value>(request.Variables ?? ImmutableDictionary<string, Value>.Empty, StringComparer.Ordinal);
        var initiator = string.IsNullOrWhiteSpace(request.Initiator) ? null : request.Initiator;
        string? agency = null;
        if (initiator is not null)
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == initiator)
                .Select(u => new InitiatorVariable.User(u.Id, u.DisplayName, u.DepartmentId, u.AgencyId)).FirstOrDefaultAsync(cancellationToken)
                .ConfigureAwait(false);
            agency = user?.AgencyId;
            start["initiator"] = InitiatorVariable.Of(initiator, user);
        }
        var now = clock.GetUtcNow();
        if (definition.Root.StartEvents.FirstOrDefault(s => s.Id == request.StartEventId)?.Definition is TimerDefinition { Schedule: var schedule }
            && schedule.NextDue(now, 0) is { } due)
            now = Later(now, due);
        run = run with
        {
            Definition = definition, Request = request, ProcessKey = definition.Key, Initiator = initiator, AgencyId = agency, Now = now,
        };
        return await ExecuteAsync(run, new StartProcess(start, request.StartEventId), new PreviewStep(PreviewAction.Started, request.StartEventId, null, now, [], [])
        {
            By = initiator,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes an open task of the run with its form's values, the outcome chosen (同意 approve, 不同意 reject …) and an
    /// opinion, refused as the runtime refuses it (every field's problem, an opinion the step requires) with nothing changed.
    /// </summary>
    public async Task<PreviewRun> CompleteTaskAsync(PreviewRun run, long taskId, IReadOnlyDictionary<string, Value>? values, string? outcome,
        string? opinion, CancellationToken cancellationToken = default)
    {
        var task = Open(run, taskId);
        var errors = TaskForms.SubmissionErrors(task.Schema, task.OpinionRequired, values, opinion);
        if (errors.Count > 0)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.SubmissionInvalid(taskId, errors.Count)) { FieldErrors = errors };
        return await ActAsync(run, task, new CompleteTask(taskId, values, outcome), PreviewAction.Completed, step => step with { Outcome = outcome },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 退回: sends the work of an open task back to an earlier step, as the step allows (<c>g2g:sendBackTo</c>), either to
    /// run from there again or to come straight back to this step; refused by the engine's rules as a real send-back is.
    /// </summary>
    public Task<PreviewRun> SendBackAsync(PreviewRun run, long taskId, string targetElementId, ResumeMode resume,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetElementId);
        var task = Open(run, taskId);
        return ActAsync(run, task, new SendBack(taskId, targetElementId, resume), PreviewAction.SentBack,
            step => step with { Target = targetElementId, Resume = resume }, cancellationToken);
    }

    /// <summary>
    /// 加签: adds a person of the organisation as a signer before the task's holder (their task takes its place for now) or
    /// after it, as the step allows; someone who is not a user of the organisation is refused on the field <c>signer</c>.
    /// </summary>
    public async Task<PreviewRun> AddSignerAsync(PreviewRun run, long taskId, string userId, SignerPosition position,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var task = Open(run, taskId);
        if (string.IsNullOrWhiteSpace(userId) || !await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
            throw RuntimeException.ForField("signer", RuntimeMessages.UserNotFound(userId));
        return await ActAsync(run, task, new AddSigner(taskId, userId, position), PreviewAction.SignerAdded,
            step => step with { Target = userId, Position = position }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>减签: removes a signer added to the task who has not acted yet.</summary>
    public Task<PreviewRun> RemoveSignerAsync(PreviewRun run, long taskId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var task = Open(run, taskId);
        return ActAsync(run, task, new RemoveSigner(taskId, userId), PreviewAction.SignerRemoved, step => step with { Target = userId },
            cancellationToken);
    }

    /// <summary>
    /// Triggers what a token waits for: fires a timer (the preview's clock moves on to its due time when that is later, so
    /// what follows is due from there), delivers a message, broadcasts a signal, or ends a called process as completed.
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
        return await ExecuteAsync(run with { Now = now }, command, new PreviewStep(action, wait.ElementId, null, now, [], []), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>An open task of the run, or a conflict.</summary>
    private PreviewTask Open(PreviewRun run, long taskId)
    {
        ArgumentNullException.ThrowIfNull(run);
        Require();
        return run.Tasks.GetValueOrDefault(taskId) ?? throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.PreviewTaskNotOpen(taskId));
    }

    /// <summary>Runs a command on an open task, now (or at the preview's clock, when a timer moved it on), done by its holder.</summary>
    private Task<PreviewRun> ActAsync(PreviewRun run, PreviewTask task, Command command, PreviewAction action, Func<PreviewStep, PreviewStep> detail,
        CancellationToken cancellationToken)
    {
        var now = Later(run.Now, clock.GetUtcNow());
        return ExecuteAsync(run with { Now = now }, command, detail(new PreviewStep(action, task.ElementId, null, now, [], []) { By = task.Holder }),
            cancellationToken);
    }

    private void Require() => AccessRefusals.RequireDesigner(callers, "preview definitions");

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// Runs one command on the engine and reads its effects into the next run, the step recording what it did; a refused
    /// command changes nothing.
    /// </summary>
    private async Task<PreviewRun> ExecuteAsync(PreviewRun run, Command command, PreviewStep step, CancellationToken cancellationToken)
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
        var state = result.State;
        var acted = command switch { CompleteTask c => c.TaskId, SendBack b => b.TaskId, AddSigner a => a.TaskId, RemoveSigner r => r.TaskId, _ => (long?)null };
        var tasks = command is CompleteTask or SendBack ? run.Tasks.Remove(acted!.Value) : run.Tasks;
        var calls = command is CompleteChild child ? run.Calls.Remove(child.TokenId) : run.Calls;
        var taken = new HashSet<string>(run.Taken, StringComparer.Ordinal);
        var (passed, opened, closed) = (new List<string>(), new List<PreviewTaskChange>(), new List<PreviewTaskChange>());
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created:
                    var task = await TaskAsync(run, state, created, calendar, cancellationToken).ConfigureAwait(false);
                    tasks = tasks.SetItem(created.TaskId, task);
                    opened.Add(new PreviewTaskChange(created.ElementId, task.Holder));
                    break;
                case TaskCancelled cancelled:
                    tasks = tasks.Remove(cancelled.TaskId);
                    if (cancelled.TaskId != acted)
                        closed.Add(new PreviewTaskChange(cancelled.ElementId, null, cancelled.Reason));
                    break;
                case ChildProcessRequested requested:
                    calls = calls.SetItem(requested.TokenId, new PreviewWait(PreviewWaitKind.Call, requested.TokenId, requested.ElementId,
                        run.Definition!.FindNode(requested.ElementId)?.Name, requested.ProcessKey, null));
                    break;
                case ChildProcessCancelled cancelled: calls = calls.Remove(cancelled.TokenId); break;
                case ElementEvent { Phase: ElementPhase.Completed or ElementPhase.Taken } element:
                    taken.Add(element.ElementId);
                    if (element.Phase == ElementPhase.Completed)
                        passed.Add(element.ElementId);
                    break;
            }
        }
        // 加签 after a task changes no task, only whom its token waits for next.
        var tokens = state.Tokens.ToDictionary(t => t.Id);
        tasks = tasks.SetItems(tasks.Values.Select(t => KeyValuePair.Create(t.TaskId, t with
        {
            PendingSigners = tokens.TryGetValue(t.TaskId, out var token) ? [.. token.PendingSigners.Select(s => s.UserId)] : [],
        })));
        return run with
        {
            State = state,
            Tasks = tasks,
            Calls = calls,
            OpenTasks = [.. tasks.Values.OrderBy(t => t.TaskId)],
            Waits = [.. Subscribed(run, state), .. calls.Values.OrderBy(c => c.Id)],
            Taken = [.. taken.Order(StringComparer.Ordinal)],
            Steps = [.. run.Steps, step with { Passed = passed, ServicesNotRun = services.Reached, Opened = opened, Closed = closed }],
        };
    }

    /// <summary>The timers, messages and signals the state waits for (conditions trigger by themselves).</summary>
    private static IEnumerable<PreviewWait> Subscribed(PreviewRun run, ProcessState state) =>
        state.Subscriptions.Where(s => s.Kind != SubscriptionKind.Conditional).OrderBy(s => s.Id).Select(s => new PreviewWait(
            s.Kind switch { SubscriptionKind.Timer => PreviewWaitKind.Timer, SubscriptionKind.Message => PreviewWaitKind.Message, _ => PreviewWaitKind.Signal },
            s.Id, s.ElementId, run.Definition!.FindNode(s.ElementId)?.Name, s.Name, s.DueAt));

    /// <summary>
    /// A new task as the runtime would create it: its assignment resolved against the organisation, its deadlines on the
    /// calendar, its form (the draft's), and what else its step allows it.
    /// </summary>
    private async Task<PreviewTask> TaskAsync(PreviewRun run, ProcessState state, TaskCreated created, IWorkingCalendar calendar,
        CancellationToken cancellationToken)
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
        var (json, fromDraft) = await FormAsync(run, settings.FormKey, cancellationToken).ConfigureAwait(false);
        var schema = json is null ? null : FormSchema.Parse(json);
        JsonElement? form = null;
        if (json is not null)
        {
            using var document = JsonDocument.Parse(json);
            form = document.RootElement.Clone();
        }
        var targets = settings.Operations.HasFlag(TaskOperations.SendBack)
            ? TaskSteps.SendBackTargets(run.Definition!, created.Task, state, created.TaskId).Select(t => new StepRef(t.Id, t.Name)).ToList()
            : [];
        return new PreviewTask(created.TaskId, created.ElementId, created.Name, settings.FormKey,
            created.Assignment is { } rule ? OrganisationAssignmentResolver.Describe(rule) : null, assignment, unresolved,
            run.Now, created.DueAt, created.DueProvisional, created.RemindAt,
            created.DueAt is { } due && settings.EscalateAfter is { } after ? after.DueFrom(due, calendar) : null,
            settings.Opinion == OpinionPolicy.Required, schema?.Fields)
        {
            Schema = schema,
            FormJson = form,
            FormFromDraft = fromDraft,
            Operations = settings.Operations,
            SendBackTargets = targets,
            Signer = created.Signer,
            LoopCounter = created.LoopCounter,
        };
    }

    /// <summary>
    /// The schema of a step's form: as edited in the draft, else as the version the draft is based on shows it (the one
    /// deployed with it, else the latest of the key); null without a form key or any such form.
    /// </summary>
    private async Task<(string? Schema, bool FromDraft)> FormAsync(PreviewRun run, string? formKey, CancellationToken cancellationToken)
    {
        var request = run.Request!;
        if (formKey is null)
            return (null, false);
        if (request.Forms.TryGetValue(formKey, out var edited))
            return (edited, true);
        return (await designs.GetFormAsync(request.BasedOnKey ?? run.ProcessKey!, request.BasedOnVersion, formKey, cancellationToken).ConfigureAwait(false), false);
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
