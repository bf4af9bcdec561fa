using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>Office supplies with their stock per agency, and the request (with lines) of each 办公用品领用
/// instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206170100_CreateSupplies")]
public sealed class CreateSupplies : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_supply_items", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            code = t.Column<string>(maxLength: 40, nullable: false),
            name = t.Column<string>(maxLength: 100, nullable: false),
            unit = t.Column<string>(maxLength: 10, nullable: false),
            in_stock = t.Column<int>(nullable: false),
            reserved = t.Column<int>(nullable: false),
            is_active = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_supply_items", x => x.id));
        m.CreateIndex("ux_office_supply_items_agency_code", "office_supply_items", ["agency_id", "code"], unique: true);
        m.CreateTable("office_supply_requests", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            requester_id = t.Column<string>(maxLength: 100, nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_supply_requests", x => x.id));
        m.CreateIndex("ux_office_supply_requests_instance_id", "office_supply_requests", "instance_id", unique: true);
        m.CreateTable("office_supply_lines", t => new
        {
            id = OfficeColumns.Identity(t),
            request_id = t.Column<long>(nullable: false),
            item_id = t.Column<long>(nullable: false),
            quantity = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_office_supply_lines", x => x.id);
            t.ForeignKey("fk_office_supply_lines_request", x => x.request_id, "office_supply_requests", "id",
                onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_office_supply_lines_request_id", "office_supply_lines", "request_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_supply_lines");
        migrationBuilder.DropTable("office_supply_requests");
        migrationBuilder.DropTable("office_supply_items");
    }
}
