using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// The designer's form editor: a draft keeps the form schemas edited with it (<c>process_drafts.forms</c>, a JSON object
/// from form key to schema), so they are saved and published with the diagram.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206180000_DraftForms")]
public sealed class DraftForms : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>("forms", "process_drafts", nullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropColumn("forms", "process_drafts");
    }
}
