using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Supplies;

/// <summary>
/// An office supply an agency keeps (<c>office_supply_items</c>): what is on the shelf (<see cref="InStock"/>) and how
/// much of it requests under approval hold (<see cref="Reserved"/>). Both only change by conditional updates, so
/// neither the stock nor what is free of it (in stock minus reserved) ever goes below zero.
/// </summary>
public sealed class SupplyItemRecord : IAgencyItem
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The code requests name (物品编号), unique within the agency.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The unit quantities count (包, 支, 个).</summary>
    public required string Unit { get; set; }

    public int InStock { get; set; }
    public int Reserved { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>The request of one 办公用品领用 instance (<c>office_supply_requests</c>) and its state.</summary>
public sealed class SupplyRequestRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string AgencyId { get; set; }
    public required string RequesterId { get; set; }

    /// <summary><see cref="SupplyStates"/>.</summary>
    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public List<SupplyLineRecord> Lines { get; } = [];
}

/// <summary>One line of a request (<c>office_supply_lines</c>): an item and a whole quantity.</summary>
public sealed class SupplyLineRecord
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public long ItemId { get; set; }
    public int Quantity { get; set; }
}

/// <summary>States of a request: its quantities are reserved, then issued (taken from stock) or released.</summary>
public static class SupplyStates
{
    public const string Reserved = "reserved", Issued = "issued", Released = "released";
}

internal sealed class SupplyItemConfiguration : IEntityTypeConfiguration<SupplyItemRecord>
{
    public void Configure(EntityTypeBuilder<SupplyItemRecord> builder)
    {
        builder.ToRecordTable("office_supply_items");
        builder.Property(i => i.AgencyId).HasMaxLength(100);
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Unit).HasMaxLength(10);
        builder.HasIndex(i => new { i.AgencyId, i.Code }).IsUnique()
            .HasDatabaseName("ux_office_supply_items_agency_code");
    }
}

internal sealed class SupplyRequestConfiguration : IEntityTypeConfiguration<SupplyRequestRecord>
{
    public void Configure(EntityTypeBuilder<SupplyRequestRecord> builder)
    {
        builder.ToRecordTable("office_supply_requests");
        builder.Property(r => r.AgencyId).HasMaxLength(100);
        builder.Property(r => r.RequesterId).HasMaxLength(100);
        builder.Property(r => r.State).HasMaxLength(20);
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_supply_requests_instance_id");
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RequestId)
            .HasConstraintName("fk_office_supply_lines_request").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupplyLineConfiguration : IEntityTypeConfiguration<SupplyLineRecord>
{
    public void Configure(EntityTypeBuilder<SupplyLineRecord> builder)
    {
        builder.ToRecordTable("office_supply_lines");
        builder.HasIndex(l => l.RequestId).HasDatabaseName("ix_office_supply_lines_request_id");
    }
}
