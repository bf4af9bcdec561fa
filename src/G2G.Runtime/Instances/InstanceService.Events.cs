using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Events;
using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

public sealed partial class InstanceService
{
    /// <summary>
    /// Delivers a message to every instance waiting for it with the same correlation key; when none
    /// waits, starts each published process that has a message start event for it. Returns the
    /// number of instances reached.
    /// </summary>
    public Task<int> CorrelateMessageAsync(string name, string? correlationKey, IReadOnlyDictionary<string, Value>? variables = null,
        string? actor = null, CancellationToken cancellationToken = default) =>
        CorrelateMessageAsync(name, correlationKey, variables, actor, null, cancellationToken);

    /// <summary>
    /// As above; an instance the message starts belongs to the agency, 密级 and initiator <paramref name="start"/> names
    /// (started by <paramref name="actor"/>), or without it is the actor's own.
    /// </summary>
    public Task<int> CorrelateMessageAsync(string name, string? correlationKey, IReadOnlyDictionary<string, Value>? variables,
        string? actor, MessageStart? start, CancellationToken cancellationToken = default) =>
        CorrelateMessageAsync(name, correlationKey, variables, actor, start, null, cancellationToken);

    /// <summary>As above, for a job: the first delivery or start consumes its claim (the job row goes with it), the others run as they are.</summary>
    internal async Task<int> CorrelateMessageAsync(string name, string? correlationKey, IReadOnlyDictionary<string, Value>? variables,
        string? actor, MessageStart? start, JobClaim? job, CancellationToken cancellationToken)
    {
        AuthorizeEvent("send messages", variables);
        var waiting = await MessageRecipientsAsync(name, correlationKey, cancellationToken).ConfigureAwait(false);
        foreach (var instanceId in waiting)
        {
            await DeliverMessageAsync(instanceId, name, correlationKey, variables, actor, job, cancellationToken).ConfigureAwait(false);
            job = null;
        }
        if (waiting.Count > 0)
            return waiting.Count;

        var started = 0;
        var starts = await StartEventsAsync(d => d is MessageDefinition m && m.MessageName == name, cancellationToken).ConfigureAwait(false);
        foreach (var (key, startEvent) in starts)
        {
            var request = EventStart(new StartInstance(key, variables, BusinessKey: correlationKey, Initiator: actor, StartEventId: startEvent));
            if (start is not null)
            {
                // A caller naming the agency and 密级 is held to what a start allows them; a job of the runtime names what it was given.
                request = callers.Current is { } caller
                    ? InstanceAccess.AuthorizeStart(caller, request with
                    {
                        AgencyId = start.AgencyId, Classification = start.Classification,
                        Initiator = request.StartedBy is null ? null : request.Initiator, StartedBy = null,
                    })
                    : request with { Initiator = start.Initiator, AgencyId = start.AgencyId, Classification = start.Classification, StartedBy = actor };
                request = request with { Title = start.Title ?? request.Title };
            }
            await StartAsync(request, null, null, refuseIncidents: false, job, cancellationToken).ConfigureAwait(false);
            job = null;
            started++;
        }
        return started > 0
            ? started
            : throw new RuntimeException(RuntimeErrorCode.NotFound, correlationKey is null
                ? RuntimeMessages.NoMessageWaiterOrStart(name) : RuntimeMessages.NoMessageWaiterWithKeyOrStart(name, correlationKey));
    }

    /// <summary>
    /// Broadcasts a signal to every waiting instance (except the one that threw it) and starts each published
    /// process that has a signal start event for it. Returns how many instances it reached or started.
    /// </summary>
    public async Task<int> BroadcastSignalAsync(string name, IReadOnlyDictionary<string, Value>? variables = null, long? exceptInstanceId = null,
        string? actor = null, CancellationToken cancellationToken = default)
    {
        AuthorizeEvent("broadcast signals", variables);
        var waiting = await SignalRecipientsAsync(name, exceptInstanceId, cancellationToken).ConfigureAwait(false);
        foreach (var instanceId in waiting)
            await DeliverSignalAsync(instanceId, name, variables, actor, null, cancellationToken).ConfigureAwait(false);
        var starts = await SignalStartsAsync(name, exceptInstanceId, cancellationToken).ConfigureAwait(false);
        foreach (var (key, startEvent) in starts)
            await StartOnSignalAsync(key, startEvent, variables, actor, null, cancellationToken).ConfigureAwait(false);
        return waiting.Count + starts.Count;
    }

