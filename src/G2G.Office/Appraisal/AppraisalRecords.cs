using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Appraisal;

/// <summary>
/// The 业绩评价 of one person for one year (<c>office_appraisals</c>): the figures the engine's history gave when it
/// started, the grades proposed along the way and the one the leader decided. One per person and year (a unique index:
/// of two started at once, one is refused); an appraisal whose instance is terminated is removed, so it may be started
/// again.
/// </summary>
public sealed class AppraisalRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string UserId { get; set; }
    public required string AgencyId { get; set; }
    public required string DepartmentId { get; set; }
    public int Year { get; set; }

    /// <summary><see cref="AppraisalStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The person's tasks completed in the year, of them on time, the rate in per cent (100 with nothing
    /// completed: nothing was late), the average hours to complete one, and their open tasks overdue when
    /// measured.</summary>
    public int Completed { get; set; }

    public int OnTime { get; set; }
    public decimal OnTimeRate { get; set; }
    public double AverageHours { get; set; }
    public int OpenOverdue { get; set; }

    /// <summary>The same for the work of the person's department.</summary>
    public int DepartmentCompleted { get; set; }

    public decimal DepartmentOnTimeRate { get; set; }
    public double DepartmentAverageHours { get; set; }

    /// <summary><see cref="AppraisalGrades"/>: the person's own, the head's proposal, the leader's decision.</summary>
    public string? SelfGrade { get; set; }

    public string? ProposedGrade { get; set; }
    public string? Grade { get; set; }
    public DateTimeOffset MeasuredAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>States of an appraisal: under way, or decided by the leader.</summary>
public static class AppraisalStates
{
    public const string Open = "open", Decided = "decided";
}

/// <summary>The four grades of the yearly appraisal of civil servants (公务员考核规定): 优秀, 称职, 基本称职, 不称职.</summary>
public static class AppraisalGrades
{
    public const string Excellent = "excellent", Competent = "competent", BasicallyCompetent = "basic", Incompetent = "incompetent";

    public static readonly IReadOnlyList<(string Code, string Name)> All =
        [(Excellent, "优秀"), (Competent, "称职"), (BasicallyCompetent, "基本称职"), (Incompetent, "不称职")];

    public static bool IsGrade(string? code) => All.Any(g => g.Code == code);

    public static string Name(string code) => All.First(g => g.Code == code).Name;
}

internal sealed class AppraisalConfiguration : IEntityTypeConfiguration<AppraisalRecord>
{
    public void Configure(EntityTypeBuilder<AppraisalRecord> builder)
    {
        builder.ToRecordTable("office_appraisals");
        builder.Property(a => a.UserId).HasMaxLength(100);
        builder.Property(a => a.AgencyId).HasMaxLength(100);
        builder.Property(a => a.DepartmentId).HasMaxLength(100);
        builder.Property(a => a.State).HasMaxLength(20);
        builder.Property(a => a.OnTimeRate).HasPrecision(5, 2);
        builder.Property(a => a.DepartmentOnTimeRate).HasPrecision(5, 2);
        builder.Property(a => a.SelfGrade).HasMaxLength(20);
        builder.Property(a => a.ProposedGrade).HasMaxLength(20);
        builder.Property(a => a.Grade).HasMaxLength(20);
        builder.HasIndex(a => a.InstanceId).IsUnique().HasDatabaseName("ux_office_appraisals_instance_id");
        builder.HasIndex(a => new { a.UserId, a.Year }).IsUnique().HasDatabaseName("ux_office_appraisals_user_year");
        builder.HasIndex(a => new { a.AgencyId, a.Year }).HasDatabaseName("ix_office_appraisals_agency_year");
    }
}
