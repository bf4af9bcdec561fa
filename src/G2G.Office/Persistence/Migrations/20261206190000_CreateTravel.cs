using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace G2G.Office.Persistence.Migrations;

/// <summary>差旅: destinations with their class, the standards per class and rank, the request of each 出差申请 instance
/// and the reimbursement (with lines) of each 差旅报销 instance.</summary>
[DbContext(typeof(OfficeDbContext))]
[Migration("20261206190000_CreateTravel")]
public sealed class CreateTravel : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var m = migrationBuilder;
        m.CreateTable("office_travel_cities", t => new
        {
            id = OfficeColumns.Identity(t),
            name = t.Column<string>(maxLength: 50, nullable: false),
            city_class = t.Column<int>(nullable: false),
            in_province = t.Column<bool>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_travel_cities", x => x.id));
        m.CreateIndex("ux_office_travel_cities_name", "office_travel_cities", "name", unique: true);
        m.CreateTable("office_travel_standards", t => new
        {
            id = OfficeColumns.Identity(t),
            city_class = t.Column<int>(nullable: false),
            rank = t.Column<string>(maxLength: 20, nullable: false),
            accommodation_fen = t.Column<long>(nullable: false),
            allowance_fen = t.Column<long>(nullable: false),
            max_seat = t.Column<int>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("pk_office_travel_standards", x => x.id));
        m.CreateIndex("ux_office_travel_standards_class_rank", "office_travel_standards", ["city_class", "rank"], unique: true);
        CreateRequests(m);
        CreateClaims(m);
    }

    private static void CreateRequests(MigrationBuilder m)
    {
        m.CreateTable("office_travel_requests", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            requester = t.Column<string>(maxLength: 100, nullable: false),
            agency_id = t.Column<string>(maxLength: 100, nullable: false),
            department_id = t.Column<string>(maxLength: 100, nullable: false),
            destination = t.Column<string>(maxLength: 50, nullable: false),
            city_class = t.Column<int>(nullable: false),
            in_province = t.Column<bool>(nullable: false),
            starts_on = t.Column<DateOnly>(nullable: false),
            ends_on = t.Column<DateOnly>(nullable: false),
            purpose = t.Column<string>(maxLength: 500, nullable: false),
            travellers = t.Column<string>(maxLength: 500, nullable: false),
            estimated_fen = t.Column<long>(nullable: false),
            budget_line = t.Column<string>(maxLength: 40, nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_travel_requests", x => x.id));
        m.CreateIndex("ux_office_travel_requests_instance_id", "office_travel_requests", "instance_id", unique: true);
        m.CreateIndex("ix_office_travel_requests_requester_state", "office_travel_requests", ["requester", "state"]);
    }

    private static void CreateClaims(MigrationBuilder m)
    {
        m.CreateTable("office_travel_claims", t => new
        {
            id = OfficeColumns.Identity(t),
            instance_id = t.Column<long>(nullable: false),
            request_instance_id = t.Column<long>(nullable: false),
            claimant = t.Column<string>(maxLength: 100, nullable: false),
            claimed_fen = t.Column<long>(nullable: false),
            state = t.Column<string>(maxLength: 20, nullable: false),
            paid_fen = t.Column<long>(nullable: true),
            paid_on = t.Column<DateOnly>(nullable: true),
            payment_reference = t.Column<string>(maxLength: 60, nullable: true),
            created_at = t.Column<DateTimeOffset>(nullable: false),
            changed_at = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t => t.PrimaryKey("pk_office_travel_claims", x => x.id));
        m.CreateIndex("ux_office_travel_claims_instance_id", "office_travel_claims", "instance_id", unique: true);
        m.CreateIndex("ix_office_travel_claims_request_instance_id", "office_travel_claims", "request_instance_id");
        m.CreateTable("office_travel_claim_lines", t => new
        {
            id = OfficeColumns.Identity(t),
            claim_id = t.Column<long>(nullable: false),
            kind = t.Column<string>(maxLength: 20, nullable: false),
            traveller = t.Column<string>(maxLength: 100, nullable: false),
            starts_on = t.Column<DateOnly>(nullable: false),
            units = t.Column<int>(nullable: false),
            seat = t.Column<int>(nullable: true),
            amount_fen = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("pk_office_travel_claim_lines", x => x.id);
            t.ForeignKey("fk_office_travel_claim_lines_claim", x => x.claim_id, "office_travel_claims", "id",
                onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("ix_office_travel_claim_lines_claim_id", "office_travel_claim_lines", "claim_id");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable("office_travel_claim_lines");
        migrationBuilder.DropTable("office_travel_claims");
        migrationBuilder.DropTable("office_travel_requests");
        migrationBuilder.DropTable("office_travel_standards");
        migrationBuilder.DropTable("office_travel_cities");
    }
}
