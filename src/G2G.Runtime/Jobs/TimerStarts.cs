using System.Text.Json.Serialization;
using G2G.Engine.Model;
using G2G.Engine.Model.Events;
using G2G.Engine.Time;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Jobs;

/// <summary>
/// The occurrence a <see cref="JobKinds.TimerStart"/> job waits for: the start event, its timer as written, when it was
/// armed (when its version was deployed) and how many occurrences came before this one (fired or passed over).
/// </summary>
public sealed record TimerStartPayload(
    string StartEventId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TimerKind>))] TimerKind Kind,
    string Timer,
    DateTimeOffset ArmedAt,
    int Before)
{
    /// <summary>The timer as the parser reads it (the text was valid when its version was deployed).</summary>
    public TimerSchedule Schedule() => Kind switch
    {
        TimerKind.Date => TimerSchedule.Date(Timer),
        TimerKind.Duration => TimerSchedule.Duration(Timer),
        _ => TimerSchedule.Cycle(Timer),
    };
}

/// <summary>
/// Timer start events of deployed processes (BPMN 2.0: a process whose start event has a timer starts by itself when the
/// timer falls due). Only the latest version of a process key has them: the deploy of a new version removes the jobs of
/// the earlier ones and arms its own, one per timer start event (target: the version's definition id), in the deploy's
/// transaction; an unchanged file deployed again (every start) keeps them as they are. A date fires once (at once when it
/// has passed), a duration once after the deploy, a cycle at each occurrence: the start moves its job on to the next
/// occurrence in the start's own transaction, and the last occurrence (<c>R5/…</c>: the fifth) removes it. Occurrences
/// missed while no node ran, or while the version was retracted, are not made up: a late one fires once, and the next is
/// the first still to come.
/// </summary>
internal static class TimerStarts
{
    /// <summary>Replaces the timer start jobs of the process's key by those of this version (just saved, the latest).</summary>
    public static async Task ArmAsync(G2GDbContext db, long definitionId, ProcessDefinition process, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var key = process.Key;
        await db.Set<JobRecord>()
            .Where(j => j.InstanceId == null && j.Kind == JobKinds.TimerStart
                && db.ProcessDefinitions.Any(d => d.Id == j.TargetId && d.ProcessKey == key))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var start in process.Root.StartEvents)
        {
            if (start.Definition is not TimerDefinition timer)
                continue;
            var first = new TimerStartPayload(start.Id, timer.TimerKind, timer.Text, now, 0);
            if (timer.Schedule.NextDue(now, 0) is { } due)
                db.Add(Job(definitionId, new JobMove(due, VariablesJson.Serialize(first)), now));
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where a timer start job goes once its occurrence is over (fired, passed over or failed): the first occurrence after
    /// <paramref name="now"/>, or null when there is none (a date or duration, a cycle's last repetition).
    /// </summary>
    public static JobMove? Following(JobRecord job, DateTimeOffset now)
    {
        var occurrence = VariablesJson.Deserialize<TimerStartPayload>(job.Payload!);
        var schedule = occurrence.Schedule();
        for (var before = occurrence.Before + 1; ; before++)
        {
            if (schedule.NextDue(occurrence.ArmedAt, before) is not { } due)
                return null;
            if (due > now)
                return new JobMove(due, VariablesJson.Serialize(occurrence with { Before = before }));
        }
    }

    public static JobRecord Job(long definitionId, JobMove at, DateTimeOffset now) => new()
    {
        Kind = JobKinds.TimerStart, TargetId = definitionId, Payload = at.Payload, DueAt = at.DueAt, State = JobStates.Pending, CreatedAt = now,
    };
}
