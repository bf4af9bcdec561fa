using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The process designer: drafts of procedures (<c>process_drafts</c>, one per process key), and who deployed each
/// definition version from where (<c>process_definitions.deployed_by</c>, <c>.source</c>), so the list of versions
/// names the person and the workflows folder never redeploys an unchanged file over a version published since.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206160000_ProcessDrafts")]
public sealed class ProcessDrafts : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("deployed_by", "process_definitions", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>("source", "process_definitions", maxLength: 400, nullable: true);
        migrationBuilder.CreateTable(
            name: "process_drafts",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                process_key = table.Column<string>(maxLength: 200, nullable: false),
                name = table.Column<string>(maxLength: 400, nullable: true),
                based_on_version = table.Column<int>(nullable: true),
                xml = table.Column<string>(nullable: false),
                saved_by = table.Column<string>(maxLength: 200, nullable: false),
                saved_at = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_process_drafts", d => d.id));
        migrationBuilder.CreateIndex("ux_process_drafts_process_key", "process_drafts", ["process_key"], unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("process_drafts");
        migrationBuilder.DropColumn("source", "process_definitions");
        migrationBuilder.DropColumn("deployed_by", "process_definitions");
    }
}
