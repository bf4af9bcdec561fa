using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// Heads and anchors: the shared audit chains record their heads (<c>audit_heads</c>, filled from the chains as they are),
/// and the job executor appends periodic anchors over every head (<c>event_anchors</c>, chained; <c>event_anchor_heads</c>,
/// the instance heads the latest anchor covers).
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206150000_EventAnchors")]
public sealed class EventAnchors : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("audit_heads", t => new
        {
            chain = t.Column<string>(maxLength: 100, nullable: false),
            seq = t.Column<long>(nullable: false),
            hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_audit_heads", x => x.chain));
        m.Sql("""
            INSERT INTO audit_heads (chain, seq, hash)
            SELECT a.chain, a.seq, a.hash FROM audit_log a
            WHERE a.seq = (SELECT MAX(b.seq) FROM audit_log b WHERE b.chain = a.chain)
            """);
        m.CreateTable("event_anchors", t => new
        {
            seq = t.Column<long>(nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            instances = t.Column<long>(nullable: false),
            heads_digest = t.Column<string>(maxLength: 64, nullable: false),
            shared_heads = t.Column<string>(nullable: false),
            key_id = t.Column<int>(nullable: false),
            prev_hash = t.Column<string>(maxLength: 64, nullable: false),
            hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_event_anchors", x => x.seq));
        m.CreateTable("event_anchor_heads", t => new
        {
            instance_id = t.Column<long>(nullable: false),
            seq = t.Column<long>(nullable: false),
            hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_event_anchor_heads", x => x.instance_id));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("event_anchor_heads");
        migrationBuilder.DropTable("event_anchors");
        migrationBuilder.DropTable("audit_heads");
    }
}
