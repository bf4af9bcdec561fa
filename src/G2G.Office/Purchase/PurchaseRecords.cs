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
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<PurchaseRecord>
{
    public void Configure(EntityTypeBuilder<PurchaseRecord> builder)
    {
        builder.ToTable("office_purchases");
        builder.HasKey(p => p.Id).HasName("pk_office_purchases");
        builder.Property(p => p.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(p => p.InstanceId).HasColumnName("instance_id");
        builder.Property(p => p.Requester).HasColumnName("requester").HasMaxLength(100);
        builder.Property(p => p.DepartmentId).HasColumnName("department_id").HasMaxLength(100);
        builder.Property(p => p.Item).HasColumnName("item").HasMaxLength(200);
        builder.Property(p => p.AmountFen).HasColumnName("amount_fen");
        builder.Property(p => p.Method).HasColumnName("method").HasMaxLength(20);
        builder.Property(p => p.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(p => p.Supplier).HasColumnName("supplier").HasMaxLength(200);
        builder.Property(p => p.ContractNumber).HasColumnName("contract_number").HasMaxLength(60);
        builder.Property(p => p.ContractAmountFen).HasColumnName("contract_amount_fen");
        builder.Property(p => p.Acceptor).HasColumnName("acceptor").HasMaxLength(100);
        builder.Property(p => p.AcceptedAt).HasColumnName("accepted_at");
        builder.Property(p => p.PaidFen).HasColumnName("paid_fen");
        builder.Property(p => p.Voucher).HasColumnName("voucher").HasMaxLength(60);
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.ChangedAt).HasColumnName("changed_at");
        builder.HasIndex(p => p.InstanceId).IsUnique().HasDatabaseName("ux_office_purchases_instance_id");
    }
}
