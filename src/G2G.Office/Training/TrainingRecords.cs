using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Training;

/// <summary>
/// A training course of an agency (<c>office_training_courses</c>) with its capacity. <see cref="Enrolled"/> only
/// rises by one conditional update below <see cref="Capacity"/>, so concurrent registrations never exceed it.
/// </summary>
public sealed class TrainingCourseRecord : IAgencyItem
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The code people register for (e.g. <c>PX-2027-01</c>), unique within the agency.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }
    public DateOnly StartsOn { get; set; }
    public int Capacity { get; set; }
    public int Enrolled { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>The registration of one 培训报名 instance (<c>office_training_registrations</c>).</summary>
public sealed class TrainingRegistrationRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long CourseId { get; set; }
    public required string UserId { get; set; }

    /// <summary><see cref="TrainingStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>When the registration joined the waiting list; the earliest gets the next free seat.</summary>
    public DateTimeOffset? WaitingSince { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>States of a registration; <see cref="Enrolled"/> holds a seat.</summary>
public static class TrainingStates
{
    public const string Requested = "requested", Enrolled = "enrolled", Waiting = "waiting", Rejected = "rejected",
        Cancelled = "cancelled";
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourseRecord>
{
    public void Configure(EntityTypeBuilder<TrainingCourseRecord> builder)
    {
        builder.ToRecordTable("office_training_courses");
        builder.Property(c => c.AgencyId).HasMaxLength(100);
        builder.Property(c => c.Code).HasMaxLength(40);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.HasIndex(c => new { c.AgencyId, c.Code }).IsUnique().HasDatabaseName("ux_office_training_courses_agency_code");
    }
}

internal sealed class TrainingRegistrationConfiguration : IEntityTypeConfiguration<TrainingRegistrationRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRegistrationRecord> builder)
    {
        builder.ToRecordTable("office_training_registrations");
        builder.Property(r => r.UserId).HasMaxLength(100);
        builder.Property(r => r.State).HasMaxLength(20);
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_training_registrations_instance_id");
        builder.HasIndex(r => new { r.CourseId, r.State }).HasDatabaseName("ix_office_training_registrations_course_state");
    }
}
