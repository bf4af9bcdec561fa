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
    public const string Reserved = "reserved", Approved = "approved", Rejected = "rejected", ReportedBack = "reported-back";
}

internal sealed class LeaveBalanceConfiguration : IEntityTypeConfiguration<LeaveBalanceRecord>
{
    public void Configure(EntityTypeBuilder<LeaveBalanceRecord> builder)
    {
        builder.ToTable("office_leave_balances");
        builder.HasKey(b => b.Id).HasName("pk_office_leave_balances");
        builder.Property(b => b.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(b => b.UserId).HasColumnName("user_id").HasMaxLength(100);
        builder.Property(b => b.Year).HasColumnName("year");
        builder.Property(b => b.LeaveType).HasColumnName("leave_type").HasMaxLength(20);
        builder.Property(b => b.EntitledHalfDays).HasColumnName("entitled_half_days");
        builder.Property(b => b.UsedHalfDays).HasColumnName("used_half_days");
        builder.Property(b => b.ReservedHalfDays).HasColumnName("reserved_half_days");
        builder.HasIndex(b => new { b.UserId, b.Year, b.LeaveType }).IsUnique().HasDatabaseName("ux_office_leave_balances_user_year_type");
    }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequestRecord>
{
    public void Configure(EntityTypeBuilder<LeaveRequestRecord> builder)
    {
        builder.ToTable("office_leave_requests");
        builder.HasKey(r => r.Id).HasName("pk_office_leave_requests");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.InstanceId).HasColumnName("instance_id");
        builder.Property(r => r.UserId).HasColumnName("user_id").HasMaxLength(100);
        builder.Property(r => r.LeaveType).HasColumnName("leave_type").HasMaxLength(20);
        builder.Property(r => r.StartsOn).HasColumnName("starts_on");
        builder.Property(r => r.EndsOn).HasColumnName("ends_on");
        builder.Property(r => r.HalfDays).HasColumnName("half_days");
        builder.Property(r => r.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(r => r.ActualHalfDays).HasColumnName("actual_half_days");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.ChangedAt).HasColumnName("changed_at");
        // One request per instance: a handler run twice (a retried command) finds the row it made.
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_leave_requests_instance_id");
        builder.HasIndex(r => new { r.UserId, r.StartsOn }).HasDatabaseName("ix_office_leave_requests_user_id_starts_on");
    }
}
