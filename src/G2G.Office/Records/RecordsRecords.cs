using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
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
        builder.ToRecordTable("office_records_requests");
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.Property(r => r.RequestingAgencyId).HasMaxLength(100);
        builder.Property(r => r.HoldingAgencyId).HasMaxLength(100);
        builder.Property(r => r.CaseNumber).HasMaxLength(100);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.State).HasMaxLength(20);
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
        builder.ToRecordTable("office_records_accesses");
        builder.Property(a => a.UserId).HasMaxLength(100);
        builder.Property(a => a.Refusal).HasMaxLength(300);
        builder.HasOne<RecordsRequestRecord>().WithMany().HasForeignKey(a => a.RequestId)
            .HasConstraintName("fk_office_records_accesses_request").OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.RequestId).HasDatabaseName("ix_office_records_accesses_request_id");
    }
}
