using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Records;

/// <summary>
/// One 司法档案调阅 instance's request (<c>office_records_requests</c>): which case file the requesting agency asks of
/// the holding agency, and, once both sides approved, the grant: the requester may open it from
/// <see cref="AccessFrom"/> to <see cref="AccessUntil"/> (dates inclusive, China Standard Time).
/// </summary>
public sealed class RecordsRequestRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string RequestedBy { get; set; }
    public required string RequestingAgencyId { get; set; }
    public required string HoldingAgencyId { get; set; }
    public required string CaseNumber { get; set; }
    public required string Reason { get; set; }
    public DateOnly AccessFrom { get; set; }
    public DateOnly AccessUntil { get; set; }

    /// <summary>The instance's 密级: only people cleared for it see the request.</summary>
    public ClearanceLevel Classification { get; set; }

    /// <summary><see cref="RecordsStates"/>.</summary>
    public required string State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? GrantedAt { get; set; }

    /// <summary>When access ended: expired by the timer, or revoked by an administrator.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>One attempt to open a granted file (<c>office_records_accesses</c>), kept whether it was let in or not.</summary>
public sealed class RecordsAccessRecord
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Allowed { get; set; }

    /// <summary>Why it was refused; null when let in.</summary>
    public string? Refusal { get; set; }
}

/// <summary>States of a records request.</summary>
public static class RecordsStates
{
    public const string Requested = "requested", Rejected = "rejected", Granted = "granted", Expired = "expired",
        Revoked = "revoked";
}

internal sealed class RecordsRequestConfiguration : IEntityTypeConfiguration<RecordsRequestRecord>
{
    public void Configure(EntityTypeBuilder<RecordsRequestRecord> builder)
    {
        builder.ToTable("office_records_requests");
        builder.HasKey(r => r.Id).HasName("pk_office_records_requests");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.InstanceId).HasColumnName("instance_id");
        builder.Property(r => r.RequestedBy).HasColumnName("requested_by").HasMaxLength(100);
        builder.Property(r => r.RequestingAgencyId).HasColumnName("requesting_agency_id").HasMaxLength(100);
        builder.Property(r => r.HoldingAgencyId).HasColumnName("holding_agency_id").HasMaxLength(100);
        builder.Property(r => r.CaseNumber).HasColumnName("case_number").HasMaxLength(100);
        builder.Property(r => r.Reason).HasColumnName("reason").HasMaxLength(1000);
        builder.Property(r => r.AccessFrom).HasColumnName("access_from");
        builder.Property(r => r.AccessUntil).HasColumnName("access_until");
        builder.Property(r => r.Classification).HasColumnName("classification");
        builder.Property(r => r.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.GrantedAt).HasColumnName("granted_at");
        builder.Property(r => r.EndedAt).HasColumnName("ended_at");
        // One request per instance: a handler run again (a send back, a retried command) finds the row it made.
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_records_requests_instance_id");
        builder.HasIndex(r => r.RequestingAgencyId).HasDatabaseName("ix_office_records_requests_requesting_agency_id");
        builder.HasIndex(r => r.HoldingAgencyId).HasDatabaseName("ix_office_records_requests_holding_agency_id");
    }
}

internal sealed class RecordsAccessConfiguration : IEntityTypeConfiguration<RecordsAccessRecord>
{
    public void Configure(EntityTypeBuilder<RecordsAccessRecord> builder)
    {
        builder.ToTable("office_records_accesses");
        builder.HasKey(a => a.Id).HasName("pk_office_records_accesses");
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(a => a.RequestId).HasColumnName("request_id");
        builder.Property(a => a.UserId).HasColumnName("user_id").HasMaxLength(100);
        builder.Property(a => a.At).HasColumnName("at");
        builder.Property(a => a.Allowed).HasColumnName("allowed");
        builder.Property(a => a.Refusal).HasColumnName("refusal").HasMaxLength(300);
        builder.HasOne<RecordsRequestRecord>().WithMany().HasForeignKey(a => a.RequestId)
            .HasConstraintName("fk_office_records_accesses_request").OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.RequestId).HasDatabaseName("ix_office_records_accesses_request_id");
    }
}
