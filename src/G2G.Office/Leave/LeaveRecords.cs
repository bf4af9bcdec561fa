using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Leave;

/// <summary>
/// A person's leave of one type in one year (<c>office_leave_balances</c>), in half days so that sums stay exact on
/// every database: entitled, used (approved leave) and reserved (requests under approval).
/// </summary>
public sealed class LeaveBalanceRecord
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int Year { get; set; }
    public required string LeaveType { get; set; }
    public int EntitledHalfDays { get; set; }
    public int UsedHalfDays { get; set; }
    public int ReservedHalfDays { get; set; }
}

/// <summary>One leave request of a 请假 instance (<c>office_leave_requests</c>): what it holds of the balance.</summary>
public sealed class LeaveRequestRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string UserId { get; set; }
    public required string LeaveType { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public int HalfDays { get; set; }

    /// <summary><see cref="LeaveStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>After 销假: the days actually taken.</summary>
    public int? ActualHalfDays { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>States of a leave request.</summary>
public static class LeaveStates
{
    public const string Reserved = "reserved", Approved = "approved", Rejected = "rejected", ReportedBack = "reported-back",
        Cancelled = "cancelled";
}

internal sealed class LeaveBalanceConfiguration : IEntityTypeConfiguration<LeaveBalanceRecord>
{
    public void Configure(EntityTypeBuilder<LeaveBalanceRecord> builder)
    {
        builder.ToRecordTable("office_leave_balances");
        builder.Property(b => b.UserId).HasMaxLength(100);
        builder.Property(b => b.LeaveType).HasMaxLength(20);
        builder.HasIndex(b => new { b.UserId, b.Year, b.LeaveType }).IsUnique().HasDatabaseName("ux_office_leave_balances_user_year_type");
    }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequestRecord>
{
    public void Configure(EntityTypeBuilder<LeaveRequestRecord> builder)
    {
        builder.ToRecordTable("office_leave_requests");
        builder.Property(r => r.UserId).HasMaxLength(100);
        builder.Property(r => r.LeaveType).HasMaxLength(20);
        builder.Property(r => r.State).HasMaxLength(20);
        // One request per instance: a handler run twice (a retried command) finds the row it made.
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_leave_requests_instance_id");
        builder.HasIndex(r => new { r.UserId, r.StartsOn }).HasDatabaseName("ix_office_leave_requests_user_id_starts_on");
    }
}
