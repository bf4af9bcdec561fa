using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>司法档案调阅: the request of each instance with its grant, and every attempt to open the file.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206180000_CreateRecords")]
public sealed class CreateRecords : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_records_requests", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            requested_by = t.Column<string>(maxLength: 100, nullable: false),
            requesting_agency_id = t.Column<string>(maxLength: 100, nullable: false),
            holding_agency_id = t.Column<string>(maxLength: 100, nullable: false),
            case_number = t.Column<string>(maxLength: 100, nullable: false),
            reason = t.Column<string>(maxLength: 1000, nullable: false),
            access_from = t.Column<DateOnly>(nullable: false),
            access_until = t.Column<DateOnly>(nullable: false),
            classification = t.Column<int>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            granted_at = t.Column<DateTimeOffset>(nullable: true),
            ended_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_records_requests", x => x.id));
        m.CreateIndex("ux_office_records_requests_instance_id", "office_records_requests", "instance_id", unique: true);
        m.CreateIndex("ix_office_records_requests_requesting_agency_id", "office_records_requests", "requesting_agency_id");
        m.CreateIndex("ix_office_records_requests_holding_agency_id", "office_records_requests", "holding_agency_id");
        m.CreateTable("office_records_accesses", t => new
        {
            id = OfficeColumns.Identity(t),
            request_id = t.Column<long>(nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            at = t.Column<DateTimeOffset>(nullable: false),
            allowed = t.Column<bool>(nullable: false),
            refusal = t.Column<string>(maxLength: 300, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_office_records_accesses", x => x.id);
            t.ForeignKey("fk_office_records_accesses_request", x => x.request_id, "office_records_requests", "id",
                onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_office_records_accesses_request_id", "office_records_accesses", "request_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_records_accesses");
        migrationBuilder.DropTable("office_records_requests");
    }
}
