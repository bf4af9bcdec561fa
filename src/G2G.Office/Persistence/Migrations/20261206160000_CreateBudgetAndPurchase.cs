using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>Budget lines and the reservations procedures hold on them (预算执行); the purchase of each 采购 instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206160000_CreateBudgetAndPurchase")]
public sealed class CreateBudgetAndPurchase : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_budget_lines", t => new
        {
            id = OfficeColumns.Identity(t),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            department_id = t.Column<string>(maxLength: 100, nullable: false),
            year = t.Column<int>(nullable: false),
            code = t.Column<string>(maxLength: 40, nullable: false),
            name = t.Column<string>(maxLength: 200, nullable: false),
            amount_fen = t.Column<long>(nullable: false),
            reserved_fen = t.Column<long>(nullable: false),
            spent_fen = t.Column<long>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_budget_lines", x => x.id));
        m.CreateIndex("ux_office_budget_lines_department_year_code", "office_budget_lines",
            ["department_id", "year", "code"], unique: true);
        m.CreateIndex("ix_office_budget_lines_agency_year", "office_budget_lines", ["agency_id", "year"]);
        m.CreateTable("office_budget_reservations", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            line_id = t.Column<long>(nullable: false),
            process_key = t.Column<string>(maxLength: 100, nullable: false),
            amount_fen = t.Column<long>(nullable: false),
            spent_fen = t.Column<long>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_budget_reservations", x => x.id));
        m.CreateIndex("ux_office_budget_reservations_instance_id", "office_budget_reservations", "instance_id", unique: true);
        m.CreateIndex("ix_office_budget_reservations_line_id", "office_budget_reservations", "line_id");
        CreatePurchases(m);
    }

    private static void CreatePurchases(MigrationBuilder m)
    {
        m.CreateTable("office_purchases", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            requester = t.Column<string>(maxLength: 100, nullable: false),
            department_id = t.Column<string>(maxLength: 100, nullable: false),
            item = t.Column<string>(maxLength: 200, nullable: false),
            amount_fen = t.Column<long>(nullable: false),
            method = t.Column<string>(maxLength: 20, nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            supplier = t.Column<string>(maxLength: 200, nullable: true),
            contract_number = t.Column<string>(maxLength: 60, nullable: true),
            contract_amount_fen = t.Column<long>(nullable: true),
            acceptor = t.Column<string>(maxLength: 100, nullable: true),
            accepted_at = t.Column<DateTimeOffset>(nullable: true),
            paid_fen = t.Column<long>(nullable: true),
            voucher = t.Column<string>(maxLength: 60, nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_purchases", x => x.id));
        m.CreateIndex("ux_office_purchases_instance_id", "office_purchases", "instance_id", unique: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_purchases");
        migrationBuilder.DropTable("office_budget_reservations");
        migrationBuilder.DropTable("office_budget_lines");
    }
}
