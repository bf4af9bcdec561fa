using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Documents.Persistence.Migrations;

/// <summary>归档: one item per document and filing agency, with its archive code, retention and destruction record.</summary>
[DbContext(typeof(DocumentsDbContext))]
[Migration("20261207070000_CreateArchive")]
public sealed class CreateArchive : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("doc_archive_items", t => new
        {
            id = CreateDocuments.Identity(t),
            document_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            archive_code = t.Column<string>(maxLength: 120, nullable: false),
            year = t.Column<int>(nullable: false),
            retention = t.Column<string>(maxLength: 10, nullable: false),
            item_number = t.Column<int>(nullable: false),
            document_number = t.Column<string>(maxLength: 100, nullable: true),
            title = t.Column<string>(maxLength: 200, nullable: false),
            filed_on = t.Column<DateOnly>(nullable: false),
            keep_until = t.Column<DateOnly>(nullable: true),
            state = t.Column<string>(maxLength: 30, nullable: false),
            destruction_instance_id = t.Column<long>(nullable: true),
            destruction_approved_by = t.Column<string>(maxLength: 100, nullable: true),
            destroyed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_doc_archive_items", x => x.id));
        m.CreateIndex("ux_doc_archive_items_archive_code", "doc_archive_items", "archive_code", unique: true);
        m.CreateIndex("ux_doc_archive_items_document_id_agency_id", "doc_archive_items", ["document_id", "agency_id"], unique: true);
        m.CreateIndex("ix_doc_archive_items_agency_id_state_keep_until", "doc_archive_items", ["agency_id", "state", "keep_until"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("doc_archive_items");
    }
}
