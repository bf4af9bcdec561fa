using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Supplies;

/// <summary>
/// An office supply an agency keeps (<c>office_supply_items</c>): what is on the shelf (<see cref="InStock"/>) and how
/// much of it requests under approval hold (<see cref="Reserved"/>). Both only change by conditional updates, so
/// neither the stock nor what is free of it (in stock minus reserved) ever goes below zero.
/// </summary>
public sealed class SupplyItemRecord
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
        builder.ToTable("office_supply_items");
        builder.HasKey(i => i.Id).HasName("pk_office_supply_items");
        builder.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(i => i.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(i => i.Code).HasColumnName("code").HasMaxLength(40);
        builder.Property(i => i.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(i => i.Unit).HasColumnName("unit").HasMaxLength(10);
        builder.Property(i => i.InStock).HasColumnName("in_stock");
        builder.Property(i => i.Reserved).HasColumnName("reserved");
        builder.Property(i => i.IsActive).HasColumnName("is_active");
        builder.HasIndex(i => new { i.AgencyId, i.Code }).IsUnique()
            .HasDatabaseName("ux_office_supply_items_agency_code");
    }
}

internal sealed class SupplyRequestConfiguration : IEntityTypeConfiguration<SupplyRequestRecord>
{
    public void Configure(EntityTypeBuilder<SupplyRequestRecord> builder)
    {
        builder.ToTable("office_supply_requests");
        builder.HasKey(r => r.Id).HasName("pk_office_supply_requests");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.InstanceId).HasColumnName("instance_id");
        builder.Property(r => r.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(r => r.RequesterId).HasColumnName("requester_id").HasMaxLength(100);
        builder.Property(r => r.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.ChangedAt).HasColumnName("changed_at");
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_supply_requests_instance_id");
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RequestId)
            .HasConstraintName("fk_office_supply_lines_request").OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SupplyLineConfiguration : IEntityTypeConfiguration<SupplyLineRecord>
{
    public void Configure(EntityTypeBuilder<SupplyLineRecord> builder)
    {
        builder.ToTable("office_supply_lines");
        builder.HasKey(l => l.Id).HasName("pk_office_supply_lines");
        builder.Property(l => l.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(l => l.RequestId).HasColumnName("request_id");
        builder.Property(l => l.ItemId).HasColumnName("item_id");
        builder.Property(l => l.Quantity).HasColumnName("quantity");
        builder.HasIndex(l => l.RequestId).HasDatabaseName("ix_office_supply_lines_request_id");
    }
}
