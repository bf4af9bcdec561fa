using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Documents.Persistence.Migrations;

/// <summary>公文: documents, their recipients and attachments, the 发文字号 counters and the agencies' seals.</summary>
[DbContext(typeof(DocumentsDbContext))]
[Migration("20261207060000_CreateDocuments")]
public sealed class CreateDocuments : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("doc_documents", t => new
        {
            id = Identity(t),
            instance_id = t.Column<long>(nullable: true),
            type = t.Column<string>(maxLength: 10, nullable: false),
            title = t.Column<string>(maxLength: 200, nullable: false),
            issuing_agency_id = t.Column<string>(maxLength: 50, nullable: false),
            department_id = t.Column<string>(maxLength: 50, nullable: true),
            drafter = t.Column<string>(maxLength: 100, nullable: false),
            document_number = t.Column<string>(maxLength: 100, nullable: true),
            number_year = t.Column<int>(nullable: true),
            number_seq = t.Column<int>(nullable: true),
            signer = t.Column<string>(maxLength: 100, nullable: true),
            signer_name = t.Column<string>(maxLength: 200, nullable: true),
            classification = t.Column<int>(nullable: false),
            secrecy_years = t.Column<int>(nullable: true),
            urgency = t.Column<string>(maxLength: 10, nullable: false),
            written_on = t.Column<DateOnly>(nullable: true),
            body_sha256 = t.Column<string>(maxLength: 64, nullable: false),
            note = t.Column<string>(maxLength: 500, nullable: true),
            state = t.Column<string>(maxLength: 20, nullable: false),
            seal = t.Column<string>(maxLength: 200, nullable: true),
            sealed_at = t.Column<DateTimeOffset>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_doc_documents", x => x.id));
        m.CreateIndex("ux_doc_documents_instance_id", "doc_documents", "instance_id", unique: true);
        m.CreateIndex("ux_doc_documents_issuing_agency_id_number_year_number_seq", "doc_documents",
            ["issuing_agency_id", "number_year", "number_seq"], unique: true);
        m.CreateIndex("ix_doc_documents_issuing_agency_id_state", "doc_documents", ["issuing_agency_id", "state"]);

        m.CreateTable("doc_recipients", t => new
        {
            id = Identity(t),
            document_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            kind = t.Column<string>(maxLength: 10, nullable: false),
            position = t.Column<int>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            receipt_instance_id = t.Column<long>(nullable: true),
            dispatched_at = t.Column<DateTimeOffset>(nullable: true),
            received_at = t.Column<DateTimeOffset>(nullable: true),
            refusal = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_doc_recipients", x => x.id);
            t.ForeignKey("fk_doc_recipients_document", x => x.document_id, "doc_documents", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ux_doc_recipients_document_id_agency_id", "doc_recipients", ["document_id", "agency_id"], unique: true);
        m.CreateIndex("ix_doc_recipients_agency_id_state", "doc_recipients", ["agency_id", "state"]);
        m.CreateIndex("ix_doc_recipients_receipt_instance_id", "doc_recipients", "receipt_instance_id");

        m.CreateTable("doc_attachments", t => new
        {
            id = Identity(t),
            document_id = t.Column<long>(nullable: false),
            position = t.Column<int>(nullable: false),
            name = t.Column<string>(maxLength: 200, nullable: false),
            content_type = t.Column<string>(maxLength: 100, nullable: false),
            size = t.Column<long>(nullable: false),
            sha256 = t.Column<string>(maxLength: 64, nullable: false),
            uploaded_by = t.Column<string>(maxLength: 100, nullable: false),
            uploaded_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_doc_attachments", x => x.id);
            t.ForeignKey("fk_doc_attachments_document", x => x.document_id, "doc_documents", "id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ux_doc_attachments_document_id_position", "doc_attachments", ["document_id", "position"], unique: true);

        m.CreateTable("doc_number_counters", t => new
        {
            agency_id = t.Column<string>(maxLength: 60, nullable: false),
            year = t.Column<int>(nullable: false),
            last_number = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_doc_number_counters", x => new { x.agency_id, x.year }));

        m.CreateTable("doc_agency_seals", t => new
        {
            agency_id = t.Column<string>(maxLength: 50, nullable: false),
            certificate = t.Column<string>(maxLength: 4000, nullable: false),
            protected_key = t.Column<string>(maxLength: 4000, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_doc_agency_seals", x => x.agency_id));
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "doc_agency_seals", "doc_number_counters", "doc_attachments", "doc_recipients", "doc_documents" })
            migrationBuilder.DropTable(table);
    }

    internal static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
