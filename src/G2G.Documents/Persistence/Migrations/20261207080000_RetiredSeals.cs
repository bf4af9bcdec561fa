using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Documents.Persistence.Migrations;

/// <summary>Seal keys rotated out keep their certificates, so what they sealed still verifies.</summary>
[DbContext(typeof(DocumentsDbContext))]
[Migration("20261207080000_RetiredSeals")]
public sealed class RetiredSeals : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable("doc_retired_seals", t => new
        {
            id = CreateDocuments.Identity(t),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            certificate = t.Column<string>(maxLength: 4000, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            retired_at = t.Column<DateTimeOffset>(nullable: false),
            retired_by = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t => t.PrimaryKey("pk_doc_retired_seals", x => x.id));
        migrationBuilder.CreateIndex("ix_doc_retired_seals_agency_id", "doc_retired_seals", "agency_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("doc_retired_seals");
    }
}
