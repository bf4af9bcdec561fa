using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Budget;

/// <summary>
/// A budget line of a department for a year (<c>office_budget_lines</c>), in integer fen so sums stay exact in SQL
/// on every database: the amount, what running procedures hold (reserved) and what was paid (spent).
/// </summary>
public sealed class BudgetLineRecord
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }
    public required string DepartmentId { get; set; }
    public int Year { get; set; }

    /// <summary>The line's code within the department and year (e.g. <c>302-01</c>), as forms name it.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public long AmountFen { get; set; }
    public long ReservedFen { get; set; }
    public long SpentFen { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>What one procedure instance holds of a line (<c>office_budget_reservations</c>): one row per instance.</summary>
public sealed class BudgetReservationRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long LineId { get; set; }
    public required string ProcessKey { get; set; }
    public long AmountFen { get; set; }
    public long SpentFen { get; set; }

    /// <summary><see cref="BudgetReservationStates"/>.</summary>
    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>States of a reservation: held, given back (rejected, cancelled), turned into spending (paid).</summary>
public static class BudgetReservationStates
{
    public const string Reserved = "reserved", Released = "released", Spent = "spent";
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLineRecord>
{
    public void Configure(EntityTypeBuilder<BudgetLineRecord> builder)
    {
        builder.ToRecordTable("office_budget_lines");
        builder.Property(l => l.AgencyId).HasMaxLength(100);
        builder.Property(l => l.DepartmentId).HasMaxLength(100);
        builder.Property(l => l.Code).HasMaxLength(40);
        builder.Property(l => l.Name).HasMaxLength(200);
        builder.HasIndex(l => new { l.DepartmentId, l.Year, l.Code }).IsUnique()
            .HasDatabaseName("ux_office_budget_lines_department_year_code");
        builder.HasIndex(l => new { l.AgencyId, l.Year }).HasDatabaseName("ix_office_budget_lines_agency_year");
    }
}

internal sealed class BudgetReservationConfiguration : IEntityTypeConfiguration<BudgetReservationRecord>
{
    public void Configure(EntityTypeBuilder<BudgetReservationRecord> builder)
    {
        builder.ToRecordTable("office_budget_reservations");
        builder.Property(r => r.ProcessKey).HasMaxLength(100);
        builder.Property(r => r.State).HasMaxLength(20);
        // One reservation per instance: a resubmission replaces it, a retried command finds it.
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_budget_reservations_instance_id");
        builder.HasIndex(r => r.LineId).HasDatabaseName("ix_office_budget_reservations_line_id");
    }
}
