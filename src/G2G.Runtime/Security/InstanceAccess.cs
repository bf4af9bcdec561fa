using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Security;

/// <summary>
/// Who may see and steer an instance. Visible: within the caller's clearance, and of an agency in their scope,
/// started by them, with a task they are involved in, or copied to them. Steering (suspend, resume, terminate,
/// retry an incident) is for administrators; starting is for one's own agency up to one's own clearance.
/// </summary>
public static class InstanceAccess
{
    /// <summary>Throws not found (and audits) when the caller may not see the instance.</summary>
    public static async Task RequireVisibleAsync(G2GDbContext db, Caller caller, ProcessInstanceRecord instance, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(instance);
        var visible = instance.Classification <= caller.Clearance
            && (caller.InScope(instance.AgencyId) || instance.Initiator == caller.UserId
                || await db.Set<ProcessInstanceRecord>().Where(i => i.Id == instance.Id).VisibleTo(db, caller).AnyAsync(cancellationToken).ConfigureAwait(false));
        if (!visible)
            throw AccessRefusals.Hidden(caller, RuntimeMessages.InstanceNotFound(instance.Id), $"instance {instance.Id}", operation);
    }

    /// <summary>Visible and an administrator: for suspend, resume, terminate and incident retries.</summary>
    public static async Task RequireAdministratorAsync(G2GDbContext db, Caller caller, ProcessInstanceRecord instance, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await RequireVisibleAsync(db, caller, instance, operation, cancellationToken).ConfigureAwait(false);
        if (!caller.IsAdministrator)
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.OnlyAdministratorsOnInstance(operation, instance.Id), $"instance {instance.Id}", operation);
    }

    /// <summary>
    /// Fills in the initiator and the agency of a start from the caller and refuses a start for another agency
    /// (unless an administrator) or above the caller's clearance. The initiator is the caller: naming someone else
    /// (the <c>Initiator</c> of the request or an <c>initiator</c> variable, which rules and access read) is refused,
    /// except that a system allowed to start on behalf of people (<see cref="Caller.MayStartOnBehalf"/>) names the person.
    /// </summary>
    public static StartInstance AuthorizeStart(Caller caller, StartInstance request)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var agency = request.AgencyId ?? caller.AgencyId;
        var target = $"process {request.ProcessKey}";
        if (request.Variables?.ContainsKey("initiator") == true)
        {
            throw AccessRefusals.Forbidden(caller, caller.MayStartOnBehalf
                ? RuntimeMessages.InitiatorVariableRefusedOnBehalf() : RuntimeMessages.InitiatorVariableRefused(), target, "start");
        }
        var onBehalf = request.Initiator is { } named && named != caller.UserId;
        if (onBehalf && !caller.MayStartOnBehalf)
        {
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.OnlyStartOnBehalfTokens(Caller.StartOnBehalfSetting, caller.UserId), target, "start");
        }
        if (!caller.IsAdministrator && agency != caller.AgencyId)
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.StartOnlyForOwnAgency(caller.AgencyId ?? "—", agency ?? "—"), target, "start");
        if (request.Classification > caller.Clearance)
        {
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.ClassificationAboveClearance(
                TaskAccess.Describe(request.Classification), TaskAccess.Describe(caller.Clearance)), target, "start");
        }
        return onBehalf
            ? request with { AgencyId = agency, StartedBy = caller.UserId }
            : request with { AgencyId = agency, Initiator = caller.UserId };
    }
}
