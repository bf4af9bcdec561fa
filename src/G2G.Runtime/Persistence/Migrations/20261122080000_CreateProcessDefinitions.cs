using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// First table of the durable runtime. Written by hand (docs/architecture.md, "Schema and migrations"):
/// no column types, so each provider maps the CLR types itself, and the key's value generation is given to
/// both providers as annotations that each one reads and the other ignores.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261122080000_CreateProcessDefinitions")]
public sealed class CreateProcessDefinitions : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "process_definitions",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                process_key = table.Column<string>(maxLength: 200, nullable: false),
                version = table.Column<int>(nullable: false),
                name = table.Column<string>(maxLength: 400, nullable: true),
                content_hash = table.Column<string>(maxLength: 64, nullable: false),
                xml = table.Column<string>(nullable: false),
                deployed_at = table.Column<DateTimeOffset>(nullable: false),
                is_published = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_process_definitions", d => d.id));

        migrationBuilder.CreateIndex(
            name: "ux_process_definitions_process_key_version",
            table: "process_definitions",
            columns: ["process_key", "version"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "ix_process_definitions_process_key_content_hash",
            table: "process_definitions",
            columns: ["process_key", "content_hash"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "process_definitions");
    }
}
