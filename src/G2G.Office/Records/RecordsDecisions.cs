using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;

namespace G2G.Office.Records;

/// <summary><c>records.grant</c>: both sides approved; the requester may open the file in the period asked.</summary>
public sealed class GrantRecordsAccess : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = RecordsClock.RequestOf(office, context.Instance.Id);
        if (request.State == RecordsStates.Requested)
        {
            (request.State, request.GrantedAt) = (RecordsStates.Granted, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["accessUntil"] = Value.From(request.AccessUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}

/// <summary><c>records.reject</c>: one side refused; the request is closed without access.</summary>
public sealed class RejectRecordsRequest : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = RecordsClock.RequestOf(office, context.Instance.Id);
        if (request.State == RecordsStates.Requested)
        {
            (request.State, request.EndedAt) = (RecordsStates.Rejected, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>
/// <c>records.expire</c>, after each daily timer: once the period is over the grant ends (<c>expired</c>) and
/// <c>accessEnded</c> is true, so the instance completes; a grant an administrator revoked ends it too.
/// </summary>
public sealed class ExpireRecordsAccess : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = RecordsClock.RequestOf(office, context.Instance.Id);
        var over = RecordsClock.Today(context.Now) > request.AccessUntil;
        if (over && request.State == RecordsStates.Granted)
        {
            (request.State, request.EndedAt) = (RecordsStates.Expired, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["accessEnded"] = Value.From(request.State != RecordsStates.Granted),
        };
    }
}

/// <summary>Dates of the procedure are China Standard Time days.</summary>
internal static class RecordsClock
{
    public static DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static RecordsRequestRecord RequestOf(OfficeDbContext office, long instanceId) =>
        office.RecordsRequests.FirstOrDefault(r => r.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no records request; records.submit runs first.");
}
