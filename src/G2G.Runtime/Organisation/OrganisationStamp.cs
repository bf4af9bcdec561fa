using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Keeps the organisation's stamp (<see cref="OrganisationStampRecord"/>) in step with the organisation: before every
/// SaveChanges of the context, if an agency, guidance line, department, position, group, membership or delegation is
/// added, changed or removed, or a user is added or removed or their activity, department, agency or clearance
/// changes, the stamp gets a new value in the same save (the same transaction). A sign-in (lockout counters,
/// security stamp) leaves it alone.
/// </summary>
internal static class OrganisationStamp
{
    private static readonly HashSet<Type> OrganisationTypes =
    [
        typeof(G2GUser), typeof(AgencyRecord), typeof(GuidanceLineRecord), typeof(DepartmentRecord), typeof(UserPositionRecord),
        typeof(GroupRecord), typeof(GroupMemberRecord), typeof(DelegationRecord),
    ];

    /// <summary>The properties of a user that rules read; other changes of a user do not move the stamp.</summary>
    private static readonly HashSet<string> UserPropertiesRulesRead =
        [nameof(G2GUser.IsActive), nameof(G2GUser.DepartmentId), nameof(G2GUser.AgencyId), nameof(G2GUser.Clearance)];

    public static void RenewIfChanged(DbContext db)
    {
        if (!db.ChangeTracker.Entries().Any(ChangesTheOrganisation))
            return;
        var value = Guid.NewGuid().ToString("D");
        if (db.ChangeTracker.Entries<OrganisationStampRecord>().FirstOrDefault() is { } tracked)
        {
            tracked.Entity.Stamp = value;
            return;
        }
        var stamp = new OrganisationStampRecord { Id = OrganisationStampRecord.RowId, Stamp = value };
        db.Attach(stamp).Property(s => s.Stamp).IsModified = true;
    }

    private static bool ChangesTheOrganisation(EntityEntry entry) => OrganisationTypes.Contains(entry.Metadata.ClrType) && entry.State switch
    {
        EntityState.Added or EntityState.Deleted => true,
        EntityState.Modified => entry.Entity is not G2GUser || entry.Properties.Any(p => p.IsModified && UserPropertiesRulesRead.Contains(p.Metadata.Name)),
        _ => false,
    };
}
