using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The organisation's stamp (<c>organisation_stamp</c>, one row): every change to the organisation writes a new
/// value in its transaction, and nodes cache resolved assignment rules under the value they read
/// (Organisation/OrganisationStamp.cs), so a task-creating command reads one row instead of three to five.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261203130000_OrganisationStamp")]
public sealed class OrganisationStamp : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("organisation_stamp", t => new
        {
            id = t.Column<int>(nullable: false),
            stamp = t.Column<string>(maxLength: 36, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_organisation_stamp", x => x.id));
        migrationBuilder.Sql("INSERT INTO organisation_stamp (id, stamp) VALUES (1, 'initial')");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("organisation_stamp");
    }
}
