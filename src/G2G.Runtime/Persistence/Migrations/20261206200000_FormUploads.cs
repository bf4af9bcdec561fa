using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Persistence.Migrations;

/// <summary>
/// Uploads of forms' file fields (<c>form_uploads</c>): who stored which file when, and the instance whose submitted
/// form holds it. A submission may only hold files its submitter uploaded or its instance holds already, and uploads
/// never submitted are swept away after a day.
/// </summary>
[DbContext(typeof(G2GDbContext))]
[Migration("20261206200000_FormUploads")]
public sealed class FormUploads : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "form_uploads",
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                sha256 = table.Column<string>(maxLength: 64, nullable: false),
                name = table.Column<string>(maxLength: 255, nullable: false),
                content_type = table.Column<string>(maxLength: 255, nullable: false),
                size = table.Column<long>(nullable: false),
                uploaded_by = table.Column<string>(maxLength: 200, nullable: false),
                uploaded_at = table.Column<DateTimeOffset>(nullable: false),
                instance_id = table.Column<long>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_form_uploads", u => u.id));
        migrationBuilder.CreateIndex("ix_form_uploads_sha256", "form_uploads", ["sha256"]);
        migrationBuilder.CreateIndex("ix_form_uploads_instance_id_uploaded_at", "form_uploads", ["instance_id", "uploaded_at"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("form_uploads");
    }
}
