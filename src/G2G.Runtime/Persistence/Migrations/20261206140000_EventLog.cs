using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// One event log per instance (<c>instance_events</c>) instead of <c>history</c> and the instances' chains in <c>audit_log</c>;
/// records name the key that signed them (<c>key_id</c>); the instance row's head is the event log's. The rows of the old
/// tables are carried over and signed by <see cref="EventLogConversion"/> before <see cref="DropHistory"/> removes them
/// (<see cref="DatabaseMigrationExtensions"/> runs the three in that order).
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration(Id)]
public sealed class EventLog : Migration
{
    public const string Id = "20261206140000_EventLog";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("instance_events", t => new
        {
            instance_id = t.Column<long>(nullable: false),
            seq = t.Column<long>(nullable: false),
            occurred_at = t.Column<DateTimeOffset>(nullable: false),
            kind = t.Column<string>(maxLength: 50, nullable: false),
            element_id = t.Column<string>(maxLength: 200, nullable: true),
            element_kind = t.Column<string>(maxLength: 50, nullable: true),
            token_id = t.Column<long>(nullable: true),
            task_id = t.Column<long>(nullable: true),
            actor = t.Column<string>(maxLength: 100, nullable: true),
            on_behalf_of = t.Column<string>(maxLength: 100, nullable: true),
            outcome = t.Column<string>(maxLength: 200, nullable: true),
            comment = t.Column<string>(nullable: true),
            data = t.Column<string>(nullable: true),
            key_id = t.Column<int>(nullable: false),
            hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_instance_events", x => new { x.instance_id, x.seq }));
        migrationBuilder.RenameColumn("audit_head", "process_instances", "event_head");
        migrationBuilder.RenameColumn("audit_seq", "process_instances", "event_seq");
        migrationBuilder.AddColumn<int>("key_id", "audit_log", nullable: false, defaultValue: 0);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("key_id", "audit_log");
        migrationBuilder.RenameColumn("event_seq", "process_instances", "audit_seq");
        migrationBuilder.RenameColumn("event_head", "process_instances", "audit_head");
        migrationBuilder.DropTable("instance_events");
    }
}
