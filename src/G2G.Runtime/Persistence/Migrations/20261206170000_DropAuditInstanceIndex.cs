using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// Drops the index of <c>audit_log</c> by instance: instances have their own logs (<c>instance_events</c>) since
/// <see cref="EventLog"/>, the shared chains are read by chain and sequence, and nothing looks audit records up by instance
/// any more. The <c>instance_id</c> column itself stays: records of before the event log may carry a value there, which
/// their keyed hash covers (<c>AuditLog.ComputeHash</c>).
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206170000_DropAuditInstanceIndex")]
public sealed class DropAuditInstanceIndex : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex("ix_audit_log_instance_id_id", "audit_log");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex("ix_audit_log_instance_id_id", "audit_log", ["instance_id", "id"]);
    }
}
