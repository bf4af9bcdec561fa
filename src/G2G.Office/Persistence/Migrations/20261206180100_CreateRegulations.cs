using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Office.Persistence.Migrations;

/// <summary>政策法规发布: the library of published regulations and policies.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206180100_CreateRegulations")]
public sealed class CreateRegulations : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_regulations", t => new
        {
            id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            instance_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            document_number = t.Column<string>(maxLength: 100, nullable: false),
            title = t.Column<string>(maxLength: 200, nullable: false),
            body = t.Column<string>(nullable: false),
            effective_on = t.Column<DateOnly>(nullable: false),
            repealed_on = t.Column<DateOnly>(nullable: true),
            superseded_by_id = t.Column<long>(nullable: true),
            published_at = t.Column<DateTimeOffset>(nullable: false),
            published_by = t.Column<string>(maxLength: 100, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_office_regulations", x => x.id);
            t.ForeignKey("fk_office_regulations_superseded_by", x => x.superseded_by_id, "office_regulations", "id",
                onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("ux_office_regulations_document_number", "office_regulations", "document_number", unique: true);
        m.CreateIndex("ux_office_regulations_instance_id", "office_regulations", "instance_id", unique: true);
        m.CreateIndex("ix_office_regulations_effective_on", "office_regulations", "effective_on");
        m.CreateIndex("ix_office_regulations_superseded_by_id", "office_regulations", "superseded_by_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_regulations");
    }
}
