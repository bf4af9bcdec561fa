using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// Removes what <see cref="EventLogConversion"/> carried over into the instances' event logs: the <c>history</c> table and
/// the instances' chains of <c>audit_log</c>. Down restores the empty table only; the rows live on in <c>instance_events</c>.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration(Id)]
public sealed class DropHistory : Migration
{
    public const string Id = "20261206140100_DropHistory";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("history");
        migrationBuilder.Sql("DELETE FROM audit_log WHERE chain LIKE 'instance:%'");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("history", t => new
        {
            id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            instance_id = t.Column<long>(nullable: false),
            element_id = t.Column<string>(maxLength: 200, nullable: false),
            element_kind = t.Column<string>(maxLength: 50, nullable: false),
            phase = t.Column<string>(maxLength: 20, nullable: false),
            token_id = t.Column<long>(nullable: false),
            occurred_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_history", x => x.id));
        migrationBuilder.CreateIndex("ix_history_instance_id_id", "history", ["instance_id", "id"]);
    }
}
