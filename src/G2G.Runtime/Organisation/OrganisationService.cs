using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Administration of the organisation: agencies (create, rename, move with their subtree), guidance lines,
/// departments, users, positions, groups, delegations; deactivating a user moves their open tasks. Each call is
/// one transaction and is appended to the organisation audit chain (<c>AuditLog.OrganisationChain</c>) with the
/// acting administrator. A refused call (<see cref="RuntimeException"/>: NotFound, Conflict, Invalid) writes
/// nothing. A write that collides with a concurrent one is retried, then reported as a Conflict.
/// </summary>
public sealed class OrganisationService(
    G2GDbContext db, IPasswordHasher<G2GUser> passwords, ILookupNormalizer normalizer, CallerContext callers, CallerDirectory directory, TimeProvider clock)
{
    private const int MaxAttempts = 3;

    public Task CreateAgencyAsync(NewAgency agency, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.CreateAgencyAsync(agency, acceptExisting: false, cancellationToken), cancellationToken);

    public Task RenameAgencyAsync(string agencyId, string name, string? shortName, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.RenameAgencyAsync(agencyId, name, shortName, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Moves an agency and its subtree under <paramref name="newParentId"/> (null: to the top). Returns how many agencies moved.</summary>
    public Task<int> MoveAgencyAsync(string agencyId, string? newParentId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.MoveAgencyAsync(agencyId, newParentId, cancellationToken), cancellationToken);

    /// <summary>Closes (false) or reopens (true) an agency; rules naming a closed agency resolve to nobody.</summary>
    public Task SetAgencyActiveAsync(string agencyId, bool active, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.SetAgencyActiveAsync(agencyId, active, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    public Task AddGuidanceLineAsync(string superiorAgencyId, string subordinateAgencyId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.AddGuidanceLineAsync(superiorAgencyId, subordinateAgencyId, acceptExisting: false, cancellationToken), cancellationToken);

    public Task RemoveGuidanceLineAsync(string superiorAgencyId, string subordinateAgencyId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.RemoveGuidanceLineAsync(superiorAgencyId, subordinateAgencyId, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    public Task CreateDepartmentAsync(NewDepartment department, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.CreateDepartmentAsync(department, acceptExisting: false, cancellationToken), cancellationToken);

    public Task RenameDepartmentAsync(string departmentId, string name, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.RenameDepartmentAsync(departmentId, name, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    public Task MoveDepartmentAsync(string departmentId, string? newParentId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.MoveDepartmentAsync(departmentId, newParentId, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Closes (false) or reopens (true) a department; rules naming a closed department resolve to nobody.</summary>
    public Task SetDepartmentActiveAsync(string departmentId, bool active, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.SetDepartmentActiveAsync(departmentId, active, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Sets the head of a department (null clears it).</summary>
    public Task SetDepartmentHeadAsync(string departmentId, string? userId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.SetDepartmentHeadAsync(departmentId, userId, acceptExisting: false, cancellationToken), cancellationToken);

    public Task CreateUserAsync(NewUser user, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.CreateUserAsync(user, acceptExisting: false, cancellationToken), cancellationToken);

    /// <summary>Deactivates a user and moves their open tasks (see docs/organisation.md, "Deactivation").</summary>
    public async Task<DeactivationResult> DeactivateUserAsync(string userId, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(actor, c => c.DeactivateUserAsync(userId, reason, cancellationToken), cancellationToken).ConfigureAwait(false);
        directory.Forget(userId); // the user's sessions end with their next request on this node
        return result;
    }

    /// <summary>Gives an open task to a user (for example after an assignment incident) and resolves the task's assignment incidents.</summary>
    public Task<TaskMove> ReassignTaskAsync(long taskId, string toUserId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.ReassignTaskAsync(taskId, toUserId, reason, callers.Current, cancellationToken), cancellationToken);

    /// <summary>Gives a user a position in a department or agency; <paramref name="unitId"/> null means the user's home department.</summary>
    public Task AssignPositionAsync(string userId, string positionName, string? unitId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.AssignPositionAsync(userId, positionName, unitId, acceptExisting: false, cancellationToken), cancellationToken);

    public Task RemovePositionAsync(string userId, string positionName, string unitId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.RemovePositionAsync(userId, positionName, unitId, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    public Task CreateGroupAsync(string groupId, string name, string? agencyId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.CreateGroupAsync(groupId, name, agencyId, acceptExisting: false, cancellationToken), cancellationToken);

    public Task AddGroupMemberAsync(string groupId, string userId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, c => c.AddGroupMemberAsync(groupId, userId, acceptExisting: false, cancellationToken), cancellationToken);

    public Task RemoveGroupMemberAsync(string groupId, string userId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(actor, async c => { await c.RemoveGroupMemberAsync(groupId, userId, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken);

    /// <summary>Records a standing delegation; returns its id. People set up their own; administrators anyone's.</summary>
    public async Task<long> CreateDelegationAsync(NewDelegation delegation, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        return (await RunAsync(actor, c => c.CreateDelegationAsync(delegation, acceptExisting: false, cancellationToken), cancellationToken,
            ownerOf: delegation.FromUserId).ConfigureAwait(false)).Id;
    }

    public async Task RevokeDelegationAsync(long delegationId, string actor, CancellationToken cancellationToken = default)
    {
        var owner = await db.Set<DelegationRecord>().AsNoTracking().Where(d => d.Id == delegationId).Select(d => d.FromUserId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DelegationNotFound(delegationId));
        await RunAsync(actor, async c => { await c.RevokeDelegationAsync(delegationId, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken,
            ownerOf: owner).ConfigureAwait(false);
    }

    /// <summary>Grants a system role (<see cref="SystemRoles"/>: administrator, supervisor).</summary>
    /// <remarks>Applies to the user's requests at once on this node, within <see cref="CallerDirectory.CacheFor"/> on others.</remarks>
    public async Task GrantRoleAsync(string userId, string role, string actor, CancellationToken cancellationToken = default)
    {
        await RunAsync(actor, async c => { await c.GrantRoleAsync(userId, role, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
        directory.Forget(userId);
    }

    public async Task RevokeRoleAsync(string userId, string role, string actor, CancellationToken cancellationToken = default)
    {
        await RunAsync(actor, async c => { await c.RevokeRoleAsync(userId, role, cancellationToken).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
        directory.Forget(userId);
    }

    /// <summary>The agency tree and guidance lines as they are now, to ask for relationships.</summary>
    public async Task<AgencyRelations> RelationsAsync(CancellationToken cancellationToken = default)
    {
        var agencies = await db.Set<AgencyRecord>().AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var lines = await db.Set<GuidanceLineRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AgencyRelations(agencies.Select(a => (a.Id, a.ParentId)), lines.Select(l => new GuidanceLine(l.SuperiorAgencyId, l.SubordinateAgencyId)));
    }

    /// <summary>The relationship of two agencies (NotFound when either is unknown).</summary>
    public async Task<AgencyRelation> RelationAsync(string firstAgencyId, string secondAgencyId, CancellationToken cancellationToken = default)
    {
        var relations = await RelationsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in new[] { firstAgencyId, secondAgencyId })
        {
            if (!relations.Contains(id))
                throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(id));
        }
        return relations.Between(firstAgencyId, secondAgencyId);
    }

    /// <summary>An agency and everything below it, in path order (parents before children).</summary>
    public async Task<IReadOnlyList<AgencyRecord>> SubtreeAsync(string agencyId, CancellationToken cancellationToken = default)
    {
        var root = await db.Set<AgencyRecord>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == agencyId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(agencyId));
        return await db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Path.StartsWith(root.Path)).OrderBy(a => a.Path)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs changes in one transaction; a lost race (a unique key or version check hit by a concurrent write) retries.
    /// Only administrators change the organisation; <paramref name="ownerOf"/> lets a user change what is theirs.
    /// </summary>
    internal async Task<T> RunAsync<T>(string actor, Func<OrganisationChanges, Task<T>> change, CancellationToken cancellationToken, string? ownerOf = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (ownerOf is null || callers.Current?.UserId != ownerOf)
            AccessRefusals.RequireAdministrator(callers, "change the organisation");
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await change(new OrganisationChanges(db, passwords, normalizer, clock, actor)).ConfigureAwait(false);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (DbUpdateException exception)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                if (attempt >= MaxAttempts)
                {
                    throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.OrganisationChangedByOthers(attempt), inner: exception);
                }
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
