using G2G.Runtime.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

internal sealed partial class OrganisationChanges
{
    // ---- users ----

    public async Task<ChangeOutcome> CreateUserAsync(NewUser user, bool acceptExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        OrganisationIds.RequireUserId(user.Id);
        var name = OrganisationIds.RequireName(user.DisplayName, RuntimeMessages.NounUserName(), 100);
        var email = OrganisationIds.Optional(user.Email, RuntimeMessages.NounEmail(), 256);
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InContext(RuntimeMessages.UserContext(user.Id), RuntimeMessages.EmailInvalid(email)));

        var agencyId = user.AgencyId;
        if (user.DepartmentId is not null)
        {
            var department = await RequireDepartmentAsync(user.DepartmentId, cancellationToken, RuntimeMessages.UserContext(user.Id)).ConfigureAwait(false);
            if (agencyId is not null && agencyId != department.AgencyId)
                throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InContext(RuntimeMessages.UserContext(user.Id),
                    RuntimeMessages.DepartmentInOtherAgency(department.Id, department.AgencyId, agencyId)));
            agencyId = department.AgencyId;
        }
        else if (agencyId is not null)
        {
            await RequireAgencyAsync(agencyId, cancellationToken, RuntimeMessages.UserContext(user.Id)).ConfigureAwait(false);
        }

        var normalized = normalizer.NormalizeName(user.Id);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.Id == user.Id || u.NormalizedUserName == normalized, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (acceptExisting && existing.Id == user.Id && existing.DisplayName == name && existing.DepartmentId == user.DepartmentId
                && existing.AgencyId == agencyId && existing.Clearance == user.Clearance && (email is null || existing.Email == email))
            {
                return ChangeOutcome.Unchanged;
            }
            throw new RuntimeException(RuntimeErrorCode.Conflict, existing.Id != user.Id
                ? RuntimeMessages.UserNameTaken(user.Id, existing.Id)
                : acceptExisting
                    ? RuntimeMessages.UserExistsDiffers(user.Id, existing.DisplayName, existing.DepartmentId ?? "—", existing.AgencyId ?? "—",
                        existing.Clearance.ChineseName(), name, user.DepartmentId ?? "—", agencyId ?? "—", user.Clearance.ChineseName())
                    : RuntimeMessages.UserExists(user.Id));
        }

        var record = new G2GUser
        {
            Id = user.Id,
            UserName = user.Id,
            NormalizedUserName = normalized,
            Email = email,
            NormalizedEmail = email is null ? null : normalizer.NormalizeEmail(email),
            DisplayName = name,
            DepartmentId = user.DepartmentId,
            AgencyId = agencyId,
            Clearance = user.Clearance,
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        if (!string.IsNullOrEmpty(user.Password))
            record.PasswordHash = passwords.HashPassword(record, user.Password);
        db.Add(record);
        Audit("user.created", $"新建用户 {name} ({user.Id})",
            new { user.Id, name, department = user.DepartmentId, agency = agencyId, clearance = user.Clearance.ChineseName(), email, password = record.PasswordHash is not null });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    // ---- positions ----

    /// <summary>Gives a user a position in a department or agency (<paramref name="unitId"/>); null means the user's home department, else their agency.</summary>
    public async Task<ChangeOutcome> AssignPositionAsync(string userId, string name, string? unitId, bool acceptExisting, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var position = OrganisationIds.RequireName(name, RuntimeMessages.NounPositionName(), OrganisationLimits.PositionLength);
        if (!user.IsActive)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UserDeactivatedNoPosition(userId, position));
        var unit = unitId ?? user.DepartmentId ?? user.AgencyId
            ?? throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UserHasNoUnit(userId, position));
        var (agencyId, departmentId) = await UnitAsync(unit, cancellationToken).ConfigureAwait(false);
        var held = await db.Set<UserPositionRecord>().AnyAsync(p => p.UserId == userId && p.Name == position && p.AgencyId == agencyId && p.DepartmentId == departmentId, cancellationToken).ConfigureAwait(false);
        if (held)
        {
            return acceptExisting ? ChangeOutcome.Unchanged
                : throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.PositionHeldAlready(userId, position, unit));
        }
        db.Add(new UserPositionRecord { UserId = userId, Name = position, AgencyId = agencyId, DepartmentId = departmentId });
        Audit("position.assigned", $"任职 {user.DisplayName} ({userId}): {position} @ {unit}", new { user = userId, position, agency = agencyId, department = departmentId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RemovePositionAsync(string userId, string name, string unitId, CancellationToken cancellationToken)
    {
        var (agencyId, departmentId) = await UnitAsync(unitId, cancellationToken).ConfigureAwait(false);
        var held = await db.Set<UserPositionRecord>().FirstOrDefaultAsync(p => p.UserId == userId && p.Name == name && p.AgencyId == agencyId && p.DepartmentId == departmentId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.PositionNotHeld(userId, name, unitId));
        db.Remove(held);
        Audit("position.removed", $"免职 {userId}: {name} @ {unitId}", new { user = userId, position = name, agency = agencyId, department = departmentId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A unit id is a department (then its agency is known too) or an agency.</summary>
    internal async Task<(string AgencyId, string? DepartmentId)> UnitAsync(string unitId, CancellationToken cancellationToken)
    {
        if (await db.Set<DepartmentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == unitId, cancellationToken).ConfigureAwait(false) is { } department)
            return (department.AgencyId, department.Id);
        if (await db.Set<AgencyRecord>().AsNoTracking().AnyAsync(a => a.Id == unitId, cancellationToken).ConfigureAwait(false))
            return (unitId, null);
        throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NotAUnit(unitId));
    }

    // ---- groups ----

    public async Task<ChangeOutcome> CreateGroupAsync(string groupId, string name, string? agencyId, bool acceptExisting, CancellationToken cancellationToken)
    {
        OrganisationIds.RequireCode(groupId, RuntimeMessages.NounGroup(), OrganisationLimits.UserIdLength);
        var groupName = OrganisationIds.RequireName(name, RuntimeMessages.NounGroupName());
        if (await db.Set<GroupRecord>().FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (acceptExisting && existing.Name == groupName && existing.AgencyId == agencyId)
                return ChangeOutcome.Unchanged;
            throw new RuntimeException(RuntimeErrorCode.Conflict, acceptExisting
                ? RuntimeMessages.GroupExistsDiffers(groupId, existing.Name, existing.AgencyId ?? "—", groupName, agencyId ?? "—")
                : RuntimeMessages.GroupExists(groupId));
        }
        if (agencyId is not null)
            await RequireAgencyAsync(agencyId, cancellationToken, RuntimeMessages.GroupContext(groupId)).ConfigureAwait(false);
        db.Add(new GroupRecord { Id = groupId, Name = groupName, AgencyId = agencyId });
        Audit("group.created", $"新建群组 {groupName} ({groupId})", new { groupId, name = groupName, agency = agencyId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task<ChangeOutcome> AddGroupMemberAsync(string groupId, string userId, bool acceptExisting, CancellationToken cancellationToken)
    {
        if (!await db.Set<GroupRecord>().AnyAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.GroupNotFound(groupId));
        var user = await RequireUserAsync(userId, cancellationToken, RuntimeMessages.GroupContext(groupId)).ConfigureAwait(false);
        if (await db.Set<GroupMemberRecord>().AnyAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken).ConfigureAwait(false))
        {
            return acceptExisting ? ChangeOutcome.Unchanged
                : throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.MemberAlready(userId, groupId));
        }
        db.Add(new GroupMemberRecord { GroupId = groupId, UserId = userId });
        Audit("group.member-added", $"加入群组 {groupId}: {user.DisplayName} ({userId})", new { group = groupId, user = userId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RemoveGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken)
    {
        var member = await db.Set<GroupMemberRecord>().FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NotAMember(userId, groupId));
        db.Remove(member);
        Audit("group.member-removed", $"退出群组 {groupId}: {userId}", new { group = groupId, user = userId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- system roles ----

    public async Task GrantRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var name = RequireRole(role);
        if (await db.Set<IdentityRole>().FindAsync([name], cancellationToken).ConfigureAwait(false) is null)
            db.Add(new IdentityRole { Id = name, Name = name, NormalizedName = normalizer.NormalizeName(name) });
        if (await db.Set<IdentityUserRole<string>>().AnyAsync(r => r.UserId == userId && r.RoleId == name, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.RoleHeldAlready(userId, name));
        db.Add(new IdentityUserRole<string> { UserId = userId, RoleId = name });
        Audit("user.role-granted", $"授予角色 {name}: {user.DisplayName} ({userId})", new { user = userId, role = name });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var name = RequireRole(role);
        var granted = await db.Set<IdentityUserRole<string>>().FirstOrDefaultAsync(r => r.UserId == userId && r.RoleId == name, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.RoleNotHeld(userId, name));
        db.Remove(granted);
        Audit("user.role-revoked", $"撤销角色 {name}: {userId}", new { user = userId, role = name });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string RequireRole(string role) =>
        SystemRoles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.NotARole(role ?? "", string.Join(", ", SystemRoles.All)));

    // ---- delegations ----

    /// <summary>
    /// Records a standing delegation. Refused when the dates are reversed, the delegate is deactivated, or another
    /// delegation of the same user overlaps in time and procedures (the routing would be ambiguous).
    /// </summary>
    public async Task<(ChangeOutcome Outcome, long Id)> CreateDelegationAsync(NewDelegation delegation, bool acceptExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        var context = RuntimeMessages.DelegationContext(delegation.FromUserId, delegation.ToUserId);
        RuntimeException Refused(RuntimeErrorCode code, RuntimeText problem) => new(code, RuntimeMessages.InContext(context, problem));
        var from = await RequireUserAsync(delegation.FromUserId, cancellationToken, context).ConfigureAwait(false);
        var to = await RequireUserAsync(delegation.ToUserId, cancellationToken, context).ConfigureAwait(false);
        if (from.Id == to.Id)
            throw Refused(RuntimeErrorCode.Invalid, RuntimeMessages.DelegateToSelf());
        if (!to.IsActive)
            throw Refused(RuntimeErrorCode.Invalid, RuntimeMessages.DelegateDeactivated(to.Id));
        if (delegation.EndsOn < delegation.StartsOn)
            throw Refused(RuntimeErrorCode.Invalid, RuntimeMessages.DelegationEndsBeforeStart(delegation.EndsOn, delegation.StartsOn));
        var keys = DelegationProcesses.Join(delegation.ProcessKeys);
        if (keys is not null && keys.Length > 1000)
            throw Refused(RuntimeErrorCode.Invalid, RuntimeMessages.DelegationProceduresTooLong());
        var reason = OrganisationIds.Optional(delegation.Reason, RuntimeMessages.NounReason(), 400);

        var others = await db.Set<DelegationRecord>().AsNoTracking()
            .Where(d => d.FromUserId == from.Id && d.StartsOn <= delegation.EndsOn && d.EndsOn >= delegation.StartsOn)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (acceptExisting && others.FirstOrDefault(d => d.ToUserId == to.Id && d.StartsOn == delegation.StartsOn && d.EndsOn == delegation.EndsOn && d.ProcessKeys == keys) is { } same)
            return (ChangeOutcome.Unchanged, same.Id);
        var wanted = DelegationProcesses.Split(keys);
        foreach (var other in others)
        {
            var theirs = DelegationProcesses.Split(other.ProcessKeys);
            if (wanted.Count == 0 || theirs.Count == 0 || wanted.Intersect(theirs, StringComparer.Ordinal).Any())
            {
                throw Refused(RuntimeErrorCode.Conflict, other.ProcessKeys is { } theirKeys
                    ? RuntimeMessages.DelegationOverlaps(other.Id, other.ToUserId, other.StartsOn, other.EndsOn, theirKeys)
                    : RuntimeMessages.DelegationOverlapsAll(other.Id, other.ToUserId, other.StartsOn, other.EndsOn));
            }
        }
        var record = new DelegationRecord
        {
            FromUserId = from.Id, ToUserId = to.Id, StartsOn = delegation.StartsOn, EndsOn = delegation.EndsOn,
            ProcessKeys = keys, Reason = reason, CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        db.Add(record);
        await SaveAsync(cancellationToken).ConfigureAwait(false); // the id goes into the audit record
        Audit("delegation.created", $"委托 {from.DisplayName} → {to.DisplayName} {delegation.StartsOn:yyyy-MM-dd}–{delegation.EndsOn:yyyy-MM-dd}",
            new { record.Id, from = from.Id, to = to.Id, starts = delegation.StartsOn, ends = delegation.EndsOn, processes = keys, reason });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return (ChangeOutcome.Created, record.Id);
    }

    public async Task RevokeDelegationAsync(long delegationId, CancellationToken cancellationToken)
    {
        var delegation = await db.Set<DelegationRecord>().FirstOrDefaultAsync(d => d.Id == delegationId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DelegationNotFound(delegationId));
        db.Remove(delegation);
        Audit("delegation.revoked", $"撤销委托 {delegation.FromUserId} → {delegation.ToUserId}", new { delegation.Id, from = delegation.FromUserId, to = delegation.ToUserId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }
}
