using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Purchase;

/// <summary>The purchase of one 采购 instance (<c>office_purchases</c>): request, contract, acceptance, payment.</summary>
public sealed class PurchaseRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string Requester { get; set; }
    public required string DepartmentId { get; set; }
    public required string Item { get; set; }
    public long AmountFen { get; set; }

    /// <summary><see cref="PurchaseMethods"/>.</summary>
    public required string Method { get; set; }

    /// <summary><see cref="PurchaseStates"/>.</summary>
    public required string State { get; set; }

    public string? Supplier { get; set; }
    public string? ContractNumber { get; set; }
    public long? ContractAmountFen { get; set; }
    public string? Acceptor { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public long? PaidFen { get; set; }
    public string? Voucher { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

public static class PurchaseStates
{
    public const string Requested = "requested", Rejected = "rejected", Contracted = "contracted", Accepted = "accepted",
        Paid = "paid", Cancelled = "cancelled";
}

/// <summary>Procurement methods, chosen by amount (<see cref="PurchaseOptions"/>).</summary>
public static class PurchaseMethods
{
    public const string Inquiry = "inquiry", Competitive = "competitive", PublicTender = "public-tender";

    public static string Name(string method) => method switch
    {
        PublicTender => "公开招标",
        Competitive => "竞争性磋商",
        _ => "询价",
    };
}

/// <summary>
/// Thresholds of 采购 per installation (section <c>Office:Purchase</c>), in whole yuan: the procurement method and who
/// approves follow the amount asked.
/// </summary>
public sealed class PurchaseOptions
{
    public const string Section = "Office:Purchase";

    /// <summary>From this amount 竞争性磋商 instead of 询价.</summary>
    public long CompetitiveFrom { get; set; } = 200_000;

    /// <summary>From this amount 公开招标.</summary>
    public long PublicTenderFrom { get; set; } = 4_000_000;

    /// <summary>From this amount the deputy leader (分管领导) approves after the department head.</summary>
    public long DeputyFrom { get; set; } = 50_000;

    /// <summary>From this amount the principal leader (主要领导) approves too.</summary>
    public long PrincipalFrom { get; set; } = 500_000;

    /// <summary>From this amount, after the principal leader, the leadership decides collectively (三重一大: a vote of the
    /// principal and deputy leaders, more than half approving).</summary>
    public long CollectiveFrom { get; set; } = 1_000_000;
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<PurchaseRecord>
{
    public void Configure(EntityTypeBuilder<PurchaseRecord> builder)
    {
        builder.ToRecordTable("office_purchases");
        builder.Property(p => p.Requester).HasMaxLength(100);
        builder.Property(p => p.DepartmentId).HasMaxLength(100);
        builder.Property(p => p.Item).HasMaxLength(200);
        builder.Property(p => p.Method).HasMaxLength(20);
        builder.Property(p => p.State).HasMaxLength(20);
        builder.Property(p => p.Supplier).HasMaxLength(200);
        builder.Property(p => p.ContractNumber).HasMaxLength(60);
        builder.Property(p => p.Acceptor).HasMaxLength(100);
        builder.Property(p => p.Voucher).HasMaxLength(60);
        builder.HasIndex(p => p.InstanceId).IsUnique().HasDatabaseName("ux_office_purchases_instance_id");
    }
}