    /// <summary>
    /// Latest published processes with a top-level signal start event for this signal. The thrower's own
    /// process is left out: an instance starting another of its kind by its own signal would never stop.
    /// </summary>
    internal async Task<List<(string Key, string StartEvent)>> SignalStartsAsync(string name, long? exceptInstanceId,
        CancellationToken cancellationToken)
    {
        var thrower = exceptInstanceId is { } id
            ? await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == id).Select(i => i.ProcessKey)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var starts = await StartEventsAsync(d => d is SignalDefinition s && s.SignalName == name, cancellationToken)
            .ConfigureAwait(false);
        return [.. starts.Where(s => s.Key != thrower)];
    }

    /// <summary>Starts one instance at its signal start event (a job's claim, when given, is consumed by the start).</summary>
    internal Task<long> StartOnSignalAsync(string key, string startEvent, IReadOnlyDictionary<string, Value>? variables,
        string? actor, JobClaim? job, CancellationToken cancellationToken) =>
        StartAsync(EventStart(new StartInstance(key, variables, Initiator: actor, StartEventId: startEvent)), null, null,
            refuseIncidents: false, job, cancellationToken);

    /// <summary>
    /// Starts one instance of a version at its timer start event, as <c>system</c>, consuming the timer start job's claim
    /// (<see cref="Jobs.TimerStarts"/>). A step with nobody to work on it is an incident on the started instance, as for
    /// every start by an event.
    /// </summary>
    internal Task<long> StartOnTimerAsync(string key, int version, string startEvent, JobClaim job, CancellationToken cancellationToken) =>
        StartAsync(new StartInstance(key, Initiator: "system", Version: version, StartEventId: startEvent), null, null,
            refuseIncidents: false, job, cancellationToken);

    /// <summary>
    /// A start by a message or signal is for its sender, or, when a system allowed to start on behalf of people names a
    /// person in the <c>initiator</c> variable (<see cref="AuthorizeEvent"/>), for that person, started by the system.
    /// </summary>
    private StartInstance EventStart(StartInstance request)
    {
        if (callers.Current is not { MayStartOnBehalf: true } || request.Variables?.GetValueOrDefault("initiator") is not StringValue { Value.Length: > 0 } person)
            return request;
        var variables = request.Variables.Where(v => v.Key != "initiator").ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return request with { Variables = variables, Initiator = person.Value, StartedBy = request.Initiator };
    }

    /// <summary>The instances waiting for a message with this correlation key.</summary>
    internal Task<List<long>> MessageRecipientsAsync(string name, string? correlationKey, CancellationToken cancellationToken) =>
        db.Set<EventSubscriptionRecord>().AsNoTracking()
            .Where(s => s.Kind == "message" && s.Name == name && s.CorrelationKey == correlationKey)
            .Select(s => s.InstanceId).Distinct().ToListAsync(cancellationToken);

    /// <summary>The instances waiting for a signal, except the one that threw it.</summary>
    internal Task<List<long>> SignalRecipientsAsync(string name, long? exceptInstanceId, CancellationToken cancellationToken) =>
        db.Set<EventSubscriptionRecord>().AsNoTracking()
            .Where(s => s.Kind == "signal" && s.Name == name && s.InstanceId != exceptInstanceId)
            .Select(s => s.InstanceId).Distinct().ToListAsync(cancellationToken);

    /// <summary>Delivers a message to one waiting instance (consuming a job's claim, when given).</summary>
    internal Task DeliverMessageAsync(long instanceId, string name, string? correlationKey, IReadOnlyDictionary<string, Value>? variables,
        string? actor, JobClaim? job, CancellationToken cancellationToken) =>
        RunAsync(instanceId, _ => Task.FromResult(new Prepared(new CorrelateMessage(name, variables),
            new AuditEntry(actor, "message.correlated", Outcome: name, Data: correlationKey), Job: job)), cancellationToken);

    /// <summary>Delivers a signal to one waiting instance (consuming a job's claim, when given).</summary>
    internal Task DeliverSignalAsync(long instanceId, string name, IReadOnlyDictionary<string, Value>? variables, string? actor, JobClaim? job,
        CancellationToken cancellationToken) =>
        RunAsync(instanceId, _ => Task.FromResult(new Prepared(new BroadcastSignal(name, variables),
            new AuditEntry(actor, "signal.received", Outcome: name), Job: job)), cancellationToken);

    /// <summary>Fires a due timer for its job. A timer whose step has ended meanwhile is stale and ignored (returns false).</summary>
    internal async Task<bool> FireTimerAsync(long instanceId, long subscriptionId, JobClaim job, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(instanceId, _ => Task.FromResult(new Prepared(new FireTimer(subscriptionId),
                new AuditEntry("system", "timer.fired", Data: subscriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Job: job)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RuntimeException stale) when (stale.InnerException is CommandRejectedException)
        {
            return false; // the step ended or the instance finished: the engine refused the stale timer
        }
    }

    /// <summary>Starts the child of a call activity once, even when the job runs twice.</summary>
    internal async Task StartChildAsync(long parentInstanceId, long parentTokenId, StartChildPayload payload, JobClaim job, CancellationToken cancellationToken)
    {
        var exists = await db.Set<ProcessInstanceRecord>().AsNoTracking()
            .AnyAsync(i => i.ParentInstanceId == parentInstanceId && i.ParentTokenId == parentTokenId, cancellationToken).ConfigureAwait(false);
        if (exists)
            return;
        var parent = await db.Set<ProcessInstanceRecord>().AsNoTracking().FirstAsync(i => i.Id == parentInstanceId, cancellationToken).ConfigureAwait(false);
        await StartAsync(new StartInstance(payload.ProcessKey, payload.Variables, parent.BusinessKey, parent.Title, parent.Initiator, parent.AgencyId, payload.Version, Classification: parent.Classification),
            parentInstanceId, parentTokenId, refuseIncidents: false, job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports a child's result to the waiting call activity; a call that is gone (interrupted) ignores it.</summary>
    internal async Task ChildResultAsync(long parentInstanceId, long parentTokenId, ChildResultPayload payload, JobClaim job, CancellationToken cancellationToken)
    {
        Command command = payload.ErrorCode is { } code ? new FailChild(parentTokenId, code) : new CompleteChild(parentTokenId, payload.Variables);
        try
        {
            await RunAsync(parentInstanceId, _ => Task.FromResult(new Prepared(command, new AuditEntry("system", "child.returned", Outcome: payload.ErrorCode), Job: job)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RuntimeException gone) when (gone.InnerException is CommandRejectedException)
        {
            // The call activity was interrupted or the parent ended; the child's result has nowhere to go.
        }
    }

    /// <summary>Cancels the running child of an interrupted call activity.</summary>
    internal async Task CancelChildAsync(long parentInstanceId, long parentTokenId, JobClaim job, CancellationToken cancellationToken)
    {
        var child = await db.Set<ProcessInstanceRecord>().AsNoTracking()
            .Where(i => i.ParentInstanceId == parentInstanceId && i.ParentTokenId == parentTokenId && i.Status == InstanceStatus.Running)
            .Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (child is { } id)
            await CancelAsync(id, "system", "the calling step was interrupted", job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Latest published processes with a top-level start event of the given trigger, and that event.</summary>
    private async Task<List<(string Key, string StartEvent)>> StartEventsAsync(Func<EventDefinition?, bool> trigger,
        CancellationToken cancellationToken)
    {
        var published = await db.ProcessDefinitions.AsNoTracking().Where(d => d.IsPublished)
            .Select(d => new { d.Id, d.ProcessKey, d.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var starts = new List<(string, string)>();
        foreach (var latest in published.GroupBy(d => d.ProcessKey).Select(g => g.MaxBy(d => d.Version)!))
        {
            var definition = cache.GetOrParse(latest.Id, latest.ProcessKey,
                () => db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == latest.Id).Select(d => d.Xml).Single());
            var start = definition.Root.StartEvents.FirstOrDefault(s => trigger(s.Definition));
            if (start is not null)
                starts.Add((latest.ProcessKey, start.Id));
        }
        return starts;
    }
}
