using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>Leave balances per person, year and type, and the leave request of each 请假 instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206150000_CreateLeave")]
public sealed class CreateLeave : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_leave_balances", t => new
        {
            id = OfficeColumns.Identity(t),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            year = t.Column<int>(nullable: false),
            leave_type = t.Column<string>(maxLength: 20, nullable: false),
            entitled_half_days = t.Column<int>(nullable: false),
            used_half_days = t.Column<int>(nullable: false),
            reserved_half_days = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_leave_balances", x => x.id));
        m.CreateIndex("ux_office_leave_balances_user_year_type", "office_leave_balances", ["user_id", "year", "leave_type"], unique: true);
        m.CreateTable("office_leave_requests", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            user_id = t.Column<string>(maxLength: 100, nullable: false),
            leave_type = t.Column<string>(maxLength: 20, nullable: false),
            starts_on = t.Column<DateOnly>(nullable: false),
            ends_on = t.Column<DateOnly>(nullable: false),
            half_days = t.Column<int>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            actual_half_days = t.Column<int>(nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_leave_requests", x => x.id));
        m.CreateIndex("ux_office_leave_requests_instance_id", "office_leave_requests", "instance_id", unique: true);
        m.CreateIndex("ix_office_leave_requests_user_id_starts_on", "office_leave_requests", ["user_id", "starts_on"]);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_leave_requests");
        migrationBuilder.DropTable("office_leave_balances");
    }
}
