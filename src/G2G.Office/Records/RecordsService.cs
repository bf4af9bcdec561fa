using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Records;

/// <summary>A records request as the API shows it.</summary>
public sealed record RecordsRequestView(long Id, long InstanceId, string RequestedBy, string RequestingAgencyId,
    string HoldingAgencyId, string CaseNumber, string Reason, DateOnly AccessFrom, DateOnly AccessUntil, string State,
    DateTimeOffset? GrantedAt, DateTimeOffset? EndedAt);

/// <summary>One logged attempt to open a file.</summary>
public sealed record RecordsAccessView(long Id, string UserId, DateTimeOffset At, bool Allowed, string? Refusal);

/// <summary>
/// The grants of 司法档案调阅: both agencies of a request see it (within their clearance); only its requester opens
/// the file, only inside the granted period, and every attempt is logged; administrators may revoke a grant
/// (audited). Requests and grants are made only by the procedure's handlers.
/// </summary>
public sealed class RecordsService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<IReadOnlyList<RecordsRequestView>> ListAsync(string? state, CancellationToken cancellationToken)
    {
        var rows = await Visible().Where(r => state == null || r.State == state).OrderByDescending(r => r.Id).Take(500)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(View)];
    }

    public async Task<RecordsRequestView> GetAsync(long id, CancellationToken cancellationToken) =>
        View(await FindAsync(id, cancellationToken).ConfigureAwait(false));

    /// <summary>Opens the file of a granted request: refused (and logged) for anyone but the requester or out of period.</summary>
    public async Task<RecordsAccessView> OpenAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var request = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = RecordsClock.Today(now);
        var refusal = actor != request.RequestedBy ? OfficeMessages.RecordsOnlyRequester(request.RequestedBy)
            : request.State != RecordsStates.Granted ? OfficeMessages.RecordsNotGranted(StateName(request.State))
            : today < request.AccessFrom ? OfficeMessages.RecordsAccessNotStarted(request.AccessFrom)
            : today > request.AccessUntil ? OfficeMessages.RecordsAccessEnded(request.AccessUntil)
            : null;
        var access = new RecordsAccessRecord { RequestId = id, UserId = actor, At = now, Allowed = refusal is null, Refusal = refusal?.English };
        office.Add(access);
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
            throw new RuntimeException(RuntimeErrorCode.NotAllowed, refusal);
        return AccessView(access);
    }

    public async Task<IReadOnlyList<RecordsAccessView>> AccessesAsync(long id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var rows = await office.RecordsAccesses.AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(AccessView)];
    }

    /// <summary>Ends a grant before its period is over (administrators; audited in the instance's chain).</summary>
    public async Task<RecordsRequestView> RevokeAsync(long id, string reason, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "revoke access to a case file");
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            throw RuntimeException.ForField("reason", OfficeMessages.RecordsRevokeReasonRequired());
        }
        var visible = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (visible.State != RecordsStates.Granted)
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.RecordsOnlyGrantRevoked(id, StateName(visible.State)));
        // The grant and the audit record commit together, in the instance's chain (its version orders the chain).
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var joined = OfficeDbContext.Joining(db);
        var request = await joined.RecordsRequests.SingleAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        (request.State, request.EndedAt) = (RecordsStates.Revoked, clock.GetUtcNow().ToUniversalTime());
        await joined.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var instance = await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == request.InstanceId, cancellationToken)
            .ConfigureAwait(false);
        instance.Version++;
        AuditLog.Append(db, instance, new AuditEntry(actor, "records.revoked", Outcome: request.CaseNumber, Comment: reason),
            clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.RecordsInstanceChanged(id));
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return View(request);
    }

    /// <summary>Requests of the caller's agencies (requesting or holding side) up to their clearance.</summary>
    private IQueryable<RecordsRequestRecord> Visible()
    {
        var rows = office.RecordsRequests.AsQueryable();
        if (callers.Current is not { } caller || caller.Agencies is null)
            return rows;
        var agencies = caller.Agencies.ToList();
        return rows.Where(r => (agencies.Contains(r.RequestingAgencyId) || agencies.Contains(r.HoldingAgencyId))
            && r.Classification <= caller.Clearance);
    }

    private async Task<RecordsRequestRecord> FindAsync(long id, CancellationToken cancellationToken) =>
        await Visible().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.RecordsRequestNotFound(id));

    private static RecordsRequestView View(RecordsRequestRecord r) => new(r.Id, r.InstanceId, r.RequestedBy,
        r.RequestingAgencyId, r.HoldingAgencyId, r.CaseNumber, r.Reason, r.AccessFrom, r.AccessUntil, r.State,
        r.GrantedAt, r.EndedAt);

    private static RecordsAccessView AccessView(RecordsAccessRecord a) => new(a.Id, a.UserId, a.At, a.Allowed, a.Refusal);

    /// <summary>A request's state as a person reads it, in a sentence about the request.</summary>
    private static RuntimeText StateName(string state) => state switch
    {
        RecordsStates.Requested => OfficeMessages.RecordsStateRequested(),
        RecordsStates.Rejected => OfficeMessages.RecordsStateRejected(),
        RecordsStates.Granted => OfficeMessages.RecordsStateGranted(),
        RecordsStates.Expired => OfficeMessages.RecordsStateExpired(),
        _ => OfficeMessages.RecordsStateRevoked(),
    };
}
