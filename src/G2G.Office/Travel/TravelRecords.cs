using G2G.Runtime;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Travel;

/// <summary>
/// A destination and its class for the standards (<c>office_travel_cities</c>): 一类 (1), 二类 (2), 三类 (3), and whether
/// it lies in the province (travel out of it goes to the deputy leader too). A city not listed is 三类 and out of
/// the province.
/// </summary>
public sealed class TravelCityRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public int CityClass { get; set; }
    public bool InProvince { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// What a traveller of a rank may spend in a city class (<c>office_travel_standards</c>), in fen: accommodation per
/// night, allowance (伙食补助 and 市内交通) per day, and the highest seat on trains and planes.
/// </summary>
public sealed class TravelStandardRecord
{
    public long Id { get; set; }
    public int CityClass { get; set; }

    /// <summary><see cref="TravelRanks"/>.</summary>
    public required string Rank { get; set; }

    public long AccommodationFen { get; set; }
    public long AllowanceFen { get; set; }

    /// <summary><see cref="TravelSeats"/>: 1 standard, 2 first, 3 premium.</summary>
    public int MaxSeat { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>The travel request of one 出差申请 instance (<c>office_travel_requests</c>).</summary>
public sealed class TravelRequestRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string Requester { get; set; }
    public required string AgencyId { get; set; }
    public required string DepartmentId { get; set; }
    public required string Destination { get; set; }
    public int CityClass { get; set; }
    public bool InProvince { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public required string Purpose { get; set; }

    /// <summary>The travellers' user ids, the requester first, separated by commas.</summary>
    public required string Travellers { get; set; }

    public long EstimatedFen { get; set; }
    public required string BudgetLine { get; set; }

    /// <summary><see cref="TravelStates"/>.</summary>
    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }

    public IReadOnlyList<string> TravellerIds => Travellers.Split(',');
}

/// <summary>The reimbursement of one 差旅报销 instance (<c>office_travel_claims</c>) with its expense lines.</summary>
public sealed class TravelClaimRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }

    /// <summary>The 出差申请 instance whose approved request this claims against.</summary>
    public long RequestInstanceId { get; set; }

    public required string Claimant { get; set; }
    public long ClaimedFen { get; set; }

    /// <summary><see cref="ClaimStates"/>.</summary>
    public required string State { get; set; }

    public long? PaidFen { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? PaymentReference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public List<TravelClaimLineRecord> Lines { get; } = [];
}

/// <summary>One expense line (<c>office_travel_claim_lines</c>): transport, accommodation (per night) or allowance (per day).</summary>
public sealed class TravelClaimLineRecord
{
    public long Id { get; set; }
    public long ClaimId { get; set; }

    /// <summary><see cref="ExpenseKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Traveller { get; set; }
    public DateOnly StartsOn { get; set; }

    /// <summary>Nights (accommodation), days (allowance), 1 (transport).</summary>
    public int Units { get; set; }

    public int? Seat { get; set; }
    public long AmountFen { get; set; }
}

/// <summary>States of a travel request: under approval (its estimate held), approved, rejected, cancelled, reimbursed.</summary>
public static class TravelStates
{
    public const string Requested = "requested", Approved = "approved", Rejected = "rejected", Cancelled = "cancelled",
        Reimbursed = "reimbursed", Lapsed = "lapsed";

    public static RuntimeText Text(string state) => state switch
    {
        Requested => OfficeMessages.TravelStateRequested(),
        Approved => OfficeMessages.TravelStateApproved(),
        Rejected => OfficeMessages.TravelStateRejected(),
        Cancelled => OfficeMessages.TravelStateCancelled(),
        Lapsed => OfficeMessages.TravelStateLapsed(),
        _ => OfficeMessages.TravelStateReimbursed(),
    };
}

/// <summary>States of a reimbursement: under review, rejected, paid, cancelled (终止).</summary>
public static class ClaimStates
{
    public const string Claimed = "claimed", Rejected = "rejected", Paid = "paid", Cancelled = "cancelled";
}

/// <summary>Kinds of expense line.</summary>
public static class ExpenseKinds
{
    public const string Transport = "transport", Accommodation = "accommodation", Allowance = "allowance";

    public static readonly IReadOnlyList<string> All = [Transport, Accommodation, Allowance];
}

/// <summary>
/// Ranks of the standards: <c>leader</c> 厅局级及以上 (who holds 主要领导 or 分管领导), <c>staff</c> 处级及以下 (everyone
/// else), as 中央和国家机关差旅费管理办法 groups them below ministers.
/// </summary>
public static class TravelRanks
{
    public const string Leader = "leader", Staff = "staff";

    public static readonly IReadOnlyList<string> All = [Leader, Staff];

    public static RuntimeText Text(string rank) => rank == Leader ? OfficeMessages.TravelRankLeader() : OfficeMessages.TravelRankStaff();
}

/// <summary>Seats of a transport line, by tier: what a standard's <see cref="TravelStandardRecord.MaxSeat"/> allows.</summary>
public static class TravelSeats
{
    public const int Standard = 1, First = 2, Premium = 3;

    public static RuntimeText Text(int seat) => seat switch
    {
        Premium => OfficeMessages.TravelSeatPremium(),
        First => OfficeMessages.TravelSeatFirst(),
        _ => OfficeMessages.TravelSeatStandard(),
    };

    /// <summary>The seat of a form's value (<c>standard</c>, <c>first</c>, <c>premium</c>), or null.</summary>
    public static int? Parse(string value) => value switch
    {
        "standard" => Standard,
        "first" => First,
        "premium" => Premium,
        _ => null,
    };
}

internal sealed class TravelCityConfiguration : IEntityTypeConfiguration<TravelCityRecord>
{
    public void Configure(EntityTypeBuilder<TravelCityRecord> builder)
    {
        builder.ToRecordTable("office_travel_cities");
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.HasIndex(c => c.Name).IsUnique().HasDatabaseName("ux_office_travel_cities_name");
    }
}

internal sealed class TravelStandardConfiguration : IEntityTypeConfiguration<TravelStandardRecord>
{
    public void Configure(EntityTypeBuilder<TravelStandardRecord> builder)
    {
        builder.ToRecordTable("office_travel_standards");
        builder.Property(s => s.Rank).HasMaxLength(20);
        builder.HasIndex(s => new { s.CityClass, s.Rank }).IsUnique().HasDatabaseName("ux_office_travel_standards_class_rank");
    }
}

internal sealed class TravelRequestConfiguration : IEntityTypeConfiguration<TravelRequestRecord>
{
    public void Configure(EntityTypeBuilder<TravelRequestRecord> builder)
    {
        builder.ToRecordTable("office_travel_requests");
        builder.Property(r => r.Requester).HasMaxLength(100);
        builder.Property(r => r.AgencyId).HasMaxLength(100);
        builder.Property(r => r.DepartmentId).HasMaxLength(100);
        builder.Property(r => r.Destination).HasMaxLength(50);
        builder.Property(r => r.Purpose).HasMaxLength(500);
        builder.Property(r => r.Travellers).HasMaxLength(500);
        builder.Property(r => r.BudgetLine).HasMaxLength(40);
        builder.Property(r => r.State).HasMaxLength(20);
        builder.Ignore(r => r.TravellerIds);
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_travel_requests_instance_id");
        builder.HasIndex(r => new { r.Requester, r.State }).HasDatabaseName("ix_office_travel_requests_requester_state");
    }
}

internal sealed class TravelClaimConfiguration : IEntityTypeConfiguration<TravelClaimRecord>
{
    public void Configure(EntityTypeBuilder<TravelClaimRecord> builder)
    {
        builder.ToRecordTable("office_travel_claims");
        builder.Property(c => c.Claimant).HasMaxLength(100);
        builder.Property(c => c.State).HasMaxLength(20);
        builder.Property(c => c.PaymentReference).HasMaxLength(60);
        builder.HasIndex(c => c.InstanceId).IsUnique().HasDatabaseName("ux_office_travel_claims_instance_id");
        builder.HasIndex(c => c.RequestInstanceId).HasDatabaseName("ix_office_travel_claims_request_instance_id");
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId)
            .HasConstraintName("fk_office_travel_claim_lines_claim").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TravelClaimLineConfiguration : IEntityTypeConfiguration<TravelClaimLineRecord>
{
    public void Configure(EntityTypeBuilder<TravelClaimLineRecord> builder)
    {
        builder.ToRecordTable("office_travel_claim_lines");
        builder.Property(l => l.Kind).HasMaxLength(20);
        builder.Property(l => l.Traveller).HasMaxLength(100);
        builder.HasIndex(l => l.ClaimId).HasDatabaseName("ix_office_travel_claim_lines_claim_id");
    }
}
